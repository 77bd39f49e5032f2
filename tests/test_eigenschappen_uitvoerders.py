"""Property tests for who carries the work (issue 11, points 4-9): absence patterns (§2.2),
the other parent (§4.4), private help and network (§1.6), long-term overburden (§2.1),
short-term situations (B2.1), aids and instructie (§1.4, §1.3), and list order.

Kept apart from tests/test_eigenschappen.py (same strategies, same helpers) so each file stays
small; every property names the paragraph whose invariant it checks.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hbh_indicatie.api import case_from_dict
from hbh_indicatie.engine import compute
from hbh_indicatie.errors import HbhError
from hbh_indicatie.loading.cases import load_case
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.models.norm_set import NormSet
from tests.strategies import (
    CATEGORIES,
    FAMILY,
    FINDING_LEVELS,
    OTHERS,
    REFERENCE,
    cases,
    fit_residents,
    patterns,
    selections,
    without_absence,
)
from tests.strategies import housemates as housemate_strategy

SETTINGS = settings(max_examples=80, deadline=None)
ROOT = Path(__file__).resolve().parent.parent


def _run(data: dict[str, Any], norms: LoadedNorms) -> Indication:
    """Compute ``data``; common rooms (§1.2) count the household's members among their
    'bewoners', so a housemate a property adds raises that count where needed (the variants a
    property compares have the same household, so they get the same count)."""
    return compute(case_from_dict(fit_residents(data)), norms)


def _exact(ind: Indication) -> Fraction:
    return ind.afronding.exact


def _help_on(ind: Indication, day: date) -> Fraction:
    for period in ind.perioden:
        if period.van <= day and (period.tot is None or day <= period.tot):
            return period.minuten_exact
    return Fraction(0)


def _per_activity(ind: Indication) -> dict[str, Fraction]:
    return {a.id: a.hulp_minuten_per_week for a in ind.activiteiten}


def _not_more(after: Indication, before: Indication) -> None:
    """``after`` gives no more help than ``before``: in total, rounded, per activity."""
    assert _exact(after) <= _exact(before)
    assert after.totaal_minuten_per_week <= before.totaal_minuten_per_week
    help_before = _per_activity(before)
    for act_id, minutes in _per_activity(after).items():
        assert minutes <= help_before.get(act_id, Fraction(0)), act_id


def _household_help(ind: Indication) -> dict[str, Fraction]:
    """Help per activity of household work (instructie left out)."""
    return {a.id: a.hulp_minuten_per_week for a in ind.activiteiten if a.soort != "instructie"}


def _not_more_household_work(after: Indication, before: Indication) -> None:
    """For facts that make a housemate take over *more*: no more help with household work, in
    total and per activity. (Instructie, §1.3, is extra help for a housemate not used to
    household work who takes work over, so more work for the housemate may bring it.)"""
    help_before, help_after = _household_help(before), _household_help(after)
    assert sum(help_after.values(), Fraction(0)) <= sum(help_before.values(), Fraction(0))
    for act_id, minutes in help_after.items():
        assert minutes <= help_before.get(act_id, Fraction(0)), act_id


# --- list order ------------------------------------------------------------------------------

deviation_pairs = st.tuples(
    st.sampled_from(("stofzuigen", "dweilen", "sanitair", "keuken")),
    st.integers(-40, -1), st.integers(1, 40),
)


def _shuffle_lists(value: Any, rnd: Any) -> Any:
    """A deep copy of a case dict with every list in it shuffled (task selections, absence
    patterns, housemates, aids, provisions, network, deviations, dysfunction)."""
    if isinstance(value, dict):
        return {k: _shuffle_lists(v, rnd) for k, v in value.items()}
    if isinstance(value, list):
        items = [_shuffle_lists(v, rnd) for v in value]
        rnd.shuffle(items)
        return items
    return value


@SETTINGS
@given(data=cases(), pairs=st.lists(deviation_pairs, max_size=2), order=st.randoms(use_true_random=False))
def test_order_of_any_list_never_changes_the_result(
    protocol_norms: LoadedNorms, data: dict[str, Any], pairs: list[tuple[str, int, int]],
    order: Any,
) -> None:
    """No list in a case is an order of preference: shuffling every list (deviations
    included: two deviations of one activity count by their sum, whichever comes first) gives
    the same indication, down to who does what per activity."""
    data["afwijkingen"] = [
        {"activiteit": act, "minuten_per_week": minutes,
         "motivering": "Gemotiveerde afwijking van de richtlijn (test)."}
        for act, down, up in pairs for minutes in (down, up)
    ]
    shuffled = _shuffle_lists(data, order)
    try:
        first = _run(data, protocol_norms)
    except HbhError as error:  # then the same error whatever the order
        with pytest.raises(type(error)):
            _run(shuffled, protocol_norms)
        return
    second = _run(shuffled, protocol_norms)
    assert _exact(first) == _exact(second)
    assert [(p.van, p.tot, p.minuten_exact) for p in first.perioden] == \
        [(p.van, p.tot, p.minuten_exact) for p in second.perioden]
    assert first.einddatum == second.einddatum
    assert first.herindicatiedatum == second.herindicatiedatum
    assert first.voorlopig == second.voorlopig
    assert set(first.onbekende_feiten) == set(second.onbekende_feiten)
    assert {(w.code, w.tekst) for w in first.waarschuwingen} == \
        {(w.code, w.tekst) for w in second.waarschuwingen}
    assert sorted(first.activiteiten, key=lambda a: a.id) == \
        sorted(second.activiteiten, key=lambda a: a.id)


# --- §2.2 absence -----------------------------------------------------------------------------

def _finding_value(level: str, share: int) -> Any:
    return {"gedeeltelijk": share} if level == "gedeeltelijk" else level


@SETTINGS
@given(data=cases(), mate=housemate_strategy("Deels", adult=True),
       pats=st.lists(patterns.filter(lambda p: p["vanwege"] != "nachtdienst"
                                     and not (p["vanwege"] == "werk" and p["etmalen"] >= 7)),
                     min_size=1, max_size=2),
       levels=st.lists(st.tuples(st.sampled_from(FINDING_LEVELS), st.integers(1, 99)),
                       min_size=2, max_size=2))
def test_more_uitstelbaar_taken_over_never_raises_hours(
    protocol_norms: LoadedNorms, data: dict[str, Any], mate: dict[str, Any],
    pats: list[dict[str, Any]], levels: list[tuple[str, int]],
) -> None:
    """§2.2 "in hoeverre de huisgenoot een deel van de (uitstelbare) taken al dan niet kan
    overnemen": a finding that the housemate takes more of the uitstelbare work on the days at
    home never raises the help."""
    if sum(Fraction(p["etmalen"], 7 * p["per_weken"]) for p in pats) > 1:
        pats = pats[:1]
    low, high = sorted(levels, key=lambda t: (FINDING_LEVELS.index(t[0]),
                                              t[1] if t[0] == "gedeeltelijk" else 0))
    results = []
    for level in (low, high):
        person = {**without_absence(mate), "afwezigheid": pats,
                  "uitstelbaar_op_thuisdagen": _finding_value(*level)}
        variant = copy.deepcopy(data)
        variant["huisgenoten"] = [*variant["huisgenoten"], person]
        results.append(_run(variant, protocol_norms))
    _not_more_household_work(results[1], results[0])


@SETTINGS
@given(data=cases(), mate=housemate_strategy("Taken", adult=True),
       nights=st.integers(1, 6), some=st.lists(st.sampled_from(CATEGORIES), min_size=1,
                                                max_size=3, unique=True),
       more=st.lists(st.sampled_from(CATEGORIES), max_size=3, unique=True))
def test_more_uitstelbare_tasks_named_never_raises_hours(
    protocol_norms: LoadedNorms, data: dict[str, Any], mate: dict[str, Any], nights: int,
    some: list[str], more: list[str],
) -> None:
    """§2.2: a finding that names more uitstelbare tasks the housemate takes over on the days
    at home never raises the help."""
    results = []
    for chosen in (some, sorted(set(some) | set(more))):
        person = {**without_absence(mate),
                  "afwezigheid": [{"etmalen": nights, "per_weken": 1, "vanwege": "werk"}],
                  "uitstelbaar_op_thuisdagen": {"categorieen": chosen}}
        variant = copy.deepcopy(data)
        variant["huisgenoten"] = [*variant["huisgenoten"], person]
        results.append(_run(variant, protocol_norms))
    _not_more_household_work(results[1], results[0])


@SETTINGS
@given(data=cases(), mate=housemate_strategy("Nacht", adult=True),
       nights=st.integers(1, 7), first=st.booleans())
def test_night_shifts_are_no_absence(
    protocol_norms: LoadedNorms, data: dict[str, Any], mate: dict[str, Any], nights: int,
    first: bool,
) -> None:
    """§2.2 is about etmalen away from home: a housemate who only works night shifts gives
    the same usual help as one who is never away."""
    home = {**without_absence(mate), "afwezigheid": "geen"}
    nightly = {**without_absence(mate),
               "afwezigheid": [{"etmalen": nights, "per_weken": 1, "vanwege": "nachtdienst"}]}
    results = []
    for person in (home, nightly):
        variant = copy.deepcopy(data)
        others = variant["huisgenoten"]
        variant["huisgenoten"] = [person, *others] if first else [*others, person]
        results.append(_run(variant, protocol_norms))
    assert _exact(results[0]) == _exact(results[1])
    assert _per_activity(results[0]) == _per_activity(results[1])


@SETTINGS
@given(data=cases(), mate=housemate_strategy("Weg"), weeks=st.integers(1, 4),
       nights=st.integers(7, 28))
def test_seven_etmalen_for_work_in_any_pattern_means_no_usual_help(
    protocol_norms: LoadedNorms, data: dict[str, Any], mate: dict[str, Any], weeks: int,
    nights: int,
) -> None:
    """§2.2: away for work in uninterrupted periods of 7 etmalen, however often ("7 nachten om
    de week"), is the same as a housemate who cannot help."""
    nights = min(nights, 7 * weeks)
    away = {**without_absence(mate),
            "afwezigheid": [{"etmalen": nights, "per_weken": weeks, "vanwege": "werk"}]}
    unable = {k: v for k, v in away.items() if k != "kan_overnemen"}
    unable["kan_huishouden"] = "nee"
    results = []
    for person in (away, unable):
        variant = copy.deepcopy(data)
        variant["huisgenoten"] = [*variant["huisgenoten"], person]
        results.append(_run(variant, protocol_norms))
    assert _exact(results[0]) == _exact(results[1])
    assert [(p.van, p.tot, p.minuten_exact) for p in results[0].perioden] == \
        [(p.van, p.tot, p.minuten_exact) for p in results[1].perioden]


# --- §4.4 the other parent --------------------------------------------------------------------

@SETTINGS
@given(data=cases(), tasks=selections, shares=st.lists(st.integers(0, 100), min_size=2,
                                                        max_size=2))
def test_more_time_with_the_client_never_lowers_hours(
    protocol_norms: LoadedNorms, data: dict[str, Any], tasks: dict[str, Any], shares: list[int],
) -> None:
    """§4.4 "Voor die perioden dat de kinderen bij de verzorgende -uitgevallen- ouder zijn kan
    er dan een indicatie voor opvang zijn": a larger share of the time with the client never
    gives less help; a parent who visibly does not keep to the arrangement (éénoudergezin)
    gives at least as much help as any share."""
    low, high = sorted(shares)
    results = []
    for share, kept in ((low, True), (high, True), (high, False)):
        variant = copy.deepcopy(data)
        variant["netwerk"] = [*variant["netwerk"], {
            "naam": "Andere ouder", "relatie": "andere_ouder", "neemt_over": tasks,
            "kinderen_bij_client_procent": share, "omgangsregeling_nagekomen": kept}]
        results.append(_run(variant, protocol_norms))
    _not_more(results[0], results[1])
    _not_more(results[1], results[2])


# --- §1.6 private help and network ------------------------------------------------------------

@SETTINGS
@given(data=cases(), relation=st.sampled_from((*FAMILY, *OTHERS)), tasks=selections,
       share=st.none() | st.integers(1, 100))
def test_adding_a_sustainable_network_member_never_raises_hours(
    protocol_norms: LoadedNorms, data: dict[str, Any], relation: str, tasks: dict[str, Any],
    share: int | None,
) -> None:
    """§1.6: someone from the network who lastingly takes over tasks never raises the help."""
    member: dict[str, Any] = {"naam": "Erbij", "relatie": relation, "neemt_over": tasks,
                              "bereid": True}
    if relation in OTHERS:
        member["duurzaam"] = True
    if share is not None:
        member["aandeel_procent"] = share
    before = _run(data, protocol_norms)
    data["netwerk"] = [*data["netwerk"], member]
    _not_more(_run(data, protocol_norms), before)


@SETTINGS
@given(data=cases(), relation=st.sampled_from(OTHERS), tasks=selections,
       sustainable=st.sampled_from((False, "onbekend")))
def test_willing_alone_is_not_enough(
    protocol_norms: LoadedNorms, data: dict[str, Any], relation: str, tasks: dict[str, Any],
    sustainable: bool | str,
) -> None:
    """§1.6 (and seed 004 on informal carers): a friend or volunteer who is willing but not
    (known to be) able to keep it up lastingly does not lower the help."""
    before = _run(data, protocol_norms)
    data["netwerk"] = [*data["netwerk"], {"naam": "Bereid", "relatie": relation,
                                          "neemt_over": tasks, "bereid": True,
                                          "duurzaam": sustainable}]
    after = _run(data, protocol_norms)
    assert _exact(after) == _exact(before)
    assert after.voorlopig == (before.voorlopig or sustainable == "onbekend")


@SETTINGS
@given(data=cases(), tasks=selections, changed=st.sampled_from((True, False, "onbekend")))
def test_continued_private_help_always_counts(
    protocol_norms: LoadedNorms, data: dict[str, Any], tasks: dict[str, Any],
    changed: bool | str,
) -> None:
    """§1.6: a change of finances alone never discards private help the client continues; only
    stopping it with changed finances can lead to an award (never less help than continuing)."""
    def with_help(continued: bool, finances: bool | str) -> Indication:
        variant = copy.deepcopy(data)
        variant["particuliere_hulp"] = {"aanwezig": True, "financien_gewijzigd": finances,
                                        "wordt_voortgezet": continued, "taken": tasks}
        return _run(variant, protocol_norms)

    kept_changed, kept_same = with_help(True, changed), with_help(True, False)
    assert _per_activity(kept_changed) == _per_activity(kept_same)
    _not_more(kept_changed, with_help(False, True))


# --- §2.1 after a temporary indication --------------------------------------------------------

@SETTINGS
@given(data=cases(), mate=housemate_strategy("Overbelast", adult=True))
def test_long_term_overburden_is_like_unable_on_every_day(
    protocol_norms: LoadedNorms, data: dict[str, Any], mate: dict[str, Any],
) -> None:
    """§2.1: after a temporary indication, when the overburden proves impossible to reduce,
    the housemate gives no usual help for the long term: on every day the same help as with
    'kan_huishouden: nee'; the temporary indication before it gives the same at the start."""
    base = {**mate, "ongewend_aan_huishouden": False}
    previous = {"tot": (REFERENCE - timedelta(days=1)).isoformat(),
                "pogingen": "Respijtzorg en dagbesteding geprobeerd, zonder resultaat.",
                "overbelasting_niet_te_verminderen": True}
    variants = {
        "langdurig": {**base, "overbelast": True, "eerdere_tijdelijke_indicatie": previous},
        "tijdelijk": {**base, "overbelast": True},
        "kan_niet": {**{k: v for k, v in base.items() if k != "kan_overnemen"},
                     "kan_huishouden": "nee", "overbelast": False},
    }
    results: dict[str, Indication] = {}
    for key, person in variants.items():
        variant = copy.deepcopy(data)
        variant["huisgenoten"] = [*variant["huisgenoten"], person]
        results[key] = _run(variant, protocol_norms)
    start = results["langdurig"].ingangsdatum
    for day in (start, start + timedelta(days=200), start + timedelta(days=800)):
        assert _help_on(results["langdurig"], day) == _help_on(results["kan_niet"], day), day
    assert _help_on(results["langdurig"], start) == _help_on(results["tijdelijk"], start)
    assert results["langdurig"].einddatum == results["kan_niet"].einddatum


# --- B2.1 short-term --------------------------------------------------------------------------

@SETTINGS
@given(data=cases(), days=st.integers(1, 80))
def test_short_term_never_more_help_at_start_than_long_term(
    protocol_norms: LoadedNorms, data: dict[str, Any], days: int,
) -> None:
    """B2.1 "In kortdurende situaties moet alle begeleiding door de gebruikelijke
    hulpverlener worden geboden": the same case labelled kortdurend (recovery within the
    term) never gives more help with household work on the start date than langdurig."""
    client = data["client"]
    client.update({"duur_beperkingen": "langdurig", "verwacht_herstel": None, "revalidatie": None})
    long_term = _run(data, protocol_norms)
    client.update({"duur_beperkingen": "kortdurend",
                   "verwacht_herstel": (REFERENCE + timedelta(days=days)).isoformat()})
    short = _run(data, protocol_norms)
    _not_more_household_work(short, long_term)
    assert not any(w.code == "kortdurend_herstel_na_termijn" for w in short.waarschuwingen)


# --- §1.4 aids, §1.3 instructie ---------------------------------------------------------------

@SETTINGS
@given(data=cases())
def test_an_afdoende_finding_never_raises_hours(
    protocol_norms: LoadedNorms, data: dict[str, Any],
) -> None:
    """§1.4 "geen indicatie ... als de problemen van de cliënt afdoende kunnen worden opgelost
    met technische hulpmiddelen": finding an aid afdoende never raises the help, on any day,
    and an afdoende aid that is there covers its activities' toeslag parts too (issue 11:
    the extra vacuuming for a pet is vacuuming)."""
    base = copy.deepcopy(data)
    for aid in base["hulpmiddelen"]:
        aid.pop("afdoende", None)
    before = _run(base, protocol_norms)
    for aid in base["hulpmiddelen"]:
        if aid["aanwezig"] is True or aid.get("haalbaar") is True:
            aid["afdoende"] = True
    after = _run(base, protocol_norms)
    _not_more(after, before)
    for period in before.perioden:
        assert _help_on(after, period.van) <= period.minuten_exact
    norms = protocol_norms.norms
    present = {a["soort"] for a in base["hulpmiddelen"] if a["aanwezig"] is True}
    for act in after.activiteiten:
        extended = _extended_activity(act.id, after, norms)
        served = norms.activity(extended) if extended is not None else None
        if served is not None and any(r.aid is not None and r.aid.value in present
                                      for r in served.replaceable_by):
            assert act.hulp_minuten_per_week == 0, act.id


def _extended_activity(line_id: str, ind: Indication, norms: NormSet) -> str | None:
    """The activity a toeslag part extends ('<toeslag>.<activiteit>', or a toeslag with one
    part: the one activity it extends in this household); None for anything else."""
    if "." in line_id:
        return line_id.split(".", 1)[1]
    sup = next((s for s in norms.supplements if s.id == line_id and s.kind == "toeslag"), None)
    if sup is None:
        return None
    ids = {a.id for a in ind.activiteiten}
    return next(a.id for a in norms.extended_by(sup) if a.id in ids)


def test_afdoende_aid_covers_a_toeslag_part_in_case_50(
    protocol_norms: LoadedNorms,
) -> None:
    """The property above is not vacuous: the shipped case 50 has such a part, covered."""
    ind = compute(load_case(ROOT / "cases" / "50-hulpmiddel-afdoende-ook-toeslag.yaml"),
                  protocol_norms)
    part = next(a for a in ind.activiteiten if a.id == "toeslag_huisdier.stofzuigen")
    assert part.hulp_minuten_per_week == 0 and part.norm_minuten_per_week > 0
    assert [s.uitvoerder.value for s in part.verdeling] == ["hulpmiddel"]


@SETTINGS
@given(data=cases())
def test_instructie_only_for_housemates_who_carry_work(
    protocol_norms: LoadedNorms, data: dict[str, Any],
) -> None:
    """§1.3: instructie goes only to a housemate who is not used to household work and takes
    over work as usual help from the start date (children too)."""
    ind = _run(data, protocol_norms)
    start = ind.ingangsdatum
    carried: dict[str, Fraction] = {}
    for act in ind.activiteiten:
        for share in act.verdeling:
            if share.uitvoerder == "huisgenoot" and share.persoon and \
                    (share.van is None or share.van <= start):
                carried[share.persoon] = carried.get(share.persoon, Fraction(0)) + \
                    share.minuten_per_week
    inexperienced = {m["naam"] for m in data["huisgenoten"] if m["ongewend_aan_huishouden"]}
    instructed = {s.persoon for a in ind.activiteiten if a.soort == "instructie"
                  for s in a.verdeling}
    assert instructed == {n for n in inexperienced if carried.get(n, 0) > 0}


@SETTINGS
@given(data=cases())
def test_overbrugging_cites_the_aid_paragraph(
    protocol_norms: LoadedNorms, data: dict[str, Any],
) -> None:
    """§1.4 "(er is dus een vorm van overbruggingszorg)": every temporary part for overbrugging
    and every help share of it cites §1.4, never §3."""
    ind = _run(data, protocol_norms)
    for part in ind.tijdelijke_delen:
        if part.reden.value == "overbrugging":
            assert part.paragraaf == "§1.4"
    for act in ind.activiteiten:
        for share in act.verdeling:
            if share.uitvoerder == "hulp" and share.reden is not None and \
                    share.reden.value == "overbrugging":
                assert share.paragraaf == "§1.4", act.id

