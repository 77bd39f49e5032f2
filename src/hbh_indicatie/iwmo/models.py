"""ToegewezenProduct fragment (WMO301) with the iWmo 3.2 rules that apply to hbh.

ToewijzingNummer, Toewijzingsdatum and Toewijzingstijd are optional here (the JSON output
may leave them out); the XML output requires them (:func:`hbh_indicatie.iwmo.builder.
require_identification`), as the XSD does.

Rules checked on every fragment (messages in Dutch, with the rule code):

* code lists WJ756 (Eenheid), WMO757 (Frequentie), WMO020 (Categorie), RedenWijziging;
  the iWmo 2.x frequencies 3 and 5 are refused as retired;
* Productcode 1 to 5 characters (LDT_ProductCode);
* Volume an integer 0..99999999 (LDT_Volume, IV042);
* CD076: Einddatum required when Frequentie is 2 (per week);
* CS338/CS343: Eenheid 14, 16, 83 or 84 only with Frequentie 2, 4 or 6 when the
  Einddatum is after 31-12-2020 or empty;
* Einddatum not before Ingangsdatum;
* ToewijzingNummer an integer 0..999999999 (LDT_Nummer), Toewijzingstijd without time zone
  or fractions of a second (LDT_Tijd).
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from hbh_indicatie.iwmo.codes import (
    EENHEID,
    EENHEID_ALLEEN_MET_FREQUENTIE,
    FREQUENTIE,
    FREQUENTIE_VERVALLEN,
    FREQUENTIE_VOOR_CS338,
    PER_WEEK,
    PRODUCTCATEGORIE,
    REDEN_WIJZIGING,
    allowed_text,
)

IWMO_SCHEMA = "hbh.iwmo.v1"
CS338_FROM = date(2020, 12, 31)
NUMMER_MAX = 999_999_999
"""LDT_Nummer: ToewijzingNummer is an integer 0..999999999."""


class Fragment(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", populate_by_name=True, serialize_by_alias=True
    )


def check_code(value: str, codes: dict[str, str], name: str, list_id: str) -> str:
    if value not in codes:
        raise ValueError(
            f"{name} '{value}' staat niet in codelijst {list_id}; toegestaan: {allowed_text(codes)}"
        )
    return value


def check_reason(value: str | None) -> str | None:
    if value is None:
        return None
    return check_code(value, REDEN_WIJZIGING, "RedenWijziging", "RedenWijziging")


def check_nummer(value: int | None) -> int | None:
    if value is not None and not 0 <= value <= NUMMER_MAX:
        raise ValueError(f"ToewijzingNummer {value} valt buiten 0..{NUMMER_MAX} (LDT_Nummer)")
    return value


def check_tijd(value: time | None) -> time | None:
    """LDT_Tijd: a time of day without time zone; whole seconds (as the case system records)."""
    if value is None:
        return None
    if value.tzinfo is not None:
        raise ValueError(f"tijd {value.isoformat()} heeft een tijdzone; iWmo (LDT_Tijd) kent "
                         "alleen de Nederlandse kloktijd zonder tijdzone, bijvoorbeeld 14:05:00")
    if value.microsecond:
        raise ValueError(f"tijd {value.isoformat()} heeft delen van seconden; geef hele seconden "
                         "(UU:MM of UU:MM:SS)")
    return value


TIJD_PATTERN = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
"""What a Toewijzingstijd may be as text, in the JSON schemas and OpenAPI as on input: Dutch
clock time without time zone (LDT_Tijd), UU:MM or UU:MM:SS. Not ``format: time``: that is
RFC 3339's full-time, which requires a time zone, so generated clients would send one."""
TIJD_SCHEMA: dict[str, Any] = {
    "type": "string", "pattern": TIJD_PATTERN,
    "description": "Nederlandse kloktijd zonder tijdzone (iWmo LDT_Tijd): UU:MM of UU:MM:SS, "
                   "bijvoorbeeld 14:05 of 14:05:00; een tijdzone (Z, +01:00) wordt geweigerd",
    "examples": ["14:05:00"],
}
_ZONE = re.compile(r"(Z|[+-][0-9]{2}(:?[0-9]{2})?)$", re.IGNORECASE)
TIJD_MELDING = "moet een tijdstip zijn (UU:MM of UU:MM:SS, uren 0-23)"


def _tijd_text(value: object) -> object:
    """A time given as text must match :data:`TIJD_PATTERN` (a ``time`` object goes on to
    :func:`check_tijd`): schema and program accept exactly the same texts."""
    if not isinstance(value, str) or re.fullmatch(TIJD_PATTERN, value):
        return value
    if _ZONE.search(value) and re.match("[0-9]{2}:[0-9]{2}", value):
        raise ValueError(f"tijd {value} heeft een tijdzone; iWmo (LDT_Tijd) kent alleen de "
                         "Nederlandse kloktijd zonder tijdzone: geef de tijd zoals die in "
                         "Nederland op de klok stond, bijvoorbeeld 14:05 of 14:05:00")
    raise ValueError(TIJD_MELDING)


