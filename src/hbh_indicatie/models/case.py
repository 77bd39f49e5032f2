"""Case (casus) model: every fact the protocol weighs, with no silent defaults.

A fact the protocol needs must be present in the file. Where a consultant cannot know a
fact, the file says ``onbekend`` explicitly; the rule that needs it is then not applied and
the indication is flagged as voorlopig. Field names in files are Dutch (aliases); Python
attribute names are English.
"""


from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import Annotated, Literal, Self

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    field_validator,
    model_validator,
)

from hbh_indicatie.models.common import (
    UNKNOWN,
    Aid,
    CalendarDate,
    Category,
    Frozen,
    Provision,
    Room,
    YesNo,
    YesNoUnknown,
    field_error,
)

CASE_SCHEMA = "hbh.casus.v1"
NORM_SPEC_PATTERN = r"^[a-z0-9][a-z0-9_\-]*(@[0-9]{4}-[0-9]{2}-[0-9]{2})?$"
"""A case's ``normen``: a norm set ID or ID@JJJJ-MM-DD, never a file (a case from elsewhere
must not make the program open a path of its choosing)."""

Unknown = Literal["onbekend"]


class Dysfunction(StrEnum):
    """Dreigend disfunctioneren (§1.1)."""

    POLLUTION = "vervuiling"
    NEGLECT = "verwaarlozing"
    DISTRESS = "ontreddering"


class LivingForm(StrEnum):
    """Woonvorm (§1.2, §4.6.1)."""

    INDEPENDENT = "zelfstandig"
    GROUP_HOME = "woongroep"
    RENTED_ROOM = "kamerhuur"
    HOLIDAY_HOME = "vakantiewoning"
    SECOND_HOME = "tweede_woning"
    HOTEL = "hotel_pension"


class Relation(StrEnum):
    PARTNER = "partner"
    CHILD = "kind"
    PARENT = "ouder"
    OTHER_FAMILY = "ander_familielid"
    HOUSEMATE = "huisgenoot"
    LODGER = "kamerhuurder"


class NetworkRelation(StrEnum):
    FAMILY_FIRST = "familie_eerste_graad"
    FAMILY_SECOND = "familie_tweede_graad"
    PARTNER_OF_FAMILY = "partner_van_familielid"
    FRIEND_NEIGHBOUR = "vriend_of_buur"
    VOLUNTEER = "vrijwilliger"
    OTHER_PARENT = "andere_ouder"


class TaskSelection(Frozen):
    """A set of activities, by result category and/or activity id of the norm set."""

    categories: tuple[Category, ...] = Field(default=(), alias="categorieen")
    activities: tuple[str, ...] = Field(default=(), alias="activiteiten")

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if not self.categories and not self.activities:
            raise ValueError("noem ten minste één categorie of activiteit (of schrijf 'alle')")
        return self


def _all_tasks(value: object) -> object:
    if value == "alle":
        return {"categorieen": [c.value for c in Category]}
    return value


Tasks = Annotated[
    TaskSelection,
    BeforeValidator(_all_tasks, json_schema_input_type=TaskSelection | Literal["alle"]),
]


class Ability(Frozen):
    """What the client can still do herself: volledig, gedeeltelijk (with a share) or niet."""

    level: Literal["volledig", "gedeeltelijk", "niet", "onbekend"] = Field(alias="kan")
    own_share_percent: int | None = Field(default=None, alias="aandeel_procent", ge=1, le=99)

    @model_validator(mode="after")
    def _share_only_when_partly(self) -> Self:
        if self.level == "gedeeltelijk" and self.own_share_percent is None:
            raise ValueError("bij 'gedeeltelijk' hoort een aandeel van 1 tot en met 99 procent")
        if self.level != "gedeeltelijk" and self.own_share_percent is not None:
            raise ValueError("een aandeel hoort alleen bij 'gedeeltelijk'")
        return self


def _ability_shorthand(value: object) -> object:
    if isinstance(value, str):
        return {"kan": value}
    if isinstance(value, dict) and set(value) == {"gedeeltelijk"}:
        return {"kan": "gedeeltelijk", "aandeel_procent": value["gedeeltelijk"]}
    return value


AbilityField = Annotated[
    Ability,
    BeforeValidator(
        _ability_shorthand,
        json_schema_input_type=Ability | Literal["volledig", "niet", "onbekend"]
        | dict[Literal["gedeeltelijk"], Annotated[int, Field(ge=1, le=99)]],
    ),
]


class Capability(Frozen):
    """Per result category and optionally per activity what the client does herself. Every
    category is required, except 'kinderen' without children under 18 in the household: the
    result does not occur then (no line of it), so there is nothing to state (the case checks
    it is there when there are children)."""

    clean_home: AbilityField = Field(alias="schoon_en_leefbaar_huis")
    groceries_meals: AbilityField = Field(alias="boodschappen_en_maaltijden")
    laundry: AbilityField = Field(alias="wasverzorging")
    children: AbilityField | None = Field(
        default=None, alias="kinderen",
        description="Zorg voor kinderen: nodig met kinderen onder 18 in het huishouden; zonder "
                    "kinderen mag het weg (de categorie komt dan niet voor)",
    )
    organisation: AbilityField = Field(alias="organisatie_van_het_huishouden")
    per_activity: dict[str, AbilityField] = Field(default_factory=dict, alias="activiteiten")

    def for_category(self, category: Category) -> Ability | None:
        """The category's ability; None only for 'kinderen' in a household without children
        (where no line of that category exists)."""
        ability: Ability | None = getattr(self, _CATEGORY_FIELD[category])
        return ability


_CATEGORY_FIELD: dict[Category, str] = {
    Category.CLEAN_HOME: "clean_home",
    Category.GROCERIES_MEALS: "groceries_meals",
    Category.LAUNDRY: "laundry",
    Category.CHILDREN: "children",
    Category.ORGANISATION: "organisation",
}


class Rehabilitation(Frozen):
    """Revalidatie (§1.5): temporary indication until the end of the traject."""

    end_date: CalendarDate = Field(alias="einddatum")
    client_practises: Tasks | None = Field(alias="anti_revaliderend_voor")


# --- issue 17: hoe de hulp wordt gegeven (Bijlage 2), oefenplan (§1.5), ZRM (§1.3) ------


