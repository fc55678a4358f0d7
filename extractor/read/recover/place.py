"""Rows placed in a grid: one entry point, ``grid_table(text, rows, line_starts, page_starts)``;
a row that starts after the columns of the cells above is covered by them (rowspan extended),
a short row's last cell spans to the last column.
"""

from __future__ import annotations

import bisect

from extractor.grid import Cell, Table
from extractor.read.recover.model import Row


def grid_table(text: str, rows: list[Row], line_starts: list[int], page_starts: list[int]) -> Table:
    n_cols = max(r.slots[-1][0] + r.slots[-1][1] if r.slots else (r.start or 0) + len(r.cells) for r in rows)
    n_cols = max(n_cols, max(len(r.cells) for r in rows))
    placed: list[list[Cell]] = []
    owner: list[list[Cell | None]] = []
    for r, row in enumerate(rows):
        cells = _place(row, r, n_cols, placed, owner)
        placed.append(cells)
        grid_row: list[Cell | None] = [None] * n_cols
        for cell in cells:
            for c in range(cell.col, cell.last_col + 1):
                grid_row[c] = cell
        for c in range(n_cols):
            if grid_row[c] is None and r and owner[r - 1][c] is not None:
                grid_row[c] = owner[r - 1][c]
        owner.append(grid_row)
    cells = [c for row in placed for c in row]
    for cell in cells:
        cell.page = bisect.bisect_right(page_starts, cell.start)
    first = min(c.start for c in cells)
    last = max(c.end for c in cells)
    start = line_starts[bisect.bisect_right(line_starts, first) - 1]
    end = text.find("\n", last)
    return Table(
        cells=cells,
        n_rows=len(rows),
        n_cols=n_cols,
        page=cells[0].page,
        source="text",
        start=start,
        end=len(text) if end < 0 else end,
    )


def _place(
    row: Row, r: int, n_cols: int, placed: list[list[Cell]], owner: list[list[Cell | None]]
) -> list[Cell]:
    m = len(row.cells)
    if row.slots is not None:
        slots = row.slots
        _cover_others(r, slots, n_cols, owner)
    else:
        slots = _slots(row, r, n_cols, placed)
    first = slots[0][0]
    if row.slots is None and first > 0 and not _cover(r, first, owner):
        slots = _sequential(0, m, n_cols)
    return [
        Cell(row=r, col=col, colspan=span, text=p.text, start=p.start, end=p.end)
        for p, (col, span) in zip(row.cells, slots, strict=True)
    ]


def _slots(row: Row, r: int, n_cols: int, placed: list[list[Cell]]) -> list[tuple[int, int]]:
    m = len(row.cells)
    if row.start is not None:
        return _sequential(min(row.start, n_cols - m), m, n_cols, spread=not row.whole)
    above = placed[r - 1] if r else []
    if 0 < m <= len(above) and m < n_cols:
        return [(c.col, c.colspan) for c in above[len(above) - m :]]
    return _sequential(max(n_cols - m, 0) if r else 0, m, n_cols)


def _sequential(start: int, m: int, n_cols: int, spread: bool = True) -> list[tuple[int, int]]:
    slots = [(start + k, 1) for k in range(m)]
    col, _ = slots[-1]
    if spread:
        slots[-1] = (col, n_cols - col)
    return slots


def _cover_others(r: int, slots: list[tuple[int, int]], n_cols: int, owner: list[list[Cell | None]]) -> None:
    """Columns of row r that no slot takes are covered by the cells above them (rowspan extended)."""
    taken = {c for col, span in slots for c in range(col, col + span)}
    for c in range(n_cols):
        cell = owner[r - 1][c] if r else None
        if c not in taken and cell is not None:
            cell.rowspan = r - cell.row + 1


def _cover(r: int, first: int, owner: list[list[Cell | None]]) -> bool:
    """Cover columns before `first` of row r by the cells above them (their rowspan extended)."""
    if r == 0:
        return False
    above = owner[r - 1]
    cells = {id(c): c for c in above[:first] if c is not None}
    if any(above[c] is None for c in range(first)) or any(c.last_col >= first for c in cells.values()):
        return False
    for cell in cells.values():
        cell.rowspan = r - cell.row + 1
    return True
