"""Ruled tables read by pdfplumber: one entry point, ``table_page_blocks(page, hidden, narrow)``
(``Plumber`` opens pdfplumber only for the pages that draw enough rules).

``find_tables`` (settings: ``TABLE_SETTINGS``) gives the cell boxes; ``grid`` makes each table a
``grid.Table`` (a box's row and column from the distinct tops and left edges, its spans from how
many it covers, its bbox kept); text written where no box is drawn is read by ``pdf_loose``.
"""

from __future__ import annotations

import io
import logging
from bisect import bisect_left, bisect_right
from typing import Any

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


class Plumber:
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
    _lean(page)
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


def _lean(page) -> None:
    """The page's objects read as ``pdf_plumbed.lean_objects`` reads them (only the keys used here),
    unless pdfplumber has read them already or normalizes the characters' Unicode."""
    from extractor.read.pdf_plumbed import lean_objects

    if not hasattr(page, "_objects") and page.pdf.unicode_norm is None:
        page._objects = lean_objects(page)


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
