"""§3 Normering huishoudelijke taken in minuten; §4 Activiteiten en frequentie.

Turns every activity of the norm set into weekly minutes for this household: amount x
frequency, the household-size rule, and per-child items. The norm determines how much
work there is; §1-§2 then decide who does it.

An item without a published figure (status onbekend) is only needed when the client does
not do it fully herself (§1.6) and, for per-child items, when the household has a child of
that age; when it is needed the engine stops with a message (never a silent zero).
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from hbh_indicatie.errors import NormNotApplicable
from hbh_indicatie.models.common import fraction_text
from hbh_indicatie.models.norms import Activity, FigureStatus, Provenance
from hbh_indicatie.rules.context import Context, per_week
from hbh_indicatie.rules.state import Bucket, Line, State, StepData

PARAGRAPH = "§3"


def provenance_text(prov: Provenance) -> str:
    if prov.status is FigureStatus.PUBLISHED:
        return f"gepubliceerd ({prov.source}{', ' + prov.locator if prov.locator else ''})"
    return prov.status.value


def _amount(act: Activity, size: int) -> tuple[Fraction | None, Provenance, str]:
    if act.size_variants:
        chosen = [v for v in act.size_variants if v.from_persons <= size][-1]
        return Fraction(chosen.amount), chosen.provenance, f"{chosen.from_persons}+ personen"
    amount = None if act.amount is None else Fraction(act.amount)
    return amount, act.provenance, "elke huishoudgrootte"


def _client_does_it(ctx: Context, act: Activity) -> bool:
    capability = ctx.case.client.capability
    ability = capability.per_activity.get(act.id) or capability.for_category(act.category)
    return ability.level == "volledig"


def _not_needed(ctx: Context, act: Activity) -> StepData:
    return StepData(
        f"normering.{act.id}", PARAGRAPH,
        f"Onderdeel '{act.label}' heeft in deze normenset geen cijfer (status onbekend); niet "
        "nodig, want de cliënt doet dit volledig zelf (§1.6).",
        (("herkomst", provenance_text(act.provenance)),), Fraction(0), act.id, ctx.framework,
    )


def apply(ctx: Context, state: State) -> State:
    lines: list[Line] = []
    steps: list[StepData] = []
    for act in ctx.norms.activities:
        count = 1
        if act.per_child is not None:
            rng = act.per_child
            count = sum(1 for c in ctx.children if rng.from_age <= c.age <= rng.to_age)
            if count == 0:
                continue
        amount, prov, size_rule = _amount(act, ctx.household_size)
        if amount is None:
            if _client_does_it(ctx, act):
                steps.append(_not_needed(ctx, act))
                continue
            raise NormNotApplicable(
                f"Normenset '{ctx.norms.id}' (versie {ctx.norms.version}): onderdeel "
                f"'{act.label}' ({act.id}) heeft geen gepubliceerd cijfer (status onbekend), en "
                "deze casus heeft dat onderdeel nodig: de cliënt doet het niet volledig zelf. "
                "De indicatie kan met deze normenset niet volledig worden berekend. Kies een "
                "andere normenset of vul het cijfer met bron in."
            )
        weekly = per_week(amount, act.unit, act.frequency, ctx.norms.weeks_per_year) * count
        lines.append(
            Line(act.id, act.label, act.category, "activiteit", act.postponable, weekly,
                 prov.status.value, (Bucket(weekly),))
        )
        facts = [
            ("hoeveelheid", f"{act.amount if act.amount is not None else amount} {act.unit.value}"),
            ("frequentie", f"{fraction_text(act.frequency.times, 2)} per {act.frequency.per.value}"),
            ("huishoudgrootte", f"{ctx.household_size} ({size_rule})"),
            ("herkomst", provenance_text(prov)),
        ]
        if count > 1 or act.per_child is not None:
            facts.append(("aantal kinderen in leeftijd", str(count)))
        steps.append(
            StepData(
                f"normering.{act.id}", PARAGRAPH,
                f"Norm voor '{act.label}': {fraction_text(weekly)} minuten per week.",
                tuple(facts), weekly, act.id, ctx.framework,
            )
        )
    result = replace(state, lines=(*state.lines, *lines))
    for step in steps:
        result = result.with_step(step)
    return result
