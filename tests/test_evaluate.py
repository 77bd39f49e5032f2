"""The batch path reads its figures from ``evaluate`` without building the Indication: they must
be exactly the figures of the explained indication ``compute`` returns (``hbh bereken``)."""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hbh_indicatie.batch.generate import generate
from hbh_indicatie.batch.jobs import _by_activity, _by_rule
from hbh_indicatie.batch.rows import summary, summary_of
from hbh_indicatie.engine import compute, evaluate
from hbh_indicatie.errors import HbhError
from hbh_indicatie.loading.cases import case_from_data, load_case
from hbh_indicatie.loading.norm_sets import load_norm_file
from hbh_indicatie.models.case import Case
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.models.loaded_norms import LoadedNorms
from tests.conftest import shipped_norm_paths
from tests.shipped import expects_conflict, shipped_cases

NORMS = [load_norm_file(p) for p in shipped_norm_paths()]


def _rules(ind: Indication) -> dict[str, Fraction]:
    totals: dict[str, Fraction] = defaultdict(Fraction)
    for step in ind.uitleg:
        totals[step.regel] += step.minuten_per_week
    return dict(totals)


def _same(case: Case, loaded: LoadedNorms) -> bool:
    """Check one case; False when the norm set cannot compute it (both paths must agree)."""
    try:
        ind = compute(case, loaded)
    except HbhError as err:
        with pytest.raises(type(err)) as again:
            evaluate(case, loaded)
        assert str(again.value) == str(err)
        return False
    ev = evaluate(case, loaded)
    assert summary_of(ev, loaded) == summary(ind)
    by_item: dict[str, Fraction] = defaultdict(Fraction)  # the parts of a split item: its item
    for act in ind.activiteiten:
        by_item[act.id.split(".", 1)[0] if act.soort == "activiteit" else act.id] += \
            act.hulp_minuten_per_week
    assert _by_activity(ev) == by_item
    assert dict(_by_rule(ev)) == _rules(ind)
    return True


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_golden_cases_same_figures_under_every_norm_set(path: Path) -> None:
    if expects_conflict(path):
        pytest.skip("verwacht regelconflict")
    case = load_case(path)
    computed = [_same(case, loaded) for loaded in NORMS
                if loaded.norms.valid_from <= case.reference_date]
    assert any(computed), f"{path.name}: geen enkele normenset kon rekenen"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), which=st.integers(0, len(NORMS) - 1))
def test_generated_cases_same_figures(seed: int, which: int) -> None:
    loaded = NORMS[which]
    ids = [a.id for a in loaded.norms.activities]
    data: list[dict[str, Any]] = list(generate(5, seed, ids))
    for item in data:
        _same(case_from_data(item), loaded)
