"""Entry point of the ``hbh`` command.

Only ``hbh bereken`` is built when the program starts; every other command and command group
(:data:`LAZY`) is imported and built the moment it is called or its help is shown, so a
command pays only for the modules it uses (``tests/test_opstart.py`` guards the import list).
"""

from __future__ import annotations

import importlib
import os
import signal
from collections.abc import Iterator, MutableMapping
from types import FrameType
from typing import Annotated, Any

import typer
from typer import _click

from hbh_indicatie.cli import dutch_help
from hbh_indicatie.cli.bereken import bereken
from hbh_indicatie.cli.start import end_of_startup
from hbh_indicatie.errors import Terminated
from hbh_indicatie.version import __version__

LAZY: dict[str, tuple[str, str]] = {
    "batch": ("hbh_indicatie.cli.batch", "batch"),
    "impact": ("hbh_indicatie.cli.batch", "impact"),
    "genereer": ("hbh_indicatie.cli.batch", "genereer"),
    "schema": ("hbh_indicatie.cli.schema", "schema"),
    "server": ("hbh_indicatie.cli.server", "server"),
    "werkplek": ("hbh_indicatie.cli.werkplek", "werkplek"),
    "casus": ("hbh_indicatie.cli.casus", "app"),
    "normen": ("hbh_indicatie.cli.normen", "app"),
}
"""The commands after ``bereken``, in the order of ``hbh --help``: name to (module, attribute),
the attribute a command function or a :class:`typer.Typer` with the group's commands."""


def build_command(name: str, module: str, attribute: str) -> _click.Command:
    """The click command ``hbh NAME``, from the function or typer app ``module.attribute``."""
    target = getattr(importlib.import_module(module), attribute)
    end_of_startup()  # every command but `bereken` (which says so itself) may run long
    if isinstance(target, typer.Typer):
        command: _click.Command = typer.main.get_group(target)  # as add_typer: no completion
    else:
        holder = typer.Typer(add_completion=False, rich_markup_mode=None,
                             options_metavar=dutch_help.OPTIONS_METAVAR)
        holder.command(name, cls=dutch_help.Command)(target)
        command = typer.main.get_command(holder)
    command.name = name
    return command


class _Commands(MutableMapping[str, _click.Command]):
    """The group's commands: the ones built at start, and :data:`LAZY` ones built on first use."""

    def __init__(self, built: MutableMapping[str, _click.Command]) -> None:
        self._built = dict(built)
        self._order = [*self._built, *(name for name in LAZY if name not in self._built)]

    def __getitem__(self, name: str) -> _click.Command:
        if name not in self._built:
            if name not in LAZY:
                raise KeyError(name)
            self._built[name] = build_command(name, *LAZY[name])
        return self._built[name]

    def __setitem__(self, name: str, command: _click.Command) -> None:
        if name not in self._order:
            self._order.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._order.remove(name)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, name: object) -> bool:
        return name in self._order


class _Group(dutch_help.Group):
    """The ``hbh`` group, with its commands built when used."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _Commands(self.commands)

    def list_commands(self, ctx: _click.Context) -> list[str]:
        return list(self.commands)  # the names only: nothing is imported for a list


app = typer.Typer(
    name="hbh",
    help="hbh-indicatie: uitlegbare indicatie hulp bij het huishouden (Wmo).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=_Group,
    options_metavar=dutch_help.OPTIONS_METAVAR,
    subcommand_metavar=dutch_help.SUBCOMMAND_METAVAR,
    context_settings={"help_option_names": ["-h", "--help"]},
)
dutch_help.install()


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


app.command("bereken", cls=dutch_help.Command)(bereken)


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
        sub = command.commands.get(arg) if isinstance(command, TyperGroup) else None  # lazy: builds it
        if sub is None:
            break
        words.append(arg)
        command = sub
    return " ".join(words)


def run() -> None:
    """Console-script entry: no Python traceback reaches the user for unexpected errors."""
    import sys

    from typer.exceptions import TyperException

    from hbh_indicatie.cli.common import debug_enabled
    from hbh_indicatie.cli.usage_errors import usage_text

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
