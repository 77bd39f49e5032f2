"""Turn pydantic validation errors into Dutch problems naming field and what is allowed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from hbh_indicatie.errors import InputError, Problem

M = TypeVar("M", bound=BaseModel)

_MESSAGES: dict[str, str] = {
    "missing": "ontbreekt",
    "extra_forbidden": "onbekend veld",
    "bool_type": "moet ja/nee (true/false) zijn",
    "bool_parsing": "moet ja/nee (true/false) zijn",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "date_type": "moet een datum zijn (JJJJ-MM-DD)",
    "date_parsing": "moet een datum zijn (JJJJ-MM-DD)",
    "date_from_datetime_parsing": "moet een datum zijn (JJJJ-MM-DD)",
    "date_from_datetime_inexact": "moet een datum zijn (JJJJ-MM-DD), zonder tijd",
    "datetime_type": "moet een datum zijn (JJJJ-MM-DD)",
    "finite_number": "moet een gewoon getal zijn",
    "string_type": "moet tekst zijn",
    "string_unicode": "bevat een ongeldig teken (een los deel van een surrogaatpaar)",
    "list_type": "moet een lijst zijn",
    "tuple_type": "moet een lijst zijn",
    "dict_type": "moet een verzameling velden zijn",
    "model_type": "moet een verzameling velden zijn",
    "model_attributes_type": "moet een verzameling velden zijn",
    "decimal_parsing": "moet een getal zijn",
    "decimal_type": "moet een getal zijn",
    "fraction_parsing": "moet een getal of breuk zijn",
    "fraction_type": "moet een getal of breuk zijn",
    "float_type": "moet een getal zijn",
    "float_parsing": "moet een getal zijn",
    "string_too_long": "is te lang",
    "too_long": "heeft te veel elementen",
    "invalid_key": ("een veldnaam moet tekst zijn; een komma in een getal (zoals 37,5) leest YAML "
                    "als twee velden: schrijf een heel getal of een punt (37.5)"),
    "json_invalid": "geen geldige JSON",
    "set_type": "moet een lijst zijn",
    "frozen_set_type": "moet een lijst zijn",
}


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
    if kind == "string_pattern_mismatch":
        return "kleine letters, cijfers, '_' en '-'"
    return None


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind in ("literal_error", "enum"):
        return f"waarde {error.get('input')!r} is niet toegestaan"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return f"waarde {error.get('input')!r} valt buiten het bereik"
    return _MESSAGES.get(kind, str(error["msg"]))


def _location(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif str(item).startswith(("function-", "tagged-union")) or item in (
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


def validate(model: type[M], data: Any, path: str, kind: str) -> M:
    if not isinstance(data, dict):
        raise InputError(path, [Problem("", "het bestand moet een verzameling velden bevatten")],
                         kind)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(path, problems_from(exc), kind) from None
