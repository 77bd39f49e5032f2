"""Cold start of ``hbh`` next to the stack floor (by hand; figures go into docs/snelheid.md).

    python benchmarks/opstart.py [--runs 30] [--casus cases/01-….yaml]

The floor is what every ``hbh`` command pays whatever the code does: starting Python, importing
typer, pydantic and rich (console and table) and building one pydantic model. Against it, each
run of one round measures, in an order shuffled per round (interleaved, so load on the shared
machine hits all of them alike):

  * ``hbh bereken CASUS`` (the default: the table on the terminal, here into a pipe),
  * ``hbh bereken CASUS --formaat json``,
  * ``hbh --help``,
  * bare Python (``python -c pass``) for reference.

Every command runs in the interpreter of the installed ``hbh`` script, through the same entry
point (``hbh_indicatie.cli.start:run``), with the ``PYTHONPATH`` of this process (the first line
names the ``hbh_indicatie`` measured). Bytecode and the norm set cache
(:mod:`hbh_indicatie.loading.norm_cache`) live in folders of their own and are filled by one
uncounted run of each command, as after installing and a first ``hbh bereken``. Reported:
median, p10 and p90 of the wall time per command over ``--runs`` rounds, and the ratio to the
floor (median over median, and the median of the per-round ratios with its p10-p90: a noisy
moment hits both sides of one round); last the same per-round ratio of the CPU time (user +
system) of the command, which other work on a shared machine disturbs less.
``--importtijd`` prints the slowest imports of the default command (``python -X importtime``),
cumulative, for where the time goes.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "cases" / "01-alleenstaande-volledige-overname.yaml"
FLOOR = ("import typer, rich.console, rich.table, pydantic\n"
         "class M(pydantic.BaseModel):\n    x: int\n"
         "M(x=1)\n")
PYCACHE = Path(tempfile.gettempdir()) / "hbh-opstart-pycache"
NORM_CACHE = Path(tempfile.gettempdir()) / "hbh-opstart-normcache"
ENTRY = "import sys; from hbh_indicatie.cli.start import run; sys.argv[0] = 'hbh'; run()"


def _interpreter() -> str:
    """The Python that runs the installed ``hbh`` script (its shebang), else this one."""
    script = shutil.which("hbh")
    if script is None:
        return sys.executable
    try:
        first = Path(script).read_text(encoding="utf-8", errors="replace").splitlines()[0]
    except (OSError, IndexError):
        return sys.executable
    candidate = first[2:].strip()
    return candidate if first.startswith("#!") and " " not in candidate else sys.executable


def commands(python: str, case: Path) -> dict[str, list[str]]:
    return {
        "vloer": [python, "-c", FLOOR],
        "hbh bereken (tabel)": [python, "-c", ENTRY, "bereken", str(case)],
        "hbh bereken --formaat json": [python, "-c", ENTRY, "bereken", str(case), "--formaat", "json"],
        "hbh --help": [python, "-c", ENTRY, "--help"],
        "python -c pass": [python, "-c", "pass"],
    }


def _environment() -> dict[str, str]:
    """This environment, with bytecode cached as after ``pip install`` (in a folder of its own:
    a ``PYTHONDONTWRITEBYTECODE`` here would otherwise recompile every module on every run)
    and the norm set cache in a folder of its own."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["HBH_CACHEMAP"] = str(NORM_CACHE)
    return env


def _run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False,
                          env=_environment())
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} faalde ({done.returncode}): {done.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def measured_package(python: str) -> str:
    """The folder of the ``hbh_indicatie`` the commands run (this tree or an installed one)."""
    done = subprocess.run([python, "-c", "import hbh_indicatie; print(hbh_indicatie.__file__)"],
                          capture_output=True, text=True, check=True, env=_environment())
    return str(Path(done.stdout.strip()).parent)


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def measure(runs: int, case: Path, seed: int = 1) -> tuple[dict[str, list[float]],
                                                          dict[str, list[float]]]:
    """Wall and CPU seconds per command, ``runs`` rounds, the order of the commands shuffled
    per round."""
    todo = commands(_interpreter(), case)
    for command in todo.values():  # warm the file, bytecode and norm set caches; not counted
        _run(command)
    shuffle = random.Random(seed)
    wall: dict[str, list[float]] = {name: [] for name in todo}
    cpu: dict[str, list[float]] = {name: [] for name in todo}
    for _ in range(runs):
        names = list(todo)
        shuffle.shuffle(names)
        for name in names:
            seconds, used = _run(todo[name])
            wall[name].append(seconds)
            cpu[name].append(used)
    return wall, cpu


def _per_round(values: list[float], floor: list[float]) -> str:
    ratios = [value / base for value, base in zip(values, floor, strict=True)]
    return (f"{statistics.median(ratios):.2f}× ({_quantile(ratios, 0.1):.2f}–"
            f"{_quantile(ratios, 0.9):.2f})")


def table(times: dict[str, list[float]], cpu: dict[str, list[float]]) -> str:
    floor = times["vloer"]
    lines = ["| opdracht | mediaan (s) | p10 (s) | p90 (s) | mediaan / vloer | per ronde t.o.v. vloer: "
             "mediaan (p10–p90) | CPU per ronde t.o.v. vloer |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name, values in times.items():
        lines.append(
            f"| `{name}` | {statistics.median(values):.3f} | {_quantile(values, 0.1):.3f} | "
            f"{_quantile(values, 0.9):.3f} | {statistics.median(values) / statistics.median(floor):.2f}× | "
            f"{_per_round(values, floor)} | {_per_round(cpu[name], cpu['vloer'])} |"
        )
    return "\n".join(lines)


def importtime(case: Path, top: int = 25) -> str:
    """The slowest imports of ``hbh bereken CASUS`` (cumulative microseconds, outermost first)."""
    done = subprocess.run([_interpreter(), "-X", "importtime", "-c", ENTRY, "bereken", str(case)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
                          env=_environment())
    rows: list[tuple[int, str]] = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or "cumulative" in line:
            continue
        name = parts[2][1:]  # one space after the bar; more means a nested import
        if not name.startswith(" "):
            rows.append((int(parts[1]), name.strip()))
    rows.sort(reverse=True)
    return "\n".join(f"{micro / 1000:8.1f} ms  {name}" for micro, name in rows[:top])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--casus", type=Path, default=CASE)
    parser.add_argument("--importtijd", action="store_true")
    args = parser.parse_args()
    print(f"Gemeten: {measured_package(_interpreter())}")
    print(f"Machine: {os.cpu_count()} kernen, Python {sys.version.split()[0]}, "
          f"belasting bij start {os.getloadavg()[0]:.1f}; {args.runs} rondes, volgorde per ronde geschud")
    print(table(*measure(args.runs, args.casus)))
    print(f"belasting aan het eind {os.getloadavg()[0]:.1f}")
    if args.importtijd:
        print("\nTraagste imports op het hoogste niveau van `hbh bereken` (cumulatief):")
        print(importtime(args.casus))


if __name__ == "__main__":
    main()
