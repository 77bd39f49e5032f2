"""JSON Schemas generated from the pydantic models, for embedders.

* ``casus`` (hbh.casus.v1): what a case must look like on input (Dutch keys, shorthands);
* ``indicatie`` (hbh.indicatie.v1): the JSON output of ``hbh bereken --formaat json``;
* ``normen`` (hbh.normen.v1): a norm set file;
* ``activiteiten`` (hbh.activiteiten.v1): the shared vocabulary of household activities
  (``norms/activiteiten.yaml``) that cases state their facts on;
* ``iwmo`` (hbh.iwmo.v1): the output of ``--formaat iwmo``;
* ``berichtgegevens`` (hbh.berichtgegevens.v1): header and client data for a complete
  WMO301 Bericht (``hbh bereken --formaat iwmo-bericht --bericht BESTAND``);
* ``normvergelijking`` (hbh.normvergelijking.v1): the output of
  ``hbh normen vergelijk --formaat json``;
* ``impact`` (hbh.impact.v1): the report of ``hbh impact --rapport BESTAND.json``;
* ``naast_elkaar`` (hbh.naast_elkaar.v1): one case under several norm sets
  (``hbh bereken --normen A --normen B --formaat json``).

The committed copies live in docs/schema/; a test fails when they drift from the models
(regenerate with ``hbh schema alle --uitvoer docs/schema``).
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel

from hbh_indicatie.iwmo.message_data import BERICHTGEGEVENS_SCHEMA, BerichtGegevens
from hbh_indicatie.iwmo.models import IWMO_SCHEMA, IwmoExport
from hbh_indicatie.models.case import CASE_SCHEMA, Case
from hbh_indicatie.models.comparison import COMPARISON_SCHEMA, NormComparison
from hbh_indicatie.models.impact import IMPACT_SCHEMA, ImpactReport
from hbh_indicatie.models.indication import (
    INDICATION_SCHEMA,
    SIDE_BY_SIDE_SCHEMA,
    Indication,
    SideBySide,
)
from hbh_indicatie.models.norm_set import NORMS_SCHEMA, NormSet
from hbh_indicatie.vocabulary.model import VOCABULARY_SCHEMA, Vocabulary

Mode = Literal["validation", "serialization"]

SCHEMAS: dict[str, tuple[str, type[BaseModel], Mode, str]] = {
    "casus": (CASE_SCHEMA, Case, "validation", "Casus hulp bij het huishouden (invoer)"),
    "indicatie": (INDICATION_SCHEMA, Indication, "serialization",
                  "Indicatie hulp bij het huishouden (uitvoer, uitgelegd)"),
    "normen": (NORMS_SCHEMA, NormSet, "validation", "Normenset (normtijden met herkomst)"),
    "activiteiten": (VOCABULARY_SCHEMA, Vocabulary, "validation",
                     "Woordenlijst huishoudelijke activiteiten (norms/activiteiten.yaml)"),
    "iwmo": (IWMO_SCHEMA, IwmoExport, "serialization",
             "iWmo 3.2 ToegewezenProduct-fragmenten (uitvoer)"),
    "berichtgegevens": (BERICHTGEGEVENS_SCHEMA, BerichtGegevens, "validation",
                        "Header- en cliëntgegevens voor een iWmo 3.2 WMO301-bericht (invoer)"),
    "normvergelijking": (COMPARISON_SCHEMA, NormComparison, "serialization",
                         "Vergelijking van twee normensets (uitvoer)"),
    "impact": (IMPACT_SCHEMA, ImpactReport, "serialization",
               "Impact van een normwijziging op een caseload (uitvoer)"),
    "naast_elkaar": (SIDE_BY_SIDE_SCHEMA, SideBySide, "serialization",
                     "Eén casus onder meerdere normensets (uitvoer)"),
}
"""Kind -> (schema id, model, pydantic mode, Dutch title)."""

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_id(kind: str) -> str:
    return f"urn:hbh-indicatie:schema:{SCHEMAS[kind][0]}"


FRACTION_OUT = r"^-?[0-9]+(/[0-9]+)?$"
"""How an exact number of minutes is written in output: '85/2', '21', '-9/4'."""
FRACTION_IN = r"^\s*-?[0-9]+(\.[0-9]+)?(\s*/\s*[0-9]+)?\s*$"
"""What input accepts as text besides a number: '85/2', '42.5'."""
_BOUNDS = {"gt": "exclusiveMinimum", "ge": "minimum", "lt": "exclusiveMaximum", "le": "maximum"}


def _fractions(node: Any, mode: Mode) -> Any:
    """Pydantic describes Fraction as a plain string; say what is really accepted/produced."""
    if isinstance(node, list):
        return [_fractions(item, mode) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _fractions(value, mode) for key, value in node.items()}
    if node.get("format") != "fraction":
        return node
    keep = {k: v for k, v in node.items() if k in ("title", "description", "default")}
    if mode == "serialization":
        return {**keep, "type": "string", "pattern": FRACTION_OUT}
    number: dict[str, Any] = {"type": "number"}
    number.update({_BOUNDS[k]: v for k, v in node.items() if k in _BOUNDS})
    return {**keep, "anyOf": [number, {"type": "string", "pattern": FRACTION_IN}]}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of ``kind`` (one of :data:`SCHEMAS`), with $schema, $id and title."""
    sid, model, mode, title = SCHEMAS[kind]
    body = _fractions(model.model_json_schema(by_alias=True, mode=mode), mode)
    body.pop("title", None)
    if kind == "casus":
        from hbh_indicatie.case_schema import tighten

        body = tighten(body)
    return {"$schema": DRAFT, "$id": schema_id(kind), "title": f"{sid}: {title}", **body}


def schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def file_name(kind: str) -> str:
    return f"{SCHEMAS[kind][0]}.schema.json"
