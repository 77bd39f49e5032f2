"""§1.4 Technische hulpmiddelen (and the technical aids named in §1.7).

"Er is geen indicatie voor hulp bij het huishouden als de problemen van de cliënt afdoende
kunnen worden opgelost met technische hulpmiddelen." Usual appliances (washing machine,
vacuum cleaner) and aids already present (dryer, dishwasher) are used first. An aid that
is absent but would solve the problem must be acquired first when feasible (space, money);
"De cliënt kan voor de tijd dat de hulpmiddelen er niet zijn in aanmerking komen voor
ondersteuning vanuit de Wmo (er is dus een vorm van overbruggingszorg)": until it is there
the client gets help, a temporary part that cites §1.4.

* Whether an aid solves the problem *afdoende* for this client is the consultant's finding
  per aid (``afdoende``): then the aid takes over the activities it serves entirely,
  including their toeslag parts (§3 extra time on that work: the extra vacuuming for a pet
  is vacuuming, which the aid solves afdoende); without a finding it takes the share the
  norm set gives it of the activity and none of a toeslag (that extra time comes from the
  client's situation). ``onbekend``: the norm set's share, voorlopig.
* "Hulpmiddelen kunnen bestaan uit algemeen gebruikelijke huishoudelijke apparatuur, zoals
  een wasmachine of stofzuiger. Deze hulpmiddelen dienen uit oogpunt van verantwoorde
  werkomstandigheden ook voor een helpende aanwezig te zijn": when a washing machine or
  vacuum cleaner is recorded as absent while help remains in its area, a warning
  (:func:`for_helper`).
"""

from __future__ import annotations

from fractions import Fraction

from hbh_indicatie.models.case import AidFact
from hbh_indicatie.models.common import (
    CATEGORY_LABELS,
    UNKNOWN,
    Actor,
    Aid,
    Category,
    spoken,
)
from hbh_indicatie.models.norm_set import Replacement
from hbh_indicatie.rules.context import Context, per_norm_set
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule, Untranslated
from hbh_indicatie.rules.state import (
    ONE,
    ZERO,
    Line,
    State,
    StepData,
    percent,
)

PARAGRAPH = "§1.4"

DECLARATION = Declaration(
    "hulpmiddelen",
    (Paragraph("§1.4", "Technische hulpmiddelen"),),
    (
        Rule("hulpmiddelen.<soort>", "§1.4",
             "een aanwezig hulpmiddel neemt (een deel van) een activiteit over"),
        Rule("hulpmiddelen.overbrugging.<soort>", "§1.4",
             "een haalbaar hulpmiddel komt later: tot dan overbrugging"),
        Rule("hulpmiddelen.niet_haalbaar.<soort>", "§1.4",
             "een hulpmiddel is er niet en is niet haalbaar"),
        Rule("hulpmiddelen.afdoende", "§1.4",
             "de problemen worden afdoende met hulpmiddelen opgelost: geen indicatie"),
    ),
    (Untranslated(
        "§1.4",
        "§1.4: of een hulpmiddel het probleem afdoende oplost, is het oordeel van de "
        "indicatiesteller (vastgelegd in 'afdoende').",
        lambda case: any(a.sufficient is not None for a in case.aids),
        "of een hulpmiddel afdoende is (`afdoende`)"),),
)

FOR_HELPER: dict[Aid, Category] = {
    Aid.WASHING_MACHINE: Category.LAUNDRY,
    Aid.VACUUM: Category.CLEAN_HOME,
}
"""§1.4: the usual appliances a helper needs, and the result area they serve."""


def _there_at_start(fact: AidFact, ctx: Context) -> bool:
    return fact.present or (
        fact.feasible is True and fact.expected_from is not None and fact.expected_from <= ctx.start
    )


def _share(fact: AidFact, repl: Replacement) -> tuple[Fraction, str]:
    """The share of the activity the aid takes over, and how it is said."""
    if fact.sufficient is True:
        return ONE, "100% (afdoende volgens de consulent)"
    return percent(repl.share_percent), f"{repl.share_percent}%"


def _finding(fact: AidFact) -> str:
    value = fact.sufficient
    return "niet vastgesteld" if value is None else "ja" if value is True else \
        "nee" if value is False else UNKNOWN


@per_norm_set
def _aided(ctx: Context) -> frozenset[str]:
    """The set's activities that an aid may take over (part of): the lines §1.4 concerns."""
    return frozenset(act.id for act in ctx.norms.activities
                     if any(repl.aid is not None for repl in act.replaceable_by))


