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

LETTER_STEP = 5
"""The besluittekst speaks of a part of the help (a result, an oefenplan phase) to the nearest
five minutes, with 'ongeveer' when that is not the exact figure; the exact minutes are in the
bijlage."""

LOCALE = "nl_NL"

QUIET_RULES = ("normering.", "afronding", "hulpmiddelen.niet_haalbaar", "voorliggend.niet_haalbaar",
               "voorliggend.niet_beschikbaar", "kinderen.kan_niet", "toeslagen.geen_meer_inzet",
               "zrm.geen_signaal", "oefenplan.geen_hulp", "oefenplan.evaluatie", "koppeling.omvat",
               "koppeling.verdeling")
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
    onderwerp: str = ""
    """The item the sentence is about: the hulpmiddel, voorziening or toeslag ('toeslag_huisdier')."""


def _person(step: Step) -> str | None:
    facts = step.feiten
    return facts.get("huisgenoot") or facts.get("netwerk") or facts.get("kind")


def base_labels(indication: Indication) -> dict[str, str]:
    """Activity id -> the label the besluittekst uses: a toeslag's extra time is told as the
    work it lengthens ('Aanwezigheid van een huisdier (extra vloeren): Vloeren dweilen' ->
    'Vloeren dweilen'), every other activity by its own label."""
    labels = {a.id: a.label for a in indication.activiteiten}
    result = dict(labels)
    for step in indication.uitleg:
        lengthened = step.feiten.get("verlengt", "")
        if step.regel.startswith("toeslagen.") and step.activiteit and lengthened in labels:
            result[step.activiteit] = labels[lengthened]
    return result


def reaches_help(indication: Indication, activity: str) -> bool:
    """Whether any of the activity's time goes to the help (for some time), so that extra
    time on it is extra time for the client: not when a hulpmiddel or someone else does all."""
    return any(share.uitvoerder is Actor.HELP and share.minuten_per_week > 0
               for act in indication.activiteiten if act.id == activity for share in act.verdeling)


def told_steps(indication: Indication) -> tuple[Step, ...]:
    """The steps the besluittekst has a sentence for: not the quiet ones, and a toeslag only
    on work of which the help does a part."""
    return tuple(step for step in indication.uitleg
                 if not step.regel.startswith(QUIET_RULES)
                 and not (family(step.regel) == "toeslagen" and step.activiteit
                          and not reaches_help(indication, step.activiteit)))


def reasons(indication: Indication) -> tuple[Reason, ...]:
    """The told steps grouped by kind, person and item, in the order of the explanation."""
    labels = base_labels(indication)
    grouped: dict[tuple[str, str | None, str], list[Step]] = {}
    for step in told_steps(indication):
        kind = family(step.regel)
        level = step.feiten.get("zelf", "") if kind == "eigen_kracht.client" else ""
        item = (step.feiten.get("hulpmiddel") or step.feiten.get("voorziening")
                or (step.feiten.get("motivering") if kind == "afwijking" else None)
                or (step.regel.rsplit(".", 1)[-1] if kind == "toeslagen" else None) or "")
        grouped.setdefault((kind, _person(step), f"{level}|{item}"), []).append(step)
    found = []
    first = sorted(grouped.items(), key=lambda item: item[0][0] != "disfunctioneren")
    for (kind, person, key), steps in first:
        acts = tuple(dict.fromkeys(labels.get(s.activiteit, s.activiteit) for s in steps
                                   if s.activiteit))
        found.append(Reason(soort=kind, persoon=person, activiteiten=whole_categories(indication, acts),
                            feiten=dict(steps[0].feiten), tekst=without_paragraphs(steps[0].tekst),
                            onderwerp=key.split("|", 1)[1]))
    return tuple(found)


def about(value: Fraction) -> tuple[int, bool]:
    """Minutes to the nearest :data:`LETTER_STEP` (at least one step when there is any help)
    and whether that is the exact figure."""
    steps = int(value / LETTER_STEP + Fraction(1, 2))
    rounded = max(steps, 1 if value > 0 else 0) * LETTER_STEP
    return rounded, rounded == value


def about_text(value: Fraction) -> str:
    """'ongeveer 2 uur en 25 minuten' for 146,3; '15 minuten' for 15 (the letter's figures)."""
    rounded, exact = about(value)
    return hours_text(rounded) if exact else f"ongeveer {hours_text(rounded)}"


@dataclass(frozen=True)
class LetterResult:
    """One result in the besluittekst's table: its label and its time in the letter's terms."""

    label: str
    tekst: str
    minuten: int


