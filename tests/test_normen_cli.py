"""``hbh normen lijst/toon/vergelijk/sjabloon/importeer`` on the shipped sets (Dutch output)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from hbh_indicatie import api
from hbh_indicatie.cli.main import app
from hbh_indicatie.errors import HbhError
from hbh_indicatie.loading.norm_sets import load_norm_file
from hbh_indicatie.norm_tools.checks import check_file

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
FOUT = Path(__file__).resolve().parent / "normen_fout"
HEADER = ("soort;id;label;categorie;hoeveelheid;eenheid;keer;per;uitstelbaar;status;bron;"
          "vindplaats;bron_titel;voorwaarde;maximum_minuten_per_week;paragraaf;activiteit;"
          "activiteiten;omvat\n")


def _ok(*args: str) -> str:
    result = runner.invoke(app, ["normen", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_lijst_shipped_and_folder(tmp_path: Path) -> None:
    out = _ok("lijst")
    for set_id in ("protocol-hbh", "ciz-blokken", "kpmg-hbel", "utrecht", "hhm-ho",
                   "hhm-ho-tweewekelijks"):
        assert set_id in out
    assert "2016-12-31" in out and "Met bron" in out
    (tmp_path / "eigen.yaml").write_text(_ok("sjabloon"), encoding="utf-8")
    assert "mijn-gemeente" in _ok("lijst", "--map", str(tmp_path))


def test_lijst_lists_readable_sets_and_reports_unreadable(tmp_path: Path) -> None:
    (tmp_path / "eigen.yaml").write_text(_ok("sjabloon"), encoding="utf-8")
    (tmp_path / "kapot.yaml").write_text("schema: hbh.normen.v1\nid: [kapot\n", encoding="utf-8")
    result = runner.invoke(app, ["normen", "lijst", "--map", str(tmp_path)])
    assert result.exit_code == 1
    assert "mijn-gemeente" in result.output and "protocol-hbh" in result.output
    assert "Niet te lezen" in result.output and "kapot.yaml" in result.output


def test_lijst_counts_figures(tmp_path: Path) -> None:
    target = tmp_path / "lijst.txt"
    _ok("lijst", "--uitvoer", str(target))
    row = next(line for line in target.read_text(encoding="utf-8").splitlines()
               if line.startswith("│ kpmg-hbel"))
    cells = [c.strip() for c in row.split("│")]
    shipped = Path(__file__).resolve().parent.parent / "norms" / "kpmg-hbel" / "2021-01-01.yaml"
    unknown = shipped.read_text(encoding="utf-8").count("status: onbekend")
    assert cells[9] == str(unknown) == "6"


def test_toon_per_category_with_sources() -> None:
    out = _ok("toon", "kpmg-hbel")
    assert "Schoon en leefbaar huis" in out and "Toeslagen en aftrekken" in out
    assert "124,2" in out  # 108 uur per jaar in minuten per week
    assert "gepubliceerd (hbel-normenkader," in out
    assert "onbekend" in out  # modules zonder gepubliceerd cijfer
    assert "Leeftijdsgroepen" in out


def test_toon_version_by_date() -> None:
    assert "78 uren" in _ok("toon", "utrecht", "--datum", "2016-05-01")
    assert "105 uren" in _ok("toon", "utrecht@2018-01-01")


def test_toon_unknown_id_exit_2() -> None:
    result = runner.invoke(app, ["normen", "toon", "bestaat-niet"])
    assert result.exit_code == 2
    assert "bestaat niet" in result.output


def test_toon_overlong_id_exit_2() -> None:
    """A name too long for a file name is an unknown id, not an internal error (test_fuzz
    found it through a case's 'normen')."""
    result = runner.invoke(app, ["normen", "toon", "x" * 5000])
    assert result.exit_code == 2 and "Traceback" not in result.output
    with pytest.raises(HbhError, match="bestaat niet"):
        api.load_norms("x" * 5000, "2026-03-02")


def test_vergelijk_versions() -> None:
    out = _ok("vergelijk", "utrecht@2016-01-01", "utrecht@2018-01-01")
    assert "gewijzigd" in out and "toegevoegd" in out
    assert "89,7" in out and "120,7" in out  # 78 -> 105 uur per jaar
    assert "+31" in out  # alleen schoon huis: 90 -> 121
    assert "ref-7-gezin-partner-7-etmalen-weg" in out


def test_vergelijk_same_set_no_change() -> None:
    assert "Geen verschillen" in _ok("vergelijk", "protocol-hbh", "protocol-hbh")


def test_vergelijk_json_is_the_table_as_data() -> None:
    """JSON carries the same figures as the table, validates against the published schema."""
    from fractions import Fraction

    from hbh_indicatie.models.common import fraction_text
    from tests.test_schema import validator

    data = json.loads(_ok("vergelijk", "utrecht@2016-01-01", "utrecht@2018-01-01", "-f", "json"))
    assert list(validator("normvergelijking").iter_errors(data)) == []
    assert data["schema"] == "hbh.normvergelijking.v1"
    assert data["a"]["versie"] != data["b"]["versie"] and len(data["a"]["sha256"]) == 64
    assert data["a"]["bestand"] == "norms/utrecht/2015-01-01.yaml"  # the same on every machine
    assert data["ongewijzigd"] is False
    kinds = {item["wijziging"] for item in data["onderdelen"]}
    assert {"gewijzigd", "toegevoegd"} <= kinds
    shown = {fraction_text(Fraction(v["minuten_per_week"])) for item in data["onderdelen"]
             for v in item["a"] + item["b"] if v["minuten_per_week"] is not None}
    assert {"89,7", "120,7"} <= shown  # as in the table: 78 -> 105 uur per jaar
    effects = {e["kenmerk"]: e for e in data["referentiehuishoudens"]}
    alone = effects["ref-2-alleen-schoon"]
    assert (alone["a"]["minuten_per_week"], alone["b"]["minuten_per_week"]) == (90, 121)
    for effect in effects.values():
        a, b = effect["a"]["minuten_per_week"], effect["b"]["minuten_per_week"]
        assert effect["verschil"] == (None if a is None or b is None else b - a)


def test_vergelijk_markdown_for_a_memo(tmp_path: Path) -> None:
    target = tmp_path / "vergelijking.md"
    _ok("vergelijk", "utrecht@2016-01-01", "utrecht@2018-01-01", "-f", "markdown", "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Vergelijking normensets\n")
    assert "| Huishouden | Kenmerk | A | B | Verschil |" in text
    assert "| ref-2-alleen-schoon | 90 | 121 | +31 |" in text
    tables = [block.splitlines() for block in text.split("\n\n") if block.startswith("|")]
    assert len(tables) == 2
    for table in tables:  # every row has the cells of its header (no stray '|' in a cell)
        assert len({row.count("|") - row.count("\\|") for row in table}) == 1, table
    same = _ok("vergelijk", "protocol-hbh", "protocol-hbh", "-f", "markdown")
    assert "Geen verschillen" in same and "|" not in same


def test_vergelijk_lists_every_changed_field(tmp_path: Path) -> None:
    """Not only minutes: a lower maximum, another condition, a new label or source is a change
    too, named by its field in the norm file, and shows in the households it affects."""
    source = ROOT / "norms" / "utrecht" / "2017-01-01.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    sup = next(s for s in data["toeslagen"] if s["id"] == "toeslag_partner_schoon")
    sup["maximum_minuten_per_week"] = 5
    sup["label"] = "Extra schoonmaak | partner"
    sup["herkomst"]["bron"] = "rbmne-2018-645"
    changed = tmp_path / "gewijzigd.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = json.loads(_ok("vergelijk", str(source), str(changed), "-f", "json"))
    assert result["ongewijzigd"] is False
    (item,) = result["onderdelen"]
    assert item["id"] == "toeslag_partner_schoon" and item["wijziging"] == "gewijzigd"
    assert item["toelichting"] == [
        "label Extra schoonmaak wegens beperkingen van de partner → Extra schoonmaak | partner",
        "maximum_minuten_per_week 30 → 5",
        "herkomst.bron rbmne-2018-840 → rbmne-2018-645",
    ]
    assert any(e["verschil"] and e["verschil"] < 0 for e in result["referentiehuishoudens"])

    memo = _ok("vergelijk", str(source), str(changed), "-f", "markdown")
    assert "Extra schoonmaak \\| partner" in memo  # the '|' in the label stays in its cell
    tables = [block.splitlines() for block in memo.split("\n\n") if block.startswith("|")]
    for table in tables:
        assert len({row.count("|") - row.count("\\|") for row in table}) == 1, table


def test_vergelijk_same_set_json() -> None:
    data = json.loads(_ok("vergelijk", "protocol-hbh", "protocol-hbh", "-f", "json"))
    assert data["ongewijzigd"] is True and data["onderdelen"] == []
    assert all(e["verschil"] in (0, None) for e in data["referentiehuishoudens"])


def test_sjabloon_is_valid(tmp_path: Path) -> None:
    target = tmp_path / "sjabloon.yaml"
    result = runner.invoke(app, ["normen", "sjabloon", "--uitvoer", str(target)])
    assert result.exit_code == 0
    assert "# Sjabloon" in target.read_text(encoding="utf-8")
    assert check_file(target).findings == ()


def _import(tmp_path: Path, rows: str, encoding: str = "utf-8") -> tuple[int, str, Path]:
    src, out = tmp_path / "export.csv", tmp_path / "set.yaml"
    src.write_text(HEADER + rows, encoding=encoding)
    result = runner.invoke(app, ["normen", "importeer", str(src), "--id", "test-import",
                                 "--titel", "Import", "--geldig-van", "2026-01-01",
                                 "--uitvoer", str(out)])
    return result.exit_code, result.output, out


def test_importeer_valid(tmp_path: Path) -> None:
    code, output, out = _import(tmp_path, (
        ";schoon;Schoon huis;schoon_en_leefbaar_huis;150;minuten;1;week;ja;gepubliceerd;rapport;"
        "p. 12;Rapport normering 2025;;;;;;opruimen afwassen stof_afnemen stofzuigen dweilen "
        "sanitair keuken bed_verschonen ramen_binnen ramen_buiten periodieke_schoonmaak\n"
        ";was;De was;wasverzorging;0,5;uren;1;week;nee;voorbeeld;;;;;;;;;wassen strijken\n"
        "toeslag;veel;Veel beperkingen;schoon_en_leefbaar_huis;30;minuten;1;week;ja;voorbeeld;;;;"
        "beperkingen_veel;30;§3;;schoon\n"))
    assert code == 0, output
    norms = load_norm_file(out).norms
    assert [a.id for a in norms.activities] == ["schoon", "was"]
    assert norms.activities[1].postponable is False
    assert norms.supplements[0].cap_minutes_per_week == 30
    assert norms.supplements[0].activities == ("schoon",)
    assert norms.activities[1].covers == ("wassen", "strijken")
    # only what the municipality must still fill in: its own policy choices, not the template's,
    # and the activities of the vocabulary its two items do not cover (issue 14)
    findings = [(f.item, f.rule) for f in check_file(out).findings]
    assert findings[0] == ("beleidsuitgangspunten[0]", "nog_invullen")
    assert findings[1:] == [("activiteiten", "koppeling")]
    assert "afwassen" not in " ".join(norms.policy_assumptions)
    assert norms.source == "rapport" and [s.id for s in norms.sources] == ["rapport"]
    assert "beleidsuitgangspunten" in output and "VUL IN" in output
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["id"] == "test-import"


def test_importeer_excel_windows_1252(tmp_path: Path) -> None:
    """Excel's default 'CSV (gescheiden door lijstscheidingsteken)' on a Dutch Windows."""
    code, output, out = _import(tmp_path, (
        ";schoon;Schoonmaak van één woning;schoon_en_leefbaar_huis;150;minuten;1;week;ja;voorbeeld;"
        ";;;;;;\n"), encoding="cp1252")
    assert code == 0, output
    assert load_norm_file(out).norms.activities[0].label == "Schoonmaak van één woning"


def test_importeer_reports_every_bad_row(tmp_path: Path) -> None:
    code, output, out = _import(tmp_path, (
        ";schoon;Schoon huis;schoon_en_leefbaar_huis;-150;minuten;1;week;ja;voorbeeld;;;;;;;\n"
        ";was;De was;;30;minuten;1;week;misschien;voorbeeld;;;;;;;\n"
        ";strijken;Strijken;wasverzorging;5;liters;1;week;ja;voorbeeld;;;;;;;\n"
        "toeslag;veel;Veel;schoon_en_leefbaar_huis;30;minuten;1;week;ja;voorbeeld;;;;"
        "beperkingen_veel;;§3;\n"))
    assert code == 2  # bad input: exit 2, nothing written
    assert not out.exists()
    for fragment in ("rij 2 'schoon': [hoeveelheid_niet_positief]", "rij 3 'was': [geen_resultaatcategorie]",
                     "rij 3 'was': [geen_uitstelbaar]", "rij 4", "liters",
                     "rij 5 'veel': [toeslag_zonder_maximum]"):
        assert fragment in output, fragment


def test_importeer_missing_columns(tmp_path: Path) -> None:
    src = tmp_path / "leeg.csv"
    src.write_text("id,label\nx,y\n", encoding="utf-8")
    result = runner.invoke(app, ["normen", "importeer", str(src), "--id", "x", "--titel", "X",
                                 "--geldig-van", "2026-01-01"])
    assert result.exit_code == 2
    assert "kolommen ontbreken: categorie" in result.output


def test_importeer_unreadable_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["normen", "importeer", str(tmp_path / "weg.csv"), "--id", "x",
                                 "--titel", "X", "--geldig-van", "2026-01-01"])
    assert result.exit_code == 2
    assert "bestaat niet" in result.output
