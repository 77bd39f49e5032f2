"""From an :class:`Indication` to ToegewezenProduct periods, and a change of hours.

Each period of the indication (a temporary part ending, a bridging period) becomes its own
ToegewezenProduct with the period's rounded minutes per week; with a ToewijzingNummer the
periods are numbered on from it (each period is a toewijzing of its own, IV066). A change of
hours ends the running toewijzing on day D and starts a new one on D+1 (IV093, OP033x1).

No toewijzing at all (an :class:`IwmoError`, never an empty list) for a PGB (OP043), for a
voorlopig indication (a fact is still 'onbekend') and for 0 minutes per week. Only data is
produced here; the complete WMO301 message is :mod:`hbh_indicatie.iwmo.message`.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Mapping, Sequence
from datetime import date, time, timedelta
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from hbh_indicatie.errors import HbhError, Problem
from hbh_indicatie.iwmo.codes import HBH_CATEGORY, HOUR, MINUTE, PER_WEEK, PRODUCTCODE_STANDAARD
from hbh_indicatie.iwmo.models import (
    NUMMER_MAX,
    IwmoExport,
    Omvang,
    Product,
    Tijd,
    ToegewezenProduct,
    check_nummer,
    check_reason,
)
from hbh_indicatie.loading.validation import problems_from
from hbh_indicatie.models.common import field_error
from hbh_indicatie.models.indication import Indication

M = TypeVar("M", bound=BaseModel)

PGB_REFUSAL = (
    "OP043: deze indicatie wordt als persoonsgebonden budget (pgb) verstrekt; daarvoor bestaat "
    "geen toewijzing (iWmo kent alleen zorg in natura). Een lopende toewijzing voor hetzelfde "
    "product eindigt de dag vóór de ingangsdatum van het pgb (RedenWijziging 08)."
)
NOTHING_REFUSAL = ("er is geen hulp geïndiceerd (0 minuten per week), dus niets toe te wijzen; "
                   "een afwijzing gaat via de beschikking, niet via iWmo")
XML_FIELDS = (
    ("ToewijzingNummer", "toewijzingnummer",
     "een geheel getal 0..999999999 uit het zaaksysteem, uniek per gemeente"),
    ("Toewijzingsdatum", "toewijzingsdatum",
     "de datum waarop de gemeente de toewijzing vaststelde (JJJJ-MM-DD, IV013)"),
    ("Toewijzingstijd", "toewijzingstijd",
     "het tijdstip van dat besluit (UU:MM of UU:MM:SS, IV013)"),
)
"""(XSD element, :class:`IwmoSettings` field, what is allowed) for the three required elements."""

CLI_OPTIONS: dict[str, str] = {
    "productcode": "--productcode", "einddatum": "--einddatum", "looptijd_maanden": "--looptijd",
    "eenheid": "--eenheid", "toewijzingnummer": "--toewijzingnummer",
    "toewijzingsdatum": "--toewijzingsdatum", "toewijzingstijd": "--toewijzingstijd",
}
"""How ``hbh bereken`` spells each :class:`IwmoSettings` field (tests/test_iwmo_namen.py holds
this against the command's options)."""

Names = Mapping[str, str]
"""How one face of the program spells each :class:`IwmoSettings` field: '--looptijd' on the
command line, 'looptijd=' as a query parameter of the HTTP API. Messages that tell the user
which setting to give use it; the face derives it from its own parameters."""


def how_to_give(settings: Sequence[str], names: Names | None = None) -> str:
    """'einddatum= of looptijd=' in the caller's ``names``; without them the spelling of
    ``hbh bereken`` and of the Python API (:func:`hbh_indicatie.api.toewijzing`)."""
    if names is not None:
        return " of ".join(names[setting] for setting in settings)
    cli = " of ".join(CLI_OPTIONS[setting] for setting in settings)
    python = " of ".join(f"{setting}=" for setting in settings)
    return f"in hbh bereken {cli}, in de Python-API {python}"


def field_of(setting: str, names: Names | None = None) -> str:
    """The ``veld`` of a problem with ``setting``: as the caller gives it ('toewijzingnummer'
    as a query parameter, '--looptijd' on the command line); without ``names`` the keyword of
    the Python API (the :class:`IwmoSettings` field)."""
    if names is not None and setting in names:
        return names[setting].removesuffix("=")
    return setting


SETTING_OF_ELEMENT = {"ToewijzingNummer": "toewijzingnummer", "Toewijzingsdatum": "toewijzingsdatum",
                      "Toewijzingstijd": "toewijzingstijd", "Einddatum": "einddatum",
                      "Product.Code": "productcode", "Product": "productcode"}
"""The ToegewezenProduct element a setting fills: a problem of the element is one of the
setting the caller gave (an Omvang or Ingangsdatum comes from the indication: no setting)."""


def as_given(problems: list[Problem], names: Names | None = None) -> list[Problem]:
    """Problems of :class:`IwmoSettings` fields or ToegewezenProduct elements named as the
    caller gives the setting (:func:`field_of`); any other field is the request as a whole."""
    settings = set(IwmoSettings.model_fields)
    return [Problem(
        field_of(p.field, names) if p.field in settings else
        field_of(SETTING_OF_ELEMENT[p.field], names) if p.field in SETTING_OF_ELEMENT else "",
        p.message, p.allowed) for p in problems]


class IwmoError(HbhError):
    """A toewijzing cannot be made under the iWmo rules; lists every problem."""

    def __init__(self, subject: str, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p.render()}" for p in problems)
        super().__init__(f"iWmo-toewijzing voor {subject} niet mogelijk:\n{lines}")


class IwmoSettings(BaseModel):
    """Configuration the case system supplies: product code and how long a toewijzing runs."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    productcode: str = PRODUCTCODE_STANDAARD
    einddatum: date | None = Field(
        default=None, description="Last day of the toewijzing for an open-ended indication"
    )
    looptijd_maanden: int | None = Field(
        default=None, ge=1, le=120,
        description="Alternative to einddatum: the toewijzing runs this many months",
    )
    eenheid: Literal["auto", "minuut"] = Field(
        default="auto", description="'auto': whole hours as Eenheid 04 when exact, else minutes"
    )
    toewijzingnummer: int | None = Field(
        default=None, strict=True,
        description="ToewijzingNummer of the first period; further periods get the next numbers",
    )
    toewijzingsdatum: date | None = Field(
        default=None, description="Day the municipality decided the toewijzing (IV013)"
    )
    toewijzingstijd: Tijd | None = Field(
        default=None, description="Time of that decision (IV013), without time zone"
    )

    @field_validator("productcode")
    @classmethod
    def _code(cls, value: str) -> str:
        if not 1 <= len(value) <= 5 or not value.isalnum():
            raise ValueError(f"'{value}' is geen productcode: 1 tot 5 letters of cijfers "
                             "(LDT_ProductCode)")
        return value

    @field_validator("toewijzingnummer")
    @classmethod
    def _nummer(cls, value: int | None) -> int | None:
        return check_nummer(value)

    @model_validator(mode="after")
    def _one_end(self) -> IwmoSettings:
        if self.einddatum is not None and self.looptijd_maanden is not None:
            raise ValueError("geef een einddatum óf een looptijd in maanden, niet beide")
        if (self.toewijzingsdatum is None) != (self.toewijzingstijd is None):
            missing = "toewijzingstijd" if self.toewijzingstijd is None else "toewijzingsdatum"
            raise field_error(type(self).__name__, (missing,), (  # names the missing field
                "ontbreekt; geef de toewijzingsdatum én de toewijzingstijd (het moment van het "
                "besluit, IV013), of geen van beide"), None)
        return self

    def last_day(self, start: date) -> date | None:
        if self.einddatum is not None:
            return self.einddatum
        if self.looptijd_maanden is None:
            return None
        return add_months(start, self.looptijd_maanden) - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when that day does not exist."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def settings_from(subject: str, names: Names | None = None, **values: Any) -> IwmoSettings:
    """Checked settings; a problem names the setting as ``names`` spells it (:func:`field_of`)."""
    return _checked(subject, IwmoSettings, values, names)


def _checked(subject: str, model: type[M], values: dict[str, Any],
             names: Names | None = None) -> M:
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise IwmoError(subject, as_given(problems_from(exc), names)) from None


def omvang(minutes_per_week: int, settings: IwmoSettings) -> Omvang:
    """Integer volume per week: minutes (Eenheid 01), or whole hours (04) only when exact."""
    if settings.eenheid == "auto" and minutes_per_week > 0 and minutes_per_week % 60 == 0:
        return Omvang(volume=minutes_per_week // 60, unit=HOUR, frequency=PER_WEEK)
    return Omvang(volume=minutes_per_week, unit=MINUTE, frequency=PER_WEEK)


def refusals(indication: Indication, delivery: Literal["zin", "pgb"],
             case_prefix: str = "") -> list[Problem]:
    """Why no toewijzing can be made for ``indication`` at all (empty: it can). A field of the
    case is named with ``case_prefix`` before it ('casus.' in a request envelope); a voorlopig
    indication or 0 minutes is the case as a whole (field '', the facts in the message)."""
    problems: list[Problem] = []
    if delivery == "pgb":
        problems.append(Problem(f"{case_prefix}leveringsvorm", PGB_REFUSAL))
    if indication.voorlopig:
        facts = ", ".join(indication.onbekende_feiten) or "zie de onderbouwing"
        problems.append(Problem(
            "",
            f"de indicatie is voorlopig: deze feiten staan op 'onbekend': {facts}. Een toewijzing "
            "gaat alleen uit van een definitieve indicatie; stel de feiten vast en bereken opnieuw"))
    if all(period.minuten_per_week == 0 for period in indication.perioden):
        problems.append(Problem("", NOTHING_REFUSAL))
    return problems


def build(
    indication: Indication, settings: IwmoSettings, delivery: Literal["zin", "pgb"] = "zin",
    names: Names | None = None, case_prefix: str = "",
) -> IwmoExport:
    """The ToegewezenProduct periods for ``indication``; an :class:`IwmoError` when there can
    be no toewijzing (:func:`refusals`) or the settings do not fit the indication (naming the
    settings to give as ``names`` spells them, :func:`how_to_give`, and a case field with
    ``case_prefix`` before it)."""
    subject = f"casus {indication.kenmerk}"
    problems = refusals(indication, delivery, case_prefix)
    if problems:
        raise IwmoError(subject, problems)
    last = settings.last_day(indication.ingangsdatum)
    if last is not None and last < indication.ingangsdatum:
        setting = "einddatum" if settings.einddatum is not None else "looptijd_maanden"
        raise IwmoError(subject, [Problem(
            field_of(setting, names), f"{last.isoformat()} ligt vóór de ingangsdatum "
            f"{indication.ingangsdatum.isoformat()} van de indicatie")])
    product = Product(category=HBH_CATEGORY, code=settings.productcode)
    periods: list[tuple[date, date, int]] = []
    for period in indication.perioden:
        if period.minuten_per_week == 0:
            continue
        end = period.tot if last is None or (period.tot is not None and period.tot <= last) else last
        if end is None:
            raise IwmoError(subject, [Problem(
                field_of("einddatum", names),
                f"de indicatie vanaf {period.van.isoformat()} heeft geen einddatum, maar bij "
                "Frequentie 2 (per week) is een Einddatum verplicht (CD076)",
                "een einddatum (JJJJ-MM-DD) of een looptijd in maanden: "
                + how_to_give(("einddatum", "looptijd_maanden"), names))])
        if end >= period.van:
            periods.append((period.van, end, period.minuten_per_week))
    numbers = _numbers(subject, settings.toewijzingnummer, len(periods), names)
    products = tuple(_checked(subject, ToegewezenProduct, {
        "nummer": number, "product": product, "toewijzingsdatum": settings.toewijzingsdatum,
        "toewijzingstijd": settings.toewijzingstijd, "start": start, "end": end,
        "omvang": omvang(minutes, settings),
    }, names) for number, (start, end, minutes) in zip(numbers, periods, strict=True))
    warnings: tuple[str, ...] = ()
    if settings.toewijzingnummer is not None and len(products) > 1:
        first = settings.toewijzingnummer
        warnings = (
            f"ToewijzingNummer {first} t/m {first + len(products) - 1}: de {len(products)} "
            "periodes zijn elk een eigen toewijzing (IV066) en zijn vanaf het opgegeven "
            "toewijzingnummer doorgenummerd; controleer dat deze nummers in het zaaksysteem nog "
            "vrij zijn.",
        )
    return IwmoExport(kenmerk=indication.kenmerk, leveringsvorm="zin",
                      toegewezen_producten=products, waarschuwingen=warnings)


def _numbers(subject: str, first: int | None, count: int,
             names: Names | None = None) -> list[int | None]:
    if first is None:
        return [None] * count
    if first + count - 1 > NUMMER_MAX:
        raise IwmoError(subject, [Problem(
            field_of("toewijzingnummer", names), f"{count} periodes vanaf {first} lopen voorbij {NUMMER_MAX} "
            "(LDT_Nummer)", f"een beginnummer tot en met {NUMMER_MAX - count + 1}")])
    return [first + offset for offset in range(count)]


def require_identification(export: IwmoExport, names: Names | None = None) -> None:
    """The XML (fragment and Bericht) needs ToewijzingNummer, Toewijzingsdatum and
    Toewijzingstijd on every ToegewezenProduct (WMO301.xsd); name what is missing, and the
    setting that gives it as ``names`` spells it."""
    missing: dict[str, Problem] = {}
    for item in export.toegewezen_producten:
        values = (item.nummer, item.toewijzingsdatum, item.toewijzingstijd)
        for value, (element, setting, allowed) in zip(values, XML_FIELDS, strict=True):
            if value is None:
                missing.setdefault(element, Problem(
                    field_of(setting, names), f"{element} ontbreekt; verplicht in de iWmo-XML (geef "
                    f"{how_to_give((setting,), names)})", allowed))
    if missing:
        raise IwmoError(f"casus {export.kenmerk}", list(missing.values()))


def change(
    old: ToegewezenProduct, new: ToegewezenProduct, last_day: date, reason: str
) -> tuple[ToegewezenProduct, ToegewezenProduct]:
    """A change of hours as iWmo wants it (IV093): ``old`` ends on ``last_day`` with
    RedenWijziging ``reason``; a new toewijzing with the product and volume of ``new`` starts
    the next day and runs until ``new``'s Einddatum.

    Numbers and moments (IV066, IV013): the ended toewijzing keeps ``old``'s ToewijzingNummer,
    the started one gets ``new``'s (which must differ); both carry ``new``'s Toewijzingsdatum
    and Toewijzingstijd, the moment the change was decided, which must be later than
    ``old``'s."""
    subject = "de wijziging"
    problems: list[Problem] = []
    try:
        check_reason(reason)
    except ValueError as exc:
        problems.append(Problem("RedenWijziging", str(exc)))
    if last_day < old.start:
        problems.append(Problem("laatste dag", f"{last_day.isoformat()} ligt vóór de Ingangsdatum "
                                f"{old.start.isoformat()} van de lopende toewijzing"))
    if old.end is not None and last_day > old.end:
        problems.append(Problem("laatste dag", f"{last_day.isoformat()} ligt na de Einddatum "
                                f"{old.end.isoformat()} van de lopende toewijzing"))
    if old.nummer is not None and new.nummer == old.nummer:
        problems.append(Problem(
            "ToewijzingNummer", f"de nieuwe toewijzing heeft hetzelfde nummer {old.nummer} als de "
            "lopende; een nieuwe omvang is een nieuwe toewijzing met een nieuw nummer (IV066)"))
    old_moment, new_moment = _moment(old), _moment(new)
    if old_moment is not None and new_moment is not None and new_moment <= old_moment:
        problems.append(Problem(
            "Toewijzingsdatum", f"het besluit over de wijziging ({_shown(new_moment)}) ligt niet "
            f"na dat van de lopende toewijzing ({_shown(old_moment)}); de meest recente "
            "toewijzing is de geldende (IV013)"))
    if problems:
        raise IwmoError(subject, problems)
    ended = _checked(subject, ToegewezenProduct, {
        "nummer": old.nummer, "product": old.product, "toewijzingsdatum": new.toewijzingsdatum,
        "toewijzingstijd": new.toewijzingstijd, "start": old.start, "end": last_day,
        "reason": reason, "omvang": old.omvang,
    })
    started = _checked(subject, ToegewezenProduct, {
        "nummer": new.nummer, "product": new.product, "toewijzingsdatum": new.toewijzingsdatum,
        "toewijzingstijd": new.toewijzingstijd, "start": last_day + timedelta(days=1),
        "end": new.end, "omvang": new.omvang,
    })
    return ended, started


def _moment(item: ToegewezenProduct) -> tuple[date, time] | None:
    if item.toewijzingsdatum is None or item.toewijzingstijd is None:
        return None
    return item.toewijzingsdatum, item.toewijzingstijd


def _shown(moment: tuple[date, time]) -> str:
    return f"{moment[0].isoformat()} {moment[1].isoformat()}"
