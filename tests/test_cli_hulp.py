"""Every ``hbh … --help`` page is Dutch: no English words of typer left around our texts."""

from __future__ import annotations

import inspect
import re

import pytest
import typer
from typer.testing import CliRunner

from hbh_indicatie.cli.dutch_help import WORDS, dutch
from hbh_indicatie.cli.main import app

runner = CliRunner()

ENGLISH = re.compile(
    r"Usage|Options|Arguments|Commands|Show this message|required|default|env var|"
    r"<(path|str|int|float|bool|list|file|directory)\b|list\[|\bCOMMAND\b|\bARGS\b"
)


def _paths(command: typer.core.TyperGroup | typer.core.TyperCommand,
           prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [prefix]
    if isinstance(command, typer.core.TyperGroup):
        for name, sub in command.commands.items():
            paths += _paths(sub, (*prefix, name))  # type: ignore[arg-type]
    return paths


COMMANDS = _paths(typer.main.get_command(app))  # type: ignore[arg-type]


def test_every_command_is_walked() -> None:
    names = {" ".join(path) for path in COMMANDS}
    assert {"", "bereken", "batch", "impact", "genereer", "schema", "casus controleer",
            "normen vergelijk", "normen importeer"} <= names
    assert len(COMMANDS) >= 16  # hbh, 5 commands, casus (2), normen (6)


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "hbh")
def test_help_is_dutch(path: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith(f"Gebruik: hbh {' '.join(path)}".rstrip() + " [OPTIES]"), out
    assert "Toon deze hulp en stop." in out
    assert ENGLISH.search(out) is None, f"Engels in de hulp van 'hbh {' '.join(path)}':\n{out}"


def test_required_and_default_are_dutch() -> None:
    out = " ".join(runner.invoke(app, ["genereer", "--help"]).output.split())
    assert "[verplicht]" in out
    assert "[standaard: 1]" in out
    assert "Argumenten:" in out and "Opties:" in out


def test_group_lists_commands_in_dutch() -> None:
    out = runner.invoke(app, ["normen", "--help"]).output
    assert "Commando's:" in out
    assert "vergelijk" in out
    assert "COMMANDO [ARGUMENTEN]..." in out


def test_bare_group_shows_dutch_help() -> None:
    result = runner.invoke(app, ["normen"])
    assert result.exit_code == 2  # no command given: the help, as a usage error
    assert "Gebruik: hbh normen [OPTIES]" in result.output and "Commando's:" in result.output


def test_every_translated_phrase_is_still_typers() -> None:
    """A typer upgrade that rewords a phrase would silently bring English back."""
    source = inspect.getsource(typer.core)
    missing = [key for key in WORDS if f'_("{key}")' not in source]
    assert missing == [], f"typer gebruikt deze zinnen niet meer: {missing}"
    assert dutch("een zin die typer niet kent") == "een zin die typer niet kent"
