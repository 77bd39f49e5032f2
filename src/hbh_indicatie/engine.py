"""The rules engine: a case and a norm set in, an explained :class:`Indication` out.

Pure: no file access, no clock, no randomness; the same input gives the same output.
Rules are applied in the protocol's order. The norm (§3) is determined first because it
sets how much work there is; §1 and §2 then decide who does that work, and what is left
is the help's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from hbh_indicatie.errors import InputError
from hbh_indicatie.models.case import Case
from hbh_indicatie.models.common import (
    CATEGORY_LABELS,
    TEMPORARY_LABELS,
    Actor,
    Category,
    Period,
    TemporaryReason,
    fraction_text,
)
from hbh_indicatie.models.indication import (
    ActivityOutcome,
    AgreedTask,
    CarerAgreement,
    CategoryOutcome,
    Indication,
    PeriodOutcome,
    PlanOutcome,
    PlanPhaseOutcome,
    ReassessmentDate,
    Rounding,
    Share,
    Stamp,
    Step,
    TemporaryPart,
    UnusedFact,
    Warning,
    YearlyHours,
    YearlyRoundingRule,
)
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.models.norm_set import FigureStatus, NormSet
from hbh_indicatie.rules import (
    afronding,
    afspraken,
    grid,
    herindicatie,
    koppeling,
    normering,
    oefenplan,
    ondersteuningswijze,
    ongebruikte_feiten,
    perioden,
    required_facts,
    toeslagen,
)
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.explain import worded
from hbh_indicatie.rules.order import (
    DEVIATION_STAGES,
    NORM_STAGES,
    PROTOCOL_STAGES,
    SUPPORT_STAGES,
    UNTRANSLATED_ORDER,
)
from hbh_indicatie.rules.state import (
    ZERO,
    Line,
    Outcome,
    State,
    WarningData,
    day_after,
    minutes_of,
)
from hbh_indicatie.rules.state import Share as WorkShare
from hbh_indicatie.version import ENGINE_VERSION
from hbh_indicatie.vocabulary import convert as omzetting


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The rules applied, before the :class:`Indication` is built: what a batch run needs.

    ``state`` holds every line with its shares (whatever was left open is the help's), the
    explanation steps, warnings and unknown facts; ``totals`` the periods and the rounding.
    :func:`compute` turns this into the :class:`Indication`; ``hbh batch`` and ``hbh impact``
    read their figures from it directly (the same numbers, without building the explanation
    as output models).
    """

    ctx: Context
    state: Outcome
    totals: Totals


@dataclass(frozen=True, slots=True)
class PeriodTotal:
    start: date
    until: date | None
    exact: Fraction
    rounded: int
    parts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Totals:
    exact: Fraction
    """Help minutes per week on the start date, before rounding."""
    total: int
    """``exact`` rounded once by the norm set's rule."""
    end: date | None
    periods: tuple[PeriodTotal, ...]
    help_units: tuple[int, ...]
    """Help minutes per week on the start date, per line of ``state.lines``, in units of
    ``den`` (the case's common denominator, ``rules/grid.py``)."""
    den: int

    @property
    def help_now(self) -> tuple[Fraction, ...]:
        """Help minutes per week on the start date, per line of ``state.lines``."""
        den = self.den
        return tuple(minutes_of(units, den) for units in self.help_units)

    @property
    def rounding_delta(self) -> Fraction:
        return Fraction(self.total) - self.exact


