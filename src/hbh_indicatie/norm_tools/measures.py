"""Weekly minutes of a norm item as written in the set (no case involved).

Used by audits, comparisons and the overview table; the engine uses the same
``per_week`` conversion, so the figures agree with the computed indications.
"""

from __future__ import annotations

from fractions import Fraction

from hbh_indicatie.models.norm_set import Activity, NormSet, Supplement
from hbh_indicatie.rules.context import per_week


def activity_minutes(norms: NormSet, act: Activity, size: int = 1) -> Fraction | None:
    """Minutes per week of one activity for a household of ``size`` persons (None: onbekend)."""
    amount = act.amount
    if act.size_variants:
        amount = [v for v in act.size_variants if v.from_persons <= size][-1].amount
    if amount is None:
        return None
    return per_week(Fraction(amount), act.unit, act.frequency, norms.weeks_per_year)


def supplement_minutes(norms: NormSet, sup: Supplement) -> Fraction | None:
    """Minutes per week of one toeslag/aftrek for a count of one (None: onbekend)."""
    if sup.amount is None:
        return None
    return per_week(Fraction(sup.amount), sup.unit, sup.frequency, norms.weeks_per_year)


def sizes(norms: NormSet) -> tuple[int, ...]:
    """Household sizes at which some activity changes its amount (always including 1)."""
    found = {1}
    for act in norms.activities:
        found.update(v.from_persons for v in act.size_variants)
    return tuple(sorted(found))


def full_takeover(norms: NormSet, size: int = 1) -> Fraction:
    """Sum of every activity with a figure (no per-child items) for one household size."""
    total = Fraction(0)
    for act in norms.activities:
        minutes = activity_minutes(norms, act, size)
        if act.per_child is None and minutes is not None:
            total += minutes
    return total
