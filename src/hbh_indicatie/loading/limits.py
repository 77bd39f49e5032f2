"""Size limits for input, checked before anything is parsed (documented in docs/batch.md).

A case file, a norm file or one line of a caseload that is larger than any real one is
refused with its limit in the message, so one hostile or broken file cannot exhaust memory or
time. Only regular files are read: a named pipe or a device such as ``/dev/zero`` never ends.
"""

from __future__ import annotations

import math
import os
import re
import reprlib
import stat
from decimal import Decimal
from pathlib import Path
from typing import Any

from hbh_indicatie.errors import InputError, Problem

MIB = 1024 * 1024
MAX_FILE_BYTES = {"casus": MIB, "normen": 4 * MIB}
"""Largest case file (a real one is a few kB) and norm file (the shipped ones: under 20 kB);
other files that are read whole (berichtgegevens, a CSV of norm figures) have the norm limit."""
MAX_LINE_BYTES = MIB
"""Largest line of a JSON Lines or CSV caseload (one case)."""
MAX_DIGITS = 100
"""Most digits in one whole number in a case or norm file."""
MAX_DEPTH = 64
"""Deepest nesting of lists and fields in a case or norm file (a case needs about 6)."""
MAX_NODES = 200_000
"""Most values in a YAML file once its aliases (``*naam``) are expanded (a norm set has a few
thousand): bounds what an alias bomb ('billion laughs') can make of a small file."""


def size_text(limit: int) -> str:
    return f"{limit // MIB} MiB" if limit % MIB == 0 else f"{limit} bytes"


def regular_file(path: Path, kind: str) -> None:
    """Refuse what is not a regular file (before opening it: opening a named pipe waits)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(str(path), [Problem("", "bestand bestaat niet")], kind) from None
    except OSError as exc:
        raise InputError(str(path), [Problem("", f"niet leesbaar: {exc.strerror}")], kind) from None
    if stat.S_ISDIR(mode):
        raise InputError(str(path), [Problem("", "dit is een map, geen bestand")], kind)
    if not stat.S_ISREG(mode):
        raise InputError(str(path), [Problem(
            "", "geen gewoon bestand (maar bijvoorbeeld een apparaat of een pipe)",
            "een gewoon bestand")], kind)


def read_limited(path: Path, kind: str) -> bytes:
    """The bytes of the regular file ``path``, at most the limit for ``kind``."""
    limit = MAX_FILE_BYTES.get(kind, MAX_FILE_BYTES["normen"])
    regular_file(path, kind)
    try:
        with path.open("rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                regular_file(path, kind)
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(str(path), [Problem("", f"niet leesbaar: {exc.strerror}")], kind) from None
    if len(data) > limit:
        raise InputError(str(path), [Problem(
            "", f"bestand is groter dan {size_text(limit)}", f"hooguit {size_text(limit)}")], kind)
    return data


MAX_EXPONENT = 12
MAX_MAGNITUDE = 10**MAX_EXPONENT
"""Numbers in a norm file lie strictly between -10^12 and 10^12 ..."""
MIN_EXPONENT = -12
"""... with at most 12 decimals (an exact fraction of 10^-999999999 would never finish)."""
_NUMBER = r"\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*"
_NUMBER_TEXT = re.compile(rf"{_NUMBER}(?:/{_NUMBER})?")


def _number_problem(value: object) -> str | None:
    """Why ``value`` (a number, or text that is one, such as '1461/28') is out of bounds."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return None if abs(value) < MAX_MAGNITUDE else "getal te groot"
    if isinstance(value, float):
        if not math.isfinite(value):
            return "geen eindig getal"
        return None if abs(value) < MAX_MAGNITUDE else "getal te groot"
    if not isinstance(value, str) or not _NUMBER_TEXT.fullmatch(value):
        return None
    parts = [Decimal(part) for part in value.split("/")]  # no arithmetic: no context limits
    for part in parts:
        exponent = part.as_tuple().exponent
        if not isinstance(exponent, int) or exponent < MIN_EXPONENT:
            return "getal met te veel decimalen"
        if not part.is_zero() and part.adjusted() >= MAX_EXPONENT:
            return "getal te groot"
    if len(parts) == 2 and parts[1].is_zero():
        return "breuk met 0 als noemer"
    return None


def check_numbers(data: Any, path: str, kind: str) -> None:
    """Refuse numbers that are out of bounds anywhere in ``data`` (a parsed norm file),
    before the model turns them into exact fractions."""
    problems: list[Problem] = []
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{where}.{key}" if where else str(key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", item) for i, item in enumerate(value))
        elif (reason := _number_problem(value)) is not None:
            problems.append(Problem(where, f"{reason}: {shown(value)}",
                                    "een getal tussen -10^12 en 10^12 met hooguit 12 decimalen, "
                                    "of een breuk zoals 1461/28"))
    if problems:
        raise InputError(path, sorted(problems, key=lambda p: p.field), kind)


def shape_problem(data: Any) -> str | None:
    """Why ``data`` (a parsed file, or a dict an embedder hands over) is too deep or too large
    to validate: more than :data:`MAX_DEPTH` levels or :data:`MAX_NODES` values (lists that
    contain the same list many times count each time). None when it is not."""
    seen = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        item, level = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            return f"te groot (meer dan {MAX_NODES} waarden)"
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list | tuple):
            if level >= MAX_DEPTH:
                return f"te diep genest (meer dan {MAX_DEPTH} niveaus)"
            stack.extend((child, level + 1) for child in item)
    return None


_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlist = _SHORT.maxtuple = 6
_SHORT.maxdict = 4
_SHORT.maxlevel = 3


def shown(value: object) -> str:
    """``value`` as it may appear in a message: never thousands of characters (an enum field
    filled by an alias bomb, a number of 5,000 digits)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"een getal van ongeveer {int(value.bit_length() * 0.30103)} cijfers"
    try:
        return _SHORT.repr(value)
    except (ValueError, RecursionError):
        return f"een waarde van het type {type(value).__name__}"
