"""§3 Which fact of the case applies to which item of the norm set (the vocabulary mapping).

A case states its facts on the shared vocabulary of household activities
(``norms/activiteiten.yaml``): what the client can do herself, what housemates, network and
private help take over, which tasks wait for a housemate's days at home, what rehabilitation
or a terminal situation asks, the consultant's deviations. A norm set counts its own items;
each item covers one or more vocabulary activities (``omvat``). §3: "Voor alle resultaten
geldt dat beoordeeld moet worden of de genoemde werkzaamheden nog gedeeltelijk zelf kunnen
worden gedaan" -- so the facts are applied per item, through the mapping:

* the facts are the same for every activity an item covers: the item gets that fact;
* the facts differ and the set declares weights (``gewichten``): the item's minutes (and those
  of every toeslag that extends it) are split exactly into parts, one per group of activities
  with the same facts, each part its own line and step; every rule then sees uniform facts;
* the facts differ and the set declares no weights: the differing fact is not applied to that
  item (computed as if it does not hold, which never lowers the help), with a step and a
  warning, and the indication is *voorlopig*;
* a fact about an activity the set has no item for (``niet_in_normenset``) cannot matter for
  the set's minutes: a warning names it (a deviation there is not applied: voorlopig).

Facts per result category need no mapping (an item belongs to one category). The rules read
the facts from :func:`apply`'s case, keyed by the lines' own ids; :func:`applies` answers for
any new fact "which value applies to this line". For a set whose items are the vocabulary
itself (``protocol-hbh``), nothing changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from hbh_indicatie.models.case import Ability, Case, Deviation, TaskSelection
from hbh_indicatie.models.norm_set import FigureStatus, NormSet
from hbh_indicatie.rules.context import Context
from hbh_indicatie.rules.explain import Said
from hbh_indicatie.rules.registry import Declaration, Paragraph, Rule
from hbh_indicatie.rules.state import Line, State, StepData
from hbh_indicatie.vocabulary import facts
from hbh_indicatie.vocabulary.mapping import ItemCover, Mapping, mapping
from hbh_indicatie.vocabulary.model import Vocabulary

PARAGRAPH = "§3"

DECLARATION = Declaration(
    "koppeling",
    (Paragraph("§3", "Normering huishoudelijke taken in minuten"),),
    (
        Rule("koppeling.omvat", "§3",
             "de feiten over de activiteiten die een onderdeel van de normenset omvat zijn "
             "gelijk: ze gelden voor het hele onderdeel"),
        Rule("koppeling.verdeling", "§3",
             "de feiten verschillen binnen een onderdeel: de tijd is naar de gewichten van de "
             "normenset verdeeld in delen"),
        Rule("koppeling.niet_toegepast", "§3",
             "de feiten verschillen binnen een onderdeel zonder gewichten: het feit is niet "
             "toegepast (voorlopig)"),
        Rule("koppeling.niet_in_normenset", "§3",
             "een afwijking op een activiteit waarvoor de normenset geen onderdeel heeft: niet "
             "toegepast (voorlopig)"),
    ),
)

Path = tuple[str, ...]
Signature = tuple[object, ...]

NOT_APPLIED = Ability.model_validate({"kan": "niet"})
"""What the client does herself of an item whose activities she does differently, when the set
has no weights to split it: the fact is not applied (never less help than without it)."""


def _every(line: Line) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class Mapped:
    """The case as the rules after the mapping read it (facts keyed by line ids), and which
    paths of the original case the translated fields stand for (so the list of unused facts
    stays right). The split lines, steps and warnings went into the state."""

    case: Case
    paths: dict[Path, tuple[Path, ...]] = field(default_factory=dict)


def item_of(line: Line) -> str:
    """The norm set item a line's work belongs to: itself, or for a part of a split item the
    item it was split from (a toeslag line keeps its own id)."""
    return line.extends if line.kind == "activiteit" and line.extends else line.id


def needed(case: Case, norms: NormSet, vocab: Vocabulary) -> bool:
    """Whether the case states facts on vocabulary activities that this set does not count
    one-to-one (so the facts need mapping)."""
    named = facts.named_activities(case)
    mapped = mapping(norms, vocab)
    return any((name in vocab.index and mapped.items.get(name) is None)
               or (name in mapped.items and mapped.items[name].covers != (name,))
               for name in named)


class _Facts:
    """The facts of the case per vocabulary activity."""

    def __init__(self, case: Case, vocab: Vocabulary) -> None:
        self.case, self.vocab = case, vocab
        self.capability = case.client.capability
        self.selections = facts.selections(case)

    def ability(self, name: str) -> Ability | None:
        """None: an activity of 'kinderen', left out in a household without children."""
        explicit = self.capability.per_activity.get(name)
        if explicit is not None:
            return explicit
        return self.capability.for_category(self.vocab.index[name].category)

    def selected(self, sel: TaskSelection, name: str) -> bool:
        return self.vocab.index[name].category in sel.categories or name in sel.activities

    def signature(self, name: str) -> Signature:
        return (self.ability(name), *(self.selected(s, name) for _, s in self.selections))

    def differing(self, names: Sequence[str]) -> list[str]:
        """Which facts (field paths) differ between these activities."""
        out: list[str] = []
        if len({self.ability(n) for n in names}) > 1:
            out.append("client.zelf.activiteiten")
        out += [path for path, sel in self.selections
                if len({self.selected(sel, n) for n in names}) > 1]
        return out


def _labels(vocab: Vocabulary, names: Sequence[str]) -> str:
    return ", ".join(vocab.label(n) for n in names)


def _groups(fx: _Facts, covers: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The item's activities grouped by equal facts, in the item's order."""
    groups: dict[Signature, list[str]] = {}
    for name in covers:
        groups.setdefault(fx.signature(name), []).append(name)
    return [tuple(g) for g in groups.values()]


