"""The iWmo messages that say which setting to give name it as the user's face of the program
spells it: ``hbh bereken``'s options (builder.CLI_OPTIONS, held here against the command),
the Python API's keywords, or the HTTP parameters the service passes in (IwmoQuery.names)."""

from __future__ import annotations

import typer

from hbh_indicatie.cli.main import app
from hbh_indicatie.iwmo import builder
from hbh_indicatie.iwmo.builder import CLI_OPTIONS, IwmoSettings, how_to_give


def test_cli_options_are_the_options_of_hbh_bereken() -> None:
    command = typer.main.get_command(app)
    assert isinstance(command, typer.core.TyperGroup)
    options = {opt for param in command.commands["bereken"].params for opt in param.opts}
    assert set(CLI_OPTIONS) == set(IwmoSettings.model_fields)
    assert set(CLI_OPTIONS.values()) <= options


def test_without_names_the_cli_and_the_python_keywords_are_named() -> None:
    said = how_to_give(("einddatum", "looptijd_maanden"))
    assert said == ("in hbh bereken --einddatum of --looptijd, in de Python-API einddatum= of "
                    "looptijd_maanden=")
    IwmoSettings.model_validate({"einddatum": None, "looptijd_maanden": None})  # real keywords


def test_a_face_names_its_own_parameters() -> None:
    names = {"einddatum": "einddatum=", "looptijd_maanden": "looptijd="}
    assert how_to_give(("einddatum", "looptijd_maanden"), names) == "einddatum= of looptijd="
    assert builder.XML_FIELDS and all(setting in IwmoSettings.model_fields
                                      for _, setting, _ in builder.XML_FIELDS)
