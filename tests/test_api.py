"""The documented API example runs, and docs/api.md shows exactly that example."""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hbh_indicatie import api
from hbh_indicatie.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "api_voorbeeld.py"


def test_doc_shows_the_example_verbatim() -> None:
    doc = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    block = doc.split("```python\n", 1)[1].split("```", 1)[0]
    assert block == EXAMPLE.read_text(encoding="utf-8")


def test_example_runs_and_writes_every_format(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(EXAMPLE), str(tmp_path)], capture_output=True,
                            text=True, check=True, cwd=ROOT)
    assert "CD076" in result.stdout
    indication = json.loads((tmp_path / "indicatie.json").read_text(encoding="utf-8"))
    total = indication["totaal_minuten_per_week"]
    assert f"voorbeeld-api: {total} minuten per week" in result.stdout
    assert f"({total} minuten)" in (tmp_path / "onderbouwing.md").read_text(encoding="utf-8")
    assert "<!DOCTYPE html>" in (tmp_path / "onderbouwing.html").read_text(encoding="utf-8")
    assert "Wie doet wat" in (tmp_path / "taakverdeling.md").read_text(encoding="utf-8")
    iwmo = json.loads((tmp_path / "toewijzing.json").read_text(encoding="utf-8"))
    assert iwmo["ToegewezenProducten"][0]["Omvang"]["Volume"] == total
    ET.fromstring((tmp_path / "toewijzing.xml").read_text(encoding="utf-8"))


def test_api_exports_are_callable() -> None:
    for name in api.__all__:
        assert hasattr(api, name), name


def test_example_case_dict_and_dutch_input_error() -> None:
    namespace = runpy.run_path(str(EXAMPLE), run_name="voorbeeld")
    case = api.case_from_dict(namespace["casus"])
    assert case.key == "voorbeeld-api"
    with pytest.raises(InputError) as info:
        api.case_from_dict({**namespace["casus"], "huisdieren": "veel"})
    assert "huisdieren" in info.value.message
