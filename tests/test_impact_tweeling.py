"""A changed copy that kept the id and version of the set it came from (a 'twin').

Export protocol-hbh to Excel, change one figure, import it back without --id or --versie: the
import warns and says how to give the set its own name, and an impact run with the copy tells
A and B apart by file name and the start of the sha256 in the terminal, memo and chart title.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from hbh_indicatie.batch import impact_chart
from hbh_indicatie.batch.impact_memo import set_name, side_name, twins
from hbh_indicatie.cli.main import app
from hbh_indicatie.loading.norm_sets import load_norm_file, versions_of
from hbh_indicatie.models import impact as model
from hbh_indicatie.norm_tools.namesake import warning

cli = CliRunner()


def _invoke(*args: str) -> tuple[int, str]:
    result = cli.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """protocol-hbh as exported, and the same with stofzuigen 25 -> 30 minutes."""
    folder = tmp_path_factory.mktemp("werkboek")
    exported = folder / "tabel.xlsx"
    code, output = _invoke("normen", "exporteer", "protocol-hbh", "-o", str(exported))
    assert code == 0, output
    book = openpyxl.load_workbook(exported)
    sheet = book["activiteiten"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("id")].value == "stofzuigen":
            row[header.index("hoeveelheid")].value = 30
    changed = folder / "tabel-gewijzigd.xlsx"
    book.save(changed)
    return exported, changed


def test_unchanged_round_trip_does_not_warn(workbooks: tuple[Path, Path], tmp_path: Path) -> None:
    code, output = _invoke("normen", "importeer", str(workbooks[0]), "-o", str(tmp_path / "x.yaml"))
    assert code == 0, output
    assert "Let op" not in output


def test_changed_copy_with_the_same_id_and_version_warns(
        workbooks: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "eigen.yaml"
    code, output = _invoke("normen", "importeer", str(workbooks[1]), "-o", str(out))
    assert code == 0, output  # written all the same
    shipped = versions_of("protocol-hbh")[0].norms
    assert load_norm_file(out).norms.version == shipped.version
    text = " ".join(output.split())
    assert f"id 'protocol-hbh' en versie '{shipped.version}'" in text
    assert "de meegeleverde normenset" in text
    assert "(anders: Stofzuigen)" in text
    assert f"--id eigen-protocol-hbh -o {out}" in text


@pytest.mark.parametrize("option", [["--id", "mijn-gemeente"], ["--versie", "2026.2"]])
def test_own_id_or_version_does_not_warn(workbooks: tuple[Path, Path], tmp_path: Path,
                                         option: list[str]) -> None:
    out = tmp_path / "eigen.yaml"
    code, output = _invoke("normen", "importeer", str(workbooks[1]), *option, "-o", str(out))
    assert code == 0, output
    assert "Let op" not in output
    norms = load_norm_file(out).norms
    assert (norms.id if option[0] == "--id" else norms.version) == option[1]


def test_compares_with_the_sets_in_map(workbooks: tuple[Path, Path], tmp_path: Path) -> None:
    folder = tmp_path / "normen"
    folder.mkdir()
    code, output = _invoke("normen", "importeer", str(workbooks[0]), "--id", "mijn-gemeente",
                           "-o", str(folder / "2015.yaml"))
    assert code == 0, output
    out = tmp_path / "nieuw.yaml"
    args = ["normen", "importeer", str(workbooks[1]), "--id", "mijn-gemeente", "-o", str(out)]
    assert "Let op" not in _invoke(*args)[1]  # without --map: nothing to compare with
    for option in ("--map", "--normenmap"):
        code, output = _invoke(*args, option, str(folder))
        assert code == 0, output
        assert f"net als {folder / '2015.yaml'}" in " ".join(output.split())


def test_csv_import_with_a_shipped_id_and_version_warns(tmp_path: Path) -> None:
    shipped = versions_of("protocol-hbh")[0].norms
    table = tmp_path / "tabel.csv"
    table.write_text("id;label;categorie;eenheid;hoeveelheid;keer;per;uitstelbaar;status\n"
                     "stofzuigen;Stofzuigen;schoon_en_leefbaar_huis;minuten;30;1;week;ja;voorbeeld\n",
                     encoding="utf-8")
    base = ["normen", "importeer", str(table), "--titel", "T", "--geldig-van", "2026-01-01",
            "-o", str(tmp_path / "uit.yaml")]
    code, output = _invoke(*base, "--id", "protocol-hbh", "--versie", shipped.version)
    assert code == 0, output
    assert "Let op" in output
    assert "Let op" not in _invoke(*base, "--id", "mijn-gemeente")[1]


def test_warning_is_none_for_the_same_set_and_names_what_differs() -> None:
    loaded = versions_of("protocol-hbh")[0]
    assert warning(loaded.norms, [loaded], Path("t.xlsx"), None) is None
    other = loaded.norms.model_copy(update={"title": "Anders"})
    text = warning(other, [loaded], Path("t.xlsx"), None)
    assert text is not None and "(anders: instellingen)" in text
    # the file being replaced is no twin of itself
    assert warning(other, [loaded], Path("t.xlsx"), Path(loaded.path)) is None


def _side(asked: str, sha: str, version: str = "2026.1") -> model.Side:
    return model.Side(gevraagd=asked, normensets=[model.NormSetUse(
        id="protocol-hbh", versie=version, sha256=sha, clienten=3)])


def test_names_of_twins_differ_and_others_stay_short() -> None:
    a, b = _side("protocol-hbh", "a" * 64), _side("werk/eigen.yaml", "b" * 64)
    pair = twins(a, b)
    assert pair == {("protocol-hbh", "2026.1")}
    assert side_name(a, pair) == "protocol-hbh (versie 2026.1, sha256 aaaaaaaa)"
    assert side_name(b, pair) == "protocol-hbh (versie 2026.1, eigen.yaml, sha256 bbbbbbbb)"
    assert impact_chart._name(a, pair) != impact_chart._name(b, pair)
    same = _side("eigen.yaml", "a" * 64)
    assert twins(a, same) == frozenset()  # the same contents: no twin
    newer = _side("protocol-hbh@2027-01-01", "c" * 64, "2027.1")
    assert twins(a, newer) == frozenset()
    assert set_name(newer.normensets[0], newer) == "protocol-hbh (versie 2027.1)"


def test_impact_with_a_twin_tells_a_and_b_apart(workbooks: tuple[Path, Path], tmp_path: Path) -> None:
    copy = tmp_path / "eigen.yaml"
    assert _invoke("normen", "importeer", str(workbooks[1]), "-o", str(copy))[0] == 0
    caseload = tmp_path / "c.jsonl"
    assert _invoke("genereer", "30", "--seed", "3", "-o", str(caseload))[0] == 0
    terminal = ""
    for suffix in ("md", "html", "json"):
        code, output = _invoke("impact", str(caseload), "--van", "protocol-hbh", "--naar", str(copy),
                               "--rapport", str(tmp_path / f"m.{suffix}"), "-p", "1", "--stil")
        assert code == 0, output
        terminal = " ".join(output.split())
        assert "Let op: A en B heten allebei protocol-hbh" in terminal
    data = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    shas = {side: data[side]["normensets"][0]["sha256"][:8] for side in ("van", "naar")}
    assert shas["van"] != shas["naar"]
    assert f"A: protocol-hbh (versie {data['van']['normensets'][0]['versie']}, sha256 {shas['van']})" \
        in terminal
    memo = (tmp_path / "m.md").read_text(encoding="utf-8")
    a = re.search(r"^- Huidige normen \(A\): (.*)$", memo, re.M)
    b = re.search(r"^- Nieuwe normen \(B\): (.*)$", memo, re.M)
    assert a and b and a.group(1) != b.group(1)
    assert shas["van"] in a.group(1) and shas["naar"] in b.group(1) and "eigen.yaml" in b.group(1)
    assert "Let op: A en B heten allebei" in memo
    html = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert f"eigen.yaml, sha256 {shas['naar']}" in html and "Let op: A en B heten allebei" in html


def test_no_twin_warning_for_two_different_sets(tmp_path: Path) -> None:
    data = yaml.safe_load(Path(versions_of("protocol-hbh")[0].path).read_text(encoding="utf-8"))
    data["id"] = "mijn-gemeente"
    own = tmp_path / "eigen.yaml"
    own.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    caseload = tmp_path / "c.jsonl"
    assert _invoke("genereer", "5", "--seed", "3", "-o", str(caseload))[0] == 0
    code, output = _invoke("impact", str(caseload), "--van", "protocol-hbh", "--naar", str(own),
                           "--rapport", str(tmp_path / "m.md"), "-p", "1", "--stil")
    assert code == 0, output
    assert "Let op" not in output
    assert "sha256 " not in (tmp_path / "m.md").read_text(encoding="utf-8").split("## Herkomst")[0]
