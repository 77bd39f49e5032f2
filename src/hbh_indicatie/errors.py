"""Errors with Dutch messages for users: what is wrong, where, and what is allowed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class HbhError(Exception):
    """Base class of every error the CLI reports without a traceback (exit code 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Problem:
    """One problem in an input file: the field (dotted path), what is wrong, what is allowed."""

    field: str
    message: str
    allowed: str | None = None

    def render(self) -> str:
        text = f"{self.field}: {self.message}" if self.field else self.message
        return f"{text} (toegestaan: {self.allowed})" if self.allowed else text


@dataclass
class InputError(HbhError):
    """A file that cannot be read, parsed or validated. Lists every problem found."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    kind: str = "invoer"

    def __post_init__(self) -> None:
        HbhError.__init__(self, self.render())

    @property
    def headline(self) -> str:
        """'Fout in casusbestand a.yaml:'; for input that is no file, named '<verzoek>' or
        '<standaardinvoer>': 'Fout in de casus (verzoek):'."""
        if self.path.startswith("<") and self.path.endswith(">"):
            where = self.path[1:-1]
            article = "het" if self.kind in ("verzoek", "bericht") else "de"
            return (f"Fout in {article} {self.kind}:" if where == self.kind
                    else f"Fout in {article} {self.kind} ({where}):")
        return f"Fout in {self.kind}bestand {self.path}:"

    def render(self) -> str:
        head = self.headline
        lines = [f"  - {p.render()}" for p in self.problems]
        return "\n".join([head, *lines])


class RuleConflict(HbhError):
    """Two applicable protocol rules disagree; the engine never lets the first one win."""

    def __init__(self, first: str, second: str, detail: str) -> None:
        self.paragraphs = (first, second)
        super().__init__(
            f"Regels spreken elkaar tegen: {first} en {second}. {detail} "
            "Leg de afweging vast in de casus (pas de feiten aan of licht de situatie toe) "
            "en bereken opnieuw."
        )


class UnknownNormSet(HbhError):
    """A norm set id that no configured folder has (HTTP 404)."""


class NormNotApplicable(HbhError):
    """A norm figure the case needs has status 'onbekend' or is missing."""


def error_document(exc: HbhError) -> dict[str, Any]:
    """The JSON shape of every error for programs (HTTP service, ``--formaat json``):
    ``{"fout": ..., "problemen": [{"veld": ..., "melding": ..., "toegestaan": ...}]}``."""
    if isinstance(exc, InputError):
        return {"fout": exc.headline.rstrip(":"), "problemen": [
            {"veld": p.field, "melding": p.message, "toegestaan": p.allowed} for p in exc.problems]}
    return {"fout": exc.message, "problemen": []}


class Terminated(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM, e.g. ``kill`` or a job scheduler): handled like
    Ctrl-C, so temporary output files are removed; exit code 143 instead of 130."""
