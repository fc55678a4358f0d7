"""Indicator rows with no header before them: a table published as text with its header lost and
its cells run on ('产出指标 数量指标 足额保障率 =100% 22.5 科目调整次数 ≤10次 22.5 … 合计100'), the
page of a long article that starts inside the indicator block.

With no header the columns are not known, so only a shape that settles them is read: a row is its
name, a target written with its operator (the operator marks it as the target, never the actual),
an optional unit, and at most one bare figure after it, the weight (a form prints its weights; a
score is never filled in without one). A row with more figures than that keeps its name and target
only. The weights are kept only if they add up to no more than 100 and no more than a stated 合计
(a 合计 row ends the block); otherwise they are no weights. Level names (产出指标, 数量指标) open the
rows under them as in a headed block. Fewer than two rows, or no level-1 name, is no block.
"""

from __future__ import annotations

from decimal import Decimal

import regex

from extractor.fields.stream.align import _Item
from extractor.fields.stream.pieces import (
    BLOCKS,
    Piece,
    _level,
    _name_cell,
    _number,
    _unit_word,
)

COLUMNS = ("target", "unit", "weight")  # the data columns a headerless row can fill

_MIN_ROWS = 2

_HUNDRED = Decimal(100)

_LABEL_FIGURE = regex.compile(r"(?P<label>\D+?)(?P<num>\d+(?:\.\d+)?)")


def headless_rows(stream: list[Piece]) -> tuple[int, list[_Item]] | None:
    """(index in the stream where the block starts, its level labels and rows) of the first run of
    indicator rows with no header, if any."""
    for i, piece in enumerate(stream):
        if _level(piece, _next(stream, i)) is None:
            continue
        items, end = _rows(stream, i)
        rows = [it for it in items if it.kind == "row"]
        if len(rows) >= _MIN_ROWS and any(it.kind == "level1" for it in items):
            _settle_weights(rows, _stated_sum(stream, end))
            return i, items
    return None


def _next(stream: list[Piece], i: int) -> Piece | None:
    return stream[i + 1] if i + 1 < len(stream) else None


def _rows(stream: list[Piece], i: int) -> tuple[list[_Item], int]:
    """The level labels and rows from i on, and the index where they end."""
    items: list[_Item] = []
    while i < len(stream):
        piece = stream[i]
        level = _level(piece, _next(stream, i))
        if level is not None:
            items.append(_Item(level, piece))
            i += 1
            continue
        found = _row(stream, i)
        if found is None:
            break
        item, i = found
        items.append(item)
    while items and items[-1].kind != "row":
        items.pop()  # a level label after the last row heads rows that are not there
    return items, i


def _row(stream: list[Piece], i: int) -> tuple[_Item, int] | None:
    """A row at i: name, target with its operator, unit, one bare figure (the weight)."""
    if i + 1 >= len(stream) or not _name_cell(stream[i]):
        return None
    target = _number(stream[i + 1])
    if target is None or not target.op or stream[i + 1].line != stream[i].line:
        return None
    fields = {"target": stream[i + 1]}
    k = i + 2
    if k < len(stream) and _unit_word(stream[k]) and not target.unit:
        fields["unit"] = stream[k]  # the unit in its own cell
        k += 1
    figures = []
    while k < len(stream) and _bare(stream[k]):
        figures.append(stream[k])
        k += 1
    if len(figures) == 1:
        fields["weight"] = figures[0]
    return _Item("row", stream[i], fields), k


def _bare(piece: Piece) -> bool:
    num = _number(piece)
    return num is not None and not num.op and num.unit in ("", "分") and 0 <= num.number <= _HUNDRED


def _stated_sum(stream: list[Piece], end: int) -> Decimal | None:
    """The figure of the 合计/总分 cell that ends the block ('合计100', or 合计 | 100), if any."""
    if end >= len(stream):
        return None
    piece = stream[end]
    m = _LABEL_FIGURE.fullmatch(piece.compact)
    label, num = (m["label"], Decimal(m["num"])) if m else (piece.compact, None)
    if BLOCKS.role(label) not in ("total", "indicator_sum"):
        return None
    if num is None and end + 1 < len(stream) and (after := _number(stream[end + 1])) is not None:
        num = after.number if not after.op else None
    return num


def _settle_weights(rows: list[_Item], stated: Decimal | None) -> None:
    """Drop the weights when they add up to more than 100 or than the stated sum."""
    weights = [n.number for it in rows if "weight" in it.fields and (n := _number(it.fields["weight"]))]
    total = sum(weights, Decimal(0))
    if total > _HUNDRED or (stated is not None and total > stated):
        for it in rows:
            it.fields.pop("weight", None)
