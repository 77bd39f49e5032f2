"""``hbh server`` as a case system meets it: the real server (uvicorn in a subprocess on a free
loopback port), every endpoint, the JSON error shape, published schemas, and byte for byte
the same documents as ``hbh bereken``."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import xmlschema
import yaml
from typer.testing import CliRunner

from hbh_indicatie.cli.main import app
from hbh_indicatie.schemas import SCHEMAS, file_name
from tests.shipped import ROOT, expects_conflict, shipped_cases

CASES = shipped_cases()
COMPUTABLE = [p for p in CASES if not expects_conflict(p)]
cli = CliRunner()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    proc: subprocess.Popen[str]
    url: str
    port: int

    def stop(self, sig: signal.Signals = signal.SIGTERM) -> tuple[int, str]:
        self.proc.send_signal(sig)
        _, err = self.proc.communicate(timeout=30)
        return self.proc.returncode, err


def start(*options: str) -> Server:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from hbh_indicatie.cli.main import run; run()", "server",
         "--port", str(port), *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server stopte: {proc.communicate()[1]}")
        try:
            if httpx.get(f"{url}/gezond", timeout=2).status_code == 200:
                return Server(proc, url, port)
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("server start niet binnen 60 s")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = start("--max-invoer", "65536")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as session:
        yield session


def schema_of(kind: str) -> dict[str, Any]:
    return dict(json.loads((ROOT / "docs" / "schema" / file_name(kind)).read_text("utf-8")))


def error_schema(client: httpx.Client) -> dict[str, Any]:
    spec = client.get("/openapi.json").json()
    return {**spec["components"]["schemas"]["Fout"],
            "$defs": {"Probleem": spec["components"]["schemas"]["Probleem"]}}


def as_json(path: Path) -> str:
    """The YAML case as the JSON a case system would send (dates as text)."""
    return json.dumps(yaml.safe_load(path.read_text("utf-8")), default=str, ensure_ascii=False)


def assert_error(response: httpx.Response, status: int, client: httpx.Client) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = dict(response.json())
    fout = error_schema(client)
    fout_schema = json.loads(json.dumps(fout).replace("#/components/schemas/", "#/$defs/"))
    jsonschema.validate(body, fout_schema)
    assert "Traceback" not in response.text
    return body


# --- start, stop -------------------------------------------------------------------------------


def test_server_says_where_it_listens_and_stops_cleanly_on_sigterm() -> None:
    running = start()
    code, err = running.stop(signal.SIGTERM)
    assert code == 0, err
    assert f"luistert op http://127.0.0.1:{running.port}" in err
    assert "gestopt" in err and "Traceback" not in err


def test_server_stops_cleanly_on_ctrl_c_with_two_workers() -> None:
    running = start("--workers", "2")
    assert httpx.get(f"{running.url}/gezond").json()["status"] == "ok"
    code, err = running.stop(signal.SIGINT)
    assert code == 0, err
    assert "Traceback" not in err


def test_port_in_use_is_a_dutch_error(server: Server) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from hbh_indicatie.cli.main import run; run()", "server",
         "--port", str(server.port)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "al in gebruik" in result.stderr and "Traceback" not in result.stderr


# --- reading endpoints --------------------------------------------------------------------------


def test_health_names_engine_and_every_loaded_norm_set(client: httpx.Client) -> None:
    body = client.get("/gezond").json()
    assert body["status"] == "ok" and body["engine_versie"]
    loaded = {(n["id"], n["sha256"]) for n in body["normensets"]}
    listing = client.get("/api/v1/normen").json()["normensets"]
    assert loaded == {(n["id"], n["sha256"]) for n in listing}
    assert {n["id"] for n in listing} >= {"protocol-hbh", "kpmg-hbel", "utrecht"}


def test_norm_set_detail_has_every_version_with_figures(client: httpx.Client) -> None:
    body = client.get("/api/v1/normen/utrecht").json()
    assert [v["versie"] for v in body["versies"]] == [n["versie"] for n in body["normen"]]
    assert len(body["versies"]) == 2
    for document in body["normen"]:
        jsonschema.validate(document, schema_of("normen"))
    one = client.get("/api/v1/normen/utrecht", params={"datum": "2016-06-01"}).json()
    assert [v["geldig_van"] for v in one["versies"]] == ["2015-01-01"]


def test_unknown_norm_set_is_404(client: httpx.Client) -> None:
    body = assert_error(client.get("/api/v1/normen/bestaat-niet"), 404, client)
    assert "bestaat niet" in body["fout"] and "protocol-hbh" in body["fout"]
    assert "bestandsnaam" not in body["fout"]  # the service reads no files


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_schema_endpoint_serves_the_published_schema(client: httpx.Client, kind: str) -> None:
    assert client.get(f"/api/v1/schema/{kind}").json() == schema_of(kind)


def test_unknown_schema_route_and_method(client: httpx.Client) -> None:
    body = assert_error(client.get("/api/v1/schema/iets"), 404, client)
    assert "casus" in body["fout"]
    assert_error(client.get("/api/v1/nergens"), 404, client)
    assert_error(client.get("/api/v1/indicatie"), 405, client)


def test_openapi_is_generated_from_the_models_and_complete(client: httpx.Client) -> None:
    from openapi_spec_validator import validate

    spec = client.get("/openapi.json").json()
    validate(spec)  # what client generators (openapi-generator, NSwag) read
    for path in ("/api/v1/indicatie", "/api/v1/onderbouwing", "/api/v1/iwmo",
                 "/api/v1/iwmo/bericht", "/api/v1/controleer", "/api/v1/normen",
                 "/api/v1/normen/{normen_id}", "/api/v1/schema/{soort}", "/gezond"):
        assert path in spec["paths"], path
    schemas = spec["components"]["schemas"]
    assert "HTTPValidationError" not in schemas  # every 422 is our own error shape
    body = spec["paths"]["/api/v1/indicatie"]["post"]["requestBody"]["content"]
    assert body["application/json"]["schema"] == {"$ref": "#/components/schemas/Casus"}
    refs = {m for m in json.dumps(spec).split('"') if m.startswith("#/components/schemas/")}
    assert refs and all(r.removeprefix("#/components/schemas/") in schemas for r in refs)
    casus = dict(schemas["Casus"])
    assert casus["required"] == schema_of("casus")["required"]


def test_docs_page_works_without_a_cdn(client: httpx.Client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    scripts = [s.split('"')[0] for s in page.text.split('src="')[1:]]
    assert scripts and all(s.startswith("/") for s in scripts), scripts
    for script in scripts:
        assert client.get(script).status_code == 200


# --- computing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_indicatie_equals_hbh_bereken_json(client: httpx.Client, path: Path) -> None:
    expected = cli.invoke(app, ["bereken", str(path), "--formaat", "json"])
    response = client.post("/api/v1/indicatie", content=as_json(path),
                           headers={"content-type": "application/json"})
    if expects_conflict(path):
        assert expected.exit_code == 2
        body = assert_error(response, 422, client)
        assert body["fout"] == json.loads(expected.stderr)["fout"]
        return
    assert expected.exit_code == 0, expected.output
    assert response.status_code == 200, response.text
    assert response.content == expected.stdout.encode("utf-8")
    jsonschema.validate(response.json(), schema_of("indicatie"))


def test_yaml_body_gives_the_same_bytes(client: httpx.Client) -> None:
    path = COMPUTABLE[0]
    as_yaml = client.post("/api/v1/indicatie", content=path.read_bytes(),
                          headers={"content-type": "application/yaml"})
    as_json_ = client.post("/api/v1/indicatie", content=as_json(path))
    assert as_yaml.status_code == 200 and as_yaml.content == as_json_.content


def test_side_by_side_equals_the_cli(client: httpx.Client) -> None:
    path = COMPUTABLE[0]
    expected = cli.invoke(app, ["bereken", str(path), "-n", "protocol-hbh", "-n", "hhm-ho",
                                "--formaat", "json"])
    response = client.post("/api/v1/indicatie", params=[("normen", "protocol-hbh"),
                                                         ("normen", "hhm-ho")],
                           content=as_json(path))
    assert response.status_code == 200, response.text
    assert response.content == expected.stdout.encode("utf-8")
    jsonschema.validate(response.json(), schema_of("naast_elkaar"))


def test_peildatum_overrides_the_case(client: httpx.Client) -> None:
    response = client.post("/api/v1/indicatie", params={"peildatum": "2026-06-01"},
                           content=as_json(COMPUTABLE[0]))
    assert response.json()["stempel"]["peildatum"] == "2026-06-01"


@pytest.mark.parametrize(("formaat", "accept", "cli_format", "media"), [
    ("markdown", None, "markdown", "text/markdown"),
    ("html", None, "html", "text/html"),
    ("taakverdeling", None, "taakverdeling", "text/markdown"),
    (None, "text/html", "html", "text/html"),
    (None, None, "markdown", "text/markdown"),
])
def test_onderbouwing_equals_the_cli(client: httpx.Client, formaat: str | None, accept: str | None,
                                     cli_format: str, media: str) -> None:
    path = COMPUTABLE[3]
    expected = cli.invoke(app, ["bereken", str(path), "--formaat", cli_format])
    response = client.post("/api/v1/onderbouwing", content=as_json(path),
                           params={"formaat": formaat} if formaat else {},
                           headers={"accept": accept} if accept else {})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert response.text == expected.stdout


IWMO = {"looptijd": "12", "toewijzingnummer": "4711", "toewijzingsdatum": "2026-03-02",
        "toewijzingstijd": "14:05:00"}


def test_iwmo_json_equals_the_cli(client: httpx.Client) -> None:
    path = COMPUTABLE[0]
    expected = cli.invoke(app, ["bereken", str(path), "--formaat", "iwmo", "--looptijd", "12"])
    response = client.post("/api/v1/iwmo", params={"looptijd": "12"}, content=as_json(path))
    assert response.status_code == 200, response.text
    assert response.text == expected.stdout
    jsonschema.validate(response.json(), schema_of("iwmo"))


def test_iwmo_xml_and_bericht_are_valid_against_the_xsd(client: httpx.Client,
                                                        wmo301: xmlschema.XMLSchema) -> None:
    path = COMPUTABLE[0]
    fragment = client.post("/api/v1/iwmo", params={**IWMO, "formaat": "xml"}, content=as_json(path))
    assert fragment.status_code == 200, fragment.text
    assert fragment.headers["content-type"].startswith("application/xml")
    assert ET.fromstring(fragment.text).tag.endswith("ToegewezenProducten")
    negotiated = client.post("/api/v1/iwmo", params=IWMO, content=as_json(path),
                             headers={"accept": "application/xml"})
    assert negotiated.text == fragment.text
    gegevens = yaml.safe_load((ROOT / "examples" / "iwmo-bericht.yaml").read_text("utf-8"))
    envelope = json.dumps({"casus": json.loads(as_json(path)), "bericht": gegevens}, default=str)
    bericht = client.post("/api/v1/iwmo/bericht", params=IWMO, content=envelope)
    assert bericht.status_code == 200, bericht.text
    assert list(wmo301.iter_errors(bericht.text)) == []
    expected = cli.invoke(app, ["bereken", str(path), "--formaat", "iwmo-bericht",
                                "--bericht", str(ROOT / "examples" / "iwmo-bericht.yaml"),
                                "--looptijd", "12", "--toewijzingnummer", "4711",
                                "--toewijzingsdatum", "2026-03-02", "--toewijzingstijd", "14:05"])
    assert bericht.text == expected.stdout


def test_iwmo_refusals_and_envelope_problems(client: httpx.Client) -> None:
    pgb = {**json.loads(as_json(COMPUTABLE[0])), "leveringsvorm": "pgb"}
    body = assert_error(client.post("/api/v1/iwmo", params=IWMO, json=pgb), 422, client)
    assert "pgb" in body["fout"].lower() or any("pgb" in p["melding"].lower()
                                                for p in body["problemen"])
    missing = client.post("/api/v1/iwmo", params={"formaat": "xml", "looptijd": "12"},
                          content=as_json(COMPUTABLE[0]))
    body = assert_error(missing, 422, client)
    assert "ToewijzingNummer" in json.dumps(body, ensure_ascii=False)
    envelope = client.post("/api/v1/iwmo/bericht", params=IWMO,
                           content=json.dumps({"casus": {"kenmerk": "x"}, "extra": 1}))
    fields = {p["veld"] for p in assert_error(envelope, 422, client)["problemen"]}
    assert fields == {"bericht", "extra"}
    bad_case = client.post("/api/v1/iwmo/bericht", params=IWMO, content=json.dumps(
        {"casus": {"kenmerk": "x"}, "bericht": {}}))
    fields = {p["veld"] for p in assert_error(bad_case, 422, client)["problemen"]}
    assert "casus.peildatum" in fields


def test_controleer(client: httpx.Client) -> None:
    good = client.post("/api/v1/controleer", content=as_json(COMPUTABLE[0])).json()
    assert good["in_orde"] is True and good["normen_id"] == "protocol-hbh"
    assert good["problemen"] == []
    per_set = {c["normen_id"]: c for c in good["onder_normensets"]}  # issue 14: every set
    assert per_set["protocol-hbh"]["uitkomst"] == "berekenbaar"
    assert {"hhm-ho", "kpmg-hbel", "ciz-blokken", "utrecht"} <= set(per_set)
    assert all(c["reden"] for c in per_set.values() if c["uitkomst"] != "berekenbaar")
    assert all(c["reden"] == "; ".join(c["punten"])
               for c in per_set.values() if c["uitkomst"] == "gegevens")
    assert good["omzetten"] is None
    old = client.post("/api/v1/controleer", content=as_json(
        ROOT / "cases" / "62-oude-casus-hhm-onderdelen.yaml")).json()
    assert "hbh casus zetom" in old["omzetten"]  # the CLI's advice, over HTTP too
    data = json.loads(as_json(COMPUTABLE[0]))
    del data["client"]["leeftijd"]
    bad = client.post("/api/v1/controleer", content=json.dumps(data))
    assert bad.status_code == 200
    assert bad.json()["in_orde"] is False
    assert {"veld": "client.leeftijd", "melding": "ontbreekt", "toegestaan": None} in \
        bad.json()["problemen"]
    conflict = next(p for p in CASES if expects_conflict(p))
    said = client.post("/api/v1/controleer", content=as_json(conflict)).json()
    assert said["in_orde"] is False and "Regels spreken elkaar tegen" in said["fout"]


# --- errors -------------------------------------------------------------------------------------


def test_malformed_json_is_400(client: httpx.Client) -> None:
    body = assert_error(client.post("/api/v1/indicatie", content=b'{"kenmerk": '), 400, client)
    assert "geen geldige JSON" in body["problemen"][0]["melding"]
    empty = assert_error(client.post("/api/v1/indicatie", content=b""), 400, client)
    assert "geen casus" in empty["problemen"][0]["melding"]


def test_duplicate_keys_are_refused(client: httpx.Client) -> None:
    text = as_json(COMPUTABLE[0])
    doubled = text[:-1] + ', "kenmerk": "nog een"}'
    body = assert_error(client.post("/api/v1/indicatie", content=doubled), 400, client)
    assert "dubbele sleutel 'kenmerk'" in body["problemen"][0]["melding"]


def test_unknown_field_and_missing_fact_name_the_field(client: httpx.Client) -> None:
    data = json.loads(as_json(COMPUTABLE[0]))
    data["client"]["schoenmaat"] = 39
    del data["woning"]["woonvorm"]
    body = assert_error(client.post("/api/v1/indicatie", json=data), 422, client)
    problems = {p["veld"]: p["melding"] for p in body["problemen"]}
    assert problems["client.schoenmaat"] == "onbekend veld"
    assert problems["woning.woonvorm"] == "ontbreekt"
    expected = cli.invoke(app, ["bereken", "-", "--formaat", "json"], input=json.dumps(data))
    assert json.loads(expected.stderr)["problemen"] == body["problemen"]  # the CLI's problems


def test_bad_value_says_what_is_allowed(client: httpx.Client) -> None:
    data = json.loads(as_json(COMPUTABLE[0]))
    data["woning"]["woonvorm"] = "kasteel"
    body = assert_error(client.post("/api/v1/indicatie", json=data), 422, client)
    problem = next(p for p in body["problemen"] if p["veld"] == "woning.woonvorm")
    assert problem["toegestaan"] and "zelfstandig" in problem["toegestaan"]


def test_huge_body_is_413_with_and_without_length(client: httpx.Client, server: Server) -> None:
    huge = b'{"kenmerk": "' + b"x" * 70_000 + b'"}'
    body = assert_error(client.post("/api/v1/indicatie", content=huge), 413, client)
    assert "65.536 bytes" in body["fout"]

    def chunks() -> Iterator[bytes]:
        for _ in range(70):
            yield b"x" * 1000

    streamed = client.post("/api/v1/indicatie", content=chunks())  # chunked, no Content-Length
    assert_error(streamed, 413, client)


def test_wrong_media_type_is_415(client: httpx.Client) -> None:
    body = assert_error(client.post("/api/v1/indicatie", content=b"a,b",
                                    headers={"content-type": "text/csv"}), 415, client)
    assert "text/csv" in body["fout"]


def test_norm_sets_only_by_id(client: httpx.Client) -> None:
    path = COMPUTABLE[0]
    unknown = client.post("/api/v1/indicatie", params={"normen": "geen-idee"}, content=as_json(path))
    assert_error(unknown, 404, client)
    for spec in ("../../etc/passwd", "norms/protocol-hbh/2015-01-01.yaml", "/dev/zero"):
        body = assert_error(client.post("/api/v1/indicatie", params={"normen": spec},
                                        content=as_json(path)), 422, client)
        assert "leest geen bestanden" in body["fout"]
    no_version = client.post("/api/v1/indicatie", params={"normen": "utrecht@2001-01-01"},
                             content=as_json(path))
    assert "Geen versie" in assert_error(no_version, 422, client)["fout"]
    from_case = {**json.loads(as_json(path)), "normen": "geen-idee"}
    body = assert_error(client.post("/api/v1/indicatie", json=from_case), 404, client)
    assert body["fout"].startswith("Fout in de casus (verzoek), veld 'normen': Normenset 'geen-idee'")


def test_bad_query_parameters_are_422_in_dutch(client: httpx.Client) -> None:
    path = COMPUTABLE[0]
    body = assert_error(client.post("/api/v1/iwmo", params={"looptijd": "abc"},
                                    content=as_json(path)), 422, client)
    assert body["problemen"] == [{"veld": "looptijd", "melding": "moet een geheel getal zijn",
                                  "toegestaan": None}]
    body = assert_error(client.post("/api/v1/iwmo", params={"looptijd": "500"},
                                    content=as_json(path)), 422, client)
    assert body["problemen"][0]["toegestaan"] == "<= 120"
    body = assert_error(client.post("/api/v1/indicatie", params={"peildatum": "gisteren"},
                                    content=as_json(path)), 422, client)
    assert body["problemen"][0]["veld"] == "peildatum"


def test_overload_gives_503_in_dutch_never_a_crash() -> None:
    running = start("--max-wachtrij", "1")
    try:
        path = COMPUTABLE[0]
        text = as_json(path)
        params = [("normen", n) for n in ("protocol-hbh", "hhm-ho", "kpmg-hbel", "ciz-blokken")]

        def post(_: int) -> tuple[int, str, str | None]:
            connection = http.client.HTTPConnection("127.0.0.1", running.port, timeout=60)
            query = "&".join(f"{k}={v}" for k, v in params)
            connection.request("POST", f"/api/v1/indicatie?{query}", body=text,
                               headers={"content-type": "application/json"})
            response = connection.getresponse()
            result = (response.status, response.read().decode("utf-8"),
                      response.getheader("retry-after"))
            connection.close()
            return result

        with ThreadPoolExecutor(max_workers=16) as pool:
            results = list(pool.map(post, range(48)))
        statuses = {status for status, _, _ in results}
        assert statuses <= {200, 503}, statuses
        for status, body, retry in results:
            if status == 503:
                assert json.loads(body)["fout"].startswith("De service is overbelast")
                assert retry == "1"
        assert 200 in statuses
        assert httpx.get(f"{running.url}/gezond").status_code == 200  # still serving
    finally:
        code, err = running.stop()
    assert code == 0 and "Traceback" not in err


def test_jobs_refuse_beyond_the_limit() -> None:
    """The queue limit itself, deterministically: one job runs, one waits, the third is refused."""
    import threading

    import anyio

    from hbh_indicatie.service.app import Jobs
    from hbh_indicatie.service.errors import RequestError

    release = threading.Event()
    started = threading.Event()
    outcomes: list[object] = []

    def blocking() -> str:
        started.set()
        release.wait(10)
        return "klaar"

    async def scenario() -> None:
        jobs = Jobs(limit=2)
        async with anyio.create_task_group() as group:
            async def run_one() -> None:
                outcomes.append(await jobs.run(blocking))

            group.start_soon(run_one)
            group.start_soon(run_one)
            await anyio.to_thread.run_sync(started.wait)
            while jobs.pending < 2:
                await anyio.sleep(0.01)
            with pytest.raises(RequestError) as refused:
                await jobs.run(blocking)
            assert refused.value.status == 503 and refused.value.headers == {"Retry-After": "1"}
            release.set()
        assert outcomes == ["klaar", "klaar"]
        assert jobs.pending == 0

    anyio.run(scenario)


def test_environment_is_not_needed_for_an_in_process_app() -> None:
    """create_app with an explicit config works in-process too (embedding in another ASGI app)."""
    from fastapi.testclient import TestClient

    from hbh_indicatie.service.app import ServiceConfig, create_app

    assert "HBH_NORMENMAP" not in os.environ
    with TestClient(create_app(ServiceConfig(max_invoer=2048))) as local:
        assert local.post("/api/v1/indicatie", content=b"x" * 4096).status_code == 413
        assert local.get("/gezond").json()["status"] == "ok"
