"""Readers: one module per format, each returning the same ``Document``.

``read(path)`` picks the reader by what the bytes are (a PDF, a zip package with
a Word document or a workbook inside, an OLE2 compound file, a web page), the
extension deciding only where the bytes do not, and raises ``InputError`` (one
line: the file and the reason) for anything it cannot read. A workbook holding
several reports (one per sheet) is read one sheet at a time: ``read('book.xlsx#Sheet2')``;
``read_documents(path)`` gives all of them.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from extractor.errors import InputError
from extractor.files import Source, file_source
from extractor.models import Document
from extractor.read.limits import check_limits
from extractor.read.scan_pages import IMAGE_SUFFIXES

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".et", ".ods"}
WORD_SUFFIXES = {".docx", ".doc", ".wps"}
WEB_SUFFIXES = {".html", ".htm", ".mhtml", ".mht"}
# What a batch reads: a Markdown file beside reports is notes, not a report (named alone, `read` takes it).
SUFFIXES = {".pdf", *TEXT_SUFFIXES, *WORKBOOK_SUFFIXES, *WORD_SUFFIXES, *WEB_SUFFIXES} - {"", ".md"}
# A self-evaluation report is tens of thousands of characters; a 300-page one under a million.
# Beyond this the file is not one report (a merged archive, a log) and is refused, not read for minutes.
MAX_TEXT_CHARS = 5_000_000
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS  # a text file this large cannot decode to fewer characters
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
RTF = b"{\\rtf"  # Word writes RTF under a .doc name too; LibreOffice reads it
# PNG, JPEG, TIFF (both byte orders): an image file (.png, .jpg, .tif, .bmp) is a scan or photo,
# read by OCR (read/ocr.py); image bytes under another name stay binary junk (refused as such)
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def read(path: str | Path, ocr: str = "auto", source: Source | None = None) -> Document:
    """Read one report file into a Document, whatever its format; 'book.xlsx#Sheet2' reads one sheet.

    ``ocr``: "auto" reads pages without a text layer (and images) by OCR, "force" every
    PDF page, "off" none (a scan is then an input error saying it needs OCR).
    ``source``: the file's bytes already read elsewhere (``file_source``; a cluster worker has no
    file): ``path`` then only names the document."""
    docs = read_documents(path, ocr) if source is None else documents_of(str(path), *source, ocr=ocr)
    if len(docs) > 1:
        names = [d.path.rsplit("#", 1)[-1] for d in docs]
        raise InputError(
            str(path),
            f"the workbook holds {len(docs)} reports, one per sheet ({', '.join(names)}): "
            f"name one as {path}#{names[0]}, or give the file to batch, which reads each",
        )
    return docs[0]


def read_documents(path: str | Path, ocr: str = "auto") -> list[Document]:
    """Every report in the file: one Document, or one per report sheet of a workbook."""
    return documents_of(str(path), *file_source(path), ocr=ocr)


def documents_of(path: str, file: str, sheet: str | None, data: bytes, ocr: str = "auto") -> list[Document]:
    """Every report in the bytes of ``file`` (``path`` names them: the file, or file#sheet)."""
    suffix = Path(file).suffix.lower()
    kind = sniff(data, suffix)
    if kind == "text" and len(data) > MAX_TEXT_BYTES:
        raise InputError(str(path), f"too large for one report ({len(data) / 1e6:.0f} MB of text)")
    check_limits(str(path), kind, data)
    sha = hashlib.sha256(data).hexdigest()
    if kind in ("xlsx", "xls", "ods"):
        docs = _workbook(file, suffix, kind, data, sha, sheet)
    elif sheet is not None:
        raise InputError(str(path), "no such file")
    else:
        docs = [_with_flattened_tables(_read_bytes(file, suffix, kind, data, ocr))]
    for doc in docs:
        if len(doc.text) > MAX_TEXT_CHARS:
            raise InputError(doc.path, f"too large for one report ({len(doc.text):,} characters of text)")
    return [d if d.sha256 else d.model_copy(update={"sha256": sha}) for d in docs]


def _with_flattened_tables(doc: Document) -> Document:
    """A table pasted into a document as text (one cell a paragraph, or pipe rows) is recovered
    as a grid too, where no grid of the document already stands."""
    if doc.format == "text":
        return doc  # read_text recovers its tables itself
    from extractor.read.recover import recover_tables

    taken = [(t.start, t.end) for t in doc.tables]
    found = [t for t in recover_tables(doc.text) if not any(a < t.end and t.start < b for a, b in taken)]
    if not found:
        return doc
    tables = sorted([*doc.tables, *found], key=lambda t: t.start)
    return doc.model_copy(update={"tables": tables})


def report_sheets(path: str) -> list[tuple[str, str]]:
    """(path#sheet, sha256) of each report of a workbook holding several; [] for any other file,
    or when the file cannot be read (reading it again says why)."""
    if Path(path).suffix.lower() not in WORKBOOK_SUFFIXES:
        return []
    try:
        docs = read_documents(path)
    except InputError:
        return []
    return [(d.path, d.sha256) for d in docs] if len(docs) > 1 else []


def reader_for(name: str, head: bytes) -> str:
    """Which reader reads a file, from its first bytes and its name (``sniff`` on the head).

    With the file's SHA-256 this is a file's identity in a batch: the same bytes under two names
    read by different readers are two readings."""
    return sniff(head, Path(name).suffix.lower())


def sniff(data: bytes, suffix: str) -> str:
    """What the bytes are: pdf, docx, xlsx, xls, ods, word (legacy, via LibreOffice), mhtml, html,
    image (an image file: a scan or photo, read by OCR) or text."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(ZIP):
        return _zip_kind(data, suffix)
    if data.startswith(OLE2):
        return _ole_kind(data, suffix)
    if data.startswith(RTF):
        return "word"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if suffix in (".mhtml", ".mht") or head.startswith(b"mime-version:") and b"text/html" in data[:65536]:
        return "mhtml"
    if head.startswith(b"<") and any(t in head for t in (b"<html", b"<table", b"<body", b"<!doctype html")):
        return "html"
    if suffix == ".pdf":
        return "pdf"  # the PDF reader says why it is not one
    if suffix in IMAGE_SUFFIXES and (data.startswith(IMAGE_MAGIC) or not _texty(data)):
        return "image"  # read by OCR (the OCR reader says why it is not an image)
    if suffix in (".docx", ".xlsx", ".xlsm") and not _texty(data):
        return {".docx": "docx"}.get(suffix, "xlsx")  # not a zip: the reader says so
    if suffix in (".doc", ".wps", ".xls", ".et", ".ods") and not _texty(data):
        return "word" if suffix in (".doc", ".wps") else ("ods" if suffix == ".ods" else "xls")
    return "text"


def _texty(data: bytes) -> bool:
    """Bytes that decode as text (a .doc that is really a text file is read as text)."""
    from extractor.read.text import looks_binary

    sample = data[:8192]
    if b"\x00" in sample:
        return False
    for name in ("utf-8", "gb18030"):
        try:
            return not looks_binary(sample.decode(name, errors="strict"))
        except UnicodeDecodeError:
            continue
    return False


def _zip_kind(data: bytes, suffix: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            mimetype = package.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError):
        return {".xlsx": "xlsx", ".xlsm": "xlsx", ".ods": "ods"}.get(suffix, "docx")
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if b"opendocument.spreadsheet" in mimetype:
        return "ods"
    return {".xlsx": "xlsx", ".xlsm": "xlsx"}.get(suffix, "docx")  # the reader says what is missing


def _ole_kind(data: bytes, suffix: str) -> str:
    """An OLE2 compound file: a Word document or a workbook, by its streams' names (UTF-16 names)."""
    word, book = "WordDocument".encode("utf-16-le"), "Workbook".encode("utf-16-le")
    if book in data or "Book".encode("utf-16-le") + b"\x00\x00" in data:
        if word not in data:
            return "xls"
    if word in data:
        return "word"
    return "xls" if suffix in WORKBOOK_SUFFIXES else "word"


def _workbook(file: str, suffix: str, kind: str, data: bytes, sha: str, sheet: str | None) -> list[Document]:
    """A workbook read by what it is: xlsx (openpyxl), xls/et (xlrd), ods or an .et xlrd cannot read
    (converted to .xlsx by LibreOffice)."""
    from extractor.read.sheets import documents, read_sheets

    fmt = {"xlsx": "xlsx", "ods": "ods"}.get(kind) or ("et" if suffix == ".et" else "xls")
    source = {"xlsx": "xlsx", "ods": "ods"}.get(kind, "xls")
    if kind == "ods" or fmt == "et" and not _xlrd_reads(data):
        from extractor.read.office import convert

        data, kind = convert(file, data, f".{fmt}", "xlsx"), "xlsx"
    return documents(file, read_sheets(file, data, kind), fmt, source, sha, sheet)  # type: ignore[arg-type]


def _xlrd_reads(data: bytes) -> bool:
    import xlrd

    try:
        xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True).release_resources()
    except Exception:  # noqa: BLE001 - any failure: let LibreOffice try
        return False
    return True


