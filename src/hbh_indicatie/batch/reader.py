"""Streaming input: a folder of case files, a JSON Lines file or a CSV file, one case per item.

The reader only splits the input into parts (cheap, in the main process): a JSON Lines file
into :class:`Block` s of undecoded lines, which the worker turns into items itself
(:func:`part_items`); a folder, a CSV file or UTF-16 text into lists of items. Decoding,
parsing and validating happen in the workers (:func:`parse`), so the main process never
becomes the bottleneck and memory stays flat in the number of cases.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from hbh_indicatie.batch.csv_case import case_from_row
from hbh_indicatie.batch.lines import lines, raw_lines
from hbh_indicatie.errors import HbhError
from hbh_indicatie.loading.limits import MAX_LINE_BYTES, MIB, regular_file, size_text
from hbh_indicatie.loading.yaml_io import (
    decode_export,
    delimiter_of,
    json_value,
    parse_text,
    read_text,
)

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
    problem: str | None = None
    """Why this item cannot be read at all (a line over the size limit, a stray quote): it
    fails with this reason, in its place in the input."""


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive lines of a JSON Lines file, not yet decoded: one message to a worker
    instead of an item per line."""

    first: int
    """The number of the first line."""
    data: bytes
    """The lines, each with its line ending (the last line of the file may have none); a line
    that was too long stands as an empty line."""
    too_long: tuple[int, ...] = ()
    """The numbers of the lines that were too long."""


Part = Block | list[Item]
"""What one worker gets at a time."""


class ItemError(HbhError):
    """An item that cannot be parsed into a case dict (the Dutch reason is the message)."""


def input_kind(path: Path) -> Kind:
    if path.is_dir():
        return "bestand"
    kind: Kind | None = None
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        kind = "jsonl"
    elif path.suffix.lower() == ".csv":
        kind = "csv"
    if kind is not None:
        regular_file(path, "invoer")
        return kind
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


BLOCK_BYTES = 4 * MIB
"""A :class:`Block` ends after this many bytes even when it has fewer lines than asked."""


def read_parts(path: Path, size: int) -> Iterator[Part]:
    """The input in parts of ``size`` lines (JSON Lines, at most :data:`BLOCK_BYTES` unless
    one line is longer) or items (otherwise), lazily; their items (:func:`part_items`) are
    those of :func:`read_items`, in the same order."""
    if not path.exists():
        raise HbhError(f"Invoer {path} bestaat niet.")
    raw = raw_lines(path) if input_kind(path) == "jsonl" else None
    if raw is None:
        yield from chunks(read_items(path), size)
        return
    pieces: list[bytes] = []
    too_long: list[int] = []
    first, held = 1, 0
    for number, line in raw:
        if not pieces:
            first = number
        if line is None:
            too_long.append(number)
            line = b"\n"
        pieces.append(line)
        held += len(line)
        if len(pieces) == size or held >= BLOCK_BYTES:
            yield Block(first, b"".join(pieces), tuple(too_long))
            pieces, too_long, held = [], [], 0
    if pieces:
        yield Block(first, b"".join(pieces), tuple(too_long))


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    source = iter(items)
    while part := list(itertools.islice(source, size)):
        yield part


def part_items(part: Part) -> Iterable[Item]:
    """The items of a part: a :class:`Block` decoded and split as :func:`read_items` would
    have (each line UTF-8 without a leading byte order mark, or else Windows-1252; blank
    lines skipped)."""
    if not isinstance(part, Block):
        return part
    try:  # the usual case: the whole block is UTF-8; then so is every line of it
        texts = [line.removeprefix("\ufeff") for line in _with_ends(part.data.decode("utf-8"))]
    except UnicodeDecodeError:
        pieces = part.data.split(b"\n")
        last = pieces.pop()
        texts = [decode_export(piece + b"\n") for piece in pieces]
        if last:
            texts.append(decode_export(last))
    items: list[Item] = []
    for number, line in enumerate(texts, part.first):
        if number in part.too_long:
            items.append(Item("jsonl", number, "", TOO_LONG))
        elif line.strip():
            items.append(Item("jsonl", number, line))
    return items


def _with_ends(text: str) -> list[str]:
    """The lines of ``text`` split at each line feed (only there, as ``readline`` splits),
    each with its line feed; the last without one when ``text`` does not end with one."""
    pieces = text.split("\n")
    last = pieces.pop()
    lines = [piece + "\n" for piece in pieces]
    if last:
        lines.append(last)
    return lines


