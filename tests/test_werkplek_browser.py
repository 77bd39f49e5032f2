"""hbh werkplek in a real browser: Debian's chromium driven by Playwright, against the real
server (``hbh server`` in a subprocess). Marked ``browser``: skip locally with
``-m 'not browser'``; ``.ci/run`` runs them.

Screenshots of the form and the besluit pages go to ``uitvoer/artefacten/`` (or
``$HBH_ARTEFACTEN``); those named as the pictures of ``docs/handleiding.md`` are copied there
by ``python tools/afbeeldingen.py``. The live-update timing is written there too and shown at
the end of the test run (a ratio, reported, not asserted).
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from hbh_indicatie import api
from hbh_indicatie.models.case import Case
from hbh_indicatie.render import besluit
from hbh_indicatie.render.pdf import page_count
from hbh_indicatie.werkplek import formulier
from tests import metingen
from tests.formsim import JUDGEMENTS_NOT_ASKED_15, as_saved_by_the_form
from tests.shipped import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("HBH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTEFACTS = Path(os.environ.get("HBH_ARTEFACTEN", ROOT / "uitvoer" / "artefacten"))
CASES = ("01-alleenstaande-volledige-overname", "07-partner-gebruikelijke-hulp",
         "12-eenoudergezin-kinderen", "19-toeslagen", "21-revalidatie", "23-afwijking-consulent",
         "40-afwezigheid-patroon", "42-andere-ouder-deel-van-de-tijd",
         "44-particuliere-hulp-voortgezet-en-netwerk", "45-overbelasting-na-tijdelijke-indicatie",
         "31-kamerverhuur-gedeelde-keuken")
HIDDEN = ("__aantal", "__soorten", "__activiteiten", "__volgorde")
LATER = "__later"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from hbh_indicatie.cli.main import run; run()", "server",
         "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # the server loads the norm sets first: bounded wait, 30 s
            try:
                with urllib.request.urlopen(f"{url}/gezond", timeout=1) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("hbh server kwam niet op: " + (process.stderr.read(2000).decode()
                                                       if process.stderr else ""))
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: apt-get install chromium (of sla over met "
                    "-m 'not browser')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL",
                                  accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    tab.goto(server + "/")
    yield tab
    context.close()


def _open_details(page: Any) -> None:
    page.evaluate("document.querySelectorAll('#werkplek details').forEach(d => d.open = true)")


def _rebuilt(page: Any, action: Any) -> None:
    """Do ``action`` (a change of shape) and wait until the form is rendered again."""
    version = page.evaluate("document.body.dataset.herbouwd || '0'")
    action()
    page.wait_for_function(f"(document.body.dataset.herbouwd || '0') !== '{version}'")
    _open_details(page)


def _quiet(page: Any) -> None:
    """Wait until no live update is due or on its way. Its answer can show or clear a remark
    above the field (one line more or less), which moves what a click is aimed at."""
    page.wait_for_function("!document.body.dataset.wacht && "
                           "(document.body.dataset.versie || '0') === "
                           "(document.body.dataset.gestart || '0')")


def _tick(page: Any, target: Any) -> None:
    """Tick a checkbox (``target``: a selector or locator) once the form stands still."""
    _quiet(page)
    (page.locator(target) if isinstance(target, str) else target).check()


def _settled(page: Any, action: Any) -> dict[str, Any]:
    """Do ``action`` and return the answer of the live update it causes, once shown."""
    before = page.evaluate("document.body.dataset.gestart || '0'")
    action()
    page.wait_for_function(f"(document.body.dataset.gestart || '0') !== '{before}'")
    page.wait_for_function("document.body.dataset.versie === document.body.dataset.gestart")
    answer: dict[str, Any] = page.evaluate("window.hbhLaatsteUitkomst")
    return answer


def fill(page: Any, data: dict[str, Any]) -> set[str]:
    """Fill the blank form as a consultant would: norm set first, rows added with the
    buttons, then every field (select, type, tick). Returns the aids and provisions of the
    case that the form does not ask (the norm set does not count on them)."""
    if data.get("normen"):
        _rebuilt(page, lambda: page.select_option('[name="normen"]', data["normen"]))
    values = formulier.field_values(data)
    for name, count in values.items():
        if name.endswith(".__aantal"):  # a list, also a list in a row: rows until there are enough
            shown = page.locator(f'input[name="{name}"]')
            while int(shown.get_attribute("value") or "0") < int(count):
                button = page.locator(f'button[value="erbij:{name.removesuffix(".__aantal")}"]')
                _rebuilt(page, button.click)
    _open_details(page)
    not_asked: set[str] = set()
    later: dict[str, Any] = {}
    for name, value in [*values.items(), (LATER, None)]:
        if name == LATER:  # asked once the facts it depends on are in ('Zorg voor kinderen')
            _quiet(page)
            for name, value in later.items():
                element = page.locator(f'[name="{name}"]')
                if element.is_hidden():
                    continue  # not asked for this case (no children): the form leaves it out
                if element.evaluate("e => e.tagName") == "SELECT":
                    element.select_option(value)
                else:
                    element.fill(value)
            continue
        if name.endswith(HIDDEN) or value in ("", []) or name == "normen":  # normen: done first
            continue
        if name.startswith(tuple(formulier.CASE_COMPUTED_WHEN)):
            later[name] = value
            continue
        if name.startswith(("hulpmiddelen.", "voorliggende_voorzieningen.")) and \
                page.locator(f'[name="{name}"]').count() == 0:
            not_asked.add(name.split(".")[1])
            continue
        if isinstance(value, list):
            for item in value:
                _tick(page, f'[name="{name}"][value="{item}"]')
            continue
        element = page.locator(f'[name="{name}"]')
        tag = element.evaluate("e => e.tagName + ':' + (e.type || '')")
        if tag.startswith("SELECT"):
            element.select_option(value)
        elif tag == "INPUT:checkbox":
            _tick(page, element)
        else:
            element.fill(value)
    return not_asked


def _by_kind(case: Case, not_asked: set[str] = frozenset()) -> Case:  # type: ignore[assignment]
    """Aids and provisions in one order (the form lists them in the norm set's order), without
    those the norm set does not count on (the form does not ask them)."""
    aids = sorted((a for a in case.aids if a.kind not in not_asked), key=lambda a: a.kind)
    provisions = sorted((p for p in case.provisions if p.kind not in not_asked),
                        key=lambda p: p.kind)
    return case.model_copy(update={"aids": tuple(aids), "provisions": tuple(provisions)})


def _bereken_total(path: Path) -> int:
    result = subprocess.run([sys.executable, "-c", "from hbh_indicatie.cli.main import run; run()",
                             "bereken", str(path), "--formaat", "json"], capture_output=True,
                            check=True)
    return int(json.loads(result.stdout)["totaal_minuten_per_week"])


@pytest.mark.parametrize("name", CASES)
def test_case_entered_from_scratch(page: Any, name: str, tmp_path: Path) -> None:
    path = ROOT / "cases" / f"{name}.yaml"
    original = as_saved_by_the_form(api.load_case(path))
    not_asked = fill(page, formulier.canonical(original))
    answer = _settled(page, lambda: page.locator('[name="kenmerk"]').dispatch_event("change"))
    total = page.locator("#totaal").get_attribute("data-minuten")
    assert answer["opmerkingen"] == {}, answer["uitkomst"]
    assert answer["totaal"] is not None, answer["uitkomst"]
    assert total == str(_bereken_total(path)) == str(answer["totaal"])
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"formulier-{name}.png"))
    with page.expect_download() as download:
        page.click("text=Casus opslaan (YAML)")
    saved = tmp_path / "casus.yaml"
    download.value.save_as(saved)
    assert _by_kind(api.load_case(saved)) == _by_kind(original, not_asked)


def test_readme_example_by_labels(page: Any, tmp_path: Path) -> None:
    """The README's example entered as a new user would: by the words on the screen (labels,
    group names, buttons), not by field names; then the besluit as PDF."""
    page.get_by_label("Kenmerk (zaakn").fill("2026-0001")
    page.get_by_label("Peildatum").fill("02-03-2026")
    _tick(page, page.get_by_role("group", name="Dreigt het huishouden te ontsporen?").get_by_label(
        "Vervuiling"))
    woning = page.get_by_role("group", name="Woning", exact=True)
    woning.get_by_label("Woonvorm").select_option(label="Zelfstandige woning")
    woning.get_by_label("Extra kamers in gebruik").fill("0")
    woning.get_by_label("Extra kamers niet in gebruik").fill("0")
    woning.get_by_label("Vraagt de woning extra werk?").select_option(label="Nee")
    page.get_by_label("Leeftijd cliënt").fill("72")
    page.get_by_label("Duur van de beperkingen").select_option(label="Langdurig")
    page.get_by_label("Extra inzet door de beperkingen").select_option(label="Geen")
    zelf = page.get_by_role("group", name="Wat kan de cliënt zelf?")
    for result in ("Schoon en leefbaar huis", "Boodschappen en maaltijden", "Wasverzorging",
                   "Organisatie van het huishouden"):
        zelf.get_by_label(result, exact=True).select_option(label="Kan het niet")
    assert zelf.get_by_label("Zorg voor kinderen", exact=True).is_hidden()  # no children
    page.get_by_label("Structurele regieproblemen?").select_option(label="Nee")
    _rebuilt(page, page.get_by_role("button", name="Huisgenoot toevoegen").click)
    henk = page.get_by_role("group", name="Huisgenoot 1")
    henk.get_by_label("Naam").fill("Henk")
    henk.get_by_label("Relatie tot de cliënt").select_option(label="Partner")
    henk.get_by_label("Leeftijd").fill("74")
    henk.get_by_label("Kan huishoudelijk werk doen?").select_option(label="Gedeeltelijk")
    for result in ("Boodschappen en maaltijden", "Wasverzorging", "Organisatie van het huishouden"):
        _tick(page, henk.get_by_role("checkbox", name=f"{result} (alles)"))
    henk.get_by_label("Geregeld van huis?").select_option(label="Geen vaste afwezigheid")
    henk.get_by_label("Overbelast?").select_option(label="Nee")
    henk.get_by_label("Niet gewend aan huishoudelijk werk?").select_option(label="Nee")
    for aid, present in (("Vaatwasser", "Nee"), ("Robotstofzuiger", "Nee"), ("Wasdroger", "Nee")):
        group = page.get_by_role("group", name=aid, exact=True)
        group.get_by_label("Aanwezig?").select_option(label=present)
        group.get_by_label("Haalbaar (ruimte en geld)?").select_option(label="Nee")
    for provision in ("Glazenwasser", "Was- en strijkservice", "Boodschappendienst",
                      "Maaltijdservice"):
        group = page.get_by_role("group", name=provision, exact=True)
        group.get_by_label("Beschikbaar in de gemeente?").select_option(label="Nee")
        group.get_by_label("Haalbaar voor de cliënt?").select_option(label="Nee")
    page.get_by_role("group", name="Particuliere hulp").get_by_label(
        "Is er particuliere hulp?").select_option(label="Nee")
    page.get_by_label("Aantal huisdieren").fill("0")
    page.get_by_label("Zorg voor een derde persoon?").select_option(label="Nee")
    page.get_by_label("Extra bevuiling door de aandoening?").select_option(label="Nee")
    page.get_by_label("Huisstofmijtallergie?").select_option(label="Nee")
    answer = _settled(page, lambda: page.get_by_label("Terminale situatie?").select_option(
        label="Nee"))
    assert answer["opmerkingen"] == {}, answer["opmerkingen"]
    assert page.locator("#totaal").inner_text().startswith("2 uur en 48 minuten per week")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    henk.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(ARTEFACTS / "werkplek-huisgenoot.png"))  # docs/handleiding.md
    with page.expect_download() as download:
        page.get_by_role("button", name="Besluit als PDF").click()
    pdf = tmp_path / "besluit.pdf"
    download.value.save_as(pdf)
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "70", "-png", "-singlefile",
                    str(pdf), str(ARTEFACTS / "besluit-1")], check=True)
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "U krijgt 2 uur en 48 minuten hulp bij het huishouden per week." in text


def test_absence_pattern_by_labels(page: Any, tmp_path: Path) -> None:
    """§2.2 in the browser: case 41 opened with Erik not away, then "7 nachten om de week voor
    werk" entered by the words on the screen (a row of the absence list in his row, added and
    removed with the buttons); the live total is what ``hbh bereken`` says for case 41."""
    path = ROOT / "cases" / "41-afwezigheid-om-de-week-en-nachtdienst.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["huisgenoten"][0]["afwezigheid"] = "geen"
    without = tmp_path / "41-zonder-afwezigheid.yaml"
    without.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    page.set_input_files("#bestand", str(without))
    page.get_by_role("button", name="Openen", exact=True).click()
    page.wait_for_selector("text=Casus geopend.")
    _open_details(page)
    erik = page.get_by_role("group", name="Huisgenoot 1", exact=True)
    rows = erik.get_by_role("group", name="Afwezigheid van huis")
    assert rows.get_by_label("Etmalen achter elkaar weg").is_hidden()  # 'geen': out of sight
    _settled(page, lambda: erik.get_by_label("Geregeld van huis?").select_option(
        label="Ja, geregeld van huis (hieronder)"))
    _rebuilt(page, rows.get_by_role("button", name="Afwezigheid toevoegen").click)
    assert rows.get_by_label("Etmalen achter elkaar weg").count() == 2
    _rebuilt(page, rows.get_by_role("button", name="Verwijder afwezigheid 2").click)
    pattern = rows.get_by_role("group", name="Afwezigheid 1")
    pattern.get_by_label("Etmalen achter elkaar weg").fill("7")
    pattern.get_by_label("Eens per hoeveel weken?").fill("2")
    answer = _settled(page, lambda: pattern.get_by_label("Waarom weg?").select_option(
        label="Werk"))
    assert answer["opmerkingen"] == {}, answer["uitkomst"]
    assert answer["totaal"] == _bereken_total(path)
    assert page.locator("#totaal").get_attribute("data-minuten") == str(answer["totaal"])
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "formulier-afwezigheid-patroon.png"))
    with page.expect_download() as download:
        page.click("text=Casus opslaan (YAML)")
    saved = tmp_path / "casus.yaml"
    download.value.save_as(saved)
    assert api.load_case(saved) == as_saved_by_the_form(api.load_case(path))


def test_missing_fact_next_to_its_field(page: Any) -> None:
    fill(page, formulier.canonical(api.load_case(ROOT / "cases" /
                                                 "07-partner-gebruikelijke-hulp.yaml")))
    field = page.locator("#v-client-leeftijd")
    answer = _settled(page, lambda: (field.fill(""), field.dispatch_event("change")))
    assert answer["totaal"] is None
    remark = page.locator("#fout-v-client-leeftijd")
    assert remark.text_content() == "ontbreekt" and remark.is_visible()
    assert field.get_attribute("aria-invalid") == "true"
    assert page.locator("#totaal").get_attribute("data-minuten") == ""
    page.locator("#uitkomst a[href='#v-client-leeftijd']").click()  # the list leads to the field
    assert page.evaluate("document.activeElement.id") == "v-client-leeftijd" or \
        page.evaluate("location.hash") == "#v-client-leeftijd"
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "werkplek-ontbrekend.png"))
    answer = _settled(page, lambda: (field.fill("72"), field.dispatch_event("change")))
    assert answer["totaal"] == 168 and remark.text_content() == ""


def test_besluit_pdf_pages(page: Any, tmp_path: Path) -> None:
    path = ROOT / "cases" / "13-overbelaste-partner.yaml"
    case = api.load_case(path)
    fill(page, formulier.canonical(case))
    _settled(page, lambda: page.locator('[name="kenmerk"]').dispatch_event("change"))
    with page.expect_download() as download:
        page.click("text=Besluit als PDF")
    pdf = tmp_path / "besluit.pdf"
    download.value.save_as(pdf)
    norms = api.load_norms(case.norm_set or "protocol-hbh", case.reference_date)
    indication = api.compute(case, norms)
    expected = page_count(besluit.render_html(indication, norms.norms))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == expected >= 2
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Besluit over uw hulp bij het huishouden" in text and "Bijlage" not in text
    assert f"Pagina 1 van {pages}" in text and "Kenmerk 13-overbelaste-partner" in text
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(ARTEFACTS / "besluit-13")],
                   check=True)
    shutil.copy(pdf, ARTEFACTS / "besluit-13.pdf")


def test_laptop_screen_and_keyboard(page: Any) -> None:
    """1366x768: no sideways scrolling, the total in view beside the form; every field is
    reached with Tab and has a name a screen reader says."""
    fill(page, formulier.canonical(api.load_case(ROOT / "cases" /
                                                 "01-alleenstaande-volledige-overname.yaml")))
    _settled(page, lambda: page.locator('[name="kenmerk"]').dispatch_event("change"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    page.locator("#v-client-leeftijd").scroll_into_view_if_needed()
    box = page.locator("#totaal").bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 768
    controls = "#werkplek input:not([type=hidden]), #werkplek select, #werkplek textarea"
    nameless = page.evaluate(f"""[...document.querySelectorAll('{controls}')].filter(
        e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.name)""")
    assert nameless == []
    page.locator("#v-kenmerk").focus()
    reached = set()
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.name || document.activeElement.id"))
    assert {"omschrijving", "peildatum", "normen"} <= reached
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "werkplek-1366x768.png"))


def _axe_violations(page: Any) -> list[Any]:
    """WCAG 2.0/2.1 A and AA checks of axe-core (the copy the axe-playwright-python package
    ships), on the page as it is now."""
    import axe_playwright_python

    page.add_script_tag(path=str(Path(axe_playwright_python.__file__).parent / "axe.min.js"))
    found: list[Any] = page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(
        v => [v.id, v.help, v.nodes.slice(0, 5).map(n => n.target.join(' '))])""")
    return found


