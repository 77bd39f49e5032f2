"""§2 Gebruikelijke hulp (with §2.1 overbelasting, §2.2 afwezigheid, §2.3, §4.5 terminaal).

Housemates (partner, child, family member) who are able to do household work are
expected to do it: usual help is obligatory, regardless of gender, religion, culture,
busy work or personal views. Every adult is expected to run a household next to a busy
job. Children contribute according to their age (see ``kinderen``).
"""

from __future__ import annotations

from fractions import Fraction

from hbh_indicatie.models.case import Housemate
from hbh_indicatie.models.common import UNKNOWN, Actor, TemporaryReason, fraction_text
from hbh_indicatie.rules import afwezigheid, kinderen, overbelasting, terminaal, uitstelbaar
from hbh_indicatie.rules.context import Context, selects
from hbh_indicatie.rules.state import ZERO, Line, State, StepData, allocate

PARAGRAPH = "§2"


def apply(ctx: Context, state: State) -> State:
    state = uitstelbaar.apply(ctx, state)
    # Those able to take over do so first (adults, then children by age); an overburdened
    # housemate's part (§2.1) is only what they leave, so the temporary help never replaces
    # anyone else's usual help.
    for overburdened in (False, True):
        for mate in ctx.adults:
            if (mate.overburdened is True) is overburdened:
                state = _adult(ctx, state, mate)
        for child in sorted(ctx.children, key=lambda c: -c.age):
            if (child.overburdened is True) is overburdened:
                state = kinderen.apply_child(ctx, state, child)
    return kinderen.after_housemates(ctx, state)


def _facts(mate: Housemate) -> tuple[tuple[str, str], ...]:
    return (
        ("huisgenoot", mate.name),
        ("relatie", mate.relation.value),
        ("leeftijd", str(mate.age)),
        ("kan_huishouden", mate.can_do_household),
        ("afwezig aaneengesloten etmalen", str(mate.absence.longest_nights)),
        ("afwezig dagen per week", str(mate.absence.days_per_week)),
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
            f"{mate.name} is voor werk {mate.absence.longest_nights} etmalen aaneengesloten "
            "afwezig (7 of meer): van hem of haar kan geen gebruikelijke hulp worden verwacht.",
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
        state = overbelasting.warn(ctx, state, mate)
    state = terminaal.check(ctx, state, mate)
    temporary = (
        (overbelasting.term_end(ctx), TemporaryReason.OVERBURDEN, Actor.HELP)
        if overburdened else None
    )
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
        share = afwezigheid.present_share(mate, line)
        paragraph = overbelasting.PARAGRAPH if overburdened else PARAGRAPH
        new, removed = allocate(line, share, Actor.HOUSEMATE, paragraph, mate.name, temporary)
        lines.append(new)
        steps.append(_step(mate, line.label, line.id, share, removed, new.open,
                           overburdened, facts, ctx))
    return state.with_work(tuple(lines), tuple(steps))


def _step(
    mate: Housemate, label: str, line_id: str, share: Fraction, removed: Fraction,
    left: Fraction, overburdened: bool, facts: tuple[tuple[str, str], ...], ctx: Context,
) -> StepData:
    if overburdened:
        end = overbelasting.term_end(ctx)
        return StepData(
            "overbelasting.tijdelijk", overbelasting.PARAGRAPH,
            f"{mate.name} zou '{label}' als gebruikelijke hulp overnemen, maar is overbelast: "
            f"de hulp neemt dit tijdelijk over tot en met {end}.",
            facts, ZERO, line_id,
        )
    if share < 1:
        days = mate.absence.days_per_week
        return StepData(
            "afwezigheid.niet_uitstelbaar", afwezigheid.PARAGRAPH,
            f"'{label}' is niet-uitstelbaar en {mate.name} is {days} dag(en) per week afwezig: "
            f"{mate.name} doet dit op de andere dagen, de hulp op de afwezige dagen "
            f"({fraction_text(left)} min/week).",
            facts, -removed, line_id,
        )
    partly = " (uitstelbaar, te doen op de aanwezige dagen)" if afwezigheid.partly_absent(mate) \
        else ""
    return StepData(
        "gebruikelijke_hulp.volwassene", PARAGRAPH,
        f"{mate.name} ({mate.relation.value}) kan huishoudelijk werk doen en neemt "
        f"'{label}' over als gebruikelijke hulp{partly}.",
        facts, -removed, line_id,
    )
