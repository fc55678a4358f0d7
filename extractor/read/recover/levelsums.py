"""Level cells written away from their rows placed by their weights: one entry point,
``weighted_levels(rows, block)``.

pdftotext (without -layout) writes the merged 一级指标 cells after the indicator rows, so which rows
each covers is not in the text. Where each states its weight (产出指标（50分）, 效益指标（30分）,
满意度指标（10分）) and the rows' weights, in order, add up to them one after another, every row
taken, the rows each covers are known: 8 + 8 + 8 + 8 + 8 + 10 = 50, then 10 + 10 + 10 = 30, then
10. Anything else (a note missing, a sum that does not fall on a row's end, a row with its own
一级 cell or no weight) places nothing.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import regex

import patterns
from extractor.read.recover.model import Block, Piece, Row
from extractor.read.recover.totals import points
from extractor.read.recover.vocabulary import compacted


@lru_cache(maxsize=1)
def _noted() -> regex.Pattern[str]:
    """A 一级 level name with its weight (产出指标(50分)), compacted; the weight its group."""
    levels = patterns.load("tables")["indicator"]["levels"]
    words = "|".join(f"(?:{w})" for w in levels["level1"])
    return regex.compile(f"(?:{words})\\((\\d+(?:\\.\\d+)?)分?\\)")


def weighted_levels(rows: list[Row], block: Block, first: int, trailing: list[int]) -> list[Row] | None:
    """`rows` (the indicator rows from `first`, each with a cell in every column before its name)
    with each noted 一级 cell of the rows at `trailing` put over the rows it covers, taken out of
    its own row; None where the weights do not place them."""
    notes = [
        (r, k, weight) for r in trailing for k, c in enumerate(rows[r].cells) if (weight := _note(c.text))
    ]
    ends = trailing[0] if trailing else first
    weights = [_weight(row, block) for row in rows[first:ends]]
    if (
        not notes
        or not weights
        or None in weights
        or any(row.cells[block.level1_col].text for row in rows[first:ends])
    ):
        return None
    starts = _groups([w for w in weights if w is not None], [n[2] for n in notes])
    if starts is None:
        return None
    out = list(rows)
    for (r, k, _), at in zip(notes, starts, strict=True):
        placed = list(out[first + at].cells)
        placed[block.level1_col] = rows[r].cells[k]
        out[first + at] = Row(placed, 0, whole=out[first + at].whole)
    for n in range(first, ends):
        if n - first not in starts:
            row = out[n]
            out[n] = Row(row.cells[block.level1_col + 1 :], block.level1_col + 1, whole=row.whole)
    for r, k, _ in notes:
        cell = rows[r].cells[k]
        cells = list(out[r].cells)
        cells[k] = Piece("", cell.start, cell.start, cell.line, cell.line)
        out[r] = Row(cells, out[r].start, whole=out[r].whole)
    return out


def _note(text: str) -> Decimal | None:
    found = _noted().fullmatch(compacted(text))
    return Decimal(found.group(1)) if found else None


def _weight(row: Row, block: Block) -> Decimal | None:
    """The row's weight, under the header's 分值 column (the row has a cell in every column)."""
    if "col:weight" not in block.roles or row.start != 0 or block.level1_col != 0:
        return None
    col = block.roles.index("col:weight")
    return points(row.cells[col].text) if col < len(row.cells) else None


def _groups(weights: list[Decimal], notes: list[Decimal]) -> list[int] | None:
    """Where each note's rows start, if the weights add up to the notes one after another."""
    starts, total, k = [], Decimal(0), 0
    for note in notes:
        starts.append(k)
        total = Decimal(0)
        while k < len(weights) and total < note:
            total += weights[k]
            k += 1
        if total != note:
            return None
    return starts if k == len(weights) else None
