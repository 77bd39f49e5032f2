"""Every error of the service as JSON in Dutch (``Fout``): the same problems per field as the
CLI shows, the right status code, never a stack trace.

One shape for every answer that is not 2xx (:func:`document`): ``fout`` is one line (what went
wrong, for a log or a message box), ``problemen`` is never empty and holds every problem with
its ``veld`` ('' for the request as a whole), ``melding`` and, where known, ``toegestaan``. An
error whose text was written for the terminal (a headline and "  - veld: melding" lines, such
as an iWmo refusal) is taken apart into those problems here, in one place, for every route.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from hbh_indicatie.errors import (
    HbhError,
    InputError,
    Problem,
    UnknownNormSet,
    error_document,
    one_line,
)
from hbh_indicatie.loading.validation import problems_from_errors

log = logging.getLogger("hbh_indicatie.service")

INTERNAL = ("Interne fout in hbh-indicatie. Dit is een fout in het programma, niet in uw "
            "verzoek; meld het aan de beheerder.")


class RequestError(HbhError):
    """A request the service refuses (size, media type, load, an unknown address or a
    parameter), with the problem it names: ``problem.field`` is the parameter or header."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None,
                 *problems: Problem) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers
        self.problems = list(problems) or [Problem("", message)]


class UnreadableBody(InputError):
    """A body that is no JSON (or YAML) at all: 400, not 422."""


def status_of(exc: HbhError) -> int:
    if isinstance(exc, RequestError):
        return exc.status
    if isinstance(exc, UnreadableBody):
        return 400
    if isinstance(exc, UnknownNormSet):
        return 404
    return 422  # the case (InputError, RuleConflict) or a figure it needs (NormNotApplicable)


def about(exc: HbhError, field: str, context: str = "") -> RequestError:
    """``exc`` (same status) as a problem of one request field: ``context`` goes before the
    message in ``fout`` ('Fout in de casus (verzoek), veld 'normen': ...'), not in ``melding``."""
    return RequestError(status_of(exc), f"{context}{exc.message}", None,
                        Problem(field, one_line(exc.message)))


document = error_document
"""The ``Fout`` of an error: a one-line ``fout`` and at least one problem (the CLI's
``--formaat json`` writes the same, ``errors.error_document``)."""


def error_response(exc: HbhError) -> JSONResponse:
    headers = exc.headers if isinstance(exc, RequestError) else None
    return JSONResponse(document(exc), status_code=status_of(exc), headers=headers)


def _http_error(exc: HTTPException) -> RequestError:
    headers = dict(exc.headers) if exc.headers else None
    if exc.status_code == 404:
        return RequestError(404, "Dit adres bestaat niet. Zie /docs voor de adressen van de API.",
                            None, Problem("adres", "bestaat niet", "de adressen in /docs"))
    if exc.status_code == 405:
        allowed = {k.lower(): v for k, v in (headers or {}).items()}.get("allow")
        return RequestError(405, "Deze methode is op dit adres niet toegestaan (zie /docs).",
                            headers, Problem("methode", "niet toegestaan op dit adres", allowed))
    return RequestError(exc.status_code, str(exc.detail), headers)


def query_names(request: Request) -> list[str]:
    """The query parameters of the route ``request`` went to (those of a query model too)."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    names: list[str] = []
    for param in getattr(dependant, "query_params", ()):
        model = param.field_info.annotation
        if isinstance(model, type) and issubclass(model, BaseModel):
            names += [field.alias or name for name, field in model.model_fields.items()]
        else:
            names.append(param.alias)
    return names


def _parameter_problems(request: Request, exc: RequestValidationError) -> list[Problem]:
    """FastAPI's errors for query and path parameters as problems; an unknown query parameter
    lists the ones the route has (a misspelt parameter is then one look away)."""
    unknown = {problems_from_errors([error], skip=1)[0].field for error in exc.errors()
               if error["type"] == "extra_forbidden" and tuple(error["loc"])[:1] == ("query",)}
    return [Problem(p.field, "onbekende parameter", ", ".join(query_names(request)) or None)
            if p.field in unknown else p for p in problems_from_errors(exc.errors(), skip=1)]


def install(app: FastAPI) -> None:
    async def hbh_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HbhError)
        return error_response(exc)

    async def request_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        problems = _parameter_problems(request, exc)
        where = ", ".join(p.field for p in problems if p.field) or "onbekend"
        return error_response(RequestError(422, f"Ongeldige parameter(s): {where}.", None,
                                           *problems))

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        return error_response(_http_error(exc))

    async def internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("Interne fout bij %s %s", request.method, request.url.path)
        return JSONResponse(document(HbhError(INTERNAL)), status_code=500)

    app.add_exception_handler(HbhError, hbh_error)
    app.add_exception_handler(RequestValidationError, request_validation)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, internal)

