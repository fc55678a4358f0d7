"""Text written in a ruled table where no cell is drawn (无边框的单元格): read as cells too.

A sheet printed with borders on some cells only leaves grid positions no box covers: a value
written in an unbordered cell (a 项目名称 whose text runs on over the empty cells right of it,
a 分值 header, a 合计 label) stands inside the table but in none of pdfplumber's cells. Each
row's run of uncovered positions is read from the characters inside it: its lines are cut
into pieces at wide gaps (``pdf_lines.COLUMN_GAP``), a piece covers the positions from its first
glyph's to its last glyph's, and pieces covering a position in common make one cell spanning
their positions (a text running over the column edges stays whole). Positions no text
stands in stay empty cells, without a box.
"""

from __future__ import annotations

from collections.abc import Callable

from extractor.grid import Cell
from extractor.read.pdf_lines import COLUMN_GAP, build_lines, cell_text
from extractor.read.pdf_model import Box, Char


def loose_cells(
    free: list[tuple[int, int]],
    edges: tuple[list[float], list[float]],
    inside: Callable[[Box], list[Char]],
    page: int,
) -> list[Cell]:
    """Cells for the uncovered grid positions ``free`` (row, col). ``edges``: the column edges
    and the row edges (each with the table's right or bottom edge last); ``inside``: the
    characters whose middle lies in a box."""
    xs, ys = edges
    out: list[Cell] = []
    for row, cols in _runs(free):
        top, bottom = ys[row], ys[row + 1]
        chars = inside((xs[cols[0]], top, xs[cols[-1] + 1], bottom))
        spans = _spans(chars, xs, cols) if chars else []
        taken = set()
        for a, b in spans:
            box = (xs[a], top, xs[b + 1], bottom)
            text = cell_text(inside(box))
            out.append(Cell(row=row, col=a, colspan=b - a + 1, text=text, page=page, bbox=box))
            taken.update(range(a, b + 1))
        out += [Cell(row=row, col=c, page=page) for c in cols if c not in taken]
    return out


def _runs(free: list[tuple[int, int]]) -> list[tuple[int, list[int]]]:
    """The uncovered positions as runs of neighbouring columns in each row."""
    runs: list[tuple[int, list[int]]] = []
    for row, col in sorted(free):
        if runs and runs[-1][0] == row and runs[-1][1][-1] == col - 1:
            runs[-1][1].append(col)
        else:
            runs.append((row, [col]))
    return runs


def _spans(chars: list[Char], xs: list[float], cols: list[int]) -> list[tuple[int, int]]:
    """The column spans of the run's text pieces, those sharing a column merged."""
    spans = []
    for line in build_lines(chars):
        glyphs = _distinct(line.glyphs)
        piece = [glyphs[0]]
        for g in [*glyphs[1:], None]:
            if g is not None and g.x0 - piece[-1].x1 <= COLUMN_GAP * max(g.size, piece[-1].size):
                piece.append(g)
                continue
            spans.append((_column(piece[0], xs, cols), _column(piece[-1], xs, cols)))
            piece = [g] if g is not None else []
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _distinct(glyphs: list[Char | None]) -> list[Char]:
    """A line's glyphs, each once (a glyph of several text characters stands for each)."""
    out: list[Char] = []
    for g in glyphs:
        if g is not None and (not out or out[-1] is not g):
            out.append(g)
    return out


def _column(ch: Char, xs: list[float], cols: list[int]) -> int:
    """The run's column a glyph's middle stands in."""
    x = (ch.x0 + ch.x1) / 2
    return next((c for c in cols if x < xs[c + 1]), cols[-1])
