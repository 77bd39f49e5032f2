"""§1.7 Voorliggende voorzieningen; §4.1 Maaltijdverzorging en boodschappen doen.

A voorliggende voorziening (boodschappenbezorgdienst, maaltijdservice, glazenwasser,
particuliere poetshulp, kinderopvang, was- en strijkservice, ...) is looked at first. It
counts only when it exists in the municipality and fits the client's circumstances (space,
money). §4.1: the CRvB regards a boodschappenservice as voorliggend with financially
bearable costs.
"""

from __future__ import annotations

from hbh_indicatie.models.common import UNKNOWN, Actor, Provision, spoken
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.koppeling import item_of
from hbh_indicatie.rules.state import ZERO, Line, State, StepData, allocate, percent

PARAGRAPH = "§1.7"


def apply(ctx: Context, state: State) -> State:
    facts = {p.kind: p for p in ctx.case.provisions}
    # One pass over the lines, one new state at the end (a hot path: no copy per line).
    lines: list[Line] = []
    steps: list[StepData] = []
    for line in state.lines:
        act = ctx.norms.activity(item_of(line))  # a split item's part: its item
        current = line
        for repl in act.replaceable_by if act is not None else ():
            if repl.provision is None or not current.open:
                continue
            fact = facts[repl.provision]
            name = repl.provision.value
            paragraph = PARAGRAPH
            if not fact.available:
                steps.append(StepData(
                    f"voorliggend.niet_beschikbaar.{name}", PARAGRAPH,
                    f"Een {spoken(name)} is er niet in de gemeente; '{line.label}' blijft "
                    "meetellen.",
                    (("voorziening", name), ("beschikbaar_in_gemeente", "nee")), ZERO,
                    line.id,
                ))
                continue
            if fact.feasible == UNKNOWN:
                if repl.provision is Provision.GROCERY_SERVICE:
                    paragraph = "§4.1"
                else:
                    state = state.with_unknown(
                        f"voorliggende_voorzieningen.{name}.haalbaar",
                        "voorziening_onbekend", PARAGRAPH,
                        f"Niet bekend of een {spoken(name)} haalbaar is voor de cliënt; niet "
                        "meegerekend.",
                    )
                    continue
            elif not fact.feasible:
                steps.append(StepData(
                    f"voorliggend.niet_haalbaar.{name}", PARAGRAPH,
                    f"Een {spoken(name)} is niet haalbaar voor de cliënt; '{line.label}' blijft "
                    "meetellen.",
                    (("voorziening", name), ("haalbaar", "nee")), ZERO, line.id,
                ))
                continue
            new, removed = allocate(current, percent(repl.share_percent), Actor.PROVISION,
                                    paragraph, name)
            if not removed:
                continue
            current = new
            why = ("de CRvB ziet een boodschappenservice als voorliggend, met financieel "
                   "draagbare kosten" if paragraph == "§4.1" else "beschikbaar en haalbaar")
            steps.append(StepData(
                f"voorliggend.{name}" if paragraph == PARAGRAPH
                else "voorliggend.boodschappendienst_crvb", paragraph,
                f"Voorliggende voorziening {spoken(name)} neemt {repl.share_percent}% van "
                f"'{line.label}' over ({why}).",
                (("voorziening", name), ("beschikbaar_in_gemeente", "ja"),
                 ("haalbaar", "ja")), -removed, line.id, ctx.framework,
            ))
        lines.append(current)
    return state.with_work(tuple(lines), tuple(steps))
