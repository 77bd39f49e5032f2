"""Issue 11, points 4-9: the new case facts, their documented conversions from old files,
and the rules' explanation steps (the golden cases 40-48 show the computations)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from hbh_indicatie.api import case_from_dict, compute
from hbh_indicatie.batch.csv_case import REQUIRED, RowError, case_from_row
from hbh_indicatie.errors import HbhError, InputError
from hbh_indicatie.loading.cases import load_case
from hbh_indicatie.loading.norm_sets import load_norm_file
from hbh_indicatie.models.case import Ability
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.models.loaded_norms import LoadedNorms
from tests.builders import case_dict, housemate

ROOT = Path(__file__).resolve().parent.parent
CLEAN_AND_LAUNDRY_ONLY = {"schoon_en_leefbaar_huis": "niet", "wasverzorging": "niet",
                          "boodschappen_en_maaltijden": "volledig", "kinderen": "niet",
                          "organisatie_van_het_huishouden": "volledig"}


def _case(**overrides: Any) -> dict[str, Any]:
    data = case_dict(**overrides)
    data["client"]["zelf"] = dict(CLEAN_AND_LAUNDRY_ONLY)
    return data


def _run(data: dict[str, Any], norms: LoadedNorms) -> Indication:
    return compute(case_from_dict(data), norms)


def _rules(ind: Indication) -> set[str]:
    return {s.regel for s in ind.uitleg}


def _help(ind: Indication, activity: str) -> Any:
    return next(a.hulp_minuten_per_week for a in ind.activiteiten if a.id == activity)


# --- §2.2: the old afwezigheid_werk, converted ------------------------------------------------

def test_old_long_absence_is_work_with_unknown_period_and_not_provisional(
    protocol_norms: LoadedNorms,
) -> None:
    old = _case(huisgenoten=[housemate(afwezigheid_werk={"langste_aaneengesloten_etmalen": 12,
                                                         "dagen_per_week": 5})])
    mate = case_from_dict(old).housemates[0]
    assert [(p.nights, p.every_weeks, p.reason.value) for p in mate.absences] == [
        (12, "onbekend", "werk")]
    ind = _run(old, protocol_norms)
    assert "afwezigheid.zeven_etmalen" in _rules(ind)
    assert not ind.voorlopig  # the 7-etmalen rule does not need the period


def test_old_short_absence_asks_for_the_finding(protocol_norms: LoadedNorms) -> None:
    """The old form presumed all uitstelbare work on the days at home; the conversion leaves
    the §2.2 finding 'onbekend' (voorlopig, counted like niet-uitstelbaar work)."""
    old = _case(huisgenoten=[housemate(afwezigheid_werk={"langste_aaneengesloten_etmalen": 2,
                                                         "dagen_per_week": 5})])
    mate = case_from_dict(old).housemates[0]
    assert [(p.nights, p.every_weeks) for p in mate.absences] == [(2, 1), (2, 1), (1, 1)]
    assert isinstance(mate.postponable_at_home, Ability)
    assert mate.postponable_at_home.level == "onbekend"
    ind = _run(old, protocol_norms)
    assert ind.voorlopig
    assert "huisgenoten.Jan.uitstelbaar_op_thuisdagen" in ind.onbekende_feiten
    assert _help(ind, "stof_afnemen") == Fraction(15 * 5, 7)  # the days away: 5 of 7

    explicit = _case(huisgenoten=[housemate(
        afwezigheid_werk={"langste_aaneengesloten_etmalen": 2, "dagen_per_week": 5},
        uitstelbaar_op_thuisdagen="volledig")])
    ind = _run(explicit, protocol_norms)
    assert not ind.voorlopig and _help(ind, "stof_afnemen") == 0


def test_unknown_period_when_it_matters_is_provisional(protocol_norms: LoadedNorms) -> None:
    data = _case(huisgenoten=[housemate(
        afwezigheid=[{"etmalen": 3, "per_weken": "onbekend", "vanwege": "werk"}],
        uitstelbaar_op_thuisdagen="volledig")])
    ind = _run(data, protocol_norms)
    assert "huisgenoten.Jan.afwezigheid.per_weken" in ind.onbekende_feiten
    assert _help(ind, "opruimen") == 21  # niet-uitstelbaar: as if never at home
    assert _help(ind, "stof_afnemen") == 0


def test_absence_not_for_work_is_no_seven_etmalen_rule(protocol_norms: LoadedNorms) -> None:
    data = _case(huisgenoten=[housemate(
        afwezigheid=[{"etmalen": 14, "per_weken": 4, "vanwege": "anders"}],
        uitstelbaar_op_thuisdagen="volledig")])
    ind = _run(data, protocol_norms)
    assert "afwezigheid.zeven_etmalen" not in _rules(ind)
    assert {"afwezigheid.patroon", "afwezigheid.niet_uitstelbaar"} <= _rules(ind)
    assert _help(ind, "opruimen") == Fraction(21 * 14, 28)


def test_finding_can_name_the_uitstelbare_tasks(protocol_norms: LoadedNorms) -> None:
    """§2.2 "welk deel": the finding may name which uitstelbare tasks the housemate does on the
    days at home (those entirely, the other uitstelbare tasks not)."""
    data = _case(huisgenoten=[housemate(
        afwezigheid=[{"etmalen": 3, "per_weken": 1, "vanwege": "werk"}],
        uitstelbaar_op_thuisdagen={"categorieen": ["wasverzorging"], "activiteiten": ["keuken"]})])
    ind = _run(data, protocol_norms)
    assert _help(ind, "wassen") == 0 and _help(ind, "keuken") == 0
    assert _help(ind, "stofzuigen") == 25
    assert _help(ind, "opruimen") == 9  # niet-uitstelbaar: the 3 days away
    data["huisgenoten"][0]["uitstelbaar_op_thuisdagen"] = {"activiteiten": ["tapijtkloppen"]}
    with pytest.raises(HbhError, match="tapijtkloppen"):
        _run(data, protocol_norms)


@pytest.mark.parametrize("mate, message", [
    ({"afwezigheid": [{"etmalen": 3, "per_weken": 1, "vanwege": "werk"}]},
     "uitstelbaar_op_thuisdagen"),
    ({"afwezigheid": [{"etmalen": 9, "per_weken": 1, "vanwege": "werk"}]}, "passen niet"),
    ({"afwezigheid": "geen", "uitstelbaar_op_thuisdagen": "niet"}, "hoort alleen bij"),
    ({"afwezigheid_werk": "geen", "afwezigheid": "geen"}, "niet allebei"),
    ({"afwezigheid": [{"etmalen": 6, "per_weken": 1, "vanwege": "werk"},
                      {"etmalen": 2, "per_weken": 1, "vanwege": "anders"}],
      "uitstelbaar_op_thuisdagen": "niet"}, "meer etmalen dan er dagen"),
])
def test_absence_facts_are_checked(mate: dict[str, Any], message: str) -> None:
    person = housemate(**mate)
    if "afwezigheid_werk" in mate:
        person["afwezigheid"] = mate["afwezigheid"]
    with pytest.raises(HbhError, match=message):
        case_from_dict(_case(huisgenoten=[person]))


# --- §4.4 the other parent --------------------------------------------------------------------

def test_old_other_parent_is_converted_to_the_arrangement() -> None:
    """Case 27 (old form): 'bereid' becomes 'omgangsregeling_nagekomen', and the named tasks
    are the other parent's entirely (0% of the time with the client)."""
    case = load_case(ROOT / "cases" / "27-echtscheiding-andere-ouder.yaml")
    parent = case.network[0]
    assert parent.children_with_client_percent == 0 and parent.arrangement_kept is True
    assert parent.willing is None


