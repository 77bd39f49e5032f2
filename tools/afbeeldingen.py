"""Regenerate the pictures of docs/handleiding.md (and the README) from the browser tests.

    python tools/afbeeldingen.py

Runs the browser tests that take them (Debian's chromium, see .ci/run) with their artefacts in
a temporary folder, copies each picture the documentation refers to into docs/afbeeldingen/,
and fails when a referenced picture was not made or a picture there is referred to nowhere.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PICTURES = ROOT / "docs" / "afbeeldingen"
DOCS = (ROOT / "README.md", ROOT / "docs" / "handleiding.md")
TESTS = "readme_example or missing_fact or accessibility"
"""The browser tests that write the pictures (see tests/test_werkplek_browser.py)."""


def referenced() -> dict[str, list[Path]]:
    """Picture file name -> the documents that show it (only pictures in docs/afbeeldingen)."""
    found: dict[str, list[Path]] = {}
    for doc in DOCS:
        for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", doc.read_text(encoding="utf-8")):
            path = (doc.parent / target).resolve()
            if path.parent == PICTURES.resolve():
                found.setdefault(path.name, []).append(doc)
    return found


def main() -> int:
    wanted = referenced()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "HBH_ARTEFACTEN": folder}
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                              str(ROOT / "tests" / "test_werkplek_browser.py"), "-k", TESTS],
                             cwd=ROOT, env=env, check=False)
        if run.returncode != 0:
            print("De browsertests slaagden niet; afbeeldingen niet bijgewerkt.", file=sys.stderr)
            return run.returncode
        missing = sorted(name for name in wanted if not (Path(folder) / name).is_file())
        if missing:
            print(f"Geen test maakt: {', '.join(missing)}", file=sys.stderr)
            return 1
        PICTURES.mkdir(parents=True, exist_ok=True)
        for name in sorted(wanted):
            shutil.copyfile(Path(folder) / name, PICTURES / name)
            print(f"docs/afbeeldingen/{name} (in {', '.join(d.name for d in wanted[name])})")
    unused = sorted(p.name for p in PICTURES.iterdir() if p.name not in wanted)
    if unused:
        print(f"Nergens naar verwezen: {', '.join(unused)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
