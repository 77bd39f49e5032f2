"""Onderbouwing: the document a consultant attaches to the beschikking (Markdown or HTML).

Rendered with Jinja2 templates (package data under ``render/templates``); HTML is
autoescaped and prints on A4 without external assets. Formatting only: every figure comes
from the :class:`Indication` (and, for the list of sources, from its norm set).
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from typing import Any

from jinja2 import Environment

from hbh_indicatie.models.common import CATEGORY_LABELS, spoken
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.models.norm_set import NormSet, Source
from hbh_indicatie.render import jinja_env, taakverdeling
from hbh_indicatie.render.number_words import duration_words
from hbh_indicatie.render.words import (
    date_text,
    hours_text,
    minutes,
    rounded_year_text,
    year_hours,
)

SUPPLEMENT_RULES = ("toeslagen.",)


SETTING_LABELS = {
    "afronding": "de afrondingsregel",
    "afronding_per_jaar": "de afronding van uren per jaar",
    "weken_per_jaar": "het aantal weken per jaar (omrekening van uren per jaar of maand)",
    "ondersteuningswijzen.hulp_en_ondersteuning": "de factor voor samen doen (hulp en ondersteuning)",
    "ondersteuningswijzen.stimuleren_en_aanleren": "de factor voor stimuleren en aanleren",
    "ondersteuningswijzen.toezicht": "de factor voor toezicht",
    "zrm_signaal": "de drempels van het ZRM-signaal",
}
"""Example figures that are settings of the norm set, not activities (display only)."""


def _effect(value: Fraction) -> str:
    if value == 0:
        return ""
    return ("+" if value > 0 else "") + minutes(value)


def _cell(text: object) -> str:
    """Markdown table cell: no line breaks, pipes escaped."""
    return str(text).replace("\n", " ").replace("|", "\\|")


@cache
def environment() -> Environment:
    env = jinja_env.new_environment()
    env.filters.update(
        datum=date_text, minuten=minutes, uren=hours_text, woorden=duration_words,
        effect=_effect, cel=_cell, uren_jaar=year_hours,
        jaar_afgerond=rounded_year_text, gesproken=spoken,
    )
    return env


def _sources(norms: NormSet | None) -> tuple[Source, ...]:
    return norms.sources if norms is not None else ()


def context(indication: Indication, norms: NormSet | None = None) -> dict[str, Any]:
    """What the templates show; ``norms`` (optional) adds the norm set's sources."""
    ind = indication
    labels = {a.id: a.label for a in ind.activiteiten}
    main_source = next((s for s in _sources(norms) if norms and s.id == norms.source), None)
    return {
        "ind": ind,
        "stempel": ind.stempel,
        "categorieen": [
            (cat, [a for a in ind.activiteiten if a.categorie is cat.categorie])
            for cat in ind.categorieen
        ],
        "categorie_labels": CATEGORY_LABELS,
        "werkwijzen": taakverdeling.MODE_LABELS,
        "toeslagen": [s for s in ind.uitleg if s.regel.startswith(SUPPLEMENT_RULES)],
        "taken": taakverdeling.rows(ind),
        "groepen": [g for g in taakverdeling.groups(ind)
                    if g.uitvoerder.value not in ("client", "hulp")],
        "zelf": [g for g in taakverdeling.groups(ind) if g.uitvoerder.value == "client"],
        "voorbeeldcijfers": [labels.get(i) or SETTING_LABELS.get(i, i.replace("_", " "))
                             for i in ind.voorbeeldcijfers],
        "normen": norms,
        "hoofdbron": main_source,
        "bronnen": _sources(norms),
    }


def render_markdown(indication: Indication, norms: NormSet | None = None) -> str:
    return environment().get_template("onderbouwing.md.j2").render(context(indication, norms))


def render_html(indication: Indication, norms: NormSet | None = None) -> str:
    return environment().get_template("onderbouwing.html.j2").render(context(indication, norms))


def render_taakverdeling(indication: Indication) -> str:
    """Only the taakverdeling, in Markdown: for the team, the leefondersteuner and the client."""
    return environment().get_template("taakverdeling.md.j2").render(context(indication))
