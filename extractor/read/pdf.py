"""PDF reports: the text layer in reading order, ruled tables as grids, page starts kept.

Text is read with pypdfium2 (tens of times faster than pdfminer). Only pages
that draw enough ruled lines to hold a table are opened with pdfplumber, whose
``find_tables`` (settings: ``TABLE_SETTINGS``) gives the cell boxes; each table
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
"""

from __future__ import annotations

import ctypes
import functools
import io
import logging
import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

import patterns
from extractor.errors import InputError
from extractor.grid import Cell, Table, build_table, render
from extractor.models import Document, GlyphLine

if TYPE_CHECKING:
    from extractor.read.pdf_across import Strip

_P = patterns.load("pages")
FURNITURE = [regex.compile(p) for p in _P["page_furniture"]]
_PDFIUM_REASON = regex.compile(r"PDFium: ([^)]*)\)")
_ENCRYPT = regex.compile(rb"/Encrypt\b")
_NO_PAGES = regex.compile(rb"/Count\s+0(?!\d)")
_A_PAGE = regex.compile(rb"/Type\s*/Page(?![a-zA-Z])|/ObjStm")
REPEATED_SHARE = float(_P["repeated_share"])
SENTENCE_END = set(_P["sentence_end"])
PARAGRAPH_STARTS = [regex.compile(p) for p in _P["paragraph_starts"]]

# pdfplumber table settings (see pdfplumber's TableSettings for every key).
TABLE_SETTINGS: dict[str, object] = {
    # Ruled tables only: cell borders come from drawn lines and rectangle edges.
    # The "text" strategies would turn aligned prose into tables.
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    # Borders drawn twice (cell by cell, or as thin filled rectangles) lie within
    # a few points of each other: snap and join them into one edge.
    "snap_tolerance": 3,
    "join_tolerance": 3,
    # Underlines and short strokes are not borders.
    "edge_min_length": 5,
    # Edges that almost meet still make a corner.
    "intersection_tolerance": 3,
}
MIN_TABLE_ROWS = 2  # a boxed paragraph (1 x n) is text, not a table
MIN_TABLE_COLS = 2
CANDIDATE_SEGMENTS = 8  # path segments a page must draw before pdfplumber looks for tables

# Layout tolerances, in multiples of the font size.
SAME_LINE = 0.4  # vertical centres this close: one line
WORD_GAP = 0.25  # gap between Latin letters or digits that is a space
COLUMN_GAP = 1.5  # gap wide enough to be a space between any characters
CJK_GAP = 0.3  # gap beyond a line's usual spacing that is a space beside a CJK character
FULL_LINE = 1.5  # a line ending this close to the right edge fills the column
INDENT = 0.3  # a line starting further than this from the left edge is indented
LEADING = 2.0  # next line's top within this distance: same paragraph
EDGE_Y = 4.0  # points: furniture on different pages stands at the same height
FIT = 0.25  # a line is full when the next line's first word would not have fitted on it
RUN_SLACK = 0.25  # a run of spaces is as wide as a whole number of spaces, within this share of one
APART = 2.0  # a lone page's header or footer stands this far (in font sizes) from the body
RULE_THICKNESS = 2.0  # points: a path this flat and a third of the page wide is a rule
RULE_SHARE = 1 / 3
INDENTED = (1.0, 4.0)  # a paragraph indent, in font sizes from the left edge

_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff00-\uffef]")
_LATIN_END = regex.compile(r"[A-Za-z]$")
_LATIN_START = regex.compile(r"^[A-Za-z]")
_DIGITS = regex.compile(r"\d+")
_NOT_TEXT = frozenset(
    (0, 0xFFFE, 0xFFFF, ord("\r"), ord("\n"))
)  # pdfium codes that are no character of the text


@dataclass(slots=True)  # not frozen: made by the ten thousand per page (a frozen one costs 5x as much)
class Char:
    """One character with its box (points, top-down like pdfplumber)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Line:
    """A line of text outside tables; ``lead`` is the width of its first unbreakable piece
    (a CJK character, or a run of Latin letters and digits)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    lead: float = 0.0
    glyphs: list[Char | None] = field(default_factory=list)  # per character of text; None: an added space


@dataclass(slots=True)
class TableBlock:
    """A ruled table on a page: the grid rows it shows (a table continued from the previous
    page shares that page's grid, and shows the rows appended to it here)."""

    table: Table
    top: float
    bottom: float
    columns: tuple[float, ...] = ()  # left edges of the grid's columns
    rows: range = range(0)


Block = Line | TableBlock
Box = tuple[float, float, float, float]  # left, top, right, bottom (points, top-down)


@dataclass(slots=True)
class Page:
    blocks: list[Block] = field(default_factory=list)
    has_chars: bool = False
    width: float = 0.0
    rules: list[float] = field(default_factory=list)  # horizontal rules (one-page documents only)
    strip: Strip | None = None  # kept to be joined with the page it continues across (pdf_across)
    illegible: bool = False  # its characters are drawn over one another (pdf_clip.spilled): left unread


