"""Dutch labels, help texts (with the protocol paragraph) and sections of the form.

The case model gives the fields; this table only adds the words a consultant reads. A field
missing here still appears, with its name as label (see :func:`label`).
"""

from __future__ import annotations

from hbh_indicatie.models.case import (
    EXCLUDED_FORMS,
    NETWORK_FAMILY,
    SHARING_FORMS,
    LivingForm,
    NetworkRelation,
    ProfessionalEffort,
)
from hbh_indicatie.models.common import CATEGORY_LABELS, spoken

LABELS: dict[str, tuple[str, str]] = {
    "kenmerk": ("Kenmerk (zaaknummer)", "Komt terug in elke uitkomst en in de besluittekst."),
    "omschrijving": ("Korte omschrijving", "Voor uzelf; niet in het besluit."),
    "peildatum": ("Peildatum", "Datum van het besluit; bepaalt welke versie van de normenset geldt."),
    "ingangsdatum": ("Ingangsdatum", "Leeg laten: de hulp gaat in op de peildatum."),
    "normen": ("Normenset", "De normtijden van uw gemeente; de activiteiten hieronder volgen deze set."),
    "leveringsvorm": ("Leveringsvorm", "Zorg in natura of pgb; alleen voor de iWmo-toewijzing."),
    "dreigend_disfunctioneren": ("Dreigt het huishouden te ontsporen?",
                                 "§1.1: zonder hulp dreigt vervuiling, verwaarlozing of ontreddering."),
    "woning": ("Woning", "§1.2 en §4.6.1"),
    "woning.woonvorm": ("Woonvorm", "§1.2, §4.6.1: in een hotel of pension of een tweede woning in "
                        "beginsel geen hulp."),
    "woning.gemeenschappelijke_ruimten": (
        "Gedeelde ruimten met bewoners buiten het huishouden",
        "§1.2: bij een woongroep altijd invullen; bij kamerhuur, of een zelfstandige woning met "
        "een kamerhuurder of andere bewoners (meergeneratiewoning), alleen als ruimten gedeeld "
        "worden. Het huishouden krijgt een evenredig deel."),
    "woning.gemeenschappelijke_ruimten.ruimten": ("Welke ruimten worden gedeeld?", "§1.2"),
    "woning.gemeenschappelijke_ruimten.bewoners": ("Aantal bewoners", "§1.2"),
    "woning.gemeenschappelijke_ruimten.zorgbehoevende_bewoners": (
        "Aantal zorgbehoevende bewoners", "§1.2: bepaalt het deel van de gedeelde ruimten."),
    "woning.extra_kamers_in_gebruik": ("Extra kamers in gebruik", "§3: kamers boven de norm."),
    "woning.extra_kamers_niet_in_gebruik": ("Extra kamers niet in gebruik", "§3"),
    "woning.kenmerken_extra_werk": ("Vraagt de woning extra werk?",
                                    "§3: trappen, moeilijke vloeren en dergelijke."),
    "woning.uitzondering_woonvorm": (
        "Uitzondering op 'in beginsel geen hulp'",
        "§4.6.1: alleen bij vakantiewoning, tweede woning, hotel/pension of kamerhuur; met motivering."),
    "woning.uitzondering_woonvorm.motivering": ("Motivering van de uitzondering", "§4.6.1"),
    "woning.vaste_woonruimte": ("Is de gehuurde kamer de vaste woonruimte?",
                                "§1.2: alleen bij kamerhuur."),
    "meer_professionele_inzet": ("Vraagt dit echt meer professionele inzet?",
                                 "§3: uw oordeel (ja, nee of onbekend) bij elke factor die er is; "
                                 "alleen een factor die er niet is blijft leeg."),
    "meer_professionele_inzet.kinderen": ("Kinderen in het huishouden", "§3"),
    "meer_professionele_inzet.derde_persoon": ("Zorg voor een derde persoon", "§3"),
    "meer_professionele_inzet.huisdier": ("Huisdieren", "§3"),
    "meer_professionele_inzet.samenstelling_huishouden": ("Samenstelling van het huishouden", "§3"),
    "meer_professionele_inzet.extra_kamer_in_gebruik": ("Extra kamers in gebruik", "§3"),
    "meer_professionele_inzet.extra_kamer_niet_in_gebruik": ("Extra kamers niet in gebruik", "§3"),
    "meer_professionele_inzet.partner_beperkingen": ("Beperkingen van de partner", "§3"),
    "client": ("Cliënt", ""),
    "client.leeftijd": ("Leeftijd cliënt", "18 jaar of ouder."),
    "client.duur_beperkingen": ("Duur van de beperkingen",
                                "§2 (B2.1): kortdurend = herstel verwacht; dan ook de datum."),
    "client.verwacht_herstel": ("Verwacht herstel", "Alleen bij kortdurend: datum van herstel."),
    "client.extra_inzet_door_beperkingen": ("Extra inzet door de beperkingen",
                                            "§3: meer tijd nodig door de aandoening."),
    "client.zelf": ("Wat kan de cliënt zelf?",
                    "§1.6: per resultaat, en waar nodig per activiteit (gaat voor het resultaat)."),
    "client.zelf.kinderen": (
        "Zorg voor kinderen",
        "§4.3: alleen gevraagd met kinderen onder 18 in het huishouden. Bij gedeeltelijk: welk "
        "deel (1-99 %) de cliënt zelf doet."),
    "client.revalidatie": ("Revalidatie", "§1.5: tijdelijke indicatie tot het einde van het "
                           "traject. Leeg laten als er geen revalidatie is."),
    "client.revalidatie.einddatum": ("Einddatum revalidatie", "§1.5"),
    "client.revalidatie.anti_revaliderend_voor": (
        "Overnemen werkt anti-revaliderend voor", "§1.5: de cliënt oefent deze taken zelf."),
    "client.structurele_regieproblemen": ("Structurele regieproblemen?", "§1.3"),
    "client.ondersteuningswijze": (
        "Hoe doet de hulp het?",
        "§1.5, §1.6, Bijlage 2: per activiteit of resultaat overnemen, samen doen, stimuleren en "
        "aanleren of toezicht. Niet genoemd: de hulp neemt het over."),
    "client.ondersteuningswijze.taken": ("Voor", "§1.6: activiteiten of resultaten."),
    "client.ondersteuningswijze.wijze": (
        "Wijze van ondersteuning", "Bijlage 2; de minuten zijn overnemen x de factor van de "
        "normenset. Onbekend: voorlopig."),
    "client.oefenplan": (
        "Oefenplan (de cliënt leert het weer zelf)",
        "§1.5: fasen na elkaar; daarna doet de cliënt het zelf en volgt een herindicatie. Leeg "
        "laten als er geen oefenplan is."),
    "client.oefenplan.taken": ("Wat de cliënt weer leert", "§1.5"),
    "client.oefenplan.fasen": ("Fasen", "§1.5: per fase een wijze van ondersteuning en weken."),
    "client.oefenplan.fasen.wijze": ("Wijze in deze fase", "Bijlage 2"),
    "client.oefenplan.fasen.weken": ("Weken", "§1.5: 1 tot 52 weken."),
    "client.zrm": (
        "ZRM-scores (zelfredzaamheid)",
        "§1.3, Bijlage 3: 1 = acute problematiek .. 5 = volledig zelfredzaam. Alleen een signaal "
        "voor begeleiding; de uren veranderen niet."),
    "client.zrm.financien": ("Financiën", "Bijlage 3: 1-5"),
    "client.zrm.dagbesteding": ("Dagbesteding", "Bijlage 3: 1-5"),
    "client.zrm.huisvesting": ("Huisvesting", "Bijlage 3: 1-5"),
    "client.zrm.huiselijke_relaties": ("Huiselijke relaties", "Bijlage 3: 1-5"),
    "client.zrm.geestelijke_gezondheid": ("Geestelijke gezondheid", "Bijlage 3: 1-5"),
    "client.zrm.lichamelijke_gezondheid": ("Lichamelijke gezondheid", "Bijlage 3: 1-5"),
    "client.zrm.verslaving": ("Verslaving", "Bijlage 3: 1-5"),
    "client.zrm.adl": ("ADL-vaardigheden", "Bijlage 3: 1-5"),
    "client.zrm.sociaal_netwerk": ("Sociaal netwerk", "Bijlage 3: 1-5"),
    "client.zrm.maatschappelijke_participatie": ("Maatschappelijke participatie", "Bijlage 3: 1-5"),
    "client.zrm.justitie": ("Justitie", "Bijlage 3: 1-5"),
    "huisgenoten.geboortedatum": (
        "Geboortedatum", "§2, §4.3: geeft de precieze datum van de volgende leeftijdsgroep "
        "(herindicatie). Moet passen bij de leeftijd."),
    "huisgenoten.frequentie": ("Wanneer (afspraak)", "Afsprakenoverzicht: bijv. 'elke avond'."),
    "netwerk.frequentie": ("Wanneer (afspraak)", "§1.6, afsprakenoverzicht: bijv. 'elke zaterdag'."),
    "huisgenoten": ("Huisgenoten", "§2: gebruikelijke hulp van wie in huis woont."),
    "huisgenoten.naam": ("Naam", "Voornaam is genoeg; moet uniek zijn."),
    "huisgenoten.relatie": ("Relatie tot de cliënt", "§2, §4.6.1"),
    "huisgenoten.leeftijd": ("Leeftijd", "§2: kinderen doen naar leeftijd mee. Of vul de "
                                         "geboortedatum in (dan rekent het programma)."),
    "huisgenoten.huurovereenkomst": ("Huurovereenkomst?", "§4.6.1: alleen bij een kamerhuurder."),
    "huisgenoten.kan_huishouden": ("Kan huishoudelijk werk doen?",
                                   "§2: bij 'gedeeltelijk' hieronder aangeven wat wel."),
    "huisgenoten.kan_overnemen": ("Kan overnemen", "§2: alleen bij 'gedeeltelijk'."),
    "huisgenoten.afwezigheid": (
        "Afwezigheid van huis",
        "§2.2: vaste afwezigheden: hoeveel etmalen achter elkaar, hoe vaak en waarom. 7 etmalen "
        "aaneengesloten voor werk (ook 7 nachten om de week): geen gebruikelijke hulp."),
    "huisgenoten.afwezigheid.etmalen": ("Etmalen achter elkaar weg",
                                        "§2.2: 7 of meer voor werk: geen gebruikelijke hulp."),
    "huisgenoten.afwezigheid.per_weken": ("Eens per hoeveel weken?",
                                          "§2.2: 1 = elke week, 2 = om de week."),
    "huisgenoten.afwezigheid.vanwege": (
        "Waarom weg?", "§2.2: alleen afwezigheid voor werk valt onder de 7-etmalenregel; een "
        "nachtdienst is geen afwezigheid (overdag thuis)."),
    "huisgenoten.uitstelbaar_op_thuisdagen": (
        "Uitstelbaar werk op de dagen thuis",
        "§2.2: alleen bij afwezigheid korter dan 7 etmalen voor werk of om een andere reden. In "
        "hoeverre neemt de huisgenoot op de dagen thuis het uitstelbare werk over: volledig, "
        "gedeeltelijk (deel in %), niet, of alleen bepaalde taken (die helemaal)."),
    "huisgenoten.overbelast": ("Overbelast?", "§2.1: dan tijdelijk hulp (overbelasting)."),
    "huisgenoten.eerdere_tijdelijke_indicatie": (
        "Eerdere tijdelijke indicatie voor overbelasting",
        "§2.1: alleen bij herindicatie van een overbelaste huisgenoot. Leeg laten als er geen "
        "tijdelijke indicatie aan voorafging."),
    "huisgenoten.eerdere_tijdelijke_indicatie.tot": (
        "Tijdelijke indicatie liep tot", "§2.1: vóór de ingangsdatum van deze indicatie."),
    "huisgenoten.eerdere_tijdelijke_indicatie.pogingen": (
        "Wat is geprobeerd om de overbelasting te verminderen?",
        "§2.1: pogingen van cliënt en huisgenoot (minstens 20 tekens)."),
    "huisgenoten.eerdere_tijdelijke_indicatie.overbelasting_niet_te_verminderen": (
        "Is de overbelasting echt niet te verminderen?",
        "§2.1: ja = langdurig hulp; nee of onbekend = opnieuw tijdelijk."),
    "huisgenoten.ongewend_aan_huishouden": ("Niet gewend aan huishoudelijk werk?",
                                            "§1.3: dan instructie, maximaal 6 maanden."),
    "hulpmiddelen": ("Hulpmiddelen", "§1.4: alleen de hulpmiddelen waar de normenset mee rekent."),
    "hulpmiddelen.soort": ("Hulpmiddel", "§1.4"),
    "hulpmiddelen.aanwezig": ("Aanwezig?", "§1.4"),
    "hulpmiddelen.haalbaar": ("Haalbaar (ruimte en geld)?", "§1.4: alleen als het er niet is."),
    "hulpmiddelen.verwacht_per": ("Verwacht per", "§1.4: alleen als het haalbaar is (overbrugging)."),
    "hulpmiddelen.afdoende": (
        "Lost het dit afdoende op?",
        "§1.4: alleen als het er is of komt. Ja = neemt de activiteiten helemaal over; leeg = het "
        "aandeel uit de normenset."),
    "voorliggende_voorzieningen": ("Voorliggende voorzieningen",
                                   "§1.7, §4.1: alleen wat de normenset telt."),
    "voorliggende_voorzieningen.soort": ("Voorziening", "§1.7"),
    "voorliggende_voorzieningen.beschikbaar_in_gemeente": ("Beschikbaar in de gemeente?", "§1.7"),
    "voorliggende_voorzieningen.haalbaar": ("Haalbaar voor de cliënt?", "§1.7, §4.1"),
    "particuliere_hulp": ("Particuliere hulp", "§1.6: hulp die de cliënt al zelf betaalt."),
    "particuliere_hulp.aanwezig": ("Is er particuliere hulp?", "§1.6"),
    "particuliere_hulp.financien_gewijzigd": ("Zijn de financiën gewijzigd?",
                                              "§1.6: alleen bij aanwezige hulp."),
    "particuliere_hulp.wordt_voortgezet": (
        "Zet de cliënt de particuliere hulp voort?",
        "§1.6: op eigen kosten. De hulp telt alleen niet meer als zij stopt én de financiën "
        "gewijzigd zijn; leeg = onbekend."),
    "particuliere_hulp.taken": ("Taken van de particuliere hulp", "§1.6"),
    "netwerk": ("Netwerk", "§1.6: familie, vrienden, buren die taken overnemen; §4.4: de andere "
                "ouder na een scheiding."),
    "netwerk.naam": ("Naam", "Hoe u deze persoon noemt, bijvoorbeeld 'Dochter Ans'."),
    "netwerk.relatie": ("Relatie", "§1.6; andere ouder: §4.4"),
    "netwerk.neemt_over": ("Neemt over", "§1.6; bij de andere ouder: de taken uit de "
                           "omgangsregeling (§4.4)."),
    "netwerk.bereid": ("Bereid?", "§1.6: niet bereid telt niet mee."),
    "netwerk.aandeel_procent": ("Welk deel van die taken (%)", "§1.6: leeg = alles."),
    "netwerk.duurzaam": (
        "Duurzaam?",
        "§1.6: blijvend, met afspraken en zonder dat het te zwaar wordt; bereid zijn alleen is "
        "niet genoeg. Leeg = onbekend."),
    "netwerk.kinderen_bij_client_procent": (
        "Deel van de tijd dat de kinderen bij de cliënt zijn (%)",
        "§4.4: volgens de omgangsregeling."),
    "netwerk.omgangsregeling_nagekomen": (
        "Komt de andere ouder de omgangsregeling na?", "§4.4: nee = éénoudergezin."),
    "huisdieren": ("Aantal huisdieren", "§3: toeslag per huisdier als de set die kent."),
    "derde_persoon": ("Zorg voor een derde persoon?", "§3"),
    "extra_bevuiling": ("Extra bevuiling door de aandoening?", "§2.3: taken worden niet-uitstelbaar."),
    "huisstofmijt": ("Huisstofmijt", "§4.6"),
    "huisstofmijt.allergie": ("Huisstofmijtallergie?", "§4.6"),
    "huisstofmijt.sanering_uitgevoerd": ("Sanering uitgevoerd?", "§4.6: alleen bij allergie."),
    "terminale_situatie": ("Terminale situatie", "§4.5"),
    "terminale_situatie.van_toepassing": ("Terminale situatie?", "§4.5"),
    "terminale_situatie.ontlasten": ("Huisgenoot ontlasten van", "§4.5"),
    "afwijkingen": ("Afwijkingen van de norm", "§3: alleen met motivering (minstens 20 tekens)."),
    "afwijkingen.activiteit": ("Activiteit", "§3"),
    "afwijkingen.minuten_per_week": ("Minuten per week (+ of -)", "§3"),
    "afwijkingen.motivering": ("Motivering", "§3: waarom deze afwijking nodig is."),
}

