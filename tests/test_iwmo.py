"""iWmo fragments: code lists, CD076, CS338, periods, numbering, change of hours, the refusals
(pgb, voorlopig, 0 minutes), JSON and XML; XSD validation is in tests/test_iwmo_xsd.py."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, date, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from hbh_indicatie.engine import compute
from hbh_indicatie.iwmo import builder, codes
from hbh_indicatie.iwmo.models import ToegewezenProduct
from hbh_indicatie.iwmo.render import BASIS_NS, WMO301_NS, render_json, render_xml
from hbh_indicatie.loading.cases import case_from_data
from hbh_indicatie.loading.norm_sets import resolve
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.models.loaded_norms import LoadedNorms
from tests.builders import case_dict
from tests.shipped import computed, shipped_cases

IDENTIFIED: dict[str, Any] = {
    "toewijzingnummer": 1001, "toewijzingsdatum": date(2026, 3, 2), "toewijzingstijd": time(14, 5),
}
"""The three settings the XML needs, for tests that are about something else."""
XML_OPTIONS = ["--toewijzingnummer", "1001", "--toewijzingsdatum", "2026-03-02",
               "--toewijzingstijd", "14:05"]


def fragment(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "Product": {"Categorie": "01", "Code": "01A04"},
        "Ingangsdatum": "2026-03-02",
        "Einddatum": "2027-03-01",
        "Omvang": {"Volume": 175, "Eenheid": "01", "Frequentie": "2"},
    }
    for key, value in changes.items():
        if key in ("Volume", "Eenheid", "Frequentie"):
            data["Omvang"][key] = value
        elif key in ("Categorie", "Code"):
            data["Product"][key] = value
        elif value is None:
            data.pop(key)
        else:
            data[key] = value
    return data


def broken(message_part: str, **changes: Any) -> None:
    with pytest.raises(ValidationError) as info:
        ToegewezenProduct.model_validate(fragment(**changes))
    assert message_part in str(info.value)


def test_valid_fragment_passes() -> None:
    item = ToegewezenProduct.model_validate(fragment())
    assert item.omvang.volume == 175 and item.end == date(2027, 3, 1)


def test_eenheid_outside_wj756() -> None:
    broken("WJ756", Eenheid="02")


def test_frequentie_outside_wmo757() -> None:
    broken("WMO757", Frequentie="7")


@pytest.mark.parametrize("code", ["3", "5"])
def test_retired_frequencies_refused(code: str) -> None:
    broken("bestaat niet meer in iWmo 3.2", Frequentie=code)


def test_categorie_outside_wmo020() -> None:
    broken("WMO020", Categorie="19")


def test_reden_wijziging_outside_list() -> None:
    broken("RedenWijziging", RedenWijziging="15")


@pytest.mark.parametrize("code", ["", "01A001"])
def test_productcode_length(code: str) -> None:
    broken("1 tot 5 tekens", Code=code)


def test_volume_must_be_integer() -> None:
    broken("Volume", Volume=175.5)


def test_volume_not_negative() -> None:
    broken("LDT_Volume", Volume=-1)


def test_cd076_einddatum_required_per_week() -> None:
    broken("CD076", Einddatum=None)
    # with another frequency no Einddatum is required
    ToegewezenProduct.model_validate(fragment(Einddatum=None, Frequentie="6"))


def test_cs338_unit_only_with_week_month_total() -> None:
    broken("CS338", Eenheid="14", Frequentie="1", Einddatum=None)
    # before 2021 the rule did not apply
    ToegewezenProduct.model_validate(fragment(Eenheid="14", Frequentie="1", Ingangsdatum="2020-01-01",
                                              Einddatum="2020-12-31"))
    ToegewezenProduct.model_validate(fragment(Eenheid="16", Frequentie="4"))


def test_einddatum_not_before_ingangsdatum() -> None:
    broken("vóór Ingangsdatum", Einddatum="2026-03-01")


def test_code_lists_exact() -> None:
    assert list(codes.EENHEID) == ["01", "04", "14", "16", "82", "83", "84"]
    assert list(codes.FREQUENTIE) == ["1", "2", "4", "6"]
    assert list(codes.PRODUCTCATEGORIE) == [f"{i:02d}" for i in range(1, 19)]
    assert codes.PRODUCTCATEGORIE["01"] == "Hulp bij het huishouden"
    assert list(codes.REDEN_WIJZIGING) == [f"{i:02d}" for i in range(1, 15)]


@given(st.integers(min_value=0, max_value=100_000))
def test_omvang_is_exact_integer(minutes: int) -> None:
    auto = builder.omvang(minutes, builder.IwmoSettings())
    factor = 60 if auto.unit == codes.HOUR else 1
    assert auto.volume * factor == minutes
    assert auto.unit == (codes.HOUR if minutes and minutes % 60 == 0 else codes.MINUTE)
    plain = builder.omvang(minutes, builder.IwmoSettings(eenheid="minuut"))
    assert (plain.volume, plain.unit, plain.frequency) == (minutes, "01", "2")


def test_settings_refuse_bad_productcode_in_dutch() -> None:
    with pytest.raises(builder.IwmoError) as info:
        builder.settings_from("test", productcode="01A0001")
    assert "productcode" in info.value.message and "1 tot 5" in info.value.message


def test_settings_refuse_both_end_and_duration() -> None:
    with pytest.raises(builder.IwmoError):
        builder.settings_from("test", einddatum=date(2027, 1, 1), looptijd_maanden=12)


@pytest.mark.parametrize(("start", "months", "last"), [
    (date(2026, 3, 2), 12, date(2027, 3, 1)),
    (date(2026, 1, 31), 1, date(2026, 2, 27)),
    (date(2026, 11, 15), 3, date(2027, 2, 14)),
])
def test_duration_in_months(start: date, months: int, last: date) -> None:
    assert builder.IwmoSettings(looptijd_maanden=months).last_day(start) == last


@pytest.fixture(scope="module")
def norms() -> LoadedNorms:
    return resolve("protocol-hbh", date(2026, 3, 2))


def indication_for(norms: LoadedNorms, **overrides: Any) -> Indication:
    return compute(case_from_data(case_dict(**overrides)), norms)


def test_open_ended_needs_configured_end(norms: LoadedNorms) -> None:
    ind = indication_for(norms)
    assert ind.einddatum is None
    with pytest.raises(builder.IwmoError) as info:
        builder.build(ind, builder.IwmoSettings())
    assert "CD076" in info.value.message and "--einddatum" in info.value.message


BRIDGING_AIDS = [
    {"soort": "wasmachine", "aanwezig": True},
    {"soort": "wasdroger", "aanwezig": False, "haalbaar": True, "verwacht_per": "2026-05-01"},
    {"soort": "vaatwasser", "aanwezig": True},
    {"soort": "robotstofzuiger", "aanwezig": False, "haalbaar": False},
]
"""A dryer arrives on 2026-05-01: two periods with different minutes (§1.4 overbrugging)."""


def test_each_period_is_its_own_product(norms: LoadedNorms) -> None:
    ind = indication_for(norms, hulpmiddelen=BRIDGING_AIDS)
    assert len(ind.perioden) == 2
    export = builder.build(ind, builder.IwmoSettings(einddatum=date(2027, 2, 28)))
    products = export.toegewezen_producten
    assert [(p.start, p.end, p.omvang.volume) for p in products] == [
        (ind.perioden[0].van, ind.perioden[0].tot, ind.perioden[0].minuten_per_week),
        (ind.perioden[1].van, date(2027, 2, 28), ind.perioden[1].minuten_per_week),
    ]
    assert products[0].omvang.volume != products[1].omvang.volume


def test_configured_end_cuts_periods(norms: LoadedNorms) -> None:
    ind = indication_for(norms, hulpmiddelen=BRIDGING_AIDS)
    export = builder.build(ind, builder.IwmoSettings(einddatum=date(2026, 4, 15)))
    assert [(p.start, p.end) for p in export.toegewezen_producten] == [
        (date(2026, 3, 2), date(2026, 4, 15))
    ]
    with pytest.raises(builder.IwmoError):
        builder.build(ind, builder.IwmoSettings(einddatum=date(2026, 3, 1)))


def test_pgb_gets_no_toewijzing_but_an_error(norms: LoadedNorms) -> None:
    case = case_from_data(case_dict(leveringsvorm="pgb"))
    assert case.delivery == "pgb"
    with pytest.raises(builder.IwmoError) as info:
        builder.build(compute(case, norms), builder.IwmoSettings(looptijd_maanden=12), case.delivery)
    assert "OP043" in info.value.message and "leveringsvorm" in info.value.message
    # the same indication in natura does get a toewijzing
    assert builder.build(compute(case, norms), builder.IwmoSettings(looptijd_maanden=12)).toegewezen_producten


UNKNOWN_DISHWASHER = [
    {"soort": "wasmachine", "aanwezig": True},
    {"soort": "wasdroger", "aanwezig": False, "haalbaar": False},
    {"soort": "vaatwasser", "aanwezig": False, "haalbaar": "onbekend"},
    {"soort": "robotstofzuiger", "aanwezig": False, "haalbaar": False},
]


def test_voorlopig_gets_no_toewijzing(norms: LoadedNorms) -> None:
    ind = indication_for(norms, hulpmiddelen=UNKNOWN_DISHWASHER)
    assert ind.voorlopig and ind.totaal_minuten_per_week > 0
    with pytest.raises(builder.IwmoError) as info:
        builder.build(ind, builder.IwmoSettings(looptijd_maanden=12, **IDENTIFIED))
    assert "voorlopig" in info.value.message
    assert "hulpmiddelen.vaatwasser.haalbaar" in info.value.message


def test_pgb_and_voorlopig_are_both_named(norms: LoadedNorms) -> None:
    ind = indication_for(norms, hulpmiddelen=UNKNOWN_DISHWASHER, leveringsvorm="pgb")
    with pytest.raises(builder.IwmoError) as info:
        builder.build(ind, builder.IwmoSettings(looptijd_maanden=12), "pgb")
    assert [p.field for p in info.value.problems] == ["leveringsvorm", ""]


def test_zero_minutes_gets_no_toewijzing(norms: LoadedNorms) -> None:
    zelf = dict.fromkeys(("schoon_en_leefbaar_huis", "wasverzorging", "boodschappen_en_maaltijden",
                          "kinderen", "organisatie_van_het_huishouden"), "volledig")
    client = {**case_dict()["client"], "zelf": zelf}
    ind = indication_for(norms, client=client)
    assert ind.totaal_minuten_per_week == 0 and not ind.voorlopig
    with pytest.raises(builder.IwmoError) as info:
        builder.build(ind, builder.IwmoSettings(looptijd_maanden=12))
    assert "0 minuten per week" in info.value.message


def test_periods_are_numbered_on_with_a_note(norms: LoadedNorms) -> None:
    ind = indication_for(norms, hulpmiddelen=BRIDGING_AIDS)
    export = builder.build(ind, builder.IwmoSettings(einddatum=date(2027, 2, 28), **IDENTIFIED))
    assert [p.nummer for p in export.toegewezen_producten] == [1001, 1002]
    assert {(p.toewijzingsdatum, p.toewijzingstijd) for p in export.toegewezen_producten} == {
        (date(2026, 3, 2), time(14, 5))}
    assert export.waarschuwingen and "1001 t/m 1002" in export.waarschuwingen[0]
    one = builder.build(indication_for(norms), builder.IwmoSettings(looptijd_maanden=12, **IDENTIFIED))
    assert one.waarschuwingen == ()


def test_numbers_may_not_run_past_ldt_nummer(norms: LoadedNorms) -> None:
    ind = indication_for(norms, hulpmiddelen=BRIDGING_AIDS)
    settings = builder.IwmoSettings(einddatum=date(2027, 2, 28), **{
        **IDENTIFIED, "toewijzingnummer": 999_999_999})
    with pytest.raises(builder.IwmoError) as info:
        builder.build(ind, settings)
    assert "999999998" in info.value.message


@pytest.mark.parametrize(("values", "part"), [
    ({"toewijzingnummer": -1}, "LDT_Nummer"),
    ({"toewijzingnummer": 1_000_000_000}, "LDT_Nummer"),
    ({"toewijzingsdatum": date(2026, 3, 2)}, "toewijzingstijd"),
    ({"toewijzingsdatum": date(2026, 3, 2), "toewijzingstijd": time(14, 5, tzinfo=UTC)},
     "tijdzone"),
    ({"toewijzingsdatum": date(2026, 3, 2), "toewijzingstijd": time(14, 5, 0, 500)}, "hele seconden"),
])
def test_settings_refuse_bad_identification(values: dict[str, Any], part: str) -> None:
    with pytest.raises(builder.IwmoError) as info:
        builder.settings_from("test", **values)
    assert part in info.value.message


def test_xml_needs_number_date_and_time(norms: LoadedNorms) -> None:
    export = builder.build(indication_for(norms), builder.IwmoSettings(looptijd_maanden=12))
    assert "ToewijzingNummer" not in render_json(export)  # JSON may go without
    with pytest.raises(builder.IwmoError) as info:
        render_xml(export)
    assert [p.field for p in info.value.problems] == [  # the Python API's keywords
        "toewijzingnummer", "toewijzingsdatum", "toewijzingstijd"]
    assert "--toewijzingnummer" in info.value.message and "toewijzingsdatum=" in info.value.message


def test_change_of_hours_iv093_example() -> None:
    old = ToegewezenProduct.model_validate(fragment(
        Ingangsdatum="2025-01-01", Einddatum="2025-12-31", Volume=3, Eenheid="04"))
    new = ToegewezenProduct.model_validate(fragment(
        Ingangsdatum="2025-01-01", Einddatum="2025-12-31", Volume=6, Eenheid="04"))
    ended, started = builder.change(old, new, date(2025, 6, 11), "05")
    assert (ended.start, ended.end, ended.reason, ended.omvang.volume) == (
        date(2025, 1, 1), date(2025, 6, 11), "05", 3)
    assert (started.start, started.end, started.reason, started.omvang.volume) == (
        date(2025, 6, 12), date(2025, 12, 31), None, 6)


def test_change_keeps_the_old_number_and_takes_the_new_moment() -> None:
    old = ToegewezenProduct.model_validate(fragment(
        ToewijzingNummer=7, Toewijzingsdatum="2025-01-01", Toewijzingstijd="09:00:00",
        Ingangsdatum="2025-01-01", Einddatum="2025-12-31"))
    new = ToegewezenProduct.model_validate(fragment(
        ToewijzingNummer=8, Toewijzingsdatum="2025-06-01", Toewijzingstijd="10:30:00",
        Ingangsdatum="2025-01-01", Einddatum="2025-12-31", Volume=200))
    ended, started = builder.change(old, new, date(2025, 6, 30), "05")
    assert (ended.nummer, ended.toewijzingsdatum, ended.toewijzingstijd) == (
        7, date(2025, 6, 1), time(10, 30))
    assert (started.nummer, started.toewijzingsdatum, started.omvang.volume) == (
        8, date(2025, 6, 1), 200)


@pytest.mark.parametrize(("changes", "part"), [
    ({"ToewijzingNummer": 7, "Toewijzingsdatum": "2025-06-01", "Toewijzingstijd": "10:30"}, "IV066"),
    ({"ToewijzingNummer": 8, "Toewijzingsdatum": "2025-01-01", "Toewijzingstijd": "09:00"}, "IV013"),
])
def test_change_refuses_same_number_or_older_moment(changes: dict[str, Any], part: str) -> None:
    old = ToegewezenProduct.model_validate(fragment(
        ToewijzingNummer=7, Toewijzingsdatum="2025-01-01", Toewijzingstijd="09:00:00",
        Ingangsdatum="2025-01-01", Einddatum="2025-12-31"))
    new = ToegewezenProduct.model_validate(fragment(
        Ingangsdatum="2025-01-01", Einddatum="2025-12-31", **changes))
    with pytest.raises(builder.IwmoError) as info:
        builder.change(old, new, date(2025, 6, 30), "05")
    assert part in info.value.message


@pytest.mark.parametrize(("last", "reason", "part"), [
    (date(2024, 12, 31), "05", "vóór de Ingangsdatum"),
    (date(2026, 1, 1), "05", "na de Einddatum"),
    (date(2025, 6, 11), "99", "RedenWijziging"),
    (date(2025, 12, 31), "05", "vóór Ingangsdatum"),
])
def test_change_refuses_bad_input(last: date, reason: str, part: str) -> None:
    old = ToegewezenProduct.model_validate(fragment(Ingangsdatum="2025-01-01", Einddatum="2025-12-31"))
    with pytest.raises(builder.IwmoError) as info:
        builder.change(old, old, last, reason)
    assert part in info.value.message


def test_xml_fragment_namespaces_and_order(norms: LoadedNorms) -> None:
    export = builder.build(indication_for(norms), builder.IwmoSettings(looptijd_maanden=12, **IDENTIFIED))
    root = ET.fromstring(render_xml(export))
    assert root.tag == f"{{{WMO301_NS}}}ToegewezenProducten"
    item = root.find(f"{{{WMO301_NS}}}ToegewezenProduct")
    assert item is not None
    assert [child.tag for child in item] == [f"{{{WMO301_NS}}}{tag}" for tag in (
        "ToewijzingNummer", "Product", "Toewijzingsdatum", "Toewijzingstijd", "Ingangsdatum",
        "Einddatum", "Omvang")]
    # the children of CDT_Product and CDT_Omvang belong to the basisschema (issue 12)
    product, omvang = item.find(f"{{{WMO301_NS}}}Product"), item.find(f"{{{WMO301_NS}}}Omvang")
    assert product is not None and omvang is not None
    assert [child.tag for child in product] == [f"{{{BASIS_NS}}}Categorie", f"{{{BASIS_NS}}}Code"]
    assert [child.tag for child in omvang] == [
        f"{{{BASIS_NS}}}Volume", f"{{{BASIS_NS}}}Eenheid", f"{{{BASIS_NS}}}Frequentie"]
    volume = omvang.find(f"{{{BASIS_NS}}}Volume")
    assert volume is not None and volume.text == str(export.toegewezen_producten[0].omvang.volume)
    assert item.findtext(f"{{{WMO301_NS}}}Toewijzingstijd") == "14:05:00"


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_shipped_cases_give_valid_fragments_or_a_refusal(path: Path) -> None:
    case, _, ind = computed(path)
    if ind is None:
        pytest.skip(f"{path.name}: verwacht regelconflict, geen indicatie om toe te wijzen")
    settings = builder.IwmoSettings(looptijd_maanden=12, **IDENTIFIED)
    if builder.refusals(ind, case.delivery):
        with pytest.raises(builder.IwmoError):
            builder.build(ind, settings, case.delivery)
        assert ind.voorlopig or case.delivery == "pgb" or ind.totaal_minuten_per_week == 0
        return
    export = builder.build(ind, settings, case.delivery)
    data = json.loads(render_json(export))
    assert data["ToegewezenProducten"]
    for item in data["ToegewezenProducten"]:
        again = ToegewezenProduct.model_validate(item)
        assert again.product.category == "01"
        assert isinstance(item["Omvang"]["Volume"], int)
        assert isinstance(item["ToewijzingNummer"], int)


CASE_01 = Path(__file__).resolve().parent.parent / "cases" / "01-alleenstaande-volledige-overname.yaml"


def test_cli_iwmo_json_and_xml(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    runner = CliRunner()
    result = runner.invoke(app, ["bereken", str(CASE_01), "-f", "iwmo", "--looptijd", "12",
                                 "--productcode", "01A01"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    item = data["ToegewezenProducten"][0]
    assert item["Product"] == {"Categorie": "01", "Code": "01A01"}
    assert item["Einddatum"] == "2027-03-01"
    assert "ToewijzingNummer" not in item  # not given: left out of the JSON
    out = tmp_path / "t.xml"
    result = runner.invoke(app, ["bereken", str(CASE_01), "-f", "iwmo-xml", "--einddatum", "2026-12-31",
                                 "--eenheid", "minuut", *XML_OPTIONS, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert ET.fromstring(out.read_text(encoding="utf-8")).tag == f"{{{WMO301_NS}}}ToegewezenProducten"


@pytest.mark.parametrize(("args", "message"), [
    ([], "CD076"),
    (["--einddatum", "2027-02-30"], "geen datum"),
    (["--productcode", "01A0001", "--looptijd", "12"], "productcode"),
    (["--einddatum", "2027-01-01", "--looptijd", "12"], "niet beide"),
    (["--looptijd", "12", "--toewijzingsdatum", "2026-03-02"], "toewijzingstijd"),
    (["--looptijd", "12", "--toewijzingsdatum", "2026-03-02", "--toewijzingstijd", "25:00"],
     "--toewijzingstijd: moet een tijdstip zijn"),
    (["--looptijd", "12", "--toewijzingsdatum", "2026-03-02", "--toewijzingstijd", "14:05+01:00"],
     "tijdzone"),
    (["--looptijd", "12", "--toewijzingnummer", "-1"], "--toewijzingnummer"),
    (["--looptijd", "12", "--bericht", "examples/iwmo-bericht.yaml"], "--bericht hoort bij"),
])
def test_cli_iwmo_errors_in_dutch_exit_2(args: list[str], message: str) -> None:
    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    result = CliRunner().invoke(app, ["bereken", str(CASE_01), "-f", "iwmo", *args])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_cli_xml_without_number_and_moment_exit_2() -> None:
    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    result = CliRunner().invoke(app, ["bereken", str(CASE_01), "-f", "iwmo-xml", "--looptijd", "12"])
    assert result.exit_code == 2 and result.stdout == ""
    out = " ".join(result.output.split())
    assert "--toewijzingnummer" in out and "--toewijzingsdatum" in out and "--toewijzingstijd" in out


@pytest.mark.parametrize("formaat", ["iwmo", "iwmo-xml"])
def test_cli_pgb_refused_exit_2_nothing_on_stdout(tmp_path: Path, formaat: str) -> None:
    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    text = CASE_01.read_text(encoding="utf-8") + "leveringsvorm: pgb\n"
    path = tmp_path / "pgb.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["bereken", str(path), "-f", formaat, "--looptijd", "12",
                                      *XML_OPTIONS])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "OP043" in result.output and "Traceback" not in result.output


def test_cli_voorlopig_refused_exit_2() -> None:
    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    case_06 = CASE_01.parent / "06-overbrugging-hulpmiddel.yaml"
    result = CliRunner().invoke(app, ["bereken", str(case_06), "-f", "iwmo", "--looptijd", "12"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "voorlopig" in result.output


def test_cli_warning_on_stderr_for_numbered_periods(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    path = tmp_path / "brug.json"
    path.write_text(json.dumps(case_dict(hulpmiddelen=BRIDGING_AIDS)), encoding="utf-8")
    result = CliRunner().invoke(app, ["bereken", str(path), "-f", "iwmo-xml", "--looptijd", "12",
                                      *XML_OPTIONS])
    assert result.exit_code == 0, result.output
    assert "1001 t/m 1002" in result.stderr
    root = ET.fromstring(result.stdout)
    assert [n.text for n in root.iter(f"{{{WMO301_NS}}}ToewijzingNummer")] == ["1001", "1002"]
