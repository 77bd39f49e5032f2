"""hbh impact: A against A changes nothing; a known norm change moves clients the expected way."""

from __future__ import annotations

import csv
import json
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hbh_indicatie.batch import impact as impact_module
from hbh_indicatie.batch.impact import Impact, class_label, histogram_class
from hbh_indicatie.batch.jobs import ImpactJob
from hbh_indicatie.cli.main import app
from hbh_indicatie.loading.cases import case_from_data
from tests.builders import case_dict, housemate

ROOT = Path(__file__).resolve().parent.parent
CHANGE = ROOT / "benchmarks" / "normwijziging.yaml"
cli = CliRunner()


def _caseload(tmp_path: Path) -> Path:
    cases = [
        case_dict(kenmerk="alleen"),
        case_dict(kenmerk="met-partner", huisgenoten=[housemate(kan_huishouden="nee")]),
        case_dict(kenmerk="zelf-alles", client={**case_dict()["client"], "zelf": {
            c: "volledig" for c in case_dict()["client"]["zelf"]}}),
    ]
    path = tmp_path / "caseload.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    return path


def test_same_norms_nothing_changes(tmp_path: Path) -> None:
    out = tmp_path / "per-client.csv"
    result = cli.invoke(app, ["impact", str(_caseload(tmp_path)), "--van", "protocol-hbh",
                              "--naar", "protocol-hbh", "--per-client", str(out), "-p", "1"])
    assert result.exit_code == 0, result.output
    assert "omhoog 0, omlaag 0, gelijk 3" in result.output
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert [r["richting"] for r in rows] == ["gelijk"] * 3
    assert all(r["delta_minuten_per_week"] == "0" for r in rows)


def test_known_change_direction_and_drivers(tmp_path: Path) -> None:
    job = ImpactJob("protocol-hbh", str(CHANGE), None)
    job.prepare()
    record = job.handle(case_from_data(case_dict()), "test")
    # benchmarks/normwijziging.yaml: broodmaaltijd 10 -> 8 min per day (-14/week), stofzuigen
    # 25 -> 20, sanitair 20 -> 25, boodschappen 45 -> 40 per week; nothing else changes and the
    # base case has no aid or provision for these activities.
    assert record["activiteiten"] == {"boodschappen": "-5", "broodmaaltijd": "-14",
                                      "sanitair": "5", "stofzuigen": "-5"}
    assert record["nieuw"] < record["oud"]
    assert record["regels"]["normering.broodmaaltijd"] == "-14"

    out = tmp_path / "per-client.csv"
    result = cli.invoke(app, ["impact", str(_caseload(tmp_path)), "--van", "protocol-hbh",
                              "--naar", str(CHANGE), "--per-client", str(out), "-p", "1"])
    assert result.exit_code == 0, result.output
    rows = {r["kenmerk"]: r for r in csv.DictReader(out.read_text(encoding="utf-8").splitlines())}
    assert rows["alleen"]["richting"] == "omlaag"
    assert int(rows["alleen"]["delta_minuten_per_week"]) == record["nieuw"] - record["oud"]
    assert rows["met-partner"]["richting"] == "omlaag"
    assert rows["zelf-alles"]["richting"] == "gelijk"
    assert "omhoog 0, omlaag 2, gelijk 1" in result.output
    assert "broodmaaltijd" in result.output


def _record(key: str, old: int, new: int) -> dict[str, object]:
    return {"kenmerk": key, "oud": old, "nieuw": new, "oud_weken_per_jaar": "52",
            "nieuw_weken_per_jaar": "52", "activiteiten": {"a": str(new - old)}, "regels": {}}


def test_aggregation() -> None:
    result = Impact(width=10, top=2)
    for key, old, new in [("a", 100, 70), ("b", 100, 100), ("c", 100, 125), ("d", 50, 20),
                          ("e", 60, 61), ("f", 90, 60)]:
        result.add(_record(key, old, new))
    assert (result.up, result.down, result.same) == (2, 3, 1)
    assert result.sum_minutes == -30 - 0 + 25 - 30 + 1 - 30
    assert result.mean_minutes == Fraction(-64, 6)
    assert result.sum_hours == Fraction(-64 * 52, 60)
    assert result.losers() == [("a", 100, 70), ("d", 50, 20)]  # equal loss: earlier client first
    assert result.gainers() == [("c", 100, 125), ("e", 60, 61)]
    assert result.classes() == [("-21 t/m -30", 3), ("-11 t/m -20", 0), ("-1 t/m -10", 0),
                                ("0", 1), ("+1 t/m +10", 1), ("+11 t/m +20", 0),
                                ("+21 t/m +30", 1)]
    assert result.drivers(result.activities) == [("a", Fraction(-64))]


@pytest.mark.parametrize(("delta", "k"), [(0, 0), (1, 1), (15, 1), (16, 2), (-15, -1), (-16, -2)])
def test_histogram_classes(delta: int, k: int) -> None:
    assert histogram_class(delta, 15) == k
    assert class_label(1, 1) == "+1"


def test_client_row_hours_per_year() -> None:
    row = impact_module.client_row(_record("x", 120, 90))
    assert row == {"kenmerk": "x", "oud_minuten_per_week": 120, "nieuw_minuten_per_week": 90,
                   "delta_minuten_per_week": -30, "delta_uren_per_jaar": "-26.00",
                   "richting": "omlaag"}


def test_graph_without_matplotlib_is_a_dutch_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None)
    result = cli.invoke(app, ["impact", str(_caseload(tmp_path)), "--van", "protocol-hbh",
                              "--naar", "protocol-hbh", "--grafiek", str(tmp_path / "g.png")])
    assert result.exit_code == 2
    text = "".join(result.output.replace("│", "").split())
    assert "matplotlib" in text and "pipinstall'hbh-indicatie[grafiek]'" in text


def test_graph_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "g.png"
    result = cli.invoke(app, ["impact", str(_caseload(tmp_path)), "--van", "protocol-hbh",
                              "--naar", str(CHANGE), "--grafiek", str(out), "-p", "1",
                              "--fouten", str(tmp_path / "fouten.jsonl")])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