def test_accessibility_wcag21_aa(page: Any) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation: the empty form, a filled form with a missing
    fact shown, and after 'wat als' with norm sets side by side."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "werkplek-leeg.png"))
    assert _axe_violations(page) == []
    fill(page, formulier.canonical(api.load_case(ROOT / "cases" /
                                                 "07-partner-gebruikelijke-hulp.yaml")))
    field = page.locator("#v-client-leeftijd")
    _settled(page, lambda: (field.fill(""), field.dispatch_event("change")))
    assert _axe_violations(page) == []
    _settled(page, lambda: (field.fill("72"), field.dispatch_event("change")))
    _rebuilt(page, lambda: page.locator('button[value="basis"]').click())
    _tick(page, 'input[name="__naast"][value="kpmg-hbel"]')
    _settled(page, lambda: page.select_option('[name="huisgenoten.0.kan_huishouden"]', "nee"))
    assert page.locator("#totaal-basis").count() == 1 and page.locator("#naast").count() == 1
    page.locator("#v-huisgenoten-0-kan_huishouden").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTEFACTS / "werkplek-wat-als.png"))
    assert _axe_violations(page) == []
    # a question that does not apply is out of sight: 'kan overnemen' after 'nee'
    assert page.locator("#v-huisgenoten-0-kan_overnemen").is_hidden()
    assert page.locator("#v-client-verwacht_herstel").is_hidden()  # langdurig
    page.select_option('[name="huisgenoten.0.kan_huishouden"]', "gedeeltelijk")
    assert page.locator("#v-huisgenoten-0-kan_overnemen").is_visible()


