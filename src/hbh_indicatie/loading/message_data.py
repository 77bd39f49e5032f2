"""Reading the header and client data of a WMO301 Bericht (YAML or JSON) into a validated
:class:`~hbh_indicatie.iwmo.message_data.BerichtGegevens`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hbh_indicatie.iwmo.message_data import BerichtGegevens
from hbh_indicatie.loading.validation import validate
from hbh_indicatie.loading.yaml_io import parse_text, read_text

KIND = "berichtgegevens"


def load_berichtgegevens(path: Path) -> BerichtGegevens:
    text = read_text(path, KIND)
    return berichtgegevens_from_data(parse_text(text, str(path), KIND), str(path))


def berichtgegevens_from_data(data: Any, origin: str = "<invoer>") -> BerichtGegevens:
    return validate(BerichtGegevens, data, origin, KIND)
