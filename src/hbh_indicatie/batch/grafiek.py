"""The impact histogram as a PNG (optional extra ``grafiek``: matplotlib)."""

from __future__ import annotations

import importlib
import io
from pathlib import Path

from hbh_indicatie.batch.impact import Impact
from hbh_indicatie.errors import HbhError


def png(result: Impact, old: str, new: str) -> bytes:
    """The histogram as PNG bytes (the caller writes them with the run's other outputs)."""
    try:  # imported by name: matplotlib is an optional extra (and has no stubs without it)
        importlib.import_module("matplotlib").use("Agg")
        plt = importlib.import_module("matplotlib.pyplot")
    except ImportError:
        raise HbhError("--grafiek vraagt matplotlib: pip install 'hbh-indicatie[grafiek]'") from None
    classes = result.classes()
    labels = [label for label, _ in classes]
    counts = [count for _, count in classes]
    figure, axes = plt.subplots(figsize=(max(6.0, 0.45 * len(labels)), 4.5))
    axes.bar(range(len(labels)), counts, color="#4477aa")
    axes.set_xticks(range(len(labels)), labels, rotation=60, ha="right", fontsize=8)
    axes.set_xlabel(f"verschil in minuten per week (klassen van {result.width})")
    axes.set_ylabel("aantal cliënten")
    axes.set_title(f"Impact {Path(old).name} → {Path(new).name}\n{result.up} omhoog, "
                   f"{result.down} omlaag, {result.same} gelijk", fontsize=10)
    figure.tight_layout()
    buffer = io.BytesIO()
    try:
        figure.savefig(buffer, dpi=120, format="png")
    finally:
        plt.close(figure)
    return buffer.getvalue()
