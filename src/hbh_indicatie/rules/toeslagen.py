"""§3 Extra tijd (toeslagen) en aftrekken.

"Extra tijd kan worden toegekend voor in ieder geval de volgende factoren, mits deze in de
individuele situatie daadwerkelijk om meer professionele inzet vragen: beperkingen of
belemmeringen van de client; de aanwezigheid van kinderen; de aanwezigheid van een derde
persoon; de aanwezigheid van een huisdier; kenmerken van de woning; eventuele andere
factoren" and "Voor alle resultaten geldt dat beoordeeld moet worden of de genoemde
werkzaamheden nog gedeeltelijk zelf kunnen worden gedaan."

Which factors a norm set knows, their amounts and caps are data; the conditions come from a
closed vocabulary evaluated here (nothing is evaluated from data). So:

* A factor whose case fact is only a presence or a count (children, a third person, pets,
  household composition, extra rooms, a partner's limitations) adds time only when the
  consultant judged that it really asks for more professional effort
  (``meer_professionele_inzet``; nee: step ``toeslagen.geen_meer_inzet``; onbekend: not
  applied, voorlopig; not recorded: the case is not complete, ``required_facts`` says so
  before any rule runs). Limitations (``extra_inzet_door_beperkingen``) and
  dwelling features (``kenmerken_extra_werk``) are that judgement already.
* A toeslag extends named activities (``activiteiten`` in the norm set; none named: every
  activity of its category). It is split over those present in the household in proportion
  to their norms, and each part is a line of work that the rules treat as that activity's
  work (``Line.extends``): what the client does herself of that activity (§1.6), and the
  usual help of housemates and children (§2), apply to its extra time too. One part keeps
  the toeslag's id; several are ``<toeslag>.<activiteit>``.
* The maximum caps the whole toeslag, however it is split.
* ``eigen_mogelijkheden`` (an aftrek for what the client and/or the network can do): a
  network member counts as §1.6 counts them (``eigen_kracht.counts``: family in the first or
  second degree, or ``duurzaam: ja``; willing alone is not enough).

``partner_beperkingen`` (§3 "beperkingen of belemmeringen", applied to the partner as in
Utrecht's practice, ECLI:NL:RBMNE:2018:840): a partner in the household who cannot, or
only partly, do household work makes the household's work heavier.

A toeslag whose figure is not published (status onbekend) only matters when its condition
holds for the case; its parts then become placeholder lines, settled like an activity without
figure (``normering.settle_unknown``): the engine stops with a message naming the set and
the module only when the help would have to do part of it. An aftrek without figure whose
condition holds always stops the engine (it would change the norm of its activity).
An aftrek lowers the norm of its target activity.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from hbh_indicatie.errors import NormNotApplicable
from hbh_indicatie.models.case import ProfessionalEffort, Relation
from hbh_indicatie.models.common import UNKNOWN, Category, fraction_text, spoken
from hbh_indicatie.models.norm_set import Condition, FigureStatus, Multiplier, NormKey, Supplement
from hbh_indicatie.rules import eigen_kracht, huisstofmijt, koppeling
from hbh_indicatie.rules.context import Context, per_norm_set, per_week
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.normering import PLACEHOLDER, provenance_text
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule
from hbh_indicatie.rules.state import ZERO, Bucket, Line, State, StepData

PARAGRAPH = "§3"

DECLARATION = Declaration(
    "toeslagen",
    (Paragraph("§3", "Normering huishoudelijke taken in minuten"),),
    (
        Rule("toeslagen.<toeslag>", None,
             "extra tijd (toeslag), per activiteit die de toeslag verlengt; §4.6 bij "
             "huisstofmijt"),
        Rule("toeslagen.geen_meer_inzet", "§3",
             "de factor vraagt volgens de consulent niet om meer professionele inzet"),
        Rule("toeslagen.aftrek.<aftrek>", None, "minder tijd (aftrek) op een activiteit"),
    ),
)
"""Extra time "mits deze in de individuele situatie daadwerkelijk om meer professionele inzet
vragen"; a toeslag or aftrek itself cites the paragraph its norm set gives it (§4.6 for
huisstofmijt)."""

def _yes(value: object) -> bool | None:
    return None if value == UNKNOWN else bool(value)


Found = tuple[bool | None, int, str, State]
"""Whether a condition holds (None: unknown), its multiplier count, its fact text, the state."""


def _condition(ctx: Context, state: State, sup: Supplement) -> Found:
    """(applies or None when unknown, multiplier count, fact text, state)."""
    return _CONDITIONS[sup.condition](ctx, state, sup)


def _limitations(ctx: Context, state: State, sup: Supplement) -> Found:
    effort = ctx.case.client.extra_effort
    wanted = "enig" if sup.condition is Condition.LIMITATIONS_SOME else "veel"
    applies = None if effort == UNKNOWN else effort == wanted
    return applies, 1, f"extra inzet door beperkingen: {effort}", state


def _children(ctx: Context, state: State, sup: Supplement) -> Found:
    n = len(ctx.children)
    return n > 0, n, f"kinderen onder 18 in huishouden: {n}", state


def _third_person(ctx: Context, state: State, sup: Supplement) -> Found:
    third = ctx.case.third_person
    return _yes(third), 1, f"derde persoon: {third}", state


def _pets(ctx: Context, state: State, sup: Supplement) -> Found:
    if ctx.case.pets == UNKNOWN:
        return None, 0, "huisdieren: onbekend", state
    pets = int(ctx.case.pets)
    return pets > 0, pets, f"huisdieren: {pets}", state


def _dwelling(ctx: Context, state: State, sup: Supplement) -> Found:
    value = ctx.case.dwelling.features_extra_work
    return _yes(value), 1, f"kenmerken woning vragen extra werk: {value}", state


def _extra_soiling(ctx: Context, state: State, sup: Supplement) -> Found:
    soiling = ctx.case.extra_soiling
    return _yes(soiling), 1, f"extra bevuiling: {soiling}", state


def _dust_mite(ctx: Context, state: State, sup: Supplement) -> Found:
    applies, state = huisstofmijt.condition(ctx, state)
    mite = ctx.case.dust_mite
    return applies, 1, f"allergie: {mite.allergy}, sanering: {mite.sanitised}", state


def _rooms_in_use(ctx: Context, state: State, sup: Supplement) -> Found:
    n = ctx.case.dwelling.extra_rooms_in_use
    return n > 0, n, f"extra kamers in gebruik: {n}", state


def _rooms_unused(ctx: Context, state: State, sup: Supplement) -> Found:
    n = ctx.case.dwelling.extra_rooms_unused
    return n > 0, n, f"extra kamers niet in gebruik: {n}", state


def _composition(ctx: Context, state: State, sup: Supplement) -> Found:
    size = ctx.household_size
    return size > 1, 1, f"huishoudgrootte: {size}", state


def _partner(ctx: Context, state: State, sup: Supplement) -> Found:
    return (*_partner_limitations(ctx), state)


def _own_abilities(ctx: Context, state: State, sup: Supplement) -> Found:
    case = ctx.case
    # Stated per activity (the vocabulary) or per category: what applies to the whole item.
    ability = koppeling.item_ability(case, ctx.norms, ctx.activities, sup.target,
                                     case.client.capability.for_category(sup.category))
    # §1.6: only a network member whose help counts (willing is not enough: duurzaam).
    network = any(koppeling.item_selected(case, ctx.norms, ctx.activities, m.takes_over,
                                          sup.target,
                                          sup.category in m.takes_over.categories)
                  for m in case.network if eigen_kracht.counts(m))
    if ability is None:  # 'kinderen' without children: that result does not occur
        return False, 1, "eigen mogelijkheden: geen kinderen in het huishouden", state
    if ability.level == UNKNOWN:
        return None, 1, "eigen mogelijkheden: onbekend", state
    applies = ability.level != "niet" or network
    return applies, 1, f"eigen mogelijkheden: {ability.level}, netwerk: {network}", state


_CONDITIONS: dict[Condition, Callable[[Context, State, Supplement], Found]] = {
    Condition.LIMITATIONS_SOME: _limitations,
    Condition.LIMITATIONS_MUCH: _limitations,
    Condition.CHILDREN: _children,
    Condition.THIRD_PERSON: _third_person,
    Condition.PET: _pets,
    Condition.DWELLING: _dwelling,
    Condition.EXTRA_SOILING: _extra_soiling,
    Condition.DUST_MITE: _dust_mite,
    Condition.ROOM_IN_USE: _rooms_in_use,
    Condition.ROOM_NOT_IN_USE: _rooms_unused,
    Condition.HOUSEHOLD_COMPOSITION: _composition,
    Condition.PARTNER_LIMITATIONS: _partner,
    Condition.OWN_ABILITIES: _own_abilities,
}
"""How each condition of the closed vocabulary is judged on the case (one look-up per
toeslag instead of a chain of comparisons)."""


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


JUDGED = ProfessionalEffort.judged()
"""Conditions that need the consultant's judgement of more professional effort (§3)."""


