"""Form data <-> case data: the posted fields become the dict of a case file, and a case file
(or half a case) fills the form.

Input names are the dotted Dutch paths of the case file with list positions
(``huisgenoten.0.naam``) or, in a list per kind, the kind (``hulpmiddelen.vaatwasser.aanwezig``).
An empty field is left out, so the case check names it as missing next to its field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from hbh_indicatie.models.case import (
    AbsencePattern,
    Case,
    HouseholdMemberFacts,
    LivingForm,
    ProfessionalEffort,
    Relation,
    age_on,
    effort_factors,
    household_member,
    needs_postponable_finding,
)
from hbh_indicatie.render.words import MONTHS
from hbh_indicatie.werkplek import teksten
from hbh_indicatie.werkplek.velden import Field, by_path, case_fields

MISSING: Any = object()

COUNT = "__aantal"
"""Hidden input: how many rows a list shows (``huisgenoten.__aantal``)."""
KEYS = "__soorten"
"""Hidden input: the kinds a list per kind shows (``hulpmiddelen.__soorten``)."""
ACTIVITIES = "__activiteiten"
"""Hidden input: the activities asked per activity (``client.zelf.activiteiten.__activiteiten``)."""
ORDER = "__volgorde"
"""Hidden input: the order of the tasks in the case file (the form shows them in the norm
set's order; saving keeps the file's)."""
CHOICE = "__keuze"
"""Select of a choice-or-group (choice-or-list) field: one of the words, or GROUP for the
group of facts (LIST for the rows)."""
GROUP = "__groep"
LIST = "__lijst"
TASKS = "__taken"
"""Option of the select of an ability-or-tasks field that opens the tasks."""
NONE = "__geen"
"""Checkbox value: none of the choices (an empty list is an answer too)."""
UNKNOWN = "onbekend"


class FormData:
    """The posted fields: a name may occur more than once (checkboxes)."""

    def __init__(self, items: Iterable[tuple[str, str]]) -> None:
        self.values: dict[str, list[str]] = {}
        for name, value in items:
            self.values.setdefault(name, []).append(value)

    def get(self, name: str) -> str:
        found = self.values.get(name)
        return found[0].strip() if found else ""

    def getlist(self, name: str) -> list[str]:
        return [v for v in self.values.get(name, []) if v != ""]

    def names(self) -> list[str]:
        return list(self.values)

    def update(self, changed: Mapping[str, object]) -> None:
        """Fields that changed: name -> all its values now (``[]``: no longer sent)."""
        for name, found in changed.items():
            values = [v for v in found if isinstance(v, str)] if isinstance(found, list) else []
            if values:
                self.values[name] = values
            else:
                self.values.pop(name, None)


def decode(form: FormData, not_applicable: list[str] | None = None) -> dict[str, Any]:
    """The case-file dict the form says (what is empty is left out, and so is what does not
    apply). ``not_applicable`` gets the input names of questions under a condition of
    :data:`COMPUTED_WHEN` that does not hold (the page hides them)."""
    data: dict[str, Any] = {"schema": "hbh.casus.v1"}
    for f in case_fields():
        value = _decode(f, form, f.name, not_applicable)
        if value is not MISSING:
            data[f.name] = value
    for path, asked in CASE_COMPUTED_WHEN.items():
        if not asked(data):
            *parents, last = path.split(".")
            group: Any = data
            for part in parents:
                group = group.get(part) if isinstance(group, dict) else None
            if isinstance(group, dict):
                group.pop(last, None)
            if not_applicable is not None:
                not_applicable.append(path)
    return data


def _postponable_asked(housemate: Mapping[str, Any]) -> bool:
    """§2.2 as the case model decides it (:func:`needs_postponable_finding`): the finding
    'uitstelbaar op thuisdagen' belongs to an absence shorter than 7 etmalen for work or for
    another reason. Rows not yet complete: asked (the consultant is still entering them)."""
    absence = housemate.get("afwezigheid")
    if not isinstance(absence, list):
        return False  # 'geen', or not answered yet
    try:
        patterns = tuple(AbsencePattern.model_validate(row) for row in absence)
    except ValidationError:
        return True
    return needs_postponable_finding(patterns)


COMPUTED_WHEN: dict[str, Callable[[Mapping[str, Any]], bool]] = {
    "huisgenoten.uitstelbaar_op_thuisdagen": _postponable_asked,
}
"""A field that counts only when the case model's own rule says so for the facts beside it
(a condition no single answer expresses): the server decides, the page hides it."""


def _household(data: Mapping[str, Any]) -> list[HouseholdMemberFacts]:
    """The housemates of the case dict that belong to the client's household
    (:func:`household_member`), as §3's factors read them. A row not finished yet counts as
    it may turn out: without a relation as a member, without an age (nor a birth date) as a
    child."""
    mates = data.get("huisgenoten")
    if not isinstance(mates, list):
        return []
    dwelling = data.get("woning")
    try:
        living_form = LivingForm(str(dwelling.get("woonvorm") if isinstance(dwelling, dict)
                                     else ""))
    except ValueError:
        living_form = LivingForm.INDEPENDENT
    try:
        day = date.fromisoformat(str(data.get("peildatum")))
    except ValueError:
        day = date.today()
    members = []
    for mate in mates:
        if not isinstance(mate, dict):
            continue
        try:
            relation = Relation(str(mate.get("relatie")))
        except ValueError:
            relation = Relation.CHILD  # not chosen yet
        contract = mate.get("huurovereenkomst") in ("ja", True)
        if not household_member(relation, contract, living_form):
            continue
        age = mate.get("leeftijd")
        if not isinstance(age, int):
            try:
                age = age_on(date.fromisoformat(str(mate.get("geboortedatum"))), day)
            except ValueError:
                age = None  # not yet known
        members.append(HouseholdMemberFacts(relation, child=age is None or age < 18,
                                            can_do_household=mate.get("kan_huishouden")))
    return members


def _children_asked(data: Mapping[str, Any]) -> bool:
    """'Zorg voor kinderen' (client.zelf.kinderen) as the case model decides it: asked with a
    housemate under 18 in the household (:func:`household_member`). A row whose age is not yet
    known (no age, no birth date) may be a child: asked."""
    return any(m.child for m in _household(data))


def effort_factors_entered(data: Mapping[str, Any]) -> frozenset[str]:
    """§3: the factors that are there in the case dict as entered, by the case model's own
    definition (:func:`effort_factors`, as :meth:`Case.effort_factors_present`): only their
    judgement 'Vraagt dit echt meer professionele inzet?' is asked."""
    dwelling = data.get("woning")
    rooms = dwelling if isinstance(dwelling, dict) else {}
    third = data.get("derde_persoon")
    return effort_factors(_household(data), third_person=third is True or third == "ja",
                          pets=data.get("huisdieren"),
                          rooms_in_use=rooms.get("extra_kamers_in_gebruik"),
                          rooms_unused=rooms.get("extra_kamers_niet_in_gebruik"))


def _judgement_asked(factor: str) -> Callable[[Mapping[str, Any]], bool]:
    def asked(data: Mapping[str, Any]) -> bool:
        return factor in effort_factors_entered(data)
    asked.__doc__ = f"meer_professionele_inzet.{factor}: asked when the factor is there."
    return asked


CASE_COMPUTED_WHEN: dict[str, Callable[[Mapping[str, Any]], bool]] = {
    "client.zelf.kinderen": _children_asked,
    **{f"meer_professionele_inzet.{factor}": _judgement_asked(factor)
       for factor in sorted(ProfessionalEffort.judged())},
}
"""As :data:`COMPUTED_WHEN`, for a condition on facts elsewhere in the case (the whole case
dict): the server decides, the page hides it, and the case leaves it out."""


DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
DATE_HINT = "dd-mm-jjjj"
DATE_PROBLEM = "geen geldige datum: schrijf dag-maand-jaar, bijvoorbeeld 02-03-2026"


MONTH_WORDS = {**{name: n for n, name in enumerate(MONTHS, start=1)},
               **{short: n for n, short in enumerate(("jan", "feb", "mrt", "apr", "mei", "jun",
                                                      "jul", "aug", "sep", "okt", "nov", "dec"),
                                                     start=1)}, "sept": 9}
WRITTEN_DATE = re.compile(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})")


def iso_date(text: str) -> str:
    """A date as the consultant types it (02-03-2026, 2-3-2026, 2/3/2026, 2 maart 2026 or
    2 mrt 2026; also 2026-03-02) as the case file writes it (2026-03-02); what is no date
    stays as typed, so the case check names the field (with :data:`DATE_PROBLEM`)."""
    found = DUTCH_DATE.fullmatch(text.strip())
    written = WRITTEN_DATE.fullmatch(text.strip().lower())
    month = MONTH_WORDS.get(written.group(2)) if written is not None else None
    if written is not None and month is not None:
        found = DUTCH_DATE.fullmatch(f"{written.group(1)}-{month}-{written.group(3)}")
    if found is None:
        return text
    day, month, year = (int(part) for part in found.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return text


def dutch_date(value: object) -> str:
    """2026-03-02 (a date or its ISO text) as the form shows it: 02-03-2026."""
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"


def _absent(f: Field) -> Any:
    """An empty field: null where the model wants the key with null, else left out."""
    return None if f.nullable and f.required else MISSING


def _decode(f: Field, form: FormData, name: str, out: list[str] | None = None) -> Any:
    kind = f.kind
    if kind == "datum":
        value = form.get(name)
        return iso_date(value) if value else _absent(f)
    if kind in ("tekst", "keuze", "janee"):
        value = form.get(name)
        return value if value else _absent(f)
    if kind == "getal":
        if f.unknown and form.get(f"{name}.{UNKNOWN}"):
            return UNKNOWN
        value = form.get(name)
        if not value:
            return _absent(f)
        return int(value) if re.fullmatch(r"-?\d+", value) else value
    if kind == "meerkeuze":
        chosen = form.getlist(name)
        if UNKNOWN in chosen:
            return UNKNOWN
        picked = [c for c in chosen if c != NONE]
        return picked if picked or NONE in chosen else _absent(f)
    if kind == "taken":
        order = form.get(f"{name}.{ORDER}").split(",")
        cats, acts = (sorted(form.getlist(f"{name}.{part}"),
                             key=lambda c: order.index(c) if c in order else len(order))
                      for part in ("categorieen", "activiteiten"))
        if not cats and not acts:
            return None if f.nullable else MISSING
        return {k: v for k, v in (("categorieen", cats), ("activiteiten", acts)) if v}
    if kind == "vermogen_of_taken":
        if form.get(f"{name}.kan") == TASKS:
            tasks = _decode(replace(f, kind="taken", nullable=False), form, name, out)
            return tasks if tasks is not MISSING else _absent(f)
        return _decode(replace(f, kind="vermogen"), form, name, out)
    if kind == "vermogen":
        level = form.get(f"{name}.kan")
        if not level:
            return _absent(f)
        share = form.get(f"{name}.aandeel_procent")
        if level == "gedeeltelijk":
            return {"kan": level, "aandeel_procent": int(share) if share.isdigit() else share or None}
        return {"kan": level}
    if kind == "per_activiteit":
        result = {}
        for activity in form.get(f"{name}.{ACTIVITIES}").split(","):
            if activity:
                ability = _decode(f.children[0], form, f"{name}.{activity}.kan")
                if ability is not MISSING:
                    share = form.get(f"{name}.{activity}.aandeel_procent")
                    result[activity] = ({"kan": ability, "aandeel_procent": int(share)
                                         if share.isdigit() else share or None}
                                        if ability == "gedeeltelijk" else {"kan": ability})
        return result if result else MISSING
    if kind == "groep":
        group = {c.name: v for c in f.children
                 if (v := _decode(c, form, f"{name}.{c.name}", out)) is not MISSING}
        for c in f.children:
            condition = teksten.ONLY_WHEN.get(c.path)
            computed = COMPUTED_WHEN.get(c.path)
            if (condition is not None and teksten.applies(condition, group) is False) or \
                    (computed is not None and not computed(group)):
                if computed is not None and out is not None:
                    out.append(f"{name}.{c.name}")
                if c.nullable and c.required:
                    group[c.name] = None
                else:
                    group.pop(c.name, None)
        if f.nullable and not any(v is not None and v != [] for v in group.values()):
            return None if f.required else MISSING
        return group
    if kind == "keuze_of_groep":
        choice = form.get(f"{name}.{CHOICE}")
        if not choice:
            return _absent(f)
        return _decode(_group(f), form, name, out) if choice == GROUP else choice
    if kind == "niet_ondersteund":
        return MISSING
    if kind == "lijst":
        return _rows(f, form, name, out)
    if kind == "keuze_of_lijst":
        choice = form.get(f"{name}.{CHOICE}")
        if choice and choice != LIST:
            return choice  # a word: 'geen'
        rows = _rows(f, form, name, out)  # the rows show until another answer is chosen
        return rows if rows else _absent(f)
    if kind == "sleutellijst":
        items = []
        for key in form.get(f"{name}.{KEYS}").split(","):
            if not key:
                continue
            row = _decode(_item(f), form, f"{name}.{key}", out)
            row.pop(f.key or "", None)
            if row:
                items.append({f.key: key, **row})
        return items
    raise AssertionError(kind)


def _rows(f: Field, form: FormData, name: str, out: list[str] | None = None) -> list[Any]:
    """The filled rows of a list (an empty row is left out)."""
    count = form.get(f"{name}.{COUNT}")
    rows = range(int(count)) if count.isdigit() else range(0)
    items = [_decode(_item(f), form, f"{name}.{i}", out) for i in rows]
    return [i for i in items if i is not MISSING and i != {}]


def remove_row(form: FormData, name: str, position: int) -> None:
    """Without JavaScript, 'Verwijder': row ``position`` of the list ``name`` goes, the rows
    after it move up (with everything in them: lists in a row keep their rows)."""
    row = re.compile(rf"{re.escape(name)}\.(\d+)(\..*)")
    values: dict[str, list[str]] = {}
    for key, found in form.values.items():
        match = row.fullmatch(key)
        if match is None:
            values[key] = found
        elif int(match.group(1)) > position:
            values[f"{name}.{int(match.group(1)) - 1}{match.group(2)}"] = found
        elif int(match.group(1)) < position:
            values[key] = found
    count = form.get(f"{name}.{COUNT}")
    values[f"{name}.{COUNT}"] = [str(max(int(count) - 1, 0) if count.isdigit() else 0)]
    form.values = values


def _item(f: Field) -> Field:
    """A list's row as a group of its children."""
    return Field(name=f.name, path=f.path, kind="groep", label=f.label, help=f.help,
                 required=True, children=f.children)


