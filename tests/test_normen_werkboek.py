"""Norm tables as Excel workbooks (issue 14, part 3): ``hbh normen exporteer`` and ``importeer``.

Export then import gives back the same set for every shipped set (and for variations of one);
every field of the model has a place in the workbook; a bad cell is named with sheet, row,
column and what is allowed, exit 2, nothing written. The CSV route also takes minutes per
household size and what replaces an activity.
"""

from __future__ import annotations

import io
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from pydantic import BaseModel
from typer.testing import CliRunner

from hbh_indicatie.cli.main import app
from hbh_indicatie.loading.norm_sets import load_norm_file, norm_files, shipped_norms_dir
from hbh_indicatie.loading.validation import validate
from hbh_indicatie.loading.yaml_io import parse_text
from hbh_indicatie.models.norm_set import NormSet
from hbh_indicatie.norm_tools import workbook
from hbh_indicatie.norm_tools.template import TEMPLATE_PATH
from hbh_indicatie.norm_tools.workbook_layout import _is_model, _list_item, _unwrap, layout

ROOT = Path(__file__).resolve().parent.parent
SETS = [*norm_files(shipped_norms_dir()), ROOT / "benchmarks" / "normwijziging.yaml", TEMPLATE_PATH]
cli = CliRunner()


def _round_trip(norms: NormSet) -> NormSet:
    result = workbook.read(workbook.export(norms))
    assert result.text is not None and result.norms is not None, \
        [p.render() for p in result.problems]
    from_yaml = validate(NormSet, parse_text(result.text, "terug.yaml", "normen"), "terug.yaml",
                         "normen")
    assert from_yaml == result.norms
    return result.norms


@pytest.mark.parametrize("path", SETS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_shipped_set_survives_export_and_import(path: Path) -> None:
    norms = load_norm_file(path).norms
    back = _round_trip(norms)
    assert back == norms
    assert back.model_dump() == norms.model_dump()  # every field, also those with a default


def _paths(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for name, info in model.model_fields.items():
        alias = (*prefix, info.alias or name)
        annotation, _ = _unwrap(info.annotation)
        item = _list_item(annotation)
        if item is not None and _is_model(item):
            found.add(alias)
            found |= _paths(item)
        elif _is_model(annotation):
            found |= _paths(annotation, alias)
        else:
            found.add(alias)
    return found


def test_every_field_of_the_model_has_a_place() -> None:
    plan = layout()
    placed = {c.path for c in plan.settings}
    for sheet in plan.all_sheets():
        placed.add((sheet.alias,))
        placed |= {c.path for c in sheet.columns}
    assert _paths(NormSet) <= placed


amounts = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(10_000), places=3,
                      allow_nan=False, allow_infinity=False)
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=3,
                max_size=40).filter(lambda t: t.strip() == t and len(t) >= 3)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(amount=amounts, times=st.fractions(min_value=Fraction(1, 30), max_value=30,
                                           max_denominator=30),
       label=texts, note=st.one_of(st.none(), texts), index=st.integers(0, 40))
def test_variations_survive(amount: Decimal, times: Fraction, label: str, note: str | None,
                            index: int) -> None:
    base = load_norm_file(shipped_norms_dir() / "protocol-hbh" / "2015-01-01.yaml").norms
    data: dict[str, Any] = base.model_dump(by_alias=True)
    act = data["activiteiten"][index % len(data["activiteiten"])]
    act.update({"hoeveelheid": amount, "label": label, "frequentie": {"keer": times, "per": "week"}})
    act["herkomst"] = {**act["herkomst"], "toelichting": note}
    if act["huishoudgrootte"]:
        act["huishoudgrootte"][0]["hoeveelheid"] = amount
    norms = NormSet.model_validate(data)
    assert _round_trip(norms) == norms


