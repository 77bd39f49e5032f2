"""The README a newcomer reads: its links lead somewhere and CI runs its test command."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _anchor(heading: str) -> str:
    """GitHub's anchor of a Markdown heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", ""))
    return text.replace(" ", "-")


def _anchors(doc: Path) -> set[str]:
    return {_anchor(line.lstrip("#")) for line in doc.read_text(encoding="utf-8").splitlines()
            if line.startswith("#")}


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_links_lead_somewhere(doc: Path) -> None:
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", doc.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+://|mailto:", target):
            continue
        path, _, anchor = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        if not file.exists() or (anchor and file.suffix == ".md"
                                 and anchor not in _anchors(file)):
            broken.append(target)
    assert not broken, broken


def _setup_lines() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Aan de slag", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block is not None
    return block.group(1).strip().splitlines()


def test_two_setup_commands_first() -> None:
    lines = _setup_lines()
    assert len(lines) == 2
    assert lines[0].startswith("python -m pip install . && hbh bereken cases/")
    case = shlex.split(lines[0])[-1]
    assert (ROOT / case).is_file()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.index("## Aan de slag") < text.index("```")  # nothing to run before it


def test_ci_runs_the_readme_test_command() -> None:
    install, test = (part.strip() for part in _setup_lines()[1].split("&&"))
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.lstrip().startswith("#")]
    assert ci[-1] == test  # exactly the README's test command, last
    assert [w for w in shlex.split(ci[-2]) if w != "-q"] == shlex.split(install)
