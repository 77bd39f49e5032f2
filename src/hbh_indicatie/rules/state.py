"""The working state of the rules: workload lines, shares, steps, warnings (the state API).

Every activity (and every toeslag or instructie) becomes a :class:`Line` of weekly minutes.
Its not-yet-assigned minutes sit in :class:`Bucket`s (a bucket is open work over a date
range: the main bucket runs from the start date on; a bridging bucket ends when a
hulpmiddel arrives). Rules move fractions of the open minutes to an actor, producing
:class:`Share`s with a date range. Whatever is still open at the end is the help's.

The records are named tuples: immutable like frozen dataclasses, and several times cheaper
to create (the engine creates some 150 of them per case).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from hbh_indicatie.models.common import Actor, Category, TemporaryReason
from hbh_indicatie.rules.explain import Text

ZERO = Fraction(0)
ONE = Fraction(1)


@lru_cache(maxsize=128)
def percent(value: int) -> Fraction:
    """``value``% as an exact fraction (cached: the same few percentages recur in every case)."""
    return Fraction(value, 100)


def total(values: Iterable[Fraction]) -> Fraction:
    """Exact sum of minutes, normalised once at the end.

    The same value as ``sum(values, Fraction(0))``, without building (and reducing) a Fraction
    for every partial sum: sums of shares are a hot path of the engine.
    """
    items = values if isinstance(values, (list, tuple)) else list(values)
    if len(items) < 2:
        return items[0] if items else ZERO
    num, den = 0, 1
    for value in items:
        vn, vd = value.numerator, value.denominator
        if vd == den:
            num += vn
        else:
            num, den = num * vd + vn * den, den * vd
    return Fraction(num, den)


class Share(NamedTuple):
    actor: Actor
    minutes: Fraction
    paragraph: str
    person: str | None = None
    start: date | None = None
    until: date | None = None
    reason: TemporaryReason | None = None

    def active_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (
            self.until is None or day <= self.until
        )


class Bucket(NamedTuple):
    open: Fraction
    until: date | None = None
    reason: TemporaryReason | None = None
    paragraph: str = "§3"
    """The paragraph that decides the help for what stays open: the norm (§3), or §1.4 for
    overbrugging while a hulpmiddel is on its way."""


class Line(NamedTuple):
    id: str
    label: str
    category: Category
    kind: str
    postponable: bool
    norm: Fraction
    status: str
    buckets: tuple[Bucket, ...]
    shares: tuple[Share, ...] = ()
    exclusion: str | None = None
    extends: str | None = None
    """For a toeslag: the activity whose work it extends (§3); rules treat it like that one."""

    @property
    def activity(self) -> str:
        """The activity id whose rules apply to this line (itself, or what a toeslag extends)."""
        return self.extends or self.id

    @property
    def names(self) -> tuple[str, ...]:
        """The ids a case may use for this line's work, most specific first: its own id; for a
        toeslag part also the toeslag's id and the activity it extends (§3)."""
        if self.extends is None:
            return (self.id,)
        return (self.id, self.id.split(".", 1)[0], self.extends)

    @property
    def open(self) -> Fraction:
        """Open minutes at the start date (every bucket is active then)."""
        buckets = self.buckets
        if len(buckets) == 1:  # the usual case, and a hot path: no Fraction addition
            return buckets[0].open
        return total(b.open for b in buckets)

    def with_work(self, buckets: tuple[Bucket, ...], shares: tuple[Share, ...]) -> Line:
        """Copy with new buckets and shares (direct construction: a hot path, cheaper than replace)."""
        return Line(self.id, self.label, self.category, self.kind, self.postponable, self.norm,
                    self.status, buckets, shares, self.exclusion, self.extends)


class StepData(NamedTuple):
    rule: str
    paragraph: str
    text: Text
    """Worded only when the Indication is built (``rules/explain.py``)."""
    facts: tuple[tuple[str, str], ...]
    minutes: Fraction = ZERO
    activity: str | None = None
    framework: str = "protocol"


class WarningData(NamedTuple):
    code: str
    paragraph: str
    text: Text


