"""Dutch words for the ids an impact run sums over: activities, rules and result categories.

A council member reads 'Normtijd broodmaaltijd (§3)', not ``normering.broodmaaltijd``. The
labels of activities and toeslagen come from the two norm sets themselves (B's label wins
where both have one); a rule id is its rule's description plus that label. An id nobody
knows (a rule added later) is shown with its underscores as spaces, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from hbh_indicatie.errors import HbhError
from hbh_indicatie.loading.norm_sets import load_norm_file, split_spec, versions_of
from hbh_indicatie.models.common import CATEGORY_LABELS, Category, spoken
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.models.norm_set import NormSet

LINE_LABELS = {"instructie": "Instructie aan een huisgenoot"}
"""Workload lines that are no activity or toeslag of a norm set."""

RULES: dict[str, str] = {
    "disfunctioneren": "Dreigend disfunctioneren (§1.1)",
    "normering": "Normtijd {x} (§3)",
    "toeslagen": "Toeslag: {x}",
    "toeslagen.geen_meer_inzet": "Toeslag zonder meer professionele inzet (§3)",
    "toeslagen.aftrek": "Aftrek: {x}",
    "afwijking": "Afwijking door de consulent bij {x} (§3)",
    "koppeling.omvat": "Feiten per activiteit gelden voor het hele onderdeel (§3)",
    "koppeling.verdeling": "Onderdeel verdeeld naar gewichten (§3)",
    "koppeling.niet_toegepast": "Feit niet toe te passen: onderdeel zonder gewichten (§3)",
    "koppeling.niet_in_normenset": "Afwijking op een activiteit buiten de normenset (§3)",
    "eigen_kracht.client": "Wat de cliënt zelf doet (§1.6)",
    "eigen_kracht.netwerk": "Hulp uit het netwerk (§1.6)",
    "eigen_kracht.netwerk_niet_bereid": "Netwerk niet bereid (§1.6)",
    "eigen_kracht.netwerk_niet_duurzaam": "Netwerk niet duurzaam (§1.6)",
    "eigen_kracht.particuliere_hulp": "Particuliere hulp die er al is (§1.6)",
    "eigen_kracht.particuliere_hulp_gewijzigd": "Particuliere hulp, financiën gewijzigd (§1.6)",
    "eigen_kracht.al_verrekend": "Eigen kracht al verrekend (§1.6)",
    "gebruikelijke_hulp.volwassene": "Gebruikelijke hulp van volwassen huisgenoten (§2)",
    "gebruikelijke_hulp.kan_niet": "Huisgenoot kan het huishouden niet doen (§2)",
    "afwezigheid": "Afwezigheid van de huisgenoot voor werk (§2.2)",
    "kinderen": "Bijdrage van kinderen (§2)",
    "andere_ouder": "Aandeel van de andere ouder (§4.4)",
    "kinderen.verzorging": "Verzorging van kinderen (§4.3)",
    "overbelasting": "Overbelaste huisgenoot (§2.1)",
    "terminaal": "Terminale situatie (§4.5)",
    "uitstelbaar": "Uitstelbare taken (§2.3)",
    "hulpmiddelen": "Hulpmiddel {x} (§1.4)",
    "hulpmiddelen.overbrugging": "Overbrugging tot hulpmiddel {x} er is (§1.4)",
    "hulpmiddelen.niet_haalbaar": "Hulpmiddel {x} niet haalbaar (§1.4)",
    "hulpmiddelen.afdoende": "Hulpmiddelen afdoende (§1.4)",
    "voorliggend": "Voorliggende voorziening {x} (§1.7)",
    "voorliggend.niet_beschikbaar": "Voorziening {x} niet beschikbaar (§1.7)",
    "voorliggend.niet_haalbaar": "Voorziening {x} niet haalbaar (§1.7)",
    "woonvorm": "Woonvorm (§1.2, §4.6.1)",
    "woonvorm.uitgesloten": "Woonvorm zonder recht op hulp (§4.6.1)",
    "gedeelde_ruimten": "Gedeelde ruimten: evenredig deel (§1.2)",
    "woonvorm.grotere_woning": "Grotere woning (§4.6.1)",
    "revalidatie": "Revalidatie (§1.5)",
    "kortdurend": "Kortdurende beperking (§2, B2.1)",
    "instructie": "Instructie aan een huisgenoot (§1.3)",
    "afronding": "Afronding van het weektotaal (§3)",
    "revalidatie.samen_oefenen": "Revalidatie: samen oefenen (§1.5)",
    "ondersteuningswijze": "Wijze van ondersteuning: {x} (§1.6, Bijlage 2)",
    "oefenplan": "Oefenplan (§1.5)",
    "zrm": "ZRM-signaal begeleiding (§1.3)",
}
"""Rule id (or its first parts) -> description; ``{x}`` is the rest of the id, as a label."""


class Labels:
    """Dutch labels for the ids of one impact run (A and B's activities and toeslagen)."""

    def __init__(self, items: dict[str, str] | None = None) -> None:
        self.items = {**LINE_LABELS, **(items or {})}

    @classmethod
    def of_sets(cls, sets: Iterable[NormSet]) -> Labels:
        items: dict[str, str] = {}
        for norms in sets:
            items.update({a.id: a.label for a in norms.activities})
            items.update({s.id: s.label for s in norms.supplements})
        return cls(items)

    def item(self, key: str) -> str:
        """An activity, toeslag or other workload line."""
        return self.items.get(key) or spoken(key).capitalize()

    def category(self, key: str) -> str:
        try:
            return CATEGORY_LABELS[Category(key)]
        except ValueError:
            return spoken(key).capitalize()

    def rule(self, rule_id: str) -> str:
        """'normering.broodmaaltijd' -> 'Normtijd broodmaaltijd (§3)'."""
        parts = rule_id.split(".")
        for cut in range(len(parts), 0, -1):
            head, rest = ".".join(parts[:cut]), ".".join(parts[cut:])
            if head in RULES:
                template = RULES[head]
                if "{x}" not in template:
                    return template
                if not rest:
                    break
                name = self.items.get(rest)
                words = name[0].lower() + name[1:] if name else spoken(rest)
                return template.replace("{x}", words)
        return spoken(rule_id.replace(".", " ")).capitalize()


def labels_for(specs: Iterable[str], extra_dir: Path | None) -> Labels:
    """Labels from every version the ``--van``/``--naar`` specs can use (later specs win);
    a spec that cannot be read gives no labels (the run has already reported it)."""
    sets: list[NormSet] = []
    for spec in specs:
        try:
            sets += [loaded.norms for loaded in _versions(spec, extra_dir)]
        except HbhError:
            continue
    return Labels.of_sets(sets)


def _versions(spec: str, extra_dir: Path | None) -> list[LoadedNorms]:
    path = Path(spec)
    if path.suffix in (".yaml", ".yml", ".json") or path.exists():
        return [load_norm_file(path)]
    return versions_of(split_spec(spec)[0], extra_dir)
