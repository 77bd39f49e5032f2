"""Streaming output rows to JSON Lines or CSV, atomically (temporary file, renamed at the end)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hbh_indicatie.fileio import atomic_output

Write = Callable[[dict[str, Any]], None]


def is_csv(path: Path) -> bool:
    return path.suffix.lower() == ".csv"


@contextmanager
def row_writer(
    path: Path, columns: Sequence[str], to_csv: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> Iterator[Write]:
    """Yield a function writing one row. CSV when ``path`` ends in .csv (header ``columns``,
    rows passed through ``to_csv`` first), JSON Lines otherwise. Nothing appears at ``path``
    unless the block completes."""
    with atomic_output(path) as handle:
        if is_csv(path):
            writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
            writer.writeheader()
            convert = to_csv or (lambda row: row)

            def write_csv(row: dict[str, Any]) -> None:
                writer.writerow(convert(row))

            yield write_csv
        else:

            def write_json(row: dict[str, Any]) -> None:
                handle.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")

            yield write_json
