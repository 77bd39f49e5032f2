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
from hbh_indicatie.rules.state import ONE, State, StepData, allocate

PARAGRAPH = "§1.5"


def apply(ctx: Context, state: State) -> State:
    rehab = ctx.case.client.rehabilitation
    if rehab is None:
        return state
    end = rehab.end_date
    if state.end_date is None or end < state.end_date:
        state = state._replace(end_date=end, end_reason=TemporaryReason.REHABILITATION)
    state = state.with_step(StepData(
        "revalidatie.tijdelijk", PARAGRAPH,
        f"De cliënt revalideert: tijdelijke indicatie tot en met {end}; daarna herindicatie.",
        (("revalidatie_einddatum", str(end)),),
    ))
    if rehab.client_practises is None:
        return state
    for line in state.lines:
        if not selects(rehab.client_practises, line):
            continue
        if ondersteuningswijze.practises_together(ctx.case, line):
            state = state.with_step(StepData(
                "revalidatie.samen_oefenen", PARAGRAPH,
                f"Alleen overnemen van '{line.label}' werkt anti-revaliderend; de hulp oefent het "
                "samen met de cliënt (wijze van ondersteuning of oefenplan), dus de tijd om te "
                "oefenen telt mee.",
                (("anti_revaliderend", "ja"), ("samen_oefenen", "ja")), activity=line.id,
            ))
            continue
        new, removed = allocate(line, ONE, Actor.CLIENT, PARAGRAPH)
        state = state.replace_line(new)
        if removed:
            state = state.with_step(StepData(
                "revalidatie.zelf_oefenen", PARAGRAPH,
                f"Overnemen van '{line.label}' werkt anti-revaliderend: de cliënt oefent dit zelf.",
                (("anti_revaliderend", "ja"),), -removed, line.id,
            ))
    return state
