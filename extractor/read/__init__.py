"""Readers: one module per format, each returning the same ``Document``.

``read(path)`` picks the reader by the file's extension and content and raises
``InputError`` (one line: the file and the reason) for anything it cannot read.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractor.errors import MACHINE_ERRNOS, InputError
from extractor.models import Document
from extractor.read.limits import check_limits

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
# A self-evaluation report is tens of thousands of characters; a 300-page one under a million.
# Beyond this the file is not one report (a merged archive, a log) and is refused, not read for minutes.
MAX_TEXT_CHARS = 5_000_000
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS  # a text file this large cannot decode to fewer characters
LEGACY = {
    ".doc": "a legacy Word .doc file: save it as .docx (Word: Save As; or libreoffice --convert-to docx)",
    ".wps": "a WPS .wps file: save it as .docx in WPS (or libreoffice --convert-to docx)",
}


def read(path: str | Path) -> Document:
    """Read one report file into a Document, whatever its format."""
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
        if exc.errno in MACHINE_ERRNOS:
            raise  # the disk failed, not the file: not an input error (a batch retries it)
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from exc
    reader = reader_for(str(path), data[:8])
    if reader == "text" and len(data) > MAX_TEXT_BYTES:
        raise InputError(str(path), f"too large for one report ({len(data) / 1e6:.0f} MB of text)")
    check_limits(str(path), reader, data)
    doc = _read_bytes(str(path), reader, data)
    if len(doc.text) > MAX_TEXT_CHARS:
        raise InputError(str(path), f"too large for one report ({len(doc.text):,} characters of text)")
    return doc.model_copy(update={"sha256": hashlib.sha256(data).hexdigest()})


def reader_for(name: str, head: bytes) -> str:
    """Which reader reads a file (its Document.format): by its first bytes, else its extension.

    With the file's SHA-256 this is a file's identity: the same bytes as x.docx and y.txt are two
    readings (the first fails as a .docx, the second is read as text).
    """
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf" or head.startswith(b"%PDF"):
        return "pdf"
    return "docx" if suffix == ".docx" else "text"


def _read_bytes(path: str, reader: str, data: bytes) -> Document:
    if reader == "pdf":
        from extractor.read.pdf import read_pdf

        return read_pdf(path, data)
    if reader == "docx":
        from extractor.read.docx import read_docx

        return read_docx(path, data)
    from extractor.read.text import read_text

    return read_text(path, data)