def apply(ctx: Context, state: State) -> Mapped:
    """Map the case's facts onto the lines of ``state`` (after the norm and its toeslagen,
    before the consultant's deviations). The engine passes the case itself, not its watched
    view: the mapping reads every fact to map it; what the rules read of the mapped case is
    what counts as used."""
    case, norms, vocab = ctx.case, ctx.norms, ctx.activities
    if not needed(case, norms, vocab):
        return Mapped(case)
    mapped = mapping(norms, vocab)
    fx = _Facts(case, vocab)
    parts_of: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    mixed: dict[str, list[str]] = {}
    for item in mapped.items.values():
        if len(item.covers) < 2:
            continue
        groups = _groups(fx, item.covers)
        if len(groups) == 1:
            continue
        if item.weights is None:
            mixed[item.item] = fx.differing(item.covers)
            continue
        _split(state, norms, vocab, item, groups, parts_of)
    lines = state.find(_every)
    covers = {line.id: _covers_of(line, mapped, parts_of) for line in lines}
    _not_applied(state, norms, vocab, mapped, fx, mixed)
    _not_in_set(state, norms, vocab, mapped, case)
    _uniform_steps(state, norms, vocab, mapped, fx, mixed, lines)
    return _translate(case, fx, lines, covers, mixed, mapped, parts_of)


def _covers_of(line: Line, mapped: Mapping,
               parts_of: dict[str, list[tuple[str, tuple[str, ...]]]]) -> tuple[str, ...]:
    for part_id, group in parts_of.get(item_of(line) if line.kind == "activiteit"
                                       else (line.extends or ""), []):
        if part_id == line.id:
            return group
    item = mapped.items.get(item_of(line) if line.kind == "activiteit" else (line.extends or ""))
    return item.covers if item is not None else ()


