"""Tables continued across pages: one entry point, ``join_continued_tables(pages)``. A table that
opens a page on the columns of the one that closed the previous page joins its grid, without its
repeated header rows, a merged cell cut by the page break going on over the rows below.
"""

from __future__ import annotations

import regex

from extractor.grid import Cell, Table, goes_on_below
from extractor.read.pdf_lines import join_text
from extractor.read.pdf_model import Block, Line, Page, TableBlock


def join_continued_tables(pages: list[Page]) -> None:
    """A table that opens a page, drawn on the columns of the table that closed the previous
    page, continues it: its repeated header rows are dropped, a merged cell cut by the page
    break goes on over the rows below, and its rows join that grid. The columns may be fewer
    on one part (the header's sub-columns are drawn on the first page only): both parts are
    then placed on all the column edges of the two."""
    head: list[str] = []
    last: Block | None = None
    above: Page | None = None
    for page in pages:
        if isinstance(last, TableBlock):
            _row_at_top(page, last)
        for k, block in enumerate(page.blocks):
            if isinstance(block, TableBlock):
                cut = None
                if k == 0 and above is not None and not isinstance(last, TableBlock):
                    cut = _cut_header(above, block)
                    last, head = (cut, [row_text(cut.table, 0)]) if cut else (last, head)
                joins = k == 0 or _split_below(last, block)
                columns = _shared_columns(last, block) if joins and isinstance(last, TableBlock) else None
                if columns is not None and isinstance(last, TableBlock):
                    for part in (last, block):
                        if part.columns != columns:
                            _regrid(part.table, columns)
                            part.columns = columns
                    _drop_repeated_header(block.table, head)
                    _append(last.table, block, header=cut is not None)
                    if block.table.source == "pdf-layout":
                        from extractor.read.unruled.grid import cover_leading

                        cover_leading(block.table)
                else:
                    head = [row_text(block.table, r) for r in range(min(3, block.table.n_rows))]
            last = block
        above = page


def _split_below(above: Block | None, below: TableBlock) -> bool:
    """A table right under another on the same page (no line between: an empty paragraph) that
    opens with an empty first cell under a filled one: the rest of a table Word split (拆分表格),
    its first columns the merged cells of the part above going on."""
    if not isinstance(above, TableBlock) or above.table.source != "pdf-ruling":
        return False
    return goes_on_below(above.table, below.table)


def _cut_header(page: Page, below: TableBlock) -> TableBlock | None:
    """The header row of a table the page break cut off from its body: the page's lowest ruled row
    of one line (``Page.foot``), read as the text lines that end the page, when the next page's table
    is drawn on its columns. Those lines give way to the row, as the top of that table."""
    foot = page.foot
    if foot is None or _shared_columns(foot, below) is None:
        return None
    n = _lines_in(foot, reversed(page.blocks))
    if not n:
        return None
    page.blocks[-n:] = [foot]
    return foot


def _row_at_top(page: Page, above: TableBlock) -> None:
    """A row of one line opening the page, alone in its ruled table (``Page.foot``: the break cut it
    off from both the part above and the part below, read as text lines), drawn on the columns of
    the table that closed the previous page: those lines give way to the row, that table's rest."""
    row = page.foot
    if row is None or _shared_columns(above, row) is None:
        return
    n = _lines_in(row, page.blocks)
    if n:
        page.blocks[:n] = [row]


def _lines_in(row: TableBlock, blocks) -> int:
    """How many of the blocks, in the order given, are text lines standing within the row's height."""
    n = 0
    for block in blocks:
        if not isinstance(block, Line) or not row.top <= (block.top + block.bottom) / 2 <= row.bottom:
            break
        n += 1
    return n


_EDGE = 2.0  # points: column edges this close are one edge


def _shared_columns(a: TableBlock, b: TableBlock) -> tuple[float, ...] | None:
    """The column edges of both parts when b is drawn on a's columns: the same outer edges, and
    the edges of one part all among the other's (grids read from the layout: ``shared_bands``)."""
    if a.table.source == b.table.source == "pdf-layout":
        from extractor.read.unruled.pages import shared_bands

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


