"""§1.5 Revalideren, with Bijlage 2's modes: an oefenplan (reablement, "handen op de rug").

For the activities the client is expected to relearn, the consultant records a sequence of
phases (``client.oefenplan.fasen``: a mode of support and a number of weeks, e.g. 6 weeks
stimuleren en aanleren, then 6 weeks toezicht). In each phase the help's share of those
activities costs the minutes of taking over times the norm set's factor for the phase's mode
(``ondersteuningswijzen``); after the last phase the client does them herself. §1.5: "Na een
behandeltraject dient een herindicatie plaats te vinden": the plan ends in an evaluation
(herindicatie) on its last day. Every phase is a temporary part of the help with its own end
date, so the indication's periods, the besluittekst and the iWmo toewijzingen (one per
period) follow the plan.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from hbh_indicatie.models.case import ReablementPlan, SupportMode
from hbh_indicatie.models.common import Actor, TemporaryReason
from hbh_indicatie.rules import ondersteuningswijze
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule
from hbh_indicatie.rules.state import ZERO, Line, Share, State, StepData, day_after, total

PARAGRAPH = "§1.5"

DECLARATION = Declaration(
    "oefenplan",
    (Paragraph(PARAGRAPH, "Revalideren (oefenplan, reablement)"),),
    (Rule("oefenplan.fasen", PARAGRAPH,
          "oefenplan: per fase de minuten van de wijze van ondersteuning, daarna de cliënt zelf"),
     Rule("oefenplan.geen_hulp", PARAGRAPH,
          "een activiteit in het oefenplan waarvan de hulp niets doet"),
     Rule("oefenplan.evaluatie", PARAGRAPH, "het oefenplan eindigt in evaluatie en herindicatie")),
)


def phases(plan: ReablementPlan, start: date) -> list[tuple[date, date, SupportMode]]:
    """(first day, last day, mode) of every phase, back to back from ``start``."""
    found = []
    first = start
    for phase in plan.phases:
        last = first + timedelta(weeks=phase.weeks) - timedelta(days=1)
        found.append((first, last, phase.mode))
        first = day_after(last)
    return found


def end_date(plan: ReablementPlan, start: date) -> date:
    """The plan's last day: the evaluation (herindicatie) date."""
    return phases(plan, start)[-1][1]


def apply(ctx: Context, state: State) -> State:
    plan = ctx.case.client.plan
    if plan is None:
        return state
    windows = phases(plan, ctx.start)
    scales: list[Fraction] = []
    for _, _, mode in windows:
        scale = ondersteuningswijze.factor(ctx.norms, mode)
        if scale is None:
            return state.with_unknown(
                "client.oefenplan", "oefenplan_zonder_factor", PARAGRAPH,
                Said("Normenset '{0}' zegt niet hoeveel tijd '{1}' kost ten opzichte van "
                     "overnemen: het oefenplan is niet toegepast (de hulp neemt over).",
                     ctx.norms.id, ondersteuningswijze.label(mode)))
        scales.append(scale)
    end = windows[-1][1]
    touched: list[str] = []

    def practise(line: Line) -> None:
        help_now = total([s.minutes for s in line.shares
                          if s.actor is Actor.HELP and s.active_on(ctx.start)])
        if help_now == 0:
            state.with_step(StepData(
                "oefenplan.geen_hulp", PARAGRAPH,
                Said("'{0}' staat in het oefenplan, maar de hulp doet er niets van: er is "
                     "niets om samen te oefenen.", line.label),
                (("oefenplan", "ja"),), activity=line.id, framework=ctx.framework,
            ))
            return
        touched.append(line.id)
        state.replace_line(_planned(ctx, line, windows, scales, end))
        for number, ((_, last, mode), scale) in enumerate(zip(windows, scales, strict=True), 1):
            state.with_step(StepData(
                "oefenplan.fasen", PARAGRAPH,
                Said("Oefenplan '{0}', fase {1} tot en met {2}: {3}, {4:m2} x {5:m} minuten "
                     "overnemen = {6:m} minuten per week; vanaf {7} doet de cliënt het zelf.",
                     line.label, number, last, ondersteuningswijze.label(mode), scale, help_now,
                     help_now * scale, day_after(end)),
                (("oefenplan", "ja"), ("fase", str(number)), ("wijze", mode.value),
                 ("einde_oefenplan", str(end))),
                help_now * scale - help_now if number == 1 else ZERO, line.id, ctx.framework,
            ))

    state.each_line(practise, lambda line: ondersteuningswijze.in_plan(ctx.case, line))
    if touched:
        state.with_step(StepData(
            "oefenplan.evaluatie", PARAGRAPH,
            Said("Het oefenplan duurt {0} weken en eindigt op {1}: dan evaluatie en "
                 "herindicatie (§1.5: na een behandeltraject volgt een herindicatie).",
                 plan.weeks, end),
            (("einde_oefenplan", str(end)), ("weken", str(plan.weeks))),
            framework=ctx.framework,
        ))
    return state


def _planned(ctx: Context, line: Line, windows: list[tuple[date, date, SupportMode]],
             scales: list[Fraction], end: date) -> Line:
    shares: list[Share] = [s for s in line.shares if s.actor is not Actor.HELP]
    for share in (s for s in line.shares if s.actor is Actor.HELP):
        begin = share.start or ctx.start
        for (first, last, _), scale in zip(windows, scales, strict=True):
            lo, hi = max(begin, first), last if share.until is None else min(share.until, last)
            if lo <= hi:
                shares.append(Share(Actor.HELP, share.minutes * scale, PARAGRAPH, share.person,
                                    None if lo == ctx.start else lo, hi,
                                    TemporaryReason.REABLEMENT))
        after = max(begin, day_after(end))
        if share.until is None or after <= share.until:
            shares.append(Share(Actor.CLIENT, share.minutes, PARAGRAPH, None, after,
                                share.until, None))
    return line.with_work(line.buckets, tuple(shares))


def outcome(ctx: Context, lines: tuple[Line, ...]) -> tuple[
        tuple[str, ...], list[tuple[date, date, SupportMode, Fraction, Fraction]], date] | None:
    """What the plan did (activity labels; per phase first, last day, mode, help minutes and
    the minutes of taking over; the last day), or None when it changed nothing."""
    plan = ctx.case.client.plan
    if plan is None:
        return None
    planned = [ln for ln in lines if any(s.reason is TemporaryReason.REABLEMENT
                                         for s in ln.shares)]
    if not planned:
        return None
    windows = phases(plan, ctx.start)
    found = []
    for first, last, mode in windows:
        shares = [s for ln in planned for s in ln.shares
                  if s.actor is Actor.HELP and s.reason is TemporaryReason.REABLEMENT
                  and s.active_on(first)]
        scale = ondersteuningswijze.factor(ctx.norms, mode) or Fraction(1)
        help_minutes = total([s.minutes for s in shares])
        found.append((first, last, mode, help_minutes, help_minutes / scale))
    return tuple(ln.label for ln in planned), found, windows[-1][1]
