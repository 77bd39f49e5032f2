"""``hbh normen sjabloon``: a commented norm-set template a municipality fills in.

The template (``sjabloon.yaml`` beside this module) is itself a valid set that passes
``hbh normen controleer``; the tests keep it that way.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATE_PATH = Path(__file__).resolve().parent / "sjabloon.yaml"


def template_text() -> str:
    return TEMPLATE_PATH.read_text(encoding="utf-8")
