"""The per-case jobs of ``hbh batch`` (one indication) and ``hbh impact`` (two, compared)."""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from pathlib import Path
from typing import Any

from hbh_indicatie.batch.characteristics import characteristics
from hbh_indicatie.batch.rows import summary_of
from hbh_indicatie.batch.runner import Job, NormChooser
from hbh_indicatie.engine import Evaluation, evaluate
from hbh_indicatie.models.case import Case
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.rules.koppeling import item_of
from hbh_indicatie.vocabulary.convert import legacy_names


class BatchJob(Job):
    def __init__(self, spec: str | None, extra_dir: Path | None) -> None:
        self.norms = NormChooser(spec, extra_dir)

    def prepare(self) -> None:
        self.norms.prepare()

    def handle(self, case: Case, origin: str) -> dict[str, Any]:
        loaded = self.norms.for_case(case)
        return summary_of(evaluate(case, loaded, origin), loaded)


class ImpactJob(Job):
    """Compute each case under norm sets A (``van``) and B (``naar``) and keep what differs."""

    def __init__(self, old: str, new: str, extra_dir: Path | None) -> None:
        self.old = NormChooser(old, extra_dir)
        self.new = NormChooser(new, extra_dir)
        self.own = NormChooser(None, extra_dir)
        """The set a case names itself: an old case naming its items is converted with it."""

    def prepare(self) -> None:
        self.old.prepare()
        self.new.prepare()

    def handle(self, case: Case, origin: str) -> dict[str, Any]:
        old_norms, new_norms = self.old.for_case(case), self.new.for_case(case)
        own = self.own.for_case(case).norms if legacy_names(case) else None
        old = evaluate(case, old_norms, origin, own=own)
        new = evaluate(case, new_norms, origin, own=own)
        return {
            "kenmerk": case.key,
            "oud": old.totals.total,
            "nieuw": new.totals.total,
            "oud_weken_per_jaar": str(old_norms.norms.weeks_per_year),
            "nieuw_weken_per_jaar": str(new_norms.norms.weeks_per_year),
            "oud_normen": _stamp(old_norms),
            "nieuw_normen": _stamp(new_norms),
            "activiteiten": _delta(_by_activity(old), _by_activity(new)),
            "regels": _delta(_by_rule(old), _by_rule(new)),
            "categorieen": _delta(_by_category(old), _by_category(new)),
            "groepen": characteristics(old),
        }


def _stamp(loaded: LoadedNorms) -> tuple[str, str, str]:
    return loaded.norms.id, loaded.norms.version, loaded.sha256


def _by_activity(ev: Evaluation) -> dict[str, Fraction]:
    """Help minutes per week on the start date per item of the norm set (the parts of an item
    split by the vocabulary mapping added up: the memo names the set's items)."""
    totals: dict[str, Fraction] = defaultdict(Fraction)
    for line, minutes in zip(ev.state.lines, ev.totals.help_now, strict=True):
        totals[item_of(line)] += minutes
    return totals


def _by_category(ev: Evaluation) -> dict[str, Fraction]:
    """Help minutes per week on the start date per result category (before rounding)."""
    totals: dict[str, Fraction] = defaultdict(Fraction)
    for line, minutes in zip(ev.state.lines, ev.totals.help_now, strict=True):
        totals[line.category.value] += minutes
    return totals


def _by_rule(ev: Evaluation) -> dict[str, Fraction]:
    """Minutes per rule id over the explanation steps, the rounding step included (as the
    indication's ``uitleg`` adds them up)."""
    totals: dict[str, Fraction] = defaultdict(Fraction)
    for step in ev.state.steps:
        totals[step.rule] += step.minutes
    totals["afronding"] += ev.totals.rounding_delta
    return totals


def _delta(old: dict[str, Fraction], new: dict[str, Fraction]) -> dict[str, str]:
    """New minus old per key, only where it differs (exact strings)."""
    zero = Fraction(0)
    return {
        key: str(new.get(key, zero) - old.get(key, zero))
        for key in sorted(old.keys() | new.keys())
        if new.get(key, zero) != old.get(key, zero)
    }
