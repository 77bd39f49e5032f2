"""Side-by-side rendering of one case under several norm sets (formatting only).

The differences are computed in :mod:`hbh_indicatie.norm_tools.side_by_side`; this module
only lays them out: a table per result category and total, then per other set the
explanation of the difference with the first.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from hbh_indicatie.models.common import CATEGORY_LABELS, Category, fraction_text
from hbh_indicatie.models.indication import Indication, SideBySide
from hbh_indicatie.models.indication import NotComputed as NotComputedOut
from hbh_indicatie.norm_tools.side_by_side import (
    Explanation,
    NotComputed,
    Result,
    category_minutes,
    explain,
    name,
)
from hbh_indicatie.render import stable_json
from hbh_indicatie.render.words import minutes

NOT_COMPUTED = "niet te berekenen"


def _table(results: Sequence[Result]) -> Table:
    first = results[0]
    key = first.kenmerk if isinstance(first, Indication) else first.case_key
    table = Table(title=f"Casus {key} onder {len(results)} normensets", title_justify="left")
    table.add_column("Resultaat")
    for res in results:
        label = name(res).replace(" ", "\n", 1)
        if isinstance(res, Indication) and res.voorbeeldnormen:
            label += " (voorbeeld)"
        table.add_column(label, justify="right", overflow="fold")
    for cat in Category:
        values = []
        for res in results:
            found = category_minutes(res, cat) if isinstance(res, Indication) else None
            values.append(minutes(found) if found is not None else "—")
        if any(v != "—" for v in values):
            table.add_row(CATEGORY_LABELS[cat], *values)
    table.add_row("Totaal (afgerond, min/week)",
                  *[str(r.totaal_minuten_per_week) if isinstance(r, Indication) else NOT_COMPUTED
                    for r in results], style="bold")
    table.add_row("Uren per jaar (afgerond; exact)",
                  *[_per_year(r) if isinstance(r, Indication) else NOT_COMPUTED
                    for r in results])
    computed = [r for r in results if isinstance(r, Indication)]
    if computed:
        base = computed[0].totaal_minuten_per_week
        table.add_row(f"Verschil met {name(computed[0])}",
                      *[f"{r.totaal_minuten_per_week - base:+d}" if isinstance(r, Indication)
                        else "—" for r in results])
    return table


def _per_year(ind: Indication) -> str:
    """'139 (138,75)', or '151,84 (niet afgerond)' for a set without a yearly rounding rule."""
    year = ind.uren_per_jaar
    exact = fraction_text(year.exact, 2)
    return f"{exact} (niet afgerond)" if year.afgerond is None else f"{year.afgerond} ({exact})"


def _items(items: tuple[tuple[str, Fraction], ...]) -> str:
    return ", ".join(f"{i} {minutes(m)}" for i, m in items) or "geen hulp"


def _explanation(exp: Explanation) -> Text:
    text = Text()
    text.append(f"{exp.other_id} ten opzichte van {exp.base_id}: {exp.total_delta:+d} "
                "minuten per week\n", style="bold")
    if not exp.categories and not exp.rules:
        text.append("  geen verschil per resultaat en dezelfde regels toegepast\n")
    for cat in exp.categories:
        text.append(f"  • {cat.label}: {fraction_text(cat.base)} → {fraction_text(cat.other)} "
                    f"({'+' if cat.delta > 0 else ''}{fraction_text(cat.delta)})\n")
        text.append(f"      {exp.base_id}: {_items(cat.base_items)}\n")
        text.append(f"      {exp.other_id}: {_items(cat.other_items)}\n")
    for rule in exp.rules:
        text.append(f"  • alleen bij {rule.which}: {rule.paragraph} {rule.text} "
                    f"(regel {rule.rule}, kader {rule.framework})\n")
    return text


def build(results: Sequence[Result]) -> list[RenderableType]:
    parts: list[RenderableType] = [_table(results)]
    failed = [r for r in results if isinstance(r, NotComputed)]
    if failed:
        parts.append(Text("Niet te berekenen:\n" + "\n".join(
            f"• {name(r)}: {r.reason}" for r in failed)))
    explanations = explain(results)
    if explanations:
        parts.append(Text("Verschillen verklaard (per resultaat: onderdelen met hulpminuten; "
                          "regels die maar onder één normenset golden):", style="bold"))
        parts += [_explanation(exp) for exp in explanations]
    parts.append(Text("De regels van het protocol (§1-§2, zoals de 7-etmalenregel) gelden onder "
                      "elke normenset; elke stap in de onderbouwing noemt het kader waaruit "
                      "zijn cijfers komen.", style="dim"))
    return parts


def render(results: Sequence[Result], width: int = 120) -> str:
    console = Console(width=width, record=True, color_system=None)
    with console.capture() as capture:
        for part in build(results):
            console.print(part)
    return capture.get()


def render_json(results: Sequence[Result]) -> str:
    """The indications side by side as JSON (schema ``hbh.naast_elkaar.v1``)."""
    data = SideBySide(
        vergelijking=tuple(r for r in results if isinstance(r, Indication)),
        niet_berekend=tuple(NotComputedOut(normen_id=r.norms_id, normen_versie=r.version,
                                           reden=r.reason)
                            for r in results if isinstance(r, NotComputed)),
    ).model_dump(mode="json", by_alias=True)
    return stable_json.dumps(data)
