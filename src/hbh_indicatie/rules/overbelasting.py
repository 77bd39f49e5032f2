"""§2.1 Overbelasting.

When a housemate turns out to be overburdened by caring for the client, help can be given
temporarily, while client and housemate look for ways to reduce the overburden; only when
that proves impossible after a temporary indication can help become long-term. The
housemate's share is carried by the help until the end of the term, then by the housemate.
"""

from __future__ import annotations

from datetime import date

from hbh_indicatie.errors import RuleConflict
from hbh_indicatie.models.case import Housemate
from hbh_indicatie.rules.context import Context, add_months
from hbh_indicatie.rules.state import State, day_before

PARAGRAPH = "§2.1"


def term_end(ctx: Context) -> date:
    return day_before(add_months(ctx.start, ctx.norms.terms.overburden.months))


def check_conflicts(mate: Housemate, state: State) -> None:
    for line in state.lines:
        if line.exclusion is not None:
            raise RuleConflict(
                line.exclusion, PARAGRAPH,
                f"{mate.name} is overbelast (§2.1: tijdelijk hulp inzetten), maar volgens "
                f"{line.exclusion} wordt in deze woonvorm geen hulp bij het huishouden verstrekt.",
            )


def warn(ctx: Context, state: State, mate: Housemate) -> State:
    return state.with_warning(
        "overbelasting_tijdelijk", PARAGRAPH,
        f"{mate.name} is overbelast: tijdelijke indicatie tot en met {term_end(ctx)}. "
        "Onderzoek met cliënt en huisgenoot hoe de overbelasting kan verminderen; alleen als "
        "dat echt niet lukt kan de hulp daarna langdurig worden.",
    )
