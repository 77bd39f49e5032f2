"""hbh werkplek without a browser: the form follows the case model, round trip, live answer,
missing facts next to their field, the plain-HTML actions (no JavaScript)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

import pytest
import yaml
from fastapi.testclient import TestClient
from pydantic import Field as PydanticField

from hbh_indicatie import api
from hbh_indicatie.errors import HbhError
from hbh_indicatie.models.case import Case, ProfessionalEffort
from hbh_indicatie.models.common import Frozen, YesNoUnknown
from hbh_indicatie.service.app import ServiceConfig, create_app
from hbh_indicatie.werkplek import formulier, routes, teksten, velden
from tests.formsim import JUDGEMENTS_NOT_ASKED_15, FormReader, as_saved_by_the_form, read_form
from tests.shipped import ROOT, computed, shipped_cases

FORM = {"content-type": "application/x-www-form-urlencoded"}


@cache
def client() -> TestClient:
    return TestClient(create_app(ServiceConfig()))


def post(path: str, pairs: list[tuple[str, str]]) -> object:
    return client().post(path, content=urlencode(pairs), headers=FORM)


def opened(path: Path) -> FormReader:
    response = client().post("/werkplek/openen", files={"bestand": (path.name, path.read_bytes())})
    assert response.status_code == 200
    return read_form(response.text)


def _normalised(name: str, skip: set[str]) -> str:
    return ".".join(p for p in name.split(".") if not p.isdigit() and p not in skip)


def _lists_outside_lists(fields: tuple[velden.Field, ...], prefix: str) -> list[str]:
    """Input names of the lists of the form that are not inside a list (one row each), also
    those inside groups (client.oefenplan.fasen)."""
    found: list[str] = []
    for f in fields:
        name = f"{prefix}{f.name}"
        if f.kind == "lijst":
            found.append(name)
        elif f.kind == "groep":
            found += _lists_outside_lists(f.children, name + ".")
    return found


def test_every_case_field_is_in_the_form() -> None:
    """Each fact of the case model has an input (lists with one row each)."""
    first = read_form(client().get("/").text)
    pairs = list(first.pairs)
    for f in _lists_outside_lists(velden.case_fields(), ""):
        pairs = [p for p in pairs if p[0] != f"{f}.__aantal"] + [(f"{f}.__aantal", "1")]
    reader = read_form(post("/", pairs).text)  # type: ignore[attr-defined]
    view_ids = {v for n, v in reader.pairs if n.endswith(("__soorten", "__activiteiten"))}
    skip = {part for value in view_ids for part in value.split(",")}
    names = {_normalised(n, skip) for n in reader.names}
    missing = []
    for f in velden.walk(velden.case_fields()):
        if f.kind in ("groep", "lijst", "sleutellijst", "per_activiteit", "vermogen"):
            continue
        if f.name == "soort" and f.path.count(".") == 1:
            continue  # the row of a list per kind is the kind itself
        if not any(n == f.path or n.startswith(f.path + ".") for n in names):
            missing.append(f.path)
    assert not missing, missing
    # every visible text input, select and date has its own label
    ids = {m.group(1) for m in re.finditer(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"',
                                          post("/", pairs).text)}  # type: ignore[attr-defined]
    unlabelled = sorted(i for i in ids if i.startswith("v-") and i not in reader.labels_for)
    assert not unlabelled, unlabelled[:10]


class _Motivated(Frozen):
    motivation: str = PydanticField(alias="motivering", min_length=20)


def test_a_new_case_fact_appears_in_the_form() -> None:
    class Later(Case):
        new_fact: YesNoUnknown = PydanticField(alias="trap_in_huis")
        exception: _Motivated | Literal["nee", "onbekend"] | None = PydanticField(
            default=None, alias="uitzondering")
        odd: dict[str, int] = PydanticField(default_factory=dict, alias="vreemd")

    fields = velden._children(Later, "")
    new = next(f for f in fields if f.name == "trap_in_huis")
    assert new.kind == "janee" and new.unknown and new.label == "Trap in huis"
    placed = routes.sections(fields)
    assert placed[-1][1] == "Overige feiten" and new in placed[-1][2]
    # words or a group of facts (as §4.6.1's exception): a select, and the group's fields
    choice = next(f for f in fields if f.name == "uitzondering")
    assert choice.kind == "keuze_of_groep" and choice.choices == (("nee", "Nee"),)
    assert choice.unknown and [c.name for c in choice.children] == ["motivering"]
    for value in ("nee", "onbekend", {"motivering": "Tijdelijk verblijf na ontslag uit het ziekenhuis"}):
        out: dict[str, object] = {}
        formulier._values(choice, value, "uitzondering", out)
        form = formulier.FormData((k, str(v)) for k, v in out.items())
        assert formulier._decode(choice, form, "uitzondering") == value
    # a shape the form does not know: said on the page, the rest keeps working
    assert next(f for f in fields if f.name == "vreemd").kind == "niet_ondersteund"
    # and each renders in the form
    from hbh_indicatie.service.catalog import NormCatalog
    from hbh_indicatie.werkplek import uitkomst

    macros = routes.environment().get_template("_velden.html.j2").module
    view = uitkomst.norm_view(NormCatalog.load(), {})
    values = {"uitzondering.__keuze": "__groep", "uitzondering.motivering": "Tijdelijk verblijf"}
    for f in (new, choice, next(f for f in fields if f.name == "vreemd")):
        html = str(macros.veld(f, f.name, values, view, {}, {}))  # type: ignore[attr-defined]
        reader = read_form(f'<form id="werkplek">{html}</form>')
        if f is choice:
            assert dict(reader.pairs) == values
        elif f is new:
            assert reader.names == {"trap_in_huis"}
        else:
            assert not reader.names and "kan het formulier nog niet tonen" in html


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_round_trip_through_the_form(path: Path, tmp_path: Path) -> None:
    """Open a case file, save it from the form: the CLI reads the same case back."""
    reader = opened(path)
    original = as_saved_by_the_form(api.load_case(path))
    for kind in ("yaml", "json"):
        saved = post(f"/werkplek/opslaan?formaat={kind}", reader.pairs)
        target = tmp_path / f"casus.{kind}"
        target.write_bytes(saved.content)  # type: ignore[attr-defined]
        assert api.load_case(target) == original
        data = json.loads(target.read_text()) if kind == "json" else yaml.safe_load(target.read_text())
        assert data == formulier.canonical(original)
    # what the form leaves out (questions not asked) changes nothing: saved and opened again,
    # the same indication
    _, norms, expected = computed(path)
    if expected is not None:
        assert api.compute(api.load_case(target), norms, str(path)) == expected
        again = post("/werkplek/opslaan?formaat=yaml", opened(target).pairs)
        reopened = tmp_path / "opnieuw.yaml"
        reopened.write_bytes(again.content)  # type: ignore[attr-defined]
        assert api.load_case(reopened) == original


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_judgements_asked_only_of_factors_that_are_there(path: Path) -> None:
    """§3: 'Vraagt dit echt meer professionele inzet?' is asked of exactly the factors that are
    there in the case (the case model's own Case.effort_factors_present): the others are hidden
    and not saved."""
    case = api.load_case(path)
    present = case.effort_factors_present()
    assert formulier.effort_factors_entered(formulier.canonical(case)) == present
    response = client().post("/werkplek/openen", files={"bestand": (path.name, path.read_bytes())})
    questions = dict(re.findall(r'data-berekend="meer_professionele_inzet\.(\w+)"( hidden)?',
                                response.text))
    assert set(questions) == ProfessionalEffort.judged()
    assert {factor for factor, hidden in questions.items() if not hidden} == present
    answer = post("/werkplek/bereken", opened(path).pairs).json()  # type: ignore[attr-defined]
    assert {n.removeprefix("meer_professionele_inzet.") for n in answer["niet_van_toepassing"]
            if n.startswith("meer_professionele_inzet.")} == ProfessionalEffort.judged() - present
    saved = yaml.safe_load(post("/werkplek/opslaan", opened(path).pairs).text)  # type: ignore[attr-defined]
    assert set(saved.get("meer_professionele_inzet", {})) <= present


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_live_total_equals_bereken(path: Path) -> None:
    _, _, expected = computed(path)
    answer = post("/werkplek/bereken", opened(path).pairs).json()  # type: ignore[attr-defined]
    if expected is None:  # a rule conflict: said, no total
        assert answer["totaal"] is None and "letop" in answer["uitkomst"]
    else:
        assert answer["totaal"] == expected.totaal_minuten_per_week
        assert f'data-minuten="{expected.totaal_minuten_per_week}"' in answer["uitkomst"]
        assert answer["opmerkingen"] == {}


def _without(pairs: list[tuple[str, str]], *names: str) -> list[tuple[str, str]]:
    return [(n, "" if n in names else v) for n, v in pairs]


def test_missing_fact_is_shown_next_to_its_field() -> None:
    pairs = _without(opened(ROOT / "cases" / "07-partner-gebruikelijke-hulp.yaml").pairs,
                     "client.leeftijd", "hulpmiddelen.vaatwasser.aanwezig",
                     "hulpmiddelen.vaatwasser.haalbaar", "huisgenoten.0.overbelast")
    answer = post("/werkplek/bereken", pairs).json()  # type: ignore[attr-defined]
    assert answer["totaal"] is None
    assert answer["opmerkingen"]["client.leeftijd"] == "ontbreekt"
    assert answer["opmerkingen"]["huisgenoten.0.overbelast"] == "ontbreekt"
    page = post("/", pairs).text  # type: ignore[attr-defined]
    assert re.search(r'id="fout-v-client-leeftijd"[^>]*>ontbreekt<', page)
    assert 'href="#v-client-leeftijd"' in page
    # a fact the norm set needs (check against the set): next to that aid
    pairs = [p for p in pairs if p[0] != "client.leeftijd"] + [("client.leeftijd", "72")]
    pairs = [p for p in pairs if p[0] != "huisgenoten.0.overbelast"] + [("huisgenoten.0.overbelast", "nee")]
    answer = post("/werkplek/bereken", pairs).json()  # type: ignore[attr-defined]
    assert "vaatwasser' ontbreekt" in answer["opmerkingen"]["hulpmiddelen.vaatwasser.aanwezig"]


def test_unknown_makes_the_outcome_voorlopig() -> None:
    pairs = opened(ROOT / "cases" / "07-partner-gebruikelijke-hulp.yaml").pairs
    pairs = [(n, "onbekend" if n == "huisgenoten.0.overbelast" else v) for n, v in pairs]
    pairs = [(n, "onbekend" if n == "client.zelf.wasverzorging.kan" else v) for n, v in pairs]
    answer = post("/werkplek/bereken", pairs).json()  # type: ignore[attr-defined]
    assert answer["totaal"] is not None and "Voorlopig" in answer["uitkomst"]
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', answer["uitkomst"])
    assert sorted(links) == [("v-client-zelf-wasverzorging-kan", "Wat kan de cliënt zelf?: Wasverzorging"),
                             ("v-huisgenoten-0-overbelast", "Huisgenoot 1: Overbelast?")]


def test_rows_are_added_and_removed_without_javascript() -> None:
    pairs = opened(ROOT / "cases" / "07-partner-gebruikelijke-hulp.yaml").pairs
    more = read_form(post("/", [*pairs, ("__actie", "erbij:huisgenoten")]).text)  # type: ignore[attr-defined]
    assert "huisgenoten.1.naam" in more.names and "huisgenoten.0.naam" in more.names
    fewer = read_form(post("/", [*pairs, ("__actie", "weg:huisgenoten.0")]).text)  # type: ignore[attr-defined]
    assert "huisgenoten.0.naam" not in fewer.names
    assert dict(fewer.pairs)["huisgenoten.__aantal"] == "0"


def test_wat_als_and_side_by_side() -> None:
    pairs = opened(ROOT / "cases" / "14-afwezigheid-zeven-etmalen.yaml").pairs
    fixed = read_form(post("/", [*pairs, ("__actie", "basis")]).text)  # type: ignore[attr-defined]
    baseline = dict(fixed.pairs)["__basis"]
    assert json.loads(baseline)["kenmerk"] == "14-afwezigheid-zeven-etmalen"
    # the old afwezigheid_werk of case 14 opens as the new afwezigheid: Bert is not away
    changed = [(n, "geen" if n == "huisgenoten.0.afwezigheid.__keuze" else v)
               for n, v in fixed.pairs]
    answer = post("/werkplek/bereken", [*changed, ("__naast", "kpmg-hbel")]).json()  # type: ignore[attr-defined]
    html = answer["uitkomst"]
    _, _, before = computed(ROOT / "cases" / "14-afwezigheid-zeven-etmalen.yaml")
    assert before is not None
    assert f'id="totaal-basis">{before.totaal_minuten_per_week}<' in html
    assert answer["totaal"] < before.totaal_minuten_per_week  # Bert at home: he helps
    assert 'id="naast"' in html and "kpmg-hbel" in html


def test_besluit_from_the_form() -> None:
    pairs = opened(ROOT / "cases" / "01-alleenstaande-volledige-overname.yaml").pairs
    pdf = post("/werkplek/besluit?formaat=pdf", pairs)
    assert pdf.content.startswith(b"%PDF")  # type: ignore[attr-defined]
    assert "besluit-01-alleenstaande" in pdf.headers["content-disposition"]  # type: ignore[attr-defined]
    unfinished = post("/werkplek/besluit?formaat=pdf", _without(pairs, "peildatum"))
    assert unfinished.status_code == 422  # type: ignore[attr-defined]
    assert "nog niet worden gemaakt" in unfinished.text  # type: ignore[attr-defined]


def test_half_a_case_opens_and_saves() -> None:
    text = b"kenmerk: half\nclient:\n  leeftijd: 80\n"
    page = client().post("/werkplek/openen", files={"bestand": ("half.yaml", text)}).text
    reader = read_form(page)
    assert dict(reader.pairs)["client.leeftijd"] == "80"
    saved = yaml.safe_load(post("/werkplek/opslaan", reader.pairs).text)  # type: ignore[attr-defined]
    assert saved["kenmerk"] == "half" and saved["client"]["leeftijd"] == 80
    broken = client().post("/werkplek/openen", files={"bestand": ("x.yaml", b"a: [")}).text
    assert "niet te openen" in broken


def test_page_has_no_external_assets() -> None:
    page = client().get("/").text
    assert not re.search(r'(src|href)="(https?:)?//', page)
    for name in routes.STATIC:
        assert client().get(f"/werkplek/static/{name}").status_code == 200
    assert client().get("/werkplek/static/../app.py").status_code == 404


def test_answer_that_no_longer_applies_is_left_out() -> None:
    """Henk can do part (ticked tasks), then the consultant chooses 'nee': the ticks stay in
    the form but are no part of the case."""
    pairs = opened(ROOT / "cases" / "07-partner-gebruikelijke-hulp.yaml").pairs
    changed = [(n, "nee" if n == "huisgenoten.0.kan_huishouden" else v) for n, v in pairs]
    assert any(n == "huisgenoten.0.kan_overnemen.categorieen" for n, _ in changed)
    answer = post("/werkplek/bereken", changed).json()  # type: ignore[attr-defined]
    assert answer["opmerkingen"] == {} and answer["totaal"] > 168
    saved = yaml.safe_load(post("/werkplek/opslaan", changed).text)  # type: ignore[attr-defined]
    assert "kan_overnemen" not in saved["huisgenoten"][0]


def test_docs_pictures_exist_and_readme_example_figure() -> None:
    """Every picture the README and the handleiding show exists, and every picture in
    docs/afbeeldingen is shown somewhere (python tools/afbeeldingen.py makes them)."""
    shown = set()
    for doc in (ROOT / "README.md", ROOT / "docs" / "handleiding.md"):
        text = doc.read_text(encoding="utf-8")
        pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
        assert pictures, doc
        for picture in pictures:
            assert (doc.parent / picture).is_file(), picture
            shown.add((doc.parent / picture).resolve())
    assert set((ROOT / "docs" / "afbeeldingen").iterdir()) <= shown
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    _, _, example = computed(ROOT / "cases" / "07-partner-gebruikelijke-hulp.yaml")
    assert example is not None and example.totaal_minuten_per_week == 168
    assert "**2 uur\nen 48 minuten per week** (168 minuten)" in readme


def test_ids_the_norm_set_does_not_list_survive_the_round_trip() -> None:
    """A case file may name a toeslag or an id of another norm set: the form keeps it (shown
    as 'niet in deze normenset') rather than dropping it silently."""
    data = yaml.safe_load((ROOT / "cases" / "07-partner-gebruikelijke-hulp.yaml").read_text())
    data["client"]["zelf"]["activiteiten"] = {"toeslag_huisdier": "niet", "elders": "volledig"}
    data["huisgenoten"][0]["kan_overnemen"]["activiteiten"] = ["elders", "toeslag_kinderen"]
    data["afwijkingen"] = [{"activiteit": "toeslag_huisstofmijt", "minuten_per_week": 40,
                            "motivering": "Ernstige astma: dagelijks stof afnemen nodig."}]
    text = yaml.safe_dump(data, allow_unicode=True).encode()
    page = client().post("/werkplek/openen", files={"bestand": ("x.yaml", text)}).text
    assert "elders (niet in deze normenset)" in page and "Extra tijd: Aanwezigheid van een huisdier" in page
    saved = yaml.safe_load(post("/werkplek/opslaan", read_form(page).pairs).text)  # type: ignore[attr-defined]
    assert saved == formulier.canonical(as_saved_by_the_form(api.case_from_dict(data)))


# ---- §2.2 afwezigheid (a list in a list row), uitstelbaar op thuisdagen, §2.1, §1.4, §1.6 ----

CASE_41 = ROOT / "cases" / "41-afwezigheid-om-de-week-en-nachtdienst.yaml"


def _bereken_cli(path: Path) -> int:
    """The total of ``hbh bereken`` (the CLI itself, not the library)."""
    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    result = CliRunner().invoke(app, ["bereken", str(path), "--formaat", "json"])
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)["totaal_minuten_per_week"])


def _set(pairs: list[tuple[str, str]], changes: dict[str, str]) -> list[tuple[str, str]]:
    """The pairs with these inputs set (added when the page has no such input)."""
    named = dict(changes)
    kept = [(n, named.pop(n) if n in named else v) for n, v in pairs]
    return kept + list(named.items())


def test_absence_pattern_filled_in_without_javascript() -> None:
    """"7 nachten om de week voor werk" entered in the form (case 41's Erik, first without
    absence): rows of the absence list added and removed inside his row with the plain
    buttons; the live total is what ``hbh bereken`` says for case 41, and saving gives case 41."""
    data = yaml.safe_load(CASE_41.read_text(encoding="utf-8"))
    data["huisgenoten"][0]["afwezigheid"] = "geen"
    page = client().post("/werkplek/openen", files={"bestand": (
        "x.yaml", yaml.safe_dump(data, allow_unicode=True).encode())}).text
    pairs = read_form(page).pairs
    erik = "huisgenoten.0.afwezigheid"
    assert dict(pairs)[f"{erik}.__keuze"] == "geen"
    assert f"{erik}.0.etmalen" in read_form(page).names  # one empty row, shown with 'ja'
    # a row more, then the first (empty) one removed: all by posting the form
    more = read_form(post("/", [*pairs, ("__actie", f"erbij:{erik}")]).text)  # type: ignore[attr-defined]
    assert dict(more.pairs)[f"{erik}.__aantal"] == "2" and f"{erik}.1.vanwege" in more.names
    filled = _set(more.pairs, {f"{erik}.__keuze": "__lijst", f"{erik}.1.etmalen": "7",
                             f"{erik}.1.per_weken": "2", f"{erik}.1.vanwege": "werk"})
    fewer = read_form(post("/", [*filled, ("__actie", f"weg:{erik}.0")]).text)  # type: ignore[attr-defined]
    values = dict(fewer.pairs)
    assert values[f"{erik}.__aantal"] == "1" and f"{erik}.1.etmalen" not in fewer.names
    assert (values[f"{erik}.0.etmalen"], values[f"{erik}.0.per_weken"],
            values[f"{erik}.0.vanwege"]) == ("7", "2", "werk")
    assert values["huisgenoten.1.afwezigheid.0.vanwege"] == "nachtdienst"  # Daan's untouched
    answer = post("/werkplek/bereken", fewer.pairs).json()  # type: ignore[attr-defined]
    assert answer["opmerkingen"] == {}, answer["uitkomst"]
    assert answer["totaal"] == _bereken_cli(CASE_41)
    saved = yaml.safe_load(post("/werkplek/opslaan", fewer.pairs).text)  # type: ignore[attr-defined]
    assert api.case_from_dict(saved) == as_saved_by_the_form(api.load_case(CASE_41))


def test_removing_a_housemate_moves_the_rows_of_the_next_one_up() -> None:
    pairs = opened(CASE_41).pairs
    fewer = read_form(post("/", [*pairs, ("__actie", "weg:huisgenoten.0")]).text)  # type: ignore[attr-defined]
    values = dict(fewer.pairs)
    assert values["huisgenoten.0.naam"] == "Daan" and values["huisgenoten.__aantal"] == "1"
    assert values["huisgenoten.0.afwezigheid.0.vanwege"] == "nachtdienst"
    assert values["huisgenoten.0.kan_overnemen.__volgorde"] == "wasverzorging,boodschappen_en_maaltijden"


def test_absence_that_asks_for_the_postponable_finding() -> None:
    """Case 40: an absence shorter than 7 etmalen asks §2.2's finding; an ability or a choice
    of tasks, each revealing its own fields. Without it: said next to the field."""
    path = ROOT / "cases" / "40-afwezigheid-patroon.yaml"
    pairs = opened(path).pairs
    name = "huisgenoten.0.uitstelbaar_op_thuisdagen"
    assert (dict(pairs)[f"{name}.kan"], dict(pairs)[f"{name}.aandeel_procent"]) == ("gedeeltelijk", "50")
    page = post("/", pairs).text  # type: ignore[attr-defined]
    assert f'data-alleen-als="{name}.kan=__taken"' in page and "Neemt een deel over" in page
    tasks = _set(pairs, {f"{name}.kan": "__taken"})
    answer = post("/werkplek/bereken", tasks).json()  # type: ignore[attr-defined]
    assert answer["totaal"] is None
    assert "'uitstelbaar_op_thuisdagen'" in answer["opmerkingen"][f"{name}.kan"]  # by the field
    tasks += [(f"{name}.categorieen", "wasverzorging"), (f"{name}.activiteiten", "stofzuigen")]
    saved = yaml.safe_load(post("/werkplek/opslaan", tasks).text)  # type: ignore[attr-defined]
    assert saved["huisgenoten"][0]["uitstelbaar_op_thuisdagen"] == {
        "categorieen": ["wasverzorging"], "activiteiten": ["stofzuigen"]}
    reopened = read_form(client().post("/werkplek/openen", files={"bestand": (
        "x.yaml", yaml.safe_dump(saved, allow_unicode=True).encode())}).text)
    assert dict(reopened.pairs)[f"{name}.kan"] == "__taken"
    answer = post("/werkplek/bereken", reopened.pairs).json()  # type: ignore[attr-defined]
    assert answer["opmerkingen"] == {} and answer["totaal"] is not None


def test_old_absence_opens_as_the_new_one() -> None:
    """afwezigheid_werk (old files) is read and converted: the form shows afwezigheid, also
    in half a case, and asks nothing of the old form."""
    assert not any(f.path.startswith("huisgenoten.afwezigheid_werk")
                   for f in velden.walk(velden.case_fields()))
    values = dict(opened(ROOT / "cases" / "14-afwezigheid-zeven-etmalen.yaml").pairs)
    assert values["huisgenoten.0.afwezigheid.__keuze"] == "__lijst"
    assert (values["huisgenoten.0.afwezigheid.0.etmalen"],
            values["huisgenoten.0.afwezigheid.0.per_weken.onbekend"],
            values["huisgenoten.0.afwezigheid.0.vanwege"]) == ("12", "onbekend", "werk")
    half = {"kenmerk": "half", "huisgenoten": [{
        "naam": "Bert", "relatie": "partner", "leeftijd": 50, "kan_huishouden": "ja",
        "afwezigheid_werk": {"langste_aaneengesloten_etmalen": 2, "dagen_per_week": 2},
        "overbelast": "nee", "ongewend_aan_huishouden": "nee"}]}
    page = client().post("/werkplek/openen", files={"bestand": (
        "half.yaml", yaml.safe_dump(half).encode())}).text
    values = dict(read_form(page).pairs)
    row = "huisgenoten.0.afwezigheid.0"
    assert (values[f"{row}.etmalen"], values[f"{row}.per_weken"]) == ("2", "1")
    assert values["huisgenoten.0.uitstelbaar_op_thuisdagen.kan"] == "onbekend"
    assert "afwezigheid_werk" not in page


def test_new_facts_have_dutch_labels_with_their_paragraph() -> None:
    expected = {"huisgenoten.afwezigheid": "§2.2", "huisgenoten.afwezigheid.etmalen": "§2.2",
                "huisgenoten.afwezigheid.per_weken": "§2.2",
                "huisgenoten.afwezigheid.vanwege": "§2.2",
                "huisgenoten.uitstelbaar_op_thuisdagen": "§2.2",
                "huisgenoten.eerdere_tijdelijke_indicatie": "§2.1",
                "huisgenoten.eerdere_tijdelijke_indicatie.tot": "§2.1",
                "huisgenoten.eerdere_tijdelijke_indicatie.pogingen": "§2.1",
                "huisgenoten.eerdere_tijdelijke_indicatie.overbelasting_niet_te_verminderen": "§2.1",
                "hulpmiddelen.afdoende": "§1.4", "particuliere_hulp.wordt_voortgezet": "§1.6",
                "netwerk.aandeel_procent": "§1.6", "netwerk.duurzaam": "§1.6",
                "netwerk.kinderen_bij_client_procent": "§4.4",
                "netwerk.omgangsregeling_nagekomen": "§4.4"}
    fields = velden.by_path()
    for path, paragraph in expected.items():
        assert paragraph in fields[path].help, path
        assert fields[path].label != path.rsplit(".", 1)[-1].capitalize(), path
    assert (fields["huisgenoten.afwezigheid.per_weken"].minimum,
            fields["huisgenoten.afwezigheid.per_weken"].maximum) == (1, 52)


def test_answers_for_another_relation_are_left_out() -> None:
    """A network member made the other parent after 'bereid' and 'duurzaam' were filled in:
    those no longer count (§4.4 asks the omgangsregeling); the other way round as well."""
    pairs = opened(ROOT / "cases" / "44-particuliere-hulp-voortgezet-en-netwerk.yaml").pairs
    rows = {n.split(".")[1] for n, _ in pairs if n.startswith("netwerk.") and n.endswith(".duurzaam")}
    assert rows
    row = sorted(rows)[-1]
    changed = _set(pairs, {f"netwerk.{row}.relatie": "andere_ouder",
                             f"netwerk.{row}.kinderen_bij_client_procent": "70",
                             f"netwerk.{row}.omgangsregeling_nagekomen": "ja"})
    saved = yaml.safe_load(post("/werkplek/opslaan", changed).text)  # type: ignore[attr-defined]
    member = saved["netwerk"][int(row)]
    assert member["relatie"] == "andere_ouder" and "bereid" not in member
    assert "duurzaam" not in member and member["kinderen_bij_client_procent"] == 70
    api.case_from_dict(saved)


def test_new_facts_of_these_shapes_need_no_form_code() -> None:
    """The shapes are read from the model: any list with a shorthand word becomes 'word or
    rows', any union of an ability and a task selection a choice that opens its fields."""
    from pydantic import BeforeValidator

    from hbh_indicatie.models.case import AbilityField, Tasks

    class Visit(Frozen):
        days: int = PydanticField(alias="dagen", ge=1, le=7)

    Visits = Annotated[tuple[Visit, ...], BeforeValidator(
        lambda v: [] if v == "nooit" else v, json_schema_input_type=list[Visit] | Literal["nooit"])]

    class Later(Case):
        visits: Visits | None = PydanticField(default=None, alias="bezoek")  # type: ignore[valid-type]
        weekend: AbilityField | Tasks | None = PydanticField(default=None, alias="weekend")

    fields = {f.name: f for f in velden._children(Later, "")}
    assert fields["bezoek"].kind == "keuze_of_lijst" and fields["bezoek"].choices == (("nooit", "Nooit"),)
    assert fields["weekend"].kind == "vermogen_of_taken"
    for value in ("nooit", [{"dagen": 2}, {"dagen": 3}]):
        out: dict[str, object] = {}
        formulier._values(fields["bezoek"], value, "bezoek", out)
        form = formulier.FormData((k, str(v)) for k, v in out.items())
        assert formulier._decode(fields["bezoek"], form, "bezoek") == value
    for value in ({"kan": "gedeeltelijk", "aandeel_procent": 40}, {"kan": "niet"},
                  {"categorieen": ["wasverzorging"], "activiteiten": ["stofzuigen"]}):
        out = {}
        formulier._values(fields["weekend"], value, "weekend", out)
        form = formulier.FormData((k, x) for k, v in out.items()
                                  for x in (v if isinstance(v, list) else [str(v)]))
        assert formulier._decode(fields["weekend"], form, "weekend") == value


def test_stale_answers_of_questions_that_no_longer_apply_are_not_saved() -> None:
    """Without JavaScript too: the absence becomes 7 etmalen for work, so §2.2's finding
    'uitstelbaar op thuisdagen' no longer applies (the case model's own rule): left out of the
    case and the page shows it hidden; an aid not there and not feasible asks no 'afdoende'."""
    pairs = opened(ROOT / "cases" / "15-afwezigheid-kort.yaml").pairs
    name = "huisgenoten.0.uitstelbaar_op_thuisdagen"
    assert dict(pairs)[f"{name}.kan"] == "volledig"
    long = _set(pairs, {"huisgenoten.0.afwezigheid.0.etmalen": "7"})
    answer = post("/werkplek/bereken", long).json()  # type: ignore[attr-defined]
    assert answer["opmerkingen"] == {}
    assert answer["niet_van_toepassing"] == [name, "client.zelf.kinderen", *JUDGEMENTS_NOT_ASKED_15]
    saved = yaml.safe_load(post("/werkplek/opslaan", long).text)  # type: ignore[attr-defined]
    assert "uitstelbaar_op_thuisdagen" not in saved["huisgenoten"][0]
    page = post("/", long).text  # type: ignore[attr-defined]
    assert re.search(rf'data-berekend="{re.escape(name)}" hidden', page)
    assert not re.search(rf'data-berekend="{re.escape(name)}" hidden',
                         post("/", pairs).text)  # type: ignore[attr-defined]

    pairs = opened(ROOT / "cases" / "47-hulpmiddelen-afdoende-en-voor-de-helpende.yaml").pairs
    gone = _set(pairs, {"hulpmiddelen.vaatwasser.aanwezig": "nee",
                        "hulpmiddelen.vaatwasser.haalbaar": "nee"})
    assert dict(gone)["hulpmiddelen.vaatwasser.afdoende"] == "ja"  # still in the form
    answer = post("/werkplek/bereken", gone).json()  # type: ignore[attr-defined]
    assert answer["opmerkingen"] == {}, answer["opmerkingen"]
    saved = yaml.safe_load(post("/werkplek/opslaan", gone).text)  # type: ignore[attr-defined]
    dishwasher = next(a for a in saved["hulpmiddelen"] if a["soort"] == "vaatwasser")
    assert "afdoende" not in dishwasher
    page = post("/", gone).text  # type: ignore[attr-defined]
    assert 'data-alleen-als="hulpmiddelen.vaatwasser.aanwezig=ja;hulpmiddelen.vaatwasser.haalbaar=ja"' in page


@pytest.mark.parametrize(("typed", "saved"), [
    ("02-03-2026", "2026-03-02"), ("2-3-2026", "2026-03-02"), ("2/3/2026", "2026-03-02"),
    ("2.3.2026", "2026-03-02"), ("2 maart 2026", "2026-03-02"), ("2 mrt 2026", "2026-03-02"),
    ("2026-03-02", "2026-03-02"), ("31-02-2026", "31-02-2026"), ("03/02/2026x", "03/02/2026x"),
    ("2 ma 2026", "2 ma 2026")])
def test_dates_as_a_consultant_types_them(typed: str, saved: str) -> None:
    assert formulier.iso_date(typed) == saved
    if saved[:4].isdigit():
        assert formulier.dutch_date(saved) == "02-03-2026"
        pairs = [*opened(ROOT / "cases" / "07-partner-gebruikelijke-hulp.yaml").pairs]
        answer = post("/werkplek/bereken", _set(pairs, {"peildatum": typed})).json()  # type: ignore[attr-defined]
        assert answer["opmerkingen"] == {} and answer["totaal"] == 168
    else:
        answer = post("/werkplek/bereken", [("peildatum", typed)]).json()  # type: ignore[attr-defined]
        assert answer["opmerkingen"]["peildatum"] == formulier.DATE_PROBLEM


def test_live_socket_sends_only_changes_and_refuses_other_sites() -> None:
    """The WebSocket of the page: the whole form once, then only what changed, each answer as
    the POST gives it; an empty message is answered without computing; a page of another site
    is refused."""
    from starlette.websockets import WebSocketDisconnect

    pairs = opened(ROOT / "cases" / "07-partner-gebruikelijke-hulp.yaml").pairs
    fields: dict[str, list[str]] = {}
    for name, value in pairs:
        fields.setdefault(name, []).append(value)
    with client().websocket_connect("/werkplek/live") as socket:
        socket.send_json({"n": 1, "alles": True, "velden": fields})
        first = socket.receive_json()
        assert first["n"] == 1 and first["totaal"] == 168 and first["opmerkingen"] == {}
        socket.send_json({"n": 2, "velden": {"huisgenoten.0.kan_huishouden": ["nee"]}})
        second = socket.receive_json()
        changed = _set(pairs, {"huisgenoten.0.kan_huishouden": "nee"})
        posted = post("/werkplek/bereken", changed).json()  # type: ignore[attr-defined]
        assert second["totaal"] == posted["totaal"] > 168
        socket.send_json({"n": 3, "velden": {"client.leeftijd": []}})
        assert socket.receive_json()["opmerkingen"] == {"client.leeftijd": "ontbreekt"}
        socket.send_json({"n": -1})
        assert socket.receive_json() == {"n": -1}
    with pytest.raises(WebSocketDisconnect), client().websocket_connect(
            "/werkplek/live", headers={"origin": "http://kwaadaardig.example"}) as socket:
        socket.receive_json()


def test_living_form_exception_is_asked_only_where_it_exists() -> None:
    """§4.6.1's exception belongs to vakantiewoning, tweede woning, hotel/pension and kamerhuur.
    For a zelfstandige woning the question is out of sight, and a consultant who answered 'Nee'
    anyway gets no error (before: "'uitzondering_woonvorm' hoort bij vakantiewoning ..." and no
    indication for the README's example case)."""
    pairs = opened(ROOT / "cases" / "07-partner-gebruikelijke-hulp.yaml").pairs
    assert ("woning.woonvorm", "zelfstandig") in pairs
    answered = [p for p in pairs if not p[0].startswith("woning.uitzondering_woonvorm")] + [
        ("woning.uitzondering_woonvorm.__keuze", "nee")]
    answer = post("/werkplek/bereken", answered).json()  # type: ignore[attr-defined]
    assert answer["opmerkingen"] == {} and answer["totaal"] == 168
    saved = yaml.safe_load(post("/werkplek/opslaan", answered).text)  # type: ignore[attr-defined]
    assert "uitzondering_woonvorm" not in saved["woning"] or saved["woning"]["uitzondering_woonvorm"] is None
    page = post("/", answered).text  # type: ignore[attr-defined]
    fieldset = re.search(r'<fieldset class="groep" id="v-woning-uitzondering_woonvorm"([^>]*)>', page)
    assert fieldset is not None
    shown_for = re.search(r'data-alleen-als="woning\.woonvorm=([^"]+)"', fieldset[1])
    assert shown_for is not None
    assert set(shown_for[1].split("|")) == {"vakantiewoning", "tweede_woning", "hotel_pension", "kamerhuur"}
    # where the exception exists, the answer still counts
    holiday = [(n, "vakantiewoning" if n == "woning.woonvorm" else v) for n, v in answered]
    saved = yaml.safe_load(post("/werkplek/opslaan", holiday).text)  # type: ignore[attr-defined]
    assert saved["woning"]["uitzondering_woonvorm"] == "nee" or \
        saved["woning"]["uitzondering_woonvorm"] is False


def _labelled_field(name: str) -> velden.Field | None:
    """The field whose label shows the input ``name`` ('netwerk.0.bereid', 'hulpmiddelen.
    vaatwasser.haalbaar', 'client.zelf.wasverzorging.kan', 'x.__keuze', 'x.categorieen')."""
    fields = velden.by_path()
    parts = [p for p in name.split(".") if not p.isdigit()]
    if parts[0] in ("hulpmiddelen", "voorliggende_voorzieningen") and len(parts) > 2:
        del parts[1]  # the kind of a list per kind
    while parts and ".".join(parts) not in fields:
        parts.pop()  # __keuze, categorieen, an activity of per_activiteit
    found = fields.get(".".join(parts))
    parent = fields.get(".".join(parts[:-1]))
    if found is not None and parent is not None and parent.kind in ("vermogen",
                                                                    "vermogen_of_taken"):
        return parent  # 'kan' is the ability itself
    return found


def _form_pairs(data: Any, values: dict[str, Any]) -> list[tuple[str, str]]:
    """The (name, value) pairs the form posts for a case's field values, keyed lists too."""
    pairs = [(n, v) for n, value in values.items()
             for v in (value if isinstance(value, list) else [value])]
    pairs += [(f"{f.name}.{formulier.KEYS}", ",".join(formulier.list_keys(data, f.name)))
              for f in velden.case_fields() if f.kind == "sleutellijst"]
    return pairs


def test_a_field_the_model_requires_is_never_labelled_optional() -> None:
    """Every answer of every golden case emptied in turn, as the consultant would empty it in
    the form: where the case model then refuses the case, that field's label does not say
    '(als het van toepassing is)'. The network member's 'Bereid?' was: its type lets it out
    (the check of the member demands it)."""
    required: dict[str, str] = {}
    for path in shipped_cases():
        data = formulier.canonical(api.load_case(path))
        values = formulier.field_values(data)
        pairs = _form_pairs(data, values)
        for name in values:
            if name.rsplit(".", 1)[-1].startswith("__") or values[name] in ("", []):
                continue
            form = formulier.FormData((n, v) for n, v in pairs if n != name)
            try:
                api.case_from_dict(formulier.decode(form), "test")
            except HbhError:
                f = _labelled_field(name)
                if f is not None:
                    required.setdefault(f.path, f"{path.name}: {name}")
    labelled = {p: where for p, where in required.items() if velden.by_path()[p].optional}
    assert labelled == {}
    assert {"netwerk.bereid", "client.verwacht_herstel", "huisgenoten.kan_overnemen",
            "hulpmiddelen.haalbaar", "particuliere_hulp.taken"} <= set(required)
    assert set(velden.by_path()) >= teksten.REQUIRED_WHEN_ASKED
    page = client().post("/werkplek/openen", files={"bestand": (
        "72.yaml", (ROOT / "cases" / "72-afspraken-mantelzorgers.yaml").read_bytes())}).text
    label = re.search(r'<label for="v-netwerk-0-bereid">(.*?)</label>', page)
    assert label is not None and label.group(1) == "Bereid?"


def test_a_blank_answer_is_never_taken_as_onbekend() -> None:
    """Every answer of every golden case emptied in turn, as the consultant would leave it
    blank in the form: the case is then refused (the blank is missing, 'Nog in te vullen') or
    computed without a new 'onbekend feit': the consultant never chose onbekend. And a blank
    the engine refuses is never labelled '(als het van toepassing is)'. Was: the judgement
    'Huisdieren' under 'meer professionele inzet' left blank made the result voorlopig."""
    silent: dict[str, str] = {}
    refused: dict[str, str] = {}
    for path in shipped_cases():
        case, norms, indication = computed(path)
        if indication is None:
            continue
        before = set(indication.onbekende_feiten)
        data = formulier.canonical(case)
        values = formulier.field_values(data)
        pairs = _form_pairs(data, values)
        for name in values:
            if name.rsplit(".", 1)[-1].startswith("__") or values[name] in ("", [], "onbekend"):
                continue
            form = formulier.FormData((n, v) for n, v in pairs if n != name)
            try:
                result = api.compute(api.case_from_dict(formulier.decode(form), "test"), norms)
            except HbhError:
                f = _labelled_field(name)
                if f is not None:
                    refused.setdefault(f.path, f"{path.name}: {name}")
                continue
            new = set(result.onbekende_feiten) - before
            if new:
                silent.setdefault(name, f"{path.name}: {sorted(new)}")
    assert silent == {}
    assert "meer_professionele_inzet.huisdier" in refused
    assert {p: where for p, where in refused.items() if velden.by_path()[p].optional} == {}


YAML_NOTATION = re.compile(r"[{}\[\]]|\.\.|/nee|'[a-z_]+: [^']*'")
"""How a case file writes a value ({gedeeltelijk: 1..99}, 'bereid: ja/nee'), which the form
does not show."""


def _model_messages() -> list[str]:
    """The texts of every check of the case model (the strings given to ValueError)."""
    import ast
    import inspect

    from hbh_indicatie.models import case as case_module

    found = []
    for node in ast.walk(ast.parse(inspect.getsource(case_module))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "ValueError":
            found.append("".join(
                part.value if isinstance(part, ast.Constant) else "…"
                for arg in node.args
                for part in (arg.values if isinstance(arg, ast.JoinedStr) else [arg])
                if isinstance(part, (ast.Constant, ast.FormattedValue))))
    return found


def test_model_messages_read_right_in_the_form() -> None:
    """The case model's messages are read by YAML users and, beside the field, in the form:
    they name the field and its values in words, not in the notation of the file."""
    messages = _model_messages()
    assert len(messages) > 30
    assert [m for m in messages if YAML_NOTATION.search(m)] == []
    pairs = opened(ROOT / "cases" / "72-afspraken-mantelzorgers.yaml").pairs
    answer = post("/werkplek/bereken", _set(_without(pairs, "netwerk.0.bereid"), {
        "client.zelf.wasverzorging.kan": "gedeeltelijk",
        "client.zelf.wasverzorging.aandeel_procent": ""})).json()  # type: ignore[attr-defined]
    remarks = answer["opmerkingen"]
    assert remarks["client.zelf.wasverzorging.kan"] == \
        "bij 'gedeeltelijk' hoort een aandeel van 1 tot en met 99 procent"
    assert remarks["netwerk.0.bereid"] == "bij een netwerklid hoort 'bereid': ja of nee"


def test_hbh_werkplek_says_where_the_form_is_and_how_to_stop() -> None:
    """`hbh werkplek` names the werkplek's address (not 'hbh server luistert'), and Ctrl-C."""
    import signal
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    proc = subprocess.Popen(
        [sys.executable, "-c", "from hbh_indicatie.cli.main import run; run()", "werkplek",
         "--niet-openen", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert f"De werkplek staat open op http://127.0.0.1:{port}/" in err, err
    assert "Stoppen: Ctrl-C" in err and "luistert" not in err


def test_child_care_is_asked_only_with_children() -> None:
    """A woman living alone is not asked 'Zorg voor kinderen' (hidden, as §2.2's finding) and
    her case is complete without it; with children in the household it is asked and required
    (said at the field)."""
    name = "client.zelf.kinderen"
    alone = opened(ROOT / "cases" / "01-alleenstaande-volledige-overname.yaml")
    page = post("/", alone.pairs).text  # type: ignore[attr-defined]
    assert re.search(rf'<div class="veld vermogen" data-berekend="{name}" hidden>', page)
    pairs = [(n, v) for n, v in alone.pairs if not n.startswith(f"{name}.")]  # as the browser
    answer = post("/werkplek/bereken", pairs).json()  # type: ignore[attr-defined]
    assert answer["opmerkingen"] == {} and answer["totaal"] is not None
    assert answer["niet_van_toepassing"] == [name, *(f"meer_professionele_inzet.{factor}" for factor in (
        "derde_persoon", "extra_kamer_in_gebruik", "extra_kamer_niet_in_gebruik", "huisdier",
        "kinderen", "partner_beperkingen", "samenstelling_huishouden"))]  # alone, no factor
    saved = yaml.safe_load(post("/werkplek/opslaan", pairs).text)  # type: ignore[attr-defined]
    assert "kinderen" not in saved["client"]["zelf"]
    family = opened(ROOT / "cases" / "12-eenoudergezin-kinderen.yaml").pairs
    answer = post("/werkplek/bereken", _without(family, f"{name}.kan")).json()  # type: ignore[attr-defined]
    assert name not in answer["niet_van_toepassing"] and answer["totaal"] is None
    assert answer["opmerkingen"][f"{name}.kan"].startswith("ontbreekt: met kinderen onder 18")
    # a row not finished yet (no age): asked, it may be a child
    assert formulier._children_asked({"huisgenoten": [{"naam": "Sem"}]})
    assert not formulier._children_asked({"huisgenoten": [
        {"naam": "Piet", "relatie": "kamerhuurder", "huurovereenkomst": "ja", "leeftijd": 17}]})


def test_judgement_follows_the_factor_as_it_is_entered() -> None:
    """Case 19 (three pets, 'huisdier: ja'): with no pets entered the judgement is no longer
    asked, its stale 'ja' is not saved and the case is complete; with pets again it is asked,
    and left blank it is missing (the norm set gives extra time for pets)."""
    name = "meer_professionele_inzet.huisdier"
    pairs = opened(ROOT / "cases" / "19-toeslagen.yaml").pairs
    assert dict(pairs)[name] == "ja"
    none = _set(pairs, {"huisdieren": "0"})
    answer = post("/werkplek/bereken", none).json()  # type: ignore[attr-defined]
    assert name in answer["niet_van_toepassing"] and answer["opmerkingen"] == {}
    assert answer["totaal"] is not None
    saved = yaml.safe_load(post("/werkplek/opslaan", none).text)  # type: ignore[attr-defined]
    assert saved["meer_professionele_inzet"] == {"derde_persoon": True}
    assert re.search(rf'data-berekend="{re.escape(name)}" hidden',
                     post("/", none).text)  # type: ignore[attr-defined]
    blank = _set(pairs, {name: ""})
    answer = post("/werkplek/bereken", blank).json()  # type: ignore[attr-defined]
    assert name not in answer["niet_van_toepassing"] and answer["totaal"] is None
    assert "meer professionele inzet" in answer["opmerkingen"][name]
    # a row not finished yet (no age): it may be a child, so its judgement is asked
    assert "kinderen" in formulier.effort_factors_entered({"huisgenoten": [{"naam": "Sem"}]})
    assert formulier.effort_factors_entered({"huisdieren": "onbekend", "derde_persoon": "nee",
                                             "woning": {"extra_kamers_in_gebruik": 0}}) == set()
