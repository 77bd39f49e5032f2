"""Word (.docx) from the besluit HTML with python-docx, for pasting into a municipality's
Word template.

No text is made here: the words come from the Jinja2 template (``besluit.html.j2``). This
module maps its few elements (h1-h3, p, ul/li, table, strong, br, section.bijlage) onto Word
paragraphs, lists and tables; the header and footer are the template's ``<meta name="kop">``
and ``<meta name="voet">`` ({PAGE} and {NUMPAGES} become Word fields).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HEADINGS = {"h1": 1, "h2": 2, "h3": 3}
SKIPPED = {"head", "style", "title", "script"}


@dataclass
class _Cell:
    runs: list[tuple[str, bool]] = field(default_factory=list)
    header: bool = False


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.doc: Any = Document()
        self.meta: dict[str, str] = {}
        self.skip = 0
        self.bold = 0
        self.paragraph: Any = None
        self.rows: list[list[_Cell]] | None = None
        self.cell: _Cell | None = None
        self.first_block = True
        self.page_break = False

    # blocks -------------------------------------------------------------------------------
    def _new(self, style: str | None = None, level: int | None = None) -> None:
        if level is not None:
            self.paragraph = self.doc.add_heading(level=level)
        else:
            self.paragraph = self.doc.add_paragraph(style=style)
        if self.page_break:
            self.paragraph.paragraph_format.page_break_before = True
            self.page_break = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag in SKIPPED:
            self.skip += 1
        elif tag == "meta" and attr.get("name"):
            self.meta[str(attr["name"])] = attr.get("content") or ""
        elif tag == "section" and "bijlage" in (attr.get("class") or ""):
            self.page_break = True
        elif tag in HEADINGS:
            self._new(level=HEADINGS[tag])
        elif tag == "p":
            self._new()
        elif tag == "li":
            self._new(style="List Bullet")
        elif tag == "table":
            self.rows = []
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows is not None:
            self.cell = _Cell(header=tag == "th")
            self.rows[-1].append(self.cell)
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag == "br":
            if self.cell is not None:
                self.cell.runs.append(("\n", False))
            elif self.paragraph is not None:
                self.paragraph.add_run().add_break(WD_BREAK.LINE)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skip -= 1
        elif tag in ("strong", "b"):
            self.bold -= 1
        elif tag in ("td", "th"):
            self.cell = None
        elif tag == "table" and self.rows is not None:
            self._table(self.rows)
            self.rows = None
        elif tag in ("p", "li", *HEADINGS):
            self.paragraph = None

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        text = re.sub(r"\s+", " ", data)
        if not text.strip() and text != " ":
            return
        if self.cell is not None:
            self.cell.runs.append((text, bool(self.bold) or self.cell.header))
        elif self.paragraph is not None:
            if not self.paragraph.runs:
                text = text.lstrip()
            if text:
                self.paragraph.add_run(text).bold = bool(self.bold) or None

    def _table(self, rows: list[list[_Cell]]) -> None:
        width = max((len(r) for r in rows), default=0)
        if not width:
            return
        table = self.doc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        if rows[0] and all(cell.header for cell in rows[0]):
            # a header row (th): Word repeats it on each page and screen readers read it
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            table.rows[0]._tr.get_or_add_trPr().append(header)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                paragraph = table.cell(r, c).paragraphs[0]
                for text, bold in cell.runs:
                    if text == "\n":
                        paragraph.add_run().add_break(WD_BREAK.LINE)
                    else:
                        paragraph.add_run(text.strip() if not paragraph.runs else text).bold = bold


def _field(paragraph: Any, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) in ``paragraph``."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("end", None)):
        if kind is None:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _with_fields(paragraph: Any, text: str) -> None:
    for part in re.split(r"(\{PAGE\}|\{NUMPAGES\})", text):
        if part in ("{PAGE}", "{NUMPAGES}"):
            _field(paragraph, part.strip("{}"))
        elif part:
            paragraph.add_run(part)


def _styles(doc: Any) -> None:
    """Sizes and spacing as in the PDF (besluit.html.j2's CSS), so the besluittekst is one
    page in Word as well (checked by rendering it with LibreOffice in the tests)."""
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    for name, size, before, after in (("Heading 1", 14, 0, 6), ("Heading 2", 11, 8, 3),
                                      ("Heading 3", 10, 8, 3)):
        heading = doc.styles[name]
        heading.font.name = "Arial"
        heading.font.size = Pt(size)
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(after)
    doc.styles["List Bullet"].paragraph_format.space_after = Pt(2)


def html_to_docx(html: str) -> bytes:
    builder = _Builder()
    section = builder.doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    _styles(builder.doc)
    builder.feed(html)
    builder.close()
    _with_fields(section.header.paragraphs[0], builder.meta.get("kop", ""))
    _with_fields(section.footer.paragraphs[0], builder.meta.get("voet", ""))
    out = io.BytesIO()
    builder.doc.save(out)
    return out.getvalue()
