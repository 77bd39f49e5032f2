"""Norm set (normenset) model: activities, frequencies, toeslagen, age bands, periods, rounding.

A norm set is data (``norms/*.yaml``); these models only validate its shape and internal
consistency. One format expresses the three structures in use:

* per activity: time x frequency (CIZ / the protocol, §3-§4);
* per result: one item per result category (HHM style);
* additive: a base item plus toeslagen/aftrekken in hours per year (KPMG style).

Every figure carries its provenance (:class:`Provenance`): a published source, or
``status: voorbeeld`` (an example, never presented as official), or ``status: onbekend``
(not published; the engine refuses to apply it).
"""


import itertools
import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from typing import Literal, Self

from pydantic import Field, field_validator, model_validator

from hbh_indicatie.models.case import ZrmDomain
from hbh_indicatie.models.common import (
    Aid,
    AmountUnit,
    CalendarDate,
    Category,
    Frozen,
    Period,
    Provision,
    Room,
    YesNo,
)

NORMS_SCHEMA = "hbh.normen.v1"
ID_PATTERN = r"^[a-z0-9][a-z0-9_\-]*$"


class FigureStatus(StrEnum):
    PUBLISHED = "gepubliceerd"
    EXAMPLE = "voorbeeld"
    UNKNOWN = "onbekend"


class Source(Frozen):
    """A document a figure rests on (bron)."""

    id: str = Field(alias="id", pattern=ID_PATTERN)
    title: str = Field(alias="titel", min_length=3)
    address: str | None = Field(default=None, alias="adres")
    published: date | None = Field(default=None, alias="datum")
    kind: Literal["protocol", "regelgeving", "rechtspraak", "onderzoek", "overig"] = Field(
        alias="soort"
    )


class Provenance(Frozen):
    """Where one figure comes from (herkomst)."""

    status: FigureStatus = Field(alias="status")
    source: str | None = Field(default=None, alias="bron")
    locator: str | None = Field(default=None, alias="vindplaats")
    note: str | None = Field(default=None, alias="toelichting")

    @model_validator(mode="after")
    def _published_needs_source(self) -> Self:
        if self.status is FigureStatus.PUBLISHED and not self.source:
            raise ValueError("status 'gepubliceerd' vraagt een 'bron' (id uit 'bronnen')")
        return self


class Frequency(Frozen):
    times: Fraction = Field(alias="keer", gt=0)
    per: Period = Field(alias="per")


class Replacement(Frozen):
    """A technical aid or voorliggende voorziening that can take over (part of) an activity."""

    aid: Aid | None = Field(default=None, alias="hulpmiddel")
    provision: Provision | None = Field(default=None, alias="voorziening")
    share_percent: int = Field(alias="aandeel_procent", ge=1, le=100)

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        if (self.aid is None) == (self.provision is None):
            raise ValueError("noem precies één van 'hulpmiddel' of 'voorziening'")
        return self


class SizeVariant(Frozen):
    """Amount for a household from ``vanaf_personen`` persons up (household-size rule)."""

    from_persons: int = Field(alias="vanaf_personen", ge=1, le=20)
    amount: Decimal = Field(alias="hoeveelheid", gt=0)
    provenance: Provenance = Field(alias="herkomst")


class ChildAgeRange(Frozen):
    """The item applies once per child in this age range (e.g. care for young children)."""

    from_age: int = Field(alias="van", ge=0, le=17)
    to_age: int = Field(alias="tot_en_met", ge=0, le=17)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.to_age < self.from_age:
            raise ValueError("'tot_en_met' ligt vóór 'van'")
        return self


class RoomShare(Frozen):
    """Part of an activity's work done in one room (§1.2: which part touches common rooms)."""

    room: Room = Field(alias="ruimte")
    share_percent: int = Field(alias="aandeel_procent", ge=1, le=100)


