"""§2 Gebruikelijke hulp, kortdurende situaties (Bijlage 2, B2.1).

When recovery is expected (in general within three months), the situation is short-term:
the indication is temporary, until the expected recovery but no longer than the norm
set's maximum term, and is then reassessed.
"""

from __future__ import annotations

from hbh_indicatie.models.common import TemporaryReason
from hbh_indicatie.rules.context import Context, add_months
from hbh_indicatie.rules.state import State, StepData, day_before

PARAGRAPH = "§2 (B2.1)"


def apply(ctx: Context, state: State) -> State:
    client = ctx.case.client
    if client.duration != "kortdurend" or client.expected_recovery is None:
        return state
    limit = day_before(add_months(ctx.start, ctx.norms.terms.short_term_max.months))
    end = min(client.expected_recovery, limit)
    if state.end_date is None or end < state.end_date:
        state = state._replace(end_date=end, end_reason=TemporaryReason.SHORT_TERM)
    return state.with_step(StepData(
        "kortdurend.tijdelijk", PARAGRAPH,
        f"Kortdurende beperking met uitzicht op herstel ({client.expected_recovery}): tijdelijke "
        f"indicatie tot en met {end}, daarna herindicatie.",
        (("verwacht_herstel", str(client.expected_recovery)),
         ("maximale termijn", f"{ctx.norms.terms.short_term_max.months} maanden")),
        framework=ctx.framework,
    ))
