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


class NormFolderMissing(HbhError):
    """An extra norm folder (``--normenmap``, ``--map``) that does not exist or is no folder:
    an error of that setting, not of the case or a norm file."""

    def __init__(self, folder: str, what: str) -> None:
        super().__init__(f"De map met normensets {folder} {what}: geef een bestaande map met "
                         "normensets (YAML of JSON).")
        self.problems = [Problem("normenmap", f"{folder} {what}", "een bestaande map met normensets")]


class NormNotApplicable(HbhError):
    """A norm figure the case needs has status 'onbekend' or is missing."""


def one_line(text: str) -> str:
    """``text`` on one line (runs of white space as one space)."""
    return " ".join(text.split())


def _listed(lines: list[str]) -> list[Problem]:
    """Problems from terminal lines ("  - veld: melding"), for an error that has no list of its
    own; the field stays '' because the text does not say reliably where it ends."""
    return [Problem("", one_line(line.strip().removeprefix("- "))) for line in lines
            if line.strip()]


def error_document(exc: HbhError) -> dict[str, Any]:
    """The JSON shape of every error for programs (HTTP service, ``--formaat json``):
    ``{"fout": ..., "problemen": [{"veld": ..., "melding": ..., "toegestaan": ...}]}``.

    ``fout`` is one line (what went wrong, for a log or a message box); ``problemen`` is never
    empty and holds every problem with its ``veld`` ('' for the input as a whole), ``melding``
    and, where known, ``toegestaan``. An error whose text was written for the terminal (a
    headline and "  - veld: melding" lines, such as an iWmo refusal) is taken apart here."""
    problems: list[Problem] = list(getattr(exc, "problems", None) or ())  # InputError, IwmoError
    if isinstance(exc, InputError):
        headline = exc.headline
    else:
        first, *rest = exc.message.strip().splitlines() or [""]
        headline = first
        if not problems:
            problems = _listed(rest) or [Problem("", one_line(exc.message))]
    headline = one_line(headline).rstrip(":")
    return {"fout": headline, "problemen": [
        {"veld": p.field, "melding": one_line(p.message), "toegestaan": p.allowed}
        for p in problems or [Problem("", headline)]]}


class Terminated(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM, e.g. ``kill`` or a job scheduler): handled like
    Ctrl-C, so temporary output files are removed; exit code 143 instead of 130."""
