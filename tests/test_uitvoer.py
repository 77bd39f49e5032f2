"""Issue 16.1: a failed run never leaves a misleading result set.

Output paths are checked before anything is computed; the outputs of one run are replaced
together or not at all (also when the disk fills up); a run killed with SIGKILL leaves
temporary files that the next run removes, and no worker processes; a Ctrl-C while the
program starts exits 130 without a traceback; ``--processen`` is capped at the cores.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hbh_indicatie.batch import runner as batch_runner
from hbh_indicatie.batch.generate import generate
from hbh_indicatie.cli.main import app
from hbh_indicatie.errors import HbhError
from tests.builders import says

cli = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-c", "from hbh_indicatie.cli.main import run; run()"]
ACTIVITIES = ["opruimen", "stofzuigen", "boodschappen", "wassen"]
OLD_ROWS = '{"kenmerk":"van-gisteren"}\n'
OLD_ERRORS = '{"kenmerk":"fout-van-gisteren","regel":1,"reden":"oud"}\n'


def _caseload(path: Path, count: int, repeat: int = 1) -> Path:
    lines = [json.dumps(c) for c in generate(count, 3, ACTIVITIES)] * repeat
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _previous_run(folder: Path) -> tuple[Path, Path]:
    """Yesterday's results: what a failed run must leave exactly as it was."""
    folder.mkdir(parents=True, exist_ok=True)
    out, errors = folder / "uit.jsonl", folder / "uit.fouten.jsonl"
    out.write_text(OLD_ROWS, encoding="utf-8")
    errors.write_text(OLD_ERRORS, encoding="utf-8")
    return out, errors