# --------------------------------------------------------------------------- entry point


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
    """pdfium's characters of the ruled pages that clip nothing (read from pdfplumber alone, their
    characters not taken then): a strip that clips its text may continue one of them."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        for index, page in enumerate(pages):
            if page.strip is not None and page.strip.ruled and not page.strip.chars:
                here = pdf[index]
                textpage = here.get_textpage()
                page.strip.chars = dedupe(list(_pdfium_chars(textpage, here.get_height(), None)))
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

    plumber = _Plumber(data)
    above: Block | None = None  # the previous page's last block
    try:
        for index in range(len(pdf)):
            try:
                page = pdf[index]
            except pdfium.PdfiumError as exc:
                raise InputError(path, f"corrupt PDF (page {index + 1} cannot be read)") from exc
            try:
                read = _page(page, index, plumber, len(pdf), above)
            finally:
                page.close()
            above = read.blocks[-1] if read.blocks else None
            yield read
    finally:
        plumber.close()


def _page(page, index: int, plumber: _Plumber, n_pages: int, above: Block | None) -> Page:
    """One page read: its ruled tables by pdfplumber, else its lines (unruled tables as grids);
    characters clipped away left out, an illegible print (``pdf_clip.spilled``) left empty."""
    from extractor.read.pdf_clip import cuts_text, spilled
    from extractor.read.pdf_objects import page_objects

    textpage = page.get_textpage()
    try:  # a page whose tables pdfplumber reads needs no more of pdfium's characters than one
        objects = page_objects(page)
        clipping = cuts_text(objects.texts)  # some text reaches past its clip: its characters are tested
        hidden: list[Char] = []  # characters clipped away (pdf_clip)
        found = _pdfium_chars(textpage, page.get_height(), hidden if clipping else None)
        first = next(found, None)
        ruled = first is not None and _has_rules(objects.paths)
        rest = list(found) if ruled and clipping else found  # clipped ones known before pdfplumber
        narrow: list[Box] = []  # cell boxes of one-column ruled tables (kept for pdf_across)
        tables = plumber.page_blocks(index, hidden, narrow) if ruled else None
        chars = dedupe([first, *rest]) if first and tables is None else []
        illegible = spilled(chars)
        chars = [] if illegible else chars  # no line of an illegible print is certainly one row
        rules = _Rules(page, objects.paths)
        blocks = tables if tables is not None else _unruled(chars, index, rules, above)
        strip = _strip(chars, hidden, rules, narrow) if tables is None and chars and n_pages > 1 else None
        if tables and n_pages > 1:
            strip = _ruled_strip(dedupe([first, *rest]) if clipping else [], hidden, tables)
        lone = rules() if n_pages == 1 else []  # a lone page's furniture is told by its rules
    finally:
        textpage.close()
    return Page(blocks, first is not None, page.get_width(), lone, strip, illegible)


class _Rules:
    """A page's horizontal rules (``_rules``), found when first asked for, then kept."""

    def __init__(self, page, paths: list) -> None:
        self.page, self.paths, self.found = page, paths, None

    def __call__(self) -> list[float]:
        if self.found is None:
            self.found = _rules(self.page, self.paths)
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
    from extractor.read.pdf_unruled import unruled_blocks

    return unruled_blocks(build_lines(chars), index + 1, rules, above=above)


# --------------------------------------------------------------------------- characters


def _pdfium_chars(textpage, height: float, hidden: list[Char] | None) -> Iterator[Char]:
    """The page's characters from pdfium, without generated spaces and line breaks (not deduplicated);
    those clipped away (``pdf_clip``) go to ``hidden`` (None: the page clips no text)."""
    import pypdfium2.raw as c

    from extractor.read.pdf_clip import ClipBoxes

    unicode, generated = c.FPDFText_GetUnicode, c.FPDFText_IsGenerated  # local names: called per character
    char_box, font_size = c.FPDFText_GetLooseCharBox, c.FPDFText_GetFontSize
    matrix_of, matrix = c.FPDFText_GetMatrix, c.FS_MATRIX()
    raw, rect = textpage.raw, c.FS_RECTF()
    clips = ClipBoxes(raw, hidden) if hidden is not None else None
    sqrt = math.sqrt
    for i in range(c.FPDFText_CountChars(raw)):
        code = unicode(raw, i)
        if code in _NOT_TEXT or 0xD800 <= code < 0xE000 or generated(raw, i) == 1:
            continue
        char_box(raw, i, rect)
        left, right, top, bottom = rect.left, rect.right, rect.top, rect.bottom
        # the character's matrix (text matrix and page transform) scales its font size: a browser's
        # print draws 16-unit text scaled to the page (pdfium gives the unscaled size)
        size = font_size(raw, i)
        if matrix_of(raw, i, matrix):
            size *= sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        ch = Char(chr(code), left, right, height - top, height - bottom, size or abs(top - bottom))
        if clips is None or clips.shows(i, ch, (left + right) / 2, (top + bottom) / 2):
            yield ch