def _split(
    state: State, norms: NormSet, vocab: Vocabulary, item: ItemCover,
    groups: list[tuple[str, ...]], parts_of: dict[str, list[tuple[str, tuple[str, ...]]]],
) -> None:
    """Split the item's line and every toeslag line extending it into exact parts (one per
    group of activities with the same facts, by the set's weights)."""
    assert item.weights is not None
    weight = dict(zip(item.covers, item.weights, strict=True))
    fractions = [sum((weight[n] for n in g), Fraction(0)) for g in groups]
    covered = _labels(vocab, item.covers)
    names = [_labels(vocab, g) for g in groups]

    def verdeling(line: Line) -> None:
        parts = state.split_line(line, [
            (f"{line.id}.{group[0]}", f"{line.label} — deel {name}", fraction)
            for group, name, fraction in zip(groups, names, fractions, strict=True)
        ], extends=item.item)
        for part, group, name, fraction in zip(parts, groups, names, fractions, strict=True):
            parts_of.setdefault(item.item, []).append((part.id, group))
            state.with_step(StepData(
                "koppeling.verdeling", PARAGRAPH,
                Said("'{0}' van normenset '{1}' omvat {2}. De feiten van de casus verschillen "
                     "tussen die activiteiten; daarom is de tijd verdeeld naar de gewichten van "
                     "de normenset: het deel {3} is {4:m2}% = {5:m} minuten per week.",
                     line.label, norms.id, covered, name, fraction * 100, part.norm),
                (("onderdeel", line.id), ("activiteiten", ", ".join(group)),
                 ("aandeel", f"{fraction.numerator}/{fraction.denominator}"),
                 ("gewichten", item.weights_source)),
                Fraction(0), part.id, norms.id,
            ))

    state.each_line(verdeling, lambda ln: (ln.kind == "activiteit" and ln.id == item.item)
                    or (ln.kind == "toeslag" and ln.extends == item.item))
    if item.weights_status is FigureStatus.EXAMPLE:
        state.with_warning(
            "gewichten_voorbeeld", PARAGRAPH,
            Said("De tijd van '{0}' is verdeeld naar gewichten van normenset '{1}' met status "
                 "voorbeeld: geen officiële verdeling.", item.label, norms.id),
        )


def _ability_said(ability: Ability | None) -> Said:
    if ability is None:
        return Said("{0}", "niet vastgelegd (geen kinderen in het huishouden)")
    if ability.own_share_percent:
        return Said("{0} {1}%", ability.level, ability.own_share_percent)
    return Said("{0}", ability.level)


def _not_applied(
    state: State, norms: NormSet, vocab: Vocabulary, mapped: Mapping, fx: _Facts,
    mixed: dict[str, list[str]],
) -> None:
    for item_id, paths in mixed.items():
        item = mapped.items[item_id]
        for path in paths:
            text: Said
            if path == "client.zelf.activiteiten":
                by: dict[Said, list[str]] = {}
                for name in item.covers:
                    by.setdefault(_ability_said(fx.ability(name)), []).append(name)
                parts = [Said("{0}: {1}", said, _labels(vocab, names))
                         for said, names in by.items()]
                what = Said("; ".join(f"{{{i}}}" for i in range(len(parts))), *parts)
                text = Said(
                    "Wat de cliënt zelf kan verschilt per activiteit van '{0}' ({1}). Normenset "
                    "'{2}' rekent '{0}' als één geheel en geeft geen gewichten per activiteit: "
                    "dit feit is bij dat onderdeel niet toegepast (gerekend alsof de cliënt het "
                    "niet zelf doet). Leg het vast voor het hele resultaatgebied, of kies een "
                    "normenset met gewichten.", item.label, what, norms.id)
            else:
                sel = dict(fx.selections)[path]
                yes = [n for n in item.covers if fx.selected(sel, n)]
                no = [n for n in item.covers if not fx.selected(sel, n)]
                text = Said(
                    "'{0}' noemt van '{1}' alleen {2}, niet {3}. Normenset '{4}' rekent '{1}' als "
                    "één geheel en geeft geen gewichten per activiteit: dit feit is bij dat "
                    "onderdeel niet toegepast (gerekend alsof het niet geldt). Leg het vast voor "
                    "het hele onderdeel, of kies een normenset met gewichten.",
                    path, item.label, _labels(vocab, yes), _labels(vocab, no), norms.id)
            state.with_unknown(
                f"{path} ({item_id})", "feit_niet_toe_te_passen", PARAGRAPH,
                Said("Feit '{0}' niet toegepast bij '{1}': het verschilt per activiteit en "
                     "normenset '{2}' heeft daar geen gewichten (voorlopig). Leg het vast voor "
                     "het hele onderdeel of resultaatgebied.", path, item.label, norms.id))
            state.with_step(StepData(
                "koppeling.niet_toegepast", PARAGRAPH, text,
                (("onderdeel", item_id), ("feit", path), ("omvat", ", ".join(item.covers))),
                Fraction(0), item_id, norms.id,
            ))