def _group(f: Field) -> Field:
    """The group of a choice-or-group field (its children, always as a dict)."""
    return Field(name=f.name, path=f.path, kind="groep", label=f.label, help=f.help,
                 required=True, children=f.children)


# ---- case data -> values of the form ---------------------------------------------------------

def not_applicable(data: Mapping[str, Any]) -> list[str]:
    """The input names of the questions of :data:`COMPUTED_WHEN` that do not apply to the case
    dict ``data`` (also half a case): the page shows them hidden."""
    found: list[str] = []
    values = field_values(data)
    decode(FormData((name, v) for name, value in values.items()
                    for v in (value if isinstance(value, list) else [value])), found)
    return found


def canonical(case: Case) -> dict[str, Any]:
    """The case as the dict of a case file: what the form shows, what saving writes (the
    model's order, defaults left out, ``schema`` first)."""
    dumped = case.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return {"schema": case.schema_id, **{k: v for k, v in dumped.items() if k != "schema"}}


def converted_rows(data: Mapping[str, Any]) -> dict[str, Any]:
    """Half a case as the form shows it: each row of a list that the case model reads on its
    own (a housemate, someone of the network) in its canonical form, so an old form of a fact
    (``afwezigheid_werk``, ``bereid`` of the other parent) appears as the new one; the rest as
    it is."""
    result = dict(data)
    for attribute, info in Case.model_fields.items():
        name = info.alias or attribute
        item = _row_model(info.annotation)
        if item is None or not isinstance(result.get(name), list):
            continue
        rows = []
        for row in result[name]:
            try:
                rows.append(item.model_validate(row).model_dump(
                    mode="json", by_alias=True, exclude_defaults=True))
            except ValidationError:
                rows.append(row)
        result[name] = rows
    return result


