"""iWmo 3.2 code lists used in a ToegewezenProduct (exactly as in the standard).

Sources (iStandaarden iWmo 3.2, via i-Sociaal-Lab/jaapjunior @f24e7c56, see
/work/shared/research/ecosystem.md section A): WJ756 Eenheid, WMO757 Frequentie,
WMO020 Productcategorie, LDT_RedenWijziging.
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

PRODUCTCODE_STANDAARD = "01A04"
"""HH 1 inspanningsgericht in de landelijke productcodelijst 021 (momentopname 2016).
Een indicatie in minuten per week is inspanningsgericht; gemeenten gebruiken vaak een eigen
code (bilaterale afspraken, IV075) en geven die mee met ``--productcode``."""


def allowed_text(codes: dict[str, str]) -> str:
    return ", ".join(f"{code} ({meaning})" for code, meaning in codes.items())
