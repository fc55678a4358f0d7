"""Test helper: characters laid out as a PDF page's text lines and tables without ruling lines."""

from __future__ import annotations

from extractor.read.pdf_lines import build_lines
from extractor.read.pdf_model import Char, Line, TableBlock
from extractor.read.unruled import unruled_blocks


def text_chars(text: str, x: float, top: float, size: float, spacing: float = 0.0) -> list[Char]:
    """``text`` on one line from ``x``, each character ``size`` wide and ``spacing`` apart."""
    step = size + spacing
    return [Char(ch, x + i * step, x + i * step + size, top, top + size, size) for i, ch in enumerate(text)]


def table_chars(
    rows: list[list[str]], xs: list[float], top: float, size: float, pitch: float, padding: float
) -> list[Char]:
    """Rows of cells at the column lefts ``xs``; a cell's '\\n' wraps it onto the next line
    (``pitch`` below, top to top), ``padding`` added between rows."""
    chars: list[Char] = []
    for row in rows:
        lines = [cell.split("\n") for cell in row]
        for k, cell in enumerate(lines):
            for i, piece in enumerate(cell):
                chars += text_chars(piece, xs[k], top + i * pitch, size)
        top += max(len(c) for c in lines) * pitch + padding
    return chars


def page_blocks(chars: list[Char], rules: list[float] | None = None) -> list[Line | TableBlock]:
    return unruled_blocks(build_lines(chars), 1, lambda: rules or [])


def grid(block: TableBlock) -> list[list[str]]:
    return [[c.text if c else "-" for c in row] for row in block.table.rows()]
