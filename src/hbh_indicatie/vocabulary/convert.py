"""Old case files: activities named by a norm set's own items, converted to the vocabulary.

Before the shared vocabulary a case named the items of one norm set (``hhm-ho``'s
``schoon_en_leefbaar_huis`` in ``kan_overnemen.activiteiten``). Such an item is converted to
all the vocabulary activities it covers under the set the case names (``normen``), so the
case means the same under every set. Toeslag ids stay as they are (a fact about extra time of
that set). A deviation (``afwijkingen``) names minutes of one norm: it is converted only when
the item covers exactly one activity; otherwise it keeps the item id (it then only applies
under that set).

The conversion is idempotent: a converted case names only vocabulary activities and toeslag
ids, which are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from hbh_indicatie.models.case import Ability, Case, TaskSelection
from hbh_indicatie.models.norm_set import NormSet
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.state import State
from hbh_indicatie.vocabulary import facts
from hbh_indicatie.vocabulary.mapping import SetKey
from hbh_indicatie.vocabulary.model import Vocabulary


@dataclass(frozen=True, slots=True)
class Conversion:
    """One activity reference converted: where, the old id, the vocabulary ids now named."""

    field: str
    old: str
    new: tuple[str, ...]

    def text(self) -> str:
        return f"{self.field}: '{self.old}' -> {', '.join(self.new)}"


def _convertible(norms: NormSet, vocab: Vocabulary) -> dict[str, tuple[str, ...]]:
    """Item id -> its vocabulary activities, for the items whose id is no vocabulary id
    (computed once per norm set: a hot path of the engine)."""
    return _table(SetKey(norms, vocab))


@lru_cache(maxsize=64)
def _table(key: SetKey) -> dict[str, tuple[str, ...]]:
    norms, vocab = key.norms, key.vocab
    return {a.id: a.covered for a in norms.activities
            if a.id not in vocab.index and a.covered and all(n in vocab.index for n in a.covered)}


def legacy_names(case: Case) -> bool:
    """Whether the case names an activity outside the vocabulary (an item or toeslag of some
    set) and names its own set, so a conversion may need that set."""
    from hbh_indicatie.vocabulary.load import vocabulary

    if case.norm_set is None:
        return False
    known = vocabulary().index
    return any(name not in known for name in facts.named_activities(case))


def needs_conversion(case: Case, norms: NormSet, vocab: Vocabulary) -> bool:
    table = _convertible(norms, vocab)
    return any(name in table for name in facts.named_activities(case))


def to_vocabulary(case: Case, norms: NormSet, vocab: Vocabulary) -> tuple[Case, tuple[Conversion, ...]]:
    """``case`` with every item of ``norms`` (the set the case names) replaced by the
    vocabulary activities it covers, and what was converted (empty: nothing to convert)."""
    table = _convertible(norms, vocab)
    if not table or not any(name in table for name in facts.named_activities(case)):
        return case, ()
    done: list[Conversion] = []

    def expand(field: str, names: tuple[str, ...]) -> tuple[str, ...]:
        out: list[str] = []
        for name in names:
            new = table.get(name)
            if new is None:
                out.append(name)
                continue
            done.append(Conversion(field, name, new))
            out += new
        return tuple(dict.fromkeys(out))

    def rewrite(path: str, sel: TaskSelection) -> TaskSelection:
        if not any(a in table for a in sel.activities):
            return sel
        return sel.model_copy(update={"activities": expand(f"{path}.activiteiten",
                                                           sel.activities)})

    converted = facts.with_selections(case, rewrite)
    abilities: dict[str, Ability] = {}
    per_activity = case.client.capability.per_activity
    for name, ability in per_activity.items():
        new = table.get(name)
        if new is None:
            abilities[name] = ability
            continue
        done.append(Conversion(f"client.zelf.activiteiten.{name}", name, new))
        for target in new:
            abilities.setdefault(target, ability)
    # An activity named directly keeps its own ability over the one of the item covering it.
    abilities.update({k: v for k, v in per_activity.items() if k not in table})
    if abilities != per_activity:
        client = converted.client
        capability = client.capability.model_copy(update={"per_activity": abilities})
        converted = converted.model_copy(update={
            "client": client.model_copy(update={"capability": capability})})
    deviations = []
    for i, dev in enumerate(case.deviations):
        new = table.get(dev.activity)
        if new is not None and len(new) == 1:
            done.append(Conversion(f"afwijkingen[{i}].activiteit", dev.activity, new))
            dev = dev.model_copy(update={"activity": new[0]})
        deviations.append(dev)
    converted = converted.model_copy(update={"deviations": tuple(deviations)})
    return converted, tuple(done)


def own_set_named(case: Case, norms: NormSet) -> bool:
    """Whether ``norms`` is the set the case names (or the case names none)."""
    return case.norm_set is None or case.norm_set.split("@", 1)[0] == norms.id


def implicit(case: Case, norms: NormSet, vocab: Vocabulary,
             own: NormSet | None) -> tuple[Case, tuple[Conversion, ...]]:
    """The conversion the engine does by itself, with the set the case names: ``own`` when
    given, else ``norms`` when that is the set the case names. Otherwise the case is left as
    it is (an id it names that ``norms`` does not know is then reported)."""
    if own is not None:
        return to_vocabulary(case, own, vocab)
    if own_set_named(case, norms):
        return to_vocabulary(case, norms, vocab)
    return case, ()


def warn(state: State, conversions: tuple[Conversion, ...], norms: NormSet) -> None:
    """The warning that an old case was converted (never silently); worded on demand."""
    done = "; ".join(c.text() for c in conversions)
    state.with_warning(
        "casus_omgezet", "§3",
        Said("De casus noemt onderdelen van normenset '{0}' in plaats van activiteiten uit de "
             "woordenlijst (norms/activiteiten.yaml). Omgezet naar alle activiteiten die het "
             "onderdeel omvat: {1}. Zet het bestand blijvend om met 'hbh casus zetom'.",
             norms.id, done),
    )


def paths(conversions: tuple[Conversion, ...]) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Converted ability keys -> the original key (for the list of unused facts)."""
    found: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for conv in conversions:
        if conv.field.startswith("client.zelf.activiteiten."):
            for name in conv.new:
                found[("client", "zelf", "activiteiten", name)] = (
                    ("client", "zelf", "activiteiten", conv.old),)
    return found


