"""Limits checked before the work: a file too big for one report is refused at once, not after minutes.

``check_limits(path, reader, data)`` raises ``InputError`` for a .docx whose zip members would
inflate beyond what a report holds (or at a zip-bomb ratio), and for a PDF with more pages than a
report has; it reads only the zip directory / the PDF's page tree, never the content.
"""

from __future__ import annotations

import io
import zipfile

from extractor.errors import InputError

# A 300-page report's document.xml is tens of MB; Word's XML compresses about 10:1.
MAX_DOCX_INFLATED = 256 * 1024 * 1024  # all members together, uncompressed
MAX_DOCX_RATIO = 100  # uncompressed / compressed, for members above RATIO_FROM bytes
RATIO_FROM = 1024 * 1024
MAX_PDF_PAGES = 2000  # the longest self-evaluation reports have a few hundred pages


def check_limits(path: str, reader: str, data: bytes) -> None:
    """Refuse ``data`` before reading it if it cannot be one report (see the module docstring)."""
    if reader == "docx":
        _check_docx(path, data)
    elif reader == "pdf":
        _check_pdf(path, data)


def _check_docx(path: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, ValueError):
        return  # the reader says what is wrong with it
    total = sum(m.file_size for m in members)
    if total > MAX_DOCX_INFLATED:
        raise InputError(path, f"too large for one report (the .docx inflates to {total / 1e6:,.0f} MB)")
    for m in members:
        if m.file_size > RATIO_FROM and m.file_size > MAX_DOCX_RATIO * max(m.compress_size, 1):
            ratio = m.file_size / max(m.compress_size, 1)
            raise InputError(
                path, f"refused: {m.filename} in the .docx inflates {ratio:,.0f}-fold (a zip bomb?)"
            )


def _check_pdf(path: str, data: bytes) -> None:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return  # the reader says what is wrong with it
    try:
        pages = len(pdf)
    finally:
        pdf.close()
    if pages > MAX_PDF_PAGES:
        raise InputError(path, f"too large for one report ({pages:,} pages; at most {MAX_PDF_PAGES:,})")
