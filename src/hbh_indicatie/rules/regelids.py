"""Every rule id the engine can emit, with the paragraph that decides it: the one table.

A step of the explanation (``Step.regel``, ``Step.paragraaf``) names the rule that decided it
and cites that rule's paragraph. Rule ids start with the name of the module that emits
them (``afwezigheid.*`` only from ``rules/afwezigheid.py``); a part in angle brackets stands
for an id from the case or the norm set (``voorliggend.<voorziening>``). A paragraph of
``None`` means the paragraph the norm set gives the toeslag or aftrek (``paragraaf``).

``docs/regels.md`` lists this table; ``tests/test_citaten.py`` checks that the source emits
exactly these ids, from the module they name, and that every step of every shipped case
under every shipped norm set cites the paragraph given here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, slots=True)
class RuleId:
    pattern: str
    """'afwezigheid.zeven_etmalen', or with a variable part: 'voorliggend.<voorziening>'."""
    paragraph: str | None
    """The paragraph every step of this rule cites; None: the norm set's paragraph."""
    decides: str
    """What the rule decides, in Dutch (docs/regels.md)."""

    @property
    def module(self) -> str:
        """The module under ``rules/`` that emits it."""
        return self.pattern.split(".", 1)[0]

    def matches(self, rule: str) -> bool:
        return _regex(self.pattern).fullmatch(rule) is not None


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    parts = re.split(r"<[^>]+>", pattern)
    return re.compile(r"[^.]+".join(re.escape(p) for p in parts))


FROM_NORMS = None
"""The paragraph the norm set gives the toeslag or aftrek (``paragraaf``)."""