class SupportMode(StrEnum):
    """How the help does an activity, in Bijlage 2's own words ("Begeleiding op de
    leefdomeinen kan zijn 'overnemen', 'toezicht', 'hulp en ondersteuning', 'stimuleren en
    aanleren vaardigheden'"). Not recorded: the help takes the work over (today's meaning)."""

    TAKE_OVER = "overnemen"
    TOGETHER = "hulp_en_ondersteuning"
    TEACH = "stimuleren_en_aanleren"
    SUPERVISE = "toezicht"


SUPPORT_MODE_LABELS: dict[SupportMode, str] = {
    SupportMode.TAKE_OVER: "overnemen",
    SupportMode.TOGETHER: "hulp en ondersteuning (samen doen)",
    SupportMode.TEACH: "stimuleren en aanleren",
    SupportMode.SUPERVISE: "toezicht",
}


class ModeOfSupport(Frozen):
    """§1.5, §1.6, Bijlage 2: how the help does the named activities (a consultant's finding)."""

    tasks: Tasks = Field(alias="taken")
    mode: SupportMode | Unknown = Field(
        alias="wijze",
        description="overnemen, hulp_en_ondersteuning (samen doen), stimuleren_en_aanleren, "
                    "toezicht of onbekend (dan voorlopig, gerekend als overnemen)",
    )


class PlanPhase(Frozen):
    """One period of an oefenplan: the mode of support and how many weeks it lasts."""

    mode: SupportMode = Field(alias="wijze")
    weeks: int = Field(alias="weken", ge=1, le=52)


class ReablementPlan(Frozen):
    """§1.5 (reablement, 'handen op de rug'): activities the client is expected to relearn. The
    help does them per phase in the phase's mode; after the last phase the client does them
    alone, and the plan ends in an evaluation (herindicatie)."""

    tasks: Tasks = Field(alias="taken")
    phases: tuple[PlanPhase, ...] = Field(alias="fasen", min_length=1, max_length=8)

    @property
    def weeks(self) -> int:
        return sum(p.weeks for p in self.phases)


class ZrmDomain(StrEnum):
    """The domains of the Zelfredzaamheid-Matrix (Bijlage 3; the domains Bijlage 2 names)."""

    FINANCES = "financien"
    DAYTIME = "dagbesteding"
    HOUSING = "huisvesting"
    RELATIONS = "huiselijke_relaties"
    MENTAL = "geestelijke_gezondheid"
    PHYSICAL = "lichamelijke_gezondheid"
    ADDICTION = "verslaving"
    ADL = "adl"
    NETWORK = "sociaal_netwerk"
    PARTICIPATION = "maatschappelijke_participatie"
    JUSTICE = "justitie"


ZrmScore = Annotated[int, Field(ge=1, le=5)]


class ZrmScores(Frozen):
    """ZRM scores per domain (1 = acute problematiek, 2 = niet zelfredzaam, 3 = beperkt
    zelfredzaam, 4 = voldoende zelfredzaam, 5 = volledig zelfredzaam); unscored domains are
    left out."""

    finances: ZrmScore | None = Field(default=None, alias="financien")
    daytime: ZrmScore | None = Field(default=None, alias="dagbesteding")
    housing: ZrmScore | None = Field(default=None, alias="huisvesting")
    relations: ZrmScore | None = Field(default=None, alias="huiselijke_relaties")
    mental: ZrmScore | None = Field(default=None, alias="geestelijke_gezondheid")
    physical: ZrmScore | None = Field(default=None, alias="lichamelijke_gezondheid")
    addiction: ZrmScore | None = Field(default=None, alias="verslaving")
    adl: ZrmScore | None = Field(default=None, alias="adl")
    network: ZrmScore | None = Field(default=None, alias="sociaal_netwerk")
    participation: ZrmScore | None = Field(default=None, alias="maatschappelijke_participatie")
    justice: ZrmScore | None = Field(default=None, alias="justitie")

    def scored(self) -> dict[ZrmDomain, int]:
        """The scored domains, in the matrix's order."""
        found: dict[ZrmDomain, int] = {}
        for attribute, info in ZrmScores.model_fields.items():
            value = getattr(self, attribute)
            if value is not None:
                found[ZrmDomain(str(info.alias))] = value
        return found


# --- einde issue 17-blok ------------------------------------------------------------------


class Client(Frozen):
    age: int = Field(alias="leeftijd", ge=18, le=120)
    duration: Literal["kortdurend", "langdurig"] = Field(alias="duur_beperkingen")
    expected_recovery: CalendarDate | None = Field(alias="verwacht_herstel")
    extra_effort: Literal["geen", "enig", "veel", "onbekend"] = Field(
        alias="extra_inzet_door_beperkingen"
    )
    capability: Capability = Field(alias="zelf")
    rehabilitation: Rehabilitation | None = Field(alias="revalidatie")
    structural_regie_problems: YesNoUnknown = Field(alias="structurele_regieproblemen")
    support_modes: tuple[ModeOfSupport, ...] = Field(
        default=(), alias="ondersteuningswijze",
        description="§1.5, §1.6, Bijlage 2: per activiteit of categorie hoe de hulp het doet "
                    "(overnemen, hulp_en_ondersteuning, stimuleren_en_aanleren, toezicht, "
                    "onbekend); wat niet genoemd is, neemt de hulp over",
    )
    plan: ReablementPlan | None = Field(
        default=None, alias="oefenplan",
        description="§1.5: activiteiten die de cliënt weer leert, met fasen {wijze, weken}; "
                    "daarna doet de cliënt ze zelf en volgt een evaluatie (herindicatie)",
    )
    zrm: ZrmScores | None = Field(
        default=None, alias="zrm",
        description="§1.3, Bijlage 3: scores van de Zelfredzaamheid-Matrix per domein (1 = "
                    "acute problematiek .. 5 = volledig zelfredzaam); alleen een signaal",
    )

    @model_validator(mode="after")
    def _recovery_date(self) -> Self:
        if self.duration == "kortdurend" and self.expected_recovery is None:
            raise ValueError("bij duur_beperkingen kortdurend hoort 'verwacht_herstel' "
                             "(de datum van herstel)")
        if self.duration == "langdurig" and self.expected_recovery is not None:
            raise ValueError("'verwacht_herstel' hoort alleen bij 'duur_beperkingen' kortdurend")
        return self


# --- §2.2 afwezigheid, §2.1 na een tijdelijke indicatie (issue 11, punten 4 en 7) -----------

