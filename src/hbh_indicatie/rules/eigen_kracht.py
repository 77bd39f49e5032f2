"""§1.6 Eigen verantwoordelijkheid / eigen kracht.

* What the client can still do herself (per activity or result category) is not indicated
  (Kanteling: "wel stofzuigen maar niet dweilen").
* Particuliere hulp already in place: "Bij aanwezigheid van particuliere hulp of informele
  zorg door familieleden is in principe geen compensatie nodig [...]. Het feit dat men niet
  langer bereid is de zorg op eigen kosten te continueren kan alleen maar tot een toekenning
  leiden als er sprake is van gewijzigde (financiële) omstandigheden die dat
  rechtvaardigen." The private help stops counting only when the client no longer continues
  it *and* the finances changed; while either is ``onbekend`` it counts (voorlopig).
* "Indien huishoudelijke taken worden overgenomen door familieleden in de eerste of tweede
  graad of hun partners [...] is er geen reden om vanuit de Wmo een voorziening toe te
  kennen": what family does counts (for the share recorded).
* Others in the network (friends, neighbours, volunteers) count only for what they lastingly
  do and can bear ("In het kader van de Kanteling wordt [...] bekeken welk deel van de taak
  nog op eigen kracht of met behulp van het eigen netwerk kan worden uitgevoerd", §3; informal
  carers need agreements and protection from overload): the case records per member the
  tasks, the share and whether it is sustainable (``duurzaam``). Willing alone is not enough.
* The non-resident parent (§4.4) is decided in ``andere_ouder``.
"""

from __future__ import annotations

from hbh_indicatie.models.case import NETWORK_FAMILY, Ability, NetworkMember, NetworkRelation
from hbh_indicatie.models.common import UNKNOWN, Actor, Category, spoken
from hbh_indicatie.models.norm_set import Condition
from hbh_indicatie.rules.context import Context, in_file_independent_order
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule, Untranslated
from hbh_indicatie.rules.state import ONE, Line, State, StepData, percent

PARAGRAPH = "§1.6"

DECLARATION = Declaration(
    "eigen_kracht",
    (Paragraph("§1.6", "Eigen verantwoordelijkheid/ eigen kracht"),),
    (
        Rule("eigen_kracht.client", "§1.6", "wat de cliënt zelf doet"),
        Rule("eigen_kracht.al_verrekend", "§1.6",
             "eigen kracht is al verrekend met de aftrek van de normenset"),
        Rule("eigen_kracht.particuliere_hulp", "§1.6", "particuliere hulp die er al is"),
        Rule("eigen_kracht.particuliere_hulp_gewijzigd", "§1.6",
             "particuliere hulp stopt en de financiën zijn gewijzigd: telt niet"),
        Rule("eigen_kracht.netwerk", "§1.6", "familie of duurzaam netwerk neemt over"),
        Rule("eigen_kracht.netwerk_niet_bereid", "§1.6", "een netwerklid is niet bereid"),
        Rule("eigen_kracht.netwerk_niet_duurzaam", "§1.6",
             "een netwerklid is bereid, maar niet duurzaam: telt niet"),
    ),
    (Untranslated(
        "§1.6",
        "§1.6: of netwerkhulp blijvend en vol te houden is, is het oordeel van de "
        "indicatiesteller (vastgelegd in 'duurzaam').",
        lambda case: any(n.sustainable is not None for n in case.network),
        "of netwerkhulp duurzaam is (`duurzaam`)"),),
)
FAMILY = NETWORK_FAMILY


def apply(ctx: Context, state: State) -> State:
    state = _own_ability(ctx, state)
    state = _private_help(ctx, state)
    return _network(ctx, state)


def _standard_deductions(ctx: Context, state: State) -> dict[Category, str]:
    """Categories whose partial own abilities the norm set already deducted as a fixed aftrek.

    A framework such as KPMG expresses 'eigen mogelijkheden' as one standard aftrek; applying
    the client's own share on top of it would count the same abilities twice.
    """
    return {
        sup.category: sup.label
        for sup in ctx.norms.supplements
        if sup.kind == "aftrek" and sup.condition is Condition.OWN_ABILITIES
        and state.has_step(f"toeslagen.aftrek.{sup.id}")  # the step of toeslagen._deduct
    }