def supplement_of(line: Line) -> str:
    """The id of the toeslag a toeslag line belongs to (a part is '<toeslag>.<activiteit>')."""
    return line.id.split(".", 1)[0]


def apply(ctx: Context, state: State) -> State:
    for index, sup in enumerate(ctx.norms.supplements):
        applies, count, fact, state = _condition(ctx, state, sup)
        if applies is None:
            state = state.with_unknown(
                f"voorwaarde {sup.condition.value} ({sup.label})",
                "feit_onbekend", sup.paragraph,
                Said(
                    "'{0}' niet beoordeeld: {1}. Onderzoek dit feit.",
                    sup.label, fact),
            )
            continue
        if not applies:
            continue
        targets: tuple[Line, ...] = ()
        if sup.kind == "toeslag":
            judged, state = _judgement(ctx, state, sup, fact)
            if not judged:
                continue
            targets = _targets(ctx, state, sup)
            if not targets:
                state = _nothing_to_extend(ctx, state, sup, fact)
                continue
        if sup.amount is None and sup.kind == "toeslag":
            state = _unknown_lines(ctx, state, sup, fact, targets)
            continue
        if sup.amount is None:
            raise NormNotApplicable(
                f"Normenset '{ctx.norms.id}' (versie {ctx.norms.version}): onderdeel "
                f"'{sup.label}' ({sup.id}) is van toepassing op deze casus ({fact}), maar de "
                "normenset heeft daarvoor geen gepubliceerd cijfer (status onbekend). De "
                "indicatie kan met deze normenset niet volledig worden berekend. Kies een andere "
                "normenset of vul het cijfer met bron in."
            )
        multiplier = 1 if sup.multiplier is Multiplier.FIXED else count
        key = NormKey(ctx.norms)
        if sup.kind == "toeslag":
            lines, steps = _extension(key, index, multiplier, fact,
                                      tuple(_Target.of(t) for t in targets))
            state.add_lines(lines)
            state.steps.extend(steps)
        else:
            weekly, _, facts = _weekly(key, index, multiplier, fact)
            state = _deduct(ctx, state, sup, weekly, facts)
    return state


