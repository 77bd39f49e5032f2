"""The common denominator of a norm set: the grid on which the engine counts minutes.

Inside ``engine.evaluate`` minutes are integers over one denominator (``rules/state.py``).
:func:`denominator` derives it once per norm set from every figure that can start a line of
work: the weekly minutes of each activity (every household-size variant), toeslag and the
instructie norm (amount x 60 for hours x times x the period's factor: 7, 1, 1/2, 1/4,
12/weeks per year, 1/weeks per year); times the denominators of an item's weights over the
vocabulary activities it covers (``gewichten``, each as its share of the item: the vocabulary
mapping splits a line by sums of them) and of the factors per mode of support
(``ondersteuningswijzen``: the help's minutes x factor, §1.5 / Bijlage 2); times 100 for
the percentages by which norm sets and cases share work (hulpmiddel, voorziening, eigen
kracht, netwerk, kinderen, rooms).
Whatever a case brings that is not on this grid (a second percentage of the same work, a
share of days away, household size / residents, weights between lines, deviations) widens
the denominator of that case's state when it occurs (``State._widen``): exactness is never
traded. See ``docs/regels.md`` (De engine: gehele minuten op één noemer).
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from math import lcm

from hbh_indicatie.models.norm_set import NormSet
from hbh_indicatie.rules.context import per_week

PERCENT = 100
"""Every share the norm set or a case gives in percent is a multiple of 1/100."""


def figures(norms: NormSet) -> Iterable[Fraction]:
    """The weekly minutes of every norm figure that can start a line of work."""
    weeks = norms.weeks_per_year
    for act in norms.activities:
        amounts = [v.amount for v in act.size_variants]
        if act.amount is not None:
            amounts.append(act.amount)
        for amount in amounts:
            yield per_week(Fraction(amount), act.unit, act.frequency, weeks)
    for sup in norms.supplements:
        if sup.amount is not None:
            yield per_week(Fraction(sup.amount), sup.unit, sup.frequency, weeks)
    ins = norms.instruction
    yield per_week(Fraction(ins.amount), ins.unit, ins.frequency, weeks)


def weights(norms: NormSet) -> Iterable[Fraction]:
    """Every item weight as its share of the item (weight / sum of the item's weights), and
    every factor of a mode of support (``ondersteuningswijze``: help minutes x factor)."""
    modes = norms.mode_factors
    if modes is not None:
        for figure in (modes.together, modes.teach, modes.supervise):
            yield figure.factor
    for act in norms.activities:
        if act.weights:
            whole = sum((Fraction(w.weight) for w in act.weights), Fraction(0))
            for w in act.weights:
                yield Fraction(w.weight) / whole


def derive(values: Iterable[Fraction], shares: Iterable[Fraction] = ()) -> int:
    """The least common multiple of the denominators of ``values``, times that of
    ``shares`` (fractions the values are split by), times :data:`PERCENT`."""
    return (lcm(1, *(v.denominator for v in values)) * lcm(1, *(s.denominator for s in shares))
            * PERCENT)


_KNOWN: dict[int, tuple[NormSet, int]] = {}
"""Per norm set (by identity; the set is kept, so its id is not reused while cached)."""


def denominator(norms: NormSet) -> int:
    """The norm set's common denominator (derived once per norm set)."""
    known = _KNOWN.get(id(norms))
    if known is not None and known[0] is norms:
        return known[1]
    if len(_KNOWN) >= 64:
        _KNOWN.clear()
    den = derive(figures(norms), weights(norms))
    _KNOWN[id(norms)] = (norms, den)
    return den
