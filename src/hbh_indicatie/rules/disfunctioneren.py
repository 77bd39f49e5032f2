"""§1.1 Als disfunctioneren dreigt.

Hulp bij het huishouden comes into view when dysfunction threatens: vervuiling,
verwaarlozing or ontreddering. Without it the indication carries a warning; the
consultant must establish it (the engine does not refuse, the decision is the consultant's).
"""

from __future__ import annotations

from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule
from hbh_indicatie.rules.state import State, StepData

PARAGRAPH = "§1.1"

DECLARATION = Declaration(
    "disfunctioneren",
    (Paragraph("§1.1", "Als disfunctioneren dreigt"),),
    (Rule("disfunctioneren", "§1.1", "er dreigt disfunctioneren: hulp kan aan de orde zijn"),),
)


def apply(ctx: Context, state: State) -> State:
    found = ctx.case.dysfunction
    if isinstance(found, str):
        return state.with_unknown(
            "dreigend_disfunctioneren",
            "disfunctioneren_onbekend", PARAGRAPH,
            "Niet vastgesteld of disfunctioneren dreigt (vervuiling, verwaarlozing, "
            "ontreddering). Hulp bij het huishouden is pas aan de orde als dat zo is.",
        )
    if not found:
        return state.with_warning(
            "geen_disfunctioneren", PARAGRAPH,
            "Er dreigt volgens de casus geen disfunctioneren (vervuiling, verwaarlozing, "
            "ontreddering). Motiveer waarom hulp bij het huishouden toch nodig is.",
        )
    names = ", ".join(d.value for d in found)
    return state.with_step(StepData(
        "disfunctioneren", PARAGRAPH,
        Said(
            'Er dreigt disfunctioneren ({0}); hulp bij het huishouden kan aan de '
            'orde zijn.',
            names),
        (("dreigend_disfunctioneren", names),),
    ))
