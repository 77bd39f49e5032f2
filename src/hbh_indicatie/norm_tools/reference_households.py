"""Reference households: a fixed set of cases to show what a norm set means in practice.

``hbh normen vergelijk`` computes each of them under both sets with the engine, so a
policy officer sees the effect of a change on typical households, not only per item.
The households are built here in code (documented below); every protocol fact is given
explicitly and aids/provisions are neutral (not present, not available), so only the
norm set differs between two computations. Every §3 factor that is present counts as asking
for more professional effort (``meer_professionele_inzet: ja``), so a norm set's toeslagen
show in the households they concern.

======================================  ====================================================
kenmerk                                 huishouden
======================================  ====================================================
ref-1-alleen-schoon-en-was              1 persoon; schoon huis en was overgenomen
ref-2-alleen-schoon                     1 persoon; alleen schoon huis overgenomen
ref-3-alleen-veel-beperkingen           1 persoon; veel extra inzet, 1 extra kamer in gebruik
ref-4-paar-partner-kan                  echtpaar; partner kan het huishouden doen
ref-5-paar-partner-kan-niet             echtpaar; partner kan het huishouden niet doen
ref-6-ouder-twee-kinderen               alleenstaande ouder met kinderen van 3 en 8
ref-7-gezin-partner-7-etmalen-weg       gezin met 2 kinderen; partner 7 etmalen per keer weg
======================================  ====================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hbh_indicatie.loading.cases import case_from_data
from hbh_indicatie.models.case import Case, ProfessionalEffort
from hbh_indicatie.models.common import Aid, Category, Provision

REFERENCE_DATE = "2026-01-05"


@dataclass(frozen=True)
class Household:
    key: str
    label: str
    case: Case


def _person(name: str, relation: str, age: int, can: str = "ja",
            absence: object = "geen") -> dict[str, Any]:
    return {"naam": name, "relatie": relation, "leeftijd": age, "kan_huishouden": can,
            "afwezigheid": absence, "overbelast": False, "ongewend_aan_huishouden": False}


def _case(key: str, not_self: tuple[Category, ...], housemates: list[dict[str, Any]],
          effort: str = "geen", rooms_in_use: int = 0) -> Case:
    own = {c.value: ("niet" if c in not_self else "volledig") for c in Category}
    data: dict[str, Any] = {
        "schema": "hbh.casus.v1", "kenmerk": key, "peildatum": REFERENCE_DATE,
        "dreigend_disfunctioneren": ["vervuiling"],
        "woning": {"woonvorm": "zelfstandig", "gemeenschappelijke_ruimten": None,
                   "extra_kamers_in_gebruik": rooms_in_use, "extra_kamers_niet_in_gebruik": 0,
                   "kenmerken_extra_werk": False},
        "client": {"leeftijd": 78, "duur_beperkingen": "langdurig", "verwacht_herstel": None,
                   "extra_inzet_door_beperkingen": effort, "zelf": own, "revalidatie": None,
                   "structurele_regieproblemen": False},
        "huisgenoten": housemates,
        "hulpmiddelen": [{"soort": a.value, "aanwezig": False, "haalbaar": False} for a in Aid],
        "voorliggende_voorzieningen": [
            {"soort": p.value, "beschikbaar_in_gemeente": False, "haalbaar": False}
            for p in Provision
        ],
        "particuliere_hulp": "geen", "netwerk": [], "huisdieren": 0, "derde_persoon": False,
        "extra_bevuiling": False, "huisstofmijt": "geen", "terminale_situatie": "nee",
        "afwijkingen": [],
        "meer_professionele_inzet": dict.fromkeys(ProfessionalEffort.judged(), True),
    }
    return case_from_data(data)


CLEAN = (Category.CLEAN_HOME,)
CLEAN_LAUNDRY = (Category.CLEAN_HOME, Category.LAUNDRY)


def households() -> tuple[Household, ...]:
    """The reference households, in a fixed order."""
    away = [{"etmalen": 7, "per_weken": 2, "vanwege": "werk"}]
    kids = [_person("Kind A", "kind", 3, "nee"), _person("Kind B", "kind", 8)]
    rows = [
        ("ref-1-alleen-schoon-en-was", "1 persoon, schoon huis en was overgenomen",
         CLEAN_LAUNDRY, [], "geen", 0),
        ("ref-2-alleen-schoon", "1 persoon, alleen schoon huis overgenomen", CLEAN, [], "geen", 0),
        ("ref-3-alleen-veel-beperkingen", "1 persoon, veel extra inzet, 1 extra kamer in gebruik",
         CLEAN_LAUNDRY, [], "veel", 1),
        ("ref-4-paar-partner-kan", "echtpaar, partner kan het huishouden doen", CLEAN_LAUNDRY,
         [_person("Partner", "partner", 76)], "geen", 0),
        ("ref-5-paar-partner-kan-niet", "echtpaar, partner kan het huishouden niet doen",
         CLEAN_LAUNDRY, [_person("Partner", "partner", 80, "nee")], "geen", 0),
        ("ref-6-ouder-twee-kinderen", "alleenstaande ouder met kinderen van 3 en 8",
         CLEAN_LAUNDRY, kids, "geen", 0),
        ("ref-7-gezin-partner-7-etmalen-weg",
         "gezin met 2 kinderen, partner 7 etmalen om de week weg voor werk (§2.2)",
         CLEAN_LAUNDRY, [_person("Partner", "partner", 45, absence=away), *kids], "geen", 0),
    ]
    return tuple(
        Household(key, label, _case(key, not_self, mates, effort, rooms))
        for key, label, not_self, mates, effort, rooms in rows
    )