CHOICES: dict[str, str] = {
    "zelfstandig": "Zelfstandige woning", "woongroep": "Woongroep", "kamerhuur": "Kamerhuur",
    "vakantiewoning": "Vakantiewoning", "tweede_woning": "Tweede woning",
    "hotel_pension": "Hotel of pension", "kortdurend": "Kortdurend (herstel verwacht)",
    "langdurig": "Langdurig", "volledig": "Kan het volledig zelf", "gedeeltelijk": "Gedeeltelijk",
    "niet": "Kan het niet", "ja": "Ja", "nee": "Nee", "geen": "Geen", "enig": "Enige",
    "veel": "Veel", "zin": "Zorg in natura", "pgb": "Persoonsgebonden budget (pgb)",
    "familie_eerste_graad": "Familie eerste graad", "familie_tweede_graad": "Familie tweede graad",
    "partner_van_familielid": "Partner van een familielid", "vriend_of_buur": "Vriend of buur",
    "andere_ouder": "Andere ouder", "ander_familielid": "Ander familielid",
    "werk": "Werk", "nachtdienst": "Nachtdienst", "anders": "Andere reden",
    "overnemen": "Overnemen", "hulp_en_ondersteuning": "Hulp en ondersteuning (samen doen)",
    "stimuleren_en_aanleren": "Stimuleren en aanleren", "toezicht": "Toezicht",
}

SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("casus", "Casus", ("kenmerk", "omschrijving", "peildatum", "ingangsdatum", "normen")),
    ("huishouden", "Huishouden en woning",
     ("dreigend_disfunctioneren", "woning", "client.leeftijd", "client.duur_beperkingen",
      "client.verwacht_herstel", "client.extra_inzet_door_beperkingen")),
    ("zelf", "Wat de cliënt zelf kan",
     ("client.zelf", "client.revalidatie", "client.ondersteuningswijze", "client.oefenplan",
      "client.structurele_regieproblemen", "client.zrm")),
    ("huisgenoten", "Huisgenoten", ("huisgenoten",)),
    ("voorzieningen", "Hulpmiddelen en voorliggende voorzieningen",
     ("hulpmiddelen", "voorliggende_voorzieningen")),
    ("netwerk", "Netwerk en particuliere hulp", ("netwerk", "particuliere_hulp")),
    ("toeslagen", "Toeslagen en afwijkingen",
     ("huisdieren", "derde_persoon", "extra_bevuiling", "huisstofmijt", "terminale_situatie",
      "meer_professionele_inzet", "afwijkingen", "leveringsvorm")),
)
"""The order of the keukentafelgesprek: section id, title, the fields (paths) it shows."""

_NOT_OTHER_PARENT = "|".join(r for r in NetworkRelation if r is not NetworkRelation.OTHER_PARENT)
"""§4.4: the other parent has no 'bereid' or 'aandeel_procent' but the omgangsregeling."""
_NOT_FAMILY = "|".join(r for r in NetworkRelation
                       if r not in NETWORK_FAMILY and r is not NetworkRelation.OTHER_PARENT)
