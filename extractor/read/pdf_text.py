"""The document text assembled from the pages' lines and tables: one entry point,
``assemble(pages, placed)``. A line that fills the column (the next line's first word would not
have fitted after it) and is followed at normal leading by a line at the left edge continues into
it, so paragraphs, long table rows and numbers broken across lines and pages come out whole.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

import patterns
from extractor.grid import render
from extractor.read.pdf_lines import LATIN_END, LATIN_START
from extractor.read.pdf_model import Block, Line, Page, TableBlock

_P = patterns.load("pages")
SENTENCE_END = set(_P["sentence_end"])
PARAGRAPH_STARTS = [regex.compile(p) for p in _P["paragraph_starts"]]
FULL_LINE = 1.5  # a line ending this close to the right edge fills the column
INDENT = 0.3  # a line starting further than this from the left edge is indented
LEADING = 2.0  # next line's top within this distance: same paragraph
FIT = 0.25  # a line is full when the next line's first word would not have fitted on it
INDENTED = (1.0, 4.0)  # a paragraph indent, in font sizes from the left edge


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
    left, right = margins(pages)
    indented = indents_paragraphs(pages, left, right)
    parts: list[str] = []
    length, starts = 0, []
    prev: Block | None = None
    column = Column(left, right)  # of the page that holds prev
    for number, page in enumerate(pages, start=1):
        start = None
        here = Column(left, right, page.width - left if page.width else 0.0, indented)
        for block in page.blocks:
            line = block.text if isinstance(block, Line) else ""
            glue = glue_between(prev, block, start is None, column, parts[-1] if parts else "", line)
            if start is None:
                start = length + len(glue)
            if placed is not None and isinstance(block, Line):
                placed.append((length + len(glue), number, block))
            text = line if isinstance(block, Line) else table_text(block, length + len(glue))
            parts += [glue, text]
            length += len(glue) + len(text)
            prev, column = block, here
        starts.append(length if start is None else start)
    return "".join(parts) + "\n", starts


def table_text(block: TableBlock, offset: int) -> str:
    """The rows of the grid this block shows, in their place in the text (no final newline)."""
    text = render(block.table, offset, block.rows).removesuffix("\n")
    block.table.end = offset + len(text)
    return text


def glue_between(prev: Block | None, block: Block, new_page: bool, column: Column, a: str, b: str) -> str:
    if prev is None:
        return ""
    if isinstance(prev, Line) and isinstance(block, Line) and continues(prev, block, new_page, column):
        return " " if LATIN_END.search(a) and LATIN_START.match(b) else ""
    return "\n"


def continues(a: Line, b: Line, new_page: bool, column: Column) -> bool:
    """Whether line b continues the paragraph of line a (a wrapped line, not a new paragraph):
    a fills the column (b's first word would not have fitted after it), b starts at the
    left edge (or both are centred, as a wrapped title), at the same size and normal
    leading. Where paragraphs open with an indent, a line at the left edge goes on the
    paragraph even when it reads like a heading ('5.', '附件'). A line set flush right (starting
    in the column's right half) fills it but ends its paragraph."""
    left, right = column.left, column.right
    if a.x1 < right - FULL_LINE * a.size or abs(a.size - b.size) > 0.5:
        return False
    if a.x0 > (left + right) / 2:
        return False  # a line set flush right (the signature's date): it ends its paragraph
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


def indents_paragraphs(pages: list[Page], left: float, right: float) -> bool:
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


def margins(pages: list[Page]) -> tuple[float, float]:
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