def _weekly(
    key: NormKey, index: int, multiplier: int, fact: str
) -> tuple[Fraction, bool, tuple[Fact, ...]]:
    """The weekly minutes of supplement ``index`` for ``multiplier`` units (capped at the
    maximum), whether the cap applied, and the facts of its step."""
    sup = key.norms.supplements[index]
    per, cap, amount_fact, cap_fact, source_fact = _figures(key, index)
    weekly = per * multiplier
    capped = False
    if cap is not None and weekly > cap:
        weekly, capped = cap, True
    facts: tuple[Fact, ...] = (
        ("voorwaarde", fact), amount_fact,
        ("vermenigvuldiging", f"{sup.multiplier.value} x {multiplier}"), cap_fact, source_fact,
    )
    return weekly, capped, facts


def _judgement(ctx: Context, state: State, sup: Supplement, fact: str) -> tuple[bool, State]:
    """§3 "mits deze in de individuele situatie daadwerkelijk om meer professionele inzet
    vragen": whether the consultant found that this factor really asks for more effort."""
    condition = sup.condition.value
    if condition not in JUDGED:
        return True, state
    judged = ctx.case.professional_effort.for_condition(condition)
    if judged is True:
        return True, state
    if judged is False:
        return False, state.with_step(StepData(
            "toeslagen.geen_meer_inzet", PARAGRAPH,
            Said(
                "'{0}': {1}, maar volgens de consulent vraagt dit niet daadwerkelijk om "
                'meer professionele inzet: geen extra tijd.',
                sup.label, fact),
            (("voorwaarde", fact), ("meer_professionele_inzet", "nee")), ZERO, None,
            ctx.framework,
        ))
    missing = "onbekend" if judged == UNKNOWN else "niet vastgelegd"
    return False, state.with_unknown(
        f"meer_professionele_inzet.{condition}", "meer_inzet_onbekend", PARAGRAPH,
        Said(
            "'{0}' niet toegekend: {1}, maar of dit daadwerkelijk om meer "
            'professionele inzet vraagt is {2} (meer_professionele_inzet.{3}: '
            'ja/nee). Leg dat oordeel vast.',
            sup.label, fact, missing, condition),
    )


def _targets(ctx: Context, state: State, sup: Supplement) -> tuple[Line, ...]:
    """The household's lines of the activities the toeslag extends, in the set's order."""
    return state.find(kind="activiteit", ids=_extended(ctx)[sup.id])


@per_norm_set
def _extended(ctx: Context) -> dict[str, frozenset[str]]:
    """Per toeslag of the set, the ids of the activities it extends."""
    return {sup.id: frozenset(act.id for act in ctx.norms.extended_by(sup))
            for sup in ctx.norms.supplements}


class _Target(NamedTuple):
    """What a toeslag part takes from the activity line it extends (a cache key)."""

    id: str
    label: str
    category: Category
    postponable: bool
    status: str
    norm: Fraction

    @classmethod
    def of(cls, line: Line) -> _Target:
        return cls(line.id, line.label, line.category, line.postponable, line.status, line.norm)


