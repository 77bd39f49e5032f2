"""Every refusal of the service as a case system reads it: a one-line ``fout`` and its problems
in ``problemen`` (``veld`` + ``melding``, ``toegestaan`` where known), never an empty list,
never the terminal's bullet text; advice that names parameters names ones the route has, and
following it works. In process (the real server is tests/test_service.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
import yaml
from fastapi.testclient import TestClient

from hbh_indicatie.service.app import IwmoQuery, ServiceConfig, create_app
from tests.shipped import ROOT, expects_conflict, shipped_cases

CASES = shipped_cases()
CASE = next(p for p in CASES if not expects_conflict(p))
CONFLICT = next(p for p in CASES if expects_conflict(p))
IDENTIFIED = {"toewijzingnummer": "4711", "toewijzingsdatum": "2026-03-02",
              "toewijzingstijd": "14:05"}


def as_data(path: Any) -> dict[str, Any]:
    return dict(json.loads(json.dumps(yaml.safe_load(path.read_text("utf-8")), default=str)))


def envelope(case: Any = None, bericht: Any = None) -> str:
    data = {"casus": as_data(CASE) if case is None else case,
            "bericht": yaml.safe_load((ROOT / "examples" / "iwmo-bericht.yaml").read_text("utf-8"))
            if bericht is None else bericht}
    return json.dumps(data, default=str)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(ServiceConfig(max_invoer=65_536)),
                    raise_server_exceptions=False) as local:
        yield local


@pytest.fixture(scope="module")
def spec(client: TestClient) -> dict[str, Any]:
    return dict(client.get("/openapi.json").json())


def fout_schema(spec: dict[str, Any]) -> dict[str, Any]:
    schema = {**spec["components"]["schemas"]["Fout"],
              "$defs": {"Probleem": spec["components"]["schemas"]["Probleem"]}}
    return dict(json.loads(json.dumps(schema).replace("#/components/schemas/", "#/$defs/")))


def parameters(spec: dict[str, Any], path: str) -> set[str]:
    """The query parameters the OpenAPI document gives a route (what a generated client has)."""
    operation = next(iter(spec["paths"][path].values()))
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}


CASE_TEXT = json.dumps(as_data(CASE))

# (id, method, address, request arguments, status, a field the problems must name)
BAD: list[tuple[str, str, str, dict[str, Any], int, str]] = [
    ("iwmo-zonder-einde", "post", "/api/v1/iwmo/bericht",
     {"params": IDENTIFIED, "content": envelope()}, 422, "einddatum"),
    ("iwmo-onbekende-parameter", "post", "/api/v1/iwmo/bericht",
     {"params": {**IDENTIFIED, "looptijd_maanden": "12"}, "content": envelope()}, 422,
     "looptijd_maanden"),
    ("iwmo-pgb", "post", "/api/v1/iwmo",
     {"params": {"looptijd": "12"}, "json": {**as_data(CASE), "leveringsvorm": "pgb"}}, 422,
     "leveringsvorm"),
    ("iwmo-xml-zonder-nummer", "post", "/api/v1/iwmo",
     {"params": {"looptijd": "12", "formaat": "xml"}, "content": CASE_TEXT}, 422,
     "toewijzingnummer"),
    ("iwmo-einde-dubbel", "post", "/api/v1/iwmo",
     {"params": {"looptijd": "12", "einddatum": "2027-01-01"}, "content": CASE_TEXT}, 422, ""),
    ("tijd-buiten-bereik", "post", "/api/v1/iwmo",
     {"params": {"looptijd": "12", "toewijzingstijd": "25:00",
                 "toewijzingsdatum": "2026-03-02"}, "content": CASE_TEXT}, 422,
     "toewijzingstijd"),
    ("lijst-als-casus", "post", "/api/v1/indicatie", {"content": "[]"}, 422, ""),
    ("lijst-als-verzoek", "post", "/api/v1/iwmo/bericht", {"content": "[1]"}, 422, ""),
    ("lijst-als-casus-in-verzoek", "post", "/api/v1/iwmo/bericht",
     {"params": {"looptijd": "12"}, "content": json.dumps({"casus": [], "bericht": {}})}, 422,
     "casus"),
    ("onbekende-normenset", "post", "/api/v1/indicatie",
     {"params": {"normen": "geen-idee"}, "content": CASE_TEXT}, 404, "normen"),
    ("normenset-als-bestand", "post", "/api/v1/indicatie",
     {"params": {"normen": "../norms/a.yaml"}, "content": CASE_TEXT}, 422, "normen"),
    ("normenset-uit-de-casus", "post", "/api/v1/indicatie",
     {"json": {**as_data(CASE), "normen": "geen-idee"}}, 404, "normen"),
    ("normenset-in-verzoek", "post", "/api/v1/iwmo/bericht",
     {"params": {"looptijd": "12"}, "content": envelope({**as_data(CASE), "normen": "geen"})},
     404, "casus.normen"),
    ("geen-normenset", "post", "/api/v1/besluit",
     {"json": {k: v for k, v in as_data(CASE).items() if k != "normen"}}, 422, "normen"),
    ("geen-versie", "post", "/api/v1/indicatie",
     {"params": {"normen": "utrecht@2001-01-01"}, "content": CASE_TEXT}, 422, "normen"),
    ("regelconflict", "post", "/api/v1/indicatie", {"json": as_data(CONFLICT)}, 422, ""),
    ("media-type", "post", "/api/v1/indicatie",
     {"content": "a,b", "headers": {"content-type": "text/csv"}}, 415, "Content-Type"),
    ("te-groot", "post", "/api/v1/indicatie", {"content": "x" * 70_000}, 413, ""),
    ("leeg", "post", "/api/v1/indicatie", {"content": ""}, 400, ""),
    ("geen-json", "post", "/api/v1/indicatie", {"content": "{"}, 400, ""),
    ("onbekend-veld", "post", "/api/v1/indicatie",
     {"json": {**as_data(CASE), "schoenmaat": 39}}, 422, "schoenmaat"),
    ("onbekend-adres", "get", "/api/v1/nergens", {}, 404, "adres"),
    ("verkeerde-methode", "get", "/api/v1/indicatie", {}, 405, "methode"),
    ("onbekend-schema", "get", "/api/v1/schema/pizza", {}, 404, "soort"),
    ("onbekende-normenset-adres", "get", "/api/v1/normen/pizza", {}, 404, "normen_id"),
    ("normenset-op-datum", "get", "/api/v1/normen/utrecht", {"params": {"datum": "2001-01-01"}},
     422, "datum"),
    ("datum-parameter", "get", "/api/v1/normen/utrecht", {"params": {"datum": "2026-13-01"}},
     422, "datum"),
    ("keuze-parameter", "post", "/api/v1/besluit",
     {"params": {"formaat": "odt"}, "content": CASE_TEXT}, 422, "formaat"),
]


@pytest.mark.parametrize(("method", "address", "arguments", "status", "field"),
                         [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_every_refusal_has_its_problems_and_a_one_line_fout(
        client: TestClient, spec: dict[str, Any], method: str, address: str,
        arguments: dict[str, Any], status: int, field: str) -> None:
    response = getattr(client, method)(address, **arguments)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    jsonschema.validate(body, fout_schema(spec))  # the OpenAPI's Fout: at least one problem
    assert body["problemen"], body
    assert "\n" not in body["fout"] and "  - " not in body["fout"], body["fout"]
    assert body["fout"] and not body["fout"].endswith(":")
    for problem in body["problemen"]:
        assert set(problem) == {"veld", "melding", "toegestaan"}
        assert problem["melding"] and "\n" not in problem["melding"]
    assert field in {p["veld"] for p in body["problemen"]}, body


def given_parameters(problem: dict[str, Any]) -> set[str]:
    """The parameters a problem's advice names: 'einddatum= of looptijd='."""
    return set(re.findall(r"\b([a-z_]+)=", f"{problem['melding']} {problem['toegestaan']}"))


