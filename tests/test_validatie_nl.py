"""pydantic's errors reach users in Dutch only: every error type the case files, the norm files
and the service's parameters can produce has its own Dutch message, and no type at all
(pydantic has about a hundred) lets pydantic's English text through."""

from __future__ import annotations

import typing
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ValidationError as CoreValidationError
from pydantic_core.core_schema import ErrorType

from hbh_indicatie.errors import InputError
from hbh_indicatie.loading.validation import UNKNOWN, problems_from, problems_from_errors, validate
from hbh_indicatie.models.case import Case


class Kleur(StrEnum):
    ROOD = "rood"
    BLAUW = "blauw"


class Binnen(BaseModel):
    model_config = ConfigDict(extra="forbid")

    getal: int


class Proef(BaseModel):
    """One field per kind of value the project's models and the service's parameters have."""

    model_config = ConfigDict(extra="forbid")

    geheel: int = 0
    vlag: bool = False
    dag: date = date(2026, 1, 1)
    tijd: time = time(0)
    moment: datetime = datetime(2026, 1, 1)
    strikt_moment: datetime = Field(datetime(2026, 1, 1), strict=True)
    strikte_dag: date = Field(date(2026, 1, 1), strict=True)
    duur: timedelta = timedelta(0)
    kleur: Kleur = Kleur.ROOD
    soort: Literal["a", "b"] = "a"
    code: str = Field("x", max_length=5)
    vanaf: int = Field(1, ge=1)
    tot: int = Field(1, le=120)
    lijst: list[int] = []
    velden: dict[str, int] = {}
    binnen: Binnen = Binnen(getal=1)


# (error type, JSON input, Dutch message it must give, 'toegestaan' it must give)
CASES: list[tuple[str, str, str, str | None]] = [
    ("missing", '{"binnen": {}}', "ontbreekt", None),
    ("extra_forbidden", '{"schoenmaat": 39}', "onbekend veld", None),
    ("int_parsing", '{"geheel": "twaalf"}', "moet een geheel getal zijn", None),
    ("bool_parsing", '{"vlag": "misschien"}', "moet ja/nee (true/false) zijn", None),
    ("date_from_datetime_parsing", '{"dag": "2026-13-01"}', "moet een datum zijn (JJJJ-MM-DD)",
     None),
    ("time_parsing", '{"tijd": "25:00"}', "moet een tijdstip zijn (UU:MM of UU:MM:SS, uren 0-23)",
     None),
    ("date_parsing", '{"strikte_dag": "2026-13-01"}', "moet een datum zijn (JJJJ-MM-DD)", None),
    ("datetime_parsing", '{"strikt_moment": "gisteren"}',
     "moet een datum met tijdstip zijn (JJJJ-MM-DDTUU:MM:SS)", None),
    ("datetime_from_date_parsing", '{"moment": "2026-02-30"}',
     "moet een datum met tijdstip zijn (JJJJ-MM-DDTUU:MM:SS)", None),
    ("time_delta_parsing", '{"duur": "een uur"}',
     "moet een tijdsduur zijn (zoals PT1H30M of 01:30:00)", None),
    ("enum", '{"kleur": "groen"}', "waarde 'groen' is niet toegestaan", "rood, blauw"),
    ("literal_error", '{"soort": "c"}', "waarde 'c' is niet toegestaan", "a, b"),
    ("string_too_long", '{"code": "abcdefg"}', "is te lang", "hoogstens 5 tekens"),
    ("greater_than_equal", '{"vanaf": 0}', "waarde 0 valt buiten het bereik", ">= 1"),
    ("less_than_equal", '{"tot": 500}', "waarde 500 valt buiten het bereik", "<= 120"),
    ("list_type", '{"lijst": 3}', "moet een lijst zijn", None),
    ("dict_type", '{"velden": [1]}', "moet een verzameling velden zijn", None),
    ("model_type", '{"binnen": 3}', "moet een verzameling velden zijn", None),
    ("json_invalid", '{"geheel": ', "geen geldige JSON", None),
    ("string_type", '{"code": 5}', "moet tekst zijn", None),
    ("int_from_float", '{"geheel": 1.5}', "moet een geheel getal zijn", None),
]


