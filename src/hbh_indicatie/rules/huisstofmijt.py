"""§4.6 Hulp bij het huishouden bij huisstofmijtallergie.

Extra time for keeping the home dust-free only after the dwelling has been sanitised
(sanering); at most 2 hours extra (the cap is a figure of the norm set's toeslag).
"""

from __future__ import annotations

from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.state import State

PARAGRAPH = "§4.6"


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