class Outcome(NamedTuple):
    """The rules' result for one case, immutable: what leaves ``engine.evaluate``."""

    lines: tuple[Line, ...]
    steps: tuple[StepData, ...] = ()
    warnings: tuple[WarningData, ...] = ()
    unknown: tuple[str, ...] = ()
    end_date: date | None = None
    end_reason: TemporaryReason | None = None


LineLaw = Callable[[Line], object]
"""What a rule decides for one line of work (the state API does the iterating)."""


class State:
    """The working state of one case inside ``engine.evaluate``: mutable, never shared.

    The rules state the law; this class does the bookkeeping. A rule asks for the lines it
    concerns (:meth:`each_line`: the engine iterates, the rule decides per line), moves open
    work to an actor (:meth:`allocate`), changes a norm (:meth:`change_norm`), splits a line
    into weighted parts (:meth:`split_line`), records steps,
    warnings and unknown facts. No rule module iterates over the lines itself or replaces the
    state (``tests/test_citaten.py`` guards it). :meth:`freeze` gives the immutable
    :class:`Outcome`. The ``with_*`` methods change the state in place and return it.
    """

    __slots__ = ("_index", "_lines", "end_date", "end_reason", "steps", "unknown", "warnings")

    def __init__(self) -> None:
        self._lines: list[Line] = []
        self._index: dict[str, int] = {}
        self.steps: list[StepData] = []
        self.warnings: list[WarningData] = []
        self.unknown: list[str] = []
        self.end_date: date | None = None
        self.end_reason: TemporaryReason | None = None

    def freeze(self) -> Outcome:
        return Outcome(tuple(self._lines), tuple(self.steps), tuple(self.warnings),
                       tuple(self.unknown), self.end_date, self.end_reason)

    # --- the lines ------------------------------------------------------------------------

    def each_line(self, law: LineLaw, where: Callable[[Line], bool] | None = None) -> None:
        """Apply ``law`` to every line (in order, each as it is when its turn comes), or to
        those for which ``where`` holds."""
        index = self._index
        for before in tuple(self._lines):
            at = index.get(before.id)
            if at is None:
                continue  # dropped by an earlier turn
            line = self._lines[at]
            if where is None or where(line):
                law(line)

    def each_open_line(self, law: LineLaw, where: Callable[[Line], bool] | None = None) -> None:
        """:meth:`each_line` for the lines with open work at the start date."""
        index = self._index
        for before in tuple(self._lines):
            at = index.get(before.id)
            if at is None:
                continue  # dropped by an earlier turn
            line = self._lines[at]
            if line.open and (where is None or where(line)):
                law(line)

    def find(self, where: Callable[[Line], bool]) -> tuple[Line, ...]:
        """The lines for which ``where`` holds, in order (a query: changes nothing)."""
        return tuple(ln for ln in self._lines if where(ln))

    def any_line(self, where: Callable[[Line], bool]) -> bool:
        return any(where(ln) for ln in self._lines)

    def all_lines(self, where: Callable[[Line], bool]) -> bool:
        return all(where(ln) for ln in self._lines)

    def shares(self) -> list[Share]:
        """Every share of every line (a query)."""
        return [s for ln in self._lines for s in ln.shares]

    def line(self, line_id: str) -> Line:
        return self._lines[self._index[line_id]]

    def has_line(self, line_id: str) -> bool:
        return line_id in self._index

    def lines_of(self, activity: str) -> tuple[str, ...]:
        """Ids of the activity's line and of the toeslag lines that extend it (§3)."""
        return tuple(ln.id for ln in self._lines if ln.id == activity or ln.extends == activity)

    def add_line(self, line: Line) -> None:
        self._index[line.id] = len(self._lines)
        self._lines.append(line)

    def replace_line(self, line: Line) -> State:
        """The line of the same id replaced (ids are unique within a state)."""
        index = self._index.get(line.id)
        if index is not None:
            self._lines[index] = line
        return self

    def drop_line(self, line_id: str) -> None:
        """Remove a line and the steps about it (an item without figure that was not needed)."""
        self._lines = [ln for ln in self._lines if ln.id != line_id]
        self._index.clear()
        self._index.update((ln.id, i) for i, ln in enumerate(self._lines))
        self.steps = [s for s in self.steps if s.activity != line_id]

    def split_line(
        self, line: Line, parts: Sequence[tuple[str, str, Fraction]], extends: str | None = None,
    ) -> tuple[Line, ...]:
        """Replace ``line``, in its place, by parts of it: per part ``(id, label, fraction)`` a
        line with that fraction of the line's norm, of every bucket's open work and of every
        share (exact). The fractions must add up to exactly 1, so the parts together are the
        line. The parts extend ``extends`` (default: what the line extends). Returns the parts.

        For the vocabulary mapping (§3, ``rules/koppeling.py``): an item whose activities have
        different facts is split by the norm set's weights, one part per group of activities.
        """
        if total([fraction for _, _, fraction in parts]) != ONE:
            raise ValueError(f"de delen van '{line.id}' tellen niet op tot 1")
        target = line.extends if extends is None else extends
        new = tuple(
            Line(part_id, label, line.category, line.kind, line.postponable, line.norm * fraction,
                 line.status, tuple(b._replace(open=b.open * fraction) for b in line.buckets),
                 tuple(s._replace(minutes=s.minutes * fraction) for s in line.shares),
                 line.exclusion, target)
            for part_id, label, fraction in parts
        )
        at = self._index[line.id]
        self._lines[at:at + 1] = new
        self._index.clear()
        self._index.update((ln.id, i) for i, ln in enumerate(self._lines))
        return new

    def allocate(
        self, line: Line, fraction: Fraction, actor: Actor, paragraph: str,
        person: str | None = None, temporary: tuple[date, TemporaryReason, Actor] | None = None,
    ) -> tuple[Line, Fraction]:
        """Move ``fraction`` of the line's open work to ``actor`` (see :func:`allocate`);
        returns the new line and the minutes taken off the help at the start date."""
        new, removed = allocate(line, fraction, actor, paragraph, person, temporary)
        if new is not line:
            self._lines[self._index[line.id]] = new
        return new, removed

    def split_bridge(
        self, line: Line, fraction: Fraction, arrives: date, paragraph: str
    ) -> tuple[Line, Fraction]:
        new, taken = split_bridge(line, fraction, arrives, paragraph)
        if new is not line:
            self._lines[self._index[line.id]] = new
        return new, taken

    def change_norm(self, line: Line, delta: Fraction) -> Line:
        """Add ``delta`` to the line's norm and to its open work (an aftrek or deviation, §3)."""
        main = line.buckets[0]
        new = line._replace(norm=line.norm + delta,
                            buckets=(main._replace(open=main.open + delta), *line.buckets[1:]))
        self._lines[self._index[line.id]] = new
        return new

    def make_urgent(self, line: Line) -> Line:
        """The line's work becomes niet-uitstelbaar (§2.3)."""
        new = line._replace(postponable=False)
        self._lines[self._index[line.id]] = new
        return new

    def exclude_all(self, paragraph: str) -> None:
        """Every line falls under an exclusion ``paragraph`` (§4.6.1 "in beginsel geen hulp")."""
        self._lines = [ln._replace(exclusion=paragraph) for ln in self._lines]

    def remaining_to_help(self) -> None:
        """At the end: whatever is still open is the help's (a share per open bucket)."""
        lines = self._lines
        for index, line in enumerate(lines):
            buckets = line.buckets
            if not any(b.open for b in buckets):
                continue  # nothing left open: the line is already final
            extra = [Share(Actor.HELP, b.open, b.paragraph, None, None, b.until, b.reason)
                     for b in buckets if b.open.numerator > 0]
            emptied = tuple(Bucket(ZERO, b.until, b.reason, b.paragraph) for b in buckets)
            lines[index] = line.with_work(emptied, (*line.shares, *extra))

    def end_at(self, end: date, reason: TemporaryReason) -> None:
        """The whole indication ends on ``end`` (the earliest end wins)."""
        if self.end_date is None or end < self.end_date:
            self.end_date, self.end_reason = end, reason

    # --- the explanation --------------------------------------------------------------------

    def with_step(self, step: StepData) -> State:
        self.steps.append(step)
        return self

    def has_step(self, rule: str) -> bool:
        return any(s.rule == rule for s in self.steps)

    def with_warning(self, code: str, paragraph: str, text: Text) -> State:
        """A warning. The same code with the same wording is shown once: an identical record
        is not kept; records that are only worded alike are merged when the Indication is built
        (``engine``: wording here would cost every batch case)."""
        if not any(w.code == code and w.text == text for w in self.warnings):
            self.warnings.append(WarningData(code, paragraph, text))
        return self

    def with_unknown(self, fact: str, code: str, paragraph: str, text: Text) -> State:
        """A fact the case says is 'onbekend': the rule is not applied, the fact is listed and
        the consultant is warned (the indication becomes voorlopig)."""
        if fact not in self.unknown:
            self.unknown.append(fact)
        return self.with_warning(code, paragraph, text)


