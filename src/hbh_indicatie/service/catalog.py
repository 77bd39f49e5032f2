"""The norm sets a service process may use: loaded once at start, addressed only by ID.

A request names a norm set as ``ID`` or ``ID@JJJJ-MM-DD``, never as a path: the service reads
the shipped sets and the configured folder when it starts, and nothing else. Each version is
kept once, keyed by the sha256 of its file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hbh_indicatie.errors import HbhError
from hbh_indicatie.loading.norm_sets import (
    check_versions,
    in_force,
    load_folder,
    shipped_norms_dir,
    split_spec,
)
from hbh_indicatie.models.loaded_norms import LoadedNorms


@dataclass(frozen=True)
class Entry:
    loaded: LoadedNorms
    origin: str
    """'meegeleverd' or the configured folder."""


@dataclass(frozen=True)
class NormCatalog:
    entries: tuple[Entry, ...]

    @classmethod
    def load(cls, extra_dir: Path | None = None) -> NormCatalog:
        shipped = [Entry(x, "meegeleverd") for x in load_folder(shipped_norms_dir())]
        extra = ([Entry(x, str(extra_dir)) for x in load_folder(extra_dir)]
                 if extra_dir is not None else [])
        check_versions([e.loaded for e in shipped + extra])
        by_digest = {e.loaded.sha256: e for e in shipped + extra}  # one object per file content
        return cls(tuple(sorted(by_digest.values(),
                                key=lambda e: (e.loaded.norms.id, e.loaded.norms.valid_from))))

    def ids(self) -> list[str]:
        return sorted({e.loaded.norms.id for e in self.entries})

    def versions(self, set_id: str) -> list[LoadedNorms]:
        return [e.loaded for e in self.entries if e.loaded.norms.id == set_id]

    def resolve(self, spec: str, on: date) -> LoadedNorms:
        """``ID`` or ``ID@JJJJ-MM-DD``: the version in force on that date (or on ``on``)."""
        if "/" in spec or "\\" in spec or spec.endswith((".yaml", ".yml", ".json")):
            raise HbhError(f"normen '{spec}': de service leest geen bestanden; geef een ID of "
                           f"ID@JJJJ-MM-DD (beschikbaar: {', '.join(self.ids())}).")
        set_id, at = split_spec(spec)
        return in_force(set_id, self.versions(set_id), at or on, self.ids(), files=False)
