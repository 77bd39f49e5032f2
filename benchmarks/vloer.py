"""The floor of the engine's design next to validation (by hand; figures in docs/snelheid.md).

    PYTHONPATH=src python benchmarks/vloer.py [--aantal 1500] [--rondes 5] [--normen protocol-hbh]
                                             [--mypyc]

What is the least ``engine.evaluate`` can cost per case while the rules keep the shape issue 15
asks for (one module per paragraph, each a pass over the lines of work through the state API)?
In one process, per round interleaved, CPU time per case of:

  * validating: ``Case.model_validate_json`` of the line (the comparison of target 2);
  * the skeleton: the norm lines put in the working state (§3 normering), the mapping onto the
    norm set (koppeling), whatever is open handed to the help and the totals and periods, with
    no other rule;
  * the skeleton with the §3 toeslagen;
  * the skeleton with the toeslagen and, in place of every other stage (§3 afwijkingen, the
    §1/§2/§4 rules, Bijlage 2), a pass over the lines whose law does nothing: what the stages
    cost before they decide anything;
  * the same, each law reading one fact of the case per line (as every real rule does at least);
  * the whole engine.

The stages are replaced in ``engine``'s own tuples for the measurement only; the engine itself is
not changed. With ``--mypyc`` the same measurement runs a second time, in a subprocess, on a copy
of this tree whose ``rules/`` and ``engine.py`` are compiled to C by mypyc: what a compiled build
of these modules would give (needs ``mypy`` and a C compiler, about a minute to compile). The
copy's source is this tree's with the two things mypyc refuses changed (``MYPYC_PATCHES``: a
line copied without ``object.__new__``, which costs the compiled build a little; lists left as
lists when the state is frozen). Cases the norm set cannot compute are left out.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from motor import computable_cases, per_case  # benchmarks/motor.py, beside this file

from hbh_indicatie import engine as _engine
from hbh_indicatie.models.case import Case
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.order import Stage
from hbh_indicatie.rules.state import Line, State

ROOT = Path(__file__).resolve().parent.parent
engine: Any = _engine  # its stage tuples are replaced for the measurement


def _pass(reads_a_fact: bool) -> Callable[[Context, State], None]:
    """A stage's work that only walks the lines through the state API (its law decides
    nothing); with ``reads_a_fact`` the law reads one fact of the case per line."""

    def apply(ctx: Context, state: State) -> None:
        if reads_a_fact:
            per_activity = ctx.case.client.capability.per_activity

            def law(line: Line) -> None:
                if line.has_open and line.id in per_activity:
                    pass
        else:
            def law(line: Line) -> None:
                return None
        state.each_line(law)

    return apply


def measure(count: int, rounds: int, norm_set: str) -> dict[str, Any]:
    loaded, lines, cases = computable_cases(count, norm_set)
    n = len(cases)
    full = (engine.NORM_STAGES, engine.DEVIATION_STAGES, engine.PROTOCOL_STAGES,
            engine.SUPPORT_STAGES)
    norm_only = tuple(s for s in full[0] if s.module.__name__.endswith(".normering"))
    passes = {flag: tuple(tuple(Stage(s.module, _pass(flag), s.does) for s in stages)
                          for stages in full[1:]) for flag in (False, True)}
    variants: dict[str, tuple[Any, ...]] = {
        "skelet": (norm_only, (), (), ()),
        "skelet + toeslagen": (full[0], (), (), ()),
        "skelet + toeslagen + lege doorloop per stap": (full[0], *passes[False]),
        "idem, de wet leest één feit per regel werk": (full[0], *passes[True]),
        "de hele engine": full,
    }

    def validate() -> None:
        for line in lines:
            Case.model_validate_json(line)

    def run(stages: tuple[Any, ...]) -> float:
        (engine.NORM_STAGES, engine.DEVIATION_STAGES, engine.PROTOCOL_STAGES,
         engine.SUPPORT_STAGES) = stages
        def evaluate() -> None:  # nothing kept: a growing heap would make the collector pay
            for case in cases:
                engine.evaluate(case, loaded)

        try:
            return per_case(evaluate, n)
        finally:
            (engine.NORM_STAGES, engine.DEVIATION_STAGES, engine.PROTOCOL_STAGES,
             engine.SUPPORT_STAGES) = full

    results: dict[str, list[float]] = {"valideren": [], **{name: [] for name in variants}}
    for _ in range(rounds):
        results["valideren"].append(per_case(validate, n))
        for name, stages in variants.items():
            results[name].append(run(stages))
    return {"cases": n, "norm_set": loaded.norms.id, "stages": [len(s) for s in full],
            "results": results, "compiled": engine.__file__.endswith(".so")}


def _spread(values: list[float], digits: int = 1) -> str:
    return (f"{statistics.median(values):.{digits}f} "
            f"({min(values):.{digits}f}–{max(values):.{digits}f})")


def _table(measured: dict[str, Any], title: str) -> None:
    results = measured["results"]
    base = results["valideren"]
    print(f"\n{title}: {measured['cases']} casussen, normenset {measured['norm_set']}, "
          f"stappen per soort {measured['stages']}; CPU-tijd per casus, mediaan "
          "(laagste–hoogste ronde):\n")
    print("| fase | µs per casus | × valideren |\n|---|---:|---:|")
    for name, times in results.items():
        ratios = [t / b for t, b in zip(times, base, strict=True)]
        print(f"| {name} | {_spread(times, 0)} | {_spread(ratios)}× |")


MYPYC_PATCHES = (
    ("rules/state.py", "        new = _new(Line)\n",
     "        new = Line(self.id, self.label, self.category, self.kind, self.postponable, ZERO,\n"
     "                   self.status, (), (), self.exclusion, self.extends)\n"),
    ("rules/state.py", "            line._open = tuple(line._open)  # type: ignore[assignment]\n"
     "            line._parts = tuple(line._parts)  # type: ignore[assignment]\n"
     "            line._buckets = tuple(line._buckets)  # type: ignore[assignment]\n",
     "            pass\n"),
)
"""(file, text, replacement): a native class takes no ``object.__new__`` and no value of
another type than its attribute's."""


