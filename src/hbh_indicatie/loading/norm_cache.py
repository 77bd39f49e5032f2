"""Norm sets (and the vocabulary of activities) validated in an earlier run, kept between runs.

Reading a norm set means parsing some 20 kB of YAML, checking its shape and numbers,
validating it and building the model's validator first: about 10 ms of every ``hbh bereken``.
A set that passed all of that is kept as JSON in the user's cache folder, in a file named
after a key of

* the sha256 of the norm file's bytes (another content is another key),
* the model it was validated by, the versions of hbh-indicatie and pydantic, and
* the size and modification time of the modules that read and validate it (the way Python
  checks its own bytecode cache), so a changed model never meets an old entry.

An entry holds exactly what the model made of the file, and is only written when building
the model back from it gives an equal set. A hit whose key matches is therefore not
validated again: the set is put together from the entry by the field types of the model
(:func:`construct`, no code from the entry is run, no pickle), after a check of the sha256
of its text that the entry carries (a damaged entry is no hit). The checks of a set against
the vocabulary run on every load as before, and the sha256 stamped on an indication is always
that of the file itself.

The cache is only an aid: a folder that cannot be made or written, or an entry that cannot be
read, means the file is read as usual, without a message. ``HBH_CACHEMAP`` chooses the folder;
empty switches it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from hbh_indicatie.version import __version__

M = TypeVar("M", bound=BaseModel)

ENV = "HBH_CACHEMAP"
KEPT = 64
"""Most entries kept: writing one more removes the oldest (an edited file or a new version
of the program leaves its old entries behind)."""
MAX_ENTRY_BYTES = 16 * 1024 * 1024
"""An entry larger than this is not read (a norm set of the largest allowed file is far
smaller as JSON)."""
_CODE = ("hbh_indicatie.models.norm_set", "hbh_indicatie.models.common", "hbh_indicatie.models.case",
         "hbh_indicatie.vocabulary.model", "hbh_indicatie.loading.norm_sets",
         "hbh_indicatie.loading.limits", "hbh_indicatie.loading.validation",
         "hbh_indicatie.loading.yaml_io", __name__)
"""The modules whose source decides what a valid norm set or vocabulary is, and how it is kept."""


class Unsupported(TypeError):
    """A field type :func:`construct` does not know: such a model is not kept."""


def folder() -> Path | None:
    """Where the entries are kept: ``HBH_CACHEMAP``, else the user's cache folder of the
    platform (``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux); None when switched off or when
    there is no home folder to put it in."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return Path(chosen) / "normen" if chosen.strip() else None
    try:
        if sys.platform == "win32":
            base = os.environ.get("LOCALAPPDATA")
            root = Path(base) if base else Path.home() / "AppData" / "Local"
            return root / "hbh-indicatie" / "cache" / "normen"
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "hbh-indicatie" / "normen"
        base = os.environ.get("XDG_CACHE_HOME")
        root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    except (RuntimeError, OSError, KeyError):  # no home folder (a service account, a container)
        return None
    return root / "hbh-indicatie" / "normen"


def _code_stamp() -> str:
    """Size and modification time of the modules that decide what is kept (:data:`_CODE`)."""
    import importlib

    import pydantic

    parts = [__version__, pydantic.VERSION]
    for name in _CODE:
        try:
            status = os.stat(importlib.import_module(name).__file__ or "")
        except OSError:
            return ""  # no source to compare: no cache
        parts.append(f"{name}:{status.st_size}:{status.st_mtime_ns}")
    return "\n".join(parts)


def _entry(model: type[BaseModel], file_sha256: str) -> Path | None:
    where = folder()
    stamp = _code_stamp()
    if where is None or not stamp:
        return None
    key = f"{model.__module__}.{model.__qualname__}\n{file_sha256}\n{stamp}"
    return where / f"{hashlib.sha256(key.encode()).hexdigest()}.json"


def read(model: type[M], file_sha256: str) -> M | None:
    """The ``model`` validated earlier from a file with this sha256, or None."""
    entry = _entry(model, file_sha256)
    if entry is None:
        return None
    try:
        with entry.open("rb") as handle:
            data = handle.read(MAX_ENTRY_BYTES + 1)
        digest, _, text = data.partition(b"\n")
        if len(data) > MAX_ENTRY_BYTES or hashlib.sha256(text).hexdigest().encode() != digest:
            return None
        return construct(model, json.loads(text))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):  # damaged: read the file
        return None


