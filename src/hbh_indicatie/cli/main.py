"""Entry point of the ``hbh`` command."""

from __future__ import annotations

import os
import signal
from types import FrameType
from typing import Annotated

import typer

from hbh_indicatie.cli import batch as caseload
from hbh_indicatie.cli import casus, hulptekst
from hbh_indicatie.cli import normen as norm_sets
from hbh_indicatie.cli.bereken import bereken
from hbh_indicatie.cli.schema import schema
from hbh_indicatie.cli.server import server
from hbh_indicatie.cli.werkplek import werkplek
from hbh_indicatie.errors import Terminated
from hbh_indicatie.version import __version__

app = typer.Typer(
    name="hbh",
    help="hbh-indicatie: uitlegbare indicatie hulp bij het huishouden (Wmo).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=hulptekst.Group,
    options_metavar=hulptekst.OPTIONS_METAVAR,
    subcommand_metavar=hulptekst.SUBCOMMAND_METAVAR,
    context_settings={"help_option_names": ["-h", "--help"]},
)
hulptekst.install()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hbh-indicatie {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    versie: Annotated[
        bool, typer.Option("--versie", "--version", callback=_version, is_eager=True, help="Toon de versie.")
    ] = False,
) -> None:
    """hbh-indicatie: van casus naar uren per week, met onderbouwing per protocolparagraaf."""


app.command("bereken", cls=hulptekst.Command)(bereken)
app.add_typer(casus.app, name="casus")
app.add_typer(norm_sets.app, name="normen")
app.command("batch", cls=hulptekst.Command)(caseload.batch)
app.command("impact", cls=hulptekst.Command)(caseload.impact)
app.command("genereer", cls=hulptekst.Command)(caseload.genereer)
app.command("schema", cls=hulptekst.Command)(schema)
app.command("server", cls=hulptekst.Command)(server)
app.command("werkplek", cls=hulptekst.Command)(werkplek)


_MAIN_PID = 0
_TERMINATED = False


def _terminate(signum: int, frame: FrameType | None) -> None:
    """SIGTERM stops like Ctrl-C: the running command cleans up (no half output file).

    A forked pool worker inherits this handler until its initializer resets it; a SIGTERM in
    that gap ends the worker as the default action would, without a traceback."""
    global _TERMINATED
    if os.getpid() != _MAIN_PID:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        return
    _TERMINATED = True
    raise Terminated


def _command_path(args: list[str]) -> str:
    """'hbh normen vergelijk' for the command words at the start of ``args`` (for the pointer
    to --help when typer's error carries no context, e.g. an option without its value)."""
    from typer.core import TyperGroup
    from typer.main import get_command

    words = ["hbh"]
    command = get_command(app)
    for arg in args:
        sub = command.commands.get(arg) if isinstance(command, TyperGroup) else None
        if sub is None:
            break
        words.append(arg)
        command = sub
    return " ".join(words)


def run() -> None:
    """Console-script entry: no Python traceback reaches the user for unexpected errors."""
    import sys

    from typer.exceptions import TyperException

    from hbh_indicatie.cli.aanroep import usage_text
    from hbh_indicatie.cli.common import debug_enabled

    global _MAIN_PID
    _MAIN_PID = os.getpid()
    signal.signal(signal.SIGTERM, _terminate)
    try:
        code = app(standalone_mode=False)
    except TyperException as exc:  # typer's (vendored) click usage errors
        ctx = getattr(exc, "ctx", None)
        path = getattr(ctx, "command_path", None) or _command_path(sys.argv[1:])
        message = str(exc.format_message() if hasattr(exc, "format_message") else exc)
        if type(exc).__name__ == "NoArgsIsHelpError":  # plain `hbh`: the help text itself
            sys.stderr.write(message + "\n")
        else:
            sys.stderr.write(usage_text(message, str(path)))
        raise SystemExit(int(getattr(exc, "exit_code", 2))) from None
    except typer.Abort:
        sys.stderr.write("Afgebroken.\n")
        raise SystemExit(130) from None
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("Afgebroken.\n")
        raise SystemExit(143 if _TERMINATED else 130) from None
    except Exception as exc:
        if debug_enabled():
            raise
        sys.stderr.write(
            f"Interne fout in hbh-indicatie ({type(exc).__name__}: {exc}). Dit is een fout in het "
            "programma, niet in uw invoer; meld het met HBH_DEBUG=1 voor details.\n"
        )
        raise SystemExit(3) from None
    if _TERMINATED and code == 130:  # typer turns the interrupt into exit 130, silently
        sys.stderr.write("Afgebroken.\n")
        code = 143
    raise SystemExit(code if isinstance(code, int) else 0)
