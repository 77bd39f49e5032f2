"""Terminal report of an impact run (formatting only; the figures come from :class:`Impact`)."""

from __future__ import annotations

from fractions import Fraction

from rich.console import Console
from rich.table import Table

from hbh_indicatie.batch.impact import Impact
from hbh_indicatie.models.common import fraction_text

BAR_WIDTH = 40


def signed(value: Fraction, decimals: int = 1) -> str:
    text = fraction_text(value, decimals)
    return text if value <= 0 else f"+{text}"


def render(result: Impact, old: str, new: str, console: Console) -> None:
    console.print(f"[bold]Impact van normwijziging[/bold]: {old} → {new}")
    console.print(
        f"Cliënten: {result.clients}; omhoog {result.up}, omlaag {result.down}, "
        f"gelijk {result.same}."
    )
    console.print(
        f"Verschil totaal: {signed(Fraction(result.sum_minutes))} min/week = "
        f"{signed(result.sum_hours)} uur/jaar; gemiddeld per cliënt "
        f"{signed(result.mean_minutes, 2)} min/week = {signed(result.mean_hours, 2)} uur/jaar."
    )
    _histogram(result, console)
    for title, rows in (("Grootste verliezers", result.losers()),
                        ("Grootste winnaars", result.gainers())):
        if rows:
            console.print(f"[bold]{title}[/bold]")
            table = Table()
            for column in ("kenmerk", "oud min/week", "nieuw min/week", "verschil"):
                table.add_column(column, justify="left" if column == "kenmerk" else "right")
            for key, before, after in rows:
                table.add_row(key, str(before), str(after), signed(Fraction(after - before), 0))
            console.print(table)
    for title, what, hint in (
        ("Activiteiten die het verschil maken", result.activities,
         "som van het verschil in hulpminuten per week over alle cliënten"),
        ("Regels die het verschil maken", result.rules,
         "som van het effect per regel (stap in de onderbouwing) over alle cliënten"),
    ):
        drivers = result.drivers(what)
        if not drivers:
            continue
        console.print(f"[bold]{title}[/bold] ({hint})")
        table = Table()
        table.add_column("id")
        table.add_column("min/week", justify="right")
        for key, value in drivers:
            table.add_row(key, signed(value))
        console.print(table)


def _histogram(result: Impact, console: Console) -> None:
    classes = result.classes()
    if not classes:
        return
    peak = max(count for _, count in classes) or 1
    console.print(f"[bold]Verdeling van het verschil[/bold] (min/week, klassen van {result.width})")
    table = Table(show_header=False, box=None)
    table.add_column(justify="right")
    table.add_column()
    table.add_column(justify="right")
    for label, count in classes:
        length = round(BAR_WIDTH * count / peak)
        table.add_row(label, "█" * (length or (1 if count else 0)), str(count))
    console.print(table)