LONG_ABSENCE_NIGHTS = 7
"""§2.2's own threshold (jurisprudence cited in the protocol), not a norm figure."""


class AbsenceReason(StrEnum):
    """Why a housemate is away (§2.2). Only absence for work can reach the 7-etmalen rule;
    night shifts are no absence of whole etmalen (the housemate is at home by day)."""

    WORK = "werk"
    NIGHT_SHIFT = "nachtdienst"
    OTHER = "anders"


class AbsencePattern(Frozen):
    """One recurring absence (§2.2): ``etmalen`` nights in a row away from home, once every
    ``per_weken`` weeks (1 = every week), and why. "7 nachten om de week voor werk" is
    ``{etmalen: 7, per_weken: 2, vanwege: werk}``."""

    nights: int = Field(alias="etmalen", ge=1, le=366)
    every_weeks: Annotated[int, Field(ge=1, le=52)] | Unknown = Field(alias="per_weken")
    reason: AbsenceReason = Field(alias="vanwege")

    @model_validator(mode="after")
    def _fits(self) -> Self:
        if isinstance(self.every_weeks, int) and self.nights > 7 * self.every_weeks:
            raise ValueError(
                f"{self.nights} etmalen passen niet in {self.every_weeks} week/weken "
                "(per_weken is hoe vaak de afwezigheid terugkomt)"
            )
        return self

    @property
    def away_share(self) -> Fraction | None:
        """Share of all days away from home (None when the period is onbekend)."""
        if isinstance(self.every_weeks, str):
            return None
        return Fraction(self.nights, 7 * self.every_weeks)


def _no_absence_list(value: object) -> object:
    return [] if value == "geen" else value


AbsencePatterns = Annotated[
    tuple[AbsencePattern, ...],
    BeforeValidator(_no_absence_list,
                    json_schema_input_type=list[AbsencePattern] | Literal["geen"]),
]


def needs_postponable_finding(patterns: tuple[AbsencePattern, ...]) -> bool:
    """§2.2: an absence that is not 7+ etmalen in a row for work (and not only night shifts)
    asks the consultant "in hoeverre" the housemate takes over the uitstelbare tasks."""
    away = [p for p in patterns if p.reason is not AbsenceReason.NIGHT_SHIFT]
    return bool(away) and not any(
        p.reason is AbsenceReason.WORK and p.nights >= LONG_ABSENCE_NIGHTS for p in away
    )


class Absence(Frozen):
    """The old form of ``afwezigheid_werk`` (longest uninterrupted absence for work and absent
    days per week). Still read; converted to ``afwezigheid`` by :func:`legacy_patterns`."""

    longest_nights: int = Field(alias="langste_aaneengesloten_etmalen", ge=0, le=366)
    days_per_week: int = Field(alias="dagen_per_week", ge=0, le=7)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.longest_nights == 0 and self.days_per_week > 0:
            raise ValueError("afwezige dagen per week zonder aaneengesloten afwezigheid")
        if self.longest_nights > 0 and self.days_per_week == 0 and self.longest_nights < 7:
            raise ValueError("afwezigheid korter dan 7 etmalen vraagt 'dagen_per_week' "
                             "(1 tot en met 7)")
        if self.longest_nights < 7 and self.days_per_week == 7:
            raise ValueError("7 dagen per week afwezig is een aaneengesloten afwezigheid van 7 "
                             "of meer etmalen")
        return self


def _no_absence(value: object) -> object:
    if value == "geen":
        return {"langste_aaneengesloten_etmalen": 0, "dagen_per_week": 0}
    return value


AbsenceField = Annotated[
    Absence, BeforeValidator(_no_absence, json_schema_input_type=Absence | Literal["geen"])
]