"""§1.6: only for others than family is 'duurzaam' asked."""

_EXCLUDED = "|".join(f for f in LivingForm if f in EXCLUDED_FORMS)
"""§4.6.1: the living forms where 'in beginsel geen hulp' applies."""

_SHARING = "|".join(f for f in LivingForm if f in SHARING_FORMS)
"""§1.2: the living forms where rooms can be shared with residents outside the household."""

_ONLY_WHEN: dict[str, tuple[str, str]] = {
    "woning.gemeenschappelijke_ruimten": ("woonvorm", _SHARING),
    "client.verwacht_herstel": ("duur_beperkingen", "kortdurend"),
    "huisgenoten.huurovereenkomst": ("relatie", "kamerhuurder"),
    "huisgenoten.kan_overnemen": ("kan_huishouden", "gedeeltelijk"),
    "hulpmiddelen.haalbaar": ("aanwezig", "nee"),
    "hulpmiddelen.verwacht_per": ("haalbaar", "ja"),
    "particuliere_hulp.financien_gewijzigd": ("aanwezig", "ja"),
    "particuliere_hulp.taken": ("aanwezig", "ja"),
    "huisstofmijt.sanering_uitgevoerd": ("allergie", "ja"),
    "terminale_situatie.ontlasten": ("van_toepassing", "ja"),
    "woning.vaste_woonruimte": ("woonvorm", "kamerhuur"),
    # §4.6.1: the exception to 'in beginsel geen hulp' exists only for these living forms
    "woning.uitzondering_woonvorm": ("woonvorm", _EXCLUDED),
    "huisgenoten.eerdere_tijdelijke_indicatie": ("overbelast", "ja"),
    "particuliere_hulp.wordt_voortgezet": ("aanwezig", "ja"),
    "netwerk.bereid": ("relatie", _NOT_OTHER_PARENT),
    "netwerk.aandeel_procent": ("relatie", _NOT_OTHER_PARENT),
    "netwerk.duurzaam": ("relatie", _NOT_FAMILY),
    "netwerk.kinderen_bij_client_procent": ("relatie", "andere_ouder"),
    "netwerk.omgangsregeling_nagekomen": ("relatie", "andere_ouder"),
}

