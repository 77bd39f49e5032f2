"""The form's fields, derived from the case model (:class:`hbh_indicatie.models.case.Case`).

Every field of the model becomes a :class:`Field` with its Dutch name (the alias of the case
file), kind, choices, bounds and nesting; labels, help texts and protocol paragraphs come
from :mod:`hbh_indicatie.werkplek.teksten`, with a readable fallback. A fact the rules
engineers add to the model appears in the form without changing this module; a field of a
shape the form cannot show becomes kind ``niet_ondersteund``: the page says so and the tests
fail on it, while the rest of the form keeps working.
"""

from __future__ import annotations

import types
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from annotated_types import Ge, Le
from pydantic import BaseModel, BeforeValidator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from hbh_indicatie.models.case import Ability, Case, TaskSelection
from hbh_indicatie.werkplek import teksten


@dataclass(frozen=True)
class Field:
    """One field of the form.

    ``path`` is the dotted Dutch path of the case file without list positions
    (``huisgenoten.naam``); the form's input names add them (``huisgenoten.0.naam``).
    """

    name: str
    path: str
    kind: str
    """tekst, getal, datum, keuze, janee, meerkeuze, groep, lijst, sleutellijst, taken,
    vermogen, per_activiteit, keuze_of_groep (words or a group of facts), keuze_of_lijst (words
    or a list of rows: 'geen' or absences), vermogen_of_taken (an ability or a selection of
    tasks), niet_ondersteund."""
    label: str
    help: str
    required: bool
    nullable: bool = False
    unknown: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    children: tuple[Field, ...] = field(default_factory=tuple)
    key: str | None = None
    """For a sleutellijst: the child that identifies a row (``soort``)."""

    def child(self, name: str) -> Field:
        return next(c for c in self.children if c.name == name)

    @property
    def optional(self) -> bool:
        """Whether the form may say "(als het van toepassing is)": the model lets it out (no
        value, or ``null``) and it is not one that a check of the model demands whenever the
        form asks it (:data:`teksten.REQUIRED_WHEN_ASKED`: shown only under its condition,
        required there). ``nullable`` alone says nothing: ``verwacht_herstel`` must be in
        the file, ``null`` only while the beperkingen are langdurig."""
        return (not self.required or self.nullable) and \
            self.path not in teksten.REQUIRED_WHEN_ASKED


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    metadata: list[Any] = []
    while get_origin(annotation) is Annotated:
        args = get_args(annotation)
        annotation, metadata = args[0], [*metadata, *args[1:]]
    return annotation, metadata


def _flat(annotation: Any, metadata: list[Any]) -> list[Any]:
    """The members of a union, nested unions and Annotated unwrapped (metadata collected)."""
    found: list[Any] = []
    for arg in get_args(annotation):
        arg, extra = _unwrap(arg)
        metadata += extra
        found += _flat(arg, metadata) if get_origin(arg) in (Union, types.UnionType) else [arg]
    return found


def _bounds(metadata: list[Any]) -> tuple[int | None, int | None]:
    # Annotated[int, Field(ge=1)] keeps its bounds in the FieldInfo's own metadata
    flat = [n for m in metadata for n in (m.metadata if isinstance(m, FieldInfo) else [m])]
    low = next((int(str(m.ge)) for m in flat if isinstance(m, Ge)), None)
    high = next((int(str(m.le)) for m in flat if isinstance(m, Le)), None)
    return low, high


def _shorthand_words(metadata: list[Any]) -> list[str]:
    """The words a field's validator also reads in place of its value (``afwezigheid: geen``
    for a list): the literals of the ``json_schema_input_type`` the model declares."""
    words: list[str] = []
    for m in metadata:
        declared = getattr(m, "json_schema_input_type", PydanticUndefined)
        if not isinstance(m, BeforeValidator) or declared is PydanticUndefined:
            continue
        declared, _ = _unwrap(declared)
        members = (_flat(declared, []) if get_origin(declared) in (Union, types.UnionType)
                   else [declared])
        words += [str(w) for a in members if get_origin(a) is Literal for w in get_args(a)]
    return list(dict.fromkeys(words))


def _choices(path: str, values: list[str]) -> tuple[tuple[str, str], ...]:
    return tuple((v, teksten.choice_label(path, v)) for v in values)


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Enum)


