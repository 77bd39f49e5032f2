"""The layout of a norm set as a workbook, derived from the pydantic model (pure).

Every field of :class:`~hbh_indicatie.models.norm_set.NormSet` lands somewhere without a list
kept by hand, so a field the model gains travels along (at most a column more):

* a top-level field that is a list of items (activiteiten, toeslagen, leeftijdsgroepen,
  bronnen) is a sheet with one row per item; a list of texts (beleidsuitgangspunten) is a sheet
  with one text per row; every other top-level field is a row of the sheet ``instellingen``;
* inside an item, a nested model becomes columns with a dotted name (``frequentie.keer``,
  ``herkomst.bron``); a list of texts is one cell (``a; b``);
* a list of models inside an item (``huishoudgrootte``, ``vervangbaar_door``, ``taken``) is a
  sheet of its own, one row per entry, with the item's id (or label) in the first column.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from hbh_indicatie.models.norm_set import NormSet

SETTINGS = "instellingen"
EXPLANATION = "uitleg"
TEXT_COLUMN = "tekst"
KEY_FIELDS = ("id", "label")
"""The field that names an item for the rows of its child sheets (first one the model has)."""

Kind = Literal["text", "bool", "number", "date", "texts"]


@dataclass(frozen=True)
class Column:
    path: tuple[str, ...]
    kind: Kind
    allowed: str
    required: bool
    nullable: bool = False
    """An empty cell is an explicit null (``geldig_tot``), not a missing value."""

    @property
    def name(self) -> str:
        return ".".join(self.path)


@dataclass
class Sheet:
    """One sheet: rows of ``model`` under the top-level field (or child field) ``alias``."""

    name: str
    alias: str
    model: type[BaseModel] | None
    """None for a sheet of plain texts."""
    columns: list[Column] = field(default_factory=list)
    children: list[Sheet] = field(default_factory=list)
    parent: Sheet | None = None
    key: str | None = None
    """The parent's field that names it (``id`` or ``label``), in the first column."""

    @property
    def key_column(self) -> str:
        assert self.parent is not None and self.parent.key is not None
        return f"{self.parent.name}.{self.parent.key}"

    @property
    def headers(self) -> list[str]:
        if self.model is None:
            return [TEXT_COLUMN]
        own = [c.name for c in self.columns]
        return [self.key_column, *own] if self.parent is not None else own


@dataclass
class Layout:
    settings: list[Column]
    sheets: list[Sheet]

    def all_sheets(self) -> list[Sheet]:
        found: list[Sheet] = []
        for sheet in self.sheets:
            found += [sheet, *sheet.children]
        return found


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(inner annotation, optional) with None, Annotated and one-type unions stripped."""
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(get_args(annotation))
            if len(args) != 1:
                return annotation, optional
            annotation = args[0]
        else:
            return annotation, optional


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _list_item(annotation: Any) -> Any | None:
    if get_origin(annotation) in (tuple, list):
        args = [a for a in get_args(annotation) if a is not Ellipsis]
        return _unwrap(args[0])[0] if args else None
    return None


def _scalar(annotation: Any) -> tuple[Kind, str]:
    """The kind of a cell and, in Dutch, what it may hold."""
    if get_origin(annotation) is Literal:
        values = get_args(annotation)
        kind: Kind = "number" if all(isinstance(v, int) for v in values) else "text"
        return kind, ", ".join(str(v) for v in values)
    if get_origin(annotation) in (typing.Union, types.UnionType):
        parts = [_scalar(_unwrap(a)[0])[1] for a in get_args(annotation) if a is not type(None)]
        return "text", " of ".join(parts)
    if annotation is bool:
        return "bool", "ja of nee"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "text", ", ".join(str(m.value) for m in annotation)
    if annotation is int:
        return "number", "geheel getal"
    if annotation in (Decimal, float):
        return "number", "getal (decimale komma of punt)"
    if annotation is Fraction:
        return "number", "getal of breuk, bijvoorbeeld 1461/28"
    if annotation is date:
        return "date", "datum (JJJJ-MM-DD)"
    if annotation is str:
        return "text", "tekst"
    raise TypeError(f"geen werkbladkolom voor {annotation!r}")


def _fields(model: type[BaseModel]) -> list[tuple[str, FieldInfo]]:
    return [(info.alias or name, info) for name, info in model.model_fields.items()]


def _columns(model: type[BaseModel], prefix: tuple[str, ...], required: bool,
             children: list[tuple[str, type[BaseModel]]]) -> list[Column]:
    columns: list[Column] = []
    for alias, info in _fields(model):
        annotation, optional = _unwrap(info.annotation)
        needed = required and info.is_required() and not optional
        path = (*prefix, alias)
        item = _list_item(annotation)
        if item is not None and _is_model(item):
            if prefix:
                raise TypeError(f"lijst van onderdelen in een genest veld: {'.'.join(path)}")
            children.append((alias, item))
        elif item is not None:
            columns.append(Column(path, "texts", f"lijst, gescheiden door ';' ({_scalar(item)[1]})",
                                  needed))
        elif _is_model(annotation):
            columns += _columns(annotation, path, needed, children)
        else:
            kind, allowed = _scalar(annotation)
            columns.append(Column(path, kind, allowed, needed, optional))
    return columns


def _sheet(alias: str, model: type[BaseModel], parent: Sheet | None) -> Sheet:
    children: list[tuple[str, type[BaseModel]]] = []
    sheet = Sheet(alias, alias, model, parent=parent)
    sheet.columns = _columns(model, (), True, children)
    names = [alias for alias, _ in _fields(model)]
    sheet.key = next((k for k in KEY_FIELDS if k in names), None)
    for child_alias, child_model in children:
        if parent is not None:
            raise TypeError(f"lijst van onderdelen twee niveaus diep: {alias}.{child_alias}")
        if sheet.key is None:
            raise TypeError(f"'{alias}' heeft geen id of label voor het blad '{child_alias}'")
        sheet.children.append(_sheet(child_alias, child_model, sheet))
    return sheet


def layout(model: type[BaseModel] = NormSet) -> Layout:
    """The workbook layout of a norm set (or of another model of the same shape)."""
    settings: list[Column] = []
    sheets: list[Sheet] = []
    for alias, info in _fields(model):
        annotation, optional = _unwrap(info.annotation)
        item = _list_item(annotation)
        if item is not None and _is_model(item):
            sheets.append(_sheet(alias, item, None))
        elif item is not None:
            sheets.append(Sheet(alias, alias, None))
        elif _is_model(annotation):
            settings += _columns(annotation, (alias,), info.is_required() and not optional, [])
        else:
            kind, allowed = _scalar(annotation)
            settings.append(Column((alias,), kind, allowed, info.is_required() and not optional,
                                   optional))
    names = [s.name for s in sheets] + [c.name for s in sheets for c in s.children]
    if len(set(names)) != len(names) or SETTINGS in names or EXPLANATION in names:
        raise TypeError(f"bladnamen niet uniek: {names}")
    return Layout(settings, sheets)
