"""The published case schema (hbh.casus.v1) exactly as strict as the case model.

Pydantic writes each field's own constraints into the JSON Schema; the rules that a model
checks across its fields (a validator: 'bij gedeeltelijk hoort een aandeel') and the effect
of stripping spaces from text are added here, per model ($defs name), so that a case the
schema accepts is a case the model accepts. ``tests/test_vijandige_invoer.py`` checks that
with cases generated from the schema.

What JSON Schema cannot say is listed in :data:`NOT_IN_SCHEMA` and stated in the schema's
description: comparisons between two values (dates in order, counts) and uniqueness of a
field across list items.
"""

from __future__ import annotations

import copy
from typing import Any

from hbh_indicatie.models.case import (
    EXCLUDED_FORMS,
    NETWORK_FAMILY,
    LivingForm,
    NetworkRelation,
    Relation,
)

WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
"""What the model strips from text (Python's str.strip; no character above U+3000 is a space),
written out for the regex of the schema (whose \\s differs between regex dialects)."""
_WS = "".join(f"\\u{ord(c):04x}" for c in WHITESPACE)
NOT_BLANK = f"[^{_WS}]"
"""Text with at least one character that is not a space: what min_length=1 means after
stripping."""

NOT_IN_SCHEMA = (
    "de namen van huisgenoten zijn uniek",
    "elk hulpmiddel en elke voorliggende voorziening komt hooguit één keer voor",
    "'ingangsdatum' ligt niet vóór de 'peildatum'",
    "'verwacht_herstel', de einddatum van de revalidatie en 'eerdere_tijdelijke_indicatie.tot' "
    "liggen na de peildatum (die laatste vóór de ingangsdatum)",
    "niet meer zorgbehoevende bewoners dan bewoners, en meer bewoners dan het huishouden telt",
    "een afwezigheid past in haar periode (etmalen niet meer dan 7 x per_weken) en de "
    "afwezigheden samen zijn niet meer etmalen dan er dagen zijn",
    "'uitstelbaar_op_thuisdagen' staat er precies wanneer een afwezigheid geen 7 etmalen "
    "aaneengesloten voor werk is (§2.2)",
    "de 'geboortedatum' van een huisgenoot geeft op de peildatum een leeftijd van 0 tot 120 en "
    "past bij zijn 'leeftijd' als die er ook is",
)
"""The case model's rules that JSON Schema cannot express (Dutch, for the description)."""

TRUE = {"anyOf": [{"const": True}, {"const": "ja"}]}
FALSE = {"anyOf": [{"const": False}, {"const": "nee"}]}
NULL = {"type": "null"}
SET = "SET"
"""Marker: the field must be given (and not null): its own schema without the null."""

Branch = dict[str, Any]
"""Field name -> schema replacing the field's own (:data:`SET`: required, not null)."""

_OTHERS = [r.value for r in NetworkRelation
           if r not in NETWORK_FAMILY and r is not NetworkRelation.OTHER_PARENT]
"""Network relations outside the family (§1.6: a willing one needs 'duurzaam')."""

