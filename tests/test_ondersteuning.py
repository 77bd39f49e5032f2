"""Issue 17: modes of support, the oefenplan, carer agreements, the ZRM signal, herindicatie
dates. Property tests over generated valid cases (tests/strategies.py) plus a few examples.

Invariants:

* a plan's help over time never exceeds taking everything over for the same period, unless the
  norm set says a mode costs more, and then only by that mode's stated factor;
* after the plan the client does the planned activities: the help for them is 0;
* a recorded mode scales the help's share of an activity by exactly the norm set's factor;
* adding a willing, sustainable carer (network) never raises the hours, at the start or in
  any period;
* the ZRM never changes a minute; it only signals;
* the herindicatie dates are in order, within the indication, and the plan's end is one.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hbh_indicatie.api import case_from_dict
from hbh_indicatie.engine import compute
from hbh_indicatie.errors import HbhError, InputError
from hbh_indicatie.loading.norm_sets import LoadedNorms
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.rules import oefenplan
from tests.builders import BASE_CASE
from tests.strategies import ACTIVITIES, CATEGORIES, cases, selections

SETTINGS = settings(max_examples=60, deadline=None)
MODES = ("overnemen", "hulp_en_ondersteuning", "stimuleren_en_aanleren", "toezicht")
REFERENCE = date(2026, 3, 2)

phases = st.lists(
    st.fixed_dictionaries({"wijze": st.sampled_from(MODES), "weken": st.integers(1, 12)}),
    min_size=1, max_size=4)


def _run(data: dict[str, Any], norms: LoadedNorms) -> Indication:
    return compute(case_from_dict(data), norms)


def _help_over(ind: Indication, first: date, last: date) -> Fraction:
    """Help minutes summed over the days first..last (exact minutes per week / 7 per day)."""
    found = Fraction(0)
    for period in ind.perioden:
        lo = max(period.van, first)
        hi = last if period.tot is None else min(period.tot, last)
        if lo <= hi:
            found += period.minuten_exact * Fraction((hi - lo).days + 1, 7)
    return found


def _activity_help(ind: Indication, ids: set[str], day: date) -> Fraction:
    return sum((s.minuten_per_week for a in ind.activiteiten if a.id in ids for s in a.verdeling
                if s.uitvoerder == "hulp" and (s.van is None or s.van <= day)
                and (s.tot is None or day <= s.tot)), Fraction(0))


def _factor(norms: LoadedNorms, mode: str) -> Fraction:
    factors = norms.norms.mode_factors
    assert factors is not None
    figure = factors.for_mode(mode)
    return Fraction(1) if figure is None else figure.factor


@SETTINGS
@given(data=cases(), plan_tasks=selections, fasen=phases)
def test_a_plan_costs_at_most_taking_over_times_its_largest_factor(
        protocol_norms: LoadedNorms, data: dict[str, Any], plan_tasks: dict[str, Any],
        fasen: list[dict[str, Any]]) -> None:
    planned = copy.deepcopy(data)
    planned["client"]["oefenplan"] = {"taken": plan_tasks, "fasen": fasen}
    # the measure: the same plan with the help taking everything over in every phase
    over = copy.deepcopy(data)
    over["client"]["oefenplan"] = {"taken": plan_tasks, "fasen": [
        {"wijze": "overnemen", "weken": f["weken"]} for f in fasen]}
    try:
        without = _run(over, protocol_norms)
        with_plan = _run(planned, protocol_norms)
    except HbhError:
        return  # a rule conflict or missing fact: the same with and without the plan
    plan = case_from_dict(planned).client.plan
    assert plan is not None
    last = oefenplan.end_date(plan, without.ingangsdatum)
    biggest = max([Fraction(1), *(_factor(protocol_norms, f["wijze"]) for f in fasen)])
    first = without.ingangsdatum
    taken_over = _help_over(without, first, last)
    assert _help_over(with_plan, first, last) <= taken_over * biggest
    if all(f["wijze"] in ("overnemen", "toezicht") for f in fasen):
        assert _help_over(with_plan, first, last) <= taken_over
    # after the plan the help does nothing of the planned activities
    planned_ids = {a.id for a in with_plan.activiteiten
                   if any(s.reden is not None and s.reden.value == "oefenplan" for s in a.verdeling)}
    after = last + timedelta(days=1)
    assert _activity_help(with_plan, planned_ids, after) == 0
    if planned_ids:
        assert with_plan.oefenplan is not None
        assert with_plan.herindicatiedatum is not None and with_plan.herindicatiedatum <= last
        assert any(h.reden == "einde_oefenplan" and h.datum == last
                   for h in with_plan.herindicatiedata) or (
            with_plan.einddatum is not None and with_plan.einddatum < last)


@SETTINGS
@given(data=cases(), mode=st.sampled_from(MODES[1:]), target=st.sampled_from(ACTIVITIES))
def test_a_mode_scales_the_help_by_its_factor(protocol_norms: LoadedNorms, data: dict[str, Any],
                                               mode: str, target: str) -> None:
    data = copy.deepcopy(data)
    if data["client"]["revalidatie"]:  # anti-revaliderend + a mode: see the test further on
        data["client"]["revalidatie"]["anti_revaliderend_voor"] = None
    moded = copy.deepcopy(data)
    moded["client"]["ondersteuningswijze"] = [{"taken": {"activiteiten": [target]}, "wijze": mode}]
    try:
        without = _run(data, protocol_norms)
        with_mode = _run(moded, protocol_norms)
    except HbhError:
        return
    before = {a.id: a.hulp_minuten_per_week for a in without.activiteiten}
    after = {a.id: a.hulp_minuten_per_week for a in with_mode.activiteiten}
    norms = protocol_norms.norms
    single = {s.id: {a.id for a in norms.extended_by(s)} for s in norms.supplements}
    for act in with_mode.activiteiten:
        base = before[act.id]
        # a toeslag that extends the activity is that activity's work (§3): same mode
        chosen = (act.id == target or act.id.endswith(f".{target}")
                  or single.get(act.id) == {target})
        expected = base * _factor(protocol_norms, mode) if chosen else base
        assert after[act.id] == expected, act.id
        if chosen and base > 0:
            assert act.ondersteuningswijze == mode


@SETTINGS
@given(data=cases(), tasks=selections, share=st.none() | st.integers(1, 100),
       mode=st.sampled_from(MODES), category=st.sampled_from(CATEGORIES))
def test_a_sustainable_carer_never_raises_the_hours(
        protocol_norms: LoadedNorms, data: dict[str, Any], tasks: dict[str, Any],
        share: int | None, mode: str, category: str) -> None:
    data = copy.deepcopy(data)
    data["client"]["ondersteuningswijze"] = [{"taken": {"categorieen": [category]}, "wijze": mode}]
    helped = copy.deepcopy(data)
    carer: dict[str, Any] = {"naam": "Mantelzorger", "relatie": "vriend_of_buur",
                             "neemt_over": tasks, "bereid": True, "duurzaam": True,
                             "frequentie": "elke week"}
    if share is not None:
        carer["aandeel_procent"] = share
    helped["netwerk"] = [*helped["netwerk"], carer]
    try:
        without = _run(data, protocol_norms)
        with_carer = _run(helped, protocol_norms)
    except HbhError:
        return
    assert with_carer.afronding.exact <= without.afronding.exact
    start, end = without.ingangsdatum, without.ingangsdatum + timedelta(days=730)
    assert _help_over(with_carer, start, end) <= _help_over(without, start, end)
    agreement = next(a for a in with_carer.afspraken if a.naam == "Mantelzorger")
    assert agreement.duurzaam == "ja" and agreement.frequentie == "elke week"
    assert agreement.telt_mee == any(t.minuten_per_week > 0 for t in agreement.taken)


@SETTINGS
@given(data=cases(), scores=st.dictionaries(
    st.sampled_from(("financien", "dagbesteding", "huisvesting", "huiselijke_relaties",
                     "geestelijke_gezondheid", "lichamelijke_gezondheid", "verslaving", "adl",
                     "sociaal_netwerk", "maatschappelijke_participatie", "justitie")),
    st.integers(1, 5), min_size=1))
def test_the_zrm_only_signals(protocol_norms: LoadedNorms, data: dict[str, Any],
                              scores: dict[str, int]) -> None:
    scored = copy.deepcopy(data)
    scored["client"]["zrm"] = scores
    try:
        without = _run(data, protocol_norms)
        with_zrm = _run(scored, protocol_norms)
    except HbhError:
        return
    assert with_zrm.perioden == without.perioden
    assert with_zrm.activiteiten == without.activiteiten
    signal = protocol_norms.norms.zrm_signal
    assert signal is not None
    low = sum(1 for v in scores.values() if v <= signal.threshold)
    warned = any(w.code == "zrm_overweeg_begeleiding" for w in with_zrm.waarschuwingen)
    assert warned == (low >= signal.min_domains)
    steps = [s for s in with_zrm.uitleg if s.regel.startswith("zrm.")]
    assert len(steps) == 1 and steps[0].paragraaf == "§1.3"


@SETTINGS
@given(data=cases())
def test_herindicatie_dates_are_in_order_and_within_the_indication(
        protocol_norms: LoadedNorms, data: dict[str, Any]) -> None:
    try:
        ind = _run(data, protocol_norms)
    except HbhError:
        return
    days = [h.datum for h in ind.herindicatiedata]
    assert days == sorted(days)
    if ind.einddatum is not None and ind.herindicatiedata:
        assert max(days) <= ind.einddatum
    assert all(d >= ind.ingangsdatum for d in days)


def _base(**client: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE_CASE)
    data["client"].update(client)
    return data


def test_unknown_mode_is_voorlopig_and_counts_as_taking_over(protocol_norms: LoadedNorms) -> None:
    plain = _run(_base(), protocol_norms)
    unknown = _run(_base(ondersteuningswijze=[
        {"taken": {"categorieen": ["wasverzorging"]}, "wijze": "onbekend"}]), protocol_norms)
    assert unknown.voorlopig and "client.ondersteuningswijze" in unknown.onbekende_feiten
    assert unknown.afronding.exact == plain.afronding.exact


def test_an_activity_entry_wins_over_its_category(protocol_norms: LoadedNorms) -> None:
    ind = _run(_base(ondersteuningswijze=[
        {"taken": {"categorieen": ["wasverzorging"]}, "wijze": "toezicht"},
        {"taken": {"activiteiten": ["strijken"]}, "wijze": "overnemen"}]), protocol_norms)
    modes = {a.id: a.ondersteuningswijze for a in ind.activiteiten}
    assert modes["wassen"] == "toezicht" and modes["strijken"] == "overnemen"


def test_anti_revaliderend_with_a_mode_budgets_the_practice(protocol_norms: LoadedNorms) -> None:
    rehab = {"einddatum": "2026-08-31", "anti_revaliderend_voor": {"activiteiten": ["afwassen"]}}
    zeroed = _run(_base(revalidatie=rehab), protocol_norms)
    practised = _run(_base(revalidatie=rehab, ondersteuningswijze=[
        {"taken": {"activiteiten": ["afwassen"]}, "wijze": "stimuleren_en_aanleren"}]),
        protocol_norms)
    help_of = {a.id: a.hulp_minuten_per_week for a in practised.activiteiten}
    norm_of = {a.id: a.norm_minuten_per_week for a in practised.activiteiten}
    assert {a.id: a.hulp_minuten_per_week for a in zeroed.activiteiten}["afwassen"] == 0
    assert help_of["afwassen"] == norm_of["afwassen"] * _factor(protocol_norms,
                                                                "stimuleren_en_aanleren")
    assert any(s.regel == "revalidatie.samen_oefenen" for s in practised.uitleg)


def test_birth_date_gives_the_exact_age_band_date(protocol_norms: LoadedNorms) -> None:
    data = _base()
    data["meer_professionele_inzet"] = {"kinderen": "nee"}  # §3 judged
    data["huisgenoten"] = [{"naam": "Sam", "relatie": "kind", "leeftijd": 12,
                            "geboortedatum": "2013-06-15", "kan_huishouden": "ja",
                            "afwezigheid": "geen", "overbelast": False,
                            "ongewend_aan_huishouden": False}]
    ind = _run(data, protocol_norms)
    moment = next(h for h in ind.herindicatiedata if h.reden == "leeftijdsgroep_kind")
    assert moment.datum == date(2026, 6, 15) and not moment.uiterlijk
    data["huisgenoten"][0].pop("geboortedatum")
    latest = next(h for h in _run(data, protocol_norms).herindicatiedata
                  if h.reden == "leeftijdsgroep_kind")
    assert latest.datum == date(2027, 3, 2) and latest.uiterlijk


def test_a_birth_date_alone_gives_the_age(protocol_norms: LoadedNorms) -> None:
    data = _base()
    data["meer_professionele_inzet"] = {"kinderen": "nee"}  # §3 judged
    data["huisgenoten"] = [{"naam": "Sam", "relatie": "kind", "geboortedatum": "2013-06-15",
                            "kan_huishouden": "ja", "afwezigheid": "geen", "overbelast": False,
                            "ongewend_aan_huishouden": False}]
    case = case_from_dict(data)
    assert case.housemates[0].age == 12
    with_age = copy.deepcopy(data)
    with_age["huisgenoten"][0]["leeftijd"] = 12
    assert compute(case, protocol_norms).herindicatiedata == _run(
        with_age, protocol_norms).herindicatiedata
    neither = copy.deepcopy(data)
    neither["huisgenoten"][0].pop("geboortedatum")
    with pytest.raises(InputError, match="leeftijd"):
        case_from_dict(neither)
    unborn = copy.deepcopy(data)
    unborn["huisgenoten"][0]["geboortedatum"] = "2027-01-01"
    with pytest.raises(InputError, match="geboortedatum"):
        case_from_dict(unborn)


def test_birth_date_must_match_the_age() -> None:
    data = _base()
    data["huisgenoten"] = [{"naam": "Sam", "relatie": "kind", "leeftijd": 10,
                            "geboortedatum": "2013-06-15", "kan_huishouden": "ja",
                            "afwezigheid": "geen", "overbelast": False,
                            "ongewend_aan_huishouden": False}]
    with pytest.raises(InputError, match="geboortedatum"):
        case_from_dict(data)


def test_a_norm_set_without_factors_leaves_the_mode_unknown(protocol_norms: LoadedNorms) -> None:
    bare = LoadedNorms(protocol_norms.norms.model_copy(update={"mode_factors": None}),
                       protocol_norms.path, protocol_norms.sha256)
    ind = compute(case_from_dict(_base(ondersteuningswijze=[
        {"taken": {"categorieen": ["wasverzorging"]}, "wijze": "toezicht"}])), bare)
    assert ind.voorlopig
    assert any(w.code == "ondersteuningswijze_zonder_factor" for w in ind.waarschuwingen)


def test_the_form_shows_the_plan_and_names_the_paragraphs() -> None:
    """The workplace (generated from the case model) asks the new facts with a Dutch label and
    their paragraph, and shows the oefenplan of case 71 in plain Dutch beside the form."""
    from hbh_indicatie.werkplek import velden
    from tests.shipped import ROOT
    from tests.test_werkplek import opened, post

    fields = velden.by_path()
    for path, paragraph in {"client.ondersteuningswijze": "§1.6", "client.oefenplan": "§1.5",
                            "client.oefenplan.fasen.weken": "§1.5", "client.zrm": "§1.3",
                            "huisgenoten.geboortedatum": "§4.3", "netwerk.frequentie": "§1.6"}.items():
        assert paragraph in fields[path].help, path
    assert fields["client.zrm"].kind == "groep"
    answer = post("/werkplek/bereken",
                  opened(ROOT / "cases" / "71-oefenplan-afbouw.yaml").pairs).json()  # type: ignore[attr-defined]
    assert answer["totaal"] == 378
    shown = answer["uitkomst"]
    assert "Oefenplan" in shown and "de hulp leert de cliënt het zelf te doen" in shown
    assert "de cliënt doet het, de hulp kijkt mee" in shown and "24 mei 2026" in shown


def test_afsprakenoverzicht_html_and_pdf() -> None:
    from hbh_indicatie import api
    from tests.shipped import ROOT

    case = api.load_case(ROOT / "cases" / "72-afspraken-mantelzorgers.yaml")
    ind = api.compute(case, api.load_norms("protocol-hbh", case.reference_date))
    html = api.render_afspraken(ind, "html").decode("utf-8")
    for text in ("Henk (partner)", "elke zaterdag", "Buurvrouw Els", "telt niet mee",
                 "Wat u zelf doet", "Wanneer kijken we er opnieuw naar"):
        assert text in html, text
    assert "§" not in html.split("<body>", 1)[1]
    pdf = api.render_afspraken(ind, "pdf")
    assert pdf.startswith(b"%PDF")
    with pytest.raises(HbhError):
        api.render_afspraken(ind, "docx")


def test_afspraken_over_http() -> None:
    from tests.shipped import ROOT
    from tests.test_werkplek import client

    body = (ROOT / "cases" / "72-afspraken-mantelzorgers.yaml").read_bytes()
    answer = client().post("/api/v1/afspraken?formaat=html", content=body,
                           headers={"Content-Type": "application/yaml"})
    assert answer.status_code == 200, answer.text
    assert "Buurvrouw Els" in answer.text
    bad = client().post("/api/v1/afspraken?formaat=docx", content=body,
                        headers={"Content-Type": "application/yaml"})
    assert bad.status_code == 422