def _own_ability(ctx: Context, state: State) -> State:
    capability = ctx.case.client.capability
    deducted = _standard_deductions(ctx, state)
    per_activity = capability.per_activity
    per_category = {cat: capability.for_category(cat) for cat in Category}

    def own(line: Line) -> None:
        named = next((n for n in line.names if n in per_activity), None) if per_activity \
            else None  # §3 toeslag too
        ability = per_activity[named] if named else per_category[line.category]
        if ability is None or ability.level == "niet" or not line.has_open:
            return  # None: 'kinderen' left out without children; no such line (_Doing)
        where = "activiteit" if named else "categorie"
        if ability.level == "gedeeltelijk" and line.category in deducted:
            state.with_step(StepData(
                "eigen_kracht.al_verrekend", PARAGRAPH,
                Said(
                    "Wat de cliënt zelf kan bij '{0}' is al verrekend met de aftrek '{1}' "
                    'van de normenset; niet nogmaals afgetrokken.',
                    line.label, deducted[line.category]),
                (("zelf", f"gedeeltelijk {ability.own_share_percent}%"),), activity=line.id,
                framework=ctx.framework,
            ))
            return
        if ability.level == UNKNOWN:
            state.with_unknown(
                f"client.zelf.{line.id}",
                "zelf_onbekend", PARAGRAPH,
                Said(
                    "Niet bekend wat de cliënt zelf kan bij '{0}'; gerekend alsof zij het "
                    'niet kan. Onderzoek dit.',
                    line.label),
            )
            return
        share = ONE if ability.level == "volledig" else percent(ability.own_share_percent or 0)
        _, removed = state.allocate(line, share, Actor.CLIENT, PARAGRAPH)
        what = "volledig" if ability.level == "volledig" else f"voor {ability.own_share_percent}%"
        state.with_step(StepData(
            "eigen_kracht.client", PARAGRAPH,
            Said(
                "De cliënt doet '{0}' {1} zelf.",
                line.label, what),
            (("zelf", ability.level), ("vastgesteld per", where)), -removed, line.id,
        ))

    # The lines where the client may do something herself: an activity stated apart, or a
    # category she does not leave entirely (asked only for the categories of the other lines).
    state.each_line(own, categories=_Doing(per_category), names=per_activity)
    return state


class _Doing:
    """The categories in which the client does (or may do) something herself: each category's
    ability is looked at only when a line asks for it."""

    __slots__ = ("_abilities", "_known")

    def __init__(self, abilities: dict[Category, Ability | None]) -> None:
        self._abilities = abilities
        self._known: dict[object, bool] = {}

    def __contains__(self, category: object) -> bool:
        known = self._known.get(category)
        if known is None:
            ability = self._abilities.get(category)  # type: ignore[call-overload]
            known = self._known[category] = ability is not None and ability.level != "niet"
        return known


def _yes_no(value: bool | str | None) -> str:
    return UNKNOWN if value is None or value == UNKNOWN else "ja" if value else "nee"


def _private_help(ctx: Context, state: State) -> State:
    private = ctx.case.private_help
    if not private.present:
        return state
    changed, continued = private.finances_changed, private.continued
    facts = (("particuliere_hulp", "aanwezig"), ("financien_gewijzigd", _yes_no(changed)),
             ("wordt_voortgezet", _yes_no(continued)))
    if continued is False and changed is True:
        return state.with_step(StepData(
            "eigen_kracht.particuliere_hulp_gewijzigd", PARAGRAPH,
            "De cliënt zet de particuliere hulp niet voort en de financiële omstandigheden zijn "
            "gewijzigd; dat kan een toekenning rechtvaardigen, dus de particuliere hulp telt "
            "niet als oplossing.", facts,
        ))
    if continued is True:
        why = "de cliënt zet die voort: geen compensatie nodig"
    elif changed is False:
        why = ("de financiële omstandigheden zijn niet gewijzigd, dus niet langer willen betalen "
               "rechtvaardigt geen toekenning")
    else:
        why = "in principe geen compensatie nodig (voortzetten en financiën niet beide vastgesteld)"
        state = state.with_unknown(
            "particuliere_hulp.wordt_voortgezet" if continued is None or continued == UNKNOWN
            else "particuliere_hulp.financien_gewijzigd",
            "particuliere_hulp_onbekend", PARAGRAPH,
            "Niet vastgesteld of de cliënt de particuliere hulp voortzet en of de financiële "
            "omstandigheden gewijzigd zijn; alleen als zij die niet voortzet én de financiën "
            "gewijzigd zijn, telt de particuliere hulp niet (§1.6). Nu gerekend alsof die blijft.",
        )
    tasks = private.tasks
    assert tasks is not None

    def private_help(line: Line) -> None:
        _, removed = state.allocate(line, ONE, Actor.PRIVATE_HELP, PARAGRAPH)
        if removed:
            state.with_step(StepData(
                "eigen_kracht.particuliere_hulp", PARAGRAPH,
                Said(
                    "Particuliere hulp doet '{0}' al; {1}.",
                    line.label, why), facts, -removed, line.id,
            ))

    state.each_line(private_help, categories=tasks.categories, names=tasks.activities)
    return state


