"""The indication (indicatie): immutable result with its ordered explanation.

Minutes are exact :class:`fractions.Fraction` values (serialised as strings such as
``"85/2"``); the only rounded figures are the weekly totals of the periods, rounded once
by the norm set's rule. JSON output is stable: keys sorted, no floats.
"""


from datetime import date
from fractions import Fraction
from typing import Final, Literal

from pydantic import ConfigDict, Field, computed_field

from hbh_indicatie.models.common import Actor, Category, Output, TemporaryReason

INDICATION_SCHEMA = "hbh.indicatie.v1"

DECIMAL = ("The exact minutes beside it as a decimal number, rounded to 2 decimals: for clients "
           "that read no fractions. Computing goes on the exact value.")


DECIMAL_HOURS = ("The exact hours beside it as a decimal number, rounded to 2 decimals: for "
                 "clients that read no fractions. Computing goes on the exact value.")


def decimal(value: Fraction) -> float:
    """``85/2`` -> 42.5, ``1/3`` -> 0.33 (JSON number; the exact text stays beside it)."""
    return round(float(value), 2)


class Step(Output):
    """One step of the explanation: the rule, its paragraph, the facts and the effect."""

    nr: int
    regel: str = Field(description="Stable rule id, e.g. 'gebruikelijke_hulp.volwassene'")
    paragraaf: str = Field(description="Protocol paragraph, e.g. '§2.2'")
    kader: str = Field(description="Norm set id the step's figures came from, or 'protocol'")
    tekst: str = Field(description="One Dutch sentence explaining the step")
    feiten: dict[str, str] = Field(description="The case facts and norm figures the step used")
    activiteit: str | None = None
    minuten_per_week: Fraction = Field(
        description="Effect on the help minutes per week: positive adds, negative removes"
    )

    @computed_field(description=DECIMAL)  # type: ignore[prop-decorator]
    @property
    def minuten_per_week_decimaal(self) -> float:
        return decimal(self.minuten_per_week)


class Share(Output):
    """Part of an activity carried by one actor."""

    uitvoerder: Actor
    persoon: str | None = None
    minuten_per_week: Fraction
    paragraaf: str
    van: date | None = Field(default=None, description="First day of this share (None: from the start)")
    tot: date | None = Field(default=None, description="Last day of this share (None: open-ended)")
    reden: TemporaryReason | None = None

    @computed_field(description=DECIMAL)  # type: ignore[prop-decorator]
    @property
    def minuten_per_week_decimaal(self) -> float:
        return decimal(self.minuten_per_week)


class ActivityOutcome(Output):
    id: str
    label: str
    categorie: Category
    soort: str = Field(description="'activiteit', 'toeslag' or 'instructie'")
    uitstelbaar: bool
    norm_minuten_per_week: Fraction
    hulp_minuten_per_week: Fraction
    werkwijze: str = Field(
        description="'overnemen', 'samen_met_client' (activerend) or 'geen_hulp'"
    )
    verdeling: tuple[Share, ...]
    normstatus: str = Field(description="gepubliceerd, voorbeeld or onbekend")
    ondersteuningswijze: str | None = Field(
        default=None,
        description="Bijlage 2: how the help does its share on the ingangsdatum (overnemen, "
                    "hulp_en_ondersteuning, stimuleren_en_aanleren, toezicht, onbekend); None "
                    "when the help does nothing",
    )

    @computed_field(description=DECIMAL)  # type: ignore[prop-decorator]
    @property
    def norm_minuten_per_week_decimaal(self) -> float:
        return decimal(self.norm_minuten_per_week)

    @computed_field(description=DECIMAL)  # type: ignore[prop-decorator]
    @property
    def hulp_minuten_per_week_decimaal(self) -> float:
        return decimal(self.hulp_minuten_per_week)


class CategoryOutcome(Output):
    categorie: Category
    label: str
    hulp_minuten_per_week: Fraction
    hulp_uren_per_jaar: Fraction = Field(
        description="The exact help minutes per week x the set's weeks per year / 60")
    hulp_uren_per_jaar_afgerond: int | None = Field(
        description="Rounded by the set's rule for hours per year (afronding_per_jaar); None "
                    "when the set has no such rule")

    @computed_field(description=DECIMAL)  # type: ignore[prop-decorator]
    @property
    def hulp_minuten_per_week_decimaal(self) -> float:
        return decimal(self.hulp_minuten_per_week)

    @computed_field(description=DECIMAL_HOURS)  # type: ignore[prop-decorator]
    @property
    def hulp_uren_per_jaar_decimaal(self) -> float:
        return decimal(self.hulp_uren_per_jaar)


