"""§2.2 Fysieke afwezigheid (with §2.3 for which tasks can wait).

A housemate absent for work in uninterrupted periods of 7 etmalen or more cannot be
expected to give usual help. A housemate absent for less is expected to take over the
uitstelbare tasks; the niet-uitstelbare tasks are indicated for the absent days only.
"""

from __future__ import annotations

from fractions import Fraction

from hbh_indicatie.models.case import Housemate
from hbh_indicatie.rules.state import ONE, Line

PARAGRAPH = "§2.2"
LONG_ABSENCE_NIGHTS = 7
"""The protocol's own threshold (jurisprudence cited in §2.2), not a norm figure."""


def no_usual_help(mate: Housemate) -> bool:
    return mate.absence.longest_nights >= LONG_ABSENCE_NIGHTS


def partly_absent(mate: Housemate) -> bool:
    return 0 < mate.absence.longest_nights < LONG_ABSENCE_NIGHTS


def present_share(mate: Housemate, line: Line) -> Fraction:
    """Share of the line the housemate can take over given the absence pattern."""
    if not partly_absent(mate) or line.postponable:
        return ONE
    return Fraction(7 - mate.absence.days_per_week, 7)
