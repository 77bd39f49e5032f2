"""Issue 16.2-16.5: nothing accepted silently, one bad record never stops a caseload, bounded
resources for any input, and no 'Interne fout' for bad input.

Tests that could hang or crash on a regression (a named pipe, a never-ending number, deep
YAML) run the command in a subprocess with a deadline, so a regression fails instead of
stopping the suite.
"""

from __future__ import annotations

import codecs
import copy
import csv
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis_jsonschema import from_schema
from pydantic import ValidationError
from typer.testing import CliRunner

from hbh_indicatie import api
from hbh_indicatie.batch.generate import generate
from hbh_indicatie.case_schema import RULES, TEXT_RULES
from hbh_indicatie.cli.main import app
from hbh_indicatie.errors import HbhError
from hbh_indicatie.loading.validation import problems_from
from hbh_indicatie.models import case as case_models
from hbh_indicatie.schemas import json_schema
from tests.builders import case_dict, says
from tests.test_batch import _csv_lines

cli = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-c", "from hbh_indicatie.cli.main import run; run()"]
PROTOCOL = ROOT / "norms" / "protocol-hbh" / "2015-01-01.yaml"
ACTIVITIES = ["opruimen", "stofzuigen", "boodschappen", "wassen"]


def _good_lines(count: int) -> list[str]:
    return [json.dumps(c) for c in generate(count, 7, ACTIVITIES)]


Rows = list[dict[str, Any]]


def _batch(tmp_path: Path, source: Path, *extra: str) -> tuple[int, str, Rows, Rows]:
    out = tmp_path / "uit.jsonl"
    result = cli.invoke(app, ["batch", str(source), "-n", "protocol-hbh", "-o", str(out), "-p", "1", *extra])
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    errors_file = tmp_path / "uit.fouten.jsonl"
    errors = [json.loads(x) for x in errors_file.read_text(encoding="utf-8").splitlines()] \
        if errors_file.exists() else []
    return result.exit_code, result.output, rows, errors


