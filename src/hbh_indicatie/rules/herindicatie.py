"""Herindicatie dates: every date on which the facts of the indication change (issue 17).

* the end of the indication (§1.5 revalidatie, §2 (B2.1) kortdurend): herindicatie;
* the end of each temporary part (overbelasting §2.1, overbrugging §1.4, instructie §1.3, each
  phase of an oefenplan §1.5);
* the end of an oefenplan (§1.5: "Na een behandeltraject dient een herindicatie plaats te
  vinden");
* each child's next age band of the norm set and the 18th birthday (§2 "van kinderen wordt naar
  vermogen (afhankelijk van hun leeftijd) ook verwacht dat zij een bijdrage leveren", §4.3
  "Herindiceren is aan de orde in relatie tot leeftijd kinderen"). With a birth date the date is
  exact; with only an age it is the latest possible date (``uiterlijk``).

Only dates up to the end of the indication are listed. The function is pure: it reads the
case, the norm set and what the rules decided.
"""

from __future__ import annotations

import re
from datetime import date

from hbh_indicatie.models.case import Housemate
from hbh_indicatie.models.common import TEMPORARY_LABELS, TemporaryReason
from hbh_indicatie.models.norm_set import NormSet
from hbh_indicatie.rules import oefenplan
from hbh_indicatie.rules.context import Context, add_months
from hbh_indicatie.rules.registry import Declaration, Paragraph

DECLARATION = Declaration(
    "herindicatie",
    (Paragraph("§1.5", "Revalideren: na een behandeltraject volgt een herindicatie"),
     Paragraph("§4.3", "Kinderverzorging: herindiceren in relatie tot leeftijd kinderen")),
)
"""Decides nothing: lists every date on which the facts of the indication change."""

ADULT = 18

Entry = tuple[date, str, str, str, bool]
"""(date, reason code, paragraph, explanation, latest possible)."""


def dates(ctx: Context, end: date | None, end_reason: TemporaryReason | None,
          parts: list[tuple[TemporaryReason, date, str]],
          last_day: date | None = None) -> list[Entry]:
    """Every herindicatie date in order (``parts``: reason, last day, paragraph), up to the
    indication's last day (``last_day``, else ``end``)."""
    found: list[Entry] = []
    if end is not None and end_reason is not None:
        paragraph = "§1.5" if end_reason is TemporaryReason.REHABILITATION else "§2 (B2.1)"
        found.append((end, "einde_indicatie", paragraph,
                       f"einde van de indicatie: {_label(end_reason)}", False))
    plan = ctx.case.client.plan
    plan_end = None if plan is None else oefenplan.end_date(plan, ctx.start)
    for reason, until, paragraph in parts:
        if (end is not None and until >= end) or (
                reason is TemporaryReason.REABLEMENT and until == plan_end):
            continue  # the end of the indication or of the plan says it
        found.append((until, "tijdelijk_deel", paragraph,
                       f"einde tijdelijk deel: {_label(reason)}", False))
    if plan_end is not None:
        found.append((plan_end, "einde_oefenplan", "§1.5",
                       "einde van het oefenplan: evaluatie van wat de cliënt weer zelf kan", False))
    for child in ctx.children:
        found += _child(ctx, ctx.norms, child)
    limit = last_day or end
    if limit is not None:
        found = [f for f in found if f[0] <= limit]
    unique = {(f[0], f[1], f[3]): f for f in found}
    return sorted(unique.values(), key=lambda f: (f[0], f[1], f[3]))


def boundaries(norms: NormSet) -> set[int]:
    """The ages at which the norm set treats a child differently: the start of each age band,
    of each per-child range (kinderverzorging, §4.3), the first age after such a range, and 18."""
    ages = {b.from_age for b in norms.age_bands} | {ADULT}
    for act in norms.activities:
        if act.per_child is not None:
            ages |= {act.per_child.from_age, act.per_child.to_age + 1}
    return ages


def _child(ctx: Context, norms: NormSet, child: Housemate) -> list[Entry]:
    ages = sorted(a for a in boundaries(norms) if a > child.age)
    if not ages or child.age >= ADULT:
        return []
    age = ages[0]
    band = next((b.label for b in norms.age_bands if b.from_age == age), None)
    care = [a.label for a in norms.activities if a.per_child is not None
            and (a.per_child.from_age == age or a.per_child.to_age + 1 == age)]
    what = (f"leeftijdsgroep '{band}'" if band else "volwassen huisgenoot (gebruikelijke hulp)"
            if age == ADULT else "andere norm")
    if care:
        what += f"; verandert: {', '.join(care).lower()}"
    paragraph = "§2, §4.3" if care else "§2"
    if child.birth_date is not None:
        day = add_months(child.birth_date, 12 * age)
        return [(day, "leeftijdsgroep_kind", paragraph,
                 f"{child.name} wordt {age}: {what}", False)]
    day = add_months(ctx.case.reference_date, 12 * (age - child.age))
    return [(day, "leeftijdsgroep_kind", paragraph,
             f"{child.name} wordt uiterlijk dan {age}: {what} (geboortedatum niet bekend)", True)]


def _label(reason: TemporaryReason) -> str:
    """The reason's label without its paragraph (the entry carries that)."""
    return re.sub(r"\s*\(§[^)]*\)$", "", TEMPORARY_LABELS[reason])
