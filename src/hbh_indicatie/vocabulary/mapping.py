"""How one norm set's items map onto the vocabulary (``omvat``, ``gewichten``,
``niet_in_normenset``), and the checks of that mapping.

An item covers one or more vocabulary activities (many-to-one: a KPMG basismodule covers
every cleaning activity; one-to-one: the protocol's own items). Its optional weights say
which share of the item's minutes each covered activity has; they are normalised here to
exact fractions that add up to exactly 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from hbh_indicatie.models.norm_set import FigureStatus, NormSet
from hbh_indicatie.vocabulary.model import Vocabulary


@dataclass(frozen=True, slots=True)
class ItemCover:
    """One item of a norm set and the vocabulary activities it covers."""

    item: str
    label: str
    covers: tuple[str, ...]
    weights: tuple[Fraction, ...] | None
    """Shares of the item's minutes, aligned with ``covers``, summing to exactly 1; None when
    the set declares no weights."""
    weights_status: FigureStatus | None
    weights_source: str


@dataclass(frozen=True, slots=True)
class Mapping:
    """The whole mapping of one norm set onto the vocabulary."""

    norms_id: str
    items: dict[str, ItemCover]
    owner: dict[str, str]
    """Vocabulary activity -> the item that covers it."""
    not_in_set: dict[str, str]
    """Vocabulary activity -> why the set has no item for it (declared, or 'niet genoemd')."""

    def is_identity(self) -> bool:
        """Every item covers exactly the vocabulary activity with its own id (protocol-hbh)."""
        return all(c.covers == (c.item,) for c in self.items.values())


def _normalised(weights: dict[str, Fraction], covers: tuple[str, ...]) -> tuple[Fraction, ...]:
    whole = sum(weights.values(), Fraction(0))
    return tuple(weights[name] / whole for name in covers)


class SetKey:
    """A norm set compared by identity (a frozen set never changes; cheap cache key)."""

    __slots__ = ("norms", "vocab")

    def __init__(self, norms: NormSet, vocab: Vocabulary) -> None:
        self.norms, self.vocab = norms, vocab

    def __hash__(self) -> int:
        return hash((id(self.norms), id(self.vocab)))

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, SetKey) and other.norms is self.norms
                and other.vocab is self.vocab)


def mapping(norms: NormSet, vocab: Vocabulary) -> Mapping:
    """The mapping of ``norms`` onto ``vocab`` (computed once per set)."""
    return _mapping(SetKey(norms, vocab))


@lru_cache(maxsize=64)
def _mapping(key: SetKey) -> Mapping:
    norms, vocab = key.norms, key.vocab
    items: dict[str, ItemCover] = {}
    owner: dict[str, str] = {}
    for act in norms.activities:
        covers = tuple(n for n in act.covered if n in vocab.index)
        weights = None
        if act.weights and len(covers) == len(act.covered):
            weights = _normalised({w.activity: Fraction(w.weight) for w in act.weights}, covers)
        prov = act.weights_provenance
        source = ""
        if prov is not None:
            source = prov.status.value + (f", {prov.source}" if prov.source else "")
        items[act.id] = ItemCover(act.id, act.label, covers, weights,
                                  prov.status if prov is not None else None, source)
        for name in covers:
            owner.setdefault(name, act.id)
    declared = {n.activity: n.reason for n in norms.not_covered}
    not_in_set = {
        a.id: declared.get(a.id, f"normenset '{norms.id}' noemt deze activiteit niet")
        for a in vocab.activities if a.id not in owner
    }
    return Mapping(norms.id, items, owner, not_in_set)


def problems(norms: NormSet, vocab: Vocabulary) -> list[str]:
    """Every way the set's mapping does not fit the vocabulary (Dutch, one line each): the
    errors of :func:`errors` and the gaps of :func:`gaps`."""
    return errors(norms, vocab) + gaps(norms, vocab)


def gaps(norms: NormSet, vocab: Vocabulary) -> list[str]:
    """An item that maps onto nothing, or a vocabulary activity the set neither covers nor
    declares 'niet_in_normenset': ``hbh normen controleer`` reports these (the engine warns
    whenever a case's fact meets one, never drops it in silence)."""
    known = vocab.index
    found = [f"activiteit '{act.id}': hoort bij geen activiteit uit de woordenlijst; noem in "
             "'omvat' welke activiteiten (norms/activiteiten.yaml) het omvat"
             for act in norms.activities if not act.covers and act.id not in known]
    covered = {n for act in norms.activities for n in act.covered}
    declared = {n.activity for n in norms.not_covered}
    missing = [a.id for a in vocab.activities if a.id not in covered and a.id not in declared]
    if missing:
        found.append(f"{'deze activiteit' if len(missing) == 1 else 'deze activiteiten'} uit de "
                     f"woordenlijst {'valt' if len(missing) == 1 else 'vallen'} onder geen "
                     f"activiteit van de set: {', '.join(missing)}; noem ze in 'omvat' of in "
                     "'niet_in_normenset' (met reden)")
    return found


def errors(norms: NormSet, vocab: Vocabulary) -> list[str]:
    """Names that are not in the vocabulary, and an item covering an activity of another result
    category: the set is refused when loaded."""
    found: list[str] = []
    known = vocab.index
    for act in norms.activities:
        for name in act.covers:
            entry = known.get(name)
            if entry is None:
                found.append(f"activiteit '{act.id}': 'omvat' noemt '{name}', die niet in de "
                             "woordenlijst staat")
            elif entry.category is not act.category:
                found.append(f"activiteit '{act.id}' ({act.category.value}) omvat '{name}' uit "
                             f"een ander resultaatgebied ({entry.category.value})")
    for item in norms.not_covered:
        if item.activity not in known:
            found.append(f"niet_in_normenset: '{item.activity}' staat niet in de woordenlijst")
    return found
