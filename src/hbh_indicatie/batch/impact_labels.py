"""Dutch words for the ids an impact run sums over: activities, rules and result categories.

A council member reads 'Normtijd broodmaaltijd (§3)', not ``normering.broodmaaltijd``. The
labels of activities and toeslagen come from the two norm sets themselves (B's label wins
where both have one); a rule id is its rule's description plus that label. An id nobody
knows (a rule added later) is shown with its underscores as spaces, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from hbh_indicatie.errors import HbhError
from hbh_indicatie.loading.norm_sets import load_norm_file, split_spec, versions_of
from hbh_indicatie.models.case import SUPPORT_MODE_LABELS
from hbh_indicatie.models.common import CATEGORY_LABELS, Category, spoken
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.models.norm_set import NormSet
from hbh_indicatie.rules.regelids import entry_for
from hbh_indicatie.vocabulary.load import vocabulary

INSTRUCTION = "instructie"
LINE_LABELS = {INSTRUCTION: "Instructie aan een huisgenoot"}
WORDS = {mode.value: label for mode, label in SUPPORT_MODE_LABELS.items()}
"""Codes in a rule id that are no item of a norm set (``ondersteuningswijze.<wijze>``)."""
"""Workload lines that are no activity or toeslag of a norm set."""

RULES: dict[str, str] = {
    "disfunctioneren": "Dreigend disfunctioneren (§1.1)",
    "woonvorm.kamerhuurder": "Kamerhuurder hoort niet tot het huishouden (§1.2)",
    "woonvorm.medebewoner": "Medebewoner in een woongroep hoort niet tot het huishouden (§1.2)",
    "woonvorm.kamer_vaste_woonruimte": "Gehuurde kamer als vaste woonruimte (§1.2)",
    "woonvorm.kamerhuur_zonder_contract": "Kamerhuur zonder huurovereenkomst (§4.6.1)",
    "woonvorm.grotere_woning": "Grotere woning (§4.6.1)",
    "woonvorm.uitzondering": "Uitzondering op geen hulp bij deze woonvorm (§4.6.1)",
    "woonvorm.uitgesloten": "Woonvorm zonder recht op hulp (§4.6.1)",
    "gedeelde_ruimten.evenredig_deel": "Gedeelde ruimten: evenredig deel (§1.2)",
    "hulpmiddelen.<soort>": "Hulpmiddel {x} (§1.4)",
    "hulpmiddelen.overbrugging.<soort>": "Overbrugging tot hulpmiddel {x} er is (§1.4)",
    "hulpmiddelen.niet_haalbaar.<soort>": "Hulpmiddel {x} niet haalbaar (§1.4)",
    "hulpmiddelen.afdoende": "Hulpmiddelen afdoende (§1.4)",
    "revalidatie.tijdelijk": "Revalidatie: tijdelijke indicatie (§1.5)",
    "revalidatie.zelf_oefenen": "Revalidatie: de cliënt oefent zelf (§1.5)",
    "revalidatie.samen_oefenen": "Revalidatie: samen oefenen (§1.5)",
    "eigen_kracht.client": "Wat de cliënt zelf doet (§1.6)",
    "eigen_kracht.al_verrekend": "Eigen kracht al verrekend (§1.6)",
    "eigen_kracht.particuliere_hulp": "Particuliere hulp die er al is (§1.6)",
    "eigen_kracht.particuliere_hulp_gewijzigd": "Particuliere hulp, financiën gewijzigd (§1.6)",
    "eigen_kracht.netwerk": "Hulp uit het netwerk (§1.6)",
    "eigen_kracht.netwerk_niet_bereid": "Netwerk niet bereid (§1.6)",
    "eigen_kracht.netwerk_niet_duurzaam": "Netwerk niet duurzaam (§1.6)",
    "andere_ouder.aandeel": "Aandeel van de andere ouder (§4.4)",
    "andere_ouder.niet_nagekomen": "Andere ouder komt de zorgplicht niet na (§4.4)",
    "voorliggend.<voorziening>": "Voorliggende voorziening {x} (§1.7)",
    "voorliggend.boodschappendienst_crvb": "Boodschappendienst volgens de CRvB (§4.1)",
    "voorliggend.niet_beschikbaar.<voorziening>": "Voorziening {x} niet beschikbaar (§1.7)",
    "voorliggend.niet_haalbaar.<voorziening>": "Voorziening {x} niet haalbaar (§1.7)",
    "gebruikelijke_hulp.volwassene": "Gebruikelijke hulp van volwassen huisgenoten (§2)",
    "gebruikelijke_hulp.kan_niet": "Huisgenoot kan het huishouden niet doen (§2)",
    "kinderen.bijdrage": "Bijdrage van kinderen (§2)",
    "kinderen.geen_bijdrage": "Geen bijdrage van een kind (§2)",
    "kinderen.kan_niet": "Kind kan geen huishoudelijke taken doen (§2)",
    "kinderen.verzorging": "Verzorging van kinderen (§4.3)",
    "overbelasting.tijdelijk": "Overbelaste huisgenoot, tijdelijk (§2.1)",
    "overbelasting.langdurig": "Overbelaste huisgenoot, langdurig (§2.1)",
    "overbelasting.opnieuw_tijdelijk": "Overbelaste huisgenoot, opnieuw tijdelijk (§2.1)",
    "afwezigheid.zeven_etmalen": "Huisgenoot zeven etmalen weg voor werk (§2.2)",
    "afwezigheid.nachtdienst": "Nachtdiensten van de huisgenoot (§2.2)",
    "afwezigheid.patroon": "Afwezigheid van de huisgenoot voor werk (§2.2)",
    "afwezigheid.niet_uitstelbaar": "Afwezige huisgenoot: niet-uitstelbaar werk (§2.2)",
    "afwezigheid.uitstelbaar": "Afwezige huisgenoot: uitstelbaar werk (§2.2)",
    "afwezigheid.bijdrage_kind": "Bijdrage van een kind dat deels weg is (§2.2)",
    "uitstelbaar.extra_bevuiling": "Uitstelbare taken bij extra bevuiling (§2.3)",
    "terminaal.ontlasten": "Terminale situatie (§4.5)",
    "instructie": "Instructie aan een huisgenoot (§1.3)",
    "instructie.niet_nodig": "Geen instructie nodig (§1.3)",
    "kortdurend.tijdelijk": "Kortdurende beperking (§2, B2.1)",
    "kortdurend.gebruikelijke_hulp": "Kortdurende beperking: huisgenoot doet uitstelbaar werk (§2, B2.1)",
    "normering.<activiteit>": "Normtijd {x} (§3)",
    "normering.<activiteit>.<deel>": "Normtijd {x} (§3)",
    "toeslagen.<toeslag>": "Toeslag: {x}",
    "toeslagen.geen_meer_inzet": "Toeslag zonder meer professionele inzet (§3)",
    "toeslagen.aftrek.<aftrek>": "Aftrek: {x}",
    "afwijking.<activiteit>": "Afwijking door de consulent bij {x} (§3)",
    "afwijking.<activiteit>.<deel>": "Afwijking door de consulent bij {x} (§3)",
    "koppeling.omvat": "Feiten per activiteit gelden voor het hele onderdeel (§3)",
    "koppeling.verdeling": "Onderdeel verdeeld naar gewichten (§3)",
    "koppeling.niet_toegepast": "Feit niet toe te passen: onderdeel zonder gewichten (§3)",
    "koppeling.niet_in_normenset": "Afwijking op een activiteit buiten de normenset (§3)",
    "afronding": "Afronding van het weektotaal (§3)",
    "ondersteuningswijze.<wijze>": "Wijze van ondersteuning: {x} (§1.6, Bijlage 2)",
    "oefenplan.fasen": "Oefenplan in fasen (§1.5)",
    "oefenplan.geen_hulp": "Oefenplan: activiteit zonder hulp (§1.5)",
    "oefenplan.evaluatie": "Oefenplan: evaluatie en herindicatie (§1.5)",
    "zrm.begeleiding": "ZRM-signaal begeleiding (§1.3)",
    "zrm.geen_signaal": "ZRM: geen signaal voor begeleiding (§1.3)",
}
"""Rule id pattern of the registry (``rules/regelids.py``) -> its Dutch label; ``{x}`` is the
variable part of the id (an activity, toeslag, hulpmiddel or voorziening), as a label."""


class Labels:
    """Dutch labels for the ids of one impact run (A and B's activities and toeslagen)."""

    def __init__(self, items: dict[str, str] | None = None,
                 extends: dict[str, frozenset[str]] | None = None) -> None:
        self.items = {**WORDS, **LINE_LABELS, **(items or {})}
        self.extends = dict(extends or {})
        """Per toeslag or aftrek of A and B: the activities it extends (in either set)."""

    @property
    def supplements(self) -> frozenset[str]:
        """The ids of the toeslagen and aftrekken of A and B."""
        return frozenset(self.extends)

    @classmethod
    def of_sets(cls, sets: Iterable[NormSet]) -> Labels:
        """From the norm sets' own labels, over those of the vocabulary of activities (the
        parts of an item that the vocabulary mapping splits: 'maaltijden.broodmaaltijd')."""
        items: dict[str, str] = {a.id: a.label for a in vocabulary().activities}
        extends: dict[str, frozenset[str]] = {}
        for norms in sets:
            items.update({a.id: a.label for a in norms.activities})
            items.update({s.id: s.label for s in norms.supplements})
            for sup in norms.supplements:
                extends[sup.id] = extends.get(sup.id, frozenset()) | {
                    a.id for a in norms.extended_by(sup)}
        return cls(items, extends)

    def item(self, key: str) -> str:
        """An activity, toeslag or other workload line. The part of a toeslag that extends
        one activity ('toeslag_huisdier.dweilen', split further by the vocabulary mapping:
        'toeslag_huisdier.dweilen.vloeren') -> 'Toeslag aanwezigheid van een huisdier (extra
        vloeren), deel vloeren dweilen'; an instruction line -> its kind."""
        if key in self.items:
            return self.items[key]
        if key.startswith(f"{INSTRUCTION}-"):
            return LINE_LABELS[INSTRUCTION]
        head, *parts = key.split(".")
        if not parts:
            return _words(key)
        words = [self.items.get(head) or _words(head)]
        words += [lower_first(self.items.get(part) or _words(part)) for part in parts]
        first = (f"Toeslag {lower_first(words[0])}" if head in self.supplements
                 else words[0])
        return ", ".join([first, *(f"deel {w}" for w in words[1:])])

    def category(self, key: str) -> str:
        try:
            return CATEGORY_LABELS[Category(key)]
        except ValueError:
            return spoken(key).capitalize()

    def rule(self, rule_id: str) -> str:
        """'normering.broodmaaltijd' -> 'Normtijd broodmaaltijden klaarmaken (§3)'; an id
        the registry does not know (a rule added later) in words, never dropped."""
        entry = entry_for(rule_id)
        pattern = entry.pattern if entry is not None else next(
            (p for p in RULES if "<" in p and _variable(p).fullmatch(rule_id)), None)
        template = RULES.get(pattern) if pattern is not None else None
        if pattern is None or template is None:
            return _words(rule_id)
        if "{x}" not in template:
            return template
        match = _variable(pattern).fullmatch(rule_id)
        part = match.group(1) if match else rule_id
        return template.replace("{x}", lower_first(self.item(part)))


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _words(key: str) -> str:
    """An id in words: 'nieuw.soort_regel' -> 'Nieuw soort regel'."""
    return spoken(key.replace(".", " ")).strip().capitalize()


@cache
def _variable(pattern: str) -> re.Pattern[str]:
    """'hulpmiddelen.<soort>' -> a regex whose group 1 is the variable part (from the first
    variable to the last: 'normering.<activiteit>.<deel>' gives 'maaltijden.broodmaaltijd')."""
    head, tail = pattern[:pattern.index("<")], pattern[pattern.rindex(">") + 1:]
    return re.compile(re.escape(head) + r"(.+)" + re.escape(tail))


def labels_for(specs: Iterable[str], extra_dir: Path | None) -> Labels:
    """Labels from every version the ``--van``/``--naar`` specs can use (later specs win);
    a spec that cannot be read gives no labels (the run has already reported it)."""
    return labels_of([spec_versions(spec, extra_dir) for spec in specs])


def labels_of(sides: Iterable[list[LoadedNorms]]) -> Labels:
    """Labels from the versions of each side, read once (:func:`spec_versions`)."""
    return Labels.of_sets([loaded.norms for side in sides for loaded in side])


def spec_versions(spec: str, extra_dir: Path | None) -> list[LoadedNorms]:
    """Every version a ``--van``/``--naar`` spec (a file, ID or ID@DATUM) can use; none when it
    cannot be read (the run has already reported it)."""
    path = Path(spec)
    try:
        if path.suffix in (".yaml", ".yml", ".json") or path.exists():
            return [load_norm_file(path)]
        return versions_of(split_spec(spec)[0], extra_dir)
    except HbhError:
        return []
