"""``hbh batch``, ``hbh impact`` and ``hbh genereer``: whole caseloads at once.

The commands are thin: options in, the streaming machinery of :mod:`hbh_indicatie.batch`
does the work, a Dutch summary out. Ctrl-C stops cleanly (no partial output, exit 130), and so
does SIGTERM (``kill``, a job scheduler; exit 143).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from hbh_indicatie.cli.common import (
    NormFolder,
    distinct_outputs,
    fail,
    not_an_input,
    user_errors,
)

if TYPE_CHECKING:
    from hbh_indicatie.batch.runner import Job
    from hbh_indicatie.batch.writer import RowForm
    from hbh_indicatie.fileio import OutputFile, OutputSet

EXIT_SOME_FAILED = 1
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143

Invoer = Annotated[
    Path, typer.Argument(metavar="INVOER",
                         help="Map met casusbestanden, JSON Lines-bestand (.jsonl) of CSV (.csv).")
]
Processen = Annotated[
    int | None,
    typer.Option("--processen", "-p", min=1, metavar="AANTAL",
                 help="Aantal processen (standaard: alle kernen, hooguit 4: zo blijft het "
                      "geheugen onder 300 MB)."),
]
Fouten = Annotated[
    Path | None,
    typer.Option("--fouten", metavar="BESTAND",
                 help="Foutenbestand (JSON Lines). Standaard: UITVOER.fouten.jsonl."),
]
ImpactFouten = Annotated[
    Path | None,
    typer.Option("--fouten", metavar="BESTAND",
                 help="Foutenbestand (JSON Lines). Standaard: naast het eerste van --per-client, "
                      "--rapport, --grafiek (NAAM.fouten.jsonl), anders impact.fouten.jsonl."),
]
Stil = Annotated[bool, typer.Option("--stil", help="Geen voortgangsbalk.")]
Excel = Annotated[bool, typer.Option(
    "--excel", help="CSV voor een Nederlandse Excel: puntkomma, decimale komma, breuken als getal "
                    "met twee decimalen (niet meer exact).")]


def batch(
    invoer: Invoer,
    uitvoer: Annotated[
        Path, typer.Option("--uitvoer", "-o", metavar="BESTAND", help="Uitvoer: .jsonl (JSON Lines) of .csv.")
    ],
    normen: Annotated[
        str | None,
        typer.Option("--normen", "-n", metavar="NORMENSET",
                     help="Normenset: bestand, ID of ID@JJJJ-MM-DD. Standaard: "
                          "'normen' uit elke casus."),
    ] = None,
    normenmap: NormFolder = None,
    fouten: Fouten = None,
    processen: Processen = None,
    stil: Stil = False,
    excel: Excel = False,
) -> None:
    """Bereken een hele caseload: per casus het totaal, per resultaatgebied, perioden en stempel.

    Exitcode 0: alles berekend; 1: een of meer casussen mislukt (zie het foutenbestand);
    2: onbruikbare invoer of normenset; 130: afgebroken met Ctrl-C, 143: gestopt met kill
    (in beide gevallen is er niets geschreven).
    """
    from hbh_indicatie.batch.jobs import BatchJob
    from hbh_indicatie.batch.rows import CSV_COLUMNS, flat
    from hbh_indicatie.batch.writer import RowForm

    job = BatchJob(normen, normenmap)
    errors_path = fouten or _errors_path(uitvoer)
    for option, path in (("--uitvoer", uitvoer), ("--fouten", errors_path)):
        not_an_input(path, option, invoer, normen)
    distinct_outputs(("--uitvoer", uitvoer), ("--fouten", errors_path))
    if excel and uitvoer.suffix.lower() != ".csv":
        raise fail(f"--excel geldt voor CSV-uitvoer; --uitvoer {uitvoer} eindigt niet op .csv.")
    with _interruptible(), _outputs() as outputs:
        out, errors_file = outputs.open(uitvoer), outputs.open(errors_path)
        _report_cleaned(outputs)
        total = _prepare(invoer, job, stil)
        form = RowForm(uitvoer, CSV_COLUMNS, flat, excel, plain=True)
        out.write(form.head())
        counts = _run(invoer, job, _processes(processen), total, stil, errors_file, (out, form))
    _summary(counts, uitvoer, errors_path)


def impact(
    invoer: Invoer,
    van: Annotated[str, typer.Option("--van", metavar="NORMENSET",
                                     help="Huidige normenset (bestand, ID of ID@DATUM).")],
    naar: Annotated[str, typer.Option("--naar", metavar="NORMENSET",
                                      help="Nieuwe normenset (bestand, ID of ID@DATUM).")],
    per_client: Annotated[
        Path | None,
        typer.Option("--per-client", metavar="BESTAND", help="CSV per cliënt: oud, nieuw en verschil."),
    ] = None,
    grafiek: Annotated[
        Path | None,
        typer.Option("--grafiek", metavar="BESTAND",
                     help="Histogram van de verschillen als PNG (vraagt matplotlib)."),
    ] = None,
    rapport: Annotated[
        Path | None,
        typer.Option("--rapport", metavar="BESTAND",
                     help="Schrijf het rapport ook naar een bestand: een notitie voor de raad als "
                          ".md (Markdown, met de grafiek ernaast), .html of .pdf (A4), of de "
                          "gegevens als .json (hbh.impact.v1)."),
    ] = None,
    tarief: Annotated[
        str | None,
        typer.Option("--tarief", metavar="EURO",
                     help="Uurtarief in euro (bijvoorbeeld 32,50): het rapport noemt dan ook "
                          "de kosten per jaar."),
    ] = None,
    klasse: Annotated[
        int | None, typer.Option("--klasse", min=1, metavar="MINUTEN",
                                 help="Breedte van een histogramklasse in min/week. Standaard: "
                                      "passend bij de verschillen (JSON: 15).")
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, metavar="AANTAL",
                                     help="Aantal grootste verliezers/winnaars.")] = 10,
    normenmap: NormFolder = None,
    fouten: ImpactFouten = None,
    processen: Processen = None,
    stil: Stil = False,
    excel: Excel = False,
) -> None:
    """Gevolgen van een normwijziging: herbereken de caseload onder twee normensets en vergelijk.

    Toont hoeveel cliënten erop vooruit en achteruit gaan, het totale en gemiddelde verschil
    (minuten per week, uren per jaar), de verdeling, de grootste verliezers en winnaars en
    welke activiteiten en regels het verschil maken.
    """
    from hbh_indicatie.batch.impact import CLIENT_COLUMNS, Impact, client_row
    from hbh_indicatie.batch.impact_export import JSON_WIDTH, REPORT_SUFFIXES, files, report
    from hbh_indicatie.batch.jobs import ImpactJob
    from hbh_indicatie.batch.reasons import Reasons
    from hbh_indicatie.batch.writer import row_writer

    if grafiek is not None:
        _require_matplotlib()
    if rapport is not None and rapport.suffix.lower() not in REPORT_SUFFIXES:
        raise fail(f"--rapport {rapport}: kies een bestand dat eindigt op .md (Markdown), .html, "
                   ".pdf of .json (JSON, hbh.impact.v1).")
    if rapport is not None and rapport.suffix.lower() == ".pdf":
        _require_pdf()
    rate = _rate(tarief)
    # beside the first output asked for (not in the working directory when only --rapport is given)
    errors_path = fouten or _errors_path(per_client or rapport or grafiek or Path("impact"))
    beside = _chart_beside(rapport, grafiek)
    outputs_given = (("--per-client", per_client), ("--rapport", rapport), ("--grafiek", grafiek),
                     ("--fouten", errors_path), ("grafiek bij --rapport", beside))
    for option, path in outputs_given:
        not_an_input(path, option, invoer, van, naar)
    distinct_outputs(*outputs_given)
    if excel and (per_client is None or per_client.suffix.lower() != ".csv"):
        raise fail("--excel geldt voor de CSV van --per-client; geef --per-client BESTAND.csv.")
    job = ImpactJob(van, naar, normenmap)
    result = Impact(width=klasse or JSON_WIDTH, top=top)
    reasons = Reasons()
    unknown = Reasons()
    with _interruptible(), _outputs() as outputs:
        opened = {path: outputs.open(path, binary=option != "--fouten" and option != "--per-client")
                  for option, path in outputs_given if path is not None}
        _report_cleaned(outputs)
        total = _prepare(invoer, job, stil)
        write = (row_writer(opened[per_client], CLIENT_COLUMNS, excel=excel)
                 if per_client is not None else None)

        def record(row: dict[str, Any]) -> None:
            result.add(row)
            if write is not None:
                write(client_row(row))

        counts = _run(invoer, job, _processes(processen), total, stil, opened[errors_path],
                      on_result=record, on_error=reasons.add, on_unknown=unknown.add)
        from rich.console import Console

        from hbh_indicatie.batch.impact_labels import labels_of, spec_versions
        from hbh_indicatie.batch.impact_memo import build
        from hbh_indicatie.batch.impact_norms import changes_between
        from hbh_indicatie.batch.impact_report import render

        old_sets, new_sets = spec_versions(van, normenmap), spec_versions(naar, normenmap)
        data = report(result, van, naar, str(invoer), counts.failed, str(errors_path),
                      unknown=unknown.most_common())
        data = data.model_copy(update={"normwijzigingen": changes_between(old_sets, new_sets,
                                                                          data)})
        memo = build(result, data, labels_of((old_sets, new_sets)), rate, reasons.most_common(),
                     klasse, unknown.most_common())
        render(memo, Console(width=max(Console().width, 100)))
        written = files(memo, data, rapport, grafiek)
        for path, content in written.items():  # opened before computing; a chart the memo
            (opened.get(path) or outputs.open(path, binary=True)).write(content)  # did not need
        for path in set(opened) - set(written) - {errors_path, per_client}:
            outputs.discard(opened[path])
    for path in written:
        typer.echo(f"Geschreven: {path}", err=True)
    _summary(counts, per_client, errors_path)


def _rate(text: str | None) -> Decimal | None:
    """--tarief as euros: '32,50' or '32.50'; a positive amount (Dutch error, exit 2)."""
    if text is None:
        return None
    try:
        rate = Decimal(text.strip().removeprefix("€").strip().replace(",", "."))
    except InvalidOperation:
        rate = Decimal(0)
    if not rate.is_finite() or rate <= 0 or rate > 10_000:
        raise fail(f"--tarief {text}: geef het uurtarief in euro als getal groter dan 0, "
                   "bijvoorbeeld 32,50.")
    return rate


def _chart_beside(rapport: Path | None, grafiek: Path | None) -> Path | None:
    """The chart file a Markdown memo writes beside itself when --grafiek is not given."""
    from importlib.util import find_spec

    from hbh_indicatie.batch.impact_memo import chart_path

    if rapport is None or grafiek is not None or rapport.suffix.lower() != ".md":
        return None
    return chart_path(rapport) if find_spec("matplotlib") is not None else None


def genereer(
    aantal: Annotated[int, typer.Argument(min=1, metavar="AANTAL", help="Aantal casussen.")],
    uitvoer: Annotated[Path, typer.Option("--uitvoer", "-o", metavar="BESTAND",
                                           help="JSON Lines-bestand (.jsonl).")],
    seed: Annotated[int, typer.Option("--seed", metavar="GETAL",
                                      help="Startwaarde: zelfde seed, zelfde bestand.")] = 1,
    normen: Annotated[
        str, typer.Option("--normen", "-n", metavar="NORMENSET",
                          help="Normenset die elke casus noemt ('normen', ook met @DATUM), "
                               "behalve bij een bestand. De feiten staan op de woordenlijst van "
                               "activiteiten: de casussen zijn onder elke normenset te berekenen.")
    ] = "protocol-hbh",
    normenmap: NormFolder = None,
) -> None:
    """Maak een synthetische maar plausibele caseload (geen echte cliënten) voor tests en metingen."""
    import json

    from hbh_indicatie.batch.generate import YEAR_START, generate, household_activities
    from hbh_indicatie.loading.norm_sets import resolve
    from hbh_indicatie.vocabulary.load import vocabulary

    with _interruptible(), _outputs() as outputs:
        handle = outputs.open(uitvoer)
        _report_cleaned(outputs)
        resolve(normen, YEAR_START, normenmap)  # a wrong --normen fails before writing
        ids = household_activities(vocabulary())
        named = None if Path(normen).suffix in (".yaml", ".yml", ".json") else normen
        for case in generate(aantal, seed, ids, named):
            handle.write(json.dumps(case, ensure_ascii=False, separators=(",", ":")) + "\n")
    typer.echo(f"Geschreven: {uitvoer} ({aantal} casussen, seed {seed}).", err=True)


def _errors_path(output: Path) -> Path:
    return output.with_name(f"{output.stem}.fouten.jsonl")


def _prepare(invoer: Path, job: Job, stil: bool) -> int | None:
    """Check the input and load the norm sets once, before any case (Dutch error, exit 2).
    Returns the number of items for the progress bar (only counted when the bar is shown)."""
    from hbh_indicatie.batch.reader import count_items, input_kind

    with user_errors():
        if not invoer.exists():
            raise fail(f"Invoer {invoer} bestaat niet.")
        input_kind(invoer)
        job.prepare()
        return count_items(invoer) if _show_progress(stil) else None


def _show_progress(stil: bool) -> bool:
    if stil:  # rich not even imported
        return False
    from rich.console import Console

    return Console(stderr=True).is_terminal


@contextmanager
def _interruptible() -> Iterator[None]:
    try:
        yield
    except KeyboardInterrupt as exc:
        from hbh_indicatie.errors import Terminated

        sys.stderr.write("Afgebroken: er is geen (half) uitvoerbestand geschreven.\n")
        code = EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
        raise typer.Exit(code) from None


@contextmanager
def _outputs() -> Iterator[OutputSet]:
    """The run's output files (:mod:`hbh_indicatie.fileio`): opened before computing, replaced
    all together at the end or not at all; their errors in Dutch (exit 2)."""
    from hbh_indicatie.fileio import output_set

    with user_errors(), output_set() as outputs:
        yield outputs


def _report_cleaned(outputs: OutputSet) -> None:
    for path in outputs.cleaned:
        typer.echo(f"Opgeruimd: {path} (tijdelijk bestand van een eerder afgebroken run).", err=True)


def _processes(wanted: int | None) -> int:
    """``--processen``, at most the number of cores this process may use; without it
    :func:`~hbh_indicatie.batch.runner.default_processes`."""
    from hbh_indicatie.batch.runner import default_processes, usable_cores

    if wanted is None:
        return default_processes()
    cores = usable_cores()
    if wanted > cores:
        typer.echo(f"--processen {wanted}: deze machine heeft {cores} kern(en) voor dit proces; "
                   f"er worden {cores} processen gebruikt.", err=True)
    return min(wanted, cores)


class Counts:
    def __init__(self) -> None:
        self.ok = 0
        self.failed = 0
        self.unknown_figure = 0
        """Not computed because a norm figure the case needs is 'onbekend' (no failure)."""
        self.seconds = 0.0

    @property
    def total(self) -> int:
        return self.ok + self.failed + self.unknown_figure


ERROR_COLUMNS = ("kenmerk", "regel", "bestand", "reden")


def _run(
    invoer: Path, job: Job, processes: int, total: int | None, stil: bool,
    errors_file: OutputFile, written: tuple[OutputFile, RowForm] | None = None,
    on_result: Callable[[dict[str, Any]], None] | None = None,
    on_error: Callable[[dict[str, Any]], None] | None = None,
    on_unknown: Callable[[dict[str, Any]], None] | None = None,
) -> Counts:
    """Run ``job`` over the input. ``written``: the workers write the result rows in the
    output's form (what ``hbh batch`` needs; a case whose norm figure is unknown counts as
    failed); otherwise each row goes to ``on_result``, ``on_error``, ``on_unknown``."""
    from hbh_indicatie.batch.runner import Forms, run
    from hbh_indicatie.batch.writer import RowForm

    counts = Counts()
    start = time.perf_counter()
    error_form = RowForm(errors_file.target, ERROR_COLUMNS, plain=True)
    forms = None if written is None else Forms(written[1], error_form)
    write_error = error_form.writer(errors_file)
    with user_errors(), _progress(total, stil) as tick:
        for done in run(invoer, job, processes, forms):
            if written is not None:
                counts.ok += done.ok
                counts.failed += done.failed + done.unknown_figure
                written[0].write(done.rows)
                errors_file.write(done.errors)
            for outcome in done.outcomes:
                if outcome.ok:
                    counts.ok += 1
                    if on_result is not None:
                        on_result(outcome.row)
                elif outcome.unknown_figure and on_unknown is not None:
                    counts.unknown_figure += 1
                    write_error(outcome.row)
                    on_unknown(outcome.row)
                else:
                    counts.failed += 1
                    write_error(outcome.row)
                    if on_error is not None:
                        on_error(outcome.row)
            tick(counts.total)
    counts.seconds = time.perf_counter() - start
    return counts


@contextmanager
def _progress(total: int | None, stil: bool) -> Iterator[Callable[[int], None]]:
    if not _show_progress(stil):
        yield lambda done: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    columns = (TextColumn("Casussen"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]} casussen/s"), TimeRemainingColumn())
    start = time.perf_counter()
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("batch", total=total, rate="-")

        def tick(done: int) -> None:  # once per part (of up to runner.CHUNK cases)
            rate = done / max(time.perf_counter() - start, 1e-9)
            bar.update(task, completed=done, rate=f"{rate:,.0f}".replace(",", "."))

        yield tick


def _summary(counts: Counts, output: Path | None, errors_path: Path) -> None:
    from hbh_indicatie.render.number_format import number

    rate = round(counts.total / counts.seconds) if counts.seconds > 0 else 0
    where = f" Uitvoer: {output}." if output is not None else ""
    unknown = (f"{number(counts.unknown_figure)} niet te berekenen (cijfer onbekend) + "
               if counts.unknown_figure else "")
    typer.echo(
        f"Ingelezen: {number(counts.total)} = {number(counts.ok)} berekend + {unknown}"
        f"{number(counts.failed)} mislukt ({number(rate)} casussen/s).{where} Fouten: {errors_path}.",
        err=True,
    )
    if counts.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def _require_pdf() -> None:
    from hbh_indicatie.render.impact import PDF_MISSING, pdf_available

    if not pdf_available():
        raise fail(PDF_MISSING)


def _require_matplotlib() -> None:
    from importlib.util import find_spec

    if find_spec("matplotlib") is None:
        raise fail(
            "--grafiek vraagt matplotlib, dat niet is geïnstalleerd. Installeer het met: "
            "pip install 'hbh-indicatie[grafiek]'"
        )