class CoverWeight(Frozen):
    """The weight of one covered vocabulary activity within an item (its share of the minutes,
    relative to the other weights of the item)."""

    activity: str = Field(alias="activiteit", pattern=ID_PATTERN)
    weight: Decimal = Field(alias="gewicht", gt=0)


class Activity(Frozen):
    """One norm item: an activity (or a whole result) with amount x frequency."""

    id: str = Field(alias="id", pattern=ID_PATTERN)
    label: str = Field(alias="label", min_length=2)
    category: Category = Field(alias="categorie")
    amount: Decimal | None = Field(default=None, alias="hoeveelheid", gt=0)
    unit: AmountUnit = Field(alias="eenheid")
    frequency: Frequency = Field(alias="frequentie")
    postponable: YesNo = Field(alias="uitstelbaar")
    urgent_when_extra_soiling: YesNo = Field(
        default=False, alias="niet_uitstelbaar_bij_extra_bevuiling"
    )
    room: Room | None = Field(default=None, alias="ruimte")
    rooms: tuple[RoomShare, ...] = Field(
        default=(), alias="ruimten",
        description="The rooms the activity's work is done in, with their share (sum 100); "
                    "instead of one 'ruimte'. Decides which part is shared (§1.2, §4.6.1)",
    )
    rooms_provenance: Provenance | None = Field(default=None, alias="ruimten_herkomst")
    replaceable_by: tuple[Replacement, ...] = Field(default=(), alias="vervangbaar_door")
    size_variants: tuple[SizeVariant, ...] = Field(default=(), alias="huishoudgrootte")
    per_child: ChildAgeRange | None = Field(default=None, alias="per_kind")
    covers: tuple[str, ...] = Field(
        default=(), alias="omvat",
        description="The activities of the shared vocabulary (norms/activiteiten.yaml) this item "
                    "covers; empty: the vocabulary activity with the item's own id",
    )
    weights: tuple[CoverWeight, ...] = Field(
        default=(), alias="gewichten",
        description="Relative weight per covered activity: the share of the item's minutes each "
                    "has, used when the case's facts differ between them; empty: no weights "
                    "(such a difference is then reported as a fact that could not be applied)",
    )
    weights_provenance: Provenance | None = Field(default=None, alias="gewichten_herkomst")
    provenance: Provenance = Field(alias="herkomst")

    @model_validator(mode="after")
    def _mapping(self) -> Self:
        if len(set(self.covers)) != len(self.covers):
            raise ValueError("'omvat' noemt een activiteit dubbel")
        if not self.weights:
            if self.weights_provenance is not None:
                raise ValueError("'gewichten_herkomst' hoort bij 'gewichten'")
            return self
        named = [w.activity for w in self.weights]
        if sorted(named) != sorted(self.covered):
            raise ValueError("'gewichten' noemt precies de activiteiten uit 'omvat', elk één keer "
                             f"(nu: {', '.join(named)})")
        if self.weights_provenance is None:
            raise ValueError("bij 'gewichten' hoort 'gewichten_herkomst' (de gewichten zijn cijfers)")
        return self

    @property
    def covered(self) -> tuple[str, ...]:
        """The vocabulary activities this item covers (its own id when 'omvat' is empty)."""
        return self.covers or (self.id,)

    @model_validator(mode="after")
    def _amount_matches_status(self) -> Self:
        unknown = self.provenance.status is FigureStatus.UNKNOWN
        if self.amount is None and not unknown and not self.size_variants:
            raise ValueError("'hoeveelheid' ontbreekt; alleen toegestaan bij status 'onbekend'")
        sizes = [v.from_persons for v in self.size_variants]
        if sizes and (sizes != sorted(sizes) or len(set(sizes)) != len(sizes)):
            raise ValueError("'huishoudgrootte' moet oplopen in 'vanaf_personen', zonder dubbele")
        if sizes and sizes[0] != 1:
            raise ValueError("'huishoudgrootte' moet beginnen bij vanaf_personen: 1")
        if self.rooms:
            if self.room is not None:
                raise ValueError("noem 'ruimte' (één ruimte) of 'ruimten' (met aandelen), niet beide")
            if sum(r.share_percent for r in self.rooms) != 100:
                raise ValueError("de aandelen in 'ruimten' tellen niet op tot 100")
            if len({r.room for r in self.rooms}) != len(self.rooms):
                raise ValueError("'ruimten' noemt een ruimte dubbel")
            if self.rooms_provenance is None:
                raise ValueError("bij 'ruimten' hoort 'ruimten_herkomst' (de aandelen zijn cijfers)")
        elif self.rooms_provenance is not None:
            raise ValueError("'ruimten_herkomst' hoort bij 'ruimten'")
        return self

    @property
    def unused_amount(self) -> Decimal | None:
        """The base 'hoeveelheid' when it counts nowhere and says something else than the table:
        a 'huishoudgrootte' table starts at 1 person, so it gives the amount for every
        household size; a base figure that differs from the table's figure for 1 person is a
        figure someone may change without effect (None: no table, no base figure, or equal)."""
        if self.amount is None or not self.size_variants:
            return None
        return None if self.amount == self.size_variants[0].amount else self.amount

    def shared_fraction(self, shared: tuple[Room, ...]) -> Fraction:
        """The part of this activity's work done in the given (common) rooms."""
        if self.rooms:
            return Fraction(sum(r.share_percent for r in self.rooms if r.room in shared), 100)
        return Fraction(1) if self.room is not None and self.room in shared else Fraction(0)

    @property
    def room_names(self) -> tuple[Room, ...]:
        return tuple(r.room for r in self.rooms) if self.rooms else (
            (self.room,) if self.room is not None else ())


