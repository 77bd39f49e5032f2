"""§1.2 Het cliëntsysteem is primair zelf verantwoordelijk; §4.6.1 Invloed van de woning of woonvorm.

§4.6.1: "In vakantiewoningen, tweede woningen, hotels/pensions, kamerhuur wordt in beginsel
geen hulp bij het huishouden verstrekt. Aangezien een vakantie doorgaans van korte duur is,
is er sprake van uitstelbare taken of kan schoonmaak bij de verhuurder worden ingekocht."
§1.2: "De eventuele indicatie voor hulp bij het huishouden betreft dan alleen de eigen
woonruimte (kamers) van de zorgvrager".

* "In beginsel" is a default, not an absolute rule: the consultant can lift it with a
  motivated exception (``uitzondering_woonvorm: {motivering}``, step ``woonvorm.uitzondering``);
  the case is then computed as in any other dwelling. Not recorded or ``onbekend``: the
  exclusion applies and the indication is voorlopig.
* A rented room that is the client's permanent home (``vaste_woonruimte: ja``) is her own
  room(s) (§1.2): no exclusion (step ``woonvorm.kamer_vaste_woonruimte``); shared rooms then
  follow ``gedeelde_ruimten``.
* The exclusion is applied after §1-§2 (``apply_exclusion``): what the client system, the
  network and provisions do stays theirs, what would be the help's stays with the client.
  Wherever another rule gives help that the exclusion removes, the engine stops with a rule
  conflict naming both paragraphs: §2.1 overbelasting (``overbelasting``), §4.5 ontlasten
  (``terminaal``), §4.3 kinderverzorging and §1.3 instructie (here).
* A lodger with a rental contract, and in a woongroep a fellow resident, are not part of the
  household (``Case.belongs_to_household``; steps here).
* A bigger dwelling does not add hours: the norm assumes social housing.
"""

from __future__ import annotations

from fractions import Fraction

from hbh_indicatie.errors import RuleConflict
from hbh_indicatie.models.case import HousingException, LivingForm
from hbh_indicatie.models.common import UNKNOWN, Actor, Category
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule
from hbh_indicatie.rules.state import ONE, Line, State, StepData

PARAGRAPH = "§4.6.1"

DECLARATION = Declaration(
    "woonvorm",
    (Paragraph("§1.2", "Het cliëntsysteem is primair zelf verantwoordelijk"),
     Paragraph("§4.6.1", "Invloed van de woning of woonvorm op de hulp bij het huishouden")),
    (
        Rule("woonvorm.kamerhuurder", "§1.2",
             "een kamerhuurder met huurovereenkomst hoort niet tot het huishouden"),
        Rule("woonvorm.medebewoner", "§1.2",
             "een medebewoner in een woongroep hoort niet tot het huishouden"),
        Rule("woonvorm.kamer_vaste_woonruimte", "§1.2",
             "een gehuurde kamer die de vaste woonruimte is: de eigen kamer(s)"),
        Rule("woonvorm.kamerhuur_zonder_contract", "§4.6.1",
             "kamerhuur zonder huurovereenkomst is niet aangetoond: gewone huisgenoot"),
        Rule("woonvorm.grotere_woning", "§4.6.1", "een grotere woning geeft niet vanzelf meer uren"),
        Rule("woonvorm.uitzondering", "§4.6.1",
             "gemotiveerde uitzondering op 'in beginsel geen hulp'"),
        Rule("woonvorm.uitgesloten", "§4.6.1",
             "vakantiewoning, tweede woning, hotel/pension of kamerhuur: in beginsel geen hulp"),
    ),
)
EXCLUDED = {
    LivingForm.HOLIDAY_HOME: "vakantiewoning",
    LivingForm.SECOND_HOME: "tweede woning",
    LivingForm.HOTEL: "hotel of pension",
    LivingForm.RENTED_ROOM: "kamerhuur",
}


def apply(ctx: Context, state: State) -> State:
    state = _household_steps(ctx, state)
    state = _exclusion(ctx, state)
    dwelling = ctx.case.dwelling
    rooms = dwelling.extra_rooms_in_use + dwelling.extra_rooms_unused
    if rooms:
        state = state.with_step(StepData(
            "woonvorm.grotere_woning", PARAGRAPH,
            "Een grotere woning leidt niet vanzelfsprekend tot meer uren hulp; uitgangspunt is "
            "het niveau van sociale woningbouw. Alleen een toeslag van de normenset voor extra "
            "kamers kan tijd toevoegen.",
            (("extra kamers in gebruik", str(dwelling.extra_rooms_in_use)),
             ("extra kamers niet in gebruik", str(dwelling.extra_rooms_unused))),
        ))
    return state


def _household_steps(ctx: Context, state: State) -> State:
    for mate in ctx.case.housemates:
        if mate.in_household and not ctx.case.belongs_to_household(mate):
            state = state.with_step(StepData(
                "woonvorm.medebewoner", "§1.2",
                Said(
                    '{0} is medebewoner in de woongroep en hoort niet tot het huishouden van '
                    'de cliënt: een medebewoner die het wel kan, hoeft de huishoudelijke '
                    'taken van de cliënt niet over te nemen (ook niet haar eigen kamer of '
                    'was).',
                    mate.name),
                (("relatie", mate.relation.value), ("woonvorm", ctx.case.dwelling.living_form.value),
                 ("kan_huishouden", mate.can_do_household)),
            ))
        elif not mate.in_household:
            state = state.with_step(StepData(
                "woonvorm.kamerhuurder", "§1.2",
                Said(
                    '{0} huurt een kamer met huurovereenkomst en hoort niet tot het '
                    'huishouden; van een kamerhuurder wordt geen gebruikelijke hulp verwacht.',
                    mate.name),
                (("relatie", "kamerhuurder"), ("huurovereenkomst", "ja")),
            ))
        elif mate.rental_contract is False:
            state = state.with_step(StepData(
                "woonvorm.kamerhuur_zonder_contract", PARAGRAPH,
                Said(
                    '{0} huurt een kamer maar er is geen huurovereenkomst; kamerhuur moet '
                    'met een huurovereenkomst worden aangetoond, dus geldt {0} als '
                    'huisgenoot.',
                    mate.name),
                (("relatie", "kamerhuurder"), ("huurovereenkomst", "nee")),
            ))
    return state


