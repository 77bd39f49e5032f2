"""What a rule module declares about itself, in one place: the paragraph is the unit.

Every module under ``rules/`` that decides something declares one :class:`Declaration`
(``DECLARATION``): the paragraph(s) of *Bijlage 1 Protocol hulp bij het huishouden* it encodes
(number, title, address), the rule ids it may emit with the paragraph each cites and what it
decides, and the passages it does not translate into a formula (with the reason, and when an
indication lists them under ``niet_vertaalbaar``). As regelrecht keeps an article's number,
address and encoding together, the declaration sits at the top of the module that encodes it.

Derived from the declarations (never kept by hand): the table of rule ids
(``rules/regelids.py``), the untranslatable list of an indication (``engine``), the tables in
``docs/regels.md`` (``python -m hbh_indicatie.rules.regelids --schrijf``, checked by
``tests/test_citaten.py``) and the check that every rule id starts with its module. The order in
which the engine applies the modules is ``rules/order.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hbh_indicatie.models.case import Case

PROTOCOL = "Bijlage 1 Protocol hulp bij het huishouden"
"""The protocol every paragraph belongs to. Its published address is not known (the norm set's
source ``protocol`` has ``adres: null``); a paragraph's address is its citation in it."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    number: str
    """'§2.2', or 'Bijlage 2 B2.1'."""
    title: str
    """The paragraph's heading in the protocol."""

    @property
    def address(self) -> str:
        """Where the text is published: the citation in the protocol."""
        return f"{PROTOCOL}, {self.number} {self.title}"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    """'afwezigheid.zeven_etmalen', or with a variable part: 'voorliggend.<voorziening>'."""
    paragraph: str | None
    """The paragraph every step of this rule cites; None: the paragraph the norm set gives the
    toeslag or aftrek."""
    decides: str
    """What the rule decides, in Dutch (docs/regels.md)."""


@dataclass(frozen=True, slots=True)
class Untranslated:
    paragraph: str
    text: str
    """What is not translated and why, in Dutch: the indication's ``niet_vertaalbaar`` item."""
    when: Callable[[Case], bool] | None = None
    """When an indication lists it: always (None), or for cases where this holds."""
    note: str = ""
    """The short form for docs/regels.md (the text itself when empty)."""


@dataclass(frozen=True, slots=True)
class Declaration:
    module: str
    """The module's name under ``rules/``; every rule id starts with it."""
    paragraphs: tuple[Paragraph, ...]
    rules: tuple[Rule, ...] = ()
    untranslated: tuple[Untranslated, ...] = ()

    def rule(self, rule_id: str) -> Rule:
        """The declared rule of ``rule_id`` (a literal id of this module)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)
