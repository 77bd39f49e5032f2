"""iWmo XML against the official iWmo 3.2 XSD (WMO301.xsd + basisschema.xsd, with xmlschema).

The XSDs are read from ``../shared/iwmo-3.2-xsd/`` beside the repository; only when that
folder is absent are these tests skipped. A ToegewezenProduct is only valid inside
Bericht/Client/ToegewezenProducten, so the fragment is checked by putting it, unchanged, into a
fixed minimal Bericht written out below (independent of our own Bericht renderer); the
complete Bericht is checked as it is.
"""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
import xmlschema
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from hbh_indicatie.errors import InputError
from hbh_indicatie.iwmo import builder, codes
from hbh_indicatie.iwmo.message import render_bericht
from hbh_indicatie.iwmo.message_data import BerichtGegevens, elfproef
from hbh_indicatie.iwmo.models import IwmoExport
from hbh_indicatie.iwmo.render import BASIS_NS, WMO301_NS, render_xml
from hbh_indicatie.loading.message_data import berichtgegevens_from_data, load_berichtgegevens
from hbh_indicatie.models.indication import Indication
from tests.conftest import XSD_DIR
from tests.shipped import ROOT, computed, shipped_cases

EXAMPLE = ROOT / "examples" / "iwmo-bericht.yaml"
W, B = f"{{{WMO301_NS}}}", f"{{{BASIS_NS}}}"
SETTINGS = builder.IwmoSettings(looptijd_maanden=12, toewijzingnummer=4711,
                                toewijzingsdatum=date(2026, 3, 2), toewijzingstijd=time(14, 5))

WRAPPER = f"""<wmo301:Bericht xmlns:wmo301="{WMO301_NS}" xmlns:iwmo="{BASIS_NS}">
  <wmo301:Header>
    <wmo301:BerichtCode>414</wmo301:BerichtCode>
    <wmo301:BerichtVersie>3</wmo301:BerichtVersie>
    <wmo301:BerichtSubversie>2</wmo301:BerichtSubversie>
    <wmo301:Afzender>9999</wmo301:Afzender>
    <wmo301:Ontvanger>99999999</wmo301:Ontvanger>
    <wmo301:BerichtIdentificatie>
      <iwmo:Identificatie>TEST</iwmo:Identificatie>
      <iwmo:Dagtekening>2026-03-02</iwmo:Dagtekening>
    </wmo301:BerichtIdentificatie>
    <wmo301:XsdVersie>
      <iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>
      <iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie>
    </wmo301:XsdVersie>
  </wmo301:Header>
  <wmo301:Client>
    <wmo301:Bsn>999990019</wmo301:Bsn>
    <wmo301:Geboortedatum><iwmo:Datum>1942-01-01</iwmo:Datum></wmo301:Geboortedatum>
    <wmo301:Geslacht>2</wmo301:Geslacht>
    <wmo301:Naam>
      <iwmo:Geslachtsnaam><iwmo:Achternaam>Test</iwmo:Achternaam></iwmo:Geslachtsnaam>
      <iwmo:NaamGebruik>1</iwmo:NaamGebruik>
    </wmo301:Naam>
    <wmo301:Contactgegevens>
      <wmo301:Contact><wmo301:Soort>01</wmo301:Soort></wmo301:Contact>
    </wmo301:Contactgegevens>
  </wmo301:Client>
</wmo301:Bericht>"""
"""A minimal valid WMO301 Bericht without ToegewezenProducten, written out by hand."""