Condition = tuple[tuple[str, str], ...]

FOLDED: dict[str, tuple[str, str]] = {
    "woning.gemeenschappelijke_ruimten": ("woonvorm", "woongroep|kamerhuur"),
}
"""A group the form shows folded (a line to open) unless the field beside it has one of these
answers or the group has answers: in a woongroep shared rooms are the rule, in a zelfstandige
woning the exception (a lodger, a meergeneratiewoning)."""

REQUIRED_WHEN_ASKED: frozenset[str] = frozenset({
    "client.verwacht_herstel",  # kortdurend
    "huisgenoten.leeftijd",  # or the geboortedatum instead (its help says so)
    "huisgenoten.huurovereenkomst",  # kamerhuurder (§4.6.1)
    "huisgenoten.kan_overnemen",  # kan_huishouden gedeeltelijk
    "huisgenoten.uitstelbaar_op_thuisdagen",  # §2.2, decided by the server
    "hulpmiddelen.haalbaar",  # not there
    "hulpmiddelen.verwacht_per",  # feasible
    "particuliere_hulp.financien_gewijzigd",  # present
    "particuliere_hulp.taken",  # present
    "huisstofmijt.sanering_uitgevoerd",  # allergy
    "netwerk.bereid",  # anyone but the other parent
    "client.zelf.kinderen",  # children under 18 in the household (formulier.CASE_COMPUTED_WHEN)
    "netwerk.kinderen_bij_client_procent",  # the other parent (§4.4)
    "netwerk.omgangsregeling_nagekomen",  # the other parent (§4.4)
    # a blank is missing where it matters (rules/required_facts.py), never onbekend:
    "woning.vaste_woonruimte",  # kamerhuur
    "particuliere_hulp.wordt_voortgezet",  # financien gewijzigd (ja or onbekend)
    "netwerk.duurzaam",  # bereid, outside the family
    *(f"meer_professionele_inzet.{factor}" for factor in ProfessionalEffort.judged()),
    # ... the factor is there and the norm set has a toeslag for it
})
"""Fields the case model's type lets out (a default, or ``null``) but its checks demand
whenever the form asks them (under their condition of :data:`ONLY_WHEN` or
``formulier.COMPUTED_WHEN``): never labelled "(als het van toepassing is)". Checked against
the model for every golden case (tests/test_werkplek.py)."""

