"""§2 Gebruikelijke hulp (with §2.1 overbelasting, §2.2 afwezigheid, §2.3, §4.5 terminaal).

Housemates (partner, child, family member) who are able to do household work are
expected to do it: usual help is obligatory, regardless of gender, religion, culture,
busy work or personal views. Every adult is expected to run a household next to a busy
job. Children contribute according to their age (see ``kinderen``).
"""

from __future__ import annotations

from fractions import Fraction

from hbh_indicatie.models.case import Housemate
from hbh_indicatie.models.common import UNKNOWN, Actor, fraction_text
from hbh_indicatie.rules import afwezigheid, kinderen, overbelasting, terminaal, uitstelbaar
from hbh_indicatie.rules.context import Context, selects
from hbh_indicatie.rules.state import ZERO, Line, State, StepData, allocate

PARAGRAPH = "§2"


def apply(ctx: Context, state: State) -> State:
    state = uitstelbaar.apply(ctx, state)
    # Those able to take over do so first (adults, then children by age); an overburdened
    # housemate's part (§2.1) is only what they leave, so the help never replaces anyone
    # else's usual help (the long-term overburdened last: a temporary one takes over again
    # after the term). Among equals, those used to housework come first (instructie, §1.3, is
    # only needed for what remains for the others), then by name: the order of the list in
    # the file never changes who does what.
    adults = sorted(ctx.adults, key=lambda m: (m.not_used_to_housework, m.name))
    children = sorted(ctx.children, key=lambda c: (-c.age, c.not_used_to_housework, c.name))
    for turn in range(3):
        for mate in adults:
            if _turn(mate) == turn:
                state = _adult(ctx, state, mate)
        for child in children:
            if _turn(child) == turn:
                state = kinderen.apply_child(ctx, state, child)
    return kinderen.after_housemates(ctx, state)


def _turn(mate: Housemate) -> int:
    """0: not overburdened; 1: overburdened for a term (§2.1); 2: for the long term."""
    if mate.overburdened is not True:
        return 0
    return 2 if overbelasting.long_term(mate) else 1


def _facts(mate: Housemate) -> tuple[tuple[str, str], ...]:
    return (
        ("huisgenoot", mate.name),
        ("relatie", mate.relation.value),
        ("leeftijd", str(mate.age)),
        ("kan_huishouden", mate.can_do_household),
        ("afwezigheid", afwezigheid.describe(mate.absences)),
        ("overbelast", str(mate.overburdened)),
    )


def _adult(ctx: Context, state: State, mate: Housemate) -> State:
    facts = _facts(mate)
    if mate.can_do_household == "nee":
        return state.with_step(StepData(
            "gebruikelijke_hulp.kan_niet", PARAGRAPH,
            f"{mate.name} kan geen huishoudelijk werk doen; geen gebruikelijke hulp verwacht.",
            facts,
        ))
    if mate.can_do_household == UNKNOWN:
        return state.with_unknown(
            f"huisgenoten.{mate.name}.kan_huishouden",
            "huisgenoot_onbekend", PARAGRAPH,
            f"Niet bekend of {mate.name} huishoudelijk werk kan doen; geen gebruikelijke hulp "
            "gerekend. Onderzoek dit: het bepaalt de indicatie.",
        )
    if afwezigheid.no_usual_help(mate):
        return state.with_step(StepData(
            "afwezigheid.zeven_etmalen", afwezigheid.PARAGRAPH,
            f"{mate.name} is voor werk {afwezigheid.longest_for_work(mate)} etmalen "
            "aaneengesloten afwezig (7 of meer): van hem of haar kan geen gebruikelijke hulp "
            "worden verwacht.",
            facts,
        ))
    overburdened = mate.overburdened is True
    if mate.overburdened == UNKNOWN:
        state = state.with_unknown(
            f"huisgenoten.{mate.name}.overbelast",
            "overbelasting_onbekend", overbelasting.PARAGRAPH,
            f"Niet bekend of {mate.name} overbelast is; gerekend alsof dat niet zo is.",
        )
    if overburdened:
        overbelasting.check_conflicts(mate, state)
        state = overbelasting.assess(ctx, state, mate)
    state = terminaal.check(ctx, state, mate)
    state, presence = afwezigheid.assess(ctx, state, mate)
    temporary = overbelasting.temporary(ctx, mate) if overburdened else None
    actor = Actor.HELP if overburdened and temporary is None else Actor.HOUSEMATE
    paragraph = overbelasting.PARAGRAPH if overburdened else PARAGRAPH
    # One pass over the lines, one new state at the end (a hot path: no copy per line).
    lines: list[Line] = []
    steps: list[StepData] = []
    for line in state.lines:
        if (not line.open
                or (mate.can_take_over is not None and not selects(mate.can_take_over, line))):
            lines.append(line)
            continue
        if terminaal.relieves(ctx, line):
            lines.append(line)
            steps.append(StepData(
                "terminaal.ontlasten", terminaal.PARAGRAPH,
                f"Terminale situatie: {mate.name} wordt ontlast van '{line.label}' "
                "(gebruikelijke hulp soepel toegepast).",
                (*facts, ("terminale_situatie", "ja")), ZERO, line.id,
            ))
            continue
        share = presence.share(line)
        new, removed = allocate(line, share, actor, paragraph, mate.name, temporary)
        lines.append(new)
        steps.append(_step(ctx, mate, line, presence, removed, new.open, facts))
    return state.with_work(tuple(lines), tuple(steps))


def _step(
    ctx: Context, mate: Housemate, line: Line, presence: afwezigheid.Presence,
    removed: Fraction, left: Fraction, facts: tuple[tuple[str, str], ...],
) -> StepData:
    label, line_id = line.label, line.id
    if mate.overburdened is True:
        if overbelasting.long_term(mate):
            return StepData(
                "overbelasting.langdurig", overbelasting.PARAGRAPH,
                f"{mate.name} zou '{label}' als gebruikelijke hulp overnemen, maar de "
                "overbelasting is niet te verminderen: de hulp doet dit langdurig.",
                facts, ZERO, line_id,
            )
        end = overbelasting.term_end(ctx)
        return StepData(
            "overbelasting.tijdelijk", overbelasting.PARAGRAPH,
            f"{mate.name} zou '{label}' als gebruikelijke hulp overnemen, maar is overbelast: "
            f"de hulp neemt dit tijdelijk over tot en met {end}.",
            facts, ZERO, line_id,
        )
    if presence.away == 0:
        return StepData(
            "gebruikelijke_hulp.volwassene", PARAGRAPH,
            f"{mate.name} ({mate.relation.value}) kan huishoudelijk werk doen en neemt "
            f"'{label}' over als gebruikelijke hulp.",
            facts, -removed, line_id,
        )
    if not line.postponable:
        return StepData(
            "afwezigheid.niet_uitstelbaar", afwezigheid.PARAGRAPH,
            f"'{label}' is niet-uitstelbaar en {mate.name} is "
            f"{fraction_text(presence.away * 100)}% van de dagen afwezig: {mate.name} doet dit "
            f"op de dagen thuis, de hulp op de afwezige dagen ({fraction_text(left)} min/week).",
            facts, -removed, line_id,
        )
    done = presence.postponable_why
    if presence.postponable_tasks is not None:
        done = "alles (vastgestelde taak)" if removed else "niets (geen vastgestelde taak)"
    return StepData(
        presence.postponable_rule, presence.postponable_paragraph,
        f"'{label}' is uitstelbaar: {mate.name} neemt daarvan {done} over op de dagen thuis; "
        f"blijft {fraction_text(left)} min/week.",
        facts, -removed, line_id,
    )
