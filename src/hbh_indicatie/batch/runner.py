"""Running a job over an input file: in-process (1) or on a process pool (N).

Workers get their job (with its norm sets, loaded once in the main process before the pool
starts) when they start (:mod:`hbh_indicatie.batch.pool`). The main process only cuts the
input into parts (:func:`~hbh_indicatie.batch.reader.read_parts`: for JSON Lines, blocks of
undecoded lines); parts go out in a bounded window, so memory stays flat however many cases
come in, and come back in input order. Every item yields exactly one :class:`Outcome`: a
result row, or an error row with its key or line number and the Dutch reason (nothing is
lost). With :class:`Forms` a worker also writes the rows as text (:class:`Done`), so that
per case nothing but its output text crosses between processes.
"""

from __future__ import annotations

import json
import os
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hbh_indicatie.batch.csv_case import csv_problem
from hbh_indicatie.batch.pool import WorkerPool
from hbh_indicatie.batch.reader import Item, Part, parse, part_items, read_parts
from hbh_indicatie.batch.writer import RowForm
from hbh_indicatie.errors import HbhError, InputError, NormNotApplicable
from hbh_indicatie.loading.cases import case_from_data
from hbh_indicatie.loading.norm_sets import (
    _in_force,
    load_norm_file,
    norm_files,
    resolve,
    resolve_for_case,
    versions_of,
)
from hbh_indicatie.models.case import Case
from hbh_indicatie.models.loaded_norms import LoadedNorms

