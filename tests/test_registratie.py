"""Issue 15, point 1: the paragraph is the unit.

* Every rule module declares its paragraphs, rule ids and what it does not translate
  (``DECLARATION``); the table of rule ids, the engine's order, docs/regels.md and the
  untranslatable list are derived from those declarations.
* A rule module contains the law only: it does not iterate over the lines of work, replace the
  state or allocate work itself; the state API (``rules/state.py``) does (guarded over the
  source with ``ast``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from hbh_indicatie.errors import HbhError
from hbh_indicatie.loading.norm_sets import load_norm_file
from hbh_indicatie.rules import huisstofmijt, regelids
from hbh_indicatie.rules.order import MODULES, STAGES

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "src" / "hbh_indicatie" / "rules"
MACHINERY = {"state.py", "grid.py", "registry.py", "explain.py", "order.py", "regelids.py",
             "context.py", "perioden.py", "ongebruikte_feiten.py", "required_facts.py", "__init__.py"}
"""The engine's own modules under rules/: the state API, the registry, helpers and the input
checks before the rules run (``required_facts``)."""


def _rule_modules() -> list[Path]:
    return sorted(p for p in RULES.glob("*.py") if p.name not in MACHINERY)


def test_every_rule_module_declares_itself() -> None:
    declared = {m.__name__.rsplit(".", 1)[1] for m in MODULES}
    files = {p.stem for p in _rule_modules()}
    assert files == declared
    for module in MODULES:
        name = module.__name__.rsplit(".", 1)[1]
        decl = module.DECLARATION
        assert decl.module == name
        assert decl.paragraphs, name
        for rule in decl.rules:
            assert rule.id.split(".", 1)[0] == name, f"{rule.id} in rules/{name}.py"
            assert rule.paragraph is None or rule.paragraph in {p.number for p in decl.paragraphs}, (
                f"{rule.id} citeert {rule.paragraph}, niet gedeclareerd in rules/{name}.py")
        for item in decl.untranslated:
            assert item.paragraph in {p.number for p in decl.paragraphs}
            assert item.text.startswith(item.paragraph + ":")


def test_the_engine_order_shows_every_paragraph_it_applies() -> None:
    """§2.1, §2.2, §2.3 and §4.5 are no longer hidden behind §2: a stage of their own or named
    as consulted by the §2 stage."""
    shown = set()
    for stage in STAGES:
        for module in (stage.module, *stage.consults):
            shown |= {p.number for p in module.DECLARATION.paragraphs}
    assert {"§2.1", "§2.2", "§2.3", "§4.5", "§4.4", "§1.3", "§4.6"} <= shown


def test_docs_regels_md_is_generated_from_the_declarations() -> None:
    text = (ROOT / "docs" / "regels.md").read_text(encoding="utf-8")
    assert regelids.generated_section() in text, (
        "docs/regels.md is niet actueel: python -m hbh_indicatie.rules.regelids --schrijf "
        "docs/regels.md")


def test_docs_link_every_paragraph_to_its_module_in_one_hop() -> None:
    section = regelids.generated_section().split("## Paragrafen", 1)[1].split("\n## ", 1)[0]
    for module in MODULES:
        name = module.__name__.rsplit(".", 1)[1]
        for para in module.DECLARATION.paragraphs:
            assert f"| {para.number} | {para.title} | [`rules/{name}.py`]" in section


def _calls(tree: ast.AST) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in {"allocate", "split_bridge"}:
                found.append((f"{func.id}()", node.lineno))
            if isinstance(func, ast.Attribute) and func.attr in {"_replace", "_evolve"}:
                target = func.value
                if isinstance(target, ast.Name) and target.id == "state":
                    found.append(("state._replace()", node.lineno))
        if isinstance(node, ast.Attribute) and node.attr in {"lines", "_lines", "_index"}:
            found.append((f".{node.attr}", node.lineno))
        if isinstance(node, ast.For):  # a query in a comprehension is fine, a loop is not
            it = node.iter
            if (isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute)
                    and it.func.attr in {"find", "lines_of", "shares"}):
                found.append((f"for ... in .{it.func.attr}()", node.lineno))
    return found


def test_no_rule_module_iterates_over_lines_or_keeps_the_books() -> None:
    wrong = [f"rules/{path.name}:{line}: {what}"
             for path in _rule_modules()
             for what, line in _calls(ast.parse(path.read_text(encoding="utf-8")))]
    assert wrong == []


def test_the_guard_finds_what_it_forbids() -> None:
    """Not a test that cannot fail."""
    bad = ("def apply(ctx, state):\n"
           "    for line in state.lines:\n"
           "        new, removed = allocate(line, ONE, Actor.CLIENT, '§1.6')\n"
           "    return state._replace(lines=())\n")
    assert {what for what, _ in _calls(ast.parse(bad))} == {".lines", "allocate()",
                                                          "state._replace()"}


def test_the_threshold_of_7_etmalen_is_named_once() -> None:
    """§2.2's 7 etmalen: one named constant, never a literal in a rule or the engine."""
    for path in [*_rule_modules(), ROOT / "src" / "hbh_indicatie" / "engine.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                      and isinstance(n.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docstrings):  # a docstring may quote the protocol
                assert "7 etmalen" not in node.value and "7 of meer" not in node.value, path.name


def test_a_huisstofmijt_toeslag_above_the_2_hours_of_4_6_is_refused(tmp_path: Path) -> None:
    assert huisstofmijt.MAXIMUM_MINUTES == 120
    source = ROOT / "norms" / "protocol-hbh" / "2015-01-01.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    sup = next(s for s in data["toeslagen"] if s["voorwaarde"] == "huisstofmijt_na_sanering")
    sup["maximum_minuten_per_week"] = 150
    path = tmp_path / "te-veel.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(HbhError, match="maximaal 120 minuten"):
        load_norm_file(path)


def test_evaluate_never_words_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15, point 3: ``hbh batch`` (``api.batch_row``: evaluate and the row) formats no
    step or warning text; ``compute`` words them all."""
    from hbh_indicatie import api
    from hbh_indicatie.batch.generate import generate
    from hbh_indicatie.models import common
    from hbh_indicatie.rules import explain

    worded: list[str] = []
    original = explain.Said.__str__

    def counting(self: explain.Said) -> str:
        result = original(self)
        worded.append(result)
        return result

    monkeypatch.setattr(explain.Said, "__str__", counting)
    loaded = api.load_norms("protocol-hbh", "2026-01-01")
    ids = [a.id for a in loaded.norms.activities if a.per_child is None]
    cases = []
    for data in generate(200, 7, ids):
        try:
            cases.append(api.case_from_dict(data))
        except HbhError:
            continue
    rows = 0
    for case in cases:
        try:
            api.batch_row(case, loaded)
        except HbhError:
            continue
        rows += 1
    assert rows > 150 and worded == []
    ind = api.compute(cases[0], loaded)
    assert len(worded) > 0 and all(s.tekst for s in ind.uitleg)
    assert common.fraction_text is not None


def test_no_rule_words_a_step_or_warning_eagerly() -> None:
    """The text of a step, warning or unknown fact is a constant or a ``Said`` template with its
    values, never an f-string (that would word the sentence in every batch case)."""
    sites = {"StepData": 2, "with_warning": 2, "with_unknown": 3}
    wrong = []
    for path in _rule_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else (
                func.attr if isinstance(func, ast.Attribute) else "")
            index = sites.get(name)
            if index is not None and len(node.args) > index and isinstance(
                    node.args[index], ast.JoinedStr):
                wrong.append(f"rules/{path.name}:{node.lineno}")
    assert wrong == []
