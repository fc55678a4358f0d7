"""Explicit rows (one table row a line, cells cut by pipes, tabs or gaps) read into rows: one
entry point, ``explicit_rows(text, lines)``.
"""

from __future__ import annotations

from extractor.read.recover.model import Block, Line, Piece, Row, clean, header_block, merge
from extractor.read.recover.vocabulary import (
    LEVEL1,
    LEVEL2,
    STARTERS,
    both_levels,
    compacted,
    is_column,
    of_which,
    role,
)
from extractor.script import HAN


def explicit_rows(text: str, lines: list[Line]) -> list[Row]:
    rows: list[Row] = []
    block = Block()
    for line in lines:
        if not line.cells:
            continue
        cells = _of_which_joined([_piece(text, s, e, line) for s, e in line.cells])
        header = sum(1 for c in cells if is_column(c.text)) >= 2
        if header:
            block = header_block(cells)
            rows.append(Row(cells, 0, header=True))
            continue
        covered = _covered_levels(cells, block)
        if covered:
            rows.append(Row(cells[covered:], covered))
            continue
        rows.append(Row(cells, _explicit_start(cells, block)))
    labelled = sum(1 for r in rows if not r.header and _opens_row(r.cells[0].text))
    if not any(r.header for r in rows) and labelled < 2:
        return []
    return rows


def _opens_row(text: str) -> bool:
    """A row label, or a column label opening a row (a block written sideways: 年初预算数 | 850.00 …)."""
    return role(text) in STARTERS or is_column(text)


def _of_which_joined(cells: list[Piece]) -> list[Piece]:
    """An of_which cell (其中：, patterns/budget_table.toml) before a row label belongs with the label:
    '其中： | 人员经费 | 800.00' is the row 其中：人员经费 | 800.00."""
    if len(cells) < 2 or not of_which().match(compacted(cells[0].text)) or role(cells[1].text) != "funds":
        return cells
    return [merge(cells[:2]), *cells[2:]]


def _covered_levels(cells: list[Piece], block: Block) -> int:
    """How many empty cells open an indicator row under its level columns ('\t\t培训工种数\t≥6个…'):
    positions a level merged over rows covers, written empty (a Word table saved as text, a
    table typed so). The row starts after them and those columns are the cells above (0: none)."""
    if block.kind != "indicator":
        return 0
    n = 0
    while n < len(cells) - 1 and not cells[n].text.strip():
        n += 1
    return n if 0 < n <= max(block.level1_col, block.level2_col) + 1 else 0


def _explicit_start(cells: list[Piece], block: Block) -> int | None:
    first = role(cells[0].text)
    if first == LEVEL1 or (first == LEVEL2 and len(cells) >= 2 and role(cells[1].text) == LEVEL2):
        return block.level1_col if block.kind == "indicator" else None
    if first == LEVEL2 and _fills_from_level1(cells, block):
        return block.level1_col
    if first == LEVEL2:
        return block.level2_col if block.kind == "indicator" else None
    if first == "funds":  # under its label column, unless the row is too wide to start there
        return block.label_col if block.kind == "funds" and _fits(cells, block) else 0
    if first in ("key", "label", "group"):
        return 0
    return _name_start(cells, block) if first is None else None


def _fills_from_level1(cells: list[Piece], block: Block) -> bool:
    """A word of both levels (满意度指标) opening a row written as wide as the columns from the 一级
    column on ('满意度指标 | 群众满意度 指标 | 名称 | ≥90% | 95% | 20'): the row starts in the 一级
    column; as a 二级 word its last cell would stand under no header."""
    return (
        block.kind == "indicator"
        and compacted(cells[0].text) in both_levels()
        and _written(cells) == _headed(block) - block.level1_col
    )


def _headed(block: Block) -> int:
    """How many columns the header has up to its last labelled one (a pipe row's trailing empties
    are no columns)."""
    return max((k for k, r in enumerate(block.roles) if r), default=block.width - 1) + 1


def _written(cells: list[Piece]) -> int:
    """How many cells the row has up to its last written one."""
    return max((k for k, c in enumerate(cells) if c.text.strip()), default=0) + 1


def _fits(cells: list[Piece], block: Block) -> bool:
    """The row's cells up to its last written one fit from the label column on (a row as wide as
    its header has its label cell spread over the label column too: '|年度资金总额||180.00|')."""
    return block.label_col + _written(cells) <= block.width


def _name_start(cells: list[Piece], block: Block) -> int | None:
    """An indicator row opened by no level word: its level cells are the merged ones above, so it
    starts under the name column when it fits there (the level columns hold level words only)."""
    fits = len(cells) <= block.width - block.name_col
    if block.kind != "indicator" or not fits or not HAN.search(cells[0].text):
        return None
    return block.name_col


def _piece(text: str, s: int, e: int, line: Line) -> Piece:
    no = line.start
    return Piece(clean(text[s:e]), s, e, no, no)
