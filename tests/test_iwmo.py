"""iWmo fragments: code lists, CD076, CS338, periods, change of hours, PGB, JSON and XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from hbh_indicatie.engine import compute
from hbh_indicatie.iwmo import builder, codes
from hbh_indicatie.iwmo.models import ToegewezenProduct
from hbh_indicatie.iwmo.render import WMO301_NS, render_json, render_xml
from hbh_indicatie.loading.cases import case_from_data
from hbh_indicatie.loading.norms import LoadedNorms, resolve
from hbh_indicatie.models.indication import Indication
from tests.builders import case_dict
from tests.shipped import computed, shipped_cases


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


def test_pgb_gets_warning_not_toewijzing(norms: LoadedNorms) -> None:
    case = case_from_data(case_dict(leveringsvorm="pgb"))
    assert case.delivery == "pgb"
    export = builder.build(compute(case, norms), builder.IwmoSettings(), case.delivery)
    assert export.toegewezen_producten == ()
    assert export.waarschuwingen[0].startswith("OP043")


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


def test_xml_fragment_in_wmo301_namespace(norms: LoadedNorms) -> None:
    export = builder.build(indication_for(norms), builder.IwmoSettings(looptijd_maanden=12))
    root = ET.fromstring(render_xml(export))
    assert root.tag == f"{{{WMO301_NS}}}ToegewezenProducten"
    item = root.find(f"{{{WMO301_NS}}}ToegewezenProduct")
    assert item is not None
    assert [child.tag.split("}")[1] for child in item] == [
        "Product", "Ingangsdatum", "Einddatum", "Omvang"]
    volume = item.find(f"{{{WMO301_NS}}}Omvang/{{{WMO301_NS}}}Volume")
    assert volume is not None and volume.text == str(export.toegewezen_producten[0].omvang.volume)


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_shipped_cases_give_valid_fragments(path: Path) -> None:
    case, _, ind = computed(path)
    if ind is None:
        pytest.skip(f"{path.name}: verwacht regelconflict, geen indicatie om toe te wijzen")
    export = builder.build(ind, builder.IwmoSettings(looptijd_maanden=12), case.delivery)
    data = json.loads(render_json(export))
    for item in data["ToegewezenProducten"]:
        again = ToegewezenProduct.model_validate(item)
        assert again.product.category == "01"
        assert isinstance(item["Omvang"]["Volume"], int)
    if case.delivery == "zin" and ind.totaal_minuten_per_week:
        assert data["ToegewezenProducten"]


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
    out = tmp_path / "t.xml"
    result = runner.invoke(app, ["bereken", str(CASE_01), "-f", "iwmo-xml", "--einddatum", "2026-12-31",
                                 "--eenheid", "minuut", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert ET.fromstring(out.read_text(encoding="utf-8")).tag == f"{{{WMO301_NS}}}ToegewezenProducten"


@pytest.mark.parametrize(("args", "message"), [
    ([], "CD076"),
    (["--einddatum", "2027-02-30"], "geen datum"),
    (["--productcode", "01A0001", "--looptijd", "12"], "productcode"),
    (["--einddatum", "2027-01-01", "--looptijd", "12"], "niet beide"),
])
def test_cli_iwmo_errors_in_dutch_exit_2(args: list[str], message: str) -> None:
    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    result = CliRunner().invoke(app, ["bereken", str(CASE_01), "-f", "iwmo", *args])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_cli_pgb_warns(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    text = CASE_01.read_text(encoding="utf-8") + "leveringsvorm: pgb\n"
    path = tmp_path / "pgb.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["bereken", str(path), "-f", "iwmo"])
    assert result.exit_code == 0
    assert "OP043" in result.output
