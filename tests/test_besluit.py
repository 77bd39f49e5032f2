"""Besluittekst and bijlage: one A4 page to the client, PDF and Word, CLI and HTTP API."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from fastapi.testclient import TestClient

from hbh_indicatie import api
from hbh_indicatie.errors import HbhError
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.render import besluit
from hbh_indicatie.render.pdf import page_count
from hbh_indicatie.render.words import hours_text
from tests.shipped import ROOT, computed, shipped_cases
from tests.test_onderbouwing import parse


def _computed(path: Path) -> tuple[Indication, api.LoadedNorms]:
    _, norms, ind = computed(path)
    if ind is None:
        pytest.skip(f"{path.name}: verwacht regelconflict, geen besluit")
    return ind, norms


def _text(html: str) -> str:
    return " ".join(" ".join(parse(html).text).split())


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_besluittekst_fits_one_a4_page(path: Path) -> None:
    ind, norms = _computed(path)
    html = besluit.render_html(ind, norms.norms, appendix=False)
    assert page_count(html) == 1
    full = besluit.render_html(ind, norms.norms)
    assert page_count(full) >= 2  # the bijlage starts on a page of its own


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_besluittekst_is_to_the_client_without_paragraph_numbers(path: Path) -> None:
    ind, norms = _computed(path)
    text = _text(besluit.render_html(ind, norms.norms, appendix=False))
    assert "§" not in text
    assert "De cliënt" not in text and " u " in text
    assert ind.kenmerk in text
    assert not re.search(r"[a-z]_[a-z]", text.replace(ind.kenmerk, "")), "a code value, not words"
    if ind.totaal_minuten_per_week:
        hours, rest = divmod(ind.totaal_minuten_per_week, 60)
        assert re.search(rf"U krijgt ({hours} uur)?( en )?({rest} minuten?)? hulp bij het huishouden per "
                         "week", text), text[:400]
        for cat in ind.categorieen:
            if cat.hulp_minuten_per_week > 0:
                assert cat.label in text
    else:
        assert "U krijgt geen hulp bij het huishouden" in text
    for part in ind.tijdelijke_delen:
        assert besluit.datum(part.tot) in text
    if ind.herindicatiedatum:
        assert besluit.datum(ind.herindicatiedatum) in text
    # one sentence per decisive step: no kind of step twice for the same person
    reasons = besluit.reasons(ind)
    kinds = {(r.soort, r.persoon, r.feiten.get("zelf"), r.feiten.get("hulpmiddel"),
              r.feiten.get("voorziening"), r.feiten.get("motivering"), r.onderwerp) for r in reasons}
    assert len(kinds) == len(reasons)
    decisive = besluit.told_steps(ind)
    assert len(reasons) <= len(decisive)
    for step in decisive:  # every decisive step has its sentence
        assert any(besluit.family(step.regel) == r.soort for r in reasons), step.regel


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_bijlage_names_each_takeover_once(path: Path) -> None:
    ind, norms = _computed(path)
    text = _text(besluit.render_html(ind, norms.norms))
    bijlage = text.split("Bijlage: onderbouwing", 1)[1]
    for step in ind.uitleg:  # every step with its paragraph, once
        if step.activiteit is not None and not step.regel.startswith("normering."):
            assert bijlage.count(f"{step.paragraaf}: {step.tekst}") == 1, step.tekst
    assert ind.stempel.normen_sha256 in bijlage


def test_each_aid_its_own_sentence() -> None:
    ind, norms = _computed(ROOT / "cases" / "06-overbrugging-hulpmiddel.yaml")
    text = _text(besluit.render_html(ind, norms.norms, appendix=False))
    assert "Met uw robotstofzuiger kost dit minder tijd: stofzuigen." in text
    assert "U kunt een wasdroger gaan gebruiken. Tot die er is, krijgt u de volle tijd voor: was " \
           "sorteren, wassen, ophangen en drogen." in text
    assert text.index("Zonder hulp dreigen problemen") < text.index("Met uw robotstofzuiger")


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_extra_time_only_where_it_reaches_the_help(path: Path) -> None:
    """A toeslag on work a hulpmiddel or someone else does entirely is no extra time for the
    client (nieuwe-gebruiker-2 #4): each toeslag sentence names only work the help does, and a
    toeslag is told as the work it lengthens, never by its rule label."""
    ind, norms = _computed(path)
    text = _text(besluit.render_html(ind, norms.norms, appendix=False)).lower()
    labels = besluit.base_labels(ind)
    for act in ind.activiteiten:
        if act.soort == "toeslag":
            assert act.label.lower() not in text
            assert act.label.split(":")[0].lower() not in text, act.label
    for reason in besluit.reasons(ind):
        if reason.soort == "toeslagen":
            for label in reason.activiteiten:
                assert any(besluit.reaches_help(ind, a) for a, base in labels.items()
                           if base == label), label


def test_pet_time_on_vacuuming_that_the_robot_does() -> None:
    """Case 50: the robot does all vacuuming, the dog's extra time on vacuuming goes with it;
    only the mopping reaches the help."""
    ind, norms = _computed(ROOT / "cases" / "50-hulpmiddel-afdoende-ook-toeslag.yaml")
    text = _text(besluit.render_html(ind, norms.norms, appendix=False))
    assert "Voor uw huisdier komt er tijd bij voor: vloeren dweilen." in text
    assert "Uw robotstofzuiger doet dit helemaal voor u: stofzuigen." in text
    assert "extra tijd voor" not in text and "kost dit minder tijd: stofzuigen" not in text


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_temporary_help_told_in_the_figures_of_the_decision(path: Path) -> None:
    """All help temporary: 'De hulp is tijdelijk, tot en met ...', no 'een deel'; a temporary
    part in the rounded figures of the periods the letter lists (nieuwe-gebruiker-2 #3)."""
    ind, norms = _computed(path)
    text = _text(besluit.render_html(ind, norms.norms, appendix=False))
    last = ind.perioden[-1]
    terms = besluit.letter_terms(ind)
    if last.tot is not None and ind.totaal_minuten_per_week > 0:
        assert f"De hulp is tijdelijk, tot en met {besluit.datum(last.tot)}" in text
        assert all(part.tot != last.tot for part in terms.tijdelijke_delen)
    else:
        assert "De hulp is tijdelijk" not in text
    if not terms.tijdelijke_delen:
        assert "Een deel van de hulp is tijdelijk" not in text
    for part in terms.tijdelijke_delen:
        before = next(p for p in ind.perioden if p.tot == part.tot)
        after = ind.perioden[ind.perioden.index(before) + 1]
        assert part.minuten_per_week == before.minuten_per_week - after.minuten_per_week
        assert f"{hours_text(part.minuten_per_week)} per week, tot en met " \
               f"{besluit.datum(part.tot)}" in text
    for part in ind.tijdelijke_delen:  # every temporary part's end is told
        assert besluit.datum(part.tot) in text


RULE_TERMS = ("etmaal", "etmalen", "gebruikelijke hulp", "samen precies", " min.", "uitstelbaar",
              "normtijd", "toeslag", "huisgenoot (")


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_letter_in_plain_words_and_rounded_figures(path: Path) -> None:
    """The letter speaks B1 Dutch in the figures of the decision (hours and minutes, whole):
    no decimals, no rule terms, a named person by name, and its own wording rather than the
    bijlage's step texts, which stay complete in the bijlage (nieuwe-gebruiker-2 #5)."""
    ind, norms = _computed(path)
    text = _text(besluit.render_html(ind, norms.norms, appendix=False)).replace(ind.kenmerk, "")
    text = text[text.index("Geachte"):]
    assert not re.search(r"\d+,\d", text), re.search(r".{40}\d+,\d.{20}", text)
    for term in RULE_TERMS:
        assert term not in text.lower(), term
    if any(r.persoon for r in besluit.reasons(ind)):
        assert "hij of zij" not in text
    for step in besluit.told_steps(ind):
        own = besluit.without_paragraphs(step.tekst)
        assert own not in text, own
    bijlage = _text(besluit.render_html(ind, norms.norms)).split("Bijlage: onderbouwing", 1)[1]
    for step in ind.uitleg:  # the norms themselves are the bijlage's 'Norm' column
        if not step.regel.startswith("normering."):
            assert step.tekst in bijlage, step.tekst


def test_letter_of_the_trial_case_in_word_too() -> None:
    """Case 13 (an overburdened partner, all help temporary) as Word: the letter's page has the
    rounded figures, the exact ones stay in the bijlage."""
    ind, norms = _computed(ROOT / "cases" / "13-overbelaste-partner.yaml")
    word = docx.Document(io.BytesIO(api.render_besluit(ind, norms, "docx")))
    texts = [p.text for p in word.paragraphs]
    letter = " ".join(texts[:texts.index("Bijlage: onderbouwing")])
    letter += " ".join(c.text for c in word.tables[0]._cells)
    assert "De hulp is tijdelijk, tot en met 1 juni 2026, omdat uw huisgenoot overbelast is." in letter
    assert not re.search(r"\d+,\d", letter) and "Een deel van de hulp" not in letter
    assert any(re.search(r"\d+,\d", t) for t in texts[texts.index("Bijlage: onderbouwing"):])


def test_who_does_what_names_the_person_where_a_reader_says_it() -> None:
    """'Uw huisgenoot Henk doet:', not 'Uw huisgenoot doet (Henk):' (B1, u-form)."""
    ind, norms = _computed(ROOT / "cases" / "07-partner-gebruikelijke-hulp.yaml")
    text = _text(besluit.render_html(ind, norms.norms, appendix=False))
    # a label inside the sentence starts in lower case; labels with commas apart by ';'
    assert "Uw huisgenoot Henk doet: was sorteren, wassen, ophangen en drogen; strijken" in text
    assert "doet (Henk)" not in text
    ind, norms = _computed(ROOT / "cases" / "04-particuliere-hulp-en-familie.yaml")
    text = _text(besluit.render_html(ind, norms.norms, appendix=False))
    assert "Ellen (uit uw omgeving) doet: was sorteren" in text
    assert not re.search(r"doet(, [^:]*)? \(", text)  # no name after the verb


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_rounding_told_where_the_rows_do_not_add_up(path: Path) -> None:
    """The rows per result are rounded to five minutes ('ongeveer 2 uur en 25 minuten'), the
    total is the decision: the letter says the rows are rounded whenever they do not add up
    to it — and only then; 'ongeveer' only where a row is not exact."""
    ind, norms = _computed(path)
    text = _text(besluit.render_html(ind, norms.norms, appendix=False))
    assert sum(c.hulp_minuten_per_week for c in ind.categorieen) == ind.afronding.exact
    terms = besluit.letter_terms(ind)
    told = "(de tijden per resultaat zijn afgerond)" in text
    shown = sum(r.minuten for r in terms.resultaten)
    assert told == (shown != ind.totaal_minuten_per_week and ind.totaal_minuten_per_week > 0)
    for cat in ind.categorieen:
        if cat.hulp_minuten_per_week > 0:
            rounded, exact = besluit.about(cat.hulp_minuten_per_week)
            assert abs(rounded - cat.hulp_minuten_per_week) <= besluit.LETTER_STEP / 2 or rounded == 5
            said = hours_text(rounded) if exact else f"ongeveer {hours_text(rounded)}"
            assert f"{cat.label} {said}" in text


def test_network_member_with_brackets_in_the_name() -> None:
    """'Ans (dochter), uit uw omgeving, doet', never 'Ans (dochter) (uit uw omgeving)'."""
    env = besluit.environment()
    title = env.from_string('{% import "_besluit.j2" as b %}{{ b.wie_titel(u, p) }}')
    assert title.render(u="netwerk", p="Ans (dochter)") == "Ans (dochter), uit uw omgeving, doet"
    assert title.render(u="netwerk", p="Ria") == "Ria (uit uw omgeving) doet"


def test_besluit_escapes_case_text(protocol_norms: api.LoadedNorms) -> None:
    from hbh_indicatie.loading.cases import case_from_data
    from tests.builders import case_dict

    ind = api.compute(case_from_data(case_dict(kenmerk="<b>A & B</b>")), protocol_norms)
    html = besluit.render_html(ind, protocol_norms.norms)
    assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in html and "<b>A" not in html


def test_pdf_and_docx_documents() -> None:
    path = ROOT / "cases" / "13-overbelaste-partner.yaml"
    ind, norms = _computed(path)
    pdf = api.render_besluit(ind, norms, "pdf")
    assert pdf.startswith(b"%PDF")
    word = docx.Document(io.BytesIO(api.render_besluit(ind, norms, "docx")))
    paragraphs = [p.text for p in word.paragraphs]
    assert paragraphs[0] == "Besluit over uw hulp bij het huishouden"
    assert "U krijgt 6 uur en 21 minuten hulp bij het huishouden per week." in paragraphs
    assert any(p.paragraph_format.page_break_before and p.text == "Bijlage: onderbouwing"
               for p in word.paragraphs)
    assert word.tables and word.tables[0].cell(0, 0).text == "Resultaat"
    header = word.sections[0].header.paragraphs[0].text
    assert header == f"Kenmerk {ind.kenmerk} · 2 maart 2026"
    footer = word.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    with pytest.raises(HbhError, match="kies html, pdf of docx"):
        api.render_besluit(ind, norms, "rtf")


def test_pdf_pages_carry_kenmerk_date_and_page_numbers() -> None:
    from weasyprint import HTML

    path = ROOT / "cases" / "13-overbelaste-partner.yaml"
    ind, norms = _computed(path)
    document = HTML(string=besluit.render_html(ind, norms.norms)).render()
    assert len(document.pages) >= 2
    for number, page in enumerate(document.pages, start=1):
        boxes = _page_texts(page._page_box)
        assert f"Kenmerk {ind.kenmerk}" in boxes
        assert "2 maart 2026" in boxes
        assert f"Pagina {number} van {len(document.pages)}" in boxes


def _page_texts(box: object) -> str:
    found: list[str] = []

    def walk(node: object) -> None:
        text = getattr(node, "text", None)
        if isinstance(text, str):
            found.append(text)
        for child in getattr(node, "children", ()) or ():
            walk(child)

    walk(box)
    return " ".join(found)


def test_cli_writes_pdf_and_docx(tmp_path: Path) -> None:
    case = ROOT / "cases" / "01-alleenstaande-volledige-overname.yaml"
    for kind, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        out = tmp_path / f"besluit.{kind}"
        result = subprocess.run([sys.executable, "-c", "from hbh_indicatie.cli.main import run; run()",
                                 "bereken", str(case), "--formaat", kind, "--uitvoer", str(out)],
                                capture_output=True, check=False)
        assert result.returncode == 0, result.stderr
        assert out.read_bytes().startswith(magic)


def test_http_api_besluit() -> None:
    from hbh_indicatie.service.app import ServiceConfig, create_app

    client = TestClient(create_app(ServiceConfig()))
    body = (ROOT / "cases" / "07-partner-gebruikelijke-hulp.yaml").read_text(encoding="utf-8")
    headers = {"content-type": "application/yaml"}
    pdf = client.post("/api/v1/besluit?formaat=pdf", content=body, headers=headers)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    word = client.post("/api/v1/besluit?formaat=docx", content=body, headers=headers)
    assert word.status_code == 200 and word.content.startswith(b"PK")
    html = client.post("/api/v1/besluit?formaat=html&bijlage=false", content=body, headers=headers)
    assert "U krijgt 2 uur en 48 minuten" in html.text and "Bijlage" not in html.text
    bad = client.post("/api/v1/besluit?formaat=rtf", content=body, headers=headers)
    assert bad.status_code == 422


def test_openapi_documents_the_besluit_route() -> None:
    from hbh_indicatie.service.app import ServiceConfig, create_app

    spec = TestClient(create_app(ServiceConfig())).get("/openapi.json").json()
    route = spec["paths"]["/api/v1/besluit"]["post"]
    assert set(route["responses"]["200"]["content"]) >= {"application/pdf", "text/html; charset=utf-8"}
    assert {p["name"] for p in route["parameters"]} >= {"normen", "peildatum", "formaat", "bijlage"}
    assert not [p for p in spec["paths"] if p == "/" or p.startswith("/werkplek")]  # the form: no API
