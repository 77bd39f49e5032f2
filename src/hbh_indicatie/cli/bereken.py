"""``hbh bereken``: one case in, an explained indication out."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hbh_indicatie.cli.common import NormFolder, emit, emit_bytes, fail, not_an_input, user_errors
from hbh_indicatie.cli.start import end_of_startup

if TYPE_CHECKING:
    from hbh_indicatie.iwmo.builder import IwmoSettings
    from hbh_indicatie.iwmo.message_data import BerichtGegevens
    from hbh_indicatie.models.case import Case
    from hbh_indicatie.models.indication import Indication
    from hbh_indicatie.models.loaded_norms import LoadedNorms
    from hbh_indicatie.models.norm_set import NormSet


class Format(StrEnum):
    TABLE = "tabel"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    TASKS = "taakverdeling"
    IWMO = "iwmo"
    IWMO_XML = "iwmo-xml"
    IWMO_BERICHT = "iwmo-bericht"
    PDF = "pdf"
    DOCX = "docx"
    BESLUIT = "besluit"
    AFSPRAKEN = "afspraken"
    AFSPRAKEN_PDF = "afspraken-pdf"


DOCUMENT_FORMATS = {Format.PDF: "pdf", Format.DOCX: "docx", Format.BESLUIT: "html"}
"""The besluittekst with the onderbouwing as bijlage (besluit: the same as HTML)."""


IWMO_FORMATS = (Format.IWMO, Format.IWMO_XML, Format.IWMO_BERICHT)


class Unit(StrEnum):
    AUTO = "auto"
    MINUTE = "minuut"


def _date_option(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option}: '{value}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2027-03-01.") \
            from None


def bereken(
    casus: Annotated[Path, typer.Argument(metavar="CASUS",
                                          help="Casusbestand (YAML of JSON), of '-' voor de "
                                               "standaardinvoer.")],
    normen: Annotated[
        list[str] | None,
        typer.Option("--normen", "-n", metavar="NORMENSET",
                     help="Normenset: bestand, ID of ID@JJJJ-MM-DD. Standaard: 'normen' uit de "
                          "casus. Meerdere keren: indicaties naast elkaar."),
    ] = None,
    formaat: Annotated[
        Format,
        typer.Option("--formaat", "-f", metavar="FORMAAT",
                     help="Uitvoer: tabel, json, markdown of html (onderbouwing voor bij de "
                          "beschikking), pdf of docx (besluittekst van één pagina aan de cliënt met "
                          "de onderbouwing als bijlage; besluit: hetzelfde als HTML), afspraken of "
                          "afspraken-pdf (afsprakenoverzicht: wie doet wat, hoe vaak, wanneer we "
                          "er opnieuw naar kijken), taakverdeling, "
                          "iwmo (JSON), iwmo-xml "
                          "(ToegewezenProducten-fragment) of iwmo-bericht (volledig WMO301-bericht, "
                          "met --bericht)."),
    ] = Format.TABLE,
    uitvoer: Annotated[
        Path | None, typer.Option("--uitvoer", "-o", metavar="BESTAND", help="Schrijf naar dit bestand.")
    ] = None,
    normenmap: NormFolder = None,
    productcode: Annotated[
        str | None,
        typer.Option("--productcode", metavar="CODE",
                     help="iWmo: productcode (1-5 tekens) uit de productcodelijst van de gemeente. "
                          "Standaard 01A04 (HH 1 inspanningsgericht, landelijke lijst 2016)."),
    ] = None,
    einddatum: Annotated[
        str | None,
        typer.Option("--einddatum", metavar="DATUM",
                     help="iWmo: laatste dag van de toewijzing (JJJJ-MM-DD); nodig als de indicatie "
                          "geen einddatum heeft (CD076)."),
    ] = None,
    looptijd: Annotated[
        int | None,
        typer.Option("--looptijd", min=1, max=120, metavar="MAANDEN",
                     help="iWmo: looptijd van de toewijzing in maanden (in plaats van --einddatum)."),
    ] = None,
    eenheid: Annotated[
        Unit,
        typer.Option("--eenheid", metavar="EENHEID",
                     help="iWmo: 'auto' (hele uren als Eenheid 04 als dat exact kan, anders minuten) "
                          "of 'minuut' (altijd Eenheid 01)."),
    ] = Unit.AUTO,
    toewijzingnummer: Annotated[
        int | None,
        typer.Option("--toewijzingnummer", min=0, max=999_999_999, metavar="NUMMER",
                     help="iWmo: ToewijzingNummer uit het zaaksysteem (uniek per gemeente); bij "
                          "meer periodes krijgt elke volgende periode het volgende nummer. "
                          "Verplicht voor iwmo-xml en iwmo-bericht."),
    ] = None,
    toewijzingsdatum: Annotated[
        str | None,
        typer.Option("--toewijzingsdatum", metavar="DATUM",
                     help="iWmo: datum waarop de gemeente de toewijzing vaststelde (JJJJ-MM-DD, "
                          "IV013). Verplicht voor iwmo-xml en iwmo-bericht."),
    ] = None,
    toewijzingstijd: Annotated[
        str | None,
        typer.Option("--toewijzingstijd", metavar="TIJD",
                     help="iWmo: tijdstip van dat besluit (UU:MM of UU:MM:SS, zonder tijdzone). "
                          "Verplicht voor iwmo-xml en iwmo-bericht."),
    ] = None,
    bericht: Annotated[
        Path | None,
        typer.Option("--bericht", metavar="BESTAND",
                     help="iWmo: berichtgegevens (YAML of JSON: afzender, ontvanger, "
                          "berichtidentificatie, client) voor --formaat iwmo-bericht; voorbeeld: "
                          "examples/iwmo-bericht.yaml."),
    ] = None,
) -> None:
    """Bereken de indicatie (uren per week) voor één casus, met onderbouwing.

    CASUS '-' leest de casus (YAML of JSON) van de standaardinvoer. Met --formaat json gaan
    ook fouten als JSON naar stderr ({"fout": ..., "problemen": [...]})."""
    from hbh_indicatie import api
    from hbh_indicatie.errors import HbhError
    from hbh_indicatie.loading.norm_sets import resolve_for_case

    from_stdin = str(casus) == "-"
    if formaat in (Format.PDF, Format.DOCX, Format.AFSPRAKEN_PDF) and uitvoer is None:
        import sys

        if sys.stdout.isatty():
            example = ("afspraken.pdf" if formaat is Format.AFSPRAKEN_PDF
                       else f"besluit.{formaat.value}")
            raise fail(f"--formaat {formaat.value} maakt een bestand; geef bijvoorbeeld --uitvoer "
                       f"{example}.")
    not_an_input(uitvoer, "--uitvoer", *(() if from_stdin else (casus,)), bericht, *(normen or ()))
    iwmo_wanted = formaat in IWMO_FORMATS
    if (formaat is Format.IWMO_BERICHT) != (bericht is not None):
        raise fail("--formaat iwmo-bericht heeft --bericht BESTAND nodig (header- en cliëntgegevens, "
                   "zie examples/iwmo-bericht.yaml)." if bericht is None else
                   f"--bericht hoort bij --formaat iwmo-bericht, niet bij '{formaat.value}'.")
    with user_errors(as_json=formaat is Format.JSON):
        settings = None
        gegevens = None
        if iwmo_wanted:
            from hbh_indicatie.iwmo.builder import CLI_OPTIONS, settings_from
            from hbh_indicatie.iwmo.codes import PRODUCTCODE_STANDAARD

            settings = settings_from(
                "de opties", CLI_OPTIONS, productcode=productcode or PRODUCTCODE_STANDAARD,
                einddatum=_date_option(einddatum, "--einddatum"), looptijd_maanden=looptijd,
                eenheid=eenheid.value, toewijzingnummer=toewijzingnummer,
                toewijzingsdatum=_date_option(toewijzingsdatum, "--toewijzingsdatum"),
                toewijzingstijd=toewijzingstijd,  # text: checked as the service does
            )
        if bericht is not None:
            gegevens = api.load_berichtgegevens(bericht)
        origin = "<standaardinvoer>" if from_stdin else str(casus)
        case = (api.case_from_text(_stdin_text(), origin) if from_stdin
                else api.load_case(casus))
        specs = normen or ([case.norm_set] if case.norm_set else [])
        if not specs:
            where = "de casus" if from_stdin else str(casus)
            raise HbhError(
                f"Geen normenset: {where} noemt geen 'normen' en --normen ontbreekt. "
                "Gebruik bijvoorbeeld --normen protocol-hbh."
            )
        loaded = ([api.load_norms(spec, case.reference_date, normenmap) for spec in specs] if normen
                  else [resolve_for_case(specs[0], case.reference_date, normenmap, origin)])
        if len(loaded) > 1:
            if formaat not in (Format.TABLE, Format.JSON):
                raise HbhError(f"Met meerdere normensets kan de uitvoer alleen 'tabel' of 'json' "
                               f"zijn, niet '{formaat.value}'. Geef één --normen voor formaat "
                               f"{formaat.value}.")
            each = api.compute_side_by_side(case, loaded, origin, _own(case, normenmap))
            end_of_startup()
            emit(api.render_side_by_side_json(each) if formaat is Format.JSON
                 else api.render_side_by_side_text(each), uitvoer)
            if api.none_computed(each):  # as with one set that cannot
                raise HbhError("Geen van de normensets kan deze casus berekenen (zie hierboven).")
            return
        result = api.compute(case, loaded[0], origin, own=_own(case, normenmap))
        end_of_startup()  # models and engine are loaded: the garbage collector may run again
        if settings is not None:
            emit(_iwmo(case, result, settings, formaat, gegevens), uitvoer)
            return
    _show(result, loaded[0], formaat, uitvoer)


def _stdin_text() -> str:
    import sys

    from hbh_indicatie.errors import HbhError

    if sys.stdin is None or sys.stdin.isatty():
        raise HbhError("CASUS '-' leest de casus van de standaardinvoer, maar daar staat niets; "
                       "gebruik bijvoorbeeld: cat casus.yaml | hbh bereken -")
    try:
        text = sys.stdin.buffer.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HbhError("De casus op de standaardinvoer is geen UTF-8-tekst.") from None
    if not text.strip():
        raise HbhError("CASUS '-': op de standaardinvoer staat geen casus (de invoer is leeg).")
    return text


def _iwmo(case: Case, indication: Indication, settings: IwmoSettings, formaat: Format,
          gegevens: BerichtGegevens | None) -> str:
    from hbh_indicatie import api
    from hbh_indicatie.iwmo import builder

    # the settings were checked before computing; the rest is the API's (options named)
    export = builder.build(indication, settings, case.delivery, builder.CLI_OPTIONS)
    if gegevens is not None:  # only with --formaat iwmo-bericht (checked in bereken)
        text = api.render_iwmo_bericht(export, gegevens, builder.CLI_OPTIONS)
    else:
        text = api.render_iwmo(export, formaat is Format.IWMO_XML, builder.CLI_OPTIONS)
    for warning in export.waarschuwingen:
        typer.echo(f"Waarschuwing: {warning}", err=True)
    return text


def _show(indication: Indication, loaded: LoadedNorms, formaat: Format, uitvoer: Path | None) -> None:
    from hbh_indicatie import api

    if formaat in (Format.AFSPRAKEN, Format.AFSPRAKEN_PDF):
        emit_bytes(api.render_afspraken(
            indication, "pdf" if formaat is Format.AFSPRAKEN_PDF else "html"), uitvoer)
    elif formaat in DOCUMENT_FORMATS:
        emit_bytes(api.render_besluit(indication, loaded, DOCUMENT_FORMATS[formaat]), uitvoer)
    elif formaat is Format.JSON:
        emit(api.render_json(indication), uitvoer)
    elif formaat is Format.MARKDOWN:
        emit(api.render_markdown(indication, loaded), uitvoer)
    elif formaat is Format.HTML:
        emit(api.render_html(indication, loaded), uitvoer)
    elif formaat is Format.TASKS:
        emit(api.render_taakverdeling(indication), uitvoer)
    elif uitvoer is not None:
        emit(api.render_text(indication), uitvoer)
    else:
        from hbh_indicatie.render import terminal

        terminal.show(indication)


def _own(case: Case, normenmap: Path | None) -> NormSet | None:
    """The set an old case names itself, to convert its items when --normen chose another
    set; None for a case on the vocabulary (nothing to convert)."""
    from hbh_indicatie.loading.norm_sets import resolve_for_case
    from hbh_indicatie.vocabulary.convert import legacy_names

    if case.norm_set is None or not legacy_names(case):
        return None
    return resolve_for_case(case.norm_set, case.reference_date, normenmap, "casus").norms
