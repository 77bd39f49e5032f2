"""Terminal rendering with rich: a table per result category and the explanation."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hbh_indicatie.models.indication import Indication
from hbh_indicatie.render.words import (
    date_text,
    hours_text,
    minutes,
    per_year_line,
    share_text,
    year_hours,
)


def _cells(*values: str) -> list[Text]:
    """Cells as plain text: a label or step text is shown as written (a '[' is no rich
    markup), and rich skips its markup, emoji and highlighting pass per cell."""
    return [Text(value) for value in values]


def build(indication: Indication) -> Group:
    ind = indication
    parts: list[object] = []
    head = Text()
    head.append(f"Indicatie hulp bij het huishouden — {ind.kenmerk}\n", style="bold")
    head.append(f"{hours_text(ind.totaal_minuten_per_week)} per week "
                f"({ind.totaal_minuten_per_week} minuten)", style="bold green")
    year = ind.uren_per_jaar
    head.append(f"\n{per_year_line(year.exact, year.afgerond)}", style="green")
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

    for cat in ind.categorieen:
        yearly = per_year_line(cat.hulp_uren_per_jaar, cat.hulp_uren_per_jaar_afgerond)
        table = Table(title=f"{cat.label}: {minutes(cat.hulp_minuten_per_week)} min/week hulp"
                            f" · {yearly}",
                      title_justify="left", show_lines=False)
        table.add_column("Activiteit")
        table.add_column("Norm", justify="right")
        table.add_column("Wie doet wat (min/week)")
        table.add_column("Hulp", justify="right")
        for act in ind.activiteiten:
            if act.categorie is not cat.categorie:
                continue
            label = act.label + ("" if act.uitstelbaar else " *")
            who = "; ".join(share_text(s) for s in act.verdeling) or "—"
            table.add_row(*_cells(label, minutes(act.norm_minuten_per_week), who,
                                  minutes(act.hulp_minuten_per_week)))
        parts.append(table)
    parts.append(Text("* niet-uitstelbaar (§2.3)", style="dim"))

    if len(ind.perioden) > 1 or ind.tijdelijke_delen:
        table = Table(title="Perioden", title_justify="left")
        table.add_column("Van")
        table.add_column("Tot en met")
        table.add_column("Minuten/week", justify="right")
        table.add_column("Uren/jaar", justify="right")
        table.add_column("Onderdelen")
        for period in ind.perioden:
            per_year = (year_hours(period.uren_per_jaar_exact) if period.uren_per_jaar is None
                        else f"{period.uren_per_jaar} ({year_hours(period.uren_per_jaar_exact)})")
            table.add_row(*_cells(date_text(period.van), date_text(period.tot),
                                  str(period.minuten_per_week), per_year,
                                  "; ".join(period.onderdelen)))
        parts.append(table)

    parts.append(Text(year.toelichting, style="dim"))

    if ind.oefenplan is not None:
        text = Text()
        for i, phase in enumerate(ind.oefenplan.fasen, 1):
            text.append(f"• Fase {i}, {date_text(phase.van)} t/m {date_text(phase.tot)}: "
                        f"{phase.label}, {minutes(phase.hulp_minuten_per_week)} min/week "
                        f"(overnemen {minutes(phase.overnemen_minuten_per_week)})\n")
        text.append(f"Vanaf {date_text(ind.oefenplan.zelf_vanaf)} doet de cliënt het zelf: "
                    f"{', '.join(ind.oefenplan.activiteiten)}.")
        parts.append(Panel(text, title="Oefenplan (§1.5)", expand=False))

    if ind.herindicatiedata:
        text = Text()
        for moment in ind.herindicatiedata:
            text.append(f"• {'uiterlijk ' if moment.uiterlijk else ''}{date_text(moment.datum)}: "
                        f"{moment.toelichting} ({moment.paragraaf})\n")
        text.rstrip()
        parts.append(Panel(text, title="Herindicatiemomenten", expand=False))

    if ind.ongebruikte_feiten:
        text = Text()
        for fact in ind.ongebruikte_feiten:
            text.append(f"• {fact.veld} ({fact.waarde}): {fact.reden}\n")
        parts.append(Panel(text, title="Feiten die niet meetelden", border_style="blue",
                           expand=False))

    if ind.waarschuwingen:
        text = Text()
        for warn in ind.waarschuwingen:
            text.append(f"• {warn.paragraaf}: {warn.tekst}\n")
        parts.append(Panel(text, title="Waarschuwingen", border_style="yellow", expand=False))

    uitleg = Table(title="Onderbouwing", title_justify="left", show_lines=False)
    uitleg.add_column("#", justify="right")
    uitleg.add_column("§")
    uitleg.add_column("Stap")
    uitleg.add_column("Min/week", justify="right")
    for step in ind.uitleg:
        effect = minutes(step.minuten_per_week) if step.minuten_per_week else ""
        if step.minuten_per_week > 0:
            effect = "+" + effect
        uitleg.add_row(*_cells(str(step.nr), step.paragraaf, step.tekst, effect))
    parts.append(uitleg)
    parts.append(Text(
        f"Engine {stamp.engine_versie} · normenset sha256 {stamp.normen_sha256[:16]}… · "
        f"peildatum {stamp.peildatum}", style="dim"))
    return Group(*parts)  # type: ignore[arg-type]


def render(indication: Indication, width: int = 120) -> str:
    console = Console(width=width, record=True, force_terminal=False, color_system=None)
    with console.capture() as capture:
        console.print(build(indication))
    return capture.get()


def show(indication: Indication, console: Console) -> None:
    console.print(build(indication))