class NotCovered(Frozen):
    """A vocabulary activity the norm set deliberately has no item for (niet in deze normenset)."""

    activity: str = Field(alias="activiteit", pattern=ID_PATTERN)
    reason: str = Field(alias="reden", min_length=10)


class Condition(StrEnum):
    """Closed vocabulary of conditions a toeslag/aftrek may name (no expressions in data)."""

    LIMITATIONS_SOME = "beperkingen_enig"
    LIMITATIONS_MUCH = "beperkingen_veel"
    CHILDREN = "kinderen"
    THIRD_PERSON = "derde_persoon"
    PET = "huisdier"
    DWELLING = "woning_kenmerken"
    EXTRA_SOILING = "extra_bevuiling"
    DUST_MITE = "huisstofmijt_na_sanering"
    ROOM_IN_USE = "extra_kamer_in_gebruik"
    ROOM_NOT_IN_USE = "extra_kamer_niet_in_gebruik"
    HOUSEHOLD_COMPOSITION = "samenstelling_huishouden"
    OWN_ABILITIES = "eigen_mogelijkheden"
    PARTNER_LIMITATIONS = "partner_beperkingen"
    """A partner in the household who cannot (fully) do household work (Utrecht practice)."""


PER_PERSON = frozenset({Condition.CHILDREN, Condition.THIRD_PERSON,
                        Condition.HOUSEHOLD_COMPOSITION})
"""Toeslag conditions about the presence of persons (§3 'aanwezigheid van kinderen / een
derde persoon'); a norm that grows with the household size counts those persons already."""


CONDITION_PARAGRAPHS: dict[Condition, str] = {Condition.DUST_MITE: "§4.6"}
"""Conditions that one paragraph of the protocol decides: a toeslag with this condition cites
it (§4.6: "Voor het stofvrij houden van de woning kan maximaal 2 uur extra worden
geïndiceerd")."""

CONDITION_CAPS: dict[Condition, int] = {Condition.DUST_MITE: 120}
"""Maximum minutes per week the protocol itself sets for a toeslag with this condition (§4.6:
"maximaal 2 uur extra"): such a toeslag must name a maximum no higher (``rules/huisstofmijt.py``
declares it; the engine applies the set's maximum)."""


