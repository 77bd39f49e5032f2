"""§3 Extra tijd (toeslagen) en aftrekken.

The protocol names factors that may add time when they really ask for more professional
effort: the client's limitations, children, a third person, a pet, characteristics of the
dwelling, other factors. Which factors a norm set knows, their amounts and caps are data;
the conditions come from a closed vocabulary evaluated here (nothing is evaluated from
data). A toeslag becomes its own line of work, so gebruikelijke hulp applies to it too.
An aftrek lowers the norm of its target activity.

``partner_beperkingen`` (§3 "beperkingen of belemmeringen", applied to the partner as in
Utrecht's practice, ECLI:NL:RBMNE:2018:840): a partner in the household who cannot, or
only partly, do household work makes the household's work heavier.

A toeslag whose figure is not published (status onbekend) only matters when its condition
holds for the case; it then becomes a placeholder line, settled like an activity without
figure (``normering.settle_unknown``): the engine stops with a message naming the set and
the module only when the help would have to do part of it. An aftrek without figure whose
condition holds always stops the engine (it would change the norm of its activity).
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from hbh_indicatie.errors import NormNotApplicable
from hbh_indicatie.models.case import Relation
from hbh_indicatie.models.common import UNKNOWN, fraction_text, spoken
from hbh_indicatie.models.norms import Condition, FigureStatus, Multiplier, Supplement
from hbh_indicatie.rules import huisstofmijt
from hbh_indicatie.rules.context import Context, per_week
from hbh_indicatie.rules.normering import PLACEHOLDER, NormKey, provenance_text
from hbh_indicatie.rules.state import ZERO, Bucket, Line, State, StepData


def _yes(value: object) -> bool | None:
    return None if value == UNKNOWN else bool(value)


def _condition(
    ctx: Context, state: State, sup: Supplement
) -> tuple[bool | None, int, str, State]:
    """(applies or None when unknown, multiplier count, fact text, state)."""
    case = ctx.case
    cond = sup.condition
    if cond in (Condition.LIMITATIONS_SOME, Condition.LIMITATIONS_MUCH):
        effort = case.client.extra_effort
        wanted = "enig" if cond is Condition.LIMITATIONS_SOME else "veel"
        applies = None if effort == UNKNOWN else effort == wanted
        return applies, 1, f"extra inzet door beperkingen: {effort}", state
    if cond is Condition.CHILDREN:
        n = len(ctx.children)
        return n > 0, n, f"kinderen onder 18 in huishouden: {n}", state
    if cond is Condition.THIRD_PERSON:
        return _yes(case.third_person), 1, f"derde persoon: {case.third_person}", state
    if cond is Condition.PET:
        if case.pets == UNKNOWN:
            return None, 0, "huisdieren: onbekend", state
        pets = int(case.pets)
        return pets > 0, pets, f"huisdieren: {pets}", state
    if cond is Condition.DWELLING:
        value = case.dwelling.features_extra_work
        return _yes(value), 1, f"kenmerken woning vragen extra werk: {value}", state
    if cond is Condition.EXTRA_SOILING:
        return _yes(case.extra_soiling), 1, f"extra bevuiling: {case.extra_soiling}", state
    if cond is Condition.DUST_MITE:
        applies, state = huisstofmijt.condition(ctx, state)
        mite = case.dust_mite
        return applies, 1, f"allergie: {mite.allergy}, sanering: {mite.sanitised}", state
    if cond is Condition.ROOM_IN_USE:
        n = case.dwelling.extra_rooms_in_use
        return n > 0, n, f"extra kamers in gebruik: {n}", state
    if cond is Condition.ROOM_NOT_IN_USE:
        n = case.dwelling.extra_rooms_unused
        return n > 0, n, f"extra kamers niet in gebruik: {n}", state
    if cond is Condition.HOUSEHOLD_COMPOSITION:
        size = ctx.household_size
        return size > 1, 1, f"huishoudgrootte: {size}", state
    if cond is Condition.PARTNER_LIMITATIONS:
        return (*_partner_limitations(ctx), state)
    # Condition.OWN_ABILITIES
    ability = case.client.capability.for_category(sup.category)
    network = any(sup.category in m.takes_over.categories for m in case.network if m.willing)
    if ability.level == UNKNOWN:
        return None, 1, "eigen mogelijkheden: onbekend", state
    applies = ability.level != "niet" or network
    return applies, 1, f"eigen mogelijkheden: {ability.level}, netwerk: {network}", state


def _partner_limitations(ctx: Context) -> tuple[bool | None, int, str]:
    partners = [h for h in ctx.household if h.relation is Relation.PARTNER]
    if not partners:
        return False, 0, "geen partner in het huishouden"
    levels = [p.can_do_household for p in partners]
    fact = "partner kan huishouden: " + ", ".join(levels)
    if any(level in ("nee", "gedeeltelijk") for level in levels):
        return True, 1, fact
    return (None if UNKNOWN in levels else False), 1, fact


Fact = tuple[str, str]


@lru_cache(maxsize=1024)
def _figures(key: NormKey, index: int) -> tuple[Fraction, Fraction | None, Fact, Fact, Fact]:
    """Per norm set and supplement, computed once: the weekly minutes per unit, the cap, and
    the facts that do not depend on the case (pure; the same for every case)."""
    sup = key.norms.supplements[index]
    assert sup.amount is not None
    per = per_week(Fraction(sup.amount), sup.unit, sup.frequency, key.norms.weeks_per_year)
    cap = None if sup.cap_minutes_per_week is None else Fraction(sup.cap_minutes_per_week)
    return (
        per, cap,
        ("hoeveelheid", f"{sup.amount} {sup.unit.value} per "
                        f"{fraction_text(sup.frequency.times, 2)} {spoken(sup.frequency.per)}"),
        ("maximum", f"{sup.cap_minutes_per_week} min/week" if sup.cap_minutes_per_week
         else "geen"),
        ("herkomst", provenance_text(sup.provenance)),
    )


def apply(ctx: Context, state: State) -> State:
    for index, sup in enumerate(ctx.norms.supplements):
        applies, count, fact, state = _condition(ctx, state, sup)
        if applies is None:
            state = state.with_unknown(
                f"voorwaarde {sup.condition.value} ({sup.label})",
                "feit_onbekend", sup.paragraph,
                f"'{sup.label}' niet beoordeeld: {fact}. Onderzoek dit feit.",
            )
            continue
        if not applies:
            continue
        if sup.amount is None and sup.kind == "toeslag":
            state = _unknown_line(ctx, state, sup, fact)
            continue
        if sup.amount is None:
            raise NormNotApplicable(
                f"Normenset '{ctx.norms.id}' (versie {ctx.norms.version}): onderdeel "
                f"'{sup.label}' ({sup.id}) is van toepassing op deze casus ({fact}), maar de "
                "normenset heeft daarvoor geen gepubliceerd cijfer (status onbekend). De "
                "indicatie kan met deze normenset niet volledig worden berekend. Kies een andere "
                "normenset of vul het cijfer met bron in."
            )
        per, cap, amount_fact, cap_fact, source_fact = _figures(NormKey(ctx.norms), index)
        multiplier = 1 if sup.multiplier is Multiplier.FIXED else count
        weekly = per * multiplier
        capped = False
        if cap is not None and weekly > cap:
            weekly, capped = cap, True
        facts = (
            ("voorwaarde", fact), amount_fact,
            ("vermenigvuldiging", f"{sup.multiplier.value} x {multiplier}"), cap_fact, source_fact,
        )
        if sup.kind == "toeslag":
            state = _add_line(ctx, state, sup, weekly, capped, facts)
        else:
            state = _deduct(ctx, state, sup, weekly, facts)
    return state


def _unknown_line(ctx: Context, state: State, sup: Supplement, fact: str) -> State:
    """A toeslag without figure whose condition holds: a placeholder line that
    ``normering.settle_unknown`` resolves after §1-§2 (stop if the help would need it)."""
    line = Line(sup.id, sup.label, sup.category, "toeslag", sup.postponable, PLACEHOLDER,
                FigureStatus.UNKNOWN.value, (Bucket(PLACEHOLDER),))
    return state._replace(lines=(*state.lines, line)).with_step(StepData(
        f"toeslag.{sup.id}", sup.paragraph,
        f"'{sup.label}' is van toepassing ({fact}), maar heeft geen cijfer (status onbekend).",
        (("voorwaarde", fact), ("herkomst", provenance_text(sup.provenance))), ZERO, sup.id,
        ctx.framework,
    ))


def _add_line(
    ctx: Context, state: State, sup: Supplement, weekly: Fraction, capped: bool,
    facts: tuple[tuple[str, str], ...],
) -> State:
    line = Line(sup.id, sup.label, sup.category, "toeslag", sup.postponable, weekly,
                sup.provenance.status.value, (Bucket(weekly),))
    state = state._replace(lines=(*state.lines, line))
    cap_note = " (begrensd op het maximum)" if capped else ""
    return state.with_step(StepData(
        f"toeslag.{sup.id}", sup.paragraph,
        f"Extra tijd '{sup.label}': {fraction_text(weekly)} minuten per week{cap_note}.",
        facts, weekly, sup.id, ctx.framework,
    ))


def _deduct(
    ctx: Context, state: State, sup: Supplement, weekly: Fraction,
    facts: tuple[tuple[str, str], ...],
) -> State:
    assert sup.target is not None
    try:
        target = state.line(sup.target)
    except KeyError:
        return state
    amount = min(weekly, target.norm)
    main = target.buckets[0]
    target = target._replace(
        norm=target.norm - amount,
        buckets=(main._replace(open=main.open - amount), *target.buckets[1:]),
    )
    state = state.replace_line(target)
    return state.with_step(StepData(
        f"aftrek.{sup.id}", sup.paragraph,
        f"Minder tijd '{sup.label}' op '{target.label}': {fraction_text(amount)} minuten per week.",
        facts, -amount, target.id, ctx.framework,
    ))
