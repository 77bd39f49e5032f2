"""The besluit as Word: what a municipality's Word would see, not only what python-docx reads.

The structure of the package is checked for every shipped case (styles that exist, no empty
paragraphs before the title, header rows of tables marked, A4 with 2 cm margins, kenmerk and
page numbers in header and footer). Marked ``slow``: every besluit rendered by LibreOffice
Writer (``soffice --convert-to pdf``, Debian's ``libreoffice-writer-nogui``, installed by
``.ci/run``), its pages counted: the besluittekst is page 1, the appendix starts on page 2 and
"Pagina x van y" adds up.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from hbh_indicatie import api
from tests.shipped import computed, shipped_cases

SOFFICE = os.environ.get("HBH_SOFFICE", shutil.which("soffice") or "/usr/bin/soffice")


def _word(path: Path) -> bytes | None:
    _, norms, indication = computed(path)
    return None if indication is None else api.render_besluit(indication, norms, "docx")


@pytest.fixture(scope="module")
def documents() -> dict[str, bytes]:
    found = {path.stem: _word(path) for path in shipped_cases()}
    return {name: body for name, body in found.items() if body is not None}


def test_word_package_structure(documents: dict[str, bytes]) -> None:
    assert len(documents) >= 40
    for name, body in documents.items():
        with zipfile.ZipFile(io.BytesIO(body)) as package:
            assert package.testzip() is None, name
            members = set(package.namelist())
        assert {"[Content_Types].xml", "word/document.xml", "word/styles.xml"} <= members, name
        word = docx.Document(io.BytesIO(body))
        styles = {s.style_id for s in word.styles}
        used = {p.style.style_id for p in word.paragraphs} | {
            t.style.style_id for t in word.tables if t.style is not None}
        assert used <= styles, (name, used - styles)
        assert word.paragraphs[0].text == "Besluit over uw hulp bij het huishouden", name
        assert word.paragraphs[0].style.name == "Heading 1", name
        assert all(p.text.strip() for p in word.paragraphs[:3]), name  # none empty at the start
        for table in word.tables:
            first = table.rows[0]._tr
            marked = first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
            assert marked, (name, table.cell(0, 0).text)
            assert all(run.bold for cell in table.rows[0].cells for p in cell.paragraphs
                       for run in p.runs if run.text.strip()), name
        for section in word.sections:
            # Word keeps twentieths of a point: within a tenth of a millimetre
            sizes = (section.page_width, section.page_height, section.left_margin,
                     section.right_margin, section.top_margin, section.bottom_margin)
            assert all(abs(got - want) < Mm(0.1) for got, want in zip(
                sizes, (Mm(210), Mm(297), Mm(20), Mm(20), Mm(20), Mm(20)), strict=True)), name
            assert section.header.paragraphs[0].text.startswith(f"Kenmerk {name}"), name
            assert "NUMPAGES" in section.footer._element.xml, name


def _pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
            for n in range(1, count + 1)]


@pytest.mark.slow
def test_word_renders_in_libreoffice(documents: dict[str, bytes], tmp_path: Path) -> None:
    if not Path(SOFFICE).exists():
        pytest.fail(f"{SOFFICE} ontbreekt: apt-get install --no-install-recommends "
                    "libreoffice-writer-nogui (of sla over met -m 'not slow')")
    for name, body in documents.items():
        (tmp_path / f"{name}.docx").write_bytes(body)
    subprocess.run([SOFFICE, "--headless", "--norestore",
                    f"-env:UserInstallation={(tmp_path / 'profiel').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
                    *sorted(str(p) for p in tmp_path.glob("*.docx"))],
                   capture_output=True, check=True, timeout=600)
    for name in documents:
        pages = _pages(tmp_path / "pdf" / f"{name}.pdf")
        assert len(pages) >= 2, name
        first, second = pages[0], pages[1]
        assert "Besluit over uw hulp bij het huishouden" in first, name
        assert "Bijlage: onderbouwing" not in first, name  # the besluittekst: one page in Word too
        assert "Bijlage: onderbouwing" in second, name
        for number, text in enumerate(pages, start=1):
            assert f"Pagina {number} van {len(pages)}" in text, (name, number)
            assert f"Kenmerk {name}" in text, (name, number)
