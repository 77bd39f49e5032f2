"""Output rows as JSON Lines or CSV text (:class:`RowForm`), written into a file of the run's
output set (a temporary file, renamed onto its target at the end together with the other
outputs) row by row or, made by the workers, a part at a time.

CSV comes in two forms: the plain one for programs (comma, UTF-8, exact minutes as fractions
such as ``874163/4870``) and, with ``excel=True``, the one a Dutch Excel opens as a table:
semicolon, UTF-8 with byte order mark, numbers with a decimal comma and fractions as decimal
numbers with two decimals (a fraction such as ``15/2`` would otherwise become a date).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import orjson

from hbh_indicatie.fileio import OutputFile
from hbh_indicatie.models.common import fraction_text

Write = Callable[[dict[str, Any]], None]


def is_csv(path: Path) -> bool:
    return path.suffix.lower() == ".csv"


_FRACTION = re.compile(r"-?\d+/\d+")
_DECIMAL = re.compile(r"-?\d+\.\d+")


NUMBER_COLUMNS = ("minuten_", "totaal_", "uren_", "delta_", "oud_", "nieuw_")
"""Columns holding numbers; the others (kenmerk, versions, periods) are text."""
DATE_COLUMNS = ("peildatum",)
"""Text columns Excel may read as a date: they are dates."""
_LOOKS_NUMERIC = re.compile(r"[\d\s.,/:+\-]+|[\d.]+[eE][+\-]?\d+")


def excel_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: excel_cell(v) if k.startswith(NUMBER_COLUMNS)
            else v if k in DATE_COLUMNS else excel_text(v) for k, v in row.items()}


def excel_text(value: Any) -> Any:
    """Text that Excel would turn into a number or a date ('15/2', '00123', '2026.1') as a
    text formula, ="15/2", which Excel shows as written."""
    if isinstance(value, str) and _LOOKS_NUMERIC.fullmatch(value):
        return f'="{value}"'
    return value


def excel_cell(value: Any) -> Any:
    """A number as a Dutch Excel reads it: '874163/4870' -> '179,5', '-16.52' -> '-16,52'."""
    if isinstance(value, str):
        if _FRACTION.fullmatch(value):
            return fraction_text(Fraction(value), 2)
        if _DECIMAL.fullmatch(value):
            return value.replace(".", ",")
    return value


class RowForm:
    """How rows become text in one output: JSON Lines, or CSV when the target ends in .csv
    (header ``columns``, rows passed through ``to_csv`` first; ``excel``: the Dutch Excel
    form). Picklable, so that a worker turns its rows into text (:meth:`text`) and the main
    process only appends that text; row by row (:meth:`writer`) gives the same bytes.

    ``plain``: the rows hold only text, whole numbers, booleans, None, lists and dicts (no
    floats), as batch rows and error rows do; JSON Lines is then written with orjson (~10×
    faster, byte for byte what ``json.dumps`` writes; anything orjson refuses or would write
    otherwise, such as a lone surrogate, a number beyond 64 bits or a subclass of str, still
    goes through ``json.dumps``)."""

    __slots__ = ("columns", "csv", "excel", "plain", "to_csv")

    def __init__(
        self, target: Path, columns: Sequence[str],
        to_csv: Callable[[dict[str, Any]], dict[str, Any]] | None = None, excel: bool = False,
        plain: bool = False,
    ) -> None:
        self.csv = is_csv(target)
        self.columns = tuple(columns)
        self.to_csv = to_csv
        self.excel = excel
        self.plain = plain

    def head(self) -> str:
        """What the file starts with: nothing (JSON Lines) or the CSV header."""
        if not self.csv:
            return ""
        buffer = io.StringIO()
        if self.excel:
            buffer.write("\ufeff")
        self._csv_writer(buffer).writeheader()
        return buffer.getvalue()

    def text(self, rows: Iterable[dict[str, Any]]) -> str:
        """The lines of ``rows``."""
        if not self.csv:
            line = plain_json_line if self.plain else json_line
            return "".join([line(row) for row in rows])
        buffer = io.StringIO()
        writer = self._csv_writer(buffer)
        for row in rows:
            writer.writerow(self._csv_row(row))
        return buffer.getvalue()

    def writer(self, out: OutputFile) -> Write:
        """A function writing one row to ``out`` (the head first)."""
        if not self.csv:
            line = plain_json_line if self.plain else json_line

            def write_json(row: dict[str, Any]) -> None:
                out.write(line(row))

            return write_json
        out.write(self.head())
        writer = self._csv_writer(out)

        def write_csv(row: dict[str, Any]) -> None:
            writer.writerow(self._csv_row(row))

        return write_csv

    def _csv_writer(self, handle: Any) -> csv.DictWriter[str]:
        return csv.DictWriter(handle, fieldnames=list(self.columns),
                              lineterminator="\r\n" if self.excel else "\n",
                              delimiter=";" if self.excel else ",")

    def _csv_row(self, row: dict[str, Any]) -> dict[str, Any]:
        converted = row if self.to_csv is None else self.to_csv(row)
        return excel_row(converted) if self.excel else converted


def json_line(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n"


_PLAIN = (orjson.OPT_APPEND_NEWLINE | orjson.OPT_PASSTHROUGH_SUBCLASS
          | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS)


def plain_json_line(row: dict[str, Any]) -> str:
    """:func:`json_line` of a row without floats (see :class:`RowForm`), by orjson."""
    try:
        return orjson.dumps(row, option=_PLAIN).decode()
    except TypeError:  # orjson.JSONEncodeError: leave it to json.dumps, as before
        return json_line(row)


def row_writer(
    out: OutputFile, columns: Sequence[str],
    to_csv: Callable[[dict[str, Any]], dict[str, Any]] | None = None, excel: bool = False,
) -> Write:
    """A function writing one row to ``out`` (a file of the run's :class:`OutputSet`, which
    renames it onto its target at the end), in the :class:`RowForm` of its target."""
    return RowForm(out.target, columns, to_csv, excel).writer(out)
