"""``hbh normen exporteer … --uitvoer x.xlsx`` and ``hbh normen importeer x.xlsx`` (openpyxl).

A norm set as an Excel workbook, laid out by :mod:`hbh_indicatie.norm_tools.workbook_layout`:
``instellingen`` (one row per setting), a sheet per list (activiteiten, huishoudgrootte,
vervangbaar_door, toeslagen, leeftijdsgroepen, taken, bronnen, beleidsuitgangspunten) and an
``uitleg`` sheet that says per column what is allowed. Export then import gives back the same
set (tests check this for every shipped set). Import reports every bad cell with sheet, row,
column and what is allowed, and returns no text then (the command writes nothing).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from fractions import Fraction
from typing import Any

import yaml
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel, ValidationError

from hbh_indicatie.loading.validation import problems_from_errors
from hbh_indicatie.models.norm_set import NormSet
from hbh_indicatie.norm_tools.workbook_layout import (
    EXPLANATION,
    SETTINGS,
    TEXT_COLUMN,
    Column,
    Layout,
    Sheet,
    layout,
)

SETTINGS_HEADERS = ("veld", "waarde", "toegestaan")
YES = {"ja": True, "j": True, "true": True, "waar": True, "nee": False, "n": False,
       "false": False, "onwaar": False}
MAX_LIST_ITEMS = 20
"""Enum values listed in a cell validation (Excel limits the list's length)."""


@dataclass(frozen=True)
class SheetProblem:
    """One bad cell (or row, or sheet) of an imported workbook."""

    sheet: str
    row: int | None
    column: str | None
    message: str

    def render(self) -> str:
        where = f"blad '{self.sheet}'" if self.sheet else "werkboek"
        if self.row is not None:
            where += f", rij {self.row}"
        if self.column:
            where += f", kolom {self.column}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class WorkbookImport:
    text: str | None
    problems: tuple[SheetProblem, ...]
    norms: NormSet | None = None


# --- export -------------------------------------------------------------------------------


def _number(value: Decimal | Fraction) -> int | float | str:
    """An exact number as Excel holds it: whole, a float that reads back the same, or text."""
    if value == int(value):
        return int(value)
    approx = float(value)
    same = Decimal(repr(approx)) == value if isinstance(value, Decimal) \
        else Fraction(repr(approx)) == value
    if same:
        return approx
    return str(value) if isinstance(value, Decimal) else f"{value.numerator}/{value.denominator}"


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "texts":
        return "; ".join(str(_cell(v, "text")) for v in value) or None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal | Fraction):
        return _number(value)
    return value


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _header(ws: Worksheet, headers: list[str]) -> None:
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
    ws.freeze_panes = "A2"
    for i, head in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(10, min(40, len(head) + 4))


def _write_row(ws: Worksheet, values: list[Any]) -> None:
    ws.append(values)
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # text stays text, also when it starts with '='
        elif isinstance(cell.value, date):
            cell.number_format = "yyyy-mm-dd"


def _validations(ws: Worksheet, columns: list[Column], offset: int) -> None:
    for i, column in enumerate(columns, start=1 + offset):
        choices = column.allowed.split(", ")
        closed = all(" " not in choice for choice in choices)  # a list of codes, not a description
        if column.kind == "text" and closed and 1 < len(choices) <= MAX_LIST_ITEMS:
            rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
            rule.error = f"Toegestaan: {column.allowed}"
            rule.errorTitle = column.name
            letter = get_column_letter(i)
            rule.add(f"{letter}2:{letter}1000")
            ws.add_data_validation(rule)


def export(norms: NormSet) -> bytes:
    """The norm set as an .xlsx workbook."""
    plan = layout()
    data = norms.model_dump(by_alias=True)
    book = Workbook()
    settings = book.active
    assert settings is not None
    settings.title = SETTINGS
    _header(settings, list(SETTINGS_HEADERS))
    settings.column_dimensions["B"].width = 60
    settings.column_dimensions["C"].width = 50
    for column in plan.settings:
        _write_row(settings, [column.name, _cell(_get(data, column.path), column.kind), column.allowed])
    for sheet in plan.sheets:
        ws = book.create_sheet(sheet.name)
        _header(ws, sheet.headers)
        items = data.get(sheet.alias) or []
        if sheet.model is None:
            ws.column_dimensions["A"].width = 100
            for text in items:
                _write_row(ws, [text])
            continue
        _validations(ws, sheet.columns, 0)
        for item in items:
            _write_row(ws, [_cell(_get(item, c.path), c.kind) for c in sheet.columns])
            _mark_shadowed(ws, sheet, item)
        for child in sheet.children:
            cws = book.create_sheet(child.name)
            _header(cws, child.headers)
            _validations(cws, child.columns, 1)
            for item in items:
                for entry in item.get(child.alias) or []:
                    _write_row(cws, [item[sheet.key or ""],
                                     *(_cell(_get(entry, c.path), c.kind) for c in child.columns)])
    _explanation(book, plan)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


