"""Reading a case file (YAML or JSON) or a dict into a validated :class:`Case`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hbh_indicatie.loading.validation import validate
from hbh_indicatie.loading.yaml_io import parse_text, read_text
from hbh_indicatie.models.case import Case


def load_case(path: Path) -> Case:
    text = read_text(path, "casus")
    return case_from_data(parse_text(text, str(path), "casus"), str(path))


def case_from_data(data: Any, origin: str = "<invoer>") -> Case:
    return validate(Case, data, origin, "casus")
