"""Side-by-side rendering of one case under several norm sets (formatting only)."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

from hbh_indicatie.models.common import CATEGORY_LABELS, Category
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.render.words import minutes


def render(results: list[Indication], width: int = 120) -> str:
    table = Table(title=f"Casus {results[0].kenmerk} onder {len(results)} normensets",
                  title_justify="left")
    table.add_column("Resultaat")
    for ind in results:
        label = f"{ind.stempel.normen_id}\n{ind.stempel.normen_versie}"
        if ind.voorbeeldnormen:
            label += " (voorbeeld)"
        table.add_column(label, justify="right")
    for cat in Category:
        values = []
        for ind in results:
            found = [c for c in ind.categorieen if c.categorie is cat]
            values.append(minutes(found[0].hulp_minuten_per_week) if found else "—")
        if any(v != "—" for v in values):
            table.add_row(CATEGORY_LABELS[cat], *values)
    table.add_row("Totaal (afgerond, min/week)",
                  *[str(ind.totaal_minuten_per_week) for ind in results], style="bold")
    base = results[0].totaal_minuten_per_week
    table.add_row("Verschil met eerste",
                  *[f"{ind.totaal_minuten_per_week - base:+d}" for ind in results])
    console = Console(width=width, record=True, color_system=None)
    with console.capture() as capture:
        console.print(table)
    return capture.get()


def render_json(results: list[Indication]) -> str:
    data = {"vergelijking": [r.model_dump(mode="json", by_alias=True) for r in results]}
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
