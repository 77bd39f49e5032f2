"""§2.3 Uitstelbare en niet-uitstelbare taken.

Uitstelbare tasks can be spread over the week (wasverzorging, heavy cleaning);
niet-uitstelbare tasks must be done the same day (meals, dishes, tidying). With extra
soiling caused by the condition (or a calamity), cleaning the sanitary and the laundry
become niet-uitstelbaar. Which activities that concerns is marked in the norm set.
"""

from __future__ import annotations

from hbh_indicatie.models.common import UNKNOWN
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule
from hbh_indicatie.rules.state import Line, State, StepData

PARAGRAPH = "§2.3"

DECLARATION = Declaration(
    "uitstelbaar",
    (Paragraph("§2.3", "Uitstelbare en niet uitstelbare taken"),),
    (Rule("uitstelbaar.extra_bevuiling", "§2.3",
          "extra bevuiling maakt sanitair en was niet-uitstelbaar"),),
)


def apply(ctx: Context, state: State) -> State:
    soiling = ctx.case.extra_soiling
    if soiling == UNKNOWN:
        return state.with_unknown(
            "extra_bevuiling",
            "bevuiling_onbekend", PARAGRAPH,
            "Niet bekend of de aandoening extra bevuiling geeft; sanitair en was blijven "
            "uitstelbaar gerekend.",
        )
    if not soiling:
        return state

    def soiled(line: Line) -> bool:
        act = ctx.norms.activity(line.activity)  # a §3 toeslag part follows its activity
        return act is not None and act.urgent_when_extra_soiling and line.postponable

    def urgent(line: Line) -> None:
        state.make_urgent(line)
        state.with_step(StepData(
            "uitstelbaar.extra_bevuiling", PARAGRAPH,
            Said(
                "Door extra bevuiling door de aandoening is '{0}' niet-uitstelbaar.",
                line.label),
            (("extra_bevuiling", "ja"),), activity=line.id,
        ))

    state.each_line(urgent, soiled)
    return state