RICH: dict[str, Any] = {
    "afzender": 1680,
    "ontvanger": "01234567",
    "berichtidentificatie": {"identificatie": "HBH 2026/1", "dagtekening": "2026-03-02"},
    "client": {
        "bsn": "999990019",
        "geboortedatum": "1950-07-01",
        "datumgebruik": 1,
        "geslacht": 0,
        "naam": {
            "achternaam": "Teststra-Proef", "voorvoegsel": "van der",
            "partnernaam": {"achternaam": "Voorbeeld", "voorvoegsel": "de"},
            "voornamen": "Anna Maria", "voorletters": "AMÉ", "naamgebruik": 4,
        },
        "communicatie": {"vorm": 1, "taal": "Turks"},
        "juridische_status": 4,
        "wettelijke_vertegenwoordiging": "07",
        "commentaar": "Sleutel bij de buren.\nBellen vóór bezoek.",
        "contactgegevens": [
            {"soort": 1, "adres": {
                "huis": {"huisnummer": 12, "huisletter": "a", "toevoeging": "bis",
                         "aanduiding_woonadres": "TO"},
                "postcode": "9999ZZ", "straatnaam": "Teststraat", "plaatsnaam": "Teststad",
                "landcode": "NL"},
             "telefoon": [{"telefoonnummer": "0612345678", "landnummer": "0031"},
                          {"telefoonnummer": "201234567", "landnummer": "0031"}],
             "emailadres": "test@example.org"},
            {"soort": "04", "organisatie": "Revalidatiecentrum Test",
             "adres": {"plaatsnaam": "Elders", "landcode": "BE"},
             "periode": {"begindatum": "2026-03-01", "einddatum": "2026-04-30"}},
        ],
    },
}
"""Every optional part filled, so every branch of the Bericht renderer meets the XSD."""


def wrapped(fragment: str) -> ET.Element:
    """The fragment's ToegewezenProducten, unchanged, as the last child of Client."""
    root = ET.fromstring(WRAPPER)
    client = root.find(f"{W}Client")
    assert client is not None
    client.append(ET.fromstring(fragment))
    return root


def errors(schema: xmlschema.XMLSchema, source: str | ET.Element) -> list[str]:
    return [f"{e.path}: {e.reason}" for e in schema.iter_errors(source)]


def export_for(path: Path) -> tuple[Indication | None, IwmoExport | None]:
    case, _, ind = computed(path)
    if ind is None or builder.refusals(ind, case.delivery):
        return ind, None
    return ind, builder.build(ind, SETTINGS, case.delivery)


def test_wrapper_alone_is_only_missing_the_products(wmo301: xmlschema.XMLSchema) -> None:
    found = errors(wmo301, ET.fromstring(WRAPPER))
    assert len(found) == 1 and "ToegewezenProducten" in found[0]


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_shipped_case_xml_is_valid_or_refused(path: Path, wmo301: xmlschema.XMLSchema) -> None:
    case, _, _ = computed(path)
    ind, export = export_for(path)
    if ind is None:
        pytest.skip(f"{path.name}: verwacht regelconflict, geen indicatie om toe te wijzen")
    if export is None:  # voorlopig, pgb or 0 minutes: a Dutch error, never an empty message
        with pytest.raises(builder.IwmoError) as info:
            builder.build(ind, SETTINGS, case.delivery)
        assert info.value.problems
        return
    assert errors(wmo301, wrapped(render_xml(export))) == []
    for gegevens in (load_berichtgegevens(EXAMPLE), berichtgegevens_from_data(RICH)):
        assert errors(wmo301, render_bericht(export, gegevens)) == []


def test_enough_shipped_cases_are_validated() -> None:
    """The test above cannot pass by refusing everything: the 20 computable shipped cases
    (27 minus 2 rule conflicts, 1 voorlopig, 4 with 0 minutes) give XML."""
    exports = [export_for(path)[1] for path in shipped_cases()]
    assert sum(export is not None for export in exports) >= 20


def test_shipped_refusals_are_the_expected_ones() -> None:
    refused = {path.stem[:2] for path in shipped_cases()
               if export_for(path)[0] is not None and export_for(path)[1] is None}
    # 06, 61 and 70 voorlopig, the others 0 minutes
    assert refused == {"02", "03", "06", "09", "25", "61", "70"}


def case_01_xml() -> str:
    _, export = export_for(ROOT / "cases" / "01-alleenstaande-volledige-overname.yaml")
    assert export is not None
    return render_xml(export)


def test_old_namespace_bug_is_caught(wmo301: xmlschema.XMLSchema) -> None:
    """Issue 12: Categorie/Code and Volume/Eenheid/Frequentie in the wmo301 namespace (as the
    old fragment had them) are invalid; the validator says so."""
    good = wrapped(case_01_xml())
    assert wmo301.is_valid(good)
    bad = copy.deepcopy(good)
    for parent in (*bad.iter(f"{W}Product"), *bad.iter(f"{W}Omvang")):
        for child in parent:
            child.tag = child.tag.replace(B, W)
    found = errors(wmo301, bad)
    assert found and any("Categorie" in e for e in found)


