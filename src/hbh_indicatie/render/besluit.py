"""Besluittekst and bijlage: the documents for the beschikking (HTML; PDF and Word from it).

The besluittekst is one A4 page addressed to the client ("u"), in plain Dutch: hours per
result, who does what, temporary parts, the herindicatie date and one sentence of reasoning
per decisive step, without paragraph numbers. The bijlage is the full onderbouwing with each
takeover once (per activity: norm, who does what, why, with the paragraph).

Every sentence is in the Jinja2 templates (``besluit.html.j2``, ``_besluit.j2``); this module
only groups what the :class:`Indication` already says (formatting, no computing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cache
from typing import Any

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal
from jinja2 import Environment

from hbh_indicatie.models.common import CATEGORY_LABELS, Actor, TemporaryReason, spoken
from hbh_indicatie.models.indication import ActivityOutcome, Indication, Step
from hbh_indicatie.models.norm_set import NormSet
from hbh_indicatie.render import jinja_env, onderbouwing, taakverdeling
from hbh_indicatie.render.number_words import duration_words
from hbh_indicatie.render.words import hours_text, minutes

LOCALE = "nl_NL"

QUIET_RULES = ("normering.", "afronding", "hulpmiddelen.niet_haalbaar", "voorliggend.niet_haalbaar",
               "voorliggend.niet_beschikbaar", "kinderen.kan_niet", "toeslagen.geen_meer_inzet",
               "zrm.geen_signaal", "oefenplan.geen_hulp", "oefenplan.evaluatie")
"""Steps that change nothing for the client: the bijlage lists them, the besluittekst not."""

ITEM_FAMILIES = ("hulpmiddelen", "voorliggend", "toeslagen", "afwijking")
"""Rule ids whose last part names the item (``hulpmiddelen.vaatwasser``,
``hulpmiddelen.overbrugging.wasdroger``, ``toeslagen.aftrek.trap``): the item is not part of
the kind of sentence."""


def datum(day: date | None) -> str:
    """'2 maart 2026' (Babel, Dutch)."""
    return "onbepaalde tijd" if day is None else format_date(day, "d MMMM y", locale=LOCALE)


def getal(value: Fraction | int) -> str:
    """Minutes as a Dutch number with at most one decimal: 7,5 (Babel)."""
    return format_decimal(round(float(value), 1), format="#,##0.#", locale=LOCALE)


def opsomming(items: list[str] | tuple[str, ...]) -> str:
    """'a, b en c' (Dutch enumeration, Babel)."""
    return format_list([str(i) for i in items], locale=LOCALE) if items else ""


def in_zin(label: str) -> str:
    """A label inside a sentence, after a colon: 'Boodschappen doen' -> 'boodschappen doen'
    (an abbreviation such as 'ADL' keeps its capitals)."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def family(rule: str) -> str:
    """The sentence kind of a step: 'hulpmiddelen.vaatwasser' -> 'hulpmiddelen',
    'hulpmiddelen.overbrugging.wasdroger' -> 'hulpmiddelen.overbrugging'."""
    parts = rule.split(".")
    if parts[0] in ITEM_FAMILIES and len(parts) > 1:
        return ".".join(parts[:-1])
    return rule


def without_paragraphs(text: str) -> str:
    """A step's own text without protocol references, for the besluittekst ('(§2.1)',
    '§2.2:'); the bijlage keeps them."""
    text = re.sub(r"\s*\((?:[^()]*\s)?§[^)]*\)", "", text)
    return re.sub(r"§\s?\d+(?:\.\d+)*(?:\s*\([^)]*\))?:?\s*", "", text).strip()


@dataclass(frozen=True)
class Reason:
    """Decisive steps of one kind about one person (or none), for one sentence."""

    soort: str
    persoon: str | None
    activiteiten: tuple[str, ...]
    feiten: dict[str, str]
    tekst: str
    """The first step's own text: the fallback sentence for a kind the template does not know."""


def _person(step: Step) -> str | None:
    facts = step.feiten
    return facts.get("huisgenoot") or facts.get("netwerk") or facts.get("kind")


