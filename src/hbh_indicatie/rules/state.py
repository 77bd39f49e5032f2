"""The working state of the rules: workload lines, shares, steps, warnings (the state API).

Every activity (and every toeslag or instructie) becomes a :class:`Line` of weekly minutes.
Its not-yet-assigned minutes sit in :class:`Bucket`s (a bucket is open work over a date
range: the main bucket runs from the start date on; a bridging bucket ends when a
hulpmiddel arrives). Rules move fractions of the open minutes to an actor, producing
:class:`Share`s with a date range. Whatever is still open at the end is the help's.

Inside ``engine.evaluate`` minutes are integers over one common denominator per case (the
norm set's grid, ``rules/grid.py``, widened exactly where a case-given fraction needs it) in
lines that change in place; rules read them as exact Fractions, and after :meth:`State.freeze`
nothing changes them (``docs/regels.md``, "Gehele minuten op één noemer").
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Container, Iterable, Sequence
from datetime import date, timedelta
from fractions import Fraction
from functools import lru_cache
from math import gcd
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


def _active(start: date | None, until: date | None, day: date) -> bool:
    """Whether a share from ``start`` until ``until`` (open ends: always) counts on ``day``."""
    return (start is None or start <= day) and (until is None or day <= until)


class Share(NamedTuple):
    """A part of a line's work carried by an actor over a date range (exact minutes per week)."""

    actor: Actor
    minutes: Fraction
    paragraph: str
    person: str | None = None
    start: date | None = None
    until: date | None = None
    reason: TemporaryReason | None = None

    def active_on(self, day: date) -> bool:
        return _active(self.start, self.until, day)


class Part(NamedTuple):
    """A :class:`Share` in the working state: ``units`` minutes per week over the state's
    common denominator (``Line.den``) instead of a Fraction."""

    actor: Actor
    units: int
    paragraph: str
    person: str | None = None
    start: date | None = None
    until: date | None = None
    reason: TemporaryReason | None = None

    def active_on(self, day: date) -> bool:
        return _active(self.start, self.until, day)


class Bucket(NamedTuple):
    open: Fraction
    until: date | None = None
    reason: TemporaryReason | None = None
    paragraph: str = "§3"
    """The paragraph that decides the help for what stays open: the norm (§3), or §1.4 for
    overbrugging while a hulpmiddel is on its way."""


_new = object.__new__


def minutes_of(units: int, den: int) -> Fraction:
    """``units`` / ``den`` (``den`` > 0) as a normalised Fraction: the value of
    ``Fraction(units, den)``, built from the reduced integers without its argument checks
    (a hot path: one per allocation and per sum)."""
    if not units:
        return ZERO
    g = gcd(units, den)
    value: Fraction = _new(Fraction)
    value._numerator, value._denominator = units // g, den // g  # type: ignore[attr-defined]
    return value


def _den_of(values: Iterable[Fraction]) -> int:
    den = 1
    for value in values:
        d = value.denominator
        if den % d:
            den = den * d // gcd(den, d)
    return den


BucketMeta = tuple[date | None, TemporaryReason | None, str]
"""A bucket's date range and paragraph: ``until``, ``reason``, ``paragraph``."""


