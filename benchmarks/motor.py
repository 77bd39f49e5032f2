"""The engine against validation, side by side in one process (by hand; figures in docs/snelheid.md).

    PYTHONPATH=src python benchmarks/motor.py [--aantal 2000] [--rondes 7] [--normen protocol-hbh]

Generates ``--aantal`` cases (``hbh genereer --seed 1``) as JSON Lines and, in each of
``--rondes`` interleaved rounds, measures the CPU time per case of

  * validating: ``Case.model_validate_json`` of the line (what ``hbh batch`` does per line);
  * ``engine.evaluate`` (the rules, no explanation worded);
  * ``engine.evaluate`` plus the batch row (``rows.summary_of``): what a batch worker computes;
  * ``engine.compute``: the explained Indication (``hbh bereken``, the service).

The ratios are taken per round (the machine is shared: a busy moment hits both sides of the
same round) and reported as median with the lowest and highest round. Cases the norm set cannot
compute are left out. Run it with another tree's ``src`` on ``PYTHONPATH`` to measure that
engine the same way.
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from hbh_indicatie import engine
from hbh_indicatie.batch.rows import summary_of
from hbh_indicatie.errors import HbhError
from hbh_indicatie.models.case import Case


def _module(name: str, before_issue_15: str) -> Any:
    """A module of this tree, or of another tree from before the module names were made English."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError:
        return importlib.import_module(before_issue_15)


generate = _module("hbh_indicatie.batch.generate", "hbh_indicatie.batch.genereer").generate
resolve = _module("hbh_indicatie.loading.norm_sets", "hbh_indicatie.loading.norms").resolve


def per_case(work: Callable[[], object], count: int) -> float:
    """CPU microseconds per case of ``work`` over ``count`` cases."""
    start = time.process_time()
    work()
    return (time.process_time() - start) / count * 1e6


def computable_cases(count: int, norm_set: str) -> tuple[Any, list[str], list[Case]]:
    """The norm set, and ``count`` generated cases (``hbh genereer --seed 1``) as JSON Lines
    and validated, leaving out those the set cannot compute."""
    loaded = resolve(norm_set, date(2026, 1, 1))
    ids = [a.id for a in loaded.norms.activities if a.per_child is None]
    lines: list[str] = []
    cases: list[Case] = []
    for data in generate(count, 1, ids):
        line = json.dumps(data, ensure_ascii=False)
        try:
            case = Case.model_validate_json(line)
            engine.evaluate(case, loaded)
        except (HbhError, ValueError):
            continue
        lines.append(line)
        cases.append(case)
    return loaded, lines, cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--aantal", type=int, default=2000)
    parser.add_argument("--rondes", type=int, default=7)
    parser.add_argument("--normen", default="protocol-hbh")
    args = parser.parse_args()
    loaded, lines, cases = computable_cases(args.aantal, args.normen)
    n = len(cases)

    def validate() -> None:
        for line in lines:
            Case.model_validate_json(line)

    def evaluate() -> None:
        for case in cases:
            engine.evaluate(case, loaded)

    def row() -> None:
        for case in cases:
            summary_of(engine.evaluate(case, loaded), loaded)

    def compute() -> None:
        for case in cases:
            engine.compute(case, loaded)

    rounds: list[tuple[float, float, float, float]] = []
    for _ in range(args.rondes):
        rounds.append((per_case(validate, n), per_case(evaluate, n), per_case(row, n),
                       per_case(compute, n)))

    def spread(values: list[float], digits: int = 1) -> str:
        return (f"{statistics.median(values):.{digits}f} "
                f"({min(values):.{digits}f}–{max(values):.{digits}f})")

    print(f"{n} casussen, normenset {loaded.norms.id}, {args.rondes} rondes; CPU-tijd per casus "
          "in µs, mediaan (laagste–hoogste ronde):\n")
    print("| fase | µs per casus | verhouding tot valideren |\n|---|---:|---:|")
    names = ("valideren (`Case.model_validate_json`)", "`engine.evaluate`",
             "`engine.evaluate` + batchrij", "`engine.compute` (met uitleg)")
    for i, name in enumerate(names):
        times = [r[i] for r in rounds]
        ratios = [r[i] / r[0] for r in rounds]
        print(f"| {name} | {spread(times, 0)} | {spread(ratios)}× |")


if __name__ == "__main__":
    main()