def _compiled(args: argparse.Namespace) -> dict[str, Any]:
    """The same measurement on a copy of this tree with rules/ and engine.py compiled by mypyc."""
    with tempfile.TemporaryDirectory(prefix="hbh-mypyc-") as tmp:
        copy = Path(args.kopie or tmp)
        if args.kopie:
            shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(ROOT / "src", copy / "src")
        (copy / "norms").symlink_to(ROOT / "norms")
        config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
        (copy / "pyproject.toml").write_text(config[config.index("[tool.mypy]"):],
                                             encoding="utf-8")
        package = copy / "src" / "hbh_indicatie"
        for name, text, replacement in MYPYC_PATCHES:
            source = (package / name).read_text(encoding="utf-8")
            if text not in source:
                sys.exit(f"{name}: de tekst voor mypyc is niet gevonden (pas MYPYC_PATCHES aan)")
            (package / name).write_text(source.replace(text, replacement), encoding="utf-8")
        modules = sorted(str(p.relative_to(copy)) for p in (package / "rules").glob("*.py")
                         if p.name != "__init__.py")
        modules.append(str((package / "engine.py").relative_to(copy)))
        build = subprocess.run([sys.executable, "-m", "mypyc", *modules], cwd=copy,
                               capture_output=True, text=True)
        built = copy / "build"
        if build.returncode and not any(built.rglob("*.so")):
            sys.exit(f"mypyc mislukt:\n{build.stdout[-3000:]}{build.stderr[-3000:]}")
        for so in built.glob("lib.*/**/*.so"):  # mypyc's in-place copy fails with src/ layout
            rel = so.relative_to(next(built.glob("lib.*")))
            shutil.copy2(so, copy / "src" / rel)
        env = {**os.environ, "PYTHONPATH": str(copy / "src")}
        out = subprocess.run(
            [sys.executable, __file__, "--aantal", str(args.aantal), "--rondes", str(args.rondes),
             "--normen", args.normen, "--json"], env=env, capture_output=True, text=True)
        if out.returncode:
            sys.exit(f"de meting op de gecompileerde kopie mislukte:\n{out.stderr[-3000:]}")
        measured: dict[str, Any] = json.loads(out.stdout)
        if not measured["compiled"]:
            sys.exit("de gecompileerde kopie is niet geladen")
        return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--aantal", type=int, default=1500)
    parser.add_argument("--rondes", type=int, default=5)
    parser.add_argument("--normen", default="protocol-hbh")
    parser.add_argument("--mypyc", action="store_true",
                        help="ook op een kopie met rules/ en engine.py gecompileerd door mypyc")
    parser.add_argument("--kopie", metavar="MAP",
                        help="met --mypyc: de gecompileerde kopie in MAP bewaren (MAP wordt "
                             "vervangen), bv. voor benchmarks/caseload.py --bomen MAP/src src")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure(args.aantal, args.rondes, args.normen)))
        return
    compiled = _compiled(args) if args.mypyc else None
    _table(measure(args.aantal, args.rondes, args.normen), "Python (deze boom)")
    if compiled is not None:
        _table(compiled, "rules/ en engine.py gecompileerd met mypyc")


if __name__ == "__main__":
    main()
