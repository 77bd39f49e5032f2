"""Shared CLI plumbing: Dutch errors without traceback (exit 2), output to file or screen."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from hbh_indicatie.errors import HbhError

EXIT_INPUT = 2

NormFolder = Annotated[
    Path | None, typer.Option("--normenmap", metavar="MAP", help="Extra map met normensets.")
]
"""The option every command that resolves a norm set by ID has."""

Overwrite = Annotated[
    bool, typer.Option("--overschrijf", help="Een bestaand bestand mag worden vervangen.")
]


def fail(message: str, code: int = EXIT_INPUT) -> typer.Exit:
    from rich.console import Console
    from rich.panel import Panel
    from rich.text import Text

    # Text, not markup: user input such as '[grafiek]' or a field name must show literally.
    Console(stderr=True, width=110).print(
        Panel(Text(message), title="Fout", border_style="red", expand=False)
    )
    return typer.Exit(code)


def not_an_input(output: Path | None, option: str, *inputs: Path | str | None) -> None:
    """Refuse to write ``output`` over one of the inputs: a case, a CSV, a norm set file given
    as ``--normen`` (a spec that is no file, such as an ID, is skipped) or the case files of
    an input folder. A typo such as ``-o casus.yaml`` would otherwise replace the input."""
    if output is None:
        return
    for given in inputs:
        if given is None:
            continue
        source = Path(given)
        if source.is_dir():  # a folder of case files: its .yaml/.yml/.json files are the input
            hit = (output.resolve().parent == source.resolve()
                   and output.suffix.lower() in (".yaml", ".yml", ".json"))
        else:
            hit = source.exists() and output.exists() and output.resolve() == source.resolve()
        if hit:
            raise fail(f"{option} {output} is ook de invoer; kies een ander bestand "
                       "(de invoer wordt niet overschreven).")


def distinct_outputs(*outputs: tuple[str, Path | None]) -> None:
    """Two outputs of one run may not be the same file (the last would replace the first)."""
    seen: dict[Path, str] = {}
    for option, path in outputs:
        if path is None:
            continue
        key = path.resolve()
        if key in seen:
            raise fail(f"{seen[key]} en {option} wijzen naar hetzelfde bestand ({path}); kies "
                       "twee verschillende bestanden.")
        seen[key] = option


def no_overwrite(output: Path | None, overwrite: bool) -> None:
    """A template is not written over an existing file unless the user says so."""
    if output is not None and output.exists() and not overwrite:
        raise fail(f"{output} bestaat al; kies een andere naam of geef --overschrijf.")


@contextmanager
def user_errors(as_json: bool = False) -> Iterator[None]:
    """Turn every error of ours (and file errors) into a Dutch message and exit code 2; with
    ``as_json`` (``--formaat json``) the message goes to stderr as the JSON error document
    of the HTTP service (``{"fout": ..., "problemen": [...]}``) instead of a box."""
    from pydantic import ValidationError

    from hbh_indicatie.errors import HbhError

    try:
        yield
    except HbhError as exc:
        if as_json:
            raise json_failure(exc) from None
        raise fail(exc.message) from None
    except ValidationError as exc:
        if as_json:
            raise json_failure(HbhError(f"Ongeldige invoer: {exc.error_count()} fout(en).\n{exc}")) \
                from None
        raise fail(f"Ongeldige invoer: {exc.error_count()} fout(en).\n{exc}") from None
    except BrokenPipeError:  # the reader stopped early (`hbh ... | head`): no message, no traceback
        raise _pipe_closed() from None
    except OSError as exc:
        message = f"Bestand of map niet bruikbaar: {exc.filename or ''} ({exc.strerror})"
        if as_json:
            raise json_failure(HbhError(message)) from None
        raise fail(message) from None


EXIT_PIPE_CLOSED = 141
"""As a shell reports a program stopped by SIGPIPE (128 + 13)."""


def _pipe_closed() -> typer.Exit:
    """Point stdout at /dev/null so that flushing it at exit cannot fail again (the
    procedure the Python documentation gives for SIGPIPE)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return typer.Exit(EXIT_PIPE_CLOSED)


def json_failure(exc: HbhError, code: int = EXIT_INPUT) -> typer.Exit:
    import json

    from hbh_indicatie.errors import error_document

    sys.stderr.write(json.dumps(error_document(exc), ensure_ascii=False, indent=2) + "\n")
    return typer.Exit(code)


def emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from hbh_indicatie.fileio import write_atomic

    with user_errors():
        cleaned = write_atomic(output, text)
    for path in cleaned:
        typer.echo(f"Opgeruimd: {path} (tijdelijk bestand van een eerder afgebroken run).", err=True)
    typer.echo(f"Geschreven: {output}", err=True)


def emit_bytes(data: bytes, output: Path | None) -> None:
    """A binary document (PDF, Word) to a file, atomically, or to standard output."""
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from hbh_indicatie.fileio import write_atomic_bytes

    with user_errors():
        write_atomic_bytes(output, data)
    typer.echo(f"Geschreven: {output}", err=True)


def debug_enabled() -> bool:
    return os.environ.get("HBH_DEBUG") == "1"
