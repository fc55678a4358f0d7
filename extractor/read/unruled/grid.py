"""The grid of a run of lines whose pieces fall in column bands: cells, rows, merges."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from statistics import median

from extractor.grid import Cell, Table, build_table
from extractor.read.pdf_cuts import row_key, under_headers
from extractor.read.pdf_lines import cell_text
from extractor.read.pdf_model import Char, Line, TableBlock
from extractor.read.unruled.bands import add_pieces, spanning
from extractor.read.unruled.model import Bands, Fragment, Piece, UnruledSettings


def table_from(
    lines: list[Line],
    segs: list[list[list[Char]]],
    page: int,
    rules: Callable[[], list[float]],
    settings: UnruledSettings,
    edges: list[float] | None = None,
) -> tuple[TableBlock, int] | None:
    """The grid of the run's first lines and how many lines it takes, or None when the run is
    not certainly a table. Trailing rows of one cell (a note under the table) are left out."""
    size = median(line.size for line in lines)
    n = len(lines)
    while n >= settings.min_rows:
        bands = _bands(segs[:n], size, settings, edges)
        if len(bands) < settings.min_cols:
            return None
        frags = fragments(columns(segs[:n], bands, settings.spans), size, rules(), settings)
        if frags is None:
            return None
        at = row_key(frags, size) if settings.sheet else _top
        rows = row_tops(frags, size, rules(), settings, at)
        if rows is None:
            return None
        cells = place(frags, rows, bands, page, at)
        if cells is None:
            return None
        last = [c for c in cells if c.row == len(rows) - 1 and c.text]
        if len(last) < 2 and len(rows) > 1:
            n = _lines_above(lines[:n], min(f.top for f in frags if _row_of(rows, at(f)) == len(rows) - 1))
            continue
        if sum(1 for r in range(len(rows)) if _filled(cells, r) >= settings.min_cols) < settings.min_rows:
            return None
        table = build_table([cells], "pdf-layout", page=page)
        top, bottom = min(ln.top for ln in lines[:n]), max(ln.bottom for ln in lines[:n])
        return TableBlock(table, top, bottom, tuple(b[0] for b in bands), range(table.n_rows)), n
    return None


def _bands(
    segs: list[list[list[Char]]], size: float, settings: UnruledSettings, edges: list[float] | None
) -> Bands:
    """The run's column bands: the union of its pieces (a piece within ``segment_gap`` of a band
    joins it), or on columns with spanning cells the bands between left edges (pdf_spans)."""
    if settings.spans:
        from extractor.read.pdf_spans import edge_bands

        return edge_bands(segs)
    bands: Bands = []
    wide = spanning(segs, edges) if edges is not None else set()
    for seg in segs:
        line = [s for s in seg if id(s) not in wide] if wide else seg
        bands = add_pieces(bands, line, settings.segment_gap * size, edges) or bands
    return under_headers(bands, segs) if settings.sheet else bands


def _lines_above(lines: list[Line], top: float) -> int:
    return sum(1 for line in lines if line.top < top - 0.5)


def _filled(cells: list[Cell], row: int) -> int:
    return sum(1 for c in cells if c.row == row and c.text)


def columns(segs: list[list[list[Char]]], bands: Bands, spans: bool = False) -> list[list[Piece]]:
    """Each band's pieces, top to bottom: a line's characters standing in that band (with
    ``spans``, starting in it, and covering the bands whose left edge they pass: pdf_spans)."""
    from extractor.read.pdf_spans import band_at, covered

    out: list[list[Piece]] = [[] for _ in bands]
    for line in segs:
        by_band: dict[int, list[Char]] = {}
        for seg in line:
            k = band_at(bands, seg) if spans else _inside(bands, seg)
            if k is None:  # a sheet's piece over several bands (``spanning``): in the one it starts in
                k = band_at(bands, seg)
            by_band.setdefault(k, []).extend(seg)
        for k, chars in by_band.items():
            top, bottom = min(c.top for c in chars), max(c.bottom for c in chars)
            span = covered(bands, k, chars[-1].x1) if spans or chars[-1].x1 > bands[k][1] + 0.01 else 1
            out[k].append(Piece(chars, chars[0].x0, chars[-1].x1, top, bottom, span))
    return out


def _inside(bands: Bands, seg: list[Char]) -> int | None:
    x0, x1 = seg[0].x0, seg[-1].x1
    return next((k for k, (a, b) in enumerate(bands) if x0 >= a - 0.01 and x1 <= b + 0.01), None)


def pitch(cols: list[list[Piece]], size: float, settings: UnruledSettings) -> float | None:
    """The line pitch inside a cell: the smallest step from a piece to the next in a column,
    if it is a line's height (no cell wraps when every step is taller)."""
    steps = [b.top - a.top for col in cols for a, b in zip(col, col[1:], strict=False)]
    least = min(steps, default=None)
    return least if least is not None and least <= settings.max_pitch * size else None