def reasons(indication: Indication) -> tuple[Reason, ...]:
    """The decisive steps grouped by kind and person, in the order of the explanation."""
    labels = {a.id: a.label for a in indication.activiteiten}
    grouped: dict[tuple[str, str | None, str], list[Step]] = {}
    for step in indication.uitleg:
        if step.regel.startswith(QUIET_RULES):
            continue
        kind = family(step.regel)
        level = step.feiten.get("zelf", "") if kind == "eigen_kracht.client" else ""
        item = (step.feiten.get("hulpmiddel") or step.feiten.get("voorziening")
                or (step.feiten.get("motivering") if kind == "afwijking" else None) or "")
        grouped.setdefault((kind, _person(step), f"{level}|{item}"), []).append(step)
    found = []
    first = sorted(grouped.items(), key=lambda item: item[0][0] != "disfunctioneren")
    for (kind, person, _), steps in first:
        acts = tuple(dict.fromkeys(labels.get(s.activiteit, s.activiteit) for s in steps
                                   if s.activiteit))
        found.append(Reason(soort=kind, persoon=person, activiteiten=whole_categories(indication, acts),
                            feiten=dict(steps[0].feiten), tekst=without_paragraphs(steps[0].tekst)))
    return tuple(found)


@dataclass(frozen=True)
class ActorSummary:
    """Activities one actor (one person) carries in the same time span."""

    uitvoerder: str
    persoon: str | None
    van: date | None
    tot: date | None
    activiteiten: tuple[str, ...]
    minuten: tuple[str, ...]
    """Minutes per week per activity, as text (shown for the help)."""


def who_does_what(indication: Indication) -> tuple[ActorSummary, ...]:
    """Per actor, person and time span the activities it carries (the engine's shares)."""
    found: dict[tuple[Actor, str | None, date | None, date | None], list[tuple[str, str]]] = {}
    for actor in taakverdeling.ACTOR_ORDER:
        for act in indication.activiteiten:
            for share in act.verdeling:
                if share.reden is TemporaryReason.REABLEMENT:
                    continue  # the oefenplan's sentence says what the help does per phase
                if share.uitvoerder is actor and share.minuten_per_week > 0:
                    person = None if actor is Actor.HELP else share.persoon
                    found.setdefault((actor, person, share.van, share.tot), []).append(
                        (act.label, getal(share.minuten_per_week)))
    return tuple(ActorSummary(actor.value, person, van, tot, tuple(a for a, _ in lines),
                              tuple(m for _, m in lines))
                 for (actor, person, van, tot), lines in found.items())


def whole_categories(indication: Indication, labels: tuple[str, ...]) -> tuple[str, ...]:
    """Activity labels with every complete result category replaced by its name ('alles
    voor wasverzorging'), so a sentence names ten activities only when it must."""
    chosen = set(labels)
    result: list[str] = []
    done: set[str] = set()
    for cat in indication.categorieen:
        members = [a.label for a in indication.activiteiten
                   if a.categorie is cat.categorie and a.soort == "activiteit"]
        if len(members) > 1 and chosen.issuperset(members):
            result.append(f"alles voor {cat.label.lower()}")
            done.update(members)
    return tuple(result) + tuple(label for label in labels if label not in done)


@dataclass(frozen=True)
class AppendixRow:
    """One activity in the bijlage: norm, shares, help, and the steps about it (once)."""

    activiteit: ActivityOutcome
    delen: tuple[taakverdeling.TaskPart, ...]
    stappen: tuple[Step, ...]


def appendix_rows(indication: Indication) -> list[tuple[str, str, list[AppendixRow]]]:
    """Per result category (label, help minutes) the activities with their steps."""
    rows = dict(zip((a.id for a in indication.activiteiten), taakverdeling.rows(indication),
                    strict=True))
    result = []
    for cat in indication.categorieen:
        acts = [AppendixRow(a, rows[a.id].delen, taakverdeling.activity_steps(indication, a.id))
                for a in indication.activiteiten if a.categorie is cat.categorie]
        result.append((cat.label, getal(cat.hulp_minuten_per_week), acts))
    return result


@cache
def environment() -> Environment:
    env = jinja_env.new_environment(keep_trailing_newline=False)
    env.filters.update(datum=datum, getal=getal, uren=hours_text, opsomming=opsomming, in_zin=in_zin,
                       gesproken=spoken, effect=_effect, minuten=minutes, woorden=duration_words)
    return env


def _effect(value: Fraction) -> str:
    if value == 0:
        return ""
    return ("+" if value > 0 else "−") + getal(abs(value))


def context(indication: Indication, norms: NormSet | None = None) -> dict[str, Any]:
    base = onderbouwing.context(indication, norms)
    return {
        **base,
        "redenen": reasons(indication),
        "wie": who_does_what(indication),
        "bijlage_rijen": appendix_rows(indication),
        "algemene_stappen": [s for s in indication.uitleg if s.activiteit is None],
        "categorie_labels": CATEGORY_LABELS,
    }


def render_html(indication: Indication, norms: NormSet | None = None, appendix: bool = True) -> str:
    """Besluittekst (one page) and, with ``appendix``, the onderbouwing as bijlage."""
    return environment().get_template("besluit.html.j2").render(
        context(indication, norms), bijlage=appendix)