ONLY_WHEN: dict[str, Condition] = {
    **{path: (condition,) for path, condition in _ONLY_WHEN.items()},
    # §1.4: whether an aid solves it only asks about an aid that is there or will come
    "hulpmiddelen.afdoende": (("aanwezig", "ja"), ("haalbaar", "ja")),
}
"""A field that counts only when a field beside it has this answer (or one of the answers
separated by ``|``; with several pairs: when any of them holds). When those fields say
something else, the question is out of sight and what is still filled in here is left out of
the case (the consultant changed her mind; the case stays consistent)."""


def applies(condition: Condition, group: dict[str, object]) -> bool | None:
    """Whether a field under ``condition`` counts in ``group`` (the facts beside it); None
    while none of the fields it depends on is answered."""
    known = [(name, answers) for name, answers in condition if name in group]
    if not known:
        return None
    return any(str(group[name]) in answers.split("|") for name, answers in known)


CONVERTED: dict[str, str] = {"huisgenoten.afwezigheid_werk": "huisgenoten.afwezigheid"}
"""An old form of a fact that the case model still reads but converts to the new one: the form
asks only the new one (a case file with the old form opens with it converted)."""

OTHER_SECTION = ("overig", "Overige feiten")
"""Where a field no section names appears (a new fact, until it gets its place)."""


