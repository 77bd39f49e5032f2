"""Terminal report of an impact run (formatting only; the figures come from the memo)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from hbh_indicatie.batch.impact_memo import Driver, Memo
from hbh_indicatie.render import number_format
from hbh_indicatie.render.impact import range_text, texts

BAR_WIDTH = 40


def render(memo: Memo, console: Console) -> None:
    n = number_format.number
    console.print(f"[bold]Impact van normwijziging[/bold]: {memo.old.gevraagd} → {memo.new.gevraagd}",
                  markup=True, highlight=False)
    if memo.twins:
        console.print(f"[bold]Let op[/bold]: A en B heten allebei {' en '.join(memo.twin_names)}, "
                      "maar het zijn verschillende bestanden met andere cijfers. "
                      f"A: {memo.old_name}; B: {memo.new_name}. Geef een eigen normenset een eigen "
                      "id of versie (hbh normen importeer … --id … --versie …).",
                      markup=True, highlight=False)
    changes = memo.norm_changes
    if changes is not None:  # the memo's own heading and sentence (one wording, _impact.j2)
        console.print("[bold]Wat verandert in de normen (B tegenover A)[/bold]: "
                      + str(texts().wijzigingen_kop(changes)), markup=True, highlight=False)
        for line in changes.wijzigingen:
            console.print(f"- {line}", markup=False, highlight=False)
    console.print(f"Cliënten: {n(memo.computed)}; omhoog {n(memo.up)}, omlaag {n(memo.down)}, "
                  f"gelijk {n(memo.same)}.", highlight=False)
    console.print(
        f"Verschil totaal: {number_format.signed(memo.delta_minutes)} min/week = "
        f"{number_format.signed(memo.delta_hours_per_week)} uur/week = "
        f"{number_format.signed(memo.delta_hours_per_year)} uur/jaar; gemiddeld per cliënt "
        f"{number_format.signed(memo.mean_minutes, 2)} min/week = "
        f"{number_format.signed(memo.mean_hours_per_year, 2)} uur/jaar.", highlight=False)
    console.print(f"Nu {n(memo.old_hours_per_week)} uur/week ({n(memo.old_hours_per_year)} uur/jaar), "
                  f"straks {n(memo.new_hours_per_week)} uur/week "
                  f"({n(memo.new_hours_per_year)} uur/jaar).", highlight=False)
    if memo.money is not None:
        m = memo.money
        console.print(f"Tarief {number_format.euro_cents(m.rate)} per uur: "
                      f"nu {number_format.euro(m.old_euros)} per jaar, "
                      f"straks {number_format.euro(m.new_euros)}; verschil "
                      f"{'-' if m.delta_euros < 0 else '+'}{number_format.euro(abs(m.delta_euros))} "
                      "per jaar.",
                      highlight=False)
    _histogram(memo, console)
    for title, rows in (("Grootste verliezers", memo.losers), ("Grootste winnaars", memo.gainers)):
        if rows:
            console.print(f"[bold]{title}[/bold]")
            table = Table()
            for column in ("kenmerk", "oud min/week", "nieuw min/week", "verschil"):
                table.add_column(column, justify="left" if column == "kenmerk" else "right")
            for c in rows:
                table.add_row(c.key, n(c.old), n(c.new), number_format.signed(c.delta))
            console.print(table)
    _drivers(console, "Onderdelen die het verschil maken",
             "verschil in hulp: bij hoeveel cliënten, samen en per cliënt", memo.activity_drivers)
    _drivers(console, "Regels die het verschil maken",
             "per stap in de onderbouwing; een normregel telt de hele normtijd, latere regels "
             "halen er weer af" + ("; samen het totale verschil" if memo.all_rules_listed else ""),
             memo.rule_drivers)
    if memo.unknown_reasons:
        console.print(f"[bold]Niet te berekenen, cijfer onbekend[/bold]: {n(memo.unknown)} "
                      "cliënten (geen fout in de casus: de normenset mist een cijfer)")
        for reason, count in memo.unknown_reasons:
            console.print(f"  {n(count)}: {reason}", highlight=False, markup=False)
    if memo.reasons:
        console.print(f"[bold]Mislukt[/bold]: {n(memo.failed)} casussen (zie {memo.errors_file})")
        for reason, count in memo.reasons:
            console.print(f"  {n(count)}: {reason}", highlight=False, markup=False)


def _drivers(console: Console, title: str, hint: str, drivers: tuple[Driver, ...]) -> None:
    if not drivers:
        return
    console.print(f"[bold]{title}[/bold] ({hint})")
    table = Table()
    table.add_column("onderdeel of regel")
    table.add_column("cliënten", justify="right")
    table.add_column("uur/week, samen", justify="right")
    table.add_column("min/week per cliënt", justify="right")
    for d in drivers:
        table.add_row(d.label, number_format.number(d.clients),
                      number_format.signed(d.minutes / 60), number_format.signed(d.mean))
    console.print(table)


def _histogram(memo: Memo, console: Console) -> None:
    rows = memo.distribution
    if not rows:
        return
    peak = max(r.clients for r in rows) or 1
    console.print(f"[bold]Verdeling van het verschil[/bold] (min/week, klassen van {memo.width})")
    table = Table(show_header=False, box=None)
    table.add_column(justify="right")
    table.add_column()
    table.add_column(justify="right")
    colour = {"omlaag": "red", "gelijk": "white", "omhoog": "blue"}
    for r in rows:
        length = round(BAR_WIDTH * r.clients / peak)
        bar = "█" * (length or (1 if r.clients else 0))
        table.add_row(range_text(r.low, r.high), f"[{colour[r.side]}]{bar}[/]",
                      number_format.number(r.clients))
    console.print(table)
