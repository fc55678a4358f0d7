"""Readers: one module per format, each returning the same ``Document``.

``read(path)`` picks the reader by the file's extension and content and raises
``InputError`` (one line: the file and the reason) for anything it cannot read.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractor.errors import InputError
from extractor.models import Document
from extractor.read.scan_pages import IMAGE_SUFFIXES

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
# A self-evaluation report is tens of thousands of characters; a 300-page one under a million.
# Beyond this the file is not one report (a merged archive, a log) and is refused, not read for minutes.
MAX_TEXT_CHARS = 5_000_000
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS  # a text file this large cannot decode to fewer characters
LEGACY = {
    ".doc": "a legacy Word .doc file: save it as .docx (Word: Save As; or libreoffice --convert-to docx)",
    ".wps": "a WPS .wps file: save it as .docx in WPS (or libreoffice --convert-to docx)",
}


def read(path: str | Path, ocr: str = "auto") -> Document:
    """Read one report file into a Document, whatever its format.

    ``ocr``: "auto" reads pages without a text layer (and images) by OCR, "force" every
    PDF page, "off" none (a scan is then an input error saying it needs OCR)."""
    p = Path(path)
    if not p.exists():
        raise InputError(str(path), "no such file")
    if p.is_dir():
        raise InputError(str(path), "is a folder, not a file")
    suffix = p.suffix.lower()
    if suffix in LEGACY:
        raise InputError(str(path), f"unsupported format: {LEGACY[suffix]}")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from exc
    if suffix in TEXT_SUFFIXES and len(data) > MAX_TEXT_BYTES:
        raise InputError(str(path), f"too large for one report ({len(data) / 1e6:.0f} MB of text)")
    doc = _read_bytes(str(path), suffix, data, ocr)
    if len(doc.text) > MAX_TEXT_CHARS:
        raise InputError(str(path), f"too large for one report ({len(doc.text):,} characters of text)")
    return doc.model_copy(update={"sha256": hashlib.sha256(data).hexdigest()})


def _read_bytes(path: str, suffix: str, data: bytes, ocr: str = "auto") -> Document:
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        from extractor.read.pdf import read_pdf

        return read_pdf(path, data, ocr)
    if suffix in IMAGE_SUFFIXES:
        if ocr == "off":
            raise InputError(path, "an image (scan or photo): it needs OCR (--ocr auto)")
        from extractor.read.ocr import read_image

        return read_image(path, data)
    if suffix == ".docx":
        from extractor.read.docx import read_docx

        return read_docx(path, data)
    from extractor.read.text import read_text

    return read_text(path, data)