def label(path: str, name: str) -> tuple[str, str]:
    """Label and help of a field; a field not in the table gets its name as label and no help
    (the model's descriptions are English, for developers)."""
    if path in LABELS:
        return LABELS[path]
    categories = {c.value: text for c, text in CATEGORY_LABELS.items()}
    return categories.get(name) or spoken(name).capitalize(), ""  # descriptions are English


FIELD_CHOICES: dict[str, dict[str, str]] = {
    "huisgenoten.afwezigheid": {"geen": "Geen vaste afwezigheid"},
    "huisgenoten.uitstelbaar_op_thuisdagen.kan": {
        "volledig": "Neemt het volledig over", "gedeeltelijk": "Neemt een deel over",
        "niet": "Neemt het niet over"},
}
"""Words of one field that read differently there (the housemate takes over, not the client)."""


def choice_label(path: str, value: str) -> str:
    categories = {c.value: text for c, text in CATEGORY_LABELS.items()}
    return (FIELD_CHOICES.get(path, {}).get(value) or categories.get(value) or CHOICES.get(value)
            or spoken(value).capitalize())


ITEMS: dict[str, str] = {"huisgenoten": "Huisgenoot", "netwerk": "Iemand uit het netwerk",
                         "afwijkingen": "Afwijking", "huisgenoten.afwezigheid": "Afwezigheid"}
"""One row of a list (the list's label is plural)."""


def item_label(path: str, plural: str) -> str:
    return ITEMS.get(path, plural)


GROUP_CHOICES: dict[str, str] = {
    "woning.uitzondering_woonvorm": "Ja, met motivering",
    "huisgenoten.afwezigheid": "Ja, geregeld van huis (hieronder)",
    "huisgenoten.uitstelbaar_op_thuisdagen": "Alleen deze taken (die helemaal)",
}
"""The option that opens the group of a choice-or-group field, the rows of a choice-or-list
field, or the tasks of an ability-or-tasks field."""


def group_choice(path: str) -> str:
    return GROUP_CHOICES.get(path, "Ja, namelijk")


QUESTIONS: dict[str, str] = {"huisgenoten.afwezigheid": "Geregeld van huis?"}
"""The label of the select of a choice-or-group or choice-or-list field (else 'Antwoord')."""


def question(path: str) -> str:
    return QUESTIONS.get(path, "Antwoord")
