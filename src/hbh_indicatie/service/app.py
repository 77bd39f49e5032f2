"""The HTTP API (``/api/v1/...``): requests in, the same documents as the CLI out.

Handlers only read the request, call :mod:`hbh_indicatie.api` and wrap its text in a
response; they never compute. One case at a time per process runs in a worker thread, so the
event loop keeps accepting requests and can refuse them (503) when too many wait.
"""

from __future__ import annotations

import gc
import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ClassVar, TypeVar

import anyio
from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, ConfigDict, Field
from starlette.types import ASGIApp, Receive, Scope, Send

from hbh_indicatie import api
from hbh_indicatie.errors import HbhError, InputError, Problem, RuleConflict
from hbh_indicatie.iwmo.builder import IwmoSettings
from hbh_indicatie.iwmo.models import IwmoExport, Tijd
from hbh_indicatie.loading.norm_sets import in_force
from hbh_indicatie.loading.yaml_io import parse_json, parse_text
from hbh_indicatie.models.case import Case
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.models.norm_set import FigureStatus
from hbh_indicatie.norm_tools.side_by_side import NotComputed
from hbh_indicatie.schemas import SCHEMAS
from hbh_indicatie.service import errors, openapi
from hbh_indicatie.service.catalog import Entry, NormCatalog
from hbh_indicatie.service.errors import RequestError, UnreadableBody, about, error_response
from hbh_indicatie.service.models import (
    Controle,
    Fout,
    GeladenNormenset,
    Gezondheid,
    NormensetDetail,
    NormensetLijst,
    NormensetVersie,
    OnderNormenset,
    Probleem,
)
from hbh_indicatie.version import ENGINE_VERSION, __version__

T = TypeVar("T")

WARM_MODULES = ("hbh_indicatie.engine", "hbh_indicatie.render.json_out",
                "hbh_indicatie.render.onderbouwing", "hbh_indicatie.render.vergelijking",
                "hbh_indicatie.norm_tools.side_by_side", "hbh_indicatie.iwmo.builder",
                "hbh_indicatie.iwmo.render", "hbh_indicatie.iwmo.message")

ORIGIN = "<verzoek>"
"""How a request's case is named in error messages ('Fout in de casus (verzoek)')."""

JSON_TYPES = ("application/json", "text/json")
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")


@dataclass(frozen=True)
class ServiceConfig:
    """Settings of one service process; passed to worker processes through the environment."""

    normenmap: Path | None = None
    max_invoer: int = 1_048_576
    """Largest request body in bytes (413 above it)."""
    max_wachtrij: int = 64
    """Requests that may wait for a computation in one process (503 above it)."""

    ENV: ClassVar[dict[str, str]] = {"normenmap": "HBH_NORMENMAP", "max_invoer": "HBH_MAX_INVOER",
                                     "max_wachtrij": "HBH_MAX_WACHTRIJ"}

    @classmethod
    def from_env(cls) -> ServiceConfig:
        folder = os.environ.get(cls.ENV["normenmap"])
        return cls(normenmap=Path(folder) if folder else None,
                   max_invoer=int(os.environ.get(cls.ENV["max_invoer"], cls.max_invoer)),
                   max_wachtrij=int(os.environ.get(cls.ENV["max_wachtrij"], cls.max_wachtrij)))

    def to_env(self) -> dict[str, str]:
        env = {self.ENV["max_invoer"]: str(self.max_invoer),
               self.ENV["max_wachtrij"]: str(self.max_wachtrij)}
        if self.normenmap is not None:
            env[self.ENV["normenmap"]] = str(self.normenmap)
        return env


