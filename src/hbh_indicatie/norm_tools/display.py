"""Dutch text output of ``hbh normen`` (formatting only: every figure is computed elsewhere)."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from hbh_indicatie.models.common import CATEGORY_LABELS, fraction_text
from hbh_indicatie.norm_tools.checks import FileReport
from hbh_indicatie.norm_tools.compare import (
    Comparison,
    Effect,
    Outcome,
    Profile,
    record,
    shown_path,
)
from hbh_indicatie.norm_tools.overview import Overview, SetSummary
from hbh_indicatie.render import stable_json
from hbh_indicatie.render.markdown_table import cell, table


def to_text(parts: Iterable[RenderableType], width: int = 140) -> str:
    console = Console(width=width, record=True, force_terminal=False, color_system=None)
    with console.capture() as capture:
        for part in parts:
            console.print(part)
    return capture.get()


def _minutes(value: Fraction | None) -> str:
    return "onbekend" if value is None else fraction_text(value)


def _yes(value: bool) -> str:
    return "ja" if value else "nee"


def lijst(sets: list[SetSummary], unreadable: list[str] | None = None) -> str:
    table = Table(title="Normensets", title_justify="left")
    for head in ("Id", "Versie", "Geldig van", "Geldig t/m", "Kader", "Titel", "Met bron",
                 "Voorbeeld", "Onbekend", "Herkomst"):
        table.add_column(head, justify="right" if head in ("Met bron", "Voorbeeld", "Onbekend")
                         else "left")
    for s in sets:
        n = s.loaded.norms
        table.add_row(n.id, n.version, str(n.valid_from), str(n.valid_to or "heden"), n.framework,
                      n.title, str(s.published), str(s.example), str(s.unknown), s.origin)
    note = Text("Met bron = cijfers met status gepubliceerd en een bron; voorbeeld = geen "
                "officiële norm; onbekend = niet gepubliceerd, wordt nooit stil toegepast.")
    parts: list[RenderableType] = [table, note]
    if unreadable:
        parts.append(Text("Niet te lezen (niet in de lijst):\n" + "\n".join(unreadable), style="bold red"))
    return to_text(parts)


def toon(view: Overview) -> str:
    n = view.norms
    parts: list[RenderableType] = [Text(
        f"{n.title}\nid {n.id}, versie {n.version}, geldig van {n.valid_from} t/m "
        f"{n.valid_to or 'heden'}, kader {n.framework}"
        + (f", gemeente {n.municipality}" if n.municipality else "")
        + f"\n{fraction_text(n.weeks_per_year, 4)} weken per jaar; afronding "
        f"{n.rounding.method.replace('_', ' ')} op {n.rounding.step_minutes} "
        f"{'minuut' if n.rounding.step_minutes == 1 else 'minuten'}; uren per jaar "
        + ("niet afgerond" if n.yearly_rounding is None else
           f"naar boven op {n.yearly_rounding.step_hours} uur "
           f"({n.yearly_rounding.provenance.status.value})"),
        style="bold")]
    parts.append(Text("Beleidsuitgangspunten:\n" + "\n".join(f"• {a}" for a in n.policy_assumptions)))
    for cat, rows in view.items.items():
        table = Table(title=CATEGORY_LABELS[cat], title_justify="left", show_lines=True)
        for head in ("Onderdeel", "Hoeveelheid", "Frequentie", "Min/week", "Uitstelbaar",
                     "Vervangbaar door", "Bron"):
            table.add_column(head, justify="right" if head == "Min/week" else "left")
        for row in rows:
            minutes = "; ".join(f"{size}+: {_minutes(m)}" if len(row.minutes) > 1 else _minutes(m)
                                for size, m in row.minutes)
            label = f"{row.label} ({row.id})" + (f"\n{row.per_child}" if row.per_child else "")
            table.add_row(label, row.amount, row.frequency, minutes, _yes(row.postponable),
                          row.replaceable or "—", row.source)
        parts.append(table)
    if view.supplements:
        table = Table(title="Toeslagen en aftrekken", title_justify="left", show_lines=True)
        for head in ("Onderdeel", "Soort", "Voorwaarde", "Hoeveelheid", "Frequentie", "Min/week",
                     "Vermenigvuldiging", "Maximum", "Bron"):
            table.add_column(head, justify="right" if head == "Min/week" else "left")
        for sup in view.supplements:
            target = f"\nop {sup.target}" if sup.target else ""
            table.add_row(f"{sup.label} ({sup.id})", sup.kind + target, sup.condition, sup.amount,
                          sup.frequency, _minutes(sup.minutes), sup.multiplier, sup.cap, sup.source)
        parts.append(table)
    table = Table(title="Leeftijdsgroepen kinderen (gebruikelijke hulp, §2)", title_justify="left")
    for head in ("Leeftijd", "Omschrijving", "Taken", "Bron"):
        table.add_column(head)
    for band in view.bands:
        table.add_row(band.ages, band.label, band.tasks, band.source)
    parts.append(table)
    return to_text(parts)


def controle(reports: list[FileReport]) -> str:
    lines: list[str] = []
    for report in reports:
        if not report.findings:
            lines.append(f"{report.path}: in orde")
            continue
        lines.append(f"{report.path}: {len(report.findings)} bevinding(en)")
        lines += [f"  - {f.item}: [{f.rule}] {f.message}" for f in report.findings]
    total = sum(len(r.findings) for r in reports)
    lines.append(f"Totaal: {len(reports)} bestand(en), {total} bevinding(en).")
    return "\n".join(lines) + "\n"


def _profile(value: Profile) -> str:
    if len({m for _, m in value}) == 1 and len(value) > 1:
        return _minutes(value[0][1])
    return "; ".join(f"{label}: {_minutes(m)}" for label, m in value) or "—"


def _outcome(value: Outcome) -> str:
    return str(value.minutes) if value.minutes is not None else "niet te berekenen"


def _sides(comp: Comparison) -> tuple[str, str]:
    a, b = comp.old.norms, comp.new.norms
    return (f"{a.id} {a.version} ({shown_path(comp.old)})",
            f"{b.id} {b.version} ({shown_path(comp.new)})")


def _delta(eff: Effect) -> str:
    return f"{eff.delta:+d}" if eff.delta is not None else "—"


def _reasons(comp: Comparison) -> list[str]:
    """One line per reason a reference household cannot be computed, with the households."""
    reasons: dict[tuple[str, str], list[str]] = {}
    for eff in comp.effects:
        for which, out in (("A", eff.old), ("B", eff.new)):
            if out.reason:
                reasons.setdefault((which, out.reason), []).append(eff.household.key)
    return [f"onder {which} voor {', '.join(keys)}: {reason}"
            for (which, reason), keys in reasons.items()]


NO_DIFFERENCES = "Geen verschillen: alle onderdelen en alle referentiehuishoudens gelijk."
ITEMS_TITLE = "Onderdelen (minuten per week)"
EFFECTS_TITLE = "Effect op referentiehuishoudens (totaal minuten per week)"


def vergelijking(comp: Comparison) -> str:
    side_a, side_b = _sides(comp)
    parts: list[RenderableType] = [Text(
        f"Vergelijking A = {side_a}\n           met B = {side_b}", style="bold")]
    if comp.unchanged:
        parts.append(Text(NO_DIFFERENCES))
        return to_text(parts)
    if comp.changes:
        table = Table(title=ITEMS_TITLE, title_justify="left", show_lines=True)
        for head in ("Onderdeel", "Wijziging", "A", "B", "Toelichting"):
            table.add_column(head)
        for ch in comp.changes:
            table.add_row(f"{ch.label} ({ch.id})", ch.kind, _profile(ch.old), _profile(ch.new),
                          "; ".join(ch.notes))
        parts.append(table)
    else:
        parts.append(Text("Onderdelen: geen verschillen."))
    table = Table(title=EFFECTS_TITLE, title_justify="left", show_lines=True)
    for head in ("Huishouden", "A", "B", "Verschil"):
        table.add_column(head, justify="left" if head == "Huishouden" else "right")
    for eff in comp.effects:
        table.add_row(f"{eff.household.label}\n({eff.household.key})", _outcome(eff.old),
                      _outcome(eff.new), _delta(eff))
    parts.append(table)
    reasons = _reasons(comp)
    if reasons:
        parts.append(Text("Niet te berekenen:\n" + "\n".join(f"• {r}" for r in reasons)))
    return to_text(parts)


def vergelijking_markdown(comp: Comparison) -> str:
    """The comparison as Markdown, e.g. for a council memo (same content as the table)."""
    side_a, side_b = _sides(comp)
    lines = ["# Vergelijking normensets", "", f"- A = {cell(side_a)}", f"- B = {cell(side_b)}", ""]
    if comp.unchanged:
        return "\n".join([*lines, NO_DIFFERENCES, ""])
    lines.append(f"## {ITEMS_TITLE}")
    lines.append("")
    if comp.changes:
        lines += table(("Onderdeel", "Wijziging", "A", "B", "Toelichting"), (
            (f"{ch.label} ({ch.id})", ch.kind, _profile(ch.old), _profile(ch.new),
             "; ".join(ch.notes)) for ch in comp.changes))
    else:
        lines.append("Geen verschillen.")
    lines += ["", f"## {EFFECTS_TITLE}", ""]
    lines += table(("Huishouden", "Kenmerk", "A", "B", "Verschil"), (
        (e.household.label, e.household.key, _outcome(e.old), _outcome(e.new), _delta(e))
        for e in comp.effects))
    reasons = _reasons(comp)
    if reasons:
        lines += ["", "Niet te berekenen:", ""] + [f"- {cell(r)}" for r in reasons]
    return "\n".join(lines) + "\n"


def vergelijking_json(comp: Comparison) -> str:
    """The comparison as JSON (``hbh.normvergelijking.v1``): sorted keys, exact minutes."""
    data = record(comp).model_dump(mode="json", by_alias=True)
    return stable_json.dumps(data)