def test_old_fragment_without_number_and_moment_is_caught(wmo301: xmlschema.XMLSchema) -> None:
    bad = wrapped(case_01_xml())
    for item in bad.iter(f"{W}ToegewezenProduct"):
        for tag in ("ToewijzingNummer", "Toewijzingsdatum", "Toewijzingstijd"):
            node = item.find(f"{W}{tag}")
            assert node is not None
            item.remove(node)
    assert not wmo301.is_valid(bad)


def test_wrong_order_and_empty_products_are_caught(wmo301: xmlschema.XMLSchema) -> None:
    swapped = wrapped(case_01_xml())
    item = next(swapped.iter(f"{W}ToegewezenProduct"))
    number = item[0]
    item.remove(number)
    item.insert(2, number)  # after Product instead of first
    assert not wmo301.is_valid(swapped)
    empty = ET.fromstring(WRAPPER)
    client = empty.find(f"{W}Client")
    assert client is not None
    ET.SubElement(client, f"{W}ToegewezenProducten")  # why 0 minutes is refused
    assert not wmo301.is_valid(empty)


def test_time_zone_is_caught(wmo301: xmlschema.XMLSchema) -> None:
    root = wrapped(case_01_xml())
    node = next(root.iter(f"{W}Toewijzingstijd"))
    node.text = "14:05:00+01:00"
    assert not wmo301.is_valid(root)


