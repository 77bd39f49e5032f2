"""Safe YAML/JSON reading: ``yaml.safe_load`` semantics, duplicate keys rejected."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from hbh_indicatie.errors import InputError, Problem

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


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise ValueError(f"dubbele sleutel '{key}'")
        mapping[key] = value
    return mapping


def parse_json(text: str, path: str, kind: str) -> Any:
    """Parse JSON; syntax errors and duplicate keys (where the last would silently win) become
    InputError."""
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise InputError(
            path, [Problem("", f"geen geldige JSON op regel {exc.lineno}, kolom {exc.colno}")], kind,
        ) from None
    except ValueError as exc:
        raise InputError(path, [Problem("", f"geen geldige JSON: {exc}")], kind) from None
    except RecursionError:
        raise InputError(path, [Problem("", "geen geldige JSON: te diep genest")], kind) from None


def parse_text(text: str, path: str, kind: str) -> Any:
    """Parse YAML (a superset of JSON) or JSON text (a ``.json`` file); syntax errors and
    duplicate keys become InputError."""
    if path.endswith(".json"):
        return parse_json(text, path, kind)
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" op regel {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise InputError(path, [Problem("", f"geen geldige YAML{where}: {reason}")], kind) from None


def _read_bytes(path: Path, kind: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), [Problem("", "bestand bestaat niet")], kind) from None
    except IsADirectoryError:
        raise InputError(str(path), [Problem("", "dit is een map, geen bestand")], kind) from None
    except OSError as exc:
        raise InputError(str(path), [Problem("", f"niet leesbaar: {exc.strerror}")], kind) from None


def read_text(path: Path, kind: str) -> str:
    """The text of a case or norm file: UTF-8, with or without the byte order mark that
    Windows editors (Kladblok, Excel) put in front."""
    try:
        return _read_bytes(path, kind).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            str(path), [Problem("", "bestand is geen UTF-8-tekst; sla het op als UTF-8")], kind
        ) from None


def decode_export(raw: bytes) -> str:
    """Text a spreadsheet wrote: UTF-8 (with or without byte order mark, Excel's 'CSV UTF-8');
    otherwise Windows-1252, what a Dutch Excel writes for 'CSV (gescheiden door
    lijstscheidingsteken)'."""
    try:
        return raw.decode("utf-8-sig")
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