def _unchanged(out: Path, errors: Path) -> None:
    assert out.read_text(encoding="utf-8") == OLD_ROWS
    assert errors.read_text(encoding="utf-8") == OLD_ERRORS
    leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == [], leftovers


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Records every case the batch computes (in-process runs with -p 1)."""
    seen: list[Any] = []
    real = batch_runner.process_item

    def record(job: batch_runner.Job, item: Any) -> batch_runner.Outcome:
        seen.append(item)
        return real(job, item)

    monkeypatch.setattr(batch_runner, "process_item", record)
    return seen


def _wrong_output(tmp_path: Path, kind: str) -> tuple[list[str], str]:
    """Options pointing --uitvoer or --fouten at something that cannot be written, and the
    path the message must name."""
    folder = tmp_path / "run"
    if kind == "uitvoer-is-map":
        (folder / "map.jsonl").mkdir()
        return ["-o", str(folder / "map.jsonl"), "--fouten", str(folder / "uit.fouten.jsonl")], "map.jsonl"
    if kind == "fouten-is-map":
        return ["-o", str(folder / "uit.jsonl"), "--fouten", str(folder)], str(folder)
    if kind == "pipe":  # as a device such as /dev/null: never replaced by a file (a named pipe
        pipe = folder / "pijp.jsonl"  # here, so that a regression cannot harm the machine)
        os.mkfifo(pipe)
        return ["-o", str(folder / "uit.jsonl"), "--fouten", str(pipe)], str(pipe)
    blocker = folder / "bestand"
    blocker.write_text("geen map\n", encoding="utf-8")
    return ["-o", str(folder / "uit.jsonl"), "--fouten", str(blocker / "f.jsonl")], "f.jsonl"


@pytest.mark.parametrize("kind", ["uitvoer-is-map", "fouten-is-map", "pipe", "pad-door-bestand"])
def test_unusable_output_fails_before_computing(tmp_path: Path, kind: str, computed: list[Any]) -> None:
    out, errors = _previous_run(tmp_path / "run")
    source = _caseload(tmp_path / "c.jsonl", 5)
    options, named = _wrong_output(tmp_path, kind)
    result = cli.invoke(app, ["batch", str(source), "-n", "protocol-hbh", "-p", "1", *options])
    assert result.exit_code == 2, result.output
    assert says(result.output, named) and "Interne fout" not in result.output
    assert computed == []
    _unchanged(out, errors)
    if kind == "pipe":
        assert (tmp_path / "run" / "pijp.jsonl").is_fifo()


def _tmpfs_available() -> bool:
    """Whether this machine lets the tests mount a small tmpfs (root, in a sandbox that
    allows it). The disk-full test runs on a real full tmpfs where it can (else it says it
    skips that variant) and always with a patched flush that fails for want of space."""
    probe = Path(f"/tmp/hbh-tmpfs-probe-{os.getpid()}")
    probe.mkdir(exist_ok=True)
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)],
                                 capture_output=True, check=False).returncode == 0
    except OSError:
        mounted = False
    if mounted:
        subprocess.run(["umount", str(probe)], capture_output=True, check=False)
    probe.rmdir()
    return mounted


@pytest.fixture
def full_disk(request: pytest.FixtureRequest, tmp_path: Path,
              monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on which writing the batch output runs out of space."""
    folder = tmp_path / "klein"
    folder.mkdir()
    if request.param == "tmpfs":
        if not _tmpfs_available():
            pytest.skip("deze machine laat geen tmpfs aankoppelen; schijf vol is getest met "
                        "gepatcht schrijven (test_disk_full_...[gepatcht-schrijven])")
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], check=True)
        try:
            yield folder
        finally:
            subprocess.run(["umount", str(folder)], check=True)
        return
    real = os.fsync

    def no_space_for_results(fd: int) -> None:
        if Path(os.readlink(f"/proc/self/fd/{fd}")).name.startswith(".uit.jsonl."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", no_space_for_results)
    yield folder


@pytest.mark.parametrize("full_disk", ["tmpfs", "gepatcht-schrijven"], indirect=True)
def test_disk_full_replaces_nothing_and_names_the_file(tmp_path: Path, full_disk: Path) -> None:
    out, errors = _previous_run(full_disk)
    source = _caseload(tmp_path / "c.jsonl", 300)  # ~200 kB of rows: more than 64 kB
    result = cli.invoke(app, ["batch", str(source), "-n", "protocol-hbh", "-o", str(out), "-p", "1"])
    assert result.exit_code == 2, result.output
    assert says(result.output, f"Uitvoerbestand {out} kan niet worden geschreven: de schijf is vol")
    _unchanged(out, errors)


def test_failed_rename_puts_back_what_was_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.jsonl"
    first.write_text("oud a\n", encoding="utf-8")
    second.write_text("oud b\n", encoding="utf-8")
    real = os.replace

    def fail_on_second(src: Any, dst: Any) -> None:
        if Path(dst) == second:
            raise OSError(errno.EIO, "I/O error")
        real(src, dst)

    monkeypatch.setattr(os, "replace", fail_on_second)
    from hbh_indicatie.fileio import output_set

    with pytest.raises(HbhError, match=r"b\.jsonl kan niet worden geschreven"), output_set() as outputs:
        outputs.open(first).write("nieuw a\n")
        outputs.open(second).write("nieuw b\n")
    assert first.read_text(encoding="utf-8") == "oud a\n"
    assert second.read_text(encoding="utf-8") == "oud b\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.jsonl"]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@contextmanager
