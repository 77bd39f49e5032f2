"""``hbh casus``: help for consultants writing case files (template, check)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hbh_indicatie.cli import hulptekst
from hbh_indicatie.cli.common import NormFolder, Overwrite, emit, no_overwrite, user_errors

app = typer.Typer(help="Casusbestanden: sjabloon en controle.", no_args_is_help=True,
                  rich_markup_mode=None, cls=hulptekst.Group,
                  options_metavar=hulptekst.OPTIONS_METAVAR,
                  subcommand_metavar=hulptekst.SUBCOMMAND_METAVAR)

TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "casus-sjabloon.yaml"


@app.command("sjabloon", cls=hulptekst.Command)
def sjabloon(
    uitvoer: Annotated[Path | None, typer.Option("--uitvoer", "-o", metavar="BESTAND",
                                                 help="Schrijf naar dit bestand.")
                       ] = None,
    overschrijf: Overwrite = False,
) -> None:
    """Schrijf een ingevuld en toegelicht casussjabloon (YAML) om aan te passen."""
    no_overwrite(uitvoer, overschrijf)
    emit(TEMPLATE.read_text(encoding="utf-8"), uitvoer)


@app.command("controleer", cls=hulptekst.Command)
def controleer(
    casussen: Annotated[list[Path], typer.Argument(metavar="CASUS", help="Een of meer casusbestanden.")],
    normen: Annotated[
        str | None,
        typer.Option("--normen", "-n", metavar="NORMENSET",
                     help="Controleer ook tegen deze normenset (bestand, ID of ID@JJJJ-MM-DD). "
                          "Standaard: 'normen' uit de casus."),
    ] = None,
    normenmap: NormFolder = None,
) -> None:
    """Controleer casusbestanden; exitcode 2 bij de eerste fout.

    Eerst de casus zelf (velden, waarden, samenhang), dan tegen de normenset: noemt de casus
    activiteiten die de set kent, staan de hulpmiddelen en voorzieningen erin waar de set mee
    rekent, en spreken de regels van het protocol elkaar voor deze casus niet tegen?
    """
    from hbh_indicatie import api

    with user_errors():
        for path in casussen:
            case = api.load_case(path)
            spec = normen or case.norm_set
            if spec is None:
                typer.echo(f"In orde: {path} (kenmerk {case.key}); niet tegen een normenset "
                           "gecontroleerd: geef --normen of 'normen' in de casus.")
                continue
            check = api.check_case(case, api.load_norms(spec, case.reference_date, normenmap),
                                   str(path))
            note = f" Let op bij het berekenen: {check.let_op}" if check.let_op else ""
            typer.echo(f"In orde: {path} (kenmerk {case.key}); past bij normenset "
                       f"{check.normen_id} {check.normen_versie}.{note}")
