"""``hbh normen controleer``: schema and consistency checks of norm sets, as findings.

Every check is a pure function over the parsed data (or the validated set) that returns
:class:`Finding`s naming file, item and the rule broken. What the models
(``models/norm_set.py``) already check is not checked again here: :func:`model_findings` names
the model's own errors per item with a rule code (:data:`MODEL_RULES`). Checked here are
the rules the models do not make (findings only, not load errors: a toeslag without a cap
or without activities, a cap without its source, a figure marked onbekend that still has an
amount, implausible weekly totals, a gap between versions) and, on the raw data, the rules
across items (ids, references, a person counted twice), which the model reports only for a
set whose items are all valid, as one message. Whatever the model rejects that has no rule
code here is reported as ``schema``. The model compares an item's amount with its status
(``hoeveelheid_ontbreekt``) only once the item's fields are valid, so that finding may follow
after the first fixes.

Rules (``regel``):

* ``onleesbaar``: the file cannot be read or is not valid YAML/JSON (exit 2).
* ``schema``: the schema rejects a field (anything the other rules do not name).
* ``id_ongeldig`` / ``dubbele_id`` / ``onbekende_verwijzing``: ids and references.
* ``hoeveelheid_niet_positief`` / ``frequentie_niet_positief`` / ``hoeveelheid_ontbreekt``.
* ``geen_resultaatcategorie`` / ``geen_uitstelbaar``: what every item must say.
* ``geen_herkomst``: a figure (amount or cap) with neither source nor status;
  ``onbekend_met_cijfer``.
* ``afronding_omlaag``: rounding that can go down to whole or half hours (CRvB).
* ``toeslag_zonder_maximum``: a toeslag without ``maximum_minuten_per_week``.
* ``toeslag_zonder_activiteiten``: a toeslag that does not name the activities it extends
  (§3; it then extends every activity of its category).
* ``dubbel_geteld``: a toeslag for the presence of persons (kinderen, derde_persoon,
  samenstelling_huishouden) on an activity whose norm already grows with the household
  (huishoudgrootte or per_kind), without ``bovenop_huishoudgrootte`` saying why (the set is
  refused: the same person would count twice).
* ``hoeveelheid_telt_niet``: an activity's ``hoeveelheid`` that differs from its
  ``huishoudgrootte`` table: the table starts at 1 person, so it gives the amount for every
  household size and the base figure counts nowhere (a changed figure without effect).
* ``onwaarschijnlijk_totaal`` / ``onwaarschijnlijk_item``: units that make a weekly total
  implausible (over 40 hours for one person's full takeover; one item over 20 hours).
* ``geldigheid_overlap`` / ``geldigheid_gat``: versions of one id (several files).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hbh_indicatie.errors import InputError
from hbh_indicatie.loading.norm_sets import load_norm_file, validity_problems
from hbh_indicatie.loading.yaml_io import parse_text, read_text
from hbh_indicatie.models.common import Category, fraction_text
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.models.norm_set import PER_PERSON, Activity, Multiplier, NormSet
from hbh_indicatie.norm_tools.measures import activity_minutes, full_takeover, sizes, supplement_minutes

MAX_FULL_TAKEOVER = Fraction(40 * 60)
"""Minutes per week above which one person's full takeover is implausible (40 hours)."""

MAX_ITEM = Fraction(20 * 60)
"""Minutes per week above which a single item is implausible (20 hours): unit mix-up."""


@dataclass(frozen=True)
class Finding:
    """One broken rule: file, item (id or field), rule code and a Dutch explanation."""

    file: str
    item: str
    rule: str
    message: str

    def render(self) -> str:
        return f"{self.file}: {self.item}: [{self.rule}] {self.message}"


@dataclass(frozen=True)
class FileReport:
    path: str
    findings: tuple[Finding, ...]
    loaded: LoadedNorms | None
    unreadable: bool = False


def _items(data: Mapping[str, Any], section: str) -> list[tuple[str, Mapping[str, Any] | None]]:
    raw = data.get(section)
    if not isinstance(raw, list):
        return []
    out: list[tuple[str, Mapping[str, Any] | None]] = []
    for i, item in enumerate(raw):
        name = f"{section}[{i}]"
        if isinstance(item, Mapping) and isinstance(item.get("id"), str):
            name = f"{section}[{i}] '{item['id']}'"
        out.append((name, item if isinstance(item, Mapping) else None))
    return out


