"""Benchmark of whole-caseload runs (by hand; figures go into docs/snelheid.md, not a timed test).

    python benchmarks/caseload.py --aantallen 10000 100000 [--processen 1 2] [--map /tmp/hbh-bench]
        [--bomen src /pad/naar/andere/boom/src] [--geen-opstart]

For each size: generate the caseload once (``hbh genereer``, cached in --map), then measure on
1 and on all usable cores (at most 4, as ``hbh batch`` chooses)
  * parse + validate only (same input, same process pool, same reading and row writing in the
    workers, no rules; its rows are thrown away): cases per second;
  * ``hbh batch`` end to end (process start to renamed output): cases per second;
  * the CPU time per case of both (user + system of the whole process tree), which a busy
    moment on a shared machine disturbs far less than the wall time;
  * peak memory of the whole process tree (main process + workers, sampled from /proc);
and report, per size and process count, the median over ``--herhalingen`` interleaved repeats
(lowest–highest) of the throughput ratio batch / (parse + validate) and of compute/validate
(time per case of the batch minus that of parse + validate, over the latter).

``--bomen``: source trees (the ``src`` folder of a checkout) to measure side by side, each
repeat running every tree in turn (default: this checkout). A tree from before the workers
read their own input gets its items from the main process, as its own ``hbh batch`` does.

``--fasen``: instead, where the CPU time of a batch case goes (first size only). Per tree and
process count: the CPU per case of ``hbh batch``, of its start (``hbh batch`` on one case) and
of ``runner.process_item`` alone over the same cases in one process (reading a case, validating
it, the rules and the batch row); what remains is reading the input, the pool and writing. For
this tree also each phase of a case apart, in one process.

Finally the cold start of ``hbh bereken`` on one case next to the floor every command pays
(``benchmarks/opstart.py``: starting Python, importing typer, rich and pydantic and building
one pydantic model; interleaved rounds, median and p10/p90). Linux only (reads /proc).
Where the time of one case goes: ``benchmarks/profiel.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRY = "from hbh_indicatie.cli.start import run; run()"
PYCACHE = Path(tempfile.gettempdir()) / "hbh-caseload-pycache"
"""The entry point of the ``hbh`` script, in this interpreter (not through a shim)."""

VALIDATE_ONLY = r"""
import json, resource, sys, time
from pathlib import Path
from typing import Any
from hbh_indicatie.batch import runner
from hbh_indicatie.models.case import Case

class ValidateOnly(runner.Job):
    '''Parse and validate each case, nothing else: the floor any batch run pays.'''
    def prepare(self) -> None:
        return None
    def handle(self, case: Case, origin: str) -> dict[str, Any]:
        return {"kenmerk": case.key}

def cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

path, processes = Path(sys.argv[1]), int(sys.argv[2])
start, cpu_start = time.perf_counter(), cpu()
if hasattr(runner, "Forms"):  # the workers read the input and write the rows as text
    from hbh_indicatie.batch.writer import RowForm
    forms = runner.Forms(RowForm(Path("x.jsonl"), (), plain=True),
                         RowForm(Path("x.fouten.jsonl"), (), plain=True))
    count = sum(done.count for done in runner.run(path, ValidateOnly(), processes, forms))
else:  # a tree from before: items from the main process, one outcome per case back
    from hbh_indicatie.batch.reader import read_items
    count = sum(1 for _ in runner.run(read_items(path), ValidateOnly(), processes))
print(json.dumps({"count": count, "seconds": time.perf_counter() - start, "cpu": cpu() - cpu_start}))
"""


PROCESS_ITEM_ONLY = r"""
import json, sys, time
from pathlib import Path
from hbh_indicatie.batch.jobs import BatchJob
from hbh_indicatie.batch.reader import read_items
from hbh_indicatie.batch.runner import process_item
job = BatchJob(sys.argv[2], None)
job.prepare()
spent, count = 0.0, 0
for item in read_items(Path(sys.argv[1])):
    start = time.process_time()
    process_item(job, item)
    spent += time.process_time() - start
    count += 1
print(json.dumps(spent / count))
"""


def _env(tree: Path) -> dict[str, str]:
    """The environment for ``tree``, with bytecode cached as after ``pip install`` (in a folder
    of its own, as benchmarks/opstart.py: a ``PYTHONDONTWRITEBYTECODE`` here would otherwise
    recompile every module of every run, ~0.1 s)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(tree), "PYTHONPYCACHEPREFIX": str(PYCACHE)}


