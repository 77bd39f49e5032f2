"""The shipped example cases (cases/*.yaml; expectations in cases/verwacht/), computed once per test run.

A case whose expectation file names a ``fout`` (a rule conflict) yields no indication; the
conflict itself is checked by tests/test_golden.py.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from hbh_indicatie.engine import compute
from hbh_indicatie.errors import RuleConflict
from hbh_indicatie.loading.cases import load_case
from hbh_indicatie.loading.norm_sets import resolve
from hbh_indicatie.models.case import Case
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.models.loaded_norms import LoadedNorms

ROOT = Path(__file__).resolve().parent.parent


def shipped_cases() -> list[Path]:
    return sorted((ROOT / "cases").glob("*.yaml"))


def expects_conflict(path: Path) -> bool:
    expected = path.parent / "verwacht" / path.name
    if not expected.exists():
        return False
    data = yaml.safe_load(expected.read_text(encoding="utf-8"))
    return isinstance(data, dict) and "fout" in data


@cache
def computed(path: Path) -> tuple[Case, LoadedNorms, Indication | None]:
    """The case, its norm set and its indication (None only for an expected rule conflict)."""
    case = load_case(path)
    norms = resolve(case.norm_set or "protocol-hbh", case.reference_date)
    try:
        return case, norms, compute(case, norms, str(path))
    except RuleConflict:
        if expects_conflict(path):
            return case, norms, None
        raise
