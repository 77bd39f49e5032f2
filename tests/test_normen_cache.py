"""The cache of validated norm sets (hbh_indicatie.loading.norm_cache): a hit gives the very
set the file gives, and the cache never stands in the way (off, unwritable, damaged)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from hbh_indicatie.errors import InputError
from hbh_indicatie.loading import norm_cache, norm_sets
from hbh_indicatie.loading.norm_sets import load_norm_file
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


@pytest.mark.parametrize("path", shipped_norm_paths(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_hit_gives_the_set_of_the_file(path: Path, cache: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_norm_file(path)
    assert len(list(cache.glob("*.json"))) == 1
    _no_parsing(monkeypatch)
    again = load_norm_file(path)
    assert again == first
    assert again.norms.model_dump(mode="json") == first.norms.model_dump(mode="json")


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
    (entry,) = cache.glob("*.json")
    entry.write_bytes(content)
    assert load_norm_file(PROTOCOL) == expected
    assert entry.read_bytes() != content


def test_an_entry_is_validated_like_input(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A valid-looking entry with a value the model refuses is no hit (the file is read)."""
    expected = load_norm_file(PROTOCOL)
    (entry,) = cache.glob("*.json")
    text = entry.read_text(encoding="utf-8")
    assert '"weken_per_jaar":"1461/28"' in text
    entry.write_text(text.replace('"weken_per_jaar":"1461/28"', '"weken_per_jaar":"-1"'),
                     encoding="utf-8")
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
    assert len(list(cache.glob("*.json"))) == 2


def test_a_refused_file_is_never_kept(tmp_path: Path, cache: Path) -> None:
    broken = tmp_path / "kapot.yaml"
    broken.write_text(PROTOCOL.read_text(encoding="utf-8").replace("id: protocol-hbh",
                                                                   "id: Protocol HBH", 1),
                      encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError):
            load_norm_file(broken)
    assert not cache.exists() or list(cache.glob("*.json")) == []


def test_the_key_follows_version_and_code(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stamp = norm_cache._code_stamp()
    assert "hbh_indicatie.models.norm_set:" in stamp and "hbh_indicatie.loading.limits:" in stamp
    load_norm_file(PROTOCOL)
    monkeypatch.setattr(norm_cache, "_code_stamp", lambda: stamp + "\nanders")
    load_norm_file(PROTOCOL)
    assert len(list(cache.glob("*.json"))) == 2


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