def dedupe(chars: list[Char], tolerance: float = 1.0) -> list[Char]:
    """Drop characters drawn again at (almost) the same place, less than half their width
    apart: simulated bold (a run of narrow characters such as '|||' is kept)."""
    seen: dict[tuple[str, int, int], list[Char]] = {}
    rows: set[tuple[str, int]] = set()  # (text, ky) of the characters seen: none near, none overdrawn
    out = []
    for ch in chars:
        text = ch.text
        kx, ky = round(ch.x0 / tolerance), round(ch.top / tolerance)
        near = (text, ky) in rows or (text, ky - 1) in rows or (text, ky + 1) in rows
        if near and text.strip() and _overdraws(ch, seen, kx, ky, tolerance):
            continue
        seen.setdefault((text, kx, ky), []).append(ch)
        rows.add((text, ky))
        out.append(ch)
    return out


def _overdraws(
    ch: Char, seen: dict[tuple[str, int, int], list[Char]], kx: int, ky: int, tolerance: float
) -> bool:
    """Is ``ch`` drawn over a character already seen in its own or a neighbouring cell of the key grid?"""
    text = ch.text
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for other in seen.get((text, kx + dx, ky + dy), ()):
                if _overdrawn(ch, other, tolerance):
                    return True
    return False


def _overdrawn(ch: Char, other: Char, tolerance: float) -> bool:
    dx = abs(ch.x0 - other.x0)
    return dx <= tolerance and dx < (other.x1 - other.x0) / 2 and abs(ch.top - other.top) <= tolerance


def _has_rules(paths: list) -> bool:
    """Cheap test whether a page may hold a ruled table: its path objects draw enough segments."""
    import pypdfium2.raw as c

    segments = 0
    for obj in paths:
        segments += max(1, c.FPDFPath_CountSegments(obj))
        if segments >= CANDIDATE_SEGMENTS:
            return True
    return False


def _rules(page, paths: list) -> list[float]:
    """Heights (from the top) of the horizontal rules drawn across a good part of the page
    (``paths``: its path objects, ``pdf_objects``)."""
    import pypdfium2.raw as c

    height, width = page.get_height(), page.get_width()
    box = [ctypes.c_float() for _ in range(4)]
    out = []
    for obj in paths:
        if not c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in box)):
            continue
        left, bottom, right, top = (v.value for v in box)
        if top - bottom <= RULE_THICKNESS and right - left >= RULE_SHARE * width:
            out.append(height - (top + bottom) / 2)
    return out


# --------------------------------------------------------------------------- lines


def build_lines(chars: list[Char]) -> Iterator[Line]:
    """Group characters into lines (top to bottom), each sorted left to right."""
    rows: list[list[Char]] = []
    head_mid = head_size = 0.0  # the middle and size of the current row's first character
    by_mid = sorted([((ch.top + ch.bottom) / 2, ch.x0, i) for i, ch in enumerate(chars)])  # stable
    for mid, _, i in by_mid:
        ch = chars[i]
        if rows and abs(mid - head_mid) <= SAME_LINE * min(ch.size, head_size):
            rows[-1].append(ch)
        else:
            rows.append([ch])
            head_mid, head_size = mid, ch.size
    for row in rows:
        row.sort(key=lambda ch: ch.x0)
        glyphs: list[Char | None] = []
        text = line_text(row, glyphs)
        if text:
            ink = [ch for ch in row if ch.text.strip()]
            size = Counter(round(ch.size, 1) for ch in ink).most_common(1)[0][0]
            top, bottom = min(ch.top for ch in ink), max(ch.bottom for ch in ink)
            yield Line(text, ink[0].x0, ink[-1].x1, top, bottom, size, _lead(ink), glyphs)


def _lead(ink: list[Char]) -> float:
    """Width of the line's first piece that a line break cannot split."""
    end = 1
    if not _is_cjk(ink[0].text):
        while end < len(ink) and not _is_cjk(ink[end].text) and ink[end].x0 - ink[end - 1].x1 < 0.5:
            end += 1
    return ink[end - 1].x1 - ink[0].x0


@functools.lru_cache(maxsize=8192)
def _is_cjk(text: str) -> bool:
    """Whether a character's text starts with a CJK character (asked per character of every line)."""
    return _CJK.match(text) is not None


