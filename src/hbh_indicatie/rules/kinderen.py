"""§2 Gebruikelijke hulp van kinderen (naar vermogen, naar leeftijd); §4.3 Kinderverzorging.

Children are expected to contribute according to their age; what each age band does is
data of the norm set (leeftijdsgroepen). §4.3: when the parent of a one-parent family
drops out, care for the children is indicated according to the norm; the parent must first
look for other arrangements (kinderopvang, family), and herindicatie follows the
children's ages.
"""

from __future__ import annotations

from hbh_indicatie.models.case import Housemate
from hbh_indicatie.models.common import UNKNOWN, Actor, Category, TemporaryReason
from hbh_indicatie.rules import afwezigheid, overbelasting
from hbh_indicatie.rules.context import Context, selects
from hbh_indicatie.rules.state import State, StepData, allocate, percent

PARAGRAPH = "§2"


def apply_child(ctx: Context, state: State, child: Housemate) -> State:
    facts = (("kind", child.name), ("leeftijd", str(child.age)),
             ("kan_huishouden", child.can_do_household))
    if child.can_do_household == "nee":
        return state.with_step(StepData(
            "kinderen.kan_niet", PARAGRAPH,
            f"{child.name} ({child.age}) kan geen huishoudelijke taken doen.", facts,
        ))
    if child.can_do_household == UNKNOWN:
        return state.with_unknown(
            f"huisgenoten.{child.name}.kan_huishouden",
            "kind_onbekend", PARAGRAPH,
            f"Niet bekend of {child.name} naar leeftijd kan bijdragen; niet meegerekend.",
        )
    if afwezigheid.no_usual_help(child):
        return state.with_step(StepData(
            "afwezigheid.zeven_etmalen", afwezigheid.PARAGRAPH,
            f"{child.name} is {child.absence.longest_nights} etmalen aaneengesloten afwezig "
            "(7 of meer): geen bijdrage verwacht.", facts,
        ))
    band = next((b for b in ctx.norms.age_bands if b.from_age <= child.age <= b.to_age), None)
    if band is None or not band.tasks:
        label = band.label if band else "geen leeftijdsgroep in de normenset"
        return state.with_step(StepData(
            "kinderen.geen_bijdrage", PARAGRAPH,
            f"Van {child.name} ({child.age} jaar) wordt geen bijdrage gevraagd ({label}).",
            facts, framework=ctx.framework,
        ))
    temporary = None
    if child.overburdened is True:  # §2.1 applies to every housemate, children too
        overbelasting.check_conflicts(child, state)
        state = overbelasting.warn(ctx, state, child)
        temporary = (overbelasting.term_end(ctx), TemporaryReason.OVERBURDEN, Actor.HELP)
    paragraph = overbelasting.PARAGRAPH if temporary else PARAGRAPH
    for task, line_id in [(t, i) for t in band.tasks for i in state.lines_of(t.activity)]:
        line = state.line(line_id)  # the activity, and a §3 toeslag that extends it
        if child.can_take_over is not None and not selects(child.can_take_over, line):
            continue
        share = percent(task.share_percent) * afwezigheid.present_share(child, line)
        new, removed = allocate(line, share, Actor.HOUSEMATE, paragraph, child.name, temporary)
        if new is line:
            continue
        later = (f" {child.name} is overbelast: de hulp doet dit tijdelijk, tot en met "
                 f"{temporary[0]}." if temporary else "")
        state = state.replace_line(new).with_step(StepData(
            "kinderen.bijdrage", paragraph,
            f"{child.name} ({child.age} jaar, {band.label}) doet naar vermogen "
            f"{task.share_percent}% van '{line.label}'.{later}",
            (*facts, ("leeftijdsgroep", band.label)), -removed, line.id, ctx.framework,
        ))
    return state


def after_housemates(ctx: Context, state: State) -> State:
    open_children = [ln for ln in state.lines if ln.category is Category.CHILDREN and ln.open > 0]
    if not open_children:
        return state
    state = state.with_step(StepData(
        "kinderen.verzorging", "§4.3",
        "Geen andere ouder of huisgenoot kan de verzorging van de kinderen overnemen: "
        "kinderverzorging wordt geïndiceerd volgens de normering. Opvang zelf regelen "
        "(kinderopvang, familie) gaat voor.",
        (("kinderen", str(len(ctx.children))),),
    ))
    return state.with_warning(
        "kinderen_herindicatie", "§4.3",
        "Kinderverzorging is niet het uitgangspunt voor de lange duur: herindiceer in relatie tot "
        "de leeftijd van de kinderen en bij gewijzigde omstandigheden.",
    )
