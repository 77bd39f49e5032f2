"""``POST /api/v1/besluit``: the besluittekst with the onderbouwing as bijlage (PDF, Word, HTML);
``POST /api/v1/afspraken``: the afsprakenoverzicht beside it (PDF, HTML; issue 17).

A router of its own, included by :func:`hbh_indicatie.service.app.create_app` (which imports
this module when it builds the app, so importing the app's helpers here is no cycle); the handler
reads the request and calls :func:`hbh_indicatie.api.render_besluit`, as ``hbh bereken
--formaat pdf|docx`` does.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from hbh_indicatie import api
from hbh_indicatie.models.case import Case
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.service import openapi
from hbh_indicatie.service.app import (
    ERRORS,
    ORIGIN,
    EenNormParam,
    Jobs,
    PeildatumParam,
    case_of,
    norm_sets,
    read_body,
)

if TYPE_CHECKING:
    from hbh_indicatie.service.catalog import NormCatalog

MEDIA = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


class BesluitFormaat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    HTML = "html"


class AfsprakenFormaat(StrEnum):
    PDF = "pdf"
    HTML = "html"


def norms_of(catalog: NormCatalog, case: Case, spec: str | None) -> LoadedNorms:
    return norm_sets(catalog, case, [spec] if spec else None)[0]


def router(catalog: NormCatalog, jobs: Jobs, max_invoer: int) -> APIRouter:
    routes = APIRouter()

    @routes.post("/api/v1/besluit", tags=["berekenen"], responses=ERRORS, response_class=Response,
                 openapi_extra=openapi.io("Casus", None, text=tuple(MEDIA.values())))
    async def besluit(request: Request, normen: EenNormParam = None,
                      peildatum: PeildatumParam = None,
                      formaat: BesluitFormaat = BesluitFormaat.PDF,
                      bijlage: Annotated[bool, Query(
                          description="Met de onderbouwing als bijlage (standaard ja)")] = True,
                      ) -> Response:
        """De besluittekst voor de beschikking: één pagina aan de cliënt ("u", eenvoudig
        Nederlands) met de onderbouwing als bijlage, als PDF (A4), Word (docx) of HTML, zoals
        `hbh bereken --formaat pdf|docx`."""
        text, json_only = await read_body(request, max_invoer)

        def work() -> bytes:
            case = case_of(text, json_only, peildatum)
            loaded = norms_of(catalog, case, normen)
            return api.render_besluit(api.compute(case, loaded, ORIGIN), loaded, formaat.value,
                                      bijlage)

        body = await jobs.run(work)
        headers = {} if formaat is BesluitFormaat.HTML else {
            "Content-Disposition": f'attachment; filename="besluit.{formaat.value}"'}
        return Response(body, media_type=MEDIA[formaat.value], headers=headers)

    @routes.post("/api/v1/afspraken", tags=["berekenen"], responses=ERRORS,
                 response_class=Response,
                 openapi_extra=openapi.io("Casus", None, text=(MEDIA["pdf"], MEDIA["html"])))
    async def afspraken(request: Request, normen: EenNormParam = None,
                        peildatum: PeildatumParam = None,
                        formaat: AfsprakenFormaat = AfsprakenFormaat.PDF) -> Response:
        """Het afsprakenoverzicht naast de besluittekst (issue 17): per huisgenoot en
        netwerklid wat hij of zij doet, hoe vaak, of het houdbaar is en of de indicatie erop
        rekent, en wanneer we er opnieuw naar kijken; PDF (A4) of HTML, zoals `hbh bereken
        --formaat afspraken-pdf|afspraken`."""
        text, json_only = await read_body(request, max_invoer)

        def work() -> bytes:
            case = case_of(text, json_only, peildatum)
            loaded = norms_of(catalog, case, normen)
            return api.render_afspraken(api.compute(case, loaded, ORIGIN), formaat.value)

        body = await jobs.run(work)
        headers = {} if formaat is AfsprakenFormaat.HTML else {
            "Content-Disposition": 'attachment; filename="afspraken.pdf"'}
        return Response(body, media_type=MEDIA[formaat.value], headers=headers)

    return routes
