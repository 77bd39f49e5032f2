"""Layering: the engine and the rules see validated models only, never the file-loading layer.

``hbh_indicatie.loading`` reads files (YAML/JSON, norm set folders); the functional core
(``engine.py`` and ``rules/``) gets the models it produced (``models.loaded_norms.LoadedNorms``
and the rest) and must not import it, not even for a type. Checked on the source with ``ast``,
so an import under ``TYPE_CHECKING`` or inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "hbh_indicatie"
CORE = [PACKAGE / "engine.py", *sorted((PACKAGE / "rules").glob("*.py"))]
FORBIDDEN = ("hbh_indicatie.loading",)


def imported_modules(source: str, package: str) -> list[tuple[int, str]]:
    """(line, module) for every import in ``source``, relative imports made absolute within
    ``package`` (the dotted package of the file)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def _forbidden(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in FORBIDDEN)


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_core_does_not_import_loading(path: Path) -> None:
    package = ".".join(["hbh_indicatie", *path.relative_to(PACKAGE).parent.parts])
    hits = [f"{path.name}:{line} importeert {module}"
            for line, module in imported_modules(path.read_text(encoding="utf-8"), package)
            if _forbidden(module)]
    assert not hits, hits


def test_check_sees_every_import_form() -> None:
    """The checker itself: plain, from, relative and nested imports of the loading layer."""
    source = ("import hbh_indicatie.loading.norm_sets\n"
              "from hbh_indicatie.loading.norm_sets import resolve\n"
              "from ..loading import norm_sets\n"
              "from .. import loading\n"
              "def f() -> None:\n    from hbh_indicatie.loading import cases\n")
    modules = [m for _, m in imported_modules(source, "hbh_indicatie.rules")]
    assert sum(_forbidden(m) for m in modules) >= 5
    assert "hbh_indicatie.loading" in modules  # 'from .. import loading'


def test_core_is_found() -> None:
    assert len(CORE) > 10 and all(p.is_file() for p in CORE)
