"""PDF tables drawn without ruling lines (无框线表格), or with horizontal rules only (三线表), as grids.

A Word table without borders exported to PDF, or a web page printed to PDF, draws no cell
edges for pdfplumber to find: its text comes out line by line, a row's cells side by side
on one line and a cell's wrapped lines on the lines below. Like pdfplumber's "text"
strategies, but conservatively, a page's text lines are read as a table where

- a run of lines leaves the same white gaps between its words: every line's pieces (the
  runs of characters between gaps wider than ``segment_gap`` font sizes) fall between the
  same gaps, so the union of the pieces across the run forms column bands, and no line
  bridges two bands (the gaps run through every line of the block);
- in each column band, a piece within the block's line pitch of the piece above goes on the
  same cell (a wrapped cell); a clear step more than the pitch (the cell padding), or a
  horizontal rule between them, starts a new cell; anything in between is not certainly a
  table, and the lines stay text;
- the cells' tops, across columns, give the rows;
- the grid has at least ``min_cols`` columns and ``min_rows`` rows of ``min_cols`` cells.

A cell whose text runs down past the next row's top covers that row (a merged cell), and so
does a leading label cell over the empty cells under it (产出指标 over the rows of its
二级指标): a gap in a row's leading columns, left of its first filled cell, lies under the
label above. An empty cell right of a filled one is a blank, never covered.

The grid is the same ``TableBlock``/``Table`` the ruled path builds (source ``pdf-layout``),
so the template mapper reads it unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from statistics import median

from extractor.grid import Cell, Table, build_table
from extractor.read.pdf_cuts import apart, cut, cuts, row_key, under_headers
from extractor.read.pdf_lines import cell_text
from extractor.read.pdf_model import Block, Char, Line, TableBlock


@dataclass(frozen=True, slots=True)
class UnruledSettings:
    """Tolerances for tables without ruling lines, in font sizes unless said otherwise."""

    segment_gap: float = 0.75  # a white gap this wide between characters separates two cells
    line_gap: float = 2.0  # white space between two lines of one table at most this high
    max_pitch: float = 1.6  # a cell's wrapped lines stand at most this far apart, top to top
    same_cell: float = 0.15  # a line this much beyond the pitch below the one above goes on its cell
    padding: float = 0.4  # a line this much beyond the pitch below the one above starts a new cell
    overlap: float = 0.2  # two lines of a column overlapping in height more than this are no cell's
    single_row: float = 0.5  # tops this close are one row when no cell wraps (no pitch to go by)
    sheet: bool = False  # a spreadsheet's print (pdf_cuts: column edges, figures, centred rows)
    spans: bool = False  # bands between left edges, a piece past the next edge spanning (pdf_spans)
    min_cols: int = 3
    min_rows: int = 3  # rows that fill at least min_cols cells


UNRULED = UnruledSettings()
SHEET = UnruledSettings(sheet=True, same_cell=0.1, padding=0.1)  # a sheet's rows: no padding


@dataclass(slots=True)
class Piece:
    """The characters of one line standing in one column band."""

    chars: list[Char]
    x0: float
    x1: float
    top: float
    bottom: float
    span: int = 1  # the bands it covers (pdf_spans), its own and those right of it


@dataclass(slots=True)
class Fragment:
    """A cell's text in one column: its pieces, top to bottom."""

    col: int
    pieces: list[Piece] = field(default_factory=list)

    @property
    def span(self) -> int:
        return max(p.span for p in self.pieces)

    @property
    def top(self) -> float:
        return self.pieces[0].top

    @property
    def last_top(self) -> float:
        return self.pieces[-1].top


Bands = list[list[float]]  # [x0, x1] of each column band, left to right


# --------------------------------------------------------------------------- entry point


def unruled_blocks(
    lines: Iterable[Line],
    page: int,
    rules: Callable[[], list[float]],
    settings: UnruledSettings = UNRULED,
    above: Block | None = None,
) -> list[Block]:
    """The page's lines with the runs that are unruled tables replaced by their grids.
    ``rules`` gives the heights of the page's horizontal rules (asked only for a candidate);
    ``above`` is the previous page's last block (a table this page may go on with)."""
    lines = list(lines)
    pieces = [segments(line, settings) for line in lines]
    edges = cuts(pieces) if settings.sheet else None  # column edges many lines agree on (pdf_cuts)
    if edges is not None:
        pieces = [cut(line, edges) for line in pieces]
    packed = packed_pieces(lines)
    rules = cache(rules)
    out: list[Block] = []
    i = 0
    while i < len(lines):
        found = continued(lines, pieces, page, rules, above, settings) if i == 0 else None
        found = found or packed_table(lines, packed, i, page, rules)
        if found is None and len(pieces[i]) >= 2:
            end = extend(lines, pieces, i, settings, edges)
            found = table_from(lines[i:end], pieces[i:end], page, rules, settings, edges)
        found = _longer(found, spanned_table(lines, packed, i, page, rules))
        if found is not None:
            out.append(found[0])
            i += found[1]
            continue
        out.append(lines[i])
        i += 1
    return out


