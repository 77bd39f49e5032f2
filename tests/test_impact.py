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
            "nieuw_weken_per_jaar": "52", "activiteiten": {"a": str(new - old)}, "regels": {},
            "oud_normen": ("a", "1", "0" * 64), "nieuw_normen": ("b", "1", "1" * 64)}


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
    assert result.touched["a"] == 5  # 'b' is the same: not counted


def test_rule_drivers_count_the_clients_they_touch() -> None:
    """The memo says per rule for how many clients it differs and the mean per such client;
    with every rule listed they add up to the total difference."""
    from hbh_indicatie.batch import impact_memo

    result = Impact(width=10, top=10)
    for key, old, new, rules in [("a", 100, 70, {"x": "-40", "y": "10"}),
                                 ("b", 100, 100, {"x": "0"}),
                                 ("c", 100, 125, {"x": "25"}),
                                 ("d", 50, 50, {"x": "5", "y": "-5"})]:
        result.add({**_record(key, old, new), "regels": rules})
    assert (result.touched["x"], result.touched["y"]) == (3, 2)
    drivers = impact_memo._drivers(result.drivers(result.rules), str, result.touched)
    assert [(d.label, d.minutes, d.clients, d.mean) for d in drivers] == [
        ("x", Fraction(-10), 3, Fraction(-10, 3)), ("y", Fraction(5), 2, Fraction(5, 2))]
    assert sum(d.minutes for d in drivers) == result.sum_minutes


def test_all_rules_add_up_to_the_total(tmp_path: Path) -> None:
    code, output, _rows = _report_run(tmp_path, tmp_path / "rapport.json", "--top", "1000")
    assert code == 1, output
    data = json.loads((tmp_path / "rapport.json").read_text(encoding="utf-8"))
    assert sum(Fraction(d["minuten_per_week"]) for d in data["regels"]) == \
        data["verschil"]["totaal_minuten_per_week"]
    assert all(1 <= d["clienten"] <= data["clienten"]["berekend"] for d in data["regels"])


@pytest.mark.parametrize(("delta", "k"), [(0, 0), (1, 1), (15, 1), (16, 2), (-15, -1), (-16, -2)])
def test_histogram_classes(delta: int, k: int) -> None:
    assert histogram_class(delta, 15) == k
    assert class_label(1, 1) == "+1"


def test_client_row_hours_per_year() -> None:
    row = impact_module.client_row(_record("x", 120, 90))
    assert row == {"kenmerk": "x", "oud_minuten_per_week": 120, "nieuw_minuten_per_week": 90,
                   "delta_minuten_per_week": -30, "delta_uren_per_jaar": "-26.00",
                   "richting": "omlaag", "huishoudgrootte": "", "leeftijdsgroep": "",
                   "woonvorm": "", "gebruikelijke_hulp": ""}


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


def _report_run(tmp_path: Path, report: Path, *extra: str) -> tuple[int, str, list[dict[str, str]]]:
    """An impact run over generated cases plus one broken line, with --rapport and --per-client."""
    caseload = tmp_path / "caseload.jsonl"
    assert cli.invoke(app, ["genereer", "60", "--seed", "5", "-o", str(caseload)]).exit_code == 0
    with caseload.open("a", encoding="utf-8") as handle:
        handle.write('{"kenmerk": "kapot"\n')
    per_client = tmp_path / "per-client.csv"
    result = cli.invoke(app, ["impact", str(caseload), "--van", "protocol-hbh", "--naar",
                              str(CHANGE), "--per-client", str(per_client), "--rapport",
                              str(report), "-p", "1", "--top", "4", "--stil", *extra])
    rows = (list(csv.DictReader(per_client.read_text(encoding="utf-8").splitlines()))
            if per_client.exists() else [])
    return result.exit_code, result.output, rows


def test_json_report_matches_the_per_client_rows(tmp_path: Path) -> None:
    import hashlib

    from tests.test_schema import validator

    code, output, rows = _report_run(tmp_path, tmp_path / "rapport.json")
    assert code == 1, output  # the broken line: exit 1, the report is written all the same
    data = json.loads((tmp_path / "rapport.json").read_text(encoding="utf-8"))
    assert list(validator("impact").iter_errors(data)) == []
    assert data["schema"] == "hbh.impact.v1"
    clients = data["clienten"]
    assert (clients["ingelezen"], clients["berekend"], clients["mislukt"]) == (61, 60, 1)
    directions = [r["richting"] for r in rows]
    assert (clients["omhoog"], clients["omlaag"], clients["gelijk"]) == (
        directions.count("omhoog"), directions.count("omlaag"), directions.count("gelijk"))
    deltas = [int(r["delta_minuten_per_week"]) for r in rows]
    assert data["verschil"]["totaal_minuten_per_week"] == sum(deltas)
    assert Fraction(data["verschil"]["gemiddeld_minuten_per_week"]) == Fraction(sum(deltas), 60)
    assert sum(k["aantal"] for k in data["verdeling"]["klassen"]) == 60
    for k in data["verdeling"]["klassen"]:
        inside = [d for d in deltas if k["van"] <= d <= k["tot_en_met"]]
        assert len(inside) == k["aantal"], k
    losses = sorted(d for d in deltas if d < 0)[:4]
    assert [x["verschil"] for x in data["verliezers"]] == losses
    assert all(x["nieuw_minuten_per_week"] - x["oud_minuten_per_week"] == x["verschil"]
               for x in data["verliezers"] + data["winnaars"])
    (old,), (new,) = data["van"]["normensets"], data["naar"]["normensets"]
    assert old["id"] == "protocol-hbh" and old["clienten"] == new["clienten"] == 60
    assert new["sha256"] == hashlib.sha256(CHANGE.read_bytes()).hexdigest()
    assert {x["id"] for x in data["activiteiten"]} <= {"boodschappen", "broodmaaltijd",
                                                       "sanitair", "stofzuigen"}


def test_report_with_unknown_suffix_stops_before_computing(tmp_path: Path) -> None:
    code, output, rows = _report_run(tmp_path, tmp_path / "rapport.txt")
    assert code == 2
    assert ".md" in output and ".json" in output and "rapport.txt" in output
    assert rows == [] and not (tmp_path / "per-client.csv").exists()
