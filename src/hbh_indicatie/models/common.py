"""Shared vocabulary: enumerations used by cases, norm sets and indications.

The values are the Dutch words users write in their files; the member names are English.
See docs/begrippen.md for the glossary.

The model modules (this one, ``case``, ``norm_set``, ``indication``) do without
``from __future__ import annotations``: pydantic then need not evaluate every field's type from
its text when ``hbh`` starts (docs/snelheid.md, Opstarten). A validator that returns its own
model says ``-> Self``.
"""


from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    WithJsonSchema,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

UNKNOWN = "onbekend"
"""The explicit value a consultant writes when a fact cannot be known."""


def _yes_no(value: object) -> object:
    """'ja'/'nee' in any capitals as true/false; 'Onbekend' as 'onbekend' (where allowed)."""
    if isinstance(value, str):
        word = value.strip().lower()
        if word in ("ja", "nee"):
            return word == "ja"
        if word == UNKNOWN:
            return UNKNOWN
    return value


YesNo = Annotated[
    bool,
    BeforeValidator(_yes_no),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"enum": ["ja", "nee"]}]}),
]
"""A yes/no fact in a file: ``ja``/``nee`` as the messages and the handleiding write it, or
``true``/``false``."""

YesNoUnknown = Annotated[
    bool | Literal["onbekend"],
    BeforeValidator(_yes_no),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"enum": ["ja", "nee", "onbekend"]}]}),
]
"""A yes/no fact that may be ``onbekend`` (the rule that needs it is then skipped)."""


EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)


def _in_calendar(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"datum {value.isoformat()} ligt buiten {EARLIEST.isoformat()} t/m "
                         f"{LATEST.isoformat()}")
    return value


CalendarDate = Annotated[
    date,
    AfterValidator(_in_calendar),
    WithJsonSchema({"type": "string", "format": "date",
                    "pattern": "^(19[0-9]{2}|2[01][0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"}),
]
"""A date in a case or norm set: 1900-01-01 up to and including 2199-12-31. Dates near the
year 9999 left the rules no room to add a period (an overflow instead of the field's error)."""


class Frozen(BaseModel):
    """Base for every input model: immutable, unknown fields rejected, Dutch aliases.

    Validators and serialisers are built when a model is first used (``defer_build``), not
    when its module is imported: a model nested in another one is then built once, as part
    of the outer one, and a command pays only for the models it uses."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_by_alias=True,
        validate_by_name=False,
        serialize_by_alias=True,
        str_strip_whitespace=True,
        defer_build=True,
    )


class Output(BaseModel):
    """Base for every output model (indication, norm comparison, impact report): immutable,
    no extra fields, built when first used (as :class:`Frozen`). Output always writes every
    field, so the published JSON Schema marks fields with a default as required too."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True,
                              json_schema_serialization_defaults_required=True)


class Category(StrEnum):
    """Resultaatgebied (result category) of the protocol, §3."""

    CLEAN_HOME = "schoon_en_leefbaar_huis"
    GROCERIES_MEALS = "boodschappen_en_maaltijden"
    LAUNDRY = "wasverzorging"
    CHILDREN = "kinderen"
    ORGANISATION = "organisatie_van_het_huishouden"


CATEGORY_LABELS: dict[Category, str] = {
    Category.CLEAN_HOME: "Schoon en leefbaar huis",
    Category.GROCERIES_MEALS: "Boodschappen en maaltijden",
    Category.LAUNDRY: "Wasverzorging",
    Category.CHILDREN: "Zorg voor kinderen",
    Category.ORGANISATION: "Organisatie van het huishouden",
}


class Period(StrEnum):
    """Frequency period of a norm figure."""

    DAY = "dag"
    WEEK = "week"
    TWO_WEEKS = "2_weken"
    FOUR_WEEKS = "4_weken"
    MONTH = "maand"
    YEAR = "jaar"


class AmountUnit(StrEnum):
    MINUTES = "minuten"
    HOURS = "uren"


class Room(StrEnum):
    """Room an activity concerns; matters for shared spaces in a woongroep (§1.2)."""

    LIVING_ROOM = "woonkamer"
    KITCHEN = "keuken"
    SANITARY = "sanitair"
    BEDROOM = "slaapkamer"
    HALL_STAIRS = "hal_en_trap"
    OTHER = "overig"