RULES: dict[str, list[list[Branch]]] = {
    "Ability": [[{"kan": {"const": "gedeeltelijk"}, "aandeel_procent": SET},
                 {"kan": {"enum": ["volledig", "niet", "onbekend"]}, "aandeel_procent": NULL}]],
    "TaskSelection": [[{"categorieen": {"minItems": 1}}, {"activiteiten": {"minItems": 1}}]],
    "Client": [[{"duur_beperkingen": {"const": "kortdurend"}, "verwacht_herstel": SET},
                {"duur_beperkingen": {"const": "langdurig"}, "verwacht_herstel": NULL}]],
    "Absence": [[
        {"langste_aaneengesloten_etmalen": {"const": 0}, "dagen_per_week": {"const": 0}},
        {"langste_aaneengesloten_etmalen": {"minimum": 1, "maximum": 6},
         "dagen_per_week": {"minimum": 1, "maximum": 6}},
        {"langste_aaneengesloten_etmalen": {"minimum": 7}},
    ]],
    "Housemate": [
        [{"leeftijd": SET}, {"geboortedatum": SET}],
        [{"relatie": {"const": "kamerhuurder"}, "huurovereenkomst": SET},
         {"relatie": {"enum": [r.value for r in Relation if r is not Relation.LODGER]}}],
        [{"kan_huishouden": {"const": "gedeeltelijk"}, "kan_overnemen": SET},
         {"kan_huishouden": {"enum": ["ja", "nee", "onbekend"]}, "kan_overnemen": NULL}],
        [{"afwezigheid": SET, "afwezigheid_werk": NULL}, {"afwezigheid": NULL, "afwezigheid_werk": SET}],
        [{"overbelast": TRUE},
         {"overbelast": {"anyOf": [{"const": False}, {"enum": ["nee", "onbekend"]}]},
          "eerdere_tijdelijke_indicatie": NULL}],
    ],
    "Dwelling": [[
        {"woonvorm": {"const": "woongroep"}, "gemeenschappelijke_ruimten": SET,
         "uitzondering_woonvorm": NULL, "vaste_woonruimte": NULL},
        {"woonvorm": {"const": "zelfstandig"}, "uitzondering_woonvorm": NULL, "vaste_woonruimte": NULL},
        {"woonvorm": {"const": "kamerhuur"}, "vaste_woonruimte": TRUE, "uitzondering_woonvorm": NULL},
        {"woonvorm": {"const": "kamerhuur"}, "vaste_woonruimte": {
            "anyOf": [{"const": False}, {"enum": ["nee", "onbekend"]}, NULL]}},
        {"woonvorm": {"enum": sorted(f.value for f in EXCLUDED_FORMS if f is not LivingForm.RENTED_ROOM)},
         "gemeenschappelijke_ruimten": NULL, "vaste_woonruimte": NULL},
    ]],
    "AidFact": [[
        {"aanwezig": TRUE, "haalbaar": NULL, "verwacht_per": NULL},
        {"aanwezig": FALSE, "haalbaar": TRUE, "verwacht_per": SET},
        {"aanwezig": FALSE, "haalbaar": {"anyOf": [{"const": False}, {"enum": ["nee", "onbekend"]}]},
         "afdoende": NULL},
    ]],
    "NetworkMember": [[
        {"relatie": {"enum": sorted(r.value for r in NETWORK_FAMILY)},
         "bereid": SET, "duurzaam": NULL, "kinderen_bij_client_procent": NULL,
         "omgangsregeling_nagekomen": NULL},
        {"relatie": {"enum": _OTHERS}, "bereid": TRUE, "duurzaam": SET,
         "kinderen_bij_client_procent": NULL, "omgangsregeling_nagekomen": NULL},
        {"relatie": {"enum": _OTHERS}, "bereid": FALSE,
         "kinderen_bij_client_procent": NULL, "omgangsregeling_nagekomen": NULL},
        {"relatie": {"const": "andere_ouder"}, "bereid": SET, "aandeel_procent": NULL, "duurzaam": NULL,
         "kinderen_bij_client_procent": NULL, "omgangsregeling_nagekomen": NULL},
        {"relatie": {"const": "andere_ouder"}, "bereid": NULL, "aandeel_procent": NULL, "duurzaam": NULL,
         "kinderen_bij_client_procent": SET, "omgangsregeling_nagekomen": SET},
    ]],
    "PrivateHelp": [[{"aanwezig": TRUE, "financien_gewijzigd": SET, "taken": SET},
                     {"aanwezig": FALSE, "financien_gewijzigd": NULL, "taken": NULL,
                      "wordt_voortgezet": NULL}]],
    "DustMite": [[{"allergie": TRUE, "sanering_uitgevoerd": SET}, {"allergie": FALSE}]],
    "Terminal": [[{"van_toepassing": TRUE}, {"van_toepassing": FALSE, "ontlasten": NULL}]],
    "Deviation": [[{"minuten_per_week": {"maximum": -1}}, {"minuten_per_week": {"minimum": 1}}]],
}
"""Per model: its validators in JSON Schema, as alternatives (one list per rule; a case must
fit one alternative of every rule). Each alternative is written out as a whole object schema
(``anyOf``), which reads plainly and which generators such as hypothesis-jsonschema can draw
from directly (``if``/``then`` would make them reject nearly every draw)."""