@pytest.mark.parametrize(("kind", "text", "dutch", "allowed"), CASES, ids=[c[0] for c in CASES])
def test_each_error_type_the_service_meets_is_dutch(kind: str, text: str, dutch: str,
                                                    allowed: str | None) -> None:
    with pytest.raises(ValidationError) as caught:
        Proef.model_validate_json(text)
    errors = caught.value.errors()
    assert [e["type"] for e in errors] == [kind]  # the case tests the type it names
    [problem] = problems_from(caught.value)
    assert problem.message == dutch
    assert problem.message != errors[0]["msg"]
    assert problem.allowed == allowed


ENGLISH = ("Input should", "should be", "should have", "Field required", "Extra inputs",
           "Unable to", "Invalid", "Error ", "Value error", "Assertion failed", "expected",
           "Recursion", "is frozen", "must be", "argument")

CONTEXT: dict[str, Any] = {
    "expected": "'a' or 'b'", "error": "hour value is outside expected range of 0-23", "gt": 1,
    "ge": 1, "lt": 9, "le": 9, "multiple_of": 2, "min_length": 1, "max_length": 2,
    "pattern": "^a$", "class_name": "X", "attribute": "a", "discriminator": "'soort'",
    "tag": "x", "expected_tags": "'a', 'b'", "max_digits": 2, "decimal_places": 2,
    "whole_digits": 2, "scheme": "x", "expected_schemes": "'http'", "tz_expected": 0,
    "tz_actual": 3600, "class": "X", "field_type": "Model", "input_type": "str",
    "function_name": "f", "expected_version": 4, "context": "x", "max_depth": 1,
    "actual_length": 3, "method_name": "m", "encoding": "base64", "encoding_error": "x",
}
OUR_OWN = ("value_error", "assertion_error")
"""Raised by our validators with Dutch text; pydantic's English prefix is taken off."""


@pytest.mark.parametrize("kind", typing.get_args(ErrorType))
def test_no_pydantic_error_type_lets_english_through(kind: str) -> None:
    english = CoreValidationError.from_exception_data("Proef", [
        {"type": kind, "loc": ("veld",), "input": "invoer", "ctx": CONTEXT}]).errors()
    [problem] = problems_from_errors(english)
    text = f"{problem.message} {problem.allowed or ''}"
    if kind in OUR_OWN:
        assert problem.message == CONTEXT["error"]  # the validator's own text, bare
        return
    assert problem.message != english[0]["msg"]
    assert not any(word in text for word in ENGLISH), text
    assert problem.field == "veld"


def test_only_types_no_user_input_can_produce_fall_back_to_the_general_message() -> None:
    """Every type a user's input can cause has a message of its own; the general Dutch one is
    left for programming errors (a custom class, a call's arguments, a sentinel)."""
    general = set()
    for kind in typing.get_args(ErrorType):
        english = CoreValidationError.from_exception_data("Proef", [
            {"type": kind, "loc": ("veld",), "input": "invoer", "ctx": CONTEXT}]).errors()
        if problems_from_errors(english)[0].message == UNKNOWN:
            general.add(kind)
    assert general == {"no_such_attribute", "needs_python_object", "get_attribute_error",
                       "default_factory_not_called", "missing_sentinel_error", "ellipsis_error",
                       "is_instance_of", "is_subclass_of", "callable_type"}


def test_input_that_is_no_mapping_names_a_file_only_when_it_is_one() -> None:
    for origin, said in (("a.yaml", "het bestand moet een verzameling velden bevatten"),
                         ("<standaardinvoer>", "de invoer moet een verzameling velden zijn")):
        with pytest.raises(InputError) as caught:
            validate(Case, ["een", "lijst"], origin, "casus")
        assert [p.message for p in caught.value.problems] == [said]
