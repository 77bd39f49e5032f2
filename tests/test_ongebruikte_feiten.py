"""Issue 11, point 10: facts the case gives that no rule used are listed, not passed over.

What a rule used is recorded while the rules run (``rules/ongebruikte_feiten.py``), so the
list cannot drift from the rules. A voorliggende voorziening whose feasibility is
``onbekend`` is not counted and makes the result voorlopig where it would have counted (§1.7;
the boodschappendienst is the protocol's own exception, §4.1).
"""

from __future__ import annotations

import copy
import json
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from typer.testing import CliRunner

from hbh_indicatie.api import case_from_dict
from hbh_indicatie.cli.main import app
from hbh_indicatie.engine import compute, evaluate
from hbh_indicatie.errors import HbhError
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.render import onderbouwing, terminal
from hbh_indicatie.rules import ongebruikte_feiten
from tests.strategies import cases, fit_residents

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = settings(max_examples=40, deadline=None)
runner = CliRunner()


def _case(name: str) -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "cases" / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _run(data: dict[str, Any], norms: LoadedNorms) -> Indication:
    return compute(case_from_dict(fit_residents(data)), norms)


def test_alarmering_and_private_cleaner_under_provisions_are_listed(
    protocol_norms: LoadedNorms,
) -> None:
    data = _case("01-alleenstaande-volledige-overname.yaml")
    data["voorliggende_voorzieningen"] += [
        {"soort": "alarmering", "beschikbaar_in_gemeente": True, "haalbaar": True},
        {"soort": "particuliere_poetshulp", "beschikbaar_in_gemeente": True,
         "haalbaar": "onbekend"},
    ]
    plain = _run(_case("01-alleenstaande-volledige-overname.yaml"), protocol_norms)
    ind = _run(data, protocol_norms)
    unused = {u.waarde: u for u in ind.ongebruikte_feiten}
    assert "rekent bij geen activiteit met een alarmering" in unused["alarmering"].reden
    assert "'particuliere_hulp' (§1.6)" in unused["particuliere_poetshulp"].reden
    assert unused["alarmering"].veld.startswith("voorliggende_voorzieningen[")
    # not counted, and an onbekend feasibility no rule needed does not make it voorlopig
    assert ind.afronding.exact == plain.afronding.exact and not ind.voorlopig
    # in every output
    assert "Feiten die niet meetelden" in terminal.render(ind)
    assert "alarmering" in terminal.render(ind)
    markdown = onderbouwing.render_markdown(ind)
    assert "## Feiten die niet meetelden" in markdown and "(alarmering)" in markdown
    assert "(alarmering)" in onderbouwing.render_html(ind)
    assert json.loads(ind.model_dump_json(by_alias=True))["ongebruikte_feiten"]


def test_every_case_field_read_by_a_rule_is_not_listed(protocol_norms: LoadedNorms) -> None:
    """Case 19 weighs pets, a third person and the dust mite: none of them is listed; under a
    set without those toeslagen (Utrecht) the pets are listed, with that reason."""
    from hbh_indicatie.loading.norm_sets import load_norm_file

    data = _case("19-toeslagen.yaml")
    ind = _run(data, protocol_norms)
    assert [u.veld for u in ind.ongebruikte_feiten if u.veld == "huisdieren"] == []
    utrecht = load_norm_file(ROOT / "norms" / "utrecht" / "2017-01-01.yaml")
    try:
        other = _run(data, utrecht)
    except HbhError:
        return
    pets = [u for u in other.ongebruikte_feiten if u.veld == "huisdieren"]
    assert pets and "geen toeslag of aftrek" in pets[0].reden


def test_batch_does_not_pay_for_the_record(protocol_norms: LoadedNorms) -> None:
    """``evaluate`` without a record reads the case itself (what hbh batch runs)."""
    case = case_from_dict(_case("01-alleenstaande-volledige-overname.yaml"))
    assert evaluate(case, protocol_norms).ctx.case is case
    reads = ongebruikte_feiten.Reads()
    watched = evaluate(case, protocol_norms, reads=reads)
    assert watched.ctx.case is case and reads.paths  # the record is made, the case handed back


