"""Afronding: the one rounding step, by the norm set's rule (§3 normering).

Necessary minutes may not be rounded down to whole or half hours (CRvB case law); the
norm-set format only allows upward rounding or arithmetic rounding in steps under 30
minutes, so that rule cannot be broken here.
"""

from __future__ import annotations

import math
from fractions import Fraction

from hbh_indicatie.models.norms import Rounding

PARAGRAPH = "§3 (afronding)"


def round_minutes(value: Fraction, rule: Rounding) -> int:
    step = rule.step_minutes
    units = value / step
    whole = math.ceil(units) if rule.method == "naar_boven" else math.floor(units + Fraction(1, 2))
    return int(whole * step)
