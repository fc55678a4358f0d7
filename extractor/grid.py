"""The one table model: a ``Table`` of ``Cell``s, whatever the source.

Every reader that knows a table's structure (PDF ruling lines or column layout, .docx ``gridSpan``
and ``vMerge``, spreadsheet merged ranges, HTML ``rowspan``/``colspan``, OCR boxes
inside ruling lines, a flattened table recovered from text) hands over the same
grid, and the template mapper (``fields/mapper/``) never sees how the
table was stored.

Like pdfplumber's ``Table.extract``, a position covered by a merged cell is
``None`` in ``Table.rows()``, while an empty cell is a ``Cell`` with text ``""``:
the two are different things (a blank 全年执行数 is empty, the rows under a
merged 产出指标 are covered).

``Cell.start``/``Cell.end`` are the cell text's offsets in ``Document.text`` (the
reader writes each table into the text, one row a line, cells separated by a
tab), so every value read from a cell has a span like any value read from prose.
"""

# Annotations are objects, not strings (no ``from __future__ import annotations``): pydantic reads
# them when each class is made, and strings would be parsed and evaluated first at every start-up.
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# "text": a table flattened into text (read/recover/); "text-layout": a text keeping the page's
# layout, columns at fixed positions (read/layout/).
TableSource = Literal[
    "pdf-ruling", "pdf-layout", "docx", "xlsx", "xls", "ods", "html", "ocr", "text", "text-layout"
]
Box = tuple[float, float, float, float]


def new_list() -> list:
    """A fresh empty list, the default factory of the models' list fields: pydantic reads each
    factory's signature when a model is built, and ``list``'s own is parsed from its text (about
    0.2 ms a field, 20 fields, at every start-up) where a Python function's is read at once."""
    return []


class Cell(BaseModel):
    """One cell of a grid: where it starts, how far it spans, its text and where it was read."""

    model_config = ConfigDict(extra="forbid")

    row: int = Field(description="0-based row of the cell's top-left corner.")
    col: int = Field(description="0-based column of the cell's top-left corner.")
    rowspan: int = Field(1, description="Rows the cell covers (a merged 一级指标 cell covers several).")
    colspan: int = Field(1, description="Columns the cell covers.")
    text: str = Field("", description="The cell's text, its lines joined; '' for an empty cell.")
    page: int = Field(1, description="1-based page (or sheet number) the cell stands on.")
    bbox: Box | None = Field(None, description="x0, top, x1, bottom in points on the page (PDF, OCR).")
    address: str = Field("", description="Spreadsheet address of the cell, e.g. 'Sheet1!C7'.")
    start: int = Field(-1, description="Offset of the cell's text in Document.text (-1: not written).")
    end: int = Field(-1, description="Offset one past the cell's text in Document.text.")
    confidence: float | None = Field(None, description="OCR recognition confidence (0-1), if read by OCR.")

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1


class Table(BaseModel):
    """A table as a grid of cells; positions covered by a merge hold no cell of their own."""

    model_config = ConfigDict(extra="forbid")

    cells: list[Cell] = Field(default_factory=new_list, description="Origin cells, row by row.")
    n_rows: int = Field(0, description="Rows of the grid.")
    n_cols: int = Field(0, description="Columns of the grid.")
    page: int = Field(1, description="1-based page (or sheet) the table starts on.")
    source: TableSource = Field(description="What kind of source the grid was built from.")
    sheet: str = Field("", description="Worksheet name (spreadsheets).")
    start: int = Field(-1, description="Offset in Document.text where the table's rendering starts.")
    end: int = Field(-1, description="Offset in Document.text one past the table's rendering.")
    separated: bool = Field(
        False,
        description="Recovered from text rows whose cells the text itself separates (tabs, pipes): "
        "their columns are as sure as a drawn table's.",
    )

    def rows(self) -> list[list[Cell | None]]:
        """The grid row by row: each position holds its origin cell, or None where a merge covers it."""
        grid: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            grid[cell.row][cell.col] = cell
        return grid

    def covering(self) -> list[list[Cell | None]]:
        """The grid with every position holding the cell that covers it (merged cells repeated)."""
        grid: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            cols = range(cell.col, min(cell.col + cell.colspan, self.n_cols))  # to last_col
            for r in range(cell.row, min(cell.row + cell.rowspan, self.n_rows)):
                row = grid[r]
                for c in cols:
                    row[c] = cell
        return grid


def transposed(table: Table, rows: range) -> Table:
    """Rows ``rows`` of the table turned on their diagonal: row i is their column i, spans swapped
    (a span past the rows cut at them); each cell keeps its text and place (its offsets in
    Document.text)."""
    cells = [
        c.model_copy(
            update={
                "row": c.col,
                "col": c.row - rows.start,
                "rowspan": c.colspan,
                "colspan": min(c.last_row, rows.stop - 1) - c.row + 1,
            }
        )
        for c in table.cells
        if c.row in rows
    ]
    cells.sort(key=lambda c: (c.row, c.col))
    return table.model_copy(update={"cells": cells, "n_rows": table.n_cols, "n_cols": len(rows)})


def goes_on_below(above: Table, below: Table) -> bool:
    """Whether ``below`` opens with an empty cell under a filled one closing ``above``'s first column:
    the rest of a table Word split (拆分表格), that column's merged cell going on (as the PDF and
    HTML readers join such parts; the .docx reader sees the vMerge itself)."""
    if not above.n_rows or not below.n_rows:
        return False
    last, top = above.covering()[-1][0], below.covering()[0][0]
    return last is not None and bool(last.text) and top is not None and not top.text


def build_table(rows: list[list[Cell]], source: TableSource, **fields: object) -> Table:
    """A Table from origin cells (row/col/spans set); its size is what the cells cover."""
    cells = [c for row in rows for c in row]
    n_rows = max((c.last_row + 1 for c in cells), default=0)
    n_cols = max((c.last_col + 1 for c in cells), default=0)
    return Table(cells=cells, n_rows=n_rows, n_cols=n_cols, source=source, **fields)


def render(table: Table, offset: int, rows: range | None = None) -> str:
    """The table's rows as text for Document.text, one grid row a line, cells separated by a
    tab; sets each cell's start/end (and the table's) to its place in that text, counted from
    offset. A table continued on the next page is rendered in parts (``rows``), each in its place.

    The text is for showing and for spans only: no stage parses it back into cells."""
    rows = range(table.n_rows) if rows is None else rows
    by_row: dict[int, list[Cell]] = {}
    for cell in table.cells:
        if cell.row in rows:
            by_row.setdefault(cell.row, []).append(cell)
    out: list[str] = []
    pos = offset
    if table.start < 0 or rows.start == 0:
        table.start = offset
    for r in rows:
        for k, cell in enumerate(sorted(by_row.get(r, []), key=lambda c: c.col)):
            if k:
                out.append("\t")
                pos += 1
            text = cell.text = " ".join(cell.text.split())
            cell.start, cell.end = pos, pos + len(text)
            out.append(text)
            pos += len(text)
        out.append("\n")
        pos += 1
    table.end = pos
    return "".join(out)
