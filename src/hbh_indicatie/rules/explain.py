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
from typing import Any

from hbh_indicatie.models.common import fraction_text, spoken


class _Formatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("m"):
            return fraction_text(value, int(format_spec[1:])) if format_spec[1:] \
                else fraction_text(value)
        if format_spec == "s":
            return spoken(str(value))
        return format(value, format_spec)


_FORMATTER = _Formatter()


class Said:
    """A sentence not yet worded: a template and the values it needs."""

    __slots__ = ("args", "template")

    def __init__(self, template: str, *args: object) -> None:
        self.template = template
        self.args = args

    def __str__(self) -> str:
        return _FORMATTER.vformat(self.template, self.args, {})

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
