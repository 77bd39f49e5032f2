"""``hbh casus``: help for consultants writing case files (template, check)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hbh_indicatie.cli import hulptekst
from hbh_indicatie.cli.common import Overwrite, emit, no_overwrite, user_errors

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
) -> None:
    """Controleer casusbestanden zonder te rekenen; exitcode 2 bij de eerste fout."""
    from hbh_indicatie.loading.cases import load_case

    with user_errors():
        for path in casussen:
            case = load_case(path)
            typer.echo(f"In orde: {path} (kenmerk {case.key})")
