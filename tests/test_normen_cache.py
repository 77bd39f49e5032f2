"""The cache of validated norm sets (hbh_indicatie.loading.norm_cache): a hit gives the very
set the file gives, and the cache never stands in the way (off, unwritable, damaged)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from hbh_indicatie.errors import InputError
from hbh_indicatie.loading import norm_cache, norm_sets
from hbh_indicatie.loading.norm_sets import load_norm_file
from hbh_indicatie.models.norm_set import NormSet
from hbh_indicatie.vocabulary import load as vocabulary_load
from hbh_indicatie.vocabulary.model import Vocabulary
from tests.conftest import ROOT, shipped_norm_paths

PROTOCOL = ROOT / "norms" / "protocol-hbh" / "2015-01-01.yaml"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(norm_cache.ENV, str(tmp_path / "cache"))
    return tmp_path / "cache" / "normen"


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any) -> Any:
        raise AssertionError("the YAML was parsed again")

    monkeypatch.setattr(norm_sets, "parse_text", refuse)
    monkeypatch.setattr(vocabulary_load, "parse_text", refuse)


def _entry(path: Path) -> Path:
    entry = norm_cache._entry(NormSet, hashlib.sha256(path.read_bytes()).hexdigest())
    assert entry is not None
    return entry


def _same(one: Any, other: Any) -> None:
    """Equal, and equal down to which fields the file gave (``exclude_unset``)."""
    assert one == other
    assert one.model_dump(mode="json", exclude_unset=True) == other.model_dump(
        mode="json", exclude_unset=True)
    assert one.model_dump(mode="json") == other.model_dump(mode="json")


@pytest.mark.parametrize("path", shipped_norm_paths(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_hit_gives_the_set_of_the_file(path: Path, cache: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_norm_file(path)
    assert _entry(path).is_file()
    _no_parsing(monkeypatch)
    again = load_norm_file(path)
    assert again.sha256 == first.sha256 and again.path == first.path
    _same(again.norms, first.norms)


def test_a_hit_gives_the_vocabulary_of_the_file(cache: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = vocabulary_load.vocabulary_path()
    first = vocabulary_load.load_vocabulary(path)
    _no_parsing(monkeypatch)
    again = vocabulary_load.load_vocabulary(path)
    _same(again, first)
    assert isinstance(again, Vocabulary)


def test_switched_off_with_an_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(norm_cache.ENV, "")
    assert norm_cache.folder() is None
    monkeypatch.chdir(tmp_path)
    load_norm_file(PROTOCOL)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_made_reads_the_file(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "een-bestand"
    blocked.write_text("geen map", encoding="utf-8")
    monkeypatch.setenv(norm_cache.ENV, str(blocked))
    assert load_norm_file(PROTOCOL) == load_norm_file(PROTOCOL)
    assert blocked.read_text(encoding="utf-8") == "geen map"


@pytest.mark.parametrize("content", [b"{niet: json", b'{"id": 3}', b"\xff\xfe", b""])
def test_a_damaged_entry_is_replaced(content: bytes, cache: Path) -> None:
    expected = load_norm_file(PROTOCOL)
    entry = _entry(PROTOCOL)
    entry.write_bytes(content)
    assert load_norm_file(PROTOCOL) == expected
    assert entry.read_bytes() != content


def test_an_entry_changed_after_writing_is_no_hit(cache: Path) -> None:
    """The entry carries the sha256 of its text: a changed figure is noticed."""
    expected = load_norm_file(PROTOCOL)
    entry = _entry(PROTOCOL)
    text = entry.read_bytes()
    assert b'"weeks_per_year":"1461/28"' in text
    entry.write_bytes(text.replace(b'"weeks_per_year":"1461/28"', b'"weeks_per_year":"1461/27"'))
    assert load_norm_file(PROTOCOL).norms.weeks_per_year == expected.norms.weeks_per_year


@pytest.mark.parametrize("data", [{"id": 3}, {"id": "protocol-hbh"}, {"onbekend": 1}, []])
def test_an_entry_that_does_not_fit_the_model_is_no_hit(data: Any, cache: Path) -> None:
    """Even with a right sha256 an entry must give every required field with its type."""
    expected = load_norm_file(PROTOCOL)
    entry = _entry(PROTOCOL)
    text = json.dumps(data).encode()
    entry.write_bytes(hashlib.sha256(text).hexdigest().encode() + b"\n" + text)
    assert load_norm_file(PROTOCOL) == expected


def test_an_edited_file_is_read_again(tmp_path: Path, cache: Path) -> None:
    copy = tmp_path / "eigen.yaml"
    shutil.copyfile(PROTOCOL, copy)
    before = load_norm_file(copy)
    copy.write_text(copy.read_text(encoding="utf-8").replace(
        'titel: "Protocol hulp', 'titel: "Eigen protocol', 1), encoding="utf-8")
    after = load_norm_file(copy)
    assert after.norms.title == before.norms.title.replace("Protocol hulp", "Eigen protocol", 1)
    assert after.norms.title != before.norms.title
    assert after.sha256 != before.sha256
    assert _entry(copy).is_file() and _entry(copy) != _entry(PROTOCOL)


def test_a_refused_file_is_never_kept(tmp_path: Path, cache: Path) -> None:
    broken = tmp_path / "kapot.yaml"
    broken.write_text(PROTOCOL.read_text(encoding="utf-8").replace("id: protocol-hbh",
                                                                   "id: Protocol HBH", 1),
                      encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError):
            load_norm_file(broken)
    assert not _entry(broken).exists()


def test_the_key_follows_version_and_code(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stamp = norm_cache._code_stamp()
    assert "hbh_indicatie.models.norm_set:" in stamp and "hbh_indicatie.loading.limits:" in stamp
    load_norm_file(PROTOCOL)
    before = _entry(PROTOCOL)
    monkeypatch.setattr(norm_cache, "_code_stamp", lambda: stamp + "\nanders")
    load_norm_file(PROTOCOL)
    assert _entry(PROTOCOL) != before and _entry(PROTOCOL).is_file() and before.is_file()


def test_old_entries_are_removed(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(norm_cache, "KEPT", 2)
    for n in range(4):
        monkeypatch.setattr(norm_cache, "_code_stamp", lambda n=n: f"versie {n}")
        load_norm_file(PROTOCOL)
    assert len(list(cache.glob("*.json"))) == 2


def test_no_home_folder_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory")

    monkeypatch.delenv(norm_cache.ENV)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", no_home)
    assert norm_cache.folder() is None
    assert load_norm_file(PROTOCOL).norms.id == "protocol-hbh"


def test_the_platforms_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(norm_cache.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(norm_cache.sys, "platform", "linux")
    assert norm_cache.folder() == tmp_path / "hbh-indicatie" / "normen"
    monkeypatch.setenv("XDG_CACHE_HOME", "relatief")  # not absolute: ignored, as the spec says
    assert norm_cache.folder() == Path.home() / ".cache" / "hbh-indicatie" / "normen"


def test_a_model_with_a_type_it_cannot_rebuild_is_not_kept(cache: Path) -> None:
    """:func:`norm_cache.construct` knows the field types of the norm set; a model with
    another kind of field (here a union of two types) is simply not kept."""
    from pydantic import BaseModel

    class Mixed(BaseModel):
        value: int | str

    norm_cache.write(Mixed, "0" * 64, Mixed(value="tekst"))
    entry = norm_cache._entry(Mixed, "0" * 64)
    assert entry is not None and not entry.exists()
    with pytest.raises(norm_cache.Unsupported):
        norm_cache.construct(Mixed, {"value": "tekst"})
