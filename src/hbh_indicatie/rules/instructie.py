"""§1.3 Instructie: teaching housemates household skills, for at most 6 months.

"Leeftijd of het niet gewend zijn aan huishoudelijk werk kunnen invloed hebben op het
vermogen van andere leden uit het cliëntsysteem om huishoudelijke taken over te nemen. Als
dit noodzakelijk is door uitval van een van de leden kan aan de gezonde anderen een
instructie worden gegeven voor het aanleren van vaardigheden op huishoudelijk gebied. [...]
Het gaat dan om een kortdurende indicatie voor beperkte tijd (maximaal 6 maanden)."

Instructie is for a housemate who is not used to household work and actually takes over
work: what remains for the housemate after eigen kracht, the network, private help and
voorliggende voorzieningen (§1.6, §1.7) and that they carry as usual help from the start
date (§2). Age is one of the reasons named, so a child who must take over tasks can get
instructie too. The housemate still does the tasks; the instructie is extra, temporary help.
This rule therefore runs after §2, and before the §4.6.1 exclusion
(``woonvorm.apply_exclusion``): in a woonvorm where in principle no help is given, an
instructie this rule gives is a rule conflict §4.6.1 x §1.3 that the consultant resolves.
"""

from __future__ import annotations

from fractions import Fraction

from hbh_indicatie.models.case import Housemate
from hbh_indicatie.models.common import Actor, Category, TemporaryReason
from hbh_indicatie.rules.context import Context, add_months, per_week
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.normering import provenance_text
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule
from hbh_indicatie.rules.state import Line, Share, State, StepData, day_before, total

PARAGRAPH = "§1.3"

DECLARATION = Declaration(
    "instructie",
    (Paragraph("§1.3", "Begeleiding richt zich op motiveren en instrueren"),),
    (Rule("instructie", "§1.3", "instructie aan een huisgenoot, maximaal 6 maanden"),
     Rule("instructie.niet_nodig", "§1.3", "geen instructie: de huisgenoot neemt geen werk over")),
)


def carried(ctx: Context, state: State, mate: Housemate) -> Fraction:
    """Minutes per week the housemate takes over as usual help on the start date."""
    return total([
        s.minutes for s in state.shares()
        if s.actor is Actor.HOUSEMATE and s.person == mate.name and s.active_on(ctx.start)
    ])


def apply(ctx: Context, state: State) -> State:
    norm = ctx.norms.instruction
    months = ctx.norms.terms.instruction_max.months
    for mate in sorted(ctx.household, key=lambda m: m.name):
        if not mate.not_used_to_housework:
            continue
        work = carried(ctx, state, mate)
        if not work:
            state = state.with_step(StepData(
                "instructie.niet_nodig", PARAGRAPH,
                Said(
                    '{0} is niet gewend aan huishoudelijk werk, maar neemt (na eigen kracht, '
                    'netwerk en voorliggende voorzieningen) geen taken over; instructie is '
                    'dan niet aan de orde.',
                    mate.name),
                (("huisgenoot", mate.name), ("neemt over (min/week)", "0")),
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
        who = f"{mate.name} ({mate.age} jaar)" if not mate.is_adult else mate.name
        state.add_line(line)
        state = state.with_step(StepData(
            "instructie", PARAGRAPH,
            Said(
                '{0} is niet gewend aan huishoudelijk werk en neemt {1:m} minuten per '
                'week aan taken over: instructie {2:m} minuten per week tot en met {3} '
                '(maximaal {4} maanden).',
                who, work, weekly, until, months),
            (("huisgenoot", mate.name), ("ongewend_aan_huishouden", "ja"),
             ("neemt over (min/week)", str(work)),
             ("herkomst", provenance_text(norm.provenance))),
            weekly, line.id, ctx.framework,
        ))
    return state


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-") or "huisgenoot"