def _not_in_set(state: State, norms: NormSet, vocab: Vocabulary, mapped: Mapping,
                case: Case) -> None:
    named: dict[str, list[str]] = {}
    for name in case.client.capability.per_activity:
        named.setdefault(name, []).append("client.zelf.activiteiten")
    for path, sel in facts.selections(case):
        for name in sel.activities:
            named.setdefault(name, []).append(path)
    for name, paths in named.items():
        reason = mapped.not_in_set.get(name)
        if reason is None:
            continue
        state.with_warning(
            "niet_in_normenset", PARAGRAPH,
            Said("Normenset '{0}' heeft geen onderdeel voor '{1}' ({2}); wat de casus daarover "
                 "zegt ({3}) telt bij deze normenset niet mee.",
                 norms.id, vocab.label(name), reason, ", ".join(dict.fromkeys(paths))),
        )
    for i, dev in enumerate(case.deviations):
        reason = mapped.not_in_set.get(dev.activity)
        if reason is None:
            continue
        label = vocab.label(dev.activity)
        state.with_unknown(
            f"afwijkingen[{i}]", "afwijking_niet_in_normenset", PARAGRAPH,
            Said("Afwijking afwijkingen[{0}] ({1}) niet toegepast onder normenset '{2}' "
                 "(voorlopig).", i, label, norms.id))
        state.with_step(StepData(
            "koppeling.niet_in_normenset", PARAGRAPH,
            Said("afwijkingen[{0}]: normenset '{1}' heeft geen onderdeel voor '{2}' ({3}); de "
                 "afwijking van {4} minuten per week is niet toegepast.",
                 i, norms.id, label, reason, dev.minutes_per_week),
            (("activiteit", dev.activity),), Fraction(0), None, norms.id))


def _uniform_steps(state: State, norms: NormSet, vocab: Vocabulary, mapped: Mapping,
                   fx: _Facts, mixed: dict[str, list[str]], lines: tuple[Line, ...]) -> None:
    """One step per composite item whose activity facts were applied as one: it names the set's
    item and the vocabulary activities it covers."""
    named = facts.named_activities(fx.case)
    present = {item_of(ln) for ln in lines if ln.kind == "activiteit"}
    for item in mapped.items.values():
        if (len(item.covers) < 2 or item.item in mixed or item.item not in present
                or not named.intersection(item.covers)
                or len(_groups(fx, item.covers)) > 1):
            continue
        state.with_step(StepData(
            "koppeling.omvat", PARAGRAPH,
            Said("'{0}' van normenset '{1}' omvat {2}. Wat de casus over die activiteiten zegt, "
                 "is voor alle gelijk en geldt dus voor het hele onderdeel.",
                 item.label, norms.id, _labels(vocab, item.covers)),
            (("onderdeel", item.item), ("omvat", ", ".join(item.covers))),
            Fraction(0), item.item, norms.id,
        ))