Found = tuple[TableBlock, int] | None


def _longer(found: Found, spanned: Found) -> Found:
    """The grid taking more lines, the one with cells spanning columns when they take as many
    (the bands of the other hold a spanning cell's columns as one)."""
    return spanned if spanned is not None and (found is None or spanned[1] >= found[1]) else found


def spanned_table(
    lines: list[Line], packed: list[list[list[Char]]], start: int, page: int, rules: Callable[[], list[float]]
) -> Found:
    """The grid of left-aligned columns with cells spanning several (pdf_spans), from ``start``."""
    from extractor.read.pdf_spans import spanned_table as read

    return read(lines, packed, start, page, rules)


def continued(
    lines: list[Line],
    pieces: list[list[list[Char]]],
    page: int,
    rules: Callable[[], list[float]],
    above: Block | None,
    settings: UnruledSettings,
) -> tuple[TableBlock, int] | None:
    """The rows opening the page of the layout grid that closed the previous page, fewer than a
    grid of its own needs (``min_rows``): a run whose column bands each overlap one of that
    grid's, in order."""
    if not isinstance(above, TableBlock) or above.table.source != "pdf-layout" or len(pieces[0]) < 2:
        return None
    few = replace(settings, min_rows=1)
    found = table_from(lines[: extend(lines, pieces, 0, few)], pieces, page, rules, few)
    return found if found is not None and band_mapping(above, found[0], outside=True) is not None else None


def packed_pieces(lines: list[Line]) -> list[list[list[Char]]]:
    """Each line cut at the left edges of tightly packed, left-aligned columns (pdf_aligned)."""
    from extractor.read.pdf_aligned import packed_segments

    return packed_segments(lines)


def packed_table(
    lines: list[Line], packed: list[list[list[Char]]], start: int, page: int, rules: Callable[[], list[float]]
) -> tuple[TableBlock, int] | None:
    """The grid of left-aligned columns packed tightly from line ``start`` and the lines it takes:
    a run of lines whose every piece starts at a shared edge, its bands parted by any white."""
    from extractor.read.pdf_aligned import PACKED, top_aligned

    if len(packed[start]) < 2:
        return None
    cap = next((j for j in range(start, len(lines)) if not packed[j]), len(lines))
    end = extend(lines[:cap], packed[:cap], start, PACKED)
    found = table_from(lines[start:end], packed[start:end], page, rules, PACKED)
    return found if found is not None and top_aligned(found[0]) else None


def segments(line: Line, settings: UnruledSettings = UNRULED) -> list[list[Char]]:
    """The line's characters cut at white gaps wider than ``segment_gap`` font sizes."""
    ink: list[Char] = []
    for ch in line.glyphs:
        if ch is not None and ch.text.strip() and (not ink or ink[-1] is not ch):
            ink.append(ch)
    out: list[list[Char]] = []
    for ch in ink:
        if out and ch.x0 - out[-1][-1].x1 <= settings.segment_gap * max(ch.size, out[-1][-1].size):
            out[-1].append(ch)
        else:
            out.append([ch])
    return out


def extend(
    lines: list[Line],
    pieces: list[list[list[Char]]],
    start: int,
    settings: UnruledSettings,
    edges: list[float] | None = None,
) -> int:
    """One past the last line of the run from ``start`` whose pieces keep the column bands apart.
    On a sheet (``edges``) a piece running over a column's header band and its band of figures
    (a 社会效益指标 as wide as its column) keeps them apart once they are one (``under_headers``)."""
    bands: Bands = []
    end = start
    while end < len(lines):
        if end > start and not _close(lines[end - 1], lines[end], settings):
            break
        gap = settings.segment_gap * lines[end].size
        grown = add_pieces(bands, pieces[end], gap, edges)
        if grown is None and edges is not None:
            grown = add_pieces(under_headers(bands, pieces[start:end]), pieces[end], gap, edges)
        if grown is None and edges is not None:
            grown = add_pieces(bands, narrow(bands, pieces[end], gap, edges), gap, edges)
        if grown is None:
            break
        bands, end = grown, end + 1
    return end


def _close(a: Line, b: Line, settings: UnruledSettings) -> bool:
    return b.top - a.bottom <= settings.line_gap * max(a.size, b.size)


