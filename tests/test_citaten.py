"""Issue 11, point 10: every step cites the paragraph that decided it, from the module it names.

* The source: every ``StepData(...)`` in ``src/`` names its rule id literally (an f-string
  may fill in an id from the case or the norm set), sits in ``rules/<module>.py`` and the id
  starts with that module's name; the ids found are exactly those of the table
  (``rules/regelids.py``, derived from each module's ``DECLARATION``).
* The output: every step of every shipped case under every shipped norm set that can compute
  it has a rule id of the table and cites the table's paragraph (for a toeslag or aftrek:
  the paragraph its norm set gives it, §4.6 for huisstofmijt).
* ``docs/regels.md`` lists every id of the table with its paragraph, and the impact labels
  know every id.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from hbh_indicatie.batch.impact_labels import Labels
from hbh_indicatie.engine import compute
from hbh_indicatie.errors import HbhError
from hbh_indicatie.loading.cases import load_case
from hbh_indicatie.loading.norm_sets import load_norm_file
from hbh_indicatie.models.common import spoken
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.models.norm_set import Condition
from hbh_indicatie.rules.regelids import RULE_IDS, entry_for
from tests.conftest import shipped_norm_paths
from tests.shipped import shipped_cases

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "hbh_indicatie"


def _patterns(arg: ast.expr) -> list[str] | None:
    """The rule id(s) a StepData argument can take, variable parts as '<>'; None: not literal."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return [arg.value]
    if isinstance(arg, ast.JoinedStr):
        return ["".join(v.value if isinstance(v, ast.Constant) else "<>" for v in arg.values)]
    if isinstance(arg, ast.IfExp):
        body, other = _patterns(arg.body), _patterns(arg.orelse)
        return None if body is None or other is None else body + other
    return None


def _normal(pattern: str) -> str:
    return re.sub(r"<[^>]*>", "<>", pattern)


@cache
def emitted_in_source() -> tuple[tuple[str, str, int], ...]:
    """(file relative to src, rule id pattern, line) for every StepData construction."""
    found: list[tuple[str, str, int]] = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "StepData"):
                continue
            arg = node.args[0] if node.args else next(
                k.value for k in node.keywords if k.arg == "rule")
            where = str(path.relative_to(SRC))
            for pattern in _patterns(arg) or [f"<niet letterlijk: {ast.unparse(arg)}>"]:
                found.append((where, pattern, node.lineno))
    return tuple(found)


def test_the_source_is_walked() -> None:
    """Not a test that cannot fail: the walk finds the steps of the rules."""
    files = {where for where, _, _ in emitted_in_source()}
    assert {"rules/afwezigheid.py", "rules/toeslagen.py", "rules/afronding.py"} <= files
    assert len(emitted_in_source()) > 50


def test_every_rule_id_starts_with_the_module_that_emits_it() -> None:
    wrong = []
    for where, pattern, line in emitted_in_source():
        module = Path(where).stem
        if not where.startswith("rules/") or pattern.split(".", 1)[0] != module:
            wrong.append(f"{where}:{line} maakt regel '{pattern}'")
    assert wrong == []


def test_the_table_lists_exactly_the_ids_in_the_source() -> None:
    """A line id in an id may be a part of an item split by weights ('maaltijden.broodmaaltijd',
    koppeling.verdeling): the table names that form apart ('normering.<activiteit>.<deel>'),
    the source writes it once ('normering.{line.id}')."""
    source = {_normal(p) for _, p, _ in emitted_in_source()}
    table = {_normal(e.pattern).replace("<>.<>", "<>") for e in RULE_IDS}
    assert sorted(source - table) == [], "in de bron, niet in rules/regelids.py"
    assert sorted(table - source) == [], "in rules/regelids.py, niet (meer) in de bron"
    assert len({_normal(e.pattern) for e in RULE_IDS}) == len(RULE_IDS), \
        "een regel-id staat dubbel in de tabel"


def _sets() -> list[LoadedNorms]:
    return [load_norm_file(p) for p in shipped_norm_paths()]


@cache
def computed_everywhere() -> tuple[tuple[str, LoadedNorms, Indication], ...]:
    """Every shipped case under every shipped norm set that can compute it."""
    result = []
    sets = _sets()
    for path in shipped_cases():
        case = load_case(path)
        for loaded in sets:
            try:
                result.append((path.stem, loaded, compute(case, loaded, str(path))))
            except HbhError:
                continue  # a conflict, or a set without a figure this case needs
    return tuple(result)


def _expected_paragraph(rule: str, loaded: LoadedNorms) -> str | None:
    entry = entry_for(rule)
    assert entry is not None
    if entry.paragraph is not None:
        return entry.paragraph
    sup_id = rule.removeprefix("toeslagen.").removeprefix("aftrek.")
    sup = next((s for s in loaded.norms.supplements if s.id == sup_id), None)
    return None if sup is None else sup.paragraph