def evaluate(
    case: Case, loaded: LoadedNorms, origin: str = "casus", *,
    reads: ongebruikte_feiten.Reads | None = None, own: NormSet | None = None,
) -> Evaluation:
    """Apply every rule to ``case`` under the norm set ``loaded`` (pure).

    A case that still names items of a norm set instead of the vocabulary is converted first
    (``omzetting``), with the set it names: ``own`` when that is not ``loaded`` (a warning says
    so). The facts are then mapped onto ``loaded``'s items (``koppeling``).

    With ``reads``, the rules see a view of the case that records every field they read
    (for :func:`compute`'s list of unused facts); without it (``hbh batch``) they read the
    case itself, at no extra cost.
    """
    norms = loaded.norms
    vocab = loaded.activities
    original = case
    case, conversions = omzetting.implicit(case, norms, vocab, own)
    case, foreign, dropped = omzetting.foreign(case, norms, own, vocab)
    problems = [*required_facts.reference_problems(case, norms, vocab),
                *required_facts.missing_judgements(case, norms),
                *required_facts.missing_findings(case)]
    if problems:
        raise InputError(origin, problems, "casus")
    start = case.effective_start
    ctx = Context(case=case if reads is None else reads.watch(case), norms=norms, start=start,
                  vocabulary=vocab)
    state = State(grid.denominator(norms))
    for stage in NORM_STAGES:
        stage.apply(ctx, state)
    # The mapping reads the case itself (every fact, to map it); the rules after it read the
    # mapped case, keyed by the set's items (``rules/order.py``: MAPPING_STAGE).
    plain = ctx if reads is None else Context(case=case, norms=norms, start=start,
                                              vocabulary=vocab)
    mapped = koppeling.apply(plain, state)
    if mapped.case is not case:
        ctx = Context(case=mapped.case if reads is None else reads.watch(mapped.case),
                      norms=norms, start=start, vocabulary=vocab)
    if conversions:
        omzetting.warn(state, conversions, own or norms)
    if foreign and own is not None:
        omzetting.warn_foreign(state, foreign, dropped, norms, own)
    for stage in DEVIATION_STAGES:
        stage.apply(ctx, state)
    problems = required_facts.missing_facts(case, norms, state)
    if problems:
        raise InputError(origin, problems, "casus")
    for stage in PROTOCOL_STAGES:
        stage.apply(ctx, state)
    state.remaining_to_help()
    normering.settle_unknown(ctx, state)
    for stage in SUPPORT_STAGES:  # issue 17: how the help does its share
        stage.apply(ctx, state)
    outcome = state.freeze()
    if reads is not None:
        # the afsprakenoverzicht and the herindicatie dates use facts too (frequentie,
        # geboortedatum, what a carer who does not count offered): read them through the view
        afspraken.agreements(ctx, outcome.lines)
        herindicatie.dates(ctx, outcome.end_date, outcome.end_reason, [])
        koppeling.restore_paths(reads.paths, mapped.paths)
        koppeling.restore_paths(reads.paths, omzetting.kept_paths(len(original.deviations),
                                                                  dropped))
        koppeling.restore_paths(reads.paths, omzetting.paths(conversions))
        ctx = Context(case=original, norms=norms, start=start, vocabulary=vocab)
    return Evaluation(ctx, outcome, _totals(ctx, norms, outcome))


def compute(case: Case, loaded: LoadedNorms, origin: str = "casus", *,
            own: NormSet | None = None) -> Indication:
    """Compute the explained indication for ``case`` under the norm set ``loaded``."""
    reads = ongebruikte_feiten.Reads()
    evaluation = evaluate(case, loaded, origin, reads=reads, own=own)
    unused = ongebruikte_feiten.unused(case, reads, loaded.norms)
    return _build(evaluation.ctx, loaded, evaluation.state, evaluation.totals, unused)


def _totals(ctx: Context, norms: NormSet, state: Outcome) -> Totals:
    start = ctx.start
    end = state.end_date
    now = perioden.help_now(state.lines, start)
    intervals = perioden.intervals(state.lines, start, end, now)
    if end is None and len(intervals) > 1 and intervals[-1].minutes == 0:
        end = intervals[-2].until
        intervals = intervals[:-1]
    periods = tuple(
        PeriodTotal(iv.start, iv.until, iv.minutes,
                    afronding.round_minutes(iv.minutes, norms.rounding), iv.parts)
        for iv in intervals
    )
    exact = periods[0].exact if periods else ZERO
    return Totals(
        exact=exact,
        total=periods[0].rounded if periods else afronding.round_minutes(exact, norms.rounding),
        end=end,
        periods=periods,
        help_units=now.units,
        den=state.den,
    )