class Multiplier(StrEnum):
    FIXED = "vast"
    PER_CHILD = "per_kind"
    PER_PET = "per_huisdier"
    PER_ROOM = "per_kamer"


class Supplement(Frozen):
    """Toeslag (extra time) or aftrek (less time), applied when its condition holds (§3)."""

    id: str = Field(alias="id", pattern=ID_PATTERN)
    label: str = Field(alias="label", min_length=2)
    kind: Literal["toeslag", "aftrek"] = Field(alias="soort")
    condition: Condition = Field(alias="voorwaarde")
    amount: Decimal | None = Field(default=None, alias="hoeveelheid", gt=0)
    unit: AmountUnit = Field(alias="eenheid")
    frequency: Frequency = Field(alias="frequentie")
    multiplier: Multiplier = Field(default=Multiplier.FIXED, alias="vermenigvuldiging")
    category: Category = Field(alias="categorie")
    postponable: YesNo = Field(alias="uitstelbaar")
    target: str | None = Field(default=None, alias="activiteit")
    activities: tuple[str, ...] = Field(
        default=(), alias="activiteiten",
        description="Toeslag: the activities it extends (§3: extra time on that work); empty: "
                    "every activity of its category",
    )
    on_top_of_size: str | None = Field(
        default=None, alias="bovenop_huishoudgrootte", min_length=20,
        description="Why a per-person toeslag deliberately extends an activity whose norm "
                    "already grows with the household (otherwise the set is refused)",
    )
    cap_minutes_per_week: Decimal | None = Field(
        default=None, alias="maximum_minuten_per_week", gt=0
    )
    cap_provenance: Provenance | None = Field(default=None, alias="maximum_herkomst")
    cap_covers_deviations: YesNo = Field(
        default=False, alias="maximum_omvat_afwijkingen",
        description="The maximum caps all extra time on the activities it extends, including "
                    "the consultant's upward deviations there (§4.6: 'maximaal 2 uur extra')",
    )
    paragraph: str = Field(alias="paragraaf", min_length=2)
    provenance: Provenance = Field(alias="herkomst")

    @model_validator(mode="after")
    def _amount_matches_status(self) -> Self:
        if self.amount is None and self.provenance.status is not FigureStatus.UNKNOWN:
            raise ValueError("'hoeveelheid' ontbreekt; alleen toegestaan bij status 'onbekend'")
        if self.kind == "aftrek" and self.target is None:
            raise ValueError("een aftrek noemt de 'activiteit' waarop hij in mindering komt")
        if self.kind == "aftrek" and (self.activities or self.on_top_of_size):
            raise ValueError("'activiteiten' en 'bovenop_huishoudgrootte' horen bij een toeslag")
        if self.kind == "toeslag" and self.target is not None:
            raise ValueError("een toeslag noemt de 'activiteiten' die hij verlengt, geen "
                             "'activiteit' (dat veld is voor een aftrek)")
        if len(set(self.activities)) != len(self.activities):
            raise ValueError("'activiteiten' noemt een activiteit dubbel")
        if self.cap_covers_deviations and self.cap_minutes_per_week is None:
            raise ValueError("'maximum_omvat_afwijkingen' hoort bij een maximum")
        fixed = CONDITION_PARAGRAPHS.get(self.condition)
        if fixed is not None and self.paragraph != fixed:
            raise ValueError(f"voorwaarde '{self.condition.value}' is {fixed} van het protocol: "
                             f"'paragraaf' moet '{fixed}' zijn (de uitleg citeert die paragraaf)")
        limit = CONDITION_CAPS.get(self.condition)
        if limit is not None and self.kind == "toeslag" and (
                self.cap_minutes_per_week is None or self.cap_minutes_per_week > limit):
            raise ValueError(
                f"voorwaarde '{self.condition.value}': {fixed} van het protocol staat maximaal "
                f"{limit} minuten per week toe; 'maximum_minuten_per_week' moet er zijn en ten "
                f"hoogste {limit} zijn")
        return self

    @property
    def per_person(self) -> bool:
        """A toeslag for the presence of persons: the household-size norm may count them too."""
        return self.kind == "toeslag" and self.condition in PER_PERSON


