"""Issue 14 part 1: one case under every framework (the vocabulary of activities, each norm
set's mapping onto it, and the facts applied through that mapping)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hbh_indicatie import api
from hbh_indicatie.batch.generate import generate, household_activities
from hbh_indicatie.batch.reasons import unknown_figure
from hbh_indicatie.engine import evaluate
from hbh_indicatie.errors import HbhError, InputError, NormNotApplicable, RuleConflict
from hbh_indicatie.loading.norm_sets import (
    LoadedNorms,
    load_folder,
    load_norm_file,
    resolve,
    shipped_norms_dir,
)
from hbh_indicatie.models.case import Case, ProfessionalEffort
from hbh_indicatie.rules.koppeling import item_of
from hbh_indicatie.vocabulary.convert import to_vocabulary
from hbh_indicatie.vocabulary.load import vocabulary
from hbh_indicatie.vocabulary.mapping import mapping, problems
from tests.builders import case_dict

ROOT = Path(__file__).resolve().parent.parent
ON = "2026-03-02"
SETS = ("protocol-hbh", "ciz-blokken", "hhm-ho", "hhm-ho-tweewekelijks", "kpmg-hbel", "utrecht",
        "utrecht@2015-06-01")
CLEAN = [a.id for a in vocabulary().activities if a.category.value == "schoon_en_leefbaar_huis"]


def norms(spec: str) -> LoadedNorms:
    return resolve(spec, api.case_from_dict(case_dict()).reference_date)


def everything_else_herself(**zelf: Any) -> dict[str, Any]:
    """A client living alone who does every result herself except what ``zelf`` says."""
    return {"boodschappen_en_maaltijden": "volledig", "wasverzorging": "volledig",
            "kinderen": "volledig", "organisatie_van_het_huishouden": "volledig",
            "schoon_en_leefbaar_huis": "niet", **zelf}


def case_with(zelf: dict[str, Any], **extra: Any) -> Case:
    data = case_dict(**extra)
    data["client"]["zelf"] = zelf
    return api.case_from_dict(data)


# -- the vocabulary and the mapping of every shipped set ------------------------------------

def test_vocabulary_ids_are_the_protocols_activities() -> None:
    """Existing protocol-hbh cases need no change: the vocabulary uses its 19 ids."""
    protocol = norms("protocol-hbh").norms
    assert [a.id for a in vocabulary().activities] == [a.id for a in protocol.activities]
    assert all(a.category is p.category for a, p in zip(vocabulary().activities,
                                                          protocol.activities, strict=True))


def test_every_shipped_set_maps_every_item_and_covers_every_activity() -> None:
    for loaded in load_folder(shipped_norms_dir()):
        assert problems(loaded.norms, vocabulary()) == [], loaded.path
        mapped = mapping(loaded.norms, vocabulary())
        covered = set(mapped.owner) | {n.activity for n in loaded.norms.not_covered}
        assert covered == set(vocabulary().index), loaded.path


def test_a_set_naming_an_unknown_activity_is_refused(tmp_path: Path) -> None:
    text = (ROOT / "norms" / "hhm-ho" / "2025-01-01.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "fout.yaml"
    bad.write_text(text.replace("omvat: [wassen, strijken]", "omvat: [wassen, strijkn]")
                   .replace("activiteit: strijken", "activiteit: strijkn"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_norm_file(bad)
    assert "'strijkn', die niet in de woordenlijst staat" in caught.value.message


def test_weights_must_name_exactly_the_covered_activities(tmp_path: Path) -> None:
    text = (ROOT / "norms" / "hhm-ho" / "2025-01-01.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "fout.yaml"
    bad.write_text(text.replace("      - {activiteit: strijken, gewicht: 9}\n", "", 1),
                   encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_norm_file(bad)
    assert "'gewichten' noemt precies de activiteiten uit 'omvat'" in caught.value.message


# -- facts applied through the mapping -------------------------------------------------------

@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.sampled_from(CLEAN), min_size=1, max_size=len(CLEAN) - 1),
       st.sampled_from(["volledig", {"gedeeltelijk": 30}, {"gedeeltelijk": 75}]),
       st.sampled_from(["hhm-ho", "ciz-blokken", "hhm-ho-tweewekelijks"]))
def test_splitting_an_item_by_weights_conserves_its_minutes_exactly(
    chosen: set[str], ability: Any, spec: str,
) -> None:
    """The parts of a split item (and of its toeslagen) add up to the item exactly, every part
    has its own step citing §3, and the share of each part is the sum of its weights."""
    case = case_with({**everything_else_herself(), "activiteiten": dict.fromkeys(chosen, ability)})
    loaded = norms(spec)
    evaluation = evaluate(case, loaded)
    lines = evaluation.state.lines
    mapped = mapping(loaded.norms, vocabulary())
    for item in mapped.items.values():
        parts = [ln for ln in lines if ln.kind == "activiteit" and item_of(ln) == item.item]
        if len(parts) < 2:
            continue
        whole = _unsplit_norm(loaded, item.item)
        assert sum((p.norm for p in parts), Fraction(0)) == whole
        weight = dict(zip(item.covers, item.weights or (), strict=True))
        for part in parts:
            step = next(s for s in evaluation.state.steps
                        if s.rule == "koppeling.verdeling" and s.activity == part.id)
            group = dict(step.facts)["activiteiten"].split(", ")
            assert part.norm == whole * sum((weight[n] for n in group), Fraction(0))
            assert step.paragraph == "§3"


def _unsplit_norm(loaded: LoadedNorms, item: str) -> Fraction:
    plain = case_with(everything_else_herself())
    return next(ln.norm for ln in evaluate(plain, loaded).state.lines if ln.id == item)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["volledig", "niet", {"gedeeltelijk": 40}, "onbekend"]),
       st.sampled_from(SETS))
def test_a_fact_uniform_over_an_item_is_the_same_as_on_its_category(
    ability: Any, spec: str,
) -> None:
    """Stating one fact on every cleaning activity gives the result of stating it on the
    result category: the mapping changes nothing when the facts agree."""
    per_activity = case_with(everything_else_herself(
        activiteiten=dict.fromkeys(CLEAN, ability)))
    per_category = case_with(everything_else_herself(schoon_en_leefbaar_huis=ability))
    loaded = norms(spec)
    try:
        expected = api.compute(per_category, loaded)
    except NormNotApplicable:
        with pytest.raises(NormNotApplicable):
            api.compute(per_activity, loaded)
        return
    got = api.compute(per_activity, loaded)
    assert got.afronding.exact == expected.afronding.exact
    assert got.voorlopig == expected.voorlopig


def test_a_network_taking_over_every_activity_of_an_item_equals_the_category() -> None:
    member = {"naam": "Bep", "relatie": "familie_eerste_graad", "bereid": True}
    by_activity = case_with(everything_else_herself(),
                            netwerk=[{**member, "neemt_over": {"activiteiten": CLEAN}}])
    by_category = case_with(everything_else_herself(), netwerk=[
        {**member, "neemt_over": {"categorieen": ["schoon_en_leefbaar_huis"]}}])
    for spec in SETS:
        loaded = norms(spec)
        assert (api.compute(by_activity, loaded).afronding.exact
                == api.compute(by_category, loaded).afronding.exact), spec


def test_differing_facts_without_weights_are_not_applied_and_say_so() -> None:
    """KPMG's basismodule has no weights (courts apply it per cluster only): a client who does
    only the vacuuming herself cannot be given less of the module; a step and a warning say
    which fact was not applied, and the indication is voorlopig."""
    case = case_with(everything_else_herself(activiteiten={"stofzuigen": "volledig"}))
    loaded = norms("kpmg-hbel")
    with_fact = api.compute(case, loaded)
    without = api.compute(case_with(everything_else_herself()), loaded)
    assert with_fact.voorlopig and not without.voorlopig
    assert with_fact.afronding.exact == without.afronding.exact
    assert "feit_niet_toe_te_passen" in [w.code for w in with_fact.waarschuwingen]
    step = next(s for s in with_fact.uitleg if s.regel == "koppeling.niet_toegepast")
    assert "Stofzuigen" in step.tekst and "Basismodule" in step.tekst
    assert "client.zelf.activiteiten (basismodule_schoon)" in with_fact.onbekende_feiten


def test_with_weights_the_same_fact_lowers_the_item_by_its_weight() -> None:
    case = case_with(everything_else_herself(activiteiten={"stofzuigen": "volledig",
                                                           "dweilen": "volledig"}))
    ind = api.compute(case, norms("hhm-ho"))
    # hhm-ho, one person: 153 min/week; weights from protocol-hbh: stofzuigen 25 + dweilen 15
    # of 153,6 in all -> the client does 153 x 40/153,6 = 1275/32 herself.
    assert ind.afronding.exact == 153 - Fraction(1275, 32)
    assert not ind.voorlopig
    assert "gewichten_voorbeeld" in [w.code for w in ind.waarschuwingen]
    labels = [a.label for a in ind.activiteiten]
    assert any("deel Stofzuigen, Vloeren dweilen" in label for label in labels)


def test_a_fact_on_an_activity_the_set_does_not_have_is_named() -> None:
    case = case_with(everything_else_herself(activiteiten={"ramen_buiten": "volledig"}))
    ind = api.compute(case, norms("ciz-blokken"))
    warning = next(w for w in ind.waarschuwingen if w.code == "niet_in_normenset")
    assert "Ramen buitenzijde" in warning.tekst and "glazenwasser" in warning.tekst


# -- old cases: conversion ---------------------------------------------------------------------

HHM_ITEMS = ["schoon_en_leefbaar_huis", "de_was", "boodschappen_en_maaltijden",
             "dagelijkse_organisatie"]


def old_hhm_case(items: list[str], ability: Any) -> Case:
    data = case_dict(normen="hhm-ho")
    data["client"]["zelf"] = {**everything_else_herself(),
                              "activiteiten": dict.fromkeys(items[:1], ability)}
    data["netwerk"] = [{"naam": "Bep", "relatie": "familie_eerste_graad", "bereid": True,
                        "aandeel_procent": 50, "neemt_over": {"activiteiten": items}}]
    return api.case_from_dict(data)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(HHM_ITEMS), min_size=1, max_size=4, unique=True),
       st.sampled_from(["volledig", {"gedeeltelijk": 50}, "niet"]))
def test_converting_an_old_case_is_idempotent_and_keeps_its_result(
    items: list[str], ability: Any,
) -> None:
    case = old_hhm_case(items, ability)
    loaded = norms("hhm-ho")
    once, done = to_vocabulary(case, loaded.norms, vocabulary())
    twice, again = to_vocabulary(once, loaded.norms, vocabulary())
    assert done and not again and twice == once
    named = set(once.client.capability.per_activity) | set(once.network[0].takes_over.activities)
    assert named <= set(vocabulary().index)
    old, new = api.compute(case, loaded), api.compute(once, loaded)
    assert old.afronding.exact == new.afronding.exact
    assert "casus_omgezet" in [w.code for w in old.waarschuwingen]
    assert "casus_omgezet" not in [w.code for w in new.waarschuwingen]


def test_an_old_case_is_converted_with_the_set_it_names_under_another_set() -> None:
    """`hbh impact` computes an hhm-ho case under kpmg: its hhm items are converted with hhm-ho
    (given as ``own``); without that set the unknown id is reported, never guessed."""
    case = old_hhm_case(["de_was"], "volledig")
    kpmg = norms("kpmg-hbel")
    ev = evaluate(case, kpmg, own=norms("hhm-ho").norms)
    assert "casus_omgezet" in [w.code for w in ev.state.warnings]
    with pytest.raises(InputError):
        evaluate(case, kpmg)


def test_zetom_writes_a_converted_case_that_converts_to_itself(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    case = old_hhm_case(["schoon_en_leefbaar_huis", "de_was"], {"gedeeltelijk": 20})
    source = tmp_path / "oud.yaml"
    source.write_text(yaml.safe_dump(case.model_dump(mode="json", by_alias=True,
                                                     exclude_unset=True)), encoding="utf-8")
    out = tmp_path / "nieuw.yaml"
    result = CliRunner().invoke(app, ["casus", "zetom", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "'de_was' -> wassen, strijken" in result.output
    converted = api.load_case(out)
    assert set(converted.client.capability.per_activity) == set(CLEAN)
    again = CliRunner().invoke(app, ["casus", "zetom", str(out)])
    assert again.exit_code == 0 and "Niets om te zetten" in again.output


# -- which sets can compute a case -------------------------------------------------------------

def test_check_case_names_every_set_and_why_not() -> None:
    case = api.load_case(ROOT / "cases" / "05-eigen-kracht-gedeeltelijk.yaml")
    every = load_folder(shipped_norms_dir())
    check = api.check_case(case, norms("protocol-hbh"), "casus", every)
    outcome = {c.normen_id: c.uitkomst for c in check.onder_normensets}
    assert set(outcome) == {x.norms.id for x in every}
    assert outcome["protocol-hbh"] == outcome["hhm-ho"] == "berekenbaar"
    kpmg = next(c for c in check.onder_normensets if c.normen_id == "kpmg-hbel")
    assert kpmg.uitkomst == "cijfer_onbekend" and kpmg.reden and "status onbekend" in kpmg.reden


def _judgements_only(check: api.SetCheck) -> tuple[str, ...]:
    """The §3 factors a ``gegevens`` outcome asks a judgement for, when every problem is such a
    judgement (``meer_professionele_inzet.<factor>``); otherwise nothing."""
    if check.uitkomst != "gegevens" or not check.punten:
        return ()
    factors = [p.split(":", 1)[0].removeprefix("meer_professionele_inzet.") for p in check.punten
               if p.startswith("meer_professionele_inzet.")]
    if len(factors) != len(check.punten):
        return ()
    assert set(factors) <= ProfessionalEffort.judged(), check
    return tuple(factors)


def _with_unknown(case: Case, factors: tuple[str, ...]) -> Case:
    """``case`` with the consultant's judgement ``onbekend`` recorded for exactly ``factors``."""
    names = {str(info.alias): name for name, info in ProfessionalEffort.model_fields.items()}
    effort = case.professional_effort.model_copy(
        update={names[f]: "onbekend" for f in factors})
    return case.model_copy(update={"professional_effort": effort})