def test_live_update_time_against_compute_time(page: Any) -> None:
    """From a change in the form to the new total on screen, next to computing the same case
    in this process (median of 15 each), with where the time goes and the floor of the
    connection itself (an empty message there and back, no computing; and a bare fetch).
    Reported, not asserted: the target is at most 3x."""
    path = ROOT / "cases" / "07-partner-gebruikelijke-hulp.yaml"
    case = api.load_case(path)
    fill(page, formulier.canonical(case))
    page.wait_for_function("window.hbhPing && window.hbhPing().then(ms => ms !== null)")
    _settled(page, lambda: page.locator('[name="kenmerk"]').dispatch_event("change"))
    browser_ms, phases = [], []
    select = page.locator('[name="client.zelf.wasverzorging.kan"]')
    for i in range(15):
        level = "volledig" if i % 2 == 0 else "niet"
        # the change made in the page itself, as a user's: the clock runs in the page, from
        # the change event to the new total in place (no Playwright round trip in it)
        # waited for in the page (no polling that makes the browser draw frames meanwhile)
        answer = select.evaluate("""(e, v) => new Promise(resolve => {
            const seen = new MutationObserver(() => {
                if (document.body.dataset.versie !== document.body.dataset.gestart) return;
                seen.disconnect();
                resolve(window.hbhLaatsteUitkomst);
            });
            e.value = v;
            e.dispatchEvent(new Event('change', {bubbles: true}));
            seen.observe(document.body, {attributes: true, attributeFilter: ['data-versie']});
        })""", level)
        assert page.locator("#totaal").get_attribute("data-minuten") == str(answer["totaal"])
        browser_ms.append(float(page.evaluate("document.body.dataset.bijgewerktMs")))
        phases.append(json.loads(page.evaluate("document.body.dataset.fasen")))
    floors = page.evaluate("""async () => {
        const socket = [], fetched = [];
        for (let i = 0; i < 15; i++) socket.push(await window.hbhPing());
        for (let i = 0; i < 15; i++) {
            const start = performance.now();
            await (await fetch('/gezond')).text();
            fetched.push(performance.now() - start);
        }
        return [socket, fetched]; }""")
    norms = api.load_norms("protocol-hbh", case.reference_date)
    compute_ms = []
    for _ in range(15):
        start = time.perf_counter()
        api.compute(case, norms)
        compute_ms.append((time.perf_counter() - start) * 1000)
    live, alone = statistics.median(browser_ms), statistics.median(compute_ms)
    floor, fetch_floor = statistics.median(floors[0]), statistics.median(floors[1])
    part = {key: statistics.median(float(p[key]) for p in phases)
            for key in ("voorwaarden", "verzamelen", "heen_en_terug", "server", "plaatsen",
                        "bytes", "naar_thread", "velden", "controleren_rekenen", "weergeven")}
    line = (f"live update {live:.2f} ms (wijziging tot nieuw totaal in de browser, via "
            f"{phases[-1]['route']}; voorwaarden {part['voorwaarden']:.2f}, verzamelen "
            f"{part['verzamelen']:.2f}, heen en terug {part['heen_en_terug']:.2f} waarvan server "
            f"{part['server']:.2f} (naar de thread {part['naar_thread']:.2f}, velden "
            f"{part['velden']:.2f}, controleren en rekenen {part['controleren_rekenen']:.2f}, "
            f"weergeven {part['weergeven']:.2f}), plaatsen "
            f"{part['plaatsen']:.2f} ms; {part['bytes']:.0f} bytes verstuurd) tegen "
            f"{alone:.2f} ms rekenen in het proces: {live / alone:.1f}x (doel ten hoogste 3x). "
            f"Ondergrens verbinding: leeg bericht heen en terug {floor:.2f} ms (live update = "
            f"{live / floor:.1f}x daarvan), kale fetch {fetch_floor:.2f} ms")
    metingen.report(line)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "live-update.txt").write_text(line + "\n", encoding="utf-8")
    assert len(browser_ms) == 15 and all(ms > 0 for ms in browser_ms)
    assert {p["route"] for p in phases} == {"websocket"}


