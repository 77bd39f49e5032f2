"""Bad input gets a Dutch message naming file and field, exit code 2, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from hbh_indicatie.cli.main import app
from tests.builders import case_dict, housemate

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


def _run(tmp_path: Path, data: object, name: str = "casus.yaml", raw: str | None = None) -> tuple[int, str]:
    path = tmp_path / name
    path.write_text(raw if raw is not None else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["bereken", str(path)])
    return result.exit_code, result.output


def test_valid_case_exit_zero(tmp_path: Path) -> None:
    code, out = _run(tmp_path, case_dict())
    assert code == 0, out
    assert "minuten" in out


def test_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["bereken", str(tmp_path / "bestaat-niet.yaml")])
    assert result.exit_code == 2
    assert "bestaat niet" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [("kenmerk: [a\n", "geen geldige YAML"), ("a: 1\na: 2\n", "dubbele sleutel")],
)
def test_yaml_syntax(tmp_path: Path, raw: str, fragment: str) -> None:
    code, out = _run(tmp_path, None, raw=raw)
    assert code == 2
    assert fragment in out
    assert "casus.yaml" in out


def test_json_syntax(tmp_path: Path) -> None:
    code, out = _run(tmp_path, None, name="casus.json", raw='{"kenmerk": }')
    assert code == 2
    assert "geen geldige JSON" in out


def test_unknown_field(tmp_path: Path) -> None:
    code, out = _run(tmp_path, case_dict(kleur="blauw"))
    assert code == 2
    assert "kleur" in out and "onbekend veld" in out


def test_wrong_type(tmp_path: Path) -> None:
    code, out = _run(tmp_path, case_dict(huisdieren="veel"))
    assert code == 2
    assert "huisdieren" in out


def test_nine_absent_days(tmp_path: Path) -> None:
    mate = housemate(afwezigheid_werk={"langste_aaneengesloten_etmalen": 3, "dagen_per_week": 9})
    code, out = _run(tmp_path, case_dict(huisgenoten=[mate]))
    assert code == 2
    assert "dagen_per_week" in out and "<= 7" in out


def test_unknown_activity(tmp_path: Path) -> None:
    data = case_dict()
    data["client"]["zelf"]["activiteiten"] = {"tapijtkloppen": "niet"}
    code, out = _run(tmp_path, data)
    assert code == 2
    assert "tapijtkloppen" in out and "stofzuigen" in out


def test_all_missing_facts_in_one_error(tmp_path: Path) -> None:
    data = case_dict()
    del data["huisdieren"]
    del data["extra_bevuiling"]
    del data["client"]["leeftijd"]
    code, out = _run(tmp_path, data)
    assert code == 2
    for field in ("huisdieren", "extra_bevuiling", "client.leeftijd"):
        assert field in out
    assert out.count("ontbreekt") >= 3


def test_json_output_parses(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps(case_dict()), encoding="utf-8")
    result = runner.invoke(app, ["bereken", str(path), "--formaat", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert isinstance(data["totaal_minuten_per_week"], int)


def test_case_template_validates_and_computes(tmp_path: Path) -> None:
    target = tmp_path / "sjabloon.yaml"
    result = runner.invoke(app, ["casus", "sjabloon", "--uitvoer", str(target)])
    assert result.exit_code == 0, result.output
    checked = runner.invoke(app, ["casus", "controleer", str(target)])
    assert checked.exit_code == 0 and "In orde" in checked.output
    computed = runner.invoke(app, ["bereken", str(target), "--formaat", "json"])
    assert computed.exit_code == 0, computed.output
    data = json.loads(computed.output)
    assert data["kenmerk"] == "2026-0001"
    assert len(data["perioden"]) == 2  # overbrugging tot de vaatwasser er is


def test_error_text_is_not_rich_markup(tmp_path: Path) -> None:
    data = case_dict()
    data["client"]["zelf"]["activiteiten"] = {"[bold]stof": "niet"}
    code, out = _run(tmp_path, data)
    assert code == 2
    assert "[bold]stof" in out


def _run_console(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                 *args: str) -> tuple[int, str]:
    """Through the console-script entry point ``run()``, as a user runs ``hbh``."""
    from hbh_indicatie.cli.main import run

    monkeypatch.setattr("sys.argv", ["hbh", *args])
    with pytest.raises(SystemExit) as info:
        run()
    captured = capsys.readouterr()
    return int(info.value.code or 0), captured.out + captured.err


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("bereken",), "argument 'CASUS' ontbreekt"),
        (("bereken", "x.yaml", "--onzin"), "onbekende optie --onzin"),
        (("bereken", "x.yaml", "--formaat", "rtf"), "ongeldige waarde voor '--formaat'"),
        (("berekenen",), "onbekend commando 'berekenen'. Bedoelt u 'bereken'?"),
        (("bereken", "x.yaml", "--looptijd", "0"), "'--looptijd': dit moet minstens 1 zijn"),
        (("bereken", "x.yaml", "--looptijd", "121"), "'--looptijd': dit mag hoogstens 120 zijn"),
        (("genereer", "veel", "-o", "x.jsonl"), "'AANTAL': dit is geen geheel getal"),
        (("batch", "x.jsonl", "-o", "y.csv", "-p", "0"), "'--processen': dit moet minstens 1 zijn"),
        (("normen", "vergelijk", "a", "b", "c"), "onverwacht extra argument: c"),
        (("bereken", "x.yaml", "--formaa", "json"), "onbekende optie --formaa (bedoelt u: --formaat"),
        (("normen", "vergelijk", "a", "b", "-f"),
         "optie '-f' vraagt een waarde\nZie 'hbh normen vergelijk --help'"),
    ],
)
def test_usage_errors_in_dutch(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                               args: tuple[str, ...], fragment: str) -> None:
    code, out = _run_console(monkeypatch, capsys, *args)
    assert code == 2
    assert fragment in out and "Ongeldige aanroep" in out
    assert "Error:" not in out and "Traceback" not in out
    assert "Input should" not in out and "Got unexpected" not in out and "Possible" not in out


def test_console_entry_exit_codes(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                  tmp_path: Path) -> None:
    assert _run_console(monkeypatch, capsys, "--versie")[0] == 0
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(case_dict(), allow_unicode=True), encoding="utf-8")
    code, out = _run_console(monkeypatch, capsys, "bereken", str(path), "--formaat", "json")
    assert code == 0 and json.loads(out)["kenmerk"] == "test"
    code, out = _run_console(monkeypatch, capsys, "bereken", str(tmp_path / "weg.yaml"))
    assert code == 2 and "bestaat niet" in out


def test_sigterm_in_any_command_exits_143(tmp_path: Path) -> None:
    """SIGTERM (kill, a job scheduler) stops like Ctrl-C, with exit 143 and a Dutch message,
    also in a command that has no interrupt handling of its own."""
    script = (
        "import os, signal, sys\n"
        "from hbh_indicatie.cli import main\n"
        "@main.app.command('stop-test')\n"
        "def stop_test() -> None:\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    signal.pause()\n"
        "sys.argv = ['hbh', 'stop-test']\n"
        "main.run()\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)
    assert proc.returncode == 143, proc.stderr
    assert "Afgebroken." in proc.stderr
    assert "Traceback" not in proc.stderr


def test_case_file_with_byte_order_mark(tmp_path: Path) -> None:
    """Windows editors put a byte order mark in front of UTF-8; the case reads the same."""
    plain, marked = tmp_path / "gewoon.json", tmp_path / "kladblok.json"
    plain.write_text(json.dumps(case_dict()), encoding="utf-8")
    marked.write_text(json.dumps(case_dict()), encoding="utf-8-sig")
    outputs = [runner.invoke(app, ["bereken", str(p), "--formaat", "json"]) for p in (plain, marked)]
    assert [r.exit_code for r in outputs] == [0, 0], outputs[1].output
    assert outputs[0].stdout == outputs[1].stdout


def test_case_file_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "ansi.json"
    path.write_bytes(json.dumps({**case_dict(), "omschrijving": "cliënt"},
                                ensure_ascii=False).encode("cp1252"))
    result = runner.invoke(app, ["bereken", str(path)])
    assert result.exit_code == 2
    assert "geen UTF-8-tekst" in result.output and "ansi.json" in result.output


@pytest.mark.parametrize(("field", "date_text"), [("peildatum", "2026-02-30"),
                                                    ("ingangsdatum", "2026-13-01")])
def test_impossible_date_in_yaml(tmp_path: Path, field: str, date_text: str) -> None:
    """PyYAML cannot make a date of 2026-02-30; the user gets the field, not an internal error."""
    raw = yaml.safe_dump({**case_dict(), field: "DATUM"}, allow_unicode=True)
    code, out = _run(tmp_path, None, raw=raw.replace("DATUM", date_text))
    assert code == 2, out
    assert field in out and "datum" in out and "Interne fout" not in out


def test_output_never_replaces_the_input(tmp_path: Path) -> None:
    case = tmp_path / "casus.yaml"
    case.write_text(yaml.safe_dump(case_dict(), allow_unicode=True), encoding="utf-8")
    before = case.read_bytes()
    for args in (["bereken", str(case), "-o", str(case)],
                 ["batch", str(tmp_path), "-o", str(case), "-n", "protocol-hbh"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert "is ook de invoer" in result.output
    assert case.read_bytes() == before


@pytest.mark.parametrize("group", ["casus", "normen"])
def test_template_does_not_overwrite_without_asking(tmp_path: Path, group: str) -> None:
    target = tmp_path / "mijn.yaml"
    target.write_text("# al ingevuld\n", encoding="utf-8")
    result = runner.invoke(app, [group, "sjabloon", "-o", str(target)])
    assert result.exit_code == 2 and "--overschrijf" in result.output
    assert target.read_text(encoding="utf-8") == "# al ingevuld\n"
    assert runner.invoke(app, [group, "sjabloon", "-o", str(target), "--overschrijf"]).exit_code == 0
    assert target.read_text(encoding="utf-8") != "# al ingevuld\n"


def test_casus_controleer_checks_against_the_norm_set(tmp_path: Path) -> None:
    """What `bereken` would refuse for this norm set, `casus controleer` already reports."""
    typo = tmp_path / "tikfout.yaml"
    data = case_dict(normen="protocol-hbh")
    data["client"]["zelf"]["activiteiten"] = {"stofafnemen": "niet"}
    typo.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["casus", "controleer", str(typo)])
    assert result.exit_code == 2
    assert "client.zelf.activiteiten.stofafnemen: onbekende activiteit" in " ".join(result.output.split())
    assert runner.invoke(app, ["bereken", str(typo)]).exit_code == 2

    good = tmp_path / "goed.yaml"
    good.write_text(yaml.safe_dump(case_dict(), allow_unicode=True), encoding="utf-8")
    fine = runner.invoke(app, ["casus", "controleer", str(good), "--normen", "protocol-hbh"])
    assert fine.exit_code == 0, fine.output
    assert "past bij normenset protocol-hbh" in fine.output
    no_set = tmp_path / "zonder-normen.yaml"
    no_set.write_text(yaml.safe_dump({k: v for k, v in case_dict().items() if k != "normen"},
                                     allow_unicode=True), encoding="utf-8")
    plain = runner.invoke(app, ["casus", "controleer", str(no_set)])
    assert plain.exit_code == 0 and "niet tegen een normenset gecontroleerd" in plain.output


def test_decimal_comma_in_yaml_is_explained(tmp_path: Path) -> None:
    raw = yaml.safe_dump(case_dict(), allow_unicode=True)
    data = yaml.safe_load(raw)
    data["client"]["zelf"]["wasverzorging"] = "KOMMA"
    raw = yaml.safe_dump(data, allow_unicode=True).replace("KOMMA", "{gedeeltelijk: 37,5}")
    code, out = _run(tmp_path, None, raw=raw)
    assert code == 2
    assert "komma in een getal" in " ".join(out.split()) and "Keys should" not in out


@pytest.mark.parametrize(("path", "value"), [
    (("woning", "kenmerken_extra_werk"), "Onbekend"),
    (("woning", "kenmerken_extra_werk"), "Ja"),
    (("terminale_situatie",), "Nee"),
])
def test_yes_no_words_in_any_capitals(tmp_path: Path, path: tuple[str, ...], value: str) -> None:
    data = case_dict()
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    code, out = _run(tmp_path, data)
    assert code == 0, out


def test_norm_set_file_and_second_output_are_protected(tmp_path: Path) -> None:
    """A norm set given as a file is an input too, and two outputs of one run must differ."""
    case = tmp_path / "casus.yaml"
    case.write_text(yaml.safe_dump(case_dict(), allow_unicode=True), encoding="utf-8")
    norms = tmp_path / "n.yaml"
    norms.write_bytes((ROOT / "norms" / "protocol-hbh" / "2015-01-01.yaml").read_bytes())
    before = norms.read_bytes()
    for args in (["bereken", str(case), "-n", str(norms), "-o", str(norms)],
                 ["normen", "toon", str(norms), "-o", str(norms)],
                 ["normen", "controleer", str(norms), "-o", str(norms)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and "is ook de invoer" in result.output, args
    assert norms.read_bytes() == before
    lines = tmp_path / "c.jsonl"
    lines.write_text(json.dumps(case_dict()) + "\n", encoding="utf-8")
    same = tmp_path / "uit.jsonl"
    result = runner.invoke(app, ["batch", str(lines), "-o", str(same), "--fouten", str(same)])
    assert result.exit_code == 2 and "hetzelfde bestand" in result.output
    result = runner.invoke(app, ["impact", str(lines), "--van", "protocol-hbh", "--naar",
                                 "protocol-hbh", "--excel"])
    assert result.exit_code == 2 and "--per-client" in result.output


def test_casus_controleer_rule_conflict_is_an_error() -> None:
    conflict = next((ROOT / "cases").glob("24-*.yaml"))
    result = runner.invoke(app, ["casus", "controleer", str(conflict)])
    assert result.exit_code == 2 and "Regels spreken elkaar tegen" in result.output


def test_reader_that_stops_early_gets_no_error_box() -> None:
    """`hbh casus controleer x.yaml | head -1`: the first line is read, the pipe closed while
    hbh still checks the next case under every norm set; before, that gave 'Bestand of map niet
    bruikbaar: (Broken pipe)' in a red box."""
    case = Path(__file__).resolve().parent.parent / "cases" / "62-oude-casus-hhm-onderdelen.yaml"
    process = subprocess.Popen(
        [sys.executable, "-c", "from hbh_indicatie.cli.main import run; run()", "casus",
         "controleer", str(case), str(case), str(case)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b"In orde:")
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert error == ""


@pytest.mark.parametrize("extra", [("--normen", "bestaat-niet"), ("--normen", "utrecht@2000-01-01"),
                                   ("--normenmap", "/bestaat/niet")])
def test_json_errors_always_name_a_problem(tmp_path: Path, extra: tuple[str, str]) -> None:
    """`--formaat json` writes the service's error shape: a one-line `fout` and never an empty
    `problemen` (an unknown norm set or a date no version covers has no field list of its own)."""
    path = tmp_path / "c.json"
    path.write_text(json.dumps(case_dict()), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", "from hbh_indicatie.cli.start import run; run()",
                             "bereken", str(path), "--formaat", "json", *extra],
                            capture_output=True, text=True)
    assert result.returncode == 2, result.stderr
    document = json.loads(result.stderr)
    assert "\n" not in document["fout"]
    assert document["problemen"] and all(p["melding"] for p in document["problemen"])


@pytest.mark.parametrize("command", [("bereken", "{case}", "--normenmap"),
                                     ("casus", "controleer", "{case}", "--normenmap"),
                                     ("normen", "lijst", "--map"),
                                     ("batch", "{dir}", "-o", "{dir}/x.csv", "--normenmap"),
                                     ("impact", "{dir}", "--van", "protocol-hbh", "--naar",
                                      "hhm-ho", "--normenmap")])
def test_a_mistyped_norm_folder_is_an_error(tmp_path: Path, command: tuple[str, ...]) -> None:
    """A --normenmap that does not exist used to give the shipped sets only, without a word."""
    path = tmp_path / "c.json"
    path.write_text(json.dumps(case_dict()), encoding="utf-8")
    args = [a.format(case=path, dir=tmp_path) for a in command]
    result = runner.invoke(app, [*args, str(tmp_path / "normen-typfout")])
    assert result.exit_code == 2, result.output
    assert "normen-typfoutbestaatniet" in "".join(result.output.replace("│", "").split())
    assert not (tmp_path / "x.csv").exists()
