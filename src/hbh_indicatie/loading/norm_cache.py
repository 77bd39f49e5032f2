"""Validated norm sets kept between runs, so a command need not parse the YAML again.

Reading a norm set means parsing some 20 kB of YAML, checking its shape and numbers and
validating it: about 7 ms of every ``hbh bereken``. A set that passed all of that is kept as
JSON in the user's cache folder, in a file named after a key of

* the sha256 of the norm file's bytes (another content is another key),
* the versions of hbh-indicatie and pydantic, and
* the size and modification time of the modules that read and validate a norm set (the way
  Python checks its own bytecode cache), so a changed model never meets an old entry.

A hit is validated again by the model (``model_validate_json``: a tampered or damaged entry
is refused like any input) and only the YAML work is saved; the checks against the
vocabulary run as before, and the sha256 stamped on an indication is always that of the file
itself. Nothing is executed from the cache (no pickle). The cache is only an aid: a folder
that cannot be made or written, or an entry that cannot be read, means the file is read as
usual, without a message. ``HBH_CACHEMAP`` chooses the folder; empty switches it off.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

from hbh_indicatie.models.norm_set import NormSet
from hbh_indicatie.version import __version__

ENV = "HBH_CACHEMAP"
KEPT = 64
"""Most entries kept: writing one more removes the oldest (an edited file or a new version
of the program leaves its old entries behind)."""
MAX_ENTRY_BYTES = 16 * 1024 * 1024
"""An entry larger than this is not read (a norm set of the largest allowed file is far
smaller as JSON)."""


def folder() -> Path | None:
    """Where the entries are kept: ``HBH_CACHEMAP``, else the user's cache folder of the
    platform (``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux); None when switched off or when
    there is no home folder to put it in."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return Path(chosen) / "normen" if chosen.strip() else None
    try:
        if sys.platform == "win32":
            base = os.environ.get("LOCALAPPDATA")
            root = Path(base) if base else Path.home() / "AppData" / "Local"
            return root / "hbh-indicatie" / "cache" / "normen"
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "hbh-indicatie" / "normen"
        base = os.environ.get("XDG_CACHE_HOME")
        root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    except (RuntimeError, OSError, KeyError):  # no home folder (a service account, a container)
        return None
    return root / "hbh-indicatie" / "normen"


def _code_stamp() -> str:
    """Size and modification time of the modules that decide what a valid norm set is."""
    import pydantic

    from hbh_indicatie.loading import limits, norm_sets, validation, yaml_io
    from hbh_indicatie.models import case, common, norm_set

    parts = [__version__, pydantic.VERSION]
    for module in (norm_set, common, case, norm_sets, limits, validation, yaml_io, sys.modules[__name__]):
        try:
            status = os.stat(module.__file__ or "")
        except OSError:
            return ""  # no source to compare: no cache
        parts.append(f"{module.__name__}:{status.st_size}:{status.st_mtime_ns}")
    return "\n".join(parts)


def _entry(file_sha256: str) -> Path | None:
    where = folder()
    stamp = _code_stamp()
    if where is None or not stamp:
        return None
    key = hashlib.sha256(f"{file_sha256}\n{stamp}".encode()).hexdigest()
    return where / f"{key}.json"


def read(file_sha256: str) -> NormSet | None:
    """The norm set validated earlier from a file with this sha256, or None."""
    entry = _entry(file_sha256)
    if entry is None:
        return None
    try:
        with entry.open("rb") as handle:
            data = handle.read(MAX_ENTRY_BYTES + 1)
        if len(data) > MAX_ENTRY_BYTES:
            return None
        return NormSet.model_validate_json(data)
    except (OSError, ValueError):  # missing, unreadable or no longer valid: read the file
        return None


def write(file_sha256: str, norms: NormSet) -> None:
    """Keep ``norms`` (validated from a file with this sha256) for the next run, if the
    folder allows; only when reading it back gives the same set."""
    entry = _entry(file_sha256)
    if entry is None:
        return
    text = norms.model_dump_json(by_alias=True)
    try:
        if NormSet.model_validate_json(text) != norms:
            return
    except ValueError:
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, entry)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(entry.parent)
    except OSError:  # read-only or full: the next run reads the file again
        return


def _prune(where: Path) -> None:
    entries = sorted(where.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
    for old in entries[:-KEPT]:
        old.unlink(missing_ok=True)
