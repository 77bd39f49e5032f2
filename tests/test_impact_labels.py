"""Dutch words for every id an impact run sums over (the memo never shows an internal id).

Every rule id the engine emits and every workload item it keys the help by (a toeslag's part
per activity, 'toeslag_huisdier.dweilen', included), over the shipped cases and a generated
caseload under every shipped norm set, gets a label without '.' or '_' id fragments.
"""

from __future__ import annotations

import re
from functools import cache

from hbh_indicatie.api import case_from_dict
from hbh_indicatie.batch.generate import generate, household_activities
from hbh_indicatie.batch.impact_labels import RULES, Labels
from hbh_indicatie.engine import evaluate
from hbh_indicatie.errors import HbhError
from hbh_indicatie.loading.cases import load_case
from hbh_indicatie.loading.norm_sets import load_norm_file
from hbh_indicatie.models.case import Case
from hbh_indicatie.rules.koppeling import item_of
from hbh_indicatie.rules.regelids import RULE_IDS
from hbh_indicatie.vocabulary.load import vocabulary
from tests.conftest import shipped_norm_paths
from tests.shipped import shipped_cases

GENERATED = 150


def _fragments(label: str) -> list[str]:
    """Id fragments in a label: an underscore, or a dot between letters ('enig.stofzuigen');
    a paragraph number (§4.6.1) is no id."""
    text = re.sub(r"§\d+(\.\d+)*", "§", label)
    return re.findall(r"\w*_\w*|[^\W\d]+\.[^\W\d]+", text)


@cache
def _emitted() -> tuple[Labels, frozenset[str], frozenset[str]]:
    """(labels of all shipped sets, rule ids emitted, item keys of the help)."""
    sets = [load_norm_file(p) for p in shipped_norm_paths()]
    cases: list[Case] = [load_case(p) for p in shipped_cases()]
    activities = household_activities(vocabulary())
    cases += [case_from_dict(c, f"gegenereerd {i}")
              for i, c in enumerate(generate(GENERATED, 11, activities))]
    rules: set[str] = set()
    items: set[str] = set()
    for case in cases:
        for loaded in sets:
            try:
                ev = evaluate(case, loaded)
            except HbhError:
                continue  # a set without a figure this case needs, or a conflict
            rules.update(step.rule for step in ev.state.steps)
            items.update(item_of(line) for line in ev.state.lines)
    return Labels.of_sets(s.norms for s in sets), frozenset(rules), frozenset(items)


def test_every_registry_pattern_has_its_own_label() -> None:
    assert set(RULES) == {entry.pattern for entry in RULE_IDS}


def test_every_emitted_rule_id_reads_as_dutch_words() -> None:
    labels, rules, _ = _emitted()
    assert len(rules) > 40  # the run reaches most rules, toeslagen per norm set included
    assert any(r.startswith("toeslagen.") for r in rules)
    bad = {rule: labels.rule(rule) for rule in rules if _fragments(labels.rule(rule))}
    assert bad == {}


def test_every_item_of_the_help_reads_as_dutch_words() -> None:
    labels, _, items = _emitted()
    parts = [key for key in items if "." in key]
    assert parts, "no toeslag part per activity in the run"
    bad = {key: labels.item(key) for key in items if _fragments(labels.item(key))}
    assert bad == {}


def test_toeslag_parts_and_rules_in_words() -> None:
    labels, _, _ = _emitted()
    assert labels.item("toeslag_beperkingen_enig.stofzuigen") == (
        "Toeslag beperkingen of belemmeringen van de cliënt (enige extra inzet), deel stofzuigen")
    assert labels.item("toeslag_huisdier.dweilen") == (
        "Toeslag aanwezigheid van een huisdier (extra vloeren), deel vloeren dweilen")
    assert labels.item("instructie-piet") == "Instructie aan een huisgenoot"
    assert labels.rule("woonvorm.medebewoner") == (
        "Medebewoner in een woongroep hoort niet tot het huishouden (§1.2)")
    assert labels.rule("ondersteuningswijze.stimuleren_en_aanleren") == (
        "Wijze van ondersteuning: stimuleren en aanleren (§1.6, Bijlage 2)")
    assert labels.rule("hulpmiddelen.overbrugging.robotstofzuiger") == (
        "Overbrugging tot hulpmiddel robotstofzuiger er is (§1.4)")


def test_fragment_check_can_fail() -> None:
    assert _fragments("Toeslag beperkingen enig.stofzuigen") == ["enig.stofzuigen"]
    assert _fragments("Toeslag huisdier_x") == ["huisdier_x"]
    assert _fragments("Woonvorm (§1.2, §4.6.1)") == []


def test_every_emitted_rule_id_is_in_the_registry() -> None:
    """docs/regels.md lists every rule id the engine emits, also over generated cases under
    every shipped set (parts of an item split by weights: 'normering.<activiteit>.<deel>')."""
    from hbh_indicatie.rules.regelids import entry_for

    _, rules, _ = _emitted()
    assert sorted(r for r in rules if entry_for(r) is None) == []
    assert any(r.count(".") == 2 and r.startswith("normering.") for r in rules)
