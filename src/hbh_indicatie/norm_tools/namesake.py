"""An imported norm set that keeps the id and version of another set but has other contents.

Export ``protocol-hbh``, change one figure in Excel and import it back: the new file still says
``id: protocol-hbh``, ``versie: 2026.1``. An impact memo, a beschikking and the iWmo stamp then
name both sets alike, and only the sha256 tells them apart. :func:`warning` compares the
imported set with the sets of the same id that exist (shipped, or in ``--map``) and says, in
Dutch, what to do. Pure: the command loads the existing sets.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.models.norm_set import NormSet

MAX_NAMED = 5
"""Differing items named in the warning (the rest as a count)."""


def differing_items(mine: NormSet, theirs: NormSet) -> list[str]:
    """Labels of the activities and toeslagen that differ (added, removed or changed), in the
    order of ``mine``; 'instellingen' when only the other parts of the set differ."""
    names: list[str] = []
    for attribute in ("activities", "supplements"):
        own = {item.id: item for item in getattr(mine, attribute)}
        other = {item.id: item for item in getattr(theirs, attribute)}
        names += [own[key].label if key in own else other[key].label
                  for key in [*own, *(k for k in other if k not in own)]
                  if own.get(key) != other.get(key)]
    return names or ["instellingen"]


def warning(imported: NormSet, existing: Iterable[LoadedNorms], source: Path,
            output: Path | None, shipped: Path | None = None) -> str | None:
    """A Dutch warning when ``imported`` has the id and version of an existing set with other
    contents; None when there is none, or it is the same set (an unchanged round trip).
    ``shipped``: the folder of the shipped sets (named as such)."""
    for other in existing:
        if (other.norms.id, other.norms.version) != (imported.id, imported.version):
            continue
        if output is not None and _same_file(Path(other.path), output):
            continue  # the file being replaced
        if other.norms == imported:
            continue
        items = differing_items(imported, other.norms)
        named = ", ".join(items[:MAX_NAMED]) + (
            f" en {len(items) - MAX_NAMED} meer" if len(items) > MAX_NAMED else "")
        target = f" -o {output}" if output is not None else ""
        return (
            f"Let op: deze normenset heeft id '{imported.id}' en versie '{imported.version}', "
            f"net als {_where(Path(other.path), shipped)}, maar is niet dezelfde (anders: "
            f"{named}). Een impactrapport, een onderbouwing en het stempel in een beschikking "
            "noemen ze dan met dezelfde naam; alleen de sha256 verschilt. Geef de set een eigen "
            "id (of met --versie een eigen versie), bijvoorbeeld: "
            f"hbh normen importeer {source} --id {_own_id(imported.id)}{target}")
    return None


def _where(path: Path, shipped: Path | None) -> str:
    if shipped is not None and path.resolve().is_relative_to(shipped.resolve()):
        return f"de meegeleverde normenset ({path.resolve().relative_to(shipped.resolve()).as_posix()})"
    return str(path)


def _own_id(set_id: str) -> str:
    return set_id if set_id.startswith("eigen") else f"eigen-{set_id}"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