def case_files(folder: Path) -> list[Path]:
    """The case files of a folder; one that is no regular file (a pipe, a device) is listed
    too, so it fails as an item instead of being skipped silently."""
    return sorted(p for p in folder.glob("*")
                  if not p.is_dir() and p.suffix.lower() in CASE_SUFFIXES)


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


TOO_LONG = (f"regel langer dan {size_text(MAX_LINE_BYTES)}; niet gelezen (hooguit "
            f"{size_text(MAX_LINE_BYTES)} per casus)")


def _jsonl_items(path: Path) -> Iterator[Item]:
    for number, line in lines(path):
        if line is None:
            yield Item("jsonl", number, "", TOO_LONG)
        elif line.strip():
            yield Item("jsonl", number, line)


def _csv_items(path: Path) -> Iterator[Item]:
    """One item per CSV record, and one failed item per physical line that is no record of
    its own (too long; swallowed by a stray quote): every line is accounted for."""
    source = lines(path)
    first = next(source, None)
    if first is None:
        return
    if first[1] is None:
        raise HbhError(f"Invoer {path}: de kopregel is langer dan {size_text(MAX_LINE_BYTES)}.")
    header = first[1]
    too_long: set[int] = set()

    def physical() -> Iterator[str]:
        yield header
        for number, line in source:
            if line is None:
                too_long.add(number)
                yield "\n"
            else:
                yield line

    reader = csv.reader(physical(), delimiter=delimiter_of(header))
    columns = next(reader, [])
    last = reader.line_num
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield from _failed_lines(last + 1, reader.line_num, _csv_reason(exc))
            last = reader.line_num
            continue
        start, end = last + 1, reader.line_num
        last = end
        if too_long & set(range(start, end + 1)):
            yield from _failed_lines(start, end, TOO_LONG)
        elif end > start and _stray_quote(columns, fields):
            yield from _failed_lines(start, end, "")
        elif any(fields):
            row = {column: fields[i] if i < len(fields) else "" for i, column in enumerate(columns)}
            if len(fields) > len(columns):
                yield Item("csv", start, row, "de regel heeft meer waarden dan de kopregel kolommen heeft")
            else:
                yield Item("csv", start, row)


def _stray_quote(columns: list[str], fields: list[str]) -> bool:
    """A record over several lines is a quoted value with line breaks (Excel writes those):
    only the free text ``omschrijving`` may hold them. Anything else is a stray quote that
    swallowed the lines after it."""
    if len(fields) != len(columns):
        return True
    return any(("\n" in value or "\r" in value) and column != "omschrijving"
               for column, value in zip(columns, fields, strict=True))


def _failed_lines(start: int, end: int, reason: str) -> Iterator[Item]:
    """A failed item for each line ``start``..``end``; without ``reason``: a stray quote."""
    for number in range(start, end + 1):
        if reason:
            why = reason
        elif number == start:
            why = (f'los aanhalingsteken ("): een waarde begint op regel {start} met een " en loopt '
                   f"door tot regel {end}, zodat regels {start} t/m {end} niet als casussen zijn "
                   'gelezen; verdubbel een " binnen een waarde ("") of haal het weg')
        else:
            why = f"niet gelezen: opgeslokt door het losse aanhalingsteken op regel {start}"
        yield Item("csv", number, {}, why)


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return (f"een waarde is langer dan {csv.field_size_limit()} tekens; niet gelezen "
                "(een kolom heeft zo'n lange waarde nooit nodig)")
    return f"geen geldige CSV-regel ({text})"


def parse(item: Item) -> dict[str, Any]:
    """The case dict of ``item``; raises :class:`ItemError` or InputError with a Dutch reason."""
    if item.kind == "bestand":
        assert isinstance(item.payload, str)
        data = parse_text(read_text(Path(item.payload), "casus"), item.payload, "casus")
    elif item.kind == "jsonl":
        assert isinstance(item.payload, str)
        try:
            data = json_value(item.payload)
        except json.JSONDecodeError as exc:
            raise ItemError(f"geen geldige JSON (kolom {exc.colno}): {exc.msg}") from None
        except ValueError as exc:  # a duplicate key, a number of too many digits, deep nesting
            raise ItemError(f"geen geldige JSON: {exc}") from None
    else:
        assert isinstance(item.payload, dict)
        data = case_from_row(item.payload)
    if not isinstance(data, dict):
        raise ItemError("een casus moet een verzameling velden zijn (JSON-object)")
    return data
