"""Reading a case file (YAML or JSON), text or a dict into a validated :class:`Case`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hbh_indicatie.loading.validation import validate
from hbh_indicatie.loading.yaml_io import parse_json, parse_text, read_text
from hbh_indicatie.models.case import Case


def load_case(path: Path) -> Case:
    text = read_text(path, "casus")
    return case_from_data(parse_text(text, str(path), "casus"), str(path))


def case_from_text(text: str, origin: str, json_only: bool = False) -> Case:
    """A case from the text of a file, standard input or a request body: YAML (which reads
    JSON too) or, with ``json_only``, strict JSON. ``origin`` names the input in errors."""
    data = parse_json(text, origin, "casus") if json_only else parse_text(text, origin, "casus")
    return case_from_data(data, origin)


def case_from_data(data: Any, origin: str = "<invoer>") -> Case:
    return validate(Case, data, origin, "casus")