def _with_parent(**facts: Any) -> dict[str, Any]:
    data = _case(huisgenoten=[housemate("Kim", "kind", 8)])
    data["meer_professionele_inzet"] = {"kinderen": "ja"}  # §3 judged: not voorlopig for that
    data["netwerk"] = [{"naam": "Vader", "relatie": "andere_ouder",
                        "neemt_over": {"categorieen": ["kinderen"]}, **facts}]
    return data


def test_other_parent_unknown_facts(protocol_norms: LoadedNorms) -> None:
    kept_unknown = _run(_with_parent(kinderen_bij_client_procent=60,
                                     omgangsregeling_nagekomen="onbekend"), protocol_norms)
    assert kept_unknown.voorlopig
    assert _help(kept_unknown, "verzorging_schoolkinderen") == 63  # 60% per the regeling
    share_unknown = _run(_with_parent(kinderen_bij_client_procent="onbekend",
                                      omgangsregeling_nagekomen=True), protocol_norms)
    assert share_unknown.voorlopig
    assert _help(share_unknown, "verzorging_schoolkinderen") == 105
    not_kept = _run(_with_parent(kinderen_bij_client_procent=60,
                                 omgangsregeling_nagekomen=False), protocol_norms)
    assert "andere_ouder.niet_nagekomen" in _rules(not_kept)
    assert not not_kept.voorlopig


