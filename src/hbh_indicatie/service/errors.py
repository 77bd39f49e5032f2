"""Every error of the service as JSON in Dutch (``Fout``): the same problems per field as the
CLI shows, the right status code, never a stack trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from hbh_indicatie.errors import (
    HbhError,
    InputError,
    Problem,
    UnknownNormSet,
    error_document,
)
from hbh_indicatie.loading.validation import problems_from_errors

log = logging.getLogger("hbh_indicatie.service")


class RequestError(HbhError):
    """A request the service refuses before looking at the case (size, media type, load)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers


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


def error_response(exc: HbhError) -> JSONResponse:
    headers = exc.headers if isinstance(exc, RequestError) else None
    return JSONResponse(error_document(exc), status_code=status_of(exc), headers=headers)


_HTTP_MESSAGES = {
    404: "Dit adres bestaat niet. Zie /docs voor de adressen van de API.",
    405: "Deze methode is op dit adres niet toegestaan (zie /docs).",
}


def install(app: FastAPI) -> None:
    async def hbh_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HbhError)
        return error_response(exc)

    async def request_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        problems = problems_from_errors(exc.errors(), skip=1)
        where = ", ".join(p.field for p in problems)
        error = InputError("<verzoek>", problems or [Problem("", str(exc))], "aanroep")
        error.message = f"Ongeldige parameter(s): {where}."
        document = error_document(error)
        document["fout"] = error.message
        return JSONResponse(document, status_code=422)

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        message = _HTTP_MESSAGES.get(exc.status_code, str(exc.detail))
        return JSONResponse({"fout": message, "problemen": []}, status_code=exc.status_code,
                            headers=exc.headers)

    async def internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("Interne fout bij %s %s", request.method, request.url.path)
        return JSONResponse({"fout": "Interne fout in hbh-indicatie. Dit is een fout in het "
                                     "programma, niet in uw verzoek; meld het aan de beheerder.",
                             "problemen": []}, status_code=500)

    app.add_exception_handler(HbhError, hbh_error)
    app.add_exception_handler(RequestValidationError, request_validation)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, internal)