@pytest.mark.parametrize(("values", "type_name"), [
    (codes.EENHEID, "LDT_Eenheid"),
    (codes.FREQUENTIE, "LDT_Frequentie"),
    (codes.PRODUCTCATEGORIE, "LDT_ProductCategorie"),
    (codes.REDEN_WIJZIGING, "LDT_RedenWijziging"),
    (codes.GESLACHT, "LDT_Geslacht"),
    (codes.DATUMGEBRUIK, "LDT_DatumGebruik"),
    (codes.NAAMGEBRUIK, "LDT_NaamGebruik"),
    (codes.ADRESSOORT, "LDT_AdresSoort"),
    (codes.AANDUIDING_WOONADRES, "LDT_AanduidingWoonadres"),
    (codes.COMMUNICATIEVORM, "LDT_Communicatievorm"),
    (codes.JURIDISCHE_STATUS, "LDT_JuridischeStatus"),
    (codes.WETTELIJKE_VERTEGENWOORDIGING, "LDT_WettelijkeVertegenwoordiging"),
    (codes.LANDCODES, "LDT_LandCode"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_code_lists_equal_the_xsd(values: Any, type_name: str, wmo301: xmlschema.XMLSchema) -> None:
    assert set(values) == set(wmo301.maps.types[f"{B}{type_name}"].enumeration)


def test_header_versions_equal_the_xsd_appinfo() -> None:
    """IV034: XsdVersie is copied from the appinfo of the XSDs."""
    if not XSD_DIR.is_dir():
        pytest.skip(f"De officiële iWmo 3.2-XSD's staan niet in {XSD_DIR}")
    info = {el.tag.split("}")[1]: el.text for el in ET.parse(XSD_DIR / "WMO301.xsd").iter()
            if el.tag.startswith(B)}
    assert info["BerichtXsdVersie"] == codes.BERICHT_XSD_VERSIE
    assert info["BasisschemaXsdVersie"] == codes.BASISSCHEMA_XSD_VERSIE
    assert info["release"] == f"{codes.BERICHTVERSIE}.{codes.BERICHTSUBVERSIE}"


# --- the example file and the checks on top of the XSD ----------------------------------------

def test_example_file_is_clearly_fake_and_valid() -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    gegevens = load_berichtgegevens(EXAMPLE)
    assert gegevens.client.bsn == "999990019" and 999_900_006 <= int(gegevens.client.bsn) <= 999_999_990
    assert data["afzender"] == "9999" and data["ontvanger"] == "99999999"


@pytest.mark.parametrize(("path", "value", "part"), [
    (("client", "bsn"), "999990018", "elfproef"),
    (("client", "bsn"), "000000000", "elfproef"),
    (("client", "bsn"), 12345672, "aanhalingstekens"),
    (("afzender",), 363, "aanhalingstekens"),
    (("afzender",), "363", "precies 4 cijfers"),
    (("ontvanger",), "1234567X", "precies 8 cijfers"),
    (("client", "geslacht"), "3", "COD046"),
    (("client", "naam", "voorletters"), "J.H.", "zonder punten"),
    (("client", "naam", "achternaam"), "   ", "is leeg"),
    (("client", "naam", "voorvoegsel"), "van der den de", "hoogstens 10"),
    (("client", "naam", "voornamen"), "Anna\nMaria", "regelovergang"),
    (("client", "contactgegevens", 0, "adres", "straatnaam"), "Een heel lange straatnaam 1",
     "hoogstens 24"),
    (("client", "contactgegevens", 0, "adres", "landcode"), "XX", "COD032"),
    (("client", "contactgegevens", 0, "telefoon", 0, "telefoonnummer"), "06-1234", "cijfers"),
    (("client", "contactgegevens"), [], "ten minste één contact"),
    (("client", "commentaar"), "bel\x07", "niet in XML"),
    (("client", "naam", "achternaam"), "Jan\x85sen", "stuurteken"),
    (("client", "commentaar"), "half \ud800", "ongeldig teken"),
    (("client", "geboortedatum"), "2026-03-03", "na de dagtekening"),
    (("berichtidentificatie", "identificatie"), "1234567890123", "hoogstens 12"),
])
def test_bericht_data_refused_in_dutch(path: tuple[Any, ...], value: Any, part: str) -> None:
    data = copy.deepcopy(RICH)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(InputError) as info:
        berichtgegevens_from_data(data)
    assert part in info.value.message, info.value.message


def test_codes_as_numbers_become_text() -> None:
    gegevens = berichtgegevens_from_data(RICH)
    assert (gegevens.sender, gegevens.client.sex, gegevens.client.contacts[0].kind,
            gegevens.client.legal_status) == ("1680", "0", "01", "04")


# --- properties: valid data gives a valid Bericht; whatever the model accepts is XSD-valid ------

def _bsn_from(eight: list[int]) -> str:
    """Eight digits and the ninth that makes the elfproef hold (d8 moved on while that would
    have to be 10; never 000000000)."""
    digits = [*eight[:7], eight[7]] if any(eight) else [*eight[:7], 1]
    while (check := sum(w * d for w, d in zip((9, 8, 7, 6, 5, 4, 3, 2), digits, strict=True)) % 11) == 10:
        digits[7] = (digits[7] + 1) % 10
    return "".join(map(str, digits)) + str(check)


valid_bsns = st.lists(st.integers(0, 9), min_size=8, max_size=8).map(_bsn_from)
LETTERS = st.one_of(st.characters(min_codepoint=ord("A"), max_codepoint=ord("z"), categories=("L",)),
                    st.characters(min_codepoint=0xC0, max_codepoint=0x1EF3, categories=("L",)))


def texts(longest: int | None, lines: bool = False) -> st.SearchStrategy[str]:
    """Text the XSD allows: letters, digits, punctuation, symbols and spaces, not blank."""
    alphabet = st.characters(categories=("L", "N", "P", "S", "Zs"), include_characters="\n" if lines
                             else "")
    return st.text(alphabet, min_size=1, max_size=longest or 300).filter(lambda t: bool(t.strip()))


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def drop_none(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: drop_none(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [drop_none(v) for v in data]
    return data


def ordered_dates(low: date, high: date) -> st.SearchStrategy[dict[str, date]]:
    return st.tuples(st.dates(low, high), st.dates(low, high)).map(sorted).map(
        lambda pair: {"begindatum": pair[0], "einddatum": pair[1]})


dutch_postcodes = st.builds(lambda digits, space, letters: f"{digits}{space}{letters}",
                            st.integers(1000, 9999).map(str), st.sampled_from(["", " "]),
                            st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                                    min_size=2, max_size=2))
"""A Dutch postcode as people write it (1234 ab); with landcode NL nothing else is accepted."""


def _dutch_if_nl(address: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    if address.get("landcode") != "NL" or address.get("postcode") is None:
        return st.just(address)
    return dutch_postcodes.map(lambda code: {**address, "postcode": code})


addresses = st.fixed_dictionaries({
    "huis": optional(st.fixed_dictionaries({
        "huisnummer": st.integers(0, 99_999), "huisletter": optional(texts(1)),
        "toevoeging": optional(texts(4)),
        "aanduiding_woonadres": optional(st.sampled_from(sorted(codes.AANDUIDING_WOONADRES)))})),
    "postcode": optional(texts(8)), "straatnaam": optional(texts(24)),
    "plaatsnaam": optional(texts(80)), "landcode": optional(st.sampled_from(sorted(codes.LANDCODES))),
}).flatmap(_dutch_if_nl)
contacts = st.fixed_dictionaries({
    "soort": st.sampled_from([*codes.ADRESSOORT, 1, 3]),
    "adres": optional(addresses),
    "organisatie": optional(texts(35)),
    "telefoon": optional(st.lists(st.fixed_dictionaries({
        "telefoonnummer": st.text("0123456789", min_size=1, max_size=15),
        "landnummer": texts(4)}), min_size=1, max_size=2)),
    "emailadres": optional(texts(80)),
    "periode": optional(ordered_dates(date(2020, 1, 1), date(2030, 12, 31))),
})
valid_bericht_data = st.fixed_dictionaries({
    "afzender": st.text("0123456789", min_size=4, max_size=4),
    "ontvanger": st.one_of(st.text("0123456789", min_size=8, max_size=8),
                           st.integers(10_000_000, 99_999_999)),
    "berichtidentificatie": st.fixed_dictionaries({
        "identificatie": texts(12),
        "dagtekening": st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31))}),
    "client": st.fixed_dictionaries({
        "bsn": valid_bsns,
        "geboortedatum": st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31)),
        "datumgebruik": optional(st.sampled_from([*codes.DATUMGEBRUIK, 2])),
        "geslacht": st.sampled_from([*codes.GESLACHT, 1]),
        "naam": st.fixed_dictionaries({
            "achternaam": texts(200), "voorvoegsel": optional(texts(10)),
            "partnernaam": optional(st.fixed_dictionaries({"achternaam": texts(200)})),
            "voornamen": optional(texts(200)),
            "voorletters": optional(st.text(LETTERS, min_size=1, max_size=6)),
            "naamgebruik": st.sampled_from([*codes.NAAMGEBRUIK, 5])}),
        "communicatie": optional(st.fixed_dictionaries({
            "vorm": st.sampled_from(sorted(codes.COMMUNICATIEVORM)), "taal": optional(texts(25))})),
        "juridische_status": optional(st.sampled_from(sorted(codes.JURIDISCHE_STATUS))),
        "wettelijke_vertegenwoordiging": optional(
            st.sampled_from([6, *codes.WETTELIJKE_VERTEGENWOORDIGING])),
        "commentaar": optional(texts(None, lines=True)),
        "contactgegevens": st.lists(contacts, min_size=1, max_size=3),
    }),
}).map(drop_none)

TEXT_FIELDS: list[tuple[tuple[Any, ...], int]] = [
    (("berichtidentificatie", "identificatie"), 12),
    (("client", "naam", "achternaam"), 200),
    (("client", "naam", "voorvoegsel"), 10),
    (("client", "naam", "voornamen"), 200),
    (("client", "naam", "voorletters"), 6),
    (("client", "commentaar"), 40),
    (("client", "contactgegevens", 0, "organisatie"), 35),
    (("client", "contactgegevens", 0, "emailadres"), 80),
    (("client", "contactgegevens", 0, "adres", "postcode"), 8),
    (("client", "contactgegevens", 0, "adres", "straatnaam"), 24),
    (("client", "contactgegevens", 0, "adres", "huis", "huisletter"), 1),
    (("client", "bsn"), 9),
    (("afzender",), 4),
]
"""Fields the perturbation test fills with arbitrary text."""


def identified(path: Path, number: int, day: date, moment: time) -> IwmoExport:
    case, _, ind = computed(path)
    assert ind is not None
    return builder.build(ind, builder.IwmoSettings(
        looptijd_maanden=12, toewijzingnummer=number, toewijzingsdatum=day,
        toewijzingstijd=moment.replace(microsecond=0)), case.delivery)


COMPUTABLE = [path for path in shipped_cases() if export_for(path)[1] is not None]
exports = st.builds(identified, st.sampled_from(COMPUTABLE), st.integers(0, 999_999_990),
                    st.dates(), st.times())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=valid_bericht_data, export=exports)
