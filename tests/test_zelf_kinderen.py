"""'client.zelf.kinderen' (zorg voor kinderen) may be left out of a household without children
under 18: that result does not occur there (no line of it). With children it is required
like every other category, and said at that field."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from hbh_indicatie import api
from hbh_indicatie.errors import InputError
from hbh_indicatie.rules.context import has_children
from tests.shipped import computed, expects_conflict, shipped_cases

WITHOUT_CHILDREN = [p for p in shipped_cases()
                    if not has_children(api.load_case(p)) and not expects_conflict(p)]
WITH_CHILDREN = [p for p in shipped_cases() if has_children(api.load_case(p))]


def _without_children_ability(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    del data["client"]["zelf"]["kinderen"]
    return data


def test_there_are_cases_of_both_kinds() -> None:
    assert len(WITHOUT_CHILDREN) > 30 and len(WITH_CHILDREN) > 5


@pytest.mark.parametrize("path", WITHOUT_CHILDREN, ids=lambda p: p.stem)
def test_left_out_without_children_changes_nothing(path: Path) -> None:
    """Every golden case without children, computed without 'kinderen': the same indication
    (hours, lines, steps, explanation) as with the 'kinderen: niet' it states."""
    case, norms, expected = computed(path)
    assert expected is not None
    assert case.client.capability.children is not None  # the golden files keep it
    shorter = api.case_from_dict(_without_children_ability(path), str(path))
    assert shorter.client.capability.children is None
    got = api.compute(shorter, norms, str(path))
    assert got == expected


@pytest.mark.parametrize("path", WITH_CHILDREN, ids=lambda p: p.stem)
def test_required_with_children_at_its_field(path: Path) -> None:
    with pytest.raises(InputError) as raised:
        api.case_from_dict(_without_children_ability(path), str(path))
    problems = {p.field: p.message for p in raised.value.problems}
    assert problems["client.zelf.kinderen"].startswith("ontbreekt: met kinderen onder 18")