def _append(before: Table, block: TableBlock, header: bool = False) -> None:
    """The continued part's rows appended to the grid it continues; an empty cell at the top
    of a column under a merged (or merged-looking) cell at the bottom of the part above takes
    its place, as the part of that merged cell on this page, and so do the empty cells opening
    the part's first row (the 一级 and 二级 cells merged over it) and one under a header row cut
    off from its table (``header``: its cells merged down, as 执行率 over 年初/全年)."""
    shift = before.n_rows
    bottom = {c.col: c for c in before.cells if c.last_row == shift - 1}
    _join_broken_row(bottom, block.table)
    leading = _leading_blanks(block.table)
    kept = []
    for cell in block.table.cells:
        up = bottom.get(cell.col)
        if cell.row == 0 and _under(cell, up):
            if cell.rowspan > 1 or up.rowspan > 1 or header or cell.col in leading:
                up.rowspan += cell.rowspan
                continue
        cell.row += shift
        kept.append(cell)
    before.cells += kept
    before.n_rows += block.table.n_rows
    block.rows = range(shift, before.n_rows)
    block.table = before


def _leading_blanks(table: Table) -> set[int]:
    """The columns of the empty cells the table's first row opens with."""
    out: set[int] = set()
    for cell in sorted((c for c in table.cells if c.row == 0), key=lambda c: c.col):
        if cell.text:
            break
        out.add(cell.col)
    return out


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
    if any(bottom.get(c.col) is None or not bottom[c.col].text for c in filled):
        return
    few = len(filled) * _BROKEN_SHARE <= len(above)
    if not filled or not (few or _figures_above(bottom, first) or _label_cut(bottom, filled)):
        return
    for cell in filled:
        bottom[cell.col].text = _joined(bottom[cell.col].text, cell.text)
    for cell in first:
        up = bottom.get(cell.col)
        moved = cell in filled and up is not None and up.colspan == cell.colspan  # its text went up
        if cell.rowspan > 1 and (moved or _under(cell, up)):
            up.rowspan += cell.rowspan - 1  # a merged cell cut by the break goes on below
            cell.rowspan = 1
    part.cells = [c for c in part.cells if c.row > 0 or c.rowspan > 1]
    for cell in part.cells:
        if cell.row == 0:
            cell.rowspan -= 1
        else:
            cell.row -= 1
    part.n_rows -= 1


# the rest of a cut row fills at most a third of the cells the row shows above, or none of the cells
# under its figures (its 分值 | 得分 stand above the break)
_BROKEN_SHARE = 3
_FIGURE = regex.compile(r"[\d.]+%?")
_FIGURE_PART = regex.compile(r"[\d.,]+")


def _label_cut(bottom: dict[int, Cell], filled: list[Cell]) -> bool:
    """Whether a label of the vocabulary is cut by the break: its halves above and below are no
    word of it, the two together are (年度资 / 金总额: 年度资金总额)."""
    from extractor.read.recover.vocabulary import role

    for cell in filled:
        top = bottom[cell.col].text
        if role(top) is None and role(cell.text) is None and role(top + cell.text) is not None:
            return True
    return False


def _joined(top: str, rest: str) -> str:
    """A cell's text going on after the break: a figure cut there (320.0 / 0) is one figure again."""
    if _FIGURE_PART.fullmatch(top) and _FIGURE_PART.fullmatch(rest.removesuffix("%")):
        return top + rest
    return join_text(top, rest)


def _figures_above(bottom: dict[int, Cell], first: list[Cell]) -> bool:
    """Whether the row above holds figures and the row below none under them: a new row would
    have its own (分值, 得分), the rest of a cut row has them all above the break."""
    figures = [col for col, cell in bottom.items() if _FIGURE.fullmatch(cell.text.strip())]
    below = {c.col: c for c in first}
    return bool(figures) and all(col in below and not below[col].text for col in figures)


def row_text(table: Table, row: int) -> str:
    return "\t".join(c.text for c in table.cells if c.row == row)