class ChildTask(Frozen):
    activity: str = Field(alias="activiteit", pattern=ID_PATTERN)
    share_percent: int = Field(alias="aandeel_procent", ge=1, le=100)


class AgeBand(Frozen):
    """What children of an age band are expected to do themselves (gebruikelijke hulp, §2)."""

    from_age: int = Field(alias="van", ge=0, le=17)
    to_age: int = Field(alias="tot_en_met", ge=0, le=17)
    label: str = Field(alias="label")
    tasks: tuple[ChildTask, ...] = Field(alias="taken")
    provenance: Provenance = Field(alias="herkomst")


class Term(Frozen):
    months: int = Field(alias="maanden", ge=1, le=60)
    provenance: Provenance = Field(alias="herkomst")


class Terms(Frozen):
    """Durations of temporary parts (termijnen)."""

    instruction_max: Term = Field(alias="instructie_maximaal")
    overburden: Term = Field(alias="overbelasting")
    short_term_max: Term = Field(alias="kortdurend_maximaal")

    @model_validator(mode="after")
    def _instruction_at_most_six_months(self) -> Self:
        if self.instruction_max.months > 6:
            raise ValueError("instructie is een kortdurende indicatie van maximaal 6 maanden (§1.3)")
        return self


class NormAmount(Frozen):
    amount: Decimal = Field(alias="hoeveelheid", gt=0)
    unit: AmountUnit = Field(alias="eenheid")
    frequency: Frequency = Field(alias="frequentie")
    provenance: Provenance = Field(alias="herkomst")


class Rounding(Frozen):
    """The one rounding step, applied to the weekly total (afronding).

    Courts forbid rounding necessary minutes *down* to whole or half hours, so there is
    no downward method and arithmetic rounding is limited to steps under 30 minutes.
    """

    method: Literal["naar_boven", "rekenkundig"] = Field(alias="methode")
    step_minutes: Literal[1, 5, 10, 15, 30, 60] = Field(alias="op_minuten")
    provenance: Provenance = Field(alias="herkomst")

    @model_validator(mode="after")
    def _no_rounding_down_to_half_hours(self) -> Self:
        if self.method == "rekenkundig" and self.step_minutes >= 30:
            raise ValueError(
                "rekenkundig afronden op hele of halve uren kan minuten naar beneden afronden; "
                "dat is niet toegestaan (CRvB). Kies 'naar_boven' of een stap onder 30 minuten"
            )
        return self


class YearlyRounding(Frozen):
    """How the set's decisions round hours per year (afronding_per_jaar), when it has a rule.

    Only upward: the yearly figure is the exact weekly help x weeks per year, and rounding it
    down would take necessary time away (the CRvB line for minutes). Without this rule the
    hours per year stay exact (never rounded in silence).
    """

    method: Literal["naar_boven"] = Field(alias="methode")
    step_hours: int = Field(alias="op_uren", ge=1, le=26)
    provenance: Provenance = Field(alias="herkomst")


class ModeFactor(Frozen):
    """How the minutes of one mode of support relate to taking the work over (factor x the
    minutes of overnemen), with its provenance (issue 17, Bijlage 2)."""

    factor: Fraction = Field(alias="factor", gt=0, le=3)
    provenance: Provenance = Field(alias="herkomst")

    @field_validator("factor", mode="before")
    @classmethod
    def _factor_text(cls, value: object) -> object:
        return str(value) if isinstance(value, (int, float, Decimal)) else value


