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
from hbh_indicatie.batch.impact_labels import Labels, lower_first
from hbh_indicatie.batch.reasons import unknown_figure
from hbh_indicatie.models import impact as model
from hbh_indicatie.render import number_format

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
        """The exact difference in whole euros (not the difference of the two rounded amounts:
        the terminal, the memo and the JSON report all show this one figure)."""
        return _whole_euros(self.delta)

    @property
    def adds_up(self) -> bool:
        """Whether the rounded amounts differ by exactly the rounded difference (else the memo
        says that the amounts are rounded)."""
        return self.delta_euros == self.new_euros - self.old_euros


def _whole_euros(amount: Fraction) -> int:
    """Whole euros, half up (the memo shows money without cents)."""
    return int((amount + Fraction(1, 2)).__floor__()) if amount >= 0 else -_whole_euros(-amount)


@dataclass(frozen=True)
class SupplementShift:
    """Toeslag minutes that moved from one activity to another between A and B.

    A toeslag (fixed extra time) is divided over the activities it extends in proportion to
    their norm times (``rules/toeslagen.py``). When B raises one of those norm times, more of
    the toeslag lands on that activity and less on the others; if a hulpmiddel, the client or
    someone else does that activity, that part is no help, and the client can get less help
    although the norms only went up.
    """

    away_from: str
    """The activity whose toeslag parts lost most (summed over the clients)."""
    towards: str
    """The activity whose toeslag parts gained most."""
    only_raised: bool
    """No norm figure (norm time or toeslag) is lower under B for any client, one is higher."""
    down: int
    """Clients who get less help."""
    taken_by: tuple[str, ...]
    """The rules (§1-§2: hulpmiddel, the client, housemates...) that take more work off the
    help under B, largest first."""

    @property
    def loss_despite_raise(self) -> bool:
        return self.only_raised and self.down > 0


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
    supplement_shift: SupplementShift | None = None
    """Toeslag minutes moved between activities (see :func:`supplement_shift`)."""
    norm_changes: model.NormChanges | None = None
    """The changed norm figures, in words (the run's report carries the same)."""

    @property
    def twins(self) -> frozenset[tuple[str, str]]:
        """(id, versie) that names a different norm set on side A than on side B."""
        return twins(self.old, self.new)

    @property
    def old_name(self) -> str:
        return side_name(self.old, self.twins)

    @property
    def new_name(self) -> str:
        return side_name(self.new, self.twins)

    @property
    def twin_names(self) -> tuple[str, ...]:
        """'protocol-hbh (versie 2015.1)' for each of :attr:`twins`, for the memo's warning."""
        return tuple(f"{nid} (versie {version})" for nid, version in sorted(self.twins))

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


SHORT_SHA = 8
"""Hex digits of the sha256 that tell two sets with one id and version apart."""
FILE_SUFFIXES = (".yaml", ".yml", ".json")


def twins(old: model.Side, new: model.Side) -> frozenset[tuple[str, str]]:
    """The (id, versie) pairs that stand for other contents on side A than on side B: an
    edited copy that kept the id and version of the set it was exported from."""
    def shas(side: model.Side) -> dict[tuple[str, str], set[str]]:
        found: dict[tuple[str, str], set[str]] = {}
        for s in side.normensets:
            found.setdefault((s.id, s.versie), set()).add(s.sha256)
        return found

    a, b = shas(old), shas(new)
    return frozenset(key for key in a.keys() & b.keys() if a[key] != b[key])


def set_name(use: model.NormSetUse, side: model.Side,
             twins: frozenset[tuple[str, str]] = frozenset()) -> str:
    """'utrecht (versie 2017)'; for a set whose id and version the other side has too, also
    the file it came from and the start of its sha256, so that A and B never read alike:
    'protocol-hbh (versie 2015.1, eigen.yaml, sha256 3f2a9c1b)'."""
    if (use.id, use.versie) not in twins:
        return f"{use.id} (versie {use.versie})"
    asked = Path(side.gevraagd)
    origin = f"{asked.name}, " if asked.suffix.lower() in FILE_SUFFIXES else ""
    return f"{use.id} (versie {use.versie}, {origin}sha256 {use.sha256[:SHORT_SHA]})"


def side_name(side: model.Side, twins: frozenset[tuple[str, str]] = frozenset()) -> str:
    """The norm sets of one side (with their clients when more than one computed), or what
    was asked when none did."""
    uses = side.normensets
    if not uses:
        return side.gevraagd
    if len(uses) == 1:
        return set_name(uses[0], side, twins)
    return "; ".join(f"{set_name(u, side, twins)}: {number_format.number(u.clienten)} cliënten"
                     for u in uses)


def supplement_shift(result: Impact, labels: Labels) -> SupplementShift | None:
    """Toeslag minutes that moved between activities in this run, derived from its sums: the
    parts of a toeslag per activity (``<toeslag>.<activiteit>``) give some clients more or
    less help while the toeslag's own figure (rule ``toeslagen.<toeslag>``) stays the same
    for every client, and the norm time of an activity it extends changed. A part that grew
    may not show as help (a hulpmiddel does that activity): then the activity whose norm time
    went up most is where the toeslag went. None when nothing like that happened."""
    away: dict[str, Fraction] = {}
    towards: dict[str, Fraction] = {}
    raised_norms: dict[str, Fraction] = {}
    for key, value in result.activities.items():
        head, _, rest = key.partition(".")
        target = rest.split(".", 1)[0]
        rule = f"toeslagen.{head}"
        if (head not in labels.extends or not target or value == 0
                or result.lowered[rule] or result.raised[rule]):
            continue
        changed = [t for t in labels.extends[head] if result.touched[f"normering.{t}"]]
        if not changed:
            continue
        if result.lowered[key]:
            away[target] = away.get(target, Fraction(0)) + min(value, Fraction(0))
        if result.raised[key]:
            towards[target] = towards.get(target, Fraction(0)) + max(value, Fraction(0))
        raised_norms.update({t: result.rules[f"normering.{t}"] for t in changed
                             if result.raised[f"normering.{t}"] and t != target})
    away = {k: v for k, v in away.items() if v < 0}
    towards = {k: v for k, v in towards.items() if v > 0} or raised_norms
    if not away or not towards:
        return None
    norm_keys = [k for k in result.rules if k.startswith(NORM_RULES)]
    only_raised = (all(result.lowered[k] == 0 for k in norm_keys)
                   and any(result.raised[k] for k in norm_keys))
    taking = sorted((v, k) for k, v in result.rules.items()
                    if v < 0 and not k.startswith(NORM_RULES) and k != "afronding")
    return SupplementShift(
        away_from=lower_first(labels.item(min(away, key=lambda k: (away[k], k)))),
        towards=lower_first(labels.item(max(towards, key=lambda k: (towards[k], k)))),
        only_raised=only_raised, down=result.down,
        taken_by=tuple(labels.rule(k) for _, k in taking[:3]))


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
        supplement_shift=supplement_shift(result, labels),
        norm_changes=data.normwijzigingen,
    )


def chart_path(report: Path) -> Path:
    """The chart beside a Markdown memo: ``impact.md`` -> ``impact-verdeling.png``."""
    return report.with_name(f"{report.stem}-verdeling.png")
