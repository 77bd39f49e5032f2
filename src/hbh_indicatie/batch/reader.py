"""Streaming input: a folder of case files, a JSON Lines file or a CSV file, one case per item.

The reader only splits the input into items (cheap, in the main process); parsing and
validating happen in the workers (:func:`parse`), so the main process never becomes the
bottleneck and memory stays flat in the number of cases.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from hbh_indicatie.batch.csv_case import case_from_row
from hbh_indicatie.errors import HbhError, InputError, Problem
from hbh_indicatie.loading.yaml_io import decode_export, delimiter_of, parse_text, read_text

Kind = Literal["bestand", "jsonl", "csv"]
CASE_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True, slots=True)
class Item:
    """One case still to be parsed: where it came from and its raw payload.

    ``ref`` is the file name (folder input) or the line number (JSON Lines, CSV; the CSV
    header is line 1). ``payload`` is the file path, the JSON text of the line, or the CSV row.
    """

    kind: Kind
    ref: str | int
    payload: str | dict[str, str]


class ItemError(HbhError):
    """An item that cannot be parsed into a case dict (the Dutch reason is the message)."""


def input_kind(path: Path) -> Kind:
    if path.is_dir():
        return "bestand"
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return "jsonl"
    if path.suffix.lower() == ".csv":
        return "csv"
    raise HbhError(
        f"Invoer {path}: onbekende soort. Toegestaan: een map met casusbestanden (.yaml, .yml, "
        ".json), een JSON Lines-bestand (.jsonl) of een CSV-bestand (.csv)."
    )


def read_items(path: Path) -> Iterator[Item]:
    """Yield the items of ``path`` lazily, in a stable order (folder: sorted file names)."""
    if not path.exists():
        raise HbhError(f"Invoer {path} bestaat niet.")
    kind = input_kind(path)
    if kind == "bestand":
        for file in case_files(path):
            yield Item("bestand", str(file), str(file))
    elif kind == "jsonl":
        yield from _jsonl_items(path)
    else:
        yield from _csv_items(path)


def case_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*") if p.is_file() and p.suffix.lower() in CASE_SUFFIXES)


def count_items(path: Path) -> int | None:
    """Number of items for the progress bar (CSV: data lines, approximate with quoted newlines)."""
    kind = input_kind(path)
    if kind == "bestand":
        return len(case_files(path))
    lines = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            lines += block.count(b"\n")
    return max(lines - 1, 0) if kind == "csv" else lines


def _jsonl_items(path: Path) -> Iterator[Item]:
    for number, line in enumerate(_text_lines(path), start=1):
        if line.strip():
            yield Item("jsonl", number, line)


def _csv_items(path: Path) -> Iterator[Item]:
    lines = _text_lines(path)
    header = next(lines, None)
    if header is None:
        return
    reader = csv.DictReader(itertools.chain((header,), lines), delimiter=delimiter_of(header))
    for row in reader:
        if any(value for value in row.values() if isinstance(value, str)):
            yield Item("csv", reader.line_num, row)


def _text_lines(path: Path) -> Iterator[str]:
    """The lines of a text file, decoded one by one (:func:`decode_export`: UTF-8, else
    Windows-1252), a leading byte order mark dropped; streaming, so a large file never sits in
    memory."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(str(path), [Problem("", f"niet leesbaar: {exc.strerror}")], "invoer") from None
    with handle:
        first = True
        for raw in handle:
            if first:
                raw = raw.removeprefix(codecs.BOM_UTF8)
                first = False
            yield decode_export(raw)


def parse(item: Item) -> dict[str, Any]:
    """The case dict of ``item``; raises :class:`ItemError` or InputError with a Dutch reason."""
    if item.kind == "bestand":
        assert isinstance(item.payload, str)
        data = parse_text(read_text(Path(item.payload), "casus"), item.payload, "casus")
    elif item.kind == "jsonl":
        assert isinstance(item.payload, str)
        try:
            data = json.loads(item.payload)
        except json.JSONDecodeError as exc:
            raise ItemError(f"geen geldige JSON (kolom {exc.colno}): {exc.msg}") from None
    else:
        assert isinstance(item.payload, dict)
        data = case_from_row(item.payload)
    if not isinstance(data, dict):
        raise ItemError("een casus moet een verzameling velden zijn (JSON-object)")
    return data