def test_every_step_cites_the_paragraph_that_decided_it() -> None:
    runs = computed_everywhere()
    assert len(runs) > 150 and len({loaded.norms.id for _, loaded, _ in runs}) >= 5
    wrong: set[str] = set()
    for name, loaded, ind in runs:
        for step in ind.uitleg:
            entry = entry_for(step.regel)
            if entry is None:
                wrong.add(f"{name} ({loaded.norms.id}): '{step.regel}' staat niet in de tabel")
                continue
            if step.regel.split(".", 1)[0] != entry.module:
                wrong.add(f"{name}: '{step.regel}' past op '{entry.pattern}' van een andere module")
            expected = _expected_paragraph(step.regel, loaded)
            if step.paragraaf != expected:
                wrong.add(f"{name} ({loaded.norms.id}): '{step.regel}' citeert "
                          f"{step.paragraaf}, beslist door {expected}")
    assert sorted(wrong) == []


@pytest.mark.parametrize(("rule", "paragraph"), [
    ("afwezigheid.niet_uitstelbaar", "§2.2"),   # the days at home
    ("hulpmiddelen.overbrugging.wasdroger", "§1.4"),
    ("toeslagen.toeslag_huisstofmijt", "§4.6"),
    ("gedeelde_ruimten.evenredig_deel", "§1.2"),
])
def test_named_citations_occur_in_the_shipped_cases(rule: str, paragraph: str) -> None:
    """The citations the issue names are actually exercised (and right)."""
    cited = {s.paragraaf for _, _, ind in computed_everywhere() for s in ind.uitleg
             if s.regel == rule}
    assert cited == {paragraph}


def test_huisstofmijt_toeslag_is_paragraph_4_6_in_every_set() -> None:
    for loaded in _sets():
        for sup in loaded.norms.supplements:
            if sup.condition is Condition.DUST_MITE:
                assert sup.paragraph == "§4.6", loaded.norms.id


def _documented_ids() -> dict[str, str]:
    """`id` -> paragraph from the table 'Alle regel-id's' in docs/regels.md."""
    text = (ROOT / "docs" / "regels.md").read_text(encoding="utf-8")
    section = text.split("## Alle regel-id's", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \| ([^|]+?) \| `rules/([a-z_]+)\.py` \|", section, re.M)
    assert rows, "docs/regels.md mist de tabel 'Alle regel-id's'"
    return {rule: para for rule, para, _ in rows}


def test_regels_md_lists_every_rule_id_with_its_paragraph() -> None:
    documented = _documented_ids()
    table = {e.pattern: e.paragraph or "paragraaf uit de normenset" for e in RULE_IDS}
    assert documented == table


def test_impact_labels_know_every_rule_id() -> None:
    labels = Labels({"x": "X"})
    unknown = []
    for entry in RULE_IDS:
        rule = re.sub(r"<[^>]*>", "x", entry.pattern)
        if labels.rule(rule) == spoken(rule.replace(".", " ")).capitalize():
            unknown.append(entry.pattern)
    assert unknown == []


def test_a_partly_absent_child_and_adult_cite_the_days_at_home(
    protocol_norms: LoadedNorms,
) -> None:
    """§2.2 decides the part of a housemate who is partly away: the steps and the shares of
    the work they take over cite §2.2, a child's too (``afwezigheid.bijdrage_kind``)."""
    import yaml

    from hbh_indicatie.api import case_from_dict

    data = yaml.safe_load((ROOT / "cases" / "40-afwezigheid-patroon.yaml").read_text("utf-8"))
    data["huisgenoten"].append({
        "naam": "Sem", "relatie": "kind", "leeftijd": 15, "kan_huishouden": "ja",
        "afwezigheid": [{"etmalen": 2, "per_weken": 1, "vanwege": "anders"}],
        "uitstelbaar_op_thuisdagen": "niet", "overbelast": False,
        "ongewend_aan_huishouden": False,
    })
    # §3: with a child in the household the consultant judges the toeslag kinderen
    data["meer_professionele_inzet"] = {"kinderen": "nee"}
    ind = compute(case_from_dict(data), protocol_norms)
    child = [s for s in ind.uitleg if "Sem" in s.tekst and s.minuten_per_week]
    assert child and {s.regel for s in child} == {"afwezigheid.bijdrage_kind"}
    assert {s.paragraaf for s in child} == {"§2.2"}
    shares = {(s.persoon, s.paragraaf) for a in ind.activiteiten for s in a.verdeling
              if s.uitvoerder.value == "huisgenoot"}
    assert shares == {("Ton", "§2.2"), ("Sem", "§2.2")}
