"""Whole numbers and durations written out in Dutch words (formatting only).

'175 minuten' reads as 'twee uur en vijfenvijftig minuten': the onderbouwing states the
hours per week in words and in figures, as on a cheque.
"""

from __future__ import annotations

_UNITS = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
          "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien",
          "negentien")
_TENS = ("", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig",
         "negentig")


def _below_hundred(n: int) -> str:
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _TENS[tens]
    joiner = "ën" if _UNITS[unit].endswith("e") else "en"
    return f"{_UNITS[unit]}{joiner}{_TENS[tens]}"


def number_words(n: int) -> str:
    """Dutch words for 0 <= n < 1,000,000: 22 -> 'tweeëntwintig', 175 -> 'honderdvijfenzeventig'."""
    if not 0 <= n < 1_000_000:
        raise ValueError(f"getal buiten bereik: {n}")
    if n < 100:
        return _below_hundred(n)
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "honderd" if hundreds == 1 else f"{_UNITS[hundreds]}honderd"
        return head + (_below_hundred(rest) if rest else "")
    thousands, rest = divmod(n, 1000)
    head = "duizend" if thousands == 1 else f"{number_words(thousands)}duizend"
    return head + (f" {number_words(rest)}" if rest else "")


def duration_words(minutes: int) -> str:
    """175 -> 'twee uur en vijfenvijftig minuten'; 60 -> 'één uur'; 1 -> 'één minuut'."""
    hours, rest = divmod(minutes, 60)

    def count(n: int, one: str, many: str) -> str:
        return f"één {one}" if n == 1 else f"{number_words(n)} {many}"

    if hours and rest:
        return f"{count(hours, 'uur', 'uur')} en {count(rest, 'minuut', 'minuten')}"
    if hours:
        return count(hours, "uur", "uur")
    return count(rest, "minuut", "minuten")
