"""Shipped frameworks on the same case model: KPMG/Utrecht additive sets, HHM per result,
unknown modules (status onbekend) only stop a case that needs them, side by side output."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from hbh_indicatie.cli.main import app
from hbh_indicatie.engine import compute
from hbh_indicatie.errors import NormNotApplicable
from hbh_indicatie.loading.cases import case_from_data, load_case
from hbh_indicatie.loading.norm_sets import resolve
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.models.loaded_norms import LoadedNorms
from tests.builders import case_dict, housemate

ROOT = Path(__file__).resolve().parent.parent
CASE_01 = ROOT / "cases" / "01-alleenstaande-volledige-overname.yaml"
runner = CliRunner()
ON = date(2026, 3, 2)
CLEAN_ONLY = {"schoon_en_leefbaar_huis": "niet", "wasverzorging": "volledig",
              "boodschappen_en_maaltijden": "volledig", "kinderen": "volledig",
              "organisatie_van_het_huishouden": "volledig"}


def _norms(spec: str) -> LoadedNorms:
    return resolve(spec, ON)


def _case(**client: object) -> dict[str, object]:
    data = case_dict()
    data["client"].update(client)  # type: ignore[union-attr]
    return data


def _compute(spec: str, data: dict[str, object]) -> Indication:
    return compute(case_from_data(data), _norms(spec))


def _weekly(hours_per_year: int, weeks: Fraction = Fraction(1461, 28)) -> Fraction:
    return Fraction(hours_per_year * 60) / weeks


def test_kpmg_base_module_per_year() -> None:
    ind = _compute("kpmg-hbel", _case(zelf=CLEAN_ONLY))
    base = next(a for a in ind.activiteiten if a.id == "basismodule_schoon")
    assert base.norm_minuten_per_week == _weekly(108)
    assert base.normstatus == "gepubliceerd"
    assert ind.totaal_minuten_per_week == 125  # 124,2 naar boven


def test_kpmg_supplements_add_up() -> None:
    data = _case(zelf=CLEAN_ONLY, extra_inzet_door_beperkingen="veel")
    data["woning"]["extra_kamers_in_gebruik"] = 2  # type: ignore[index]
    data["woning"]["extra_kamers_niet_in_gebruik"] = 1  # type: ignore[index]
    data["meer_professionele_inzet"] = {"extra_kamer_in_gebruik": "ja",
                                        "extra_kamer_niet_in_gebruik": "ja"}
    ind = _compute("kpmg-hbel", data)
    expected = _weekly(108) + _weekly(52) + 2 * _weekly(16) + _weekly(4)
    assert sum(a.hulp_minuten_per_week for a in ind.activiteiten) == expected
    assert {s.kader for s in ind.uitleg if s.regel.startswith("toeslagen.")} == {"kpmg-hbel"}


def test_kpmg_own_abilities_deduction() -> None:
    zelf = {**CLEAN_ONLY, "schoon_en_leefbaar_huis": {"gedeeltelijk": 50}}
    ind = _compute("kpmg-hbel", _case(zelf=zelf))
    assert any(s.regel == "toeslagen.aftrek.aftrek_eigen_mogelijkheden" for s in ind.uitleg)
    # KPMG expresses partial own abilities as one standard aftrek: §1.6 must not deduct them again.
    assert any(s.regel == "eigen_kracht.al_verrekend" for s in ind.uitleg)
    assert ind.categorieen[0].hulp_minuten_per_week == _weekly(108) - _weekly(23)


def test_unknown_module_needed_gives_clear_message() -> None:
    with pytest.raises(NormNotApplicable) as info:
        compute(load_case(CASE_01), _norms("kpmg-hbel"))
    message = info.value.message
    assert "kpmg-hbel" in message and "Module wasverzorging" in message
    assert "status onbekend" in message


def test_unknown_module_done_by_capable_partner_is_not_needed() -> None:
    data = _case(zelf={**CLEAN_ONLY, "wasverzorging": "niet"})
    data["huisgenoten"] = [housemate()]
    data["meer_professionele_inzet"] = {"samenstelling_huishouden": "nee"}  # §3 judged
    ind = _compute("kpmg-hbel", data)
    assert ind.totaal_minuten_per_week == 0
    assert "was" not in {a.id for a in ind.activiteiten}
    assert any(s.regel == "normering.was" and "niet nodig" in s.tekst for s in ind.uitleg)


def test_unknown_supplement_only_when_condition_holds() -> None:
    data = _case(zelf=CLEAN_ONLY)
    assert _compute("kpmg-hbel", data).totaal_minuten_per_week > 0
    data["extra_bevuiling"] = True
    with pytest.raises(NormNotApplicable, match="extra vervuiling huis"):
        _compute("kpmg-hbel", data)


def test_unknown_supplement_done_by_capable_partner_is_not_needed() -> None:
    data = _case(zelf=CLEAN_ONLY)
    data["extra_bevuiling"] = True
    data["huisgenoten"] = [housemate()]
    data["meer_professionele_inzet"] = {"samenstelling_huishouden": "nee"}  # §3 judged
    ind = _compute("kpmg-hbel", data)
    assert ind.totaal_minuten_per_week == 0
    assert "toeslag_extra_vervuiling" not in {a.id for a in ind.activiteiten}
    step = next(s for s in ind.uitleg if s.activiteit == "toeslag_extra_vervuiling")
    assert "niet nodig" in step.tekst and step.kader == "kpmg-hbel"


def test_utrecht_partner_limitations() -> None:
    data = _case(zelf={**CLEAN_ONLY, "wasverzorging": "niet"})
    data["huisgenoten"] = [housemate(kan_huishouden="nee")]
    data["meer_professionele_inzet"] = {"partner_beperkingen": "ja"}
    ind = _compute("utrecht", data)
    by_id = {a.id: a.hulp_minuten_per_week for a in ind.activiteiten}
    assert by_id == {"basisvoorziening_schoon": _weekly(105), "kleding_en_linnengoed": _weekly(39),
                     "toeslag_partner_schoon": _weekly(26), "toeslag_partner_was": _weekly(26)}


def test_utrecht_partner_unknown_is_provisional() -> None:
    data = _case(zelf=CLEAN_ONLY)
    data["huisgenoten"] = [housemate(kan_huishouden="onbekend")]
    ind = _compute("utrecht", data)
    assert ind.voorlopig
    assert any("partner_beperkingen" in u for u in ind.onbekende_feiten)


def test_seven_nights_rule_applies_under_every_framework() -> None:
    away = {"langste_aaneengesloten_etmalen": 7, "dagen_per_week": 5}
    data = _case(zelf=CLEAN_ONLY)
    data["huisgenoten"] = [housemate(afwezigheid_werk=away)]
    data["meer_professionele_inzet"] = {"samenstelling_huishouden": "nee"}  # §3 judged
    for spec in ("protocol-hbh", "ciz-blokken", "hhm-ho", "utrecht", "kpmg-hbel"):
        ind = _compute(spec, data)
        step = next(s for s in ind.uitleg if s.regel == "afwezigheid.zeven_etmalen")
        assert step.kader == "protocol", spec
        assert ind.totaal_minuten_per_week > 0, spec


def test_hhm_biweekly_published_figure() -> None:
    ind = _compute("hhm-ho-tweewekelijks", _case(zelf=CLEAN_ONLY))
    clean = next(a for a in ind.activiteiten if a.id == "schoon_en_leefbaar_huis")
    assert clean.norm_minuten_per_week == 75
    assert clean.normstatus == "gepubliceerd"


@pytest.mark.parametrize("spec", ["protocol-hbh", "ciz-blokken", "hhm-ho", "hhm-ho-tweewekelijks",
                                  "utrecht"])
def test_case_01_computes(spec: str) -> None:
    ind = compute(load_case(CASE_01), _norms(spec))
    assert ind.totaal_minuten_per_week > 0
    assert ind.stempel.normen_id == spec


def test_case_01_side_by_side_every_shipped_framework() -> None:
    specs = ["protocol-hbh", "ciz-blokken", "hhm-ho", "hhm-ho-tweewekelijks", "utrecht",
             "utrecht@2016-01-01", "kpmg-hbel"]
    args = ["bereken", str(CASE_01)] + [x for s in specs for x in ("--normen", s)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Niet te berekenen:\n• utrecht 2015:" in result.output
    assert "Verschillen verklaard" in result.output
    assert "Wasverzorging: 21 → 59,8" in result.output
    data = yaml.safe_load(runner.invoke(app, [*args, "--formaat", "json"]).output)
    from tests.test_schema import validator

    assert list(validator("naast_elkaar").iter_errors(data)) == []
    assert data["schema"] == "hbh.naast_elkaar.v1"
    assert [r["stempel"]["normen_id"] for r in data["vergelijking"]] == [
        "protocol-hbh", "ciz-blokken", "hhm-ho", "hhm-ho-tweewekelijks", "utrecht"]
    assert [(r["normen_id"], r["normen_versie"]) for r in data["niet_berekend"]] == [
        ("utrecht", "2015"), ("kpmg-hbel", "2021.1")]


def test_side_by_side_where_no_set_can_compute_exits_2() -> None:
    case_12 = next(CASE_01.parent.glob("12-*.yaml"))  # needs figures both sets lack
    result = runner.invoke(app, ["bereken", str(case_12), "--normen", "kpmg-hbel",
                                 "--normen", "ciz-blokken"])
    assert result.exit_code == 2
    assert "Casus 12-eenoudergezin-kinderen onder 2 normensets" in result.output
    assert "Geen van de normensets" in " ".join(result.output.split())


def test_single_framework_that_cannot_compute_exits_2() -> None:
    result = runner.invoke(app, ["bereken", str(CASE_01), "--normen", "kpmg-hbel"])
    assert result.exit_code == 2
    assert "status onbekend" in result.output and "Traceback" not in result.output


def test_side_by_side_case_with_details_of_one_set() -> None:
    """Case 05 states facts per activity of the vocabulary (stofzuigen, dweilen), which
    utrecht maps onto its basisvoorziening; but utrecht has no figure for the organisation the
    case needs: utrecht gets a column with that reason, protocol-hbh is still computed."""
    case_05 = CASE_01.parent / "05-eigen-kracht-gedeeltelijk.yaml"
    args = ["bereken", str(case_05), "--normen", "protocol-hbh", "--normen", "utrecht"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "utrecht 2017:" in text and "status onbekend" in text
    assert "onbekende activiteit" not in text
    data = yaml.safe_load(runner.invoke(app, [*args, "--formaat", "json"]).output)
    assert [r["stempel"]["normen_id"] for r in data["vergelijking"]] == ["protocol-hbh"]
    assert [r["normen_id"] for r in data["niet_berekend"]] == ["utrecht"]
    single = runner.invoke(app, ["bereken", str(case_05), "--normen", "utrecht"])
    assert single.exit_code == 2 and "status onbekend" in single.output
