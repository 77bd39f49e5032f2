"""§1.4 Technische hulpmiddelen (and the technical aids named in §1.7).

No help where the problem is solved by technical aids. Usual appliances (washing machine,
vacuum cleaner) and aids already present (dryer, dishwasher) are used first. An aid that
is absent but would solve the problem must be acquired first when feasible (space, money);
until it is there the client can get help: overbrugging, a temporary part.
"""

from __future__ import annotations

from hbh_indicatie.models.common import UNKNOWN, Actor, fraction_text, spoken
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.state import ZERO, Line, State, StepData, allocate, percent, split_bridge

PARAGRAPH = "§1.4"


def apply(ctx: Context, state: State) -> State:
    facts = {a.kind: a for a in ctx.case.aids}
    used = False
    # One pass over the lines, one new state at the end (a hot path: no copy per line).
    lines: list[Line] = []
    steps: list[StepData] = []
    for line in state.lines:
        act = ctx.norms.activity(line.id)
        current = line
        for repl in act.replaceable_by if act is not None else ():
            if repl.aid is None or not current.open:
                continue
            fact = facts[repl.aid]
            share = percent(repl.share_percent)
            name = repl.aid.value
            if fact.present or (
                fact.feasible is True
                and fact.expected_from is not None
                and fact.expected_from <= ctx.start
            ):
                current, removed = allocate(current, share, Actor.AID, PARAGRAPH)
                if fact.present:
                    text = (f"Een {spoken(name)} is aanwezig en neemt {repl.share_percent}% van "
                            f"'{line.label}' over.")
                    said: tuple[tuple[str, str], ...] = (("aanwezig", "ja"),)
                else:  # feasible and expected on or before the start date: there by then
                    text = (f"Een {spoken(name)} is haalbaar en is er per {fact.expected_from} "
                            f"(vóór of op de ingangsdatum); die neemt {repl.share_percent}% van "
                            f"'{line.label}' over.")
                    said = (("aanwezig", "nee"), ("haalbaar", "ja"),
                            ("verwacht_per", str(fact.expected_from)))
                steps.append(StepData(
                    f"hulpmiddel.{name}", PARAGRAPH, text,
                    (("hulpmiddel", name), *said, ("aandeel", f"{repl.share_percent}%")),
                    -removed, line.id, ctx.framework,
                ))
                used = used or removed > 0
            elif fact.feasible is True:
                assert fact.expected_from is not None
                current, bridged = split_bridge(current, share, fact.expected_from, PARAGRAPH)
                steps.append(StepData(
                    f"hulpmiddel.overbrugging.{name}", PARAGRAPH,
                    f"Een {spoken(name)} is er nog niet maar is haalbaar (ruimte en geld) en moet eerst "
                    f"worden ingezet; vanaf {fact.expected_from} neemt het "
                    f"{repl.share_percent}% van '{line.label}' over "
                    f"({fraction_text(bridged)} min/week). Tot dan: overbrugging.",
                    (("hulpmiddel", name), ("aanwezig", "nee"), ("haalbaar", "ja"),
                     ("verwacht_per", str(fact.expected_from))), ZERO, line.id,
                    ctx.framework,
                ))
            elif fact.feasible == UNKNOWN:
                state = state.with_unknown(
                    f"hulpmiddelen.{name}.haalbaar",
                    "hulpmiddel_onbekend", PARAGRAPH,
                    f"Niet bekend of een {spoken(name)} haalbaar is (ruimte, geld); daarom niet "
                    "meegerekend. Onderzoek dit: een haalbaar hulpmiddel gaat voor.",
                )
            else:
                steps.append(StepData(
                    f"hulpmiddel.niet_haalbaar.{name}", PARAGRAPH,
                    f"Een {spoken(name)} is er niet en is niet haalbaar (ruimte of geld); "
                    f"'{line.label}' blijft meetellen.",
                    (("hulpmiddel", name), ("aanwezig", "nee"), ("haalbaar", "nee")),
                    ZERO, line.id,
                ))
        lines.append(current)
    state = state.with_work(tuple(lines), tuple(steps))
    if used and all(ln.open == 0 for ln in state.lines if ln.kind != "instructie"):
        state = state.with_step(StepData(
            "hulpmiddel.afdoende", PARAGRAPH,
            "De problemen worden afdoende opgelost met technische hulpmiddelen: geen indicatie.",
            (),
        ))
    return state