def _open_case(page: Any, path: Path) -> None:
    page.set_input_files("#bestand", str(path))
    page.get_by_role("button", name="Openen", exact=True).click()
    page.wait_for_selector("text=Casus geopend.")
    _open_details(page)


def _saved(page: Any, tmp_path: Path) -> Case:
    with page.expect_download() as download:
        page.click("text=Casus opslaan (YAML)")
    saved = tmp_path / "casus.yaml"
    download.value.save_as(saved)
    return api.load_case(saved)


def test_question_that_no_longer_applies_is_hidden_and_not_saved(page: Any, tmp_path: Path) -> None:
    """A question whose condition no longer holds is out of sight and not sent or saved (the
    case stays valid); back again, it shows its answer and the saved file equals the case
    file. 'uitstelbaar op thuisdagen' (decided by the case model's §2.2 rule on the absence
    rows) and 'afdoende' of an aid (only for an aid that is there or will come)."""
    path = ROOT / "cases" / "15-afwezigheid-kort.yaml"
    _open_case(page, path)
    question = page.locator("#v-huisgenoten-0-uitstelbaar_op_thuisdagen-kan")
    nights = page.locator('[name="huisgenoten.0.afwezigheid.0.etmalen"]')
    assert question.is_visible()
    answer = _settled(page, lambda: (nights.fill("7"), nights.dispatch_event("change")))
    assert "huisgenoten.0.uitstelbaar_op_thuisdagen" in answer["niet_van_toepassing"]
    assert answer["opmerkingen"] == {}, answer["opmerkingen"]  # no stale answer sent
    assert question.is_hidden() and question.is_disabled()
    changed = _saved(page, tmp_path)
    assert changed.housemates[0].postponable_at_home is None
    answer = _settled(page, lambda: (nights.fill("3"), nights.dispatch_event("change")))
    assert answer["niet_van_toepassing"] == ["client.zelf.kinderen", *JUDGEMENTS_NOT_ASKED_15]
    assert question.is_visible()
    assert answer["totaal"] == _bereken_total(path)
    assert _saved(page, tmp_path) == as_saved_by_the_form(api.load_case(path))

    path = ROOT / "cases" / "47-hulpmiddelen-afdoende-en-voor-de-helpende.yaml"
    _open_case(page, path)
    sufficient = page.locator('[name="hulpmiddelen.vaatwasser.afdoende"]')
    present = page.locator('[name="hulpmiddelen.vaatwasser.aanwezig"]')
    feasible = page.locator('[name="hulpmiddelen.vaatwasser.haalbaar"]')
    assert sufficient.is_visible() and feasible.is_hidden()
    _settled(page, lambda: present.select_option("nee"))
    assert sufficient.is_hidden() and feasible.is_visible()
    answer = _settled(page, lambda: feasible.select_option("nee"))
    assert sufficient.is_hidden() and sufficient.is_disabled()
    assert not any("afdoende" in name for name in answer["opmerkingen"]), answer["opmerkingen"]
    assert _saved(page, tmp_path).aids[0].sufficient is None  # not saved while hidden
    _settled(page, lambda: feasible.select_option("ja"))
    assert sufficient.is_visible()  # an aid that will come: asked
    answer = _settled(page, lambda: present.select_option("ja"))
    assert sufficient.is_visible() and feasible.is_hidden()
    assert answer["opmerkingen"] == {} and answer["totaal"] == _bereken_total(path)
    assert _by_kind(_saved(page, tmp_path)) == _by_kind(as_saved_by_the_form(api.load_case(path)))


