"""Tables without ruling lines whose cells span columns (跨列单元格): a web page printed by a
browser with every border taken away, its 项目名称 value or 年度总体目标 text set over several
columns of the indicator rows below.

read/unruled's column bands are the union of the pieces standing in them: a piece running over
two columns (裕安区文化和旅游局 over the 二级指标 and 三级指标 columns below) makes one band of
them, or bridges two and ends the run. In a print whose every cell is left-aligned, a column
is its left edge instead: where pieces of several lines start (``pdf_aligned.packed_segments``
cuts the lines there and keeps only lines whose every piece starts at such an edge). Here

- a run's bands start at the distinct left edges its pieces start at, each reaching as far as
  the pieces within it (``edge_bands``);
- a piece stands in the band it starts in and covers each band whose left edge its text passes
  (``covered``: a cell's text wraps inside its cell, so text past the next column's edge is a
  cell spanning it);
- the grid is built as read/unruled builds it, a cell spanning bands covering those positions
  (none already taken: else the run is not certainly a table), and taken only when some cell
  spans bands, every row's cells start at one height (``pdf_aligned.top_aligned``) and every
  column holds a cell of its own (``_columns_of_their_own``: an edge only spanning pieces start
  at is where labels of another length end, in a table flattened to text lines).
"""

from __future__ import annotations

from collections.abc import Callable

from extractor.read.pdf_model import Char, Line, TableBlock
from extractor.read.unruled.grid import table_from
from extractor.read.unruled.model import Bands, UnruledSettings

SPANNED = UnruledSettings(segment_gap=0.0, spans=True)
EDGE = 1.0  # points: left edges this close are one edge
PAST = 0.5  # points: text ending this far past a band's left edge covers that band


def edge_bands(segs: list[list[list[Char]]]) -> Bands:
    """The bands between the run's left edges: each from an edge to the right of the pieces
    starting there that pass no other edge (to the next edge when every such piece does)."""
    starts = _edges([seg[0].x0 for line in segs for seg in line])
    bands = [[x, x] for x in starts]
    for line in segs:
        for seg in line:
            k = _index(starts, seg[0].x0)
            if _passed(starts, k, seg[-1].x1) == 0:
                bands[k][1] = max(bands[k][1], seg[-1].x1)
    for k, band in enumerate(bands):
        if band[1] == band[0] and k + 1 < len(bands):
            band[1] = bands[k + 1][0] - EDGE
    return bands


def band_at(bands: Bands, seg: list[Char]) -> int:
    """The band the piece starts in."""
    return _index([b[0] for b in bands], seg[0].x0)


def covered(bands: Bands, k: int, x1: float) -> int:
    """How many bands a piece of band ``k`` ending at ``x1`` covers: its own and those whose left
    edge it passes."""
    return 1 + _passed([b[0] for b in bands], k, x1)


def _passed(starts: list[float], k: int, x1: float) -> int:
    return sum(1 for x in starts[k + 1 :] if x1 > x + PAST)


def _edges(xs: list[float]) -> list[float]:
    out: list[float] = []
    for x in sorted(xs):
        if not out or x - out[-1] > EDGE:
            out.append(x)
    return out


def _index(starts: list[float], x: float) -> int:
    return max(k for k, s in enumerate(starts) if s <= x + EDGE)


def spanned_table(
    lines: list[Line], packed: list[list[list[Char]]], start: int, page: int, rules: Callable[[], list[float]]
) -> tuple[TableBlock, int] | None:
    """The grid from line ``start`` of left-aligned columns some of whose cells span several, and
    the lines it takes: a run of lines close together whose every piece starts at a shared edge."""
    from extractor.read.pdf_aligned import top_aligned
    from extractor.read.unruled.bands import _close

    if len(packed[start]) < 2:
        return None
    end = start + 1
    while end < len(lines) and packed[end] and _close(lines[end - 1], lines[end], SPANNED):
        end += 1
    segs = packed[start:end]
    if not _spanning(segs):
        return None
    found = table_from(lines[start:end], segs, page, rules, SPANNED)
    if found is None or not top_aligned(found[0]) or not _columns_of_their_own(found[0]):
        return None
    return found if any(c.colspan > 1 for c in found[0].table.cells) else None


def _columns_of_their_own(block: TableBlock) -> bool:
    """Does every column hold a cell standing in it alone? A left edge that only pieces passing
    the next edge start at is no column's: where row labels of two lengths end in a table
    flattened to text lines (LibreOffice's export of a Word table), the edges stand less than a
    character apart and every figure starting at the first runs past the second."""
    own = {c.col for c in block.table.cells if c.text and c.colspan == 1}
    return len(own) == block.table.n_cols


def _spanning(segs: list[list[list[Char]]]) -> bool:
    """Does a piece of the run pass the left edge of a band of its own?"""
    starts = _edges([seg[0].x0 for line in segs for seg in line])
    return any(_passed(starts, _index(starts, seg[0].x0), seg[-1].x1) for line in segs for seg in line)
