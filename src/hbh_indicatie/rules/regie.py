"""§1.3 Begeleiding richt zich op motiveren en instrueren (regie).

When there are structural regie problems on several areas of daily life, begeleiding is
the appropriate function, not hulp bij het huishouden: the indication warns the consultant
to consider begeleiding. (Instructie of housemates, also §1.3, lives in ``instructie``.)
"""

from __future__ import annotations

from hbh_indicatie.models.common import UNKNOWN
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.registry import Declaration, Paragraph, Untranslated
from hbh_indicatie.rules.state import State

PARAGRAPH = "§1.3"

DECLARATION = Declaration(
    "regie",
    (Paragraph("§1.3", "Begeleiding richt zich op motiveren en instrueren"),),
    (),
    (Untranslated(
        "§1.3",
        "§1.3: het onderscheid tussen begeleiding en hulp bij het huishouden is een afweging; "
        "de engine signaleert alleen.",
        note="het onderscheid tussen begeleiding en hulp bij het huishouden (de engine "
             "waarschuwt alleen)"),),
)


def apply(ctx: Context, state: State) -> State:
    value = ctx.case.client.structural_regie_problems
    if value == UNKNOWN:
        return state.with_unknown(
            "client.structurele_regieproblemen",
            "regie_onbekend", PARAGRAPH,
            "Niet vastgesteld of er structurele regieproblemen zijn; bij zulke problemen is "
            "begeleiding aan de orde in plaats van (alleen) hulp bij het huishouden.",
        )
    if value:
        return state.with_warning(
            "overweeg_begeleiding", PARAGRAPH,
            "Er zijn structurele regieproblemen op meerdere gebieden: overweeg begeleiding "
            "(motiveren, aansturen, methodisch trainen) in plaats van of naast hulp bij het "
            "huishouden.",
        )
    return state
