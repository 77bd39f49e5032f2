"""Afronding: the one rounding step, by the norm set's rule (§3 normering).

Necessary minutes may not be rounded down to whole or half hours (CRvB case law); the
norm-set format only allows upward rounding or arithmetic rounding in steps under 30
minutes, so that rule cannot be broken here.
"""

from __future__ import annotations

from fractions import Fraction

from hbh_indicatie.models.norm_set import Rounding, YearlyRounding
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule
from hbh_indicatie.rules.state import StepData

PARAGRAPH = "§3 (afronding)"

DECLARATION = Declaration(
    "afronding",
    (Paragraph("§3 (afronding)", "Normering huishoudelijke taken in minuten: afronding"),),
    (Rule("afronding", "§3 (afronding)", "het weektotaal eenmaal afgerond"),),
)


def round_minutes(value: Fraction, rule: Rounding) -> int:
    """``value`` rounded to a multiple of the step: up, or arithmetic (half up).

    Integer arithmetic on numerator and denominator (exact, and cheaper than Fraction division):
    ceil(n / (d*step)) and floor(n / (d*step) + 1/2) = floor((2n + d*step) / (2*d*step)).
    """
    step = rule.step_minutes
    num, den = value.numerator, value.denominator * step
    whole = -(-num // den) if rule.method == "naar_boven" else (2 * num + den) // (2 * den)
    return whole * step


def hours_per_year(minutes_per_week: Fraction, weeks_per_year: Fraction) -> Fraction:
    """Exact hours per year of a weekly figure: minutes x the set's weeks per year / 60.

    One Fraction built from integers (the same value as ``minutes * weeks / 60``, one
    normalisation instead of two: the batch row computes it per result category)."""
    return Fraction(minutes_per_week.numerator * weeks_per_year.numerator,
                    minutes_per_week.denominator * weeks_per_year.denominator * 60)


def round_hours(value: Fraction, rule: YearlyRounding | None) -> int | None:
    """Hours per year as the set's decisions round them: up to a multiple of the step (never
    down). ``None`` when the set has no such rule: the figure stays exact."""
    if rule is None:
        return None
    step = rule.step_hours
    return -(-value.numerator // (value.denominator * step)) * step


def step(exact: Fraction, rounded: int, rule: Rounding, framework: str) -> StepData:
    """The explanation of the one rounding of the weekly total at the ingangsdatum."""
    return StepData(
        "afronding", PARAGRAPH,
        Said(
            'Totaal {0:m2} minuten per week, eenmaal afgerond ({1} op {2} min.): {3} '
            'minuten per week.',
            exact, rule.method.replace('_', ' '), rule.step_minutes, rounded),
        (("exact", str(exact)), ("methode", rule.method), ("op_minuten", str(rule.step_minutes))),
        Fraction(rounded) - exact, None, framework,
    )