def _read_bytes(path: str, suffix: str, kind: str, data: bytes, ocr: str = "auto") -> Document:
    if kind == "pdf":
        from extractor.read.pdf import read_pdf

        return read_pdf(path, data, ocr)
    if kind == "image":
        if ocr == "off":
            raise InputError(path, "an image (scan or photo): it needs OCR (--ocr auto)")
        from extractor.read.ocr import read_image

        return read_image(path, data)
    if kind == "docx":
        from extractor.read.docx import read_docx

        return read_docx(path, data)
    if kind == "word":
        return _legacy_word(path, suffix, data)
    if kind == "mhtml":
        from extractor.read.html import read_mhtml

        return read_mhtml(path, data)
    if kind == "html":
        from extractor.read.html import read_html

        return read_html(path, data)
    from extractor.read.text import read_text

    return read_text(path, data)


def _legacy_word(path: str, suffix: str, data: bytes) -> Document:
    """.doc and .wps (Word 97 binary, as WPS writes it): LibreOffice writes a .docx, read as one."""
    from extractor.read.docx import read_docx
    from extractor.read.office import convert

    fmt = "wps" if suffix == ".wps" else "doc"
    if not data.startswith((OLE2, RTF)):
        raise InputError(path, f"not a legacy Word or WPS .{fmt} file: no OLE2 header (damaged, or renamed?)")
    doc = read_docx(path, convert(path, data, f".{fmt}", "docx"))
    return doc.model_copy(update={"format": fmt})
