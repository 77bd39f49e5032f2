"""The council memo of an impact run (``hbh impact --rapport x.md|.html|.pdf``) as figures.

Pure: every number the memo shows is computed here from :class:`~hbh_indicatie.batch.impact.Impact`
(and the published report data for the norm set stamps); the templates only put them in
Dutch words and formats. The first page answers: how many clients go up, down or stay the
same; by how much in hours per week and per year, in total and per client; what that costs
with a rate per hour; which activities and rules make the difference; what was not computed
and why. The pages after it hold the groups, the distribution and the largest changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from hbh_indicatie.batch.characteristics import DIMENSIONS
from hbh_indicatie.batch.impact import Impact, class_bounds, class_label, fitted_width
from hbh_indicatie.batch.impact_labels import Labels
from hbh_indicatie.batch.reasons import unknown_figure
from hbh_indicatie.models import impact as model

FIRST_PAGE_DRIVERS = 4
"""Activities and rules named on the first page (the tables after it list up to --top)."""
NORM_RULES = ("normering.", "toeslagen.")
"""Rules that carry a norm figure: their sum is the change in the norm itself."""


@dataclass(frozen=True)
class Driver:
    label: str
    minutes: Fraction
    """Summed difference over all clients, minutes per week."""
    clients: int
    """The clients for whom it differs."""

    @property
    def mean(self) -> Fraction:
        """Mean difference per client for whom it differs, minutes per week."""
        return self.minutes / self.clients if self.clients else Fraction(0)


@dataclass(frozen=True)
class GroupRow:
    label: str
    clients: int
    up: int
    down: int
    same: int
    old_minutes: int
    minutes: int
    hours_per_year: Fraction

    @property
    def mean_minutes(self) -> Fraction:
        return Fraction(self.minutes, self.clients) if self.clients else Fraction(0)


@dataclass(frozen=True)
class GroupTable:
    heading: str
    rows: tuple[GroupRow, ...]


@dataclass(frozen=True)
class CategoryRow:
    label: str
    minutes: Fraction
    down: int
    up: int


@dataclass(frozen=True)
class DistributionRow:
    label: str
    low: int
    high: int
    clients: int

    @property
    def side(self) -> str:
        return "omlaag" if self.high < 0 else "omhoog" if self.low > 0 else "gelijk"


@dataclass(frozen=True)
class ChangedClient:
    key: str
    old: int
    new: int

    @property
    def delta(self) -> int:
        return self.new - self.old


@dataclass(frozen=True)
class UnknownRow:
    """Clients not computed because a norm set has no figure for an item their case needs."""

    item: str
    norm_set: str
    """'kpmg-hbel (versie 2021.1)'; empty when the reason does not name one."""
    clients: int


@dataclass(frozen=True)
class Money:
    rate: Decimal
    old: Fraction
    new: Fraction

    @property
    def delta(self) -> Fraction:
        return self.new - self.old

    @property
    def old_euros(self) -> int:
        return _whole_euros(self.old)

    @property
    def new_euros(self) -> int:
        return _whole_euros(self.new)

    @property
    def delta_euros(self) -> int:
        """The difference of the two amounts as shown in whole euros, so that the memo's
        'X per jaar in plaats van Y: Z meer' adds up for a reader (Z = X - Y)."""
        return self.new_euros - self.old_euros


def _whole_euros(amount: Fraction) -> int:
    """Whole euros, half up (the memo shows money without cents)."""
    return int((amount + Fraction(1, 2)).__floor__()) if amount >= 0 else -_whole_euros(-amount)


@dataclass(frozen=True)
class Memo:
    """Everything the memo shows, as exact figures and Dutch labels."""

    old: model.Side
    new: model.Side
    source: str
    errors_file: str
    engine_version: str
    read: int
    computed: int
    failed: int
    up: int
    down: int
    same: int
    old_minutes: int
    new_minutes: int
    old_hours_per_year: Fraction
    new_hours_per_year: Fraction
    largest_loss: int
    largest_gain: int
    money: Money | None
    norm_drivers: tuple[Driver, ...]
    activity_drivers: tuple[Driver, ...]
    rule_drivers: tuple[Driver, ...]
    all_rules_listed: bool
    """Every rule with a difference is in :attr:`rule_drivers` (then they sum to the total)."""
    reasons: tuple[tuple[str, int], ...]
    unknown: int
    """Clients not computed under a set because a figure they need is 'onbekend'."""
    unknown_reasons: tuple[tuple[str, int], ...]
    unknown_rows: tuple[UnknownRow, ...]
    """The same clients by item without a figure and norm set, for the memo's table."""
    groups: tuple[GroupTable, ...]
    categories: tuple[CategoryRow, ...]
    width: int
    distribution: tuple[DistributionRow, ...]
    losers: tuple[ChangedClient, ...]
    gainers: tuple[ChangedClient, ...]
    chart: str | None = None
    """Where the chart is (a file name beside a Markdown memo, or a data: URI in HTML)."""

    @property
    def delta_minutes(self) -> int:
        return self.new_minutes - self.old_minutes

    @property
    def old_hours_per_week(self) -> Fraction:
        return Fraction(self.old_minutes, 60)

    @property
    def new_hours_per_week(self) -> Fraction:
        return Fraction(self.new_minutes, 60)

    @property
    def delta_hours_per_week(self) -> Fraction:
        return Fraction(self.delta_minutes, 60)

    @property
    def delta_hours_per_year(self) -> Fraction:
        return self.new_hours_per_year - self.old_hours_per_year

    @property
    def mean_minutes(self) -> Fraction:
        return Fraction(self.delta_minutes, self.computed) if self.computed else Fraction(0)

    @property
    def mean_hours_per_year(self) -> Fraction:
        return self.delta_hours_per_year / self.computed if self.computed else Fraction(0)

    @property
    def relative_change(self) -> Fraction:
        """B against A as a fraction of A's total (0 when A has no hours)."""
        return Fraction(self.delta_minutes, self.old_minutes) if self.old_minutes else Fraction(0)

    @property
    def unknown_sets(self) -> tuple[str, ...]:
        """The norm sets whose missing figures left clients out, in order of first mention."""
        return tuple(dict.fromkeys(r.norm_set for r in self.unknown_rows if r.norm_set))

    @property
    def excluded_from_chart(self) -> int:
        return self.failed + self.unknown