def test_without_websocket_the_form_is_posted(browser: Any, server: str) -> None:
    """Where a WebSocket cannot be opened (a proxy, an old browser), each change posts the
    form and the total is the same."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL")
    try:
        tab = context.new_page()
        tab.add_init_script("delete window.WebSocket")
        tab.goto(server + "/")
        fill(tab, formulier.canonical(api.load_case(ROOT / "cases" /
                                                   "07-partner-gebruikelijke-hulp.yaml")))
        answer = _settled(tab, lambda: tab.locator('[name="kenmerk"]').dispatch_event("change"))
        assert answer["totaal"] == 168
        assert json.loads(tab.evaluate("document.body.dataset.fasen"))["route"] == "post"
    finally:
        context.close()


def test_dates_are_dutch_whatever_the_browser_locale(browser: Any, server: str,
                                                     tmp_path: Path) -> None:
    """An English browser (en-US) still asks and shows dag-maand-jaar (not mm/dd/yyyy); the
    saved file has the case file's ISO dates; a date that does not exist is named by its
    field in Dutch."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-US",
                                  accept_downloads=True)
    try:
        tab = context.new_page()
        tab.goto(server + "/")
        path = ROOT / "cases" / "47-hulpmiddelen-afdoende-en-voor-de-helpende.yaml"
        _open_case(tab, path)
        reference = tab.get_by_label("Peildatum")
        assert reference.input_value() == "02-03-2026"
        assert reference.get_attribute("placeholder") == "dd-mm-jjjj"
        assert tab.locator('[name="hulpmiddelen.wasdroger.verwacht_per"]').input_value() == \
            "01-04-2026"
        answer = _settled(tab, lambda: (reference.fill("31-02-2026"),
                                        reference.dispatch_event("change")))
        assert answer["opmerkingen"]["peildatum"].startswith("geen geldige datum")
        assert tab.locator("#fout-v-peildatum").is_visible()
        answer = _settled(tab, lambda: (reference.fill("2-3-2026"),
                                        reference.dispatch_event("change")))
        assert answer["opmerkingen"] == {} and answer["totaal"] == _bereken_total(path)
        assert _by_kind(_saved(tab, tmp_path)) == _by_kind(as_saved_by_the_form(api.load_case(path)))
    finally:
        context.close()


