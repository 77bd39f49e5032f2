"""Benchmark of whole-caseload runs (by hand; figures go into docs/snelheid.md, not a timed test).

    python benchmarks/caseload.py --aantallen 10000 100000 [--processen 1 2] [--map /tmp/hbh-bench]

For each size: generate the caseload once (``hbh genereer``, cached in --map), then measure on
1 and on all cores
  * parse + validate only (same input, same process pool, no rules): cases per second;
  * ``hbh batch`` end to end (process start to renamed output): cases per second;
  * peak memory of the whole process tree (main process + workers, sampled from /proc);
and report, per size and process count, the median over ``--herhalingen`` interleaved repeats
(lowest–highest) of the throughput ratio batch / (parse + validate) and of compute/validate.
Finally the cold start of ``hbh bereken`` on one case next to the floor every command pays
(``benchmarks/opstart.py``: starting Python, importing typer, rich and pydantic and building
one pydantic model; interleaved rounds, median and p10/p90). Linux only (reads /proc).
Where the time of one case goes: ``benchmarks/profiel.py``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from hbh_indicatie.batch.reader import read_items
from hbh_indicatie.batch.runner import Job, default_processes, run
from hbh_indicatie.models.case import Case

ROOT = Path(__file__).resolve().parent.parent
HBH = [shutil.which("hbh") or "hbh"]


class ValidateOnly(Job):
    """Parse and validate each case, nothing else: the floor any batch run pays."""

    def prepare(self) -> None:
        return None

    def handle(self, case: Case, origin: str) -> dict[str, Any]:
        return {"kenmerk": case.key}


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


def _run_sampled(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of the process tree of ``command``."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
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
    return seconds, peak // 1024


def _validate_only(path: Path, processes: int) -> float:
    start = time.perf_counter()
    count = sum(1 for _ in run(read_items(path), ValidateOnly(), processes))
    return count / (time.perf_counter() - start)


def _spread(values: list[float], digits: int) -> str:
    return (f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–"
            f"{max(values):.{digits}f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--aantallen", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--processen", type=int, nargs="+", default=sorted({1, default_processes()}))
    parser.add_argument("--map", type=Path, default=Path("/tmp/hbh-bench"))
    parser.add_argument("--normen", default="protocol-hbh")
    parser.add_argument("--herhalingen", type=int, default=3)
    args = parser.parse_args()
    args.map.mkdir(parents=True, exist_ok=True)
    print(f"Machine: {os.cpu_count()} kernen, Python {sys.version.split()[0]}, "
          f"belasting bij start {os.getloadavg()[0]:.1f}")
    print(f"Mediaan van {args.herhalingen} herhalingen (laagste–hoogste), afwisselend gemeten.")
    print("| casussen | processen | alleen inlezen+valideren (casussen/s) | batch eind-tot-eind "
          "(s) | batch (casussen/s) | doorvoer batch / inlezen+valideren | verhouding "
          "rekenen/valideren | piekgeheugen (MiB) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for count in args.aantallen:
        source = args.map / f"caseload-{count}.jsonl"
        if not source.exists():
            subprocess.run([*HBH, "genereer", str(count), "--seed", "1", "--uitvoer", str(source)],
                           check=True, stderr=subprocess.DEVNULL)
        for processes in args.processen:
            out = args.map / f"uit-{count}-{processes}.jsonl"
            validate_rates: list[float] = []
            rates: list[float] = []
            peaks: list[int] = []
            for _ in range(args.herhalingen):  # interleaved: a busy moment hits both sides
                validate_rates.append(_validate_only(source, processes))
                seconds, peak = _run_sampled([*HBH, "batch", str(source), "--normen",
                                              args.normen, "--uitvoer", str(out),
                                              "--processen", str(processes), "--stil"])
                rates.append(count / seconds)
                peaks.append(peak)
            throughput = [r / v for r, v in zip(rates, validate_rates, strict=True)]
            # time per case: computing (batch minus validation) against validating alone
            ratios = [v / r - 1 for r, v in zip(rates, validate_rates, strict=True)]
            print(f"| {count:,} | {processes} | {statistics.median(validate_rates):,.0f} | "
                  f"{count / statistics.median(rates):,.1f} | {statistics.median(rates):,.0f} | "
                  f"{_spread(throughput, 2)} | {_spread(ratios, 1)} | {max(peaks)} |"
                  .replace(",", "."), flush=True)
    from opstart import measure, table  # benchmarks/opstart.py, next to this script

    print("\nKoude start naast de vloer (benchmarks/opstart.py: 20 rondes, door elkaar gemeten):")
    print(table(measure(20, ROOT / "cases" / "01-alleenstaande-volledige-overname.yaml")))

if __name__ == "__main__":
    main()
