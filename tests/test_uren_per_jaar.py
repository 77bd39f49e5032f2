"""Issue 11, point 11: the indication in hours per year, exactly and as the set rounds it.

Utrecht-style decisions say "105 + 52 = 157 uur per jaar". The Indication carries, in total,
per result category and per period, the exact hours per year (the exact weekly minutes x the
set's weeks per year / 60) and the hours as the set rounds them (``afronding_per_jaar``, only
upward; none without a rule). Every output shows them beside the minutes per week.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hbh_indicatie.api import case_from_dict
from hbh_indicatie.cli.main import app
from hbh_indicatie.engine import compute
from hbh_indicatie.errors import HbhError
from hbh_indicatie.loading.cases import load_case
from hbh_indicatie.loading.norm_sets import load_norm_file, resolve
from hbh_indicatie.models.common import fraction_text
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.models.norm_set import Provenance, YearlyRounding
from hbh_indicatie.render import onderbouwing, terminal
from hbh_indicatie.render.words import date_text
from tests.shipped import computed, shipped_cases
from tests.strategies import cases, fit_residents

ROOT = Path(__file__).resolve().parent.parent
CASE_51 = ROOT / "cases" / "51-utrecht-uren-per-jaar.yaml"
SETTINGS = settings(max_examples=60, deadline=None)
runner = CliRunner()


def _with_yearly_rounding(loaded: LoadedNorms, step: int | None) -> LoadedNorms:
    rule = None if step is None else YearlyRounding.model_validate(
        {"methode": "naar_boven", "op_uren": step,
         "herkomst": Provenance.model_validate({"status": "voorbeeld"})})
    return replace(loaded, norms=loaded.norms.model_copy(update={"yearly_rounding": rule}))


def _figures(ind: Indication) -> list[tuple[str, Fraction, Fraction, int | None]]:
    """(what, exact minutes per week, exact hours per year, rounded hours per year)."""
    year = ind.uren_per_jaar
    found = [("totaal", ind.afronding.exact, year.exact, year.afgerond)]
    found += [(c.categorie.value, c.hulp_minuten_per_week, c.hulp_uren_per_jaar,
               c.hulp_uren_per_jaar_afgerond) for c in ind.categorieen]
    found += [(f"periode {p.van}", p.minuten_exact, p.uren_per_jaar_exact, p.uren_per_jaar)
              for p in ind.perioden]
    return found


@SETTINGS
@given(data=cases(), step=st.one_of(st.none(), st.integers(1, 26)))
def test_hours_per_year_are_exact_and_never_rounded_down(
    protocol_norms: LoadedNorms, data: dict[str, Any], step: int | None,
) -> None:
    """Yearly hours = weekly exact x weeks per year / 60, exactly; the set's rounding only goes
    up, by less than one step, and never below the necessary minutes; without a rule there is
    no rounded figure at all (no silent rounding)."""
    norms = _with_yearly_rounding(protocol_norms, step)
    try:
        ind = compute(case_from_dict(fit_residents(data)), norms)
    except HbhError:
        return
    weeks = norms.norms.weeks_per_year
    assert ind.uren_per_jaar.weken_per_jaar == weeks
    for what, minutes, hours, rounded in _figures(ind):
        assert hours == minutes * weeks / 60, what
        if step is None:
            assert rounded is None, what
            continue
        assert rounded is not None and rounded % step == 0, what
        assert hours <= rounded < hours + step, what
        assert Fraction(rounded) * 60 / weeks >= minutes, what  # necessary minutes kept
    assert (ind.uren_per_jaar.afronding is None) == (step is None)


def test_utrecht_decision_105_plus_52_is_157() -> None:
    """The figures Utrecht's decisions use: 105 uur basis + 52 uur was = 157 uur per jaar."""
    case = load_case(ROOT / "cases" / "01-alleenstaande-volledige-overname.yaml")
    ind = compute(case, load_norm_file(ROOT / "norms" / "utrecht" / "2017-01-01.yaml"))
    per_category = {c.categorie.value: (c.hulp_uren_per_jaar, c.hulp_uren_per_jaar_afgerond)
                    for c in ind.categorieen}
    assert per_category["schoon_en_leefbaar_huis"] == (105, 105)
    assert per_category["wasverzorging"] == (52, 52)
    assert (ind.uren_per_jaar.exact, ind.uren_per_jaar.afgerond) == (157, 157)


