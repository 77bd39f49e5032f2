"""§1.7 Voorliggende voorzieningen; §4.1 Maaltijdverzorging en boodschappen doen.

A voorliggende voorziening (boodschappenbezorgdienst, maaltijdservice, glazenwasser,
particuliere poetshulp, kinderopvang, was- en strijkservice, ...) is looked at first. It
counts only when it exists in the municipality and fits the client's circumstances (space,
money). §4.1: the CRvB regards a boodschappenservice as voorliggend with financially
bearable costs.
"""

from __future__ import annotations

from hbh_indicatie.models.common import UNKNOWN, Actor, Provision
from hbh_indicatie.rules.context import Context, per_norm_set
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.koppeling import item_of
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule
from hbh_indicatie.rules.state import ZERO, Line, State, StepData, percent

PARAGRAPH = "§1.7"

DECLARATION = Declaration(
    "voorliggend",
    (Paragraph("§1.7", "Voorliggende voorzieningen"),
     Paragraph("§4.1", "Maaltijdverzorging en boodschappen doen")),
    (
        Rule("voorliggend.<voorziening>", "§1.7",
             "een beschikbare en haalbare voorliggende voorziening neemt over"),
        Rule("voorliggend.boodschappendienst_crvb", "§4.1",
             "boodschappendienst met onbekende haalbaarheid telt: de CRvB acht de kosten "
             "financieel draagbaar"),
        Rule("voorliggend.niet_beschikbaar.<voorziening>", "§1.7",
             "de voorziening is er niet in de gemeente"),
        Rule("voorliggend.niet_haalbaar.<voorziening>", "§1.7",
             "de voorziening is niet haalbaar voor de cliënt"),
    ),
)


@per_norm_set
def _provided(ctx: Context) -> frozenset[str]:
    """The set's items that a provision may take over (part of): the lines §1.7 concerns."""
    return frozenset(act.id for act in ctx.norms.activities
                     if any(repl.provision is not None for repl in act.replaceable_by))


def apply(ctx: Context, state: State) -> State:
    facts = {p.kind: p for p in ctx.case.provisions}

    def provisions(line: Line) -> None:
        act = ctx.norms.activity(item_of(line))  # a split item's part: its item
        current = line
        for repl in act.replaceable_by if act is not None else ():
            if repl.provision is None or not current.has_open:
                continue
            fact = facts[repl.provision]
            name = repl.provision.value
            paragraph = PARAGRAPH
            if not fact.available:
                state.with_step(StepData(
                    f"voorliggend.niet_beschikbaar.{name}", PARAGRAPH,
                    Said(
                        "Een {0:s} is er niet in de gemeente; '{1}' blijft meetellen.",
                        name, line.label),
                    (("voorziening", name), ("beschikbaar_in_gemeente", "nee")), ZERO,
                    line.id,
                ))
                continue
            if fact.feasible == UNKNOWN:
                if repl.provision is Provision.GROCERY_SERVICE:
                    paragraph = "§4.1"
                else:
                    state.with_unknown(
                        f"voorliggende_voorzieningen.{name}.haalbaar",
                        "voorziening_onbekend", PARAGRAPH,
                        Said(
                            'Niet bekend of een {0:s} haalbaar is voor de cliënt; niet meegerekend.',
                            name),
                    )
                    continue
            elif not fact.feasible:
                state.with_step(StepData(
                    f"voorliggend.niet_haalbaar.{name}", PARAGRAPH,
                    Said(
                        "Een {0:s} is niet haalbaar voor de cliënt; '{1}' blijft meetellen.",
                        name, line.label),
                    (("voorziening", name), ("haalbaar", "nee")), ZERO, line.id,
                ))
                continue
            new, removed = state.allocate(current, percent(repl.share_percent), Actor.PROVISION,
                                    paragraph, name)
            if not removed:
                continue
            current = new
            why = ("de CRvB ziet een boodschappenservice als voorliggend, met financieel "
                   "draagbare kosten" if paragraph == "§4.1" else "beschikbaar en haalbaar")
            state.with_step(StepData(
                f"voorliggend.{name}" if paragraph == PARAGRAPH
                else "voorliggend.boodschappendienst_crvb", paragraph,
                Said(
                    "Voorliggende voorziening {0:s} neemt {1}% van '{2}' over ({3}).",
                    name, repl.share_percent, line.label, why),
                (("voorziening", name), ("beschikbaar_in_gemeente", "ja"),
                 ("haalbaar", "ja")), -removed, line.id, ctx.framework,
            ))

    state.each_line(provisions, items=_provided(ctx))
    return state