def _workbook(tmp_path: Path) -> Path:
    path = tmp_path / "tabel.xlsx"
    result = cli.invoke(app, ["normen", "exporteer", "protocol-hbh", "--uitvoer", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _edit(path: Path, sheet: str, row: int, column: str, value: object) -> None:
    book = load_workbook(path)
    ws = book[sheet]
    headers = [c.value for c in ws[1]]
    ws.cell(row=row, column=headers.index(column) + 1, value=value)
    book.save(path)


def test_export_sheets_per_household_size_and_replacement(tmp_path: Path) -> None:
    book = load_workbook(_workbook(tmp_path))
    assert book.sheetnames[:2] == ["instellingen", "beleidsuitgangspunten"]
    for name in ("activiteiten", "huishoudgrootte", "vervangbaar_door", "toeslagen",
                 "leeftijdsgroepen", "taken", "bronnen", "uitleg"):
        assert name in book.sheetnames
    sizes = [[c.value for c in row] for row in book["huishoudgrootte"].iter_rows(min_row=2)]
    assert ["boodschappen", 1, 45, "voorbeeld"] in [r[:4] for r in sizes]
    assert ["boodschappen", 2, 60, "voorbeeld"] in [r[:4] for r in sizes]
    replaced = [[c.value for c in row] for row in book["vervangbaar_door"].iter_rows(min_row=2)]
    assert ["afwassen", "vaatwasser", None, 75] in replaced
    heads = [c.value for c in book["activiteiten"][1]]
    assert {"ruimte", "uitstelbaar", "herkomst.bron", "herkomst.vindplaats"} <= set(heads)


def test_bad_cell_names_sheet_row_column_and_allowed(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    _edit(path, "activiteiten", 5, "eenheid", "minuut")
    _edit(path, "huishoudgrootte", 3, "vanaf_personen", 0)
    out = tmp_path / "set.yaml"
    out.write_text("oud\n", encoding="utf-8")
    result = cli.invoke(app, ["normen", "importeer", str(path), "--uitvoer", str(out)])
    assert result.exit_code == 2
    assert ("blad 'activiteiten', rij 5, kolom E (eenheid): waarde 'minuut' is niet toegestaan "
            "(toegestaan: minuten, uren)") in result.output
    assert "blad 'huishoudgrootte', rij 3, kolom B (vanaf_personen)" in result.output
    assert "(toegestaan: >= 1)" in result.output
    assert "niets geschreven" in result.output
    assert out.read_text(encoding="utf-8") == "oud\n"
    assert not list(tmp_path.glob(".*.tmp"))


def test_unknown_sheet_column_and_key(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    book = load_workbook(path)
    book.create_sheet("notities")
    book["toeslagen"].cell(row=1, column=30, value="kleur")
    book["taken"].cell(row=2, column=1, value="tieners")
    book.save(path)
    result = cli.invoke(app, ["normen", "importeer", str(path)])
    assert result.exit_code == 2
    assert "blad 'notities': onbekend blad" in result.output
    assert "blad 'toeslagen', rij 1, kolom AD (kleur): onbekende kolom" in result.output
    assert "blad 'taken', rij 2, kolom A (leeftijdsgroepen.label): 'tieners' staat niet in blad " \
           "'leeftijdsgroepen'" in result.output


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(b"geen zip")
    result = cli.invoke(app, ["normen", "importeer", str(path)])
    assert result.exit_code == 2 and "geen leesbaar Excel-werkboek" in result.output


def test_import_overrides_and_check(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    out = tmp_path / "eigen.yaml"
    result = cli.invoke(app, ["normen", "importeer", str(path), "--id", "eigen", "--versie", "2027",
                              "--geldig-van", "2027-01-01", "--uitvoer", str(out)])
    assert result.exit_code == 0, result.output
    norms = load_norm_file(out).norms
    assert (norms.id, norms.version, str(norms.valid_from)) == ("eigen", "2027", "2027-01-01")
    assert cli.invoke(app, ["normen", "controleer", str(out)]).exit_code == 0


def test_export_refuses_other_suffix(tmp_path: Path) -> None:
    result = cli.invoke(app, ["normen", "exporteer", "protocol-hbh", "--uitvoer",
                              str(tmp_path / "x.csv")])
    assert result.exit_code == 2 and ".xlsx" in result.output


def test_text_that_looks_like_a_formula_stays_text() -> None:
    base = load_norm_file(shipped_norms_dir() / "utrecht" / "2017-01-01.yaml").norms
    data = base.model_dump(by_alias=True)
    data["activiteiten"][0]["label"] = "=SOM(A1:A3)"
    norms = NormSet.model_validate(data)
    book = load_workbook(io.BytesIO(workbook.export(norms)))
    assert book["activiteiten"]["B2"].data_type == "s"
    assert _round_trip(norms) == norms


def test_csv_minutes_per_household_size_and_replacement(tmp_path: Path) -> None:
    csv_text = (
        "id;label;categorie;hoeveelheid;hoeveelheid_vanaf_1;hoeveelheid_vanaf_3;eenheid;keer;per;"
        "uitstelbaar;status;vervangbaar_door\n"
        "schoonmaken;Schoonmaken;schoon_en_leefbaar_huis;;21;35;minuten;1;week;ja;voorbeeld;\n"
        'was;De was;wasverzorging;30;;;minuten;1;week;ja;voorbeeld;"voorziening:was_en_strijkservice:'
        '100; hulpmiddel:wasmachine:50"\n')
    source = tmp_path / "tabel.csv"
    source.write_text(csv_text, encoding="utf-8")
    out = tmp_path / "set.yaml"
    result = cli.invoke(app, ["normen", "importeer", str(source), "--id", "csv", "--titel", "CSV-set",
                              "--geldig-van", "2026-01-01", "--uitvoer", str(out)])
    assert result.exit_code == 0, result.output
    norms = load_norm_file(out).norms
    clean = norms.activity("schoonmaken")
    assert clean is not None
    assert [(v.from_persons, v.amount) for v in clean.size_variants] == [(1, 21), (3, 35)]
    laundry = norms.activity("was")
    assert laundry is not None
    assert [(r.provision, r.aid, r.share_percent) for r in laundry.replaceable_by] == [
        ("was_en_strijkservice", None, 100), (None, "wasmachine", 50)]


def test_csv_bad_replacement_is_named(tmp_path: Path) -> None:
    source = tmp_path / "tabel.csv"
    source.write_text("id;label;categorie;hoeveelheid;eenheid;keer;per;uitstelbaar;status;"
                      "vervangbaar_door\nwas;De was;wasverzorging;30;minuten;1;week;ja;voorbeeld;"
                      "wasmachine\n", encoding="utf-8")
    result = cli.invoke(app, ["normen", "importeer", str(source), "--id", "csv", "--titel", "CSV-set",
                              "--geldig-van", "2026-01-01"])
    assert result.exit_code == 2
    assert "rij 2" in result.output and "vervangbaar_door" in result.output


def test_activity_outside_the_vocabulary_is_refused_at_import(tmp_path: Path) -> None:
    """A set naming an activity the shared vocabulary does not know is refused when loaded, so
    the import refuses it too: cell, what is allowed there, exit 2, nothing written."""
    path = tmp_path / "kpmg.xlsx"
    assert cli.invoke(app, ["normen", "exporteer", "kpmg-hbel", "--uitvoer", str(path)]).exit_code == 0
    book = load_workbook(path)
    ws = book["activiteiten"]
    heads = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, heads.index("id") + 1).value == "was")
    ws.cell(row, heads.index("omvat") + 1, value="wassen; ramen_lappen")
    book["niet_in_normenset"].append(["tuinieren", "Geen huishoudelijke taak in dit kader."])
    book.save(path)
    out = tmp_path / "set.yaml"
    result = cli.invoke(app, ["normen", "importeer", str(path), "--uitvoer", str(out)])
    assert result.exit_code == 2, result.output
    letter = get_column_letter(heads.index("omvat") + 1)
    assert (f"blad 'activiteiten', rij {row}, kolom {letter} (omvat): activiteit 'was': 'ramen_lappen' "
            "staat niet in de woordenlijst (toegestaan in wasverzorging: wassen, strijken)") in result.output
    assert "blad 'niet_in_normenset', rij 2, kolom A (activiteit): 'tuinieren' staat niet in de " \
           "woordenlijst" in result.output
    assert not out.exists()


def test_row_without_its_key_says_it_is_missing(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    book = load_workbook(path)
    book["huishoudgrootte"].append([None, 2, 30, "voorbeeld"])
    book.save(path)
    result = cli.invoke(app, ["normen", "importeer", str(path)])
    assert result.exit_code == 2
    assert "kolom A (activiteiten.id): ontbreekt (toegestaan: een id uit blad 'activiteiten', " \
           "kolom id)" in result.output
    assert "'None'" not in result.output
