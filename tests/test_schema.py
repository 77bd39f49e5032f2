"""JSON Schemas: committed copies match the models; shipped cases and outputs validate."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from hbh_indicatie.cli.main import app
from hbh_indicatie.iwmo import builder
from hbh_indicatie.iwmo.render import render_json as iwmo_json
from hbh_indicatie.loading.norm_sets import norm_files, shipped_norms_dir
from hbh_indicatie.render import json_out
from hbh_indicatie.schemas import SCHEMAS, file_name, json_schema, schema_text
from tests.builders import case_dict, housemate
from tests.shipped import computed, shipped_cases

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "docs" / "schema"


def as_json(data: Any) -> Any:
    """What an embedder would send: YAML dates become ISO strings."""
    return json.loads(json.dumps(data, default=str))


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / file_name(kind)).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_committed_schema_matches_models(kind: str) -> None:
    committed = (SCHEMA_DIR / file_name(kind)).read_text(encoding="utf-8")
    assert committed == schema_text(kind), (
        f"docs/schema/{file_name(kind)} wijkt af van het model; "
        "vernieuw met: hbh schema alle --uitvoer docs/schema"
    )


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    schema = json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"].endswith(SCHEMAS[kind][0])
    assert schema["title"].startswith(SCHEMAS[kind][0])


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_shipped_case_and_outputs_validate(path: Path) -> None:
    validator("casus").validate(as_json(yaml.safe_load(path.read_text(encoding="utf-8"))))
    case, _, ind = computed(path)
    if ind is None:  # an expected rule conflict: no output to validate
        return
    validator("indicatie").validate(json.loads(json_out.render(ind)))
    if builder.refusals(ind, case.delivery):  # voorlopig or 0 minutes: no iWmo output
        return
    settings = builder.IwmoSettings(looptijd_maanden=12, toewijzingnummer=1,
                                    toewijzingsdatum=date(2026, 3, 2), toewijzingstijd=time(9, 30))
    for each in (builder.IwmoSettings(looptijd_maanden=12), settings):
        export = builder.build(ind, each, case.delivery)
        validator("iwmo").validate(json.loads(iwmo_json(export)))


def test_example_berichtgegevens_validate() -> None:
    check = validator("berichtgegevens")
    path = ROOT / "examples" / "iwmo-bericht.yaml"
    check.validate(as_json(yaml.safe_load(path.read_text(encoding="utf-8"))))
    with pytest.raises(jsonschema.ValidationError):
        check.validate({**as_json(yaml.safe_load(path.read_text(encoding="utf-8"))), "onbekend": 1})


@pytest.mark.parametrize("path", norm_files(shipped_norms_dir()), ids=lambda p: p.parent.name + "/" + p.stem)
def test_shipped_norm_sets_validate(path: Path) -> None:
    validator("normen").validate(as_json(yaml.safe_load(path.read_text(encoding="utf-8"))))


def test_case_shorthands_are_in_the_schema() -> None:
    check = validator("casus")
    data = as_json(case_dict(particuliere_hulp="geen", huisstofmijt="geen", terminale_situatie="nee",
                             leveringsvorm="pgb"))
    data["client"]["zelf"]["wasverzorging"] = {"gedeeltelijk": 40}
    check.validate(data)


@pytest.mark.parametrize(("change", "value"), [
    ("onbekend_veld", 1),
    ("leveringsvorm", "contant"),
    ("huisdieren", "veel"),
    ("peildatum", None),
])
def test_schema_rejects_what_the_model_rejects(change: str, value: Any) -> None:
    data = as_json(case_dict(**{change: value}))
    if value is None:
        del data[change]
    assert not validator("casus").is_valid(data)


def test_cli_prints_schema() -> None:
    result = CliRunner().invoke(app, ["schema", "case"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$id"] == "urn:hbh-indicatie:schema:hbh.casus.v1"
    result = CliRunner().invoke(app, ["schema", "indicatie"])
    assert json.loads(result.stdout)["title"].startswith("hbh.indicatie.v1")


def _yes_no_words(node: Any) -> Any:
    """The same data with every true/false written as 'ja'/'nee'."""
    if isinstance(node, bool):
        return "ja" if node else "nee"
    if isinstance(node, dict):
        return {key: _yes_no_words(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_yes_no_words(item) for item in node]
    return node


def test_ja_nee_for_every_yes_no_fact() -> None:
    """'ja'/'nee', as the messages and the handleiding write it, means true/false in a case
    and in a norm set (model and schema agree)."""
    from hbh_indicatie.loading.cases import case_from_data
    from hbh_indicatie.models.norm_set import NormSet

    data = as_json(case_dict(huisgenoten=[housemate(kan_huishouden="nee", overbelast=False)]))
    words = _yes_no_words(data)
    assert words != data  # the case has yes/no facts to rewrite
    validator("casus").validate(words)
    assert case_from_data(words) == case_from_data(data)
    path = shipped_norms_dir() / "protocol-hbh" / "2015-01-01.yaml"
    norms = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    validator("normen").validate(_yes_no_words(norms))
    assert NormSet.model_validate(_yes_no_words(norms)) == NormSet.model_validate(norms)
