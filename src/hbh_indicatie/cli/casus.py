"""``hbh casus``: help for consultants writing case files (template, check)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hbh_indicatie.cli import dutch_help
from hbh_indicatie.cli.common import NormFolder, Overwrite, emit, no_overwrite, user_errors

app = typer.Typer(help="Casusbestanden: sjabloon en controle.", no_args_is_help=True,
                  rich_markup_mode=None, cls=dutch_help.Group,
                  options_metavar=dutch_help.OPTIONS_METAVAR,
                  subcommand_metavar=dutch_help.SUBCOMMAND_METAVAR)

TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "casus-sjabloon.yaml"


@app.command("sjabloon", cls=dutch_help.Command)
def sjabloon(
    uitvoer: Annotated[Path | None, typer.Option("--uitvoer", "-o", metavar="BESTAND",
                                                 help="Schrijf naar dit bestand.")
                       ] = None,
    overschrijf: Overwrite = False,
) -> None:
    """Schrijf een ingevuld en toegelicht casussjabloon (YAML) om aan te passen."""
    no_overwrite(uitvoer, overschrijf)
    emit(TEMPLATE.read_text(encoding="utf-8"), uitvoer)


@app.command("controleer", cls=dutch_help.Command)
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
    from hbh_indicatie.loading.norm_sets import load_folder, resolve_for_case, shipped_norms_dir

    with user_errors():
        every = load_folder(shipped_norms_dir())
        if normenmap is not None:
            every += load_folder(normenmap)
        for path in casussen:
            case = api.load_case(path)
            spec = normen or case.norm_set
            if spec is None:
                check = api.check_case(case, None, str(path), every)
                typer.echo(f"In orde: {path} (kenmerk {case.key}); niet tegen een normenset "
                           "gecontroleerd: geef --normen of 'normen' in de casus. Wel per "
                           "meegeleverde normenset:")
                _per_set(check)
                continue
            norms = (api.load_norms(spec, case.reference_date, normenmap) if normen
                     else resolve_for_case(spec, case.reference_date, normenmap, str(path)))
            check = api.check_case(case, norms, str(path), every)
            note = f" Let op bij het berekenen: {check.let_op}" if check.let_op else ""
            typer.echo(f"In orde: {path} (kenmerk {case.key}); past bij normenset "
                       f"{check.normen_id} {check.normen_versie}.{note}")
            if check.onbekende_feiten:
                typer.echo("Voorlopig: de indicatie wordt voorlopig zolang deze feiten onbekend "
                           f"zijn: {', '.join(check.onbekende_feiten)}.")
            if check.omzetten:
                typer.echo(f"Oude vorm: {check.omzetten}")
            _per_set(check)


OUTCOME_WORDS = {
    "berekenbaar": "te berekenen",
    "cijfer_onbekend": "niet te berekenen: cijfer onbekend",
    "gegevens": "niet te berekenen: gegevens ontbreken of kloppen niet",
    "regelconflict": "niet te berekenen: regels spreken elkaar tegen",
    "geen_versie": "niet te berekenen: geen versie geldig",
}


def _per_set(check: object) -> None:
    """Under which norm sets the case can be computed, and why not (one line per set)."""
    from hbh_indicatie.api import CaseCheck

    assert isinstance(check, CaseCheck)
    if not check.onder_normensets:
        return
    typer.echo("Onder de normensets:")
    for item in check.onder_normensets:
        version = f" {item.normen_versie}" if item.normen_versie else ""
        if len(item.punten) > 1:  # one missing fact per line, not one long line
            typer.echo(f"  {item.normen_id}{version}: {OUTCOME_WORDS[item.uitkomst]}:")
            for point in item.punten:
                typer.echo(f"    - {point}")
            continue
        why = f" — {item.reden}" if item.reden else ""
        typer.echo(f"  {item.normen_id}{version}: {OUTCOME_WORDS[item.uitkomst]}{why}")


@app.command("zetom", cls=dutch_help.Command)
def zetom(
    casus: Annotated[Path, typer.Argument(metavar="CASUS", help="Het casusbestand.")],
    uitvoer: Annotated[Path | None, typer.Option("--uitvoer", "-o", metavar="BESTAND",
                                                 help="Schrijf naar dit bestand.")] = None,
    normen: Annotated[
        str | None,
        typer.Option("--normen", "-n", metavar="NORMENSET",
                     help="De normenset waarvan de casus de onderdelen noemt. Standaard: "
                          "'normen' uit de casus."),
    ] = None,
    normenmap: NormFolder = None,
    overschrijf: Overwrite = False,
) -> None:
    """Zet een oude casus om naar de woordenlijst van activiteiten (norms/activiteiten.yaml).

    Een casus die onderdelen van één normenset noemt (zoals 'schoon_en_leefbaar_huis' van
    hhm-ho) krijgt daarvoor alle activiteiten die dat onderdeel omvat; dan is de casus onder
    elke normenset te berekenen. Toeslag-ids blijven staan. Nogmaals omzetten verandert niets.
    """
    from hbh_indicatie import api
    from hbh_indicatie.loading.norm_sets import resolve_for_case
    from hbh_indicatie.vocabulary.convert import case_yaml, to_vocabulary
    from hbh_indicatie.vocabulary.load import vocabulary

    no_overwrite(uitvoer, overschrijf)
    with user_errors():
        case = api.load_case(casus)
        spec = normen or case.norm_set or "protocol-hbh"
        norms = (api.load_norms(spec, case.reference_date, normenmap) if normen
                 else resolve_for_case(spec, case.reference_date, normenmap, str(casus)))
        converted, done = to_vocabulary(case, norms.norms, vocabulary())
        for item in done:
            typer.echo(f"Omgezet: {item.text()}", err=True)
        if not done:
            typer.echo(f"Niets om te zetten: {casus} noemt alleen activiteiten uit de woordenlijst "
                       "(en toeslagen).", err=True)
        emit(case_yaml(converted, f"Omgezet naar de woordenlijst van activiteiten met normenset "
                                  f"'{norms.norms.id}' (hbh casus zetom {casus.name})."), uitvoer)
