"""One CSV row (flat, documented columns; see docs/batch.md) to a case dict.

CSV covers the common case: client, at most one partner, children by age, aids, provisions
and the simple yes/no facts. Network, private help, deviations and shared spaces need the
nested structure of JSON Lines (the primary, full-fidelity format); their columns accept
only ``geen`` so a row never silently drops a fact. Values are passed on as text where the
case model itself checks them, so the Dutch validation messages name the case field.
"""

from __future__ import annotations

import re
from typing import Any

from hbh_indicatie.errors import HbhError, Problem
from hbh_indicatie.models.common import Category

REQUIRED = (
    "kenmerk", "peildatum", "dreigend_disfunctioneren", "woonvorm", "extra_kamers_in_gebruik",
    "extra_kamers_niet_in_gebruik", "kenmerken_extra_werk", "leeftijd", "duur_beperkingen",
    "verwacht_herstel", "extra_inzet_door_beperkingen", "structurele_regieproblemen",
    *(f"zelf_{c.value}" for c in Category),
    "partner_leeftijd", "kinderen_leeftijden", "hulpmiddelen", "voorliggende_voorzieningen",
    "huisdieren", "derde_persoon", "extra_bevuiling", "huisstofmijt", "terminale_situatie",
    "revalidatie", "particuliere_hulp", "netwerk", "afwijkingen",
)
PARTNER = ("partner_kan_huishouden", "partner_overbelast", "partner_ongewend_aan_huishouden")
PARTNER_OLD_ABSENCE = ("partner_afwezig_etmalen", "partner_afwezig_dagen_per_week")
"""The old absence columns (longest absence, days per week): still read, converted like the
old ``afwezigheid_werk``; ``partner_afwezigheid`` is the pattern form (§2.2)."""
PARTNER_PREVIOUS = ("partner_eerdere_tijdelijke_indicatie_tot", "partner_pogingen",
                    "partner_overbelasting_niet_te_verminderen")
OPTIONAL = ("ingangsdatum", "normen", "omschrijving", "kinderen_kan_huishouden",
            "partner_kan_overnemen", *PARTNER, *PARTNER_OLD_ABSENCE, "partner_afwezigheid",
            "partner_uitstelbaar_op_thuisdagen", *PARTNER_PREVIOUS, "meer_professionele_inzet",
            "uitzondering_woonvorm", "vaste_woonruimte", "ondersteuningswijze",
            "oefenplan_taken", "oefenplan_fasen", "zrm")
CATEGORIES = {c.value for c in Category}
COLUMNS = (*REQUIRED, *OPTIONAL)
_YES_NO = {"ja": True, "nee": False, "true": True, "false": False}


class RowError(HbhError):
    """A CSV row that cannot be mapped onto a case (Dutch reason names the column)."""


