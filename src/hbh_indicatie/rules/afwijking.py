"""§3 Afwijken van de richtlijn: the consultant sets the norm higher or lower for one activity.

The protocol calls its norms guidelines: "Afhankelijk van de individuele omstandigheden
wordt de norm bepaald, dat kan zowel naar boven als beneden afwijken". A deviation is a
declared professional judgement with a motivation; it changes the norm of that activity
(who then does the work follows from §1-§2) and shows as its own step. A deviation never
lifts a toeslag above the maximum the norm set gives it (§4.6: at most 2 hours extra for
huisstofmijt): that is a rule conflict the consultant must resolve.
"""

from __future__ import annotations

from fractions import Fraction

from hbh_indicatie.errors import HbhError, RuleConflict
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.state import State, StepData

PARAGRAPH = "§3"


def apply(ctx: Context, state: State) -> State:
    _check_totals(ctx, state)
    for dev in ctx.case.deviations:
        line = state.line(dev.activity)
        delta = Fraction(dev.minutes_per_week)
        main = line.buckets[0]
        line = line._replace(
            norm=line.norm + delta,
            buckets=(main._replace(open=main.open + delta), *line.buckets[1:]),
        )
        state = state.replace_line(line).with_step(StepData(
            f"afwijking.{dev.activity}", PARAGRAPH,
            f"Afwijking van de richtlijn voor '{line.label}': "
            f"{'+' if delta > 0 else ''}{dev.minutes_per_week} minuten per week. "
            f"Motivering: {dev.motivation}",
            (("motivering", dev.motivation), ("minuten_per_week", str(dev.minutes_per_week))),
            delta, line.id, "casus",
        ))
    return state


def _check_totals(ctx: Context, state: State) -> None:
    """Checks every activity's norm after *all* its deviations, so the order of the list never
    changes the outcome (two deviations of one activity are judged by their sum)."""
    indexes: dict[str, list[int]] = {}
    for index, dev in enumerate(ctx.case.deviations):
        indexes.setdefault(dev.activity, []).append(index)
    for activity, where in indexes.items():
        first = where[0]
        try:
            line = state.line(activity)
        except KeyError:
            raise HbhError(
                f"afwijkingen[{first}].activiteit: '{activity}' komt in deze casus niet voor "
                f"(geen norm of toeslag van normenset '{ctx.norms.id}' voor dit huishouden)."
            ) from None
        delta = sum((Fraction(ctx.case.deviations[i].minutes_per_week) for i in where),
                    Fraction(0))
        label = ", ".join(f"afwijkingen[{i}]" for i in where)
        if line.norm + delta < 0:
            raise HbhError(
                f"{label}: {delta} minuten maakt de norm van '{line.label}' negatief (norm is "
                f"{line.norm} minuten per week)."
            )
        _check_cap(ctx, label, line.id, line.label, line.norm + delta)


def _check_cap(ctx: Context, where: str, line_id: str, label: str, minutes: Fraction) -> None:
    """A deviation may not lift a toeslag above its maximum (e.g. §4.6: at most 2 hours)."""
    for sup in ctx.norms.supplements:
        cap = sup.cap_minutes_per_week
        if sup.id == line_id and cap is not None and minutes > Fraction(cap):
            raise RuleConflict(
                PARAGRAPH, sup.paragraph,
                f"{where} brengt '{label}' op {minutes} minuten per week, boven het "
                f"maximum van {cap} minuten per week van normenset '{ctx.norms.id}'.",
            )