def _row_model(annotation: Any) -> type[BaseModel] | None:
    args = get_args(annotation)
    if get_origin(annotation) is tuple and args and isinstance(args[0], type) \
            and issubclass(args[0], BaseModel):
        return args[0]
    return None


def field_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """Input name -> value(s) of the form for a case dict (also half a case). Values are
    strings; ja/nee for yes/no; several for checkboxes."""
    values: dict[str, Any] = {}
    for f in case_fields():
        if f.name in data:
            _values(f, data[f.name], f.name, values)
    return values


def _text(value: Any) -> str:
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _values(f: Field, value: Any, name: str, out: dict[str, Any]) -> None:
    kind = f.kind
    if kind == "datum":
        out[name] = dutch_date(value) if value is not None else ""
    elif kind in ("tekst", "keuze", "janee"):
        out[name] = _text(value)
    elif kind == "getal":
        if value == UNKNOWN:
            out[f"{name}.{UNKNOWN}"] = UNKNOWN
        else:
            out[name] = _text(value)
    elif kind == "meerkeuze":
        out[name] = [UNKNOWN] if value == UNKNOWN else (list(value) if value else [NONE])
    elif kind == "taken" and isinstance(value, dict):
        out[f"{name}.categorieen"] = list(value.get("categorieen", ()))
        out[f"{name}.activiteiten"] = list(value.get("activiteiten", ()))
        out[f"{name}.{ORDER}"] = ",".join(map(str, [*out[f"{name}.categorieen"],
                                                    *out[f"{name}.activiteiten"]]))
    elif kind == "taken" and value == "alle":
        out[f"{name}.categorieen"] = [c for c, _ in _all_categories()]
    elif kind == "vermogen_of_taken":
        if value == "alle" or (isinstance(value, dict)
                               and set(value) <= {"categorieen", "activiteiten"}):
            out[f"{name}.kan"] = TASKS
            _values(replace(f, kind="taken"), value, name, out)
        else:
            _values(replace(f, kind="vermogen"), value, name, out)
    elif kind == "vermogen":
        ability = _ability(value)
        out[f"{name}.kan"] = ability.get("kan", "")
        out[f"{name}.aandeel_procent"] = _text(ability.get("aandeel_procent"))
    elif kind == "per_activiteit" and isinstance(value, dict):
        for activity, ability in value.items():
            _values(Field(name="", path=f.path, kind="vermogen", label="", help="", required=True),
                    ability, f"{name}.{activity}", out)
    elif kind == "groep" and isinstance(value, dict):
        for c in f.children:
            if c.name in value:
                _values(c, value[c.name], f"{name}.{c.name}", out)
    elif kind == "groep" and isinstance(value, str):  # shorthand: 'geen', 'nee'
        first = f.children[0]
        if first.kind == "janee" and value in ("geen", "nee"):
            out[f"{name}.{first.name}"] = "nee"
    elif kind == "keuze_of_groep" and isinstance(value, dict):
        out[f"{name}.{CHOICE}"] = GROUP
        _values(_group(f), value, name, out)
    elif kind == "keuze_of_groep":
        out[f"{name}.{CHOICE}"] = _text(value)
    elif kind == "lijst" and isinstance(value, list):
        out[f"{name}.{COUNT}"] = str(len(value))
        for i, item in enumerate(value):
            _values(_item(f), item, f"{name}.{i}", out)
    elif kind == "keuze_of_lijst" and isinstance(value, list):
        if value:
            out[f"{name}.{CHOICE}"] = LIST
            _values(replace(f, kind="lijst"), value, name, out)
        else:  # an empty list is the word: 'geen'
            out[f"{name}.{CHOICE}"] = f.choices[0][0] if f.choices else ""
    elif kind == "keuze_of_lijst":
        out[f"{name}.{CHOICE}"] = _text(value)
    elif kind == "sleutellijst" and isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and f.key in item:
                _values(_item(f), {k: v for k, v in item.items() if k != f.key},
                        f"{name}.{item[f.key]}", out)


