"""Checks that the case names every fact the norm set needs, before any rule runs.

A fact the protocol needs but the case leaves out is never taken as zero or "no": all
missing facts and unknown activity ids are reported together in one error.
"""

from __future__ import annotations

from functools import lru_cache

from hbh_indicatie.errors import Problem
from hbh_indicatie.models.case import Case, LivingForm, ProfessionalEffort, TaskSelection
from hbh_indicatie.models.common import Aid, Provision
from hbh_indicatie.models.norm_set import NormKey, NormSet
from hbh_indicatie.rules.koppeling import item_of
from hbh_indicatie.rules.state import State
from hbh_indicatie.vocabulary.model import Vocabulary


def _selection_problems(field: str, sel: TaskSelection | None, known: frozenset[str]) -> list[Problem]:
    if sel is None:
        return []
    return [
        Problem(f"{field}.activiteiten", f"onbekende activiteit '{a}'", ", ".join(sorted(known)))
        for a in sel.activities
        if a not in known
    ]


@lru_cache(maxsize=64)
def _known(key: NormKey, vocab: Vocabulary) -> frozenset[str]:
    """The ids a case may name under a set: the vocabulary, its items and toeslagen."""
    norms = key.norms
    return frozenset({a.id for a in norms.activities} | {s.id for s in norms.supplements}
                     | set(vocab.index))


_KNOWN: dict[tuple[int, int], tuple[NormSet, Vocabulary, frozenset[str]]] = {}
""":func:`_known` per norm set and vocabulary by identity (hashing a vocabulary model hashes
all of it; both are kept, so their ids are not reused while cached)."""


def _known_ids(norms: NormSet, vocab: Vocabulary) -> frozenset[str]:
    hit = _KNOWN.get((id(norms), id(vocab)))
    if hit is not None and hit[0] is norms and hit[1] is vocab:
        return hit[2]
    if len(_KNOWN) >= 64:
        _KNOWN.clear()
    known = _known(NormKey(norms), vocab)
    _KNOWN[(id(norms), id(vocab))] = (norms, vocab, known)
    return known


def reference_problems(case: Case, norms: NormSet, vocab: Vocabulary) -> list[Problem]:
    """Activity ids the case names that are neither in the vocabulary (norms/activiteiten.yaml)
    nor an item or toeslag of the set."""
    known = _known_ids(norms, vocab)
    problems: list[Problem] = []
    for act_id in case.client.capability.per_activity:
        if act_id not in known:
            problems.append(Problem(f"client.zelf.activiteiten.{act_id}",
                                    "onbekende activiteit", ", ".join(sorted(known))))
    for i, mate in enumerate(case.housemates):
        problems += _selection_problems(f"huisgenoten[{i}].kan_overnemen", mate.can_take_over, known)
        if isinstance(mate.postponable_at_home, TaskSelection):
            problems += _selection_problems(f"huisgenoten[{i}].uitstelbaar_op_thuisdagen",
                                            mate.postponable_at_home, known)
    for i, member in enumerate(case.network):
        problems += _selection_problems(f"netwerk[{i}].neemt_over", member.takes_over, known)
    problems += _selection_problems("particuliere_hulp.taken", case.private_help.tasks, known)
    rehab = case.client.rehabilitation
    if rehab is not None:
        problems += _selection_problems("client.revalidatie.anti_revaliderend_voor",
                                        rehab.client_practises, known)
    problems += _selection_problems("terminale_situatie.ontlasten", case.terminal.relieve, known)
    for i, dev in enumerate(case.deviations):
        if dev.activity not in known:
            problems.append(Problem(f"afwijkingen[{i}].activiteit",
                                    f"onbekende activiteit '{dev.activity}'",
                                    ", ".join(sorted(known))))
    return problems


@lru_cache(maxsize=64)
def _counted_on(key: NormKey) -> tuple[frozenset[Aid], frozenset[Provision], frozenset[str]]:
    """The aids and the provisions the set counts on anywhere, and the items that count on
    one."""
    acts = key.norms.activities
    return (frozenset(r.aid for a in acts for r in a.replaceable_by if r.aid is not None),
            frozenset(r.provision for a in acts for r in a.replaceable_by
                      if r.provision is not None),
            frozenset(a.id for a in acts if a.replaceable_by))


