"""Builders for case dicts in tests: a complete, valid base case and housemate helpers."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

BASE_CASE: dict[str, Any] = {
    "schema": "hbh.casus.v1",
    "kenmerk": "test",
    "peildatum": "2026-03-02",
    "normen": "protocol-hbh",
    "dreigend_disfunctioneren": ["vervuiling"],
    "woning": {
        "woonvorm": "zelfstandig",
        "gemeenschappelijke_ruimten": None,
        "extra_kamers_in_gebruik": 0,
        "extra_kamers_niet_in_gebruik": 0,
        "kenmerken_extra_werk": False,
    },
    "client": {
        "leeftijd": 80,
        "duur_beperkingen": "langdurig",
        "verwacht_herstel": None,
        "extra_inzet_door_beperkingen": "geen",
        "zelf": {
            "schoon_en_leefbaar_huis": "niet",
            "wasverzorging": "niet",
            "boodschappen_en_maaltijden": "niet",
            "kinderen": "niet",
            "organisatie_van_het_huishouden": "niet",
        },
        "revalidatie": None,
        "structurele_regieproblemen": False,
    },
    "huisgenoten": [],
    "hulpmiddelen": [
        {"soort": "wasmachine", "aanwezig": True},
        {"soort": "wasdroger", "aanwezig": False, "haalbaar": False},
        {"soort": "vaatwasser", "aanwezig": False, "haalbaar": False},
        {"soort": "robotstofzuiger", "aanwezig": False, "haalbaar": False},
    ],
    "voorliggende_voorzieningen": [
        {"soort": "boodschappendienst", "beschikbaar_in_gemeente": False, "haalbaar": False},
        {"soort": "glazenwasser", "beschikbaar_in_gemeente": False, "haalbaar": False},
        {"soort": "was_en_strijkservice", "beschikbaar_in_gemeente": False, "haalbaar": False},
        {"soort": "maaltijdservice", "beschikbaar_in_gemeente": False, "haalbaar": False},
        {"soort": "kinderopvang", "beschikbaar_in_gemeente": False, "haalbaar": False},
    ],
    "particuliere_hulp": "geen",
    "netwerk": [],
    "huisdieren": 0,
    "derde_persoon": False,
    "extra_bevuiling": False,
    "huisstofmijt": "geen",
    "terminale_situatie": "nee",
    "afwijkingen": [],
}


def case_dict(**overrides: Any) -> dict[str, Any]:
    """A deep copy of the base case with top-level keys replaced."""
    data = copy.deepcopy(BASE_CASE)
    data.update(copy.deepcopy(overrides))
    if "meer_professionele_inzet" not in overrides:
        # §3: a factor that is there needs the consultant's judgement (a blank is missing);
        # the builders record onbekend, as a consultant who has not yet judged it would
        factors = effort_factors(data)
        if factors:
            data["meer_professionele_inzet"] = dict.fromkeys(factors, "onbekend")
    return data


def effort_factors(data: dict[str, Any]) -> list[str]:
    """The §3 factors of ``meer_professionele_inzet`` that are there in the case dict ``data``
    (for a blank judgement of one of them the case is not complete): worked out here from the
    dict, apart from the case model's own ``Case.effort_factors_present``."""
    group = data["woning"].get("woonvorm") == "woongroep"
    household = [m for m in data["huisgenoten"] if isinstance(m, dict)
                 and not (m.get("relatie") == "kamerhuurder" and m.get("huurovereenkomst") is True)
                 and not (group and m.get("relatie") == "huisgenoot")]
    dwelling = data["woning"]
    there = {
        "kinderen": any(m.get("relatie") == "kind" and _age(m, str(data["peildatum"])) < 18
                        for m in household),
        "derde_persoon": data.get("derde_persoon") is True,
        "huisdier": data.get("huisdieren") not in (0, "onbekend", None),
        "samenstelling_huishouden": bool(household),
        "extra_kamer_in_gebruik": int(dwelling.get("extra_kamers_in_gebruik", 0)) > 0,
        "extra_kamer_niet_in_gebruik": int(dwelling.get("extra_kamers_niet_in_gebruik", 0)) > 0,
        "partner_beperkingen": any(m.get("relatie") == "partner"
                                   and m.get("kan_huishouden") in ("nee", "gedeeltelijk")
                                   for m in household),
    }
    return [factor for factor, present in there.items() if present]


def _age(mate: dict[str, Any], on: str) -> int:
    """A housemate's age: ``leeftijd``, or from ``geboortedatum`` on the peildatum."""
    if "leeftijd" in mate:
        return int(mate["leeftijd"])
    born, day = date.fromisoformat(str(mate["geboortedatum"])), date.fromisoformat(on)
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def housemate(name: str = "Jan", relation: str = "partner", age: int = 60, **extra: Any) -> dict[str, Any]:
    mate: dict[str, Any] = {
        "naam": name,
        "relatie": relation,
        "leeftijd": age,
        "kan_huishouden": "ja",
        "afwezigheid": "geen",
        "overbelast": False,
        "ongewend_aan_huishouden": False,
    }
    if "afwezigheid_werk" in extra:  # the old form (still read, converted): not both
        del mate["afwezigheid"]
    mate.update(extra)
    return mate


def says(output: str, text: str) -> bool:
    """Whether the CLI ``output`` (a Dutch message, maybe wrapped in a box) says ``text``:
    box lines and line breaks ignored."""
    def squeeze(value: str) -> str:
        return "".join(value.translate({ord(c): " " for c in "│╭╮╰╯─"}).split())

    return squeeze(text) in squeeze(output)
