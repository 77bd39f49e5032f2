"""§1.5, §1.6 and Bijlage 2: how the help does an activity (ondersteuningswijze).

Bijlage 2 names four ways of supporting someone on a domain: "overnemen", "toezicht", "hulp en
ondersteuning" (doing it together) and "stimuleren en aanleren vaardigheden". §1.6 asks per
situation "welke taken echt overgenomen moeten worden en wat men eventueel toch nog zelf kan
doen"; §1.5 asks whether taking over works anti-revaliderend. The consultant records the mode
per activity or category (``client.ondersteuningswijze``); what is not recorded is taken over,
which is what the help's minutes have always meant. The norm set states how the minutes of each
other mode relate to taking over (``ondersteuningswijzen``: a factor with its provenance). The
factor applies to the help's share of the activity once every rule has decided who does what;
an oefenplan (``rules/oefenplan.py``) decides for its own activities.
"""

from __future__ import annotations

from fractions import Fraction

from hbh_indicatie.models.case import (
    SUPPORT_MODE_LABELS,
    Case,
    ModeOfSupport,
    SupportMode,
    TaskSelection,
)
from hbh_indicatie.models.common import UNKNOWN, Actor
from hbh_indicatie.models.norm_set import NormSet
from hbh_indicatie.rules.context import Context, selects
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.normering import provenance_text
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule
from hbh_indicatie.rules.state import ONE, Line, State, StepData, total

PARAGRAPH = "§1.6 (Bijlage 2)"

DECLARATION = Declaration(
    "ondersteuningswijze",
    (Paragraph(PARAGRAPH, "Eigen kracht; wijzen van ondersteuning (Bijlage 2: overnemen, "
                          "hulp en ondersteuning, stimuleren en aanleren, toezicht)"),),
    (Rule("ondersteuningswijze.<wijze>", PARAGRAPH,
          "de hulp doet haar deel als samen doen, stimuleren en aanleren of toezicht: minuten "
          "overnemen x de factor van de normenset"),),
)
FACT = "client.ondersteuningswijze"

Mode = SupportMode | str


def applies_to(line: Line) -> bool:
    """Modes are about the household work itself, not the instructie of a housemate (§1.3)."""
    return line.kind != "instructie"


def in_selection(selection: TaskSelection, line: Line) -> bool:
    return applies_to(line) and selects(selection, line)


def in_plan(case: Case, line: Line) -> bool:
    plan = case.client.plan
    return plan is not None and in_selection(plan.tasks, line)


def recorded_mode(case: Case, line: Line) -> Mode | None:
    """The mode the case records for the line: an entry naming its activity wins over one
    naming its category; None when nothing is recorded (the help takes it over)."""
    if not applies_to(line):
        return None
    entries: tuple[ModeOfSupport, ...] = case.client.support_modes
    for entry in entries:
        if any(name in entry.tasks.activities for name in line.names):
            return entry.mode
    for entry in entries:
        if line.category in entry.tasks.categories:
            return entry.mode
    return None


def practises_together(case: Case, line: Line) -> bool:
    """§1.5: the client practises the activity with the help (a plan, or a recorded mode other
    than overnemen), so the time to practise is budgeted instead of the help being zeroed."""
    if in_plan(case, line):
        return True
    mode = recorded_mode(case, line)
    return mode is not None and mode not in (SupportMode.TAKE_OVER, UNKNOWN)


def factor(norms: NormSet, mode: Mode) -> Fraction | None:
    """The norm set's factor for ``mode`` (1 for overnemen); None when the set has none."""
    if mode == SupportMode.TAKE_OVER:
        return ONE
    if norms.mode_factors is None:
        return None
    found = norms.mode_factors.for_mode(str(mode))
    return None if found is None else found.factor


def label(mode: Mode) -> str:
    return SUPPORT_MODE_LABELS[SupportMode(mode)]


def apply(ctx: Context, state: State) -> State:
    """Scale the help's share of every activity with a recorded mode by the mode's factor."""
    case = ctx.case
    if not case.client.support_modes:
        return state

    def scale(line: Line) -> None:
        mode = recorded_mode(case, line)
        if mode is None or mode == SupportMode.TAKE_OVER:
            return
        if mode == UNKNOWN:
            state.with_unknown(
                FACT, "ondersteuningswijze_onbekend", PARAGRAPH,
                "Niet vastgesteld hoe de hulp (een deel van) het werk doet (overnemen, samen doen, "
                "stimuleren en aanleren of toezicht): gerekend als overnemen.")
            return
        factor_of = factor(ctx.norms, mode)
        if factor_of is None:
            state.with_unknown(
                FACT, "ondersteuningswijze_zonder_factor", PARAGRAPH,
                Said("Normenset '{0}' zegt niet hoeveel tijd '{1}' kost ten opzichte van "
                     "overnemen: gerekend als overnemen.", ctx.norms.id, label(mode)))
            return
        _scaled(ctx, state, line, mode, factor_of)

    state.each_line(scale, lambda line: not in_plan(case, line))
    return state


def _scaled(ctx: Context, state: State, line: Line, mode: Mode, scale: Fraction) -> None:
    before = total([s.minutes for s in line.shares
                    if s.actor is Actor.HELP and s.active_on(ctx.start)])
    if before == 0:
        return
    shares = tuple(s._replace(minutes=s.minutes * scale) if s.actor is Actor.HELP else s
                   for s in line.shares)
    state.replace_line(line.with_work(line.buckets, shares))
    norms = ctx.norms
    assert norms.mode_factors is not None  # a factor was found
    figure = norms.mode_factors.for_mode(str(mode))
    origin = "" if figure is None else provenance_text(figure.provenance)
    state.with_step(StepData(
        f"ondersteuningswijze.{SupportMode(mode).value}", PARAGRAPH,
        Said("De hulp doet '{0}' als {1}: {2:m2} x {3:m} minuten overnemen = {4:m} minuten "
             "per week.", line.label, label(mode), scale, before, before * scale),
        (("wijze", SupportMode(mode).value), ("factor", str(scale)), ("herkomst", origin)),
        before * scale - before, line.id, ctx.framework,
    ))
