"""The comparison of two norm sets as data (``hbh normen vergelijk --formaat json``).

Same conventions as the indication: Dutch keys, exact minutes as strings such as
``"85/2"``, no floats. Built from :class:`hbh_indicatie.norm_tools.compare.Comparison`; the
schema is published as ``hbh.normvergelijking.v1`` (``hbh schema normvergelijking``).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Final, Literal

from pydantic import Field

from hbh_indicatie.models.common import Output

COMPARISON_SCHEMA: Final = "hbh.normvergelijking.v1"



class NormSetRef(Output):
    """Which norm set (file and fingerprint) one side of the comparison is."""

    id: str
    versie: str
    titel: str
    bestand: str
    sha256: str


class Variant(Output):
    """Minutes per week of an item for one variant (household size, or 'per keer')."""

    variant: str = Field(description="'1 pers.', '2 pers.', … for activities; 'per keer' for toeslagen")
    minuten_per_week: Fraction | None = Field(
        description="Exact minutes per week; null when the figure is 'onbekend'"
    )


class ItemChange(Output):
    """An activity or toeslag/aftrek that was added, removed or changed."""

    id: str
    label: str
    wijziging: Literal["toegevoegd", "verwijderd", "gewijzigd"]
    a: list[Variant] = Field(description="Under norm set A (empty when added in B)")
    b: list[Variant] = Field(description="Under norm set B (empty when removed in B)")
    toelichting: list[str] = Field(description="Changed category, uitstelbaar flag or status")


class Outcome(Output):
    """The total of a reference household under one norm set, or why it cannot be computed."""

    minuten_per_week: int | None = Field(description="Rounded total minutes per week")
    reden: str | None = Field(default=None, description="Dutch reason when not computable")


class HouseholdEffect(Output):
    """One reference household computed by the engine under A and under B."""

    kenmerk: str
    label: str
    a: Outcome
    b: Outcome
    verschil: int | None = Field(description="B minus A in minutes per week; null if either fails")


class NormComparison(Output):
    """What changed between norm set A and B, item by item and for reference households."""

    schema_: Literal["hbh.normvergelijking.v1"] = Field(default=COMPARISON_SCHEMA, alias="schema")
    a: NormSetRef
    b: NormSetRef
    ongewijzigd: bool = Field(description="True when no item and no household differs")
    onderdelen: list[ItemChange]
    referentiehuishoudens: list[HouseholdEffect]
