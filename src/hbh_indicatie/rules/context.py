"""Facts derived once from the case and norm set, shared by all rules (read-only)."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cached_property
from typing import TypeVar

from pydantic import BaseModel

from hbh_indicatie.models.case import Case, Housemate, TaskSelection
from hbh_indicatie.models.common import AmountUnit, Period
from hbh_indicatie.models.norm_set import Frequency, NormSet
from hbh_indicatie.rules.state import Line
from hbh_indicatie.vocabulary.model import Vocabulary

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")


@dataclass(frozen=True)
class Context:
    """Read-only; the derived households are computed once per case (cached)."""

    case: Case
    norms: NormSet
    start: date
    vocabulary: Vocabulary | None = None
    """The vocabulary of activities the case's facts are stated on (None: the set's items)."""

    @property
    def activities(self) -> Vocabulary:
        return self.vocabulary if self.vocabulary is not None else Vocabulary.of_set(self.norms)

    @property
    def framework(self) -> str:
        return self.norms.id

    @cached_property
    def household(self) -> tuple[Housemate, ...]:
        """Housemates who belong to the household (a lodger with a contract, or a fellow
        resident of a woongroep, does not: §1.2)."""
        return tuple(h for h in self.case.housemates if self.case.belongs_to_household(h))

    @cached_property
    def household_size(self) -> int:
        return 1 + len(self.household)

    @cached_property
    def children(self) -> tuple[Housemate, ...]:
        return tuple(h for h in self.household if not h.is_adult)

    @cached_property
    def adults(self) -> tuple[Housemate, ...]:
        return tuple(h for h in self.household if h.is_adult)


def per_norm_set(derive: Callable[[Context], R]) -> Callable[[Context], R]:
    """``derive`` computed once per norm set (by identity) and kept: for what a rule derives
    from ``ctx.norms`` alone, such as which items of the set it concerns (its plan), so that
    the state visits only those lines. ``derive`` must not read the case."""
    known: dict[int, tuple[NormSet, R]] = {}

    def once(ctx: Context) -> R:
        norms = ctx.norms
        hit = known.get(id(norms))
        if hit is not None and hit[0] is norms:
            return hit[1]
        if len(known) >= 64:
            known.clear()
        value = derive(ctx)
        known[id(norms)] = (norms, value)
        return value

    return once


def in_file_independent_order(items: list[T]) -> list[T]:
    """``items`` (case models) in an order that does not depend on the order in the file: by
    their full content. A single item is its own order (no serialising)."""
    return items if len(items) < 2 else sorted(items, key=lambda m: m.model_dump_json())


def has_children(case: Case) -> bool:
    """Whether the household has children (as :attr:`Context.children`)."""
    return any(not h.is_adult for h in case.housemates if case.belongs_to_household(h))


def selects(selection: TaskSelection, line: Line) -> bool:
    """Whether a selection of tasks covers the line; a toeslag that extends a selected
    activity is that activity's work (§3)."""
    return line.category in selection.categories or any(
        name in selection.activities for name in line.names)


def per_week(amount: Fraction, unit: AmountUnit, frequency: Frequency, weeks: Fraction) -> Fraction:
    """Exact minutes per week of ``amount`` (minutes or hours) x frequency."""
    minutes = amount * (60 if unit is AmountUnit.HOURS else 1)
    factor = {
        Period.DAY: Fraction(7),
        Period.WEEK: Fraction(1),
        Period.TWO_WEEKS: Fraction(1, 2),
        Period.FOUR_WEEKS: Fraction(1, 4),
        Period.MONTH: 12 / weeks,
        Period.YEAR: 1 / weeks,
    }[frequency.per]
    return minutes * frequency.times * factor


def add_months(day: date, months: int) -> date:
    """Calendar month arithmetic, clamping the day (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))

