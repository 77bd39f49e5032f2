"""iWmo 3.2 code lists used in a WMO301 toewijzing (exactly as in the standard).

Sources (iStandaarden iWmo 3.2, via i-Sociaal-Lab/jaapjunior @f24e7c56, see
/work/shared/research/ecosystem.md section A): WJ756 Eenheid, WMO757 Frequentie,
WMO020 Productcategorie, LDT_RedenWijziging; for the message header and the client the
enumerations of basisschema.xsd (iWmo 3.2, BasisschemaXsdVersie 1.0.0). tests/test_iwmo_xsd.py
checks every list against the XSD.
"""

from __future__ import annotations

EENHEID: dict[str, str] = {
    "01": "Minuut",
    "04": "Uur",
    "14": "Etmaal",
    "16": "Dagdeel (4 uur)",
    "82": "Stuks (output)",
    "83": "Euro's",
    "84": "Stuks (inspanning)",
}
"""Codelijst WJ756 (Eenheid)."""

FREQUENTIE: dict[str, str] = {
    "1": "Per dag",
    "2": "Per week",
    "4": "Per maand",
    "6": "Totaal binnen geldigheidsduur toewijzing",
}
"""Codelijst WMO757 (Frequentie) in iWmo 3.2."""

FREQUENTIE_VERVALLEN: dict[str, str] = {"3": "Per vier weken", "5": "Per jaar"}
"""Frequenties uit iWmo 2.x die in 3.2 niet meer bestaan."""

PRODUCTCATEGORIE: dict[str, str] = {
    "01": "Hulp bij het huishouden",
    "02": "Begeleiding",
    "03": "Persoonlijke verzorging",
    "04": "Kortdurend verblijf",
    "05": "Woondiensten",
    "06": "Overige ondersteuning gericht op het individu of huishouden/gezin",
    "07": "Dagbesteding",
    "08": "Vervoerdiensten",
    "09": "Overige groepsgerichte ondersteuning",
    "10": "Overige maatwerk arrangementen",
    "11": "Rolstoelen",
    "12": "Vervoervoorzieningen",
    "13": "Woonvoorzieningen",
    "14": "Overige hulpmiddelen",
    "15": "Beschermd wonen",
    "16": "Opvang",
    "17": "Spoedopvang",
    "18": "Overige beschermd wonen en opvang",
}
"""Codelijst WMO020 (Productcategorie)."""

REDEN_WIJZIGING: dict[str, str] = {
    "01": "Administratieve correctie (vervallen)",
    "02": "Client overleden",
    "03": "Contractwijziging",
    "04": "Herbeoordeling: verlenging toewijzing",
    "05": "Herbeoordeling: verkorting toewijzing",
    "06": "Uitstroom naar ander domein",
    "07": "Verhuizing naar een andere gemeente",
    "08": "Wijziging leveringsvorm",
    "09": "Overstap naar andere aanbieder",
    "10": "Overgang naar nieuwe bekostigingssystematiek",
    "11": "Gemeentelijke herindeling",
    "12": "Geinitieerd door de aanbieder",
    "13": "Verwijderd",
    "14": "Administratieve correctie",
}
"""LDT_RedenWijziging."""

HBH_CATEGORY = "01"
MINUTE = "01"
HOUR = "04"
PER_WEEK = "2"

EENHEID_ALLEEN_MET_FREQUENTIE = frozenset({"14", "16", "83", "84"})
"""CS338/CS343: these units only with Frequentie 2, 4 or 6."""
FREQUENTIE_VOOR_CS338 = frozenset({"2", "4", "6"})

GESLACHT: dict[str, str] = {"0": "Onbekend", "1": "Mannelijk", "2": "Vrouwelijk"}
"""COD046 (LDT_Geslacht)."""

DATUMGEBRUIK: dict[str, str] = {
    "1": "dag onbekend; alleen maand en jaar gebruiken",
    "2": "dag en maand onbekend; alleen jaar gebruiken",
    "3": "dag, maand en jaar onbekend; onbekende datum",
}
"""COD170 (LDT_DatumGebruik)."""

NAAMGEBRUIK: dict[str, str] = {
    "1": "Eigen naam",
    "2": "Naam echtgenoot of geregistreerd partner of alternatieve naam",
    "3": "Naam echtgenoot of geregistreerd partner gevolgd door eigen naam",
    "4": "Eigen naam gevolgd door naam echtgenoot of geregistreerd partner",
    "5": "Pseudoniem",
    "6": "Niet-natuurlijk persoon",
}
"""COD700 (LDT_NaamGebruik)."""

ADRESSOORT: dict[str, str] = {
    "01": "BRP-adres",
    "02": "Correspondentie-adres",
    "03": "Verblijfadres",
    "04": "Tijdelijk verblijfadres",
}
"""COD757 (LDT_AdresSoort)."""

AANDUIDING_WOONADRES: dict[str, str] = {
    "AB": "Aan boord", "BY": "Bij", "TO": "Tegenover", "WW": "Woonwagen",
}
"""NUM061 (LDT_AanduidingWoonadres)."""

COMMUNICATIEVORM: dict[str, str] = {"1": "Tolk taal", "2": "Doventolk", "3": "Doofblindentolk"}
"""COD747 (LDT_Communicatievorm)."""

JURIDISCHE_STATUS: dict[str, str] = {
    "01": "Rechterlijke machtiging (rm) voorlopig / voortgezette machtiging",
    "02": "RM op eigen verzoek",
    "03": "RM met voorwaardelijk ontslag",
    "04": "Onder toezichtstelling (ots)",
    "05": "In bewaring stelling (ibs)",
    "11": "Strafrechterlijke justitiele contacten: tbs",
    "12": "Strafrechterlijke justitiele contacten: overig",
}
"""LDT_JuridischeStatus."""

WETTELIJKE_VERTEGENWOORDIGING: dict[str, str] = {
    "06": "Voogdij",
    "07": "Bewindvoering",
    "08": "Mentorschap",
    "09": "Onder curatele stelling",
    "10": "Zaakwaarneming",
}
"""LDT_WettelijkeVertegenwoordiging."""

_LANDCODE_TEXT = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
    BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
    EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
    GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
    KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
    MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
    QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
    TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
    ZW
"""
LANDCODES = frozenset(_LANDCODE_TEXT.split())
"""COD032 (LDT_LandCode): ISO 3166-1 alpha-2, as enumerated in basisschema.xsd."""

BERICHTCODE = "414"
"""COD002-VEKT: WMO301 Toewijzing Wmo-ondersteuning."""
BERICHTVERSIE = "3"
BERICHTSUBVERSIE = "2"
BASISSCHEMA_XSD_VERSIE = "1.0.0"
BERICHT_XSD_VERSIE = "1.0.0"
"""XsdVersie as in the appinfo of WMO301.xsd and basisschema.xsd (IV034)."""

PRODUCTCODE_STANDAARD = "01A04"
"""HH 1 inspanningsgericht in de landelijke productcodelijst 021 (momentopname 2016).
Een indicatie in minuten per week is inspanningsgericht; gemeenten gebruiken vaak een eigen
code (bilaterale afspraken, IV075) en geven die mee met ``--productcode``."""


def allowed_text(codes: dict[str, str]) -> str:
    return ", ".join(f"{code} ({meaning})" for code, meaning in codes.items())
