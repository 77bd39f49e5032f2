"""``hbh normen importeer``: a spreadsheet export (CSV) to a validated YAML norm set.

One row per item. Separator ``;`` or ``,`` (detected). Columns (header names, any order;
empty cells are absent values):

===========================  ===============================================================
kolom                        betekenis
===========================  ===============================================================
soort                        activiteit (leeg = activiteit), toeslag of aftrek
id, label                    id (kleine letters, cijfers, _ en -) en omschrijving
categorie                    resultaatcategorie (schoon_en_leefbaar_huis, wasverzorging, ...)
hoeveelheid, eenheid         getal (leeg bij status onbekend) en minuten of uren
hoeveelheid_vanaf_N          optioneel, per huishoudgrootte: de hoeveelheid vanaf N personen
                             (N = 1, 2, 3, ...; begin bij 1; met de herkomst van de rij)
vervangbaar_door             optioneel: wat het onderdeel (deels) overneemt, als
                             'voorziening:was_en_strijkservice:100; hulpmiddel:wasmachine:50'
keer, per                    frequentie: keer per dag, week, 2_weken, 4_weken, maand of jaar
uitstelbaar                  ja of nee (§2.3)
status, bron, vindplaats     herkomst: gepubliceerd (met bron), voorbeeld of onbekend
toelichting                  optioneel, bij de herkomst
bron_titel, bron_adres       titel en adres van de bron (één keer per bron-id nodig)
per_kind_van, per_kind_tot   optioneel: onderdeel telt per kind in deze leeftijden
voorwaarde                   toeslag/aftrek: voorwaarde uit de vaste lijst
vermenigvuldiging            toeslag: vast, per_kind, per_huisdier of per_kamer
maximum_minuten_per_week     toeslag: maximum (met de herkomst van de rij)
activiteit                   aftrek: het onderdeel waarop de aftrek in mindering komt
activiteiten                 toeslag: de onderdelen die de toeslag verlengt (§3), gescheiden
                             door spaties
paragraaf                    toeslag/aftrek: protocolparagraaf, bijvoorbeeld §3
===========================  ===============================================================

The set's header (id, title, validity) comes from the command's options; weeks per year,
rounding, terms, instructie and age bands are the template's defaults with status
voorbeeld (edit them afterwards); an age band keeps only the tasks of activities the import
has. The municipality's own policy choices and, without sources in the CSV, the main source
are written as ``VUL IN: …`` (``hbh normen controleer`` reports them until they are filled
in) instead of the template's example texts. Every bad row is reported; nothing is written
then.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from pydantic import ValidationError

from hbh_indicatie.loading.validation import problems_from
from hbh_indicatie.loading.yaml_io import delimiter_of, parse_text
from hbh_indicatie.models.norm_set import Activity, NormSet, Supplement
from hbh_indicatie.norm_tools.checks import Finding, raw_findings, unused_amount_text
from hbh_indicatie.norm_tools.template import template_text

COLUMNS = (
    "soort", "id", "label", "categorie", "hoeveelheid", "eenheid", "keer", "per", "uitstelbaar",
    "status", "bron", "vindplaats", "toelichting", "bron_titel", "bron_adres", "per_kind_van",
    "per_kind_tot", "voorwaarde", "vermenigvuldiging", "maximum_minuten_per_week", "activiteit",
    "paragraaf", "activiteiten", "vervangbaar_door", "omvat",
)
SIZE_COLUMN = re.compile(r"^hoeveelheid_vanaf_(\d+)$")
REQUIRED = ("id", "label", "categorie", "eenheid", "keer", "per", "uitstelbaar", "status")
YES = {"ja": True, "j": True, "true": True, "1": True, "nee": False, "n": False, "false": False,
       "0": False}


@dataclass(frozen=True)
class Header:
    id: str
    title: str
    municipality: str | None
    version: str
    valid_from: date
    framework: str = "eigen"


@dataclass(frozen=True)
class ImportResult:
    text: str | None
    findings: tuple[Finding, ...]
    to_fill_in: tuple[str, ...] = ()
    """What the written set still needs from the municipality (shown after the import)."""
    norms: NormSet | None = None
    """The set as validated (with ``text``), to compare with the sets that exist."""


FILL_IN = "VUL IN"
POLICY_TO_FILL_IN = (f"{FILL_IN}: de beleidsuitgangspunten van de gemeente (bijvoorbeeld wat "
                     "onder licht en zwaar huishoudelijk werk valt, en het niveau van de woning)")
SOURCE_TO_FILL_IN = f"{FILL_IN}: het onderzoek waarop deze normtijden rusten (bureau, jaar, titel)"


def _number(text: str) -> Decimal | str:
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return text
    return value


def _plain(value: Decimal | str) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _row_item(row: Mapping[str, str]) -> dict[str, Any]:
    """The item dict as YAML would hold it; values that do not parse are kept as text."""
    get = {k: (row.get(k) or "").strip() for k in COLUMNS}
    prov: dict[str, Any] = {"status": get["status"]} if get["status"] else {}
    prov.update({k: get[k] for k in ("bron", "vindplaats", "toelichting") if get[k]})
    item: dict[str, Any] = {"id": get["id"], "label": get["label"]}
    if get["soort"] in ("toeslag", "aftrek"):
        item["soort"] = get["soort"]
        item.update({k: get[k] for k in ("voorwaarde", "vermenigvuldiging", "activiteit",
                                          "paragraaf") if get[k]})
        if get["activiteiten"]:
            item["activiteiten"] = get["activiteiten"].split()
        if get["maximum_minuten_per_week"]:
            item["maximum_minuten_per_week"] = _plain(_number(get["maximum_minuten_per_week"]))
            if prov:
                item["maximum_herkomst"] = dict(prov)
    if get["categorie"]:
        item["categorie"] = get["categorie"]
    if get["omvat"] and get["soort"] not in ("toeslag", "aftrek"):
        item["omvat"] = get["omvat"].split()
    if get["hoeveelheid"]:
        item["hoeveelheid"] = _plain(_number(get["hoeveelheid"]))
    item["eenheid"] = get["eenheid"]
    item["frequentie"] = {"keer": _plain(_number(get["keer"])), "per": get["per"]}
    if get["uitstelbaar"]:
        item["uitstelbaar"] = YES.get(get["uitstelbaar"].lower(), get["uitstelbaar"])
    sizes = sorted((int(m.group(1)), value.strip()) for key, value in row.items()
                   if (m := SIZE_COLUMN.match(key)) and value and value.strip())
    if sizes:
        item["huishoudgrootte"] = [
            {"vanaf_personen": n, "hoeveelheid": _plain(_number(value)),
             **({"herkomst": dict(prov)} if prov else {})} for n, value in sizes]
    if get["vervangbaar_door"]:
        item["vervangbaar_door"] = [_replacement(part) for part in get["vervangbaar_door"].split(";")
                                    if part.strip()]
    if get["per_kind_van"] or get["per_kind_tot"]:
        item["per_kind"] = {"van": _plain(_number(get["per_kind_van"])),
                            "tot_en_met": _plain(_number(get["per_kind_tot"]))}
    if prov:
        item["herkomst"] = prov
    return item


def _replacement(text: str) -> dict[str, Any]:
    """'voorziening:was_en_strijkservice:100' -> {voorziening: ..., aandeel_procent: 100}; a part
    that does not parse is kept as text, so validation names it."""
    parts = [p.strip() for p in text.split(":")]
    if len(parts) == 3 and parts[0] in ("hulpmiddel", "voorziening"):
        return {parts[0]: parts[1], "aandeel_procent": _plain(_number(parts[2]))}
    return {"vervanging": text.strip()}


def _sources(rows: list[tuple[int, dict[str, str]]]) -> tuple[list[dict[str, Any]], list[Finding]]:
    titles: dict[str, tuple[str, str | None]] = {}
    for _, row in rows:
        bron, title = (row.get("bron") or "").strip(), (row.get("bron_titel") or "").strip()
        if bron and title and bron not in titles:
            titles[bron] = (title, (row.get("bron_adres") or "").strip() or None)
    findings = [
        Finding("", f"rij {n}", "onbekende_verwijzing",
                f"bron '{row['bron'].strip()}' heeft nergens een 'bron_titel'")
        for n, row in rows if (row.get("bron") or "").strip()
        and row["bron"].strip() not in titles
    ]
    sources = [{"id": k, "titel": t, "adres": a, "datum": None, "soort": "overig"}
               for k, (t, a) in titles.items()]
    return sources, findings


def _schema_findings(item: dict[str, Any], name: str) -> list[Finding]:
    model = Supplement if "soort" in item else Activity
    try:
        model.model_validate(item)
    except ValidationError as exc:
        return [Finding("", name, "schema", p.render()) for p in problems_from(exc)]
    return []


def _rows(text: str) -> list[tuple[int, dict[str, str]]]:
    first = text.splitlines()[0] if text.strip() else ""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter_of(first))
    return [(i + 2, {(k or "").strip().lower(): v or "" for k, v in row.items()})
            for i, row in enumerate(reader)]


def convert(text: str, source_name: str, header: Header) -> ImportResult:
    """Turn CSV text into YAML text, or report every bad row (text is None then)."""
    rows = _rows(text)
    missing = [c for c in REQUIRED if rows and c not in rows[0][1]]
    if not rows or missing:
        what = f"kolommen ontbreken: {', '.join(missing)}" if missing else "geen rijen"
        return ImportResult(None, (Finding(source_name, "kop", "schema", what),))
    data: dict[str, Any] = parse_text(template_text(), "sjabloon", "normen")
    sources, findings = _sources(rows)
    to_fill_in = ["beleidsuitgangspunten"]
    if not sources:  # the template's example source, marked as still to be filled in
        sources = [{**source, "titel": SOURCE_TO_FILL_IN} for source in data["bronnen"]]
        to_fill_in.append("bronnen (de hoofdbron)")
    data.update({"id": header.id, "titel": header.title, "gemeente": header.municipality,
                 "versie": header.version, "geldig_van": header.valid_from, "geldig_tot": None,
                 "kader": header.framework, "beleidsuitgangspunten": [POLICY_TO_FILL_IN],
                 "bron": sources[0]["id"], "bronnen": sources,
                 "activiteiten": [], "toeslagen": []})
    data.pop("niet_in_normenset", None)  # the template's examples are no policy of this set
    names: dict[str, str] = {}
    for number, row in rows:
        item = _row_item(row)
        section = "toeslagen" if "soort" in item else "activiteiten"
        names[f"{section}[{len(data[section])}]"] = f"rij {number}"
        data[section].append(item)
    imported = {item.get("id") for item in data["activiteiten"]}
    template_bands = data["leeftijdsgroepen"]
    data["leeftijdsgroepen"] = [
        {**band, "taken": [t for t in band["taken"] if t["activiteit"] in imported]}
        for band in template_bands
    ]
    if any(b["taken"] for b in template_bands) and not any(
            b["taken"] for b in data["leeftijdsgroepen"]):
        to_fill_in.append("leeftijdsgroepen (welke taken kinderen doen; nu: geen)")
    found = list(findings) + [f for f in raw_findings("", data) if f.rule != "nog_invullen"]
    item_rules = {"id_ongeldig", "hoeveelheid_niet_positief", "hoeveelheid_ontbreekt",
                  "frequentie_niet_positief", "geen_resultaatcategorie", "geen_uitstelbaar",
                  "geen_herkomst", "schema"}
    flagged = {f.item.split(" ")[0] for f in found if f.rule in item_rules}
    for section in ("activiteiten", "toeslagen"):
        for i, item in enumerate(data[section]):
            if f"{section}[{i}]" not in flagged:
                found += _schema_findings(item, f"{section}[{i}]")
    if found:
        return ImportResult(None, tuple(
            Finding(source_name, _rename(f.item, names), f.rule, f.message) for f in found
        ))
    try:
        norms = NormSet.model_validate(data)
    except ValidationError as exc:
        return ImportResult(None, tuple(Finding(source_name, p.field, "schema", p.render())
                                        for p in problems_from(exc)))
    unused = [(i, act, unused_amount_text(act, "de kolommen hoeveelheid_vanaf_N",
                                          "'hoeveelheid'"))
              for i, act in enumerate(norms.activities)]
    if any(text is not None for _, _, text in unused):
        return ImportResult(None, tuple(
            Finding(source_name, f"{names[f'activiteiten[{i}]']} '{act.id}', kolom hoeveelheid",
                    "hoeveelheid_telt_niet", text)
            for i, act, text in unused if text is not None))
    return ImportResult(_dump(data, source_name), (), tuple(to_fill_in), norms)


def _rename(item: str, names: dict[str, str]) -> str:
    key = item.split(" ")[0]
    return item.replace(key, names[key], 1) if key in names else item


def _dump(data: dict[str, Any], source_name: str) -> str:
    head = (f"# Geïmporteerd uit {source_name} met 'hbh normen importeer'.\n"
            "# Weken per jaar, afronding, termijnen, instructie en leeftijdsgroepen zijn\n"
            "# voorbeeldwaarden uit het sjabloon: pas ze aan en controleer opnieuw met\n"
            "# 'hbh normen controleer'.\n")
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
