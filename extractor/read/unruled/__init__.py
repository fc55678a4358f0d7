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

from extractor.read.unruled.blocks import unruled_blocks
from extractor.read.unruled.model import SHEET, UNRULED, UnruledSettings

__all__ = ["SHEET", "UNRULED", "UnruledSettings", "unruled_blocks"]