def _status(item: Mapping[str, Any]) -> str | None:
    prov = item.get("herkomst")
    if isinstance(prov, Mapping) and isinstance(prov.get("status"), str):
        return str(prov["status"])
    return None


def check_ids(path: str, data: Mapping[str, Any]) -> list[Finding]:
    """Ids used twice across activiteiten and toeslagen (the form of one id is the model's:
    ``id_ongeldig`` in :data:`MODEL_RULES`)."""
    found: list[Finding] = []
    seen: set[str] = set()
    for section in ("activiteiten", "toeslagen"):
        for name, item in _items(data, section):
            ident = item.get("id") if item is not None else None
            if not isinstance(ident, str):
                continue
            if ident in seen:
                found.append(Finding(path, name, "dubbele_id",
                                     f"id '{ident}' komt vaker voor in activiteiten/toeslagen"))
            seen.add(ident)
    return found


def check_references(path: str, data: Mapping[str, Any]) -> list[Finding]:
    activity_ids = {item.get("id") for _, item in _items(data, "activiteiten") if item}
    sources = data.get("bronnen")
    source_ids = {s.get("id") for s in sources if isinstance(s, Mapping)} \
        if isinstance(sources, list) else set()
    found: list[Finding] = []
    for section in ("activiteiten", "toeslagen"):
        for name, item in _items(data, section):
            if item is None:
                continue
            target = item.get("activiteit")
            if section == "toeslagen" and target is not None and target not in activity_ids:
                found.append(Finding(path, name, "onbekende_verwijzing",
                                     f"activiteit '{target}' bestaat niet in deze normenset"))
            extends = item.get("activiteiten") if section == "toeslagen" else None
            for act in extends if isinstance(extends, list) else []:
                if act not in activity_ids:
                    found.append(Finding(path, name, "onbekende_verwijzing",
                                         f"activiteit '{act}' in 'activiteiten' bestaat niet "
                                         "in deze normenset"))
            prov = item.get("herkomst")
            bron = prov.get("bron") if isinstance(prov, Mapping) else None
            if bron is not None and bron not in source_ids:
                found.append(Finding(path, name, "onbekende_verwijzing",
                                     f"bron '{bron}' staat niet in 'bronnen'"))
    bands = data.get("leeftijdsgroepen")
    for i, band in enumerate(bands if isinstance(bands, list) else []):
        tasks = band.get("taken") if isinstance(band, Mapping) else None
        for task in tasks if isinstance(tasks, list) else []:
            target = task.get("activiteit") if isinstance(task, Mapping) else None
            if target not in activity_ids:
                found.append(Finding(path, f"leeftijdsgroepen[{i}]", "onbekende_verwijzing",
                                     f"activiteit '{target}' bestaat niet in deze normenset"))
    return found


MODEL_RULES: dict[str, str] = {
    "id": "id_ongeldig",
    "hoeveelheid": "hoeveelheid_niet_positief",
    "frequentie": "frequentie_niet_positief",
    "categorie": "geen_resultaatcategorie",
    "uitstelbaar": "geen_uitstelbaar",
    "herkomst": "geen_herkomst",
}
"""Rule code of a model error on this field of an activity or toeslag (the first part of the
location after the item; ``huishoudgrootte[i].hoeveelheid`` counts as ``hoeveelheid``)."""

_MESSAGES = {
    "id_ongeldig": "id ontbreekt of is ongeldig (kleine letters, cijfers, _ en -)",
    "frequentie_niet_positief": "frequentie.keer moet een getal groter dan 0 zijn",
    "geen_resultaatcategorie": "'categorie' ontbreekt of is onbekend; toegestaan: "
                               + ", ".join(sorted(c.value for c in Category)),
    "geen_uitstelbaar": "'uitstelbaar' ontbreekt of is niet ja/nee (§2.3)",
    "geen_herkomst": "cijfer zonder herkomst: noem 'herkomst: {status: gepubliceerd, bron: ...}', "
                     "'{status: voorbeeld}' of '{status: onbekend}'",
}

_MISSING_AMOUNT = "'hoeveelheid' ontbreekt"
"""The start of the model's message for an amount left out without status onbekend."""


def _item_name(data: Mapping[str, Any], section: str, index: int) -> str:
    names = _items(data, section)
    return names[index][0] if index < len(names) else f"{section}[{index}]"