class Aid(StrEnum):
    """Technisch hulpmiddel (§1.4, §1.7)."""

    WASHING_MACHINE = "wasmachine"
    DRYER = "wasdroger"
    DISHWASHER = "vaatwasser"
    VACUUM = "stofzuiger"
    ROBOT_VACUUM = "robotstofzuiger"
    ADAPTED_CUTLERY = "aangepast_bestek"
    RAISED_WASHER = "verhoging_wasmachine"
    MICROWAVE = "magnetron"


class Provision(StrEnum):
    """Voorliggende voorziening (§1.7, §4.1)."""

    GROCERY_SERVICE = "boodschappendienst"
    MEAL_SERVICE = "maaltijdservice"
    WINDOW_CLEANER = "glazenwasser"
    PRIVATE_CLEANER = "particuliere_poetshulp"
    CHILDCARE = "kinderopvang"
    ALARM = "alarmering"
    LAUNDRY_SERVICE = "was_en_strijkservice"


class Actor(StrEnum):
    """Who carries out (part of) an activity."""

    CLIENT = "client"
    HOUSEMATE = "huisgenoot"
    NETWORK = "netwerk"
    PRIVATE_HELP = "particuliere_hulp"
    PROVISION = "voorliggende_voorziening"
    AID = "hulpmiddel"
    CO_RESIDENTS = "medebewoners"
    HELP = "hulp"


ACTOR_LABELS: dict[Actor, str] = {
    Actor.CLIENT: "cliënt zelf",
    Actor.HOUSEMATE: "huisgenoot",
    Actor.NETWORK: "mantelzorger/netwerk",
    Actor.PRIVATE_HELP: "particuliere hulp",
    Actor.PROVISION: "voorliggende voorziening",
    Actor.AID: "hulpmiddel",
    Actor.CO_RESIDENTS: "medebewoners",
    Actor.HELP: "hulp bij het huishouden",
}


class TemporaryReason(StrEnum):
    """Why part of the help ends on a date."""

    OVERBURDEN = "overbelasting"
    BRIDGING = "overbrugging"
    REHABILITATION = "revalidatie"
    INSTRUCTION = "instructie"
    SHORT_TERM = "kortdurend"
    REABLEMENT = "oefenplan"


TEMPORARY_LABELS: dict[TemporaryReason, str] = {
    TemporaryReason.OVERBURDEN: "tijdelijk wegens overbelasting huisgenoot (§2.1)",
    TemporaryReason.BRIDGING: "overbrugging tot hulpmiddel er is (§1.4)",
    TemporaryReason.REHABILITATION: "tijdelijk voor de duur van de revalidatie (§1.5)",
    TemporaryReason.INSTRUCTION: "instructie aan huisgenoot, max. 6 maanden (§1.3)",
    TemporaryReason.SHORT_TERM: "kortdurende beperking, herstel verwacht (§2, B2.1)",
    TemporaryReason.REABLEMENT: "oefenplan: de cliënt leert het weer zelf (§1.5)",
}


def spoken(value: str) -> str:
    """A code value in running Dutch text: 'was_en_strijkservice' -> 'was- en strijkservice',
    '2_weken' -> '2 weken' (files and facts keep the code value)."""
    return value.replace("_en_", "- en ").replace("_", " ")


def fraction_text(value: Fraction, decimals: int = 1) -> str:
    """Dutch decimal rendering of an exact number of minutes (display only)."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    scale = 10**decimals
    scaled = (value * scale).__round__()
    whole, part = divmod(int(scaled), scale)
    if decimals == 0 or part == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole},{part:0{decimals}d}".rstrip("0").rstrip(",")


def field_error(model: str, loc: tuple[str | int, ...], message: str, value: object) -> ValidationError:
    """A refusal found by a check over several fields, located at the field it is about (a
    ValueError in a model validator would name only the model)."""
    return ValidationError.from_exception_data(model, [InitErrorDetails(
        type=PydanticCustomError("value_error", message), loc=loc, input=value)])