def case_from_row(row: dict[str, Any]) -> dict[str, Any]:
    if None in row:
        raise RowError("de regel heeft meer waarden dan de kopregel kolommen heeft")
    cells = {k: (v or "").strip() for k, v in row.items()}
    missing = [c for c in REQUIRED if c not in cells]
    unknown = sorted(c for c in cells if c not in COLUMNS)
    if missing or unknown:
        parts = [f"kolom ontbreekt: {', '.join(missing)}"] if missing else []
        parts += [f"onbekende kolom: {', '.join(unknown)}"] if unknown else []
        raise RowError("; ".join(parts) + " (zie docs/batch.md)")
    for column in ("particuliere_hulp", "netwerk", "afwijkingen"):
        if cells[column] != "geen":
            raise RowError(f"kolom '{column}': in CSV alleen 'geen'; gebruik JSON Lines voor meer")
    case: dict[str, Any] = {
        "kenmerk": cells["kenmerk"],
        "peildatum": cells["peildatum"],
        "dreigend_disfunctioneren": _dysfunction(cells["dreigend_disfunctioneren"]),
        "woning": {
            "woonvorm": cells["woonvorm"],
            "gemeenschappelijke_ruimten": None,
            "extra_kamers_in_gebruik": cells["extra_kamers_in_gebruik"],
            "extra_kamers_niet_in_gebruik": cells["extra_kamers_niet_in_gebruik"],
            "kenmerken_extra_werk": _yes_no(cells["kenmerken_extra_werk"]),
        },
        "client": {
            "leeftijd": cells["leeftijd"],
            "duur_beperkingen": cells["duur_beperkingen"],
            "verwacht_herstel": cells["verwacht_herstel"] or None,
            "extra_inzet_door_beperkingen": cells["extra_inzet_door_beperkingen"],
            "zelf": {c.value: _ability(cells[f"zelf_{c.value}"], f"zelf_{c.value}")
                     for c in Category},
            "revalidatie": _rehabilitation(cells["revalidatie"]),
            "structurele_regieproblemen": _yes_no(cells["structurele_regieproblemen"]),
        },
        "huisgenoten": _housemates(cells),
        "hulpmiddelen": [_aid(k, v) for k, v in _pairs(cells["hulpmiddelen"], "hulpmiddelen")],
        "voorliggende_voorzieningen": [
            _provision(k, v) for k, v in _pairs(cells["voorliggende_voorzieningen"],
                                                "voorliggende_voorzieningen")
        ],
        "particuliere_hulp": "geen",
        "netwerk": [],
        "huisdieren": cells["huisdieren"],
        "derde_persoon": _yes_no(cells["derde_persoon"]),
        "extra_bevuiling": _yes_no(cells["extra_bevuiling"]),
        "huisstofmijt": _dust_mite(cells["huisstofmijt"]),
        "terminale_situatie": {"van_toepassing": _yes_no(cells["terminale_situatie"])},
        "afwijkingen": [],
    }
    for optional in ("ingangsdatum", "normen", "omschrijving"):
        if cells.get(optional):
            case[optional] = cells[optional]
    if cells.get("uitzondering_woonvorm"):
        value = cells["uitzondering_woonvorm"]
        case["woning"]["uitzondering_woonvorm"] = (
            value if value.lower() in ("nee", "onbekend") else {"motivering": value})
    if cells.get("vaste_woonruimte"):
        case["woning"]["vaste_woonruimte"] = _yes_no(cells["vaste_woonruimte"])
    _support(cells, case["client"])
    if cells.get("meer_professionele_inzet"):
        case["meer_professionele_inzet"] = {
            factor: _yes_no(value)
            for factor, value in _pairs(cells["meer_professionele_inzet"], "meer_professionele_inzet")
        }
    return case


def _support(cells: dict[str, str], client: dict[str, Any]) -> None:
    """Bijlage 2 / §1.5 / §1.3: how the help works, the oefenplan and the ZRM scores. The
    case model checks the modes, activities and scores and names the case field."""
    modes = _pairs(cells.get("ondersteuningswijze", ""), "ondersteuningswijze")
    if modes:
        client["ondersteuningswijze"] = [{"taken": _tasks(task), "wijze": mode}
                                         for task, mode in modes]
    tasks, phases = cells.get("oefenplan_taken", ""), cells.get("oefenplan_fasen", "")
    if bool(tasks) != bool(phases):
        raise RowError("de kolommen oefenplan_taken en oefenplan_fasen horen bij elkaar")
    if tasks:
        client["oefenplan"] = {"taken": _tasks(tasks),
                               "fasen": [_phase(p) for p in phases.split(";") if p.strip()]}
    scores = _pairs(cells.get("zrm", ""), "zrm")
    if scores:
        client["zrm"] = dict(scores)


def _phase(part: str) -> dict[str, str]:
    mode, sep, weeks = part.partition(":")
    if not sep:
        raise RowError(f"kolom 'oefenplan_fasen': '{part.strip()}' moet de vorm WIJZE:WEKEN "
                       "hebben, bijv. stimuleren_en_aanleren:6")
    return {"wijze": mode.strip(), "weken": weeks.strip()}


def _yes_no(value: str) -> Any:
    return _YES_NO.get(value.lower(), value)


def _dysfunction(value: str) -> Any:
    if value in ("onbekend",):
        return value
    return [] if value == "geen" else [v.strip() for v in value.split(";") if v.strip()]


def _ability(value: str, column: str) -> Any:
    level, _, share = value.partition(":")
    if level != "gedeeltelijk":
        return value
    if not share.strip().isdigit():
        raise RowError(f"kolom '{column}': schrijf 'gedeeltelijk:PROCENT', bijvoorbeeld gedeeltelijk:40")
    return {"gedeeltelijk": int(share)}


