"""What a PDF page is read into: ``Char`` (a character and its box), ``Line`` (a line of text
outside tables), ``TableBlock`` (a ruled or unruled table's grid on a page), ``Page``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from extractor.grid import Table

if TYPE_CHECKING:
    from extractor.read.pdf_across import Strip


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
    foot: TableBlock | None = None  # a ruled row of one line, its lowest: a table's header the break cut off