def _drivers(items: list[tuple[str, Fraction]], label: Callable[[str], str],
             touched: Counter[str]) -> tuple[Driver, ...]:
    return tuple(Driver(label(key), value, touched[key]) for key, value in items)


def _unknown_rows(unknown: list[tuple[str, int]]) -> tuple[UnknownRow, ...]:
    rows = []
    for reason, count in unknown:
        norm_set, item = unknown_figure(reason) or ("", reason)
        rows.append(UnknownRow(item, norm_set, count))
    return tuple(rows)


def _groups(result: Impact) -> tuple[GroupTable, ...]:
    tables = []
    for dim in DIMENSIONS:
        codes = sorted((code for column, code in result.groups if column == dim.column),
                       key=dim.order)
        rows = []
        for code in codes:
            g = result.groups[(dim.column, code)]
            rows.append(GroupRow(dim.label(code), g.clients, g.up, g.down, g.same,
                                 g.sum_old_minutes, g.sum_minutes, g.sum_hours))
        if rows:
            tables.append(GroupTable(dim.heading, tuple(rows)))
    return tuple(tables)


def _categories(result: Impact, labels: Labels) -> tuple[CategoryRow, ...]:
    rows = [CategoryRow(labels.category(key), value, result.category_moves[key]["omlaag"],
                        result.category_moves[key]["omhoog"])
            for key, value in result.categories.items() if value != 0]
    return tuple(sorted(rows, key=lambda r: (-abs(r.minutes), r.label)))


def _distribution(result: Impact, width: int) -> tuple[DistributionRow, ...]:
    rows = []
    for k, count in result.class_counts(width):
        low, high = class_bounds(k, width)
        rows.append(DistributionRow(class_label(k, width), low, high, count))
    return tuple(rows)


def build(result: Impact, data: model.ImpactReport, labels: Labels, rate: Decimal | None,
          reasons: list[tuple[str, int]], width: int | None = None,
          unknown: list[tuple[str, int]] | None = None) -> Memo:
    """The memo of an impact run. ``data`` is the run's published report (stamps, counts);
    ``width`` the histogram class width (standard: fitted to the data)."""
    rules = result.drivers(result.rules)
    all_rules = sorted(((k, v) for k, v in result.rules.items() if v != 0),
                       key=lambda kv: (-abs(kv[1]), kv[0]))
    norm = [(k, v) for k, v in all_rules if k.startswith(NORM_RULES)][:FIRST_PAGE_DRIVERS]
    money = None
    if rate is not None:
        money = Money(rate, result.old_hours * Fraction(rate), result.new_hours * Fraction(rate))
    return Memo(
        old=data.van, new=data.naar, source=data.invoer, errors_file=data.foutenbestand,
        engine_version=data.engineversie,
        read=data.clienten.ingelezen, computed=result.clients, failed=data.clienten.mislukt,
        up=result.up, down=result.down, same=result.same,
        old_minutes=result.sum_old_minutes, new_minutes=result.sum_new_minutes,
        old_hours_per_year=result.old_hours, new_hours_per_year=result.new_hours,
        largest_loss=min((d for d in result.deltas if d < 0), default=0),
        largest_gain=max((d for d in result.deltas if d > 0), default=0),
        money=money,
        norm_drivers=_drivers(norm, labels.rule, result.touched),
        activity_drivers=_drivers(result.drivers(result.activities), labels.item, result.touched),
        rule_drivers=_drivers(rules, labels.rule, result.touched),
        all_rules_listed=len(rules) == len(all_rules),
        reasons=tuple(reasons),
        unknown=data.clienten.cijfer_onbekend,
        unknown_reasons=tuple(unknown or ()),
        unknown_rows=_unknown_rows(unknown or []),
        groups=_groups(result),
        categories=_categories(result, labels),
        width=width or fitted_width(result.deltas),
        distribution=_distribution(result, width or fitted_width(result.deltas)),
        losers=tuple(ChangedClient(*row) for row in result.losers()),
        gainers=tuple(ChangedClient(*row) for row in result.gainers()),
    )


def chart_path(report: Path) -> Path:
    """The chart beside a Markdown memo: ``impact.md`` -> ``impact-verdeling.png``."""
    return report.with_name(f"{report.stem}-verdeling.png")
