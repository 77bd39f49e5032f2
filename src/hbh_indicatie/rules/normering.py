"""§3 Normering huishoudelijke taken in minuten; §4 Activiteiten en frequentie.

Turns every activity of the norm set into weekly minutes for this household: amount x
frequency, the household-size rule, and per-child items. The norm determines how much
work there is; §1-§2 then decide who does it.

An item without a published figure (status onbekend) enters as a placeholder line of one
minute. Every rule of §1-§2 then runs as usual; if, at the end, any part of it is left for
the help (the client, housemates, network or provisions do not cover it all), the module is
needed and the engine stops with a message naming it (never a silent zero). Otherwise the
placeholder is removed again and one step says why the figure was not needed. Per-child
items without a child of that age are not needed at all.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from hbh_indicatie.errors import NormNotApplicable
from hbh_indicatie.models.common import ACTOR_LABELS, Actor, Category, fraction_text, spoken
from hbh_indicatie.models.norm_set import Activity, FigureStatus, NormKey, Provenance
from hbh_indicatie.rules.context import Context, per_norm_set, per_week
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule
from hbh_indicatie.rules.state import ZERO, Bucket, Line, State, StepData

PARAGRAPH = "§3"

DECLARATION = Declaration(
    "normering",
    (Paragraph("§3", "Normering huishoudelijke taken in minuten"),
     Paragraph("§4", "Activiteiten en frequentie")),
    (Rule("normering.<activiteit>", "§3", "de normtijd van een activiteit"),
     Rule("normering.<activiteit>.<deel>", "§3",
          "de normtijd van een deel van een onderdeel, verdeeld naar de gewichten van de "
          "normenset (koppeling.verdeling)")),
)


def provenance_text(prov: Provenance) -> str:
    if prov.status is FigureStatus.PUBLISHED:
        return f"gepubliceerd ({prov.source}{', ' + prov.locator if prov.locator else ''})"
    return prov.status.value


def _amount(act: Activity, size: int) -> tuple[Fraction | None, Provenance, str]:
    if act.size_variants:
        chosen = [v for v in act.size_variants if v.from_persons <= size][-1]
        return Fraction(chosen.amount), chosen.provenance, f"{chosen.from_persons}+ personen"
    amount = None if act.amount is None else Fraction(act.amount)
    return amount, act.provenance, "elke huishoudgrootte"


PLACEHOLDER = Fraction(1)
"""Minutes of the placeholder line of an item without figure; never reaches the output."""


def settle_unknown(ctx: Context, state: State) -> State:
    """After §1-§2: stop if the help would have to do an item without figure, else drop it."""

    def settle(line: Line) -> None:
        if any(s.actor is Actor.HELP and s.minutes > 0 for s in line.shares):
            raise NormNotApplicable(
                f"Normenset '{ctx.norms.id}' (versie {ctx.norms.version}): onderdeel "
                f"'{line.label}' ({line.id}) heeft geen gepubliceerd cijfer (status onbekend), "
                "en deze casus heeft dat onderdeel nodig: na eigen kracht, gebruikelijke hulp en "
                "voorliggende voorzieningen blijft er werk voor de hulp over. De indicatie kan "
                "met deze normenset niet volledig worden berekend. Kies een andere normenset of "
                "vul het cijfer met bron in."
            )
        who = sorted({ACTOR_LABELS[s.actor] for s in line.shares if s.minutes > 0})
        state.drop_line(line.id)
        state.with_step(StepData(
            f"normering.{line.id}", PARAGRAPH,
            Said(
                "Onderdeel '{0}' heeft in deze normenset geen cijfer (status onbekend); "
                'het is niet nodig, want het wordt gedaan door: {1}.',
                line.label, ', '.join(who) or 'niemand'),
            (("herkomst", FigureStatus.UNKNOWN.value),), ZERO, line.id, ctx.framework,
        ))

    state.each_line(settle, status=FigureStatus.UNKNOWN.value)
    return state


def apply(ctx: Context, state: State) -> State:
    """Per activity: once per household; per child in its age range (``per_kind``); and an
    activity of the result 'zorg voor kinderen' without ``per_kind`` once per household with
    children (a household without children has no child care to do)."""
    children = ctx.children
    ages = tuple(c.age for c in children) if _per_child(ctx) else (None,) * len(children)
    lines, steps = _household_lines(NormKey(ctx.norms), ctx.household_size, ages)
    state.add_lines(lines)
    state.steps.extend(steps)
    return state


@per_norm_set
def _per_child(ctx: Context) -> bool:
    """Whether an activity of the set counts per child in an age range (``per_kind``)."""
    return any(act.per_child is not None for act in ctx.norms.activities)


@lru_cache(maxsize=1024)
def _household_lines(
    key: NormKey, size: int, ages: tuple[int | None, ...]
) -> tuple[tuple[Line, ...], tuple[StepData, ...]]:
    """The norm lines and steps of a household of ``size`` with children of ``ages`` (None
    when the set has no per-child item: then only whether there are children matters)."""
    counts = tuple(
        (1 if ages or act.category is not Category.CHILDREN else 0) if act.per_child is None
        else sum(1 for age in ages
                 if age is not None and act.per_child.from_age <= age <= act.per_child.to_age)
        for act in key.norms.activities
    )
    return _norm_lines(key, size, counts)


@lru_cache(maxsize=1024)
def _norm_lines(
    key: NormKey, size: int, counts: tuple[int, ...]
) -> tuple[tuple[Line, ...], tuple[StepData, ...]]:
    """The norm lines and steps of a household: the same for every case with this norm set,
    household size and number of children per per-child item, so computed once (pure)."""
    norms = key.norms
    lines: list[Line] = []
    steps: list[StepData] = []
    for act, count in zip(norms.activities, counts, strict=True):
        if count == 0:
            continue
        amount, prov, size_rule = _amount(act, size)
        if amount is None:
            placeholder = Line(act.id, act.label, act.category, "activiteit", act.postponable,
                               PLACEHOLDER, FigureStatus.UNKNOWN.value, (Bucket(PLACEHOLDER),))
            lines.append(placeholder)
            continue
        weekly = per_week(amount, act.unit, act.frequency, norms.weeks_per_year) * count
        lines.append(
            Line(act.id, act.label, act.category, "activiteit", act.postponable, weekly,
                 prov.status.value, (Bucket(weekly),))
        )
        facts = [
            ("hoeveelheid", f"{act.amount if act.amount is not None else amount} {act.unit.value}"),
            ("frequentie", f"{fraction_text(act.frequency.times, 2)} per {spoken(act.frequency.per)}"),
            ("huishoudgrootte", f"{size} ({size_rule})"),
            ("herkomst", provenance_text(prov)),
        ]
        if count > 1 or act.per_child is not None:
            facts.append(("aantal kinderen in leeftijd", str(count)))
        steps.append(
            StepData(
                f"normering.{act.id}", PARAGRAPH,
                Said(
                    "Norm voor '{0}': {1:m} minuten per week.",
                    act.label, weekly),
                tuple(facts), weekly, act.id, norms.id,
            )
        )
    return tuple(lines), tuple(steps)
