"""PDF from the besluit HTML with WeasyPrint (A4; the page header and footer come from the
template's ``@page`` rules: kenmerk, date and "Pagina x van y", no browser header/footer)."""

from __future__ import annotations


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    pdf = HTML(string=html).write_pdf()
    assert isinstance(pdf, bytes)  # without a target WeasyPrint returns the bytes
    return pdf


def page_count(html: str) -> int:
    """How many A4 pages the HTML takes (the one-page test of the besluittekst)."""
    from weasyprint import HTML

    return len(HTML(string=html).render().pages)
