"""The workplace on the HTTP service: the form at ``/`` and its few actions.

Plain HTML forms (everything works without JavaScript); ``werkplek.js`` sends each change
over one WebSocket (``/werkplek/live``: only the fields that changed) or, without one, posts the
form to ``/werkplek/bereken``, and replaces only the indication beside the form. Handlers read
the form, call :mod:`hbh_indicatie.api` through :mod:`hbh_indicatie.werkplek.uitkomst` and
render templates; they never compute.
"""

from __future__ import annotations

import json
import time
from fractions import Fraction
from functools import cache, lru_cache, partial
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import orjson
import yaml
from fastapi import APIRouter, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from hbh_indicatie import api
from hbh_indicatie.errors import HbhError, InputError
from hbh_indicatie.render.besluit import datum, getal
from hbh_indicatie.render.words import hours_text
from hbh_indicatie.service.errors import RequestError
from hbh_indicatie.werkplek import formulier, teksten, uitkomst
from hbh_indicatie.werkplek.formulier import COUNT, FormData
from hbh_indicatie.werkplek.velden import Field, case_fields

if TYPE_CHECKING:
    from hbh_indicatie.service.app import Jobs
    from hbh_indicatie.service.catalog import NormCatalog

STATIC = {"werkplek.js": "text/javascript; charset=utf-8", "werkplek.css": "text/css; charset=utf-8"}
ACTION = "__actie"
BASELINE = "__basis"
SIDE = "__naast"


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("hbh_indicatie.werkplek", "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html.j2",), default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    # Babel formats a number in ~10 µs and the panel shows some forty on each change: the
    # few distinct values (minutes, dates) are remembered
    env.filters.update(datum=lru_cache(maxsize=4096)(datum), getal=_number, uren=hours_text, id=_id)
    env.globals.update(teksten=teksten, computed={**formulier.COMPUTED_WHEN,
                                                  **formulier.CASE_COMPUTED_WHEN})
    env.filters["prefixed"] = lambda text, prefix: prefix + str(text)
    env.tests["startswith"] = lambda value, prefix: str(value).startswith(prefix)
    env.filters["truncate_id"] = lambda rest: str(rest).split(".", 1)[0]
    return env


@lru_cache(maxsize=4096)
def _rounded(tenths: float) -> str:
    return getal(Fraction(tenths))


def _number(value: Fraction | int) -> str:
    return _rounded(round(float(value), 1))


def _id(name: str) -> str:
    return "v-" + name.replace(".", "-")


@cache
def static_file(name: str) -> bytes:
    return resources.files("hbh_indicatie.werkplek").joinpath("static", name).read_bytes()


def sections(fields: tuple[Field, ...]) -> list[tuple[str, str, list[Field]]]:
    """The form's sections in the order of the keukentafelgesprek; a field no section names
    goes to 'Overige feiten'."""
    index = {f.path: f for f in _all(fields)}
    placed: set[str] = set()
    result = []
    for key, title, paths in teksten.SECTIONS:
        chosen = [index[p] for p in paths if p in index]
        placed.update(p for p in paths if p in index)
        result.append((key, title, chosen))
    rest = _unplaced(fields, placed)
    if rest:
        result.append((*teksten.OTHER_SECTION, rest))
    return result


def _all(fields: tuple[Field, ...]) -> list[Field]:
    found: list[Field] = []
    for f in fields:
        found.append(f)
        if f.kind == "groep":
            found += _all(f.children)
    return found


def _unplaced(fields: tuple[Field, ...], placed: set[str]) -> list[Field]:
    """Fields neither placed nor inside a placed field (a group partly placed is opened)."""
    rest: list[Field] = []
    for f in fields:
        if f.path in placed:
            continue
        inside = any(p.startswith(f.path + ".") for p in placed)
        if inside and f.kind == "groep":
            rest += _unplaced(f.children, placed)
        elif not inside:
            rest.append(f)
    return rest


def _page_values(data: dict[str, Any], form: FormData | None) -> dict[str, Any]:
    values = formulier.field_values(data)
    if form is not None:  # keep what the form said that the case dict cannot (empty rows)
        for name in form.names():
            if name.endswith(COUNT):
                values[name] = form.get(name)
    return values


