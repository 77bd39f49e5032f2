"""Agreements with informal carers (issue 17, seed 004 "Samenwerken met informele zorg"):
per housemate and network member what they take on, how often, which share, and whether the
indication relies on it.

* A network member (§1.6): family in the first or second degree counts; others count only when
  willing and sustainable (``duurzaam``); "bereid" alone is not enough.
* A housemate (§2): usual help is expected; an overburdened housemate is the §2.1 signal (the
  help takes over for a time and client and housemate look for a way to reduce the load).

This module only gathers what the rules decided (the shares per person) and the facts of the
case into the afsprakenoverzicht; it decides nothing itself.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from hbh_indicatie.models.case import NETWORK_FAMILY, Housemate, NetworkMember, NetworkRelation
from hbh_indicatie.models.common import UNKNOWN, Actor, spoken
from hbh_indicatie.rules.context import Context, selects
from hbh_indicatie.rules.registry import Declaration, Paragraph
from hbh_indicatie.rules.state import Line

DECLARATION = Declaration(
    "afspraken",
    (Paragraph("§1.6", "Eigen verantwoordelijkheid/ eigen kracht: afspraken met het netwerk"),
     Paragraph("§2.1", "Overbelasting: het signaal bij een huisgenoot")),
)
"""Decides nothing: puts what the rules decided per carer on a row (the afsprakenoverzicht)."""

Task = tuple[str, str, Fraction, date | None, date | None]
"""(activity id, label, minutes per week, from, until)."""

Agreement = tuple[str, str, str, tuple[Task, ...], int | None, str | None, str, bool,
                  str | None, str]
"""(name, role, relation, tasks, share %, frequency, sustainable, counts, signal, paragraph)."""


def agreements(ctx: Context, lines: tuple[Line, ...]) -> list[Agreement]:
    found: list[Agreement] = []
    for mate in ctx.household:
        if mate.is_adult or _carries(lines, Actor.HOUSEMATE, mate.name):
            found.append(_housemate(mate, lines))
    for member in ctx.case.network:
        if member.relation is not NetworkRelation.OTHER_PARENT:
            found.append(_network(member, lines))
    return found


def _carries(lines: tuple[Line, ...], actor: Actor, name: str) -> bool:
    return any(s.actor is actor and s.person == name and s.minutes > 0
               for ln in lines for s in ln.shares)


def _tasks(lines: tuple[Line, ...], actor: Actor, name: str) -> tuple[Task, ...]:
    grouped: dict[tuple[str, date | None, date | None], tuple[str, Fraction]] = {}
    for line in lines:
        for share in line.shares:
            if share.actor is actor and share.person == name and share.minutes > 0:
                key = (line.activity, share.start, share.until)
                label = grouped.get(key, (line.label, Fraction(0)))
                grouped[key] = (label[0], label[1] + share.minutes)
    return tuple((act, label, minutes, start, until)
                 for (act, start, until), (label, minutes) in grouped.items())


def _housemate(mate: Housemate, lines: tuple[Line, ...]) -> Agreement:
    tasks = _tasks(lines, Actor.HOUSEMATE, mate.name)
    signal = None
    counts = bool(tasks)
    if mate.overburdened is True:
        relieved = _tasks(lines, Actor.HELP, mate.name)
        until = max((t[4] for t in relieved if t[4] is not None), default=None)
        signal = ("Overbelast: de hulp neemt dit deel tijdelijk over"
                  + (f" tot en met {until}" if until else "")
                  + "; samen zoeken naar manieren om de belasting te verminderen (§2.1).")
    elif mate.overburdened == UNKNOWN:
        signal = "Niet vastgesteld of deze huisgenoot overbelast is (§2.1): voorlopig."
    if not tasks and mate.can_do_household == "nee":
        signal = "Kan geen huishoudelijk werk doen (§2)."
    sustainable = _yes_no(None if mate.overburdened == UNKNOWN else not mate.overburdened)
    return (mate.name, "huisgenoot", spoken(mate.relation.value), tasks, None, mate.frequency,
            sustainable, counts, signal, "§2.1" if mate.overburdened is True else "§2")


def _network(member: NetworkMember, lines: tuple[Line, ...]) -> Agreement:
    tasks = _tasks(lines, Actor.NETWORK, member.name)
    family = member.relation in NETWORK_FAMILY
    value = member.sustainable
    sustainable = "niet gevraagd" if family else _yes_no(
        None if value is None or value == UNKNOWN else bool(value))
    signal = None
    if not member.willing:
        signal = "Niet bereid: telt niet mee (§1.6)."
    elif not family and member.sustainable is False:
        signal = ("Niet vol te houden of niet blijvend: telt niet mee; de hulp doet dit "
                  "(§1.6).")
    elif not family and member.sustainable == UNKNOWN:
        signal = "Niet vastgesteld of dit vol te houden is: telt niet mee, voorlopig (§1.6)."
    if not tasks:
        named = tuple((ln.activity, ln.label, Fraction(0), None, None) for ln in lines
                      if ln.extends is None and selects(member.takes_over, ln))
        tasks = named
    return (member.name, "netwerk", spoken(member.relation.value), tasks, member.share_percent,
            member.frequency, sustainable, _carries(lines, Actor.NETWORK, member.name), signal,
            "§1.6")


def _yes_no(value: bool | None) -> str:
    return "onbekend" if value is None else ("ja" if value else "nee")