CHUNK = 500
"""Lines (or items) per part: ~1 MB of JSON Lines at ~2 kB per case."""
WINDOW_PER_PROCESS = 4
MEMORY_PROCESSES = 4
"""The most processes :func:`default_processes` chooses, whatever the number of cores: each
holds ~40-50 MB (its own copy of Python, pydantic and the norm sets), so with the main process
the whole tree stays under 300 MB (~220 MB with 4). More cores are used only when asked (``--processen``)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    ok: bool
    row: dict[str, Any]
    unknown_figure: bool = False
    """Not computed because a norm figure the case needs is 'onbekend' (not a failure: the
    case is fine, the norm set lacks a figure)."""


class NormChooser:
    """The norm set for each case: ``--normen`` (or the case's own ``normen``), the version in
    force on the case's peildatum. Resolved versions and failures are cached per process."""

    def __init__(self, spec: str | None, extra_dir: Path | None) -> None:
        self.spec = spec
        self.extra_dir = extra_dir
        self._versions: dict[str, list[LoadedNorms]] = {}
        self._failures: dict[tuple[str, date | None], HbhError] = {}

    def prepare(self) -> None:
        """Load ``--normen`` once up front (all versions of an ID), so a wrong option fails
        before any case is read; whether a version is in force is checked per case. A
        ``--normenmap`` that is no folder fails here too, also without ``--normen``."""
        if self.extra_dir is not None:
            norm_files(self.extra_dir)
        if self.spec is None:
            return
        path = Path(self.spec)
        if path.suffix in (".yaml", ".yml", ".json") or path.exists():
            self._versions[self.spec] = [load_norm_file(path)]
            return
        versions = versions_of(self.spec.partition("@")[0], self.extra_dir)
        if versions and "@" not in self.spec:
            self._versions[self.spec] = versions
        else:  # ID@DATUM: that one version; an unknown ID: the standard Dutch error
            self._resolve(self.spec, date.today())

    def for_case(self, case: Case) -> LoadedNorms:
        spec = self.spec or case.norm_set
        if spec is None:
            raise HbhError("geen normenset: de casus noemt geen 'normen' en --normen ontbreekt")
        day = case.reference_date
        fixed = "@" in spec
        for loaded in self._versions.get(spec, ()):
            if fixed or _in_force(loaded.norms, day):
                return loaded
        return self._resolve(spec, day, from_case=self.spec is None)

    def _resolve(self, spec: str, day: date, from_case: bool = False) -> LoadedNorms:
        key = (spec, None if "@" in spec else day)
        if key in self._failures:
            raise self._failures[key].with_traceback(None)
        try:
            loaded = (resolve_for_case(spec, day, self.extra_dir, "casus") if from_case
                      else resolve(spec, day, self.extra_dir))
        except HbhError as exc:
            self._failures[key] = exc
            raise
        self._versions.setdefault(spec, []).append(loaded)
        return loaded


class Job(ABC):
    """What to do with each valid case. Must be picklable (spawn platforms)."""

    @abstractmethod
    def prepare(self) -> None:
        """Load what every case needs (norm sets); raises HbhError for a wrong option."""

    @abstractmethod
    def handle(self, case: Case, origin: str) -> dict[str, Any]:
        """The output row of one case; raises HbhError when the case cannot be computed."""


def error_row(item: Item, key: str | None, reason: str) -> dict[str, Any]:
    where: dict[str, Any] = {"bestand": item.ref} if item.kind == "bestand" else {"regel": item.ref}
    return {"kenmerk": key, **where, "reden": reason}


def _reason(exc: HbhError, item: Item) -> str:
    if isinstance(exc, InputError):
        problems = [csv_problem(p) for p in exc.problems] if item.kind == "csv" else exc.problems
        return "; ".join(p.render() for p in problems)
    return exc.message


def fast_case(item: Item) -> Case | None:
    """A JSON Lines case read and validated in one pass by pydantic-core: ~25% cheaper than
    ``json.loads`` plus ``model_validate``, and the same case (tests/test_batch.py compares the
    two). pydantic-core lets the last of two equal keys win, so a line it accepts is checked
    for duplicate keys too (:func:`has_duplicate_keys`, ~5% of the time of a case). ``None``
    when either fails: the regular route then gives the Dutch reason."""
    if item.kind != "jsonl" or not isinstance(item.payload, str):
        return None
    try:
        case = Case.model_validate_json(item.payload)
    except ValidationError:
        return None
    return None if has_duplicate_keys(item.payload) else case


class _Duplicate(Exception):
    pass


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> None:
    if len(pairs) > 1 and len({key for key, _ in pairs}) != len(pairs):
        raise _Duplicate


_KEY_CHECK = json.JSONDecoder(object_pairs_hook=_refuse_duplicates)


def has_duplicate_keys(text: str) -> bool:
    """Whether an object in the JSON ``text`` (already known to be valid) repeats a key."""
    try:
        _KEY_CHECK.decode(text)
    except _Duplicate:
        return True
    except (ValueError, RecursionError):
        return True  # let the regular route say what is wrong
    return False


def process_item(job: Job, item: Item) -> Outcome:
    key: str | None = None
    origin = item.ref if isinstance(item.ref, str) else f"regel {item.ref}"
    if item.problem is not None:
        return Outcome(False, error_row(item, None, item.problem))
    try:
        case = fast_case(item)
        if case is None:
            data = parse(item)
            raw_key = data.get("kenmerk")
            key = raw_key if isinstance(raw_key, str) else None
            case = case_from_data(data, origin)
        key = case.key
        return Outcome(True, job.handle(case, origin))
    except NormNotApplicable as exc:
        return Outcome(False, error_row(item, key, exc.message), unknown_figure=True)
    except HbhError as exc:
        return Outcome(False, error_row(item, key, _reason(exc, item)))
    except Exception as exc:  # a bug must not lose the other cases; it is reported per case
        return Outcome(False, error_row(
            item, key, f"interne fout ({type(exc).__name__}: {exc}); meld dit als programmafout"))


@dataclass(frozen=True, slots=True)
class Forms:
    """How a worker writes the rows of a part: computed cases and failed items."""

    rows: RowForm
    errors: RowForm


@dataclass(frozen=True, slots=True)
class Done:
    """What became of one part, in input order: with :class:`Forms` the output text of its
    computed cases and of its failed items; without, each :class:`Outcome`."""

    ok: int
    failed: int
    unknown_figure: int
    rows: str = ""
    errors: str = ""
    outcomes: tuple[Outcome, ...] = ()

    @property
    def count(self) -> int:
        return self.ok + self.failed + self.unknown_figure


def process_part(job: Job, forms: Forms | None, part: Part) -> Done:
    outcomes = [process_item(job, item) for item in part_items(part)]
    ok = sum(1 for outcome in outcomes if outcome.ok)
    unknown = sum(1 for outcome in outcomes if outcome.unknown_figure)
    failed = len(outcomes) - ok - unknown
    if forms is None:
        return Done(ok, failed, unknown, outcomes=tuple(outcomes))
    return Done(ok, failed, unknown,
                forms.rows.text(outcome.row for outcome in outcomes if outcome.ok),
                forms.errors.text(outcome.row for outcome in outcomes if not outcome.ok))


def usable_cores() -> int:
    """The number of cores this process may run on (its CPU affinity, where the system
    tells it; a container or ``taskset`` may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


def default_processes() -> int:
    """Every usable core, at most :data:`MEMORY_PROCESSES`."""
    return min(usable_cores(), MEMORY_PROCESSES)


def run(source: Path, job: Job, processes: int, forms: Forms | None = None,
        chunk: int = CHUNK) -> Iterator[Done]:
    """What became of each part of ``source``, in input order. The job must already be
    prepared."""
    parts = read_parts(source, chunk)
    if processes <= 1:
        for part in parts:
            yield process_part(job, forms, part)
        return
    with WorkerPool(partial(process_part, job, forms), processes, WINDOW_PER_PROCESS) as pool:
        yield from pool.map(parts)
