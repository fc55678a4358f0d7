"""Indicator rows of a copy that wrote no line for an empty cell nor for a merged one's covered
places (a portal's page, each cell a paragraph): one entry point, ``typed_rows(pieces, block,
col)``.

The rows of a stretch under one level label are then cut by the kinds of their cells: each row a
name (words), the header's value columns (one cell each), a weight and a score (figures, ``score_
like``), then, where the header ends with a reason column, the reason's words or nothing. Words
after a score are the next row's name when a whole row follows them, the reason when a whole row
follows the cell after them; a stretch read both ways, or neither, is not read.
"""

from __future__ import annotations

from extractor.read.recover.model import Block, Piece, Row
from extractor.read.recover.vocabulary import role, score_like

REASON = "col:reason"


def typed_rows(pieces: list[Piece], block: Block, col: int, levels: int) -> list[Row] | None:
    """The rows of `pieces` (a stretch from its ``levels`` level labels, opening column `col`, to
    the next label), or None where its cells cannot be cut one way only."""
    shape = _shape(block)
    if shape is None or any(p.blank for p in pieces) or len(pieces) <= levels:
        return None
    values, reason = shape
    rows: list[Row] = []
    k = levels
    while k < len(pieces):
        if not _row_at(pieces, k, values):
            return None
        end = k + values + 3
        cells = pieces[:k] + pieces[k:end] if not rows else pieces[k:end]
        if reason:
            said = end < len(pieces) and _words(pieces[end]) and _reason_at(pieces, end, values)
            if said is None:
                return None  # the words after the score read both as a reason and as a name
            cells.append(pieces[end] if said else _empty(pieces[end - 1]))
            end += int(said)
        rows.append(Row(cells, col if not rows else block.name_col, whole=True))
        k = end
    return rows


def _shape(block: Block) -> tuple[int, bool] | None:
    """(value columns between the name and the weight, a reason column last) of an indicator
    header whose columns after the name are values, then weight and score, then at most a reason."""
    roles = block.roles
    if block.kind != "indicator" or len(roles) != block.width or "col:weight" not in roles:
        return None
    weight = roles.index("col:weight")
    tail = roles[weight + 1 :]
    if roles[block.name_col] != "col:name" or tail not in (["col:score"], ["col:score", REASON]):
        return None
    values = roles[block.name_col + 1 : weight]
    if not values or any(r in ("", REASON, "col:score", "col:level1", "col:level2") for r in values):
        return None
    return len(values), tail[-1] == REASON


def _row_at(pieces: list[Piece], k: int, values: int) -> bool:
    """A whole row (name, values, weight, score) stands from k."""
    end = k + values + 3
    if end > len(pieces) or not _words(pieces[k]):
        return False
    unlabelled = all(role(p.text) is None for p in pieces[k:end])
    return unlabelled and all(score_like(p.text) for p in pieces[end - 2 : end])


def _reason_at(pieces: list[Piece], k: int, values: int) -> bool | None:
    """Whether the words at k are the row's reason (True), the next row's name (False), or read
    both ways (None). At the stretch's end they can only be its reason."""
    as_name = _row_at(pieces, k, values)
    as_reason = k + 1 == len(pieces) or _row_at(pieces, k + 1, values)
    if as_name == as_reason:
        return None if as_name else False
    return as_reason


def _words(piece: Piece) -> bool:
    return bool(piece.text) and not score_like(piece.text) and role(piece.text) is None


def _empty(after: Piece) -> Piece:
    return Piece("", after.end, after.end, after.last_line, after.last_line)
