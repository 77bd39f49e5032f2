"""§2 Gebruikelijke hulp van kinderen (naar vermogen, naar leeftijd); §4.3 Kinderverzorging.

Children are expected to contribute according to their age; what each age band does is
data of the norm set (leeftijdsgroepen). §4.3: when the parent of a one-parent family
drops out, care for the children is indicated according to the norm; the parent must first
look for other arrangements (kinderopvang, family), and herindicatie follows the
children's ages.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from hbh_indicatie.models.case import Housemate
from hbh_indicatie.models.common import UNKNOWN, Actor, Category
from hbh_indicatie.models.norm_set import ChildTask
from hbh_indicatie.rules import afwezigheid, overbelasting
from hbh_indicatie.rules.context import Context, has_children, selects
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule, Untranslated
from hbh_indicatie.rules.state import Line, State, StepData, percent

PARAGRAPH = "§2"

DECLARATION = Declaration(
    "kinderen",
    (Paragraph("§2", "Gebruikelijke hulp"),
     Paragraph("§4.2", "Hulp in een gezin met een gehandicapt kind"),
     Paragraph("§4.3", "Kinderverzorging en -opvang bij gehandicapte, chronisch zieke ouder")),
    (
        Rule("kinderen.bijdrage", "§2", "een kind draagt naar leeftijd bij"),
        Rule("kinderen.geen_bijdrage", "§2", "van een kind wordt geen bijdrage gevraagd"),
        Rule("kinderen.kan_niet", "§2", "een kind kan geen huishoudelijke taken doen"),
        Rule("kinderen.verzorging", "§4.3", "kinderverzorging voor wat niemand anders kan"),
    ),
    (Untranslated(
        "§4.2",
        "§4.2: wat ouders van een gehandicapt kind vrijwillig blijven doen is een "
        "afspraak uit het gesprek; leg die vast via overbelasting of netwerk.",
        has_children,
        "wat ouders van een gehandicapt kind vrijwillig blijven doen (vastleggen via "
        "overbelasting of netwerk)"),),
)


def apply_child(ctx: Context, state: State, child: Housemate) -> State:
    facts = (("kind", child.name), ("leeftijd", str(child.age)),
             ("kan_huishouden", child.can_do_household))
    if child.can_do_household == "nee":
        return state.with_step(StepData(
            "kinderen.kan_niet", PARAGRAPH,
            Said(
                '{0} ({1}) kan geen huishoudelijke taken doen.',
                child.name, child.age), facts,
        ))
    if child.can_do_household == UNKNOWN:
        return state.with_unknown(
            f"huisgenoten.{child.name}.kan_huishouden",
            "kind_onbekend", PARAGRAPH,
            Said(
                'Niet bekend of {0} naar leeftijd kan bijdragen; niet meegerekend.',
                child.name),
        )
    if afwezigheid.excludes(state, child, facts):
        return state
    band = next((b for b in ctx.norms.age_bands if b.from_age <= child.age <= b.to_age), None)
    if band is None or not band.tasks:
        label = band.label if band else "geen leeftijdsgroep in de normenset"
        return state.with_step(StepData(
            "kinderen.geen_bijdrage", PARAGRAPH,
            Said(
                'Van {0} ({1} jaar) wordt geen bijdrage gevraagd ({2}).',
                child.name, child.age, label),
            facts, framework=ctx.framework,
        ))
    temporary = None
    overburdened = child.overburdened is True
    if overburdened:  # §2.1 applies to every housemate, children too
        overbelasting.check_conflicts(child, state)
        state = overbelasting.assess(ctx, state, child)
        temporary = overbelasting.temporary(ctx, child)
    actor = Actor.HELP if overburdened and temporary is None else Actor.HOUSEMATE
    state, presence = afwezigheid.assess(ctx, state, child)
    can = child.can_take_over
    said = (*facts, ("leeftijdsgroep", band.label))

    def contributes(task: ChildTask) -> Callable[[Line], None]:
        def law(line: Line) -> None:
            if can is not None and not selects(can, line):
                return
            share = percent(task.share_percent) * presence.share(line)
            paragraph = (overbelasting.PARAGRAPH if overburdened
                         else presence.paragraph(line, PARAGRAPH))
            if share <= 0 or not line.has_open:
                return  # nothing of this line moves to the child
            _, removed = state.allocate(line, share, actor, paragraph, child.name, temporary)
            state.with_step(_step(ctx, child, band.label, task.share_percent, line,
                                  presence, removed, said))
        return law

    for task in band.tasks:  # the activity, and a §3 toeslag that extends it
        state.each_line(contributes(task), _extends(task.activity))
    return state


def _extends(activity: str) -> Callable[[Line], bool]:
    """The activity's line and the §3 toeslag lines that extend it."""
    return lambda line: activity in (line.id, line.extends)


def _step(
    ctx: Context, child: Housemate, band: str, percent_: int, line: Line,
    presence: afwezigheid.Presence, removed: Fraction, facts: tuple[tuple[str, str], ...],
) -> StepData:
    """The step that cites the paragraph deciding the child's part: §2 (by age), §2.1 when
    the child is overburdened, §2.2 when the child is partly away."""
    if child.overburdened is True:
        would = Said(
            "zou naar vermogen {0}% van '{1}' doen ({2})",
            percent_, line.label, band)
        return overbelasting.share_step(ctx, child, would, line.id, facts, -removed)
    text = (Said(
        "{0} ({1} jaar, {2}) doet naar vermogen {3}% van '{4}'",
        child.name, child.age, band, percent_, line.label))
    if presence.away != 0:
        return afwezigheid.child_step(child, line, presence, removed, text, facts,
                                      ctx.framework)
    return StepData("kinderen.bijdrage", PARAGRAPH, Said(
        '{0}.',
        text), facts, -removed, line.id,
                    ctx.framework)


def after_housemates(ctx: Context, state: State) -> State:
    if not state.any_line(lambda ln: ln.has_open, categories=(Category.CHILDREN,)):
        return state
    state = state.with_step(StepData(
        "kinderen.verzorging", "§4.3",
        "Wat van de verzorging van de kinderen overblijft, kan geen andere ouder of huisgenoot "
        "overnemen: kinderverzorging wordt daarvoor geïndiceerd volgens de normering. Opvang "
        "zelf regelen (kinderopvang, familie) gaat voor.",
        (("kinderen", str(len(ctx.children))),),
    ))
    return state.with_warning(
        "kinderen_herindicatie", "§4.3",
        "Kinderverzorging is niet het uitgangspunt voor de lange duur: herindiceer in relatie tot "
        "de leeftijd van de kinderen en bij gewijzigde omstandigheden.",
    )
