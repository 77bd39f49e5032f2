"""Facts the case gives that no rule used (issue 11, point 10).

A consultant who records an alarmering, or a private cleaner under the voorliggende
voorzieningen, should see that the indication did not count it, and why: the output lists
those facts instead of passing over them in silence.

What counts as *used* is recorded, not kept by hand: :func:`watch` gives the rules a view of
the case that notes every field they read (by its path in the case file). After the rules,
:func:`unused` lists every fact the case gives (a field set in the file, with a value that
says something: not empty, not ``nee``, not 0) that no rule read. A list item (a hulpmiddel,
a voorziening, a netwerklid) of which the rules read at most its kind or name is listed as a
whole. The view is only used when the explained indication is built (``engine.compute``):
``hbh batch`` runs the rules on the case itself and pays nothing for it.

Fields that describe the case file rather than the situation (kenmerk, omschrijving,
normenset, dates, levering) are not facts a rule weighs and are never listed.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Iterator
from typing import Any, cast

from pydantic import BaseModel

from hbh_indicatie.models.case import AidFact, Case, ProvisionFact
from hbh_indicatie.models.common import spoken
from hbh_indicatie.models.norm_set import Condition, NormSet

Path = tuple[str, ...]

ABOUT_THE_FILE = frozenset({"schema", "kenmerk", "omschrijving", "peildatum", "ingangsdatum",
                            "normen", "levering"})
"""Top-level fields that describe the case file, not the client's situation."""

NAMING_FIELDS = frozenset({"soort", "naam"})
"""Fields that only name a list item: reading them alone does not use the item."""

EMPTY: tuple[object, ...] = (None, False, 0, "", "nee", "geen", "niet", (), {})
"""Values that state nothing to use (no aid, no pets, 'nee', the client can 'niet')."""

DESCRIPTIVE = frozenset({("client", "leeftijd")})
"""Facts that describe the client but that no paragraph of the protocol weighs."""


class Reads:
    """The paths of the case fields the rules read, and the views handed out."""

    __slots__ = ("_views", "paths")

    def __init__(self) -> None:
        self.paths: set[Path] = set()
        self._views: dict[int, _Watched] = {}

    def watch(self, case: Case) -> Case:
        """A view of ``case`` that records what is read (typed as the case it stands for)."""
        return cast(Case, self._view(case, ()))

    def _view(self, model: BaseModel, path: Path) -> _Watched:
        view = self._views.get(id(model))
        if view is None:
            view = self._views[id(model)] = _Watched(model, path, self)
        return view

    def wrap(self, value: Any, path: Path) -> Any:
        if isinstance(value, BaseModel):
            return self._view(value, path)
        if isinstance(value, tuple) and any(isinstance(v, BaseModel) for v in value):
            return tuple(self.wrap(v, (*path, f"[{i}]")) for i, v in enumerate(value))
        if isinstance(value, dict) and any(isinstance(v, BaseModel) for v in value.values()):
            return {k: self.wrap(v, (*path, str(k))) for k, v in value.items()}
        return value


_KINDS: dict[tuple[type, str], tuple[str, Any]] = {}


def _kind(cls: type, name: str) -> tuple[str, Any]:
    """How ``name`` is found on a model class (cached): a field (with its alias), a property
    (its getter), the project's own method (its function), or anything else."""
    key = (cls, name)
    found = _KINDS.get(key)
    if found is None:
        static = inspect.getattr_static(cls, name, None)
        fields = cast(type[BaseModel], cls).model_fields
        if name in fields:
            found = ("field", fields[name].alias or name)
        elif isinstance(static, property):
            found = ("property", static.fget)
        elif isinstance(static, types.FunctionType) and static.__module__.startswith(
                "hbh_indicatie."):
            found = ("method", static)  # the project's own: runs on the view, its reads count
        else:
            found = ("other", None)  # pydantic's own (model_dump_json as a sort key): no use
        _KINDS[key] = found
    return found


class _Watched:
    """A read-only view of a case model that records every field read through it."""

    __slots__ = ("_model", "_path", "_reads", "_seen")

    def __init__(self, model: BaseModel, path: Path, reads: Reads) -> None:
        object.__setattr__(self, "_model", model)
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_reads", reads)
        object.__setattr__(self, "_seen", {})

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # isinstance(view, TaskSelection) holds as for the model
        return type(self._model)

    def __getattr__(self, name: str) -> Any:
        seen: dict[str, tuple[Path, Any]] = self._seen
        hit = seen.get(name)
        if hit is not None:  # a frozen model: the same path and value every time
            self._reads.paths.add(hit[0])
            return hit[1]
        model = self._model
        kind, how = _kind(type(model), name)
        if kind == "field":
            reads = self._reads
            path = (*self._path, how)
            reads.paths.add(path)
            value = reads.wrap(getattr(model, name), path)
            seen[name] = (path, value)
            return value
        if kind == "property":
            return how(self)
        if kind == "method":
            return types.MethodType(how, self)
        return getattr(model, name)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("de casus is alleen-lezen")

    def __eq__(self, other: object) -> bool:
        if type(other) is _Watched:
            other = other._model
        return bool(self._model == other)

    def __hash__(self) -> int:
        return hash(self._model)

    def __repr__(self) -> str:
        return f"gelezen({self._model!r})"


_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {}