class ReassessmentDate(Output):
    """A date on which the facts of this indication change and the consultant looks again."""

    datum: date
    reden: str = Field(description="einde_indicatie, tijdelijk_deel, einde_oefenplan or "
                                   "leeftijdsgroep_kind")
    paragraaf: str
    toelichting: str
    uiterlijk: bool = Field(
        default=False,
        description="True when the date is the latest possible one (a child's age without a "
                    "birth date)")


class PlanPhaseOutcome(Output):
    """One phase of the oefenplan: how the help works with the client, when, how long."""

    wijze: str
    label: str = Field(description="The mode in plain Dutch")
    van: date
    tot: date
    hulp_minuten_per_week: Fraction = Field(
        description="The help's minutes per week for the plan's activities in this phase")
    overnemen_minuten_per_week: Fraction = Field(
        description="What taking those activities over would cost per week (the measure)")

    @computed_field(description=DECIMAL)  # type: ignore[prop-decorator]
    @property
    def hulp_minuten_per_week_decimaal(self) -> float:
        return decimal(self.hulp_minuten_per_week)

    @computed_field(description=DECIMAL)  # type: ignore[prop-decorator]
    @property
    def overnemen_minuten_per_week_decimaal(self) -> float:
        return decimal(self.overnemen_minuten_per_week)


class PlanOutcome(Output):
    """Issue 17, §1.5: the oefenplan as the indication applies it."""

    activiteiten: tuple[str, ...] = Field(description="Labels of the activities in the plan")
    fasen: tuple[PlanPhaseOutcome, ...]
    zelf_vanaf: date = Field(description="From this day the client does them herself")
    evaluatiedatum: date = Field(description="The plan's last day: evaluation and herindicatie")


class AgreedTask(Output):
    """One activity a carer takes on, with the minutes per week and when."""

    activiteit: str
    label: str
    minuten_per_week: Fraction
    van: date | None = None
    tot: date | None = None

    @computed_field(description=DECIMAL)  # type: ignore[prop-decorator]
    @property
    def minuten_per_week_decimaal(self) -> float:
        return decimal(self.minuten_per_week)


class CarerAgreement(Output):
    """Issue 17 (seed 004): what one housemate or network member takes on, and whether it
    counts. ``telt_mee`` False: the indication does not rely on it (not willing, not
    sustainable, overburdened)."""

    naam: str
    rol: Literal["huisgenoot", "netwerk"]
    relatie: str
    taken: tuple[AgreedTask, ...]
    aandeel_procent: int | None = None
    frequentie: str | None = None
    duurzaam: str = Field(description="ja, nee, onbekend or 'niet gevraagd' (family, housemate)")
    telt_mee: bool
    signaal: str | None = Field(default=None, description="Overload or other signal, in Dutch")
    paragraaf: str


class TemporaryPart(Output):
    reden: TemporaryReason
    paragraaf: str
    minuten_per_week: Fraction
    tot: date
    toelichting: str

    @computed_field(description=DECIMAL)  # type: ignore[prop-decorator]
    @property
    def minuten_per_week_decimaal(self) -> float:
        return decimal(self.minuten_per_week)


class PeriodOutcome(Output):
    van: date
    tot: date | None
    minuten_exact: Fraction
    minuten_per_week: int = Field(description="Rounded once by the norm set's rounding rule")
    uren_per_jaar_exact: Fraction = Field(
        description="minuten_exact x the set's weeks per year / 60")
    uren_per_jaar: int | None = Field(
        description="uren_per_jaar_exact rounded once by the set's afronding_per_jaar; None "
                    "when the set has no such rule")
    onderdelen: tuple[str, ...]

    @computed_field(description=DECIMAL)  # type: ignore[prop-decorator]
    @property
    def minuten_exact_decimaal(self) -> float:
        return decimal(self.minuten_exact)

    @computed_field(description=DECIMAL_HOURS)  # type: ignore[prop-decorator]
    @property
    def uren_per_jaar_exact_decimaal(self) -> float:
        return decimal(self.uren_per_jaar_exact)


class Warning(Output):
    code: str
    paragraaf: str
    tekst: str


class UnusedFact(Output):
    """A fact the case gives that no rule used: not counted, and why (issue 11, point 10)."""

    veld: str = Field(description="Path of the fact in the case file, e.g. "
                                  "'voorliggende_voorzieningen[2]' or 'huisdieren'")
    waarde: str = Field(description="The value the case gives (for a list item: its kind or name)")
    reden: str = Field(description="Why no rule used it, in Dutch")


