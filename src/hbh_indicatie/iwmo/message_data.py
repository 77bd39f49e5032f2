"""What a complete WMO301 Bericht needs besides the toewijzing: header and client data.

:class:`BerichtGegevens` is read from a small YAML/JSON file (``hbh bereken --bericht``) or a
dict (``api.berichtgegevens_from_dict``). Every field is checked against the iWmo 3.2 XSD
(lengths, patterns, code lists) with a Dutch message, so a file this model accepts always
gives an XSD-valid Bericht (tests/test_iwmo_xsd.py checks that with hypothesis). On top of the
XSD: the BSN passes the elfproef, the Geboortedatum is not after the Dagtekening, and a
Postcode with LandCode NL is a Dutch postcode, written as iWmo wants it: four digits and two
capitals without a space (``1234 ab`` becomes ``1234AB``; the XSD's LDT_Postcode takes any text
for every country). A problem names the field it is about (``client.geboortedatum``), never
only the model around it.

Codes may be written as text (``"01"``) or, where that cannot be misread, as a number: a
one- or two-digit code list value (``geslacht: 2``, ``soort: 1`` for ``"01"``), or an
identifier with exactly its number of digits (``afzender: 1680``). A shorter number for a
gemeentecode, AGB-code or BSN is refused: YAML reads ``0363`` as an octal number.
Relaties (Client/Relaties) are not supported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

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
    AANDUIDING_WOONADRES,
    ADRESSOORT,
    COMMUNICATIEVORM,
    DATUMGEBRUIK,
    GESLACHT,
    JURIDISCHE_STATUS,
    LANDCODES,
    NAAMGEBRUIK,
    WETTELIJKE_VERTEGENWOORDIGING,
)
from hbh_indicatie.iwmo.models import check_code
from hbh_indicatie.models.common import field_error

BERICHTGEGEVENS_SCHEMA = "hbh.berichtgegevens.v1"

_NOT_XML = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot carry (control characters, U+FFFE, U+FFFF) or discourages (the
C1 control characters U+007F-U+009F, such as U+0085 'next line')."""
_VOORLETTERS = re.compile("[a-zA-ZÀ-ỳ]{1,6}")
"""LDT_Voorletters, exactly as the XSD pattern."""


_NL_POSTCODE = re.compile("([1-9][0-9]{3}) ?([A-Za-z]{2})")
"""A Dutch postcode as people write it: four digits (the first not 0), at most one space, two
letters in either case."""
NL_POSTCODE_PATTERN = "^[1-9][0-9]{3} ?[A-Za-z]{2}$"