def add_pieces(
    bands: Bands, segs: list[list[Char]], gap: float, edges: Sequence[float] | None = None
) -> Bands | None:
    """The bands with a line's pieces added, or None when a piece would join two bands (one
    within ``gap`` of a band joins it). On a sheet (``edges``, ``pdf_cuts``) a piece joins the
    band it overlaps, and one overlapping none a band within ``gap`` unless they stand apart (a
    cell filled to its column's edge is closer than ``gap`` to the next column's text)."""
    out = [list(b) for b in bands]
    for seg in segs:
        x0, x1 = seg[0].x0, seg[-1].x1
        hit = [k for k, (a, b) in enumerate(out) if x0 < b and x1 > a] if edges is not None else []
        if edges is None:
            hit = [k for k, (a, b) in enumerate(out) if x0 < b + gap and x1 > a - gap]
        elif not hit:
            hit = [
                k
                for k, (a, b) in enumerate(out)
                if x0 < b + gap and x1 > a - gap and not apart(seg, a, b, edges)
            ]
        if len(hit) > 1:
            return None
        if hit:
            band = out[hit[0]]
            band[0], band[1] = min(band[0], x0), max(band[1], x1)
        else:
            out.append([x0, x1])
            out.sort()
    return out


def narrow(bands: Bands, segs: list[list[Char]], gap: float, edges: Sequence[float]) -> list[list[Char]]:
    """On a sheet, a row's pieces but those that alone would join two bands and start at a column
    edge (a merged cell over several columns: ``spanning``), when the line holds another piece."""
    if len(segs) < 2:
        return segs
    return [s for s in segs if not (_at_edge(s, edges) and add_pieces(bands, [s], gap, edges) is None)]


def _at_edge(seg: list[Char], edges: Sequence[float]) -> bool:
    return any(abs(seg[0].x0 - e) <= 0.5 for e in edges)


def spanning(segs: list[list[list[Char]]], edges: Sequence[float]) -> set[int]:
    """On a sheet, the pieces (ids) set over several columns (a merged cell): starting at a
    column edge and over two pieces of one other line."""
    out: set[int] = set()
    for n, line in enumerate(segs):
        for seg in line:
            x0, x1 = seg[0].x0, seg[-1].x1
            if not _at_edge(seg, edges):
                continue
            under = (
                sum(1 for q in other if q[0].x0 < x1 and q[-1].x1 > x0)
                for m, other in enumerate(segs)
                if m != n
            )
            if any(k >= 2 for k in under):
                out.add(id(seg))
    return out


# --------------------------------------------------------------------------- the grid


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
    return max(k for k, t in enumerate(rows) if t <= top + 0.01)


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


# --------------------------------------------------------------------------- tables across pages


def shared_bands(above: TableBlock, below: TableBlock) -> tuple[float, ...] | None:
    """The columns of ``above`` when ``below`` (opening the next page) is drawn on them: each of
    its column bands overlaps one of above's, in order (text centred in a column stands at
    other edges on each page). ``below``'s cells are then placed on above's columns."""
    upper, mapping = _bands_of(above), band_mapping(above, below)
    if upper is None or mapping is None:
        return None
    table = below.table
    for cell in table.cells:
        cell.col = mapping[cell.col]
        if cell.bbox is not None:
            cell.bbox = (upper[cell.col][0], cell.bbox[1], upper[cell.col][1], cell.bbox[3])
    taken = {(c.row, k) for c in table.cells for k in range(c.col, c.last_col + 1)}
    missing = [(r, k) for r in range(table.n_rows) for k in range(len(upper)) if (r, k) not in taken]
    table.cells += [Cell(row=r, col=k, page=table.page) for r, k in missing]
    table.cells.sort(key=lambda c: (c.row, c.col))
    table.n_cols = len(upper)
    below.columns = above.columns
    return above.columns


def band_mapping(above: TableBlock, below: TableBlock, outside: bool = False) -> list[int] | None:
    """For each column band of ``below``, the one band of ``above`` it overlaps (in order), or None.
    With ``outside``, bands of ``below`` left of all of above's are let be (a column the part
    above left empty, drawn on the page before it: ``join_continued_tables`` places them)."""
    upper, lower = _bands_of(above), _bands_of(below)
    if upper is None or lower is None:
        return None
    mapping: list[int] = []
    if outside:
        lower = [band for band in lower if band[1] > upper[0][0]]
    for x0, x1 in lower:
        hit = [k for k, (a, b) in enumerate(upper) if x0 < b and x1 > a]
        if len(hit) != 1 or (mapping and hit[0] <= mapping[-1]):
            return None
        mapping.append(hit[0])
    return mapping


def _bands_of(block: TableBlock) -> list[tuple[float, float]] | None:
    """A layout grid's column bands, from its cells' boxes (a cell's box spans its band)."""
    bands: dict[int, tuple[float, float]] = {}
    for cell in block.table.cells:
        if cell.bbox is not None and cell.colspan == 1:
            bands.setdefault(cell.col, (cell.bbox[0], cell.bbox[2]))
    if sorted(bands) != list(range(block.table.n_cols)):
        return None
    return [bands[k] for k in range(block.table.n_cols)]