def _run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess; a hang or crash of a regression fails the test."""
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, check=False)


def _no_internal_error(text: str) -> None:
    assert "Interne fout" not in text and "interne fout" not in text and "Traceback" not in text, text


# --- 16.2 nothing accepted silently ---------------------------------------------------------


def test_duplicate_key_in_a_jsonl_line_fails_that_line(tmp_path: Path) -> None:
    good = _good_lines(3)
    twice = json.loads(good[1])
    line = json.dumps(twice)[:-1] + ', "huisdieren": 3}'  # the last would win: more minutes
    nested = json.dumps(json.loads(good[2])).replace('"leeftijd": ', '"leeftijd": 99, "leeftijd": ', 1)
    source = tmp_path / "c.jsonl"
    source.write_text("\n".join([good[0], line, nested]) + "\n", encoding="utf-8")
    code, output, rows, errors = _batch(tmp_path, source)
    assert code == 1, output
    assert [r["kenmerk"] for r in rows] == [json.loads(good[0])["kenmerk"]]
    assert [(e["regel"], e["reden"]) for e in errors] == [
        (2, "geen geldige JSON: dubbele sleutel 'huisdieren'"),
        (3, "geen geldige JSON: dubbele sleutel 'leeftijd'")]


def _csv(path: Path, lines: list[str], encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.write_bytes(newline.join(lines).encode(encoding) + newline.encode(encoding))
    return path


def test_stray_quote_accounts_for_every_line(tmp_path: Path) -> None:
    header, good, family, _ = _csv_lines()
    # A quote opening the last value swallows the next line, up to that line's first quote.
    stray = good.replace("CSV-1", "CSV-9").replace(",wasverzorging;stofzuigen", ',"wasverzorging;stofzuigen')
    lines = [header, good, stray, family.replace("CSV-2", "CSV-3"), family.replace("CSV-2", "CSV-4")]
    code, output, rows, errors = _batch(tmp_path, _csv(tmp_path / "c.csv", lines))
    assert code == 1, output
    failed = [e["regel"] for e in errors]
    assert len(rows) + len(failed) == len(lines) - 1  # every data line: computed or failed
    assert failed == [3, 4] and [r["kenmerk"] for r in rows] == ["CSV-1", "CSV-4"]
    assert "los aanhalingsteken" in errors[0]["reden"] and "regel 3" in errors[1]["reden"]
    assert "Ingelezen: 4 = 2 berekend + 2 mislukt" in output


def test_quoted_line_break_in_omschrijving_is_one_case(tmp_path: Path) -> None:
    header, good, family, _ = _csv_lines()
    lines = [header + ",omschrijving", good + ',"eerste regel', 'tweede regel"', family + ","]
    code, output, rows, errors = _batch(tmp_path, _csv(tmp_path / "c.csv", lines))
    assert code == 0, (output, errors)
    assert [r["kenmerk"] for r in rows] == ["CSV-1", "CSV-2"]


SCHEMA = json_schema("casus")
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


@pytest.mark.parametrize(("where", "value"), [
    (("client", "zelf", "wasverzorging"), {}),
    (("kenmerk",), "   "),
    (("kenmerk",), "\u3000"),
    (("client", "zelf", "kinderen"), {"kan": "gedeeltelijk"}),
    (("client", "duur_beperkingen"), "kortdurend"),
    (("woning", "woonvorm"), "woongroep"),
    (("afwijkingen",), [{"activiteit": "opruimen", "minuten_per_week": 0,
                         "motivering": "Een motivering van ruim twintig tekens."}]),
    (("afwijkingen",), [{"activiteit": "opruimen", "minuten_per_week": 5,
                         "motivering": "   kort" + " " * 30}]),
    (("normen",), "../../etc/passwd"),
    (("peildatum",), "9999-12-31"),
    (("huisdieren",), 21),
    (("huisgenoten",), [{"naam": " ", "relatie": "partner", "leeftijd": 60, "kan_huishouden": "ja",
                         "afwezigheid_werk": "geen", "overbelast": False,
                         "ongewend_aan_huishouden": False}]),
], ids=lambda v: "-".join(v) if isinstance(v, tuple) else None)
def test_schema_refuses_what_the_model_refuses(where: tuple[str, ...], value: Any) -> None:
    data = case_dict()
    node: Any = data
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = value
    with pytest.raises(HbhError):
        api.case_from_dict(data)
    assert not VALIDATOR.is_valid(data), f"het schema accepteert {where}={value!r}"


def _models() -> list[str]:
    """The models with a rule of their own in the schema (the others only combine these)."""
    return sorted(set(RULES) | {name for name, _ in TEXT_RULES if name} | {"SharedSpaces"})


SHALLOW = {"Client": {"zelf": case_dict()["client"]["zelf"]}}
"""Parts tested on their own, fixed where a model is tested for its own rule (quicker)."""


NOT_IN_SCHEMA = ("meer zorgbehoevende bewoners dan bewoners", "passen niet in",
                 "de afwezigheden samen zijn meer etmalen", "'uitstelbaar_op_thuisdagen'",
                 "'geboortedatum'")
"""What the models check that JSON Schema cannot say (case_schema.NOT_IN_SCHEMA), by message."""


@pytest.mark.parametrize("name", _models())
def test_what_the_schema_accepts_the_model_accepts(name: str) -> None:
    """Each part of a case as the schema allows it (generated from the schema) is accepted by
    its model; the only exceptions are the documented rules JSON Schema cannot express."""
    model = getattr(case_models, name)
    part = {**copy.deepcopy(SCHEMA["$defs"][name]), "$defs": SCHEMA["$defs"]}
    for branch in part.get("anyOf", [part]):
        for field, value in SHALLOW.get(name, {}).items():
            branch["properties"][field] = {"const": value}

    @settings(max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(from_schema(part))
    def accepted(value: Any) -> None:
        try:
            model.model_validate(value)
        except ValidationError as exc:
            messages = {p.message for p in problems_from(exc)}
            assert all(any(known in m for known in NOT_IN_SCHEMA) for m in messages), (value, messages)

    accepted()


# --- 16.3 one bad record never stops a caseload ----------------------------------------------


def _one_bad_line(kind: str) -> tuple[str, str]:
    """(file suffix, the bad line) and the reason it must fail with."""
    good = json.loads(_good_lines(1)[0])
    if kind == "diep-genest":
        return "[" * 100_000 + "]" * 100_000, "te diep genest"
    if kind == "getal-5000-cijfers":
        return json.dumps(good)[:-1] + ', "huisdieren": ' + "9" * 5000 + "}", "meer dan 100 cijfers"
    if kind == "regel-te-lang":
        return json.dumps({**good, "omschrijving": "x" * (1024 * 1024)}), "langer dan 1 MiB"
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["diep-genest", "getal-5000-cijfers", "regel-te-lang"])
def test_one_bad_jsonl_line_fails_alone(tmp_path: Path, kind: str) -> None:
    good = _good_lines(2)
    bad, reason = _one_bad_line(kind)
    source = tmp_path / "c.jsonl"
    source.write_text("\n".join([good[0], bad, good[1]]) + "\n", encoding="utf-8")
    code, output, rows, errors = _batch(tmp_path, source)
    assert code == 1, output
    assert len(rows) == 2 and [e["regel"] for e in errors] == [2]
    assert reason in errors[0]["reden"]
    _no_internal_error(errors[0]["reden"])


def test_csv_cell_over_the_field_limit_fails_alone(tmp_path: Path) -> None:
    header, good, family, _ = _csv_lines()
    huge = family.replace("CSV-2", "CSV-X").replace(",8;14,", "," + "8;" * 100_000 + "14,", 1)
    lines = [header, good, huge, family]
    code, output, rows, errors = _batch(tmp_path, _csv(tmp_path / "c.csv", lines))
    assert code == 1, output
    assert [r["kenmerk"] for r in rows] == ["CSV-1", "CSV-2"] and [e["regel"] for e in errors] == [3]
    assert "langer dan" in errors[0]["reden"]


def test_excel_unicode_text_export(tmp_path: Path) -> None:
    """Excel's 'Unicode-tekst': UTF-16 with byte order mark, tab-separated, CRLF."""
    header, good, family, _ = _csv_lines()
    rows_in = list(csv.reader([header, good, family]))
    lines = ["\t".join(row) for row in rows_in]
    source = _csv(tmp_path / "c.csv", lines, encoding="utf-16", newline="\r\n")
    code, output, rows, errors = _batch(tmp_path, source)
    assert code == 0, (output, errors)
    (tmp_path / "utf8").mkdir()
    plain = _csv(tmp_path / "c8.csv", [header, good, family])
    plain_code, _, plain_rows, _ = _batch(tmp_path / "utf8", plain)
    assert plain_code == 0 and rows == plain_rows


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_byte_order_mark_inside_the_file_is_no_text(tmp_path: Path, encoding: str) -> None:
    """A CSV written in parts, each with its own byte order mark (a mark mid-file, here just
    before the last line ending, after 'kinderen=onbekend'): the mark is dropped, not read as
    part of the value."""
    header, good, family, _ = _csv_lines()
    assert family.endswith("kinderen=onbekend")
    body = "\n".join([header, good, family]).encode(encoding)
    source = tmp_path / "c.csv"
    source.write_bytes(body + "\n".encode(encoding))
    mark = codecs.BOM_UTF8 if encoding == "utf-8-sig" else codecs.BOM_UTF16  # what each part starts with
    assert source.read_bytes().count(mark) == 2
    code, output, rows, errors = _batch(tmp_path, source)
    assert code == 0 and not errors, (output, errors)
    assert [r["kenmerk"] for r in rows] == ["CSV-1", "CSV-2"]


