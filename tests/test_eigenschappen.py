"""Property tests of the engine over generated valid cases (see tests/strategies.py)."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hbh_indicatie.api import case_from_dict, render_json
from hbh_indicatie.engine import compute
from hbh_indicatie.errors import HbhError, RuleConflict
from hbh_indicatie.loading.norms import LoadedNorms
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.rules import afronding
from tests.builders import housemate
from tests.strategies import (
    CATEGORIES,
    LEVELS,
    ability_rank,
    ability_value,
    cases,
    long_absences,
    without_absence,
)
from tests.strategies import housemates as housemate_strategy

SETTINGS = settings(max_examples=100, deadline=None)


def _run(data: dict[str, Any], norms: LoadedNorms) -> Indication:
    return compute(case_from_dict(data), norms)


def _timeline(ind: Indication) -> list[tuple[date, date | None, Fraction]]:
    return [(p.van, p.tot, p.minuten_exact) for p in ind.perioden]


def _with_housemate(data: dict[str, Any], person: dict[str, Any], first: bool) -> dict[str, Any]:
    """A copy of ``data`` with ``person`` added first or last among the housemates."""
    variant = copy.deepcopy(data)
    others = variant["huisgenoten"]
    variant["huisgenoten"] = [person, *others] if first else [*others, person]
    return variant


def _capable_adult(name: str = "Gezond", relation: str = "partner", age: int = 50) -> dict[str, Any]:
    return housemate(name, relation, age)


@SETTINGS
@given(data=cases(terminal=False),
       relation=st.sampled_from(("partner", "kind", "ouder", "ander_familielid", "huisgenoot")),
       age=st.integers(18, 90), first=st.booleans())
def test_capable_adult_leaves_no_help_at_start(
    protocol_norms: LoadedNorms, data: dict[str, Any], relation: str, age: int, first: bool
) -> None:
    """(a) §2: a capable adult housemate (present, not overburdened, used to housework, no
    terminal relief) takes over every line: no help minutes at the start date, wherever the
    housemate stands in the list."""
    mate = _capable_adult(relation=relation, age=age)
    ind = _run(_with_housemate(data, mate, first), protocol_norms)
    for act in ind.activiteiten:
        if act.soort == "instructie":
            continue  # instructie for another, inexperienced housemate is not household work
        assert act.hulp_minuten_per_week == 0, (act.id, act.hulp_minuten_per_week)


@SETTINGS
@given(data=cases(), category=st.sampled_from(CATEGORIES),
       levels=st.lists(st.tuples(st.sampled_from(LEVELS), st.integers(1, 99)), min_size=2,
                       max_size=2))
def test_more_own_capability_never_raises_hours(
    protocol_norms: LoadedNorms, data: dict[str, Any], category: str,
    levels: list[tuple[str, int]],
) -> None:
    """(b) §1.6: raising what the client can do herself in one category never raises the
    help, in total or for any activity, on any day."""
    low, high = sorted(levels, key=lambda t: ability_rank(*t))
    weaker, stronger = copy.deepcopy(data), copy.deepcopy(data)
    weaker["client"]["zelf"][category] = ability_value(*low)
    stronger["client"]["zelf"][category] = ability_value(*high)
    before, after = _run(weaker, protocol_norms), _run(stronger, protocol_norms)
    assert after.afronding.exact <= before.afronding.exact
    assert after.totaal_minuten_per_week <= before.totaal_minuten_per_week
    help_before = {a.id: a.hulp_minuten_per_week for a in before.activiteiten}
    for act in after.activiteiten:
        assert act.hulp_minuten_per_week <= help_before[act.id], act.id


@SETTINGS
@given(data=cases())
def test_totals_add_up(protocol_norms: LoadedNorms, data: dict[str, Any]) -> None:
    """(c) The exact total is the sum of the activities' help; the rounded total is the
    norm set's rounding of it; the explanation's steps add up to the rounded total."""
    ind = _run(data, protocol_norms)
    exact = sum((a.hulp_minuten_per_week for a in ind.activiteiten), Fraction(0))
    assert ind.afronding.exact == exact
    rounding = protocol_norms.norms.rounding
    assert ind.totaal_minuten_per_week == afronding.round_minutes(exact, rounding)
    assert ind.afronding.afgerond == ind.totaal_minuten_per_week
    steps = sum((s.minuten_per_week for s in ind.uitleg), Fraction(0))
    assert steps == ind.totaal_minuten_per_week
    last = ind.uitleg[-1]
    assert last.regel == "afronding"
    assert last.minuten_per_week == ind.totaal_minuten_per_week - exact
    for period in ind.perioden:
        assert period.minuten_per_week == afronding.round_minutes(period.minuten_exact, rounding)
    if ind.perioden:
        assert ind.perioden[0].minuten_exact == exact


@SETTINGS
@given(data=cases())
def test_help_within_zero_and_norm(protocol_norms: LoadedNorms, data: dict[str, Any]) -> None:
    """(d) Help minutes are never negative and never more than the activity's norm; the
    shares of an activity never carry negative minutes."""
    ind = _run(data, protocol_norms)
    for act in ind.activiteiten:
        assert 0 <= act.hulp_minuten_per_week <= act.norm_minuten_per_week, act.id
        assert all(s.minuten_per_week >= 0 for s in act.verdeling), act.id
    for period in ind.perioden:
        assert period.minuten_exact >= 0


@settings(max_examples=40, deadline=None)
@given(data=cases())
def test_same_case_same_json(protocol_norms: LoadedNorms, data: dict[str, Any]) -> None:
    """(e) Deterministic: the same case gives byte-identical JSON, also from a fresh parse."""
    first = render_json(_run(data, protocol_norms))
    second = render_json(_run(copy.deepcopy(data), protocol_norms))
    assert first == second


@SETTINGS
@given(data=cases(), mate=housemate_strategy("Afwezig"), absence=long_absences,
       first=st.booleans())
def test_long_absence_means_no_usual_help(
    protocol_norms: LoadedNorms, data: dict[str, Any], mate: dict[str, Any],
    absence: dict[str, int], first: bool,
) -> None:
    """(f) §2.2: a housemate absent for work 7 etmalen or more in a row gives no usual help:
    the indication equals that with the same housemate marked 'kan_huishouden: nee'
    (household size, and so the norms, stay the same)."""
    absent = {**without_absence(mate), "afwezigheid_werk": absence}
    unable = {k: v for k, v in absent.items() if k != "kan_overnemen"}
    unable["kan_huishouden"] = "nee"
    results = []
    for person in (absent, unable):
        results.append(_run(_with_housemate(data, person, first), protocol_norms))
    with_absent, with_unable = results
    assert with_absent.afronding.exact == with_unable.afronding.exact
    assert _timeline(with_absent) == _timeline(with_unable)
    assert with_absent.einddatum == with_unable.einddatum


@SETTINGS
@given(data=cases())
def test_supplements_never_exceed_their_cap(protocol_norms: LoadedNorms, data: dict[str, Any]) -> None:
    """(g) §3/§4.6: a toeslag never exceeds its maximum (huisstofmijt: 2 hours = 120)."""
    ind = _run(data, protocol_norms)
    caps = {s.id: s.cap_minutes_per_week for s in protocol_norms.norms.supplements}
    seen = 0
    for act in ind.activiteiten:
        if act.soort != "toeslag":
            continue
        seen += 1
        cap = caps[act.id]
        if cap is not None:
            assert act.norm_minuten_per_week <= cap, act.id
        if act.id == "toeslag_huisstofmijt":
            assert act.norm_minuten_per_week <= 120
    for step in ind.uitleg:
        if step.regel.startswith("toeslag."):
            cap = caps[step.regel.removeprefix("toeslag.")]
            assert cap is None or step.minuten_per_week <= cap, step.regel
    assert seen == sum(1 for s in ind.uitleg if s.regel.startswith("toeslag."))


@SETTINGS
@given(data=cases(), mate=housemate_strategy("Kamerhuurder"), first=st.booleans())
def test_lodger_with_contract_is_not_household(
    protocol_norms: LoadedNorms, data: dict[str, Any], mate: dict[str, Any], first: bool
) -> None:
    """§1.2/§4.6.1: a lodger with a rental contract does not belong to the household: the
    indication is the same as without that person, whatever they can do."""
    lodger = {**mate, "relatie": "kamerhuurder", "huurovereenkomst": True,
              "leeftijd": max(int(mate["leeftijd"]), 18)}
    without = _run(data, protocol_norms)
    with_lodger = _run(_with_housemate(data, lodger, first), protocol_norms)
    assert with_lodger.afronding.exact == without.afronding.exact
    assert _timeline(with_lodger) == _timeline(without)
    assert {a.id: a.hulp_minuten_per_week for a in with_lodger.activiteiten} == {
        a.id: a.hulp_minuten_per_week for a in without.activiteiten
    }


def _help_on(ind: Indication, day: date) -> Fraction:
    """Exact help minutes per week on ``day`` (0 outside every period of the indication)."""
    for period in ind.perioden:
        if period.van <= day and (period.tot is None or day <= period.tot):
            return period.minuten_exact
    return Fraction(0)


@SETTINGS
@given(data=cases(), mate=housemate_strategy("Overbelast", adult=True), first=st.booleans())
def test_overburdened_housemate_is_temporary(
    protocol_norms: LoadedNorms, data: dict[str, Any], mate: dict[str, Any], first: bool
) -> None:
    """§2.1: while the term runs, an overburdened housemate gives no usual help (as if
    'kan_huishouden: nee'); after the term the housemate takes over again (as if not
    overburdened). Nobody else's usual help is replaced by the temporary help."""
    base = {**mate, "ongewend_aan_huishouden": False}
    variants = {
        "overbelast": {**base, "overbelast": True},
        "kan_niet": {**{k: v for k, v in base.items() if k != "kan_overnemen"},
                     "kan_huishouden": "nee", "overbelast": False},
        "niet_overbelast": {**base, "overbelast": False},
    }
    results: dict[str, Indication] = {}
    for key, person in variants.items():
        results[key] = _run(_with_housemate(data, person, first), protocol_norms)
    start = results["overbelast"].ingangsdatum
    assert _help_on(results["overbelast"], start) == _help_on(results["kan_niet"], start)
    after = start + timedelta(days=200)  # the shipped overburden term is 3 months
    assert _help_on(results["overbelast"], after) == _help_on(results["niet_overbelast"], after)



