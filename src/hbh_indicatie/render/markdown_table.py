"""A Markdown table from rows of text (formatting only)."""

from __future__ import annotations

from collections.abc import Iterable


def cell(text: str) -> str:
    """Text that stays inside its table cell: '|' escaped, line breaks as spaces."""
    return text.replace("|", "\\|").replace("\n", " ")


def table(heads: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> list[str]:
    """The lines of a Markdown table (header, separator, one line per row)."""
    lines = ["| " + " | ".join(cell(h) for h in heads) + " |", "|" + "---|" * len(heads)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines
