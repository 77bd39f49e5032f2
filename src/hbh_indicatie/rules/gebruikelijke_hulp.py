"""§2 Gebruikelijke hulp (with §2.1 overbelasting, §2.2 afwezigheid, §2.3, §4.5 terminaal).

Housemates (partner, child, family member) who are able to do household work are
expected to do it: usual help is obligatory, regardless of gender, religion, culture,
busy work or personal views. Every adult is expected to run a household next to a busy
job. Children contribute according to their age (see ``kinderen``).
"""

from __future__ import annotations

from fractions import Fraction

from hbh_indicatie.models.case import Housemate
from hbh_indicatie.models.common import UNKNOWN, Actor
from hbh_indicatie.rules import afwezigheid, kinderen, overbelasting, terminaal
from hbh_indicatie.rules.context import Context, selects
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule
from hbh_indicatie.rules.state import Line, State, StepData

PARAGRAPH = "§2"

DECLARATION = Declaration(
    "gebruikelijke_hulp",
    (Paragraph("§2", "Gebruikelijke hulp"),),
    (Rule("gebruikelijke_hulp.volwassene", "§2", "een volwassen huisgenoot neemt over"),
     Rule("gebruikelijke_hulp.kan_niet", "§2", "een huisgenoot kan geen huishoudelijk werk")),
)


def apply(ctx: Context, state: State) -> State:
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
            Said(
                '{0} kan geen huishoudelijk werk doen; geen gebruikelijke hulp verwacht.',
                mate.name),
            facts,
        ))
    if mate.can_do_household == UNKNOWN:
        return state.with_unknown(
            f"huisgenoten.{mate.name}.kan_huishouden",
            "huisgenoot_onbekend", PARAGRAPH,
            Said(
                'Niet bekend of {0} huishoudelijk werk kan doen; geen gebruikelijke hulp '
                'gerekend. Onderzoek dit: het bepaalt de indicatie.',
                mate.name),
        )
    if afwezigheid.excludes(state, mate, facts):
        return state
    overburdened = mate.overburdened is True
    if mate.overburdened == UNKNOWN:
        state = state.with_unknown(
            f"huisgenoten.{mate.name}.overbelast",
            "overbelasting_onbekend", overbelasting.PARAGRAPH,
            Said(
                'Niet bekend of {0} overbelast is; gerekend alsof dat niet zo is.',
                mate.name),
        )
    if overburdened:
        overbelasting.check_conflicts(mate, state)
        state = overbelasting.assess(ctx, state, mate)
    state = terminaal.check(ctx, state, mate)
    state, presence = afwezigheid.assess(ctx, state, mate)
    temporary = overbelasting.temporary(ctx, mate) if overburdened else None
    actor = Actor.HELP if overburdened and temporary is None else Actor.HOUSEMATE
    can = mate.can_take_over

    def usual_help(line: Line) -> None:
        if can is not None and not selects(can, line):
            return
        if terminaal.relieves(ctx, line):
            state.with_step(terminaal.relief_step(mate, line, facts))
            return
        share = presence.share(line)
        paragraph = overbelasting.PARAGRAPH if overburdened else presence.paragraph(line, PARAGRAPH)
        new, removed = state.allocate(line, share, actor, paragraph, mate.name, temporary)
        state.with_step(_step(ctx, mate, line, presence, removed, new.open, facts))

    state.each_open_line(usual_help)
    return state


def _step(
    ctx: Context, mate: Housemate, line: Line, presence: afwezigheid.Presence,
    removed: Fraction, left: Fraction, facts: tuple[tuple[str, str], ...],
) -> StepData:
    """The step that cites the paragraph deciding the housemate's part of ``line``."""
    if mate.overburdened is True:
        would = Said(
            "zou '{0}' als gebruikelijke hulp overnemen",
            line.label)
        return overbelasting.share_step(ctx, mate, would, line.id, facts)
    if presence.away == 0:
        return StepData(
            "gebruikelijke_hulp.volwassene", PARAGRAPH,
            Said(
                "{0} ({1}) kan huishoudelijk werk doen en neemt '{2}' over als "
                'gebruikelijke hulp.',
                mate.name, mate.relation.value, line.label),
            facts, -removed, line.id,
        )
    if not line.postponable:
        return afwezigheid.urgent_step(mate, line, presence, removed, left, facts)
    return afwezigheid.postponable_step(mate, line, presence, removed, left, facts)