@SETTINGS
@given(data=cases(), order=st.randoms(use_true_random=False))
def test_order_of_housemates_does_not_matter(
    protocol_norms: LoadedNorms, data: dict[str, Any], order: Any
) -> None:
    """§2: who is expected to help follows from the facts, not from the order in the file."""
    shuffled = copy.deepcopy(data)
    order.shuffle(shuffled["huisgenoten"])
    first, second = _run(data, protocol_norms), _run(shuffled, protocol_norms)
    assert _timeline(first) == _timeline(second)
    assert first.einddatum == second.einddatum
    assert first.herindicatiedatum == second.herindicatiedatum


@SETTINGS
@given(data=cases())
def test_periods_form_a_timeline(protocol_norms: LoadedNorms, data: dict[str, Any]) -> None:
    """The periods start at the ingangsdatum, follow each other day by day without gaps or
    overlap, and the last one ends on the einddatum (open-ended when there is none)."""
    ind = _run(data, protocol_norms)
    assert ind.perioden[0].van == ind.ingangsdatum
    for before, after in zip(ind.perioden, ind.perioden[1:], strict=False):
        assert before.tot is not None
        assert after.van == before.tot + timedelta(days=1)
    assert ind.perioden[-1].tot == ind.einddatum
    if ind.herindicatiedatum is not None and ind.einddatum is not None:
        assert ind.herindicatiedatum <= ind.einddatum
    for part in ind.tijdelijke_delen:
        assert part.tot >= ind.ingangsdatum and part.minuten_per_week > 0


