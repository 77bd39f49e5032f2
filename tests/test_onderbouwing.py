"""Onderbouwing (Markdown/HTML) and taakverdeling: every shipped case renders, HTML is sound."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hbh_indicatie.engine import compute
from hbh_indicatie.loading.cases import case_from_data
from hbh_indicatie.models.common import Actor
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.render import onderbouwing, taakverdeling
from hbh_indicatie.render.number_words import duration_words, number_words
from hbh_indicatie.render.words import hours_text
from tests.builders import case_dict, housemate
from tests.shipped import computed, shipped_cases

VOID = {"meta", "br", "hr", "img", "link", "input", "col", "wbr"}


class Checker(HTMLParser):
    """Collects text and checks that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs.extend(attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> sluit {self.stack[-1:]} ")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Checker:
    checker = Checker()
    checker.feed(html)
    checker.close()
    assert not checker.errors, checker.errors
    assert not checker.stack, f"niet gesloten: {checker.stack}"
    return checker


def compute_case(path: Path) -> tuple[Indication, LoadedNorms]:
    _, norms, ind = computed(path)
    if ind is None:
        pytest.skip(f"{path.name}: verwacht regelconflict, geen indicatie om weer te geven")
    return ind, norms


def expected_phrases(ind: Indication) -> list[str]:
    total = ind.totaal_minuten_per_week
    phrases = [ind.kenmerk, ind.stempel.normen_versie, ind.stempel.normen_sha256]
    if total:
        phrases += [f"{duration_words(total)} hulp", f"{hours_text(total)} per week ({total} minuten)"]
    else:
        phrases.append("geen hulp bij het huishouden")
    phrases += [cat.label for cat in ind.categorieen]
    phrases += [act.label for act in ind.activiteiten]
    phrases += [step.tekst for step in ind.uitleg]
    phrases += [w.tekst for w in ind.waarschuwingen]
    return phrases


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_shipped_case_markdown(path: Path) -> None:
    ind, norms = compute_case(path)
    text = onderbouwing.render_markdown(ind, norms.norms)
    for phrase in expected_phrases(ind):
        assert phrase in text, phrase
    assert ("voorbeeldcijfers" in text) is ind.voorbeeldnormen
    for table in _tables(text):
        widths = {line.count("|") - line.count("\\|") for line in table}
        assert len(widths) == 1, table


def _tables(text: str) -> list[list[str]]:
    tables: list[list[str]] = []
    current: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables


@pytest.mark.parametrize("path", shipped_cases(), ids=lambda p: p.stem)
def test_shipped_case_html(path: Path) -> None:
    ind, norms = compute_case(path)
    html = onderbouwing.render_html(ind, norms.norms)
    checker = parse(html)
    text = " ".join(" ".join(checker.text).split())
    for phrase in expected_phrases(ind):
        assert " ".join(phrase.split()) in text, phrase
    assert "@page" in html and "size: A4" in html
    # no external assets: no scripts, stylesheets, images or fonts from elsewhere
    assert "<script" not in html and "<link" not in html and "url(" not in html
    assert not [v for k, v in checker.attrs if k in ("src", "href")]


def test_html_escapes_case_text(protocol_norms: LoadedNorms) -> None:
    ind = compute(case_from_data(case_dict(kenmerk="<b>A & B</b>")), protocol_norms)
    html = onderbouwing.render_html(ind)
    assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in html
    assert "<b>A" not in html
    parse(html)


def test_no_help_is_said_plainly(protocol_norms: LoadedNorms) -> None:
    zelf = dict.fromkeys(("schoon_en_leefbaar_huis", "wasverzorging", "boodschappen_en_maaltijden",
                          "kinderen", "organisatie_van_het_huishouden"), "volledig")
    client = {**case_dict()["client"], "zelf": zelf}
    ind = compute(case_from_data(case_dict(client=client)), protocol_norms)
    assert ind.totaal_minuten_per_week == 0
    assert "geen hulp bij het huishouden" in onderbouwing.render_markdown(ind)


@pytest.fixture(scope="module")
def partner_case(protocol_norms: LoadedNorms) -> Indication:
    """Client does 30% of cleaning herself; an overburdened partner (temporary help, §2.1)."""
    client: dict[str, Any] = case_dict()["client"]
    client = {**client, "extra_inzet_door_beperkingen": "enig",
              "zelf": {**client["zelf"], "schoon_en_leefbaar_huis": {"gedeeltelijk": 30}}}
    data = case_dict(client=client, huisgenoten=[housemate(overbelast=True)], huisdieren=1)
    return compute(case_from_data(data), protocol_norms)


def test_periods_temporary_parts_and_supplements(partner_case: Indication) -> None:
    ind = partner_case
    assert ind.tijdelijke_delen and ind.herindicatiedatum is not None
    text = onderbouwing.render_markdown(ind)
    for part in ind.tijdelijke_delen:
        assert part.toelichting in text
    assert "bekijken we de situatie opnieuw" in text
    supplements = [s for s in ind.uitleg if s.regel.startswith("toeslagen.")]
    assert supplements
    section = text.split("## Extra tijd en aftrek")[1].split("##")[0]
    for step in supplements:
        assert step.tekst in section and step.paragraaf in section


def test_taakverdeling_names_every_actor(partner_case: Indication) -> None:
    ind = partner_case
    rows = taakverdeling.rows(ind)
    assert len(rows) == len(ind.activiteiten)
    for row, act in zip(rows, ind.activiteiten, strict=True):
        assert len(row.delen) == len(act.verdeling)
        if act.werkwijze == "samen_met_client":
            assert any("samen met de cliënt" in p.wie for p in row.delen)
            assert any(p.uitvoerder is Actor.CLIENT for p in row.delen)
    cleaning = next(r for r in rows if r.activiteit == "Opruimen woonruimte")
    whos = [p.wie for p in cleaning.delen]
    assert whos[0] == "cliënt doet zelf"
    assert any("huisgenoot (Jan)" in w for w in whos)
    assert any("vanaf" in p.wanneer for p in cleaning.delen)
    text = onderbouwing.render_taakverdeling(ind)
    assert "handen op de rug" in text and "Wat de cliënt zelf doet" in text


def test_groups_cover_every_share(partner_case: Indication) -> None:
    ind = partner_case
    lines = sum(len(g.regels) for g in taakverdeling.groups(ind))
    assert lines == sum(len(a.verdeling) for a in ind.activiteiten)
    titles = [g.titel for g in taakverdeling.groups(ind)]
    assert titles[0] == "Wat de cliënt zelf doet"
    assert "Gebruikelijke hulp door huisgenoten (§2)" in titles


@pytest.mark.parametrize(("n", "words"), [
    (0, "nul"), (1, "een"), (13, "dertien"), (21, "eenentwintig"), (22, "tweeëntwintig"),
    (23, "drieëntwintig"), (55, "vijfenvijftig"), (100, "honderd"), (175, "honderdvijfenzeventig"),
    (348, "driehonderdachtenveertig"), (1234, "duizend tweehonderdvierendertig"),
])
def test_number_words(n: int, words: str) -> None:
    assert number_words(n) == words


@pytest.mark.parametrize(("minutes", "words"), [
    (1, "één minuut"), (60, "één uur"), (61, "één uur en één minuut"),
    (175, "twee uur en vijfenvijftig minuten"), (120, "twee uur"),
])
def test_duration_words(minutes: int, words: str) -> None:
    assert duration_words(minutes) == words


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=999))
def test_number_words_distinct(a: int, b: int) -> None:
    assert (number_words(a) == number_words(b)) is (a == b)


CASE_01 = Path(__file__).resolve().parent.parent / "cases" / "01-alleenstaande-volledige-overname.yaml"


@pytest.mark.parametrize(("fmt", "marker"), [
    ("markdown", "# Onderbouwing indicatie hulp bij het huishouden"),
    ("html", "<!DOCTYPE html>"),
    ("taakverdeling", "# Taakverdeling hulp bij het huishouden"),
])
def test_cli_formats_to_file(tmp_path: Path, fmt: str, marker: str) -> None:
    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    out = tmp_path / "sub" / f"uit.{fmt}"
    result = CliRunner().invoke(app, ["bereken", str(CASE_01), "--formaat", fmt, "--uitvoer", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith(marker)
    assert "Bronnen van de normenset" in text or fmt == "taakverdeling"


def test_cli_refuses_document_for_several_norm_sets() -> None:
    from typer.testing import CliRunner

    from hbh_indicatie.cli.main import app

    result = CliRunner().invoke(app, ["bereken", str(CASE_01), "-f", "html", "-n", "protocol-hbh",
                                      "-n", "protocol-hbh"])
    assert result.exit_code == 2
    assert "alleen 'tabel' of 'json'" in " ".join(result.output.split())
