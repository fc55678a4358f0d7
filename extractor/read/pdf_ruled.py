"""Ruled tables found by pdfplumber's table finder: one entry point, ``table_page_blocks(edges,
chars, size, page, narrow)``, for the pages that draw enough rules.

The finder reads the page's edges, made from the path objects pdfium has read (``pdf_edges``: the
edges pdfplumber would make from pdfminer's parse of the page, which is not run), and its box
(``Ruling``); ``TableFinder`` (settings: ``TABLE_SETTINGS``) gives the cell boxes; ``grid`` makes each table a
``grid.Table`` (a box's row and column from the distinct tops and left edges, its spans from how
many it covers, its bbox kept); text written where no box is drawn is read by ``pdf_loose``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from pdfplumber.container import Container

from extractor.grid import Cell, build_table
from extractor.read.pdf_lines import build_lines, cell_text
from extractor.read.pdf_model import Block, Box, Char, TableBlock

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


class Ruling(Container):
    """A page as pdfplumber's ``TableFinder`` reads it with the lines strategies: its edges
    (``pdf_edges.path_edges``) and its box; nothing of pdfminer's."""

    objects: dict = {}  # noqa: RUF012 - the container's objects: none (its edges are given)

    def __init__(self, edges: list[dict], width: float, height: float) -> None:
        self._edges, self.bbox = edges, (0, 0, width, height)


def table_page_blocks(
    edges: list[dict],
    chars: list[Char],
    size: tuple[float, float],
    page: int,
    narrow: list[Box] | None = None,
    rows: list[list[Box]] | None = None,
) -> list[Block] | None:
    """The page's text lines and ruled tables, or None when it holds none. The tables are found from
    the drawn lines alone (``TABLE_SETTINGS``); ``chars``: pdfium's, deduplicated, without those
    clipped away; ``narrow``, if given, receives the cell boxes of tables one column wide (a strip
    of a sheet: ``pdf_across``); ``rows``, the cell boxes of ruled rows of one line (read as text: a
    boxed paragraph, or a table's header the page break cut off, ``pdf_continued``)."""
    from pdfplumber.table import TableFinder, TableSettings

    ruling = Ruling(edges, *size)
    found = []
    for t in TableFinder(ruling, TableSettings.resolve(_settings(ruling.edges, chars))).tables:
        if len(t.rows) < MIN_TABLE_ROWS:
            if rows is not None and len(t.cells) >= MIN_TABLE_COLS:
                rows.append(t.cells)
            continue
        if len({c[0] for c in t.cells}) >= MIN_TABLE_COLS:
            found.append(t)
        elif narrow is not None:
            narrow += t.cells
    if not found:
        return None
    from extractor.read.pdf_clip import spilled

    if spilled(chars):  # an illegible print: no cell certainly holds its own text
        return []
    areas = [t.bbox for t in found]  # (a property pdfplumber computes from all the cells each time)
    outside = [ch for ch in chars if not any(_inside(ch, area) for area in areas)]
    blocks: list[Block] = list(build_lines(outside))
    blocks += [grid(t.cells, chars, page) for t in found]
    return sorted(blocks, key=lambda b: b.top)


def _settings(edges: list[dict], chars: list[Char]) -> dict[str, object]:
    """``TABLE_SETTINGS``, with lines closing the cells a page break left open (``pdf_breaks``)."""
    from extractor.read.pdf_breaks import open_ends

    snap, shortest = float(TABLE_SETTINGS["snap_tolerance"]), float(TABLE_SETTINGS["edge_min_length"])
    ends = open_ends(edges, chars, snap, shortest)
    return {**TABLE_SETTINGS, "explicit_horizontal_lines": ends} if ends else TABLE_SETTINGS


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
