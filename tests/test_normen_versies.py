"""Dated versions: the peildatum picks the version in force; overlap and gap are errors."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from hbh_indicatie.errors import HbhError, InputError
from hbh_indicatie.loading.norm_sets import load_folder, resolve

FOUT = Path(__file__).resolve().parent / "normen_fout"


@pytest.mark.parametrize(
    ("on", "version", "base_hours"),
    [(date(2015, 1, 1), "2015", 78), (date(2016, 12, 31), "2015", 78),
     (date(2017, 1, 1), "2017", 105), (date(2026, 3, 2), "2017", 105)],
)
def test_peildatum_picks_version(on: date, version: str, base_hours: int) -> None:
    loaded = resolve("utrecht", on)
    assert loaded.norms.version == version
    base = loaded.norms.activity("basisvoorziening_schoon")
    assert base is not None and base.amount == base_hours


def test_id_at_date_overrides_peildatum() -> None:
    assert resolve("utrecht@2016-06-01", date(2026, 1, 1)).norms.version == "2015"


def test_file_spec() -> None:
    path = Path(__file__).resolve().parent.parent / "norms" / "utrecht" / "2017-01-01.yaml"
    assert resolve(str(path), date(2020, 1, 1)).norms.version == "2017"
    with pytest.raises(HbhError, match="niet geldig op 2016-01-01"):
        resolve(str(path), date(2016, 1, 1))


def test_date_before_every_version() -> None:
    with pytest.raises(HbhError, match="Geen versie van normenset 'utrecht' geldig op 2014-12-31"):
        resolve("utrecht", date(2014, 12, 31))


def _folder(tmp_path: Path, *names: str) -> Path:
    for name in names:
        shutil.copy(FOUT / name, tmp_path / name)
    return tmp_path


def test_overlap_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="overlapt"):
        load_folder(_folder(tmp_path, "versies-1.yaml", "versies-2.yaml"))


def _two_versions(tmp_path: Path, second_from: str) -> Path:
    """versies-1 (2020-01-01 t/m 2021-06-30) and an open-ended copy from ``second_from``."""
    text = (FOUT / "versies-1.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        text.replace("geldig_van: 2020-01-01", f"geldig_van: {second_from}")
        .replace("geldig_tot: 2021-06-30", "geldig_tot: null"), encoding="utf-8")
    return tmp_path


def test_gap_is_an_error(tmp_path: Path) -> None:
    _two_versions(tmp_path, "2021-08-01")
    with pytest.raises(InputError, match="gat in de geldigheid") as info:
        load_folder(tmp_path)
    assert "2021-07-01 t/m 2021-07-31" in info.value.message


def test_adjacent_versions_are_fine(tmp_path: Path) -> None:
    _two_versions(tmp_path, "2021-07-01")
    versions = load_folder(tmp_path)
    assert len(versions) == 2
    assert resolve("versies", date(2021, 7, 1), tmp_path).norms.valid_from == date(2021, 7, 1)


def test_shipped_folder_is_the_id() -> None:
    """``resolve(ID)`` reads only ``norms/<ID>/``: every shipped file must sit in the folder of its
    id, and reading one folder must give the same versions as reading them all."""
    from hbh_indicatie.loading.norm_sets import shipped_norms_dir, versions_of

    everything = load_folder(shipped_norms_dir())
    for item in everything:
        assert Path(item.path).parent.name == item.norms.id, item.path
    for set_id in {i.norms.id for i in everything}:
        assert sorted(v.path for v in versions_of(set_id)) == sorted(
            i.path for i in everything if i.norms.id == set_id)


def test_unknown_id_lists_the_known_ones() -> None:
    with pytest.raises(HbhError, match=r"bestaat niet\. Beschikbaar: .*protocol-hbh"):
        resolve("bestaat-niet", date(2026, 1, 1))