def _help_on(ind: Indication, day: date) -> Fraction:
    for period in ind.perioden:
        if period.van <= day and (period.tot is None or day <= period.tot):
            return period.minuten_exact
    return Fraction(0)


def _days(*inds: Indication) -> set[date]:
    return {p.van for ind in inds for p in ind.perioden}


@SETTINGS
@given(data=cases())
def test_unknown_feasibility_of_a_provision_never_lowers_hours_and_is_voorlopig(
    protocol_norms: LoadedNorms, data: dict[str, Any],
) -> None:
    """§1.7 "Deze voorliggende voorzieningen moeten aanwezig zijn ... Er wordt hierbij gekeken
    naar de individuele omstandigheden van cliënt": a provision whose feasibility is onbekend
    counts as not feasible (never fewer hours), and makes the result voorlopig wherever a
    feasible one would have counted. The boodschappendienst is the protocol's exception
    (§4.1: the CRvB holds its costs financially bearable): it counts."""
    for index, provision in enumerate(data["voorliggende_voorzieningen"]):
        if provision["soort"] == "boodschappendienst":
            continue
        variants = {}
        for feasible in (True, False, "onbekend"):
            changed = copy.deepcopy(data)
            changed["voorliggende_voorzieningen"][index].update(
                beschikbaar_in_gemeente=True, haalbaar=feasible)
            try:
                variants[feasible] = _run(changed, protocol_norms)
            except HbhError:
                return
        yes, no, unknown = variants[True], variants[False], variants["onbekend"]
        for day in _days(yes, no, unknown):
            assert _help_on(unknown, day) == _help_on(no, day)
        fact = f"voorliggende_voorzieningen.{provision['soort']}.haalbaar"
        would_count = any(_help_on(yes, d) < _help_on(no, d) for d in _days(yes, no))
        if would_count:
            assert unknown.voorlopig and fact in unknown.onbekende_feiten
        listed = {u.waarde for u in unknown.ongebruikte_feiten}
        assert (fact in unknown.onbekende_feiten) != (provision["soort"] in listed)


@SETTINGS
@given(data=cases())
def test_a_listed_provision_or_aid_changes_nothing(
    protocol_norms: LoadedNorms, data: dict[str, Any],
) -> None:
    """What the list calls unused is unused: saying it is not there changes no figure."""
    try:
        ind = _run(data, protocol_norms)
    except HbhError:
        return
    for fact in ind.ongebruikte_feiten:
        for field, empty in (("voorliggende_voorzieningen",
                              {"beschikbaar_in_gemeente": False, "haalbaar": False}),
                             ("hulpmiddelen", {"aanwezig": False, "haalbaar": False})):
            if not fact.veld.startswith(f"{field}[") or "." in fact.veld:
                continue
            changed = copy.deepcopy(data)
            item = changed[field][int(fact.veld[len(field) + 1:-1])]
            for key in ("afdoende", "verwacht_per"):
                item.pop(key, None)
            item.update(empty)
            other = _run(changed, protocol_norms)
            assert other.afronding.exact == ind.afronding.exact, fact.veld
            assert [(a.id, a.hulp_minuten_per_week) for a in other.activiteiten] == [
                (a.id, a.hulp_minuten_per_week) for a in ind.activiteiten], fact.veld


def test_cli_json_lists_them() -> None:
    result = runner.invoke(app, ["bereken", str(ROOT / "cases" / "51-utrecht-uren-per-jaar.yaml"),
                                 "--formaat", "json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)["ongebruikte_feiten"]
    assert [f["veld"] for f in listed] == ["voorliggende_voorzieningen[0]"]
    assert listed[0]["waarde"] == "alarmering"