def _model_finding(path: str, data: Mapping[str, Any], error: Any) -> Finding | None:
    """The finding for one of the model's errors that has a rule code, else None."""
    loc = tuple(error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    if loc[:1] == ("afronding",) and error["type"] in ("value_error", "literal_error") \
            and loc[1:] in ((), ("methode",)):
        rounding = data.get("afronding")
        step = rounding.get("op_minuten") if isinstance(rounding, Mapping) else None
        method = rounding.get("methode") if isinstance(rounding, Mapping) else None
        return Finding(path, "afronding", "afronding_omlaag",
                       f"afronding '{method}' op {step} minuten kan noodzakelijke minuten naar "
                       "beneden afronden op hele of halve uren; dat is niet toegestaan (CRvB). "
                       "Gebruik 'naar_boven' of een stap onder 30 minuten")
    if len(loc) < 2 or loc[0] not in ("activiteiten", "toeslagen") or not isinstance(loc[1], int):
        return None
    name = _item_name(data, str(loc[0]), loc[1])
    field = loc[2:]
    if not field:
        if message.startswith(_MISSING_AMOUNT):
            return Finding(path, name, "hoeveelheid_ontbreekt",
                           "hoeveelheid ontbreekt; alleen toegestaan bij status 'onbekend'")
        return None
    if field[0] == "huishoudgrootte" and field[-1] == "hoeveelheid" and len(field) == 3:
        return Finding(path, f"{name} huishoudgrootte[{field[1]}]", "hoeveelheid_niet_positief",
                       "hoeveelheid moet een getal groter dan 0 zijn")
    rule = MODEL_RULES.get(str(field[0]))
    if rule is None or (rule == "frequentie_niet_positief" and field[1:] not in ((), ("keer",))):
        return None
    if rule == "hoeveelheid_niet_positief":
        return Finding(path, name, rule,
                       f"hoeveelheid {error.get('input')!r} moet een getal groter dan 0 zijn")
    if rule == "geen_herkomst" and error["type"] != "missing":
        return Finding(path, name, rule, message)  # e.g. status 'gepubliceerd' zonder 'bron'
    return Finding(path, name, rule, _MESSAGES[rule])


def model_findings(path: str, data: Mapping[str, Any]) -> list[Finding]:
    """The model's own errors that have a rule code, one finding per item and rule."""
    try:
        NormSet.model_validate(data)
    except ValidationError as exc:
        found: dict[tuple[str, str], Finding] = {}
        for error in exc.errors():
            finding = _model_finding(path, data, error)
            if finding is not None:
                found.setdefault((finding.item, finding.rule), finding)
        return list(found.values())
    return []


def _findings_only(path: str, name: str, section: str, item: Mapping[str, Any]) -> list[Finding]:
    """What the model accepts but a municipality should hear about."""
    found: list[Finding] = []
    if item.get("hoeveelheid") is not None and _status(item) == "onbekend":
        found.append(Finding(path, name, "onbekend_met_cijfer",
                             "status 'onbekend' maar wel een hoeveelheid: kies 'gepubliceerd' "
                             "(met bron) of 'voorbeeld', of laat de hoeveelheid weg"))
    if item.get("maximum_minuten_per_week") is not None \
            and not isinstance(item.get("maximum_herkomst"), Mapping):
        found.append(Finding(path, name, "geen_herkomst",
                             "maximum zonder herkomst: noem 'maximum_herkomst' "
                             "({status: gepubliceerd, bron: ...} of {status: voorbeeld})"))
    if section == "toeslagen" and item.get("soort") == "toeslag" \
            and item.get("maximum_minuten_per_week") is None:
        found.append(Finding(path, name, "toeslag_zonder_maximum",
                             "toeslag zonder 'maximum_minuten_per_week'; noem het maximum "
                             "(met 'maximum_herkomst')"))
    return found


def check_items(path: str, data: Mapping[str, Any]) -> list[Finding]:
    found: list[Finding] = []
    for section in ("activiteiten", "toeslagen"):
        for name, item in _items(data, section):
            if item is None:
                found.append(Finding(path, name, "schema", "moet een verzameling velden zijn"))
                continue
            found += _findings_only(path, name, section, item)
    return found


PER_PERSON_CONDITIONS = {c.value for c in PER_PERSON}


def check_supplement_activities(path: str, data: Mapping[str, Any]) -> list[Finding]:
    """§3: a toeslag is extra time on named activities; a per-person toeslag on a norm that
    already grows with the household counts the same person twice."""
    activities = {str(item.get("id")): item for _, item in _items(data, "activiteiten") if item}
    found: list[Finding] = []
    for name, item in _items(data, "toeslagen"):
        if item is None or item.get("soort") != "toeslag":
            continue
        extends = item.get("activiteiten")
        if not extends:
            found.append(Finding(path, name, "toeslag_zonder_activiteiten",
                                 "noem de 'activiteiten' die de toeslag verlengt (§3); zonder "
                                 "lijst verlengt hij alle activiteiten van zijn categorie"))
        if item.get("voorwaarde") not in PER_PERSON_CONDITIONS or item.get("bovenop_huishoudgrootte"):
            continue
        targets = ([activities[a] for a in extends if a in activities] if isinstance(extends, list)
                   and extends else [a for a in activities.values()
                                     if a.get("categorie") == item.get("categorie")])
        counting = [str(a.get("id")) for a in targets
                    if a.get("per_kind") or len(a.get("huishoudgrootte") or []) > 1]
        if counting:
            found.append(Finding(path, name, "dubbel_geteld",
                                 f"toeslag voor '{item.get('voorwaarde')}' op "
                                 f"{', '.join(counting)}, waarvan de norm al meegroeit met het "
                                 "huishouden: dezelfde persoon telt twee keer. Kies andere "
                                 "'activiteiten' of leg met 'bovenop_huishoudgrootte' vast "
                                 "waarom dit bewust is"))
    return found


def check_plausible(path: str, norms: NormSet) -> list[Finding]:
    """Units that make weekly totals implausible (minuten/uren or per dag/jaar mix-ups)."""
    found: list[Finding] = []
    for act in norms.activities:
        for size in sizes(norms):
            minutes = activity_minutes(norms, act, size)
            if minutes is not None and minutes > MAX_ITEM:
                found.append(Finding(path, f"activiteiten '{act.id}'", "onwaarschijnlijk_item",
                                     f"{fraction_text(minutes)} minuten per week bij huishoudgrootte "
                                     f"{size}: controleer eenheid en frequentie"))
                break
    for sup in norms.supplements:
        minutes = supplement_minutes(norms, sup)
        if minutes is not None and minutes > MAX_ITEM:
            found.append(Finding(path, f"toeslagen '{sup.id}'", "onwaarschijnlijk_item",
                                 f"{fraction_text(minutes)} minuten per week: controleer eenheid "
                                 "en frequentie"))
    total = full_takeover(norms, 1)
    if total > MAX_FULL_TAKEOVER:
        found.append(Finding(path, "activiteiten", "onwaarschijnlijk_totaal",
                             f"volledige overname voor één persoon is {fraction_text(total)} "
                             "minuten per week (meer dan 40 uur): controleer eenheden"))
    return found


def _figure(value: Decimal) -> str:
    return fraction_text(Fraction(value), 4)


def size_table_text(act: Activity) -> str:
    """'vanaf 1 persoon: 3; vanaf 3 personen: 5' (an activity's huishoudgrootte table)."""
    return "; ".join(f"vanaf {v.from_persons} {'persoon' if v.from_persons == 1 else 'personen'}"
                     f": {_figure(v.amount)}" for v in act.size_variants)


def unused_amount_text(act: Activity, table: str, here: str) -> str | None:
    """Why an activity's base amount counts nowhere and what to change instead (None when it
    has no such amount); ``table`` names the table ('huishoudgrootte' or a sheet), ``here``
    the base figure's place."""
    amount = act.unused_amount
    if amount is None:
        return None
    first = _figure(act.size_variants[0].amount)
    return (f"hoeveelheid {_figure(amount)} telt niet mee: {table} geeft de "
            f"hoeveelheid voor elke huishoudgrootte ({size_table_text(act)}). Wijzig het cijfer "
            f"in die tabel als u de normtijd wilt veranderen, of zet {here} op {first} (het cijfer "
            "vanaf 1 persoon), zodat er geen cijfer staat dat niets doet")


def check_unused_amounts(path: str, norms: NormSet) -> list[Finding]:
    """A base 'hoeveelheid' that a 'huishoudgrootte' table shadows and that differs from it."""
    found: list[Finding] = []
    for act in norms.activities:
        text = unused_amount_text(act, "'huishoudgrootte'", "'hoeveelheid'")
        if text is not None:
            found.append(Finding(path, f"activiteiten '{act.id}'", "hoeveelheid_telt_niet", text))
    return found


def check_caps(path: str, norms: NormSet) -> list[Finding]:
    """A cap below one unit of a fixed toeslag silently cuts the published figure."""
    found: list[Finding] = []
    for sup in norms.supplements:
        minutes = supplement_minutes(norms, sup)
        cap = sup.cap_minutes_per_week
        if (sup.kind == "toeslag" and minutes is not None and cap is not None
                and sup.multiplier is Multiplier.FIXED and Fraction(cap) < minutes):
            found.append(Finding(path, f"toeslagen '{sup.id}'", "maximum_onder_toeslag",
                                 f"maximum {cap} min/week ligt onder de toeslag zelf "
                                 f"({fraction_text(minutes)} min/week)"))
    return found


def check_mapping(path: str, norms: NormSet) -> list[Finding]:
    """Every item maps onto the vocabulary of activities (norms/activiteiten.yaml), and every
    activity of the vocabulary is covered or declared 'niet_in_normenset' with a reason:
    otherwise a case's facts about it cannot be applied under this set (issue 14)."""
    from hbh_indicatie.vocabulary.load import vocabulary
    from hbh_indicatie.vocabulary.mapping import gaps

    return [Finding(path, "activiteiten", "koppeling", text)
            for text in gaps(norms, vocabulary())]


def check_filled_in(path: str, data: Mapping[str, Any]) -> list[Finding]:
    """Texts 'hbh normen importeer' left for the municipality ('VUL IN: …')."""
    found: list[Finding] = []
    for field in ("beleidsuitgangspunten", "bronnen"):
        values = data.get(field)
        for i, value in enumerate(values if isinstance(values, list) else []):
            text = value.get("titel") if isinstance(value, Mapping) else value
            if isinstance(text, str) and text.startswith("VUL IN"):
                found.append(Finding(path, f"{field}[{i}]", "nog_invullen", text))
    return found


def raw_findings(path: str, data: Mapping[str, Any]) -> list[Finding]:
    """Every finding on the parsed data: the model's errors with a rule code, the rules
    across items and the findings-only rules."""
    return (check_ids(path, data) + check_references(path, data) + model_findings(path, data)
            + check_items(path, data) + check_supplement_activities(path, data)
            + check_filled_in(path, data))


def check_file(path: Path) -> FileReport:
    """All findings for one file; ``unreadable`` when it cannot be read or parsed."""
    name = str(path)
    try:
        data = parse_text(read_text(path, "normen"), name, "normen")
    except InputError as exc:
        problems = "; ".join(p.render() for p in exc.problems) or exc.message
        return FileReport(name, (Finding(name, "bestand", "onleesbaar", problems),), None, True)
    if not isinstance(data, Mapping):
        return FileReport(name, (Finding(name, "bestand", "onleesbaar",
                                         "het bestand moet een verzameling velden bevatten"),),
                          None, True)
    found = raw_findings(name, data)
    loaded: LoadedNorms | None = None
    try:
        loaded = load_norm_file(path)
    except InputError as exc:
        if not found:
            found = [Finding(name, p.field or "bestand", "schema", p.render()) for p in exc.problems]
    if loaded is not None:
        found += (check_unused_amounts(name, loaded.norms)
                  + check_plausible(name, loaded.norms) + check_caps(name, loaded.norms)
                  + check_mapping(name, loaded.norms))
    return FileReport(name, tuple(found), loaded)


def check_files(paths: Iterable[Path]) -> list[FileReport]:
    """Check each file, then the validity of versions that share an id across the files."""
    reports = [check_file(p) for p in paths]
    loaded = [r.loaded for r in reports if r.loaded is not None]
    extra: dict[str, list[Finding]] = {}
    for file, kind, problem in validity_problems(loaded):
        rule = f"geldigheid_{kind}"
        extra.setdefault(file, []).append(Finding(file, problem.field, rule, problem.message))
    return [FileReport(r.path, (*r.findings, *extra.get(r.path, [])), r.loaded, r.unreadable)
            for r in reports]
