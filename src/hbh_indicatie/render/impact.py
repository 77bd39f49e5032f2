"""The council memo of an impact run: Markdown, HTML (A4) and PDF from Jinja2 templates.

Same machinery as the onderbouwing (templates under ``render/templates``, StrictUndefined,
HTML autoescaped); formatting only: every figure comes from the
:class:`~hbh_indicatie.batch.impact_memo.Memo`, numbers in Dutch format (Babel). The PDF is
the HTML printed by WeasyPrint (optional extra ``pdf``).
"""

from __future__ import annotations

import base64
import importlib
from fractions import Fraction
from functools import cache
from typing import Any

from jinja2 import Environment

from hbh_indicatie.batch.impact_memo import Memo, set_name
from hbh_indicatie.errors import HbhError
from hbh_indicatie.render import jinja_env, number_format
from hbh_indicatie.render.onderbouwing import _cell


def range_text(low: int, high: int) -> str:
    """'16 t/m 20 min minder', '5 min meer', 'gelijk' (a class of the distribution)."""
    if low == high == 0:
        return "gelijk"
    word = "minder" if high < 0 else "meer"
    near, far = sorted((abs(low), abs(high)))
    span = f"{near}" if near == far else f"{near} t/m {far}"
    return f"{span} min {word}"


def _hours(minutes: int | Fraction) -> str:
    """Minutes as Dutch hours with one decimal: 26291 -> '438,2'."""
    return number_format.number(Fraction(minutes) / 60)


def _signed_hours(minutes: int | Fraction) -> str:
    """A change in minutes as signed Dutch hours: -26291 -> '-438,2'."""
    return number_format.signed(Fraction(minutes) / 60)


@cache
def environment() -> Environment:
    env = jinja_env.new_environment()
    env.filters.update(
        getal=number_format.number, teken=number_format.signed, grootte=number_format.magnitude,
        procent=number_format.percent, aandeel=number_format.share, euro=number_format.euro,
        tarief=number_format.euro_cents, uren=_hours, uur_teken=_signed_hours,
        cel=_cell,
    )
    env.globals.update(bereik=range_text, set_name=set_name)
    return env


def texts() -> Any:
    """The memo's sentences as macros (``_impact.j2``), for the terminal report too."""
    return environment().get_template("_impact.j2").module


def _context(memo: Memo) -> dict[str, Any]:
    return {"m": memo}


def render_markdown(memo: Memo) -> str:
    return environment().get_template("impact.md.j2").render(_context(memo))


def render_html(memo: Memo) -> str:
    return environment().get_template("impact.html.j2").render(_context(memo))


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def pdf_available() -> bool:
    try:
        importlib.import_module("weasyprint")
    except (ImportError, OSError):  # OSError: the package is there, Pango is not
        return False
    return True


def render_pdf(memo: Memo) -> bytes:
    """The HTML memo printed on A4 by WeasyPrint."""
    try:  # imported by name: WeasyPrint is an optional extra (and has no stubs)
        weasyprint = importlib.import_module("weasyprint")
    except (ImportError, OSError):
        raise HbhError(PDF_MISSING) from None
    pdf: bytes = weasyprint.HTML(string=render_html(memo)).write_pdf()
    return pdf


PDF_MISSING = ("Een pdf vraagt WeasyPrint met de systeembibliotheek Pango (op Debian/Ubuntu: "
               "apt-get install libpango-1.0-0 libpangoft2-1.0-0).")
