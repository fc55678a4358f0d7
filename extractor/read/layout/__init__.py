"""Tables of a text that keeps the page layout (poppler's ``pdftotext -layout``), recovered as grids.

One entry point, ``layout_tables(text)``, called by ``recover.recover_tables`` before its own
readings. In such a text a table row spreads over several physical lines: a cell wraps inside its
column (``基建工程委托业`` / ``务项目数量``), the row's short cells stand on one line between them
(cells centred in their row) or on its first line (cells at the top), columns stand at fixed
character positions (poppler's character grid), a level cell (``产出指标`` / ``（50分）``) spans many
rows, and blank lines come only sometimes. The grid is read as pdfplumber's text strategy reads a
page:

1. the header: a band of lines whose segments (text between gaps of two or more spaces), joined
   down each column, are column words of patterns/tables.toml, weight (分值) or score (得分) among them;
2. columns: the x-ranges of the header's segments and of the body's (a column gap is where no
   segment crosses); a line with a segment across two columns ends the table;
3. rows: a line with a figure (or a placeholder) under 分值 or 得分 anchors a row; the other lines
   go to the anchor above (cells at the top) or, cells centred, so that each row has as many lines
   above its anchor as below; a blank line always parts two rows;
4. the columns left of the row labels hold cells spanning rows: their pieces, joined while they make
   a word, span the rows they stand by (centred: the rows around them; the weight of
   ``产出指标（50分）`` is the sum of its rows' weights where that decides).

Poppler's grid sometimes leaves one space between two columns (``全年执 分值`` over ``215,4 10 86.19
8.62``): a header group is cut at single spaces where each part is a column word of its own, a
body segment of figures across as many columns as it has figures gives one to each (the columns
widened over them), and a line ending the block (总分 100 96.5 优) takes the columns from 分值 on
in order. A header cell going on in the body's lines (项目资 / 金 / （元）) is one cell.

A header over two rows (绩效指标 over 一级 / 二级 / 三级指标, 年度指标值 over 指标性质 / 指标值) takes
the columns of its second row, the words over them spanning them; of the bands that can start on a
header's lines, the one with the most column words is the header (a goal row just above it is
not). Rows going on over a page break in the next page's own grid (``continued.py``) are moved into
the header's columns where that page's columns are the header's, in order.

A row that cannot be placed for sure (a segment across columns, two segments in one column, an
unbalanced centred row) is left out, and so is a spanning cell whose rows are not sure.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from extractor.grid import Cell, Table
from extractor.read.layout.body import Body, read_body
from extractor.read.layout.continued import continued
from extractor.read.layout.keys import key_tables
from extractor.read.layout.lines import (
    BUDGET_ROLES,
    GAP,
    Column,
    Header,
    Seg,
    header_at,
    join_parts,
    line_segments,
    make_cell,
    starts_of_lines,
)
from extractor.read.layout.rows import (
    LEVEL_ROLES,
    end_labels,
    end_row,
    header_down,
    lone_group,
    placed_rows,
    spanning,
)
from extractor.read.recover.vocabulary import FIGURE


def layout_tables(text: str) -> list[Table]:
    """The layout tables of `text`, as grids whose cells' start/end are offsets in `text`: the
    self-evaluation tables (under a header band) and the form's wrapped key cells (项目名 / 称)."""
    if not GAP.search(text):
        return []  # no line is cut by a gap: no header band, and key cells are read only with a table
    lines = line_segments(text)
    line_starts = starts_of_lines(text)
    pages = {n for n, raw in enumerate(text.split("\n")) if raw.startswith("\f")}
    tables: list[Table] = []
    firsts: set[int] = set()  # the first line of each table's header
    cut = False
    i = 0
    while i < len(lines):
        header = header_at(lines, i)
        if header is None:
            i += 1
            continue
        body = read_body(lines, header)
        moved = continued(lines, header, body.end, pages)
        if moved is not None:
            body = read_body(moved, header)  # the rows going on in the next page's grid
        table, whole = _grid(text, header, body, line_starts)
        if table is not None:
            if cut and header.kind == "indicator":
                table = _header_only(table)
            tables.append(table)
            firsts.add(header.first)
            cut = cut or (header.kind == "indicator" and not whole)
        i = max(body.end, header.end)
    if not tables:
        return []
    taken = [(t.start, t.end) for t in tables]
    keys = [
        t
        for t in key_tables(text, lines, line_starts, firsts)
        if not any(a < t.end and t.start < b for a, b in taken)
    ]
    return sorted([*tables, *keys], key=lambda t: t.start)