@SETTINGS
@given(data=cases(terminal=False), relieve=st.lists(st.sampled_from(CATEGORIES), min_size=1,
                                                       max_size=5, unique=True))
def test_terminal_relief_only_adds_help(
    protocol_norms: LoadedNorms, data: dict[str, Any], relieve: list[str]
) -> None:
    """§4.5: relieving the housemates of tasks in a terminal situation never lowers the help
    with household work, and relieving more tasks never gives less. (Instructie, §1.3, is for
    the work a housemate actually takes over, so relief may end the need for it.)"""
    plain = _run(copy.deepcopy(data), protocol_norms)
    data["terminale_situatie"] = {"van_toepassing": True,
                                  "ontlasten": {"categorieen": relieve[:1]}}
    some = _run(copy.deepcopy(data), protocol_norms)
    data["terminale_situatie"]["ontlasten"] = {"categorieen": relieve}
    more = _run(data, protocol_norms)
    assert _household_help(plain) <= _household_help(some) <= _household_help(more)


def _household_help(ind: Indication) -> Fraction:
    """Help minutes per week with household work on the start date (instructie left out)."""
    return sum((a.hulp_minuten_per_week for a in ind.activiteiten if a.soort != "instructie"),
               Fraction(0))


@SETTINGS
@given(data=cases(), minutes=st.integers(-600, 600).filter(lambda m: m != 0))
def test_deviation_never_lifts_a_supplement_over_its_cap(
    protocol_norms: LoadedNorms, data: dict[str, Any], minutes: int
) -> None:
    """§3 deviations versus §4.6 'maximaal 2 uur extra': a deviation on the huisstofmijt
    toeslag that would pass its maximum is a rule conflict, never a silent excess."""
    sup = next(s for s in protocol_norms.norms.supplements if s.id == "toeslag_huisstofmijt")
    assert sup.amount is not None and sup.cap_minutes_per_week is not None
    data["huisstofmijt"] = {"allergie": True, "sanering_uitgevoerd": True}
    data["afwijkingen"] = [{"activiteit": sup.id, "minuten_per_week": minutes,
                            "motivering": "Gemotiveerde afwijking van de richtlijn (test)."}]
    wanted = Fraction(sup.amount) + minutes
    if wanted > sup.cap_minutes_per_week:
        with pytest.raises(RuleConflict) as info:
            _run(data, protocol_norms)
        assert set(info.value.paragraphs) == {"§3", sup.paragraph}
    elif wanted < 0:
        with pytest.raises(HbhError):
            _run(data, protocol_norms)
    else:
        ind = _run(data, protocol_norms)
        line = next(a for a in ind.activiteiten if a.id == sup.id)
        assert line.norm_minuten_per_week == wanted <= sup.cap_minutes_per_week


