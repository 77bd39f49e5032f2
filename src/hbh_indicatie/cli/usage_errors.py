"""Dutch wording for command-line usage errors (wrong option, missing argument, bad value).

Click phrases its usage errors in English; the user sees them in Dutch with the same exit
code (2) and a pointer to ``--help``.
"""

from __future__ import annotations

import re

_PHRASES: tuple[tuple[str, str], ...] = (
    (r"Missing argument '([^']+)'\.?", r"argument '\1' ontbreekt"),
    (r"Missing option '([^']+)'( / '([^']+)')?\.?", r"optie '\1' ontbreekt"),
    (r"No such option: (\S+)", r"onbekende optie \1"),
    (r"No such command '([^']+)'\.?", r"onbekend commando '\1'."),
    (r"Got unexpected extra argument(?:s|\(s\))? \(([^)]*)\)", r"onverwacht extra argument: \1"),
    (r"Invalid value for '([^']+)'( / '[^']+')?: (Value error, )?", r"ongeldige waarde voor '\1': "),
    (r"Option '([^']+)' requires an argument\.?", r"optie '\1' vraagt een waarde"),
    (r"is not one of", "is niet een van"),
    (r"is not a valid integer( range)?", "is geen geheel getal"),
    # typer checks option values with pydantic, which words them like this:
    (r"Input should be a valid integer(, unable to parse string as an integer)?",
     "dit is geen geheel getal"),
    (r"Input should be greater than or equal to (-?\d+)", r"dit moet minstens \1 zijn"),
    (r"Input should be greater than (-?\d+)", r"dit moet groter dan \1 zijn"),
    (r"Input should be less than or equal to (-?\d+)", r"dit mag hoogstens \1 zijn"),
    (r"Input should be less than (-?\d+)", r"dit moet kleiner dan \1 zijn"),
    (r"is not in the range", "valt buiten het bereik"),
    (r"does not exist", "bestaat niet"),
    (r"Did you mean", "Bedoelt u"),
    (r"\(Possible options: ([^)]*)\)", r"(bedoelt u: \1?)"),
)


def dutch_usage(message: str) -> str:
    for pattern, replacement in _PHRASES:
        message = re.sub(pattern, replacement, message)
    return message


def usage_text(message: str, command_path: str) -> str:
    return (f"Ongeldige aanroep: {dutch_usage(message)}\n"
            f"Zie '{command_path} --help' voor de mogelijkheden.\n")
