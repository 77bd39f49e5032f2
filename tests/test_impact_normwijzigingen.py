"""The council memo says what changed in the norms, in one measure per statement (new-user
trial 2, finding 7).

(a) Near the top, the changed norm figures in words, from the same comparison as
``hbh normen vergelijk`` ("Stofzuigen: 25 → 20 minuten per keer"), identical in terminal,
Markdown, HTML and JSON; (b) "Waardoor" states the effect on help in hours per week (the
figures of the JSON's ``activiteiten``), never summed norm minutes beside help minutes; (c) the
resultaatgebied table counts something else than the summary and says so by its name.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

import yaml
from typer.testing import CliRunner

from hbh_indicatie.batch.impact_norms import norm_changes
from hbh_indicatie.cli.main import app
from hbh_indicatie.loading.norm_sets import load_norm_file
from hbh_indicatie.models.norm_set import NormSet
from hbh_indicatie.render import number_format

ROOT = Path(__file__).resolve().parent.parent
CHANGE = ROOT / "benchmarks" / "normwijziging.yaml"
PROTOCOL = ROOT / "norms" / "protocol-hbh" / "2015-01-01.yaml"
EXPECTED = [
    "Stofzuigen: 25 → 20 minuten per keer (1 keer per week).",
    "Sanitair schoonmaken (badkamer en toilet): 20 → 25 minuten per keer (1 keer per week).",
    "Boodschappen doen: vanaf 1 persoon: 45 → 40 minuten per keer; vanaf 2 personen: 60 → 55 "
    "minuten per keer (1 keer per week).",
    "Broodmaaltijden klaarmaken: 10 → 8 minuten per keer (1 keer per dag).",
]
cli = CliRunner()


def _run(tmp_path: Path, report: str, new: Path = CHANGE) -> str:
    caseload = tmp_path / "caseload.jsonl"
    if not caseload.exists():
        assert cli.invoke(app, ["genereer", "60", "--seed", "3", "-o", str(caseload)]).exit_code == 0
    result = cli.invoke(app, ["impact", str(caseload), "--van", "protocol-hbh", "--naar", str(new),
                              "--rapport", str(tmp_path / report), "-p", "1", "--stil"])
    assert result.exit_code == 0, result.output
    return result.output


def test_norm_changes_in_words() -> None:
    old, new = load_norm_file(PROTOCOL).norms, load_norm_file(CHANGE).norms
    assert list(norm_changes(old, new)) == EXPECTED
    assert norm_changes(old, old) == ()


def test_memo_lists_the_changed_figures_first_in_every_format(tmp_path: Path) -> None:
    terminal = " ".join(_run(tmp_path, "memo.md").split())
    md = (tmp_path / "memo.md").read_text(encoding="utf-8")
    top = md.split("## In het kort", 1)[0]
    assert "## Wat verandert in de normen" in top
    assert [line[2:] for line in top.splitlines() if line.startswith("- ") and "→" in line] \
        == EXPECTED
    _run(tmp_path, "memo.html")
    html = (tmp_path / "memo.html").read_text(encoding="utf-8")
    assert html.index("Wat verandert in de normen") < html.index("In het kort")
    assert all(f"<li>{line}</li>" in html for line in EXPECTED)
    _run(tmp_path, "memo.json")
    data = json.loads((tmp_path / "memo.json").read_text(encoding="utf-8"))
    assert data["normwijzigingen"]["wijzigingen"] == EXPECTED
    assert data["normwijzigingen"]["alle_versies"] is True
    assert all(line in terminal for line in EXPECTED)


def test_waardoor_states_help_in_hours_per_week_as_the_json(tmp_path: Path) -> None:
    _run(tmp_path, "memo.json")
    data = json.loads((tmp_path / "memo.json").read_text(encoding="utf-8"))
    _run(tmp_path, "memo.md")
    md = (tmp_path / "memo.md").read_text(encoding="utf-8")
    why = md.split("## Waardoor", 1)[1].split("\n## ", 1)[0]
    assert "Normtijd" not in why and "minuten per week, opgeteld" not in why
    first = why.strip().splitlines()[0]
    for driver in data["activiteiten"][:4]:
        hours = number_format.signed(Fraction(driver["minuten_per_week"]) / 60)
        assert f" {hours} uur per week" in first, (driver, first)
    assert not re.search(r"[+-][\d.]+,?\d* \(minuten", first)


def test_category_table_is_named_apart_from_the_summary(tmp_path: Path) -> None:
    _run(tmp_path, "memo.md")
    md = (tmp_path / "memo.md").read_text(encoding="utf-8")
    down = re.search(r"krijgen er (\d+) \(", md)
    assert down is not None
    section = md.split("### Resultaatgebied", 1)[1].split("\n## ", 1)[0]
    assert "| cliënten met minder |" not in section
    assert "cliënten met minder minuten in dit gebied" in section
    assert f"de {down.group(1)} cliënten die in totaal minder" in section
    assert "verschil uur per week" in section and "min/week" not in section


def test_a_shadowed_figure_is_said_to_count_nowhere(tmp_path: Path) -> None:
    data = yaml.safe_load(PROTOCOL.read_text(encoding="utf-8"))
    data["id"] = "mijn-gemeente"
    next(a for a in data["activiteiten"] if a["id"] == "opruimen")["hoeveelheid"] = 5
    next(a for a in data["activiteiten"] if a["id"] == "stofzuigen")["hoeveelheid"] = 30
    path = tmp_path / "x.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _run(tmp_path, "memo.md", path)
    top = (tmp_path / "memo.md").read_text(encoding="utf-8").split("## In het kort", 1)[0]
    assert "- Stofzuigen: 25 → 30 minuten per keer (1 keer per week)." in top
    assert ("- Opruimen woonruimte: het cijfer 'hoeveelheid' (3 → 5) telt niet mee: de tabel "
            "per huishoudgrootte geeft de normtijd.") in top


def _edited(edit: dict[str, object], activity: str) -> NormSet:
    data = yaml.safe_load(PROTOCOL.read_text(encoding="utf-8"))
    item = next(a for a in data["activiteiten"] if a["id"] == activity)
    for key, value in edit.items():
        if key == "tabel_1":
            item["huishoudgrootte"][0]["hoeveelheid"] = value
        else:
            item[key] = value
    return NormSet.model_validate(data)


def test_no_change_is_said_as_an_empty_sentence() -> None:
    """A changed unit with the same number, and a base figure that goes back to the table's
    value, were said as 'Stofzuigen: .' (review of the memo's sentences)."""
    base = load_norm_file(PROTOCOL).norms
    hours = _edited({"eenheid": "uren"}, "stofzuigen")
    dead = _edited({"hoeveelheid": 7}, "opruimen")
    both = _edited({"hoeveelheid": 5, "tabel_1": 5}, "opruimen")
    said = {
        "eenheid": norm_changes(base, hours),
        "terug": norm_changes(dead, base),
        "samen": norm_changes(base, both),
    }
    for sentences in said.values():
        assert sentences and all(not s.endswith(": .") and ": ." not in s for s in sentences)
    assert said["eenheid"] == ("Stofzuigen: 25 minuten → 25 uren per keer (1 keer per week).",)
    assert "'hoeveelheid' (7 → 3) telt niet mee" in said["terug"][0]
    assert said["samen"] == ("Opruimen woonruimte: vanaf 1 persoon: 3 → 5 minuten per keer "
                             "(1 keer per dag).",)