def _rehabilitation(value: str) -> Any:
    if value == "geen":
        return None
    return {"einddatum": value, "anti_revaliderend_voor": None}


def _dust_mite(value: str) -> Any:
    if value == "geen":
        return "geen"
    if value in ("gesaneerd", "niet_gesaneerd"):
        return {"allergie": True, "sanering_uitgevoerd": value == "gesaneerd"}
    raise RowError(f"kolom 'huisstofmijt': '{value}' (toegestaan: geen, gesaneerd, niet_gesaneerd)")


def _pairs(value: str, column: str) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for part in (p.strip() for p in value.split(";")):
        if not part or part == "geen":
            continue
        name, sep, state = part.partition("=")
        if not sep:
            raise RowError(f"kolom '{column}': '{part}' moet de vorm soort=waarde hebben")
        pairs.append((name.strip(), state.strip()))
    return pairs


def _aid(kind: str, state: str) -> dict[str, Any]:
    base, sufficient = state, state.endswith("_afdoende")
    if sufficient:  # §1.4: the consultant found the aid solves it afdoende
        base = state.removesuffix("_afdoende")
    finding = {"afdoende": True} if sufficient else {}
    if base == "aanwezig":
        return {"soort": kind, "aanwezig": True, **finding}
    if base.startswith("haalbaar_per_"):
        return {"soort": kind, "aanwezig": False, "haalbaar": True,
                "verwacht_per": base.removeprefix("haalbaar_per_"), **finding}
    if not sufficient and base == "niet_haalbaar":
        return {"soort": kind, "aanwezig": False, "haalbaar": False}
    if not sufficient and base == "onbekend":
        return {"soort": kind, "aanwezig": False, "haalbaar": "onbekend"}
    raise RowError(f"kolom 'hulpmiddelen': '{kind}={state}' (toegestaan: aanwezig, niet_haalbaar, "
                   "onbekend, haalbaar_per_JJJJ-MM-DD; aanwezig en haalbaar_per_… met "
                   "'_afdoende' erachter als het hulpmiddel het probleem afdoende oplost)")


def _provision(kind: str, state: str) -> dict[str, Any]:
    options = {
        "niet_beschikbaar": (False, False),
        "haalbaar": (True, True),
        "niet_haalbaar": (True, False),
        "onbekend": (True, "onbekend"),
    }
    if state not in options:
        raise RowError(f"kolom 'voorliggende_voorzieningen': '{kind}={state}' (toegestaan: "
                       f"{', '.join(options)})")
    available, feasible = options[state]
    return {"soort": kind, "beschikbaar_in_gemeente": available, "haalbaar": feasible}


def _housemates(cells: dict[str, str]) -> list[dict[str, Any]]:
    mates: list[dict[str, Any]] = []
    if cells["partner_leeftijd"]:
        missing = [c for c in PARTNER if not cells.get(c)]
        if missing:
            raise RowError(f"bij 'partner_leeftijd' horen ook: {', '.join(missing)}")
        partner: dict[str, Any] = {
            "naam": "partner", "relatie": "partner", "leeftijd": cells["partner_leeftijd"],
            "kan_huishouden": cells["partner_kan_huishouden"],
            **_partner_absence(cells),
            "overbelast": _yes_no(cells["partner_overbelast"]),
            "ongewend_aan_huishouden": _yes_no(cells["partner_ongewend_aan_huishouden"]),
        }
        previous = _previous_overburden(cells)
        if previous is not None:
            partner["eerdere_tijdelijke_indicatie"] = previous
        if cells.get("partner_kan_overnemen"):
            partner["kan_overnemen"] = _tasks(cells["partner_kan_overnemen"])
        mates.append(partner)
    ages = [a.strip() for a in cells["kinderen_leeftijden"].split(";") if a.strip()]
    if ages and ages != ["geen"]:
        can = cells.get("kinderen_kan_huishouden", "")
        if not can:
            raise RowError("bij 'kinderen_leeftijden' hoort 'kinderen_kan_huishouden' (ja, nee, onbekend)")
        for number, age in enumerate(ages, start=1):
            mates.append({
                "naam": f"kind {number}", "relatie": "kind", "leeftijd": age, "kan_huishouden": can,
                "afwezigheid": "geen", "overbelast": False, "ongewend_aan_huishouden": False,
            })
    return mates


