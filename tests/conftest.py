from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hbh_indicatie.loading.norms import LoadedNorms, load_norm_file, norm_files, shipped_norms_dir

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def protocol_norms() -> LoadedNorms:
    return load_norm_file(ROOT / "norms" / "protocol-hbh" / "2015-01-01.yaml")


def shipped_norm_paths() -> list[Path]:
    return norm_files(shipped_norms_dir())


TODAY = date(2026, 3, 2)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Figures the tests report without asserting them (tests/metingen.py), e.g. the
    live-update time of hbh werkplek."""
    from tests import metingen

    for line in metingen.REPORTED:
        terminalreporter.write_line(f"gemeten: {line}")