@pytest.mark.parametrize("facts, message", [
    ({"bereid": True, "omgangsregeling_nagekomen": True, "kinderen_bij_client_procent": 50},
     "vervangen"),
    ({"omgangsregeling_nagekomen": True}, "kinderen_bij_client_procent"),
    ({"bereid": True, "duurzaam": True}, "horen geen"),
])
def test_other_parent_facts_are_checked(facts: dict[str, Any], message: str) -> None:
    with pytest.raises(HbhError, match=message):
        case_from_dict(_with_parent(**facts))


# --- §1.6 private help and network ------------------------------------------------------------

def _private(**facts: Any) -> dict[str, Any]:
    return _case(particuliere_hulp={"aanwezig": True,
                                    "taken": {"categorieen": ["schoon_en_leefbaar_huis"]},
                                    **facts})


def test_private_help_only_stops_when_not_continued_and_finances_changed(
    protocol_norms: LoadedNorms,
) -> None:
    stopped = _run(_private(financien_gewijzigd=True, wordt_voortgezet=False), protocol_norms)
    assert "eigen_kracht.particuliere_hulp_gewijzigd" in _rules(stopped)
    assert _help(stopped, "stofzuigen") == 25
    unwilling = _run(_private(financien_gewijzigd=False, wordt_voortgezet=False), protocol_norms)
    assert _help(unwilling, "stofzuigen") == 0 and not unwilling.voorlopig


def test_old_private_help_with_changed_finances_is_refused_until_recorded(
    protocol_norms: LoadedNorms,
) -> None:
    """An old file (no 'wordt_voortgezet') with changed finances is refused naming the field:
    a blank is missing, not onbekend. With onbekend recorded the protocol's principle holds
    (the private help counts) and the indication is voorlopig."""
    with pytest.raises(InputError) as refused:
        _run(_private(financien_gewijzigd=True), protocol_norms)
    assert [p.field for p in refused.value.problems] == ["particuliere_hulp.wordt_voortgezet"]
    ind = _run(_private(financien_gewijzigd=True, wordt_voortgezet="onbekend"), protocol_norms)
    assert ind.voorlopig and "particuliere_hulp.wordt_voortgezet" in ind.onbekende_feiten
    assert _help(ind, "stofzuigen") == 0
    assert not _run(_private(financien_gewijzigd=False), protocol_norms).voorlopig


def test_old_willing_friend_is_refused_until_sustainability_is_recorded(
    protocol_norms: LoadedNorms,
) -> None:
    """'bereid' alone is not enough: an old file's willing friend without 'duurzaam' is
    refused naming the field; with 'duurzaam: onbekend' she is not counted and the indication
    is voorlopig; lastingly (with a share) her share counts."""
    data = _case(netwerk=[{"naam": "Buur", "relatie": "vriend_of_buur",
                           "neemt_over": {"activiteiten": ["stofzuigen"]}, "bereid": True}])
    with pytest.raises(InputError) as refused:
        case_from_dict(data)
    assert [p.field for p in refused.value.problems] == ["netwerk[0].duurzaam"]
    data["netwerk"][0]["duurzaam"] = "onbekend"
    assert case_from_dict(data).network[0].sustainable == "onbekend"
    ind = _run(data, protocol_norms)
    assert ind.voorlopig and _help(ind, "stofzuigen") == 25
    data["netwerk"][0]["duurzaam"] = True
    data["netwerk"][0]["aandeel_procent"] = 40
    assert _help(_run(data, protocol_norms), "stofzuigen") == 15


def test_family_has_no_sustainability_field() -> None:
    data = _case(netwerk=[{"naam": "Zoon", "relatie": "familie_eerste_graad",
                           "neemt_over": "alle", "bereid": True, "duurzaam": True}])
    with pytest.raises(HbhError, match="duurzaam"):
        case_from_dict(data)


@pytest.mark.parametrize(("sustainable", "deducted"), [(True, True), (False, False),
                                                       ("onbekend", False)])
