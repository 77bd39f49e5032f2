"""The council memo of ``hbh impact --rapport`` (issue 14, part 2).

The first page's figures are checked against the per-client CSV of the same run; the group
tables against the CSV's group columns; the memo is rendered to HTML and PDF; numbers are in
Dutch format (Babel) and ids are named in Dutch words.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from hbh_indicatie.batch.characteristics import DIMENSIONS, age_band, household_group
from hbh_indicatie.batch.impact import Impact, fitted_width
from hbh_indicatie.batch.impact_labels import Labels, labels_for
from hbh_indicatie.batch.reasons import reason_group
from hbh_indicatie.cli.main import app
from hbh_indicatie.render import number_format

ROOT = Path(__file__).resolve().parent.parent
CHANGE = ROOT / "benchmarks" / "normwijziging.yaml"
WEEKS = Fraction(1461, 28)  # both sets of the example change
cli = CliRunner()


def _run(tmp_path: Path, report: str, *extra: str) -> tuple[int, str, list[dict[str, str]]]:
    caseload = tmp_path / "caseload.jsonl"
    if not caseload.exists():
        assert cli.invoke(app, ["genereer", "80", "--seed", "7", "-o", str(caseload)]).exit_code == 0
        with caseload.open("a", encoding="utf-8") as handle:
            handle.write('{"kenmerk": "kapot"\n')
    per_client = tmp_path / "per-client.csv"
    result = cli.invoke(app, ["impact", str(caseload), "--van", "protocol-hbh", "--naar", str(CHANGE),
                              "--per-client", str(per_client), "--rapport", str(tmp_path / report),
                              "-p", "1", "--stil", *extra])
    rows = list(csv.DictReader(per_client.read_text(encoding="utf-8").splitlines())) \
        if per_client.exists() else []
    return result.exit_code, result.output, rows


def _first_page(text: str) -> str:
    first, rest = text.split("\n---\n", 1)
    assert "## Per groep" in rest
    return first


def test_first_page_figures_match_the_per_client_csv(tmp_path: Path) -> None:
    code, output, rows = _run(tmp_path, "memo.md", "--tarief", "32,50")
    assert code == 1, output  # the broken line: exit 1, the memo is written all the same
    page = _first_page((tmp_path / "memo.md").read_text(encoding="utf-8"))
    assert [h for h in re.findall(r"^## .*", page, re.M)] == [
        "## Wat verandert in de normen (B tegenover A)", "## In het kort", "## Waardoor", "## Niet berekend"]

    n = len(rows)
    directions = Counter(r["richting"] for r in rows)
    old = sum(int(r["oud_minuten_per_week"]) for r in rows)
    new = sum(int(r["nieuw_minuten_per_week"]) for r in rows)
    delta = sum(int(r["delta_minuten_per_week"]) for r in rows)
    assert delta == new - old < 0
    year = Fraction(delta) * WEEKS / 60
    assert abs(float(year) - sum(float(r["delta_uren_per_jaar"]) for r in rows)) < 0.005 * n
    assert (f"Van de {n} cliënten krijgen er {directions['omlaag']} "
            f"({number_format.percent(directions['omlaag'], n)}) minder hulp, {directions['omhoog']} "
            f"({number_format.percent(directions['omhoog'], n)}) meer hulp en {directions['gelijk']} "
            f"({number_format.percent(directions['gelijk'], n)}) evenveel.") in page
    assert (f"{number_format.number(Fraction(-delta, 60))} uur per week minder hulp "
            f"({number_format.number(-delta)} minuten); "
            f"dat is {number_format.number(-year)} uur per jaar") in page
    assert f"van de {number_format.number(Fraction(old, 60))} uur per week die zij nu samen krijgen" in page
    assert (f"Per jaar gaat het van {number_format.number(old * WEEKS / 60)} naar "
            f"{number_format.number(new * WEEKS / 60)} uur.") in page
    assert f"gemiddeld {number_format.number(Fraction(-delta, n))} minuten per week minder" in page
    worst = min(int(r["delta_minuten_per_week"]) for r in rows)
    assert f"ten hoogste {-worst} minuten per week op achteruit" in page
    rate = Fraction(Decimal("32.50"))
    old_money, new_money = old * WEEKS / 60 * rate, new * WEEKS / 60 * rate
    amounts = re.search(r"kost de hulp €\xa0([\d.]+) per jaar in plaats van €\xa0([\d.]+): "
                        r"€\xa0([\d.]+) per jaar minder", page)
    assert amounts, page
    shown = [int(a.replace(".", "")) for a in amounts.groups()]
    assert abs(shown[0] - new_money) <= Fraction(1, 2) and abs(shown[1] - old_money) <= Fraction(1, 2)
    assert shown[2] == int(-year * rate + Fraction(1, 2))  # the exact difference, rounded once
    assert "Bij een tarief van €\xa032,50 per uur" in page
    assert "1 van de 81 ingelezen casussen (1,2%) zijn niet berekend" in page
    assert "| regel of bestand niet te lezen | 1 |" in page


def test_first_page_reads_as_a_memo(tmp_path: Path) -> None:
    _run(tmp_path, "memo.md")
    page = _first_page((tmp_path / "memo.md").read_text(encoding="utf-8"))
    summary = page.split("## In het kort", 1)[1].replace(str(tmp_path / "per-client.fouten.jsonl"), "")
    checked = re.sub(r"§\d+(\.\d+)*", "§", summary)  # paragraph numbers are no decimals
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", summary), "a code or id instead of words"
    assert not re.search(r"\b[a-z_]+\.[a-z_]+\b", summary), "a rule id instead of words"
    assert not re.search(r"\d{4}", summary), "a number of 1000 or more without a thousands dot"
    assert not re.search(r"\d\.\d{1,2}\b", checked), "a decimal point instead of a comma"
    for words in ("Broodmaaltijden klaarmaken", "Sanitair schoonmaken"):
        assert words in summary
    assert "- Broodmaaltijden klaarmaken: 10 → 8 minuten per keer (1 keer per dag)." in page
    assert "€" not in summary  # no rate given, no money


def test_group_tables_match_the_csv_columns(tmp_path: Path) -> None:
    _, _, rows = _run(tmp_path, "memo.md")
    text = (tmp_path / "memo.md").read_text(encoding="utf-8")
    for dim in DIMENSIONS:
        section = text.split(f"### {dim.heading}\n", 1)[1].split("\n\n###", 1)[0]
        counts = Counter(r[dim.column] for r in rows)
        for code, count in counts.items():
            line = next(x for x in section.splitlines() if x.startswith(f"| {dim.label(code)} |"))
            cells = [c.strip() for c in line.strip("|").split("|")]
            assert cells[1] == number_format.number(count), (dim.column, code)
            down = sum(1 for r in rows if r[dim.column] == code and r["richting"] == "omlaag")
            assert cells[2] == number_format.number(down)
            minutes = sum(int(r["delta_minuten_per_week"]) for r in rows if r[dim.column] == code)
            assert cells[6] == number_format.signed(Fraction(minutes, 60))


def test_chart_beside_markdown_and_inside_html(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    _run(tmp_path, "memo.md")
    assert "![Verdeling van het verschil per cliënt](memo-verdeling.png)" in \
        (tmp_path / "memo.md").read_text(encoding="utf-8")
    assert (tmp_path / "memo-verdeling.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    _run(tmp_path, "memo.html")
    html = (tmp_path / "memo.html").read_text(encoding="utf-8")
    assert '<img src="data:image/png;base64,' in html
    assert "1 niet berekende casussen staan er niet in" in html
    assert not (tmp_path / "memo-verdeling.png").with_name("memo.html-verdeling.png").exists()


def test_memo_as_pdf(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    code, output, _ = _run(tmp_path, "memo.pdf", "--tarief", "30")
    assert code == 1, output
    pdf = (tmp_path / "memo.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) niet geïnstalleerd")
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(tmp_path / "memo.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert "In het kort" in first and "Niet berekend" in first and "Per groep" not in first
    assert "cliënten krijgen er" in first and "per jaar minder" in first
    rest = subprocess.run(["pdftotext", "-f", "2", str(tmp_path / "memo.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Per groep" in rest and "Huishoudgrootte" in rest


def test_pdf_without_weasyprint_stops_before_computing(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from hbh_indicatie.render import impact as memo_render

    monkeypatch.setattr(memo_render, "pdf_available", lambda: False)
    code, output, rows = _run(tmp_path, "memo.pdf")
    assert code == 2 and "WeasyPrint" in output and rows == []


@pytest.mark.parametrize("rate", ["nul", "0", "-5", "1e9", "NaN"])
def test_bad_rate_stops_before_computing(tmp_path: Path, rate: str) -> None:
    code, output, rows = _run(tmp_path, "memo.md", "--tarief", rate)
    assert code == 2 and "--tarief" in output and rows == []
    assert not (tmp_path / "memo.md").exists()


def test_dutch_numbers() -> None:
    assert number_format.number(Fraction(-228638, 10)) == "-22.863,8"
    assert number_format.number(1234) == "1.234"
    assert number_format.signed(Fraction(73758, 10)) == "+7.375,8"
    assert number_format.signed(0) == "0"
    assert number_format.percent(1872, 3000) == "62,4%"
    assert number_format.percent(1, 20) == "5,0%"
    assert number_format.euro(Fraction(1486151, 2)) == "€\xa0743.076"
    assert number_format.euro_cents(Decimal("32.5")) == "€\xa032,50"


@given(st.integers(min_value=-10**9, max_value=10**9))
def test_whole_numbers_read_back(value: int) -> None:
    text = number_format.number(value)
    assert int(text.replace(".", "")) == value
    assert all(len(group) == 3 for group in text.lstrip("-").split(".")[1:])


@given(st.dictionaries(st.integers(min_value=-3000, max_value=3000), st.integers(1, 50),
                       min_size=1, max_size=40))
def test_fitted_classes_hold_every_client(deltas: dict[int, int]) -> None:
    result = Impact()
    result.deltas.update(deltas)
    width = fitted_width(result.deltas)
    classes = result.class_counts(width)
    assert sum(count for _, count in classes) == sum(deltas.values())
    assert sum(1 for k, _ in classes if k < 0) <= 6 and sum(1 for k, _ in classes if k > 0) <= 6
    smaller = [w for w in (1, 2, 5, 10, 15, 20, 30, 60) if w < width]
    if smaller:  # the width is the smallest that fits
        assert len(result.class_counts(smaller[-1])) > 13 or \
            max(abs(k) for k, _ in result.class_counts(smaller[-1])) > 6


def test_rule_and_activity_labels() -> None:
    labels = labels_for(["protocol-hbh", str(CHANGE)], None)
    assert labels.rule("normering.broodmaaltijd") == "Normtijd broodmaaltijden klaarmaken (§3)"
    assert labels.rule("voorliggend.boodschappendienst") == \
        "Voorliggende voorziening boodschappendienst (§1.7)"
    assert labels.rule("hulpmiddelen.niet_haalbaar.wasdroger") == "Hulpmiddel wasdroger niet haalbaar (§1.4)"
    assert labels.rule("afronding") == "Afronding van het weektotaal (§3)"
    assert labels.rule("nieuw.soort_regel") == "Nieuw soort regel"  # unknown: words, not dropped
    assert labels.item("stofzuigen") == "Stofzuigen"
    assert Labels().category("wasverzorging") == "Wasverzorging"


def test_reason_groups() -> None:
    assert reason_group("geen geldige JSON (kolom 1): Expecting ','") == "regel of bestand niet te lezen"
    assert reason_group("Geen versie van normenset 'utrecht' geldig op 2010-01-01. Versies: …") == \
        "geen versie van normenset utrecht geldig op de peildatum van de casus"
    unknown = ("Normenset 'kpmg-hbel' (versie 2021.1): onderdeel 'Module wasverzorging' (was) heeft "
               "geen gepubliceerd cijfer (status onbekend), en deze casus heeft dat onderdeel nodig")
    assert "kpmg-hbel (versie 2021.1)" in reason_group(unknown)
    assert "'Module wasverzorging'" in reason_group(unknown)
    assert reason_group("client.leeftijd: waarde 12 valt buiten het bereik") == \
        "gegevens in de casus ontbreken of kloppen niet"


def test_group_codes() -> None:
    assert [age_band(a) for a in (18, 64, 65, 84, 85, 120)] == \
        ["18-64", "18-64", "65-74", "75-84", "85+", "85+"]
    assert [household_group(s) for s in (1, 4, 5, 9)] == ["1", "4", "5+", "5+"]


def test_unknown_figure_group_is_explained_as_a_property_of_the_norm_set(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """kpmg-hbel leaves modules 'onbekend': most clients are not computed. The memo says so on
    its first lines, names the norm set and the items, and the counts add up to the run's."""
    caseload = tmp_path / "caseload.jsonl"
    assert cli.invoke(app, ["genereer", "120", "--seed", "3", "-o", str(caseload)]).exit_code == 0
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = cli.invoke(app, ["impact", str(caseload), "--van", "protocol-hbh", "--naar", "kpmg-hbel",
                              "--rapport", str(tmp_path / "memo.md"), "-p", "1", "--stil"])
    assert result.exit_code == 0, result.output
    assert list(elsewhere.iterdir()) == []  # no error file in the working directory
    errors = [json.loads(x) for x in
              (tmp_path / "memo.fouten.jsonl").read_text(encoding="utf-8").splitlines()]
    unknown = len(errors)
    assert 0 < unknown < 120
    computed = 120 - unknown
    page = _first_page((tmp_path / "memo.md").read_text(encoding="utf-8"))
    summary = page.split("## In het kort\n\n", 1)[1]
    assert summary.startswith(
        f"- Deze cijfers gaan over {computed} van de 120 ingelezen cliënten "
        f"({number_format.percent(computed, 120)}). "
        f"Voor {unknown} cliënten ({number_format.percent(unknown, 120)}) "
        "heeft kpmg-hbel (versie 2021.1) geen vastgesteld cijfer voor een onderdeel dat zij nodig hebben")
    section = page.split("## Niet berekend\n", 1)[1]
    assert "Dat ligt niet aan hun casus maar aan de normenset: kpmg-hbel (versie 2021.1)" in section
    rows = re.findall(r"^\| (.+?) \| kpmg-hbel \(versie 2021\.1\) \| ([\d.]+) \|$", section, re.M)
    assert sum(int(count.replace(".", "")) for _, count in rows) == unknown
    by_item = Counter(re.search(r"onderdeel '([^']+?)(?: — deel [^']*)?'", e["reden"])[1]  # type: ignore[index]
                      for e in errors)
    assert {item: int(count.replace(".", "")) for item, count in rows} == dict(by_item)
    assert "status onbekend), en de casus" not in section  # the machine phrase is not the table


def test_one_minute_is_singular() -> None:
    from hbh_indicatie.render.impact import environment

    words = environment().get_template("_impact.j2").module
    assert words.minuten("1") == "1 minuut"  # type: ignore[attr-defined]
    assert words.minuten("1,5") == "1,5 minuten"  # type: ignore[attr-defined]
    assert words.minuten("0") == "0 minuten"  # type: ignore[attr-defined]


def test_chart_names_the_versions_of_one_norm_set() -> None:
    """utrecht 2015 → utrecht 2017 in the chart's title, not 'utrecht → utrecht'."""
    from hbh_indicatie.batch import impact_chart
    from hbh_indicatie.models import impact as model

    def side(version: str) -> model.Side:
        return model.Side(gevraagd=f"utrecht@{version}-06-01", normensets=[model.NormSetUse(
            id="utrecht", versie=version, sha256="0" * 64, clienten=3)])

    assert impact_chart._name(side("2015")) == "utrecht 2015"
    assert impact_chart._name(side("2017")) == "utrecht 2017"
