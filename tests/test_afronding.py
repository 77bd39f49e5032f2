"""Rounding by integer arithmetic equals the textbook Fraction formulas."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from hbh_indicatie.models.norm_set import Rounding
from hbh_indicatie.rules.afronding import round_minutes


@given(st.fractions(min_value=-100, max_value=10_000, max_denominator=10_000),
       st.sampled_from([1, 5, 10, 15, 25, 30, 60]), st.sampled_from(["naar_boven", "rekenkundig"]))
def test_round_minutes(value: Fraction, step: int, method: str) -> None:
    rule = Rounding.model_construct(method=method, step_minutes=step)
    units = value / step
    whole = math.ceil(units) if method == "naar_boven" else math.floor(units + Fraction(1, 2))
    assert round_minutes(value, rule) == whole * step