def test_valid_bericht_data_gives_a_valid_bericht(
    data: dict[str, Any], export: IwmoExport, wmo301: xmlschema.XMLSchema
) -> None:
    gegevens = BerichtGegevens.model_validate(data)  # valid data is never refused
    assert elfproef(gegevens.client.bsn)
    for contact in gegevens.client.contacts:  # NL: as iWmo writes it, others as given
        address = contact.address
        if address is not None and address.postcode is not None and address.country == "NL":
            assert re.fullmatch("[1-9][0-9]{3}[A-Z]{2}", address.postcode), address
    assert errors(wmo301, render_bericht(export, gegevens)) == []
    assert errors(wmo301, wrapped(render_xml(export))) == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=valid_bericht_data, field=st.sampled_from(TEXT_FIELDS), noise=st.data())
def test_whatever_the_model_accepts_is_xsd_valid(
    data: dict[str, Any], field: tuple[tuple[Any, ...], int], noise: st.DataObject,
    wmo301: xmlschema.XMLSchema,
) -> None:
    """One field replaced by any text (spaces only, line breaks, control characters, one
    character too long, digits): BerichtGegevens refuses it, or the Bericht is XSD-valid."""
    path, longest = field
    value = noise.draw(st.one_of(st.text(max_size=longest + 1),
                                 st.text("0123456789 .", min_size=longest - 1, max_size=longest + 1)))
    node = data
    for key in path[:-1]:
        node = node.setdefault(key, {}) if isinstance(key, str) else node[key]
    node[path[-1]] = value
    try:
        gegevens = BerichtGegevens.model_validate(data)
    except ValidationError:
        event("geweigerd")
        return
    event("aanvaard")
    _, export = export_for(COMPUTABLE[0])
    assert export is not None
    assert errors(wmo301, render_bericht(export, gegevens)) == []


