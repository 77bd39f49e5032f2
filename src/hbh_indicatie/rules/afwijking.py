"""§3 Afwijken van de richtlijn: the consultant sets the norm higher or lower for one activity.

The protocol calls its norms guidelines: "Afhankelijk van de individuele omstandigheden
wordt de norm bepaald, dat kan zowel naar boven als beneden afwijken". A deviation is a
declared professional judgement with a motivation; it changes the norm of that activity
(who then does the work follows from §1-§2) and shows as its own step.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from hbh_indicatie.errors import HbhError
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.state import State, StepData

PARAGRAPH = "§3"


def apply(ctx: Context, state: State) -> State:
    for index, dev in enumerate(ctx.case.deviations):
        try:
            line = state.line(dev.activity)
        except KeyError:
            raise HbhError(
                f"afwijkingen[{index}].activiteit: '{dev.activity}' komt in deze casus niet voor "
                f"(geen norm of toeslag van normenset '{ctx.norms.id}' voor dit huishouden)."
            ) from None
        delta = Fraction(dev.minutes_per_week)
        if line.norm + delta < 0:
            raise HbhError(
                f"afwijkingen[{index}]: {dev.minutes_per_week} minuten maakt de norm van "
                f"'{line.label}' negatief (norm is {line.norm} minuten per week)."
            )
        main = line.buckets[0]
        line = replace(line, norm=line.norm + delta,
                       buckets=(replace(main, open=main.open + delta), *line.buckets[1:]))
        state = state.replace_line(line).with_step(StepData(
            f"afwijking.{dev.activity}", PARAGRAPH,
            f"Afwijking van de richtlijn voor '{line.label}': "
            f"{'+' if delta > 0 else ''}{dev.minutes_per_week} minuten per week. "
            f"Motivering: {dev.motivation}",
            (("motivering", dev.motivation), ("minuten_per_week", str(dev.minutes_per_week))),
            delta, line.id, "casus",
        ))
    return state