def _ability(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        return {"kan": value}
    if isinstance(value, dict) and set(value) == {"gedeeltelijk"}:
        return {"kan": "gedeeltelijk", "aandeel_procent": value["gedeeltelijk"]}
    return dict(value) if isinstance(value, dict) else {}


def _all_categories() -> list[tuple[str, str]]:
    from hbh_indicatie.models.common import CATEGORY_LABELS

    return [(c.value, label) for c, label in CATEGORY_LABELS.items()]


def list_keys(data: Mapping[str, Any], name: str) -> list[str]:
    """The kinds a list per kind (hulpmiddelen) already names in the case dict."""
    items = data.get(name)
    found = []
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("soort"), str):
                found.append(item["soort"])
    return found


# ---- problems -> the field they belong to ----------------------------------------------------

@dataclass(frozen=True)
class Remark:
    """A problem of the case shown next to its field (``name``) and in the list of what is
    still missing (with the field's Dutch label)."""

    name: str
    text: str
    label: str = ""


def field_label(name: str) -> str:
    """'huisgenoten.0.overbelast' -> 'Huisgenoten 1: Overbelast?' (for the list of what is
    missing); a kind in a list per kind is named as in the form."""
    fields = by_path()
    found: list[str] = []
    path = ""
    for part in name.split("."):
        candidate = f"{path}.{part}" if path else part
        if candidate in fields:
            parent, path = fields.get(path), candidate
            quiet = fields[path].kind == "per_activiteit" or path == "client" or (
                parent is not None and parent.kind in ("vermogen", "per_activiteit",
                                                       "vermogen_of_taken"))
            if not quiet:
                found.append(fields[path].label)
        elif part.isdigit():
            item = teksten.item_label(path, fields[path].label) if path in fields else ""
            found[-1] = f"{item} {int(part) + 1}"
        elif part != "kan":
            found.append(teksten.choice_label(path, part))
    if not found and name in fields:
        return fields[name].label  # a group named as a whole ('client')
    return ": ".join(found) if found else name


