"""The documented API example runs, and docs/api.md shows exactly that example."""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
import typing
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pydantic import BaseModel

from hbh_indicatie import api
from hbh_indicatie.errors import InputError
from hbh_indicatie.models.case import Case
from hbh_indicatie.models.common import Actor, Category, TemporaryReason

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
    bericht = ET.fromstring((tmp_path / "toewijzing-bericht.xml").read_text(encoding="utf-8"))
    assert bericht.tag.endswith("}Bericht")


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


def _case_paths(model: type[BaseModel], prefix: str, seen: set[type[BaseModel]]) -> list[str]:
    """Every field path of the case; a sub-model used in several places is listed once."""
    paths: list[str] = []
    for name, field in model.model_fields.items():
        path = prefix + (field.alias or name)
        paths.append(path)
        for sub in _models(field.annotation):
            if sub not in seen:
                seen.add(sub)
                paths += _case_paths(sub, path + ".", seen)
    return paths


def _models(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models(arg)]


def test_glossary_covers_fields_actors_categories_rules() -> None:
    text = (ROOT / "docs" / "begrippen.md").read_text(encoding="utf-8")
    names = [f"`{p}`" for p in _case_paths(Case, "", set())]
    names += [f"`{a.value}`" for a in Actor] + [f"`{c.value}`" for c in Category]
    names += [f"`{r.value}`" for r in TemporaryReason]
    names += [f"| `{p.stem}` |" for p in (ROOT / "src" / "hbh_indicatie" / "rules").glob("*.py")
              if p.stem != "__init__"]
    missing = [n for n in names if n not in text]
    assert not missing, f"docs/begrippen.md mist: {missing}"


@pytest.mark.parametrize("case", ["01-alleenstaande-volledige-overname", "05-eigen-kracht-gedeeltelijk"])
def test_handleiding_figures_match_the_engine(case: str) -> None:
    loaded = api.load_case(ROOT / "cases" / f"{case}.yaml")
    ind = api.compute(loaded, api.load_norms("protocol-hbh", loaded.reference_date))
    text = (ROOT / "docs" / "handleiding.md").read_text(encoding="utf-8")
    section = text.split(f"`cases/{case}.yaml`")[1]
    assert f"**{ind.totaal_minuten_per_week} minuten per week" in section


def test_batch_row_has_the_figures_of_compute() -> None:
    from hbh_indicatie.batch.rows import summary

    case = api.load_case(ROOT / "cases" / "13-overbelaste-partner.yaml")
    norms = api.load_norms("protocol-hbh", case.reference_date)
    row = api.batch_row(case, norms)
    assert row == summary(api.compute(case, norms))
    assert row["totaal_minuten_per_week"] == api.compute(case, norms).totaal_minuten_per_week


def test_compare_norms_is_the_cli_json() -> None:
    """api.compare_norms gives the data `hbh normen vergelijk --formaat json` prints."""
    from datetime import date

    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    on = date(2026, 1, 1)
    comparison = api.compare_norms(api.load_norms("utrecht@2016-01-01", on),
                                   api.load_norms("utrecht@2018-01-01", on))
    printed = CliRunner().invoke(app, ["normen", "vergelijk", "utrecht@2016-01-01",
                                       "utrecht@2018-01-01", "--formaat", "json"])
    assert printed.exit_code == 0, printed.output
    assert comparison.model_dump(mode="json", by_alias=True) == json.loads(printed.stdout)
    assert not comparison.ongewijzigd and comparison.onderdelen