def _other_set_outcome_is_accepted(path: Path, check: api.SetCheck) -> None:
    if check.uitkomst == "gegevens":
        assert check.reden and ("ontbreekt; de normenset rekent ermee" in check.reden
                                or "toeslag_" in check.reden), (path.name, check)
    elif check.uitkomst == "regelconflict":
        assert "regelconflict" in path.name, (path.name, check)
    else:
        assert check.uitkomst in ("berekenbaar", "cijfer_onbekend"), (path.name, check)


def test_every_shipped_case_computes_under_every_set_with_known_figures() -> None:
    """A shipped case either computes, or needs a figure that is unknown, or is one of the
    rule-conflict cases (a conflict under its own set too), or lacks a fact only another set
    counts on (an aid or provision the case never had to state), or lacks only the §3
    judgements another set needs (a factor the case's own set gives no extra time for): then
    with ``onbekend`` recorded for exactly those factors it is checked again the same way, and
    where it computes the result is voorlopig. An old case (62) is converted with the set it
    names, as `hbh casus controleer` does."""
    every = load_folder(shipped_norms_dir())
    judged = 0
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        case = api.load_case(path)
        own = resolve(case.norm_set, case.reference_date) if case.norm_set else None
        try:
            checked = api.check_case(case, own, str(path), every)
        except RuleConflict:  # a rule-conflict case under its own set: list the others
            own = None
            checked = api.check_case(case, None, str(path), every)
        for check in checked.onder_normensets:
            factors = _judgements_only(check)
            if not factors:
                _other_set_outcome_is_accepted(path, check)
                continue
            judged += 1
            loaded = next(x for x in every if x.norms.id == check.normen_id
                          and x.norms.version == check.normen_versie)
            recorded = _with_unknown(case, factors)
            again = api.check_case(recorded, None, str(path), [loaded]).onder_normensets
            assert len(again) == 1 and not _judgements_only(again[0]), (path.name, again)
            _other_set_outcome_is_accepted(path, again[0])
            if again[0].uitkomst == "berekenbaar":
                done = evaluate(recorded, loaded, str(path),
                                own=own.norms if own is not None else None)
                assert done.state.unknown, (path.name, check.normen_id, "niet voorlopig")
    assert judged, "no shipped case lacks a judgement under another set: the branch is untested"


