"""Complete readings of a stretch of indicator rows (Word's and LibreOffice's "save as text",
every cell written, a merged cell as a blank line where it is covered): one entry point,
``complete_readings(segment, col, covered, block)``.
"""

from __future__ import annotations

from itertools import combinations

from extractor.read import wrapped
from extractor.read.recover.model import Block, Piece, Row, merge
from extractor.read.recover.pieces import PIECE_CHARS
from extractor.read.recover.vocabulary import DIGIT, compacted, role, score_like

MAX_JOINS = 2  # lines of one cell joined at most, per stretch of complete rows


def complete_readings(segment: list[Piece], col: int, covered: int, block: Block) -> list[list[Row]]:
    """The readings of `segment` (a row's cells from column `col` on, then whole rows, then the
    `covered` blank cells before the next row's label) with the fewest joins of text lines that
    give well-formed rows; several readings mean the text does not settle it."""
    width = block.width
    if width < 3 or block.kind != "indicator" or len(block.roles) != width:
        return []
    segment = _trailing_blanks_cut(segment, col, covered, width)
    joinable = [p for p in range(len(segment) - 1) if _text_line(segment[p]) and _text_line(segment[p + 1])]
    for joins in range(MAX_JOINS + 1):
        readings = []
        for chosen in _combinations(joinable, joins):
            rows = _whole_rows(_joined_at(segment, chosen), col, covered, block)
            if rows is not None:
                readings.append(rows)
        if readings:
            return readings
    return []


def _trailing_blanks_cut(segment: list[Piece], col: int, covered: int, width: int) -> list[Piece]:
    """The last stretch of a table (no label after it) loses blank lines that fill no whole row."""
    if covered:
        return segment
    n = len(segment)
    while n > 1 and segment[n - 1].blank and (n - (width - col)) % width:
        n -= 1
    return segment[:n]


def _text_line(piece: Piece) -> bool:
    """A line that may be part of a cell written over several lines: words that are no figure (nor
    a short text with one, ≥90%, 10台), no placeholder and no word of the vocabulary."""
    text = piece.text
    if not text or role(text) is not None or DIGIT.search(text) and len(text) <= PIECE_CHARS:
        return False
    return compacted(text) not in wrapped.placeholders()


def _combinations(joinable: list[int], k: int) -> list[tuple[int, ...]]:
    """Ways of choosing k joins among `joinable` (line p with line p+1), none sharing a line."""
    return [c for c in combinations(joinable, k) if all(b > a + 1 for a, b in zip(c, c[1:], strict=False))]


def _joined_at(segment: list[Piece], chosen: tuple[int, ...]) -> list[Piece]:
    out: list[Piece] = []
    k = 0
    while k < len(segment):
        if k in chosen:
            out.append(merge(segment[k : k + 2]))
            k += 2
        else:
            out.append(segment[k])
            k += 1
    return out


def _whole_rows(segment: list[Piece], col: int, covered: int, block: Block) -> list[Row] | None:
    """The rows of a segment cut at the header's width, or None where it does not divide so or a
    row is not well formed (a covered column holding text, a figure column holding words)."""
    width = block.width
    body = len(segment) - covered - (width - col)
    if body < 0 or body % width or any(not p.blank for p in segment[len(segment) - covered :]):
        return None
    rows = [Row(segment[: width - col], col)]
    for k in range(width - col, len(segment) - covered, width):
        cells = segment[k : k + width]
        lead = block.name_col
        if any(not p.blank for p in cells[:lead]):
            return None
        rows.append(Row(cells[lead:], lead))
    for row in rows:
        for c, piece in enumerate(row.cells, start=row.start or 0):
            if block.roles[c] in FIGURE_COLUMNS and not (piece.blank or score_like(piece.text)):
                return None
    return rows


FIGURE_COLUMNS = {"col:weight", "col:score"}
