"""Dutch number formats for everything a person reads (Babel, locale nl_NL): 1.234,5.

Formatting only. Exact figures (:class:`~fractions.Fraction`) are turned into a
:class:`~decimal.Decimal` with enough digits first, so rounding happens once, here, at the
number of decimals shown. Trailing zeros after the comma are left out ('12' rather than
'12,0'), except for percentages, which always show their decimals ('5,0%').
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

from babel.numbers import format_currency, format_decimal

LOCALE = "nl_NL"

Number = int | Fraction | Decimal


def _decimal(value: Number) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    with localcontext() as ctx:
        ctx.prec = 40
        return Decimal(value.numerator) / Decimal(value.denominator)


def number(value: Number, decimals: int = 1) -> str:
    """1234.56 -> '1.234,6'; whole numbers without a comma: 1234 -> '1.234'."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return str(format_decimal(_decimal(value), format=pattern, locale=LOCALE))


def _fixed(value: Decimal, decimals: int) -> str:
    """Always ``decimals`` digits after the comma (percentages: '5,0%', not '5%')."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale=LOCALE))


def signed(value: Number, decimals: int = 1) -> str:
    """With a sign for a change: '+1.234,5', '-12', '0'."""
    text = number(value, decimals)
    return f"+{text}" if value > 0 and text != "0" else text


def magnitude(value: Number, decimals: int = 1) -> str:
    """The size of a change without its sign (the sentence says 'meer' or 'minder')."""
    return number(abs(_decimal(value)), decimals)


def percent(part: Number, whole: Number, decimals: int = 1) -> str:
    """Share of ``whole`` as a Dutch percentage: (1872, 3000) -> '62,4%'; 0 of 0 -> '0%'."""
    if not whole:
        return "0%"
    share = _decimal(Fraction(part) / Fraction(whole) * 100)
    return _fixed(share, decimals) + "%"


def share(value: Number, decimals: int = 1) -> str:
    """A fraction as a percentage of its size: -0.0362 -> '3,6%' (the sentence gives the sign)."""
    return _fixed(abs(_decimal(value)) * 100, decimals) + "%"


def euro(value: Number) -> str:
    """Money in whole euros: 743073.5 -> '€ 743.074' (no-break space after the sign)."""
    amount = _decimal(value).quantize(Decimal(1))
    return str(format_currency(amount, "EUR", format="¤\xa0#,##0", locale=LOCALE,
                               currency_digits=False))


def euro_cents(value: Number) -> str:
    """A rate: 32.5 -> '€ 32,50'."""
    return str(format_currency(_decimal(value), "EUR", format="¤\xa0#,##0.00", locale=LOCALE,
                               currency_digits=False))