def test_a_missing_end_names_the_parameters_the_route_has_and_they_work(
        client: TestClient, spec: dict[str, Any]) -> None:
    answer = client.post("/api/v1/iwmo/bericht", params=IDENTIFIED, content=envelope()).json()
    [problem] = answer["problemen"]
    named = given_parameters(problem)
    assert named == {"einddatum", "looptijd"}, problem
    assert named <= parameters(spec, "/api/v1/iwmo/bericht")
    assert "--" not in problem["toegestaan"] and "looptijd_maanden" not in json.dumps(answer)
    for name, value in (("einddatum", "2027-03-01"), ("looptijd", "12")):  # follow the advice
        done = client.post("/api/v1/iwmo/bericht", params={**IDENTIFIED, name: value},
                           content=envelope())
        assert done.status_code == 200, done.text


def test_missing_xml_identification_names_the_parameters_and_they_work(
        client: TestClient, spec: dict[str, Any]) -> None:
    answer = client.post("/api/v1/iwmo", params={"looptijd": "12", "formaat": "xml"},
                         content=CASE_TEXT).json()
    named = set().union(*(given_parameters(p) for p in answer["problemen"]))
    assert named == set(IDENTIFIED) and named <= parameters(spec, "/api/v1/iwmo")
    done = client.post("/api/v1/iwmo", params={"looptijd": "12", "formaat": "xml", **IDENTIFIED},
                       content=CASE_TEXT)
    assert done.status_code == 200 and done.text.startswith("<"), done.text