def test_panel_opened_in_the_result_stays_open_when_it_is_redrawn(page: Any) -> None:
    """'Wie doet wat, per activiteit' beside the form: opened, it stays open while the live
    update redraws the result, also when the click comes right after typing in a field (before
    the answer arrives); closed, it stays closed."""
    _open_case(page, ROOT / "cases" / "07-partner-gebruikelijke-hulp.yaml")
    panel = page.locator('#uitkomst details[data-paneel="verdeling"]')
    age = page.locator('[name="client.leeftijd"]')
    panel.evaluate("d => { d.open = false; }")  # _open_case opened every panel
    _quiet(page)
    age.fill("73")  # an update is due after a pause in typing
    page.locator('#uitkomst details[data-paneel="verdeling"] > summary').click()
    page.wait_for_function("document.body.dataset.wacht !== '1'")
    _quiet(page)
    assert page.evaluate("document.body.dataset.versie") != "0"
    assert page.locator('#uitkomst details[data-paneel="verdeling"]').evaluate("d => d.open")
    _settled(page, lambda: (age.fill("74"), age.dispatch_event("change")))
    assert page.locator('#uitkomst details[data-paneel="verdeling"]').evaluate("d => d.open")
    page.locator('#uitkomst details[data-paneel="verdeling"] > summary').click()
    _settled(page, lambda: (age.fill("72"), age.dispatch_event("change")))
    assert not page.locator('#uitkomst details[data-paneel="verdeling"]').evaluate("d => d.open")


