"""Output files replaced all together or not at all.

Every output of a run is first written to a temporary file beside its target
(``.NAME.PID.RANDOM.tmp``). The temporary files are created when the run starts, so a target
that cannot be written (a folder, a device, a read-only place, a missing permission) fails
before anything is computed. At the end all of them are renamed onto their targets together
(:meth:`OutputSet.commit`); a failure halfway puts back what was already replaced. On any
exception (also Ctrl-C and SIGTERM) the temporary files are removed. A run killed outright
(SIGKILL, out of memory) cannot clean up: the next run into the same place removes what it
left (:attr:`OutputSet.cleaned`).
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from hbh_indicatie.errors import HbhError

_REASONS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "het schijfquotum is op",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.EACCES: "geen schrijfrechten",
    errno.EPERM: "geen schrijfrechten",
    errno.EISDIR: "dit is een map",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EFBIG: "het bestand wordt te groot",
    errno.EIO: "fout van het opslagapparaat",
}


class OutputError(HbhError):
    """An output file that cannot be written; the message names the file (never the
    temporary file) and says nothing was replaced."""


def output_error(target: Path, exc: OSError) -> OutputError:
    reason = _REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    return OutputError(f"Uitvoerbestand {target} kan niet worden geschreven: {reason}. "
                       "Er is niets vervangen; eerdere uitvoer staat er nog zoals hij was.")


def check_target(target: Path) -> None:
    """An output target must be a regular file or not exist yet (a rename would replace a
    folder's name, a device such as /dev/null or a pipe)."""
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise output_error(target, exc) from None
    if stat.S_ISDIR(mode):
        raise OutputError(f"Uitvoerbestand {target} is een map; geef een bestandsnaam.")
    if not stat.S_ISREG(mode):
        raise OutputError(f"Uitvoerbestand {target} is geen gewoon bestand (maar bijvoorbeeld een "
                          "apparaat of pipe); geef een gewoon bestand.")


def _temporary_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a process of another user
        return True
    return True


def stale_temporaries(target: Path) -> list[Path]:
    """Temporary files of ``target`` left by runs whose process no longer exists (killed
    with SIGKILL or by the out-of-memory killer). A run still going is left alone."""
    pattern = re.compile(re.escape(f".{target.name}.") + r"(\d+)\.[0-9a-f]{12}\.(tmp|vorige)")
    found: list[Path] = []
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return found
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match and not _alive(int(match.group(1))):
            found.append(entry)
    return sorted(found)


@dataclass
class OutputFile:
    """A handle on the temporary file of one target. Write errors name the target."""

    target: Path
    temporary: Path
    _handle: IO[Any]
    existed: bool

    def write(self, data: Any) -> int:
        try:
            return self._handle.write(data)
        except OSError as exc:
            raise output_error(self.target, exc) from None

    def _finish(self) -> None:
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
        except OSError as exc:
            raise output_error(self.target, exc) from None

    def _discard(self) -> None:
        with suppress(OSError):
            self._handle.close()
        self.temporary.unlink(missing_ok=True)


@dataclass
class OutputSet:
    """The outputs of one run: :meth:`open` each before computing, :meth:`commit` at the end."""

    files: list[OutputFile] = field(default_factory=list)
    cleaned: list[Path] = field(default_factory=list)
    """Temporary files of earlier, killed runs that :meth:`open` removed."""
    temporaries: list[Path] = field(default_factory=list)
    """Every temporary file this set may have created (removed again by :meth:`abort`)."""

    def open(self, target: Path, binary: bool = False) -> OutputFile:
        check_target(target)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise output_error(target, exc) from None
        for stale in stale_temporaries(target):
            stale.unlink(missing_ok=True)
            self.cleaned.append(stale)
        temporary = _temporary_name(target)
        # Named before the file exists, so an interrupt at any moment (also between creating
        # the file and keeping its handle) can remove it.
        self.temporaries.append(temporary)
        try:
            # Closed by commit() or abort(): the file lives as long as the run.
            handle: IO[Any] = (open(temporary, "xb") if binary  # noqa: SIM115
                               else open(temporary, "x", encoding="utf-8", newline=""))  # noqa: SIM115
        except OSError as exc:
            raise output_error(target, exc) from None
        out = OutputFile(target, temporary, handle, target.exists())
        self.files.append(out)
        return out

    def commit(self) -> None:
        """Flush every file, then rename all onto their targets; if a rename fails, the
        targets already replaced get their previous content back (kept as a hard link
        during the renames, where the file system has them)."""
        for out in self.files:
            out._finish()
        replaced: list[tuple[OutputFile, Path | None]] = []
        backups: list[Path] = []
        try:
            for out in self.files:
                check_target(out.target)
                backup = None
                if out.target.exists():
                    backup = out.temporary.with_suffix(".vorige")
                    backups.append(backup)  # before it exists: removed whatever happens next
                    try:
                        os.link(out.target, backup)
                    except OSError:
                        backup = None
                try:
                    os.replace(out.temporary, out.target)
                except OSError as exc:
                    raise output_error(out.target, exc) from None
                replaced.append((out, backup))
        except BaseException:
            for done, backup in reversed(replaced):
                if backup is not None:
                    os.replace(backup, done.target)
                elif not done.existed:
                    done.target.unlink(missing_ok=True)
            raise
        finally:
            for backup in backups:
                backup.unlink(missing_ok=True)
        self.files = []
        self.temporaries = []

    def discard(self, out: OutputFile) -> None:
        """Leave ``out`` unwritten: its target stays as it was."""
        out._discard()
        self.files.remove(out)

    def abort(self) -> None:
        for out in self.files:
            out._discard()
        for temporary in self.temporaries:
            temporary.unlink(missing_ok=True)
        self.files = []
        self.temporaries = []


@contextmanager
def output_set() -> Iterator[OutputSet]:
    """An :class:`OutputSet` committed when the block ends normally, aborted otherwise."""
    outputs = OutputSet()
    try:
        yield outputs
        outputs.commit()
    except BaseException:
        outputs.abort()
        raise


@contextmanager
def atomic_output(path: Path) -> Iterator[OutputFile]:
    """One output file: a handle on its temporary file, renamed onto ``path`` only when the
    block ends normally."""
    with output_set() as outputs:
        yield outputs.open(path)


def write_atomic(path: Path, text: str) -> list[Path]:
    """Write ``text`` to ``path`` atomically; returns the stale temporary files removed."""
    with output_set() as outputs:
        outputs.open(path).write(text)
    return outputs.cleaned


def write_all(files: dict[Path, bytes]) -> list[Path]:
    """Write several files as one output (:class:`OutputSet`): all replaced, or none. Returns
    the stale temporary files removed."""
    with output_set() as outputs:
        for path, content in files.items():
            outputs.open(path, binary=True).write(content)
    return outputs.cleaned


def write_atomic_bytes(path: Path, data: bytes) -> list[Path]:
    """:func:`write_atomic` for binary documents (PDF, Word)."""
    return write_all({path: data})