TEXT_RULES: dict[tuple[str, str], str] = {
    ("Housemate", "naam"): NOT_BLANK,
    ("NetworkMember", "naam"): NOT_BLANK,
    ("Housemate", "frequentie"): NOT_BLANK,
    ("NetworkMember", "frequentie"): NOT_BLANK,
    ("Deviation", "activiteit"): NOT_BLANK,
    ("Deviation", "motivering"): f"{NOT_BLANK}[\\s\\S]{{18,}}{NOT_BLANK}",
    ("PreviousOverburden", "pogingen"): f"{NOT_BLANK}[\\s\\S]{{18,}}{NOT_BLANK}",
    ("HousingException", "motivering"): f"{NOT_BLANK}[\\s\\S]{{18,}}{NOT_BLANK}",
    ("", "kenmerk"): NOT_BLANK,
}
"""Text fields whose minimum length counts after stripping spaces ('' = the case itself)."""


def _only_gedeeltelijk(node: Any) -> Any:
    """The shorthand {gedeeltelijk: PROCENT} needs that key (an empty mapping is no ability)."""
    if isinstance(node, list):
        return [_only_gedeeltelijk(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _only_gedeeltelijk(value) for key, value in node.items()}
    if node.get("propertyNames") == {"const": "gedeeltelijk"}:
        node["required"] = ["gedeeltelijk"]
    return node


def _not_null(field: dict[str, Any]) -> dict[str, Any]:
    """The field's schema without its null alternative (and without the default null)."""
    kept = {k: v for k, v in field.items() if k not in ("anyOf", "default")}
    if "anyOf" not in field:
        return kept
    options = [o for o in field["anyOf"] if o != NULL]
    return {**kept, **options[0]} if len(options) == 1 else {**kept, "anyOf": options}


_NARROWING = {"minimum", "maximum", "minItems"}


def _narrowed(field: dict[str, Any], rule: dict[str, Any]) -> dict[str, Any]:
    """A bound (minimum, ...) narrows the field's own schema; any other rule (null, a
    constant, a list of values) replaces it."""
    if set(rule) <= _NARROWING:
        return {**_not_null(field), **rule}
    return {**({"title": field["title"]} if "title" in field else {}), **rule}


def _branch(model: dict[str, Any], alternatives: list[Branch]) -> list[dict[str, Any]]:
    out = []
    for alternative in alternatives:
        branch = copy.deepcopy(model)
        required = set(branch.get("required", []))
        for name, rule in alternative.items():
            field = branch["properties"][name]
            if rule == SET:
                branch["properties"][name] = _not_null(field)
                required.add(name)
            else:
                branch["properties"][name] = _narrowed(field, rule)
                if rule is not NULL and NULL not in rule.get("anyOf", []):
                    required.add(name)
        branch["required"] = sorted(required, key=list(branch["properties"]).index)
        out.append(branch)
    return out


def _with_rules(model: dict[str, Any], rules: list[list[Branch]]) -> dict[str, Any]:
    head: dict[str, Any] = {k: model[k] for k in ("title", "description") if k in model}
    body = {k: v for k, v in model.items() if k not in head}
    branches = [body]
    for alternatives in rules:
        branches = [b for branch in branches for b in _branch(branch, alternatives)]
    return {**head, "anyOf": branches}


def tighten(schema: dict[str, Any]) -> dict[str, Any]:
    """The case schema with the model's cross-field and text rules added."""
    schema = _only_gedeeltelijk(copy.deepcopy(schema))
    definitions = schema["$defs"]
    for (name, field), pattern in TEXT_RULES.items():
        owner = definitions[name] if name else schema
        owner["properties"][field]["pattern"] = pattern
    for name, rules in RULES.items():
        definitions[name] = _with_rules(definitions[name], rules)
    pets = schema["properties"]["huisdieren"]["anyOf"]
    pets[0].update({"minimum": 0, "maximum": 20})
    schema["description"] = (
        f"{schema.get('description', '')}\n\nNiet in dit schema (het casusmodel controleert ze "
        f"wel): {'; '.join(NOT_IN_SCHEMA)}.").strip()
    return schema
