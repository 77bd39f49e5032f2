"""Periods of the indication: ingangsdatum, temporary parts and their end dates.

Help shares carry date ranges (overbrugging, overbelasting, instructie); a whole
indication may end (revalidatie §1.5, kortdurend). The indication is split where any of
these starts or ends; each period's total is rounded once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import NamedTuple, TypeVar

from hbh_indicatie.models.common import TEMPORARY_LABELS, Actor, TemporaryReason
from hbh_indicatie.rules.state import (
    ZERO,
    Line,
    Part,
    Share,
    day_after,
    day_before,
    minutes_of,
    total,
)

D = TypeVar("D", Share, Part)
"""A help share as Fraction minutes (:class:`Share`) or as units of a denominator (:class:`Part`)."""


@dataclass(frozen=True)
class Interval:
    start: date
    until: date | None
    minutes: Fraction
    parts: tuple[str, ...]


def help_shares(lines: tuple[Line, ...]) -> list[Share]:
    return [s for ln in lines for s in ln.shares if s.actor is Actor.HELP]


class HelpNow(NamedTuple):
    """The help on the start date, from one pass over a state's lines (:func:`help_now`)."""

    units: tuple[int, ...]
    """Per line, the help's minutes per week on the start date in units of ``Line.den``."""
    dated: bool
    """Whether a help share starts or ends on a date (then the periods are cut)."""
    present: bool
    """Whether the help has any share."""


def help_now(lines: Sequence[Line], start: date) -> HelpNow:
    """The help's units per line on ``start``, and whether any help share is dated."""
    help_ = Actor.HELP
    units: list[int] = []
    dated = present = False
    for line in lines:
        now = 0
        for p in line.parts:
            if p.actor is help_:
                present = True
                if p.start is None and p.until is None:
                    now += p.units
                else:
                    dated = True
                    if (p.start is None or p.start <= start) and (
                            p.until is None or start <= p.until):
                        now += p.units
        units.append(now)
    return HelpNow(tuple(units), dated, present)


def intervals(
    lines: tuple[Line, ...], start: date, end: date | None, now: HelpNow | None = None,
) -> list[Interval]:
    """The periods of the help on ``lines``, summed in integers and made a Fraction once per
    period. ``now``: :func:`help_now` of ``lines`` when the caller has it, which says the
    lines are one state's (one denominator)."""
    den = lines[0].den if lines else 1
    if now is None:
        if any(ln.den != den for ln in lines):  # lines of different states: plain Fractions
            return split(help_shares(lines), start, end)
        now = help_now(lines, start)
    if not now.dated and (end is None or start <= end):
        # The usual case: no temporary part, one period (what the general loop gives too).
        return [Interval(start, end, minutes_of(sum(now.units), den),
                         ("blijvend deel",) if now.present else ())]
    parts = [p for ln in lines for p in ln.parts if p.actor is Actor.HELP]

    def minutes(active: Sequence[Part]) -> Fraction:
        return minutes_of(sum(p.units for p in active), den)

    return _split(parts, start, end, minutes)


def split(shares: list[Share], start: date, end: date | None) -> list[Interval]:
    """The general case: cut wherever a help share starts or ends."""
    return _split(shares, start, end, lambda active: total([s.minutes for s in active]))


def _split(
    shares: Sequence[D], start: date, end: date | None, minutes: Callable[[list[D]], Fraction],
) -> list[Interval]:
    cuts = {start}
    for share in shares:
        if share.start is not None and share.start > start:
            cuts.add(share.start)
        if share.until is not None:
            cuts.add(day_after(share.until))
    ordered = sorted(c for c in cuts if end is None or c <= end)
    result: list[Interval] = []
    for i, first in enumerate(ordered):
        last = day_before(ordered[i + 1]) if i + 1 < len(ordered) else end
        active = [s for s in shares if (s.start is None or s.start <= first)
                  and (s.until is None or first <= s.until)]  # s.active_on(first), inline
        reasons = sorted({s.reason for s in active if s.reason is not None and s.until})
        labels: tuple[str, ...] = tuple(TEMPORARY_LABELS[r] for r in reasons)
        if any(s.until is None or s.reason is None for s in active):
            labels = ("blijvend deel", *labels)
        result.append(Interval(first, last, minutes(active), labels))
    return _merge(result)


def _merge(items: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for item in items:
        if merged and merged[-1].minutes == item.minutes and merged[-1].parts == item.parts:
            prev = merged[-1]
            merged[-1] = Interval(prev.start, item.until, prev.minutes, prev.parts)
        else:
            merged.append(item)
    return merged


def temporary_parts(
    lines: tuple[Line, ...], end: date | None
) -> list[tuple[TemporaryReason, date, Fraction, str]]:
    groups: dict[tuple[TemporaryReason, date, str], Fraction] = {}
    for share in help_shares(lines):
        if share.until is None or share.reason is None:
            continue
        until = share.until if end is None else min(share.until, end)
        key = (share.reason, until, share.paragraph)
        groups[key] = groups.get(key, ZERO) + share.minutes
    return [(r, u, m, p) for (r, u, p), m in sorted(groups.items(), key=lambda kv: kv[0][1])]
