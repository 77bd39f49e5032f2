"""§4.6 Hulp bij het huishouden bij huisstofmijtallergie.

"Een vraag naar hulp bij het huishouden zal dus pas aan de orde zijn wanneer sanering van de
woning reeds heeft plaatsgevonden. Voor het stofvrij houden van de woning kan maximaal 2 uur
extra worden geïndiceerd."

Extra time for keeping the home dust-free only after the dwelling has been sanitised
(sanering). The toeslag extends dusting and vacuuming (its ``activiteiten`` in the norm set):
if the client or a housemate does those, the extra goes to them, not to the help
(``toeslagen``). The 2 hours are the toeslag's maximum in the norm set, a cap on the whole
extra however it is split; with ``maximum_omvat_afwijkingen`` the consultant's upward
deviations on those activities count towards it (``afwijking``). The protocol's own 2 hours
(:data:`MAXIMUM_MINUTES`) bound that maximum: a set that names none or a higher one is refused.
"""

from __future__ import annotations

from hbh_indicatie.models.norm_set import CONDITION_CAPS, Condition
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.registry import Declaration, Paragraph
from hbh_indicatie.rules.state import State

PARAGRAPH = "§4.6"
MAXIMUM_MINUTES = CONDITION_CAPS[Condition.DUST_MITE]
"""§4.6 "maximaal 2 uur extra": a norm set's huisstofmijt toeslag has a maximum no higher (the
norm set is refused otherwise, ``models/norm_set.py``); the engine applies the set's maximum to
the whole extra time, deviations included where the set says so (``afwijking``)."""

DECLARATION = Declaration(
    "huisstofmijt",
    (Paragraph("§4.6", "Hulp bij het huishouden bij huisstofmijtallergie"),),
)


def condition(ctx: Context, state: State) -> tuple[bool, State]:
    """Whether the huisstofmijt toeslag applies; records why not when it does not."""
    mite = ctx.case.dust_mite
    if not mite.allergy:
        return False, state
    if not mite.sanitised:
        state = state.with_warning(
            "huisstofmijt_zonder_sanering", PARAGRAPH,
            "Huisstofmijtallergie zonder sanering: eerst advies en sanering van de woning "
            "(CARA/COPD-verpleegkundige); pas daarna kan extra tijd worden geïndiceerd.",
        )
        return False, state
    return True, state