@SETTINGS
@given(data=cases())
def test_child_care_only_with_children(protocol_norms: LoadedNorms, data: dict[str, Any]) -> None:
    """'Zorg voor kinderen' needs children in the household, also when a norm set (an import
    without per_kind columns) gives child care as a fixed amount per household."""
    from hbh_indicatie.models.common import Category

    acts = tuple(a.model_copy(update={"per_child": None}) if a.category is Category.CHILDREN else a
                 for a in protocol_norms.norms.activities)
    fixed = LoadedNorms(protocol_norms.norms.model_copy(update={"activities": acts}),
                        "per-huishouden.yaml", "0" * 64)
    try:
        ind = _run(data, fixed)
    except HbhError:
        return
    care = {a.id for a in ind.activiteiten if a.categorie is Category.CHILDREN}
    case = case_from_dict(data)
    children = [h for h in case.housemates if h.in_household and not h.is_adult]
    assert care == ({a.id for a in acts if a.category is Category.CHILDREN} if children else set())


@SETTINGS
@given(data=cases())
def test_aid_steps_state_the_case_facts(protocol_norms: LoadedNorms, data: dict[str, Any]) -> None:
    """An explanation step about a hulpmiddel says 'aanwezig' exactly when the case says so
    (a feasible aid that arrives before the start date is 'haalbaar', not 'aanwezig')."""
    try:
        ind = _run(data, protocol_norms)
    except HbhError:
        return
    present = {a["soort"]: a["aanwezig"] for a in data["hulpmiddelen"]}
    for step in ind.uitleg:
        if not step.regel.startswith("hulpmiddel.") or "hulpmiddel" not in step.feiten:
            continue
        name = step.feiten["hulpmiddel"]
        assert step.feiten["aanwezig"] == ("ja" if present[name] else "nee"), step
        assert ("is aanwezig" in step.tekst) == bool(present[name]), step.tekst
