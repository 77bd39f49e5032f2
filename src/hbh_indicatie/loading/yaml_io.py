"""Safe YAML/JSON reading: ``yaml.safe_load`` semantics, duplicate keys rejected."""

from __future__ import annotations

import json
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml

from hbh_indicatie.errors import InputError, Problem
from hbh_indicatie.loading.limits import MAX_DEPTH, MAX_DIGITS, MAX_NODES, read_limited

try:  # libyaml's parser is about ten times faster; the safe constructor is the same
    from yaml import CSafeLoader as _SafeBase
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _SafeBase  # type: ignore[assignment]


class _UniqueKeyLoader(_SafeBase):
    """SafeLoader that rejects duplicate mapping keys (a silent overwrite hides mistakes)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, "een veldnaam moet tekst zijn, geen lijst of verzameling velden",
                key_node.start_mark)
        if key in mapping:
            line = key_node.start_mark.line + 1
            raise yaml.constructor.ConstructorError(
                None, None, f"dubbele sleutel '{key}' (regel {line})", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def _construct_timestamp(loader: _UniqueKeyLoader, node: yaml.ScalarNode) -> Any:
    """A date such as 2026-03-02 as usual; an impossible one such as 2026-02-30 stays text, so
    the model reports it with the field's name (as for JSON and CSV input) instead of PyYAML
    failing halfway through the file."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _construct_int(loader: _UniqueKeyLoader, node: yaml.ScalarNode) -> Any:
    """A whole number of at most :data:`MAX_DIGITS` digits (Python refuses to read numbers
    of thousands of digits, and no field needs them)."""
    if sum(c.isdigit() for c in str(node.value)) > MAX_DIGITS:
        raise yaml.constructor.ConstructorError(
            None, None, f"getal met meer dan {MAX_DIGITS} cijfers", node.start_mark)
    return loader.construct_yaml_int(node)


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise ValueError(f"dubbele sleutel '{key}'")
        mapping[key] = value
    return mapping


class _JsonValueError(ValueError):
    pass


def _bounded_int(text: str) -> int:
    if len(text) > MAX_DIGITS + 1:
        raise _JsonValueError(f"getal met meer dan {MAX_DIGITS} cijfers")
    return int(text)


def _no_constant(text: str) -> Any:
    raise _JsonValueError(f"{text} is geen getal in JSON")


_DECODER = json.JSONDecoder(object_pairs_hook=_unique_keys, parse_int=_bounded_int,
                            parse_constant=_no_constant)


def json_value(text: str) -> Any:
    """Strict JSON: duplicate keys (where the last would silently win), NaN/Infinity, whole
    numbers of more than :data:`MAX_DIGITS` digits and nesting deeper than
    :data:`MAX_DEPTH` refused: ValueError with a Dutch reason (``json.JSONDecodeError`` for
    syntax)."""
    try:
        value = _DECODER.decode(text)
    except RecursionError:
        raise _JsonValueError(f"te diep genest (meer dan {MAX_DEPTH} niveaus)") from None
    if depth(value) > MAX_DEPTH:
        raise _JsonValueError(f"te diep genest (meer dan {MAX_DEPTH} niveaus)")
    return value


def depth(value: Any) -> int:
    """How deeply lists and mappings nest in ``value`` (without recursion)."""
    deepest = 0
    stack = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list | tuple):
            deepest = max(deepest, level + 1)
            if deepest > MAX_DEPTH:
                return deepest
            stack.extend((child, level + 1) for child in item)
    return deepest


def parse_json(text: str, path: str, kind: str) -> Any:
    """Parse JSON (:func:`json_value`); every error becomes an InputError."""
    try:
        return json_value(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            path, [Problem("", f"geen geldige JSON op regel {exc.lineno}, kolom {exc.colno}")], kind,
        ) from None
    except ValueError as exc:
        raise InputError(path, [Problem("", f"geen geldige JSON: {exc}")], kind) from None


class _TooLarge(yaml.YAMLError):
    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


def _check_shape(text: str) -> None:
    """Walk the YAML events (libyaml's parser does not recurse) before building anything:
    nesting at most :data:`MAX_DEPTH`, at most :data:`MAX_NODES` values with aliases
    expanded, no alias that refers to the list or mapping it is in."""
    sizes: dict[str, int] = {}
    frames: list[list[Any]] = []  # [anchor, expanded size] per open list or mapping
    total = 0
    for event in yaml.parse(text, Loader=_SafeBase):
        if isinstance(event, yaml.CollectionStartEvent):
            if len(frames) >= MAX_DEPTH:
                raise _TooLarge(f"te diep genest (meer dan {MAX_DEPTH} niveaus)", event.start_mark)
            frames.append([event.anchor, 1])
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, size = frames.pop()
            if anchor is not None:
                sizes[anchor] = size
        elif isinstance(event, yaml.AliasEvent):
            name = str(event.anchor)
            if any(f[0] == name for f in frames):
                raise _TooLarge(f"alias *{name} verwijst naar zichzelf", event.start_mark)
            size = sizes.get(name, 1)
        elif isinstance(event, yaml.ScalarEvent):
            size = 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
        else:
            continue
        if frames:
            frames[-1][1] += size
        else:
            total += size
        if total + sum(f[1] for f in frames) > MAX_NODES:
            raise _TooLarge(f"te groot met de aliassen (*naam) uitgeschreven: meer dan {MAX_NODES} "
                            "waarden", event.start_mark)


def parse_text(text: str, path: str, kind: str) -> Any:
    """Parse YAML (a superset of JSON) or JSON text (a ``.json`` file); syntax errors,
    duplicate keys, too deep nesting and alias bombs become InputError."""
    if path.endswith(".json"):
        return parse_json(text, path, kind)
    try:
        _check_shape(text)
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" op regel {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise InputError(path, [Problem("", f"geen geldige YAML{where}: {reason}")], kind) from None


def _read_bytes(path: Path, kind: str) -> bytes:
    return read_limited(path, kind)


def read_text(path: Path, kind: str) -> str:
    """The text of a case or norm file: UTF-8, with or without the byte order mark that
    Windows editors (Kladblok, Excel) put in front; a regular file within the size limit."""
    return decode_text(_read_bytes(path, kind), str(path), kind)


def decode_text(raw: bytes, path: str, kind: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            path, [Problem("", "bestand is geen UTF-8-tekst; sla het op als UTF-8")], kind
        ) from None


def decode_export(raw: bytes) -> str:
    """Text a spreadsheet wrote: UTF-8 (with or without byte order mark, Excel's 'CSV UTF-8');
    otherwise Windows-1252, what a Dutch Excel writes for 'CSV (gescheiden door
    lijstscheidingsteken)'. A byte order mark further on (a file written in parts, each with
    its own mark) is no text either and is dropped."""
    try:
        return raw.decode("utf-8-sig").replace("\ufeff", "")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_export(path: Path, kind: str) -> str:
    """The text of a CSV export (:func:`decode_export`), with the Dutch file errors of
    :func:`read_text`."""
    return decode_export(_read_bytes(path, kind))


def delimiter_of(header: str) -> str:
    """The column separator of a CSV, from its header line: ',' or, as a Dutch Excel writes
    it, ';' (or a tab). Column names contain none of them."""
    return max(",;\t", key=header.count)
