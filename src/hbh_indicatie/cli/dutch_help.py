"""Dutch help pages: the fixed words typer puts around our own (Dutch) help texts.

Typer writes "Usage:", "Options", "[required]", "[default: …]" and "Show this message and
exit." in English. Every ``hbh`` command and group is built with :class:`Command` or
:class:`Group` (``cls=``) and :func:`install` routes typer's translatable words through
:data:`WORDS`, so ``hbh … --help`` is Dutch throughout. ``tests/test_cli_hulp.py`` checks every
help page for English left-overs, so a typer upgrade that rewords them is noticed.
"""

from __future__ import annotations

import typer.core
from typer import _click

USAGE = "Gebruik: "
OPTIONS_METAVAR = "[OPTIES]"
SUBCOMMAND_METAVAR = "COMMANDO [ARGUMENTEN]..."
HELP_OPTION = "Toon deze hulp en stop."

WORDS: dict[str, str] = {
    "Arguments": "Argumenten",
    "Options": "Opties",
    "Commands": "Commando's",
    "required": "verplicht",
    "default: {default}": "standaard: {default}",
    "(dynamic)": "(wisselend)",
    "env var: {var}": "omgevingsvariabele: {var}",
    "Missing command.": "commando ontbreekt.",  # after "Ongeldige aanroep: " (cli.usage_errors)
    "Aborted!": "Afgebroken.",
}


def dutch(message: str) -> str:
    """The Dutch wording of one of typer's fixed phrases (unknown phrases unchanged)."""
    return WORDS.get(message, message)


def install() -> None:
    """Let typer's help pages use :func:`dutch` for their fixed phrases."""
    # typer binds gettext's ``_`` per module and has no Dutch catalogue
    typer.core._ = dutch  # type: ignore[attr-defined]


class _Dutch(_click.Command):
    """Usage line, help option and argument names in Dutch."""

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              prefix=USAGE)

    def get_help_option(self, ctx: _click.Context) -> typer.core.TyperOption | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION
        return option

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                # the argument's own Dutch name (its metavar) instead of "<path>", "<str>"
                arguments.append((param.metavar or record[0], record[1]))
            elif param.param_type_name == "option":
                options.append(record)
        if arguments:
            with formatter.section(dutch("Arguments")):
                formatter.write_dl(arguments)
        if options:
            with formatter.section(dutch("Options")):
                formatter.write_dl(options)


class Command(_Dutch, typer.core.TyperCommand):
    """A ``hbh`` command with a Dutch help page."""


class Group(_Dutch, typer.core.TyperGroup):
    """A ``hbh`` command group with a Dutch help page."""

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)
