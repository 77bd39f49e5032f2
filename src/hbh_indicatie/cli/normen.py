"""``hbh normen``: norm sets for auditors and policy officers (list, show, check, compare,
template, import, export to Excel). Output in Dutch; bad input gives exit code 2."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hbh_indicatie.cli import dutch_help
from hbh_indicatie.cli.common import (
    Overwrite,
    emit,
    fail,
    no_overwrite,
    not_an_input,
    user_errors,
)

if TYPE_CHECKING:
    from hbh_indicatie.models.norm_set import NormSet

app = typer.Typer(help="Normensets: overzicht, inhoud, controle, vergelijking, sjabloon, import, "
                       "export naar Excel.",
                  no_args_is_help=True, rich_markup_mode=None, cls=dutch_help.Group,
                  options_metavar=dutch_help.OPTIONS_METAVAR,
                  subcommand_metavar=dutch_help.SUBCOMMAND_METAVAR)

EXIT_FINDINGS = 1

Output = Annotated[Path | None, typer.Option("--uitvoer", "-o", metavar="BESTAND",
                                             help="Schrijf naar dit bestand.")]
Folder = Annotated[Path | None, typer.Option("--map", metavar="MAP", help="Extra map met normensets.")]
When = Annotated[str | None, typer.Option("--datum", metavar="DATUM", help="Versie geldig op JJJJ-MM-DD "
                                                          "(standaard: vandaag).")]


def _date(text: str | None) -> date:
    from hbh_indicatie.errors import HbhError

    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise HbhError(f"Ongeldige datum '{text}': gebruik JJJJ-MM-DD.") from None


@app.command("lijst", cls=dutch_help.Command)
def lijst(map_: Folder = None, uitvoer: Output = None) -> None:
    """Toon de gevonden normensets: id, versie, geldigheid en herkomst van de cijfers.
    Exitcode 1 als een bestand in --map niet te lezen is (de rest wordt wel getoond)."""
    from hbh_indicatie.norm_tools import display
    from hbh_indicatie.norm_tools.overview import find_sets

    with user_errors():
        sets, unreadable = find_sets(map_)
        emit(display.lijst(sets, unreadable), uitvoer)
    if unreadable:
        raise typer.Exit(EXIT_FINDINGS)


@app.command("toon", cls=dutch_help.Command)
def toon(
    normen: Annotated[str, typer.Argument(metavar="NORMENSET",
                                          help="Normenset: bestand, ID of ID@JJJJ-MM-DD.")],
    datum: When = None, map_: Folder = None, uitvoer: Output = None,
) -> None:
    """Toon een normenset per resultaat: hoeveelheid, frequentie, minuten per week, bron."""
    from hbh_indicatie.loading.norm_sets import resolve
    from hbh_indicatie.norm_tools import display
    from hbh_indicatie.norm_tools.overview import overview

    with user_errors():
        not_an_input(uitvoer, "--uitvoer", normen)
        loaded = resolve(normen, _date(datum), map_)
        emit(display.toon(overview(loaded.norms)), uitvoer)


@app.command("controleer", cls=dutch_help.Command)
def controleer(
    bestanden: Annotated[list[Path], typer.Argument(
        metavar="BESTAND", help="Een of meer normenbestanden, of het ID van een normenset (dan "
                                "elke versie daarvan).")],
    uitvoer: Output = None,
    map_: Folder = None,
) -> None:
    """Controleer normenbestanden: schema en consistentie. Exitcode 0 in orde, 1 bevindingen,
    2 onleesbaar."""
    from hbh_indicatie.norm_tools import display
    from hbh_indicatie.norm_tools.checks import check_files

    not_an_input(uitvoer, "--uitvoer", *bestanden)
    with user_errors():
        reports = check_files([f for b in bestanden for f in _files_of(b, map_)])
        emit(display.controle(reports), uitvoer)
    if any(r.unreadable for r in reports):
        raise typer.Exit(2)
    if any(r.findings for r in reports):
        raise typer.Exit(EXIT_FINDINGS)


def _files_of(argument: Path, folder: Path | None) -> list[Path]:
    """A file as given; otherwise an ID (``ID@DATUM`` counts as its ID): the files of every
    version of that set, shipped and in ``folder``. Each file is only read to find its id, so a
    broken file elsewhere in the folder does not hide the set (it is not checked either)."""
    from hbh_indicatie.errors import HbhError
    from hbh_indicatie.loading.norm_sets import norm_files, shipped_norms_dir
    from hbh_indicatie.loading.yaml_io import parse_text, read_text

    if argument.exists() or argument.suffix:
        return [argument]
    set_id = str(argument).partition("@")[0]
    try:
        shipped = shipped_norms_dir() / set_id
    except HbhError:
        shipped = None
    found = norm_files(shipped) if shipped is not None and shipped.is_dir() else []
    for file in norm_files(folder) if folder is not None else []:
        try:
            data = parse_text(read_text(file, "normen"), str(file), "normen")
        except HbhError:
            continue
        if isinstance(data, dict) and data.get("id") == set_id:
            found.append(file)
    if not found:
        raise fail(f"{argument}: geen bestand en geen normenset met dit id (zie 'hbh normen "
                   "lijst'; met --map ook een eigen map).")
    return found


class ComparisonFormat(StrEnum):
    TABLE = "tabel"
    JSON = "json"
    MARKDOWN = "markdown"


@app.command("vergelijk", cls=dutch_help.Command)
def vergelijk(
    a: Annotated[str, typer.Argument(metavar="A", help="Normenset A: bestand, ID of ID@JJJJ-MM-DD.")],
    b: Annotated[str, typer.Argument(metavar="B", help="Normenset B: bestand, ID of ID@JJJJ-MM-DD.")],
    datum: When = None, map_: Folder = None, uitvoer: Output = None,
    formaat: Annotated[
        ComparisonFormat,
        typer.Option("--formaat", "-f", metavar="FORMAAT",
                     help="Uitvoer: tabel, json (hbh.normvergelijking.v1, zie 'hbh schema "
                          "normvergelijking') of markdown (bijvoorbeeld voor een raadsvoorstel)."),
    ] = ComparisonFormat.TABLE,
) -> None:
    """Vergelijk twee normensets per onderdeel en in het effect op referentiehuishoudens."""
    from hbh_indicatie.loading.norm_sets import resolve
    from hbh_indicatie.norm_tools import display
    from hbh_indicatie.norm_tools.compare import compare

    render = {ComparisonFormat.TABLE: display.vergelijking,
              ComparisonFormat.JSON: display.vergelijking_json,
              ComparisonFormat.MARKDOWN: display.vergelijking_markdown}[formaat]
    not_an_input(uitvoer, "--uitvoer", a, b)
    with user_errors():
        on = _date(datum)
        emit(render(compare(resolve(a, on, map_), resolve(b, on, map_))), uitvoer)


@app.command("sjabloon", cls=dutch_help.Command)
def sjabloon(uitvoer: Output = None, overschrijf: Overwrite = False) -> None:
    """Schrijf een toegelicht sjabloon voor een eigen normenset (YAML)."""
    from hbh_indicatie.norm_tools.template import template_text

    no_overwrite(uitvoer, overschrijf)
    with user_errors():
        emit(template_text(), uitvoer)


@app.command("exporteer", cls=dutch_help.Command)
def exporteer(
    normen: Annotated[str, typer.Argument(metavar="NORMENSET",
                                          help="Normenset: bestand, ID of ID@JJJJ-MM-DD.")],
    uitvoer: Annotated[Path, typer.Option("--uitvoer", "-o", metavar="BESTAND.xlsx",
                                          help="Excel-werkboek om te schrijven.")],
    datum: When = None, map_: Folder = None,
) -> None:
    """Schrijf een normenset als Excel-werkboek: per blad activiteiten (met minuten per
    huishoudgrootte en vervanging door hulpmiddel of voorziening), toeslagen, leeftijdsgroepen,
    bronnen en instellingen, met de herkomst per cijfer. 'hbh normen importeer' leest het terug."""
    from hbh_indicatie.fileio import write_all
    from hbh_indicatie.loading.norm_sets import resolve
    from hbh_indicatie.norm_tools.workbook import export

    if uitvoer.suffix.lower() != ".xlsx":
        raise fail(f"--uitvoer {uitvoer}: kies een bestand dat eindigt op .xlsx (Excel-werkboek).")
    not_an_input(uitvoer, "--uitvoer", normen)
    with user_errors():
        loaded = resolve(normen, _date(datum), map_)
        write_all({uitvoer: export(loaded.norms)})
    typer.echo(f"Geschreven: {uitvoer}", err=True)


@app.command("importeer", cls=dutch_help.Command)
def importeer(
    bestand: Annotated[Path, typer.Argument(
        metavar="BESTAND", help="Excel-werkboek (.xlsx, zoals 'hbh normen exporteer' het maakt) "
                                "of CSV-export (één rij per onderdeel).")],
    id_: Annotated[str | None, typer.Option("--id", metavar="ID",
                                            help="Id van de normenset (CSV: verplicht).")] = None,
    titel: Annotated[str | None, typer.Option("--titel", metavar="TITEL",
                                              help="Titel van de normenset (CSV: verplicht).")] = None,
    geldig_van: Annotated[str | None, typer.Option("--geldig-van", metavar="DATUM",
                                                   help="Ingangsdatum JJJJ-MM-DD (CSV: verplicht).")] = None,
    gemeente: Annotated[str | None, typer.Option("--gemeente", metavar="NAAM", help="Gemeente.")] = None,
    versie: Annotated[str | None, typer.Option("--versie", metavar="VERSIE",
                                               help="Versie (CSV: standaard 1).")] = None,
    uitvoer: Output = None,
    map_: Annotated[Path | None, typer.Option(
        "--map", "--normenmap", metavar="MAP",
        help="Extra map met normensets: ook daarmee wordt vergeleken.")] = None,
) -> None:
    """Zet een Excel-werkboek of CSV-export om in een gecontroleerde normenset (YAML); meldt
    elke foute cel of rij met blad, rij, kolom en wat is toegestaan (exitcode 2, niets
    geschreven).

    Werkboek: de bladen van 'hbh normen exporteer' (het blad 'uitleg' zegt per kolom wat mag);
    --id, --titel, --geldig-van, --gemeente en --versie vervangen dan de waarde uit het blad
    'instellingen'. Heeft de set het id en de versie van een meegeleverde set (of een set in
    --map) maar andere cijfers, dan volgt een waarschuwing: geef hem met --id of --versie een
    eigen naam, anders zijn de twee in een impactrapport of beschikking niet te onderscheiden.
    CSV: één rij per onderdeel, scheidingsteken ; of ,; UTF-8 of Windows-1252.
    Verplichte kolommen: id, label, categorie, eenheid, keer, per, uitstelbaar, status (bij een
    toeslag ook voorwaarde en paragraaf). Verder: soort, hoeveelheid, hoeveelheid_vanaf_N (per
    huishoudgrootte vanaf N personen), vervangbaar_door, bron, vindplaats, toelichting,
    bron_titel, bron_adres, per_kind_van, per_kind_tot, voorwaarde, vermenigvuldiging,
    maximum_minuten_per_week, activiteit, paragraaf (zie docs/normen.md).
    """
    not_an_input(uitvoer, "--uitvoer", bestand)
    if bestand.suffix.lower() in (".xlsx", ".xlsm"):
        _import_workbook(bestand, uitvoer, {"id": id_, "titel": titel, "geldig_van": geldig_van,
                                            "gemeente": gemeente, "versie": versie}, map_)
        return
    from hbh_indicatie.loading.yaml_io import read_export
    from hbh_indicatie.norm_tools.table_import import Header, convert

    missing = [name for name, value in (("--id", id_), ("--titel", titel),
                                        ("--geldig-van", geldig_van)) if value is None]
    if missing:
        raise fail(f"{bestand}: een CSV-import vraagt {', '.join(missing)} (een werkboek .xlsx "
                   "heeft die gegevens zelf).")
    assert id_ is not None and titel is not None
    with user_errors():
        header = Header(id_, titel, gemeente, versie or "1", _date(geldig_van))
        result = convert(read_export(bestand, "CSV-"), str(bestand), header)
        if result.text is not None:
            emit(result.text, uitvoer)
            if result.norms is not None:
                _warn_namesake(result.norms, bestand, uitvoer, map_)
            if result.to_fill_in:
                typer.echo("Nog in te vullen (staat als 'VUL IN' in de set; 'hbh normen "
                           "controleer' meldt het tot het is ingevuld): "
                           + "; ".join(result.to_fill_in) + ".", err=True)
            return
    typer.echo(f"{bestand}: {len(result.findings)} foute rij(en) of kolom(men); niets "
               "geschreven.", err=True)
    for finding in result.findings:
        typer.echo(f"  - {finding.item}: [{finding.rule}] {finding.message}", err=True)
    raise typer.Exit(EXIT_BAD_IMPORT)


EXIT_BAD_IMPORT = 2


def _warn_namesake(norms: NormSet, source: Path, output: Path | None,
                   folder: Path | None) -> None:
    """Warn (stderr, exit 0) when the imported set has the id and version of an existing set
    but other contents (``norm_tools.namesake``)."""
    from hbh_indicatie.errors import HbhError
    from hbh_indicatie.loading.norm_sets import shipped_norms_dir, versions_of
    from hbh_indicatie.norm_tools.namesake import warning

    try:
        existing = versions_of(norms.id, folder)
    except HbhError as exc:
        typer.echo(f"Niet vergeleken met de bestaande normensets: {exc}", err=True)
        return
    text = warning(norms, existing, source, output, shipped_norms_dir())
    if text is not None:
        typer.echo(text, err=True)


def _import_workbook(path: Path, output: Path | None, given: dict[str, str | None],
                     folder: Path | None) -> None:
    from hbh_indicatie.norm_tools.workbook import read, to_yaml

    overrides: dict[str, object] = {k: v for k, v in given.items() if v is not None}
    with user_errors():
        if "geldig_van" in overrides:
            overrides["geldig_van"] = _date(str(overrides["geldig_van"]))
        result = read(path.read_bytes(), overrides)
        if result.norms is not None:
            emit(to_yaml(result.norms, path.name), output)
            _warn_namesake(result.norms, path, output, folder)
            return
    typer.echo(f"{path}: {len(result.problems)} fout(en); niets geschreven.", err=True)
    for problem in result.problems:
        typer.echo(f"  - {problem.render()}", err=True)
    raise typer.Exit(EXIT_BAD_IMPORT)
