"""Explanation on demand: a text recorded as a template and its arguments, worded only when an
:class:`~hbh_indicatie.models.indication.Indication` is built.

The rules record each step and warning with the values that decide its wording (:class:`Said`);
``engine.compute`` turns them into Dutch sentences (``str``). ``engine.evaluate``, and so
``hbh batch`` and ``hbh impact``, never formats a sentence.

Templates use ``str.format`` fields with two extra format specs: ``{0:m}`` is an exact number of
minutes in Dutch decimals (``fraction_text``; ``{0:m2}``: two decimals), ``{0:s}`` a code value
in running text (``spoken``).
"""

from __future__ import annotations

import string
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from hbh_indicatie.models.common import fraction_text, spoken


class _Formatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        return _convert(format_spec)(value) if format_spec[:1] in ("m", "s") \
            else format(value, format_spec)


def _minutes(decimals: int) -> Callable[[Any], str]:
    return lambda value: fraction_text(value, decimals)


def _convert(spec: str) -> Callable[[Any], str]:
    if spec == "s":
        return lambda value: spoken(str(value))
    return _minutes(int(spec[1:]) if spec[1:] else 1)


_FORMATTER = _Formatter()


@lru_cache(maxsize=1024)
def _compiled(template: str) -> tuple[str, tuple[tuple[int, Callable[[Any], str]], ...]] | None:
    """A template whose own specs are only ``m``/``s`` on plain positional fields: the same
    template with those specs removed and the conversions per field, so wording is one
    ``str.format`` call; ``None`` for any other template (worded by the formatter)."""
    plain: list[str] = []
    conversions: dict[int, Callable[[Any], str]] = {}
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        plain.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is None:
            continue
        if not name.isdigit() or conversion is not None or (spec and spec[:1] not in "ms"):
            return None
        index = int(name)
        if spec:
            if index in conversions:
                return None  # one field used with two specs
            conversions[index] = _convert(spec)
        plain.append("{" + name + "}")
    return "".join(plain), tuple(conversions.items())


class Said:
    """A sentence not yet worded: a template and the values it needs."""

    __slots__ = ("args", "template")

    def __init__(self, template: str, *args: object) -> None:
        self.template = template
        self.args = args

    def __str__(self) -> str:
        compiled = _compiled(self.template)
        if compiled is None:
            return _FORMATTER.vformat(self.template, self.args, {})
        plain, conversions = compiled
        args = list(self.args)
        for index, convert in conversions:
            args[index] = convert(args[index])
        return plain.format(*args)

    def __format__(self, format_spec: str) -> str:
        return format(str(self), format_spec)

    def __repr__(self) -> str:
        return f"Said({self.template!r}, {', '.join(map(repr, self.args))})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Said):
            return self.template == other.template and self.args == other.args
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.template, self.args))


Text = str | Said
"""A text of a step or warning: worded already, or on demand."""


def worded(text: Text) -> str:
    return text if isinstance(text, str) else str(text)