def _fields(cls: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(name, alias) of a model's fields in their order (cached per class)."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple((n, f.alias or n) for n, f in cls.model_fields.items())
    return found


def _given(model: BaseModel, path: Path) -> Iterator[tuple[Path, Any]]:
    """Every (path, value) leaf the case file sets; list items and mappings are opened."""
    given = model.model_fields_set
    for name, alias in _fields(type(model)):
        if name in given:
            yield from _leaves((*path, alias), getattr(model, name))


def _leaves(path: Path, value: Any) -> Iterator[tuple[Path, Any]]:
    if isinstance(value, BaseModel):
        yield from _given(value, path)
    elif isinstance(value, tuple) and any(isinstance(v, BaseModel) for v in value):
        for i, item in enumerate(value):
            yield from _leaves((*path, f"[{i}]"), item)
    elif isinstance(value, dict) and any(isinstance(v, BaseModel) for v in value.values()):
        for key, item in value.items():
            yield from _leaves((*path, str(key)), item)
    else:
        yield path, value


def _text(path: Path) -> str:
    return "".join(p if p.startswith("[") or i == 0 else f".{p}" for i, p in enumerate(path))


def _value_text(value: Any) -> str:
    if value is True:
        return "ja"
    if isinstance(value, tuple):
        return ", ".join(_value_text(v) for v in value)
    return str(getattr(value, "value", value))


def _empty(value: Any) -> bool:
    """Whether ``value`` is one of :data:`EMPTY` (True is not 1 here, 0 is not False)."""
    if value is None or value is False:
        return True
    kind = type(value)
    if kind is int:
        return bool(value == 0)
    if isinstance(value, str):
        return value in ("", "nee", "geen", "niet")
    if kind is tuple or kind is dict:
        return not value
    return False


def unused(case: Case, reads: Reads, norms: NormSet) -> tuple[tuple[str, str, str], ...]:
    """(field path, value, reason in Dutch) for every fact the case gives that no rule read."""
    found: list[tuple[str, str, str]] = []
    items: dict[Path, list[tuple[Path, Any]]] = {}
    for path, value in _given(case, ()):
        if path[0] in ABOUT_THE_FILE or path in DESCRIPTIVE or _empty(value):
            continue
        item = _item(path)
        if item is not None:
            items.setdefault(item, []).append((path, value))
        elif path not in reads.paths:
            found.append((_text(path), _value_text(value), _reason(path, norms)))
    for item, leaves in items.items():
        said = [(p, v) for p, v in leaves if p[-1] not in NAMING_FIELDS]
        if not said:
            continue  # only a name and empty facts ('aanwezig: nee, haalbaar: nee'): says nothing
        if not any(p in reads.paths for p, _ in said):
            model = _model_at(case, item)
            found.append((_text(item), _item_text(model), _item_reason(model, norms)))
            continue
        found += [(_text(p), _value_text(v), _reason(p, norms))
                  for p, v in said if p not in reads.paths]
    return tuple(found)


def _item(path: Path) -> Path | None:
    """The list item a leaf belongs to (its first index), if any."""
    for i, part in enumerate(path):
        if part.startswith("["):
            return path[: i + 1]
    return None


def _model_at(case: Case, path: Path) -> BaseModel:
    node: Any = case
    for part in path:
        if part.startswith("["):
            node = node[int(part[1:-1])]
        else:
            node = getattr(node, next(n for n, a in _fields(type(node)) if a == part))
    return cast(BaseModel, node)


def _item_text(model: BaseModel) -> str:
    for name in ("kind", "name", "activity"):
        value = getattr(model, name, None)
        if value is not None:
            return _value_text(value)
    return type(model).__name__


def _item_reason(model: BaseModel, norms: NormSet) -> str:
    if isinstance(model, AidFact | ProvisionFact):
        kind = model.kind
        counted = any((r.aid if isinstance(model, AidFact) else r.provision) == kind
                      for a in norms.activities for r in a.replaceable_by)
        name = spoken(kind.value)
        if not counted:
            text = (f"Normenset '{norms.id}' rekent bij geen activiteit met een {name}; het telt "
                    "niet mee.")
            if kind.value == "particuliere_poetshulp":
                text += (" Particuliere hulp die er al is, legt u vast onder 'particuliere_hulp' "
                         "(§1.6).")
            return text
        return (f"De activiteiten waarbij een {name} meetelt, werden al gedaan (door de cliënt "
                "zelf of door anderen) of komen in dit huishouden niet voor.")
    return _generic(norms)


FACT_CONDITIONS: dict[Path, tuple[Condition, ...]] = {
    ("huisdieren",): (Condition.PET,),
    ("derde_persoon",): (Condition.THIRD_PERSON,),
    ("woning", "kenmerken_extra_werk"): (Condition.DWELLING,),
    ("woning", "extra_kamers_in_gebruik"): (Condition.ROOM_IN_USE,),
    ("woning", "extra_kamers_niet_in_gebruik"): (Condition.ROOM_NOT_IN_USE,),
    ("client", "extra_inzet_door_beperkingen"): (Condition.LIMITATIONS_SOME,
                                                 Condition.LIMITATIONS_MUCH),
}
"""Case facts that only a toeslag or aftrek of the norm set weighs (§3)."""


def _reason(path: Path, norms: NormSet) -> str:
    conditions = FACT_CONDITIONS.get(path)
    if conditions is None and path[0] == "meer_professionele_inzet" and len(path) == 2:
        conditions = tuple(c for c in Condition if c.value == path[1])
    if conditions and not any(s.condition in conditions for s in norms.supplements):
        return (f"Normenset '{norms.id}' kent hiervoor geen toeslag of aftrek (§3); het telt "
                "niet mee.")
    return _generic(norms)


def _generic(norms: NormSet) -> str:
    return (f"Geen regel heeft dit feit gebruikt bij deze indicatie (normenset '{norms.id}'): "
            "het veranderde de uitkomst niet.")
