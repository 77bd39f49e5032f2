"""Where the time of one case goes (by hand; the figures go into docs/snelheid.md, not a timed test).

    python benchmarks/profiel.py [--aantal 2000] [--seed 1] [--normen protocol-hbh]

Generates ``--aantal`` cases in memory (``hbh genereer``), serialises them as JSON Lines and
measures, in one process and in CPU time per case (best of 3 rounds):

  * reading: ``json.loads`` of the line;
  * validating: the case model (pydantic);
  * both in one pass (``Case.model_validate_json``), as ``hbh batch`` does for JSON Lines,
    and the check for duplicate keys that ``hbh batch`` adds to it;
  * the rules (``engine.evaluate``), split per rule module, the hand-over of open minutes to
    the help, and the periods and rounding;
  * the batch row (``rows.summary_of``);
  * for comparison: building the explained ``Indicatie`` from the evaluated rules, which
    ``hbh bereken`` does and ``hbh batch`` skips.

Cases the norm set cannot compute (an error row in a batch run) are left out of every phase.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from hbh_indicatie import engine
from hbh_indicatie.batch.generate import generate
from hbh_indicatie.batch.rows import summary_of
from hbh_indicatie.batch.runner import has_duplicate_keys
from hbh_indicatie.errors import HbhError
from hbh_indicatie.loading.cases import case_from_data
from hbh_indicatie.loading.norm_sets import resolve
from hbh_indicatie.models.case import Case
from hbh_indicatie.rules.order import Stage
from hbh_indicatie.rules.state import State

SPENT: dict[str, float] = defaultdict(float)


def _timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any) -> Any:
        start = time.process_time()
        try:
            return func(*args)
        finally:
            SPENT[name] += time.process_time() - start
    return wrapper


def _instrument() -> None:
    """Wrap every stage the engine applies (``rules/order.py``) and its helpers with a timer."""
    def timed(stage: Stage) -> Stage:
        name = stage.module.__name__.rsplit(".", 1)[-1]
        return replace(stage, apply=_timed(f"regels: {name}", stage.apply))

    engine.NORM_STAGES = tuple(timed(s) for s in engine.NORM_STAGES)  # type: ignore[misc]
    engine.DEVIATION_STAGES = tuple(timed(s) for s in engine.DEVIATION_STAGES)  # type: ignore[misc]
    engine.PROTOCOL_STAGES = tuple(timed(s) for s in engine.PROTOCOL_STAGES)  # type: ignore[misc]
    engine.koppeling.apply = _timed("regels: koppeling", engine.koppeling.apply)  # type: ignore[assignment]
    State.remaining_to_help = _timed(  # type: ignore[method-assign]
        "regels: rest naar de hulp", State.remaining_to_help)
    engine.normering.settle_unknown = _timed("regels: onderdelen zonder cijfer",
                                            engine.normering.settle_unknown)
    engine._totals = _timed("regels: perioden en afronding", engine._totals)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--aantal", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--normen", default="protocol-hbh")
    args = parser.parse_args()
    loaded = resolve(args.normen, date.today())
    ids = [a.id for a in loaded.norms.activities]
    lines = [json.dumps(c, ensure_ascii=False) for c in generate(args.aantal, args.seed, ids)]
    cases = []
    for line in lines:
        case = case_from_data(json.loads(line))
        try:
            engine.evaluate(case, loaded)
        except HbhError:
            continue
        cases.append((line, case))
    n = len(cases)

    def phase(name: str, work: Callable[[], object]) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            work()
            best = min(best, time.process_time() - start)
        return best / n * 1000

    # Each phase drops its results as it goes, as a batch run does (keeping thousands of results
    # alive would make the garbage collector's work, and so the figures, grow with --aantal).
    def each(work: Callable[[Any], object], items: list[Any]) -> Callable[[], None]:
        def run() -> None:
            for item in items:
                work(item)
        return run

    parse = phase("inlezen", each(json.loads, [line for line, _ in cases]))
    dicts = [json.loads(line) for line, _ in cases]
    validate = phase("valideren", each(case_from_data, dicts))
    one_pass = phase("in een stap", each(Case.model_validate_json, [line for line, _ in cases]))
    duplicates = phase("dubbele sleutels", each(has_duplicate_keys, [line for line, _ in cases]))
    rules = phase("regels", each(lambda c: engine.evaluate(c, loaded), [c for _, c in cases]))
    row = phase("rij", each(lambda c: summary_of(engine.evaluate(c, loaded), loaded),
                            [c for _, c in cases])) - rules
    build = phase("indicatie", each(lambda c: engine.compute(c, loaded),
                                    [c for _, c in cases])) - rules

    _instrument()
    for _, c in cases:
        engine.evaluate(c, loaded)
    parts = sorted(SPENT.items(), key=lambda kv: -kv[1])
    measured = sum(SPENT.values())

    print(f"{n} casussen (seed {args.seed}, normenset {loaded.norms.id}); CPU-tijd per casus, "
          "beste van 3:\n")
    print("| fase | ms per casus |\n|---|---:|")
    print(f"| inlezen (json.loads) | {parse:.3f} |")
    print(f"| valideren (pydantic, casusmodel) | {validate:.3f} |")
    print(f"| inlezen en valideren in één stap (`Case.model_validate_json`: wat `hbh batch` doet "
          f"bij JSON Lines) | {one_pass:.3f} |")
    print(f"| controle op dubbele sleutels in die regel (`runner.has_duplicate_keys`, ook in "
          f"`hbh batch`) | {duplicates:.3f} |")
    print(f"| regels toepassen (`engine.evaluate`) | {rules:.3f} |")
    print(f"| batchrij (`rows.summary_of`) | {row:.3f} |")
    print(f"| ter vergelijking: de `Indicatie` met uitleg opbouwen (alleen `hbh bereken`) | "
          f"{build:.3f} |")
    print(f"\nRekenen / (inlezen + valideren) = {(rules + row) / one_pass:.1f} (met de batchroute "
          f"in één stap; los na elkaar: {(rules + row) / (parse + validate):.1f})\n")
    print("Regels per module (aandeel van de gemeten regeltijd, met timers gemeten):\n")
    print("| onderdeel | aandeel |\n|---|---:|")
    for name, spent in parts:
        print(f"| {name} | {spent / measured:.0%} |")


if __name__ == "__main__":
    main()
