"""What changed in the norm figures between side A and side B of an impact run, in words a
council member reads ("Stofzuigen: 25 → 30 minuten per keer (1 keer per week)").

Built on the same comparison as ``hbh normen vergelijk`` (:func:`item_changes`); pure: the
sets come in, sentences go out. A changed base figure that a household-size table shadows is
said to count nowhere (finding 1 of new-user trial 2), never listed as a change in norm time.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hbh_indicatie.models import impact as model
from hbh_indicatie.models.common import fraction_text
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.models.norm_set import Activity, Frequency, NormSet, Supplement
from hbh_indicatie.norm_tools.compare import item_changes

AMOUNT_FIELDS = ("hoeveelheid", "eenheid", "frequentie", "huishoudgrootte",
                 "maximum_minuten_per_week")
"""Fields said in words; any other changed field is named (``ook gewijzigd: herkomst``)."""


def _n(value: Decimal | Fraction) -> str:
    return fraction_text(Fraction(value), 4)


def _frequency(freq: Frequency) -> str:
    return f"{_n(freq.times)} keer per {freq.per.value.replace('_', ' ')}"


def _unit(item: Activity | Supplement) -> str:
    return item.unit.value


def _amounts(old: Activity | Supplement, new: Activity | Supplement) -> list[str]:
    """The changed amounts of one item, in words."""
    parts: list[str] = []
    dead: list[str] = []
    unit = _unit(new) if _unit(new) == _unit(old) else None
    if isinstance(old, Activity) and isinstance(new, Activity) and (
            old.size_variants or new.size_variants):
        before = {v.from_persons: v.amount for v in old.size_variants}
        after = {v.from_persons: v.amount for v in new.size_variants}
        base_old = old.amount if not old.size_variants else None
        base_new = new.amount if not new.size_variants else None
        for size in sorted(before.keys() | after.keys()):
            a, b = before.get(size, base_old), after.get(size, base_new)
            if a != b:
                who = "1 persoon" if size == 1 else f"{size} personen"
                parts.append(f"vanaf {who}: {_n(a) if a is not None else '—'} → "
                             f"{_n(b) if b is not None else '—'} {_unit(new)} per keer")
        if unit is None:
            parts.append(f"eenheid: {_unit(old)} → {_unit(new)}")
        tracks = old.amount == before.get(1, base_old) and new.amount == after.get(1, base_new)
        if new.size_variants and old.amount != new.amount and not tracks:
            dead.append(f"het cijfer 'hoeveelheid' ({_n(old.amount) if old.amount else '—'} → "
                         f"{_n(new.amount) if new.amount else '—'}) telt niet mee: de tabel per "
                         "huishoudgrootte geeft de normtijd")
    elif old.amount != new.amount or unit is None:
        was = _n(old.amount) if old.amount is not None else "geen cijfer"
        now = _n(new.amount) if new.amount is not None else "geen cijfer"
        parts.append(f"{was} → {now} {unit} per keer" if unit
                     else f"{was} {_unit(old)} → {now} {_unit(new)} per keer")
    if old.frequency != new.frequency:
        parts.append(f"{_frequency(old.frequency)} → {_frequency(new.frequency)}")
    elif parts:
        parts[-1] += f" ({_frequency(new.frequency)})"
    if isinstance(old, Supplement) and isinstance(new, Supplement) \
            and old.cap_minutes_per_week != new.cap_minutes_per_week:
        was = _n(old.cap_minutes_per_week) if old.cap_minutes_per_week else "geen"
        now = _n(new.cap_minutes_per_week) if new.cap_minutes_per_week else "geen"
        parts.append(f"maximum {was} → {now} minuten per week")
    return parts + dead


def norm_changes(old: NormSet, new: NormSet) -> tuple[str, ...]:
    """Every changed item and setting of B against A, one sentence each."""
    before: dict[str, Activity | Supplement] = {a.id: a for a in old.activities}
    before.update({s.id: s for s in old.supplements})
    after: dict[str, Activity | Supplement] = {a.id: a for a in new.activities}
    after.update({s.id: s for s in new.supplements})
    lines: list[str] = []
    for change in item_changes(old, new):
        if change.kind == "verwijderd":
            lines.append(f"Vervallen: {change.label}.")
            continue
        item = after[change.id]
        if change.kind == "toegevoegd":
            amount = (f"{_n(item.amount)} {_unit(item)} per keer" if item.amount is not None
                      else "zonder cijfer")
            lines.append(f"Nieuw: {change.label}: {amount} ({_frequency(item.frequency)}).")
            continue
        parts = _amounts(before[change.id], item)
        fields = sorted({note.split(" ", 1)[0].split(".", 1)[0] for note in change.notes})
        others = [f for f in fields if f not in AMOUNT_FIELDS] if parts else fields
        if others:  # what the amounts in words do not say (or, if they say nothing, every field)
            parts.append(("ook gewijzigd: " if len(parts) else "gewijzigd: ") + ", ".join(others))
        lines.append(f"{change.label}: {'; '.join(parts)}.")
    if old.weeks_per_year != new.weeks_per_year:
        lines.append(f"Weken per jaar: {_n(old.weeks_per_year)} → {_n(new.weeks_per_year)}.")
    if old.rounding.model_dump() != new.rounding.model_dump():
        lines.append(f"Afronding van het weektotaal: {old.rounding.method.replace('_', ' ')} op "
                     f"{old.rounding.step_minutes} minuten → "
                     f"{new.rounding.method.replace('_', ' ')} op {new.rounding.step_minutes} "
                     "minuten.")
    return tuple(lines)


def most_used(versions: list[LoadedNorms], side: model.Side) -> LoadedNorms | None:
    """Of the versions a ``--van``/``--naar`` spec can use, the one that computed most clients
    on this side (None when none did)."""
    if not side.normensets:
        return None
    use = max(side.normensets, key=lambda u: (u.clienten, u.id, u.versie))
    return next((v for v in versions if v.sha256 == use.sha256), None)


def changes_between(old: list[LoadedNorms], new: list[LoadedNorms],
                    data: model.ImpactReport) -> model.NormChanges | None:
    """The changes between the versions that computed most clients on each side (``old``,
    ``new``: the versions each side's spec can use)."""
    a, b = most_used(old, data.van), most_used(new, data.naar)
    if a is None or b is None:
        return None
    return model.NormChanges(
        a=f"{a.norms.id} (versie {a.norms.version})", b=f"{b.norms.id} (versie {b.norms.version})",
        alle_versies=len(data.van.normensets) == 1 and len(data.naar.normensets) == 1,
        wijzigingen=list(norm_changes(a.norms, b.norms)))