# -- generated caseloads under every pair of sets ---------------------------------------------

@pytest.fixture(scope="module")
def generated() -> list[Case]:
    return [api.case_from_dict(d) for d in generate(300, 14, household_activities(vocabulary()),
                                                    "protocol-hbh")]


def test_generated_cases_compute_under_every_set_or_need_an_unknown_figure(
    generated: list[Case],
) -> None:
    """Every pair of sets: each client is computed under both, or one of them lacks a figure
    it needs (its own group in `hbh impact`); nothing fails."""
    outcome: dict[str, list[str]] = {}
    for spec in SETS:
        results = []
        for case in generated:
            loaded = resolve(spec, case.reference_date)
            try:
                evaluate(case, loaded)
                results.append("berekend")
            except NormNotApplicable:
                results.append("cijfer_onbekend")
            except HbhError as exc:  # pragma: no cover - the failure is the assertion
                results.append(f"mislukt: {exc.message}")
        outcome[spec] = results
        assert not [r for r in results if r.startswith("mislukt")], spec
    assert outcome["hhm-ho"].count("berekend") == len(generated)
    for a in SETS:
        for b in SETS:
            pairs = list(zip(outcome[a], outcome[b], strict=True))
            both = sum(1 for x, y in pairs if x == y == "berekend")
            assert both + sum(1 for p in pairs if "cijfer_onbekend" in p) == len(generated)