class ModeFactors(Frozen):
    """Per mode of Bijlage 2 other than overnemen (which is the measure: factor 1)."""

    together: ModeFactor = Field(alias="hulp_en_ondersteuning")
    teach: ModeFactor = Field(alias="stimuleren_en_aanleren")
    supervise: ModeFactor = Field(alias="toezicht")

    def for_mode(self, mode: str) -> ModeFactor | None:
        """The factor for a mode's code value; None for overnemen (factor 1)."""
        return {"hulp_en_ondersteuning": self.together, "stimuleren_en_aanleren": self.teach,
                "toezicht": self.supervise}.get(mode)


ZrmProfileName = Literal["stabiliteit_en_behoud", "welbevinden", "verandering_en_groei"]


class ZrmSignal(Frozen):
    """§1.3 signal from the ZRM: ``minimaal_domeinen`` domains scored at most ``drempel``; per
    Bijlage 2 profile the ZRM domains whose low scores make a case resemble it."""

    threshold: int = Field(alias="drempel", ge=1, le=4)
    min_domains: int = Field(alias="minimaal_domeinen", ge=1, le=11)
    stability: tuple[ZrmDomain, ...] = Field(alias="stabiliteit_en_behoud", min_length=1)
    wellbeing: tuple[ZrmDomain, ...] = Field(alias="welbevinden", min_length=1)
    growth: tuple[ZrmDomain, ...] = Field(alias="verandering_en_groei", min_length=1)
    provenance: Provenance = Field(alias="herkomst")

    @property
    def profiles(self) -> tuple[tuple[ZrmProfileName, tuple[ZrmDomain, ...]], ...]:
        return (("stabiliteit_en_behoud", self.stability), ("welbevinden", self.wellbeing),
                ("verandering_en_groei", self.growth))


