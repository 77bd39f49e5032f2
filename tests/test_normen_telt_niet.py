"""A changed figure that counts nowhere is never ignored in silence (new-user trial 2, finding 1).

An activity with a 'huishoudgrootte' table gets its amount from that table for every household
size (the table starts at 1 person), so its base 'hoeveelheid' counts nowhere. A policy officer
who changes that base figure in the workbook is told so: the import refuses it naming the cell
and the rows that count, ``controleer`` reports it, ``vergelijk`` says the change has no effect,
and the export greys out and comments the cell. A base figure equal to the table's figure for
1 person (as in the shipped sets) is no finding.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from hbh_indicatie.cli.main import app
from hbh_indicatie.loading.norm_sets import load_norm_file, norm_files, shipped_norms_dir
from hbh_indicatie.norm_tools.checks import check_file
from hbh_indicatie.norm_tools.compare import item_changes

ROOT = Path(__file__).resolve().parent.parent
PROTOCOL = ROOT / "norms" / "protocol-hbh" / "2015-01-01.yaml"
cli = CliRunner()


def _edited_workbook(tmp_path: Path, changes: dict[str, int]) -> Path:
    """The trial's steps: export protocol-hbh, change 'hoeveelheid' in sheet 'activiteiten'."""
    path = tmp_path / "t.xlsx"
    result = cli.invoke(app, ["normen", "exporteer", "protocol-hbh", "--uitvoer", str(path)])
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    ws = book["activiteiten"]
    heads = [c.value for c in ws[1]]
    amount = heads.index("hoeveelheid")
    for row in ws.iter_rows(min_row=2):
        if row[0].value in changes:
            row[amount].value = changes[str(row[0].value)]
    book.save(path)
    return path


def test_import_refuses_a_shadowed_amount_naming_cell_and_table(tmp_path: Path) -> None:
    source = _edited_workbook(tmp_path, {"opruimen": 5, "stofzuigen": 30})
    out = tmp_path / "x.yaml"
    result = cli.invoke(app, ["normen", "importeer", str(source), "--id", "mijn-gemeente",
                              "--uitvoer", str(out)])
    assert result.exit_code == 2, result.output
    assert not out.exists()
    text = " ".join(result.output.split())
    assert "blad 'activiteiten', rij 2, kolom D (hoeveelheid)" in text
    assert "'opruimen'" in text and "hoeveelheid 5 telt niet mee" in text
    assert "blad 'huishoudgrootte' (rij 2, 3)" in text  # where to change it instead
    assert "vanaf 1 persoon: 3; vanaf 3 personen: 5" in text
    assert "stofzuigen" not in text  # a figure that counts is no problem
    assert "1 fout(en)" in text


def test_import_of_a_change_in_the_table_itself_is_accepted(tmp_path: Path) -> None:
    source = _edited_workbook(tmp_path, {"stofzuigen": 30})
    book = load_workbook(source)
    ws = book["huishoudgrootte"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "opruimen" and row[1].value == 1:
            row[2].value = 5
    book["activiteiten"]["D2"].value = 5  # base and table agree again
    book.save(source)
    out = tmp_path / "x.yaml"
    result = cli.invoke(app, ["normen", "importeer", str(source), "--id", "mijn-gemeente",
                              "--uitvoer", str(out)])
    assert result.exit_code == 0, result.output
    norms = load_norm_file(out).norms
    tidy = norms.activity("opruimen")
    assert tidy is not None and tidy.size_variants[0].amount == 5
    assert check_file(out).findings == ()


def _protocol_yaml(tmp_path: Path, amount: object) -> Path:
    data = yaml.safe_load(PROTOCOL.read_text(encoding="utf-8"))
    item = next(a for a in data["activiteiten"] if a["id"] == "opruimen")
    item["hoeveelheid"] = amount
    path = tmp_path / "x.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_controleer_reports_a_shadowed_amount(tmp_path: Path) -> None:
    path = _protocol_yaml(tmp_path, 5)
    findings = check_file(path).findings
    assert [(f.item, f.rule) for f in findings] == [
        ("activiteiten 'opruimen'", "hoeveelheid_telt_niet")]
    assert "'huishoudgrootte'" in findings[0].message and "op 3" in findings[0].message
    result = cli.invoke(app, ["normen", "controleer", str(path)])
    assert result.exit_code == 1
    assert "hoeveelheid_telt_niet" in result.output and "in orde" not in result.output


def test_csv_import_refuses_a_shadowed_amount(tmp_path: Path) -> None:
    source = tmp_path / "tabel.csv"
    source.write_text(
        "id;label;categorie;hoeveelheid;hoeveelheid_vanaf_1;hoeveelheid_vanaf_3;eenheid;keer;per;"
        "uitstelbaar;status\n"
        "opruimen;Opruimen;schoon_en_leefbaar_huis;5;3;5;minuten;1;dag;ja;voorbeeld\n",
        encoding="utf-8")
    result = cli.invoke(app, ["normen", "importeer", str(source), "--id", "csv", "--titel",
                              "CSV-set", "--geldig-van", "2026-01-01"])
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())
    assert "rij 2 'opruimen', kolom hoeveelheid: [hoeveelheid_telt_niet]" in text
    assert "hoeveelheid_vanaf_N" in text


@given(st.integers(min_value=1, max_value=200))
def test_finding_exactly_when_base_differs_from_the_table(amount: int) -> None:
    norms = load_norm_file(PROTOCOL).norms
    tidy = norms.activity("opruimen")
    assert tidy is not None
    changed = tidy.model_copy(update={"amount": Decimal(amount)})
    first = tidy.size_variants[0].amount
    assert (changed.unused_amount is None) == (amount == first)


def test_vergelijk_says_the_change_has_no_effect(tmp_path: Path) -> None:
    old = load_norm_file(PROTOCOL).norms
    new = load_norm_file(_protocol_yaml(tmp_path, 5)).norms
    (change,) = item_changes(old, new)
    assert change.id == "opruimen" and change.old == change.new
    assert change.notes[0].startswith("hoeveelheid 3 → 5 (telt niet mee in B")
    vacuum = load_norm_file(PROTOCOL).norms  # a figure without table: no such note
    data = yaml.safe_load(PROTOCOL.read_text(encoding="utf-8"))
    next(a for a in data["activiteiten"] if a["id"] == "stofzuigen")["hoeveelheid"] = 30
    path = tmp_path / "y.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (change,) = item_changes(vacuum, load_norm_file(path).norms)
    assert change.notes == ("hoeveelheid 25 → 30",) and change.old != change.new


def test_export_marks_the_cell_that_does_not_count(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    assert cli.invoke(app, ["normen", "exporteer", "protocol-hbh", "--uitvoer", str(path)]
                      ).exit_code == 0
    book = load_workbook(path)
    ws = book["activiteiten"]
    amount = [c.value for c in ws[1]].index("hoeveelheid")
    commented = {str(r[0].value) for r in ws.iter_rows(min_row=2) if r[amount].comment}
    with_table = {str(r[0].value) for r in book["huishoudgrootte"].iter_rows(min_row=2)}
    assert commented == with_table and "opruimen" in commented
    explained = [r[3].value for r in book["uitleg"].iter_rows(min_row=2)
                 if r[0].value == "activiteiten" and r[1].value == "hoeveelheid"]
    assert "huishoudgrootte" in str(explained[0])


@pytest.mark.parametrize("path", norm_files(shipped_norms_dir()), ids=str)
def test_shipped_sets_have_no_figure_that_differs_from_its_table(path: Path) -> None:
    assert all(a.unused_amount is None for a in load_norm_file(path).norms.activities)