def _share_out(share: WorkShare) -> Share:
    return Share(
        uitvoerder=share.actor, persoon=share.person, minuten_per_week=share.minutes,
        paragraaf=share.paragraph, van=share.start, tot=share.until, reden=share.reason,
    )


def _support_mode(ctx: Context, line: Line, help_now: Fraction) -> str | None:
    """Bijlage 2: how the help does its share on the start date (issue 17)."""
    if help_now == 0:
        return None
    plan = ctx.case.client.plan
    if plan is not None and ondersteuningswijze.in_plan(ctx.case, line) and any(
            s.reason is TemporaryReason.REABLEMENT for s in line.shares):
        return plan.phases[0].mode.value
    mode = ondersteuningswijze.recorded_mode(ctx.case, line)
    return "overnemen" if mode is None else str(mode)


def _activity(line: Line, help_now: Fraction, ctx: Context | None = None) -> ActivityOutcome:
    client = any(s.actor is Actor.CLIENT and s.minutes > 0 and s.start is None
                 for s in line.shares)
    if help_now == 0:
        mode = "geen_hulp"
    elif client:
        mode = "samen_met_client"
    else:
        mode = "overnemen"
    return ActivityOutcome(
        id=line.id, label=line.label, categorie=line.category, soort=line.kind,
        uitstelbaar=line.postponable, norm_minuten_per_week=line.norm,
        hulp_minuten_per_week=help_now, werkwijze=mode,
        verdeling=tuple(_share_out(s) for s in line.shares if s.minutes > 0),
        normstatus=line.status,
        ondersteuningswijze=None if ctx is None else _support_mode(ctx, line, help_now),
    )


def _untranslatable(ctx: Context) -> tuple[str, ...]:
    """What the protocol leaves to the consultant's judgement, as each module declares it."""
    case = ctx.case
    return tuple(
        item.text
        for module in UNTRANSLATED_ORDER
        for item in module.DECLARATION.untranslated
        if item.when is None or item.when(case)
    )


def _example_figures(norms: NormSet, state: Outcome) -> tuple[str, ...]:
    """Ids of the figures with status voorbeeld that this indication actually used."""
    example = FigureStatus.EXAMPLE.value
    found = [line.id for line in state.lines if line.status == example and line.norm > 0]
    if norms.rounding.provenance.status is FigureStatus.EXAMPLE:
        found.append("afronding")
    yearly = norms.yearly_rounding  # the rounded hours per year every indication shows
    if yearly is not None and yearly.provenance.status is FigureStatus.EXAMPLE:
        found.append("afronding_per_jaar")
    per_year = {Period.MONTH, Period.YEAR}
    used = {line.id for line in state.lines} | {toeslagen.supplement_of(line) for line in state.lines}
    periods = [a.frequency.per for a in norms.activities if a.id in used]
    periods += [s.frequency.per for s in norms.supplements if s.id in used]
    uses_weeks = any(per in per_year for per in periods)
    if uses_weeks and norms.weeks_per_year_provenance.status is FigureStatus.EXAMPLE:
        found.append("weken_per_jaar")
    found += _example_issue17(norms, state)
    return tuple(found)


def _example_issue17(norms: NormSet, state: Outcome) -> list[str]:
    """The mode factors and ZRM thresholds with status voorbeeld that a step used."""
    example = FigureStatus.EXAMPLE
    found: list[str] = []
    factors = norms.mode_factors
    if factors is not None:
        used = {dict(s.facts).get("wijze") for s in state.steps
                if s.rule.startswith(("ondersteuningswijze.", "oefenplan.fasen"))}
        for mode in sorted(worded(m) for m in used if m):
            figure = factors.for_mode(mode)
            if figure is not None and figure.provenance.status is example:
                found.append(f"ondersteuningswijzen.{mode}")
    signal = norms.zrm_signal
    if (signal is not None and signal.provenance.status is example
            and any(s.rule.startswith("zrm.") for s in state.steps)):
        found.append("zrm_signaal")
    return found