def test_section_links_read_as_separate_links(page: Any) -> None:
    """The links to the form's sections: each with its number, apart from the next one."""
    links = page.locator("nav.inhoud a")
    texts = links.all_text_contents()
    assert texts[:2] == ["1. Casus", "2. Huishouden en woning"] and len(texts) >= 7
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    for before, after in itertools.pairwise(boxes):
        if abs(before["y"] - after["y"]) < 2:  # on one line: a clear space between them
            assert after["x"] - (before["x"] + before["width"]) >= 12, (before, after)
    headings = page.locator("main h2").all_text_contents()
    assert headings[: len(texts)] == texts


def test_shared_rooms_and_child_care_only_where_they_apply(page: Any) -> None:
    """'Gedeelde ruimten' is out of sight for a holiday home, folded (a line to open) in a
    zelfstandige woning (a lodger, a meergeneratiewoning) and open in a woongroep or kamerhuur;
    'Zorg voor kinderen' is not asked without children in the household."""
    shared = page.locator("#v-woning-gemeenschappelijke_ruimten")
    living = page.locator('[name="woning.woonvorm"]')
    children = page.locator('[data-berekend="client.zelf.kinderen"]')
    assert children.is_hidden()
    _settled(page, lambda: living.select_option("vakantiewoning"))
    assert shared.is_hidden()
    _settled(page, lambda: living.select_option("zelfstandig"))
    assert shared.is_visible() and not shared.evaluate("d => d.open")
    assert page.locator('[name="woning.gemeenschappelijke_ruimten.bewoners"]').is_hidden()
    _settled(page, lambda: living.select_option("woongroep"))
    assert shared.evaluate("d => d.open")
    assert page.locator('[name="woning.gemeenschappelijke_ruimten.bewoners"]').is_visible()
    assert "alleen woongroep" not in (page.locator("#formulier").text_content() or "")