def _weights(targets: tuple[_Target, ...]) -> tuple[Fraction, ...]:
    """Each target's share of the toeslag: in proportion to its norm (an item without figure
    counts 0); equal shares when no target has a norm."""
    norms = [ZERO if ln.status == FigureStatus.UNKNOWN.value else ln.norm for ln in targets]
    whole = sum(norms, ZERO)
    if whole == 0:
        return tuple(Fraction(1, len(targets)) for _ in targets)
    return tuple(n / whole for n in norms)


def _part(sup: Supplement, target: _Target, single: bool, minutes: Fraction, status: str) -> Line:
    line_id = sup.id if single else f"{sup.id}.{target.id}"
    label = sup.label if single else f"{sup.label}: {target.label}"
    return Line(line_id, label, target.category, "toeslag",
                sup.postponable and target.postponable, minutes, status, (Bucket(minutes),),
                extends=target.id)


def _nothing_to_extend(ctx: Context, state: State, sup: Supplement, fact: str) -> State:
    return state.with_step(StepData(
        f"toeslagen.{sup.id}", sup.paragraph,
        Said(
            "'{0}' is van toepassing ({1}), maar geen van de activiteiten die deze "
            'toeslag verlengt komt in dit huishouden voor: geen extra tijd.',
            sup.label, fact),
        (("voorwaarde", fact),), ZERO, None, ctx.framework,
    ))


def _unknown_lines(
    ctx: Context, state: State, sup: Supplement, fact: str, targets: tuple[Line, ...]
) -> State:
    """A toeslag without figure whose condition holds: placeholder parts that
    ``normering.settle_unknown`` resolves after §1-§2 (stop if the help would need one)."""
    for target in targets:
        line = _part(sup, _Target.of(target), len(targets) == 1, PLACEHOLDER, FigureStatus.UNKNOWN.value)
        state.add_line(line)
        state.with_step(StepData(
            f"toeslagen.{sup.id}", sup.paragraph,
            Said(
                "'{0}' is van toepassing ({1}), maar heeft geen cijfer (status onbekend).",
                sup.label, fact),
            (("voorwaarde", fact), ("verlengt", target.id),
             ("herkomst", provenance_text(sup.provenance))), ZERO, line.id, ctx.framework,
        ))
    return state


@lru_cache(maxsize=4096)  # per set: toeslag x unit count x fact x targets (more keys than _figures)
def _extension(
    key: NormKey, index: int, multiplier: int, fact: str, targets: tuple[_Target, ...],
) -> tuple[tuple[Line, ...], tuple[StepData, ...]]:
    """The lines and steps of toeslag ``index`` for ``multiplier`` units over ``targets``:
    they depend on the case only through these arguments, so they are made once per norm set
    and kept (pure; the state adds copies of the lines, ``State.add_lines``)."""
    sup = key.norms.supplements[index]
    weekly, capped, facts = _weekly(key, index, multiplier, fact)
    if sup.condition.value in JUDGED:
        facts = (*facts, ("meer_professionele_inzet", "ja"))
    cap_note = " (begrensd op het maximum)" if capped else ""
    single = len(targets) == 1
    split = Said(_split_template(len(targets)), *(v for t in targets for v in (t.id, t.norm)))
    lines: list[Line] = []
    steps: list[StepData] = []
    for target, weight in zip(targets, _weights(targets), strict=True):
        minutes = weekly * weight
        line = _part(sup, target, single, minutes, sup.provenance.status.value)
        lines.append(line)
        if single:
            text = (Said(
                "Extra tijd '{0}' bij '{1}': {2:m} minuten per week{3}.",
                sup.label, target.label, weekly, cap_note))
        else:
            text = (Said(
                "Extra tijd '{0}': {1:m} minuten per week{2}, verdeeld naar de normtijd "
                "van de activiteiten die de toeslag verlengt; bij '{3}': {4:m} minuten.",
                sup.label, weekly, cap_note, target.label, minutes))
        steps.append(StepData(
            f"toeslagen.{sup.id}", sup.paragraph, text,
            (*facts, ("verlengt", target.id), ("verdeling naar normtijd", split)),
            minutes, line.id, key.norms.id,
        ))
    return tuple(lines), tuple(steps)


@lru_cache(maxsize=64)
def _split_template(count: int) -> str:
    """The fact 'verdeling naar normtijd' for ``count`` activities: each id with its norm."""
    return ", ".join(f"{{{2 * i}}} {{{2 * i + 1}:m}}" for i in range(count))


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
    target = state.change_norm(target, -amount)
    return state.with_step(StepData(
        f"toeslagen.aftrek.{sup.id}", sup.paragraph,
        Said(
            "Minder tijd '{0}' op '{1}': {2:m} minuten per week.",
            sup.label, target.label, amount),
        facts, -amount, target.id, ctx.framework,
    ))
