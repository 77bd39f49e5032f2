"""Small Dutch wording helpers shared by the renderers (formatting only)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from hbh_indicatie.models.common import ACTOR_LABELS, Actor, fraction_text
from hbh_indicatie.models.indication import Share

# The terminal table's dates without Babel: importing and first using babel.dates costs ~26 ms,
# a sixth of `hbh bereken`'s whole start (docs/snelheid.md). Documents use Babel (besluit.datum).
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")


def hours_text(minutes: int) -> str:
    """'2 uur en 55 minuten' for 175."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} uur en {rest} {'minuut' if rest == 1 else 'minuten'}"
    if hours:
        return f"{hours} uur"
    return f"{rest} {'minuut' if rest == 1 else 'minuten'}"


def date_text(day: date | None) -> str:
    if day is None:
        return "onbepaalde tijd"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def minutes(value: Fraction) -> str:
    return fraction_text(value)


def share_text(share: Share) -> str:
    who = ACTOR_LABELS[share.uitvoerder]
    if share.persoon and share.uitvoerder is not Actor.HELP:
        who = f"{who} ({share.persoon})"
    text = f"{who} {fraction_text(share.minuten_per_week)}"
    if share.van and share.tot:
        text += f" (van {date_text(share.van)} t/m {date_text(share.tot)})"
    elif share.van:
        text += f" (vanaf {date_text(share.van)})"
    elif share.tot:
        text += f" (t/m {date_text(share.tot)})"
    return text


def year_hours(value: Fraction) -> str:
    """Exact hours per year: '138,75 (= 555/4)', or '39' when whole (display only)."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{fraction_text(value, 2)} (= {value})"


def rounded_year_text(value: int | None) -> str:
    """The rounded hours per year, or why there is none."""
    return "niet afgerond (geen regel in de normenset)" if value is None else f"{value}"


def per_year_line(exact: Fraction, rounded: int | None, rate_until: date | None = None) -> str:
    """For the terminal, without fractions: '139 uur per jaar (exact 138,75)' or, without a
    rule of the set, '151,84 uur per jaar, niet afgerond'. With ``rate_until`` (help that stops)
    the figure is said to be a rate only: 'als tarief: ... (de hulp stopt na 1 juni 2026)'."""
    if rounded is None:
        line = f"{fraction_text(exact, 2)} uur per jaar, niet afgerond"
    elif exact == rounded:
        line = f"{rounded} uur per jaar"
    else:
        line = f"{rounded} uur per jaar (exact {fraction_text(exact, 2)})"
    if rate_until is None:
        return line
    return f"omgerekend als tarief {line}; de hulp stopt na {date_text(rate_until)}"