# --- 16.4 bounded resources -------------------------------------------------------------------


def _case_file(tmp_path: Path, **overrides: Any) -> Path:
    path = tmp_path / "casus.yaml"
    path.write_text(yaml.safe_dump(case_dict(**overrides), allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("normen", ["../../etc/passwd", "/dev/null", "norms/protocol-hbh/2015-01-01.yaml",
                                    "pijp"])
def test_case_normen_is_only_an_id(tmp_path: Path, normen: str) -> None:
    if normen == "pijp":
        os.mkfifo(tmp_path / "pijp")
        normen = str(tmp_path / "pijp")
    case = _case_file(tmp_path, normen=normen)
    result = _run("bereken", str(case))
    assert result.returncode == 2, result.stderr
    assert says(result.stderr, "normen: heeft niet de juiste vorm")
    assert says(result.stderr, "geen bestandsnaam")


@pytest.mark.parametrize("what", ["casus", "batch", "normen"])
def test_files_on_the_command_line_must_be_regular(tmp_path: Path, what: str) -> None:
    pipe = tmp_path / {"casus": "c.yaml", "batch": "c.jsonl", "normen": "n.yaml"}[what]
    os.mkfifo(pipe)
    args = {"casus": ["bereken", str(pipe)],
            "batch": ["batch", str(pipe), "-n", "protocol-hbh", "-o", str(tmp_path / "u.jsonl")],
            "normen": ["bereken", str(_case_file(tmp_path)), "--normen", str(pipe)]}[what]
    result = _run(*args)
    assert result.returncode == 2, result.stderr
    assert says(result.stderr, "geen gewoon bestand")


def test_size_limits_before_parsing(tmp_path: Path) -> None:
    case = _case_file(tmp_path)
    case.write_text(case.read_text(encoding="utf-8") + "#" * (1024 * 1024) + "\n", encoding="utf-8")
    result = cli.invoke(app, ["bereken", str(case)])
    assert result.exit_code == 2 and says(result.output, "bestand is groter dan 1 MiB")
    norms = tmp_path / "normen.yaml"
    norms.write_text(PROTOCOL.read_text(encoding="utf-8") + "#" * (4 * 1024 * 1024) + "\n", encoding="utf-8")
    result = cli.invoke(app, ["bereken", str(_case_file(tmp_path)), "--normen", str(norms)])
    assert result.exit_code == 2 and says(result.output, "bestand is groter dan 4 MiB")


def test_yaml_alias_bomb_in_an_enum_field(tmp_path: Path) -> None:
    base = yaml.safe_dump({k: v for k, v in case_dict().items() if k != "dreigend_disfunctioneren"})
    levels = ["a0: &a0 [vervuiling, vervuiling, vervuiling, vervuiling, vervuiling, vervuiling, "
              "vervuiling, vervuiling, vervuiling, vervuiling]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 6)]
    bomb = "x_aliassen:\n" + "".join(f"  {line}\n" for line in levels) + "dreigend_disfunctioneren: *a5\n"
    case = tmp_path / "bom.yaml"
    case.write_text(base + bomb, encoding="utf-8")
    result = _run("bereken", str(case))
    assert result.returncode == 2, result.stderr[:500]
    assert "aliassen" in result.stderr and len(result.stderr) < 5000


@pytest.mark.parametrize(("old", "new", "field"), [
    ('weken_per_jaar: "1461/28"', 'weken_per_jaar: "1461/0"', "weken_per_jaar"),
    ("hoeveelheid: 60", 'hoeveelheid: "1e999999999"', "hoeveelheid"),
    ("hoeveelheid: 60", 'hoeveelheid: "1e-999999999"', "hoeveelheid"),
    ("frequentie: {keer: 1, per: week}", 'frequentie: {keer: "1e999999999", per: week}', "keer"),
])
def test_numbers_in_norm_files_are_bounded(tmp_path: Path, old: str, new: str, field: str) -> None:
    norms = tmp_path / "normen.yaml"
    text = PROTOCOL.read_text(encoding="utf-8")
    assert old in text
    norms.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = _run("bereken", str(_case_file(tmp_path)), "--normen", str(norms), timeout=60)
    assert result.returncode == 2, result.stderr
    assert field in result.stderr and "Fout in normenbestand" in result.stderr


# --- 16.5 no 'Interne fout' for bad input ----------------------------------------------------


BAD_CASE_FILES = {
    "diep-yaml": ("casus.yaml", "a: " + "[" * 100_000 + "]" * 100_000 + "\n", "te diep genest"),
    "diep-json": ("casus.json", "[" * 100_000 + "]" * 100_000, "te diep genest"),
    "groot-getal-yaml": ("casus.yaml", "huisdieren: " + "9" * 5000 + "\n", "meer dan 100 cijfers"),
    "groot-getal-json": ("casus.json", '{"huisdieren": ' + "9" * 5000 + "}", "meer dan 100 cijfers"),
    "samengestelde-sleutel": ("casus.yaml", "? [a, b]\n: 1\n", "een veldnaam moet tekst zijn"),
    "lege-kenmerk": ("casus.yaml", yaml.safe_dump(case_dict(kenmerk="")), "kenmerk: is te kort"),
    "peildatum-9999": ("casus.yaml", yaml.safe_dump(case_dict(
        peildatum="9999-12-30", client={**case_dict()["client"], "duur_beperkingen": "kortdurend",
                                         "verwacht_herstel": "9999-12-31"})),
        "peildatum: datum 9999-12-30 ligt buiten 1900-01-01 t/m 2199-12-31"),
}


@pytest.mark.parametrize("kind", sorted(BAD_CASE_FILES))
def test_bad_case_file_gets_the_dutch_error(tmp_path: Path, kind: str) -> None:
    name, text, message = BAD_CASE_FILES[kind]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = _run("bereken", str(path))
    assert result.returncode == 2, result.stderr
    assert says(result.stderr, message), result.stderr
    _no_internal_error(result.stderr)


def test_api_dates_near_the_year_9999(protocol_norms: Any) -> None:
    client = {**case_dict()["client"], "duur_beperkingen": "kortdurend", "verwacht_herstel": "9999-12-31"}
    with pytest.raises(HbhError, match="ligt buiten"):
        api.case_from_dict(case_dict(peildatum="9999-06-30", client=client))
    edge = api.case_from_dict(case_dict(peildatum="2199-12-01",
                                        client={**client, "verwacht_herstel": "2199-12-31"}))
    indication = api.compute(edge, protocol_norms)
    for settings_ in ({"looptijd_maanden": 120}, {"einddatum": date(9999, 12, 31)}):
        try:
            api.toewijzing(indication, **settings_)
        except HbhError as exc:
            _no_internal_error(exc.message)


@pytest.mark.parametrize(("normen", "fragment"), [
    ("bestaat-niet", "normen: Normenset 'bestaat-niet' bestaat niet."),
    ("protocol-hbh@1990-01-01", "normen: Geen versie van normenset 'protocol-hbh' geldig op 1990-01-01"),
])
def test_norm_set_errors_name_the_case_file_and_field(tmp_path: Path, normen: str, fragment: str) -> None:
    case = _case_file(tmp_path, normen=normen)
    for command in (["bereken", str(case)], ["casus", "controleer", str(case)]):
        result = cli.invoke(app, command)
        assert result.exit_code == 2, result.output
        assert says(result.output, f"Fout in casusbestand {case}:") and says(result.output, fragment)
        assert "bestandsnaam" not in result.output
    source = tmp_path / "c.jsonl"
    source.write_text(json.dumps(case_dict(normen=normen)) + "\n", encoding="utf-8")
    out = tmp_path / "u.jsonl"
    result = cli.invoke(app, ["batch", str(source), "-o", str(out), "-p", "1"])
    assert result.exit_code == 1, result.output
    reason = json.loads((tmp_path / "u.fouten.jsonl").read_text(encoding="utf-8"))["reden"]
    assert reason.startswith(fragment)


def test_api_refuses_deep_and_exploding_structures() -> None:
    """What an embedder's program hands over: 100,000 nested lists, or a list holding the same
    list ten times, nine levels deep (10^9 values to walk)."""
    deep: list[Any] = []
    for _ in range(100_000):
        deep = [deep]
    wide: list[Any] = ["vervuiling"]
    for _ in range(9):
        wide = [wide] * 10
    for value, message in ((deep, "te diep genest"), (wide, "te groot")):
        data = case_dict()
        data["dreigend_disfunctioneren"] = value
        with pytest.raises(HbhError, match=message):
            api.case_from_dict(data)