class NormSet(Frozen):
    """A complete, dated version of a norm framework."""

    schema_id: Literal["hbh.normen.v1"] = Field(alias="schema")
    id: str = Field(alias="id", pattern=ID_PATTERN)
    title: str = Field(alias="titel")
    framework: Literal["protocol", "ciz", "hhm", "kpmg", "eigen"] = Field(alias="kader")
    municipality: str | None = Field(default=None, alias="gemeente")
    version: str = Field(alias="versie")
    valid_from: CalendarDate = Field(alias="geldig_van")
    valid_to: CalendarDate | None = Field(alias="geldig_tot")
    policy_assumptions: tuple[str, ...] = Field(alias="beleidsuitgangspunten", min_length=1)
    source: str = Field(alias="bron")
    sources: tuple[Source, ...] = Field(alias="bronnen", min_length=1)
    weeks_per_year: Fraction = Field(alias="weken_per_jaar", gt=50, lt=54)
    weeks_per_year_provenance: Provenance = Field(alias="weken_per_jaar_herkomst")
    rounding: Rounding = Field(alias="afronding")
    yearly_rounding: YearlyRounding | None = Field(
        default=None, alias="afronding_per_jaar",
        description="How decisions under this set round hours per year (only upward), with its "
                    "source; absent: hours per year are stated exactly, without rounding",
    )
    activities: tuple[Activity, ...] = Field(alias="activiteiten", min_length=1)
    supplements: tuple[Supplement, ...] = Field(default=(), alias="toeslagen")
    age_bands: tuple[AgeBand, ...] = Field(alias="leeftijdsgroepen")
    terms: Terms = Field(alias="termijnen")
    instruction: NormAmount = Field(alias="instructie")
    mode_factors: ModeFactors | None = Field(
        default=None, alias="ondersteuningswijzen",
        description="Issue 17, Bijlage 2: factor per wijze van ondersteuning t.o.v. overnemen",
    )
    zrm_signal: ZrmSignal | None = Field(
        default=None, alias="zrm_signaal",
        description="Issue 17, §1.3: drempels voor het signaal 'begeleiding' uit de ZRM",
    )
    not_covered: tuple[NotCovered, ...] = Field(
        default=(), alias="niet_in_normenset",
        description="Vocabulary activities (norms/activiteiten.yaml) this set has no item for, "
                    "each with the reason",
    )

    @field_validator("weeks_per_year", mode="before")
    @classmethod
    def _weeks_text(cls, value: object) -> object:
        if isinstance(value, float):
            return str(value)
        if isinstance(value, str) and re.fullmatch(r"\d+(\.\d+)?/\d+", value.strip()):
            num, den = value.split("/")
            return Fraction(num) / Fraction(den)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems: list[str] = []
        if self.valid_to is not None and self.valid_to < self.valid_from:
            problems.append("'geldig_tot' ligt vóór 'geldig_van'")
        source_ids = [s.id for s in self.sources]
        problems += _duplicates("bronnen", source_ids)
        if self.source not in source_ids:
            problems.append(f"'bron: {self.source}' staat niet in 'bronnen'")
        activity_ids = [a.id for a in self.activities]
        supplement_ids = [s.id for s in self.supplements]
        problems += _duplicates("activiteiten/toeslagen", activity_ids + supplement_ids)
        for where, prov in self._provenances():
            if prov.source is not None and prov.source not in source_ids:
                problems.append(f"{where}: bron '{prov.source}' staat niet in 'bronnen'")
        for sup in self.supplements:
            if sup.target is not None and sup.target not in activity_ids:
                problems.append(f"toeslag '{sup.id}': onbekende activiteit '{sup.target}'")
            problems += [f"toeslag '{sup.id}': onbekende activiteit '{a}' in 'activiteiten'"
                         for a in sup.activities if a not in activity_ids]
        problems += self._double_counts()
        problems += self._coverage_conflicts()
        for band in self.age_bands:
            for task in band.tasks:
                if task.activity not in activity_ids:
                    problems.append(
                        f"leeftijdsgroep '{band.label}': onbekende activiteit '{task.activity}'"
                    )
        problems += _check_age_bands(self.age_bands)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def extended_by(self, sup: Supplement) -> tuple[Activity, ...]:
        """The activities a toeslag extends: those it names, else every activity of its
        category (in the set's order)."""
        if sup.activities:
            return tuple(a for a in self.activities if a.id in sup.activities)
        return tuple(a for a in self.activities if a.category is sup.category)

    def _double_counts(self) -> list[str]:
        """§3 extra time for the presence of persons on top of a norm that already grows with
        the household counts the same person twice; refused unless the set says why."""
        problems: list[str] = []
        for sup in self.supplements:
            if not sup.per_person or sup.on_top_of_size is not None:
                continue
            counting = [a.id for a in self.extended_by(sup)
                        if len(a.size_variants) > 1 or a.per_child is not None]
            if counting:
                problems.append(
                    f"toeslag '{sup.id}' ({sup.condition.value}) verlengt "
                    f"{', '.join(repr(a) for a in counting)}, waarvan de norm al meegroeit met "
                    "het huishouden (huishoudgrootte of per_kind): dezelfde persoon telt dan "
                    "twee keer. Kies andere 'activiteiten' of leg met 'bovenop_huishoudgrootte' "
                    "vast waarom dit bewust is"
                )
        return problems

    def _coverage_conflicts(self) -> list[str]:
        """A vocabulary activity belongs to at most one item, and is either covered or declared
        'niet_in_normenset' (its facts would otherwise be applied twice, or not at all)."""
        problems: list[str] = []
        owner: dict[str, str] = {}
        for act in self.activities:
            for name in act.covered:
                if name in owner:
                    problems.append(f"activiteit '{name}' valt onder '{owner[name]}' én onder "
                                    f"'{act.id}' ('omvat')")
                owner.setdefault(name, act.id)
        declared = [n.activity for n in self.not_covered]
        problems += _duplicates("niet_in_normenset", declared)
        problems += [f"niet_in_normenset: '{name}' valt onder '{owner[name]}' ('omvat')"
                     for name in declared if name in owner]
        return problems

    def _provenances(self) -> list[tuple[str, Provenance]]:
        found: list[tuple[str, Provenance]] = [
            ("weken_per_jaar", self.weeks_per_year_provenance),
            ("afronding", self.rounding.provenance),
            *((("afronding_per_jaar", self.yearly_rounding.provenance),)
              if self.yearly_rounding is not None else ()),
            ("instructie", self.instruction.provenance),
            ("termijnen.instructie_maximaal", self.terms.instruction_max.provenance),
            ("termijnen.overbelasting", self.terms.overburden.provenance),
            ("termijnen.kortdurend_maximaal", self.terms.short_term_max.provenance),
        ]
        for act in self.activities:
            found.append((f"activiteit '{act.id}'", act.provenance))
            found += [(f"activiteit '{act.id}'", v.provenance) for v in act.size_variants]
            if act.rooms_provenance is not None:
                found.append((f"activiteit '{act.id}' ruimten", act.rooms_provenance))
            if act.weights_provenance is not None:
                found.append((f"activiteit '{act.id}' gewichten", act.weights_provenance))
        found += [(f"toeslag '{s.id}'", s.provenance) for s in self.supplements]
        found += [(f"toeslag '{s.id}' maximum", s.cap_provenance) for s in self.supplements
                  if s.cap_provenance is not None]
        found += [(f"leeftijdsgroep '{b.label}'", b.provenance) for b in self.age_bands]
        if self.mode_factors is not None:
            found += [(f"ondersteuningswijzen.{name}", factor.provenance)
                      for name, factor in (("hulp_en_ondersteuning", self.mode_factors.together),
                                           ("stimuleren_en_aanleren", self.mode_factors.teach),
                                           ("toezicht", self.mode_factors.supervise))]
        if self.zrm_signal is not None:
            found.append(("zrm_signaal", self.zrm_signal.provenance))
        return found

    def provenances(self) -> list[tuple[str, Provenance]]:
        """Every figure's provenance with a readable location, for audits."""
        return self._provenances()

    @cached_property
    def activity_index(self) -> dict[str, Activity]:
        """Activities by id (computed once per norm set; the rules look them up per line)."""
        return {act.id: act for act in self.activities}

    def activity(self, activity_id: str) -> Activity | None:
        return self.activity_index.get(activity_id)