def _partner_absence(cells: dict[str, str]) -> dict[str, Any]:
    """§2.2: 'partner_afwezigheid' as ETMALEN/PER_WEKEN/VANWEGE;… (or 'geen'), or the old
    columns partner_afwezig_etmalen and partner_afwezig_dagen_per_week (converted)."""
    pattern = cells.get("partner_afwezigheid", "")
    old = [cells.get(c, "") for c in PARTNER_OLD_ABSENCE]
    facts: dict[str, Any] = {}
    if pattern:
        if any(old):
            raise RowError("noem 'partner_afwezigheid' of de oude kolommen partner_afwezig_etmalen "
                           "en partner_afwezig_dagen_per_week, niet allebei")
        facts["afwezigheid"] = "geen" if pattern == "geen" else [
            _pattern(part) for part in pattern.split(";") if part.strip()]
    elif all(old):
        facts["afwezigheid_werk"] = {"langste_aaneengesloten_etmalen": old[0],
                                     "dagen_per_week": old[1]}
    else:
        raise RowError("bij 'partner_leeftijd' hoort 'partner_afwezigheid' (geen, of bijv. "
                       "7/2/werk;2/1/anders), of de oude kolommen partner_afwezig_etmalen en "
                       "partner_afwezig_dagen_per_week")
    finding = cells.get("partner_uitstelbaar_op_thuisdagen", "")
    if finding in ("volledig", "niet", "onbekend") or finding.startswith("gedeeltelijk"):
        facts["uitstelbaar_op_thuisdagen"] = _ability(finding, "partner_uitstelbaar_op_thuisdagen")
    elif finding:  # which uitstelbare tasks: result categories and/or activities
        facts["uitstelbaar_op_thuisdagen"] = _tasks(finding)
    return facts


def _pattern(part: str) -> dict[str, Any]:
    fields = [f.strip() for f in part.split("/")]
    if len(fields) != 3:
        raise RowError(f"kolom 'partner_afwezigheid': '{part.strip()}' moet de vorm "
                       "ETMALEN/PER_WEKEN/VANWEGE hebben, bijv. 7/2/werk")
    return {"etmalen": fields[0], "per_weken": fields[1], "vanwege": fields[2]}


def _previous_overburden(cells: dict[str, str]) -> dict[str, Any] | None:
    """§2.1: the temporary indication before, when all three columns are filled."""
    values = [cells.get(c, "") for c in PARTNER_PREVIOUS]
    if not any(values):
        return None
    if not all(values):
        raise RowError(f"de kolommen {', '.join(PARTNER_PREVIOUS)} horen bij elkaar")
    until, attempts, cannot_reduce = values
    return {"tot": until, "pogingen": attempts,
            "overbelasting_niet_te_verminderen": _yes_no(cannot_reduce)}


def _tasks(value: str) -> dict[str, list[str]]:
    """'wasverzorging;stofzuigen': result categories and activity ids, split by kind."""
    names = [n.strip() for n in value.split(";") if n.strip()]
    return {"categorieen": [n for n in names if n in CATEGORIES],
            "activiteiten": [n for n in names if n not in CATEGORIES]}


_CSV_STATES = {
    "hulpmiddelen": "{kind}=aanwezig, {kind}=niet_haalbaar, {kind}=onbekend of "
                    "{kind}=haalbaar_per_JJJJ-MM-DD",
    "voorliggende_voorzieningen": "{kind}=haalbaar, {kind}=niet_haalbaar, {kind}=onbekend of "
                                  "{kind}=niet_beschikbaar",
}


def csv_problem(problem: Problem) -> Problem:
    """A missing aid or provision told in the CSV's own notation ('vaatwasser=aanwezig' in the
    column hulpmiddelen) instead of the case file's; other problems unchanged."""
    template = _CSV_STATES.get(problem.field)
    found = re.match(r"'([a-z_]+)' ontbreekt", problem.message)
    if template is None or found is None:
        return problem
    return Problem(f"kolom {problem.field}", problem.message,
                   template.format(kind=found.group(1)))