def test_own_abilities_aftrek_counts_the_network_as_section_1_6_does(
    sustainable: object, deducted: bool,
) -> None:
    """§3 aftrek 'eigen mogelijkheden cliënt en/of netwerk' (kpmg-hbel): a friend counts as
    network only when §1.6 counts her (duurzaam: ja); willing alone is not enough."""
    norms = load_norm_file(ROOT / "norms" / "kpmg-hbel" / "2021-01-01.yaml")
    data = case_dict(normen="kpmg-hbel")
    data["client"]["zelf"] = {**CLEAN_AND_LAUNDRY_ONLY, "wasverzorging": "volledig"}
    data["netwerk"] = [{"naam": "Els", "relatie": "vriend_of_buur", "bereid": True,
                        "duurzaam": sustainable,
                        "neemt_over": {"categorieen": ["schoon_en_leefbaar_huis"]}}]
    ind = _run(data, norms)
    assert ("toeslagen.aftrek.aftrek_eigen_mogelijkheden" in _rules(ind)) is deducted


# --- §2.1 after a temporary indication --------------------------------------------------------

def _overburdened(**previous: Any) -> dict[str, Any]:
    return _case(huisgenoten=[housemate(overbelast=True, eerdere_tijdelijke_indicatie={
        "tot": "2026-02-28", "pogingen": "Respijtzorg en casemanager ingezet.", **previous})])


def test_overburden_still_reducible_is_temporary_again(protocol_norms: LoadedNorms) -> None:
    ind = _run(_overburdened(overbelasting_niet_te_verminderen=False), protocol_norms)
    assert "overbelasting.opnieuw_tijdelijk" in _rules(ind)
    assert ind.einddatum is not None and not ind.voorlopig
    unknown = _run(_overburdened(overbelasting_niet_te_verminderen="onbekend"), protocol_norms)
    assert unknown.voorlopig and unknown.einddatum == ind.einddatum
    long_term = _run(_overburdened(overbelasting_niet_te_verminderen=True), protocol_norms)
    assert long_term.einddatum is None and "overbelasting.langdurig" in _rules(long_term)
    assert {s.paragraaf for a in long_term.activiteiten for s in a.verdeling
            if s.uitvoerder == "hulp" and s.persoon == "Jan"} == {"§2.1"}


def test_previous_indication_must_end_before_the_start() -> None:
    data = _overburdened(overbelasting_niet_te_verminderen=True)
    data["huisgenoten"][0]["eerdere_tijdelijke_indicatie"]["tot"] = "2026-03-02"
    with pytest.raises(HbhError, match="vóór de ingangsdatum"):
        case_from_dict(data)


# --- B2.1, §1.4 -------------------------------------------------------------------------------

def test_short_term_label_with_later_recovery_warns(protocol_norms: LoadedNorms) -> None:
    data = _case()
    data["client"].update({"duur_beperkingen": "kortdurend", "verwacht_herstel": "2026-05-01"})
    assert not any(w.code == "kortdurend_herstel_na_termijn"
                   for w in _run(data, protocol_norms).waarschuwingen)
    data["client"]["verwacht_herstel"] = "2026-08-01"
    ind = _run(data, protocol_norms)
    warning = next(w for w in ind.waarschuwingen if w.code == "kortdurend_herstel_na_termijn")
    assert warning.paragraaf == "§2 (B2.1)" and "langdurig" in warning.tekst
    assert str(ind.einddatum) == "2026-06-01"


def test_overbrugging_cites_paragraph_1_4(protocol_norms: LoadedNorms) -> None:
    case = load_case(ROOT / "cases" / "47-hulpmiddelen-afdoende-en-voor-de-helpende.yaml")
    ind = compute(case, protocol_norms)
    part = next(p for p in ind.tijdelijke_delen if p.reden.value == "overbrugging")
    assert part.paragraaf == "§1.4"
    washing = next(a for a in ind.activiteiten if a.id == "wassen")
    assert {s.paragraaf for s in washing.verdeling if s.tot is not None} == {"§1.4"}


def test_afdoende_unknown_is_provisional_only_where_the_aid_counts(
    protocol_norms: LoadedNorms,
) -> None:
    data = _case()
    data["hulpmiddelen"][0]["afdoende"] = "onbekend"  # wasmachine: no activity in the set
    assert not _run(data, protocol_norms).voorlopig
    data["hulpmiddelen"][2] = {"soort": "vaatwasser", "aanwezig": True, "afdoende": "onbekend"}
    ind = _run(data, protocol_norms)
    assert ind.voorlopig and _help(ind, "afwassen") == 7  # the norm set's 75%