def test_unicode_spaces_in_commentaar_become_plain(wmo301: xmlschema.XMLSchema) -> None:
    """xmlschema reads LDT_Commentaar's \\S as Python's, so a no-break space would be refused
    there; the model turns Unicode spaces into plain ones (and U+2028 into a line break)."""
    data = copy.deepcopy(RICH)
    data["client"]["commentaar"] = "t/m\xa02026\u2028bellen"
    gegevens = berichtgegevens_from_data(data)
    assert gegevens.client.comment == "t/m 2026\nbellen"
    _, export = export_for(COMPUTABLE[0])
    assert export is not None
    assert errors(wmo301, render_bericht(export, gegevens)) == []


def test_cli_writes_a_valid_bericht(tmp_path: Path, wmo301: xmlschema.XMLSchema) -> None:
    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    out = tmp_path / "bericht.xml"
    result = CliRunner().invoke(app, [
        "bereken", str(ROOT / "cases" / "21-revalidatie.yaml"), "-f", "iwmo-bericht",
        "--bericht", str(EXAMPLE), "--toewijzingnummer", "1", "--toewijzingsdatum", "2026-03-02",
        "--toewijzingstijd", "09:30:15", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert errors(wmo301, str(out)) == []
    root = ET.parse(out).getroot()
    assert root.tag == f"{W}Bericht"
    assert root.findtext(f"{W}Client/{W}ToegewezenProducten/{W}ToegewezenProduct/{W}Einddatum") == \
        "2026-08-31"  # the indication's own end: no --einddatum or --looptijd needed


def test_cli_bad_bericht_file_exit_2_names_the_field(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    bad = tmp_path / "gegevens.yaml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace('"999990019"', '"999990018"'),
                   encoding="utf-8")
    result = CliRunner().invoke(app, [
        "bereken", str(ROOT / "cases" / "01-alleenstaande-volledige-overname.yaml"),
        "-f", "iwmo-bericht", "--bericht", str(bad), "--looptijd", "12", "--toewijzingnummer", "1",
        "--toewijzingsdatum", "2026-03-02", "--toewijzingstijd", "09:30"])
    assert result.exit_code == 2 and result.stdout == ""
    out = " ".join(result.output.split())
    assert "client.bsn" in out and "elfproef" in out and "Traceback" not in out


def test_handleiding_example_is_the_shipped_example() -> None:
    """The berichtgegevens shown in docs/handleiding.md read as the same data as
    examples/iwmo-bericht.yaml (so neither drifts)."""
    text = (ROOT / "docs" / "handleiding.md").read_text(encoding="utf-8")
    block = text.split("### Het volledige bericht", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    assert berichtgegevens_from_data(yaml.safe_load(block)) == load_berichtgegevens(EXAMPLE)