def _duplicates(what: str, ids: list[str]) -> list[str]:
    seen: set[str] = set()
    dups = sorted({i for i in ids if i in seen or seen.add(i)})  # type: ignore[func-returns-value]
    return [f"dubbele id in {what}: '{d}'" for d in dups]


def _check_age_bands(bands: tuple[AgeBand, ...]) -> list[str]:
    if not bands:
        return []
    ordered = sorted(bands, key=lambda b: b.from_age)
    problems: list[str] = []
    if ordered[0].from_age != 0:
        problems.append("leeftijdsgroepen moeten bij 0 jaar beginnen")
    for prev, nxt in itertools.pairwise(ordered):
        if nxt.from_age != prev.to_age + 1:
            problems.append(
                f"leeftijdsgroepen sluiten niet aan: {prev.to_age} gevolgd door {nxt.from_age}"
            )
    if ordered[-1].to_age != 17:
        problems.append("leeftijdsgroepen moeten tot en met 17 jaar lopen (18+ is volwassen)")
    for band in bands:
        if band.to_age < band.from_age:
            problems.append(f"leeftijdsgroep '{band.label}': 'tot_en_met' ligt vóór 'van'")
    return problems


class NormKey:
    """A norm set compared by identity: a cheap cache key for what is derived from a set once
    (a frozen norm set never changes, and a cache holding the key holds the set, so its id
    cannot be reused while cached)."""

    __slots__ = ("norms",)

    def __init__(self, norms: NormSet) -> None:
        self.norms = norms

    def __hash__(self) -> int:
        return id(self.norms)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NormKey) and other.norms is self.norms
