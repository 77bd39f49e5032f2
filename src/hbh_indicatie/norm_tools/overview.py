"""Data for ``hbh normen lijst`` and ``hbh normen toon`` (computed here, formatted elsewhere)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from hbh_indicatie.errors import InputError
from hbh_indicatie.loading.norm_sets import (
    check_versions,
    load_folder,
    load_norm_file,
    norm_files,
    shipped_norms_dir,
)
from hbh_indicatie.models.common import Category
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.models.norm_set import Activity, FigureStatus, NormSet, Supplement
from hbh_indicatie.norm_tools.measures import activity_minutes, supplement_minutes
from hbh_indicatie.rules.normering import provenance_text


@dataclass(frozen=True)
class SetSummary:
    loaded: LoadedNorms
    origin: str
    published: int
    example: int
    unknown: int


def summarize(loaded: LoadedNorms, origin: str) -> SetSummary:
    counts = Counter(p.status for _, p in loaded.norms.provenances())
    return SetSummary(loaded, origin, counts[FigureStatus.PUBLISHED],
                      counts[FigureStatus.EXAMPLE], counts[FigureStatus.UNKNOWN])


def find_sets(folder: Path | None = None) -> tuple[list[SetSummary], list[str]]:
    """Shipped sets and those in ``folder``, plus a Dutch message per file in ``folder`` that
    cannot be read (the others are still listed). Versions of one id may not overlap or gap."""
    shipped = load_folder(shipped_norms_dir())
    extra: list[LoadedNorms] = []
    unreadable: list[str] = []
    for path in norm_files(folder) if folder is not None else []:
        try:
            extra.append(load_norm_file(path))
        except InputError as exc:
            unreadable.append(exc.message)
    check_versions(shipped + extra)
    found = [summarize(x, "meegeleverd") for x in shipped]
    found += [summarize(x, str(folder)) for x in extra]
    return sorted(found, key=lambda s: (s.loaded.norms.id, s.loaded.norms.valid_from)), unreadable


@dataclass(frozen=True)
class ItemRow:
    id: str
    label: str
    amount: str
    frequency: str
    minutes: tuple[tuple[int, Fraction | None], ...]
    postponable: bool
    replaceable: str
    per_child: str
    source: str


@dataclass(frozen=True)
class SupplementRow:
    id: str
    label: str
    kind: str
    condition: str
    category: Category
    amount: str
    frequency: str
    minutes: Fraction | None
    multiplier: str
    cap: str
    target: str
    source: str


@dataclass(frozen=True)
class BandRow:
    ages: str
    label: str
    tasks: str
    source: str


@dataclass(frozen=True)
class Overview:
    norms: NormSet
    items: dict[Category, tuple[ItemRow, ...]]
    supplements: tuple[SupplementRow, ...]
    bands: tuple[BandRow, ...]


def _amount(value: object, unit: str) -> str:
    return "onbekend" if value is None else f"{value} {unit}"


def _frequency(act: Activity | Supplement) -> str:
    return f"{act.frequency.times} per {act.frequency.per.value}"


def _item(norms: NormSet, act: Activity) -> ItemRow:
    at = tuple(v.from_persons for v in act.size_variants) or (1,)
    amount = _amount(act.amount, act.unit.value)
    if act.size_variants:
        amount = "; ".join(f"{v.from_persons}+ pers.: {v.amount}" for v in act.size_variants) \
            + f" {act.unit.value}"
    replaceable = "; ".join(
        f"{r.aid.value if r.aid else r.provision.value if r.provision else ''} "
        f"{r.share_percent}%"
        for r in act.replaceable_by
    )
    per_child = (f"per kind {act.per_child.from_age}-{act.per_child.to_age} jaar"
                 if act.per_child else "")
    sources = [provenance_text(act.provenance)]
    sources += [f"{v.from_persons}+: {provenance_text(v.provenance)}" for v in act.size_variants
                if v.provenance != act.provenance]
    return ItemRow(act.id, act.label, amount, _frequency(act),
                   tuple((size, activity_minutes(norms, act, size)) for size in at),
                   act.postponable, replaceable, per_child, "; ".join(sources))


def _supplement(norms: NormSet, sup: Supplement) -> SupplementRow:
    cap = f"{sup.cap_minutes_per_week} min/week" if sup.cap_minutes_per_week else "geen"
    if sup.cap_provenance is not None:
        cap += f" ({provenance_text(sup.cap_provenance)})"
    return SupplementRow(sup.id, sup.label, sup.kind, sup.condition.value, sup.category,
                         _amount(sup.amount, sup.unit.value), _frequency(sup),
                         supplement_minutes(norms, sup), sup.multiplier.value, cap,
                         sup.target or " ".join(sup.activities), provenance_text(sup.provenance))


def overview(norms: NormSet) -> Overview:
    items = {
        cat: tuple(_item(norms, a) for a in norms.activities if a.category is cat)
        for cat in Category
    }
    bands = tuple(
        BandRow(f"{b.from_age} t/m {b.to_age}", b.label,
                "; ".join(f"{t.activity} {t.share_percent}%" for t in b.tasks) or "geen",
                provenance_text(b.provenance))
        for b in sorted(norms.age_bands, key=lambda b: b.from_age)
    )
    return Overview(norms, {c: rows for c, rows in items.items() if rows},
                    tuple(_supplement(norms, s) for s in norms.supplements), bands)