def test_impact_counts_unknown_figures_as_their_own_group(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    source = tmp_path / "g.jsonl"
    out = tmp_path / "impact.json"
    runner = CliRunner()
    assert runner.invoke(app, ["genereer", "120", "-o", str(source)]).exit_code == 0
    result = runner.invoke(app, ["impact", str(source), "--van", "protocol-hbh", "--naar",
                                 "kpmg-hbel", "--rapport", str(out), "--stil",
                                 "--processen", "1", "--fouten", str(tmp_path / "fouten.jsonl")])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    clients = data["clienten"]
    assert clients["mislukt"] == 0
    assert clients["cijfer_onbekend"] > 0
    assert clients["berekend"] + clients["cijfer_onbekend"] == clients["ingelezen"] == 120
    reasons = data["niet_berekend_cijfer_onbekend"]
    assert sum(r["aantal"] for r in reasons) == clients["cijfer_onbekend"]
    assert all(r["reden"].startswith("niet te berekenen onder kpmg-hbel") for r in reasons)
    assert "niet te berekenen (cijfer onbekend)" in result.output
    memo = tmp_path / "impact.md"
    again = runner.invoke(app, ["impact", str(source), "--van", "protocol-hbh", "--naar",
                                "kpmg-hbel", "--rapport", str(memo), "--stil", "--processen", "1",
                                "--fouten", str(tmp_path / "f.jsonl")])
    assert again.exit_code == 0, again.output
    text = memo.read_text(encoding="utf-8")
    first = reasons[0]
    named = unknown_figure(first["reden"])  # the memo's table: item, norm set, count
    assert named is not None
    assert f"| {named[1]} | {named[0]} | {first['aantal']} |" in text
    assert f"{clients['cijfer_onbekend']} van de 120 ingelezen cliënten" in text


def test_generated_cases_are_all_valid() -> None:
    """A housemate of a dwelling without help is not overburdened, and then has no previous
    temporary indication either (§2.1): 10,000 generated cases had one such invalid case."""
    for data in generate(10_000, 1, household_activities(vocabulary()), "protocol-hbh"):
        for mate in data["huisgenoten"]:
            assert "eerdere_tijdelijke_indicatie" not in mate or mate["overbelast"] is True


def test_a_toeslag_of_the_cases_own_set_that_another_set_lacks_is_named_not_dropped() -> None:
    """Case 29 names protocol-hbh's toeslag_huisstofmijt in a deviation; ciz-blokken has no
    such toeslag: under ciz that deviation is not applied, a warning names it, the indication
    is voorlopig, and the other deviation (stofzuigen) lands on the CIZ block covering it."""
    case = api.load_case(ROOT / "cases" / "29-regelconflict-huisstofmijt-maximum.yaml")
    ciz, own = norms("ciz-blokken"), norms("protocol-hbh").norms
    ind = api.compute(case, ciz, own=own)
    codes = [w.code for w in ind.waarschuwingen]
    assert "niet_in_normenset" in codes and "afwijking_niet_in_normenset" in codes
    assert ind.voorlopig and "afwijkingen[0]" in ind.onbekende_feiten
    assert any(s.regel == "afwijking.zwaar_huishoudelijk_werk" for s in ind.uitleg)
    assert "afwijkingen[0]" not in [u.veld for u in ind.ongebruikte_feiten[:0]]
    with pytest.raises(InputError):  # without its own set the id is unknown, never guessed
        api.compute(case, ciz)


def test_no_activity_is_labelled_like_a_result_category() -> None:
    """The form asks per result and per activity: one label for two questions is ambiguous."""
    from hbh_indicatie.models.common import CATEGORY_LABELS

    labels = [a.label for a in vocabulary().activities]
    assert len(set(labels)) == len(labels)
    assert not set(labels) & set(CATEGORY_LABELS.values())


def test_an_oefenplan_on_vocabulary_activities_reaches_the_items_of_another_set() -> None:
    """Issue 17's task lists (oefenplan, ondersteuningswijze) go through the mapping like every
    other task selection: under hhm-ho the plan's broodmaaltijd splits 'boodschappen en
    maaltijden' and the practising together is budgeted on that part, not zeroed."""
    case = api.load_case(ROOT / "cases" / "71-oefenplan-afbouw.yaml")
    assert "broodmaaltijd" in case.client.plan.tasks.activities  # type: ignore[union-attr]
    ind = api.compute(case, norms("hhm-ho"))
    together = [s for s in ind.uitleg if s.regel == "revalidatie.samen_oefenen"]
    assert [s.activiteit for s in together] == ["boodschappen_en_maaltijden.broodmaaltijd"]
    assert ind.voorlopig  # hhm-ho states no factor for the plan's modes


def test_controleer_says_an_old_case_is_converted_and_lists_each_missing_fact(tmp_path: Path) -> None:
    """A consultant reading `hbh casus controleer`: an old case (items of hhm-ho) is named as
    such with the command that converts it; under a set that needs facts the case lacks, each
    missing fact stands on its own line."""
    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    source = str(ROOT / "cases" / "62-oude-casus-hhm-onderdelen.yaml")
    old = CliRunner().invoke(app, ["casus", "controleer", source])
    assert old.exit_code == 0, old.output
    assert "Oude vorm: de casus noemt onderdelen van normenset hhm-ho ('" in old.output
    assert "'hbh casus zetom'" in old.output
    out = tmp_path / "nieuw.yaml"
    assert CliRunner().invoke(app, ["casus", "zetom", source, "-o", str(out)]).exit_code == 0
    new = CliRunner().invoke(app, ["casus", "controleer", str(out)])
    assert new.exit_code == 0 and "Oude vorm" not in new.output

    # case 51 with the §3 judgement protocol-hbh asks for recorded (onbekend): what is left
    # are the aids and provisions protocol-hbh counts on, several of them
    data = yaml.safe_load((ROOT / "cases" / "51-utrecht-uren-per-jaar.yaml").read_text("utf-8"))
    data.setdefault("meer_professionele_inzet", {})["kinderen"] = "onbekend"
    judged = tmp_path / "51-met-oordeel.yaml"
    judged.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    utrecht = CliRunner().invoke(app, ["casus", "controleer", str(judged)])
    assert utrecht.exit_code == 0, utrecht.output
    lines = utrecht.output.splitlines()
    start = lines.index("  protocol-hbh 2026.1: niet te berekenen: gegevens ontbreken of kloppen niet:")
    points = [x for x in lines[start + 1:] if x.startswith("    - ")]
    check = api.check_case(api.load_case(judged), None, "casus", load_folder(shipped_norms_dir()))
    protocol = next(c for c in check.onder_normensets if c.normen_id == "protocol-hbh")
    assert len(protocol.punten) > 1 and protocol.reden == "; ".join(protocol.punten)
    assert points[:len(protocol.punten)] == [f"    - {p}" for p in protocol.punten]
    assert any("'vaatwasser' ontbreekt" in p for p in points)
