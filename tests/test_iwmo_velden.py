"""Every iWmo refusal names its field as the caller sent it: a query parameter of the route
(``toewijzingnummer``, not the XML element ToewijzingNummer), the dotted path in the request
body (``casus.leveringsvorm``, ``bericht.client.geboortedatum``), an option of ``hbh bereken``
or the path in the ``--bericht`` file; '' only for the request as a whole (a voorlopig
indication, 0 minutes, two settings that exclude each other). A client can then highlight
the field. Also: Toewijzingstijd in the schemas says what the program accepts (a pattern, not
``format: time``, whose RFC 3339 full-time carries a time zone), and a Dutch postcode with
landcode NL is written as iWmo wants it (1234AB)."""

from __future__ import annotations

import copy
import json
import re
import sys
import typing
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from typer.testing import CliRunner

from hbh_indicatie.errors import HbhError, InputError
from hbh_indicatie.iwmo.builder import CLI_OPTIONS, IwmoSettings
from hbh_indicatie.iwmo.message_data import BerichtGegevens
from hbh_indicatie.iwmo.models import TIJD_PATTERN
from hbh_indicatie.iwmo.render import BASIS_NS
from hbh_indicatie.models.case import Case
from hbh_indicatie.service.app import ServiceConfig, create_app
from tests.shipped import ROOT

CASES = ROOT / "cases"
PLAIN = CASES / "01-alleenstaande-volledige-overname.yaml"  # one period, 175 minutes
TWO_PERIODS = CASES / "47-hulpmiddelen-afdoende-en-voor-de-helpende.yaml"
VOORLOPIG = CASES / "06-overbrugging-hulpmiddel.yaml"
NOTHING = CASES / "03-hulpmiddelen-afdoende.yaml"  # 0 minutes per week
EXAMPLE = ROOT / "examples" / "iwmo-bericht.yaml"
MOMENT = {"toewijzingnummer": "4711", "toewijzingsdatum": "2026-03-02", "toewijzingstijd": "14:05"}


def paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every dotted field path of ``model`` as a caller writes it (aliases, no list indices)."""
    found: set[str] = set()
    for name, field in model.model_fields.items():
        path = f"{prefix}{field.alias or name}"
        found.add(path)
        for inner in _models(field.annotation):
            found |= paths(inner, f"{path}.")
    return found


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models(arg)


def without_indices(field: str) -> str:
    return re.sub(r"\[[0-9]+\]", "", field)


def data(path: Path) -> dict[str, Any]:
    return dict(json.loads(json.dumps(yaml.safe_load(path.read_text("utf-8")), default=str)))


def bericht(**changes: Any) -> dict[str, Any]:
    """The example berichtgegevens with ``changes`` at dotted paths ('client.geboortedatum')."""
    result = data(EXAMPLE)
    for dotted, value in changes.items():
        node: Any = result
        *parents, last = [int(k) if k.isdigit() else k for k in dotted.split("__")]
        for key in parents:
            node = node[key]
        node[last] = value
    return result


ADDRESS = "client__contactgegevens__0__adres__"

# (id, case file, query parameters, berichtgegevens) for each refusal; the fragment route gets
# the same parameters with formaat=xml (where the identification is needed)
REFUSALS: list[tuple[str, Path, dict[str, str], dict[str, Any]]] = [
    ("zonder-nummer-datum-tijd", PLAIN, {"looptijd": "12"}, bericht()),
    ("datum-zonder-tijd", PLAIN, {"looptijd": "12", "toewijzingnummer": "1",
                                  "toewijzingsdatum": "2026-03-02"}, bericht()),
    ("tijd-zonder-datum", PLAIN, {"looptijd": "12", "toewijzingnummer": "1",
                                  "toewijzingstijd": "14:05"}, bericht()),
    ("tijd-met-zone", PLAIN, {**MOMENT, "looptijd": "12", "toewijzingstijd": "14:05:00Z"},
     bericht()),
    ("tijd-met-offset", PLAIN, {**MOMENT, "looptijd": "12", "toewijzingstijd": "14:05:00+01:00"},
     bericht()),
    ("tijd-buiten-bereik", PLAIN, {**MOMENT, "looptijd": "12", "toewijzingstijd": "25:00"},
     bericht()),
    ("nummer-negatief", PLAIN, {**MOMENT, "looptijd": "12", "toewijzingnummer": "-1"}, bericht()),
    ("nummers-lopen-over", TWO_PERIODS, {**MOMENT, "looptijd": "12",
                                         "toewijzingnummer": "999999999"}, bericht()),
    ("zonder-einde", PLAIN, MOMENT, bericht()),
    ("einde-voor-begin", PLAIN, {**MOMENT, "einddatum": "2000-01-01"}, bericht()),
    ("einde-dubbel", PLAIN, {**MOMENT, "einddatum": "2027-01-01", "looptijd": "12"}, bericht()),
    ("looptijd-nul", PLAIN, {**MOMENT, "looptijd": "0"}, bericht()),
    ("productcode", PLAIN, {**MOMENT, "looptijd": "12", "productcode": "01A0001"}, bericht()),
    ("voorlopig", VOORLOPIG, {**MOMENT, "looptijd": "12"}, bericht()),
    ("nul-minuten", NOTHING, {**MOMENT, "looptijd": "12"}, bericht()),
    ("geboren-na-dagtekening", PLAIN, {**MOMENT, "looptijd": "12"},
     bericht(client__geboortedatum="2099-01-01")),
    ("postcode-nl", PLAIN, {**MOMENT, "looptijd": "12"}, bericht(**{f"{ADDRESS}postcode": "123 AB"})),
    ("voorletters", PLAIN, {**MOMENT, "looptijd": "12"}, bericht(client__naam__voorletters="J.H.")),
    ("bsn", PLAIN, {**MOMENT, "looptijd": "12"}, bericht(client__bsn="123456789")),
    ("periode", PLAIN, {**MOMENT, "looptijd": "12"}, bericht(
        client__contactgegevens__0__periode={"begindatum": "2026-02-01",
                                             "einddatum": "2026-01-01"})),
    ("afzender-als-getal", PLAIN, {**MOMENT, "looptijd": "12"}, bericht(afzender=363)),
    ("geslacht", PLAIN, {**MOMENT, "looptijd": "12"}, bericht(client__geslacht="9")),
    ("geen-contact", PLAIN, {**MOMENT, "looptijd": "12"}, bericht(client__contactgegevens=[])),
]
IDS = [r[0] for r in REFUSALS]
CASE_PATHS = paths(Case)
BERICHT_PATHS = paths(BerichtGegevens)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(ServiceConfig()), raise_server_exceptions=False) as local:
        yield local


@pytest.fixture(scope="module")
def spec(client: TestClient) -> dict[str, Any]:
    return dict(client.get("/openapi.json").json())


def route_parameters(spec: dict[str, Any], path: str) -> set[str]:
    operation = spec["paths"][path]["post"]
    return {p["name"] for p in operation["parameters"] if p["in"] == "query"}


def fields_of(response: Any) -> set[str]:
    assert response.status_code == 422, response.text
    return {p["veld"] for p in response.json()["problemen"]}


@pytest.mark.parametrize(("case", "query", "gegevens"), [r[1:] for r in REFUSALS], ids=IDS)
def test_every_refusal_of_the_bericht_route_names_a_field_of_the_request(
        client: TestClient, spec: dict[str, Any], case: Path, query: dict[str, str],
        gegevens: dict[str, Any]) -> None:
    allowed = (route_parameters(spec, "/api/v1/iwmo/bericht") | {""}
               | {f"casus.{p}" for p in CASE_PATHS} | {f"bericht.{p}" for p in BERICHT_PATHS})
    response = client.post("/api/v1/iwmo/bericht", params=query,
                           json={"casus": data(case), "bericht": gegevens})
    fields = fields_of(response)
    assert {without_indices(f) for f in fields} <= allowed, response.json()


@pytest.mark.parametrize(("case", "query"), [r[1:3] for r in REFUSALS if r[3] == bericht()],
                         ids=[r[0] for r in REFUSALS if r[3] == bericht()])
def test_every_refusal_of_the_fragment_route_names_a_field_of_the_request(
        client: TestClient, spec: dict[str, Any], case: Path, query: dict[str, str]) -> None:
    allowed = route_parameters(spec, "/api/v1/iwmo") | {""} | CASE_PATHS
    response = client.post("/api/v1/iwmo", params={**query, "formaat": "xml"}, json=data(case))
    assert {without_indices(f) for f in fields_of(response)} <= allowed, response.json()


def test_the_fields_are_the_ones_the_vendor_reported(client: TestClient) -> None:
    """nieuwe-gebruiker-2 #9: the parameter, not the XML element; the birth date's own path."""
    missing = client.post("/api/v1/iwmo", params={"looptijd": "12", "formaat": "xml"},
                          json=data(PLAIN))
    assert fields_of(missing) == {"toewijzingnummer", "toewijzingsdatum", "toewijzingstijd"}
    assert "ToewijzingNummer ontbreekt" in missing.text  # the element stays in the message
    born = client.post("/api/v1/iwmo/bericht", params={**MOMENT, "looptijd": "12"}, json={
        "casus": data(PLAIN), "bericht": bericht(client__geboortedatum="2099-01-01")})
    assert fields_of(born) == {"bericht.client.geboortedatum"}
    pgb = client.post("/api/v1/iwmo/bericht", params={**MOMENT, "looptijd": "12"}, json={
        "casus": {**data(PLAIN), "leveringsvorm": "pgb"}, "bericht": bericht()})
    assert fields_of(pgb) == {"casus.leveringsvorm"}