class Gegevens(BaseModel):
    """Base of the input models here: immutable, unknown fields refused, Dutch keys, text
    trimmed of spaces around it."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", validate_by_alias=True, validate_by_name=False,
        serialize_by_alias=True, str_strip_whitespace=True,
    )


def _padded(width: int) -> Callable[[object], object]:
    """A code list value written as a number: ``1`` for ``"01"`` (no bool: True is no code)."""

    def before(value: object) -> object:
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**width:
            return f"{value:0{width}d}"
        return value

    return before


def _listed(codes: dict[str, str], name: str, list_id: str) -> Callable[[str], str]:
    def after(value: str) -> str:
        return check_code(value, codes, name, list_id)

    return after


def _code_schema(codes: dict[str, str], numbers: bool = True) -> dict[str, Any]:
    text: dict[str, Any] = {"type": "string", "enum": list(codes)}
    if not numbers:
        return text
    return {"anyOf": [text, {"type": "integer", "enum": [int(code) for code in codes]}]}


Geslacht = Annotated[str, BeforeValidator(_padded(1)),
                     AfterValidator(_listed(GESLACHT, "Geslacht", "COD046")),
                     WithJsonSchema(_code_schema(GESLACHT))]
DatumGebruik = Annotated[str, BeforeValidator(_padded(1)),
                         AfterValidator(_listed(DATUMGEBRUIK, "DatumGebruik", "COD170")),
                         WithJsonSchema(_code_schema(DATUMGEBRUIK))]
NaamGebruik = Annotated[str, BeforeValidator(_padded(1)),
                        AfterValidator(_listed(NAAMGEBRUIK, "NaamGebruik", "COD700")),
                        WithJsonSchema(_code_schema(NAAMGEBRUIK))]
AdresSoort = Annotated[str, BeforeValidator(_padded(2)),
                       AfterValidator(_listed(ADRESSOORT, "Soort adres", "COD757")),
                       WithJsonSchema(_code_schema(ADRESSOORT))]
Communicatievorm = Annotated[str, BeforeValidator(_padded(1)),
                             AfterValidator(_listed(COMMUNICATIEVORM, "Communicatievorm", "COD747")),
                             WithJsonSchema(_code_schema(COMMUNICATIEVORM))]
JuridischeStatus = Annotated[str, BeforeValidator(_padded(2)),
                             AfterValidator(_listed(JURIDISCHE_STATUS, "JuridischeStatus",
                                                    "LDT_JuridischeStatus")),
                             WithJsonSchema(_code_schema(JURIDISCHE_STATUS))]
WettelijkeVertegenwoordiging = Annotated[
    str, BeforeValidator(_padded(2)),
    AfterValidator(_listed(WETTELIJKE_VERTEGENWOORDIGING, "WettelijkeVertegenwoordiging",
                           "LDT_WettelijkeVertegenwoordiging")),
    WithJsonSchema(_code_schema(WETTELIJKE_VERTEGENWOORDIGING)),
]
AanduidingWoonadres = Annotated[
    str, AfterValidator(_listed(AANDUIDING_WOONADRES, "AanduidingWoonadres", "NUM061")),
    WithJsonSchema(_code_schema(AANDUIDING_WOONADRES, numbers=False)),
]


def _landcode(value: str) -> str:
    if value not in LANDCODES:
        raise ValueError(f"LandCode '{value}' staat niet in codelijst COD032; toegestaan: een "
                         "landcode van twee hoofdletters volgens ISO 3166, bijvoorbeeld NL, BE, DE")
    return value


LandCode = Annotated[str, AfterValidator(_landcode),
                     WithJsonSchema({"type": "string", "enum": sorted(LANDCODES)})]


def _digits(width: int, name: str, example: str) -> Callable[[object], object]:
    """An identifier of ``width`` digits; as a number only when it has all of them."""

    def before(value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int):
            return value
        if 10 ** (width - 1) <= value < 10**width:
            return str(value)
        raise ValueError(
            f"{name} {value} is als getal gelezen en heeft geen {width} cijfers; schrijf de "
            f"{name} als tekst tussen aanhalingstekens, bijvoorbeeld '{example}' (YAML leest "
            "een getal met een voorloopnul anders)")

    return before


def _pattern(width: int, name: str, what: str) -> Callable[[str], str]:
    def after(value: str) -> str:
        if len(value) != width or not value.isascii() or not value.isdigit():
            raise ValueError(f"{name} '{value}' is geen {what}: precies {width} cijfers")
        return value

    return after


def _digit_schema(width: int) -> dict[str, Any]:
    return {"anyOf": [{"type": "string", "pattern": f"^[0-9]{{{width}}}$"},
                      {"type": "integer", "minimum": 10 ** (width - 1),
                       "maximum": 10**width - 1}]}


def elfproef(bsn: str) -> bool:
    """The BSN elfproef: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11."""
    digits = [int(char) for char in bsn]
    return len(digits) == 9 and sum(
        weight * digit for weight, digit in zip((9, 8, 7, 6, 5, 4, 3, 2, -1), digits, strict=True)
    ) % 11 == 0


def _bsn(value: str) -> str:
    _pattern(9, "BSN", "burgerservicenummer")(value)
    if value == "000000000" or not elfproef(value):
        raise ValueError(f"BSN '{value}' voldoet niet aan de elfproef; controleer het nummer "
                         "(testnummers: 999990019 en andere uit de reeks 999900006-999999990)")
    return value


Gemeentecode = Annotated[str, BeforeValidator(_digits(4, "gemeentecode", "0363")),
                         AfterValidator(_pattern(4, "gemeentecode", "CBS-gemeentecode")),
                         WithJsonSchema(_digit_schema(4))]
AgbCode = Annotated[str, BeforeValidator(_digits(8, "AGB-code", "01234567")),
                    AfterValidator(_pattern(8, "AGB-code", "AGB-code van de aanbieder")),
                    WithJsonSchema(_digit_schema(8))]
Bsn = Annotated[str, BeforeValidator(_digits(9, "BSN", "012345672")), AfterValidator(_bsn),
                WithJsonSchema(_digit_schema(9))]


def _spaces(value: str) -> str:
    """Unicode spaces (no-break space, em space, …) as a plain space, line and paragraph
    separators as a line break: LDT_Commentaar's pattern uses ``\\S``, which validators
    differ on for these characters."""
    return "".join(
        " " if unicodedata.category(char) == "Zs" else
        "\n" if unicodedata.category(char) in ("Zl", "Zp") else char
        for char in value
    )


def _text(longest: int | None, lines: bool = False) -> Callable[[str], str]:
    """Free text as the XSD allows it: not empty or only spaces, at most ``longest``
    characters, no line break (``.`` in the XSD patterns) unless ``lines`` (then Unicode
    spaces become plain ones, :func:`_spaces`), only characters XML can carry. The message
    names no field: the Problem around it does."""

    def after(value: str) -> str:
        if lines:
            value = _spaces(value)
        if not value.strip():
            raise ValueError("is leeg; vul het in")
        if longest is not None and len(value) > longest:
            raise ValueError(f"heeft {len(value)} tekens; toegestaan: hoogstens {longest}")
        if not lines and ("\n" in value or "\r" in value):
            raise ValueError("mag geen regelovergang bevatten (één regel tekst)")
        bad = _NOT_XML.search(value)
        if bad:
            raise ValueError(f"bevat een stuurteken dat niet in XML kan (U+{ord(bad.group()):04X}); "
                             "verwijder het")
        return value

    return after


def _text_schema(longest: int | None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "minLength": 1, "pattern": r"\S"}
    if longest is not None:
        schema["maxLength"] = longest
    return schema


Naam = Annotated[str, AfterValidator(_text(200)),
                 WithJsonSchema(_text_schema(200))]
Voorvoegsel = Annotated[str, AfterValidator(_text(10)),
                        WithJsonSchema(_text_schema(10))]
Identificatie = Annotated[str, AfterValidator(_text(12)),
                          WithJsonSchema(_text_schema(12))]
Commentaar = Annotated[str, AfterValidator(_text(None, lines=True)),
                       WithJsonSchema(_text_schema(None))]
Postcode = Annotated[str, AfterValidator(_text(8)),
                     WithJsonSchema(_text_schema(8))]
Straatnaam = Annotated[str, AfterValidator(_text(24)),
                       WithJsonSchema(_text_schema(24))]
Plaatsnaam = Annotated[str, AfterValidator(_text(80)),
                       WithJsonSchema(_text_schema(80))]
Organisatie = Annotated[str, AfterValidator(_text(35)),
                        WithJsonSchema(_text_schema(35))]
Emailadres = Annotated[str, AfterValidator(_text(80)),
                       WithJsonSchema(_text_schema(80))]
Taal = Annotated[str, AfterValidator(_text(25)),
                 WithJsonSchema(_text_schema(25))]
Huisletter = Annotated[str, AfterValidator(_text(1)),
                       WithJsonSchema(_text_schema(1))]
Toevoeging = Annotated[str, AfterValidator(_text(4)),
                       WithJsonSchema(_text_schema(4))]
Landnummer = Annotated[str, AfterValidator(_text(4)),
                       WithJsonSchema(_text_schema(4))]


def _voorletters(value: str) -> str:
    if not _VOORLETTERS.fullmatch(value):
        raise ValueError(f"Voorletters '{value}': toegestaan 1 tot 6 letters, zonder punten of "
                         "spaties (bijvoorbeeld JH voor J.H.)")
    return value


def _telefoonnummer(value: str) -> str:
    if not 1 <= len(value) <= 15 or not value.isascii() or not value.isdigit():
        raise ValueError(f"Telefoonnummer '{value}': toegestaan 1 tot 15 cijfers, zonder spaties "
                         "of streepjes")
    return value


Voorletters = Annotated[str, AfterValidator(_voorletters),
                        WithJsonSchema({"type": "string", "pattern": "^[a-zA-ZÀ-ỳ]{1,6}$"})]
Telefoonnummer = Annotated[str, AfterValidator(_telefoonnummer),
                           WithJsonSchema({"type": "string", "pattern": "^[0-9]{1,15}$"})]


class Achternaam(Gegevens):
    """CDT_Achternaam: the surname with its prefix (``de``, ``van der``)."""

    surname: Naam = Field(alias="achternaam")
    prefix: Voorvoegsel | None = Field(default=None, alias="voorvoegsel")


class VolledigeNaam(Gegevens):
    """CDT_VolledigeNaam."""

    surname: Naam = Field(alias="achternaam")
    prefix: Voorvoegsel | None = Field(default=None, alias="voorvoegsel")
    partner: Achternaam | None = Field(default=None, alias="partnernaam")
    first_names: Naam | None = Field(default=None, alias="voornamen")
    initials: Voorletters | None = Field(default=None, alias="voorletters")
    usage: NaamGebruik = Field(alias="naamgebruik", description="COD700, e.g. 1 = eigen naam")


class Huis(Gegevens):
    number: int = Field(alias="huisnummer", ge=0, le=99_999, strict=True)
    letter: Huisletter | None = Field(default=None, alias="huisletter")
    addition: Toevoeging | None = Field(default=None, alias="toevoeging")
    indication: AanduidingWoonadres | None = Field(default=None, alias="aanduiding_woonadres")


class Adres(Gegevens):
    """CDT_Adres: every part optional, as in the XSD. With LandCode NL the Postcode is a Dutch
    one as iWmo writes it, 1234AB (normalised from ``1234 ab``); other countries' postcodes
    are kept as given."""

    model_config = ConfigDict(json_schema_extra={
        "if": {"properties": {"landcode": {"const": "NL"}}, "required": ["landcode"]},
        "then": {"properties": {"postcode": {"pattern": NL_POSTCODE_PATTERN}}},
    })

    house: Huis | None = Field(default=None, alias="huis")
    postcode: Postcode | None = Field(
        default=None, alias="postcode", description="With landcode NL: 1234AB (1234 ab is "
        "accepted and written as 1234AB); otherwise the postcode of that country as it is")
    street: Straatnaam | None = Field(default=None, alias="straatnaam")
    place: Plaatsnaam | None = Field(default=None, alias="plaatsnaam")
    country: LandCode | None = Field(default=None, alias="landcode")

    @model_validator(mode="before")
    @classmethod
    def _dutch_postcode(cls, data: Any) -> Any:
        """'1234 ab' with landcode NL as '1234AB'; anything else is left to the checks."""
        if not isinstance(data, dict) or not isinstance(data.get("postcode"), str):
            return data
        if not isinstance(data.get("landcode"), str) or data["landcode"].strip() != "NL":
            return data
        found = _NL_POSTCODE.fullmatch(data["postcode"].strip())
        if found is None:
            return data
        return {**data, "postcode": f"{found.group(1)}{found.group(2).upper()}"}

    @model_validator(mode="after")
    def _dutch_postcode_only(self) -> Adres:
        if self.country == "NL" and self.postcode is not None and not re.fullmatch(
                "[1-9][0-9]{3}[A-Z]{2}", self.postcode):
            raise field_error("Adres", ("postcode",), (
                f"'{self.postcode}' is geen Nederlandse postcode (landcode NL); toegestaan: vier "
                "cijfers, niet beginnend met 0, en twee letters, zoals 1234AB (1234 ab mag ook: "
                "dat wordt 1234AB); een buitenlandse postcode hoort bij de landcode van dat land"),
                self.postcode)
        return self


class Telefoon(Gegevens):
    number: Telefoonnummer = Field(alias="telefoonnummer")
    country: Landnummer = Field(alias="landnummer", description="e.g. 0031")


class Periode(Gegevens):
    """CDT_OpenPeriode: a stay at a temporary address."""

    start: date | None = Field(default=None, alias="begindatum")
    end: date | None = Field(default=None, alias="einddatum")

    @model_validator(mode="after")
    def _order(self) -> Periode:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise field_error("Periode", ("einddatum",), f"einddatum {self.end.isoformat()} ligt "
                              f"vóór begindatum {self.start.isoformat()}", self.end.isoformat())
        return self


class Contact(Gegevens):
    """One entry of Contactgegevens (IV047: the BRP address or the verblijfadres)."""

    kind: AdresSoort = Field(alias="soort", description="COD757: 01 BRP-adres, 02 "
                             "correspondentie, 03 verblijf, 04 tijdelijk verblijf")
    address: Adres | None = Field(default=None, alias="adres")
    organisation: Organisatie | None = Field(default=None, alias="organisatie")
    phones: tuple[Telefoon, ...] = Field(default=(), alias="telefoon",
                                         json_schema_extra={"maxItems": 2})
    email: Emailadres | None = Field(default=None, alias="emailadres")
    period: Periode | None = Field(default=None, alias="periode")

    @field_validator("phones")
    @classmethod
    def _two_phones(cls, value: tuple[Telefoon, ...]) -> tuple[Telefoon, ...]:
        if len(value) > 2:
            raise ValueError(f"{len(value)} telefoonnummers; toegestaan: hoogstens 2 "
                             "(Telefoon01 en Telefoon02)")
        return value


class Communicatie(Gegevens):
    form: Communicatievorm = Field(alias="vorm")
    language: Taal | None = Field(default=None, alias="taal")


class Clientgegevens(Gegevens):
    """The client as WMO301 describes them (Relaties not supported)."""

    bsn: Bsn = Field(alias="bsn")
    birth_date: date = Field(alias="geboortedatum")
    birth_date_usage: DatumGebruik | None = Field(
        default=None, alias="datumgebruik", description="COD170: which part of the date is known")
    sex: Geslacht = Field(alias="geslacht", description="COD046: 0 onbekend, 1 man, 2 vrouw")
    name: VolledigeNaam = Field(alias="naam")
    communication: Communicatie | None = Field(default=None, alias="communicatie")
    legal_status: JuridischeStatus | None = Field(default=None, alias="juridische_status")
    representation: WettelijkeVertegenwoordiging | None = Field(
        default=None, alias="wettelijke_vertegenwoordiging")
    comment: Commentaar | None = Field(default=None, alias="commentaar")
    contacts: tuple[Contact, ...] = Field(alias="contactgegevens", json_schema_extra={"minItems": 1})

    @field_validator("contacts")
    @classmethod
    def _some_contact(cls, value: tuple[Contact, ...]) -> tuple[Contact, ...]:
        if not value:
            raise ValueError("noem ten minste één contact, meestal het BRP-adres (soort 01) of "
                             "het verblijfadres (soort 03), IV047")
        return value


class BerichtIdentificatie(Gegevens):
    identification: Identificatie = Field(
        alias="identificatie", description="Unique per sender, 1-12 characters")
    day: date = Field(alias="dagtekening")


class BerichtGegevens(Gegevens):
    """Header and client of one WMO301 Bericht (the toewijzingen come from the indication)."""

    schema_id: Literal["hbh.berichtgegevens.v1"] = Field(
        default="hbh.berichtgegevens.v1", alias="schema")
    sender: Gemeentecode = Field(alias="afzender", description="CBS-gemeentecode (IV046)")
    receiver: AgbCode = Field(alias="ontvanger", description="AGB-code of the aanbieder")
    message: BerichtIdentificatie = Field(alias="berichtidentificatie")
    client: Clientgegevens = Field(alias="client")

    @model_validator(mode="after")
    def _born_before(self) -> BerichtGegevens:
        if self.client.birth_date > self.message.day:
            raise field_error(
                "BerichtGegevens", ("client", "geboortedatum"),
                f"de geboortedatum {self.client.birth_date.isoformat()} ligt na de dagtekening "
                f"{self.message.day.isoformat()} van het bericht (berichtidentificatie."
                "dagtekening)", self.client.birth_date.isoformat())
        return self
