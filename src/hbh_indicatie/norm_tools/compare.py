"""``hbh normen vergelijk A B``: what changed item by item, and the effect on households.

Items (activities and toeslagen/aftrekken) are matched by id. An item is *changed* when its
minutes per week differ for some household size (activities) or for a count of one
(toeslagen), or when its result category or uitstelbaar flag differs. The effect is the
engine's indication for every reference household (:mod:`hbh_indicatie.norm_tools.reference_households`)
under A and under B; a household the engine cannot compute under a set (e.g. a module with
status onbekend) shows the reason instead of a number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from hbh_indicatie.engine import compute
from hbh_indicatie.errors import HbhError
from hbh_indicatie.loading.norm_sets import shipped_norms_dir
from hbh_indicatie.models import comparison as model
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.models.norm_set import Activity, NormSet, Supplement
from hbh_indicatie.norm_tools.measures import activity_minutes, sizes, supplement_minutes
from hbh_indicatie.norm_tools.reference_households import Household, households

Profile = tuple[tuple[str, Fraction | None], ...]
"""(label of the variant, minutes per week or None when onbekend)."""


@dataclass(frozen=True)
class ItemChange:
    id: str
    label: str
    kind: Literal["toegevoegd", "verwijderd", "gewijzigd"]
    old: Profile
    new: Profile
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """Total minutes per week, or the reason the engine could not compute it."""

    minutes: int | None
    reason: str | None = None


@dataclass(frozen=True)
class Effect:
    household: Household
    old: Outcome
    new: Outcome

    @property
    def delta(self) -> int | None:
        if self.old.minutes is None or self.new.minutes is None:
            return None
        return self.new.minutes - self.old.minutes


@dataclass(frozen=True)
class Comparison:
    old: LoadedNorms
    new: LoadedNorms
    changes: tuple[ItemChange, ...]
    effects: tuple[Effect, ...]

    @property
    def unchanged(self) -> bool:
        return not self.changes and all(e.old == e.new for e in self.effects)


Item = Activity | Supplement


def _items(norms: NormSet) -> dict[str, Item]:
    found: dict[str, Item] = {a.id: a for a in norms.activities}
    found.update({s.id: s for s in norms.supplements})
    return found


def profile(norms: NormSet, item: Item, at_sizes: tuple[int, ...]) -> Profile:
    if isinstance(item, Supplement):
        sign = -1 if item.kind == "aftrek" else 1
        minutes = supplement_minutes(norms, item)
        return (("per keer", None if minutes is None else sign * minutes),)
    return tuple((f"{size} pers.", activity_minutes(norms, item, size)) for size in at_sizes)


NOTE_WIDTH = 60
"""Longest rendering of one old or new value in a note (longer values end in '…')."""


def _show(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= NOTE_WIDTH else text[: NOTE_WIDTH - 1] + "…"


def _field_notes(before: dict[str, Any], after: dict[str, Any], prefix: str = "") -> list[str]:
    """'field old → new' for every field (in file order) whose value differs."""
    notes: list[str] = []
    for key in [*before, *(k for k in after if k not in before)]:
        a, b = before.get(key), after.get(key)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            notes += _field_notes(a, b, f"{prefix}{key}.")
        else:
            notes.append(f"{prefix}{key} {_show('—' if a is None else a)} → "
                         f"{_show('—' if b is None else b)}")
    return notes


def _notes(old: Item, new: Item) -> tuple[str, ...]:
    """Every field of the item that differs between A and B, by its name in the norm file
    (``categorie``, ``uitstelbaar``, ``maximum_minuten_per_week``, ``herkomst.bron``, …)."""
    before = old.model_dump(mode="json", by_alias=True, exclude={"id"})
    after = new.model_dump(mode="json", by_alias=True, exclude={"id"})
    notes = _field_notes(before, after)
    if isinstance(new, Activity) and new.unused_amount is not None:
        notes = [note + SHADOWED if note.startswith("hoeveelheid ") else note for note in notes]
    return tuple(notes)


SHADOWED = (" (telt niet mee in B: de tabel 'huishoudgrootte' geeft de hoeveelheid voor elke "
            "huishoudgrootte)")
"""Said of a changed base amount that B's household-size table shadows (no effect)."""


def item_changes(old: NormSet, new: NormSet) -> tuple[ItemChange, ...]:
    at_sizes = tuple(sorted(set(sizes(old)) | set(sizes(new))))
    before, after = _items(old), _items(new)
    changes: list[ItemChange] = []
    for item_id, item in before.items():
        if item_id not in after:
            changes.append(ItemChange(item_id, item.label, "verwijderd",
                                      profile(old, item, at_sizes), ()))
    for item_id, item in after.items():
        if item_id not in before:
            changes.append(ItemChange(item_id, item.label, "toegevoegd", (),
                                      profile(new, item, at_sizes)))
            continue
        prev = before[item_id]
        a, b = profile(old, prev, at_sizes), profile(new, item, at_sizes)
        notes = _notes(prev, item)
        if a != b or notes:
            changes.append(ItemChange(item_id, item.label, "gewijzigd", a, b, notes))
    return tuple(changes)


def outcome(household: Household, norms: LoadedNorms) -> Outcome:
    try:
        return Outcome(compute(household.case, norms, household.key).totaal_minuten_per_week)
    except HbhError as exc:
        return Outcome(None, exc.message)


def compare(old: LoadedNorms, new: LoadedNorms) -> Comparison:
    effects = tuple(Effect(h, outcome(h, old), outcome(h, new)) for h in households())
    return Comparison(old, new, item_changes(old.norms, new.norms), effects)


def shown_path(loaded: LoadedNorms) -> str:
    """Where a norm set came from, the same on every machine for a shipped set
    ('norms/utrecht/2018-01-01.yaml'); other files relative to the working folder if inside it."""
    path = Path(loaded.path).resolve()
    try:
        shipped = shipped_norms_dir().resolve()
    except HbhError:
        shipped = None
    for base, prefix in ((shipped, "norms/"), (Path.cwd().resolve(), "")):
        if base is not None and path.is_relative_to(base):
            return prefix + path.relative_to(base).as_posix()
    return loaded.path


def _ref(loaded: LoadedNorms) -> model.NormSetRef:
    norms = loaded.norms
    return model.NormSetRef(id=norms.id, versie=norms.version, titel=norms.title,
                            bestand=shown_path(loaded), sha256=loaded.sha256)


def _variants(value: Profile) -> list[model.Variant]:
    return [model.Variant(variant=label, minuten_per_week=minutes) for label, minutes in value]


def _outcome(value: Outcome) -> model.Outcome:
    return model.Outcome(minuten_per_week=value.minutes, reden=value.reason)


def record(comp: Comparison) -> model.NormComparison:
    """The comparison as the published data shape ``hbh.normvergelijking.v1``."""
    return model.NormComparison(
        a=_ref(comp.old), b=_ref(comp.new), ongewijzigd=comp.unchanged,
        onderdelen=[model.ItemChange(id=ch.id, label=ch.label, wijziging=ch.kind,
                                     a=_variants(ch.old), b=_variants(ch.new),
                                     toelichting=list(ch.notes))
                    for ch in comp.changes],
        referentiehuishoudens=[model.HouseholdEffect(kenmerk=e.household.key,
                                                     label=e.household.label,
                                                     a=_outcome(e.old), b=_outcome(e.new),
                                                     verschil=e.delta)
                               for e in comp.effects],
    )