def test_an_unknown_parameter_lists_the_ones_the_route_has(client: TestClient,
                                                          spec: dict[str, Any]) -> None:
    answer = client.post("/api/v1/iwmo/bericht", params={**IDENTIFIED, "looptijd_maanden": "12"},
                         content=envelope()).json()
    [problem] = answer["problemen"]
    assert problem["melding"] == "onbekende parameter"
    assert set(problem["toegestaan"].split(", ")) == parameters(spec, "/api/v1/iwmo/bericht")


def test_a_time_out_of_range_is_dutch(client: TestClient) -> None:
    answer = client.post("/api/v1/iwmo", params={"looptijd": "12", "toewijzingstijd": "25:00",
                                                 "toewijzingsdatum": "2026-03-02"},
                         content=CASE_TEXT).json()
    assert answer["problemen"] == [{"veld": "toewijzingstijd", "melding": "moet een tijdstip zijn "
                                    "(UU:MM of UU:MM:SS, uren 0-23)", "toegestaan": None}]


@pytest.mark.parametrize(("address", "body", "field"), [
    ("/api/v1/indicatie", "[]", ""), ("/api/v1/controleer", '"tekst"', ""),
    ("/api/v1/iwmo/bericht", "[]", ""),
    ("/api/v1/iwmo/bericht", json.dumps({"casus": [1], "bericht": {}}), "casus"),
])
def test_a_body_that_is_no_object_is_called_the_json_body_not_a_file(
        client: TestClient, address: str, body: str, field: str) -> None:
    answer = client.post(address, params={"looptijd": "12"}, content=body).json()
    problem = next(p for p in answer["problemen"] if p["veld"] == field)
    assert "bestand" not in json.dumps(answer, ensure_ascii=False)
    assert "object met velden" in problem["melding"]
    assert "geen lijst" in problem["melding"] or "geen tekst" in problem["melding"]


def test_query_settings_reach_every_iwmo_setting_under_its_own_name() -> None:
    """The HTTP parameters map onto IwmoSettings by name (one exception, looptijd), so the names
    in messages (IwmoQuery.names) are exactly the parameters that set them."""
    from hbh_indicatie.iwmo.builder import IwmoSettings

    query = IwmoQuery.model_validate({"looptijd": 12, "productcode": "01A04", "eenheid": "minuut",
                                      "toewijzingnummer": 1, "toewijzingsdatum": "2026-03-02",
                                      "toewijzingstijd": "14:05"})
    settings = IwmoSettings.model_validate(query.settings())
    assert settings.looptijd_maanden == 12 and settings.eenheid == "minuut"
    names = IwmoQuery.names()
    assert set(names) == set(IwmoSettings.model_fields)
    assert {n.removesuffix("=") for n in names.values()} <= set(IwmoQuery.model_fields)