def test_a_set_without_a_yearly_rule_says_so() -> None:
    case = load_case(ROOT / "cases" / "01-alleenstaande-volledige-overname.yaml")
    ind = compute(case, resolve("protocol-hbh", case.reference_date))
    assert ind.uren_per_jaar.afgerond is None and ind.uren_per_jaar.afronding is None
    assert "geen regel voor het afronden van uren per jaar" in ind.uren_per_jaar.toelichting
    assert "niet afgerond" in terminal.render(ind)


def test_yearly_rounding_must_be_upward() -> None:
    with pytest.raises(ValueError, match="naar_boven"):
        YearlyRounding.model_validate({"methode": "rekenkundig", "op_uren": 1,
                                       "herkomst": {"status": "voorbeeld"}})


def test_every_output_shows_hours_per_year_beside_the_minutes(tmp_path: Path) -> None:
    """JSON, terminal, Markdown and HTML onderbouwing, batch JSON Lines and CSV (case 51:
    138,75 = 555/4 uur per jaar, afgerond 139; per week 160 minuten)."""
    result = runner.invoke(app, ["bereken", str(CASE_51), "--formaat", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["uren_per_jaar"]["exact"] == "555/4" and data["uren_per_jaar"]["afgerond"] == 139
    assert data["uren_per_jaar"]["exact_decimaal"] == 138.75
    assert {c["categorie"]: c["hulp_uren_per_jaar_afgerond"] for c in data["categorieen"]} == {
        "schoon_en_leefbaar_huis": 100, "wasverzorging": 39}
    assert data["perioden"][0]["uren_per_jaar"] == 139

    ind = compute(load_case(CASE_51), resolve("utrecht", load_case(CASE_51).reference_date))
    text = terminal.render(ind)
    assert "160 minuten" in text and "139 uur per jaar (exact 138,75)" in text
    assert "100 uur per jaar" in text
    markdown = onderbouwing.render_markdown(ind)
    assert "## Per week en per jaar" in markdown
    assert "| 160 (exact 159,5) | 138,75 (= 555/4) | 139 |" in markdown
    html = onderbouwing.render_html(ind)
    assert "Per week en per jaar" in html and "138,75 (= 555/4)" in html and ">139<" in html

    source = tmp_path / "casus.jsonl"
    source.write_text(json.dumps(_yaml(CASE_51), default=str) + "\n", encoding="utf-8")
    for name in ("uit.jsonl", "uit.csv"):
        out = tmp_path / name
        result = runner.invoke(app, ["batch", str(source), "-o", str(out), "-p", "1", "--stil"])
        assert result.exit_code == 0, result.output
    row = json.loads((tmp_path / "uit.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert (row["totaal_minuten_per_week"], row["uren_per_jaar"], row["uren_per_jaar_exact"]) == (
        160, 139, "555/4")
    assert row["categorieen_uren_per_jaar"] == {"schoon_en_leefbaar_huis": "399/4",
                                                "wasverzorging": "39"}
    flat = next(csv.DictReader((tmp_path / "uit.csv").read_text(encoding="utf-8").splitlines()))
    assert (flat["uren_per_jaar"], flat["uren_per_jaar_exact"]) == ("139", "555/4")
    assert flat["uren_per_jaar_schoon_en_leefbaar_huis"] == "399/4"


def _yaml(path: Path) -> Any:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_iwmo_stays_per_week() -> None:
    """iWmo (Frequentie 2, per week) keeps the weekly figure: no hours per year there."""
    from hbh_indicatie.iwmo import builder

    assert "uren_per_jaar" not in Path(builder.__file__).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_terminal_without_fractions_and_a_rate_when_the_help_stops(path: Path) -> None:
    """`hbh bereken` shows no raw fraction ('(= 583133/2240)'); for help that stops, hours per
    year are told as a rate only, with the date the help stops (nieuwe-gebruiker-2 #8)."""
    _, _, ind = computed(path)
    if ind is None:
        pytest.skip("regelconflict")
    text = " ".join(terminal.render(ind).split())
    assert not re.search(r"= \d+/\d+", text), re.search(r".{30}= \d+/\d+", text)
    if ind.einddatum:
        assert f"als tarief {terminal_year(ind)}" in text
        assert f"de hulp stopt na {date_text(ind.einddatum)}" in text
    else:
        assert "als tarief" not in text.split("Perioden")[0]


def terminal_year(ind: Indication) -> str:
    year = ind.uren_per_jaar
    return (f"{fraction_text(year.exact, 2)} uur per jaar" if year.afgerond is None
            else f"{year.afgerond} uur per jaar")
