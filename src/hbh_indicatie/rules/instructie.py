"""§1.3 Instructie: teaching housemates household skills, for at most 6 months.

Age or not being used to household work can limit a housemate's ability to take over.
When a housemate must take over because the client dropped out, instructie can be given
to the healthy housemate: a short indication for limited time (max. 6 months). The
housemate is still expected to take the tasks over (§2); the instructie is extra,
temporary help.
"""

from __future__ import annotations

from fractions import Fraction

from hbh_indicatie.models.case import Housemate
from hbh_indicatie.models.common import Actor, Category, TemporaryReason, fraction_text
from hbh_indicatie.rules import afwezigheid
from hbh_indicatie.rules.context import Context, add_months, per_week
from hbh_indicatie.rules.normering import provenance_text
from hbh_indicatie.rules.state import Line, Share, State, StepData, day_before

PARAGRAPH = "§1.3"


def _expected_to_take_over(mate: Housemate) -> bool:
    return (
        mate.is_adult
        and mate.can_do_household in ("ja", "gedeeltelijk")
        and not afwezigheid.no_usual_help(mate)
        and mate.overburdened is not True
    )


def apply(ctx: Context, state: State) -> State:
    norm = ctx.norms.instruction
    months = ctx.norms.terms.instruction_max.months
    for mate in ctx.household:
        if not mate.not_used_to_housework:
            continue
        if not _expected_to_take_over(mate):
            state = state.with_step(StepData(
                "instructie.niet_nodig", PARAGRAPH,
                f"{mate.name} is niet gewend aan huishoudelijk werk, maar wordt niet geacht "
                "taken over te nemen; instructie is dan niet aan de orde.",
                (("huisgenoot", mate.name),),
            ))
            continue
        weekly = per_week(Fraction(norm.amount), norm.unit, norm.frequency, ctx.norms.weeks_per_year)
        until = day_before(add_months(ctx.start, months))
        line = Line(
            f"instructie-{_slug(mate.name)}", f"Instructie aan {mate.name}",
            Category.ORGANISATION, "instructie", True, weekly, norm.provenance.status.value, (),
            (Share(Actor.HELP, weekly, PARAGRAPH, mate.name, None, until,
                   TemporaryReason.INSTRUCTION),),
        )
        state = state._replace(lines=(*state.lines, line))
        state = state.with_step(StepData(
            "instructie", PARAGRAPH,
            f"{mate.name} is niet gewend aan huishoudelijk werk en moet taken overnemen: "
            f"instructie {fraction_text(weekly)} minuten per week tot en met {until} "
            f"(maximaal {months} maanden).",
            (("huisgenoot", mate.name), ("ongewend_aan_huishouden", "ja"),
             ("herkomst", provenance_text(norm.provenance))),
            weekly, line.id, ctx.framework,
        ))
    return state


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-") or "huisgenoot"
