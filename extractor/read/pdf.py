"""PDF reports: text layer per page, running headers/footers and page numbers removed.

Text is read with pypdfium2 (a pdfplumber dependency, tens of times faster than
pdfminer for plain text). Page starts are kept so every span knows its page.
A PDF without a text layer (scanned) is an input error that says it needs OCR.
"""

from __future__ import annotations

from collections import Counter

import regex

import patterns
from extractor.errors import InputError
from extractor.models import Document

_P = patterns.load("pages")
FURNITURE = [regex.compile(p) for p in _P["page_furniture"]]
REPEATED_SHARE = float(_P["repeated_share"])


def read_pdf(path: str, data: bytes) -> Document:
    pages = _page_texts(path, data)
    if not any(p.strip() for p in pages):
        raise InputError(path, "PDF has no text layer (scanned image?): it needs OCR first")
    pages = strip_furniture([p.split("\n") for p in pages])
    text, starts = "", []
    for lines in pages:
        starts.append(len(text))
        text += "\n".join(lines) + "\n"
    return Document(path=path, format="pdf", text=text, page_starts=starts or [0])


def _page_texts(path: str, data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = (
            "encrypted (password protected)" if "password" in str(exc).lower() else f"corrupt PDF ({exc})"
        )
        raise InputError(path, reason) from exc
    try:
        if len(pdf) == 0:
            raise InputError(path, "PDF has no pages")
        out = []
        for page in pdf:
            textpage = page.get_textpage()
            out.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
        return out
    finally:
        pdf.close()


def strip_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and lines repeated at the top or bottom of most pages."""
    edges = Counter()
    for lines in pages:
        kept = [ln.strip() for ln in lines if ln.strip()]
        edges.update(set(kept[:2] + kept[-2:]))
    limit = max(2, int(len(pages) * REPEATED_SHARE) + 1) if len(pages) > 2 else 10**9
    repeated = {ln for ln, n in edges.items() if n >= limit}
    return [
        [ln for ln in lines if ln.strip() not in repeated and not any(p.match(ln) for p in FURNITURE)]
        for lines in pages
    ]
