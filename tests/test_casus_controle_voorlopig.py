"""`hbh casus controleer` tells what will make the indication voorlopig (new-user trial 2: it
said "In orde" for a case whose result was voorlopig, and nothing more)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from hbh_indicatie import api
from hbh_indicatie.cli.main import app
from hbh_indicatie.errors import RuleConflict
from hbh_indicatie.loading.norm_sets import resolve_for_case

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "cases").glob("*.yaml"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_the_check_names_the_unknown_facts_of_the_indication(path: Path) -> None:
    case = api.load_case(path)
    if case.norm_set is None:
        pytest.skip("casus zonder eigen normenset")
    norms = resolve_for_case(case.norm_set, case.reference_date, None, str(path))
    try:
        indication = api.compute(case, norms, str(path))
    except RuleConflict:
        pytest.skip("verwacht regelconflict")
    check = api.check_case(case, norms, str(path))
    assert check.onbekende_feiten == tuple(indication.onbekende_feiten)


def test_cli_and_service_say_voorlopig() -> None:
    path = ROOT / "cases" / "06-overbrugging-hulpmiddel.yaml"
    result = CliRunner().invoke(app, ["casus", "controleer", str(path)])
    assert result.exit_code == 0, result.output
    assert "Voorlopig:" in result.output and "hulpmiddelen.vaatwasser.haalbaar" in result.output
    from hbh_indicatie.service.app import create_app

    with TestClient(create_app()) as client:
        body = json.dumps(yaml.safe_load(path.read_text("utf-8")), default=str)
        answer = client.post("/api/v1/controleer", content=body,
                             headers={"Content-Type": "application/json"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["onbekende_feiten"] == ["hulpmiddelen.vaatwasser.haalbaar"]
