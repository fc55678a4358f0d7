"""Tables flattened into plain text, recovered as grids (``grid.Table``, source "text").

One entry point, ``recover_tables(text)``, run on the decoded text before any prose
normalization. Two kinds of flattening are read:

- explicit rows: one table row a line, its cells cut by pipes (``a | b |``, ``|a|b|``),
  tabs, or wide gaps (two or more spaces, full-width spaces), or single spaces when every
  cell is a word of the vocabulary, a corner word or a figure (``支出合计 12.50 10.20``);
  an of_which cell (其中：) before a row label is joined into the label's cell;
- one cell a line (Word "save as text", web pages copied to text), with or without a
  blank line after every cell, empty cells as a blank line or a line of one space, a
  cell's text possibly on several lines (``年初`` / ``预算数``: pieces are joined when
  together they are a header or label word of patterns/tables.toml; with blank lines
  between cells, consecutive lines are one cell, a long text wrapped);
- a narrow borderless table copied out of a PDF viewer, its cells wrapped into fragments
  (``养护里`` / ``程`` / ``≥120`` / ``公里`` / ``125 公`` / ``里`` / ``15 15``: three words of the
  vocabulary or more that only fragments make, and rows' figures side by side): every line cut at
  its single spaces, label fragments joined by the vocabulary, and each indicator, budget or
  key row's pieces cut into its cells by ``read/wrapped.py`` (the cell types, how wrapped lines
  fill the column its header gives, the alignment the copy shows, the row's arithmetic); a row
  that cannot be cut one way ends the indicator rows read.

Cards of ``label：value`` lines (a table a mobile page shows as cards, ``records``) become a
table: their labels the header row, each card a row.

A form's column labels each followed by its figure (年初预算数 / 580.50 / 全年预算数 /
620.30, two pairs or more) become a two-column grid, one pair a row.

Page-number lines (``- 3 -``, ``第 3 页 共 9 页``: page_markers of patterns/normalize.toml)
are neither cells nor the end of a table.

Where rows start and how wide they are comes from the table's own header rows and
labels (the vocabulary of patterns/tables.toml and patterns/budget_table.toml): a row
whose leading merged cells (一级指标/二级指标) are written only on their first row is
placed under its header's columns and the positions before it are covered by the
cell above (its rowspan extended). A short row's last cell spans to the table's last
column. A stretch of lines with no header or label of the vocabulary is never claimed.
Glued cells (``43.237.24``) and a whole table on one line are not recovered here.

The package: ``vocabulary`` (a cell's role), ``model`` (pieces, rows, blocks), ``lines`` (a text's
lines and their explicit cells), ``explicit`` (rows of explicit cells), ``pieces`` (one cell a line
made pieces), ``fragments`` (a copy in fragments), ``flat`` (the tables of lines of one cell),
``builder`` (their rows), ``complete`` (complete readings of indicator rows), ``place`` (rows
placed in a grid), ``scattered`` and ``late`` (indicator headers pdftotext wrote among their rows
or after whole rows, put before them; ``headorder`` orders their words; ``parents`` places their
一级 cells written away from the rows), ``gaps`` (a row's unwritten unit cell) and ``columns`` (a
budget block written column by column, read row by row where B/A is each row's rate).
"""

from __future__ import annotations

import regex

from extractor.grid import Table
from extractor.read.recover.explicit import explicit_rows
from extractor.read.recover.flat import flat_tables
from extractor.read.recover.fragments import atom_lines, copied_fragments
from extractor.read.recover.lines import text_lines
from extractor.read.recover.place import grid_table
from extractor.read.recover.records import record_rows

FORM_FEED = regex.compile("\f")  # a page break
SEPARATOR = regex.compile(r"[\t|]")  # cells the text itself separates (not gaps of spaces)


def recover_tables(text: str) -> list[Table]:
    """The tables flattened into `text`, as grids whose cells' start/end are offsets in `text`."""
    from extractor.read.layout import layout_tables

    laid_out = layout_tables(text)
    if laid_out:
        return sorted([*laid_out, *_recovered(_blanked(text, laid_out))], key=lambda t: t.start)
    return _recovered(text)


def _blanked(text: str, tables: list[Table]) -> str:
    """The text with the lines of `tables` blanked (offsets kept): no other reading claims them."""
    chars = list(text)
    for table in tables:
        for i in range(table.start, table.end):
            if chars[i] not in "\n\f":
                chars[i] = " "
    return "".join(chars)


def _recovered(text: str) -> list[Table]:
    lines = text_lines(text)
    if records := record_rows(lines):
        page_starts = [0] + [m.end() for m in FORM_FEED.finditer(text)]
        line_starts = [ln.start for ln in lines]
        cards = [grid_table(text, rows, line_starts, page_starts) for rows in records]
        return sorted([*cards, *_recovered(_blanked(text, cards))], key=lambda t: t.start)
    fragments = copied_fragments(text, lines)
    if fragments:
        lines = atom_lines(text, lines)
    page_starts = [0] + [m.end() for m in FORM_FEED.finditer(text)]
    line_starts = [ln.start for ln in lines]
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        j = i
        if lines[i].cells:
            while j < len(lines) and (lines[j].cells or not lines[j].text.strip()):
                j += 1
            rows = explicit_rows(text, lines[i:j])
            if rows:
                table = grid_table(text, rows, line_starts, page_starts)
                table.separated = all(SEPARATOR.search(ln.text) for ln in lines[i:j] if ln.cells)
                tables.append(table)
        else:
            while j < len(lines) and not lines[j].cells:
                j += 1
            for rows in flat_tables(text, lines[i:j], fragments):
                tables.append(grid_table(text, rows, line_starts, page_starts))
        i = j
    return tables