class Jobs:
    """One computation at a time in a worker thread; at most ``limit`` waiting."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.pending = 0
        self._limiter: anyio.CapacityLimiter | None = None

    def overloaded(self) -> RequestError:
        return RequestError(503, f"De service is overbelast: er wachten al {self.pending} "
                                 "verzoeken. Probeer het over een seconde opnieuw.",
                            {"Retry-After": "1"})

    async def run(self, work: Callable[[], T]) -> T:
        if self.pending >= self.limit:
            raise self.overloaded()
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(1)
        self.pending += 1
        try:
            return await anyio.to_thread.run_sync(work, limiter=self._limiter)
        finally:
            self.pending -= 1


class Admission:
    """ASGI middleware: a POST to the API while ``jobs`` is full gets its 503 before the body is
    read or a route runs, so refusing costs the overloaded process next to nothing."""

    def __init__(self, app: ASGIApp, jobs: Jobs) -> None:
        self.app, self.jobs = app, jobs

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] == "http" and scope["method"] == "POST"
                and self.jobs.pending >= self.jobs.limit):
            await error_response(self.jobs.overloaded())(scope, receive, send)
            return
        await self.app(scope, receive, send)


class OnderbouwingFormaat(StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"
    TAAKVERDELING = "taakverdeling"


class IwmoFormaat(StrEnum):
    JSON = "json"
    XML = "xml"


class Eenheid(StrEnum):
    AUTO = "auto"
    MINUUT = "minuut"


class IwmoQuery(BaseModel):
    """The query parameters of the iWmo routes (``hbh bereken --formaat iwmo`` options)."""

    model_config = ConfigDict(extra="forbid")

    normen: str | None = Field(None, description="Normenset als ID of ID@JJJJ-MM-DD (standaard: "
                                                 "'normen' uit de casus)")
    peildatum: date | None = Field(None, description="Peildatum in plaats van die in de casus")
    productcode: str | None = Field(None, description="Productcode (1-5 tekens); standaard 01A04")
    einddatum: date | None = Field(None, description="Laatste dag van de toewijzing")
    looptijd: int | None = Field(None, ge=1, le=120,
                                 description="Looptijd in maanden (in plaats van einddatum)")
    eenheid: Eenheid = Field(Eenheid.AUTO, description="'auto' (hele uren als dat exact kan) of "
                                                       "'minuut'")
    toewijzingnummer: int | None = Field(None, ge=0, le=999_999_999,
                                         description="ToewijzingNummer van de eerste periode")
    toewijzingsdatum: date | None = Field(None, description="Datum van het besluit (IV013)")
    toewijzingstijd: Tijd | None = Field(
        None, description="Tijdstip van het besluit (IV013): de Nederlandse kloktijd zonder "
                          "tijdzone, UU:MM of UU:MM:SS (14:05 of 14:05:00); Z of +01:00 wordt "
                          "geweigerd")

    NOT_SETTINGS: ClassVar[frozenset[str]] = frozenset({"normen", "peildatum", "formaat"})
    """The parameters that are no :class:`IwmoSettings` field; every other one is."""
    SETTING_OF: ClassVar[dict[str, str]] = {"looptijd": "looptijd_maanden"}
    """Parameter -> IwmoSettings field where the two names differ (the parameter has the name
    of the CLI option, --looptijd)."""

    def settings(self) -> dict[str, Any]:
        """The IwmoSettings values of these parameters (unset ones left to its defaults); a
        parameter renamed without :attr:`SETTING_OF` is refused there as an unknown field."""
        return {self.SETTING_OF.get(name, name): value.value if isinstance(value, StrEnum)
                else value for name, value in self if name not in self.NOT_SETTINGS
                and value is not None}

    @classmethod
    def names(cls) -> dict[str, str]:
        """How a caller of the service gives each IwmoSettings field ('looptijd='), for the
        messages that say which one is missing: derived from these parameters, so they cannot
        name one the service does not have."""
        names = {cls.SETTING_OF.get(name, name): f"{name}=" for name in cls.model_fields
                 if name not in cls.NOT_SETTINGS}
        assert set(names) <= set(IwmoSettings.model_fields), names
        return names


class IwmoFragmentQuery(IwmoQuery):
    formaat: IwmoFormaat | None = Field(None, description="json of xml (standaard: de Accept-header)")


NormenParam = Annotated[list[str] | None, Query(
    description="Normenset als ID of ID@JJJJ-MM-DD (standaard: 'normen' uit de casus). "
                "Meerdere keren (alleen bij /indicatie): de casus onder elke set naast elkaar.")]
EenNormParam = Annotated[str | None, Query(
    description="Normenset als ID of ID@JJJJ-MM-DD (standaard: 'normen' uit de casus).")]
PeildatumParam = Annotated[date | None, Query(
    description="Peildatum (JJJJ-MM-DD) in plaats van die in de casus.")]


async def read_body(request: Request, limit: int) -> tuple[str, bool]:
    """The body as text and whether it must be JSON (else YAML, which reads JSON too)."""
    kind = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    json_only = kind in JSON_TYPES or kind.endswith("+json") or kind == ""
    if not json_only and kind not in YAML_TYPES:
        raise RequestError(415, f"Content-Type '{kind}' wordt niet ondersteund; stuur de casus als "
                                "application/json (of application/yaml).", None,
                           Problem("Content-Type", f"'{kind}' wordt niet ondersteund",
                                   ", ".join(JSON_TYPES + YAML_TYPES)))
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise RequestError(413, _too_large(limit), None, _too_large_problem(limit))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise RequestError(413, _too_large(limit), None, _too_large_problem(limit))
        chunks.append(chunk)
    try:
        return b"".join(chunks).decode("utf-8-sig"), json_only
    except UnicodeDecodeError:
        raise UnreadableBody(ORIGIN, [Problem("", "de invoer is geen UTF-8-tekst")], "casus") \
            from None


def _too_large_problem(limit: int) -> Problem:
    return Problem("", "de body is te groot", f"hoogstens {limit:,} bytes".replace(",", "."))


def _too_large(limit: int) -> str:
    return (f"De invoer is groter dan {limit:,} bytes (de grens van deze service); een casus is "
            "normaal enkele kilobytes.").replace(",", ".")


def parsed(text: str, json_only: bool) -> Any:
    if not text.strip():
        raise UnreadableBody(ORIGIN, [Problem("", "het verzoek bevat geen casus (lege invoer)")],
                             "casus")
    try:
        return parse_json(text, ORIGIN, "casus") if json_only else parse_text(text, ORIGIN, "casus")
    except InputError as exc:
        raise UnreadableBody(exc.path, exc.problems, exc.kind) from None


def prefixed(exc: InputError, prefix: str) -> InputError:
    """The same problems with their fields inside a request envelope ('casus.client...')."""
    return InputError(exc.path, [Problem(f"{prefix}{p.field}".rstrip("."), p.message, p.allowed)
                                 for p in exc.problems], exc.kind)


BODY_NOT_FIELDS = "de JSON-body moet een object met velden zijn ({...})"
"""A body (or a part of the envelope) that is a list, text or a number: an HTTP answer talks
about the body, not about 'het bestand' as the CLI does."""

KIND_OF_VALUE = {list: "lijst", str: "tekst", int: "getal", float: "getal",
                 bool: "true/false-waarde", type(None): "null"}


def not_an_object(data: Any, field: str = "", allowed: str | None = None) -> Problem:
    what = KIND_OF_VALUE.get(type(data), "losse waarde")
    if field:
        return Problem(field, f"moet een object met velden zijn ({{...}}), geen {what}", allowed)
    return Problem("", f"{BODY_NOT_FIELDS}, geen {what}", allowed)


def case_of_data(data: Any, peildatum: date | None, prefix: str = "") -> Case:
    if not isinstance(data, dict):
        raise InputError(ORIGIN, [not_an_object(data, prefix.rstrip("."),
                                                "de velden van een casus (schema hbh.casus.v1)")],
                         "casus")
    if peildatum is not None:
        data = {**data, "peildatum": peildatum.isoformat()}
    try:
        return api.case_from_dict(data, ORIGIN)
    except InputError as exc:
        raise prefixed(exc, prefix) if prefix else exc from None


def case_of(text: str, json_only: bool, peildatum: date | None) -> Case:
    return case_of_data(parsed(text, json_only), peildatum)


def envelope_of(text: str, json_only: bool, keys: tuple[str, ...]) -> dict[str, Any]:
    data = parsed(text, json_only)
    if not isinstance(data, dict):
        raise InputError(ORIGIN, [not_an_object(data, "", "een object met de velden "
                                                + ", ".join(keys))], "verzoek")
    problems = [Problem(k, "ontbreekt") for k in keys if k not in data]
    problems += [Problem(k, "onbekend veld", ", ".join(keys)) for k in data if k not in keys]
    if problems:
        raise InputError(ORIGIN, problems, "verzoek")
    return data


def norm_sets(catalog: NormCatalog, case: Case, specs: list[str] | None,
              prefix: str = "") -> list[LoadedNorms]:
    """The norm sets a request asks for: the parameter ``normen`` (one or more), else the case's
    own field ``normen`` (``prefix``: where the case sits in the body, 'casus.'); an error names
    which of the two it is about."""
    if specs:
        try:
            return [catalog.resolve(spec, case.reference_date) for spec in specs]
        except HbhError as exc:
            raise about(exc, "normen") from None
    if not case.norm_set:
        raise RequestError(422, "Geen normenset: de casus noemt geen 'normen' en de parameter "
                                "'normen' ontbreekt; gebruik bijvoorbeeld ?normen=protocol-hbh.",
                           None, Problem("normen", "ontbreekt, in de casus en als parameter",
                                         "een normenset-ID (zie /api/v1/normen), bijvoorbeeld "
                                         "protocol-hbh"))
    try:  # the case's own 'normen': say so, as the CLI names the case file and the field
        return [catalog.resolve(case.norm_set, case.reference_date)]
    except HbhError as exc:
        raise about(exc, f"{prefix}normen",
                    f"Fout in de casus (verzoek), veld '{prefix}normen': ") from None


def _version_record(entry: Entry) -> NormensetVersie:
    norms = entry.loaded.norms
    status = [p.status for _, p in norms.provenances()]
    return NormensetVersie(
        id=norms.id, versie=norms.version, titel=norms.title, geldig_van=norms.valid_from,
        geldig_tot=norms.valid_to, sha256=entry.loaded.sha256, herkomst=entry.origin,
        cijfers_gepubliceerd=status.count(FigureStatus.PUBLISHED),
        cijfers_voorbeeld=status.count(FigureStatus.EXAMPLE),
        cijfers_onbekend=status.count(FigureStatus.UNKNOWN))


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Fout, "description": "Geen leesbare JSON (of YAML)"},
    404: {"model": Fout, "description": "Onbekende normenset"},
    413: {"model": Fout, "description": "Invoer groter dan de grens (standaard 1 MiB)"},
    415: {"model": Fout, "description": "Content-Type is geen JSON of YAML"},
    422: {"model": Fout, "description": "Ongeldige casus of parameter: per veld wat er mis is"},
    503: {"model": Fout, "description": "Overbelast: te veel wachtende verzoeken (Retry-After)"},
}


def create_app(config: ServiceConfig | None = None) -> FastAPI:
    """The service: norm sets loaded once (shipped plus ``config.normenmap``)."""
    config = config or ServiceConfig.from_env()
    catalog = NormCatalog.load(config.normenmap)
    listing = NormensetLijst(normensets=tuple(_version_record(e) for e in catalog.entries))
    jobs = Jobs(config.max_wachtrij)
    app = FastAPIOffline(
        title="hbh-indicatie", version=__version__,
        description="Uitlegbare indicatie hulp bij het huishouden (Wmo): casus in, indicatie met "
                    "onderbouwing per protocolparagraaf uit. Fouten zijn altijd JSON: "
                    '{"fout": ..., "problemen": [{"veld", "melding", "toegestaan"}]}.',
    )
    errors.install(app)
    app.add_middleware(Admission, jobs=jobs)

    def norms_for(case: Case, specs: list[str] | None, prefix: str = "") -> list[LoadedNorms]:
        return norm_sets(catalog, case, specs, prefix)

    def one_set(case: Case, spec: str | None, prefix: str = "") -> LoadedNorms:
        return norms_for(case, [spec] if spec else None, prefix)[0]

    @app.post("/api/v1/indicatie", tags=["berekenen"], responses=ERRORS,
              openapi_extra=openapi.io("Casus", "Indicatie", alternative="NaastElkaar"))
    async def indicatie(request: Request, normen: NormenParam = None,
                        peildatum: PeildatumParam = None) -> Response:
        """De indicatie met uitleg (hbh.indicatie.v1), byte voor byte gelijk aan `hbh bereken
        --formaat json`. Met meerdere `normen`: de casus naast elkaar (hbh.naast_elkaar.v1)."""
        text, json_only = await read_body(request, config.max_invoer)

        def work() -> str:
            case = case_of(text, json_only, peildatum)
            loaded = norms_for(case, normen)
            if len(loaded) == 1:
                return api.render_json(api.compute(case, loaded[0], ORIGIN))
            results = api.compute_side_by_side(case, loaded, ORIGIN)
            message = api.none_computed(results)
            if message:
                raise RequestError(422, "Geen van de normensets kan deze casus berekenen.", None,
                                   *(Problem("normen", f"{r.norms_id}: {r.reason}")
                                     for r in results if isinstance(r, NotComputed)))
            return api.render_side_by_side_json(results)

        return Response(await jobs.run(work), media_type="application/json")

    @app.post("/api/v1/onderbouwing", tags=["berekenen"], responses=ERRORS,
              response_class=Response, openapi_extra=openapi.io("Casus", None, text=(
                  "text/markdown", "text/html")))
    async def onderbouwing(request: Request, normen: EenNormParam = None,
                           peildatum: PeildatumParam = None,
                           formaat: OnderbouwingFormaat | None = None) -> Response:
        """De onderbouwing voor bij de beschikking: Markdown, HTML (A4) of alleen de
        taakverdeling. Zonder `formaat` beslist de Accept-header (text/html geeft HTML)."""
        text, json_only = await read_body(request, config.max_invoer)
        chosen = formaat or (OnderbouwingFormaat.HTML if "text/html" in request.headers.get(
            "accept", "") else OnderbouwingFormaat.MARKDOWN)

        def work() -> str:
            case = case_of(text, json_only, peildatum)
            loaded = one_set(case, normen)
            result = api.compute(case, loaded, ORIGIN)
            if chosen is OnderbouwingFormaat.HTML:
                return api.render_html(result, loaded)
            if chosen is OnderbouwingFormaat.TAAKVERDELING:
                return api.render_taakverdeling(result)
            return api.render_markdown(result, loaded)

        media = "text/html" if chosen is OnderbouwingFormaat.HTML else "text/markdown"
        return Response(await jobs.run(work), media_type=f"{media}; charset=utf-8")

    def toewijzing(case: Case, query: IwmoQuery, prefix: str = "") -> IwmoExport:
        result = api.compute(case, one_set(case, query.normen, prefix), ORIGIN)
        return api.toewijzing(result, case.delivery, IwmoQuery.names(), case_prefix=prefix,
                              **query.settings())

    @app.post("/api/v1/iwmo", tags=["iwmo"], responses=ERRORS, response_class=Response,
              openapi_extra=openapi.io("Casus", "IwmoExport", text=("application/xml",)))
    async def iwmo(request: Request, query: Annotated[IwmoFragmentQuery, Query()]) -> Response:
        """iWmo 3.2 ToegewezenProduct-fragmenten (hbh.iwmo.v1, of het XML-fragment met
        `formaat=xml` of Accept: application/xml), zoals `hbh bereken --formaat iwmo`. Het XML
        vraagt toewijzingnummer, toewijzingsdatum en toewijzingstijd. Geen toewijzing (422) bij
        pgb, een voorlopige indicatie of 0 minuten."""
        text, json_only = await read_body(request, config.max_invoer)
        xml = query.formaat is IwmoFormaat.XML or (
            query.formaat is None and "xml" in request.headers.get("accept", ""))

        def work() -> str:
            export = toewijzing(case_of(text, json_only, query.peildatum), query)
            return api.render_iwmo(export, xml=xml, names=IwmoQuery.names())

        media = "application/xml" if xml else "application/json"
        return Response(await jobs.run(work), media_type=media)

    @app.post("/api/v1/iwmo/bericht", tags=["iwmo"], responses=ERRORS, response_class=Response,
              openapi_extra=openapi.envelope({"casus": "Casus", "bericht": "BerichtGegevens"},
                                             "application/xml"))
    async def iwmo_bericht(request: Request, query: Annotated[IwmoQuery, Query()]) -> Response:
        """Een compleet WMO301-bericht (iWmo 3.2, XML) zoals `hbh bereken --formaat iwmo-bericht
        --bericht BESTAND`: het verzoek is `{"casus": ..., "bericht": ...}` met de casus en de
        header- en cliëntgegevens (schema hbh.berichtgegevens.v1)."""
        text, json_only = await read_body(request, config.max_invoer)

        def work() -> str:
            parts = envelope_of(text, json_only, ("casus", "bericht"))
            case = case_of_data(parts["casus"], query.peildatum, "casus.")
            try:
                gegevens = api.berichtgegevens_from_dict(parts["bericht"])
            except InputError as exc:
                raise prefixed(exc, "bericht.") from None
            return api.render_iwmo_bericht(toewijzing(case, query, "casus."), gegevens,
                                           IwmoQuery.names())

        return Response(await jobs.run(work), media_type="application/xml")

    @app.post("/api/v1/controleer", tags=["berekenen"], response_model=Controle,
              responses={**ERRORS, 422: {"model": Fout, "description": "Ongeldige parameter"}},
              openapi_extra=openapi.io("Casus", None))
    async def controleer(request: Request, normen: EenNormParam = None,
                         peildatum: PeildatumParam = None) -> Controle:
        """De casus controleren zonder te rekenen (`hbh casus controleer`): velden, waarden,
        samenhang en de normenset. Antwoord 200 met `in_orde` en de problemen per veld."""
        text, json_only = await read_body(request, config.max_invoer)

        def work() -> Controle:
            try:
                case = case_of(text, json_only, peildatum)
                spec = normen or case.norm_set
                check = api.check_case(case, catalog.resolve(spec, case.reference_date)
                                       if spec else None, ORIGIN,
                                       [e.loaded for e in catalog.entries])
            except UnreadableBody:
                raise
            except (InputError, RuleConflict) as exc:
                document = errors.document(exc)
                return Controle(in_orde=False, kenmerk=None, normen_id=None, normen_versie=None,
                                let_op=None, fout=document["fout"], problemen=tuple(
                                    Probleem(**p) for p in document["problemen"]))
            return Controle(in_orde=True, kenmerk=check.kenmerk, normen_id=check.normen_id,
                            normen_versie=check.normen_versie, let_op=check.let_op, fout=None,
                            problemen=(), onder_normensets=tuple(
                                OnderNormenset(normen_id=c.normen_id,
                                               normen_versie=c.normen_versie,
                                               uitkomst=c.uitkomst,
                                               reden=c.reden, punten=c.punten)
                                for c in check.onder_normensets), omzetten=check.omzetten,
                            onbekende_feiten=check.onbekende_feiten)

        return await jobs.run(work)

    @app.get("/api/v1/normen", tags=["normen"], response_model=NormensetLijst)
    def normensets() -> NormensetLijst:
        """Alle normensets van deze service: versie, geldigheid, sha256 en hoeveel cijfers een
        bron hebben, voorbeeld zijn of onbekend."""
        return listing

    @app.get("/api/v1/normen/{normen_id}", tags=["normen"], response_model=NormensetDetail,
             responses={404: ERRORS[404], 422: ERRORS[422]})
    def normenset(normen_id: str, datum: Annotated[date | None, Query(
            description="Alleen de versie die op deze datum geldt")] = None) -> NormensetDetail:
        """Eén normenset: elke versie met alle cijfers, met bron en status per cijfer."""
        entries = [e for e in catalog.entries if e.loaded.norms.id == normen_id]
        try:
            if datum is not None:
                chosen = in_force(normen_id, [e.loaded for e in entries], datum, catalog.ids(),
                                  files=False)
                entries = [e for e in entries if e.loaded is chosen]
            elif not entries:
                in_force(normen_id, [], date.today(), catalog.ids(), files=False)  # the 404
        except HbhError as exc:
            raise about(exc, "normen_id" if not entries else "datum") from None
        return NormensetDetail(
            id=normen_id, versies=tuple(_version_record(e) for e in entries),
            normen=tuple(e.loaded.norms.model_dump(mode="json", by_alias=True) for e in entries))

    @app.get("/api/v1/schema/{soort}", tags=["schema"],
             responses={404: ERRORS[404], 422: ERRORS[422]})
    def schema(soort: str) -> JSONResponse:
        """Het JSON Schema van casus, indicatie, normen, iwmo, normvergelijking, impact of
        naast_elkaar (zoals `hbh schema SOORT`)."""
        if soort not in SCHEMAS:
            raise RequestError(404, f"Onbekend schema '{soort}'; toegestaan: {', '.join(SCHEMAS)}.",
                               None, Problem("soort", f"onbekend schema '{soort}'",
                                             ", ".join(SCHEMAS)))
        return JSONResponse(api.json_schema(soort))

    @app.get("/gezond", tags=["beheer"], response_model=Gezondheid)
    def gezond() -> Gezondheid:
        """Gezondheidscontrole: de engineversie en de geladen normensets met sha256."""
        return Gezondheid(status="ok", engine_versie=ENGINE_VERSION, normensets=tuple(
            GeladenNormenset(id=e.loaded.norms.id, versie=e.loaded.norms.version,
                             sha256=e.loaded.sha256) for e in catalog.entries))

    from hbh_indicatie.service import besluit
    from hbh_indicatie.werkplek import routes as werkplek

    app.include_router(besluit.router(catalog, jobs, config.max_invoer))
    app.include_router(werkplek.router(catalog, jobs))  # the consultant's form at /
    openapi.install(app)
    for module in WARM_MODULES:  # the api imports these lazily (cheap CLI start); a server wants
        importlib.import_module(module)  # them loaded before its first request, and frozen
    # Everything loaded so far (modules, norm sets, routes) lives as long as the process: keep it
    # out of the collector's full passes, which otherwise stall a request for ~50 ms now and then.
    gc.freeze()
    return app