class Line:
    """One line of work (an activity, toeslag part or instructie) in weekly minutes.

    Minutes are held as integers over one common denominator :attr:`den` (the norm set's,
    ``rules/grid.py``, widened by the case where a case-given fraction needs it): the norm,
    the open minutes of every bucket (open work over a date range: the main bucket from the
    start date on; a bridging bucket ends when a hulpmiddel arrives) and the parts carried by
    actors (:class:`Part`). Rules read them as exact Fractions (:attr:`norm`, :attr:`open`,
    :attr:`buckets`, :attr:`shares`); only the :class:`State` that owns a line changes it,
    and after ``engine.evaluate`` (``State.freeze``) nothing does.

    Constructed from Fractions with the fields of a record (as the rules add lines); the
    state takes a copy on its own denominator (:meth:`State.add_line`).
    """

    __slots__ = ("_buckets", "_norm", "_open", "_parts", "_twin", "activity", "category", "den",
                 "exclusion", "extends", "id", "item", "kind", "label", "names", "postponable",
                 "status")

    activity: str
    """The activity id whose rules apply to this line (itself, or what a toeslag extends)."""
    item: str
    """The norm set item this line's work belongs to: itself, or for a part of a split item
    the item it was split from (a toeslag line keeps its own id)."""
    names: tuple[str, ...]
    """The ids a case may use for this line's work, most specific first: its own id; for a
    toeslag part also the toeslag's id and the activity it extends (§3)."""

    def __init__(
        self, id: str, label: str, category: Category, kind: str, postponable: bool,
        norm: Fraction, status: str, buckets: tuple[Bucket, ...],
        shares: tuple[Share, ...] = (), exclusion: str | None = None,
        extends: str | None = None,
    ) -> None:
        self.id = id
        self.label = label
        self.category = category
        self.kind = kind
        self.postponable = postponable
        self.status = status
        self.exclusion = exclusion
        self.extends = extends  # a toeslag part: the activity whose work it extends (§3)
        self.activity = extends or id
        self.item = extends if kind == "activiteit" and extends else id
        self.names = (id,) if extends is None else (id, id.split(".", 1)[0], extends)
        self._twin: Line | None = None  # this line on the last state's denominator (a cache)
        den = norm.denominator
        if shares or any(b.open.denominator != den for b in buckets):
            den = _den_of([norm, *(b.open for b in buckets), *(s.minutes for s in shares)])
        self.den = den
        self._norm = norm.numerator * (den // norm.denominator)
        self._open: list[int] = [b.open.numerator * (den // b.open.denominator) for b in buckets]
        self._buckets: list[BucketMeta] = [(b.until, b.reason, b.paragraph) for b in buckets]
        self._parts: list[Part] = [
            Part(s.actor, s.minutes.numerator * (den // s.minutes.denominator), s.paragraph,
                 s.person, s.start, s.until, s.reason) for s in shares] if shares else []

    def _copy(self, den: int) -> Line:
        """A copy on denominator ``den`` (a multiple of this line's)."""
        new = _new(Line)
        (new.id, new.label, new.category, new.kind, new.postponable, new.status, new.exclusion,
         new.extends, new.activity, new.item, new.names, new._twin, new.den) = (
            self.id, self.label, self.category, self.kind, self.postponable, self.status,
            self.exclusion, self.extends, self.activity, self.item, self.names, None, den)
        new._buckets = self._buckets.copy()
        factor = den // self.den
        if factor == 1:
            new._norm, new._open = self._norm, self._open.copy()
            new._parts = self._parts.copy() if self._parts else []
        else:
            opens = self._open
            new._norm = self._norm * factor
            new._open = [opens[0] * factor] if len(opens) == 1 else [o * factor for o in opens]
            new._parts = ([p._replace(units=p.units * factor) for p in self._parts]
                          if self._parts else [])
        return new

    def _scale(self, factor: int) -> None:
        """Multiply the denominator and every integer by ``factor`` (same values)."""
        self.den *= factor
        self._norm *= factor
        self._open = [o * factor for o in self._open]
        self._parts = [p._replace(units=p.units * factor) for p in self._parts]

    # --- read as exact minutes ------------------------------------------------------------

    @property
    def norm(self) -> Fraction:
        return minutes_of(self._norm, self.den)

    @property
    def open(self) -> Fraction:
        """Open minutes at the start date (every bucket is active then)."""
        return minutes_of(sum(self._open), self.den)

    @property
    def has_open(self) -> bool:
        """Whether open work is left at the start date (``open > 0``, without a Fraction)."""
        return sum(self._open) > 0

    @property
    def buckets(self) -> tuple[Bucket, ...]:
        den = self.den
        return tuple(Bucket(minutes_of(o, den), *meta)
                     for o, meta in zip(self._open, self._buckets, strict=True))

    @property
    def shares(self) -> tuple[Share, ...]:
        den = self.den
        return tuple(Share(p.actor, minutes_of(p.units, den), p.paragraph, p.person, p.start,
                           p.until, p.reason) for p in self._parts)

    @property
    def parts(self) -> tuple[Part, ...]:
        """The shares in units of :attr:`den` (for sums: one Fraction per total)."""
        return tuple(self._parts)

    def with_work(self, buckets: tuple[Bucket, ...], shares: tuple[Share, ...]) -> Line:
        """A new line like this one with other buckets and shares (exact minutes), to put in
        its place with :meth:`State.replace_line` (which brings it onto the case's
        denominator)."""
        return Line(self.id, self.label, self.category, self.kind, self.postponable, self.norm,
                    self.status, buckets, shares, self.exclusion, self.extends)

    def __repr__(self) -> str:
        return (f"Line({self.id!r}, norm={self.norm}, buckets={self.buckets!r}, "
                f"shares={self.shares!r})")


class StepData(NamedTuple):
    rule: str
    paragraph: str
    text: Text
    """Worded only when the Indication is built (``rules/explain.py``)."""
    facts: tuple[tuple[str, Text], ...]
    """The facts the step rests on; a value may be worded on demand too (``rules/explain.py``)."""
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
    den: int = 1
    """The common denominator of every line's minutes (``Line.den``)."""


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

    Minutes are integers over one denominator :attr:`den` for the whole case: the norm set's
    (``rules/grid.py``), multiplied where a line or a fraction given by the case needs more
    (:meth:`_widen`), so that every value the rules produce stays exact (``docs/regels.md``).
    """

    __slots__ = ("_index", "_lines", "_moved", "den", "end_date", "end_reason", "steps", "unknown",
                 "warnings")

    def __init__(self, den: int = 1) -> None:
        self._lines: list[Line] = []
        self._index: dict[str, int] = {}
        self._moved = 0
        """Counts lines dropped or replaced (lines change in place otherwise)."""
        self.den = den
        self.steps: list[StepData] = []
        self.warnings: list[WarningData] = []
        self.unknown: list[str] = []
        self.end_date: date | None = None
        self.end_reason: TemporaryReason | None = None

    def freeze(self) -> Outcome:
        for line in self._lines:
            line._open = tuple(line._open)  # type: ignore[assignment]
            line._parts = tuple(line._parts)  # type: ignore[assignment]
            line._buckets = tuple(line._buckets)  # type: ignore[assignment]
        return Outcome(tuple(self._lines), tuple(self.steps), tuple(self.warnings),
                       tuple(self.unknown), self.end_date, self.end_reason, self.den)

    def _widen(self, factor: int) -> None:
        """Multiply the common denominator (and every line's integers) by ``factor``."""
        if factor != 1:
            self.den *= factor
            for line in self._lines:
                line._scale(factor)

    def _fit(self, den: int) -> None:
        """Widen the common denominator to a multiple of ``den``."""
        if self.den % den:
            self._widen(den // gcd(self.den, den))

    # --- the lines ------------------------------------------------------------------------

    def _among(
        self, kind: str | None, ids: Collection[str] | None, activities: Container[str] | None,
        items: Container[str] | None, categories: Container[Category] | None,
        names: Container[str] | None, status: str | None = None,
    ) -> list[Line]:
        """The lines (in order) that the keyword filters of :meth:`each_line` admit: fixed
        attributes of a line, tested here instead of by a predicate per line."""
        lines = self._lines
        if ids is not None:
            index = self._index
            lines = [lines[at] for at in sorted(index[i] for i in ids if i in index)]
        if kind is not None:
            lines = [ln for ln in lines if ln.kind == kind]
        if activities is not None:
            lines = [ln for ln in lines if ln.activity in activities]
        if items is not None:
            lines = [ln for ln in lines if ln.item in items]
        if status is not None:
            lines = [ln for ln in lines if ln.status == status]
        if names:
            cats: Container[Category] = () if categories is None else categories
            lines = [ln for ln in lines
                     if ln.id in names or (ln.extends is not None and (
                         ln.names[1] in names or ln.extends in names)) or ln.category in cats]
        elif categories is not None:
            lines = [ln for ln in lines if ln.category in categories]
        return lines if lines is not self._lines else lines.copy()

    def each_line(
        self, law: LineLaw, where: Callable[[Line], bool] | None = None, *,
        kind: str | None = None, ids: Collection[str] | None = None,
        activities: Container[str] | None = None, items: Container[str] | None = None,
        categories: Container[Category] | None = None, names: Container[str] | None = None,
        status: str | None = None,
    ) -> None:
        """Apply ``law`` to every line (in order, each as it is when its turn comes), or to
        those for which ``where`` holds.

        The keyword filters name the lines a rule concerns by what does not change while the
        rules run, so no predicate is called for the others: ``kind``; ``status`` (of the
        norm figure); ``ids`` (the lines of
        those ids); ``activities`` (:attr:`Line.activity` among them); ``items``
        (:attr:`Line.item` among them); ``categories`` and ``names`` together, a selection of
        tasks: one of the line's :attr:`Line.names` is in ``names`` or else its category is in
        ``categories`` (asked only for a line no name admits, and only with ``in``: a
        container may decide per category as it is asked). ``where`` is then asked of the
        lines they admit."""
        self._each(self._among(kind, ids, activities, items, categories, names, status), law, where,
                   False)

    def each_open_line(
        self, law: LineLaw, where: Callable[[Line], bool] | None = None, *,
        kind: str | None = None, ids: Collection[str] | None = None,
        activities: Container[str] | None = None, items: Container[str] | None = None,
        categories: Container[Category] | None = None, names: Container[str] | None = None,
        status: str | None = None,
    ) -> None:
        """:meth:`each_line` for the lines with open work at the start date (when their turn
        comes)."""
        self._each(self._among(kind, ids, activities, items, categories, names, status), law, where,
                   True)

    def _each(self, lines: list[Line], law: LineLaw, where: Callable[[Line], bool] | None,
              open_only: bool) -> None:
        moved = self._moved
        for line in lines:
            if self._moved != moved:  # a line was dropped or replaced by an earlier turn
                at = self._index.get(line.id)
                if at is None:
                    continue
                line = self._lines[at]
            if open_only and not sum(line._open):
                continue
            if where is None or where(line):
                law(line)

    def find(
        self, where: Callable[[Line], bool] | None = None, *, kind: str | None = None,
        ids: Collection[str] | None = None, activities: Container[str] | None = None,
        items: Container[str] | None = None, categories: Container[Category] | None = None,
        names: Container[str] | None = None, status: str | None = None,
    ) -> tuple[Line, ...]:
        """The lines for which ``where`` holds (all lines without it), in order, among those
        the keyword filters of :meth:`each_line` admit (a query: changes nothing)."""
        lines = self._among(kind, ids, activities, items, categories, names, status)
        return tuple(lines) if where is None else tuple(ln for ln in lines if where(ln))

    def any_line(self, where: Callable[[Line], bool], *, kind: str | None = None,
                 categories: Container[Category] | None = None) -> bool:
        lines = self._lines if kind is None and categories is None else self._among(
            kind, None, None, None, categories, None)
        return any(where(ln) for ln in lines)

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
        """Add a copy of ``line`` on the common denominator (``line`` itself is not changed:
        a norm line may be shared between cases)."""
        self.add_lines((line,))

    def add_lines(self, lines: Sequence[Line]) -> None:
        """:meth:`add_line` for each of ``lines``, in order."""
        for line in lines:
            if self.den % line.den:
                self._fit(line.den)
        den = self.den
        index, own = self._index, self._lines
        for line in lines:
            if line.den != den:  # a norm line is added to every case: scaled once, then copied
                twin = line._twin
                if twin is None or twin.den != den:
                    twin = line._twin = line._copy(den)
                line = twin
            index[line.id] = len(own)
            own.append(line._copy(den))

    def replace_line(self, line: Line) -> State:
        """The line of the same id replaced (ids are unique within a state)."""
        index = self._index.get(line.id)
        if index is not None:
            self._fit(line.den)
            self._lines[index] = line._copy(self.den)
            self._moved += 1
        return self

    def drop_line(self, line_id: str) -> None:
        """Remove a line and the steps about it (an item without figure that was not needed)."""
        self._lines = [ln for ln in self._lines if ln.id != line_id]
        self._moved += 1
        self._index.clear()
        self._index.update((ln.id, i) for i, ln in enumerate(self._lines))
        self.steps = [s for s in self.steps if s.activity != line_id]

    def _current(self, line: Line) -> Line:
        """The state's line of ``line``'s id (the same object, unless ``line`` is the record a
        rule passed to :meth:`add_line`)."""
        own = self._lines[self._index[line.id]]
        return own

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
        line = self._current(line)
        target = line.extends if extends is None else extends
        made = tuple(
            Line(part_id, label, line.category, line.kind, line.postponable, line.norm * fraction,
                 line.status, tuple(b._replace(open=b.open * fraction) for b in line.buckets),
                 tuple(s._replace(minutes=s.minutes * fraction) for s in line.shares),
                 line.exclusion, target)
            for part_id, label, fraction in parts
        )
        for part in made:  # the parts' fractions of the minutes may need a wider denominator
            self._fit(part.den)
        new = tuple(part._copy(self.den) for part in made)
        at = self._index[line.id]
        self._lines[at:at + 1] = new
        self._moved += 1
        self._index.clear()
        self._index.update((ln.id, i) for i, ln in enumerate(self._lines))
        return new

    def allocate(
        self, line: Line, fraction: Fraction, actor: Actor, paragraph: str,
        person: str | None = None, temporary: tuple[date, TemporaryReason, Actor] | None = None,
    ) -> tuple[Line, Fraction]:
        """Move ``fraction`` of every bucket's open minutes to ``actor``.

        ``temporary`` = (last day, reason, actor_during): until that day the minutes are
        carried by ``actor_during`` (e.g. the help while a housemate is overburdened),
        afterwards by ``actor``. Returns the line (changed in place) and the minutes taken off
        the help at the start date (the effect shown in the explanation).
        """
        line = self._lines[self._index[line.id]]
        num, den = (1, 1) if fraction is ONE else (fraction.numerator, fraction.denominator)
        opens = line._open
        if len(opens) == 1 and temporary is None:  # the usual case: one bucket, for good
            o = opens[0]
            if num <= 0 or o <= 0:
                return line, ZERO
            if num < den:
                rest = den // gcd(o * num, den)
                if rest != 1:  # a case-given fraction: widen the grid
                    self._widen(rest)
                    opens = line._open
                    o = opens[0]
                taken = o * num // den
            else:
                taken = o
            opens[0] = o - taken
            until, reason, _ = line._buckets[0]
            line._parts.append(Part(actor, taken, paragraph, person, None, until, reason))
            return line, ZERO if actor is Actor.HELP else minutes_of(taken, self.den)
        if num <= 0 or sum(opens) <= 0:
            return line, ZERO
        whole = num >= den
        if not whole:
            # Widen the grid where open x fraction would leave it (a case-given fraction).
            need = 1
            for o in opens:
                if o > 0:
                    rest = den // gcd(o * num, den)
                    if need % rest:
                        need = need * rest // gcd(need, rest)
            if need != 1:
                self._widen(need)
                opens = line._open
        counts_at_start = (actor if temporary is None else temporary[2]) is not Actor.HELP
        parts = line._parts
        removed = 0
        for i, o in enumerate(opens):
            if o <= 0:
                continue
            taken = o if whole else o * num // den
            opens[i] = o - taken
            until, reason, _ = line._buckets[i]
            if temporary is None:
                parts.append(Part(actor, taken, paragraph, person, None, until, reason))
            else:
                last_day, why, during = temporary
                first_end = last_day if until is None else min(last_day, until)
                parts.append(Part(during, taken, paragraph, person, None, first_end, why))
                if until is None or last_day < until:
                    parts.append(Part(actor, taken, paragraph, person, day_after(last_day),
                                      until, None))
            if counts_at_start:
                removed += taken
        return line, minutes_of(removed, self.den)

    def split_bridge(
        self, line: Line, fraction: Fraction, arrives: date, paragraph: str
    ) -> tuple[Line, Fraction]:
        """Part of the main bucket is done by a hulpmiddel from ``arrives``; until then it
        stays open work in a bridging bucket (overbrugging, §1.4)."""
        line = self._current(line)
        num, den = fraction.numerator, fraction.denominator
        if line._open[0] * num <= 0:
            return line, ZERO
        self._widen(den // gcd(line._open[0] * num, den))
        main = line._open[0]
        taken = main * num // den
        line._open[0] = main - taken
        line._open.append(taken)
        line._buckets.append((day_before(arrives), TemporaryReason.BRIDGING, paragraph))
        line._parts.append(Part(Actor.AID, taken, paragraph, None, arrives, None, None))
        return line, minutes_of(taken, self.den)

    def change_norm(self, line: Line, delta: Fraction) -> Line:
        """Add ``delta`` to the line's norm and to its open work (an aftrek or deviation, §3)."""
        self._fit(delta.denominator)
        line = self._current(line)
        units = delta.numerator * (self.den // delta.denominator)
        line._norm += units
        line._open[0] += units
        return line

    def make_urgent(self, line: Line) -> Line:
        """The line's work becomes niet-uitstelbaar (§2.3)."""
        line = self._current(line)
        line.postponable = False
        return line

    def exclude_all(self, paragraph: str) -> None:
        """Every line falls under an exclusion ``paragraph`` (§4.6.1 "in beginsel geen hulp")."""
        for line in self._lines:
            line.exclusion = paragraph

    def remaining_to_help(self) -> None:
        """At the end: whatever is still open is the help's (a share per open bucket)."""
        help_ = Actor.HELP
        for line in self._lines:
            opens = line._open
            if len(opens) == 1:  # the usual line: one bucket
                o = opens[0]
                if o:
                    until, reason, paragraph = line._buckets[0]
                    if o > 0:
                        line._parts.append(Part(help_, o, paragraph, None, None, until, reason))
                    opens[0] = 0
                continue
            if not any(opens):
                continue  # nothing left open: the line is already final
            for o, (until, reason, paragraph) in zip(opens, line._buckets, strict=True):
                if o > 0:
                    line._parts.append(Part(help_, o, paragraph, None, None, until, reason))
            line._open = [0] * len(opens)

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
