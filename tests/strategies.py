"""Hypothesis strategies for valid cases (dicts in the Dutch file format), built on builders.

Every generated dict is a complete, valid ``hbh.casus.v1`` case for the shipped protocol
norm set: random capability levels and shares, housemates of every relation with random
age, ability, absence patterns (and the old form), overburden and inexperience, pets, aids
(with or without an afdoende finding), provisions, network members of every relation, private
help, extra soiling, dust mite, woonvorm zelfstandig (with or without kamerverhuur sharing
rooms) or woongroep, revalidatie or kortdurend, and the §3 judgements of more professional
effort.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from hbh_indicatie.models.case import ProfessionalEffort
from tests.builders import case_dict, housemate

REFERENCE = date(2026, 3, 2)
CATEGORIES = (
    "schoon_en_leefbaar_huis",
    "boodschappen_en_maaltijden",
    "wasverzorging",
    "kinderen",
    "organisatie_van_het_huishouden",
)
ACTIVITIES = (
    "opruimen", "afwassen", "stof_afnemen", "stofzuigen", "dweilen", "sanitair", "keuken",
    "bed_verschonen", "ramen_binnen", "ramen_buiten", "periodieke_schoonmaak", "wassen",
    "strijken", "boodschappen", "broodmaaltijd", "warme_maaltijd", "organisatie",
)
AIDS = ("wasdroger", "vaatwasser", "robotstofzuiger")
PROVISIONS = ("boodschappendienst", "glazenwasser", "was_en_strijkservice", "maaltijdservice",
              "kinderopvang")
ROOMS = ("woonkamer", "keuken", "sanitair", "slaapkamer", "hal_en_trap", "overig")

LEVELS = ("niet", "gedeeltelijk", "volledig")


def ability_value(level: str, share: int) -> Any:
    """The file form of an ability: 'niet', 'volledig' or {gedeeltelijk: share}."""
    return {"gedeeltelijk": share} if level == "gedeeltelijk" else level


def ability_rank(level: str, share: int) -> tuple[int, int]:
    """Order of own capability: niet < gedeeltelijk (by share) < volledig."""
    return (LEVELS.index(level), share if level == "gedeeltelijk" else 0)


abilities = st.tuples(st.sampled_from(LEVELS), st.integers(1, 99)).map(
    lambda t: ability_value(*t)
)

selections = st.one_of(
    st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=3, unique=True).map(
        lambda c: {"categorieen": c}
    ),
    st.lists(st.sampled_from(ACTIVITIES), min_size=1, max_size=4, unique=True).map(
        lambda a: {"activiteiten": a}
    ),
)

legacy_absences = st.one_of(
    st.just("geen"),
    st.integers(1, 6).flatmap(lambda n: st.integers(1, 6).map(
        lambda d: {"langste_aaneengesloten_etmalen": n, "dagen_per_week": d})),
    st.builds(lambda n, d: {"langste_aaneengesloten_etmalen": n, "dagen_per_week": d},
              st.integers(7, 30), st.integers(0, 7)),
)
"""The old form of afwezigheid_werk (still read, converted; see models.case.legacy_patterns)."""
long_absences = st.builds(
    lambda n, d: {"langste_aaneengesloten_etmalen": n, "dagen_per_week": d},
    st.integers(7, 30), st.integers(0, 7),
)

REASONS = ("werk", "nachtdienst", "anders")
patterns = st.builds(
    lambda n, w, r: {"etmalen": n, "per_weken": w, "vanwege": r},
    st.integers(1, 14), st.integers(1, 4), st.sampled_from(REASONS),
).filter(lambda p: p["etmalen"] <= 7 * p["per_weken"])
findings = st.one_of(st.sampled_from(("volledig", "niet", "onbekend")),
                     st.integers(1, 99).map(lambda p: {"gedeeltelijk": p}), selections)
FINDING_LEVELS = ("niet", "gedeeltelijk", "volledig")


def away_share(pattern: dict[str, Any]) -> Fraction:
    return Fraction(pattern["etmalen"], 7 * pattern["per_weken"])


def needs_finding(pats: list[dict[str, Any]]) -> bool:
    """§2.2: an absence that is not 7+ etmalen for work (and not only night shifts)."""
    away = [p for p in pats if p["vanwege"] != "nachtdienst"]
    return bool(away) and not any(p["vanwege"] == "werk" and p["etmalen"] >= 7 for p in away)


@st.composite
def absence_facts(draw: st.DrawFn) -> dict[str, Any]:
    """The §2.2 facts of a housemate: a pattern list with, where needed, the finding
    'uitstelbaar_op_thuisdagen'; sometimes the old afwezigheid_werk form."""
    if draw(st.integers(0, 4)) == 0:
        return {"afwezigheid_werk": draw(legacy_absences)}
    pats = draw(st.lists(patterns, max_size=2).filter(
        lambda ps: sum((away_share(p) for p in ps if p["vanwege"] != "nachtdienst"),
                       Fraction(0)) <= 1))
    facts: dict[str, Any] = {"afwezigheid": pats or "geen"}
    if needs_finding(pats):
        facts["uitstelbaar_op_thuisdagen"] = draw(findings)
    return facts


def without_absence(mate: dict[str, Any]) -> dict[str, Any]:
    """A housemate dict without its §2.2 facts (to put others in their place)."""
    drop = ("afwezigheid", "afwezigheid_werk", "uitstelbaar_op_thuisdagen")
    return {k: v for k, v in mate.items() if k not in drop}


ADULT_RELATIONS = ("partner", "kind", "ouder", "ander_familielid", "huisgenoot", "kamerhuurder")


@st.composite
def housemates(draw: st.DrawFn, name: str, adult: bool | None = None) -> dict[str, Any]:
    """A housemate; ``adult`` None draws an adult or a child (under 18, relation kind)."""
    if adult is None:
        adult = draw(st.booleans())
    relation = draw(st.sampled_from(ADULT_RELATIONS)) if adult else "kind"
    age = draw(st.integers(18, 90) if adult else st.integers(0, 17))
    can = draw(st.sampled_from(("ja", "ja", "nee", "gedeeltelijk")))
    extra: dict[str, Any] = {
        "kan_huishouden": can,
        **draw(absence_facts()),
        "overbelast": draw(st.booleans()),
        "ongewend_aan_huishouden": draw(st.booleans()),
    }
    if can == "gedeeltelijk":
        extra["kan_overnemen"] = draw(selections)
    if relation == "kamerhuurder":
        extra["huurovereenkomst"] = draw(st.booleans())
    return housemate(name, relation, age, **extra)


SUFFICIENT = st.sampled_from((None, None, True, False, "onbekend"))


@st.composite
def aid_facts(draw: st.DrawFn) -> list[dict[str, Any]]:
    facts: list[dict[str, Any]] = [{"soort": "wasmachine", "aanwezig": True}]
    if draw(st.booleans()):  # §1.4: a vacuum cleaner for the helper, sometimes absent
        present = draw(st.booleans())
        facts.append({"soort": "stofzuiger", "aanwezig": present}
                     | ({} if present else {"haalbaar": False}))
    for kind in AIDS:
        state = draw(st.sampled_from(("aanwezig", "niet_haalbaar", "haalbaar")))
        sufficient = draw(SUFFICIENT)
        finding = {} if sufficient is None else {"afdoende": sufficient}
        if state == "aanwezig":
            facts.append({"soort": kind, "aanwezig": True, **finding})
        elif state == "niet_haalbaar":
            facts.append({"soort": kind, "aanwezig": False, "haalbaar": False})
        else:
            days = draw(st.integers(-60, 120))  # before the start date: there from the start
            facts.append({"soort": kind, "aanwezig": False, "haalbaar": True,
                          "verwacht_per": (REFERENCE + timedelta(days=days)).isoformat(),
                          **finding})
    return facts


FAMILY = ("familie_eerste_graad", "familie_tweede_graad", "partner_van_familielid")
OTHERS = ("vriend_of_buur", "vrijwilliger")


@st.composite
def network_members(draw: st.DrawFn, name: str) -> dict[str, Any]:
    """A network member of any relation with the facts that relation asks (§1.6, §4.4)."""
    relation = draw(st.sampled_from((*FAMILY, *OTHERS, "andere_ouder")))
    member: dict[str, Any] = {"naam": name, "relatie": relation, "neemt_over": draw(selections)}
    if relation == "andere_ouder":
        member["kinderen_bij_client_procent"] = draw(st.integers(0, 100) | st.just("onbekend"))
        member["omgangsregeling_nagekomen"] = draw(st.sampled_from((True, False, "onbekend")))
        return member
    member["bereid"] = draw(st.booleans())
    if draw(st.booleans()):
        member["aandeel_procent"] = draw(st.integers(1, 100))
    if relation in OTHERS and (member["bereid"] or draw(st.integers(0, 3))):
        # §1.6: a willing member outside the family needs the judgement (a blank is missing)
        member["duurzaam"] = draw(st.sampled_from((True, False, "onbekend")))
    return member


@st.composite
def networks(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(0, 2))
    return [draw(network_members(f"Netwerk{i}")) for i in range(count)]


@st.composite
def private_help(draw: st.DrawFn) -> dict[str, Any]:
    """§1.6 particuliere hulp: whether it is continued is asked (a blank is missing) once the
    finances changed or that is not known; with unchanged finances it may be left out."""
    changed = draw(st.sampled_from((True, False, "onbekend")))
    continued = draw(st.sampled_from((None, True, False, "onbekend") if changed is False
                                     else (True, False, "onbekend")))
    return {"aanwezig": True, "financien_gewijzigd": changed, "taken": draw(selections),
            **({} if continued is None else {"wordt_voortgezet": continued})}


private_helps = st.one_of(st.just("geen"), private_help())


@st.composite
def provision_facts(draw: st.DrawFn) -> list[dict[str, Any]]:
    return [
        {"soort": kind, "beschikbaar_in_gemeente": draw(st.booleans()),
         "haalbaar": draw(st.booleans())}
        for kind in PROVISIONS
    ]


@st.composite
def shared_spaces(draw: st.DrawFn) -> dict[str, Any]:
    """Common rooms (§1.2); 'bewoners' is raised to fit the household by ``fit_residents``."""
    residents = draw(st.integers(2, 8))
    shared: dict[str, Any] = {
        "ruimten": draw(st.lists(st.sampled_from(ROOMS), min_size=1, max_size=3, unique=True)),
        "bewoners": residents,
    }
    if draw(st.booleans()):
        shared["zorgbehoevende_bewoners"] = draw(st.integers(1, residents))
    return shared


@st.composite
def dwellings(draw: st.DrawFn) -> dict[str, Any]:
    """Zelfstandig, zelfstandig with kamerverhuur (shared rooms) or a woongroep."""
    dwelling: dict[str, Any] = {
        "woonvorm": "zelfstandig",
        "gemeenschappelijke_ruimten": None,
        "extra_kamers_in_gebruik": draw(st.integers(0, 2)),
        "extra_kamers_niet_in_gebruik": draw(st.integers(0, 2)),
        "kenmerken_extra_werk": draw(st.booleans()),
    }
    form = draw(st.sampled_from(("zelfstandig", "zelfstandig", "kamerverhuur", "woongroep")))
    if form != "zelfstandig":
        dwelling["woonvorm"] = "woongroep" if form == "woongroep" else "zelfstandig"
        dwelling["gemeenschappelijke_ruimten"] = draw(shared_spaces())
    return dwelling


def household_size(data: dict[str, Any]) -> int:
    """Persons in the client's household: not a lodger with a contract, and in a woongroep
    not a fellow resident (relation huisgenoot), §1.2."""
    group = data["woning"]["woonvorm"] == "woongroep"
    return 1 + sum(
        1 for m in data["huisgenoten"]
        if not (m["relatie"] == "kamerhuurder" and m.get("huurovereenkomst") is True)
        and not (group and m["relatie"] == "huisgenoot")
    )


def fit_residents(data: dict[str, Any]) -> dict[str, Any]:
    """Raise 'bewoners' of the common rooms above the household size (they count it too)."""
    shared = data["woning"].get("gemeenschappelijke_ruimten")
    if shared:
        shared["bewoners"] = max(shared["bewoners"], household_size(data) + 1)
        if shared.get("zorgbehoevende_bewoners", 0) > shared["bewoners"]:
            shared["zorgbehoevende_bewoners"] = shared["bewoners"]
    return data


@st.composite
def clients(draw: st.DrawFn) -> dict[str, Any]:
    zelf: dict[str, Any] = {cat: draw(abilities) for cat in CATEGORIES}
    overrides = draw(st.dictionaries(st.sampled_from(ACTIVITIES), abilities, max_size=3))
    if overrides:
        zelf["activiteiten"] = overrides
    course = draw(st.sampled_from(("langdurig", "kortdurend", "revalidatie")))
    client: dict[str, Any] = {
        "leeftijd": draw(st.integers(18, 100)),
        "duur_beperkingen": "langdurig",
        "verwacht_herstel": None,
        "extra_inzet_door_beperkingen": draw(st.sampled_from(("geen", "enig", "veel"))),
        "zelf": zelf,
        "revalidatie": None,
        "structurele_regieproblemen": draw(st.booleans()),
    }
    if course == "kortdurend":
        client["duur_beperkingen"] = "kortdurend"
        client["verwacht_herstel"] = (REFERENCE + timedelta(days=draw(st.integers(1, 200)))
                                      ).isoformat()
    elif course == "revalidatie":
        client["revalidatie"] = {
            "einddatum": (REFERENCE + timedelta(days=draw(st.integers(1, 300)))).isoformat(),
            "anti_revaliderend_voor": draw(st.none() | selections),
        }
    return client


JUDGEMENTS = ("ja", "ja", "nee", "onbekend")
EFFORT_FACTORS = ("kinderen", "derde_persoon", "huisdier", "samenstelling_huishouden",
                  "extra_kamer_in_gebruik", "extra_kamer_niet_in_gebruik", "partner_beperkingen")
assert set(EFFORT_FACTORS) == ProfessionalEffort.judged()


@st.composite
def effort_judgements(draw: st.DrawFn) -> dict[str, Any]:
    """§3 meer_professionele_inzet: the consultant's judgement for every factor a toeslag of a
    shipped norm set asks it for, whether or not the case has it (a factor that is there needs
    it: a blank is missing, rules/required_facts.py; tests that add pets or children to a
    drawn case find the judgement there)."""
    return {f: draw(st.sampled_from(JUDGEMENTS)) for f in EFFORT_FACTORS}


terminal_situations = st.one_of(
    st.just("nee"),
    st.builds(lambda sel: {"van_toepassing": True, "ontlasten": sel}, st.none() | selections),
)


@st.composite
def cases(draw: st.DrawFn, max_housemates: int = 3, terminal: bool = True) -> dict[str, Any]:
    """A complete valid case dict (woonvorm zelfstandig or woongroep); ``terminal=False``
    leaves out the terminal situation (§4.5), whose relief changes usual help."""
    adults = draw(st.integers(0, min(2, max_housemates)))
    children = draw(st.integers(0, max_housemates - adults))
    mates = [draw(housemates(f"Volwassene{i}", adult=True)) for i in range(adults)]
    mates += [draw(housemates(f"Kind{i}", adult=False)) for i in range(children)]
    mates = draw(st.permutations(mates))
    mite = draw(st.sampled_from(("geen", "met_sanering", "zonder_sanering")))
    return fit_residents(case_dict(
        woning=draw(dwellings()),
        client=draw(clients()),
        huisgenoten=mates,
        hulpmiddelen=draw(aid_facts()),
        netwerk=draw(networks()),
        particuliere_hulp=draw(private_helps),
        voorliggende_voorzieningen=draw(provision_facts()),
        huisdieren=draw(st.integers(0, 5)),
        derde_persoon=draw(st.booleans()),
        extra_bevuiling=draw(st.booleans()),
        huisstofmijt="geen" if mite == "geen"
        else {"allergie": True, "sanering_uitgevoerd": mite == "met_sanering"},
        terminale_situatie=draw(terminal_situations) if terminal else "nee",
        meer_professionele_inzet=draw(effort_judgements()),
    ))