def fragments(
    cols: list[list[Piece]], size: float, rules: list[float], settings: UnruledSettings
) -> list[Fragment] | None:
    """Each column's pieces grouped into cells: a piece at the pitch below the one above goes
    on its cell, one a padding further (or under a rule) starts a new cell. None when a step
    is neither (the layout does not tell the cells apart), or when two pieces of a column
    overlap in height (cells side by side too close to part, their lines interleaved)."""
    step = pitch(cols, size, settings)
    out: list[Fragment] = []
    for k, col in enumerate(cols):
        for piece in col:
            prev = out[-1].pieces[-1] if out and out[-1].col == k else None
            if prev is not None and piece.top < prev.bottom - settings.overlap * size:
                return None
            if prev is None or step is None or any(prev.bottom <= y <= piece.top for y in rules):
                out.append(Fragment(k, [piece]))
                continue
            d = piece.top - prev.top
            if d <= step + settings.same_cell * size:
                out[-1].pieces.append(piece)
            elif d >= step + settings.padding * size:
                out.append(Fragment(k, [piece]))
            else:
                return None
    return out


def _top(f: Fragment) -> float:
    return f.top


def row_tops(
    frags: list[Fragment],
    size: float,
    rules: list[float],
    settings: UnruledSettings,
    at: Callable[[Fragment], float] = _top,
) -> list[float] | None:
    """The rows' tops: the cells' tops, those within a line pitch of a row's first one and no
    rule between in it (a cell centred beside a taller one). None when two cells of a column
    fall in one row."""
    tops = sorted(at(f) for f in frags)
    tolerance = settings.single_row * size
    steps = [f.pieces[1].top - f.pieces[0].top for f in frags if len(f.pieces) > 1]
    if steps:
        tolerance = min(steps)
    rows: list[float] = []
    for top in tops:
        if not rows or top - rows[-1] > tolerance or any(rows[-1] < y < top for y in rules):
            rows.append(top)
    taken: set[tuple[int, int]] = set()
    for f in frags:
        key = (_row_of(rows, at(f)), f.col)
        if key in taken:
            return None
        taken.add(key)
    return rows


def _row_of(rows: list[float], top: float) -> int:
    """The last row starting at or above ``top`` (``rows``: the rows' tops, ascending)."""
    k = bisect_right(rows, top + 0.01) - 1
    if k < 0:
        raise ValueError(f"{top} stands above the first row")
    return k


def place(
    frags: list[Fragment],
    rows: list[float],
    bands: Bands,
    page: int,
    at: Callable[[Fragment], float] = _top,
) -> list[Cell] | None:
    """The grid's cells: each fragment at its row and column, spanning the rows its text runs
    into (and the bands it covers) and, in the leading columns, the empty positions under it;
    the other positions empty. None when a cell spanning bands covers another's position."""
    grid: dict[tuple[int, int], Cell] = {}
    for f in frags:
        row = _row_of(rows, at(f))
        rowspan = _row_of(rows, max(at(f), f.last_top)) - row + 1
        chars = [c for piece in f.pieces for c in piece.chars]
        top, bottom = f.top, max(p.bottom for p in f.pieces)
        last = f.col + f.span - 1
        box = (bands[f.col][0], top, bands[last][1], bottom)
        cell = Cell(
            row=row, col=f.col, rowspan=rowspan, colspan=f.span, text=cell_text(chars), page=page, bbox=box
        )
        at_cells = [(r, k) for r in range(row, row + rowspan) for k in range(f.col, last + 1)]
        if any(p in grid and (f.span > 1 or grid[p].colspan > 1) for p in at_cells):
            return None
        grid.update(dict.fromkeys(at_cells, cell))
    _cover_leading(grid, len(rows), len(bands))
    cells = {id(c): c for c in grid.values()}
    positions = ((r, k) for r in range(len(rows)) for k in range(len(bands)))
    empty = [Cell(row=r, col=k, page=page) for r, k in positions if (r, k) not in grid]
    return sorted([*cells.values(), *empty], key=lambda c: (c.row, c.col))


def cover_leading(table: Table) -> None:
    """``_cover_leading`` over a whole grid (a layout grid joined with the part the next page
    goes on with: its leading empty positions under the cells the page above closed with)."""
    grid = {p: c for c in table.cells if c.text for p in _positions(c)}
    _cover_leading(grid, table.n_rows, table.n_cols)
    filled = {id(c): c for c in grid.values()}
    empty = [c for c in table.cells if not c.text and not any(p in grid for p in _positions(c))]
    table.cells = sorted([*filled.values(), *empty], key=lambda c: (c.row, c.col))


def _positions(cell: Cell) -> list[tuple[int, int]]:
    return [(r, k) for r in range(cell.row, cell.last_row + 1) for k in range(cell.col, cell.last_col + 1)]


def _cover_leading(grid: dict[tuple[int, int], Cell], n_rows: int, n_cols: int) -> None:
    """An empty position left of a row's first cell of its own lies under the cell above it."""
    for r in range(1, n_rows):
        own = next((k for k in range(n_cols) if (c := grid.get((r, k))) is not None and c.row == r), n_cols)
        for k in range(own):
            above = grid.get((r - 1, k))
            if (r, k) not in grid and above is not None and above.last_col < own:
                above.rowspan += 1
                grid.update({(r, j): above for j in range(above.col, above.last_col + 1)})
