"""``hbh bereken`` imports only what the command uses (issue 15, point 5).

The command runs in a fresh interpreter exactly as the console script does
(``hbh_indicatie.cli.start:run``); afterwards the test reads which modules were loaded. A plain
``hbh bereken CASUS --formaat json`` needs typer, pydantic, yaml (case and norm set files),
the models, the engine and the JSON renderer, nothing of the web service, the workplace, the
documents, Excel, iWmo XML, the batch or the other commands. The terminal table adds rich and
nothing else heavy. Speed itself is measured by ``benchmarks/opstart.py``, never timed here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "cases" / "01-alleenstaande-volledige-overname.yaml"

HEAVY = ("fastapi", "starlette", "uvicorn", "httpx", "jinja2", "weasyprint", "docx", "docxtpl",
         "openpyxl", "matplotlib", "lxml", "xmlschema", "babel", "playwright", "multiprocessing",
         "concurrent", "hypothesis")
"""Third-party (and stdlib pool) packages no single computation needs."""

NOT_FOR_BEREKEN = ("hbh_indicatie.service", "hbh_indicatie.werkplek", "hbh_indicatie.iwmo",
                   "hbh_indicatie.batch", "hbh_indicatie.norm_tools", "hbh_indicatie.schemas",
                   "hbh_indicatie.render.besluit", "hbh_indicatie.render.onderbouwing",
                   "hbh_indicatie.render.pdf", "hbh_indicatie.render.docx_out",
                   "hbh_indicatie.render.jinja_env", "hbh_indicatie.models.comparison",
                   "hbh_indicatie.models.impact", "hbh_indicatie.cli.batch",
                   "hbh_indicatie.cli.casus", "hbh_indicatie.cli.normen",
                   "hbh_indicatie.cli.schema", "hbh_indicatie.cli.server",
                   "hbh_indicatie.cli.werkplek")
"""Our own modules that belong to other commands or formats."""

_PROBE = """
import json, os, sys
sys.argv = ['hbh', *json.loads(os.environ['HBH_PROBE_ARGS'])]
try:
    from hbh_indicatie.cli.start import run
    run()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
import gc
with open(os.environ['HBH_PROBE_OUT'], 'w', encoding='utf-8') as out:
    json.dump({'code': code, 'modules': sorted(sys.modules), 'gc': gc.isenabled()}, out)
"""


def loaded_modules(args: list[str], tmp_path: Path) -> set[str]:
    """The modules in ``sys.modules`` after ``hbh ARGS`` ran in a fresh interpreter."""
    return set(_probe(args, tmp_path)["modules"])


def _probe(args: list[str], tmp_path: Path) -> dict[str, Any]:
    """What the fresh interpreter reports after ``hbh ARGS``: exit code, modules, whether the
    garbage collector is on."""
    out = tmp_path / "modules.json"
    env = {**os.environ, "HBH_PROBE_ARGS": json.dumps(args), "HBH_PROBE_OUT": str(out),
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT / "src"),
                                                     os.environ.get("PYTHONPATH")) if p)}
    done = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True,
                          cwd=ROOT, check=False, timeout=120)
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    assert report["code"] in (0, None), done.stderr
    return report


def _under(modules: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes))


def test_bereken_json_imports_only_what_it_uses(tmp_path: Path) -> None:
    modules = loaded_modules(["bereken", str(CASE), "--formaat", "json"], tmp_path)
    assert "hbh_indicatie.engine" in modules and "hbh_indicatie.render.json_out" in modules
    assert _under(modules, HEAVY) == []
    assert _under(modules, ("rich",)) == []  # rich only for output on the terminal
    assert _under(modules, NOT_FOR_BEREKEN) == []


def test_bereken_table_adds_rich_only(tmp_path: Path) -> None:
    modules = loaded_modules(["bereken", str(CASE)], tmp_path)
    assert "rich.console" in modules and "hbh_indicatie.render.terminal" in modules
    assert _under(modules, HEAVY) == []
    assert _under(modules, NOT_FOR_BEREKEN) == []


def test_json_case_from_stdin_reads_no_yaml_for_the_case(tmp_path: Path) -> None:
    """A JSON case is read with json; yaml is loaded only for the (YAML) norm set file, after
    the case: the probe sees yaml, so this checks the order through ``-X importtime``."""
    text = json.dumps(_case_as_data())
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-X", "importtime", "-c",
                           "import sys; sys.argv = ['hbh', 'bereken', '-', '-f', 'json'];"
                           "from hbh_indicatie.cli.start import run; run()"],
                          input=text, env=env, capture_output=True, text=True, cwd=ROOT,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    order = [line.split("|")[-1].strip() for line in done.stderr.splitlines()
             if line.startswith("import time:") and "|" in line]
    assert "hbh_indicatie.models.case" in order
    assert "yaml" not in order[: order.index("hbh_indicatie.models.case")]


def _case_as_data() -> object:
    import yaml

    return json.loads(json.dumps(yaml.safe_load(CASE.read_text(encoding="utf-8")), default=str))


@pytest.mark.parametrize("command", ["casus", "normen", "batch", "schema", "server", "werkplek"])
def test_other_commands_are_built_when_called(command: str, tmp_path: Path) -> None:
    """``hbh COMMAND -h`` builds that command only (and still shows its Dutch help)."""
    modules = loaded_modules([command, "-h"], tmp_path)
    assert f"hbh_indicatie.cli.{command}" in modules
    shared = {"werkplek": {"server"}}.get(command, set())  # werkplek starts the same server
    others = tuple(f"hbh_indicatie.cli.{name}" for name in
                   ("casus", "normen", "batch", "schema", "server", "werkplek")
                   if name != command and name not in shared)
    assert _under(modules, others) == []


@pytest.mark.parametrize("args", [["bereken", str(CASE)], ["bereken", str(CASE), "-f", "json"],
                                  ["batch", "-h"], ["server", "-h"], ["normen", "-h"]])
def test_the_garbage_collector_runs_again_after_the_start(args: list[str], tmp_path: Path) -> None:
    """``hbh`` starts with the collector off (cli/start.py); a command that may run long (a
    server, a batch) and ``bereken`` once it has computed switch it on again."""
    assert _probe(args, tmp_path)["gc"] is True


def test_the_collector_is_left_alone_for_embedders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the console script pauses the collector: a command called in-process neither
    switches it on nor sets objects aside (``gc.freeze``)."""
    import gc

    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    gc.disable()
    try:
        result = CliRunner().invoke(app, ["bereken", str(CASE), "-f", "json"])
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert result.exit_code == 0, result.output
    assert frozen == []


@pytest.mark.parametrize("args", [["--versie"], ["bereken", "bestaat-niet.yaml"]])
def test_the_collector_is_on_again_when_a_command_stops_early(args: list[str],
                                                               tmp_path: Path) -> None:
    """The version, or an error before the computation: the collector is back on when ``run``
    returns (for a caller that goes on in the same process)."""
    out = tmp_path / "gc.json"
    probe = ("import gc, json, sys; from hbh_indicatie.cli.start import run\n"
             f"sys.argv = ['hbh', *{args!r}]\n"
             "try:\n    run()\nexcept SystemExit:\n    pass\n"
             f"open({str(out)!r}, 'w').write(json.dumps(gc.isenabled()))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, cwd=tmp_path,
                   check=False, timeout=120)
    assert json.loads(out.read_text(encoding="utf-8")) is True
