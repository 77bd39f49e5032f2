"""Raising a norm can give a client less help: the toeslag moves towards the raised activity.

A toeslag (fixed extra time) is divided over the activities it extends in proportion to their
norm times. Raise stofzuigen, and more of the toeslag lands on stofzuigen and less on dweilen
and sanitair; a client whose robot vacuum does all the stofzuigen loses the minutes that moved.
The cause is checked on the explanation of one built case, and the memo is checked to say it
when it happens (and only then), on a few built cases and small norm changes.
"""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from hbh_indicatie.cli.main import app
from hbh_indicatie.loading.norm_sets import versions_of

ROOT = Path(__file__).resolve().parent.parent
cli = CliRunner()


def _case(key: str, robot: bool, extra: str = "enig") -> dict[str, Any]:
    """Case 01 (alone, all cleaning by the help) with extra effort for limitations (the
    toeslag over stofzuigen, dweilen and sanitair) and with or without a robot vacuum."""
    case: dict[str, Any] = copy.deepcopy(yaml.safe_load(
        (ROOT / "cases" / "01-alleenstaande-volledige-overname.yaml").read_text(encoding="utf-8")))
    case["kenmerk"] = key
    case["client"]["extra_inzet_door_beperkingen"] = extra
    aids = [a for a in case["hulpmiddelen"] if a["soort"] != "robotstofzuiger"]
    aids.append({"soort": "robotstofzuiger", "aanwezig": True, "afdoende": True} if robot
                else {"soort": "robotstofzuiger", "aanwezig": False, "haalbaar": False})
    case["hulpmiddelen"] = aids
    return case


def _norms(tmp_path: Path, activity: str, minutes: int, name: str) -> Path:
    """protocol-hbh with one norm time changed by ``minutes`` (its own version)."""
    data = yaml.safe_load(Path(versions_of("protocol-hbh")[0].path).read_text(encoding="utf-8"))
    for item in data["activiteiten"]:
        if item["id"] == activity:
            item["hoeveelheid"] += minutes
    data["versie"] = name
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _caseload(tmp_path: Path, *cases: dict[str, Any]) -> Path:
    path = tmp_path / "caseload.jsonl"
    path.write_text("".join(json.dumps(c, default=str) + "\n" for c in cases), encoding="utf-8")
    return path


def _memo(tmp_path: Path, caseload: Path, new: Path) -> str:
    report = tmp_path / "memo.md"
    result = cli.invoke(app, ["impact", str(caseload), "--van", "protocol-hbh", "--naar", str(new),
                              "--rapport", str(report), "-p", "1", "--stil"])
    assert result.exit_code == 0, result.output
    return " ".join(report.read_text(encoding="utf-8").split("## Niet berekend")[0].split())


def _explain(path: Path, norms: Path | str) -> dict[str, Any]:
    result = cli.invoke(app, ["bereken", str(path), "-n", str(norms), "-f", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_the_cause_in_the_explanation(tmp_path: Path) -> None:
    """Under the raised set the toeslag part on stofzuigen grows, the other parts shrink, the
    robot vacuum takes the grown part too, and the weekly total goes down."""
    case = tmp_path / "robot.json"
    case.write_text(json.dumps(_case("robot", True), default=str), encoding="utf-8")
    old, new = _explain(case, "protocol-hbh"), _explain(case, _norms(tmp_path, "stofzuigen", 5, "hoger"))

    def minutes(data: dict[str, Any], rule: str, activity: str) -> Fraction:
        return sum((Fraction(s["minuten_per_week"]) for s in data["uitleg"]
                    if s["regel"] == rule and s["activiteit"] == activity), Fraction(0))

    toeslag = "toeslagen.toeslag_beperkingen_enig"
    part = "toeslag_beperkingen_enig.{}"
    assert minutes(new, toeslag, part.format("stofzuigen")) > minutes(old, toeslag, part.format("stofzuigen"))
    for other in ("dweilen", "sanitair"):
        assert minutes(new, toeslag, part.format(other)) < minutes(old, toeslag, part.format(other))
    robot = "hulpmiddelen.robotstofzuiger"
    assert minutes(new, robot, part.format("stofzuigen")) == -minutes(new, toeslag, part.format("stofzuigen"))
    assert new["totaal_minuten_per_week"] < old["totaal_minuten_per_week"]


def test_memo_explains_less_help_under_higher_norms(tmp_path: Path) -> None:
    caseload = _caseload(tmp_path, _case("robot", True), _case("zonder-robot", False),
                         _case("zonder-toeslag", True, "geen"))
    memo = _memo(tmp_path, caseload, _norms(tmp_path, "stofzuigen", 5, "hoger"))
    assert "1 cliënt krijgt minder hulp, hoewel de nieuwe normen alleen hogere cijfers hebben." in memo
    assert "naar verhouding van hun normtijden" in memo
    assert "naar stofzuigen" in memo
    assert "Hulpmiddel robotstofzuiger (§1.4)" in memo.split("hoewel", 1)[1]


def test_memo_names_the_shift_but_no_paradox_when_a_norm_goes_down(tmp_path: Path) -> None:
    caseload = _caseload(tmp_path, _case("robot", True), _case("zonder-robot", False))
    memo = _memo(tmp_path, caseload, _norms(tmp_path, "sanitair", -5, "lager"))
    assert "hoewel de nieuwe normen alleen hogere cijfers hebben" not in memo
    assert "naar verhouding van hun normtijden" in memo  # toeslag moves towards stofzuigen
    assert "naar stofzuigen" in memo or "naar vloeren dweilen" in memo


@pytest.mark.parametrize("cases", [("zonder-toeslag",), ("robot", "zonder-robot")])
def test_no_toeslag_sentence_without_a_shift(tmp_path: Path, cases: tuple[str, ...]) -> None:
    built = {"robot": _case("robot", True), "zonder-robot": _case("zonder-robot", False),
             "zonder-toeslag": _case("zonder-toeslag", True, "geen")}
    caseload = _caseload(tmp_path, *(built[c] for c in cases))
    # without the toeslag nothing moves; raising an activity the toeslag does not extend neither
    activity = "stofzuigen" if cases == ("zonder-toeslag",) else "ramen_binnen"
    memo = _memo(tmp_path, caseload, _norms(tmp_path, activity, 5, "anders"))
    assert "naar verhouding van hun normtijden" not in memo
