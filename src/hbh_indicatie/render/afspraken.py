"""The afsprakenoverzicht (issue 17, seed 004): per housemate and network member what they
take on, how often, and when we look at it again, in plain Dutch, alongside the besluittekst.

The sentences are in ``templates/afspraken.html.j2``; this module only renders what the
:class:`Indication` says (``afspraken``, ``oefenplan``, ``herindicatiedata``). PDF goes the
besluittekst's way (WeasyPrint, ``render.pdf``).
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment

from hbh_indicatie.models.indication import Indication
from hbh_indicatie.render import besluit, jinja_env
from hbh_indicatie.render.words import hours_text, minutes


@cache
def environment() -> Environment:
    env = jinja_env.new_environment(keep_trailing_newline=False)
    env.filters.update(datum=besluit.datum, getal=besluit.getal, uren=hours_text,
                       zonder_paragrafen=besluit.without_paragraphs,
                       minuten=minutes)
    return env


def render_html(indication: Indication) -> str:
    plan = ""
    if indication.oefenplan is not None:
        teksten = environment().get_template("_teksten.j2").module
        plan = str(teksten.oefenplan(indication.oefenplan))  # type: ignore[attr-defined]
    return environment().get_template("afspraken.html.j2").render(
        ind=indication, oefenplan_tekst=plan)
