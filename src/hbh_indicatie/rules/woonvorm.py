"""§1.2 Het cliëntsysteem is primair zelf verantwoordelijk; §4.6.1 Invloed van de woning of woonvorm.

* In a vakantiewoning, tweede woning, hotel/pension or rented room no help is provided in
  principle (tasks can wait or cleaning can be bought from the landlord).
* A lodger with a rental contract is not part of the household (handled in the context).
* Residents who share common spaces (woongroep, multi-generation house) take over each
  other's share of those spaces; help covers the client's own rooms and, only when all
  residents need care, a proportional share of the common spaces.
* A bigger dwelling does not add hours: the norm assumes social housing.
"""

from __future__ import annotations

from fractions import Fraction

from hbh_indicatie.models.case import LivingForm
from hbh_indicatie.models.common import Actor
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.state import ONE, State, StepData, allocate

PARAGRAPH = "§4.6.1"
EXCLUDED = {
    LivingForm.HOLIDAY_HOME: "vakantiewoning",
    LivingForm.SECOND_HOME: "tweede woning",
    LivingForm.HOTEL: "hotel of pension",
    LivingForm.RENTED_ROOM: "kamerhuur",
}


def apply(ctx: Context, state: State) -> State:
    dwelling = ctx.case.dwelling
    form = dwelling.living_form
    for mate in ctx.case.housemates:
        if mate.in_household and not ctx.case.belongs_to_household(mate):
            state = state.with_step(StepData(
                "woonvorm.medebewoner", "§1.2",
                f"{mate.name} is medebewoner in de woongroep en hoort niet tot het huishouden van "
                "de cliënt: een medebewoner die het wel kan, hoeft de huishoudelijke taken van de "
                "cliënt niet over te nemen (ook niet haar eigen kamer of was).",
                (("relatie", mate.relation.value), ("woonvorm", ctx.case.dwelling.living_form.value),
                 ("kan_huishouden", mate.can_do_household)),
            ))
        elif not mate.in_household:
            state = state.with_step(StepData(
                "woonvorm.kamerhuurder", "§1.2",
                f"{mate.name} huurt een kamer met huurovereenkomst en hoort niet tot het "
                "huishouden; van een kamerhuurder wordt geen gebruikelijke hulp verwacht.",
                (("relatie", "kamerhuurder"), ("huurovereenkomst", "ja")),
            ))
        elif mate.rental_contract is False:
            state = state.with_step(StepData(
                "woonvorm.kamerhuur_zonder_contract", PARAGRAPH,
                f"{mate.name} huurt een kamer maar er is geen huurovereenkomst; kamerhuur moet met "
                f"een huurovereenkomst worden aangetoond, dus geldt {mate.name} als huisgenoot.",
                (("relatie", "kamerhuurder"), ("huurovereenkomst", "nee")),
            ))
    if form in EXCLUDED:
        return _exclude(ctx, state, EXCLUDED[form])
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


def _exclude(ctx: Context, state: State, what: str) -> State:
    total = Fraction(0)
    lines = []
    for line in state.lines:
        line, removed = allocate(line, ONE, Actor.CLIENT, PARAGRAPH)
        lines.append(line._replace(exclusion=PARAGRAPH))
        total += removed
    state = state._replace(lines=tuple(lines))
    state = state.with_warning(
        "woonvorm_uitgesloten", PARAGRAPH,
        f"In een {what} wordt in beginsel geen hulp bij het huishouden verstrekt.",
    )
    return state.with_step(StepData(
        "woonvorm.uitgesloten", PARAGRAPH,
        f"De cliënt verblijft in een {what}: in beginsel geen hulp bij het huishouden; taken "
        "zijn uitstelbaar of schoonmaak kan bij de verhuurder worden ingekocht.",
        (("woonvorm", ctx.case.dwelling.living_form.value),), -total,
    ))