def counts(member: NetworkMember) -> bool:
    """Whether what a network member takes over counts (§1.6): willing, and family in the first
    or second degree or lastingly and bearably (``duurzaam: ja``). The non-resident parent is
    §4.4 (``andere_ouder``), not the network of §1.6."""
    if member.relation is NetworkRelation.OTHER_PARENT or not member.willing:
        return False
    return member.relation in FAMILY or member.sustainable is True


def _network(ctx: Context, state: State) -> State:
    # Sorted so the order of the list in the file never changes the outcome or its wording.
    members = in_file_independent_order(
        [m for m in ctx.case.network if m.relation is not NetworkRelation.OTHER_PARENT])
    for member in members:
        state = _member(ctx, state, member)
    return state


def _member(ctx: Context, state: State, member: NetworkMember) -> State:
    facts = (("netwerk", member.name), ("relatie", member.relation.value),
             ("bereid", _yes_no(member.willing)), ("duurzaam", _yes_no(member.sustainable)),
             ("aandeel", f"{member.share_percent or 100}%"))
    who = f"{member.name} ({spoken(member.relation)})"
    if not member.willing:
        return state.with_step(StepData(
            "eigen_kracht.netwerk_niet_bereid", PARAGRAPH,
            Said(
                '{0} is niet bereid taken over te nemen; daar wordt geen rekening mee '
                'gehouden.',
                who),
            facts,
        ))
    family = member.relation in FAMILY
    if not family and member.sustainable is False:
        return state.with_step(StepData(
            "eigen_kracht.netwerk_niet_duurzaam", PARAGRAPH,
            Said(
                '{0} is bereid, maar kan dit niet blijvend of niet zonder overbelasting '
                'doen: netwerkhulp telt alleen voor wat iemand duurzaam doet en kan '
                'dragen.',
                who), facts,
        ))
    if not family and member.sustainable is not True:
        return state.with_unknown(
            f"netwerk.{member.name}.duurzaam", "netwerk_duurzaam_onbekend", PARAGRAPH,
            Said(
                'Niet vastgesteld of {0} de taken blijvend en zonder overbelasting kan '
                "doen ('duurzaam'); niet meegerekend. Maak afspraken en leg dit vast.",
                who),
        )
    share = percent(member.share_percent) if member.share_percent else ONE
    said = f" voor {member.share_percent}%" if member.share_percent and member.share_percent < 100 \
        else ""
    why = ("familie in de eerste of tweede graad: geen reden voor een Wmo-voorziening" if family
           else "het netwerk doet dit blijvend en kan het dragen (eigen kracht)")

    def takes_over(line: Line) -> None:
        _, removed = state.allocate(line, share, Actor.NETWORK, PARAGRAPH, member.name)
        if removed:
            state.with_step(StepData(
                "eigen_kracht.netwerk", PARAGRAPH,
                Said(
                    "{0} neemt '{1}'{2} over; {3}.",
                    member.name, line.label, said, why), facts, -removed,
                line.id,
            ))

    state.each_line(takes_over, categories=member.takes_over.categories,
                    names=member.takes_over.activities)
    return state