def _translate(
    case: Case, fx: _Facts, lines: tuple[Line, ...], covers: dict[str, tuple[str, ...]],
    mixed: dict[str, list[str]], mapped: Mapping,
    parts_of: dict[str, list[tuple[str, tuple[str, ...]]]],
) -> Mapped:
    """The case with its facts keyed by the lines' ids (the set's items, or their parts)."""
    vocab = fx.vocab
    per = fx.capability.per_activity
    paths: dict[Path, tuple[Path, ...]] = {}
    abilities: dict[str, Ability] = {k: v for k, v in per.items() if k not in vocab.index}
    by_id = {ln.id: ln for ln in lines}
    for line_id, names in covers.items():  # in the order of the lines
        explicit = [n for n in names if n in per]
        if not explicit:
            continue
        line = by_id[line_id]
        if line.kind == "toeslag" and line.id.split(".", 1)[0] in abilities:
            continue  # the case names the toeslag itself: that fact comes first (§3)
        owner = item_of(line) if line.kind == "activiteit" else line.extends or ""
        mixed_here = "client.zelf.activiteiten" in mixed.get(owner, [])
        stated = fx.ability(names[0])
        # a line of 'kinderen' exists only with children, and then the case states it
        assert stated is not None, f"'client.zelf.kinderen' ontbreekt bij {line.id}"
        abilities[line.id] = NOT_APPLIED if mixed_here else stated
        paths[("client", "zelf", "activiteiten", line.id)] = tuple(
            ("client", "zelf", "activiteiten", n) for n in explicit)

    def rewrite(path: str, sel: TaskSelection) -> TaskSelection:
        if not any(a in vocab.index for a in sel.activities):
            return sel
        kept = [a for a in sel.activities if a not in vocab.index]
        kept += [ln.id for ln in lines
                 if (names := covers.get(ln.id, ())) and all(fx.selected(sel, n) for n in names)
                 and any(n in sel.activities for n in names)]
        return sel.model_copy(update={"activities": tuple(dict.fromkeys(kept))})

    translated = facts.with_selections(case, rewrite)
    client = translated.client
    capability = client.capability.model_copy(update={"per_activity": abilities})
    translated = translated.model_copy(
        update={"client": client.model_copy(update={"capability": capability})})
    deviations: list[Deviation] = []
    for i, dev in enumerate(case.deviations):
        if dev.activity in mapped.not_in_set:
            continue
        target = dev.activity
        item = mapped.owner.get(dev.activity)
        if item is not None:
            target = item
            for part_id, group in parts_of.get(item, []):
                if dev.activity in group and part_id.split(".", 1)[0] == item:
                    target = part_id
                    break
        paths[("afwijkingen", f"[{len(deviations)}]")] = (("afwijkingen", f"[{i}]"),)
        deviations.append(dev.model_copy(update={"activity": target}))
    translated = translated.model_copy(update={"deviations": tuple(deviations)})
    return Mapped(translated, paths)


def restore_paths(read: set[Path], paths: dict[Path, tuple[Path, ...]]) -> None:
    """Add to ``read`` the original case paths that the translated paths the rules read stand
    for (``client.zelf.activiteiten.<item>`` -> the vocabulary activities it came from)."""
    if not paths:
        return
    mapped: set[Path] = set()
    for path in read:
        for length in range(len(path), 0, -1):
            found = paths.get(path[:length])
            if found is not None:
                mapped.update((*p, *path[length:]) for p in found)
                break
        else:
            mapped.add(path)
    read.clear()
    read.update(mapped)


def item_ability(case: Case, norms: NormSet, vocab: Vocabulary, item_id: str | None,
                 fallback: Ability | None) -> Ability | None:
    """What the client does herself of one item of the set, for a rule that decides on a whole
    item before the mapping runs (an aftrek for 'eigen mogelijkheden', §1.6/§3): the ability
    all its activities share; where they differ the fact is not applied ('niet', as the
    mapping does); ``fallback`` (the category's) for an item without activities. None: an item
    of 'kinderen' in a household without children (the case may leave that out)."""
    item = mapping(norms, vocab).items.get(item_id or "")
    if item is None or not item.covers:
        return fallback
    fx = _Facts(case, vocab)
    found = {fx.ability(n) for n in item.covers}
    return found.pop() if len(found) == 1 else NOT_APPLIED


def item_selected(case: Case, norms: NormSet, vocab: Vocabulary, sel: TaskSelection,
                  item_id: str | None, category_selected: bool) -> bool:
    """Whether a task selection covers a whole item of the set (every activity it covers, by
    category or by name); ``category_selected`` for an item without activities."""
    item = mapping(norms, vocab).items.get(item_id or "")
    if item is None or not item.covers:
        return category_selected
    fx = _Facts(case, vocab)
    return all(fx.selected(sel, n) for n in item.covers)
