"""Differential test of the engine: generated cases, every shipped norm set, digests compared.

For each shipped norm set file (``norms/<id>/*.yaml``) and each of ``--aantal`` cases of
``hbh genereer --seed 1`` (facts on the shared vocabulary of activities, as ``hbh genereer``
makes them since issue 14; for an engine from before the vocabulary, on that set's own
activities), one line ``<nr> <normbestand> <rij> <indicatie>``: a digest of the
``hbh batch`` row (``api.batch_row``) and one of the whole explained indication
(``api.compute``, JSON: every figure, every explanation text, warning and share), or of the
Dutch message when the case cannot be computed under that set. The engine version in the
stamp is left out (it names the release, not the outcome).

    # digests of this tree's engine
    PYTHONPATH=src python benchmarks/verschil.py maak --aantal 10000 --uitvoer /tmp/nieuw.txt
    # digests of another commit's engine (a git worktree of it, in /tmp), then compare
    python benchmarks/verschil.py referentie 34acd83 --aantal 10000 --uitvoer /tmp/oud.txt
    python benchmarks/verschil.py vergelijk /tmp/oud.txt /tmp/nieuw.txt

``tests/test_verschil.py`` compares the first cases against ``tests/data/verschil-500.txt``,
made with ``maak --aantal 500`` from the reference commit named in that file's first line.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = 1


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def digests(count: int) -> Iterator[str]:
    """The digest lines of this interpreter's ``hbh_indicatie`` (see the module doc)."""
    from hbh_indicatie import api
    from hbh_indicatie.errors import HbhError

    generate = _generator().generate

    folder = ROOT / "norms"
    files = sorted(p for p in folder.rglob("*.yaml") if p.parent != folder)  # not the vocabulary
    for path in files:
        name = str(path.relative_to(folder))
        loaded = api.load_norm_file(path)
        ids = _activity_ids(loaded)
        for number, data in enumerate(generate(count, SEED, ids), start=1):
            try:
                case = api.case_from_dict(data, f"casus {number}")
                row = api.batch_row(case, loaded)
                row.pop("engine_versie", None)
                ind = api.compute(case, loaded).model_dump(mode="json")
                ind["stempel"].pop("engine_versie", None)
                row_digest = _digest(json.dumps(row, sort_keys=True, default=str))
                ind_digest = _digest(json.dumps(ind, sort_keys=True, ensure_ascii=False))
            except HbhError as exc:
                row_digest = ind_digest = "fout:" + _digest(f"{type(exc).__name__}: {exc}")
            yield f"{number} {name} {row_digest} {ind_digest}"


def _activity_ids(loaded: Any) -> list[str]:
    """What the generated cases state facts on: the vocabulary's household activities, or for
    an engine from before the vocabulary (a reference commit) the set's own activities."""
    household_activities = getattr(_generator(), "household_activities", None)
    if household_activities is None:
        return [a.id for a in loaded.norms.activities if a.per_child is None]
    ids: list[str] = household_activities(loaded.activities)
    return ids


def _generator() -> Any:
    """The case generator module: ``batch.generate``, or ``batch.genereer`` in a reference commit
    from before the module names were made English (issue 15)."""
    try:
        return importlib.import_module("hbh_indicatie.batch.generate")
    except ModuleNotFoundError:
        return importlib.import_module("hbh_indicatie.batch.genereer")


def _write(lines: Iterator[str], out: Path, header: str) -> None:
    with out.open("w", encoding="utf-8") as handle:
        handle.write(f"# {header}\n")
        for line in lines:
            handle.write(line + "\n")


def _read(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    result = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        number, name, row, ind = line.split()
        result[(number, name)] = (row, ind)
    return result


def compare(old: Path, new: Path) -> list[str]:
    """The differences, in Dutch; empty when every row and every indication is identical."""
    a, b = _read(old), _read(new)
    problems = [f"alleen in {old.name}: casus {k[0]} onder {k[1]}" for k in sorted(a.keys() - b.keys())]
    problems += [f"alleen in {new.name}: casus {k[0]} onder {k[1]}" for k in sorted(b.keys() - a.keys())]
    for key in sorted(a.keys() & b.keys(), key=lambda k: (int(k[0]), k[1])):
        (row_a, ind_a), (row_b, ind_b) = a[key], b[key]
        if row_a != row_b:
            problems.append(f"casus {key[0]} onder {key[1]}: andere batchrij")
        if ind_a != ind_b:
            problems.append(f"casus {key[0]} onder {key[1]}: andere indicatie of uitleg")
    return problems


def _reference(commit: str, count: int, out: Path) -> None:
    """Digests of ``commit``'s engine: a detached git worktree in /tmp, this script run with
    that tree's sources first on the path."""
    with tempfile.TemporaryDirectory(prefix="hbh-referentie-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), commit],
                       check=True, capture_output=True)
        try:
            env = {**os.environ, "PYTHONPATH": str(tree / "src")}
            subprocess.run([sys.executable, __file__, "maak", "--aantal", str(count),
                            "--uitvoer", str(out), "--kop", f"referentie {commit}"],
                           check=True, env=env, cwd=tree)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           check=False, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawTextHelpFormatter)
    sub = parser.add_subparsers(dest="opdracht", required=True)
    make = sub.add_parser("maak", help="digests van de engine op het pad")
    make.add_argument("--aantal", type=int, default=10_000)
    make.add_argument("--uitvoer", type=Path, required=True)
    make.add_argument("--kop", default="")
    ref = sub.add_parser("referentie", help="digests van de engine van een commit")
    ref.add_argument("commit")
    ref.add_argument("--aantal", type=int, default=10_000)
    ref.add_argument("--uitvoer", type=Path, required=True)
    cmp = sub.add_parser("vergelijk", help="twee digestbestanden vergelijken")
    cmp.add_argument("oud", type=Path)
    cmp.add_argument("nieuw", type=Path)
    args = parser.parse_args()
    if args.opdracht == "maak":
        import hbh_indicatie

        header = args.kop or f"engine uit {Path(hbh_indicatie.__file__).parent}"
        _write(digests(args.aantal), args.uitvoer, f"{header}; {args.aantal} casussen, seed {SEED}")
    elif args.opdracht == "referentie":
        _reference(args.commit, args.aantal, args.uitvoer.resolve())
    else:
        problems = compare(args.oud, args.nieuw)
        for line in problems[:50]:
            print(line)
        total = len(_read(args.nieuw))
        print(f"{len(problems)} verschillen in {total} uitkomsten (casus x normenset).")
        raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main()
