"""Terminal rendering with rich: a table per result category and the explanation.

Every column's width is fixed here from its longest cell (a column of long texts gets what
remains of the width and wraps), so rich does not measure each of the ~1,000 cells before
drawing them, and the tables of the result categories line up: they share their widths.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hbh_indicatie.models.common import Category, fraction_text
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.render.words import (
    date_text,
    hours_text,
    minutes,
    per_year_line,
    share_text,
)

Row = tuple[str, ...]

MIN_WRAP = 12
"""Narrowest a column of long texts is made on a narrow terminal."""


def _cells(*values: str) -> list[Text]:
    """Cells as plain text: a label or step text is shown as written (a '[' is no rich
    markup), and rich skips its markup, emoji and highlighting pass per cell."""
    return [Text(value) for value in values]


def _widths(headers: Sequence[str], rows: Sequence[Sequence[str]], wrap: Sequence[int],
            width: int) -> list[int]:
    """Each column as wide as its longest cell or header. When the table would be wider than
    ``width``, the widest of the ``wrap`` columns (long texts) gives way first, down to
    :data:`MIN_WRAP`, then any column, but none narrower than its longest word (a word is
    never cut). A table's edges take a border per column plus one, and a space on both
    sides of each cell."""
    columns = [[header, *(row[i] for row in rows)] for i, header in enumerate(headers)]
    widths = [max(cell_len(cell) for cell in column) for column in columns]
    words = [max(cell_len(word) for cell in column for word in cell.split() or [""])
             for column in columns]
    excess = sum(widths) + 3 * len(widths) + 1 - width
    for which, least in ((wrap, [max(w, MIN_WRAP) for w in words]), (range(len(widths)), words)):
        while excess > 0:
            shrinkable = [i for i in which if widths[i] > least[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i])
            level = max((widths[i] for i in shrinkable if i != widest), default=0)
            if level >= widths[widest]:  # as wide as another: one step at a time
                level = widths[widest] - 1
            new = max(least[widest], level, widths[widest] - excess)
            excess -= widths[widest] - new
            widths[widest] = new
    return widths


def _table(title: str, headers: Sequence[str], right: Sequence[int], widths: Sequence[int],
           rows: Sequence[Sequence[str]]) -> Table:
    """A table with these columns (``right``: the right-aligned ones) at fixed widths."""
    table = Table(title=title, title_justify="left", show_lines=False)
    for i, (header, column_width) in enumerate(zip(headers, widths, strict=True)):
        table.add_column(header, justify="right" if i in right else "left", width=column_width)
    for row in rows:
        table.add_row(*_cells(*row))
    return table


def build(indication: Indication, width: int = 120) -> Group:
    """What ``hbh bereken`` shows, for a terminal ``width`` columns wide."""
    ind = indication
    parts: list[object] = []
    head = Text()
    head.append(f"Indicatie hulp bij het huishouden — {ind.kenmerk}\n", style="bold")
    head.append(f"{hours_text(ind.totaal_minuten_per_week)} per week "
                f"({ind.totaal_minuten_per_week} minuten)", style="bold green")
    year = ind.uren_per_jaar
    head.append(f"\n{per_year_line(year.exact, year.afgerond, ind.einddatum)}", style="green")
    head.append(f"\nIngangsdatum {date_text(ind.ingangsdatum)}")
    if ind.einddatum:
        head.append(f", einddatum {date_text(ind.einddatum)}")
    if ind.herindicatiedatum:
        head.append(f", herindicatie {date_text(ind.herindicatiedatum)}")
    stamp = ind.stempel
    head.append(f"\nNormenset {stamp.normen_id} versie {stamp.normen_versie}: {stamp.normen_titel}")
    if ind.voorbeeldnormen:
        head.append("\nLET OP: gebruikt voorbeeldnormen, geen officiële normtijden.",
                    style="bold yellow")
    if ind.voorlopig:
        head.append("\nVOORLOPIG: onbekende feiten — " + ", ".join(ind.onbekende_feiten),
                    style="bold red")
    parts.append(Panel(head, expand=False))

    headers: Row = ("Activiteit", "Norm", "Wie doet wat (min/week)", "Hulp")
    per_category: dict[Category, list[Row]] = {cat.categorie: [] for cat in ind.categorieen}
    for act in ind.activiteiten:
        if act.categorie in per_category:
            per_category[act.categorie].append((
                act.label + ("" if act.uitstelbaar else " *"), minutes(act.norm_minuten_per_week),
                "; ".join(share_text(s) for s in act.verdeling) or "—",
                minutes(act.hulp_minuten_per_week)))
    shared = _widths(headers, [row for rows in per_category.values() for row in rows], (0, 2),
                     width)
    for cat in ind.categorieen:
        yearly = per_year_line(cat.hulp_uren_per_jaar, cat.hulp_uren_per_jaar_afgerond)
        if ind.einddatum:
            yearly += " (als tarief)"
        parts.append(_table(f"{cat.label}: {minutes(cat.hulp_minuten_per_week)} min/week hulp"
                            f" · {yearly}", headers, (1, 3), shared, per_category[cat.categorie]))
    parts.append(Text("* niet-uitstelbaar (§2.3)", style="dim"))

    if len(ind.perioden) > 1 or ind.tijdelijke_delen:
        headers = ("Van", "Tot en met", "Minuten/week", "Uren/jaar (als tarief)", "Onderdelen")
        rows: list[Row] = []
        for period in ind.perioden:
            exact = fraction_text(period.uren_per_jaar_exact, 2)
            per_year = (exact if period.uren_per_jaar is None
                        else f"{period.uren_per_jaar} (exact {exact})")
            rows.append((date_text(period.van), date_text(period.tot),
                         str(period.minuten_per_week), per_year, "; ".join(period.onderdelen)))
        parts.append(_table("Perioden", headers, (2, 3), _widths(headers, rows, (4,), width),
                            rows))

    parts.append(Text(year.toelichting, style="dim"))

    if ind.oefenplan is not None:
        text = Text()
        for i, phase in enumerate(ind.oefenplan.fasen, 1):
            text.append(f"• Fase {i}, {date_text(phase.van)} t/m {date_text(phase.tot)}: "
                        f"{phase.label}, {minutes(phase.hulp_minuten_per_week)} min/week "
                        f"(overnemen {minutes(phase.overnemen_minuten_per_week)})\n")
        text.append(f"Vanaf {date_text(ind.oefenplan.zelf_vanaf)} doet de cliënt het zelf: "
                    f"{', '.join(ind.oefenplan.activiteiten)}.")
        parts.append(Panel(text, title=Text("Oefenplan (§1.5)"), expand=False))

    if ind.herindicatiedata:
        text = Text()
        for moment in ind.herindicatiedata:
            text.append(f"• {'uiterlijk ' if moment.uiterlijk else ''}{date_text(moment.datum)}: "
                        f"{moment.toelichting} ({moment.paragraaf})\n")
        text.rstrip()
        parts.append(Panel(text, title=Text("Herindicatiemomenten"), expand=False))

    if ind.ongebruikte_feiten:
        text = Text()
        for fact in ind.ongebruikte_feiten:
            text.append(f"• {fact.veld} ({fact.waarde}): {fact.reden}\n")
        parts.append(Panel(text, title=Text("Feiten die niet meetelden"), border_style="blue",
                           expand=False))

    if ind.waarschuwingen:
        text = Text()
        for warn in ind.waarschuwingen:
            text.append(f"• {warn.paragraaf}: {warn.tekst}\n")
        parts.append(Panel(text, title=Text("Waarschuwingen"), border_style="yellow", expand=False))

    headers = ("#", "§", "Stap", "Min/week")
    steps: list[Row] = []
    for step in ind.uitleg:
        effect = minutes(step.minuten_per_week) if step.minuten_per_week else ""
        if step.minuten_per_week > 0:
            effect = "+" + effect
        steps.append((str(step.nr), step.paragraaf, step.tekst, effect))
    parts.append(_table("Onderbouwing", headers, (0, 3), _widths(headers, steps, (2,), width),
                        steps))
    parts.append(Text(
        f"Engine {stamp.engine_versie} · normenset sha256 {stamp.normen_sha256[:16]}… · "
        f"peildatum {stamp.peildatum}", style="dim"))
    return Group(*parts)  # type: ignore[arg-type]


MIN_WIDTH = 120
"""``hbh bereken`` draws at least this wide (a narrower terminal wraps the lines)."""


def render(indication: Indication, width: int = MIN_WIDTH) -> str:
    """As text ``width`` columns wide, without colours. Every text is shown as written: no
    rich markup, ``:emoji:`` codes or highlighting in a title or header either (and rich need
    not load its emoji table); so too in :func:`show`."""
    console = Console(width=width, record=True, force_terminal=False, color_system=None,
                      markup=False, emoji=False, highlight=False)
    with console.capture() as capture:
        console.print(build(indication, width))
    return capture.get()


def show(indication: Indication) -> None:
    """On the terminal (standard output), at least :data:`MIN_WIDTH` wide."""
    console = Console(markup=False, emoji=False, highlight=False)
    console.width = max(console.width, MIN_WIDTH)
    console.print(build(indication, console.width))
