"""PDF reports: the text layer in reading order, ruled tables as grids, page starts kept.

Text and path objects are read with pypdfium2 (tens of times faster than pdfminer). On pages
that draw enough ruled lines to hold a table, pdfplumber's table finder (settings:
``TABLE_SETTINGS``) gives the cell boxes from the edges of those path objects (``pdf_edges``;
pdfminer never parses the page); each table
becomes a ``grid.Table`` (a box's row and column from the distinct tops and left
edges, its spans from how many it covers, its bbox kept), written into the text
in its place top to bottom (``grid.render``). A table continued on the next page
joins the grid it continues, without its repeated header rows, a merged cell cut
by the page break going on over the rows below. Cells a page break left open (a row broken
over two pages, drawn without its borders at the break) are closed at the page's edge of the
table (``pdf_breaks``); text written inside a table where no cell box is drawn is read into
cells of its own (``pdf_loose``); a bordered sheet printed in strips across pages is joined
as the borderless one is (``pdf_across``).

Characters are grouped into lines by height and sorted left to right; spaces
are added for gaps between Latin letters and digits, never between CJK
characters; a run of spaces keeps its length (a table row flattened with spaces
needs its empty cells), measured from its width since pdfium reports a run as
one character; duplicated characters (simulated bold) are dropped. Running
headers, footers and page numbers are removed (``patterns/pages.toml``; on a
one-page document, by size, distance and a ruled border). A line that fills
the column (the next line's first word would not have fitted after it) and is
followed at normal leading by a line at the left edge continues into it, so
paragraphs, long table rows and numbers broken across lines and pages come out
whole or end on a line the normalizer joins.

A page without a text layer (scanned) is read by OCR (``read/ocr.py``); with ``ocr="off"`` a PDF
without any text layer is an input error that says it needs OCR.

The entry point ``read_pdf`` reads the pages here; the parts are siblings: ``pdf_model`` (what a
page is read into), ``pdf_chars`` (pdfium's characters and rules), ``pdf_lines`` (characters made
lines), ``pdf_edges`` (path objects made edges), ``pdf_ruled`` (ruled tables), ``pdf_furniture``
(headers, footers, page numbers), ``pdf_continued`` (tables across pages), ``pdf_text`` (the text assembled).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from extractor.errors import InputError
from extractor.models import Document, GlyphLine

if TYPE_CHECKING:
    from extractor.read.pdf_across import Strip

from extractor.read.pdf_chars import dedupe, has_rules, page_rules, pdfium_chars
from extractor.read.pdf_continued import join_continued_tables
from extractor.read.pdf_furniture import strip_furniture
from extractor.read.pdf_lines import build_lines, forget_cells
from extractor.read.pdf_model import Block, Box, Char, Line, Page, TableBlock
from extractor.read.pdf_ruled import grid, table_page_blocks
from extractor.read.pdf_text import assemble

_PDFIUM_REASON = regex.compile(r"PDFium: ([^)]*)\)")
_ENCRYPT = regex.compile(rb"/Encrypt\b")
_NO_PAGES = regex.compile(rb"/Count\s+0(?!\d)")
_A_PAGE = regex.compile(rb"/Type\s*/Page(?![a-zA-Z])|/ObjStm")


def read_pdf(path: str, data: bytes, ocr: str = "auto") -> Document:
    pages = _read_pages(path, data)
    scan = [i for i, p in enumerate(pages) if ocr == "force" or not p.has_chars]
    if scan and ocr != "off":  # pages without a text layer (scanned) are read by OCR
        from extractor.read.ocr import read_scanned_pdf

        return read_scanned_pdf(path, data, pages, scan)
    if not any(p.has_chars for p in pages):
        raise InputError(path, "PDF has no text layer (scanned image?): it needs OCR (--ocr auto)")
    if all(p.illegible for p in pages if p.has_chars):
        raise InputError(path, f"illegible PDF: its text is drawn over itself ({_SPILLED})")
    _join_across(pages, data)
    strip_furniture(pages)
    join_continued_tables(pages)
    placed: list[tuple[int, int, Line]] = []
    text, starts = assemble(pages, placed)
    grids = {id(b.table): b.table for p in pages for b in p.blocks if isinstance(b, TableBlock)}
    tables = list(grids.values())
    doc = Document(path=path, format="pdf", text=text, page_starts=starts, tables=tables)
    doc.glyph_lines = glyph_lines(placed)
    return doc


_SPILLED = "cells spilling over their rows"


def _join_across(pages: list[Page], data: bytes) -> None:
    from extractor.read.pdf_across import join_across

    if any(p.strip is not None and p.strip.hidden for p in pages):  # some page may continue another
        _read_ruled_strips(pages, data)
    join_across(pages)


def _read_ruled_strips(pages: list[Page], data: bytes) -> None:
    """pdfium's characters of the ruled pages that clip nothing (not kept with their strip then):
    a strip that clips its text may continue one of them."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        for index, page in enumerate(pages):
            if page.strip is not None and page.strip.ruled and not page.strip.chars:
                here = pdf[index]
                textpage = here.get_textpage()
                page.strip.chars = dedupe(list(pdfium_chars(textpage, here.get_height(), None)))
                textpage.close()
                here.close()
    finally:
        pdf.close()


