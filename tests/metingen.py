"""Figures a test reports (not asserts), printed at the end of the test run."""

from __future__ import annotations

REPORTED: list[str] = []


def report(line: str) -> None:
    REPORTED.append(line)
