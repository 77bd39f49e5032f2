"""§2 Gebruikelijke hulp, kortdurende situaties (Bijlage 2, B2.1).

"Kortdurend: Er is uitzicht op herstel van het gezondheidsprobleem en de daarmee
samenhangende zelfredzaamheid van de verzekerde. Het gaat hierbij over het algemeen over een
periode van maximaal drie maanden. Langdurig: Het gaat om chronische situaties waarbij naar
verwachting de zorg langer dan drie maanden nodig zal zijn."

* The indication is temporary, until the expected recovery but no longer than the norm
  set's maximum term, and is then reassessed. A case labelled kortdurend whose expected
  recovery lies beyond that term does not fit the definition: the indication still ends at
  the term, and a warning says so (never a silent cut; "over het algemeen" leaves the label
  to the consultant).
* "In kortdurende situaties moet alle begeleiding door de gebruikelijke hulpverlener worden
  geboden" / "Alle begeleiding van de cliënt door een volwassen huisgenoot is gebruikelijke
  hulp als er sprake is van een kortdurende ondersteuningssituatie": an adult housemate who
  can do household work takes all uitstelbare tasks, whatever the §2.2 finding for the days
  at home (:func:`usual_helper_takes_all`, applied in ``afwezigheid``).
"""

from __future__ import annotations

from fractions import Fraction

from hbh_indicatie.models.case import Housemate
from hbh_indicatie.models.common import TemporaryReason
from hbh_indicatie.rules.context import Context, add_months
from hbh_indicatie.rules.explain import Said, Text
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule
from hbh_indicatie.rules.state import Line, State, StepData, day_before

PARAGRAPH = "§2 (B2.1)"

DECLARATION = Declaration(
    "kortdurend",
    (Paragraph("§2 (B2.1)", "Bijlage 2, B2.1: kortdurend en langdurig"),),
    (Rule("kortdurend.tijdelijk", "§2 (B2.1)", "kortdurende beperking: tijdelijke indicatie"),
     Rule("kortdurend.gebruikelijke_hulp", "§2 (B2.1)",
          "kortdurend: de volwassen huisgenoot doet al het uitstelbare werk")),
)


def usual_helper_takes_all(ctx: Context, mate: Housemate) -> bool:
    """B2.1: in a kortdurende situation the adult housemate gives all of the help."""
    return ctx.case.client.duration == "kortdurend" and mate.is_adult


POSTPONABLE_TAKEN = ("'{0}' is uitstelbaar: {1} neemt daarvan {2} over op de dagen thuis; "
                     "blijft {3:m} min/week.")
"""§2.2 and B2.1 say the same of a housemate who takes the uitstelbare work on days at home."""


def postponable_step(
    mate: Housemate, line: Line, done: Text, removed: Fraction, left: Fraction,
    facts: tuple[tuple[str, str], ...],
) -> StepData:
    """B2.1: the adult housemate who is partly away takes the uitstelbare work all the same."""
    return StepData(
        "kortdurend.gebruikelijke_hulp", PARAGRAPH,
        Said(POSTPONABLE_TAKEN, line.label, mate.name, done, left),
        facts, -removed, line.id,
    )


def apply(ctx: Context, state: State) -> State:
    client = ctx.case.client
    if client.duration != "kortdurend" or client.expected_recovery is None:
        return state
    months = ctx.norms.terms.short_term_max.months
    limit = day_before(add_months(ctx.start, months))
    recovery = client.expected_recovery
    end = min(recovery, limit)
    state.end_at(end, TemporaryReason.SHORT_TERM)
    later: Text = ""
    if recovery > limit:
        later = (Said(
            ' Het verwachte herstel ligt na de termijn van {0} maanden: de indicatie '
            'eindigt op {1} (zie waarschuwing).',
            months, limit))
        state = state.with_warning(
            "kortdurend_herstel_na_termijn", PARAGRAPH,
            Said(
                'De casus heet kortdurend, maar het verwachte herstel ({0}) ligt na de '
                'kortdurende termijn van {1} maanden ({2}). Bijlage 2 (B2.1): langdurig '
                "is zorg die 'naar verwachting langer dan drie maanden nodig zal zijn'. "
                "De indicatie eindigt op {2}; kies 'duur_beperkingen: langdurig' als de "
                'zorg naar verwachting langer nodig is, of herindiceer voor die datum.',
                recovery, months, limit),
        )
    return state.with_step(StepData(
        "kortdurend.tijdelijk", PARAGRAPH,
        Said(
            'Kortdurende beperking met uitzicht op herstel ({0}): tijdelijke '
            'indicatie tot en met {1}, daarna herindicatie.{2}',
            recovery, end, later),
        (("verwacht_herstel", str(recovery)),
         ("maximale termijn", f"{months} maanden")),
        framework=ctx.framework,
    ))
