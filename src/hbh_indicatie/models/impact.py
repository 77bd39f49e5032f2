"""The report of an impact run as data (``hbh impact --rapport BESTAND.json``).

Same conventions as the indication: Dutch keys, exact figures as strings such as ``"85/2"``
(minutes or hours that need not be whole), no floats. Built from
:class:`hbh_indicatie.batch.impact.Impact` at the end of the run; schema ``hbh.impact.v1``
(``hbh schema impact``).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Final, Literal

from pydantic import Field

from hbh_indicatie.models.common import Output

IMPACT_SCHEMA: Final = "hbh.impact.v1"



class NormSetUse(Output):
    """One norm set version that computed clients on one side (A or B)."""

    id: str
    versie: str
    sha256: str
    clienten: int = Field(description="Number of clients computed with this version")


class Side(Output):
    """What was asked for one side (``--van`` or ``--naar``) and which versions were used."""

    gevraagd: str = Field(description="The --van or --naar argument as given")
    normensets: list[NormSetUse]


class Clients(Output):
    ingelezen: int = Field(description="Cases read: berekend + cijfer_onbekend + mislukt")
    berekend: int
    cijfer_onbekend: int = Field(
        default=0, description="Valid cases not computed under a norm set because a figure they "
                               "need has status onbekend (see niet_berekend_cijfer_onbekend)")
    mislukt: int = Field(description="Cases that could not be read or computed (see foutenbestand)")
    omhoog: int
    omlaag: int
    gelijk: int


class Difference(Output):
    """B minus A over all computed clients (rounded weekly totals; hours with each set's weeks)."""

    totaal_minuten_per_week: int
    totaal_uren_per_jaar: Fraction
    gemiddeld_minuten_per_week: Fraction
    gemiddeld_uren_per_jaar: Fraction


class HistogramClass(Output):
    klasse: str = Field(description="Dutch label, e.g. '-30 t/m -16' or '0'")
    van: int = Field(description="Lowest difference in min/week in this class")
    tot_en_met: int = Field(description="Highest difference in min/week in this class")
    aantal: int


class Distribution(Output):
    klassebreedte: int = Field(description="Width of a class in min/week (--klasse)")
    klassen: list[HistogramClass] = Field(description="From the largest loss to the largest gain")


class Client(Output):
    kenmerk: str
    oud_minuten_per_week: int
    nieuw_minuten_per_week: int
    verschil: int


class Driver(Output):
    id: str = Field(description="Activity id or rule id (step in the explanation)")
    minuten_per_week: Fraction = Field(description="Summed difference over all clients")
    clienten: int = Field(description="The clients for whom it differs")


class UnknownFigure(Output):
    reden: str = Field(description="'niet te berekenen onder <set>: cijfer onbekend voor ...'")
    aantal: int


class Costs(Output):
    """What the help costs per year at the rate given (``--tarief``); exact, and the
    difference in whole euros as the terminal and the memo show it."""

    tarief: Fraction = Field(description="Rate in euros per hour (--tarief)")
    oud_per_jaar: Fraction = Field(description="Euros per year under A (exact)")
    nieuw_per_jaar: Fraction = Field(description="Euros per year under B (exact)")
    verschil_per_jaar: Fraction = Field(description="B minus A in euros per year (exact)")
    verschil_hele_euros: int = Field(
        description="verschil_per_jaar rounded half away from zero to whole euros (as shown)")


class NormChanges(Output):
    """What changed in the norm figures from A to B, in words (the comparison of
    ``hbh normen vergelijk``), between the versions that computed most clients."""

    a: str = Field(description="'protocol-hbh (versie 2026.1)'")
    b: str
    alle_versies: bool = Field(
        description="Each side used one version: these are all the changes (else only those "
                    "between the two versions named)")
    wijzigingen: list[str] = Field(
        description="One Dutch sentence per changed item or setting, e.g. 'Stofzuigen: 25 → 30 "
                    "minuten per keer (1 keer per week).'")


class ImpactReport(Output):
    """The outcome of ``hbh impact``: who gains or loses, by how much, and what drives it."""

    schema_: Literal["hbh.impact.v1"] = Field(default=IMPACT_SCHEMA, alias="schema")
    engineversie: str
    invoer: str
    foutenbestand: str = Field(description="Where the cases that failed are listed, with the reason")
    niet_berekend_cijfer_onbekend: list[UnknownFigure] = Field(
        default_factory=list,
        description="The clients not computed for an unknown figure, counted per set and item")
    van: Side
    naar: Side
    clienten: Clients
    verschil: Difference
    verdeling: Distribution
    verliezers: list[Client] = Field(description="Largest losses first (at most --top)")
    winnaars: list[Client] = Field(description="Largest gains first (at most --top)")
    activiteiten: list[Driver] = Field(description="Activities with a nonzero summed difference")
    regels: list[Driver] = Field(description="Rules with a nonzero summed difference")
    kosten: Costs | None = Field(default=None, description="Only with --tarief")
    normwijzigingen: NormChanges | None = Field(
        default=None, description="The changed norm figures (absent when a side computed nobody)")
