"""The vocabulary of household activities: ids, Dutch labels, result category, description."""

from __future__ import annotations

from functools import cached_property, lru_cache
from typing import Literal

from pydantic import Field, model_validator

from hbh_indicatie.models.common import Category, Frozen
from hbh_indicatie.models.norm_set import ID_PATTERN, NormKey, NormSet

VOCABULARY_SCHEMA = "hbh.activiteiten.v1"


class VocabularyActivity(Frozen):
    """One household activity a case can state facts about."""

    id: str = Field(alias="id", pattern=ID_PATTERN)
    label: str = Field(alias="label", min_length=2)
    category: Category = Field(alias="categorie")
    description: str = Field(alias="omschrijving", min_length=5)


class Vocabulary(Frozen):
    """The shared list of household activities every norm set maps its items onto."""

    schema_id: Literal["hbh.activiteiten.v1"] = Field(alias="schema")
    title: str = Field(alias="titel", min_length=3)
    source: str = Field(alias="bron", min_length=3)
    activities: tuple[VocabularyActivity, ...] = Field(alias="activiteiten", min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Vocabulary:
        ids = [a.id for a in self.activities]
        double = sorted({i for i in ids if ids.count(i) > 1})
        if double:
            raise ValueError(f"dubbele id in activiteiten: {', '.join(double)}")
        return self

    @staticmethod
    def of_set(norms: NormSet) -> Vocabulary:
        """A vocabulary made of a norm set's own items (each item its own activity): for a set
        built in code without the shipped vocabulary (computed once per set)."""
        return _of_set(NormKey(norms))

    @cached_property
    def index(self) -> dict[str, VocabularyActivity]:
        return {a.id: a for a in self.activities}

    def label(self, activity_id: str) -> str:
        found = self.index.get(activity_id)
        return found.label if found is not None else activity_id

    def of_category(self, category: Category) -> tuple[VocabularyActivity, ...]:
        return tuple(a for a in self.activities if a.category is category)


@lru_cache(maxsize=64)
def _of_set(ref: NormKey) -> Vocabulary:
    norms = ref.norms
    return Vocabulary.model_validate({
        "schema": VOCABULARY_SCHEMA, "titel": f"Onderdelen van normenset {norms.id}",
        "bron": norms.id,
        "activiteiten": [{"id": a.id, "label": a.label, "categorie": a.category.value,
                          "omschrijving": f"Onderdeel van normenset {norms.id}"}
                         for a in norms.activities],
    })