def router(catalog: NormCatalog, jobs: Jobs) -> APIRouter:
    routes = APIRouter(include_in_schema=False)

    def page(data: dict[str, Any], form: FormData | None = None, message: str | None = None,
             baseline: str = "", side: tuple[str, ...] = ()) -> str:
        view = uitkomst.norm_view(catalog, data)
        values = _page_values(data, form)
        values["__nvt"] = set(formulier.not_applicable(data))
        result = uitkomst.compute(view, data, catalog, side, baseline)
        keys = {f.name: list(dict.fromkeys([*formulier.list_keys(data, f.name),
                                            *(view.aids if f.name == "hulpmiddelen" else
                                              view.provisions)]))
                for f in case_fields() if f.kind == "sleutellijst"}
        return environment().get_template("werkplek.html.j2").render(
            sections=sections(case_fields()), values=values, view=view, result=result,
            keys=keys, message=message, baseline=baseline, side=side,
            remarks={r.name: r.text for r in result.remarks})

    def panel(form: FormData, start: float) -> dict[str, Any]:
        """The indication beside the form for the fields in ``form``; ``start``: when the
        change arrived (``verwerking_ms``: from then until the answer is ready to send)."""
        begun = time.perf_counter()
        hidden: list[str] = []
        data = formulier.decode(form, hidden)
        view = uitkomst.norm_view(catalog, data)
        read = time.perf_counter()
        result = uitkomst.compute(view, data, catalog, tuple(form.getlist(SIDE)),
                                  form.get(BASELINE))
        computed = time.perf_counter()
        html = environment().get_template("_uitkomst.html.j2").render(result=result, view=view)
        done = time.perf_counter()
        return {"uitkomst": html, "opmerkingen": {r.name: r.text for r in result.remarks},
                "niet_van_toepassing": hidden,
                "totaal": result.indication.totaal_minuten_per_week if result.indication else None,
                "rekentijd_ms": result.compute_ms,
                "verwerking_ms": (done - start) * 1000,
                # where the server's time went (ms): to the worker thread, form fields to case
                # dict, check and compute, render the panel
                "server_fasen": {"naar_thread": (begun - start) * 1000,
                                 "velden": (read - begun) * 1000,
                                 "controleren_rekenen": (computed - read) * 1000,
                                 "weergeven": (done - computed) * 1000}}

    async def form_of(request: Request) -> FormData:
        posted = await request.form()
        return FormData((k, v) for k, v in posted.multi_items() if isinstance(v, str))

    @routes.get("/", response_class=HTMLResponse)
    async def start() -> HTMLResponse:
        data = {"normen": uitkomst.DEFAULT_NORMS}
        return HTMLResponse(await jobs.run(lambda: page(data)))

    @routes.post("/", response_class=HTMLResponse)
    async def submitted(request: Request) -> HTMLResponse:
        """The form without JavaScript (or a change of shape): compute, add or remove a row,
        keep this situation for 'wat als'."""
        form = await form_of(request)
        action = form.get(ACTION)
        data = formulier.decode(form)
        baseline = form.get(BASELINE)
        if action.startswith("erbij:"):
            name = action.removeprefix("erbij:")
            count = form.get(f"{name}.{COUNT}")
            form.values[f"{name}.{COUNT}"] = [str(int(count) + 1 if count.isdigit() else 1)]
        elif action.startswith("weg:"):
            name, _, position = action.removeprefix("weg:").rpartition(".")
            if position.isdigit():  # also a row of a list in a row (huisgenoten.0.afwezigheid.1)
                formulier.remove_row(form, name, int(position))
                data = formulier.decode(form)
        elif action == "basis":
            baseline = json.dumps(data, ensure_ascii=False)
        elif action == "geen_basis":
            baseline = ""
        side = tuple(form.getlist(SIDE))
        return HTMLResponse(await jobs.run(lambda: page(data, form, None, baseline, side)))

    @routes.post("/werkplek/bereken")
    async def live(request: Request) -> JSONResponse:
        """One change: check and compute, and the rendered indication beside the form."""
        start = time.perf_counter()
        form = await form_of(request)
        return JSONResponse(await jobs.run(lambda: panel(form, start)))

    @routes.websocket("/werkplek/live")
    async def live_socket(socket: WebSocket) -> None:
        """The same as ``/werkplek/bereken`` over one connection that stays open: the page
        sends ``{"n": 7, "velden": {name: [values]}}`` with only the fields that changed since
        its last message (``"alles": true``: the whole form) and gets the answer with the same
        ``n``. ``{"n": 7}`` alone is answered at once without computing (to measure the
        connection itself). Only from the workplace's own page: another site open in the same
        browser is refused (a WebSocket is not bound by the same-origin rule)."""
        origin = socket.headers.get("origin")
        if origin is not None and urlsplit(origin).netloc != socket.headers.get("host"):
            await socket.close(code=1008)
            return
        await socket.accept()
        form = FormData(())
        try:
            while True:
                text = await socket.receive_text()
                start = time.perf_counter()
                try:
                    message = orjson.loads(text)
                    fields = message.get("velden")
                    number = message.get("n")
                except (orjson.JSONDecodeError, AttributeError):
                    await socket.send_text('{"fout": "geen bericht van de werkplek"}')
                    continue
                if not isinstance(fields, dict):
                    await socket.send_text(orjson.dumps({"n": number}).decode())
                    continue
                if message.get("alles"):
                    form = FormData(())
                form.update(fields)
                try:
                    answer = await jobs.run(partial(panel, form, start))
                except RequestError as exc:
                    answer = {"fout": exc.message}
                answer["n"] = number
                await socket.send_text(orjson.dumps(answer).decode())
        except WebSocketDisconnect:
            return

    @routes.post("/werkplek/opslaan")
    async def save(request: Request, formaat: str = "yaml") -> Response:
        """The case as the file the CLI reads (YAML or JSON), also when it is not finished."""
        form = await form_of(request)
        data = formulier.decode(form)

        def work() -> str:
            try:
                content = formulier.canonical(api.case_from_dict(dict(data), uitkomst.ORIGIN))
            except HbhError:
                content = data  # not finished: as far as filled in
            if formaat == "json":
                return json.dumps(content, ensure_ascii=False, indent=2) + "\n"
            return yaml.safe_dump(content, allow_unicode=True, sort_keys=False)

        text = await jobs.run(work)
        key = str(data.get("kenmerk") or "casus")
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in key)
        extension = "json" if formaat == "json" else "yaml"
        return Response(text.encode("utf-8"), media_type="application/json" if extension == "json"
                        else "application/yaml",
                        headers={"Content-Disposition": f'attachment; filename="{safe}.{extension}"'})

    @routes.post("/werkplek/openen", response_class=HTMLResponse)
    async def open_file(request: Request) -> HTMLResponse:
        """An existing case file (YAML or JSON) in the form, to finish or change."""
        posted = await request.form()
        upload = posted.get("bestand")
        raw = await upload.read() if upload is not None and not isinstance(upload, str) else b""

        def work() -> str:
            from hbh_indicatie.loading.yaml_io import parse_text

            try:
                parsed = parse_text(raw.decode("utf-8-sig"), "bestand", "casus")
            except (InputError, UnicodeDecodeError) as exc:
                text = exc.message if isinstance(exc, InputError) else "geen UTF-8-tekst"
                return page({"normen": uitkomst.DEFAULT_NORMS},
                            message=f"Dit bestand is niet te openen: {text}")
            if not isinstance(parsed, dict):
                return page({"normen": uitkomst.DEFAULT_NORMS},
                            message="Dit bestand is geen casus (geen verzameling velden).")
            try:
                data = formulier.canonical(api.case_from_dict(parsed, "bestand"))
            except HbhError:
                # half a case: open what there is (rows that are complete read as the case
                # model reads them: old forms converted), the form shows the rest
                data = formulier.converted_rows(parsed)
            return page(data, message="Casus geopend.")

        return HTMLResponse(await jobs.run(work))

    @routes.post("/werkplek/besluit")
    async def document(request: Request, formaat: str = "pdf") -> Response:
        """The besluittekst with bijlage for the case in the form (PDF or Word)."""
        from hbh_indicatie.service.besluit import MEDIA

        form = await form_of(request)
        data = formulier.decode(form)
        chosen = formaat if formaat in ("pdf", "docx", "html") else "pdf"

        def work() -> bytes | str:
            view = uitkomst.norm_view(catalog, data)
            try:
                case = api.case_from_dict(dict(data), uitkomst.ORIGIN)
                indication = api.compute(case, view.loaded, uitkomst.ORIGIN)
            except HbhError:
                return page(data, form, "Het besluit kan nog niet worden gemaakt: de casus is niet "
                            "compleet. Zie 'Nog in te vullen' naast het formulier.",
                            form.get(BASELINE), tuple(form.getlist(SIDE)))
            return api.render_besluit(indication, view.loaded, chosen)

        body = await jobs.run(work)
        if isinstance(body, str):
            return HTMLResponse(body, status_code=422)
        key = "".join(c if c.isalnum() or c in "-_" else "_" for c in str(data.get("kenmerk")))
        return Response(body, media_type=MEDIA[chosen], headers={
            "Content-Disposition": f'attachment; filename="besluit-{key}.{chosen}"'})

    @routes.get("/werkplek/static/{name}")
    def static(name: str) -> Response:
        if name not in STATIC:
            return Response(status_code=404)
        return Response(static_file(name), media_type=STATIC[name],
                        headers={"Cache-Control": "no-cache"})

    return routes