SHADOWED_CELL = ("Telt niet mee: dit onderdeel heeft rijen in blad 'huishoudgrootte', en die "
                 "geven de hoeveelheid voor elke huishoudgrootte (vanaf 1 persoon). Wijzig de "
                 "normtijd daar; dit cijfer hoort gelijk te zijn aan dat vanaf 1 persoon.")
"""Comment on an activity's 'hoeveelheid' cell that its household-size rows shadow."""

COLUMN_NOTES = {("activiteiten", "hoeveelheid"):
                " Heeft het onderdeel rijen in blad 'huishoudgrootte', dan tellen die (voor elke "
                "huishoudgrootte) en niet deze kolom; de cel is dan grijs en heeft een opmerking."}
"""What the sheet 'uitleg' adds to a column's allowed values."""


def _mark_shadowed(ws: Worksheet, sheet: Sheet, item: dict[str, Any]) -> None:
    """Grey out and comment the 'hoeveelheid' cell of an activity whose 'huishoudgrootte' rows
    give the amount for every size, so nobody changes a figure that counts nowhere."""
    if sheet.alias != "activiteiten" or not item.get("huishoudgrootte") \
            or "hoeveelheid" not in sheet.headers:
        return
    cell = ws.cell(ws.max_row, sheet.headers.index("hoeveelheid") + 1)
    cell.font = Font(color="808080", italic=True)
    cell.comment = Comment(SHADOWED_CELL, "hbh normen exporteer", width=300, height=110)


def _explanation(book: Workbook, plan: Layout) -> None:
    ws = book.create_sheet(EXPLANATION)
    _header(ws, ["blad", "kolom", "verplicht", "toegestaan"])
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["D"].width = 70
    for column in plan.settings:
        _write_row(ws, [SETTINGS, column.name, "ja" if column.required else "nee", column.allowed])
    for sheet in plan.all_sheets():
        if sheet.model is None:
            _write_row(ws, [sheet.name, TEXT_COLUMN, "ja", "tekst, één per rij"])
            continue
        if sheet.parent is not None:
            _write_row(ws, [sheet.name, sheet.key_column, "ja",
                            f"{sheet.parent.key} uit blad '{sheet.parent.name}'"])
        for column in sheet.columns:
            _write_row(ws, [sheet.name, column.name, "ja" if column.required else "nee",
                            column.allowed + COLUMN_NOTES.get((sheet.name, column.name), "")])


# --- import -------------------------------------------------------------------------------


_MISSING = object()


def _text(raw: Any) -> str:
    if isinstance(raw, float) and raw == int(raw):
        return str(int(raw))
    if isinstance(raw, float):
        return repr(raw)
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    return str(raw).strip()


def _value(raw: Any, column: Column) -> Any:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return _MISSING
    kind = column.kind
    if kind == "texts":
        parts = [p.strip() for p in _text(raw).split(";")]
        return [p for p in parts if p]
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        return YES.get(_text(raw).lower(), _text(raw))
    if kind == "date":
        return raw.date() if isinstance(raw, datetime) else raw if isinstance(raw, date) else _text(raw)
    if kind == "number":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int):
            return raw
        if isinstance(raw, float):
            return int(raw) if raw == int(raw) else repr(raw)
        text = _text(raw)
        if "/" not in text:
            try:
                number = Decimal(text.replace(",", "."))
            except InvalidOperation:
                return text
            return int(number) if number == number.to_integral_value() else str(number)
        return text
    return _text(raw)


