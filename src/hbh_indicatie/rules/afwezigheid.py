"""§2.2 Fysieke afwezigheid (with §2.3 for which tasks can wait).

"Uit jurisprudentie van de Wmo en AWBZ is bekend dat als een huisgenoot in aaneengesloten
perioden van 7 etmalen vanwege werk afwezig is (bijvoorbeeld een vrachtwagenchauffeur voor
internationaal transport) geen gebruikelijke hulp kan worden verwacht. Wanneer een
huisgenoot minder dan 7 etmalen afwezig is, zal onderzocht moeten worden in hoeverre de
huisgenoot een deel van de (uitstelbare) taken al dan niet kan overnemen."

The case records each housemate's absence as a pattern (``afwezigheid``: etmalen in a row,
once every so many weeks, and why) and, where the text asks "in hoeverre", the consultant's
finding (``uitstelbaar_op_thuisdagen``):

* an absence of 7 etmalen or more in a row *for work* (any pattern): no usual help;
* night shifts are no absence of etmalen (the housemate is at home by day): usual help;
* any other absence (shorter, or not for work): the niet-uitstelbare tasks are the
  housemate's on the days at home and the help's on the days away (share of days away =
  the sum of etmalen / (7 x per_weken)); of the uitstelbare tasks the housemate takes the
  part the consultant found. An ``onbekend`` finding is not applied: the uitstelbare tasks
  are then counted like the niet-uitstelbare ones (voorlopig);
* in a kortdurende situation an adult housemate takes all uitstelbare tasks (B2.1, see
  ``kortdurend``).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from hbh_indicatie.models.case import (
    LONG_ABSENCE_NIGHTS,
    AbsencePattern,
    AbsenceReason,
    Housemate,
    TaskSelection,
)
from hbh_indicatie.models.common import UNKNOWN, spoken
from hbh_indicatie.rules import kortdurend
from hbh_indicatie.rules.context import Context, selects
from hbh_indicatie.rules.explain import Said, Text
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule, Untranslated
from hbh_indicatie.rules.state import ONE, ZERO, Line, State, StepData, percent

PARAGRAPH = "§2.2"

DECLARATION = Declaration(
    "afwezigheid",
    (Paragraph("§2.2", "Fysieke afwezigheid"),),
    (
        Rule("afwezigheid.zeven_etmalen", "§2.2",
             f"{LONG_ABSENCE_NIGHTS} etmalen aaneengesloten weg voor werk: geen gebruikelijke hulp"),
        Rule("afwezigheid.nachtdienst", "§2.2", "nachtdiensten zijn geen afwezigheid van etmalen"),
        Rule("afwezigheid.patroon", "§2.2", "het afwezigheidspatroon: deel van de dagen weg"),
        Rule("afwezigheid.niet_uitstelbaar", "§2.2",
             "niet-uitstelbaar werk doet de huisgenoot op de dagen thuis"),
        Rule("afwezigheid.uitstelbaar", "§2.2",
             "uitstelbaar werk: zoveel als de consulent vaststelde"),
        Rule("afwezigheid.bijdrage_kind", "§2.2",
             "een kind dat deels weg is, draagt bij op de dagen thuis"),
    ),
    (Untranslated(
        "§2.2",
        f"§2.2: in hoeverre een huisgenoot die korter dan {LONG_ABSENCE_NIGHTS} etmalen voor werk "
        "(of om een andere reden) weg is uitstelbare taken overneemt, is het oordeel van de "
        "indicatiesteller (vastgelegd in 'uitstelbaar_op_thuisdagen').",
        lambda case: any(m.postponable_at_home is not None for m in case.housemates),
        "in hoeverre een huisgenoot uitstelbare taken overneemt (`uitstelbaar_op_thuisdagen`)"),),
)
__all__ = [
    "DECLARATION", "LONG_ABSENCE_NIGHTS", "PARAGRAPH", "Presence", "assess", "child_step",
    "excludes", "no_usual_help", "postponable_step", "urgent_step",
]


@dataclass(frozen=True, slots=True)
class Presence:
    """What a housemate's absence leaves them to take over (shares of a line's open work)."""

    away: Fraction
    """Share of the days the housemate is away (0 = always at home)."""
    postponable: Fraction
    """Share of the uitstelbare work the housemate takes over."""
    postponable_why: Text
    postponable_tasks: TaskSelection | None = None
    """The uitstelbare tasks the housemate takes over (all of them), when the finding names
    tasks instead of a share."""
    short_term: bool = False
    """B2.1 decided the uitstelbare work (kortdurend: the adult takes all of it)."""

    @property
    def urgent(self) -> Fraction:
        """Share of the niet-uitstelbare work: the days at home."""
        return ONE - self.away

    def share(self, line: Line) -> Fraction:
        if not line.postponable:
            return self.urgent
        if self.postponable_tasks is not None:
            return ONE if selects(self.postponable_tasks, line) else ZERO
        return self.postponable

    def paragraph(self, line: Line, at_home: str) -> str:
        """The paragraph that decides the housemate's part of ``line``: ``at_home`` (§2) for
        a housemate who is not away, else the days at home (§2.2), or B2.1 for the
        uitstelbare work in a kortdurende situation."""
        if self.away == 0:
            return at_home
        if line.postponable and self.short_term:
            return kortdurend.PARAGRAPH
        return PARAGRAPH


AT_HOME = Presence(ZERO, ONE, "")
"""A housemate who is not away (or only on night shifts)."""


def no_usual_help(mate: Housemate) -> bool:
    """§2.2: away for work in uninterrupted periods of 7 etmalen or more."""
    return any(p.reason is AbsenceReason.WORK and p.nights >= LONG_ABSENCE_NIGHTS
               for p in mate.absences)


def longest_for_work(mate: Housemate) -> int:
    return max((p.nights for p in mate.absences if p.reason is AbsenceReason.WORK), default=0)


def describe(patterns: tuple[AbsencePattern, ...]) -> str:
    """'3 etmalen per week (werk); 7 etmalen per 2 weken (anders)' — 'geen' without any."""
    if not patterns:
        return "geen"
    parts = []
    for p in patterns:
        weeks = p.every_weeks
        every = ("per week" if weeks == 1 else
                 "per onbekend aantal weken" if weeks == UNKNOWN else f"per {weeks} weken")
        parts.append(f"{p.nights} etmalen {every} ({p.reason.value})")
    return "; ".join(parts)


def assess(ctx: Context, state: State, mate: Housemate) -> tuple[State, Presence]:
    """Once per housemate who is expected to help: the explanation of the absence pattern
    and what it leaves to take over. Call only when :func:`no_usual_help` is false."""
    night_shifts = [p for p in mate.absences if p.reason is AbsenceReason.NIGHT_SHIFT]
    away_patterns = [p for p in mate.absences if p.reason is not AbsenceReason.NIGHT_SHIFT]
    facts = (("huisgenoot", mate.name), ("afwezigheid", describe(mate.absences)))
    if night_shifts:
        state = state.with_step(StepData(
            "afwezigheid.nachtdienst", PARAGRAPH,
            Said(
                '{0} werkt nachtdiensten; dat is geen afwezigheid van etmalen (§2.2 gaat '
                'over etmalen van huis): overdag is hij of zij thuis en kan '
                'gebruikelijke hulp geven.',
                mate.name), facts,
        ))
    if not away_patterns:
        return state, AT_HOME
    shares = [p.away_share for p in away_patterns]
    if any(s is None for s in shares):
        state = state.with_unknown(
            f"huisgenoten.{mate.name}.afwezigheid.per_weken",
            "afwezigheid_onbekend", PARAGRAPH,
            Said(
                "Niet bekend hoe vaak de afwezigheid van {0} terugkomt ('per_weken'); "
                'het niet-uitstelbare werk is gerekend alsof hij of zij nooit thuis is.',
                mate.name),
        )
        away = ONE
    else:
        away = min(ONE, sum((s for s in shares if s is not None), ZERO))
    state, presence = _postponable(ctx, state, mate, away)
    not_for_work = [p for p in away_patterns if p.reason is AbsenceReason.OTHER]
    reason = ("niet (alleen) voor werk: de 7-etmalenregel geldt alleen voor afwezigheid "
              "vanwege werk" if not_for_work
              else f"voor werk, korter dan {LONG_ABSENCE_NIGHTS} etmalen aaneengesloten")
    state = state.with_step(StepData(
        "afwezigheid.patroon", PARAGRAPH,
        Said(
            '{0} is afwezig: {1}, {2}. Dat is {3:m}% van de dagen. Niet-uitstelbaar '
            'werk doet {0} op de dagen thuis; van het uitstelbare werk {4}.',
            mate.name, describe(tuple(away_patterns)), reason, away * 100, presence.postponable_why),
        (*facts, ("deel van de dagen afwezig", str(away))),
    ))
    return state, presence


def _postponable(
    ctx: Context, state: State, mate: Housemate, away: Fraction
) -> tuple[State, Presence]:
    """What the housemate takes over of the uitstelbare work (§2.2, B2.1)."""
    if kortdurend.usual_helper_takes_all(ctx, mate):
        return state, Presence(away, ONE, "alles: in een kortdurende situatie biedt de volwassen "
                               "huisgenoot alle hulp (Bijlage 2, B2.1)", short_term=True)
    finding = mate.postponable_at_home
    if isinstance(finding, TaskSelection):
        return state, Presence(away, ZERO,
                               f"de vastgestelde taken ({_tasks_text(finding)})", finding)
    level = finding.level if finding is not None else UNKNOWN
    if level == "volledig":
        return state, Presence(away, ONE, "alles (vastgesteld: volledig)")
    if level == "niet":
        return state, Presence(away, ZERO, "niets (vastgesteld: niet)")
    if level == "gedeeltelijk" and finding is not None and finding.own_share_percent:
        return state, Presence(away, percent(finding.own_share_percent),
                               f"{finding.own_share_percent}% (vastgesteld)")
    state = state.with_unknown(
        f"huisgenoten.{mate.name}.uitstelbaar_op_thuisdagen",
        "afwezigheid_uitstelbaar_onbekend", PARAGRAPH,
        Said(
            'Niet vastgesteld in hoeverre {0} de uitstelbare taken op de dagen thuis '
            'overneemt (§2.2); gerekend naar de dagen thuis, zoals niet-uitstelbaar '
            "werk. Onderzoek dit en leg het vast in 'uitstelbaar_op_thuisdagen'.",
            mate.name),
    )
    at_home = ONE - away
    return state, Presence(away, at_home,
                           Said("het deel van de dagen thuis ({0:m}%; vaststelling onbekend)",
                                at_home * 100))


def _tasks_text(selection: TaskSelection) -> str:
    return ", ".join([spoken(c.value) for c in selection.categories] + list(selection.activities))


Facts = tuple[tuple[str, str], ...]


def excludes(state: State, mate: Housemate, facts: Facts) -> bool:
    """§2.2: a housemate (adult or child) away for work 7 etmalen or more in a row gives no
    usual help; records the step and says so. The one place this consequence is written."""
    if not no_usual_help(mate):
        return False
    nights = longest_for_work(mate)
    limit = LONG_ABSENCE_NIGHTS
    if mate.is_adult:
        text = (Said(
            '{0} is voor werk {1} etmalen aaneengesloten afwezig ({2} of meer): van '
            'hem of haar kan geen gebruikelijke hulp worden verwacht.',
            mate.name, nights, limit))
    else:
        text = (Said(
            '{0} is {1} etmalen aaneengesloten afwezig voor werk ({2} of meer): geen '
            'bijdrage verwacht.',
            mate.name, nights, limit))
    state.with_step(StepData("afwezigheid.zeven_etmalen", PARAGRAPH, text, facts))
    return True


def urgent_step(
    mate: Housemate, line: Line, presence: Presence, removed: Fraction, left: Fraction,
    facts: Facts,
) -> StepData:
    """§2.2: niet-uitstelbaar work on the days at home."""
    return StepData(
        "afwezigheid.niet_uitstelbaar", PARAGRAPH,
        Said(
            "'{0}' is niet-uitstelbaar en {1} is {2:m}% van de dagen afwezig: {1} "
            'doet dit op de dagen thuis, de hulp op de afwezige dagen ({3:m} '
            'min/week).',
            line.label, mate.name, presence.away * 100, left),
        facts, -removed, line.id,
    )


def postponable_step(
    mate: Housemate, line: Line, presence: Presence, removed: Fraction, left: Fraction,
    facts: Facts,
) -> StepData:
    """§2.2 "in hoeverre de huisgenoot een deel van de (uitstelbare) taken al dan niet kan
    overnemen" (or B2.1 in a kortdurende situation, see ``kortdurend``)."""
    done = presence.postponable_why
    if presence.postponable_tasks is not None:
        done = "alles (vastgestelde taak)" if removed else "niets (geen vastgestelde taak)"
    if presence.short_term:
        return kortdurend.postponable_step(mate, line, done, removed, left, facts)
    return StepData(
        "afwezigheid.uitstelbaar", PARAGRAPH,
        Said(kortdurend.POSTPONABLE_TAKEN, line.label, mate.name, done, left),
        facts, -removed, line.id,
    )


def child_step(
    child: Housemate, line: Line, presence: Presence, removed: Fraction, text: Text,
    facts: Facts, framework: str,
) -> StepData:
    """§2.2 for a child who is partly away: the contribution by age (§2) on the days at home."""
    share = presence.share(line)
    return StepData(
        "afwezigheid.bijdrage_kind", PARAGRAPH,
        Said(
            '{0}, voor {1:m}% wegens afwezigheid (de dagen thuis).',
            text, share * 100),
        facts, -removed, line.id, framework,
    )
