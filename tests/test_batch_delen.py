"""hbh batch in parts: the workers read their own lines and write their own rows, and what comes
out is exactly what reading line by line in the main process and writing row by row gave."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hbh_indicatie.batch import lines as batch_lines
from hbh_indicatie.batch import runner
from hbh_indicatie.batch.generate import generate
from hbh_indicatie.batch.jobs import BatchJob
from hbh_indicatie.batch.reader import Block, part_items, read_items, read_parts
from hbh_indicatie.batch.rows import CSV_COLUMNS, flat
from hbh_indicatie.batch.writer import RowForm, json_line, plain_json_line
from hbh_indicatie.fileio import output_set

CASE = json.dumps(next(iter(generate(1, 4, ["opruimen", "stofzuigen"]))))
PIECES = [
    CASE.encode(), b"", b"   ", b"\t", b"{kapot", b"[1,2]", b"null",
    json.dumps({"kenmerk": "Café €"}, ensure_ascii=False).encode("cp1252"),  # not UTF-8
    json.dumps({"kenmerk": "één"}, ensure_ascii=False).encode(),
    b"\xef\xbb\xbf" + CASE.encode(),  # a byte order mark, also halfway the file
    CASE.encode() + b"\r",  # Windows line ending
    b"x" * 40, b"{" + b" " * 30 + b"}",  # too long with the limit below; just short enough
    b"\xff\xfe",
]


def _items(path: Path, size: int) -> list[tuple[Any, ...]]:
    return [(i.kind, i.ref, i.payload, i.problem) for part in read_parts(path, size)
            for i in part_items(part)]


@settings(max_examples=150, deadline=None)
@given(chosen=st.lists(st.sampled_from(PIECES), max_size=25), size=st.integers(1, 9),
       bom=st.booleans(), last_newline=st.booleans())
def test_parts_hold_the_items_of_reading_line_by_line(
    tmp_path_factory: pytest.TempPathFactory, chosen: list[bytes], size: int, bom: bool,
    last_newline: bool,
) -> None:
    """Every line, in order, with its number, text and failure (too long, blank lines
    skipped), however the parts are cut."""
    path = tmp_path_factory.mktemp("delen") / "c.jsonl"
    data = b"\n".join(chosen) + (b"\n" if last_newline and chosen else b"")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(batch_lines, "MAX_LINE_BYTES", 32)
        expected = [(i.kind, i.ref, i.payload, i.problem) for i in read_items(path)]
        assert _items(path, size) == expected


def test_blocks_for_json_lines_items_for_the_rest(tmp_path: Path) -> None:
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text(f"{CASE}\n\n{CASE}\n", encoding="utf-8")
    parts = list(read_parts(jsonl, 500))
    assert parts == [Block(1, f"{CASE}\n\n{CASE}\n".encode())]
    utf16 = tmp_path / "u.jsonl"  # UTF-16: split in the main process, as before
    utf16.write_text(f"{CASE}\n{CASE}\n", encoding="utf-16")
    (part,) = read_parts(utf16, 500)
    assert isinstance(part, list) and [item.ref for item in part] == [1, 2]


def test_a_block_ends_at_its_byte_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hbh_indicatie.batch import reader

    path = tmp_path / "c.jsonl"
    path.write_text(f"{CASE}\n" * 10, encoding="utf-8")
    monkeypatch.setattr(reader, "BLOCK_BYTES", 3 * len(CASE))
    blocks = list(read_parts(path, 500))
    assert all(isinstance(b, Block) for b in blocks)
    assert [(b.first, b.data.count(b"\n")) for b in blocks if isinstance(b, Block)] == [
        (1, 3), (4, 3), (7, 3), (10, 1)]


ROWS: list[dict[str, Any]] = [
    {"kenmerk": "A-1", "regel": 3, "reden": 'geen geldige JSON: "x" \\ \n\t\x01\x7f \u2028 é 𝄞'},
    {"kenmerk": None, "bestand": "map/c.yaml", "reden": "x"},
    {"kenmerk": "groot", "regel": 2**70, "reden": "buiten 64 bits"},
    {"kenmerk": "\ud800", "regel": 1, "reden": "losse surrogaat"},
]


def test_plain_json_is_json_dumps() -> None:
    for row in ROWS:
        assert plain_json_line(row) == json_line(row)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**80), 2**80) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(row=st.dictionaries(st.text(max_size=10), JSON_VALUES, max_size=6))
def test_plain_json_is_json_dumps_for_any_row_without_floats(row: dict[str, Any]) -> None:
    assert plain_json_line(row) == json_line(row)


def _summary_rows() -> list[dict[str, Any]]:
    job = BatchJob("protocol-hbh", None)
    job.prepare()
    items = list(part_items(Block(1, "".join(
        json.dumps(case) + "\n" for case in generate(30, 8, ["opruimen", "wassen"], "protocol-hbh")
    ).encode())))
    return [runner.process_item(job, item).row for item in items]


@pytest.mark.parametrize(("name", "excel"), [("u.jsonl", False), ("u.csv", False), ("u.csv", True)])
def test_text_of_a_part_is_the_rows_written_one_by_one(tmp_path: Path, name: str, excel: bool) -> None:
    rows = _summary_rows()
    form = RowForm(tmp_path / name, CSV_COLUMNS, flat, excel, plain=True)
    with output_set() as outputs:
        out = outputs.open(tmp_path / name)
        write = RowForm(tmp_path / name, CSV_COLUMNS, flat, excel).writer(out)
        for row in rows:
            write(row)
    assert (tmp_path / name).read_bytes().decode("utf-8") == form.head() + form.text(rows[:7]) \
        + form.text(rows[7:])


def test_a_worker_sends_text_not_rows() -> None:
    """With forms a part comes back as its output text and counts: no object per case."""
    job = BatchJob("protocol-hbh", None)
    job.prepare()
    lines = [json.dumps(c) for c in generate(5, 8, ["opruimen"], "protocol-hbh")]
    block = Block(1, ("\n".join([lines[0], "{kapot", *lines[1:]]) + "\n").encode())
    forms = runner.Forms(RowForm(Path("u.jsonl"), (), plain=True),
                         RowForm(Path("f.jsonl"), (), plain=True))
    done = runner.process_part(job, forms, block)
    assert (done.ok, done.failed, done.unknown_figure, done.outcomes) == (5, 1, 0, ())
    assert [json.loads(row)["kenmerk"] for row in done.rows.splitlines()] == [
        json.loads(line)["kenmerk"] for line in lines]
    assert json.loads(done.errors)["regel"] == 2


def test_default_processes_keep_the_tree_under_300_mb(monkeypatch: pytest.MonkeyPatch) -> None:
    """All cores, but never more than MEMORY_PROCESSES (each process holds ~50 MB); more only
    when asked, up to the cores."""
    monkeypatch.setattr(runner, "usable_cores", lambda: 64)
    assert runner.default_processes() == runner.MEMORY_PROCESSES == 4
    monkeypatch.setattr(runner, "usable_cores", lambda: 2)
    assert runner.default_processes() == 2
