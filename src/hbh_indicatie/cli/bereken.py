"""``hbh bereken``: one case in, an explained indication out."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hbh_indicatie.cli.common import emit, fail, user_errors


class Format(StrEnum):
    TABLE = "tabel"
    JSON = "json"


def bereken(
    casus: Annotated[Path, typer.Argument(help="Casusbestand (YAML of JSON).")],
    normen: Annotated[
        list[str] | None,
        typer.Option("--normen", "-n",
                     help="Normenset: bestand, ID of ID@JJJJ-MM-DD. Standaard: 'normen' uit de "
                          "casus. Meerdere keren: indicaties naast elkaar."),
    ] = None,
    formaat: Annotated[Format, typer.Option("--formaat", "-f", help="Uitvoer: tabel of json.")
                       ] = Format.TABLE,
    uitvoer: Annotated[
        Path | None, typer.Option("--uitvoer", "-o", help="Schrijf naar dit bestand.")
    ] = None,
    normenmap: Annotated[
        Path | None, typer.Option("--normenmap", help="Extra map met normensets.")
    ] = None,
) -> None:
    """Bereken de indicatie (uren per week) voor één casus, met onderbouwing."""
    from hbh_indicatie.engine import compute
    from hbh_indicatie.loading.cases import load_case
    from hbh_indicatie.loading.norms import resolve

    with user_errors():
        case = load_case(casus)
        specs = normen or ([case.norm_set] if case.norm_set else [])
        if not specs:
            raise fail(
                f"Geen normenset: {casus} noemt geen 'normen' en --normen ontbreekt. "
                "Gebruik bijvoorbeeld --normen protocol-hbh."
            )
        results = [compute(case, resolve(spec, case.reference_date, normenmap), str(casus))
                   for spec in specs]
    if len(results) > 1:
        from hbh_indicatie.render import vergelijking

        text = (vergelijking.render_json(results) if formaat is Format.JSON
                else vergelijking.render(results))
        emit(text, uitvoer)
        return
    indication = results[0]
    if formaat is Format.JSON:
        from hbh_indicatie.render import json_out

        emit(json_out.render(indication), uitvoer)
    elif uitvoer is not None:
        from hbh_indicatie.render import terminal

        emit(terminal.render(indication), uitvoer)
    else:
        from rich.console import Console

        from hbh_indicatie.render import terminal

        terminal.show(indication, Console(width=max(Console().width, 120)))