def _from(name: str, path: str, annotation: Any, info: FieldInfo | None) -> Field:
    required = info is None or (info.default is PydanticUndefined and info.default_factory is None)
    metadata = list(info.metadata) if info is not None else []
    annotation, more = _unwrap(annotation)
    metadata += more
    nullable = unknown = False
    if get_origin(annotation) in (Union, types.UnionType):
        options = []
        for arg in _flat(annotation, metadata):
            if arg is type(None):
                nullable = True
            elif get_origin(arg) is Literal and get_args(arg) == ("onbekend",):
                unknown = True
            else:
                options.append(arg)
    label, help_text = teksten.label(path, name)
    base = Field(name=name, path=path, kind="", label=label, help=help_text, required=required,
                 nullable=nullable, unknown=unknown)
    if get_origin(annotation) in (Union, types.UnionType):
        models = [o for o in options if _is_model(o)]
        words = [o for o in options if get_origin(o) is Literal]
        if len(options) == 2 and len(models) == 1 and len(words) == 1:
            # a choice of words or a group of facts: 'nee', 'onbekend' or {motivering: ...}
            values = [str(v) for v in get_args(words[0])]
            if "onbekend" in values:
                values.remove("onbekend")
                base = replace(base, unknown=True)
            return replace(base, kind="keuze_of_groep", choices=_choices(path, values),
                           children=_children(models[0], path))
        if len(options) == 2 and Ability in options and TaskSelection in options:
            # an ability (volledig, {gedeeltelijk: 50}, niet, onbekend) or the tasks taken over
            return replace(base, kind="vermogen_of_taken", children=_children(Ability, path))
        if len(options) != 1:
            return replace(base, kind="niet_ondersteund")
        annotation, extra = _unwrap(options[0])
        metadata += extra
    low, high = _bounds(metadata)
    origin = get_origin(annotation)
    if annotation is bool:
        return replace(base, kind="janee", choices=_choices(path, ["ja", "nee"]))
    if annotation is int:
        return replace(base, kind="getal", minimum=low, maximum=high)
    if annotation is str:
        return replace(base, kind="tekst")
    if annotation is date:
        return replace(base, kind="datum")
    if origin is Literal:
        values = [str(v) for v in get_args(annotation)]
        if "onbekend" in values:
            values.remove("onbekend")
            base = replace(base, unknown=True)
        return replace(base, kind="keuze", choices=_choices(path, values))
    if _is_enum(annotation):
        return replace(base, kind="keuze", choices=_choices(path, [m.value for m in annotation]))
    if annotation is TaskSelection:
        return replace(base, kind="taken")
    if annotation is Ability:
        return replace(base, kind="vermogen", children=_children(annotation, path))
    if origin is tuple:
        item, _ = _unwrap(get_args(annotation)[0])
        if _is_enum(item):
            return replace(base, kind="meerkeuze", choices=_choices(path, [m.value for m in item]),
                         minimum=next((int(m.min_length) for m in metadata
                                       if hasattr(m, "min_length")), None))
        if _is_model(item):
            children = _children(item, path)
            key = next((c.name for c in children if c.name == "soort" and c.kind == "keuze"), None)
            words = [w for w in _shorthand_words(metadata) if w != "onbekend"]
            if words and not key:
                # 'geen' or rows: a choice, the rows shown for the other answer
                return replace(base, kind="keuze_of_lijst", children=children,
                               choices=_choices(path, words))
            return replace(base, kind="sleutellijst" if key else "lijst", children=children, key=key)
    if origin is dict:
        value, _ = _unwrap(get_args(annotation)[1])
        if value is Ability:
            return replace(base, kind="per_activiteit", children=_children(Ability, path))
    if _is_model(annotation):
        return replace(base, kind="groep", children=_children(annotation, path))
    return replace(base, kind="niet_ondersteund")


def _children(model: type[BaseModel], parent: str) -> tuple[Field, ...]:
    result = []
    for attribute, info in model.model_fields.items():
        name = info.alias or attribute
        if parent == "" and name == "schema":
            continue  # written by the save, not asked
        if f"{parent}.{name}" in teksten.CONVERTED:
            continue  # an old form of a fact, converted on reading: the form asks the new one
        path = f"{parent}.{name}" if parent else name
        result.append(_from(name, path, info.annotation, info))
    return tuple(result)


@cache
def case_fields() -> tuple[Field, ...]:
    """The top-level fields of a case, in the model's order."""
    return _children(Case, "")


def walk(fields: tuple[Field, ...]) -> list[Field]:
    """Every field, depth first."""
    found: list[Field] = []
    for f in fields:
        found.append(f)
        found += walk(f.children)
    return found


@cache
def by_path() -> dict[str, Field]:
    return {f.path: f for f in walk(case_fields())}