def write(model: type[M], file_sha256: str, value: M) -> None:
    """Keep ``value`` (validated from a file with this sha256) for the next run, if the folder
    allows and building it back from the entry gives the same value."""
    entry = _entry(model, file_sha256)
    if entry is None:
        return
    kept = value.model_dump(mode="json", by_alias=False, exclude_unset=True)
    try:
        back = construct(model, kept)
    except (Unsupported, ValueError, TypeError, KeyError):
        return
    if back != value or back.model_dump(mode="json", exclude_unset=True) != value.model_dump(
            mode="json", exclude_unset=True):
        return
    text = json.dumps(kept, ensure_ascii=False, separators=(",", ":")).encode()
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(hashlib.sha256(text).hexdigest().encode() + b"\n" + text)
            os.replace(temporary, entry)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(entry.parent)
    except OSError:  # read-only or full: the next run reads the file again
        return


def _prune(where: Path) -> None:
    entries = sorted(where.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
    for old in entries[:-KEPT]:
        old.unlink(missing_ok=True)


def construct(model: type[M], data: dict[str, Any]) -> M:
    """``model`` from what ``model_dump(mode="json", exclude_unset=True)`` made of it, by the
    types of its fields and without validating (the entry was validated when it was made).
    Fields left out take their defaults, as when the file left them out."""
    convert, required = _PLANS.get(model) or _plan(model)
    missing = [name for name in required if name not in data]
    if missing:
        raise ValueError(f"{model.__name__} without {', '.join(missing)}")
    values = {name: convert[name](item) for name, item in data.items()}
    return model.model_construct(_fields_set=set(values), **values)


Convert = Callable[[Any], Any]
_PLANS: dict[type[BaseModel], tuple[dict[str, Convert], tuple[str, ...]]] = {}
"""Per model: how to rebuild each field from its JSON value, and the required fields."""


def _plan(model: type[BaseModel]) -> tuple[dict[str, Convert], tuple[str, ...]]:
    fields = model.model_fields
    plan = ({name: _converter(field.annotation) for name, field in fields.items()},
            tuple(name for name, field in fields.items() if field.is_required()))
    _PLANS[model] = plan
    return plan


def _converter(kind: Any) -> Convert:  # one case per kind of type
    origin = typing.get_origin(kind)
    if origin is typing.Annotated:
        return _converter(typing.get_args(kind)[0])
    if origin is typing.Union or origin is types.UnionType:
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        if len(options) != 1:
            raise Unsupported(f"union {kind}")
        inner = _converter(options[0])
        return lambda item: None if item is None else inner(item)
    if origin is typing.Literal:
        allowed = typing.get_args(kind)

        def literal(item: Any) -> Any:
            if not any(item == a and type(item) is type(a) for a in allowed):
                raise ValueError(f"{item!r} is not one of {kind}")
            return item
        return literal
    if origin is tuple:
        parts = typing.get_args(kind)
        if len(parts) == 2 and parts[1] is Ellipsis:
            each = _converter(parts[0])
            return lambda item: tuple(each(i) for i in item)
        fixed = [_converter(p) for p in parts]
        return lambda item: tuple(c(i) for c, i in zip(fixed, item, strict=True))
    if origin in (list, set, frozenset):
        (part,) = typing.get_args(kind)
        each = _converter(part)
        return lambda item: origin(each(i) for i in item)
    if origin is dict:
        key_kind, part = typing.get_args(kind)
        key, value = _converter(key_kind), _converter(part)
        return lambda item: {key(k): value(v) for k, v in item.items()}
    if origin is not None or not isinstance(kind, type):
        raise Unsupported(str(kind))
    return _leaf(kind)


def _leaf(kind: type) -> Convert:
    if issubclass(kind, BaseModel):
        return lambda item: construct(kind, item)
    if issubclass(kind, Enum):
        return kind
    if kind in (Fraction, Decimal):
        return lambda item: kind(_text(item))
    if kind is date:
        return lambda item: date.fromisoformat(_text(item))
    if kind is datetime:
        return lambda item: datetime.fromisoformat(_text(item))
    if kind in (str, int, bool, float):
        def exact(item: Any) -> Any:
            if type(item) is not kind:
                raise TypeError(f"{kind.__name__} expected, got {type(item).__name__}")
            return item
        return exact
    raise Unsupported(kind.__name__)


def _text(item: Any) -> str:
    if type(item) is not str:
        raise TypeError(f"text expected, got {type(item).__name__}")
    return item
