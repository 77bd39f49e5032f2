"""A norm set as the engine receives it: the validated model with the file it came from.

The model layer, not the file-loading layer (``hbh_indicatie.loading``), owns this type, so the
engine and the rules depend on models only; ``loading.norms`` builds it from a file.
"""

from __future__ import annotations

from dataclasses import dataclass

from hbh_indicatie.models.norms import NormSet


@dataclass(frozen=True)
class LoadedNorms:
    """A validated norm set with the file it came from and that file's sha256."""

    norms: NormSet
    path: str
    sha256: str