RULE_IDS: tuple[RuleId, ...] = (
    RuleId("disfunctioneren", "§1.1", "er dreigt disfunctioneren: hulp kan aan de orde zijn"),
    RuleId("woonvorm.kamerhuurder", "§1.2",
           "een kamerhuurder met huurovereenkomst hoort niet tot het huishouden"),
    RuleId("woonvorm.medebewoner", "§1.2",
           "een medebewoner in een woongroep hoort niet tot het huishouden"),
    RuleId("woonvorm.kamer_vaste_woonruimte", "§1.2",
           "een gehuurde kamer die de vaste woonruimte is: de eigen kamer(s)"),
    RuleId("woonvorm.kamerhuur_zonder_contract", "§4.6.1",
           "kamerhuur zonder huurovereenkomst is niet aangetoond: gewone huisgenoot"),
    RuleId("woonvorm.grotere_woning", "§4.6.1",
           "een grotere woning geeft niet vanzelf meer uren"),
    RuleId("woonvorm.uitzondering", "§4.6.1",
           "gemotiveerde uitzondering op 'in beginsel geen hulp'"),
    RuleId("woonvorm.uitgesloten", "§4.6.1",
           "vakantiewoning, tweede woning, hotel/pension of kamerhuur: in beginsel geen hulp"),
    RuleId("gedeelde_ruimten.evenredig_deel", "§1.2",
           "van gemeenschappelijke ruimten krijgt het huishouden een evenredig deel"),
    RuleId("hulpmiddelen.<soort>", "§1.4",
           "een aanwezig hulpmiddel neemt (een deel van) een activiteit over"),
    RuleId("hulpmiddelen.overbrugging.<soort>", "§1.4",
           "een haalbaar hulpmiddel komt later: tot dan overbrugging"),
    RuleId("hulpmiddelen.niet_haalbaar.<soort>", "§1.4",
           "een hulpmiddel is er niet en is niet haalbaar"),
    RuleId("hulpmiddelen.afdoende", "§1.4",
           "de problemen worden afdoende met hulpmiddelen opgelost: geen indicatie"),
    RuleId("revalidatie.tijdelijk", "§1.5", "tijdelijke indicatie voor de duur van de revalidatie"),
    RuleId("revalidatie.zelf_oefenen", "§1.5",
           "overnemen werkt anti-revaliderend: de cliënt oefent zelf"),
    RuleId("eigen_kracht.client", "§1.6", "wat de cliënt zelf doet"),
    RuleId("eigen_kracht.al_verrekend", "§1.6",
           "eigen kracht is al verrekend met de aftrek van de normenset"),
    RuleId("eigen_kracht.particuliere_hulp", "§1.6", "particuliere hulp die er al is"),
    RuleId("eigen_kracht.particuliere_hulp_gewijzigd", "§1.6",
           "particuliere hulp stopt en de financiën zijn gewijzigd: telt niet"),
    RuleId("eigen_kracht.netwerk", "§1.6", "familie of duurzaam netwerk neemt over"),
    RuleId("eigen_kracht.netwerk_niet_bereid", "§1.6", "een netwerklid is niet bereid"),
    RuleId("eigen_kracht.netwerk_niet_duurzaam", "§1.6",
           "een netwerklid is bereid, maar niet duurzaam: telt niet"),
    RuleId("andere_ouder.aandeel", "§4.4", "aandeel van de niet-thuiswonende ouder"),
    RuleId("andere_ouder.niet_nagekomen", "§4.4",
           "de andere ouder komt de zorgplicht niet na: éénoudergezin"),
    RuleId("voorliggend.<voorziening>", "§1.7",
           "een beschikbare en haalbare voorliggende voorziening neemt over"),
    RuleId("voorliggend.boodschappendienst_crvb", "§4.1",
           "boodschappendienst met onbekende haalbaarheid telt: de CRvB acht de kosten "
           "financieel draagbaar"),
    RuleId("voorliggend.niet_beschikbaar.<voorziening>", "§1.7",
           "de voorziening is er niet in de gemeente"),
    RuleId("voorliggend.niet_haalbaar.<voorziening>", "§1.7",
           "de voorziening is niet haalbaar voor de cliënt"),
    RuleId("gebruikelijke_hulp.volwassene", "§2", "een volwassen huisgenoot neemt over"),
    RuleId("gebruikelijke_hulp.kan_niet", "§2", "een huisgenoot kan geen huishoudelijk werk"),
    RuleId("kinderen.bijdrage", "§2", "een kind draagt naar leeftijd bij"),
    RuleId("kinderen.geen_bijdrage", "§2", "van een kind wordt geen bijdrage gevraagd"),
    RuleId("kinderen.kan_niet", "§2", "een kind kan geen huishoudelijke taken doen"),
    RuleId("kinderen.verzorging", "§4.3", "kinderverzorging voor wat niemand anders kan"),
    RuleId("overbelasting.tijdelijk", "§2.1", "de hulp neemt het deel van een overbelaste "
           "huisgenoot tijdelijk over"),
    RuleId("overbelasting.langdurig", "§2.1",
           "na een tijdelijke indicatie niet te verminderen: langdurig"),
    RuleId("overbelasting.opnieuw_tijdelijk", "§2.1",
           "na een tijdelijke indicatie nog te verminderen: opnieuw tijdelijk"),
    RuleId("afwezigheid.zeven_etmalen", "§2.2",
           "7 etmalen aaneengesloten weg voor werk: geen gebruikelijke hulp"),
    RuleId("afwezigheid.nachtdienst", "§2.2", "nachtdiensten zijn geen afwezigheid van etmalen"),
    RuleId("afwezigheid.patroon", "§2.2", "het afwezigheidspatroon: deel van de dagen weg"),
    RuleId("afwezigheid.niet_uitstelbaar", "§2.2",
           "niet-uitstelbaar werk doet de huisgenoot op de dagen thuis"),
    RuleId("afwezigheid.uitstelbaar", "§2.2",
           "uitstelbaar werk: zoveel als de consulent vaststelde"),
    RuleId("afwezigheid.bijdrage_kind", "§2.2",
           "een kind dat deels weg is, draagt bij op de dagen thuis"),
    RuleId("uitstelbaar.extra_bevuiling", "§2.3",
           "extra bevuiling maakt sanitair en was niet-uitstelbaar"),
    RuleId("terminaal.ontlasten", "§4.5", "de huisgenoot wordt ontlast (terminale situatie)"),
    RuleId("instructie", "§1.3", "instructie aan een huisgenoot, maximaal 6 maanden"),
    RuleId("instructie.niet_nodig", "§1.3",
           "geen instructie: de huisgenoot neemt geen werk over"),
    RuleId("kortdurend.tijdelijk", "§2 (B2.1)", "kortdurende beperking: tijdelijke indicatie"),
    RuleId("kortdurend.gebruikelijke_hulp", "§2 (B2.1)",
           "kortdurend: de volwassen huisgenoot doet al het uitstelbare werk"),
    RuleId("normering.<activiteit>", "§3", "de normtijd van een activiteit"),
    RuleId("toeslagen.<toeslag>", FROM_NORMS,
           "extra tijd (toeslag), per activiteit die de toeslag verlengt; §4.6 bij "
           "huisstofmijt"),
    RuleId("toeslagen.geen_meer_inzet", "§3",
           "de factor vraagt volgens de consulent niet om meer professionele inzet"),
    RuleId("toeslagen.aftrek.<aftrek>", FROM_NORMS, "minder tijd (aftrek) op een activiteit"),
    RuleId("afwijking.<activiteit>", "§3", "afwijking van de richtlijn door de consulent"),
    RuleId("koppeling.omvat", "§3",
           "de feiten over de activiteiten die een onderdeel van de normenset omvat zijn gelijk: "
           "ze gelden voor het hele onderdeel"),
    RuleId("koppeling.verdeling", "§3",
           "de feiten verschillen binnen een onderdeel: de tijd is naar de gewichten van de "
           "normenset verdeeld in delen"),
    RuleId("koppeling.niet_toegepast", "§3",
           "de feiten verschillen binnen een onderdeel zonder gewichten: het feit is niet "
           "toegepast (voorlopig)"),
    RuleId("koppeling.niet_in_normenset", "§3",
           "een afwijking op een activiteit waarvoor de normenset geen onderdeel heeft: niet "
           "toegepast (voorlopig)"),
    RuleId("afronding", "§3 (afronding)", "het weektotaal eenmaal afgerond"),
)


def entry_for(rule: str) -> RuleId | None:
    """The table's entry for an emitted rule id: a literal entry before a pattern."""
    for entry in RULE_IDS:
        if entry.pattern == rule:
            return entry
    return next((e for e in RULE_IDS if "<" in e.pattern and e.matches(rule)), None)