def _tree_rss_kib(pid: int) -> int:
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines()
                              if line.startswith("VmRSS:")))
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                todo += [int(c) for c in children]
        except (OSError, StopIteration):
            continue
    return total


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run_sampled(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of the process tree of ``command``."""
    cpu_start = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=env)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kib(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{command} faalde ({proc.returncode}): {err}")
    return seconds, _children_cpu() - cpu_start, peak // 1024


def _validate_only(tree: Path, path: Path, processes: int) -> tuple[float, float]:
    """Cases per second and CPU seconds per case of parse + validate only."""
    result = subprocess.run([sys.executable, "-c", VALIDATE_ONLY, str(path), str(processes)],
                            env=_env(tree), capture_output=True, text=True, check=True)
    figures = json.loads(result.stdout)
    return figures["count"] / figures["seconds"], figures["cpu"] / figures["count"]


def _batch_cpu(tree: Path, source: Path, normen: str, processes: int, out: Path) -> float:
    command = [sys.executable, "-c", ENTRY, "batch", str(source), "--normen", normen, "--uitvoer",
               str(out), "--processen", str(processes), "--stil"]
    return _run_sampled(command, _env(tree))[1]


def _overhead(trees: list[Path], source: Path, count: int, args: argparse.Namespace) -> None:
    """CPU per case of ``hbh batch``: its start, process_item and the rest, per tree."""
    one = args.map / "een-casus.jsonl"
    with source.open("rb") as handle:
        one.write_bytes(handle.readline())
    out = args.map / "uit-fasen.jsonl"
    figures: dict[tuple[Path, int], list[tuple[float, float, float]]] = {}
    for _ in range(args.herhalingen):
        for tree in trees:
            alone = json.loads(subprocess.run(
                [sys.executable, "-c", PROCESS_ITEM_ONLY, str(source), args.normen],
                env=_env(tree), capture_output=True, text=True, check=True).stdout)
            for processes in args.processen:
                start = _batch_cpu(tree, one, args.normen, processes, out)
                batch = _batch_cpu(tree, source, args.normen, processes, out) / count
                figures.setdefault((tree, processes), []).append((batch, start / count, alone))
    print("| boom | processen | batch: CPU per casus (µs) | waarvan de start | process_item alleen "
          "| de rest: invoer lezen, pool, schrijven |")
    print("|---|---:|---:|---:|---:|---:|")
    for (tree, processes), rounds in figures.items():
        batch, start, alone = (statistics.median(values) * 1e6 for values in zip(*rounds, strict=True))
        rest = [(b - s - a) * 1e6 for b, s, a in rounds]
        print(f"| {_name(tree)} | {processes} | {batch:.0f} | {start:.0f} | {alone:.0f} | "
              f"{_spread(rest, 0)} |", flush=True)


def _phases(source: Path, normen: str, rounds: int) -> None:
    """CPU per case of each phase of ``hbh batch`` in one process (this tree)."""
    from pydantic import ValidationError

    from hbh_indicatie.batch import runner
    from hbh_indicatie.batch.jobs import BatchJob
    from hbh_indicatie.batch.reader import part_items, read_parts
    from hbh_indicatie.batch.rows import CSV_COLUMNS, flat, summary_of
    from hbh_indicatie.batch.writer import RowForm
    from hbh_indicatie.engine import evaluate
    from hbh_indicatie.models.case import Case

    job = BatchJob(normen, None)
    job.prepare()
    form = RowForm(Path("uit.jsonl"), CSV_COLUMNS, flat, plain=True)
    names = ("blokken lezen (hoofdproces)", "blok splitsen en decoderen (rekenproces)",
             "valideren (`Case.model_validate_json`)", "dubbele sleutels zoeken",
             "`engine.evaluate`", "batchrij (`rows.summary_of`)", "rijen als tekst (orjson)",
             "tekst schrijven (hoofdproces)")
    results: list[list[float]] = []
    clock = time.process_time
    for _ in range(rounds):
        spent = [0.0] * len(names)
        count = 0
        with tempfile.TemporaryFile("w", encoding="utf-8") as out:
            parts = read_parts(source, runner.CHUNK)
            while True:
                start = clock()
                part = next(parts, None)
                spent[0] += clock() - start
                if part is None:
                    break
                start = clock()
                items = list(part_items(part))
                spent[1] += clock() - start
                rows = []
                for item in items:
                    assert isinstance(item.payload, str)
                    t0 = clock()
                    try:
                        case = Case.model_validate_json(item.payload)
                    except ValidationError:
                        continue
                    t1 = clock()
                    runner.has_duplicate_keys(item.payload)
                    t2 = clock()
                    loaded = job.norms.for_case(case)
                    evaluation = evaluate(case, loaded, "")
                    t3 = clock()
                    rows.append(summary_of(evaluation, loaded))
                    t4 = clock()
                    spent[2] += t1 - t0
                    spent[3] += t2 - t1
                    spent[4] += t3 - t2
                    spent[5] += t4 - t3
                    count += 1
                t0 = clock()
                text = form.text(rows)
                t1 = clock()
                out.write(text)
                spent[6] += t1 - t0
                spent[7] += clock() - t1
        results.append([value / count * 1e6 for value in spent])
    print(f"\nDeze boom, 1 proces, CPU per casus (µs), mediaan van {rounds} rondes (laagste–hoogste):")
    print("| fase | µs per casus |\n|---|---:|")
    for name, values in zip(names, zip(*results, strict=True), strict=True):
        print(f"| {name} | {_spread(list(values), 1)} |")


def _name(tree: Path) -> str:
    return tree.parent.name if tree.name == "src" else tree.name


def _spread(values: list[float], digits: int) -> str:
    return (f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–"
            f"{max(values):.{digits}f})")


def _input(folder: Path, count: int, tree: Path) -> Path:
    """The generated caseload of ``count`` cases (``hbh genereer --seed 1``), made once."""
    source = folder / f"caseload-{count}.jsonl"
    if not source.exists():
        subprocess.run([sys.executable, "-c", ENTRY, "genereer", str(count), "--seed", "1",
                        "--uitvoer", str(source)], env=_env(tree), check=True,
                       stderr=subprocess.DEVNULL)
    return source


def _default_processes() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--aantallen", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--processen", type=int, nargs="+", default=sorted({1, _default_processes()}))
    parser.add_argument("--map", type=Path, default=Path("/tmp/hbh-bench"))
    parser.add_argument("--normen", default="protocol-hbh")
    parser.add_argument("--herhalingen", type=int, default=3)
    parser.add_argument("--bomen", type=Path, nargs="+", default=[ROOT / "src"])
    parser.add_argument("--geen-opstart", action="store_true", help="zonder de koude start")
    parser.add_argument("--fasen", action="store_true", help="waar de CPU-tijd van een batchcasus zit")
    args = parser.parse_args()
    trees = [tree.resolve() for tree in args.bomen]
    args.map.mkdir(parents=True, exist_ok=True)
    if args.fasen:
        source = _input(args.map, args.aantallen[0], trees[0])
        _overhead(trees, source, args.aantallen[0], args)
        _phases(source, args.normen, args.herhalingen)
        return
    print(f"Machine: {os.cpu_count()} kernen, Python {sys.version.split()[0]}, "
          f"belasting bij start {os.getloadavg()[0]:.1f}")
    print(f"Mediaan van {args.herhalingen} herhalingen (laagste–hoogste), afwisselend gemeten.")
    print("| boom | casussen | processen | alleen inlezen+valideren (casussen/s) | batch eind-tot-eind "
          "(s) | batch (casussen/s) | doorvoer batch / inlezen+valideren | verhouding "
          "rekenen/valideren | CPU per casus: inlezen+valideren / batch (µs) | CPU inlezen+valideren "
          "/ batch | piekgeheugen (MiB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for count in args.aantallen:
        source = _input(args.map, count, trees[0])
        for processes in args.processen:
            out = args.map / f"uit-{count}-{processes}.jsonl"
            figures: dict[Path, dict[str, list[float]]] = {
                tree: {"validate": [], "validate_cpu": [], "rate": [], "cpu": [], "peak": []}
                for tree in trees}
            for _ in range(args.herhalingen):  # interleaved: a busy moment hits every side
                for tree in trees:
                    rate, cpu = _validate_only(tree, source, processes)
                    seconds, batch_cpu, peak = _run_sampled(
                        [sys.executable, "-c", ENTRY, "batch", str(source), "--normen", args.normen,
                         "--uitvoer", str(out), "--processen", str(processes), "--stil"],
                        _env(tree))
                    mine = figures[tree]
                    mine["validate"].append(rate)
                    mine["validate_cpu"].append(cpu)
                    mine["rate"].append(count / seconds)
                    mine["cpu"].append(batch_cpu / count)
                    mine["peak"].append(peak)
            for tree, mine in figures.items():
                rates, validate = mine["rate"], mine["validate"]
                throughput = [r / v for r, v in zip(rates, validate, strict=True)]
                # time per case: computing (batch minus validation) against validating alone
                ratios = [v / r - 1 for r, v in zip(rates, validate, strict=True)]
                cpu_ratio = [v / b for v, b in zip(mine["validate_cpu"], mine["cpu"], strict=True)]
                print(f"| {_name(tree)} | {count:,} | {processes} | {statistics.median(validate):,.0f} | "
                      f"{count / statistics.median(rates):,.1f} | {statistics.median(rates):,.0f} | "
                      f"{_spread(throughput, 2)} | {_spread(ratios, 1)} | "
                      f"{statistics.median(mine['validate_cpu']) * 1e6:,.0f} / "
                      f"{statistics.median(mine['cpu']) * 1e6:,.0f} | {_spread(cpu_ratio, 2)} | "
                      f"{max(mine['peak']):.0f} |".replace(",", "."), flush=True)
    if args.geen_opstart:
        return
    from opstart import measure, table  # benchmarks/opstart.py, next to this script

    print("\nKoude start naast de vloer (benchmarks/opstart.py: 20 rondes, door elkaar gemeten):")
    print(table(measure(20, ROOT / "cases" / "01-alleenstaande-volledige-overname.yaml")))


if __name__ == "__main__":
    main()