Tijd = Annotated[time, BeforeValidator(_tijd_text), AfterValidator(check_tijd),
                 WithJsonSchema(TIJD_SCHEMA)]
"""Toewijzingstijd (LDT_Tijd): a ``time`` without zone or fractions of a second, or its text
UU:MM or UU:MM:SS."""


class Product(Fragment):
    category: str = Field(alias="Categorie")
    code: str | None = Field(default=None, alias="Code")

    @field_validator("category")
    @classmethod
    def _category(cls, value: str) -> str:
        return check_code(value, PRODUCTCATEGORIE, "Categorie", "WMO020")

    @field_validator("code")
    @classmethod
    def _code(cls, value: str | None) -> str | None:
        if value is not None and not 1 <= len(value) <= 5:
            raise ValueError(
                f"Productcode '{value}' heeft {len(value)} tekens; toegestaan: 1 tot 5 tekens "
                "(LDT_ProductCode)"
            )
        return value


class Omvang(Fragment):
    volume: int = Field(alias="Volume", strict=True)
    unit: str = Field(alias="Eenheid")
    frequency: str = Field(alias="Frequentie")

    @field_validator("volume")
    @classmethod
    def _volume(cls, value: int) -> int:
        if not 0 <= value <= 99_999_999:
            raise ValueError(f"Volume {value} valt buiten 0..99999999 (LDT_Volume)")
        return value

    @field_validator("unit")
    @classmethod
    def _unit(cls, value: str) -> str:
        return check_code(value, EENHEID, "Eenheid", "WJ756")

    @field_validator("frequency")
    @classmethod
    def _frequency(cls, value: str) -> str:
        if value in FREQUENTIE_VERVALLEN:
            raise ValueError(
                f"Frequentie '{value}' ({FREQUENTIE_VERVALLEN[value]}) bestaat niet meer in iWmo 3.2; "
                f"toegestaan: {allowed_text(FREQUENTIE)}"
            )
        return check_code(value, FREQUENTIE, "Frequentie", "WMO757")


class ToegewezenProduct(Fragment):
    """One period of a toewijzing: product, volume per frequency, first and last day, and the
    number and moment the municipality gave it (IV013, IV066)."""

    nummer: int | None = Field(default=None, alias="ToewijzingNummer", strict=True)
    product: Product = Field(alias="Product")
    toewijzingsdatum: date | None = Field(default=None, alias="Toewijzingsdatum")
    toewijzingstijd: Tijd | None = Field(default=None, alias="Toewijzingstijd")
    start: date = Field(alias="Ingangsdatum")
    end: date | None = Field(default=None, alias="Einddatum")
    reason: str | None = Field(default=None, alias="RedenWijziging")
    omvang: Omvang = Field(alias="Omvang")

    @field_validator("reason")
    @classmethod
    def _reason(cls, value: str | None) -> str | None:
        return check_reason(value)

    @field_validator("nummer")
    @classmethod
    def _nummer(cls, value: int | None) -> int | None:
        return check_nummer(value)

    @model_validator(mode="after")
    def _rules(self) -> ToegewezenProduct:
        if self.omvang.frequency == PER_WEEK and self.end is None:
            raise ValueError(
                "CD076: Einddatum is verplicht bij Frequentie 2 (per week); geef een einddatum "
                "of looptijd van de toewijzing op"
            )
        if (
            self.omvang.unit in EENHEID_ALLEEN_MET_FREQUENTIE
            and (self.end is None or self.end > CS338_FROM)
            and self.omvang.frequency not in FREQUENTIE_VOOR_CS338
        ):
            raise ValueError(
                f"CS338: Eenheid {self.omvang.unit} ({EENHEID[self.omvang.unit]}) mag alleen met "
                "Frequentie 2 (per week), 4 (per maand) of 6 (totaal binnen geldigheidsduur)"
            )
        if self.end is not None and self.end < self.start:
            raise ValueError(
                f"Einddatum {self.end.isoformat()} ligt vóór Ingangsdatum {self.start.isoformat()}"
            )
        return self


class IwmoExport(Fragment):
    """The fragments for one indication, with notes on what was derived (waarschuwingen).
    A PGB, a voorlopig indication or 0 minutes get no export but an error (builder.build)."""

    schema_: str = Field(default=IWMO_SCHEMA, alias="schema")
    kenmerk: str
    leveringsvorm: str
    toegewezen_producten: tuple[ToegewezenProduct, ...] = Field(alias="ToegewezenProducten")
    waarschuwingen: tuple[str, ...] = ()