def _yearly_text(norms: NormSet) -> str:
    """How the hours per year were made, with the status of the two figures they rest on."""
    weeks = (f"{fraction_text(norms.weeks_per_year, 4)} weken per jaar "
             f"({norms.weeks_per_year_provenance.status.value})")
    made = (f"Uren per jaar = de exacte minuten per week x {weeks} van normenset "
            f"'{norms.id}' / 60, exact als breuk.")
    rule = norms.yearly_rounding
    if rule is None:
        return (f"{made} De normenset heeft geen regel voor het afronden van uren per jaar: de "
                "uren per jaar staan exact, zonder afronding.")
    return (f"{made} Afgerond zoals de normenset dat doet: naar boven op {rule.step_hours} "
            f"uur ({rule.provenance.status.value}), eenmaal per getal; het totaal is het exacte "
            "totaal afgerond, niet de som van afgeronde delen.")


def _plan(ctx: Context, state: Outcome) -> PlanOutcome | None:
    found = oefenplan.outcome(ctx, state.lines)
    if found is None:
        return None
    labels, phases, last = found
    return PlanOutcome(
        activiteiten=labels,
        fasen=tuple(PlanPhaseOutcome(
            wijze=mode.value, label=ondersteuningswijze.label(mode), van=first, tot=until,
            hulp_minuten_per_week=minutes, overnemen_minuten_per_week=measure)
            for first, until, mode, minutes, measure in phases),
        zelf_vanaf=day_after(last), evaluatiedatum=last,
    )


def _warnings(state: Outcome) -> tuple[Warning, ...]:
    """The warnings worded, each code with the same text once (in the order given)."""
    seen: set[tuple[str, str]] = set()
    result: list[Warning] = []
    for w in state.warnings:
        text = worded(w.text)
        if (w.code, text) not in seen:
            seen.add((w.code, text))
            result.append(Warning(code=w.code, paragraaf=w.paragraph, tekst=text))
    return tuple(result)