def apply(ctx: Context, state: State) -> State:
    facts = {a.kind: a for a in ctx.case.aids}
    used: list[bool] = []

    def aids(line: Line) -> None:
        act = ctx.norms.activity(line.activity)  # a toeslag part: the activity it extends
        part = line.extends is not None
        current = line
        for repl in act.replaceable_by if act is not None else ():
            if repl.aid is None or not current.has_open:
                continue
            fact = facts[repl.aid]
            if part and fact.sufficient is not True:
                continue  # only an afdoende aid takes over the extra time (§3) too
            share, said_share = _share(fact, repl)
            name = repl.aid.value
            if part and act is not None:
                said_share = (f"100% (afdoende volgens de consulent voor '{act.label}', en dus "
                              "ook voor deze extra tijd)")
            if fact.sufficient == UNKNOWN and (fact.present or fact.feasible is True):
                state.with_unknown(
                    f"hulpmiddelen.{name}.afdoende",
                    "hulpmiddel_afdoende_onbekend", PARAGRAPH,
                    Said(
                        'Niet vastgesteld of een {0:s} het probleem afdoende oplost; gerekend '
                        'met het aandeel uit de normenset.',
                        name),
                )
            if _there_at_start(fact, ctx):
                current, removed = state.allocate(current, share, Actor.AID, PARAGRAPH)
                if fact.present:
                    text = (Said(
                        "Een {0:s} is aanwezig en neemt {1} van '{2}' over.",
                        name, said_share, line.label))
                    said: tuple[tuple[str, str], ...] = (("aanwezig", "ja"),)
                else:  # feasible and expected on or before the start date: there by then
                    text = (Said(
                        'Een {0:s} is haalbaar en is er per {1} (vóór of op de ingangsdatum); '
                        "die neemt {2} van '{3}' over.",
                        name, fact.expected_from, said_share, line.label))
                    said = (("aanwezig", "nee"), ("haalbaar", "ja"),
                            ("verwacht_per", str(fact.expected_from)))
                state.with_step(StepData(
                    f"hulpmiddelen.{name}", PARAGRAPH, text,
                    (("hulpmiddel", name), *said, ("aandeel", said_share),
                     ("afdoende", _finding(fact))),
                    -removed, line.id, ctx.framework,
                ))
                used.append(removed > 0)
            elif fact.feasible is True:
                assert fact.expected_from is not None
                current, bridged = state.split_bridge(current, share, fact.expected_from, PARAGRAPH)
                state.with_step(StepData(
                    f"hulpmiddelen.overbrugging.{name}", PARAGRAPH,
                    Said(
                        'Een {0:s} is er nog niet maar is haalbaar (ruimte en geld) en moet '
                        "eerst worden ingezet; vanaf {1} neemt het {2} van '{3}' over ({4:m} "
                        'min/week). Tot dan: overbrugging (§1.4).',
                        name, fact.expected_from, said_share, line.label, bridged),
                    (("hulpmiddel", name), ("aanwezig", "nee"), ("haalbaar", "ja"),
                     ("verwacht_per", str(fact.expected_from))), ZERO, line.id,
                    ctx.framework,
                ))
            elif fact.feasible == UNKNOWN:
                state.with_unknown(
                    f"hulpmiddelen.{name}.haalbaar",
                    "hulpmiddel_onbekend", PARAGRAPH,
                    Said(
                        'Niet bekend of een {0:s} haalbaar is (ruimte, geld); daarom niet '
                        'meegerekend. Onderzoek dit: een haalbaar hulpmiddel gaat voor.',
                        name),
                )
            else:
                state.with_step(StepData(
                    f"hulpmiddelen.niet_haalbaar.{name}", PARAGRAPH,
                    Said(
                        "Een {0:s} is er niet en is niet haalbaar (ruimte of geld); '{1}' blijft "
                        'meetellen.',
                        name, line.label),
                    (("hulpmiddel", name), ("aanwezig", "nee"), ("haalbaar", "nee")),
                    ZERO, line.id,
                ))

    state.each_line(aids, activities=_aided(ctx))
    if any(used) and state.all_lines(lambda ln: ln.open == 0 or ln.kind == "instructie"):
        state = state.with_step(StepData(
            "hulpmiddelen.afdoende", PARAGRAPH,
            "De problemen worden afdoende opgelost met technische hulpmiddelen: geen indicatie.",
            (),
        ))
    return state


def for_helper(ctx: Context, state: State) -> State:
    """§1.4: a washing machine and a vacuum cleaner must be there for the helper too. Run
    after §1-§2: what is still open then is the help's."""
    for fact in ctx.case.aids:
        category = FOR_HELPER.get(fact.kind)
        if category is None or _there_at_start(fact, ctx):
            continue
        if not state.any_line(lambda ln, c=category: ln.category is c  # type: ignore[misc]
                              and ln.has_open):
            continue
        name = spoken(fact.kind.value)
        later = (f" (verwacht per {fact.expected_from})" if fact.expected_from is not None
                 else "")
        state = state.with_warning(
            "hulpmiddel_voor_helpende", PARAGRAPH,
            Said(
                "Er is geen {0}{1}, terwijl er hulp is bij '{2}'. Een {0} dient uit "
                'oogpunt van verantwoorde werkomstandigheden ook voor de helpende '
                'aanwezig te zijn (§1.4): regel die vóór de hulp begint.',
                name, later, CATEGORY_LABELS[category].lower()),
        )
    return state
