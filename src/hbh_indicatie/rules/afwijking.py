"""§3 Afwijken van de richtlijn: the consultant sets the norm higher or lower for one activity.

The protocol calls its norms guidelines: "Afhankelijk van de individuele omstandigheden
wordt de norm bepaald, dat kan zowel naar boven als beneden afwijken". A deviation is a
declared professional judgement with a motivation; it changes the norm of that activity
or toeslag (who then does the work follows from §1-§2) and shows as its own step. A
deviation on a toeslag that extends several activities is split over its parts like the
toeslag itself (in proportion to their norms).

A maximum caps the whole toeslag however it is split (§4.6: "Voor het stofvrij houden van
de woning kan maximaal 2 uur extra worden geïndiceerd"): a deviation never lifts a toeslag
above the maximum the norm set gives it, and where the set says the maximum covers all
extra time on the activities the toeslag extends (``maximum_omvat_afwijkingen``), an
upward deviation on one of those activities counts towards it too. Passing the maximum is
a rule conflict the consultant must resolve.
"""

from __future__ import annotations

from fractions import Fraction

from hbh_indicatie.errors import HbhError, RuleConflict
from hbh_indicatie.models.case import Deviation
from hbh_indicatie.models.common import fraction_text
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule, Untranslated
from hbh_indicatie.rules.state import ONE, ZERO, Line, State, StepData
from hbh_indicatie.rules.toeslagen import supplement_of

PARAGRAPH = "§3"

DECLARATION = Declaration(
    "afwijking",
    (Paragraph("§3", "Normering huishoudelijke taken in minuten"),),
    (Rule("afwijking.<activiteit>", "§3", "afwijking van de richtlijn door de consulent"),
     Rule("afwijking.<activiteit>.<deel>", "§3",
          "afwijking door de consulent op een deel van een onderdeel (koppeling.verdeling)")),
    (Untranslated(
        "§3",
        "§3: de normen zijn richtlijnen; afwijken naar boven of beneden is het oordeel van de "
        "indicatiesteller en staat alleen in de uitkomst als 'afwijking' met motivering.",
        note="de normen zijn richtlijnen; afwijken naar boven of beneden is maatwerk "
             "(`afwijkingen`, met motivering)"),),
)


def apply(ctx: Context, state: State) -> State:
    supplements = {s.id for s in ctx.norms.supplements}
    targets = _check_totals(ctx, state, supplements)
    for dev in ctx.case.deviations:
        lines, weights = targets[dev.activity]
        delta = Fraction(dev.minutes_per_week)
        for line_id, weight in zip(lines, weights, strict=True):
            state = _deviate(ctx, state, state.line(line_id), delta * weight, dev)
    return _check_caps(ctx, state)


def _check_totals(
    ctx: Context, state: State, supplements: set[str]
) -> dict[str, tuple[tuple[str, ...], tuple[Fraction, ...]]]:
    """Checks every target's norm after *all* its deviations, so the order of the list never
    changes the outcome (two deviations of one activity or toeslag are judged by their sum).
    Returns per target its lines and the share of a deviation each gets: fixed by the norms
    before any deviation, so every order splits alike."""
    indexes: dict[str, list[int]] = {}
    for index, dev in enumerate(ctx.case.deviations):
        indexes.setdefault(dev.activity, []).append(index)
    targets: dict[str, tuple[tuple[str, ...], tuple[Fraction, ...]]] = {}
    for target, where in indexes.items():
        lines = _lines(state, target, target in supplements)
        if not lines:
            raise HbhError(
                f"afwijkingen[{where[0]}].activiteit: '{target}' komt in deze casus niet voor "
                f"(geen norm of toeslag van normenset '{ctx.norms.id}' voor dit huishouden)."
            )
        delta = sum((Fraction(ctx.case.deviations[i].minutes_per_week) for i in where), ZERO)
        norm = sum((ln.norm for ln in lines), ZERO)
        if norm + delta < 0:
            label = lines[0].label if len(lines) == 1 else target
            which = ", ".join(f"afwijkingen[{i}]" for i in where)
            raise HbhError(
                f"{which}: {fraction_text(delta)} minuten maakt de norm van '{label}' negatief "
                f"(norm is {fraction_text(norm)} minuten per week)."
            )
        targets[target] = (tuple(ln.id for ln in lines), _weights(lines, norm))
    return targets


def _lines(state: State, target: str, is_supplement: bool) -> tuple[Line, ...]:
    if is_supplement:
        return state.find(lambda ln: supplement_of(ln) == target, kind="toeslag")
    return state.find(ids=(target,))


def _weights(lines: tuple[Line, ...], norm: Fraction) -> tuple[Fraction, ...]:
    """A toeslag's deviation is split over its parts like the toeslag: by their norms."""
    if len(lines) == 1:
        return (ONE,)
    if norm == 0:
        return tuple(Fraction(1, len(lines)) for _ in lines)
    return tuple(ln.norm / norm for ln in lines)


def _deviate(ctx: Context, state: State, line: Line, delta: Fraction, dev: Deviation) -> State:
    line = state.change_norm(line, delta)
    part = "" if line.id == dev.activity else f" (deel bij '{line.label}')"
    return state.with_step(StepData(
        f"afwijking.{dev.activity}", PARAGRAPH,
        Said(
            "Afwijking van de richtlijn voor '{0}': {1}{2} minuten per week{3}. "
            'Motivering: {4}',
            line.label, '+' if delta > 0 else '', dev.minutes_per_week, part, dev.motivation),
        (("motivering", dev.motivation), ("minuten_per_week", str(dev.minutes_per_week))),
        delta, line.id, "casus",
    ))


def _check_caps(ctx: Context, state: State) -> State:
    """After all deviations: no toeslag above its maximum, however it is split, and with
    ``maximum_omvat_afwijkingen`` counting upward deviations on the activities it extends."""
    deviations = ctx.case.deviations
    if not deviations:
        return state  # only a deviation can bring a toeslag above its maximum
    for sup in ctx.norms.supplements:
        cap = sup.cap_minutes_per_week
        if cap is None:
            continue
        parts = state.find(lambda ln, sid=sup.id: supplement_of(ln) == sid,  # type: ignore[misc]
                           kind="toeslag")
        if not parts:
            continue
        extra = sum((ln.norm for ln in parts), ZERO)
        named = [i for i, d in enumerate(deviations) if d.activity == sup.id]
        if sup.cap_covers_deviations:
            extended = {ln.activity for ln in parts}
            upward = [i for i, d in enumerate(deviations)
                      if d.activity in extended and d.minutes_per_week > 0]
            extra += sum((Fraction(deviations[i].minutes_per_week) for i in upward), ZERO)
            named += upward
        if extra > Fraction(cap) and named:
            which = ", ".join(f"afwijkingen[{i}] ('{deviations[i].activity}')" for i in named)
            verb = "brengen" if len(named) > 1 else "brengt"
            raise RuleConflict(
                PARAGRAPH, sup.paragraph,
                f"{which} {verb} de extra tijd voor '{sup.label}' op {extra} minuten per week, "
                f"boven het maximum van {cap} minuten per week van normenset '{ctx.norms.id}' "
                "(het maximum geldt voor de hele extra tijd, hoe die ook over activiteiten is "
                "verdeeld).",
            )
    return state
