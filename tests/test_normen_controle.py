"""``hbh normen controleer``: the deliberately broken sets in tests/normen_fout yield the listed
findings; shipped sets and the template are clean; exit codes 0/1/2."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from hbh_indicatie.cli.main import app
from hbh_indicatie.errors import InputError
from hbh_indicatie.loading.norm_sets import load_norm_file, norm_files, shipped_norms_dir
from hbh_indicatie.norm_tools.checks import check_file, check_files
from hbh_indicatie.norm_tools.template import TEMPLATE_PATH

FOUT = Path(__file__).resolve().parent / "normen_fout"
ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def _rules(path: Path) -> set[tuple[str, str]]:
    return {(f.item, f.rule) for f in check_file(path).findings}


def test_broken_set_lists_every_rule() -> None:
    found = _rules(FOUT / "gebroken.yaml")
    assert found == {
        ("activiteiten[1] 'schoonmaken'", "dubbele_id"),
        ("activiteiten[2] 'negatief'", "hoeveelheid_niet_positief"),
        ("activiteiten[3] 'nul_keer'", "frequentie_niet_positief"),
        ("activiteiten[4] 'zonder_categorie'", "geen_resultaatcategorie"),
        ("activiteiten[5] 'zonder_uitstelbaar'", "geen_uitstelbaar"),
        ("activiteiten[6] 'zonder_herkomst'", "geen_herkomst"),
        ("toeslagen[0] 'toeslag_zonder_maximum'", "toeslag_zonder_maximum"),
        ("toeslagen[0] 'toeslag_zonder_maximum'", "toeslag_zonder_activiteiten"),
        ("toeslagen[1] 'aftrek_onbekend_doel'", "onbekende_verwijzing"),
        ("toeslagen[2] 'maximum_zonder_herkomst'", "geen_herkomst"),
        ("afronding", "afronding_omlaag"),
    }


def _protocol_with(tmp_path: Path, **changes: object) -> Path:
    """The shipped protocol set with the kinderen toeslag changed."""
    data = yaml.safe_load((ROOT / "norms" / "protocol-hbh" / "2015-01-01.yaml")
                          .read_text(encoding="utf-8"))
    sup = next(s for s in data["toeslagen"] if s["id"] == "toeslag_kinderen")
    sup.update(changes)
    path = tmp_path / "set.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_person_counted_twice_is_refused(tmp_path: Path) -> None:
    """§3 extra time for the presence of children on 'opruimen', whose norm already grows with
    the household size: the same child would count twice; refused unless deliberate."""
    twice = _protocol_with(tmp_path, activiteiten=["opruimen", "stofzuigen"])
    assert ("toeslagen[2] 'toeslag_kinderen'", "dubbel_geteld") in _rules(twice)
    with pytest.raises(InputError) as info:
        load_norm_file(twice)
    assert "twee keer" in info.value.message and "opruimen" in info.value.message
    deliberate = _protocol_with(tmp_path, activiteiten=["opruimen"], bovenop_huishoudgrootte=(
        "Bewust: de gemeente rekent het opruimen van speelgoed apart van de huishoudgrootte."))
    assert check_file(deliberate).findings == ()
    assert load_norm_file(deliberate).norms.supplements[2].on_top_of_size is not None


def test_every_finding_names_the_file() -> None:
    report = check_file(FOUT / "gebroken.yaml")
    assert all(f.file.endswith("gebroken.yaml") for f in report.findings)
    assert not report.unreadable


def test_implausible_units() -> None:
    assert _rules(FOUT / "onwaarschijnlijk.yaml") == {
        ("activiteiten 'opruimen'", "onwaarschijnlijk_item"),
        ("activiteiten", "onwaarschijnlijk_totaal"),
        ("activiteiten", "koppeling"),  # one item: the rest of the vocabulary is not covered
    }


def test_version_overlap_and_gap() -> None:
    reports = check_files(sorted(FOUT.glob("versies-*.yaml")))
    by_file = {Path(r.path).name: {f.rule for f in r.findings} for r in reports}
    # (each also maps its one item 'schoonmaken' onto nothing of the vocabulary: 'koppeling')
    assert by_file == {"versies-1.yaml": {"koppeling"},
                       "versies-2.yaml": {"geldigheid_overlap", "koppeling"},
                       "versies-3.yaml": {"geldigheid_gat", "koppeling"}}


def test_unreadable_file() -> None:
    report = check_file(FOUT / "onleesbaar.yaml")
    assert report.unreadable
    assert [f.rule for f in report.findings] == ["onleesbaar"]


def test_schema_errors_without_named_rule_are_reported(tmp_path: Path) -> None:
    text = TEMPLATE_PATH.read_text(encoding="utf-8").replace("eenheid: minuten\n", "eenheid: liters\n", 1)
    path = tmp_path / "liters.yaml"
    path.write_text(text, encoding="utf-8")
    findings = check_file(path).findings
    assert findings and {f.rule for f in findings} == {"schema"}
    assert any("liters" in f.message for f in findings)


@pytest.mark.parametrize("path", [*norm_files(shipped_norms_dir()), TEMPLATE_PATH], ids=str)
def test_shipped_sets_and_template_are_clean(path: Path) -> None:
    assert check_file(path).findings == ()


def test_shipped_versions_are_consistent() -> None:
    reports = check_files(norm_files(shipped_norms_dir()))
    assert [f for r in reports for f in r.findings] == []


@pytest.mark.parametrize(
    ("files", "code"),
    [([str(TEMPLATE_PATH)], 0), ([str(FOUT / "gebroken.yaml")], 1),
     ([str(FOUT / "gebroken.yaml"), str(FOUT / "onleesbaar.yaml")], 2)],
)
def test_cli_exit_codes(files: list[str], code: int) -> None:
    result = runner.invoke(app, ["normen", "controleer", *files])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert "bevinding" in result.output


def test_cli_report_names_file_item_and_rule() -> None:
    result = runner.invoke(app, ["normen", "controleer", str(FOUT / "gebroken.yaml")])
    assert "gebroken.yaml: 11 bevinding(en)" in result.output
    assert "'negatief': [hoeveelheid_niet_positief]" in result.output


def test_cli_accepts_a_norm_set_id() -> None:
    """`hbh normen controleer utrecht` checks every version file of that set (as `toon` takes
    an ID); an unknown name is still reported as a missing file."""
    result = runner.invoke(app, ["normen", "controleer", "utrecht"])
    assert result.exit_code == 0, result.output
    assert "utrecht/2015-01-01.yaml: in orde" in result.output
    assert "utrecht/2017-01-01.yaml: in orde" in result.output
    missing = runner.invoke(app, ["normen", "controleer", "bestaat-niet"])
    assert missing.exit_code == 2
    assert "geen bestand en geen normenset met dit id" in " ".join(missing.output.split())
    assert runner.invoke(app, ["normen", "controleer", "utrecht@2017-01-01"]).exit_code == 0


def test_cli_id_in_own_folder_despite_a_broken_file(tmp_path: Path) -> None:
    """An ID in --map is found even when another file there is broken; its findings show."""
    source = shipped_norms_dir() / "protocol-hbh" / "2015-01-01.yaml"
    text = source.read_text(encoding="utf-8")
    (tmp_path / "kapot.yaml").write_text("id: [\n", encoding="utf-8")
    own = text.replace("id: protocol-hbh", "id: eigen-set", 1)
    (tmp_path / "a.yaml").write_text(own, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(own, encoding="utf-8")  # a second version, same dates
    result = runner.invoke(app, ["normen", "controleer", "eigen-set", "--map", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "a.yaml" in result.output and "geldigheid_overlap" in result.output
    assert "kapot.yaml" not in result.output
