"""§1.5 Revalideren.

When the condition still offers treatment options, the consultant weighs whether help
works anti-revaliderend. A temporary indication for the duration of the revalidatie is
possible if it does not; after the traject a herindicatie follows. Activities the client
must practise herself (anti-revaliderend to take over) are not indicated, unless the case
records that the help practises them with her (an oefenplan, or a mode of support other than
overnemen, issue 17): then the time to practise together is budgeted instead
(``rules/oefenplan.py``, ``rules/ondersteuningswijze.py``).
"""

from __future__ import annotations

from hbh_indicatie.models.common import Actor, TemporaryReason
from hbh_indicatie.rules import ondersteuningswijze
from hbh_indicatie.rules.context import Context, selects
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule, Untranslated
from hbh_indicatie.rules.state import ONE, Line, State, StepData

PARAGRAPH = "§1.5"

DECLARATION = Declaration(
    "revalidatie",
    (Paragraph("§1.5", "Revalideren"),),
    (Rule("revalidatie.tijdelijk", "§1.5", "tijdelijke indicatie voor de duur van de revalidatie"),
     Rule("revalidatie.zelf_oefenen", "§1.5",
          "overnemen werkt anti-revaliderend: de cliënt oefent zelf"),
     Rule("revalidatie.samen_oefenen", "§1.5",
          "overnemen werkt anti-revaliderend, de hulp oefent samen met de cliënt: de tijd telt")),
    (Untranslated(
        "§1.5",
        "§1.5: of hulp anti-revaliderend werkt is het oordeel van de "
        "indicatiesteller (vastgelegd in 'anti_revaliderend_voor').",
        lambda case: case.client.rehabilitation is not None,
        "of hulp anti-revaliderend werkt (`revalidatie.anti_revaliderend_voor`)"),),
)


def apply(ctx: Context, state: State) -> State:
    rehab = ctx.case.client.rehabilitation
    if rehab is None:
        return state
    end = rehab.end_date
    state.end_at(end, TemporaryReason.REHABILITATION)
    state = state.with_step(StepData(
        "revalidatie.tijdelijk", PARAGRAPH,
        Said(
            'De cliënt revalideert: tijdelijke indicatie tot en met {0}; daarna '
            'herindicatie.',
            end),
        (("revalidatie_einddatum", str(end)),),
    ))
    practises = rehab.client_practises
    if practises is None:
        return state

    def practise(line: Line) -> None:
        if ondersteuningswijze.practises_together(ctx.case, line):
            state.with_step(StepData(
                "revalidatie.samen_oefenen", PARAGRAPH,
                Said(
                    "Alleen overnemen van '{0}' werkt anti-revaliderend; de hulp oefent het "
                    "samen met de cliënt (wijze van ondersteuning of oefenplan), dus de tijd om "
                    "te oefenen telt mee.",
                    line.label),
                (("anti_revaliderend", "ja"), ("samen_oefenen", "ja")), activity=line.id,
            ))
            return
        _, removed = state.allocate(line, ONE, Actor.CLIENT, PARAGRAPH)
        if removed:
            state.with_step(StepData(
                "revalidatie.zelf_oefenen", PARAGRAPH,
                Said(
                    "Overnemen van '{0}' werkt anti-revaliderend: de cliënt oefent dit zelf.",
                    line.label),
                (("anti_revaliderend", "ja"),), -removed, line.id,
            ))

    state.each_line(practise, lambda line: selects(practises, line))
    return state