def missing_judgements(case: Case, norms: NormSet) -> list[Problem]:
    """§3 "mits deze in de individuele situatie daadwerkelijk om meer professionele inzet
    vragen": a factor that is there (:meth:`Case.effort_factors_present`) and for which the
    norm set has a toeslag needs the consultant's judgement ja, nee or onbekend. Left blank it
    is missing, not onbekend: the consultant never chose onbekend."""
    present = case.effort_factors_present()
    if not present:
        return []
    effort = case.professional_effort
    problems: list[Problem] = []
    seen: set[str] = set()
    for sup in norms.supplements:
        condition = sup.condition.value
        if (sup.kind != "toeslag" or condition not in present or condition in seen
                or effort.for_condition(condition) is not None):
            continue
        seen.add(condition)
        problems.append(Problem(
            f"meer_professionele_inzet.{condition}",
            f"{_FACTOR_WORDS[condition]} en de normenset geeft daarvoor extra tijd "
            f"('{sup.label}'): leg vast of dit daadwerkelijk om meer professionele inzet vraagt",
            "ja, nee of onbekend",
        ))
    return problems


def missing_findings(case: Case) -> list[Problem]:
    """Findings the protocol leaves to the consultant that a case may leave out only where they
    do not matter; where they matter a blank is missing, not onbekend (the consultant chooses
    onbekend herself): §1.2 whether a rented room is the permanent home, §1.6 whether
    particuliere hulp is continued once the finances changed (``duurzaam`` of a network member:
    the case model demands it)."""
    problems: list[Problem] = []
    if case.dwelling.living_form is LivingForm.RENTED_ROOM and case.dwelling.permanent_home is None:
        problems.append(Problem("woning.vaste_woonruimte",
                                "bij kamerhuur: is de gehuurde kamer de vaste woonruimte?",
                                "ja, nee of onbekend"))
    private = case.private_help
    if private.present and private.finances_changed is not False and private.continued is None:
        problems.append(Problem("particuliere_hulp.wordt_voortgezet",
                                "de financiën zijn gewijzigd of onbekend: zet de cliënt de "
                                "particuliere hulp op eigen kosten voort?",
                                "ja, nee of onbekend"))
    return problems


_FACTOR_WORDS = {
    "kinderen": "er zijn kinderen onder 18 in het huishouden",
    "derde_persoon": "er is zorg voor een derde persoon",
    "huisdier": "er zijn huisdieren",
    "samenstelling_huishouden": "het huishouden telt meer dan één persoon",
    "extra_kamer_in_gebruik": "er zijn extra kamers in gebruik",
    "extra_kamer_niet_in_gebruik": "er zijn extra kamers die niet in gebruik zijn",
    "partner_beperkingen": "de partner kan het huishouden niet of maar gedeeltelijk doen",
}
"""Per factor of :class:`ProfessionalEffort`, what is there, in words."""
assert set(_FACTOR_WORDS) == ProfessionalEffort.judged()


def missing_facts(case: Case, norms: NormSet, state: State) -> list[Problem]:
    """Aids and provisions the norm set counts on for this household's activities."""
    aids = {a.kind for a in case.aids}
    provisions = {p.kind for p in case.provisions}
    needed_aids, needed_provisions, items = _counted_on(NormKey(norms))
    if needed_aids <= aids and needed_provisions <= provisions:
        return []  # every aid and provision the set counts on is there: nothing can be missing
    problems: list[Problem] = []
    seen: set[str] = set()
    for line in state.find(items=items):  # an input check, not a rule
        act = norms.activity(item_of(line))  # a split item's part: its item
        if act is None:
            continue
        for repl in act.replaceable_by:
            if repl.aid is not None and repl.aid not in aids and repl.aid.value not in seen:
                seen.add(repl.aid.value)
                problems.append(Problem(
                    "hulpmiddelen",
                    f"'{repl.aid.value}' ontbreekt; de normenset rekent ermee bij '{act.label}'",
                    f"{{soort: {repl.aid.value}, aanwezig: ja}} of aanwezig: nee met haalbaar",
                ))
            if (repl.provision is not None and repl.provision not in provisions
                    and repl.provision.value not in seen):
                seen.add(repl.provision.value)
                problems.append(Problem(
                    "voorliggende_voorzieningen",
                    f"'{repl.provision.value}' ontbreekt; de normenset rekent ermee bij "
                    f"'{act.label}'",
                    f"{{soort: {repl.provision.value}, beschikbaar_in_gemeente: ja/nee, "
                    "haalbaar: ja/nee/onbekend}",
                ))
    return problems
