"""§1.6 Eigen verantwoordelijkheid / eigen kracht.

* What the client can still do herself (per activity or result category) is not indicated
  (Kanteling: "wel stofzuigen maar niet dweilen").
* Particuliere hulp already in place: in principle no compensation is needed; only changed
  (financial) circumstances can justify an award.
* Tasks taken over by family in the first or second degree or their partners: no reason for
  a Wmo provision. Others in the network who are willing count as eigen kracht too, and a
  non-resident parent caring for the children per the divorce arrangement (§4.4).
"""

from __future__ import annotations

from hbh_indicatie.models.case import NetworkRelation
from hbh_indicatie.models.common import UNKNOWN, Actor, Category, spoken
from hbh_indicatie.models.norms import Condition
from hbh_indicatie.rules.context import Context, selects
from hbh_indicatie.rules.state import ONE, Line, State, StepData, allocate, percent

PARAGRAPH = "§1.6"
FAMILY = {
    NetworkRelation.FAMILY_FIRST,
    NetworkRelation.FAMILY_SECOND,
    NetworkRelation.PARTNER_OF_FAMILY,
}


def apply(ctx: Context, state: State) -> State:
    state = _own_ability(ctx, state)
    state = _private_help(ctx, state)
    return _network(ctx, state)


def _standard_deductions(ctx: Context, state: State) -> dict[Category, str]:
    """Categories whose partial own abilities the norm set already deducted as a fixed aftrek.

    A framework such as KPMG expresses 'eigen mogelijkheden' as one standard aftrek; applying
    the client's own share on top of it would count the same abilities twice.
    """
    applied = {step.rule for step in state.steps}
    return {
        sup.category: sup.label
        for sup in ctx.norms.supplements
        if sup.kind == "aftrek" and sup.condition is Condition.OWN_ABILITIES
        and f"aftrek.{sup.id}" in applied
    }


def _own_ability(ctx: Context, state: State) -> State:
    capability = ctx.case.client.capability
    deducted = _standard_deductions(ctx, state)
    # One pass over the lines, one new state at the end (a hot path: no copy per line).
    lines: list[Line] = []
    steps: list[StepData] = []
    per_activity = capability.per_activity
    per_category = {cat: capability.for_category(cat) for cat in Category}
    for line in state.lines:
        named = next((n for n in line.names if n in per_activity), None)  # §3 toeslag too
        ability = per_activity[named] if named else per_category[line.category]
        if ability.level == "niet" or not line.open:
            lines.append(line)
            continue
        where = "activiteit" if named else "categorie"
        if ability.level == "gedeeltelijk" and line.category in deducted:
            lines.append(line)
            steps.append(StepData(
                "eigen_kracht.al_verrekend", PARAGRAPH,
                f"Wat de cliënt zelf kan bij '{line.label}' is al verrekend met de aftrek "
                f"'{deducted[line.category]}' van de normenset; niet nogmaals afgetrokken.",
                (("zelf", f"gedeeltelijk {ability.own_share_percent}%"),), activity=line.id,
                framework=ctx.framework,
            ))
            continue
        if ability.level == UNKNOWN:
            lines.append(line)
            state = state.with_unknown(
                f"client.zelf.{line.id}",
                "zelf_onbekend", PARAGRAPH,
                f"Niet bekend wat de cliënt zelf kan bij '{line.label}'; gerekend alsof zij het "
                "niet kan. Onderzoek dit.",
            )
            continue
        share = ONE if ability.level == "volledig" else percent(ability.own_share_percent or 0)
        new, removed = allocate(line, share, Actor.CLIENT, PARAGRAPH)
        lines.append(new)
        what = "volledig" if ability.level == "volledig" else f"voor {ability.own_share_percent}%"
        steps.append(StepData(
            "eigen_kracht.client", PARAGRAPH,
            f"De cliënt doet '{line.label}' {what} zelf.",
            (("zelf", ability.level), ("vastgesteld per", where)), -removed, line.id,
        ))
    return state.with_work(tuple(lines), tuple(steps))


def _private_help(ctx: Context, state: State) -> State:
    private = ctx.case.private_help
    if not private.present:
        return state
    if private.finances_changed:
        return state.with_step(StepData(
            "eigen_kracht.particuliere_hulp_gewijzigd", PARAGRAPH,
            "Er is particuliere hulp, maar de financiële omstandigheden zijn gewijzigd; dat kan "
            "een toekenning rechtvaardigen, dus de particuliere hulp telt niet als oplossing.",
            (("particuliere_hulp", "aanwezig"), ("financien_gewijzigd", "ja")),
        ))
    assert private.tasks is not None
    for line in state.lines:
        if not selects(private.tasks, line):
            continue
        new, removed = allocate(line, ONE, Actor.PRIVATE_HELP, PARAGRAPH)
        if removed:
            state = state.replace_line(new).with_step(StepData(
                "eigen_kracht.particuliere_hulp", PARAGRAPH,
                f"Particuliere hulp doet '{line.label}' al en de financiële omstandigheden zijn "
                "niet gewijzigd: geen compensatie nodig.",
                (("particuliere_hulp", "aanwezig"), ("financien_gewijzigd", "nee")),
                -removed, line.id,
            ))
    return state


def _network(ctx: Context, state: State) -> State:
    for member in ctx.case.network:
        if not member.willing:
            state = state.with_step(StepData(
                "eigen_kracht.netwerk_niet_bereid", PARAGRAPH,
                f"{member.name} ({spoken(member.relation)}) is niet bereid taken over te nemen; "
                "daar wordt geen rekening mee gehouden.",
                (("netwerk", member.name), ("bereid", "nee")),
            ))
            continue
        family = member.relation in FAMILY
        other_parent = member.relation is NetworkRelation.OTHER_PARENT
        paragraph = "§4.4" if other_parent else PARAGRAPH
        for line in state.lines:
            if not selects(member.takes_over, line):
                continue
            new, removed = allocate(line, ONE, Actor.NETWORK, paragraph, member.name)
            if not removed:
                continue
            if family:
                why = "familie in de eerste of tweede graad: geen reden voor een Wmo-voorziening"
            elif other_parent:
                why = "de niet-thuiswonende ouder zorgt volgens de omgangsafspraken"
            else:
                why = "het netwerk doet dit vrijwillig (eigen kracht)"
            state = state.replace_line(new).with_step(StepData(
                "eigen_kracht.netwerk", paragraph,
                f"{member.name} neemt '{line.label}' over; {why}.",
                (("netwerk", member.name), ("relatie", member.relation.value)),
                -removed, line.id,
            ))
    return state