def glyph_lines(placed: list[tuple[int, int, Line]]) -> list[GlyphLine]:
    """Where each character of the text lines stands: (offset, page, line) to GlyphLine, unvalidated
    (built from the reader's own numbers; validating every box would cost more than the reading)."""
    return [
        GlyphLine.model_construct(
            start=at, page=page, boxes=[g and (g.x0, g.top, g.x1, g.bottom) for g in line.glyphs]
        )
        for at, page, line in placed
        if line.glyphs
    ]


def _read_pages(path: str, data: bytes) -> list[Page]:
    import pypdfium2 as pdfium

    if data.rfind(b"%%EOF") < len(data) - 4096:
        raise InputError(path, "truncated or corrupt PDF (no end-of-file marker)")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(path, _load_error(str(exc), data)) from exc
    try:
        if len(pdf) == 0:
            raise InputError(path, "PDF has no pages")
        return list(_pages(path, data, pdf))
    finally:
        pdf.close()


def _load_error(message: str, data: bytes) -> str:
    """Why pdfium could not open the file, in words. pdfium's error code can be left
    over from an earlier document (an empty page tree sets none), so the bytes decide."""
    m = _PDFIUM_REASON.search(message)
    reason = (m[1] if m else message).strip().rstrip(".")
    if _ENCRYPT.search(data) and ("password" in reason.lower() or reason == "Success"):
        return "encrypted PDF (password protected): remove the password first"
    if _NO_PAGES.search(data) and not _A_PAGE.search(data):
        return "PDF has no pages"
    if reason == "Success" or "password" in reason.lower():
        return "corrupt PDF (cannot be loaded)"
    return f"corrupt PDF ({reason.lower()})"


def _pages(path: str, data: bytes, pdf) -> Iterator[Page]:
    import pypdfium2 as pdfium

    above: Block | None = None  # the previous page's last block
    for index in range(len(pdf)):
        try:
            page = pdf[index]
        except pdfium.PdfiumError as exc:
            raise InputError(path, f"corrupt PDF (page {index + 1} cannot be read)") from exc
        try:
            read = _page(page, index, len(pdf), above)
        finally:
            page.close()
        above = read.blocks[-1] if read.blocks else None
        yield read