def _put(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = value


def _store(target: dict[str, Any], column: Column, value: Any) -> None:
    """A cell's value at its path; an empty cell of a nullable field is an explicit null."""
    if value is not _MISSING:
        _put(target, column.path, value)
    elif column.nullable:
        _put(target, column.path, None)


def _prune(data: dict[str, Any]) -> dict[str, Any]:
    """Drop nested groups whose every cell is empty (an optional herkomst left blank)."""
    for key, value in list(data.items()):
        if isinstance(value, dict):
            _prune(value)
            if all(v is None for v in value.values()):
                del data[key]
    return data


@dataclass
class _Row:
    number: int
    item: dict[str, Any]
    key: Any = None


class _Reader:
    def __init__(self) -> None:
        self.problems: list[SheetProblem] = []

    def problem(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        self.problems.append(SheetProblem(sheet, row, column, message))

    def columns(self, ws: Worksheet, sheet: Sheet) -> dict[int, Column | str]:
        """Column index -> Column (or the key column's name); unknown headers are reported."""
        known: dict[str, Column | str] = {c.name: c for c in sheet.columns}
        if sheet.parent is not None:
            known[sheet.key_column] = sheet.key_column
        if sheet.model is None:
            known = {TEXT_COLUMN: TEXT_COLUMN}
        found: dict[int, Column | str] = {}
        for index, cell in enumerate(next(ws.iter_rows(max_row=1), ()), start=1):
            head = _text(cell.value).lower() if cell.value is not None else ""
            if not head:
                continue
            if head not in known:
                self.problem(sheet.name, 1, f"{get_column_letter(index)} ({head})",
                             f"onbekende kolom; toegestaan: {', '.join(known)}")
            elif head in (_name(v) for v in found.values()):
                self.problem(sheet.name, 1, f"{get_column_letter(index)} ({head})", "dubbele kolom")
            else:
                found[index] = known[head]
        if sheet.parent is not None and sheet.key_column not in found.values():
            self.problem(sheet.name, 1, None, f"de kolom '{sheet.key_column}' ontbreekt")
        return found

    def rows(self, ws: Worksheet, sheet: Sheet) -> list[_Row]:
        columns = self.columns(ws, sheet)
        rows: list[_Row] = []
        for number, cells in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
                continue
            row = _Row(number, {})
            for index, raw in enumerate(cells, start=1):
                if index not in columns and raw is not None and _text(raw):
                    self.problem(sheet.name, number, get_column_letter(index),
                                 "waarde in een kolom zonder (bekende) kolomnaam")
            for index, column in columns.items():
                raw = cells[index - 1] if index - 1 < len(cells) else None
                if isinstance(column, str):
                    row.key = _text(raw) if raw is not None else None
                    if sheet.model is None:
                        row.item = {TEXT_COLUMN: row.key}
                    continue
                _store(row.item, column, _value(raw, column))
            _prune(row.item)
            rows.append(row)
        return rows


def _name(value: Column | str) -> str:
    return value if isinstance(value, str) else value.name


def _letter(sheet: Sheet, column: str) -> str:
    headers = sheet.headers
    return f"{get_column_letter(headers.index(column) + 1)} ({column})" if column in headers else column


def _column_of(sheet: Sheet, loc: tuple[Any, ...]) -> str | None:
    names = {c.name for c in sheet.columns}
    parts = [str(p) for p in loc if not isinstance(p, int)]
    for cut in range(len(parts), 0, -1):
        name = ".".join(parts[:cut])
        if name in names:
            return _letter(sheet, name)
        prefixed = [n for n in names if n.startswith(name + ".")]
        if prefixed:
            return name
    return None


def _report(reader: _Reader, sheet: Sheet, row: _Row, exc: ValidationError,
            children: dict[str, tuple[Sheet, list[_Row]]]) -> None:
    for error in exc.errors():
        loc = tuple(error["loc"])
        problem = problems_from_errors([error])[0]
        message = problem.message + (f" (toegestaan: {problem.allowed})" if problem.allowed else "")
        if loc and loc[0] in children and len(loc) > 1 and isinstance(loc[1], int):
            child, child_rows = children[loc[0]]
            target = child_rows[loc[1]] if loc[1] < len(child_rows) else row
            reader.problem(child.name, target.number, _column_of(child, loc[2:]), message)
            continue
        column = _column_of(sheet, loc)
        named = [alias for alias in children if f"'{alias}'" in message]
        if not loc and named:  # a rule over the item's rows on a child sheet
            child, child_rows = children[named[0]]
            numbers = ", ".join(str(r.number) for r in child_rows)
            message += f" (blad '{child.name}', rij {numbers})" if numbers else ""
        if column is None and loc and loc[0] in children:
            column = f"blad '{loc[0]}'"
        if column is None and loc:
            column = ".".join(str(p) for p in loc)
        reader.problem(sheet.name, row.number, column, message)


def _validate_rows(reader: _Reader, sheet: Sheet, rows: list[_Row],
                   children: dict[str, tuple[Sheet, dict[Any, list[_Row]]]]) -> list[dict[str, Any]]:
    assert sheet.model is not None
    model: type[BaseModel] = sheet.model
    items: list[dict[str, Any]] = []
    for row in rows:
        item = dict(row.item)
        mine: dict[str, tuple[Sheet, list[_Row]]] = {}
        for alias, (child, by_key) in children.items():
            child_rows = by_key.get(item.get(sheet.key or ""), [])
            mine[alias] = (child, child_rows)
            item[alias] = [r.item for r in child_rows]
        try:
            model.model_validate(item)
        except ValidationError as exc:
            _report(reader, sheet, row, exc, mine)
        items.append(item)
    return items


def _settings(reader: _Reader, ws: Worksheet, plan: Layout) -> tuple[dict[str, Any], dict[str, int]]:
    known = {c.name: c for c in plan.settings}
    data: dict[str, Any] = {}
    where: dict[str, int] = {}
    heads = [_text(c.value).lower() if c.value is not None else "" for c in next(ws.iter_rows(max_row=1), ())]
    if heads[:2] != list(SETTINGS_HEADERS[:2]):
        reader.problem(SETTINGS, 1, None, "de eerste twee kolommen heten 'veld' en 'waarde'")
        return data, where
    for number, cells in enumerate(ws.iter_rows(min_row=2, max_col=2, values_only=True), start=2):
        name = _text(cells[0]).lower() if cells[0] is not None else ""
        if not name:
            continue
        if name not in known:
            reader.problem(SETTINGS, number, "A (veld)", f"onbekend veld '{name}'; toegestaan: "
                           + ", ".join(known))
            continue
        if name in where:
            reader.problem(SETTINGS, number, "A (veld)", f"veld '{name}' staat er twee keer")
            continue
        where[name] = number
        _store(data, known[name], _value(cells[1] if len(cells) > 1 else None, known[name]))
    return _prune(data), where


def _whole_set(reader: _Reader, data: dict[str, Any], exc: ValidationError, plan: Layout,
               rows: dict[str, list[_Row]], where: dict[str, int]) -> None:
    sheets = {s.alias: s for s in plan.sheets}
    for error in exc.errors():
        loc = tuple(error["loc"])
        problem = problems_from_errors([error])[0]
        message = problem.message + (f" (toegestaan: {problem.allowed})" if problem.allowed else "")
        if loc and loc[0] in sheets and len(loc) > 1 and isinstance(loc[1], int):
            continue  # reported per row already
        if loc and loc[0] in sheets:
            reader.problem(str(loc[0]), None, None, message)
            continue
        name = ".".join(str(p) for p in loc)
        match = next((n for n in where if n == name or n.startswith(name + ".")), None)
        if loc:
            reader.problem(SETTINGS, where.get(match or ""), f"B ({name})", message)
        else:
            reader.problem("", None, None, message)


def read(content: bytes, overrides: dict[str, Any] | None = None) -> WorkbookImport:
    """Validate a workbook; the norm set as YAML text, or every problem (text None)."""
    reader = _Reader()
    try:
        book = load_workbook(io.BytesIO(content), data_only=True, read_only=False)
    except Exception as exc:  # openpyxl raises several kinds for a file that is no workbook
        return WorkbookImport(None, (SheetProblem("", None, None,
                                                  f"geen leesbaar Excel-werkboek (.xlsx): {exc}"),))
    plan = layout()
    names = {SETTINGS, EXPLANATION, *(s.name for s in plan.all_sheets())}
    for title in book.sheetnames:
        if title not in names:
            reader.problem(title, None, None, "onbekend blad; toegestaan: " + ", ".join(sorted(names)))
    if SETTINGS not in book.sheetnames:
        reader.problem(SETTINGS, None, None, "het blad ontbreekt")
        return WorkbookImport(None, tuple(reader.problems))
    data, where = _settings(reader, book[SETTINGS], plan)
    data.update(overrides or {})
    all_rows: dict[str, list[_Row]] = {}
    for sheet in plan.sheets:
        if sheet.name not in book.sheetnames:
            continue
        rows = reader.rows(book[sheet.name], sheet)
        all_rows[sheet.name] = rows
        if sheet.model is None:
            data[sheet.alias] = [r.item[TEXT_COLUMN] for r in rows]
            continue
        children: dict[str, tuple[Sheet, dict[Any, list[_Row]]]] = {}
        keys = {_text(r.item.get(sheet.key or "")) for r in rows if r.item.get(sheet.key or "") is not None}
        for child in sheet.children:
            by_key: dict[Any, list[_Row]] = {}
            if child.name in book.sheetnames:
                all_rows[child.name] = reader.rows(book[child.name], child)
                for row in all_rows[child.name]:
                    if row.key not in keys:
                        what = ("ontbreekt" if row.key is None
                                else f"'{row.key}' staat niet in blad '{sheet.name}'")
                        reader.problem(child.name, row.number, _letter(child, child.key_column),
                                       f"{what} (toegestaan: een {sheet.key} uit blad "
                                       f"'{sheet.name}', kolom {sheet.key})")
                        continue
                    by_key.setdefault(row.key, []).append(row)
            children[child.alias] = (child, by_key)
        data[sheet.alias] = _validate_rows(reader, sheet, rows, children)
    if reader.problems:
        return WorkbookImport(None, tuple(reader.problems))
    try:
        norms = NormSet.model_validate(data)
    except ValidationError as exc:
        _whole_set(reader, data, exc, plan, all_rows, where)
        return WorkbookImport(None, tuple(reader.problems))
    _unused_amounts(reader, norms, plan, all_rows)
    _vocabulary(reader, norms, plan, all_rows)
    if reader.problems:
        return WorkbookImport(None, tuple(reader.problems))
    return WorkbookImport(to_yaml(norms), (), norms)


def _unused_amounts(reader: _Reader, norms: NormSet, plan: Layout,
                    rows: dict[str, list[_Row]]) -> None:
    """A 'hoeveelheid' the sheet 'huishoudgrootte' shadows for every household size and that
    differs from it: a figure someone changed without effect, so the import is refused, naming
    the cell and the rows that count instead."""
    from hbh_indicatie.norm_tools.checks import unused_amount_text

    sheet = next(s for s in plan.sheets if s.alias == "activiteiten")
    child = next(c for c in sheet.children if c.alias == "huishoudgrootte")
    for act, row in zip(norms.activities, rows.get(sheet.name, []), strict=False):
        numbers = [str(r.number) for r in rows.get(child.name, []) if r.key == act.id]
        where = f" (rij {', '.join(numbers)})" if numbers else ""
        text = unused_amount_text(act, f"blad '{child.name}'{where}", "deze cel")
        if text is not None:
            reader.problem(sheet.name, row.number, _letter(sheet, "hoeveelheid"),
                           f"onderdeel '{act.id}': {text}")


def _vocabulary(reader: _Reader, norms: NormSet, plan: Layout, rows: dict[str, list[_Row]]) -> None:
    """Names in 'omvat' and 'niet_in_normenset' that are not in the shared vocabulary (or belong
    to another result category): the set would be refused when loaded, so the import is too,
    naming the cell and the ids allowed there."""
    from hbh_indicatie.vocabulary.load import vocabulary

    vocab = vocabulary()
    known = vocab.index
    sheets = {s.alias: s for s in plan.sheets}

    def where(alias: str, column: str, value: str) -> tuple[str, int | None, str]:
        sheet = sheets[alias]
        number = next((r.number for r in rows.get(sheet.name, [])
                       if value in (_text(v) for v in _flat(r.item.get(column)))), None)
        return sheet.name, number, _letter(sheet, column)

    for act in norms.activities:
        allowed = ", ".join(a.id for a in vocab.activities if a.category is act.category)
        for name in act.covers:
            entry = known.get(name)
            if entry is None or entry.category is not act.category:
                what = ("staat niet in de woordenlijst" if entry is None else
                        f"hoort bij een ander resultaatgebied ({entry.category.value})")
                reader.problem(*where("activiteiten", "omvat", name),
                               f"activiteit '{act.id}': '{name}' {what} (toegestaan in "
                               f"{act.category.value}: {allowed})")
    covered = {name for act in norms.activities for name in act.covered}
    open_ids = ", ".join(a.id for a in vocab.activities if a.id not in covered) or "geen"
    for item in norms.not_covered:
        if item.activity not in known:
            reader.problem(*where("niet_in_normenset", "activiteit", item.activity),
                           f"'{item.activity}' staat niet in de woordenlijst (toegestaan: een "
                           f"activiteit uit norms/activiteiten.yaml die de set niet omvat: {open_ids})")


def _flat(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


# --- YAML ---------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal | Fraction):
        return _number(value)
    return value


def to_yaml(norms: NormSet, source: str = "een werkboek") -> str:
    """The norm set as YAML that loads back as the same set (defaults left out)."""
    data = _plain(norms.model_dump(by_alias=True, exclude_defaults=True))
    head = f"# Geïmporteerd uit {source} met 'hbh normen importeer'.\n"
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