def test_a_blank_judgement_is_missing_not_onbekend(page: Any) -> None:
    """§3 in the browser (new-user trial 2, finding 2): one pet and the judgement 'Huisdieren'
    under 'meer professionele inzet' left blank is missing ('Nog in te vullen', beside its
    field, no total), never a silent 'onbekend' with a voorlopig result; choosing 'Nee' gives
    the indication without the pet's toeslag, not voorlopig."""
    fill(page, formulier.canonical(api.load_case(ROOT / "cases" /
                                                 "07-partner-gebruikelijke-hulp.yaml")))
    pets = page.locator("#v-huisdieren")
    answer = _settled(page, lambda: (pets.fill("1"), pets.dispatch_event("change")))
    name = "meer_professionele_inzet.huisdier"
    assert answer["totaal"] is None and name in answer["opmerkingen"], answer["opmerkingen"]
    remark = page.locator("#fout-v-meer_professionele_inzet-huisdier")
    assert "meer professionele inzet" in (remark.text_content() or "") and remark.is_visible()
    listed = page.locator("#uitkomst a[href='#v-meer_professionele_inzet-huisdier']")
    assert listed.count() == 1 and listed.is_visible()
    panel = page.locator("#uitkomst").inner_text()
    assert "Nog in te vullen" in panel and "Onbekende feiten" not in panel
    assert "voorlopig" not in panel.lower()
    judgement = page.locator("#v-meer_professionele_inzet-huisdier")
    answer = _settled(page, lambda: judgement.select_option("nee"))
    assert answer["opmerkingen"] == {} and answer["totaal"] == 168, answer["opmerkingen"]
    panel = page.locator("#uitkomst").inner_text()
    assert "voorlopig" not in panel.lower() and "Onbekende feiten" not in panel
    assert remark.text_content() == ""


def test_judgement_appears_when_the_factor_is_entered(page: Any, tmp_path: Path) -> None:
    """§3's 'Vraagt dit echt meer professionele inzet?' for pets is out of sight while there
    are no pets, appears as soon as pets are entered (the server decides with the case model)
    and goes again with 0 pets, its answer then not saved."""
    path = ROOT / "cases" / "01-alleenstaande-volledige-overname.yaml"
    _open_case(page, path)
    question = page.locator("#v-meer_professionele_inzet-huisdier")
    pets = page.locator('[name="huisdieren"]')
    assert question.is_hidden()
    answer = _settled(page, lambda: (pets.fill("2"), pets.dispatch_event("change")))
    assert "meer_professionele_inzet.huisdier" not in answer["niet_van_toepassing"]
    assert question.is_visible()
    question.select_option("ja")
    answer = _settled(page, lambda: (pets.fill("0"), pets.dispatch_event("change")))
    assert "meer_professionele_inzet.huisdier" in answer["niet_van_toepassing"]
    assert question.is_hidden() and question.is_disabled()
    assert _saved(page, tmp_path) == as_saved_by_the_form(api.load_case(path))