class Stamp(Output):
    normen_id: str
    normen_versie: str
    normen_titel: str
    normen_sha256: str
    engine_versie: str
    peildatum: date


class Rounding(Output):
    methode: str
    op_minuten: int
    exact: Fraction
    afgerond: int

    @computed_field(description=DECIMAL)  # type: ignore[prop-decorator]
    @property
    def exact_decimaal(self) -> float:
        return decimal(self.exact)


class YearlyRoundingRule(Output):
    methode: str
    op_uren: int


class YearlyHours(Output):
    """The indication in hours per year (issue 11, point 11): how KPMG/Utrecht-style decisions
    state it ("105 + 52 = 157 uur per jaar"), beside the minutes per week."""

    weken_per_jaar: Fraction = Field(description="The norm set's weeks per year (e.g. 1461/28)")
    afronding: YearlyRoundingRule | None = Field(
        description="The set's rule for rounding hours per year; None: the set has none and "
                    "the hours per year are stated exactly")
    exact: Fraction = Field(description="Help at the ingangsdatum in hours per year, exact: "
                                        "the exact minutes per week x weken_per_jaar / 60")
    afgerond: int | None = Field(description="exact, rounded once by the set's rule; None "
                                             "without a rule")
    toelichting: str = Field(description="How the figures were made, in Dutch")

    @computed_field(description=DECIMAL_HOURS)  # type: ignore[prop-decorator]
    @property
    def exact_decimaal(self) -> float:
        return decimal(self.exact)

    @computed_field(description="weken_per_jaar as a decimal number, rounded to 4 decimals")  # type: ignore[prop-decorator]
    @property
    def weken_per_jaar_decimaal(self) -> float:
        return round(float(self.weken_per_jaar), 4)


class Indication(Output):
    schema_: str = Field(default=INDICATION_SCHEMA, alias="schema")
    kenmerk: str
    stempel: Stamp
    voorlopig: bool = Field(description="True when a fact was 'onbekend' and a rule was skipped")
    voorbeeldnormen: bool = Field(description="True when any figure used is status voorbeeld")
    voorbeeldcijfers: tuple[str, ...] = Field(
        description="Which figures used are status voorbeeld (item ids, 'afronding', "
                    "'afronding_per_jaar', 'weken_per_jaar')"
    )
    totaal_minuten_per_week: int = Field(description="Rounded total at the ingangsdatum")
    afronding: Rounding
    uren_per_jaar: YearlyHours
    ingangsdatum: date
    einddatum: date | None
    herindicatiedatum: date | None
    herindicatiedata: tuple[ReassessmentDate, ...] = Field(
        default=(),
        description="Every date on which the facts change (end of the indication, of each "
                    "temporary part and of an oefenplan, a child's next age band), in order")
    afspraken: tuple[CarerAgreement, ...] = Field(
        default=(), description="Issue 17: per housemate and network member what they take on "
                                "(the afsprakenoverzicht)")
    oefenplan: PlanOutcome | None = Field(
        default=None, description="Issue 17: the oefenplan (None: there is none, or it did "
                                  "not apply)")
    perioden: tuple[PeriodOutcome, ...]
    tijdelijke_delen: tuple[TemporaryPart, ...]
    categorieen: tuple[CategoryOutcome, ...]
    activiteiten: tuple[ActivityOutcome, ...]
    waarschuwingen: tuple[Warning, ...]
    onbekende_feiten: tuple[str, ...]
    ongebruikte_feiten: tuple[UnusedFact, ...] = Field(
        default=(), description="Facts the case gives that no rule read: they did not count")
    niet_vertaalbaar: tuple[str, ...]
    uitleg: tuple[Step, ...]

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


SIDE_BY_SIDE_SCHEMA: Final = "hbh.naast_elkaar.v1"


class NotComputed(Output):
    """A norm set under which the case cannot be computed, and why (in Dutch)."""

    normen_id: str
    normen_versie: str
    reden: str


class SideBySide(Output):
    """One case under several norm sets (``hbh bereken --normen A --normen B --formaat json``)."""

    schema_: Literal["hbh.naast_elkaar.v1"] = Field(default=SIDE_BY_SIDE_SCHEMA, alias="schema")
    vergelijking: tuple[Indication, ...] = Field(description="The indications, in --normen order")
    niet_berekend: tuple[NotComputed, ...]
