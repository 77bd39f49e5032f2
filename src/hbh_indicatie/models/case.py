"""Case (casus) model: every fact the protocol weighs, with no silent defaults.

A fact the protocol needs must be present in the file. Where a consultant cannot know a
fact, the file says ``onbekend`` explicitly; the rule that needs it is then not applied and
the indication is flagged as voorlopig. Field names in files are Dutch (aliases); Python
attribute names are English.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from hbh_indicatie.models.common import (
    Aid,
    Category,
    Frozen,
    Provision,
    Room,
    YesNo,
    YesNoUnknown,
)

CASE_SCHEMA = "hbh.casus.v1"

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
    def _not_empty(self) -> TaskSelection:
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
    def _share_only_when_partly(self) -> Ability:
        if self.level == "gedeeltelijk" and self.own_share_percent is None:
            raise ValueError("bij 'gedeeltelijk' hoort een aandeel: {gedeeltelijk: 1..99}")
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
    """Per result category (required) and optionally per activity what the client does herself."""

    clean_home: AbilityField = Field(alias="schoon_en_leefbaar_huis")
    groceries_meals: AbilityField = Field(alias="boodschappen_en_maaltijden")
    laundry: AbilityField = Field(alias="wasverzorging")
    children: AbilityField = Field(alias="kinderen")
    organisation: AbilityField = Field(alias="organisatie_van_het_huishouden")
    per_activity: dict[str, AbilityField] = Field(default_factory=dict, alias="activiteiten")

    def for_category(self, category: Category) -> Ability:
        ability: Ability = getattr(self, _CATEGORY_FIELD[category])
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

    end_date: date = Field(alias="einddatum")
    client_practises: Tasks | None = Field(alias="anti_revaliderend_voor")


class Client(Frozen):
    age: int = Field(alias="leeftijd", ge=18, le=120)
    duration: Literal["kortdurend", "langdurig"] = Field(alias="duur_beperkingen")
    expected_recovery: date | None = Field(alias="verwacht_herstel")
    extra_effort: Literal["geen", "enig", "veel", "onbekend"] = Field(
        alias="extra_inzet_door_beperkingen"
    )
    capability: Capability = Field(alias="zelf")
    rehabilitation: Rehabilitation | None = Field(alias="revalidatie")
    structural_regie_problems: YesNoUnknown = Field(alias="structurele_regieproblemen")

    @model_validator(mode="after")
    def _recovery_date(self) -> Client:
        if self.duration == "kortdurend" and self.expected_recovery is None:
            raise ValueError("bij 'duur_beperkingen: kortdurend' hoort 'verwacht_herstel' (datum)")
        if self.duration == "langdurig" and self.expected_recovery is not None:
            raise ValueError("'verwacht_herstel' hoort alleen bij 'duur_beperkingen: kortdurend'")
        return self


class Absence(Frozen):
    """Absence for work (§2.2): longest uninterrupted absence and absent days per week."""

    longest_nights: int = Field(alias="langste_aaneengesloten_etmalen", ge=0, le=366)
    days_per_week: int = Field(alias="dagen_per_week", ge=0, le=7)

    @model_validator(mode="after")
    def _consistent(self) -> Absence:
        if self.longest_nights == 0 and self.days_per_week > 0:
            raise ValueError("afwezige dagen per week zonder aaneengesloten afwezigheid")
        if self.longest_nights > 0 and self.days_per_week == 0 and self.longest_nights < 7:
            raise ValueError("afwezigheid korter dan 7 etmalen vraagt 'dagen_per_week' (1-7)")
        if self.longest_nights < 7 and self.days_per_week == 7:
            raise ValueError("7 dagen per week afwezig is een aaneengesloten afwezigheid van 7+")
        return self


def _no_absence(value: object) -> object:
    if value == "geen":
        return {"langste_aaneengesloten_etmalen": 0, "dagen_per_week": 0}
    return value


AbsenceField = Annotated[
    Absence, BeforeValidator(_no_absence, json_schema_input_type=Absence | Literal["geen"])
]


class Housemate(Frozen):
    name: str = Field(alias="naam", min_length=1)
    relation: Relation = Field(alias="relatie")
    age: int = Field(alias="leeftijd", ge=0, le=120)
    rental_contract: YesNo | None = Field(default=None, alias="huurovereenkomst")
    can_do_household: Literal["ja", "gedeeltelijk", "nee", "onbekend"] = Field(
        alias="kan_huishouden"
    )
    can_take_over: Tasks | None = Field(default=None, alias="kan_overnemen")
    absence: AbsenceField = Field(alias="afwezigheid_werk")
    overburdened: YesNoUnknown = Field(alias="overbelast")
    not_used_to_housework: YesNo = Field(alias="ongewend_aan_huishouden")

    @model_validator(mode="after")
    def _consistent(self) -> Housemate:
        if self.relation is Relation.LODGER and self.rental_contract is None:
            raise ValueError("bij een kamerhuurder hoort 'huurovereenkomst: ja/nee' (§4.6.1)")
        if self.can_do_household == "gedeeltelijk" and self.can_take_over is None:
            raise ValueError("bij 'kan_huishouden: gedeeltelijk' hoort 'kan_overnemen'")
        if self.can_do_household != "gedeeltelijk" and self.can_take_over is not None:
            raise ValueError("'kan_overnemen' hoort alleen bij 'kan_huishouden: gedeeltelijk'")
        return self

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
    def _consistent(self) -> SharedSpaces:
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
    def _exception_and_room(self) -> Dwelling:
        if self.exception is not None and self.living_form not in EXCLUDED_FORMS:
            raise ValueError("'uitzondering_woonvorm' hoort bij vakantiewoning, tweede_woning, "
                             "hotel_pension of kamerhuur (§4.6.1)")
        if self.permanent_home is not None and self.living_form is not LivingForm.RENTED_ROOM:
            raise ValueError("'vaste_woonruimte' hoort bij 'woonvorm: kamerhuur'")
        if self.permanent_home is True and self.exception is not None:
            raise ValueError("een kamer die de vaste woonruimte is, valt niet onder de uitsluiting "
                             "van §4.6.1: 'uitzondering_woonvorm' is dan niet nodig")
        return self

    @model_validator(mode="after")
    def _shared_only_in_group(self) -> Dwelling:
        if self.living_form is LivingForm.GROUP_HOME and self.shared_spaces is None:
            raise ValueError("bij 'woonvorm: woongroep' hoort 'gemeenschappelijke_ruimten'")
        if self.living_form not in SHARING_FORMS and self.shared_spaces is not None:
            raise ValueError("'gemeenschappelijke_ruimten' hoort bij een woongroep, een "
                             "zelfstandige woning met kamerverhuur of kamerhuur")
        return self


class AidFact(Frozen):
    """A technical aid present, or absent with whether it is feasible (§1.4, §1.7)."""

    kind: Aid = Field(alias="soort")
    present: YesNo = Field(alias="aanwezig")
    feasible: YesNoUnknown | None = Field(default=None, alias="haalbaar")
    expected_from: date | None = Field(default=None, alias="verwacht_per")

    @model_validator(mode="after")
    def _consistent(self) -> AidFact:
        if not self.present and self.feasible is None:
            raise ValueError("bij een afwezig hulpmiddel hoort 'haalbaar' (ruimte en geld)")
        if self.present and (self.feasible is not None or self.expected_from is not None):
            raise ValueError("'haalbaar' en 'verwacht_per' horen alleen bij een afwezig hulpmiddel")
        if self.feasible is True and self.expected_from is None:
            raise ValueError("bij een haalbaar maar afwezig hulpmiddel hoort 'verwacht_per'")
        return self


class ProvisionFact(Frozen):
    kind: Provision = Field(alias="soort")
    available: YesNo = Field(alias="beschikbaar_in_gemeente")
    feasible: YesNoUnknown = Field(alias="haalbaar")


class PrivateHelp(Frozen):
    """Particuliere hulp already in place (§1.6)."""

    present: YesNo = Field(alias="aanwezig")
    finances_changed: YesNo | None = Field(default=None, alias="financien_gewijzigd")
    tasks: Tasks | None = Field(default=None, alias="taken")

    @model_validator(mode="after")
    def _consistent(self) -> PrivateHelp:
        if self.present and (self.finances_changed is None or self.tasks is None):
            raise ValueError("bij aanwezige particuliere hulp horen 'financien_gewijzigd' en 'taken'")
        if not self.present and (self.finances_changed is not None or self.tasks is not None):
            raise ValueError("'financien_gewijzigd' en 'taken' horen alleen bij aanwezige hulp")
        return self


def _no_private_help(value: object) -> object:
    return {"aanwezig": False} if value == "geen" else value


class NetworkMember(Frozen):
    name: str = Field(alias="naam", min_length=1)
    relation: NetworkRelation = Field(alias="relatie")
    takes_over: Tasks = Field(alias="neemt_over")
    willing: YesNo = Field(alias="bereid")


class DustMite(Frozen):
    allergy: YesNo = Field(alias="allergie")
    sanitised: YesNo | None = Field(default=None, alias="sanering_uitgevoerd")

    @model_validator(mode="after")
    def _consistent(self) -> DustMite:
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
    def _consistent(self) -> Terminal:
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
    A factor that is present but has no judgement here counts as onbekend (voorlopig)."""

    children: YesNoUnknown | None = Field(default=None, alias="kinderen")
    third_person: YesNoUnknown | None = Field(default=None, alias="derde_persoon")
    pet: YesNoUnknown | None = Field(default=None, alias="huisdier")
    household: YesNoUnknown | None = Field(default=None, alias="samenstelling_huishouden")
    rooms_in_use: YesNoUnknown | None = Field(default=None, alias="extra_kamer_in_gebruik")
    rooms_unused: YesNoUnknown | None = Field(default=None, alias="extra_kamer_niet_in_gebruik")
    partner: YesNoUnknown | None = Field(default=None, alias="partner_beperkingen")

    def for_condition(self, condition: str) -> bool | Literal["onbekend"] | None:
        """The judgement recorded for a norm-set condition (None: not recorded)."""
        for name, info in type(self).model_fields.items():
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
    reference_date: date = Field(alias="peildatum")
    start_date: date | None = Field(default=None, alias="ingangsdatum")
    norm_set: str | None = Field(default=None, alias="normen")
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
    def _consistent(self) -> Case:
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
                f"gemeenschappelijke_ruimten.bewoners ({shared.residents}) telt alle bewoners die "
                f"de ruimten delen, ook het huishouden van de cliënt ({size}): dat moet meer zijn"
            )
        return self

    def belongs_to_household(self, mate: Housemate) -> bool:
        """§1.2: a lodger with a rental contract, and in a woongroep a fellow resident
        (relation huisgenoot), do not belong to the client's household."""
        if not mate.in_household:
            return False
        return not (self.dwelling.living_form is LivingForm.GROUP_HOME
                    and mate.relation is Relation.HOUSEMATE)

    @property
    def effective_start(self) -> date:
        return self.start_date or self.reference_date
