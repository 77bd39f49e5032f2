"""Every fact of a case that is stated per activity, in one place.

A case names activities in: ``client.zelf.activiteiten`` (what the client can do herself),
and in task selections (``huisgenoten[].kan_overnemen``, ``huisgenoten[].
uitstelbaar_op_thuisdagen``, ``netwerk[].neemt_over``, ``particuliere_hulp.taken``,
``client.revalidatie.anti_revaliderend_voor``, ``client.ondersteuningswijze[].taken``,
``client.oefenplan.taken``, ``terminale_situatie.ontlasten``), and
``afwijkingen[].activiteit``. Conversion of old cases (:mod:`.convert`), the engine's
mapping (:mod:`hbh_indicatie.rules.koppeling`) and the reference check (``rules.required_facts``) all
go through :func:`selections` and :func:`with_selections`: a new fact keyed by activity is
added here once.
"""

from __future__ import annotations

from collections.abc import Callable

from hbh_indicatie.models.case import Case, TaskSelection

Rewrite = Callable[[str, TaskSelection], TaskSelection]


def selections(case: Case) -> list[tuple[str, TaskSelection]]:
    """(field path, selection) for every task selection in the case, in a fixed order."""
    found: list[tuple[str, TaskSelection]] = []
    for i, mate in enumerate(case.housemates):
        if mate.can_take_over is not None:
            found.append((f"huisgenoten[{i}].kan_overnemen", mate.can_take_over))
        if isinstance(mate.postponable_at_home, TaskSelection):
            found.append((f"huisgenoten[{i}].uitstelbaar_op_thuisdagen", mate.postponable_at_home))
    for i, member in enumerate(case.network):
        found.append((f"netwerk[{i}].neemt_over", member.takes_over))
    if case.private_help.tasks is not None:
        found.append(("particuliere_hulp.taken", case.private_help.tasks))
    rehab = case.client.rehabilitation
    if rehab is not None and rehab.client_practises is not None:
        found.append(("client.revalidatie.anti_revaliderend_voor", rehab.client_practises))
    for i, support in enumerate(case.client.support_modes):
        found.append((f"client.ondersteuningswijze[{i}].taken", support.tasks))
    if case.client.plan is not None:
        found.append(("client.oefenplan.taken", case.client.plan.tasks))
    if case.terminal.relieve is not None:
        found.append(("terminale_situatie.ontlasten", case.terminal.relieve))
    return found


def with_selections(case: Case, rewrite: Rewrite) -> Case:
    """A copy of ``case`` with every task selection replaced by ``rewrite(path, selection)``
    (unchanged parts are shared; nothing is validated again)."""
    mates = []
    for i, mate in enumerate(case.housemates):
        update: dict[str, object] = {}
        if mate.can_take_over is not None:
            update["can_take_over"] = rewrite(f"huisgenoten[{i}].kan_overnemen",
                                              mate.can_take_over)
        if isinstance(mate.postponable_at_home, TaskSelection):
            update["postponable_at_home"] = rewrite(
                f"huisgenoten[{i}].uitstelbaar_op_thuisdagen", mate.postponable_at_home)
        mates.append(mate.model_copy(update=update) if update else mate)
    network = tuple(m.model_copy(update={"takes_over": rewrite(f"netwerk[{i}].neemt_over",
                                                               m.takes_over)})
                    for i, m in enumerate(case.network))
    private = case.private_help
    if private.tasks is not None:
        private = private.model_copy(
            update={"tasks": rewrite("particuliere_hulp.taken", private.tasks)})
    client = case.client
    rehab = client.rehabilitation
    if rehab is not None and rehab.client_practises is not None:
        rehab = rehab.model_copy(update={"client_practises": rewrite(
            "client.revalidatie.anti_revaliderend_voor", rehab.client_practises)})
        client = client.model_copy(update={"rehabilitation": rehab})
    if client.support_modes:
        client = client.model_copy(update={"support_modes": tuple(
            s.model_copy(update={"tasks": rewrite(f"client.ondersteuningswijze[{i}].taken",
                                                  s.tasks)})
            for i, s in enumerate(client.support_modes))})
    if client.plan is not None:
        client = client.model_copy(update={"plan": client.plan.model_copy(
            update={"tasks": rewrite("client.oefenplan.taken", client.plan.tasks)})})
    terminal = case.terminal
    if terminal.relieve is not None:
        terminal = terminal.model_copy(
            update={"relieve": rewrite("terminale_situatie.ontlasten", terminal.relieve)})
    return case.model_copy(update={
        "housemates": tuple(mates), "network": network, "private_help": private,
        "client": client, "terminal": terminal,
    })


def named_activities(case: Case) -> set[str]:
    """Every activity id the case names anywhere (abilities, selections, deviations)."""
    names = set(case.client.capability.per_activity)
    for _, sel in selections(case):
        names.update(sel.activities)
    names.update(d.activity for d in case.deviations)
    return names