@dataclass(frozen=True)
class TemporaryLetterPart:
    """Help that stops on ``tot`` while other help goes on: how much per week, in the rounded
    figures of the decision (the period before minus the period after), and why."""

    tot: date
    redenen: tuple[str, ...]
    minuten_per_week: int | None
    """None when the periods do not show the part on its own (another change on the same day)."""


@dataclass(frozen=True)
class LetterTerms:
    """What the besluittekst says about time: the results, whether the help is temporary."""

    resultaten: tuple[LetterResult, ...]
    resultaten_kloppen: bool
    """Whether the rounded results add up to the decision's total (else the letter says so)."""
    alles_tijdelijk: bool
    tijdelijk_tot: date | None
    tijdelijk_redenen: tuple[str, ...]
    tijdelijke_delen: tuple[TemporaryLetterPart, ...]


def letter_terms(indication: Indication) -> LetterTerms:
    ind = indication
    results = tuple(LetterResult(cat.label, about_text(cat.hulp_minuten_per_week),
                                 about(cat.hulp_minuten_per_week)[0])
                    for cat in ind.categorieen if cat.hulp_minuten_per_week > 0)
    parts = [p for p in ind.tijdelijke_delen if p.reden is not TemporaryReason.REABLEMENT]
    last = ind.perioden[-1] if ind.perioden else None
    ends = last is not None and last.tot is not None and ind.totaal_minuten_per_week > 0
    end = last.tot if ends and last is not None else None
    partial: dict[date, list[str]] = {}
    for part in parts:
        if part.tot != end:
            partial.setdefault(part.tot, []).append(part.reden.value)
    following = {p.tot: ind.perioden[i + 1] for i, p in enumerate(ind.perioden[:-1])}
    before = {p.tot: p for p in ind.perioden}
    delen = []
    for day, why in sorted(partial.items()):
        figure = None
        if day in following and day in before:
            drop = before[day].minuten_per_week - following[day].minuten_per_week
            figure = drop if drop > 0 else None
        delen.append(TemporaryLetterPart(day, tuple(dict.fromkeys(why)), figure))
    return LetterTerms(
        resultaten=results,
        resultaten_kloppen=sum(r.minuten for r in results) == ind.totaal_minuten_per_week,
        alles_tijdelijk=ends,
        tijdelijk_tot=end,
        tijdelijk_redenen=tuple(dict.fromkeys(p.reden.value for p in parts if p.tot == end)),
        tijdelijke_delen=tuple(delen))


@dataclass(frozen=True)
class ActorSummary:
    """Activities one actor (one person) carries in the same time span."""

    uitvoerder: str
    persoon: str | None
    van: date | None
    tot: date | None
    activiteiten: tuple[str, ...]
    """Labels as the besluittekst says them (a toeslag as the work it lengthens); the minutes
    per activity are in the bijlage."""


def who_does_what(indication: Indication) -> tuple[ActorSummary, ...]:
    """Per actor, person and time span the activities it carries (the engine's shares)."""
    labels = base_labels(indication)
    found: dict[tuple[Actor, str | None, date | None, date | None], list[str]] = {}
    for actor in taakverdeling.ACTOR_ORDER:
        for act in indication.activiteiten:
            for share in act.verdeling:
                if share.reden is TemporaryReason.REABLEMENT:
                    continue  # the oefenplan's sentence says what the help does per phase
                if share.uitvoerder is actor and share.minuten_per_week > 0:
                    person = None if actor is Actor.HELP else share.persoon
                    lines = found.setdefault((actor, person, share.van, share.tot), [])
                    if labels[act.id] not in lines:
                        lines.append(labels[act.id])
    return tuple(ActorSummary(actor.value, person, van, tot, tuple(lines))
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
                       gesproken=spoken, effect=_effect, minuten=minutes, woorden=duration_words,
                       ongeveer=about_text)
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
        "brief": letter_terms(indication),
        "wie": who_does_what(indication),
        "bijlage_rijen": appendix_rows(indication),
        "algemene_stappen": [s for s in indication.uitleg if s.activiteit is None],
        "categorie_labels": CATEGORY_LABELS,
    }


def render_html(indication: Indication, norms: NormSet | None = None, appendix: bool = True) -> str:
    """Besluittekst (one page) and, with ``appendix``, the onderbouwing as bijlage."""
    return environment().get_template("besluit.html.j2").render(
        context(indication, norms), bijlage=appendix)