def legacy_patterns(old: Absence) -> tuple[AbsencePattern, ...]:
    """Documented conversion of the old ``afwezigheid_werk`` (docs/handleiding.md):

    * ``geen`` (0 etmalen): no absence;
    * 7 or more etmalen: one absence of that length for work, period ``onbekend`` (the old
      form did not say; the 7-etmalen rule does not need it);
    * fewer: the absent days per week for work, in stretches of at most the longest absence
      (3 days a week, longest 2 -> 2 etmalen + 1 etmaal, every week).
    """
    nights, days = old.longest_nights, old.days_per_week
    if nights == 0:
        return ()
    stretches: list[tuple[int, int | str]] = []
    if nights >= LONG_ABSENCE_NIGHTS:
        stretches.append((nights, UNKNOWN))
    else:
        stretches += [(nights, 1)] * (days // nights)
        stretches += [(days % nights, 1)] if days % nights else []
    return tuple(
        AbsencePattern.model_validate({"etmalen": n, "per_weken": w, "vanwege": "werk"})
        for n, w in stretches
    )


class PreviousOverburden(Frozen):
    """§2.1 at a herindicatie: the temporary indication for overburden that went before, what
    client and housemate tried, and the consultant's finding whether the overburden really
    cannot be reduced ("Alleen wanneer blijkt dat -na een tijdelijke indicatie- ondanks
    pogingen van betrokkenen ... het echt niet mogelijk is ... kan langdurig hulp ...")."""

    until: CalendarDate = Field(alias="tot")
    attempts: str = Field(alias="pogingen", min_length=20)
    cannot_reduce: YesNoUnknown = Field(alias="overbelasting_niet_te_verminderen")


# --- einde §2.2/§2.1-blok ---------------------------------------------------------------


class Housemate(Frozen):
    model_config = ConfigDict(json_schema_extra={
        "oneOf": [{"required": ["afwezigheid"]}, {"required": ["afwezigheid_werk"]}],
    })

    name: str = Field(alias="naam", min_length=1)
    relation: Relation = Field(alias="relatie")
    stated_age: int | None = Field(
        default=None, alias="leeftijd", ge=0, le=120,
        description="§2: leeftijd op de peildatum; mag weg als 'geboortedatum' er is (dan "
                    "berekend)",
    )
    birth_date: CalendarDate | None = Field(
        default=None, alias="geboortedatum",
        description="§4.3, issue 17: met de geboortedatum staat de datum waarop een kind in een "
                    "volgende leeftijdsgroep komt (herindicatie) precies vast; zonder alleen "
                    "'uiterlijk'. Met 'leeftijd' erbij moeten ze kloppen op de peildatum",
    )
    rental_contract: YesNo | None = Field(default=None, alias="huurovereenkomst")
    can_do_household: Literal["ja", "gedeeltelijk", "nee", "onbekend"] = Field(
        alias="kan_huishouden"
    )
    can_take_over: Tasks | None = Field(default=None, alias="kan_overnemen")
    absence: AbsencePatterns | None = Field(
        default=None, alias="afwezigheid",
        description="§2.2: 'geen' of een lijst van terugkerende afwezigheden "
                    "{etmalen, per_weken, vanwege: werk|nachtdienst|anders}",
    )
    legacy_absence: AbsenceField | None = Field(
        default=None, alias="afwezigheid_werk",
        description="Verouderd (vóór afwezigheid): {langste_aaneengesloten_etmalen, "
                    "dagen_per_week} of 'geen'; wordt omgezet naar 'afwezigheid'",
    )
    postponable_at_home: AbilityField | Tasks | None = Field(
        default=None, alias="uitstelbaar_op_thuisdagen",
        description="§2.2: welk deel van de uitstelbare taken de huisgenoot op de dagen thuis "
                    "overneemt (vaststelling van de consulent): volledig, niet, {gedeeltelijk: "
                    "50}, onbekend, of welke taken ({categorieen: [...], activiteiten: [...]})",
    )
    overburdened: YesNoUnknown = Field(alias="overbelast")
    previous_overburden: PreviousOverburden | None = Field(
        default=None, alias="eerdere_tijdelijke_indicatie",
        description="§2.1: alleen bij 'overbelast: ja' na een tijdelijke indicatie",
    )
    not_used_to_housework: YesNo = Field(alias="ongewend_aan_huishouden")
    frequency: str | None = Field(
        default=None, alias="frequentie", min_length=1, max_length=200,
        description="Afspraak (issue 17, seed 004): wanneer de huisgenoot de taken doet, in "
                    "eigen woorden ('elke avond', 'zaterdagochtend'); voor het afsprakenoverzicht",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.relation is Relation.LODGER and self.rental_contract is None:
            raise ValueError("bij een kamerhuurder hoort 'huurovereenkomst': ja of nee (§4.6.1)")
        if self.can_do_household == "gedeeltelijk" and self.can_take_over is None:
            raise ValueError("bij kan_huishouden gedeeltelijk hoort 'kan_overnemen': "
                             "welke taken de huisgenoot wel doet")
        if self.can_do_household != "gedeeltelijk" and self.can_take_over is not None:
            raise ValueError("'kan_overnemen' hoort alleen bij 'kan_huishouden' gedeeltelijk")
        if self.previous_overburden is not None and self.overburdened is not True:
            raise ValueError("'eerdere_tijdelijke_indicatie' hoort alleen bij 'overbelast' ja "
                             "(§2.1)")
        return self

    @model_validator(mode="wrap")
    @classmethod
    def _absence_form(cls, data: object, handler: ModelWrapValidatorHandler[Self]) -> Self:
        """Reads the old ``afwezigheid_werk`` (converted, see :func:`legacy_patterns`; a
        shorter absence gets ``uitstelbaar_op_thuisdagen: onbekend`` unless given) and checks
        that the §2.2 finding is there exactly when the absence asks for it."""
        mate = handler(data)
        if mate.legacy_absence is not None:
            if mate.absence is not None:
                raise ValueError("noem 'afwezigheid' of het oude 'afwezigheid_werk', niet allebei")
            patterns = legacy_patterns(mate.legacy_absence)
            finding = mate.postponable_at_home
            if finding is None and needs_postponable_finding(patterns):
                finding = Ability.model_validate({"kan": UNKNOWN})
            mate = mate.model_copy(update={
                "absence": patterns, "legacy_absence": None, "postponable_at_home": finding,
            })
        if mate.absence is None:
            raise ValueError("'afwezigheid' ontbreekt: geen, of de afwezigheden met "
                             "'etmalen', 'per_weken' en 'vanwege' (§2.2)")
        known = [p.away_share for p in mate.absence if p.reason is not AbsenceReason.NIGHT_SHIFT]
        if sum((s for s in known if s is not None), Fraction(0)) > 1:
            raise ValueError("de afwezigheden samen zijn meer etmalen dan er dagen zijn")
        needs = needs_postponable_finding(mate.absence)
        if needs and mate.postponable_at_home is None:
            raise ValueError(
                "bij afwezigheid die geen 7 etmalen aaneengesloten voor werk is, hoort "
                "'uitstelbaar_op_thuisdagen' (§2.2: in hoeverre neemt de huisgenoot de "
                "uitstelbare taken over): volledig, gedeeltelijk (met een aandeel van 1 tot en "
                "met 99 procent), niet, onbekend, of welke taken (categorieën of activiteiten)"
            )
        if not needs and mate.postponable_at_home is not None:
            raise ValueError("'uitstelbaar_op_thuisdagen' hoort alleen bij een afwezigheid korter "
                             "dan 7 etmalen voor werk, of om een andere reden (§2.2)")
        return mate

    @model_validator(mode="after")
    def _age_or_birth_date(self) -> Self:
        if self.stated_age is None and self.birth_date is None:
            raise ValueError("noem 'leeftijd' of 'geboortedatum' (of allebei)")
        return self

    @property
    def age(self) -> int:
        """Age on the peildatum: given, or computed from the birth date by the case."""
        if self.stated_age is None:
            raise ValueError(f"huisgenoot {self.name}: leeftijd onbekend (alleen een "
                             "geboortedatum, buiten een casus gelezen)")
        return self.stated_age

    @property
    def absences(self) -> tuple[AbsencePattern, ...]:
        """The absence patterns (always set after validation)."""
        return self.absence or ()

    @property
    def is_adult(self) -> bool:
        return self.age >= 18

    @property
    def in_household(self) -> bool:
        """A lodger with a rental contract is not part of the household (§1.2, §4.6.1)."""
        return not (self.relation is Relation.LODGER and self.rental_contract)


class SharedSpaces(Frozen):
    """Common rooms shared with residents outside the client's household (§1.2, §4.6.1): a
    woongroep, a multi-generation house, or a lodger in the client's dwelling (kamerverhuur).
    ``bewoners`` counts every person living at the address who shares these rooms, the
    client's household included. The client's household gets an evenredig deel of their
    cleaning, however many of the others need care (``zorgbehoevende_bewoners`` is kept only
    for information)."""

    rooms: tuple[Room, ...] = Field(alias="ruimten", min_length=1)
    residents: int = Field(alias="bewoners", ge=2, le=50)
    residents_needing_care: int | None = Field(
        default=None, alias="zorgbehoevende_bewoners", ge=1, le=50,
        description="For information only: the client's share does not depend on it (§1.2)",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.residents_needing_care is not None and self.residents_needing_care > self.residents:
            raise ValueError("meer zorgbehoevende bewoners dan bewoners")
        return self


# --- §4.6.1 "in beginsel": exception and permanent room (issue 11.3) ----------------------

EXCLUDED_FORMS = frozenset({LivingForm.HOLIDAY_HOME, LivingForm.SECOND_HOME, LivingForm.HOTEL,
                            LivingForm.RENTED_ROOM})
"""§4.6.1: 'In vakantiewoningen, tweede woningen, hotels/pensions, kamerhuur wordt in beginsel
geen hulp bij het huishouden verstrekt.'"""


class HousingException(Frozen):
    """The consultant's motivated exception to §4.6.1's "in beginsel geen hulp"."""

    motivation: str = Field(alias="motivering", min_length=20)


def _no_exception(value: object) -> object:
    if value is False or (isinstance(value, str) and value.strip().lower() == "nee"):
        return "nee"
    if isinstance(value, str) and value.strip().lower() == "onbekend":
        return "onbekend"
    return value


ExceptionField = Annotated[
    HousingException | Literal["nee", "onbekend"],
    BeforeValidator(_no_exception,
                    json_schema_input_type=HousingException | Literal["nee", "onbekend"]),
]

# --- end §4.6.1 ---------------------------------------------------------------------------


SHARING_FORMS = frozenset({LivingForm.INDEPENDENT, LivingForm.GROUP_HOME, LivingForm.RENTED_ROOM})
"""Living forms where rooms can be shared with residents outside the household (§1.2)."""


class Dwelling(Frozen):
    living_form: LivingForm = Field(alias="woonvorm")
    shared_spaces: SharedSpaces | None = Field(alias="gemeenschappelijke_ruimten")
    extra_rooms_in_use: int = Field(alias="extra_kamers_in_gebruik", ge=0, le=20)
    extra_rooms_unused: int = Field(alias="extra_kamers_niet_in_gebruik", ge=0, le=20)
    features_extra_work: YesNoUnknown = Field(alias="kenmerken_extra_werk")
    exception: ExceptionField | None = Field(
        default=None, alias="uitzondering_woonvorm",
        description="§4.6.1 'in beginsel': nee, onbekend, or {motivering} to lift the exclusion "
                    "of a vakantiewoning, tweede woning, hotel/pension or kamerhuur; not "
                    "recorded counts as onbekend",
    )
    permanent_home: YesNoUnknown | None = Field(
        default=None, alias="vaste_woonruimte",
        description="Kamerhuur: is the rented room the client's permanent home (then §1.2: the "
                    "indication covers her own room(s)); not recorded counts as onbekend",
    )

    @model_validator(mode="after")
    def _exception_and_room(self) -> Self:
        if self.exception is not None and self.living_form not in EXCLUDED_FORMS:
            raise ValueError("'uitzondering_woonvorm' hoort bij vakantiewoning, tweede_woning, "
                             "hotel_pension of kamerhuur (§4.6.1)")
        if self.permanent_home is not None and self.living_form is not LivingForm.RENTED_ROOM:
            raise ValueError("'vaste_woonruimte' hoort alleen bij 'woonvorm' kamerhuur")
        if self.permanent_home is True and self.exception is not None:
            raise ValueError("een kamer die de vaste woonruimte is, valt niet onder de uitsluiting "
                             "van §4.6.1: 'uitzondering_woonvorm' is dan niet nodig")
        return self

    @model_validator(mode="after")
    def _shared_only_in_group(self) -> Self:
        if self.living_form is LivingForm.GROUP_HOME and self.shared_spaces is None:
            raise ValueError("bij woonvorm woongroep horen de 'gemeenschappelijke_ruimten' "
                             "(welke ruimten en hoeveel bewoners)")
        if self.living_form not in SHARING_FORMS and self.shared_spaces is not None:
            raise ValueError("'gemeenschappelijke_ruimten' hoort bij een woongroep, een "
                             "zelfstandige woning met kamerverhuur of kamerhuur")
        return self


class AidFact(Frozen):
    """A technical aid present, or absent with whether it is feasible (§1.4, §1.7)."""

    kind: Aid = Field(alias="soort")
    present: YesNo = Field(alias="aanwezig")
    feasible: YesNoUnknown | None = Field(default=None, alias="haalbaar")
    expected_from: CalendarDate | None = Field(default=None, alias="verwacht_per")
    sufficient: YesNoUnknown | None = Field(
        default=None, alias="afdoende",
        description="§1.4 (issue 11, punt 9a): lost dit hulpmiddel het probleem voor deze "
                    "cliënt afdoende op? ja = het neemt de activiteiten helemaal over; zonder "
                    "vaststelling geldt het aandeel uit de normenset",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if not self.present and self.feasible is None:
            raise ValueError("bij een afwezig hulpmiddel hoort 'haalbaar' (ruimte en geld)")
        if self.present and (self.feasible is not None or self.expected_from is not None):
            raise ValueError("'haalbaar' en 'verwacht_per' horen alleen bij een afwezig hulpmiddel")
        if self.feasible is True and self.expected_from is None:
            raise ValueError("bij een haalbaar maar afwezig hulpmiddel hoort 'verwacht_per'")
        if self.sufficient is not None and not (self.present or self.feasible is True):
            raise ValueError("'afdoende' hoort alleen bij een hulpmiddel dat er is of komt "
                             "(aanwezig, of haalbaar met verwacht_per)")
        return self


class ProvisionFact(Frozen):
    kind: Provision = Field(alias="soort")
    available: YesNo = Field(alias="beschikbaar_in_gemeente")
    feasible: YesNoUnknown = Field(alias="haalbaar")


# --- §1.6 particuliere hulp en netwerk, §4.4 andere ouder (issue 11, punten 5 en 6) -------

class PrivateHelp(Frozen):
    """Particuliere hulp already in place (§1.6). It stops counting only when the client no
    longer continues it *and* the (financial) circumstances changed."""

    present: YesNo = Field(alias="aanwezig")
    finances_changed: YesNoUnknown | None = Field(default=None, alias="financien_gewijzigd")
    continued: YesNoUnknown | None = Field(
        default=None, alias="wordt_voortgezet",
        description="§1.6: zet de cliënt de particuliere hulp op eigen kosten voort? "
                    "Zonder dit veld geldt onbekend (alleen van belang als de financiën "
                    "gewijzigd zijn)",
    )
    tasks: Tasks | None = Field(default=None, alias="taken")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.present and (self.finances_changed is None or self.tasks is None):
            raise ValueError("bij aanwezige particuliere hulp horen 'financien_gewijzigd' en 'taken'")
        if not self.present and (self.finances_changed is not None or self.tasks is not None
                                 or self.continued is not None):
            raise ValueError("'financien_gewijzigd', 'wordt_voortgezet' en 'taken' horen alleen "
                             "bij aanwezige hulp")
        return self


def _no_private_help(value: object) -> object:
    return {"aanwezig": False} if value == "geen" else value


class NetworkMember(Frozen):
    """Someone outside the household who takes over tasks (§1.6), or the non-resident parent
    under the omgangsregeling (§4.4).

    * Family in the first or second degree (or their partners): what they take over counts.
    * Others (friend, neighbour, volunteer): only what they lastingly do and can bear counts
      (``duurzaam``); "bereid" alone is not enough.
    * ``aandeel_procent``: the part of the named tasks they do (without it: all of them).
    * The other parent: ``kinderen_bij_client_procent`` (share of the time the children are
      with the client, from the omgangsregeling) and ``omgangsregeling_nagekomen``.
    """

    name: str = Field(alias="naam", min_length=1)
    relation: NetworkRelation = Field(alias="relatie")
    takes_over: Tasks = Field(alias="neemt_over")
    willing: YesNo | None = Field(default=None, alias="bereid")
    share_percent: int | None = Field(default=None, alias="aandeel_procent", ge=1, le=100)
    sustainable: YesNoUnknown | None = Field(
        default=None, alias="duurzaam",
        description="§1.6: doet dit netwerklid het blijvend en is het vol te houden (afspraken, "
                    "geen overbelasting)? Niet bij familie eerste/tweede graad; verplicht bij "
                    "een ander netwerklid dat bereid is (ja, nee of onbekend)",
    )
    frequency: str | None = Field(
        default=None, alias="frequentie", min_length=1, max_length=200,
        description="Afspraak (issue 17, seed 004): wanneer dit netwerklid de taken doet, in "
                    "eigen woorden ('elke zaterdag', 'om de week'); voor het afsprakenoverzicht",
    )
    children_with_client_percent: Annotated[int, Field(ge=0, le=100)] | Unknown | None = Field(
        default=None, alias="kinderen_bij_client_procent",
        description="§4.4, alleen bij andere_ouder: deel van de tijd dat de kinderen volgens de "
                    "omgangsregeling bij de cliënt zijn",
    )
    arrangement_kept: YesNoUnknown | None = Field(
        default=None, alias="omgangsregeling_nagekomen",
        description="§4.4, alleen bij andere_ouder: komt de andere ouder de omgangsregeling na? "
                    "nee = éénoudergezin",
    )

    @model_validator(mode="wrap")
    @classmethod
    def _by_relation(cls, data: object,
                     handler: ModelWrapValidatorHandler[Self]) -> Self:
        member = handler(data)
        if member.relation is NetworkRelation.OTHER_PARENT:
            return member._other_parent()
        if member.children_with_client_percent is not None or member.arrangement_kept is not None:
            raise ValueError("'kinderen_bij_client_procent' en 'omgangsregeling_nagekomen' horen "
                             "alleen bij relatie andere_ouder (§4.4)")
        if member.willing is None:
            raise ValueError("bij een netwerklid hoort 'bereid': ja of nee")
        family = member.relation in NETWORK_FAMILY
        if family and member.sustainable is not None:
            raise ValueError("'duurzaam' hoort niet bij familie in de eerste of tweede graad: wat "
                             "zij overnemen telt (§1.6); leg een lager aandeel vast met "
                             "'aandeel_procent'")
        if not family and member.willing and member.sustainable is None:
            # a blank is missing, never onbekend: the consultant chooses onbekend herself
            raise field_error("NetworkMember", ("duurzaam",),
                              "bij een netwerklid buiten de familie dat bereid is hoort "
                              "'duurzaam': ja, nee of onbekend (§1.6)", None)
        return member

    def _other_parent(self) -> Self:
        if self.share_percent is not None or self.sustainable is not None:
            raise ValueError("bij andere_ouder horen geen 'aandeel_procent' en 'duurzaam' maar "
                             "'kinderen_bij_client_procent' en 'omgangsregeling_nagekomen' (§4.4)")
        new_form = (self.children_with_client_percent is not None
                    or self.arrangement_kept is not None)
        if not new_form and self.willing is not None:
            # The old form: the other parent does the named tasks entirely, when willing.
            return self.model_copy(update={"children_with_client_percent": 0,
                                           "arrangement_kept": self.willing, "willing": None})
        if self.willing is not None:
            raise ValueError("bij andere_ouder is 'bereid' vervangen door "
                             "'omgangsregeling_nagekomen' (§4.4)")
        if self.children_with_client_percent is None or self.arrangement_kept is None:
            raise ValueError("bij andere_ouder horen 'kinderen_bij_client_procent' (0 tot en met "
                             "100 procent, of onbekend) en 'omgangsregeling_nagekomen' (ja, nee "
                             "of onbekend) (§4.4)")
        return self


NETWORK_FAMILY = frozenset({
    NetworkRelation.FAMILY_FIRST,
    NetworkRelation.FAMILY_SECOND,
    NetworkRelation.PARTNER_OF_FAMILY,
})
"""§1.6: "familieleden in de eerste of tweede graad of hun partners"."""


# --- einde §1.6/§4.4-blok -----------------------------------------------------------------


class DustMite(Frozen):
    allergy: YesNo = Field(alias="allergie")
    sanitised: YesNo | None = Field(default=None, alias="sanering_uitgevoerd")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.allergy and self.sanitised is None:
            raise ValueError("bij huisstofmijtallergie hoort 'sanering_uitgevoerd' (§4.6)")
        return self


def _no_dust_mite(value: object) -> object:
    return {"allergie": False} if value == "geen" else value


class Terminal(Frozen):
    """Terminale situatie (§4.5): the consultant names what the housemate is relieved of."""

    applies: YesNo = Field(alias="van_toepassing")
    relieve: Tasks | None = Field(default=None, alias="ontlasten")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if not self.applies and self.relieve is not None:
            raise ValueError("'ontlasten' hoort alleen bij een terminale situatie")
        return self


def _not_terminal(value: object) -> object:
    no = value is False or (isinstance(value, str) and value.strip().lower() == "nee")
    return {"van_toepassing": False} if no else value


class Deviation(Frozen):
    """Consultant's deviation from the norm for one activity (§3), with a motivation."""

    activity: str = Field(alias="activiteit", min_length=1)
    minutes_per_week: int = Field(alias="minuten_per_week", ge=-600, le=600)
    motivation: str = Field(alias="motivering", min_length=20)

    @field_validator("minutes_per_week")
    @classmethod
    def _not_zero(cls, value: int) -> int:
        if value == 0:
            raise ValueError("een afwijking van 0 minuten is geen afwijking")
        return value


# --- §3 toeslagen: the consultant's judgement per factor (issue 11.1) ---------------------


class ProfessionalEffort(Frozen):
    """§3: extra time for a factor "mits deze in de individuele situatie daadwerkelijk om meer
    professionele inzet vragen". Per factor whose case fact is only a presence or a count, the
    consultant's judgement: ja, nee or onbekend. Keys are the norm sets' conditions (voorwaarde).
    A factor that is present (:meth:`Case.effort_factors_present`) under a norm set with a
    toeslag for it needs its judgement: left blank it is missing (the case is not complete),
    never taken as onbekend."""

    children: YesNoUnknown | None = Field(default=None, alias="kinderen")
    third_person: YesNoUnknown | None = Field(default=None, alias="derde_persoon")
    pet: YesNoUnknown | None = Field(default=None, alias="huisdier")
    household: YesNoUnknown | None = Field(default=None, alias="samenstelling_huishouden")
    rooms_in_use: YesNoUnknown | None = Field(default=None, alias="extra_kamer_in_gebruik")
    rooms_unused: YesNoUnknown | None = Field(default=None, alias="extra_kamer_niet_in_gebruik")
    partner: YesNoUnknown | None = Field(default=None, alias="partner_beperkingen")

    def for_condition(self, condition: str) -> bool | Literal["onbekend"] | None:
        """The judgement recorded for a norm-set condition (None: not recorded)."""
        for name, info in ProfessionalEffort.model_fields.items():
            if info.alias == condition:
                value: bool | Literal["onbekend"] | None = getattr(self, name)
                return value
        raise KeyError(condition)

    @classmethod
    def judged(cls) -> frozenset[str]:
        """The conditions that need this judgement."""
        return frozenset(str(info.alias) for info in cls.model_fields.values())


# --- end §3 toeslagen -------------------------------------------------------------------


class Case(Frozen):
    """One Wmo case for hulp bij het huishouden, as established after the keukentafelgesprek."""

    schema_id: Literal["hbh.casus.v1"] = Field(default="hbh.casus.v1", alias="schema")
    key: str = Field(alias="kenmerk", min_length=1, max_length=100)
    description: str | None = Field(default=None, alias="omschrijving")
    reference_date: CalendarDate = Field(alias="peildatum")
    start_date: CalendarDate | None = Field(default=None, alias="ingangsdatum")
    norm_set: str | None = Field(default=None, alias="normen", pattern=NORM_SPEC_PATTERN)
    dysfunction: tuple[Dysfunction, ...] | Unknown = Field(alias="dreigend_disfunctioneren")
    dwelling: Dwelling = Field(alias="woning")
    client: Client = Field(alias="client")
    housemates: tuple[Housemate, ...] = Field(alias="huisgenoten")
    aids: tuple[AidFact, ...] = Field(alias="hulpmiddelen")
    provisions: tuple[ProvisionFact, ...] = Field(alias="voorliggende_voorzieningen")
    private_help: Annotated[
        PrivateHelp,
        BeforeValidator(_no_private_help, json_schema_input_type=PrivateHelp | Literal["geen"]),
    ] = Field(
        alias="particuliere_hulp"
    )
    network: tuple[NetworkMember, ...] = Field(alias="netwerk")
    pets: int | Unknown = Field(alias="huisdieren")
    third_person: YesNoUnknown = Field(alias="derde_persoon")
    extra_soiling: YesNoUnknown = Field(alias="extra_bevuiling")
    dust_mite: Annotated[
        DustMite, BeforeValidator(_no_dust_mite, json_schema_input_type=DustMite | Literal["geen"])
    ] = Field(alias="huisstofmijt")
    terminal: Annotated[
        Terminal,
        BeforeValidator(_not_terminal, json_schema_input_type=Terminal | Literal["nee", False]),
    ] = Field(
        alias="terminale_situatie"
    )
    deviations: tuple[Deviation, ...] = Field(alias="afwijkingen")
    professional_effort: ProfessionalEffort = Field(
        default_factory=ProfessionalEffort, alias="meer_professionele_inzet",
        description="§3: per factor (kinderen, derde_persoon, huisdier, ...) whether it really "
                    "asks for more professional effort: ja, nee or onbekend",
    )
    delivery: Literal["zin", "pgb"] = Field(
        default="zin", alias="leveringsvorm",
        description="Zorg in natura (zin) or persoonsgebonden budget (pgb); only the iWmo "
                    "export uses it (a pgb gets no toewijzing, OP043)",
    )

    @field_validator("pets")
    @classmethod
    def _pets_range(cls, value: int | str) -> int | str:
        if isinstance(value, int) and not 0 <= value <= 20:
            raise ValueError("aantal huisdieren moet tussen 0 en 20 liggen")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        names = [h.name for h in self.housemates]
        if len(set(names)) != len(names):
            raise ValueError("namen van huisgenoten moeten uniek zijn")
        kinds = [a.kind for a in self.aids]
        if len(set(kinds)) != len(kinds):
            raise ValueError("elk hulpmiddel mag maar één keer voorkomen")
        provs = [p.kind for p in self.provisions]
        if len(set(provs)) != len(provs):
            raise ValueError("elke voorliggende voorziening mag maar één keer voorkomen")
        if self.start_date is not None and self.start_date < self.reference_date:
            raise ValueError("'ingangsdatum' ligt vóór de 'peildatum'")
        rehab = self.client.rehabilitation
        if rehab is not None and rehab.end_date <= self.reference_date:
            raise ValueError("de einddatum van de revalidatie ligt niet na de peildatum")
        recovery = self.client.expected_recovery
        if recovery is not None and recovery <= self.reference_date:
            raise ValueError("'verwacht_herstel' ligt niet na de peildatum")
        shared = self.dwelling.shared_spaces
        size = 1 + sum(1 for h in self.housemates if self.belongs_to_household(h))
        if shared is not None and shared.residents <= size:
            raise ValueError(
                f"'bewoners' van de gemeenschappelijke ruimten ({shared.residents}) telt iedereen die "
                f"de ruimten delen, ook het huishouden van de cliënt ({size}): dat moet meer zijn"
            )
        return self

    def belongs_to_household(self, mate: Housemate) -> bool:
        """§1.2: a lodger with a rental contract, and in a woongroep a fellow resident
        (relation huisgenoot), do not belong to the client's household."""
        return household_member(mate.relation, mate.rental_contract, self.dwelling.living_form)

    def effort_factors_present(self) -> frozenset[str]:
        """§3: the factors of :class:`ProfessionalEffort` (their conditions) that are there in
        this case, as ``rules/toeslagen.py`` finds them: for each, the consultant's judgement
        ja, nee or onbekend must be recorded when the norm set has a toeslag for it (a blank is
        missing, never onbekend: ``rules/required_facts.py``)."""
        return effort_factors(
            [HouseholdMemberFacts(h.relation, child=not h.is_adult,
                                  can_do_household=h.can_do_household)
             for h in self.housemates if self.belongs_to_household(h)],
            third_person=self.third_person, pets=self.pets,
            rooms_in_use=self.dwelling.extra_rooms_in_use,
            rooms_unused=self.dwelling.extra_rooms_unused)

    @model_validator(mode="wrap")
    @classmethod
    def _children_ability(cls, data: object, handler: ModelWrapValidatorHandler[Self]) -> Self:
        """'client.zelf.kinderen' may be left out only without children under 18 in the
        household; with children it is required like every other category (said at that
        field)."""
        case = handler(data)
        if case.client.capability.children is None and any(
                case.belongs_to_household(h) and not h.is_adult for h in case.housemates):
            raise field_error("Case", ("client", "zelf", "kinderen"), (
                "ontbreekt: met kinderen onder 18 in het huishouden hoort hier wat de cliënt "
                "zelf kan bij de zorg voor kinderen"), data)
        return case

    @model_validator(mode="after")
    def _birth_dates(self) -> Self:
        """A housemate's age follows from the birth date on the peildatum when only the birth
        date is given; given both, they agree."""
        mates: list[Housemate] = []
        for mate in self.housemates:
            if mate.birth_date is not None:
                age = age_on(mate.birth_date, self.reference_date)
                if not 0 <= age <= 120:
                    raise ValueError(f"huisgenoot {mate.name}: 'geboortedatum' {mate.birth_date} "
                                     f"geeft op de peildatum {self.reference_date} geen leeftijd "
                                     "van 0 tot 120 jaar")
                if mate.stated_age is None:
                    mate = mate.model_copy(update={"stated_age": age})
                elif mate.stated_age != age:
                    raise ValueError(
                        f"huisgenoot {mate.name}: 'geboortedatum' {mate.birth_date} geeft op de "
                        f"peildatum {self.reference_date} de leeftijd {age}, niet "
                        f"{mate.stated_age}")
            mates.append(mate)
        if any(a is not b for a, b in zip(mates, self.housemates, strict=True)):
            return self.model_copy(update={"housemates": tuple(mates)})
        return self

    @property
    def effective_start(self) -> date:
        return self.start_date or self.reference_date

    @model_validator(mode="after")
    def _previous_overburden_before_start(self) -> Self:
        """§2.1: the temporary indication that went before ends before this one starts."""
        for mate in self.housemates:
            previous = mate.previous_overburden
            if previous is not None and previous.until >= self.effective_start:
                raise ValueError(
                    f"huisgenoot {mate.name}: de datum 'tot' van 'eerdere_tijdelijke_indicatie' "
                    f"({previous.until}) ligt niet vóór de ingangsdatum ({self.effective_start})"
                )
        return self


@dataclass(frozen=True)
class HouseholdMemberFacts:
    """What §3's factors read of one member of the client's household."""

    relation: Relation
    child: bool
    """Under 18 on the peildatum."""
    can_do_household: object


def effort_factors(household: Iterable[HouseholdMemberFacts], *, third_person: object,
                   pets: object, rooms_in_use: object, rooms_unused: object) -> frozenset[str]:
    """§3: the factors of :class:`ProfessionalEffort` (their conditions) that are there, from
    the facts they rest on (the members of the household only). One definition for
    :meth:`Case.effort_factors_present` and the workplace form, which asks a factor's judgement
    only when the factor is there (``werkplek/formulier.py``); a fact not given (None, or a
    value of another type while the form is being filled in) makes no factor."""
    members = list(household)
    present = {
        "kinderen": any(m.child for m in members),
        "derde_persoon": third_person is True,
        "huisdier": _positive(pets),
        "samenstelling_huishouden": bool(members),
        "extra_kamer_in_gebruik": _positive(rooms_in_use),
        "extra_kamer_niet_in_gebruik": _positive(rooms_unused),
        "partner_beperkingen": any(m.relation is Relation.PARTNER
                                   and m.can_do_household in ("nee", "gedeeltelijk")
                                   for m in members),
    }
    return frozenset(name for name, there in present.items() if there)


def _positive(count: object) -> bool:
    return isinstance(count, int) and not isinstance(count, bool) and count > 0


def household_member(relation: Relation, rental_contract: bool | None,
                     living_form: LivingForm) -> bool:
    """§1.2, §4.6.1: whether a housemate belongs to the client's household: not a lodger with a
    rental contract, nor in a woongroep a fellow resident (relation huisgenoot)."""
    if relation is Relation.LODGER and rental_contract:
        return False
    return not (living_form is LivingForm.GROUP_HOME and relation is Relation.HOUSEMATE)


def age_on(birth: date, day: date) -> int:
    """Age in whole years on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
