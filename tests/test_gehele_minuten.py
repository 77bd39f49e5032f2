"""Integer working state (issue 15 point 2) against a Fraction reference.

Inside ``engine.evaluate`` minutes are integers over one common denominator (``rules/grid.py``,
``rules/state.py``). These properties check that the representation gives exactly what plain
``Fraction`` arithmetic gives: the grid of a norm set, moving a share of open work (also by a
fraction off the grid, which widens the denominator), bridging, norm changes and sums.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from math import lcm
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hbh_indicatie import api, engine
from hbh_indicatie.models.common import Actor, Category, TemporaryReason
from hbh_indicatie.rules import grid, perioden
from hbh_indicatie.rules.state import Bucket, Line, Share, State, minutes_of

ROOT = Path(__file__).resolve().parents[1]
NORM_FILES = sorted(p for p in (ROOT / "norms").rglob("*.yaml")
                    if p.parent != ROOT / "norms")  # not the vocabulary (activiteiten.yaml)
START = date(2026, 3, 2)

minutes = st.fractions(min_value=0, max_value=900, max_denominator=400)
fractions = st.one_of(
    st.integers(0, 100).map(lambda p: Fraction(p, 100)),  # percentages: on the grid
    st.fractions(min_value=0, max_value=1, max_denominator=60),  # days away, weights: off it
)


@pytest.mark.parametrize("path", NORM_FILES, ids=lambda p: str(p.relative_to(ROOT / "norms")))
def test_every_figure_of_a_shipped_set_is_on_its_grid(path: Path) -> None:
    norms = api.load_norm_file(path).norms
    den = grid.denominator(norms)
    assert den % grid.PERCENT == 0
    for figure in grid.figures(norms):
        assert (figure * den).denominator == 1
        assert (figure / 100 * den).denominator == 1  # a percentage of a figure too
        for share in grid.weights(norms):  # a part of an item split by its weights too
            assert (figure * share * den).denominator == 1
            assert (figure * share / 100 * den).denominator == 1
    assert grid.denominator(norms) == den  # derived once, the same every time


@given(st.lists(st.fractions(max_denominator=10_000), max_size=8),
       st.lists(st.fractions(min_value=0, max_value=1, max_denominator=12), max_size=4))
def test_the_grid_holds_every_figure_share_and_percentage(
    values: list[Fraction], shares: list[Fraction],
) -> None:
    den = grid.derive(values, shares)
    assert all((v * den).denominator == 1 for v in values)
    assert all((v * Fraction(p, 100) * den).denominator == 1 for v in values for p in range(101))
    assert all((v * w * Fraction(p, 100) * den).denominator == 1
               for v in values for w in shares for p in (1, 33, 50, 100))
    assert den == (lcm(1, *(v.denominator for v in values))
                   * lcm(1, *(w.denominator for w in shares)) * 100)


@given(st.integers(-10**12, 10**12), st.integers(1, 10**9))
def test_minutes_of_is_the_normalised_fraction(units: int, den: int) -> None:
    value, reference = minutes_of(units, den), Fraction(units, den)
    assert (value.numerator, value.denominator) == (reference.numerator, reference.denominator)
    assert value == reference and hash(value) == hash(reference) and str(value) == str(reference)
    assert value + reference == 2 * reference and -value == -reference


def _line(norm: Fraction, line_id: str = "stofzuigen") -> Line:
    return Line(line_id, "Stofzuigen", Category.CLEAN_HOME, "activiteit", True, norm,
                "voorbeeld", (Bucket(norm),))


class Reference:
    """The same bookkeeping with Fractions (the engine before integer state)."""

    def __init__(self, norm: Fraction) -> None:
        self.norm = norm
        self.buckets: list[list[object]] = [[norm, None, None, "§3"]]
        self.shares: list[Share] = []

    def allocate(self, fraction: Fraction, actor: Actor, temporary: date | None) -> Fraction:
        open_ = sum((b[0] for b in self.buckets), Fraction(0))  # type: ignore[misc]
        if fraction <= 0 or open_ <= 0:
            return Fraction(0)
        removed = Fraction(0)
        for b in self.buckets:
            value: Fraction = b[0]  # type: ignore[assignment]
            if value <= 0:
                continue
            taken = value if fraction >= 1 else value * fraction
            b[0] = value - taken
            until = b[1]
            if temporary is None:
                self.shares.append(Share(actor, taken, "§x", None, None, until, b[2]))  # type: ignore[arg-type]
                removed += taken if actor is not Actor.HELP else 0
            else:
                first_end = temporary if until is None else min(temporary, until)  # type: ignore[type-var]
                self.shares.append(Share(Actor.HELP, taken, "§x", None, None, first_end,  # type: ignore[arg-type]
                                         TemporaryReason.OVERBURDEN))
                if until is None or temporary < until:  # type: ignore[operator]
                    self.shares.append(Share(actor, taken, "§x", None,
                                             temporary + timedelta(days=1), until, None))  # type: ignore[arg-type]
        return removed

    def bridge(self, fraction: Fraction, arrives: date) -> Fraction:
        main: Fraction = self.buckets[0][0]  # type: ignore[assignment]
        taken = main * fraction
        if taken <= 0:
            return Fraction(0)
        self.buckets[0][0] = main - taken
        self.buckets.append([taken, arrives - timedelta(days=1), TemporaryReason.BRIDGING, "§1.4"])
        self.shares.append(Share(Actor.AID, taken, "§1.4", None, arrives, None, None))
        return taken

    def change(self, delta: Fraction) -> None:
        self.norm += delta
        self.buckets[0][0] += delta  # type: ignore[operator]


operation = st.one_of(
    st.tuples(st.just("verdeel"), fractions, st.sampled_from([Actor.CLIENT, Actor.NETWORK,
                                                             Actor.HELP]),
              st.one_of(st.none(), st.integers(0, 60))),
    st.tuples(st.just("overbrug"), fractions, st.integers(1, 90), st.none()),
    st.tuples(st.just("norm"), st.fractions(min_value=0, max_value=60, max_denominator=7),
              st.none(), st.none()),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(minutes, min_size=1, max_size=4), st.integers(1, 10_000),
       st.lists(st.tuples(st.integers(0, 3), operation), max_size=12))
def test_allocations_equal_the_fraction_reference(
    norms: list[Fraction], den: int, ops: list[tuple[int, tuple[str, object, object, object]]],
) -> None:
    state = State(den)
    refs = []
    for i, norm in enumerate(norms):
        state.add_line(_line(norm, f"regel{i}"))
        refs.append(Reference(norm))
    for which, (kind, a, b, c) in ops:
        i = which % len(norms)
        line, ref = state.line(f"regel{i}"), refs[i]
        if kind == "verdeel":
            temporary = None if c is None else START + timedelta(days=c)  # type: ignore[operator]
            during = (temporary, TemporaryReason.OVERBURDEN, Actor.HELP) if temporary else None
            _, removed = state.allocate(line, a, b, "§x", None, during)  # type: ignore[arg-type]
            assert removed == ref.allocate(a, b, temporary)  # type: ignore[arg-type]
        elif kind == "overbrug":
            _, taken = state.split_bridge(line, a, START + timedelta(days=b), "§1.4")  # type: ignore[arg-type, operator]
            assert taken == ref.bridge(a, START + timedelta(days=b))  # type: ignore[arg-type, operator]
        else:
            state.change_norm(line, a)  # type: ignore[arg-type]
            ref.change(a)  # type: ignore[arg-type]
    state.remaining_to_help()
    for ref in refs:
        for b in ref.buckets:
            if b[0] > 0:  # type: ignore[operator]
                ref.shares.append(Share(Actor.HELP, b[0], b[3], None, None, b[1], b[2]))  # type: ignore[arg-type]
            b[0] = Fraction(0)
    outcome = state.freeze()
    now = perioden.help_now(outcome.lines, START)
    for line, ref, units in zip(outcome.lines, refs, now.units, strict=True):
        assert line.den == outcome.den  # one denominator for the whole case
        assert outcome.den % den == 0  # widened, never narrowed
        assert line.norm == ref.norm
        assert [b.open for b in line.buckets] == [b[0] for b in ref.buckets]
        assert [(s.actor, s.minutes, s.start, s.until, s.reason) for s in line.shares] == [
            (s.actor, s.minutes, s.start, s.until, s.reason) for s in ref.shares]
        # sums in units are the Fraction sums
        help_ref = sum((s.minutes for s in ref.shares
                        if s.actor is Actor.HELP and s.active_on(START)), Fraction(0))
        assert minutes_of(units, outcome.den) == help_ref


@settings(max_examples=200, deadline=None)
@given(st.lists(minutes, min_size=1, max_size=6))
def test_a_line_built_from_fractions_reads_back_the_same(values: list[Fraction]) -> None:
    shares = tuple(Share(Actor.CLIENT, v, "§x") for v in values[1:])
    line = Line("a", "A", Category.CLEAN_HOME, "activiteit", True, values[0], "voorbeeld",
                (Bucket(values[0]),), shares)
    assert line.norm == values[0] and line.open == values[0]
    assert [s.minutes for s in line.shares] == values[1:]
    assert all(Fraction(p.units, line.den) == s.minutes
               for p, s in zip(line.parts, line.shares, strict=True))


def test_totals_of_a_shipped_case_are_the_fraction_sums() -> None:
    case = api.load_case(ROOT / "cases" / "01-alleenstaande-volledige-overname.yaml")
    loaded = api.load_norms("protocol-hbh", case.reference_date)
    ev = engine.evaluate(case, loaded)
    for line, help_now in zip(ev.state.lines, ev.totals.help_now, strict=True):
        assert help_now == sum((s.minutes for s in line.shares
                                if s.actor is Actor.HELP and s.active_on(ev.ctx.start)),
                               Fraction(0))
    assert ev.totals.exact == sum(ev.totals.help_now, Fraction(0))