def test_afdoende_needs_an_aid_that_is_or_comes() -> None:
    data = _case()
    data["hulpmiddelen"][1] = {"soort": "wasdroger", "aanwezig": False, "haalbaar": False,
                               "afdoende": True}
    with pytest.raises(HbhError, match="afdoende"):
        case_from_dict(data)


def test_no_washing_machine_warns_only_with_laundry_help(protocol_norms: LoadedNorms) -> None:
    data = _case()
    data["hulpmiddelen"][0] = {"soort": "wasmachine", "aanwezig": False, "haalbaar": False}
    assert any(w.code == "hulpmiddel_voor_helpende" and w.paragraaf == "§1.4"
               for w in _run(data, protocol_norms).waarschuwingen)
    data["client"]["zelf"]["wasverzorging"] = "volledig"
    assert not any(w.code == "hulpmiddel_voor_helpende"
                   for w in _run(data, protocol_norms).waarschuwingen)


# --- the CSV batch input carries the new partner and aid facts ------------------------------

def _row(**cells: str) -> dict[str, str]:
    row = dict.fromkeys(REQUIRED, "")
    row.update({
        "kenmerk": "CSV", "peildatum": "2026-03-02", "dreigend_disfunctioneren": "vervuiling",
        "woonvorm": "zelfstandig", "extra_kamers_in_gebruik": "0",
        "extra_kamers_niet_in_gebruik": "0", "kenmerken_extra_werk": "nee", "leeftijd": "70",
        "duur_beperkingen": "langdurig", "extra_inzet_door_beperkingen": "geen",
        "structurele_regieproblemen": "nee", "zelf_schoon_en_leefbaar_huis": "niet",
        "zelf_boodschappen_en_maaltijden": "volledig", "zelf_wasverzorging": "niet",
        "zelf_kinderen": "niet", "zelf_organisatie_van_het_huishouden": "volledig",
        "hulpmiddelen": "wasmachine=aanwezig;wasdroger=niet_haalbaar;"
                        "vaatwasser=aanwezig_afdoende;robotstofzuiger=haalbaar_per_2026-04-01_afdoende",
        "voorliggende_voorzieningen": "geen", "huisdieren": "0", "derde_persoon": "nee",
        "extra_bevuiling": "nee", "huisstofmijt": "geen", "terminale_situatie": "nee",
        "revalidatie": "geen", "particuliere_hulp": "geen", "netwerk": "geen",
        "afwijkingen": "geen", "partner_leeftijd": "66", "partner_kan_huishouden": "ja",
        "partner_overbelast": "nee", "partner_ongewend_aan_huishouden": "nee",
    })
    row.update(cells)
    return row


def test_csv_partner_absence_pattern_and_finding() -> None:
    data = case_from_row(_row(partner_afwezigheid="2/1/werk;7/4/anders",
                              partner_uitstelbaar_op_thuisdagen="gedeeltelijk:50"))
    tasks = case_from_row(_row(partner_afwezigheid="3/1/werk",
                               partner_uitstelbaar_op_thuisdagen="wasverzorging;keuken"))
    assert tasks["huisgenoten"][0]["uitstelbaar_op_thuisdagen"] == {
        "categorieen": ["wasverzorging"], "activiteiten": ["keuken"]}
    case = case_from_dict(data)
    mate = case.housemates[0]
    assert [(p.nights, p.every_weeks, p.reason.value) for p in mate.absences] == [
        (2, 1, "werk"), (7, 4, "anders")]
    finding = mate.postponable_at_home
    assert isinstance(finding, Ability) and finding.own_share_percent == 50
    aids = {a.kind.value: a for a in case.aids}
    assert aids["vaatwasser"].sufficient is True and aids["robotstofzuiger"].sufficient is True
    old = case_from_dict(case_from_row(_row(partner_afwezig_etmalen="12",
                                            partner_afwezig_dagen_per_week="5")))
    assert old.housemates[0].absences[0].nights == 12


