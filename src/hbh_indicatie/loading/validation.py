"""Turn pydantic validation errors into Dutch problems naming field and what is allowed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from hbh_indicatie.errors import InputError, Problem
from hbh_indicatie.loading.limits import shape_problem, shown
from hbh_indicatie.models.case import NORM_SPEC_PATTERN

M = TypeVar("M", bound=BaseModel)

_DATE = "moet een datum zijn (JJJJ-MM-DD)"
_TIME = "moet een tijdstip zijn (UU:MM of UU:MM:SS, uren 0-23)"
_DATETIME = "moet een datum met tijdstip zijn (JJJJ-MM-DDTUU:MM:SS)"
_DURATION = "moet een tijdsduur zijn (zoals PT1H30M of 01:30:00)"
_FIELDS = "moet een verzameling velden zijn"
_LIST = "moet een lijst zijn"
_NUMBER = "moet een getal zijn"
_TEXT = "moet tekst zijn"

_MESSAGES: dict[str, str] = {
    "missing": "ontbreekt",
    "extra_forbidden": "onbekend veld",
    "bool_type": "moet ja/nee (true/false) zijn",
    "bool_parsing": "moet ja/nee (true/false) zijn",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "int_parsing_size": "is een te groot getal",
    "multiple_of": "is geen veelvoud van het toegestane getal",
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": "moet een datum zijn (JJJJ-MM-DD), zonder tijd",
    "date_past": "moet een datum in het verleden zijn",
    "date_future": "moet een datum in de toekomst zijn",
    "time_type": _TIME,
    "time_parsing": _TIME,
    "datetime_type": _DATETIME,
    "datetime_parsing": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "datetime_object_invalid": _DATETIME,
    "datetime_past": "moet een moment in het verleden zijn",
    "datetime_future": "moet een moment in de toekomst zijn",
    "timezone_naive": "mag geen tijdzone hebben",
    "timezone_aware": "moet een tijdzone hebben (zoals +01:00)",
    "timezone_offset": "heeft een andere tijdzone dan toegestaan",
    "time_delta_type": _DURATION,
    "time_delta_parsing": _DURATION,
    "finite_number": "moet een gewoon getal zijn",
    "string_type": _TEXT,
    "string_sub_type": _TEXT,
    "string_unicode": "bevat een ongeldig teken (een los deel van een surrogaatpaar)",
    "string_not_ascii": "mag alleen gewone letters, cijfers en leestekens (ASCII) bevatten",
    "bytes_type": _TEXT,
    "bytes_too_short": "is te kort",
    "bytes_too_long": "is te lang",
    "bytes_invalid_encoding": "is geen geldig gecodeerde tekst",
    "list_type": _LIST,
    "tuple_type": _LIST,
    "set_type": _LIST,
    "frozen_set_type": _LIST,
    "deque_type": _LIST,
    "iterable_type": _LIST,
    "iteration_error": "kon niet als lijst gelezen worden",
    "set_item_not_hashable": "bevat een waarde die niet in een verzameling kan (zoals een lijst)",
    "dict_type": _FIELDS,
    "frozen_dict_type": _FIELDS,
    "ordered_dict_type": _FIELDS,
    "counter_type": _FIELDS,
    "mapping_type": _FIELDS,
    "model_type": _FIELDS,
    "model_attributes_type": _FIELDS,
    "dataclass_type": _FIELDS,
    "dataclass_exact_type": _FIELDS,
    "named_tuple_type": _LIST,
    "arguments_type": _FIELDS,
    "decimal_parsing": _NUMBER,
    "decimal_type": _NUMBER,
    "decimal_max_digits": "heeft te veel cijfers",
    "decimal_max_places": "heeft te veel cijfers achter de punt",
    "decimal_whole_digits": "heeft te veel cijfers vóór de punt",
    "fraction_parsing": "moet een getal of breuk zijn",
    "fraction_type": "moet een getal of breuk zijn",
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "complex_type": _NUMBER,
    "complex_str_parsing": _NUMBER,
    "string_too_long": "is te lang",
    "string_too_short": "is te kort",
    "too_short": "heeft te weinig elementen",
    "string_pattern_mismatch": "heeft niet de juiste vorm",
    "too_long": "heeft te veel elementen",
    "invalid_key": ("een veldnaam moet tekst zijn; een komma in een getal (zoals 37,5) leest YAML "
                    "als twee velden: schrijf een heel getal of een punt (37.5)"),
    "json_invalid": "geen geldige JSON",
    "json_type": "moet JSON-tekst zijn",
    "none_required": "moet leeg zijn (null)",
    "union_tag_invalid": "onbekende soort",
    "union_tag_not_found": "de soort ontbreekt",
    "uuid_type": "moet een UUID zijn",
    "uuid_parsing": "moet een UUID zijn",
    "uuid_version": "heeft een andere UUID-versie dan toegestaan",
    "url_type": "moet een webadres (URL) zijn",
    "url_parsing": "moet een geldig webadres (URL) zijn",
    "url_syntax_violation": "moet een geldig webadres (URL) zijn",
    "url_too_long": "is een te lang webadres",
    "url_scheme": "heeft een niet toegestane soort webadres",
    "recursion_loop": "verwijst naar zichzelf",
    "recursion_depth_exceeded": "is te diep genest",
    "frozen_field": "kan niet gewijzigd worden",
    "frozen_instance": "kan niet gewijzigd worden",
    "missing_argument": "ontbreekt",
    "missing_keyword_only_argument": "ontbreekt",
    "missing_positional_only_argument": "ontbreekt",
    "unexpected_keyword_argument": "onbekend veld",
    "unexpected_positional_argument": "onbekend veld",
    "multiple_argument_values": "is meer dan eens gegeven",
}
"""pydantic's error types in Dutch; a type missing here gets :data:`UNKNOWN`, never pydantic's
English text (tests/test_validatie_nl.py feeds every type pydantic has)."""

UNKNOWN = "heeft geen geldige waarde"
"""The message for an error type without a translation (programming errors such as
'is_instance_of': no input of a user should produce them)."""

_PREFIXED = {"value_error": "Value error, ", "assertion_error": "Assertion failed, "}
"""Our own validators raise ValueError with Dutch text; pydantic puts English before it."""


def _allowed(error: Any) -> str | None:
    ctx = error.get("ctx") or {}
    kind = error["type"]
    if kind in ("literal_error", "enum"):
        return str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {"greater_than_equal": ">=", "greater_than": ">", "less_than_equal": "<=",
                "less_than": "<"}[kind]
        key = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le",
               "less_than": "lt"}[kind]
        return f"{sign} {ctx.get(key)}"
    if kind == "string_too_short":
        return f"minstens {ctx.get('min_length')} tekens"
    if kind == "too_short":
        return f"minstens {ctx.get('min_length')} element(en)"
    if kind == "string_too_long":
        return f"hoogstens {ctx.get('max_length')} tekens"
    if kind == "too_long":
        return f"hoogstens {ctx.get('max_length')} element(en)"
    if kind == "multiple_of":
        return f"een veelvoud van {ctx.get('multiple_of')}"
    if kind == "union_tag_invalid":
        return str(ctx.get("expected_tags", "")).replace("'", "") or None
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == NORM_SPEC_PATTERN:
            return ("een normenset-ID of ID@JJJJ-MM-DD (kleine letters, cijfers, '_' en '-'), "
                    "geen bestandsnaam")
        return "kleine letters, cijfers, '_' en '-'"
    return None


def _message(error: Any) -> str:
    kind = error["type"]
    if kind in _PREFIXED:
        return str(error["msg"]).removeprefix(_PREFIXED[kind])
    if kind in ("literal_error", "enum"):
        return f"waarde {shown(error.get('input'))} is niet toegestaan"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return f"waarde {shown(error.get('input'))} valt buiten het bereik"
    return _MESSAGES.get(kind, UNKNOWN)


def _location(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif str(item).startswith(("function-", "tagged-union", "tuple[", "list[", "str-enum[")) or item in (
            "bool", "int", "str", "tuple[enum,...]", "literal['onbekend']", "date",
        ):
            continue
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts)


def problems_from(exc: ValidationError) -> list[Problem]:
    """One Problem per distinct field; for union fields keep the most telling message."""
    return problems_from_errors(exc.errors())


def problems_from_errors(errors: Sequence[Any], skip: int = 0) -> list[Problem]:
    """:func:`problems_from` for pydantic's error dicts (also FastAPI's request errors, whose
    locations start with 'query' or 'path': ``skip`` drops that many leading parts)."""
    seen: dict[str, Problem] = {}
    for error in errors:
        field = _location(tuple(error["loc"])[skip:])
        problem = Problem(field, _message(error), _allowed(error))
        if field in seen and error["type"] in ("literal_error", "bool_type", "bool_parsing"):
            continue
        seen.setdefault(field, problem)
        if error["type"] == "missing":
            seen[field] = problem
    return list(seen.values())


def not_fields(path: str) -> str:
    """What to say when the whole input is no mapping: a file 'contains' fields; input that is
    no file ('<standaardinvoer>', '<verzoek>') 'is' them. The HTTP service says 'JSON-body'
    itself before it gets here (service.app.case_of_data)."""
    if path.startswith("<") and path.endswith(">"):
        return "de invoer moet een verzameling velden zijn"
    return "het bestand moet een verzameling velden bevatten"


def validate(model: type[M], data: Any, path: str, kind: str) -> M:
    if not isinstance(data, dict):
        raise InputError(path, [Problem("", not_fields(path))], kind)
    if (problem := shape_problem(data)) is not None:
        raise InputError(path, [Problem("", problem)], kind)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(path, problems_from(exc), kind) from None
