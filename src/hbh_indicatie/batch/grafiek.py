"""The impact histogram as a PNG (optional extra ``grafiek``: matplotlib)."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from hbh_indicatie.batch.impact import Impact
from hbh_indicatie.errors import HbhError


def save(result: Impact, old: str, new: str, path: Path) -> None:
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
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.tmp")
    try:
        figure.savefig(partial, dpi=120, format="png")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
        plt.close(figure)