def day_before(day: date) -> date:
    return day - timedelta(days=1)


def day_after(day: date) -> date:
    return day + timedelta(days=1)


def allocate(
    line: Line,
    fraction: Fraction,
    actor: Actor,
    paragraph: str,
    person: str | None = None,
    temporary: tuple[date, TemporaryReason, Actor] | None = None,
) -> tuple[Line, Fraction]:
    """Move ``fraction`` of every bucket's open minutes to ``actor``.

    ``temporary`` = (last day, reason, actor_during): until that day the minutes are carried
    by ``actor_during`` (e.g. the help while a housemate is overburdened), afterwards by
    ``actor``. Returns the new line and the minutes taken off the help at the start date
    (the effect shown in the explanation).
    """
    # A hot path: signs and "all of it" are tested on numerator and denominator, and whole
    # buckets move without arithmetic (the same exact values as the plain Fraction formulas).
    if fraction.numerator <= 0 or line.open.numerator <= 0:
        return line, ZERO
    whole = fraction.numerator >= fraction.denominator
    counts_at_start = (actor if temporary is None else temporary[2]) is not Actor.HELP
    shares = list(line.shares)
    buckets: list[Bucket] = []
    removed: list[Fraction] = []
    for bucket in line.buckets:
        if bucket.open.numerator <= 0:
            buckets.append(bucket)
            continue
        if whole:
            taken, left = bucket.open, ZERO
        else:
            taken = bucket.open * fraction
            left = bucket.open - taken
        buckets.append(Bucket(left, bucket.until, bucket.reason, bucket.paragraph))
        shares += _shares_for(taken, bucket, actor, paragraph, person, temporary)
        if counts_at_start:
            removed.append(taken)
    removed_at_start = removed[0] if len(removed) == 1 else total(removed)
    return line.with_work(tuple(buckets), tuple(shares)), removed_at_start


