"""Properties every shipped norm set must have: it loads, its weekly minutes are positive,
and its rounding never rounds necessary minutes down to whole or half hours."""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hbh_indicatie.loading.norm_sets import load_norm_file, norm_files, shipped_norms_dir
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.rules import afronding
from hbh_indicatie.rules.context import per_week

SHIPPED = norm_files(shipped_norms_dir())


@cache
def _load(path: Path) -> LoadedNorms:
    return load_norm_file(path)
IDS = [f"{p.parent.name}/{p.name}" for p in SHIPPED]


def test_norm_sets_are_shipped() -> None:
    assert any(p.parent.name == "protocol-hbh" for p in SHIPPED)


@pytest.fixture(scope="module", params=SHIPPED, ids=IDS)
def shipped(request: pytest.FixtureRequest) -> LoadedNorms:
    path = request.param
    assert isinstance(path, Path)
    return _load(path)


def test_loads(shipped: LoadedNorms) -> None:
    assert shipped.norms.activities, f"{shipped.path}: geen activiteiten"
    assert len(shipped.sha256) == 64


def test_weekly_minutes_positive(shipped: LoadedNorms) -> None:
    """Every figure (base amount and every household-size variant) gives > 0 min/week."""
    norms = shipped.norms
    for act in norms.activities:
        amounts = [a for a in (act.amount, *(v.amount for v in act.size_variants)) if a is not None]
        for amount in amounts:
            weekly = per_week(Fraction(amount), act.unit, act.frequency, norms.weeks_per_year)
            assert weekly > 0, f"{shipped.path}: {act.id} geeft {weekly} min/week"
    for sup in norms.supplements:
        if sup.amount is not None:
            weekly = per_week(Fraction(sup.amount), sup.unit, sup.frequency, norms.weeks_per_year)
            assert weekly > 0, f"{shipped.path}: {sup.id} geeft {weekly} min/week"


@settings(max_examples=100, deadline=None)
@given(exact=st.fractions(min_value=0, max_value=3000))
def test_rounding_never_rounds_down_to_hours(exact: Fraction) -> None:
    """naar_boven: exact <= rounded < exact + step. rekenkundig (only steps under 30 min):
    within half a step. So necessary minutes are never cut to whole or half hours."""
    for path in SHIPPED:
        rule = _load(path).norms.rounding
        rounded = afronding.round_minutes(exact, rule)
        assert rounded % rule.step_minutes == 0
        if rule.method == "naar_boven":
            assert exact <= rounded < exact + rule.step_minutes, (path, exact, rounded)
        else:
            assert rule.step_minutes < 30
            assert abs(rounded - exact) <= Fraction(rule.step_minutes, 2), (path, exact, rounded)
