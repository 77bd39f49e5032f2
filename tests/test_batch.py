"""hbh batch: nothing lost (in = ok + failed), results equal single computations, atomic output."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from typer.testing import CliRunner

from hbh_indicatie.batch import runner as batch_runner
from hbh_indicatie.batch.generate import generate
from hbh_indicatie.batch.rows import summary
from hbh_indicatie.cli.main import app
from hbh_indicatie.engine import compute
from hbh_indicatie.loading.cases import case_from_data
from hbh_indicatie.loading.norm_sets import resolve
from hbh_indicatie.models.case import Case
from hbh_indicatie.models.loaded_norms import LoadedNorms
from tests.builders import case_dict, housemate
from tests.strategies import cases

cli = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
ACTIVITIES = ["opruimen", "stofzuigen", "boodschappen", "wassen"]


def _cases(count: int, seed: int = 11) -> list[dict[str, Any]]:
    return list(generate(count, seed, ACTIVITIES))


def _write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


BROKEN = {
    3: "{dit is geen json",
    6: json.dumps([1, 2, 3]),
    9: json.dumps(case_dict(kenmerk="zonder-leeftijd", client={"leeftijd": 80})),
    12: json.dumps(case_dict(kenmerk="te-oud", huisdieren=99)),
    15: json.dumps(case_dict(kenmerk="onbekende-afwijking", afwijkingen=[{
        "activiteit": "bestaat_niet", "minuten_per_week": 5,
        "motivering": "Een motivering van ruim twintig tekens."}])),
}


def _mixed(tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    good = _cases(20)
    lines: list[str] = []
    feed = iter(good)
    for number in range(1, len(good) + len(BROKEN) + 1):
        lines.append(BROKEN[number] if number in BROKEN else json.dumps(next(feed)))
    return _write_jsonl(tmp_path / "caseload.jsonl", lines), good


@pytest.mark.parametrize("processes", ["1", "2"])
def test_broken_lines_in_equals_ok_plus_failed(tmp_path: Path, processes: str,
                                                protocol_norms: LoadedNorms) -> None:
    source, good = _mixed(tmp_path)
    out = tmp_path / "uit.jsonl"
    result = cli.invoke(app, ["batch", str(source), "--normen", "protocol-hbh", "--uitvoer", str(out),
                              "--processen", processes, "--stil"])
    assert result.exit_code == 1, result.output
    assert f"Ingelezen: {len(good) + len(BROKEN)} = {len(good)} berekend + {len(BROKEN)} mislukt" \
        in result.output
    rows = _read_jsonl(out)
    errors = _read_jsonl(tmp_path / "uit.fouten.jsonl")
    assert len(rows) == len(good)
    assert [e["regel"] for e in errors] == sorted(BROKEN)
    by_line = {e["regel"]: e for e in errors}
    assert "geen geldige JSON" in by_line[3]["reden"]
    assert "verzameling velden" in by_line[6]["reden"]
    assert by_line[9]["kenmerk"] == "zonder-leeftijd" and "ontbreekt" in by_line[9]["reden"]
    assert "huisdieren" in by_line[12]["reden"]
    assert "bestaat_niet" in by_line[15]["reden"]
    expected = [summary(compute(case_from_data(c), protocol_norms)) for c in good]
    assert rows == expected


def test_good_rows_match_single_bereken_json(tmp_path: Path) -> None:
    source, good = _mixed(tmp_path)
    out = tmp_path / "uit.jsonl"
    cli.invoke(app, ["batch", str(source), "--normen", "protocol-hbh", "-o", str(out), "-p", "1"])
    rows = {r["kenmerk"]: r for r in _read_jsonl(out)}
    for case in good[:6]:
        path = tmp_path / f"{case['kenmerk']}.json"
        path.write_text(json.dumps(case), encoding="utf-8")
        single = cli.invoke(app, ["bereken", str(path), "--normen", "protocol-hbh", "--formaat", "json"])
        assert single.exit_code == 0, single.output
        ind = json.loads(single.stdout)
        row = rows[case["kenmerk"]]
        assert row["totaal_minuten_per_week"] == ind["totaal_minuten_per_week"]
        assert row["totaal_exact"] == ind["afronding"]["exact"]
        assert row["voorlopig"] == ind["voorlopig"]
        assert row["categorieen"] == {c["categorie"]: c["hulp_minuten_per_week"]
                                      for c in ind["categorieen"]}
        assert row["perioden"] == [{k: p[k] for k in ("van", "tot", "minuten_per_week", "minuten_exact",
                                                      "uren_per_jaar", "uren_per_jaar_exact")}
                                   for p in ind["perioden"]]
        assert row["uren_per_jaar_exact"] == ind["uren_per_jaar"]["exact"]
        assert row["uren_per_jaar"] == ind["uren_per_jaar"]["afgerond"]
        assert row["categorieen_uren_per_jaar"] == {c["categorie"]: c["hulp_uren_per_jaar"]
                                                    for c in ind["categorieen"]}
        for key in ("normen_id", "normen_versie", "normen_sha256", "engine_versie", "peildatum"):
            assert row[key] == ind["stempel"][key]


def test_pool_output_identical_to_single_process(tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "c.jsonl", [json.dumps(c) for c in _cases(60, seed=5)])
    outputs = []
    for processes in ("1", "2"):
        out = tmp_path / f"uit-{processes}.csv"
        result = cli.invoke(app, ["batch", str(source), "-n", "protocol-hbh", "-o", str(out),
                                  "-p", processes])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    rows = list(csv.DictReader(outputs[0].decode().splitlines()))
    assert len(rows) == 60
    assert rows[0]["kenmerk"] == "SYN-0000001"
    assert "minuten_schoon_en_leefbaar_huis" in rows[0]


def test_interrupted_batch_leaves_no_partial_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _write_jsonl(tmp_path / "c.jsonl", [json.dumps(c) for c in _cases(30)])
    real = batch_runner.process_item
    seen = {"n": 0}

    def interrupt_midway(job: batch_runner.Job, item: Any) -> batch_runner.Outcome:
        seen["n"] += 1
        if seen["n"] == 15:
            raise KeyboardInterrupt
        return real(job, item)

    monkeypatch.setattr(batch_runner, "process_item", interrupt_midway)
    out = tmp_path / "uit" / "resultaat.jsonl"
    result = cli.invoke(app, ["batch", str(source), "-n", "protocol-hbh", "-o", str(out), "-p", "1"])
    assert result.exit_code == 130
    assert "Afgebroken" in result.output
    assert seen["n"] == 15
    assert list(out.parent.iterdir()) == []


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)],
                         ids=["ctrl-c", "kill"])
def test_stop_signal_on_the_process_pool(tmp_path: Path, sig: signal.Signals, code: int) -> None:
    # 24,000 lines (3,000 cases repeated): far more than the batch can finish before the signal.
    lines = [json.dumps(c) for c in _cases(3000, seed=2)]
    source = _write_jsonl(tmp_path / "c.jsonl", lines * 8)
    out = tmp_path / "uit" / "resultaat.jsonl"
    out.parent.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from hbh_indicatie.cli.main import run; run()", "batch", str(source),
         "-n", "protocol-hbh", "-o", str(out), "-p", "2"],
        stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".tmp") for p in out.parent.iterdir()):
        assert proc.poll() is None and time.monotonic() < deadline, "batch started no output"
        time.sleep(0.01)
    assert proc.poll() is None, "batch finished before the signal"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert "Afgebroken" in err, err
    assert list(out.parent.iterdir()) == [], err


def _csv_lines() -> list[str]:
    """Header and three rows: two good cases (CSV-1, CSV-2) and one bad (line 4)."""
    header = ("kenmerk,peildatum,dreigend_disfunctioneren,woonvorm,extra_kamers_in_gebruik,"
              "extra_kamers_niet_in_gebruik,kenmerken_extra_werk,leeftijd,duur_beperkingen,"
              "verwacht_herstel,extra_inzet_door_beperkingen,structurele_regieproblemen,"
              "zelf_schoon_en_leefbaar_huis,zelf_boodschappen_en_maaltijden,zelf_wasverzorging,"
              "zelf_kinderen,zelf_organisatie_van_het_huishouden,partner_leeftijd,"
              "partner_kan_huishouden,partner_afwezig_etmalen,partner_afwezig_dagen_per_week,"
              "partner_overbelast,partner_ongewend_aan_huishouden,kinderen_leeftijden,"
              "kinderen_kan_huishouden,hulpmiddelen,voorliggende_voorzieningen,huisdieren,"
              "derde_persoon,extra_bevuiling,huisstofmijt,terminale_situatie,revalidatie,"
              "particuliere_hulp,netwerk,afwijkingen")
    aids = "wasmachine=aanwezig;wasdroger=niet_haalbaar;vaatwasser=haalbaar_per_2026-04-01;" \
           "robotstofzuiger=onbekend"
    provisions = "boodschappendienst=haalbaar;glazenwasser=niet_beschikbaar;" \
                 "was_en_strijkservice=niet_haalbaar;maaltijdservice=niet_beschikbaar;" \
                 "kinderopvang=niet_beschikbaar"
    good = (f"CSV-1,2026-03-02,vervuiling,zelfstandig,0,1,nee,81,langdurig,,enig,nee,"
            f"gedeeltelijk:40,niet,niet,niet,volledig,78,gedeeltelijk,0,0,nee,ja,,,"
            f'"{aids}","{provisions}",1,nee,ja,geen,nee,geen,geen,geen,geen,wasverzorging;stofzuigen')
    family = (f"CSV-2,2026-03-02,geen,zelfstandig,0,0,nee,40,langdurig,,geen,nee,"
              f"niet,niet,niet,niet,niet,,,,,,,8;14,ja,"
              f'"{aids}","{provisions}",0,nee,nee,geen,nee,geen,geen,geen,geen,')
    bad = (f"CSV-3,2026-03-02,vervuiling,zelfstandig,0,0,nee,81,langdurig,,geen,nee,"
           f"niet,niet,niet,niet,niet,,,,,,,,,"
           f'"{aids}","{provisions}",0,nee,nee,geen,nee,geen,geen,"{{iets}}",geen,')
    # a present factor without the consultant's judgement is missing, not onbekend
    return [header + ",partner_kan_overnemen,meer_professionele_inzet",
            good + ",huisdier=onbekend", family + ",kinderen=onbekend", bad + ","]


def test_csv_input(tmp_path: Path, protocol_norms: LoadedNorms) -> None:
    source = tmp_path / "caseload.csv"
    source.write_text("\n".join(_csv_lines()) + "\n", encoding="utf-8")
    out = tmp_path / "uit.jsonl"
    result = cli.invoke(app, ["batch", str(source), "-n", "protocol-hbh", "-o", str(out), "-p", "1"])
    assert result.exit_code == 1, result.output
    assert "Ingelezen: 3 = 2 berekend + 1 mislukt" in result.output
    errors = _read_jsonl(tmp_path / "uit.fouten.jsonl")
    assert errors == [{"kenmerk": None, "regel": 4,
                       "reden": "kolom 'netwerk': in CSV alleen 'geen'; gebruik JSON Lines voor meer"}]
    aid_facts = [
        {"soort": "wasmachine", "aanwezig": True},
        {"soort": "wasdroger", "aanwezig": False, "haalbaar": False},
        {"soort": "vaatwasser", "aanwezig": False, "haalbaar": True, "verwacht_per": "2026-04-01"},
        {"soort": "robotstofzuiger", "aanwezig": False, "haalbaar": "onbekend"},
    ]
    provision_facts = [
        {"soort": "boodschappendienst", "beschikbaar_in_gemeente": True, "haalbaar": True},
        {"soort": "glazenwasser", "beschikbaar_in_gemeente": False, "haalbaar": False},
        {"soort": "was_en_strijkservice", "beschikbaar_in_gemeente": True, "haalbaar": False},
        {"soort": "maaltijdservice", "beschikbaar_in_gemeente": False, "haalbaar": False},
        {"soort": "kinderopvang", "beschikbaar_in_gemeente": False, "haalbaar": False},
    ]
    client = case_dict()["client"]
    partner = housemate("partner", "partner", 78, kan_huishouden="gedeeltelijk",
                        kan_overnemen={"categorieen": ["wasverzorging"], "activiteiten": ["stofzuigen"]},
                        ongewend_aan_huishouden=True,
                        afwezigheid_werk={"langste_aaneengesloten_etmalen": 0, "dagen_per_week": 0})
    first = case_dict(
        kenmerk="CSV-1", woning={**case_dict()["woning"], "extra_kamers_niet_in_gebruik": 1},
        client={**client, "leeftijd": 81, "extra_inzet_door_beperkingen": "enig",
                "zelf": {**client["zelf"], "schoon_en_leefbaar_huis": {"gedeeltelijk": 40},
                         "organisatie_van_het_huishouden": "volledig"}},
        huisgenoten=[partner], hulpmiddelen=aid_facts, voorliggende_voorzieningen=provision_facts,
        huisdieren=1, extra_bevuiling=True, meer_professionele_inzet={"huisdier": "onbekend"},
    )
    second = case_dict(
        kenmerk="CSV-2", dreigend_disfunctioneren=[], client={**client, "leeftijd": 40},
        huisgenoten=[housemate("kind 1", "kind", 8), housemate("kind 2", "kind", 14)],
        hulpmiddelen=aid_facts, voorliggende_voorzieningen=provision_facts,
        meer_professionele_inzet={"kinderen": "onbekend"},
    )
    assert _read_jsonl(out) == [summary(compute(case_from_data(c), protocol_norms))
                                for c in (first, second)]


@pytest.mark.parametrize(("delimiter", "encoding", "newline"), [
    (";", "utf-8-sig", "\r\n"),  # Excel 'CSV UTF-8' with the Dutch list separator
    (";", "cp1252", "\r\n"),     # Excel 'CSV (gescheiden door lijstscheidingsteken)'
    ("\t", "utf-8", "\n"),
    (",", "utf-8-sig", "\n"),
])
def test_csv_as_excel_writes_it(tmp_path: Path, delimiter: str, encoding: str, newline: str) -> None:
    """The same caseload saved by a Dutch Excel gives exactly the rows and errors of the plain
    comma-separated UTF-8 file; a non-ASCII description survives the Windows-1252 encoding."""
    rows = list(csv.reader(_csv_lines()))
    rows[0].append("omschrijving")
    for row in rows[1:]:
        row.append("cliënt met één kat; \"zwaar\"")
    outputs = []
    for name, (sep, enc, nl) in {"gewoon": (",", "utf-8", "\n"),
                                 "excel": (delimiter, encoding, newline)}.items():
        source = tmp_path / f"{name}.csv"
        with source.open("w", encoding=enc, newline="") as handle:
            csv.writer(handle, delimiter=sep, lineterminator=nl).writerows(rows)
        out = tmp_path / f"{name}.jsonl"
        result = cli.invoke(app, ["batch", str(source), "-n", "protocol-hbh", "-o", str(out),
                                  "-p", "1", "--stil"])
        assert result.exit_code == 1, result.output
        assert "Ingelezen: 3 = 2 berekend + 1 mislukt" in result.output
        outputs.append((_read_jsonl(out), _read_jsonl(tmp_path / f"{name}.fouten.jsonl")))
    assert outputs[0] == outputs[1]
    assert [e["regel"] for e in outputs[1][1]] == [4]


def test_jsonl_with_byte_order_mark(tmp_path: Path, protocol_norms: LoadedNorms) -> None:
    source = tmp_path / "caseload.jsonl"
    source.write_text(json.dumps(case_dict(kenmerk="bom")) + "\n", encoding="utf-8-sig")
    out = tmp_path / "uit.jsonl"
    result = cli.invoke(app, ["batch", str(source), "-n", "protocol-hbh", "-o", str(out), "-p", "1"])
    assert result.exit_code == 0, result.output
    assert _read_jsonl(out) == [summary(compute(case_from_data(case_dict(kenmerk="bom")),
                                                protocol_norms))]


def test_folder_input(tmp_path: Path, protocol_norms: LoadedNorms) -> None:
    folder = tmp_path / "casussen"
    (folder / "sub").mkdir(parents=True)
    cases = _cases(2, seed=3)
    (folder / "a.yaml").write_text(yaml.safe_dump(cases[0], allow_unicode=True), encoding="utf-8")
    (folder / "b.json").write_text(json.dumps(cases[1]), encoding="utf-8")
    (folder / "c.yaml").write_text("kenmerk: [kapot\n", encoding="utf-8")
    # Subfolders (such as cases/verwacht/ with expectations) are not read.
    (folder / "sub" / "verwacht.yaml").write_text("totaal_minuten_per_week: 3\n", encoding="utf-8")
    (folder / "notities.txt").write_text("geen casus", encoding="utf-8")
    out = tmp_path / "uit.jsonl"
    result = cli.invoke(app, ["batch", str(folder), "-n", "protocol-hbh", "-o", str(out), "-p", "1"])
    assert "Ingelezen: 3 = 2 berekend + 1 mislukt" in result.output
    rows = _read_jsonl(out)
    assert rows == [summary(compute(case_from_data(c), protocol_norms)) for c in cases]
    errors = _read_jsonl(tmp_path / "uit.fouten.jsonl")
    assert len(errors) == 1
    assert errors[0]["bestand"] == str(folder / "c.yaml")
    assert "geen geldige YAML" in errors[0]["reden"]


def test_unknown_norm_set_fails_before_any_case(tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "c.jsonl", [json.dumps(c) for c in _cases(2)])
    out = tmp_path / "uit.jsonl"
    result = cli.invoke(app, ["batch", str(source), "-n", "bestaat-niet", "-o", str(out)])
    assert result.exit_code == 2
    assert "bestaat niet" in result.output
    assert not out.exists()


def test_unknown_input_kind(tmp_path: Path) -> None:
    source = tmp_path / "caseload.xlsx"
    source.write_text("x", encoding="utf-8")
    result = cli.invoke(app, ["batch", str(source), "-o", str(tmp_path / "u.jsonl")])
    assert result.exit_code == 2
    assert "onbekende soort" in result.output


def test_case_without_norm_set_is_an_error_row(tmp_path: Path) -> None:
    data = case_dict(kenmerk="zonder-normen")
    del data["normen"]
    source = _write_jsonl(tmp_path / "c.jsonl", [json.dumps(data), json.dumps(case_dict())])
    out = tmp_path / "uit.jsonl"
    result = cli.invoke(app, ["batch", str(source), "-o", str(out), "-p", "1"])
    assert "Ingelezen: 2 = 1 berekend + 1 mislukt" in result.output
    assert _read_jsonl(tmp_path / "uit.fouten.jsonl")[0]["kenmerk"] == "zonder-normen"
    assert os.path.getsize(out) > 0


def _row(**changes: str) -> dict[str, str]:
    from hbh_indicatie.batch.csv_case import REQUIRED

    row = {column: "geen" for column in REQUIRED}
    row.update(kenmerk="R", peildatum="2026-03-02", partner_leeftijd="", kinderen_leeftijden="",
               hulpmiddelen="wasmachine=aanwezig", voorliggende_voorzieningen="")
    row.update(changes)
    return row


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"extra_kolom": "x"}, "onbekende kolom: extra_kolom"),
        ({"zelf_kinderen": "gedeeltelijk"}, "gedeeltelijk:PROCENT"),
        ({"huisstofmijt": "soms"}, "kolom 'huisstofmijt'"),
        ({"hulpmiddelen": "wasmachine"}, "soort=waarde"),
        ({"hulpmiddelen": "wasmachine=kapot"}, "haalbaar_per_JJJJ-MM-DD"),
        ({"voorliggende_voorzieningen": "glazenwasser=ja"}, "niet_beschikbaar"),
        ({"partner_leeftijd": "70"}, "partner_kan_huishouden"),
        ({"kinderen_leeftijden": "5;9"}, "kinderen_kan_huishouden"),
    ],
)
def test_csv_row_errors_name_the_column(changes: dict[str, str], fragment: str) -> None:
    from hbh_indicatie.batch.csv_case import RowError, case_from_row

    with pytest.raises(RowError) as caught:
        case_from_row(_row(**changes))
    assert fragment in caught.value.message


def test_csv_professional_effort_column() -> None:
    """§3 meer_professionele_inzet: 'factor=oordeel' pairs; the case model checks the factors."""
    from hbh_indicatie.batch.csv_case import case_from_row
    from hbh_indicatie.errors import HbhError
    from hbh_indicatie.loading.validation import validate
    from hbh_indicatie.models.case import ProfessionalEffort

    row = _row(meer_professionele_inzet="kinderen=ja;huisdier=nee;derde_persoon=onbekend")
    mapped = case_from_row(row)["meer_professionele_inzet"]
    assert mapped == {"kinderen": True, "huisdier": False, "derde_persoon": "onbekend"}
    effort = validate(ProfessionalEffort, mapped, "<rij>", "casus")
    assert (effort.children, effort.pet, effort.third_person) == (True, False, "onbekend")
    assert "meer_professionele_inzet" not in case_from_row(_row())
    wrong = case_from_row(_row(meer_professionele_inzet="katten=ja"))["meer_professionele_inzet"]
    with pytest.raises(HbhError, match="katten"):
        validate(ProfessionalEffort, wrong, "<rij>", "casus")


def test_csv_support_columns_match_the_golden_cases() -> None:
    """Bijlage 2, §1.5, §1.3 in CSV: ondersteuningswijze, oefenplan_taken/_fasen and zrm give
    the same client facts as golden cases 70, 71 and 73; a half oefenplan is refused."""
    from hbh_indicatie import api
    from hbh_indicatie.batch.csv_case import RowError, case_from_row
    from hbh_indicatie.loading.validation import validate
    from hbh_indicatie.models.case import ModeOfSupport, ReablementPlan, ZrmScores

    row = _row(ondersteuningswijze="wasverzorging=hulp_en_ondersteuning;boodschappen=toezicht;"
                                   "warme_maaltijd=stimuleren_en_aanleren;broodmaaltijd=overnemen;"
                                   "organisatie=onbekend",
               oefenplan_taken="broodmaaltijd;warme_maaltijd",
               oefenplan_fasen="stimuleren_en_aanleren:6;toezicht:6",
               zrm="financien=2;dagbesteding=2;maatschappelijke_participatie=2;sociaal_netwerk=3;"
                   "geestelijke_gezondheid=3;huisvesting=4;adl=4;lichamelijke_gezondheid=2")
    client = case_from_row(row)["client"]
    cases = ROOT / "cases"
    modes = tuple(validate(ModeOfSupport, m, "<rij>", "casus")
                  for m in client["ondersteuningswijze"])
    assert modes == api.load_case(cases / "70-ondersteuningswijze.yaml").client.support_modes
    assert validate(ReablementPlan, client["oefenplan"], "<rij>", "casus") == \
        api.load_case(cases / "71-oefenplan-afbouw.yaml").client.plan
    assert validate(ZrmScores, client["zrm"], "<rij>", "casus") == \
        api.load_case(cases / "73-zrm-signaal-begeleiding.yaml").client.zrm
    assert not {"ondersteuningswijze", "oefenplan", "zrm"} & set(case_from_row(_row())["client"])
    with pytest.raises(RowError, match="horen bij elkaar"):
        case_from_row(_row(oefenplan_taken="broodmaaltijd"))
    with pytest.raises(RowError, match="WIJZE:WEKEN"):
        case_from_row(_row(oefenplan_taken="broodmaaltijd", oefenplan_fasen="toezicht"))


def test_csv_housing_judgement_columns() -> None:
    """§4.6.1 uitzondering_woonvorm (nee, onbekend or the motivation) and §1.2 vaste_woonruimte."""
    from hbh_indicatie.batch.csv_case import case_from_row

    motivation = "De eigen woning wordt verbouwd en is drie maanden onbewoonbaar."
    dwelling = case_from_row(_row(woonvorm="vakantiewoning",
                                  uitzondering_woonvorm=motivation))["woning"]
    assert dwelling["uitzondering_woonvorm"] == {"motivering": motivation}
    dwelling = case_from_row(_row(woonvorm="kamerhuur", uitzondering_woonvorm="nee",
                                  vaste_woonruimte="ja"))["woning"]
    assert (dwelling["uitzondering_woonvorm"], dwelling["vaste_woonruimte"]) == ("nee", True)
    assert "uitzondering_woonvorm" not in case_from_row(_row())["woning"]


def test_csv_missing_column() -> None:
    from hbh_indicatie.batch.csv_case import RowError, case_from_row

    row = _row()
    del row["huisdieren"]
    with pytest.raises(RowError, match="kolom ontbreekt: huisdieren"):
        case_from_row(row)


def test_decode_line_utf8_else_windows_1252() -> None:
    from hbh_indicatie.loading.yaml_io import decode_export, delimiter_of

    text = "cliënt met één kat € 5"
    assert decode_export(text.encode("utf-8")) == text
    assert decode_export(text.encode("utf-8-sig")) == text
    assert decode_export(text.encode("cp1252")) == text
    assert [delimiter_of(h) for h in ("kenmerk,peildatum", "kenmerk;peildatum", "a\tb")] == [",", ";", "\t"]


def _both_routes(line: str) -> tuple[Case | None, Case | None]:
    """(the one-pass JSON route of the batch, the regular route: json.loads + validate)."""
    from hbh_indicatie.batch.reader import Item
    from hbh_indicatie.batch.runner import fast_case
    from hbh_indicatie.errors import HbhError

    try:
        regular: Case | None = case_from_data(json.loads(line))
    except HbhError:
        regular = None
    return fast_case(Item("jsonl", 1, line)), regular


def test_one_pass_json_route_reads_the_same_cases() -> None:
    """Every generated and every golden case: the batch's one-pass route gives the very case of
    the regular route (and is taken, not skipped)."""
    from hbh_indicatie.loading.yaml_io import parse_text, read_text

    ids = [a.id for a in resolve("protocol-hbh", date(2026, 1, 1)).norms.activities]
    lines = [json.dumps(c) for c in generate(300, 7, ids)]
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        lines.append(json.dumps(parse_text(read_text(path, "casus"), str(path), "casus"), default=str))
    for line in lines:
        fast, regular = _both_routes(line)
        assert fast is not None and fast == regular, line[:120]


@settings(max_examples=60, deadline=None)
@given(data=cases())
def test_one_pass_json_route_never_differs(data: dict[str, Any]) -> None:
    """Random cases, valid or not: when the one-pass route gives a case, it is the regular one."""
    fast, regular = _both_routes(json.dumps(data, default=str))
    if fast is not None:
        assert fast == regular


def test_excel_csv_has_the_plain_csv_figures(tmp_path: Path) -> None:
    """--excel: semicolons, a byte order mark, decimal commas; the same rows and figures as the
    plain CSV (fractions rounded to two decimals), text columns untouched."""
    from fractions import Fraction

    source = tmp_path / "c.jsonl"
    ids = [a.id for a in resolve("protocol-hbh", date(2026, 1, 1)).norms.activities]
    cases = list(generate(40, 11, ids, "protocol-hbh"))
    for case, key in zip(cases, ["15/2", "00123", "3-4", "1e5"], strict=False):
        case["kenmerk"] = key  # what Excel would turn into a date or a number
    source.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    plain, excel = tmp_path / "gewoon.csv", tmp_path / "excel.csv"
    for out, extra in ((plain, []), (excel, ["--excel"])):
        result = cli.invoke(app, ["batch", str(source), "-o", str(out), "-p", "1", "--stil", *extra])
        assert result.exit_code == 0, result.output
    raw = excel.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows_plain = list(csv.DictReader(plain.read_text(encoding="utf-8").splitlines()))
    rows_excel = list(csv.DictReader(excel.read_text(encoding="utf-8-sig").splitlines(),
                                     delimiter=";"))
    assert len(rows_plain) == len(rows_excel) == 40
    for a, b in zip(rows_plain, rows_excel, strict=True):
        assert a.keys() == b.keys()
        for key, value in a.items():
            if key.startswith(("minuten_", "totaal_", "uren_")) and value:
                assert abs(Fraction(b[key].replace(",", ".")) - Fraction(value)) <= Fraction(1, 200)
            elif key in ("kenmerk", "normen_versie", "engine_versie") and b[key] != value:
                assert b[key] == f'="{value}"', key  # shown as written, not as a number/date
            else:
                assert b[key] == value, key
    assert [r["kenmerk"] for r in rows_excel[:4]] == ['="15/2"', '="00123"', '="3-4"', '="1e5"']
    wrong = cli.invoke(app, ["batch", str(source), "-o", str(tmp_path / "x.jsonl"), "--excel"])
    assert wrong.exit_code == 2 and "--excel" in wrong.output


def test_csv_error_tells_the_csv_notation(tmp_path: Path) -> None:
    """A missing aid in a CSV row is explained in the CSV's notation, not the case file's."""
    lines = _csv_lines()
    lines[1] = lines[1].replace("vaatwasser=haalbaar_per_2026-04-01;", "")
    source = tmp_path / "c.csv"
    source.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    out = tmp_path / "uit.jsonl"
    result = cli.invoke(app, ["batch", str(source), "-n", "protocol-hbh", "-o", str(out), "-p", "1"])
    assert result.exit_code == 1, result.output
    (error,) = _read_jsonl(tmp_path / "uit.fouten.jsonl")
    assert error["reden"].startswith("kolom hulpmiddelen: 'vaatwasser' ontbreekt")
    assert "vaatwasser=aanwezig" in error["reden"] and "{soort" not in error["reden"]