def test_csv_partner_previous_overburden() -> None:
    data = case_from_row(_row(partner_afwezigheid="geen", partner_overbelast="ja",
                              partner_eerdere_tijdelijke_indicatie_tot="2026-02-28",
                              partner_pogingen="Respijtzorg en dagbesteding geprobeerd",
                              partner_overbelasting_niet_te_verminderen="ja"))
    previous = case_from_dict(data).housemates[0].previous_overburden
    assert previous is not None and previous.cannot_reduce is True
    with pytest.raises(RowError, match="horen bij elkaar"):
        case_from_row(_row(partner_afwezigheid="geen", partner_pogingen="iets"))
    with pytest.raises(RowError, match="partner_afwezigheid"):
        case_from_row(_row())
    with pytest.raises(RowError, match="ETMALEN/PER_WEKEN/VANWEGE"):
        case_from_row(_row(partner_afwezigheid="7 om de week"))


def test_generated_caseload_uses_the_new_facts(protocol_norms: LoadedNorms) -> None:
    from hbh_indicatie.batch.generate import generate

    ids = [a.id for a in protocol_norms.norms.activities if a.per_child is None]
    cases = [case_from_dict(data) for data in generate(600, 11, ids)]
    mates = [m for c in cases for m in c.housemates]
    assert any(len(m.absences) and m.postponable_at_home is not None for m in mates)
    assert any(p.reason.value == "nachtdienst" for m in mates for p in m.absences)
    assert any(m.previous_overburden is not None for m in mates)
    members = [n for c in cases for n in c.network]
    assert any(n.sustainable is not None for n in members)
    assert any(n.share_percent is not None for n in members)
    assert any(c.private_help.continued is not None for c in cases)
    assert any(a.sufficient is True for c in cases for a in c.aids)
    for case in cases[:200]:
        compute(case, protocol_norms)


NEW_RULES = (
    "afwezigheid.patroon", "afwezigheid.nachtdienst", "afwezigheid.uitstelbaar",
    "andere_ouder.aandeel", "andere_ouder.niet_nagekomen", "eigen_kracht.netwerk_niet_duurzaam",
    "overbelasting.langdurig", "overbelasting.opnieuw_tijdelijk", "kortdurend.gebruikelijke_hulp",
)
NEW_WARNINGS = (
    "afwezigheid_onbekend", "afwezigheid_uitstelbaar_onbekend", "andere_ouder_onbekend",
    "particuliere_hulp_onbekend", "netwerk_duurzaam_onbekend", "overbelasting_langdurig_onbekend",
    "kortdurend_herstel_na_termijn", "hulpmiddel_afdoende_onbekend", "hulpmiddel_voor_helpende",
)


def _documented(rule: str, text: str) -> bool:
    """Named literally, or by a pattern such as `hulpmiddel.*` or `normering.<activiteit>`."""
    if f"`{rule}`" in text:
        return True
    parts = rule.split(".")
    heads = (".".join(parts[:n]) for n in range(1, len(parts)))
    return any(f"`{head}.<" in text or f"`{head}.*`" in text for head in heads)


@pytest.mark.parametrize("case", sorted((ROOT / "cases").glob("4[0-8]-*.yaml")), ids=lambda p: p.stem)
def test_rules_of_the_new_cases_are_in_regels_md(case: Path, protocol_norms: LoadedNorms) -> None:
    """docs/regels.md names every rule id the new golden cases explain with, and every new
    rule id and warning code."""
    text = (ROOT / "docs" / "regels.md").read_text(encoding="utf-8")
    ind = compute(load_case(case), protocol_norms)
    rules = {s.regel for s in ind.uitleg} | set(NEW_RULES)
    assert [r for r in sorted(rules) if not _documented(r, text)] == []
    assert [w for w in NEW_WARNINGS if f"`{w}`" not in text] == []


@pytest.mark.parametrize(("case", "field"), [
    ("40-afwezigheid-patroon", "uitstelbaar_op_thuisdagen"),
    ("44-particuliere-hulp-voortgezet-en-netwerk", "duurzaam"),
    ("45-overbelasting-na-tijdelijke-indicatie", "overbelasting_niet_te_verminderen"),
    ("47-hulpmiddelen-afdoende-en-voor-de-helpende", "afdoende"),
])
def test_recorded_judgements_are_named(case: str, field: str, protocol_norms: LoadedNorms) -> None:
    """The outcome names the consultant's judgements the case records (niet_vertaalbaar)."""
    ind = compute(load_case(ROOT / "cases" / f"{case}.yaml"), protocol_norms)
    assert any(f"'{field}'" in item for item in ind.niet_vertaalbaar)
    plain = compute(load_case(ROOT / "cases" / "01-alleenstaande-volledige-overname.yaml"),
                    protocol_norms)
    assert not any(f"'{field}'" in item for item in plain.niet_vertaalbaar)
