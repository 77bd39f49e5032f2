"""What a vendor trips over first when calling hbh from another system: paths as text, dates as
text, the case on standard input, the conventional --version and -h, errors as JSON with
--formaat json, and a decimal beside every exact fraction."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hbh_indicatie import api
from hbh_indicatie.cli.main import app
from hbh_indicatie.errors import HbhError, InputError
from tests.shipped import ROOT, computed, expects_conflict, shipped_cases

HBH = [sys.executable, "-c", "from hbh_indicatie.cli.main import run; run()"]
CASE = ROOT / "cases" / "01-alleenstaande-volledige-overname.yaml"
cli = CliRunner()


def test_load_case_and_norms_accept_text() -> None:
    case = api.load_case(str(CASE))
    assert case == api.load_case(CASE)
    by_text = api.load_norms("protocol-hbh", "2026-03-02")
    assert by_text.sha256 == api.load_norms("protocol-hbh", case.reference_date).sha256
    assert api.load_norm_file(by_text.path).sha256 == by_text.sha256
    with pytest.raises(HbhError, match="'2 maart' is geen datum"):
        api.load_norms("protocol-hbh", "2 maart")


def test_case_on_standard_input_equals_the_file() -> None:
    from_file = subprocess.run([*HBH, "bereken", str(CASE), "-f", "json"], capture_output=True,
                               check=True)
    for text in (CASE.read_bytes(), json.dumps(_yaml_as_json(CASE)).encode()):  # YAML, JSON
        piped = subprocess.run([*HBH, "bereken", "-", "-f", "json"], input=text,
                               capture_output=True, check=True)
        assert piped.stdout == from_file.stdout


def _yaml_as_json(path: Path) -> Any:
    import yaml

    return json.loads(json.dumps(yaml.safe_load(path.read_text("utf-8")), default=str))


def test_empty_standard_input_is_a_dutch_error() -> None:
    result = subprocess.run([*HBH, "bereken", "-"], input=b"", capture_output=True)
    assert result.returncode == 2
    assert "standaardinvoer staat geen casus" in result.stderr.decode()


@pytest.mark.parametrize("flag", ["--version", "--versie"])
def test_version(flag: str) -> None:
    result = cli.invoke(app, [flag])
    assert result.exit_code == 0 and result.stdout.startswith("hbh-indicatie ")


@pytest.mark.parametrize("words", [[], ["bereken"], ["normen"], ["server"]])
def test_short_help_equals_long_help(words: list[str]) -> None:
    short, long = cli.invoke(app, [*words, "-h"]), cli.invoke(app, [*words, "--help"])
    assert short.exit_code == 0 and short.stdout == long.stdout and "Gebruik" in short.stdout


def test_json_format_errors_go_to_stderr_as_json(tmp_path: Path) -> None:
    bad = tmp_path / "casus.json"
    bad.write_text(json.dumps({**_yaml_as_json(CASE), "schoenmaat": 39}), "utf-8")
    result = subprocess.run([*HBH, "bereken", str(bad), "-f", "json"], capture_output=True,
                            text=True)
    assert result.returncode == 2 and result.stdout == ""
    error = json.loads(result.stderr)
    assert error["fout"] == f"Fout in casusbestand {bad}"
    assert error["problemen"] == [{"veld": "schoenmaat", "melding": "onbekend veld",
                                   "toegestaan": None}]
    unknown = subprocess.run([*HBH, "bereken", str(CASE), "-n", "geen-idee", "-f", "json"],
                             capture_output=True, text=True)
    assert json.loads(unknown.stderr)["fout"].startswith("Normenset 'geen-idee' bestaat niet")
    table = subprocess.run([*HBH, "bereken", str(bad)], capture_output=True, text=True)
    assert table.returncode == 2 and "schoenmaat" in table.stderr and not table.stderr.startswith("{")


def test_duplicate_keys_in_a_json_case_file_are_refused(tmp_path: Path) -> None:
    text = json.dumps(_yaml_as_json(CASE))
    doubled = tmp_path / "dubbel.json"
    doubled.write_text(text[:-1] + ', "kenmerk": "ander"}', "utf-8")
    with pytest.raises(InputError, match="dubbele sleutel 'kenmerk'"):
        api.load_case(doubled)


def _fraction_fields(node: Any, where: str = "") -> list[tuple[str, str, Any]]:
    """(path, key, parent) for every string field that is an exact number of minutes (the
    facts a step quotes, 'feiten', are text, not output figures)."""
    found: list[tuple[str, str, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "feiten":
                continue
            if isinstance(value, str) and ("minuten" in key or key == "exact"):
                found.append((f"{where}.{key}", key, node))
            found += _fraction_fields(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found += _fraction_fields(item, f"{where}[{i}]")
    return found


@pytest.mark.parametrize("path", [p for p in shipped_cases() if not expects_conflict(p)],
                         ids=lambda p: p.stem)
def test_every_exact_fraction_has_its_decimal(path: Path) -> None:
    _, _, indication = computed(path)
    assert indication is not None
    data = json.loads(api.render_json(indication))
    fields = _fraction_fields(data)
    assert fields
    for where, key, parent in fields:
        decimal = parent[f"{key}_decimaal"]
        assert isinstance(decimal, float | int), where
        assert decimal == round(float(Fraction(parent[key])), 2), where


@pytest.mark.parametrize("path", [p for p in shipped_cases() if not expects_conflict(p)],
                         ids=lambda p: p.stem)
def test_fast_json_is_byte_for_byte_the_standard_library_format(path: Path) -> None:
    """render.stable_json (orjson) writes exactly what json.dumps(sort_keys, indent=2) would."""
    _, _, indication = computed(path)
    assert indication is not None
    data = indication.model_dump(mode="json", by_alias=True)
    expected = json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    assert api.render_json(indication) == expected
