"""Stable Python API for embedders.

>>> from hbh_indicatie.api import load_norms, case_from_dict, compute, render_json
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from hbh_indicatie.engine import compute as _compute
from hbh_indicatie.loading.cases import case_from_data, load_case
from hbh_indicatie.loading.norms import LoadedNorms, load_norm_file, resolve
from hbh_indicatie.models.case import Case
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.render import json_out, terminal

__all__ = [
    "Case",
    "Indication",
    "LoadedNorms",
    "case_from_dict",
    "compute",
    "load_case",
    "load_norm_file",
    "load_norms",
    "render_json",
    "render_text",
]


def load_norms(spec: str, on: date, extra_dir: Path | None = None) -> LoadedNorms:
    """A norm set by file name, ``ID`` or ``ID@JJJJ-MM-DD``, the version in force on ``on``."""
    return resolve(spec, on, extra_dir)


def case_from_dict(data: dict[str, Any]) -> Case:
    return case_from_data(data)


def compute(case: Case, norms: LoadedNorms) -> Indication:
    return _compute(case, norms)


def render_json(indication: Indication) -> str:
    return json_out.render(indication)


def render_text(indication: Indication, width: int = 120) -> str:
    return terminal.render(indication, width)
