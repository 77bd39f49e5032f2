"""Aggregating the impact of a norm change over a caseload (pure, streaming, flat memory).

Each record (from :class:`~hbh_indicatie.batch.jobs.ImpactJob`) holds one client's rounded
weekly total under the old and the new norm set, the exact differences per activity, per rule
and per result category, and the client's group codes (:mod:`hbh_indicatie.batch.characteristics`).
:class:`Impact` keeps counts, sums, the number of clients per difference in whole minutes (a
few hundred distinct values at most, so histograms of any class width come from it), totals
per group, the largest losers and gainers (bounded heaps) and the summed differences per
activity, rule and category.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

GROUP_COLUMNS = ("huishoudgrootte", "leeftijdsgroep", "woonvorm", "gebruikelijke_hulp")
CLIENT_COLUMNS = (
    "kenmerk", "oud_minuten_per_week", "nieuw_minuten_per_week", "delta_minuten_per_week",
    "delta_uren_per_jaar", "richting", *GROUP_COLUMNS,
)

NICE_WIDTHS = (1, 2, 5, 10, 15, 20, 30, 60, 120, 240, 480, 960)
"""Class widths (min/week) a fitted histogram chooses from."""
MAX_CLASSES_PER_SIDE = 6


NormStamp = tuple[str, str, str]
"""(id, versie, sha256) of the norm set version that computed a client."""

Ranked = tuple[int, int, str, int, int]
"""(|Δ|, -input position, kenmerk, old, new): on equal Δ the earlier client ranks higher."""


def hours_per_year(minutes: int, weeks: Fraction) -> Fraction:
    return Fraction(minutes) * weeks / 60


def delta_hours(record: dict[str, Any]) -> Fraction:
    return (hours_per_year(record["nieuw"], Fraction(record["nieuw_weken_per_jaar"]))
            - hours_per_year(record["oud"], Fraction(record["oud_weken_per_jaar"])))


def direction(delta: int) -> str:
    return "omhoog" if delta > 0 else "omlaag" if delta < 0 else "gelijk"


def client_row(record: dict[str, Any]) -> dict[str, Any]:
    """Per-client CSV row: old, new and Δ (hours per year with two decimals)."""
    delta = record["nieuw"] - record["oud"]
    return {
        "kenmerk": record["kenmerk"],
        "oud_minuten_per_week": record["oud"],
        "nieuw_minuten_per_week": record["nieuw"],
        "delta_minuten_per_week": delta,
        "delta_uren_per_jaar": f"{float(delta_hours(record)):.2f}",
        "richting": direction(delta),
        **{column: record.get("groepen", {}).get(column, "") for column in GROUP_COLUMNS},
    }


def histogram_class(delta: int, width: int) -> int:
    """0 for no change; k > 0 for (k-1)*width < Δ <= k*width; mirrored for losses."""
    if delta == 0:
        return 0
    k = math.ceil(abs(delta) / width)
    return k if delta > 0 else -k


def class_bounds(k: int, width: int) -> tuple[int, int]:
    """(lowest, highest) difference in min/week of histogram class ``k``."""
    if k == 0:
        return 0, 0
    near, far = (abs(k) - 1) * width + 1, abs(k) * width
    return (near, far) if k > 0 else (-far, -near)


def class_label(k: int, width: int) -> str:
    """'+16 t/m +30', '-1 t/m -15' (nearest to zero first), or '0'."""
    if k == 0:
        return "0"
    low, high = class_bounds(k, width)
    near, far = (low, high) if k > 0 else (high, low)
    sign = "+" if k > 0 else ""
    return f"{sign}{near} t/m {sign}{far}" if near != far else f"{sign}{far}"


def fitted_width(deltas: Counter[int]) -> int:
    """The smallest class width from :data:`NICE_WIDTHS` that shows the largest loss and gain
    in at most :data:`MAX_CLASSES_PER_SIDE` classes each (zero is a class of its own)."""
    reach = max((abs(d) for d in deltas), default=0)
    for width in NICE_WIDTHS:
        if math.ceil(reach / width) <= MAX_CLASSES_PER_SIDE:
            return width
    return math.ceil(reach / MAX_CLASSES_PER_SIDE)


@dataclass
class GroupTotals:
    """Counts and sums over the clients of one group (e.g. households of 2 persons)."""

    clients: int = 0
    up: int = 0
    down: int = 0
    same: int = 0
    sum_old_minutes: int = 0
    sum_minutes: int = 0
    sum_hours: Fraction = Fraction(0)

    def add(self, old: int, delta: int, hours: Fraction) -> None:
        self.clients += 1
        self.up += delta > 0
        self.down += delta < 0
        self.same += delta == 0
        self.sum_old_minutes += old
        self.sum_minutes += delta
        self.sum_hours += hours


@dataclass
class Impact:
    """Running totals of an impact run; :meth:`add` one client record at a time."""

    width: int = 15
    top: int = 10
    up: int = 0
    down: int = 0
    same: int = 0
    sum_minutes: int = 0
    sum_hours: Fraction = Fraction(0)
    sum_old_minutes: int = 0
    sum_new_minutes: int = 0
    old_hours: Fraction = Fraction(0)
    new_hours: Fraction = Fraction(0)
    deltas: Counter[int] = field(default_factory=Counter)
    groups: dict[tuple[str, str], GroupTotals] = field(default_factory=dict)
    categories: dict[str, Fraction] = field(default_factory=lambda: defaultdict(Fraction))
    category_moves: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    activities: dict[str, Fraction] = field(default_factory=lambda: defaultdict(Fraction))
    rules: dict[str, Fraction] = field(default_factory=lambda: defaultdict(Fraction))
    touched: Counter[str] = field(default_factory=Counter)
    """Per activity id and rule id: the clients for whom it differs."""
    lowered: Counter[str] = field(default_factory=Counter)
    """Per activity id and rule id: the clients for whom it is less under B."""
    raised: Counter[str] = field(default_factory=Counter)
    """Per activity id and rule id: the clients for whom it is more under B."""
    old_sets: Counter[NormStamp] = field(default_factory=Counter)
    new_sets: Counter[NormStamp] = field(default_factory=Counter)
    _losers: list[Ranked] = field(default_factory=list)
    _gainers: list[Ranked] = field(default_factory=list)

    @property
    def clients(self) -> int:
        return self.up + self.down + self.same

    def add(self, record: dict[str, Any]) -> None:
        old, new = int(record["oud"]), int(record["nieuw"])
        delta = new - old
        ranked: Ranked = (abs(delta), -self.clients, str(record["kenmerk"]), old, new)
        if delta > 0:
            self.up += 1
            _keep(self._gainers, ranked, self.top)
        elif delta < 0:
            self.down += 1
            _keep(self._losers, ranked, self.top)
        else:
            self.same += 1
        hours = delta_hours(record)
        self.sum_minutes += delta
        self.sum_hours += hours
        self.sum_old_minutes += old
        self.sum_new_minutes += new
        self.old_hours += hours_per_year(old, Fraction(record["oud_weken_per_jaar"]))
        self.new_hours += hours_per_year(new, Fraction(record["nieuw_weken_per_jaar"]))
        self.deltas[delta] += 1
        for column, code in record.get("groepen", {}).items():
            self.groups.setdefault((column, str(code)), GroupTotals()).add(old, delta, hours)
        for key, value in record.get("categorieen", {}).items():
            difference = Fraction(value)
            self.categories[key] += difference
            self.category_moves[key][direction(1 if difference > 0 else -1)] += 1
        self.old_sets[tuple(record["oud_normen"])] += 1
        self.new_sets[tuple(record["nieuw_normen"])] += 1
        for key, value in record["activiteiten"].items():
            self._count(key, self.activities, Fraction(value))
        for key, value in record["regels"].items():
            self._count(key, self.rules, Fraction(value))

    def _count(self, key: str, sums: dict[str, Fraction], difference: Fraction) -> None:
        sums[key] += difference
        self.touched[key] += difference != 0
        self.lowered[key] += difference < 0
        self.raised[key] += difference > 0

    @property
    def mean_minutes(self) -> Fraction:
        return Fraction(self.sum_minutes, self.clients) if self.clients else Fraction(0)

    @property
    def mean_hours(self) -> Fraction:
        return self.sum_hours / self.clients if self.clients else Fraction(0)

    def losers(self) -> list[tuple[str, int, int]]:
        """(kenmerk, old, new), largest loss first; on equal loss the earlier client first."""
        return _ranked(self._losers)

    def gainers(self) -> list[tuple[str, int, int]]:
        return _ranked(self._gainers)

    def drivers(self, what: dict[str, Fraction]) -> list[tuple[str, Fraction]]:
        """Keys with a nonzero summed difference, largest absolute difference first."""
        items = [(k, v) for k, v in what.items() if v != 0]
        return sorted(items, key=lambda kv: (-abs(kv[1]), kv[0]))[: self.top]

    def classes(self, width: int | None = None) -> list[tuple[str, int]]:
        """Histogram rows (label, count) from the largest loss to the largest gain, gaps included."""
        width = width or self.width
        return [(class_label(k, width), count) for k, count in self.class_counts(width)]

    def class_counts(self, width: int | None = None) -> list[tuple[int, int]]:
        """(class k, count) from the largest loss to the largest gain, gaps included; classes
        of ``width`` min/week (standard: :attr:`width`)."""
        width = width or self.width
        histogram: Counter[int] = Counter()
        for delta, count in self.deltas.items():
            histogram[histogram_class(delta, width)] += count
        if not histogram:
            return []
        low, high = min(histogram), max(histogram)
        return [(k, histogram.get(k, 0)) for k in range(low, high + 1)]


def _keep(heap: list[Ranked], item: Ranked, size: int) -> None:
    """Keep the ``size`` highest-ranked items in a min-heap."""
    if len(heap) < size:
        heapq.heappush(heap, item)
    elif item > heap[0]:
        heapq.heapreplace(heap, item)


def _ranked(heap: list[Ranked]) -> list[tuple[str, int, int]]:
    return [(key, old, new) for _, _, key, old, new in sorted(heap, reverse=True)]