def _exclusion(ctx: Context, state: State) -> State:
    """Before §1-§2: whether the in-principle exclusion holds; marks the lines it covers."""
    dwelling = ctx.case.dwelling
    form = dwelling.living_form
    if form not in EXCLUDED:
        return state
    what = EXCLUDED[form]
    if form is LivingForm.RENTED_ROOM and dwelling.permanent_home is True:
        return state.with_step(StepData(
            "woonvorm.kamer_vaste_woonruimte", "§1.2",
            "De gehuurde kamer is de vaste woonruimte van de cliënt: de indicatie betreft haar "
            "eigen woonruimte (kamers), en van gedeelde ruimten een evenredig deel. De "
            "uitsluiting 'in beginsel geen hulp bij kamerhuur' (§4.6.1) geldt voor een "
            "tijdelijk verblijf, niet hier.",
            (("woonvorm", form.value), ("vaste_woonruimte", "ja")),
        ))
    exception = dwelling.exception
    if isinstance(exception, HousingException):  # lifts the exclusion, permanent home or not
        return state.with_step(StepData(
            "woonvorm.uitzondering", PARAGRAPH,
            Said(
                'In een {0} wordt in beginsel geen hulp bij het huishouden verstrekt; de '
                'consulent maakt een gemotiveerde uitzondering. Motivering: {1}',
                what, exception.motivation),
            (("woonvorm", form.value), ("uitzondering", "ja"),
             ("motivering", exception.motivation)),
            framework="casus",
        ))
    if form is LivingForm.RENTED_ROOM and dwelling.permanent_home is not False:
        state = state.with_unknown(  # not recorded, or onbekend
            "woning.vaste_woonruimte", "vaste_woonruimte_onbekend", "§1.2",
            "Niet vastgelegd of de gehuurde kamer de vaste woonruimte van de cliënt is "
            "(vaste_woonruimte: ja/nee). Is zij dat, dan betreft de indicatie haar eigen "
            "kamer(s) (§1.2); nu geldt de uitsluiting van §4.6.1.",
        )
    if exception is None or exception == UNKNOWN:
        state = state.with_unknown(
            "woning.uitzondering_woonvorm", "uitzondering_woonvorm_onbekend", PARAGRAPH,
            Said(
                'In een {0} wordt in beginsel geen hulp verstrekt. Leg vast of u een '
                'uitzondering maakt (uitzondering_woonvorm: nee, of {{motivering: '
                '...}}); nu geldt de uitsluiting.',
                what),
        )
    state.exclude_all(PARAGRAPH)
    return state


def apply_exclusion(ctx: Context, state: State) -> State:
    """After §1-§2: what would be the help's stays with the client, unless another rule gives
    that help (a rule conflict, both paragraphs named)."""
    if not state.any_line(lambda ln: ln.exclusion is not None):
        return state
    what = EXCLUDED[ctx.case.dwelling.living_form]
    _check_conflicts(state, what)
    removed: list[Fraction] = []

    def stays_with_client(line: Line) -> None:
        removed.append(state.allocate(line, ONE, Actor.CLIENT, PARAGRAPH)[1])

    state.each_line(stays_with_client)
    total = sum(removed, Fraction(0))
    state = state.with_warning(
        "woonvorm_uitgesloten", PARAGRAPH,
        Said(
            'In een {0} wordt in beginsel geen hulp bij het huishouden verstrekt.',
            what),
    )
    exception = ctx.case.dwelling.exception
    return state.with_step(StepData(
        "woonvorm.uitgesloten", PARAGRAPH,
        Said(
            'De cliënt verblijft in een {0}: in beginsel geen hulp bij het '
            'huishouden; taken zijn uitstelbaar of schoonmaak kan bij de verhuurder '
            'worden ingekocht. Wat de hulp zou doen, blijft bij de cliënt.',
            what),
        (("woonvorm", ctx.case.dwelling.living_form.value),
         ("uitzondering", "nee" if exception == "nee" else "niet vastgelegd")), -total,
    ))


def _check_conflicts(state: State, what: str) -> None:
    """§4.3 and §1.3 give help that §4.6.1 removes (§2.1 and §4.5 check it themselves)."""
    children = [ln.label for ln in
                state.find(lambda ln: ln.category is Category.CHILDREN and ln.has_open)]
    if children:
        raise RuleConflict(
            PARAGRAPH, "§4.3",
            f"Niemand in het huishouden kan de kinderen verzorgen (§4.3: kinderverzorging wordt "
            f"geïndiceerd: {', '.join(children)}), maar in een {what} wordt in beginsel geen hulp "
            "verstrekt (§4.6.1).",
        )
    taught = [ln.label for ln in state.find(lambda ln: ln.kind == "instructie")]
    if taught:
        raise RuleConflict(
            PARAGRAPH, "§1.3",
            f"Een huisgenoot moet taken overnemen en krijgt instructie (§1.3: {', '.join(taught)}), "
            f"maar in een {what} wordt in beginsel geen hulp verstrekt (§4.6.1).",
        )
