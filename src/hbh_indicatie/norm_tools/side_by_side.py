"""One case under several norm frameworks: compute each, and explain the differences.

``hbh bereken CASUS --normen A --normen B ...`` shows the indications side by side. A set
that cannot compute the case gives a column with the reason instead of a number: a needed
module has status onbekend, or the case names activities or lacks facts (hulpmiddelen) that
are specific to another set. Errors in the case itself stop the run before any set is tried. The explanation
compares every indication with the first: the delta per result category, the norm items
that carry the help minutes in each, and the rules that applied under only one of them
(for instance a toeslag the other framework does not know). The protocol's own rules
(§1-§2, e.g. the 7-etmalen rule) apply under every framework; each step names the
framework its figures came from (``kader``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from hbh_indicatie.engine import compute
from hbh_indicatie.errors import InputError, NormNotApplicable
from hbh_indicatie.models.case import Case
from hbh_indicatie.models.common import CATEGORY_LABELS, Category
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.models.norm_set import NormSet


@dataclass(frozen=True)
class NotComputed:
    norms_id: str
    version: str
    title: str
    reason: str
    case_key: str


Result = Indication | NotComputed


def compute_each(case: Case, loaded: Sequence[LoadedNorms], origin: str,
                 own: NormSet | None = None) -> list[Result]:
    """``own``: the set the case names itself (converts an old case naming its items)."""
    results: list[Result] = []
    for norms in loaded:
        try:
            results.append(compute(case, norms, origin, own=own))
        except NormNotApplicable as exc:
            n = norms.norms
            results.append(NotComputed(n.id, n.version, n.title, exc.message, case.key))
        except InputError as exc:  # the case refers to what only another set has
            n = norms.norms
            results.append(NotComputed(n.id, n.version, n.title, (
                f"de casus past niet bij normenset '{n.id}': "
                + "; ".join(p.render() for p in exc.problems)), case.key))
    return results


def category_minutes(ind: Indication, cat: Category) -> Fraction | None:
    found = [c.hulp_minuten_per_week for c in ind.categorieen if c.categorie is cat]
    return found[0] if found else None


@dataclass(frozen=True)
class CategoryDelta:
    label: str
    base: Fraction
    other: Fraction
    base_items: tuple[tuple[str, Fraction], ...]
    other_items: tuple[tuple[str, Fraction], ...]

    @property
    def delta(self) -> Fraction:
        return self.other - self.base


@dataclass(frozen=True)
class RuleOnlyIn:
    which: str
    rule: str
    paragraph: str
    framework: str
    text: str


@dataclass(frozen=True)
class Explanation:
    base_id: str
    other_id: str
    total_delta: int
    categories: tuple[CategoryDelta, ...]
    rules: tuple[RuleOnlyIn, ...]


def name(result: Result) -> str:
    """'id versie' of the norm set behind a result."""
    if isinstance(result, NotComputed):
        return f"{result.norms_id} {result.version}"
    return f"{result.stempel.normen_id} {result.stempel.normen_versie}"


def _items(ind: Indication, cat: Category) -> tuple[tuple[str, Fraction], ...]:
    return tuple((a.id, a.hulp_minuten_per_week) for a in ind.activiteiten
                 if a.categorie is cat and a.hulp_minuten_per_week > 0)


def _rules(ind: Indication) -> dict[str, tuple[str, str, str]]:
    """Rules that changed minutes (first step of each), norm items and rounding aside."""
    found: dict[str, tuple[str, str, str]] = {}
    for s in ind.uitleg:
        if s.minuten_per_week and not s.regel.startswith(("normering.", "afronding")):
            found.setdefault(s.regel, (s.paragraaf, s.kader, s.tekst))
    return found


def explain_pair(base: Indication, other: Indication) -> Explanation:
    cats: list[CategoryDelta] = []
    for cat in Category:
        a, b = category_minutes(base, cat), category_minutes(other, cat)
        if a is None and b is None:
            continue
        a, b = a or Fraction(0), b or Fraction(0)
        if a != b:
            cats.append(CategoryDelta(CATEGORY_LABELS[cat], a, b, _items(base, cat),
                                      _items(other, cat)))
    base_rules, other_rules = _rules(base), _rules(other)
    only = [RuleOnlyIn(name(base), r, *base_rules[r]) for r in base_rules
            if r not in other_rules]
    only += [RuleOnlyIn(name(other), r, *other_rules[r]) for r in other_rules
             if r not in base_rules]
    return Explanation(name(base), name(other),
                       other.totaal_minuten_per_week - base.totaal_minuten_per_week,
                       tuple(cats), tuple(only))


def explain(results: Sequence[Result]) -> tuple[Explanation, ...]:
    """Each computed indication against the first computed one."""
    computed = [r for r in results if isinstance(r, Indication)]
    if len(computed) < 2:
        return ()
    return tuple(explain_pair(computed[0], other) for other in computed[1:])
