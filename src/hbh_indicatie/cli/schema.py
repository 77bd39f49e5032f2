"""``hbh schema``: print the JSON Schema of a case, an indication, a norm set or iWmo output."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hbh_indicatie.cli.common import emit, fail, user_errors


class Kind(StrEnum):
    CASE = "casus"
    CASE_EN = "case"
    INDICATION = "indicatie"
    NORMS = "normen"
    IWMO = "iwmo"
    MESSAGE_DATA = "berichtgegevens"
    COMPARISON = "normvergelijking"
    IMPACT = "impact"
    SIDE_BY_SIDE = "naast_elkaar"
    ALL = "alle"


def schema(
    soort: Annotated[Kind, typer.Argument(
        metavar="SOORT",
        help="casus (of case), indicatie, normen, iwmo, berichtgegevens, normvergelijking, impact, "
             "naast_elkaar, of alle "
             "(schrijft alle schema's naar de map van --uitvoer).")],
    uitvoer: Annotated[
        Path | None,
        typer.Option("--uitvoer", "-o", metavar="BESTAND",
                     help="Schrijf naar dit bestand (bij 'alle': deze map)."),
    ] = None,
) -> None:
    """Toon het JSON Schema (hbh.casus.v1, hbh.indicatie.v1, hbh.normen.v1, hbh.iwmo.v1,
    hbh.berichtgegevens.v1, hbh.normvergelijking.v1, hbh.impact.v1, hbh.naast_elkaar.v1)."""
    from hbh_indicatie.schemas import SCHEMAS, file_name, schema_text

    with user_errors():
        if soort is Kind.ALL:
            if uitvoer is None:
                raise fail("Bij 'hbh schema alle' hoort --uitvoer MAP (bijvoorbeeld docs/schema).")
            for kind in SCHEMAS:
                emit(schema_text(kind), uitvoer / file_name(kind))
            return
        kind = Kind.CASE.value if soort is Kind.CASE_EN else soort.value
        emit(schema_text(kind), uitvoer)