def input_name(field_path: str, message: str, data: Mapping[str, Any]) -> str:
    """The input name a problem's field path (``huisgenoten[0].naam``) points at."""
    parts = [p for p in re.split(r"\.|\[(\d+)\]", field_path) if p]
    if not parts:
        return ""
    top = next((f for f in case_fields() if f.name == parts[0]), None)
    if top is not None and top.kind == "sleutellijst":
        kinds = list_keys(data, top.name)
        if len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(kinds):
            parts[1] = kinds[int(parts[1])]
        elif len(parts) == 1 and (quoted := re.match(r"'([^']+)'", message)):
            parts += [quoted.group(1), top.children[1].name]
    name = ".".join(parts)
    plain = ".".join(p for p in parts if not p.isdigit())
    found = by_path().get(plain)
    if found is not None and found.kind in ("groep", "lijst", "keuze_of_lijst") and \
            (found.kind == "groep" or parts[-1].isdigit()):
        # a problem of a row or group that names one of its facts: next to that fact
        named = [c for q in re.findall(r"'([^']+)'", message) for c in found.children if c.name == q]
        if named:
            name, found = f"{name}.{named[0].name}", named[0]
    asked = found is not None and found.kind in ("vermogen", "vermogen_of_taken")
    return f"{name}.kan" if asked else name