def case_yaml(case: Case, note: str) -> str:
    """The case as a YAML case file (the fields the file gave, in the model's order)."""
    import yaml

    data = case.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return f"# {note}\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def foreign(case: Case, norms: NormSet, own: NormSet | None,
            vocab: Vocabulary) -> tuple[Case, tuple[str, ...], tuple[int, ...]]:
    """A case computed under another set than its own (``own``) may name a toeslag (or an
    item that covers several activities) of its own set that ``norms`` does not have. Such a
    fact cannot apply under ``norms``: it is taken out, and the names (and the deviations
    taken out, by index) are returned so the engine says so. Ids that neither set knows stay
    (they are reported as unknown, never guessed)."""
    if own is None or own is norms:
        return case, (), ()
    here = set(vocab.index) | {a.id for a in norms.activities} | {s.id for s in norms.supplements}
    theirs = {a.id for a in own.activities} | {s.id for s in own.supplements}
    out = {n for n in facts.named_activities(case) if n not in here and n in theirs}
    if not out:
        return case, (), ()

    def rewrite(path: str, sel: TaskSelection) -> TaskSelection:
        if not any(a in out for a in sel.activities):
            return sel
        return sel.model_copy(update={"activities": tuple(a for a in sel.activities
                                                          if a not in out)})

    kept = facts.with_selections(case, rewrite)
    per_activity = case.client.capability.per_activity
    if any(k in out for k in per_activity):
        client = kept.client
        capability = client.capability.model_copy(update={"per_activity": {
            k: v for k, v in per_activity.items() if k not in out}})
        kept = kept.model_copy(update={"client": client.model_copy(
            update={"capability": capability})})
    dropped = tuple(i for i, d in enumerate(case.deviations) if d.activity in out)
    if dropped:
        kept = kept.model_copy(update={"deviations": tuple(
            d for d in case.deviations if d.activity not in out)})
    return kept, tuple(sorted(out)), dropped


def warn_foreign(state: State, names: tuple[str, ...], dropped: tuple[int, ...],
                 norms: NormSet, own: NormSet) -> None:
    """Say which facts of the case's own set could not apply under ``norms`` (never silent);
    a deviation that could not apply makes the indication voorlopig. Worded on demand."""
    state.with_warning(
        "niet_in_normenset", "§3",
        Said("De casus noemt {0} van normenset '{1}'; normenset '{2}' kent die niet: wat de "
             "casus daarover zegt, telt hier niet mee.",
             ", ".join(map(repr, names)), own.id, norms.id),
    )
    for i in dropped:
        state.with_unknown(
            f"afwijkingen[{i}]", "afwijking_niet_in_normenset", "§3",
            Said("Afwijking afwijkingen[{0}] op een onderdeel van normenset '{1}' is onder "
                 "normenset '{2}' niet toegepast (voorlopig).", i, own.id, norms.id))


def kept_paths(count: int, dropped: tuple[int, ...]) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The deviations left after :func:`foreign` -> their index in the case file."""
    kept = [i for i in range(count) if i not in dropped]
    return {("afwijkingen", f"[{j}]"): (("afwijkingen", f"[{i}]"),)
            for j, i in enumerate(kept) if i != j}