def _page(page, index: int, n_pages: int, above: Block | None) -> Page:
    """One page read: its ruled tables by pdfplumber's table finder (``pdf_ruled``), else its lines
    (unruled tables as grids); characters clipped away left out, an illegible print
    (``pdf_clip.spilled``) left empty."""
    from extractor.read.pdf_clip import cuts_text, spilled
    from extractor.read.pdf_objects import page_objects

    textpage = page.get_textpage()
    try:
        objects = page_objects(page)
        clipping = cuts_text(objects.texts)  # some text reaches past its clip: its characters are tested
        hidden: list[Char] = []  # characters clipped away (pdf_clip)
        seen = dedupe(list(pdfium_chars(textpage, page.get_height(), hidden if clipping else None)))
        ruled = bool(seen) and has_rules(objects.paths)
        narrow: list[Box] = []  # cell boxes of one-column ruled tables (kept for pdf_across)
        rows: list[list[Box]] = []  # cell boxes of ruled rows of one line
        tables = _ruled(page, objects, seen, index, (narrow, rows)) if ruled else None
        chars = seen if tables is None else []
        illegible = spilled(chars)
        chars = [] if illegible else chars  # no line of an illegible print is certainly one row
        rules = _Rules(page, objects.paths)
        blocks = tables if tables is not None else _unruled(chars, index, rules, above)
        strip = _strip(chars, hidden, rules, narrow) if tables is None and chars and n_pages > 1 else None
        if tables and n_pages > 1:
            strip = _ruled_strip(seen if clipping else [], hidden, tables)
        lone = rules() if n_pages == 1 else []  # a lone page's furniture is told by its rules
        foot = _foot(rows, seen, index) if rows and n_pages > 1 else None
    finally:
        textpage.close()
        forget_cells()
    return Page(blocks, bool(seen), page.get_width(), lone, strip, illegible, foot)


def _ruled(
    page, objects, chars: list[Char], index: int, kept: tuple[list[Box], list[list[Box]]]
) -> list[Block] | None:
    """The page's ruled tables and text lines (``pdf_ruled``), its edges made from the path
    objects pdfium has read (``pdf_edges``), or None when it holds no table; ``kept`` receives the
    cell boxes of one-column tables and of one-line rows."""
    from extractor.read.pdf_edges import Path, path_edges

    height = page.get_height()
    edges = path_edges([Path(h, m) for h, m in zip(objects.paths, objects.outer, strict=True)], height)
    return table_page_blocks(edges, chars, (page.get_width(), height), index + 1, *kept)


def _foot(rows: list[list[Box]], chars: list[Char], index: int) -> TableBlock:
    """The lowest ruled row of one line on a page, as a grid: a table cut by the page breaks may go
    on through it (``pdf_continued``), or it stays the text line it was read as."""
    return grid(max(rows, key=lambda cells: max(c[3] for c in cells)), chars, index + 1)


class _Rules:
    """A page's horizontal rules (``page_rules``), found when first asked for, then kept."""

    def __init__(self, page, paths: list) -> None:
        self.page, self.paths, self.found = page, paths, None

    def __call__(self) -> list[float]:
        if self.found is None:
            self.found = page_rules(self.page, self.paths)
        return list(self.found)


def _strip(chars: list[Char], hidden: list[Char], rules: _Rules, narrow: list[Box]) -> Strip:
    """What a page of text lines keeps to be joined with a page it continues, or that continues it."""
    from extractor.read.pdf_across import Strip

    return Strip(chars, hidden, rules(), boxes=narrow)


def _ruled_strip(chars: list[Char], hidden: list[Char], blocks: list[Block]) -> Strip:
    """What a page of ruled tables keeps to be joined across: its characters (none yet when it clips
    nothing: ``_read_ruled_strips``) and its cell boxes."""
    from extractor.read.pdf_across import Strip

    boxes = [c.bbox for b in blocks if isinstance(b, TableBlock) for c in b.table.cells if c.bbox]
    return Strip(chars, hidden, boxes=boxes, ruled=True)


def _unruled(chars: list[Char], index: int, rules: _Rules, above: Block | None) -> list[Block]:
    """A page's text lines, those of tables drawn without ruling lines read as grids (``above``,
    the previous page's last block, may be a table the page goes on with)."""
    from extractor.read.unruled import unruled_blocks

    return unruled_blocks(build_lines(chars), index + 1, rules, above=above)