def _batch_process(*args: str, stderr: Any = subprocess.DEVNULL) -> Iterator[subprocess.Popen[str]]:
    """A batch in its own process, with its workers killed afterwards whatever happened (a
    regression that hangs must not leave processes behind)."""
    proc = subprocess.Popen([*CLI, "batch", *args], stderr=stderr, text=True)
    workers: list[int] = []
    try:
        yield proc
    finally:
        workers = _children(proc.pid)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in workers:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _wait_for(condition: Any, what: str, limit: float = 60) -> None:
    """Poll until ``condition()`` (a deadline only against hanging, not a timing test)."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.02)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_killed_run_is_cleaned_up_by_the_next(tmp_path: Path) -> None:
    source = _caseload(tmp_path / "c.jsonl", 3000, repeat=4)
    out = tmp_path / "uit" / "resultaat.jsonl"
    with _batch_process(str(source), "-n", "protocol-hbh", "-o", str(out), "-p", "2") as proc:
        _wait_for(lambda: out.parent.exists() and any(p.suffix == ".tmp" for p in out.parent.iterdir()),
                  "the batch wrote no temporary file")
        _wait_for(lambda: len(_children(proc.pid)) == 2, "the batch started no workers")
        workers = _children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)  # as the out-of-memory killer does: no clean-up possible
        proc.wait()
        _wait_for(lambda: not any(_alive(w) for w in workers), "workers outlived the killed batch")
    left = sorted(p.name for p in out.parent.iterdir())
    assert left and all(name.endswith(".tmp") for name in left)

    small = _caseload(tmp_path / "klein.jsonl", 3)
    again = subprocess.run([*CLI, "batch", str(small), "-n", "protocol-hbh", "-o", str(out), "-p", "1"],
                           capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    for name in left:
        assert f"Opgeruimd: {out.parent / name}" in again.stderr
    assert sorted(p.name for p in out.parent.iterdir()) == ["resultaat.fouten.jsonl", "resultaat.jsonl"]


def test_temporary_file_of_a_running_process_is_left_alone(tmp_path: Path) -> None:
    from hbh_indicatie.fileio import OutputSet, stale_temporaries

    target = tmp_path / "uit.jsonl"
    mine = tmp_path / f".uit.jsonl.{os.getpid()}.0123456789ab.tmp"
    mine.write_text("", encoding="utf-8")
    assert stale_temporaries(target) == []
    outputs = OutputSet()
    outputs.open(target).write("x\n")
    outputs.commit()
    assert mine.exists() and outputs.cleaned == []


def _console_script() -> str:
    """The module:function that pip installs as the ``hbh`` command (pyproject.toml)."""
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    return str(scripts["hbh"])


def test_ctrl_c_while_starting_exits_130_without_traceback(tmp_path: Path) -> None:
    """The Ctrl-C arrives while the command line loads (when typer is imported), the
    moment a user who presses Ctrl-C right after typing the command hits."""
    module, function = _console_script().split(":")
    code = (
        "import builtins, os, signal, sys\n"
        "real = builtins.__import__\n"
        "def interrupt_at_typer(name, *args, **kwargs):\n"
        "    if name == 'typer':\n"
        "        builtins.__import__ = real\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = interrupt_at_typer\n"
        "sys.argv[1:] = ['--versie']\n"
        f"from {module} import {function}\n"
        f"{function}()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr and "KeyboardInterrupt" not in result.stderr
    assert "Afgebroken" in result.stderr


def test_processes_capped_at_the_cores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []
    real = batch_runner.run

    def record(source: Any, job: Any, processes: int, *args: Any, **kwargs: Any) -> Any:
        asked.append(processes)
        return real(source, job, 1, *args, **kwargs)

    monkeypatch.setattr(batch_runner, "run", record)
    source = _caseload(tmp_path / "c.jsonl", 3)
    result = cli.invoke(app, ["batch", str(source), "-n", "protocol-hbh", "-o", str(tmp_path / "u.jsonl"),
                              "--processen", "10000"])
    assert result.exit_code == 0, result.output
    cores = batch_runner.usable_cores()
    assert asked == [cores]
    assert f"--processen 10000: deze machine heeft {cores} kern(en)" in result.output


def test_lost_worker_stops_the_run_with_a_message(tmp_path: Path) -> None:
    """A worker killed halfway (out of memory): the batch stops with a Dutch message and
    writes nothing, instead of waiting forever for the lost chunk."""
    source = _caseload(tmp_path / "c.jsonl", 3000, repeat=4)
    out = tmp_path / "uit" / "resultaat.jsonl"
    with _batch_process(str(source), "-n", "protocol-hbh", "-o", str(out), "-p", "2",
                        stderr=subprocess.PIPE) as proc:
        _wait_for(lambda: len(_children(proc.pid)) == 2, "the batch started no workers")
        os.kill(_children(proc.pid)[0], signal.SIGKILL)
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, err
    assert "rekenproces" in err and "Traceback" not in err
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_interrupt_while_opening_an_output_leaves_no_temporary(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C just after a temporary file is created and before its handle is kept (the
    moment a stress run of test_stop_signal_on_the_process_pool once hit)."""
    from hbh_indicatie import fileio

    real = open

    def create_then_interrupt(path: Any, *args: Any, **kwargs: Any) -> Any:
        real(path, *args, **kwargs).close()
        raise KeyboardInterrupt

    monkeypatch.setattr(fileio, "open", create_then_interrupt, raising=False)
    with pytest.raises(KeyboardInterrupt), fileio.output_set() as outputs:
        outputs.open(tmp_path / "uit.jsonl")
    assert list(tmp_path.iterdir()) == []
