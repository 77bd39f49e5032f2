"""A norm set as the engine receives it: the validated model with the file it came from.

The model layer, not the file-loading layer (``hbh_indicatie.loading``), owns this type, so the
engine and the rules depend on models only; ``loading.norm_sets`` builds it from a file.
"""

from __future__ import annotations

from dataclasses import dataclass

from hbh_indicatie.models.norm_set import NormSet
from hbh_indicatie.vocabulary.model import Vocabulary


@dataclass(frozen=True)
class LoadedNorms:
    """A validated norm set with the file it came from and that file's sha256, and the
    vocabulary of activities (norms/activiteiten.yaml) its items map onto."""

    norms: NormSet
    path: str
    sha256: str
    vocabulary: Vocabulary | None = None
    """Read by the loader; None (a set built in code): the set's own items are the
    vocabulary (:meth:`Vocabulary.of_set`)."""

    @property
    def activities(self) -> Vocabulary:
        """The vocabulary the case's facts are applied through for this set."""
        return self.vocabulary if self.vocabulary is not None else Vocabulary.of_set(self.norms)