def _shares_for(
    minutes: Fraction,
    bucket: Bucket,
    actor: Actor,
    paragraph: str,
    person: str | None,
    temporary: tuple[date, TemporaryReason, Actor] | None,
) -> list[Share]:
    end = bucket.until
    if temporary is None:
        return [Share(actor, minutes, paragraph, person, None, end, bucket.reason)]
    last_day, reason, during = temporary
    first_end = last_day if end is None else min(last_day, end)
    result = [Share(during, minutes, paragraph, person, None, first_end, reason)]
    if end is None or last_day < end:
        result.append(Share(actor, minutes, paragraph, person, day_after(last_day), end, None))
    return result


def split_bridge(
    line: Line, fraction: Fraction, arrives: date, paragraph: str
) -> tuple[Line, Fraction]:
    """Part of the main bucket is done by a hulpmiddel from ``arrives``; until then it stays
    open work in a bridging bucket (overbrugging, §1.4)."""
    main = line.buckets[0]
    taken = main.open * fraction
    if taken <= 0:
        return line, ZERO
    buckets = (
        main._replace(open=main.open - taken),
        *line.buckets[1:],
        Bucket(taken, day_before(arrives), TemporaryReason.BRIDGING, paragraph),
    )
    share = Share(Actor.AID, taken, paragraph, None, arrives, None, None)
    return line._replace(buckets=buckets, shares=(*line.shares, share)), taken
