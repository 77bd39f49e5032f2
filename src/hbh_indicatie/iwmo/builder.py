"""From an :class:`Indication` to ToegewezenProduct periods, and a change of hours.

Each period of the indication (a temporary part ending, a bridging period) becomes its own
ToegewezenProduct with the period's rounded minutes per week. A change of hours ends the
running toewijzing on day D and starts a new one on D+1 (IV093, OP033x1). A PGB gets no
toewijzing but a warning (OP043). Only data is produced: no message, no transport.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from hbh_indicatie.errors import HbhError, Problem
from hbh_indicatie.iwmo.codes import HBH_CATEGORY, HOUR, MINUTE, PER_WEEK, PRODUCTCODE_STANDAARD
from hbh_indicatie.iwmo.models import IwmoExport, Omvang, Product, ToegewezenProduct, check_reason
from hbh_indicatie.loading.validation import problems_from
from hbh_indicatie.models.indication import Indication

M = TypeVar("M", bound=BaseModel)

PGB_WARNING = (
    "OP043: deze indicatie wordt als persoonsgebonden budget (pgb) verstrekt; daarvoor bestaat "
    "geen toewijzing (iWmo kent alleen zorg in natura). Een lopende toewijzing voor hetzelfde "
    "product eindigt de dag vóór de ingangsdatum van het pgb (RedenWijziging 08)."
)


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

    @field_validator("productcode")
    @classmethod
    def _code(cls, value: str) -> str:
        if not 1 <= len(value) <= 5 or not value.isalnum():
            raise ValueError(f"'{value}' is geen productcode: 1 tot 5 letters of cijfers "
                             "(LDT_ProductCode)")
        return value

    @model_validator(mode="after")
    def _one_end(self) -> IwmoSettings:
        if self.einddatum is not None and self.looptijd_maanden is not None:
            raise ValueError("geef een einddatum óf een looptijd in maanden, niet beide")
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


def settings_from(subject: str, **values: Any) -> IwmoSettings:
    return _checked(subject, IwmoSettings, values)


def _checked(subject: str, model: type[M], values: dict[str, Any]) -> M:
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise IwmoError(subject, problems_from(exc)) from None


def omvang(minutes_per_week: int, settings: IwmoSettings) -> Omvang:
    """Integer volume per week: minutes (Eenheid 01), or whole hours (04) only when exact."""
    if settings.eenheid == "auto" and minutes_per_week > 0 and minutes_per_week % 60 == 0:
        return Omvang(volume=minutes_per_week // 60, unit=HOUR, frequency=PER_WEEK)
    return Omvang(volume=minutes_per_week, unit=MINUTE, frequency=PER_WEEK)


def build(
    indication: Indication, settings: IwmoSettings, delivery: Literal["zin", "pgb"] = "zin"
) -> IwmoExport:
    """The ToegewezenProduct periods for ``indication`` (none, with a warning, for a PGB)."""
    subject = f"casus {indication.kenmerk}"
    if delivery == "pgb":
        return IwmoExport(kenmerk=indication.kenmerk, leveringsvorm="pgb",
                          toegewezen_producten=(), waarschuwingen=(PGB_WARNING,))
    last = settings.last_day(indication.ingangsdatum)
    if last is not None and last < indication.ingangsdatum:
        raise IwmoError(subject, [Problem(
            "einddatum", f"{last.isoformat()} ligt vóór de ingangsdatum "
            f"{indication.ingangsdatum.isoformat()} van de indicatie")])
    product = Product(category=HBH_CATEGORY, code=settings.productcode)
    products: list[ToegewezenProduct] = []
    for period in indication.perioden:
        if period.minuten_per_week == 0:
            continue
        end = period.tot if last is None or (period.tot is not None and period.tot <= last) else last
        if end is None:
            raise IwmoError(subject, [Problem(
                "einddatum",
                f"de indicatie vanaf {period.van.isoformat()} heeft geen einddatum, maar bij "
                "Frequentie 2 (per week) is een Einddatum verplicht (CD076)",
                "een einddatum (JJJJ-MM-DD) of een looptijd in maanden: in hbh bereken "
                "--einddatum of --looptijd, in de API einddatum= of looptijd_maanden=")])
        if end < period.van:
            continue
        products.append(_checked(subject, ToegewezenProduct, {
            "product": product, "start": period.van, "end": end,
            "omvang": omvang(period.minuten_per_week, settings),
        }))
    warnings: tuple[str, ...] = ()
    if not products:
        warnings = ("Geen hulp geïndiceerd (0 minuten per week): er is niets toe te wijzen.",)
    return IwmoExport(kenmerk=indication.kenmerk, leveringsvorm="zin",
                      toegewezen_producten=tuple(products), waarschuwingen=warnings)


def change(
    old: ToegewezenProduct, new: ToegewezenProduct, last_day: date, reason: str
) -> tuple[ToegewezenProduct, ToegewezenProduct]:
    """A change of hours as iWmo wants it (IV093): ``old`` ends on ``last_day`` with
    RedenWijziging ``reason``; a new toewijzing with the product and volume of ``new`` starts
    the next day and runs until ``new``'s Einddatum."""
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
    if problems:
        raise IwmoError(subject, problems)
    ended = _checked(subject, ToegewezenProduct, {
        "product": old.product, "start": old.start, "end": last_day, "reason": reason,
        "omvang": old.omvang,
    })
    started = _checked(subject, ToegewezenProduct, {
        "product": new.product, "start": last_day + timedelta(days=1), "end": new.end,
        "omvang": new.omvang,
    })
    return ended, started
