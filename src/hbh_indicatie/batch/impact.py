"""Aggregating the impact of a norm change over a caseload (pure, streaming, flat memory).

Each record (from :class:`~hbh_indicatie.batch.jobs.ImpactJob`) holds one client's rounded
weekly total under the old and the new norm set and the exact differences per activity and
per rule. :class:`Impact` keeps counts, sums, a histogram with fixed class width, the largest
losers and gainers (bounded heaps) and the summed differences per activity and rule.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

CLIENT_COLUMNS = (
    "kenmerk", "oud_minuten_per_week", "nieuw_minuten_per_week", "delta_minuten_per_week",
    "delta_uren_per_jaar", "richting",
)


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
    histogram: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    activities: dict[str, Fraction] = field(default_factory=lambda: defaultdict(Fraction))
    rules: dict[str, Fraction] = field(default_factory=lambda: defaultdict(Fraction))
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
        self.sum_minutes += delta
        self.sum_hours += delta_hours(record)
        self.histogram[histogram_class(delta, self.width)] += 1
        self.old_sets[tuple(record["oud_normen"])] += 1
        self.new_sets[tuple(record["nieuw_normen"])] += 1
        for key, value in record["activiteiten"].items():
            self.activities[key] += Fraction(value)
        for key, value in record["regels"].items():
            self.rules[key] += Fraction(value)

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

    def classes(self) -> list[tuple[str, int]]:
        """Histogram rows (label, count) from the largest loss to the largest gain, gaps included."""
        return [(class_label(k, self.width), count) for k, count in self.class_counts()]

    def class_counts(self) -> list[tuple[int, int]]:
        """(class k, count) from the largest loss to the largest gain, gaps included."""
        if not self.histogram:
            return []
        low, high = min(self.histogram), max(self.histogram)
        return [(k, self.histogram.get(k, 0)) for k in range(low, high + 1)]


def _keep(heap: list[Ranked], item: Ranked, size: int) -> None:
    """Keep the ``size`` highest-ranked items in a min-heap."""
    if len(heap) < size:
        heapq.heappush(heap, item)
    elif item > heap[0]:
        heapq.heapreplace(heap, item)


def _ranked(heap: list[Ranked]) -> list[tuple[str, int, int]]:
    return [(key, old, new) for _, _, key, old, new in sorted(heap, reverse=True)]
