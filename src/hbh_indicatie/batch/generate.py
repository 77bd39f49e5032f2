"""A synthetic but plausible caseload for tests and benchmarks (never real clients).

Deterministic: the same seed and activity ids give the same cases, byte for byte. The mix
follows the shape of hbh caseloads (mostly older clients living alone or with a partner, a
minority with children), and exercises every protocol fact: housemates with absences or
overburden, aids present or feasible, provisions, capability per category and per activity,
network, private help, rehabilitation, short-term limitations, terminal situations and
deviations. Figures are made up; only the structure matters.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from hbh_indicatie.models.common import Aid, Category, Provision
from hbh_indicatie.vocabulary.model import Vocabulary

YEAR_START = date(2026, 1, 1)
DYSFUNCTIONS = ("vervuiling", "verwaarlozing", "ontreddering")
FIRST_NAMES = ("Jan", "Els", "Piet", "Fatima", "Henk", "Anouk", "Mohamed", "Ria", "Kees", "Sanne")
EXCLUDED_FORMS = ("kamerhuur", "vakantiewoning", "tweede_woning", "hotel_pension")
CATEGORIES = tuple(c.value for c in Category)


def household_activities(vocab: Vocabulary) -> list[str]:
    """The vocabulary activities every household has (not the care for children, which
    depends on the children's ages): what generated cases state facts about."""
    return [a.id for a in vocab.activities if a.category is not Category.CHILDREN]


def generate(count: int, seed: int, activity_ids: Sequence[str],
             norm_set: str | None = None) -> Iterator[dict[str, Any]]:
    """``count`` case dicts (schema hbh.casus.v1). ``activity_ids`` are activities of the
    shared vocabulary (norms/activiteiten.yaml, :func:`household_activities`) that every
    household has; they are used for capability per activity, tasks of the network and
    deviations, so the cases compute under every norm set. With ``norm_set`` every case names
    that set (``normen``), so ``hbh batch`` needs no ``--normen``."""
    rng = random.Random(seed)
    extra = random.Random(f"issue-11-{seed}")  # its own stream: the other facts stay the same
    for number in range(1, count + 1):
        case = _case(rng, number, tuple(activity_ids))
        _shared_rooms(extra, case)
        _housing_judgement(extra, case)
        case["meer_professionele_inzet"] = _effort(extra, case)
        yield case if norm_set is None else {**case, "normen": norm_set}


def _household(case: dict[str, Any]) -> int:
    group = case["woning"]["woonvorm"] == "woongroep"
    return 1 + sum(1 for m in case["huisgenoten"]
                   if not (m["relatie"] == "kamerhuurder" and m.get("huurovereenkomst") is True)
                   and not (group and m["relatie"] == "huisgenoot"))


def _shared_rooms(rng: random.Random, case: dict[str, Any]) -> None:
    """§1.2: a lodger with a contract in an ordinary dwelling often shares kitchen and
    bathroom; 'bewoners' of common rooms always exceeds the client's household."""
    dwelling = case["woning"]
    lodger = any(m["relatie"] == "kamerhuurder" and m.get("huurovereenkomst") is True
                 for m in case["huisgenoten"])
    shares = rng.random() < 0.6
    if dwelling["woonvorm"] == "zelfstandig" and lodger and shares:
        dwelling["gemeenschappelijke_ruimten"] = {"ruimten": ["keuken", "sanitair"],
                                                   "bewoners": _household(case) + 1}
    shared = dwelling["gemeenschappelijke_ruimten"]
    if shared is not None:
        shared["bewoners"] = max(shared["bewoners"], _household(case) + 1)


def _day(rng: random.Random, start: date, days: int) -> str:
    return (start + timedelta(days=rng.randrange(days))).isoformat()


def _pick(rng: random.Random, weighted: Sequence[tuple[Any, int]]) -> Any:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _case(rng: random.Random, number: int, activities: tuple[str, ...]) -> dict[str, Any]:
    reference = date.fromisoformat(_day(rng, YEAR_START, 365))
    case: dict[str, Any] = {
        "schema": "hbh.casus.v1",
        "kenmerk": f"SYN-{number:07d}",
        "peildatum": reference.isoformat(),
        "dreigend_disfunctioneren": _dysfunction(rng),
        "woning": _dwelling(rng),
        "client": _client(rng, reference, activities),
        "huisgenoten": _housemates(rng),
        "hulpmiddelen": [_aid(rng, aid, reference) for aid in Aid],
        "voorliggende_voorzieningen": [_provision(rng, p) for p in Provision],
        "particuliere_hulp": _private_help(rng),
        "netwerk": _network(rng, activities),
        "huisdieren": _pick(rng, [(0, 70), (1, 22), (2, 6), ("onbekend", 2)]),
        "derde_persoon": _pick(rng, [(False, 95), (True, 4), ("onbekend", 1)]),
        "extra_bevuiling": _pick(rng, [(False, 85), (True, 13), ("onbekend", 2)]),
        "huisstofmijt": _pick(rng, [("geen", 95), ({"allergie": True, "sanering_uitgevoerd": True}, 3),
                                    ({"allergie": True, "sanering_uitgevoerd": False}, 2)]),
        "terminale_situatie": _terminal(rng),
        "afwijkingen": _deviations(rng, activities),
    }
    if case["woning"]["woonvorm"] in EXCLUDED_FORMS:
        # No help in these dwellings (§4.6.1): an overburdened housemate or a terminal situation
        # asking for help would be a rule conflict, not a plausible case.
        case["terminale_situatie"] = "nee"
        for mate in case["huisgenoten"]:
            mate["overbelast"] = False
            mate.pop("eerdere_tijdelijke_indicatie", None)  # only with overbelast: ja (§2.1)
    if rng.random() < 0.1:
        case["ingangsdatum"] = (reference + timedelta(days=rng.randrange(1, 30))).isoformat()
    return case


def _dysfunction(rng: random.Random) -> Any:
    roll = rng.random()
    if roll < 0.03:
        return "onbekend"
    if roll < 0.08:
        return []
    return sorted(rng.sample(DYSFUNCTIONS, _pick(rng, [(1, 80), (2, 17), (3, 3)])))


def _dwelling(rng: random.Random) -> dict[str, Any]:
    form = _pick(rng, [("zelfstandig", 955), ("woongroep", 25), ("kamerhuur", 10),
                       ("vakantiewoning", 3), ("tweede_woning", 3), ("hotel_pension", 4)])
    shared = None
    if form == "woongroep":
        residents = rng.randint(2, 8)
        shared = {
            "ruimten": sorted(rng.sample(["woonkamer", "keuken", "sanitair", "hal_en_trap"],
                                         rng.randint(1, 4))),
            "bewoners": residents,
            "zorgbehoevende_bewoners": rng.randint(1, residents),
        }
    return {
        "woonvorm": form,
        "gemeenschappelijke_ruimten": shared,
        "extra_kamers_in_gebruik": _pick(rng, [(0, 80), (1, 15), (2, 5)]),
        "extra_kamers_niet_in_gebruik": _pick(rng, [(0, 85), (1, 12), (2, 3)]),
        "kenmerken_extra_werk": _pick(rng, [(False, 90), (True, 8), ("onbekend", 2)]),
    }


def _ability(rng: random.Random) -> Any:
    level = _pick(rng, [("niet", 50), ("gedeeltelijk", 27), ("volledig", 18), ("onbekend", 5)])
    return {"gedeeltelijk": rng.randrange(10, 100, 10)} if level == "gedeeltelijk" else level


def _tasks(rng: random.Random, activities: tuple[str, ...]) -> dict[str, Any]:
    if activities and rng.random() < 0.3:
        return {"activiteiten": sorted(rng.sample(activities, min(len(activities), rng.randint(1, 3))))}
    return {"categorieen": sorted(rng.sample(CATEGORIES, rng.randint(1, 2)))}


def _client(rng: random.Random, reference: date, activities: tuple[str, ...]) -> dict[str, Any]:
    short = rng.random() < 0.1
    capability: dict[str, Any] = {c: _ability(rng) for c in CATEGORIES}
    if activities and rng.random() < 0.15:
        chosen = rng.sample(activities, min(len(activities), rng.randint(1, 2)))
        capability["activiteiten"] = {a: _ability(rng) for a in sorted(chosen)}
    rehabilitation = None
    if rng.random() < 0.04:
        rehabilitation = {
            "einddatum": (reference + timedelta(days=rng.randint(14, 180))).isoformat(),
            "anti_revaliderend_voor": _tasks(rng, activities) if rng.random() < 0.5 else None,
        }
    return {
        "leeftijd": min(100, max(18, int(rng.gauss(79, 9)) if rng.random() < 0.85
                                 else rng.randint(18, 64))),
        "duur_beperkingen": "kortdurend" if short else "langdurig",
        "verwacht_herstel": (reference + timedelta(days=rng.randint(7, 120))).isoformat()
        if short else None,
        "extra_inzet_door_beperkingen": _pick(rng, [("geen", 60), ("enig", 25), ("veel", 12),
                                                    ("onbekend", 3)]),
        "zelf": capability,
        "revalidatie": rehabilitation,
        "structurele_regieproblemen": _pick(rng, [(False, 92), (True, 6), ("onbekend", 2)]),
    }


def _absence(rng: random.Random) -> dict[str, Any]:
    """§2.2: a pattern of absences and, where it is asked, the consultant's finding."""
    roll = rng.random()
    if roll < 0.8:
        return {"afwezigheid": "geen"}
    if roll < 0.83:
        return {"afwezigheid": [{"etmalen": rng.randint(2, 5), "per_weken": 1,
                                 "vanwege": "nachtdienst"}]}
    if roll < 0.9:
        nights = rng.randint(1, 6)
        return {"afwezigheid": [{"etmalen": nights, "per_weken": _pick(rng, [(1, 3), (2, 1)]),
                                 "vanwege": _pick(rng, [("werk", 4), ("anders", 1)])}],
                "uitstelbaar_op_thuisdagen": _pick(rng, [("volledig", 60), ({"gedeeltelijk": 50}, 20),
                                                         ("niet", 10), ("onbekend", 10)])}
    nights = rng.randint(7, 21)
    return {"afwezigheid": [{"etmalen": nights, "per_weken": rng.randint((nights + 6) // 7, 4),
                             "vanwege": "werk"}]}


def _mate(rng: random.Random, name: str, relation: str, age: int) -> dict[str, Any]:
    can = _pick(rng, [("ja", 50), ("gedeeltelijk", 15), ("nee", 30), ("onbekend", 5)])
    mate: dict[str, Any] = {
        "naam": name, "relatie": relation, "leeftijd": age, "kan_huishouden": can,
        **(_absence(rng) if 18 <= age < 67 else {"afwezigheid": "geen"}),
        "overbelast": _pick(rng, [(False, 92), (True, 6), ("onbekend", 2)]),
        "ongewend_aan_huishouden": rng.random() < 0.1,
    }
    if mate["overbelast"] is True and rng.random() < 0.3:  # §2.1: a herindicatie
        mate["eerdere_tijdelijke_indicatie"] = {
            "tot": "2025-12-31",
            "pogingen": "Respijtzorg en ondersteuning van de mantelzorger geprobeerd.",
            "overbelasting_niet_te_verminderen": _pick(rng, [(True, 5), (False, 4), ("onbekend", 1)]),
        }
    if can == "gedeeltelijk":
        mate["kan_overnemen"] = {"categorieen": sorted(rng.sample(CATEGORIES, rng.randint(1, 3)))}
    if relation == "kamerhuurder":
        mate["huurovereenkomst"] = rng.random() < 0.7
    return mate


def _housemates(rng: random.Random) -> list[dict[str, Any]]:
    shape = _pick(rng, [("alleen", 58), ("partner", 30), ("gezin", 5), ("eenouder", 3),
                        ("familie", 3), ("kamerhuurder", 1)])
    names = iter(rng.sample(FIRST_NAMES, len(FIRST_NAMES)))
    mates: list[dict[str, Any]] = []
    if shape in ("partner", "gezin"):
        mates.append(_mate(rng, next(names), "partner",
                           rng.randint(30, 55) if shape == "gezin" else rng.randint(60, 95)))
    if shape in ("gezin", "eenouder"):
        for _ in range(rng.randint(1, 3)):
            mates.append(_mate(rng, next(names), "kind", rng.randint(0, 17)))
    if shape == "familie":
        mates.append(_mate(rng, next(names), _pick(rng, [("kind", 2), ("ander_familielid", 1)]),
                           rng.randint(25, 60)))
    if shape == "kamerhuurder":
        mates.append(_mate(rng, next(names), "kamerhuurder", rng.randint(20, 40)))
    return mates


def _aid(rng: random.Random, aid: Aid, reference: date) -> dict[str, Any]:
    present = {Aid.WASHING_MACHINE: 95, Aid.VACUUM: 95, Aid.DRYER: 45, Aid.DISHWASHER: 40,
               Aid.MICROWAVE: 80}.get(aid, 15)
    sufficient = {"afdoende": True} if rng.random() < 0.1 else {}  # §1.4 finding
    if rng.randrange(100) < present:
        return {"soort": aid.value, "aanwezig": True, **sufficient}
    feasible = _pick(rng, [(False, 70), (True, 20), ("onbekend", 10)])
    fact: dict[str, Any] = {"soort": aid.value, "aanwezig": False, "haalbaar": feasible}
    if feasible is True:
        fact["verwacht_per"] = (reference + timedelta(days=rng.randint(-10, 90))).isoformat()
        fact.update(sufficient)
    return fact


def _provision(rng: random.Random, provision: Provision) -> dict[str, Any]:
    available = rng.random() < 0.7
    feasible = _pick(rng, [(True, 40), (False, 50), ("onbekend", 10)]) if available else False
    return {"soort": provision.value, "beschikbaar_in_gemeente": available, "haalbaar": feasible}


def _private_help(rng: random.Random) -> Any:
    if rng.random() < 0.95:
        return "geen"
    changed = rng.random() < 0.4
    return {"aanwezig": True, "financien_gewijzigd": changed,
            "wordt_voortgezet": _pick(rng, [(True, 6), (False, 3), ("onbekend", 1)]),
            "taken": {"categorieen": ["schoon_en_leefbaar_huis"]}}


def _network(rng: random.Random, activities: tuple[str, ...]) -> list[dict[str, Any]]:
    members = []
    for index in range(_pick(rng, [(0, 85), (1, 12), (2, 3)])):
        relation = _pick(rng, [("familie_eerste_graad", 50), ("familie_tweede_graad", 10),
                               ("partner_van_familielid", 5), ("vriend_of_buur", 25),
                               ("vrijwilliger", 8), ("andere_ouder", 2)])
        member: dict[str, Any] = {"naam": f"netwerk {index + 1}", "relatie": relation,
                                  "neemt_over": _tasks(rng, activities)}
        if relation == "andere_ouder":  # §4.4
            member["kinderen_bij_client_procent"] = rng.choice([50, 70, 85])
            member["omgangsregeling_nagekomen"] = _pick(rng, [(True, 8), (False, 2)])
        else:  # §1.6
            member["bereid"] = rng.random() < 0.85
            if rng.random() < 0.4:
                member["aandeel_procent"] = rng.choice([25, 50, 75])
            if relation in ("vriend_of_buur", "vrijwilliger"):
                member["duurzaam"] = _pick(rng, [(True, 7), (False, 2), ("onbekend", 1)])
        members.append(member)
    return members


EXCEPTION = {"motivering": "Synthetisch: geen vakantie, de eigen woning is tijdelijk niet "
                           "bewoonbaar (geen echte casus)."}


def _housing_judgement(rng: random.Random, case: dict[str, Any]) -> None:
    """§4.6.1 'in beginsel': the consultant's exception (and, for a rented room, whether it is
    the client's permanent home). Where children's care (§4.3) or instructie (§1.3) would
    conflict with the exclusion, the consultant made the exception."""
    dwelling = case["woning"]
    if dwelling["woonvorm"] not in EXCLUDED_FORMS:
        rng.random(), rng.random()  # the same number of draws for every case
        return
    permanent = _pick(rng, [(True, 50), (False, 40), ("onbekend", 10)])
    judgement = _pick(rng, [("nee", 80), (EXCEPTION, 12), ("onbekend", 8)])
    if dwelling["woonvorm"] == "kamerhuur":
        dwelling["vaste_woonruimte"] = permanent
        if permanent is True:
            return
    conflict = any(m["leeftijd"] < 18 or m["ongewend_aan_huishouden"] for m in case["huisgenoten"])
    dwelling["uitzondering_woonvorm"] = EXCEPTION if conflict else judgement


def _effort(rng: random.Random, case: dict[str, Any]) -> dict[str, Any]:
    """§3: the consultant's judgement of more professional effort for each factor present
    (mostly ja); the same number of draws for every case."""
    present = {
        "kinderen": any(m["leeftijd"] < 18 for m in case["huisgenoten"]),
        "huisdier": case["huisdieren"] != 0,
        "derde_persoon": case["derde_persoon"] is not False,
        "samenstelling_huishouden": bool(case["huisgenoten"]),
        "extra_kamer_in_gebruik": case["woning"]["extra_kamers_in_gebruik"] > 0,
        "extra_kamer_niet_in_gebruik": case["woning"]["extra_kamers_niet_in_gebruik"] > 0,
        "partner_beperkingen": any(m["relatie"] == "partner" for m in case["huisgenoten"]),
    }
    judged = {factor: _pick(rng, [(True, 80), (False, 17), ("onbekend", 3)])
              for factor in present}
    return {factor: judged[factor] for factor, here in present.items() if here}


def _terminal(rng: random.Random) -> Any:
    if rng.random() < 0.98:
        return "nee"
    return {"van_toepassing": True,
            "ontlasten": {"categorieen": ["schoon_en_leefbaar_huis"]} if rng.random() < 0.7 else None}


def _deviations(rng: random.Random, activities: tuple[str, ...]) -> list[dict[str, Any]]:
    if not activities or rng.random() >= 0.03:
        return []
    return [{
        "activiteit": rng.choice(activities),
        "minuten_per_week": rng.choice([5, 10, 15, 30]),
        "motivering": "Synthetische afwijking voor tests en benchmarks (geen echte casus).",
    }]