def cli_problems(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> list[str]:
    """The fields of the problems ``hbh bereken`` refuses with (exit 2), taken from the error
    itself: the box it prints wraps the lines. An option the command line itself refuses
    (``--looptijd 0``: min=1) is named by the option, in a usage error."""
    from hbh_indicatie.cli import common
    from hbh_indicatie.cli.main import app

    seen: list[BaseException] = []
    original = common.fail

    def fail(message: str) -> Any:
        error = sys.exc_info()[1]
        if error is not None:
            seen.append(error)
        return original(message)

    monkeypatch.setattr(common, "fail", fail)
    result = CliRunner().invoke(app, ["bereken", *args])
    assert result.exit_code == 2, result.output
    if not seen:
        return [option for option in CLI_OPTIONS.values() if f"'{option}'" in result.output]
    [error] = seen
    assert isinstance(error, HbhError), error
    problems = getattr(error, "problems", None)
    assert problems, error.message
    return [p.field for p in problems]


@pytest.mark.parametrize(("case", "query", "gegevens"), [r[1:] for r in REFUSALS], ids=IDS)
def test_every_refusal_of_the_cli_bericht_names_an_option_or_a_path_in_the_file(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, case: Path, query: dict[str, str],
        gegevens: dict[str, Any]) -> None:
    options = [part for name, value in query.items()
               for part in (CLI_OPTIONS.get("looptijd_maanden" if name == "looptijd" else name,
                                            f"--{name}"), value)]
    file = tmp_path / "bericht.yaml"
    file.write_text(yaml.safe_dump(gegevens, allow_unicode=True), encoding="utf-8")
    fields = cli_problems(monkeypatch, [str(case), "--formaat", "iwmo-bericht", "--bericht",
                                        str(file), *options])
    allowed = set(CLI_OPTIONS.values()) | {""} | CASE_PATHS | BERICHT_PATHS
    assert fields and {without_indices(f) for f in fields} <= allowed, fields


# --- finding 6: Toewijzingstijd in the schemas is what the program takes ---------------------


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_no_schema_says_format_time(spec: dict[str, Any]) -> None:
    """RFC 3339 full-time (JSON Schema/OpenAPI ``format: time``) includes a time zone; LDT_Tijd
    refuses one. The OpenAPI document and every shipped JSON schema give the pattern instead."""
    documents = [spec] + [json.loads(p.read_text("utf-8"))
                          for p in sorted((ROOT / "docs" / "schema").glob("*.json"))]
    for document in documents:
        assert not [n for n in _walk(document) if n.get("format") == "time"]
    [parameter] = [p for p in spec["paths"]["/api/v1/iwmo"]["post"]["parameters"]
                   if p["name"] == "toewijzingstijd"]
    assert {"type": "string", "pattern": TIJD_PATTERN}.items() <= \
        parameter["schema"]["anyOf"][0].items()
    iwmo = json.loads((ROOT / "docs" / "schema" / "hbh.iwmo.v1.schema.json").read_text("utf-8"))
    assert any(n.get("pattern") == TIJD_PATTERN for n in _walk(iwmo))


def accepted(text: str) -> bool:
    try:
        IwmoSettings.model_validate({"toewijzingsdatum": "2026-03-02", "toewijzingstijd": text})
    except ValueError:
        return False
    return True


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.from_regex(TIJD_PATTERN, fullmatch=True),
                      st.from_regex(r"[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
                                    r"(Z|[+-][0-9]{2}:[0-9]{2})?", fullmatch=True),
                      st.text(max_size=12)))
