"""The lines of a caseload file (JSON Lines or CSV), streaming and bounded.

Each physical line comes with its number (the first line is 1). A line longer than
:data:`~hbh_indicatie.loading.limits.MAX_LINE_BYTES` is not read into memory: it comes as
``None`` (the caller reports it as that line's error) and reading goes on with the next line.

Encodings: UTF-16 with byte order mark (Excel's "Unicode-tekst", tab-separated) is read as
such; otherwise each line is UTF-8 (with or without byte order mark) or, when it is not,
Windows-1252 (:func:`~hbh_indicatie.loading.yaml_io.decode_export`).
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from hbh_indicatie.errors import InputError, Problem
from hbh_indicatie.loading.limits import MAX_LINE_BYTES, regular_file
from hbh_indicatie.loading.yaml_io import decode_export

Line = tuple[int, str | None]
"""(line number, text with its line ending, or None when the line is too long)."""
RawLine = tuple[int, bytes | None]
"""(line number, the undecoded bytes with their line ending, or None when the line is too long)."""

_UTF16_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_BOM = "\ufeff"


def lines(path: Path) -> Iterator[Line]:
    with _open(path) as handle:
        if _is_utf16(handle):
            yield from _utf16_lines(handle)
        else:
            for number, raw in _byte_lines(handle):
                yield number, None if raw is None else decode_export(raw)


def raw_lines(path: Path) -> Iterator[RawLine] | None:
    """The lines of ``path`` undecoded (line 1 without a UTF-8 byte order mark), so that
    decoding (:func:`~hbh_indicatie.loading.yaml_io.decode_export`, as :func:`lines` does) can
    happen elsewhere, in a worker; ``None`` for a UTF-16 file, whose lines only :func:`lines`
    can split."""
    handle = _open(path)
    if _is_utf16(handle):
        handle.close()
        return None
    return _closing_lines(handle)


def _open(path: Path) -> io.BufferedReader:
    regular_file(path, "invoer")
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError(str(path), [Problem("", f"niet leesbaar: {exc.strerror}")], "invoer") from None


def _is_utf16(handle: io.BufferedReader) -> bool:
    return handle.peek(2)[:2] in _UTF16_MARKS


def _closing_lines(handle: BinaryIO) -> Iterator[RawLine]:
    with handle:
        yield from _byte_lines(handle)


def _byte_lines(handle: BinaryIO) -> Iterator[RawLine]:
    number = 0
    while raw := handle.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := handle.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        yield number, raw


def _utf16_lines(handle: BinaryIO) -> Iterator[Line]:
    text = io.TextIOWrapper(handle, encoding="utf-16", errors="replace", newline="")
    limit = MAX_LINE_BYTES // 2  # characters of two bytes
    number = 0
    while line := text.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith("\n"):
            while (rest := text.readline(limit)) and not rest.endswith("\n"):
                pass
            yield number, None
            continue
        # a byte order mark after the first is no text: a file written in parts, each with its
        # own mark (the UTF-8 lines lose theirs in decode_export); left in, it would stick to
        # a value ('onbekend\ufeff') and make it one the case does not allow
        yield number, line.replace(_BOM, "")
    text.detach()
