from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
import xmlschema

from hbh_indicatie.loading.norm_sets import load_norm_file, norm_files, shipped_norms_dir
from hbh_indicatie.models.loaded_norms import LoadedNorms

ROOT = Path(__file__).resolve().parent.parent
XSD_DIR = ROOT.parent / "shared" / "iwmo-3.2-xsd"
"""The official iWmo 3.2 XSDs, in the shared folder beside the repository."""


@pytest.fixture(scope="session")
def wmo301() -> xmlschema.XMLSchema:
    """WMO301.xsd with the basisschema it imports, loaded once per test session."""
    if not XSD_DIR.is_dir():
        pytest.skip(f"De officiële iWmo 3.2-XSD's staan niet in {XSD_DIR} (map 'shared' naast de "
                    "repository); XSD-validatie overgeslagen")
    return xmlschema.XMLSchema(str(XSD_DIR / "WMO301.xsd"))


@pytest.fixture(scope="session")
def protocol_norms() -> LoadedNorms:
    return load_norm_file(ROOT / "norms" / "protocol-hbh" / "2015-01-01.yaml")


def shipped_norm_paths() -> list[Path]:
    return norm_files(shipped_norms_dir())


TODAY = date(2026, 3, 2)


def pytest_configure(config: pytest.Config) -> None:
    """The norm set cache (hbh_indicatie.loading.norm_cache) of this test run lives in a
    folder of its own, for the tests and every hbh they start, never in the user's."""
    os.environ["HBH_CACHEMAP"] = tempfile.mkdtemp(prefix="hbh-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ.get("HBH_CACHEMAP", ""), ignore_errors=True)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Figures the tests report without asserting them (tests/metingen.py), e.g. the
    live-update time of hbh werkplek."""
    from tests import metingen

    for line in metingen.REPORTED:
        terminalreporter.write_line(f"gemeten: {line}")
