"""Streaming output rows to JSON Lines or CSV, into a file of the run's output set (a
temporary file, renamed onto its target at the end together with the other outputs).

CSV comes in two forms: the plain one for programs (comma, UTF-8, exact minutes as fractions
such as ``874163/4870``) and, with ``excel=True``, the one a Dutch Excel opens as a table:
semicolon, UTF-8 with byte order mark, numbers with a decimal comma and fractions as decimal
numbers with two decimals (a fraction such as ``15/2`` would otherwise become a date).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

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


def row_writer(
    out: OutputFile, columns: Sequence[str],
    to_csv: Callable[[dict[str, Any]], dict[str, Any]] | None = None, excel: bool = False,
) -> Write:
    """A function writing one row to ``out`` (a file of the run's :class:`OutputSet`, which
    renames it onto its target at the end). CSV when the target ends in .csv (header
    ``columns``, rows passed through ``to_csv`` first; ``excel``: the Dutch Excel form), JSON
    Lines otherwise."""
    if not is_csv(out.target):
        def write_json(row: dict[str, Any]) -> None:
            out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")

        return write_json
    if excel:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\r\n"
                            if excel else "\n", delimiter=";" if excel else ",")
    writer.writeheader()
    convert = to_csv or (lambda row: row)

    def write_csv(row: dict[str, Any]) -> None:
        converted = convert(row)
        writer.writerow(excel_row(converted) if excel else converted)

    return write_csv