def _build(
    ctx: Context, loaded: LoadedNorms, state: Outcome, totals: Totals,
    unused: tuple[tuple[str, str, str], ...] = (),
) -> Indication:
    norms = loaded.norms
    start = ctx.start
    end = totals.end
    weeks, yearly_rule = norms.weeks_per_year, norms.yearly_rounding

    def per_year(minutes: Fraction) -> tuple[Fraction, int | None]:
        hours = afronding.hours_per_year(minutes, weeks)
        return hours, afronding.round_hours(hours, yearly_rule)

    periods = tuple(
        PeriodOutcome(
            van=p.start, tot=p.until, minuten_exact=p.exact, minuten_per_week=p.rounded,
            uren_per_jaar_exact=hours, uren_per_jaar=rounded, onderdelen=p.parts,
        )
        for p in totals.periods
        for hours, rounded in (per_year(p.exact),)
    )
    exact, total = totals.exact, totals.total
    state = state._replace(steps=(*state.steps, afronding.step(exact, total, norms.rounding,
                                                               norms.id)))
    activities = tuple(
        _activity(line, help_now, ctx)
        for line, help_now in zip(state.lines, totals.help_now, strict=True)
    )
    categories = tuple(
        CategoryOutcome(
            categorie=cat, label=CATEGORY_LABELS[cat], hulp_minuten_per_week=minutes,
            hulp_uren_per_jaar=hours, hulp_uren_per_jaar_afgerond=rounded,
        )
        for cat in Category
        if any(a.categorie is cat for a in activities)
        for minutes in (sum((a.hulp_minuten_per_week for a in activities if a.categorie is cat),
                            ZERO),)
        for hours, rounded in (per_year(minutes),)
    )
    yearly_hours, yearly_rounded = per_year(exact)
    example_ids = _example_figures(norms, state)
    used_example = bool(example_ids)
    if used_example:
        text = (f"Normenset '{norms.id}' bevat voorbeeldcijfers (status voorbeeld) die in "
                "deze indicatie zijn gebruikt: dit zijn geen officiële normtijden.")
        if not any(w.code == "voorbeeldnormen" and worded(w.text) == text
                   for w in state.warnings):
            state = state._replace(warnings=(*state.warnings,
                                             WarningData("voorbeeldnormen", "§3", text)))
    parts = tuple(
        TemporaryPart(reden=r, paragraaf=p, minuten_per_week=m, tot=u,
                      toelichting=TEMPORARY_LABELS[r])
        for r, u, m, p in perioden.temporary_parts(state.lines, end)
    )
    if state.end_date is not None and state.end_reason is not None and exact > 0:
        parts = (*parts, TemporaryPart(
            reden=state.end_reason, paragraaf="§1.5" if state.end_reason.value == "revalidatie"
            else "§2 (B2.1)", minuten_per_week=exact, tot=state.end_date,
            toelichting=TEMPORARY_LABELS[state.end_reason],
        ))
    reassess = [state.end_date] if state.end_date else []
    reassess += [p.tot for p in parts if p.reden.value == "overbelasting"]
    moments = herindicatie.dates(ctx, state.end_date, state.end_reason,
                                 [(p.reden, p.tot, p.paragraaf) for p in parts], end)
    reassess += [d for d, reason, _, _, _ in moments if reason == "einde_oefenplan"]
    steps = tuple(
        Step(
            nr=i + 1, regel=s.rule, paragraaf=s.paragraph, kader=s.framework, tekst=worded(s.text),
            feiten={k: worded(v) for k, v in s.facts}, activiteit=s.activity,
            minuten_per_week=s.minutes,
        )
        for i, s in enumerate(state.steps)
    )
    return Indication(
        kenmerk=ctx.case.key,
        stempel=Stamp(
            normen_id=norms.id, normen_versie=norms.version, normen_titel=norms.title,
            normen_sha256=loaded.sha256, engine_versie=ENGINE_VERSION,
            peildatum=ctx.case.reference_date,
        ),
        voorlopig=bool(state.unknown),
        voorbeeldnormen=used_example,
        voorbeeldcijfers=example_ids,
        totaal_minuten_per_week=total,
        afronding=Rounding(methode=norms.rounding.method, op_minuten=norms.rounding.step_minutes,
                           exact=exact, afgerond=total),
        uren_per_jaar=YearlyHours(
            weken_per_jaar=weeks,
            afronding=None if yearly_rule is None else YearlyRoundingRule(
                methode=yearly_rule.method, op_uren=yearly_rule.step_hours),
            exact=yearly_hours, afgerond=yearly_rounded,
            toelichting=_yearly_text(norms),
        ),
        ingangsdatum=start,
        einddatum=end,
        herindicatiedatum=min(reassess) if reassess else None,
        afspraken=tuple(
            CarerAgreement(
                naam=name, rol=role, relatie=relation, aandeel_procent=share, frequentie=freq,
                taken=tuple(AgreedTask(activiteit=a, label=lb, minuten_per_week=m, van=v, tot=t)
                            for a, lb, m, v, t in tasks),
                duurzaam=sustainable, telt_mee=counts, signaal=signal, paragraaf=paragraph)
            for name, role, relation, tasks, share, freq, sustainable, counts, signal, paragraph
            in afspraken.agreements(ctx, state.lines)),
        oefenplan=_plan(ctx, state),
        herindicatiedata=tuple(
            ReassessmentDate(datum=d, reden=r, paragraaf=p, toelichting=t, uiterlijk=latest)
            for d, r, p, t, latest in moments),
        perioden=periods,
        tijdelijke_delen=parts,
        categorieen=categories,
        activiteiten=activities,
        waarschuwingen=_warnings(state),
        onbekende_feiten=state.unknown,
        ongebruikte_feiten=tuple(UnusedFact(veld=f, waarde=v, reden=r) for f, v, r in unused),
        niet_vertaalbaar=_untranslatable(ctx),
        uitleg=steps,
    )
