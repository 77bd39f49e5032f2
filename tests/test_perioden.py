"""Periods: the shortcut for an indication without temporary parts gives what the general split gives."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from hbh_indicatie.models.common import Actor, Category, TemporaryReason
from hbh_indicatie.rules.perioden import help_shares, intervals, split
from hbh_indicatie.rules.state import Bucket, Line, Share

START = date(2026, 3, 2)

minutes = st.fractions(min_value=0, max_value=600, max_denominator=60)
permanent = st.builds(lambda m, actor: Share(actor, m, "§3"), minutes,
                      st.sampled_from([Actor.HELP, Actor.CLIENT, Actor.HOUSEMATE]))
temporary = st.builds(
    lambda m, days, reason: Share(Actor.HELP, m, "§2.1", None, None,
                                  START + timedelta(days=days), reason),
    minutes, st.integers(-5, 200), st.sampled_from(list(TemporaryReason)))


def _line(shares: list[Share]) -> Line:
    return Line("stofzuigen", "Stofzuigen", Category.CLEAN_HOME, "activiteit", True,
                Fraction(60), "voorbeeld", (Bucket(Fraction(0)),), tuple(shares))


@given(st.lists(st.lists(st.one_of(permanent, temporary), max_size=4), max_size=5),
       st.one_of(st.none(), st.integers(-10, 300).map(lambda d: START + timedelta(days=d))))
def test_intervals_equal_the_general_split(per_line: list[list[Share]], end: date | None) -> None:
    lines = tuple(_line(shares) for shares in per_line)
    assert intervals(lines, START, end) == split(help_shares(lines), START, end)
