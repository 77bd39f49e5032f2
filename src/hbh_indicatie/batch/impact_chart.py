"""The distribution of an impact run as a chart (optional extra ``grafiek``: matplotlib).

Formatting only: the classes, counts and captions come from the
:class:`~hbh_indicatie.batch.impact_memo.Memo`. Losses and gains in two colours (colour-blind
safe), no change in grey, the count above each bar, Dutch numbers, and the clients that
could not be computed named in the caption.
"""

from __future__ import annotations

import importlib
import io
import textwrap
from pathlib import Path
from typing import Any

from hbh_indicatie.batch.impact_memo import Memo, set_name
from hbh_indicatie.errors import HbhError
from hbh_indicatie.models import impact as model
from hbh_indicatie.render import number_format
from hbh_indicatie.render.impact import range_text

COLOURS = {"omlaag": "#ee6677", "gelijk": "#bbbbbb", "omhoog": "#4477aa"}
"""Paul Tol's bright scheme: red for less help, blue for more (readable for colour blindness)."""


def _pyplot() -> Any:
    try:  # imported by name: matplotlib is an optional extra (and has no stubs without it)
        importlib.import_module("matplotlib").use("Agg")
        return importlib.import_module("matplotlib.pyplot")
    except ImportError:
        raise HbhError("De grafiek vraagt matplotlib: pip install 'hbh-indicatie[grafiek]'") from None


def available() -> bool:
    try:
        _pyplot()
    except HbhError:
        return False
    return True


def caption(memo: Memo) -> str:
    if memo.excluded_from_chart:
        return (f"Niet in de grafiek: {number_format.number(memo.excluded_from_chart)} van de "
                f"{number_format.number(memo.read)} ingelezen cliënten, die niet berekend konden "
                f"worden{_why(memo)} (zie {Path(memo.errors_file).name}).")
    return f"Alle {number_format.number(memo.read)} ingelezen cliënten zijn berekend en staan in de grafiek."


def _why(memo: Memo) -> str:
    if memo.unknown and not memo.failed:
        return ": de normenset heeft geen cijfer voor een onderdeel dat zij nodig hebben"
    return ""


def _name(side: model.Side, twins: frozenset[tuple[str, str]] = frozenset()) -> str:
    """The norm sets of one side with their version ('utrecht 2015': 'utrecht → utrecht' says
    nothing), or what was asked when none computed. A set whose id and version the other side
    has too also gets its file and the start of its sha256 (:func:`impact_memo.set_name`)."""
    names = sorted({f"{s.id} {s.versie}" if (s.id, s.versie) not in twins
                    else set_name(s, side, twins) for s in side.normensets})
    return ", ".join(names) if names else Path(side.gevraagd).name


def png(memo: Memo, dpi: int = 150) -> bytes:
    """The chart as PNG bytes."""
    plt = _pyplot()
    rows = memo.distribution
    labels = [range_text(r.low, r.high) for r in rows]
    figure, axes = plt.subplots(figsize=(max(7.0, 0.9 * len(rows) + 2.0), 4.6))
    try:
        bars = axes.bar(range(len(rows)), [r.clients for r in rows],
                        color=[COLOURS[r.side] for r in rows], edgecolor="#333333", linewidth=0.4)
        for bar, row in zip(bars, rows, strict=True):
            if row.clients:
                axes.annotate(number_format.number(row.clients), (bar.get_x() + bar.get_width() / 2,
                              bar.get_height()), ha="center", va="bottom", fontsize=8,
                              xytext=(0, 2), textcoords="offset points")
        axes.set_xticks(range(len(rows)), labels, rotation=35, ha="right", fontsize=8)
        axes.yaxis.set_major_formatter(
            importlib.import_module("matplotlib.ticker").FuncFormatter(
                lambda value, _: number_format.number(int(value))))
        axes.set_ylabel("aantal cliënten")
        axes.set_xlabel(f"verschil in hulp per cliënt (minuten per week, klassen van {memo.width})")
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_title(
            f"{number_format.number(memo.down)} cliënten minder hulp, "
            f"{number_format.number(memo.same)} gelijk, "
            f"{number_format.number(memo.up)} meer hulp\n"
            f"{_name(memo.old, memo.twins)} → {_name(memo.new, memo.twins)}",
            fontsize=10)
        patches = importlib.import_module("matplotlib.patches")
        axes.legend(handles=[patches.Patch(color=COLOURS[side], label=text) for side, text in
                             (("omlaag", "minder hulp"), ("gelijk", "gelijk"),
                              ("omhoog", "meer hulp"))], fontsize=8, frameon=False)
        lines = textwrap.wrap(caption(memo), 110)  # within the figure's width at 8 pt
        figure.text(0.01, 0.01, "\n".join(lines), fontsize=8, color="#444444")
        figure.tight_layout(rect=(0, 0.03 + 0.025 * len(lines), 1, 1))
        buffer = io.BytesIO()
        figure.savefig(buffer, dpi=dpi, format="png")
        return buffer.getvalue()
    finally:
        plt.close(figure)
