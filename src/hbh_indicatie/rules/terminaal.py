"""§4.5 Hulp bij het huishouden in terminale situaties.

In terminal (or other chronic) situations where informal carers are heavily burdened,
the norms on usual help can be applied more leniently. How lenient is the consultant's
judgement: the case names the tasks the housemate is relieved of (``ontlasten``); the
engine applies exactly that and never guesses.
"""

from __future__ import annotations

from hbh_indicatie.errors import RuleConflict
from hbh_indicatie.models.case import Housemate
from hbh_indicatie.rules.context import Context, selects
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule, Untranslated
from hbh_indicatie.rules.state import ZERO, Line, State, StepData

PARAGRAPH = "§4.5"

DECLARATION = Declaration(
    "terminaal",
    (Paragraph("§4.5", "Hulp bij het huishouden in terminale situaties"),),
    (Rule("terminaal.ontlasten", "§4.5", "de huisgenoot wordt ontlast (terminale situatie)"),),
    (Untranslated(
        "§4.5",
        "§4.5: hoe soepel gebruikelijke hulp wordt toegepast is een afweging "
        "(vastgelegd in 'ontlasten').",
        lambda case: case.terminal.applies,
        "hoe soepel gebruikelijke hulp wordt toegepast (`terminale_situatie.ontlasten`)"),),
)


def relieves(ctx: Context, line: Line) -> bool:
    terminal = ctx.case.terminal
    return terminal.applies and terminal.relieve is not None and selects(terminal.relieve, line)


def check(ctx: Context, state: State, mate: Housemate) -> State:
    terminal = ctx.case.terminal
    if not terminal.applies:
        return state
    conflicts = state.find(lambda ln: ln.exclusion is not None and relieves(ctx, ln))
    if conflicts:
        line = conflicts[0]
        raise RuleConflict(
            line.exclusion or PARAGRAPH, PARAGRAPH,
            f"Voor '{line.label}' vraagt de terminale situatie om ontlasting van {mate.name} "
            f"(§4.5), maar volgens {line.exclusion} wordt hier geen hulp verstrekt.",
        )
    if terminal.relieve is None:
        state = state.with_warning(
            "terminaal_zonder_keuze", PARAGRAPH,
            "Terminale situatie: gebruikelijke hulp mag soepeler worden toegepast, maar de casus "
            "noemt niet van welke taken de huisgenoot wordt ontlast ('ontlasten'). Leg die "
            "afweging vast.",
        )
    return state


def relief_step(mate: Housemate, line: Line, facts: tuple[tuple[str, str], ...]) -> StepData:
    """§4.5: the housemate is relieved of this work; it stays open for the help."""
    return StepData(
        "terminaal.ontlasten", PARAGRAPH,
        Said(
            "Terminale situatie: {0} wordt ontlast van '{1}' (gebruikelijke hulp "
            'soepel toegepast).',
            mate.name, line.label),
        (*facts, ("terminale_situatie", "ja")), ZERO, line.id,
    )
