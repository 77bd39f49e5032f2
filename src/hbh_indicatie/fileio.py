"""Atomic output: write to a temporary file beside the target, then rename."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


@contextmanager
def atomic_output(path: Path) -> Iterator[TextIO]:
    """A text handle on a temporary file beside ``path``; renamed onto ``path`` only when the
    block ends normally. On any exception (also Ctrl-C) the temporary file is removed, so an
    interrupted run never leaves a half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The name is fixed before the file exists, so an interrupt at any moment can clean it up.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp")
    try:
        with open(tmp, "x", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, text: str) -> None:
    with atomic_output(path) as handle:
        handle.write(text)


def write_all(files: dict[Path, bytes]) -> None:
    """Write several files as one output: every file goes to a temporary file first, and only
    when all are written are they renamed onto their places (a failure or Ctrl-C before that
    leaves every old file as it was)."""
    pending: list[tuple[Path, Path]] = []
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp")
            pending.append((tmp, path))
            with open(tmp, "xb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
        for tmp, path in pending:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in pending:
            tmp.unlink(missing_ok=True)
        raise


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """:func:`write_atomic` for binary documents (PDF, Word)."""
    write_all({path: data})