def test_a_time_is_accepted_exactly_when_the_schema_pattern_says_so(text: str) -> None:
    assert accepted(text) == bool(re.fullmatch(TIJD_PATTERN, text)), text


@pytest.mark.parametrize("moment", ["14:05:00Z", "14:05:00+01:00", "14:05+02:00"])
def test_a_time_zone_is_refused_in_dutch_naming_the_parameter(client: TestClient,
                                                              moment: str) -> None:
    response = client.post("/api/v1/iwmo", params={**MOMENT, "looptijd": "12",
                                                   "toewijzingstijd": moment}, json=data(PLAIN))
    [problem] = response.json()["problemen"]
    assert problem["veld"] == "toewijzingstijd"
    assert "tijdzone" in problem["melding"] and "14:05" in problem["melding"]


# --- finding 10: a Dutch postcode as iWmo writes it -----------------------------------------


def postcodes(xml: str) -> list[str | None]:
    return [n.text for n in ET.fromstring(xml.encode("utf-8")).iter(f"{{{BASIS_NS}}}Postcode")]


@pytest.mark.parametrize(("given_code", "country", "written"), [
    ("1234 ab", "NL", "1234AB"), ("1234ab", "NL", "1234AB"), (" 9999 Zz ", "NL", "9999ZZ"),
    ("1234 ab", "BE", "1234 ab"), ("B-1000", "BE", "B-1000"), ("1234 ab", None, "1234 ab"),
])
def test_a_dutch_postcode_is_written_1234AB_and_a_foreign_one_as_given(
        client: TestClient, given_code: str, country: str | None, written: str) -> None:
    gegevens = bericht(**{f"{ADDRESS}postcode": given_code})
    address = gegevens["client"]["contactgegevens"][0]["adres"]
    if country is None:
        del address["landcode"]
    else:
        address["landcode"] = country
    response = client.post("/api/v1/iwmo/bericht", params={**MOMENT, "looptijd": "12"},
                           json={"casus": data(PLAIN), "bericht": gegevens})
    assert response.status_code == 200, response.text
    assert postcodes(response.text) == [written]


@pytest.mark.parametrize("bad", ["0123AB", "123 AB", "1234 A", "1234  AB", "12345", "AB 1234",
                                 "1234-AB", "1234ÀB"])
def test_what_is_no_dutch_postcode_is_refused_naming_the_field(client: TestClient,
                                                               bad: str) -> None:
    response = client.post("/api/v1/iwmo/bericht", params={**MOMENT, "looptijd": "12"}, json={
        "casus": data(PLAIN), "bericht": bericht(**{f"{ADDRESS}postcode": bad})})
    assert response.status_code == 422, response.text
    [problem] = response.json()["problemen"]
    assert problem["veld"] == "bericht.client.contactgegevens[0].adres.postcode"
    assert "geen Nederlandse postcode" in problem["melding"] and "1234AB" in problem["melding"]


def test_the_berichtgegevens_schema_states_the_dutch_postcode() -> None:
    import jsonschema

    schema = json.loads((ROOT / "docs" / "schema" / "hbh.berichtgegevens.v1.schema.json")
                        .read_text("utf-8"))
    good, bad = bericht(**{f"{ADDRESS}postcode": "1234 ab"}), bericht(
        **{f"{ADDRESS}postcode": "0123AB"})
    jsonschema.validate(json.loads(json.dumps(good, default=str)), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(json.loads(json.dumps(bad, default=str)), schema)
    with pytest.raises(InputError):
        from hbh_indicatie import api

        api.berichtgegevens_from_dict(copy.deepcopy(bad))
