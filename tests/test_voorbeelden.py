"""The examples the README and docs show pass their own checks (issue 14, part 4).

* ``benchmarks/normwijziging.yaml`` passes ``hbh normen controleer`` and differs from
  ``protocol-hbh`` in exactly the figures its header names;
* the README's caseload flow runs with exit 0 and no dropped client (a smaller caseload).
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from hbh_indicatie.cli.main import app

ROOT = Path(__file__).resolve().parent.parent
CHANGE = ROOT / "benchmarks" / "normwijziging.yaml"
BASE = ROOT / "norms" / "protocol-hbh" / "2015-01-01.yaml"
cli = CliRunner()

DECLARED = {
    ("stofzuigen", "hoeveelheid"): (25, 20),
    ("sanitair", "hoeveelheid"): (20, 25),
    ("boodschappen", "hoeveelheid"): (45, 40),
    ("boodschappen", "huishoudgrootte", 0): (45, 40),
    ("boodschappen", "huishoudgrootte", 1): (60, 55),
    ("broodmaaltijd", "hoeveelheid"): (10, 8),
}
"""The changes the benchmark's header comment announces: (activity, field[, variant]) -> (A, B)."""


def test_benchmark_change_passes_its_own_check() -> None:
    result = cli.invoke(app, ["normen", "controleer", str(CHANGE)])
    assert result.exit_code == 0, result.output
    assert "0 bevinding(en)" in result.output


def _figures(data: dict[str, Any]) -> dict[tuple[Any, ...], Any]:
    found: dict[tuple[Any, ...], Any] = {}
    for act in data["activiteiten"]:
        found[(act["id"], "hoeveelheid")] = act.get("hoeveelheid")
        for i, variant in enumerate(act.get("huishoudgrootte", ())):
            found[(act["id"], "huishoudgrootte", i)] = variant["hoeveelheid"]
    return found


def test_benchmark_differs_from_protocol_only_as_declared() -> None:
    base = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    change = yaml.safe_load(CHANGE.read_text(encoding="utf-8"))
    old, new = _figures(base), _figures(change)
    differs = {key: (old[key], new[key]) for key in old if old[key] != new.get(key)}
    assert differs == DECLARED
    header = {"id", "titel", "versie"}
    for key in base.keys() - {"activiteiten"} - header:
        assert base[key] == change[key], key
    for a, b in zip(base["activiteiten"], change["activiteiten"], strict=True):
        strip = ("hoeveelheid", "huishoudgrootte")
        assert {k: v for k, v in a.items() if k not in strip} == \
            {k: v for k, v in b.items() if k not in strip}


def _readme_flow() -> list[list[str]]:
    """The ``hbh`` commands of the README's caseload block, continuation lines joined."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Caseload", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block is not None
    commands = block.group(1).replace("\\\n", " ").splitlines()
    return [shlex.split(c)[1:] for c in commands if c.startswith("hbh ")]


def test_readme_flow_runs_without_dropping_clients(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib")
    flow = _readme_flow()
    assert [c[0] for c in flow] == ["genereer", "batch", "impact"]
    monkeypatch.chdir(tmp_path)
    os.symlink(ROOT / "benchmarks", tmp_path / "benchmarks")
    for args in flow:
        args = ["300" if a == "100000" else a for a in args]  # the same flow, a smaller caseload
        result = cli.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        if args[0] != "genereer":
            assert "= 300 berekend + 0 mislukt" in result.output, result.output
    for name in ("caseload.jsonl", "indicaties.csv", "verschil.csv", "verschil.png", "impact.md"):
        assert (tmp_path / name).stat().st_size > 0, name
