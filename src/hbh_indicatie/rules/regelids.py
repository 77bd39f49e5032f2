"""Every rule id the engine can emit, with the paragraph that decides it: derived, never kept.

The table is made from the declarations of the rule modules (``DECLARATION``, see
``rules/registry.py``), in the order of ``rules/order.py``. A step of the explanation
(``Step.regel``, ``Step.paragraaf``) names the rule that decided it and cites that rule's
paragraph. Rule ids start with the name of the module that declares and emits them; a part in
angle brackets stands for an id from the case or the norm set (``voorliggend.<voorziening>``).
A paragraph of ``None`` means the paragraph the norm set gives the toeslag or aftrek.

``docs/regels.md`` carries the generated tables (``python -m hbh_indicatie.rules.regelids
--schrijf docs/regels.md``); ``tests/test_citaten.py`` checks that they are current, that the
source emits exactly these ids from the module that declares them, and that every step of
every shipped case under every shipped norm set cites the declared paragraph.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hbh_indicatie.rules.order import MODULES, STAGES, UNTRANSLATED_ORDER
from hbh_indicatie.rules.registry import Declaration, Rule


@dataclass(frozen=True, slots=True)
class RuleId:
    pattern: str
    """'afwezigheid.zeven_etmalen', or with a variable part: 'voorliggend.<voorziening>'."""
    paragraph: str | None
    """The paragraph every step of this rule cites; None: the norm set's paragraph."""
    decides: str
    """What the rule decides, in Dutch (docs/regels.md)."""

    @property
    def module(self) -> str:
        """The module under ``rules/`` that emits it."""
        return self.pattern.split(".", 1)[0]

    def matches(self, rule: str) -> bool:
        return _regex(self.pattern).fullmatch(rule) is not None


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    parts = re.split(r"<[^>]+>", pattern)
    return re.compile(r"[^.]+".join(re.escape(p) for p in parts))


FROM_NORMS = None
"""The paragraph the norm set gives the toeslag or aftrek (``paragraaf``)."""


def _entry(rule: Rule) -> RuleId:
    return RuleId(rule.id, rule.paragraph, rule.decides)


DECLARATIONS: tuple[tuple[str, Declaration], ...] = tuple(
    (m.__name__.rsplit(".", 1)[1], m.DECLARATION) for m in MODULES)
"""(module name, declaration) of every rule module."""

RULE_IDS: tuple[RuleId, ...] = tuple(_entry(r) for _, d in DECLARATIONS for r in d.rules)


def entry_for(rule: str) -> RuleId | None:
    """The table's entry for an emitted rule id: a literal entry before a pattern."""
    for entry in RULE_IDS:
        if entry.pattern == rule:
            return entry
    return next((e for e in RULE_IDS if "<" in e.pattern and e.matches(rule)), None)


# --- docs/regels.md ------------------------------------------------------------------------

BEGIN = ("<!-- begin gegenereerd uit de registratie "
         "(python -m hbh_indicatie.rules.regelids --schrijf docs/regels.md) -->")
END = "<!-- einde gegenereerd -->"


def _module_link(name: str) -> str:
    return f"[`rules/{name}.py`](../src/hbh_indicatie/rules/{name}.py)"


def generated_section() -> str:
    """The tables of docs/regels.md that are derived from the declarations."""
    out: list[str] = ["## Paragrafen", "",
                      "Elke paragraaf met de module(s) die hem uitvoeren: één klik van paragraaf "
                      "naar code.", "",
                      "| Paragraaf | Titel in het protocol | Module | Regel-id's |", "|---|---|---|---|"]
    rows: dict[str, list[tuple[str, str, list[str]]]] = {}
    for name, decl in DECLARATIONS:
        for para in decl.paragraphs:
            ids = [f"`{r.id}`" for r in decl.rules if r.paragraph == para.number
                   or (r.paragraph is None and para is decl.paragraphs[0])]
            rows.setdefault(para.number, []).append((para.title, name, ids))

    def key(number: str) -> tuple[int, ...]:
        digits = re.findall(r"\d+", number.split("(")[0])
        return (*(int(d) for d in digits), 1 if "(" in number else 0)

    for number in sorted(rows, key=key):
        for title, name, ids in rows[number]:
            out.append(f"| {number} | {title} | {_module_link(name)} | {', '.join(ids) or '—'} |")
    out += ["", "## Volgorde in de engine", "",
            "Eerst hoeveel werk er is (§3), dan wie het doet (§1, §2), in deze volgorde "
            "(`rules/order.py`):", ""]
    for i, stage in enumerate(STAGES, start=1):
        name = stage.module.__name__.rsplit(".", 1)[1]
        paras = ", ".join(p.number for p in stage.declaration.paragraphs)
        func = stage.apply.__name__
        consults = ""
        if stage.consults:
            asked = ", ".join(
                f"{m.__name__.rsplit('.', 1)[1]} ({', '.join(p.number for p in m.DECLARATION.paragraphs)})"
                for m in stage.consults)
            consults = f"; weegt per geval ook {asked}"
        out.append(f"{i}. {paras}: {stage.does} — `{name}.{func}`{consults}")
    out += ["", "## Alle regel-id's", "",
            "Elke stap in de uitleg noemt een regel-id uit deze tabel en citeert de paragraaf "
            "ernaast: de paragraaf die de stap beslist. Een regel-id begint met de naam van de "
            "module die hem declareert en maakt; een deel tussen punthaken is een id uit de casus "
            "of de normenset. Een toeslag of aftrek citeert de paragraaf die de normenset bij die "
            "toeslag noemt (`paragraaf`); een toeslag met voorwaarde `huisstofmijt_na_sanering` "
            "moet §4.6 noemen.", "",
            "| Regel-id | Paragraaf | Module | Wat de regel beslist |", "|---|---|---|---|"]
    for entry in RULE_IDS:
        cited = entry.paragraph or "paragraaf uit de normenset"
        out.append(f"| `{entry.pattern}` | {cited} | `rules/{entry.module}.py` | {entry.decides} |")
    out += ["", "## Niet vertaalbaar", "",
            "Passages die een oordeel vragen dat geen formule is. Ze worden niet benaderd, maar "
            "als feit van de consulent vastgelegd en in de uitkomst onder `niet_vertaalbaar` "
            "genoemd (elke module declareert ze zelf):", ""]
    for module in UNTRANSLATED_ORDER:
        name = module.__name__.rsplit(".", 1)[1]
        for item in module.DECLARATION.untranslated:
            when = "" if item.when is None else " (als de casus het vastlegt)"
            out.append(f"* {item.paragraph}: {item.note or item.text}{when} — `rules/{name}.py`.")
    return "\n".join([BEGIN, *out, END])


def write(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    before, rest = text.split(BEGIN, 1)
    _, after = rest.split(END, 1)
    path.write_text(before + generated_section() + after, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Schrijf de gegenereerde tabellen in docs/regels.md.")
    parser.add_argument("--schrijf", type=Path, required=True, metavar="BESTAND")
    write(parser.parse_args().schrijf)


if __name__ == "__main__":
    main()