def _header_only(table: Table) -> Table:
    """An indicator table after one cut short keeps its header only (its rows' numbers are not
    sure) and still claims its lines."""
    cells = [c.model_copy(update={"rowspan": 1}) for c in table.cells if c.row == 0]
    return table.model_copy(update={"cells": cells, "n_rows": 1})


def _grid(text: str, header: Header, body: Body, line_starts: list[int]) -> tuple[Table | None, bool]:
    """The table under `header`, and whether it holds every row anchored (else it stops before
    the first row not placed for sure)."""
    columns = body.columns
    label = _label_column(columns, header.kind)
    placed = placed_rows(body, label)
    if placed is None:
        return None, False
    rows, centred = placed
    anchors = rows.anchors
    kept = list(range(rows.sure.index(False) if False in rows.sure else len(anchors)))
    if not kept:
        return None, False
    number = {r: n + 1 for n, r in enumerate(kept)}
    values = {(r, k): _in_band(body, rows.bands[r], k) for r in kept for k in range(label, len(columns))}
    weight_col = next((k for k, c in enumerate(columns) if c.role == "col:weight"), None)
    weights = [_weight(values.get((r, weight_col), [])) for r in range(len(anchors))]
    cells = [make_cell(0, k, col.header, 1) if col.header else _empty(0, k) for k, col in enumerate(columns)]
    cells += [
        make_cell(number[r], k, segs, 1) if segs else _empty(number[r], k) for (r, k), segs in values.items()
    ]
    for k in range(label):
        taken: set[int] = set()
        levels = header.kind == "budget" or columns[k].role in LEVEL_ROLES
        spans = spanning(body, k, rows, centred, weights) if levels else end_labels(body, k, rows)
        down = header_down(body, k, rows) if header.kind == "budget" and len(kept) == len(anchors) else None
        if down:
            cells = [c for c in cells if (c.row, c.col) != (0, k)]
            cells.append(make_cell(0, k, down, len(kept) + 1))  # from the header row down
            continue
        lone = lone_group(body, k, rows) if header.kind == "budget" and len(spans) <= 1 else []
        if lone and not columns[k].header and len(kept) == len(anchors):
            cells = [c for c in cells if (c.row, c.col) != (0, k)]
            cells.append(make_cell(0, k, lone[0].segs, len(kept) + 1))  # from the header row down
            continue
        for span in lone or spans:
            span_rows = range(span.first_row, min(span.last_row, kept[-1]) + 1)  # a cut table: to its end
            if span.first_row in number and not taken.intersection(span_rows):
                taken.update(span_rows)
                cells.append(make_cell(number[span.first_row], k, span.segs, len(span_rows)))
        cells += [_empty(number[r], k) for r in kept if r not in taken]
    for cell in cells:
        if cell.start < 0:
            cell.start = cell.end = line_starts[anchors[kept[cell.row - 1]] if cell.row else header.first]
        cell.page = text.count("\f", 0, cell.start) + 1
    cells.sort(key=lambda c: (c.row, c.col))
    start = line_starts[header.first]
    last = body.end
    whole = len(kept) == len(anchors)
    if whole:
        last = rows.bands[-1][1] + 1  # lines after the last row (a 总分 row not anchored): left to the others
    if not whole and end_row(body, rows.bands[len(kept)]):
        whole, last = True, rows.bands[len(kept)][0]  # the 总分 row not placed: left to the other readings
    end = line_starts[last] - 1 if last < len(line_starts) else len(text)
    return Table(
        cells=cells,
        n_rows=len(kept) + 1,
        n_cols=len(columns),
        page=cells[0].page,
        source="text-layout",
        start=start,
        end=end,
    ), whole


def _in_band(body: Body, band: tuple[int, int], k: int) -> list[Seg]:
    return [body.cells[j][k] for j in range(band[0], band[1] + 1) if k in body.cells.get(j, {})]


def _empty(row: int, col: int) -> Cell:
    return Cell(row=row, col=col, text="")


def _label_column(columns: list[Column], kind: str) -> int:
    """The column of the row labels (三级指标; a budget's 年度资金总额): the columns before it span rows."""
    if kind == "indicator":
        return next((k for k, c in enumerate(columns) if c.role == "col:name"), 0)
    first_value = next((k for k, c in enumerate(columns) if c.role in BUDGET_ROLES), 0)
    return max(first_value - 1, 0)


def _weight(segs: list[Seg]) -> Decimal | None:
    text = join_parts([s.text for s in segs]).removesuffix("分")
    try:
        return Decimal(text) if FIGURE.match(text) and "%" not in text else None
    except InvalidOperation:
        return None