def line_text(row: list[Char], glyphs: list[Char | None] | None = None) -> str:
    """The text of one line: real spaces kept, a run of them as long as it is wide (pdfium
    reports a run of spaces as one character), spaces added for wide gaps (not between CJK).
    ``glyphs``, if given, receives the character each character of the text was read from
    (None for a space: its box says nothing about a value's)."""
    glyphs = [] if glyphs is None else glyphs
    out: list[str] = []
    prev: Char | None = None
    spacing = _char_spacing(row)
    k = 0
    while k < len(row):
        ch = row[k]
        if ch.text.isspace():
            end = k + 1
            while end < len(row) and row[end].text.isspace():
                end += 1
            if prev is not None and end < len(row):
                n = _run_length(row[k:end], row[end], spacing)
                out.append(" " * n)
                glyphs += [None] * n
            prev, k = None, end
            continue
        if prev is not None and _needs_space(prev, ch, spacing):
            out.append(" ")
            glyphs.append(None)
        out.append(ch.text)
        glyphs += [ch] * len(ch.text)
        prev, k = ch, k + 1
    return "".join(out)


def _char_spacing(row: list[Char]) -> float:
    """The extra space between characters of a line (justified lines set it): the median gap."""
    gaps = []
    prev: Char | None = None  # the previous character, if ink
    for ch in row:
        if ch.text.strip():
            if prev is not None:
                gaps.append(ch.x0 - prev.x1)
            prev = ch
        else:
            prev = None
    gaps.sort()
    return max(0.0, gaps[len(gaps) // 2]) if gaps else 0.0


def _run_length(spaces: list[Char], following: Char, spacing: float) -> int:
    """How many spaces a run stands for: its width over one space's, when that is a whole number."""
    pitch = spaces[0].x1 - spaces[0].x0 + spacing
    if pitch <= 0:
        return len(spaces)
    n = (following.x0 - spaces[0].x0) / pitch
    return max(len(spaces), round(n)) if abs(n - round(n)) <= RUN_SLACK else len(spaces)


def _needs_space(prev: Char, ch: Char, spacing: float) -> bool:
    """A space the PDF draws as a gap, not as a glyph (LibreOffice writes none): between Latin
    letters or digits a quarter of the font size; between CJK characters, whose lines a
    justification may spread evenly, that much beyond the line's usual spacing."""
    gap = ch.x0 - prev.x1
    size = max(prev.size, ch.size)
    if gap > COLUMN_GAP * size:
        return True
    if _is_cjk(prev.text) or _is_cjk(ch.text):
        return gap - spacing > CJK_GAP * size
    return gap > WORD_GAP * size


# --------------------------------------------------------------------------- tables (pdfplumber)


class _Plumber:
    """pdfplumber, opened only when a page looks like it holds a table."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pdf, self.failed = data, None, False

    def page_blocks(self, index: int, hidden: list[Char], narrow: list[Box]) -> list[Block] | None:
        """Text lines and tables of a page, or None when it holds no table (or pdfplumber fails);
        ``narrow`` receives the cell boxes of one-column tables."""
        if self.failed:
            return None
        try:
            if self.pdf is None:
                import pdfplumber

                quiet_pdfminer()
                self.pdf = pdfplumber.open(io.BytesIO(self.data))
            return table_page_blocks(self.pdf.pages[index], hidden, narrow)
        except Exception:  # noqa: BLE001 - pdfminer raises many types; the pdfium text stands
            self.failed = self.pdf is None
            return None

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


class _Quiet:
    """A pdfminer module's logger whose ``debug`` does nothing: its parser logs every token and
    object it reads (hundreds of thousands of calls a table page, each asking the logging tree)."""

    def __init__(self, log: logging.Logger) -> None:
        self.log = log

    def debug(self, *args: object, **kwargs: object) -> None:
        pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self.log, name)


QUIET_MODULES = ("pdfminer.psparser", "pdfminer.pdfinterp")  # the modules whose debug calls are per token


def quiet_pdfminer() -> None:
    """Silence the per-token debug calls of pdfminer's parser and interpreter, unless its debug
    logging is on (then they stay, as they are)."""
    import importlib

    if logging.getLogger("pdfminer").isEnabledFor(logging.DEBUG):
        return
    for name in QUIET_MODULES:
        module = importlib.import_module(name)
        log = getattr(module, "log", None)
        if isinstance(log, logging.Logger):
            module.log = _Quiet(log)


def table_page_blocks(
    page, hidden: list[Char] | None = None, narrow: list[Box] | None = None
) -> list[Block] | None:
    """The page's text lines and ruled tables; the tables are found from the drawn lines alone
    (``TABLE_SETTINGS``), so before the characters are deduplicated, and only where one is found.
    ``hidden``: pdfium's characters clipped away, left out (``pdf_clip.without``); ``narrow``, if
    given, receives the cell boxes of tables one column wide (a strip of a sheet: ``pdf_across``)."""
    found = []
    for t in page.find_tables(_settings(page)):
        if len(t.rows) < MIN_TABLE_ROWS:
            continue
        if len({c[0] for c in t.cells}) >= MIN_TABLE_COLS:
            found.append(t)
        elif narrow is not None:
            narrow += t.cells
    if not found:
        return None
    chars = [
        Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"])
        for c in plumber_dedupe(page.chars)
        if c.get("upright", True)
    ]
    from extractor.read.pdf_clip import spilled, without

    chars = without(chars, hidden) if hidden else chars
    if spilled(chars):  # an illegible print: no cell certainly holds its own text
        return []
    outside = [ch for ch in chars if not any(_inside(ch, t.bbox) for t in found)]
    blocks: list[Block] = list(build_lines(outside))
    blocks += [grid(t.cells, chars, page.page_number) for t in found]
    return sorted(blocks, key=lambda b: b.top)


def _settings(page) -> dict[str, object]:
    """``TABLE_SETTINGS``, with lines closing the cells a page break left open (``pdf_breaks``)."""
    from extractor.read.pdf_breaks import open_ends

    snap, shortest = float(TABLE_SETTINGS["snap_tolerance"]), float(TABLE_SETTINGS["edge_min_length"])
    ends = open_ends(page.edges, page.chars, snap, shortest)
    return {**TABLE_SETTINGS, "explicit_horizontal_lines": ends} if ends else TABLE_SETTINGS


def plumber_dedupe(chars: list[dict]) -> list[dict]:
    """pdfplumber's ``Page.dedupe_chars()`` characters (its ``utils.dedupe_chars``, defaults), the
    same ones in the same order, without the quadratic cost of its last step (a sort keyed by
    ``chars.index`` of each kept character): ``_Indexed`` finds a character's index from its
    text and position."""
    from pdfplumber.utils import dedupe_chars

    return dedupe_chars(_Indexed(chars))


class _Indexed(list):
    """A list of pdfplumber characters whose ``index(c)`` is list.index's answer (the first equal
    character) looked up among those with c's text, x0 and doctop (an equal dict has the same)."""

    def __init__(self, chars: list[dict]) -> None:
        super().__init__(chars)
        self._at: dict[tuple, list[int]] = {}
        for i, c in enumerate(chars):
            self._at.setdefault(_place(c), []).append(i)

    def index(self, value: Any, *args: Any) -> int:
        if not args:
            for i in self._at.get(_place(value), ()):
                if self[i] is value or self[i] == value:
                    return i
        return super().index(value, *args)


def _place(c: dict) -> tuple:
    return c.get("text"), c.get("x0"), c.get("doctop")


def _inside(ch: Char, bbox: tuple[float, float, float, float]) -> bool:
    x, y = (ch.x0 + ch.x1) / 2, ch.mid
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


class _ByHeight:
    """A page's characters sorted by their middle height, to find those inside a box
    without testing every one (``inside`` keeps the page's order)."""

    def __init__(self, chars: list[Char]) -> None:
        self.chars = chars
        self.order = sorted(range(len(chars)), key=lambda i: chars[i].mid)
        self.mids = [chars[i].mid for i in self.order]

    def inside(self, bbox: tuple[float, float, float, float]) -> list[Char]:
        lo, hi = bisect_left(self.mids, bbox[1]), bisect_right(self.mids, bbox[3])
        found = sorted(i for i in self.order[lo:hi] if _inside(self.chars[i], bbox))
        return [self.chars[i] for i in found]


def grid(boxes: list[tuple[float, float, float, float]], chars: list[Char], page: int) -> TableBlock:
    """The grid of a ruled table from its cell boxes (pdfplumber's ``Table.cells``): a box's
    row and column are where its top-left corner stands among the distinct tops and left
    edges, its spans how many of them it covers. A grid position no box covers is an empty cell."""
    xs = sorted({round(c[0], 1) for c in boxes})
    tops = sorted({round(c[1], 1) for c in boxes})
    by_height = _ByHeight(chars)
    covered: set[tuple[int, int]] = set()
    cells = []
    for box in boxes:
        row, col = tops.index(round(box[1], 1)), xs.index(round(box[0], 1))
        rowspan = sum(1 for t in tops if box[1] - 0.5 <= t < box[3] - 0.5) or 1
        colspan = sum(1 for x in xs if box[0] - 0.5 <= x < box[2] - 0.5) or 1
        text = cell_text(by_height.inside(box))
        cells.append(Cell(row=row, col=col, rowspan=rowspan, colspan=colspan, text=text, page=page, bbox=box))
        covered.update((r, c) for r in range(row, row + rowspan) for c in range(col, col + colspan))
    top, bottom = min(c[1] for c in boxes), max(c[3] for c in boxes)
    free = [(r, c) for r in range(len(tops)) for c in range(len(xs)) if (r, c) not in covered]
    if free:
        cells += _loose(free, (xs, tops), max(c[2] for c in boxes), bottom, by_height, page)
    cells.sort(key=lambda c: (c.row, c.col))
    table = build_table([cells], "pdf-ruling", page=page)
    return TableBlock(table, top, bottom, tuple(xs), range(table.n_rows))


def _loose(
    free: list[tuple[int, int]],
    edges: tuple[list[float], list[float]],
    right: float,
    bottom: float,
    by_height: _ByHeight,
    page: int,
) -> list[Cell]:
    """The cells of grid positions no box covers, from the text written there (``pdf_loose``)."""
    from extractor.read.pdf_loose import loose_cells

    xs, tops = edges
    return loose_cells(free, ([*xs, right], [*tops, bottom]), by_height.inside, page)


def cell_text(chars: list[Char]) -> str:
    """A cell's lines joined: no break inside CJK text, a space between Latin words."""
    out = ""
    for line in build_lines(chars):
        text = " ".join(line.text.split())
        out = _join(out, text) if out else text
    return out


def _join(a: str, b: str) -> str:
    return a + (" " if _LATIN_END.search(a) and _LATIN_START.match(b) else "") + b


# --------------------------------------------------------------------------- running headers and footers


def strip_furniture(pages: list[Page]) -> None:
    """Drop page numbers and running headers/footers: lines at a page's top or bottom
    that stand at the same height with the same text (digits aside) on many pages.
    A page number is the outermost number-like line at either end of a page, standing
    at the same height as one on another page (a lone '21' in the body is kept).
    A document of one page has no repetition to go by: there a first or last line set
    well apart from the body, smaller than it or ruled off from it, is its header or footer."""
    edges = [
        (i, line, _DIGITS.sub("#", line.text)) for i, page in enumerate(pages) for line in _edge_lines(page)
    ]
    limit = max(2, int(len(pages) * REPEATED_SHARE + 0.999)) if len(pages) > 1 else 10**9
    by_text: dict[str, list[tuple[int, float]]] = {}
    for i, line, key in edges:
        by_text.setdefault(key, []).append((i, line.top))
    outer = {id(line) for page in pages for line in _outer_numbers(page)}
    numbers = [(i, line.top) for i, line, _ in edges if id(line) in outer]
    drop = set()
    for _, line, key in edges:
        numbered = id(line) in outer and (len(pages) == 1 or _pages_at(numbers, line.top) >= 2)
        if numbered or _pages_at(by_text[key], line.top) >= limit:
            drop.add(id(line))
    if len(pages) == 1:
        drop.update(id(line) for line in _lone_page_furniture(pages[0]))
    for page in pages:
        page.blocks = [b for b in page.blocks if id(b) not in drop]


def _outer_numbers(page: Page) -> list[Line]:
    """The page-number-like lines at the top and bottom that no other such line stands outside of."""
    ends = (page.blocks[:2], page.blocks[max(2, len(page.blocks) - 2) :][::-1])
    found = []
    for end in ends:
        line = next((b for b in end if isinstance(b, Line) and _is_page_number(b.text)), None)
        if line is not None:
            found.append(line)
    return found


def _lone_page_furniture(page: Page) -> list[Line]:
    """The first and last line of a lone page when they are set well apart from the
    body and either smaller than it or ruled off from it (a header's bottom border)."""
    blocks = page.blocks
    sizes: Counter[float] = Counter()
    for b in blocks:
        if isinstance(b, Line):
            sizes[round(b.size, 1)] += len(b.text)
    if len(blocks) < 3 or not sizes:
        return []
    body = sizes.most_common(1)[0][0]
    out = []
    for line, near in ((blocks[0], blocks[1]), (blocks[-1], blocks[-2])):
        if not isinstance(line, Line):
            continue
        above = line.top < near.top
        low, high = (line.bottom, near.top) if above else (near.bottom, line.top)
        ruled = any(low < y < high - 1 for y in page.rules)
        if high - low >= APART * min(body, line.size) and (line.size < body - 0.5 or ruled):
            out.append(line)
    return out


def _pages_at(found: list[tuple[int, float]], top: float) -> int:
    """On how many pages one of the found lines stands at this height."""
    return len({i for i, t in found if abs(t - top) <= EDGE_Y})


def _edge_lines(page: Page) -> list[Line]:
    blocks = page.blocks
    ends = blocks[:2] + blocks[max(2, len(blocks) - 2) :]
    return [b for b in ends if isinstance(b, Line)]


def _is_page_number(text: str) -> bool:
    return any(p.match(text) for p in FURNITURE)


# --------------------------------------------------------------------------- tables across pages


def join_continued_tables(pages: list[Page]) -> None:
    """A table that opens a page, drawn on the columns of the table that closed the previous
    page, continues it: its repeated header rows are dropped, a merged cell cut by the page
    break goes on over the rows below, and its rows join that grid. The columns may be fewer
    on one part (the header's sub-columns are drawn on the first page only): both parts are
    then placed on all the column edges of the two."""
    head: list[str] = []
    last: Block | None = None
    for page in pages:
        for k, block in enumerate(page.blocks):
            if isinstance(block, TableBlock):
                columns = _shared_columns(last, block) if k == 0 and isinstance(last, TableBlock) else None
                if columns is not None and isinstance(last, TableBlock):
                    for part in (last, block):
                        if part.columns != columns:
                            _regrid(part.table, columns)
                            part.columns = columns
                    _drop_repeated_header(block.table, head)
                    _append(last.table, block)
                else:
                    head = [row_text(block.table, r) for r in range(min(3, block.table.n_rows))]
            last = block


_EDGE = 2.0  # points: column edges this close are one edge


def _shared_columns(a: TableBlock, b: TableBlock) -> tuple[float, ...] | None:
    """The column edges of both parts when b is drawn on a's columns: the same outer edges, and
    the edges of one part all among the other's (grids read from the layout: ``shared_bands``)."""
    if a.table.source == b.table.source == "pdf-layout":
        from extractor.read.pdf_unruled import shared_bands

        return shared_bands(a, b)
    if not a.columns or not b.columns or abs(a.columns[0] - b.columns[0]) > _EDGE:
        return None
    if abs(_right(a.table) - _right(b.table)) > _EDGE:
        return None
    few, many = sorted((a.columns, b.columns), key=len)
    if not all(any(abs(x - y) <= _EDGE for y in many) for x in few):
        return None
    if len(few) != len(many) and not (_boxed(a.table) and _boxed(b.table)):
        return None  # a cell without its box cannot be placed on other columns
    return many


def _boxed(table: Table) -> bool:
    return all(c.bbox is not None for c in table.cells if c.text)


def _right(table: Table) -> float:
    return max((c.bbox[2] for c in table.cells if c.bbox), default=0.0)


def _regrid(table: Table, columns: tuple[float, ...]) -> None:
    """Place a part's cells on finer column edges: each box's column and span counted among
    them; positions no box covers become empty cells again."""
    boxed = [c for c in table.cells if c.bbox is not None]
    covered: set[tuple[int, int]] = set()
    for cell in boxed:
        x0, _, x1, _ = cell.bbox
        cell.col = min(range(len(columns)), key=lambda i: abs(columns[i] - x0))
        cell.colspan = sum(1 for x in columns if x0 - _EDGE <= x < x1 - _EDGE) or 1
        rows, cols = range(cell.row, cell.last_row + 1), range(cell.col, cell.last_col + 1)
        covered.update((r, k) for r in rows for k in cols)
    empty = [
        Cell(row=r, col=k, page=table.page)
        for r in range(table.n_rows)
        for k in range(len(columns))
        if (r, k) not in covered
    ]
    table.cells = sorted(boxed + empty, key=lambda c: (c.row, c.col))
    table.n_cols = len(columns)


def _drop_repeated_header(table: Table, head: list[str]) -> None:
    n = 0
    while n < min(len(head), table.n_rows - 1) and row_text(table, n) == head[n]:
        n += 1
    if n:
        table.cells = [c for c in table.cells if c.row >= n]
        for c in table.cells:
            c.row -= n
        table.n_rows -= n


def _append(before: Table, block: TableBlock) -> None:
    """The continued part's rows appended to the grid it continues; an empty cell at the top
    of a column under a merged (or merged-looking) cell at the bottom of the part above takes
    its place, as the part of that merged cell on this page."""
    shift = before.n_rows
    bottom = {c.col: c for c in before.cells if c.last_row == shift - 1}
    _join_broken_row(bottom, block.table)
    kept = []
    for cell in block.table.cells:
        up = bottom.get(cell.col)
        if cell.row == 0 and _under(cell, up):
            if cell.rowspan > 1 or up.rowspan > 1:
                up.rowspan += cell.rowspan
                continue
        cell.row += shift
        kept.append(cell)
    before.cells += kept
    before.n_rows += block.table.n_rows
    block.rows = range(shift, before.n_rows)
    block.table = before


def _under(cell: Cell, up: Cell | None) -> bool:
    """An empty cell at the top of a part, under a filled cell of its width at the bottom of the
    part above: the page's part of that cell."""
    return not cell.text and up is not None and bool(up.text) and up.colspan == cell.colspan


def _join_broken_row(bottom: dict[int, Cell], part: Table) -> None:
    """A row the page break cut ('学生受资助人' / '数'): the first row of the part below holds the
    rest of a few of its cells and nothing else. Its texts go on in the cells above, and the row
    goes (a merged cell over it keeps covering the rows below)."""
    first = [c for c in part.cells if c.row == 0]
    filled = [c for c in first if c.text]
    above = [c for c in bottom.values() if c.text]
    if not filled or len(filled) * _BROKEN_SHARE > len(above):
        return
    if any(bottom.get(c.col) is None or not bottom[c.col].text for c in filled):
        return
    for cell in filled:
        bottom[cell.col].text = _join(bottom[cell.col].text, cell.text)
    for cell in first:
        up = bottom.get(cell.col)
        if cell.rowspan > 1 and _under(cell, up):
            up.rowspan += cell.rowspan - 1  # a merged cell cut by the break goes on below
            cell.rowspan = 1
    part.cells = [c for c in part.cells if c.row > 0 or c.rowspan > 1]
    for cell in part.cells:
        if cell.row == 0:
            cell.rowspan -= 1
        else:
            cell.row -= 1
    part.n_rows -= 1


_BROKEN_SHARE = 3  # the rest of a cut row fills at most a third of the cells the row shows above


def row_text(table: Table, row: int) -> str:
    return "\t".join(c.text for c in table.cells if c.row == row)


# --------------------------------------------------------------------------- assembling the text


@dataclass(frozen=True, slots=True)
class Column:
    """The text column: left edge, right edge (where the longest lines end), the right edge
    mirrored from the left margin on the page, and whether paragraphs open with an indent."""

    left: float
    right: float
    mirror: float = 0.0
    indented: bool = False


def assemble(pages: list[Page], placed: list[tuple[int, int, Line]] | None = None) -> tuple[str, list[int]]:
    """The document text and where each page starts; paragraphs rebuilt from the layout.
    ``placed``, if given, receives (offset in the text, 1-based page, line) for every text line."""
    left, right = _margins(pages)
    indented = _indents_paragraphs(pages, left, right)
    parts: list[str] = []
    length, starts = 0, []
    prev: Block | None = None
    column = Column(left, right)  # of the page that holds prev
    for number, page in enumerate(pages, start=1):
        start = None
        here = Column(left, right, page.width - left if page.width else 0.0, indented)
        for block in page.blocks:
            line = block.text if isinstance(block, Line) else ""
            glue = _glue(prev, block, start is None, column, parts[-1] if parts else "", line)
            if start is None:
                start = length + len(glue)
            if placed is not None and isinstance(block, Line):
                placed.append((length + len(glue), number, block))
            text = line if isinstance(block, Line) else _table_text(block, length + len(glue))
            parts += [glue, text]
            length += len(glue) + len(text)
            prev, column = block, here
        starts.append(length if start is None else start)
    return "".join(parts) + "\n", starts


def _table_text(block: TableBlock, offset: int) -> str:
    """The rows of the grid this block shows, in their place in the text (no final newline)."""
    text = render(block.table, offset, block.rows).removesuffix("\n")
    block.table.end = offset + len(text)
    return text


def _glue(prev: Block | None, block: Block, new_page: bool, column: Column, a: str, b: str) -> str:
    if prev is None:
        return ""
    if isinstance(prev, Line) and isinstance(block, Line) and continues(prev, block, new_page, column):
        return " " if _LATIN_END.search(a) and _LATIN_START.match(b) else ""
    return "\n"


def continues(a: Line, b: Line, new_page: bool, column: Column) -> bool:
    """Whether line b continues the paragraph of line a (a wrapped line, not a new paragraph):
    a fills the column (b's first word would not have fitted after it), b starts at the
    left edge (or both are centred, as a wrapped title), at the same size and normal
    leading. Where paragraphs open with an indent, a line at the left edge goes on the
    paragraph even when it reads like a heading ('5.', '附件')."""
    left, right = column.left, column.right
    if a.x1 < right - FULL_LINE * a.size or abs(a.size - b.size) > 0.5:
        return False
    if column.mirror and a.x1 + b.lead < column.mirror - FIT * a.size:
        return False
    middle = (left + right) / 2
    centred = abs((a.x0 + a.x1) / 2 - middle) <= a.size and abs((b.x0 + b.x1) / 2 - middle) <= b.size
    flush = abs(b.x0 - left) <= INDENT * b.size
    if not flush and not centred:
        return False
    if not new_page and not (0 < b.top - a.top <= LEADING * a.size):
        return False
    if column.indented and flush:
        return True
    return not (a.text[-1] in SENTENCE_END and any(p.match(b.text) for p in PARAGRAPH_STARTS))


def _indents_paragraphs(pages: list[Page], left: float, right: float) -> bool:
    """Whether paragraphs open with an indent: of the lines that follow a line ending short
    of the column (so start a paragraph), more than twice as many stand one to four
    characters in from the left edge as at it."""
    indented = flush = 0
    for page in pages:
        lines = [b for b in page.blocks if isinstance(b, Line)]
        for a, b in zip(lines, lines[1:], strict=False):
            if a.x1 >= right - FULL_LINE * a.size or abs(a.size - b.size) > 0.5:
                continue
            offset = (b.x0 - left) / b.size
            indented += INDENTED[0] <= offset <= INDENTED[1]
            flush += abs(offset) <= INDENT
    return indented > 2 * flush


def _margins(pages: list[Page]) -> tuple[float, float]:
    """The text column's edges: the leftmost line start shared by a tenth of the lines
    (first-line indents and centred titles start further right), and the right edge
    of the lines starting there."""
    lines = [b for p in pages for b in p.blocks if isinstance(b, Line)]
    if not lines:
        return 0.0, 0.0
    counts = Counter(round(ln.x0) for ln in lines)
    left = min((x for x, n in counts.items() if n >= max(2, len(lines) / 10)), default=min(counts))
    flush = [ln.x1 for ln in lines if abs(ln.x0 - left) <= INDENT * ln.size] or [ln.x1 for ln in lines]
    return float(left), max(flush)
