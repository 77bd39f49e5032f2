"""Why cases were not computed, in a few groups a memo can count (pure).

The error file keeps each case's full Dutch reason; the impact report says how many cases
were left out for which kind of reason: a norm figure that is not known, no version of a
norm set in force on the peildatum, a line that cannot be read, missing or wrong facts in
the case, or a program error.
"""

from __future__ import annotations

import re
from collections import Counter

_UNKNOWN_FIGURE = re.compile(
    r"^Normenset '(?P<set>[^']+)' \(versie (?P<version>[^)]+)\): onderdeel '(?P<item>[^']+)'"
    r".*geen gepubliceerd cijfer")
_NOT_IN_FORCE = re.compile(r"^Geen versie van normenset '(?P<set>[^']+)' geldig op")
_UNKNOWN_GROUP = re.compile(
    r"^niet te berekenen onder (?P<set>.+?): cijfer onbekend voor '(?P<item>.+)' \(status onbekend\)")


def reason_group(reason: str) -> str:
    """The group of one error file reason, as a Dutch phrase."""
    if match := _UNKNOWN_FIGURE.match(reason):
        item = match["item"].split(" — deel ", 1)[0]  # a part of a split item: the item
        return (f"niet te berekenen onder {match['set']} (versie {match['version']}): cijfer "
                f"onbekend voor '{item}' (status onbekend), en de casus heeft dat onderdeel nodig")
    if match := _NOT_IN_FORCE.match(reason):
        return f"geen versie van normenset {match['set']} geldig op de peildatum van de casus"
    if reason.startswith(("geen geldige JSON", "geen geldige YAML")) or "niet te lezen" in reason:
        return "regel of bestand niet te lezen"
    if reason.startswith("interne fout"):
        return "programmafout (meld dit; de casus zelf kan in orde zijn)"
    return "gegevens in de casus ontbreken of kloppen niet"


def unknown_figure(group: str) -> tuple[str, str] | None:
    """The norm set ('kpmg-hbel (versie 2021.1)') and the item without a figure named by an
    unknown-figure group of :func:`reason_group`; None for any other group."""
    match = _UNKNOWN_GROUP.match(group)
    return (match["set"], match["item"]) if match else None


class Reasons:
    """Counts of reason groups, fed one error row at a time."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(self, row: dict[str, object]) -> None:
        self.counts[reason_group(str(row.get("reden", "")))] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def most_common(self) -> list[tuple[str, int]]:
        """Largest group first; equal counts alphabetically."""
        return sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
