"""An indicator row written without its unit cell (a text target has none; one cell a line, the
empty cell not written at all): one entry point, ``unit_gaps(rows)``.

Its cells run one short of the header: 定性 / 有效 / 有效 / 10 / 10 under 指标性质 / 指标值 / 度量单位 /
实际完成值 / 分值 / 得分 would put the actual under 度量单位 and the weight under 实际完成值. Where the
header ends with 度量单位, 实际完成值, 分值, 得分, the row's cell under 指标性质 is an operator or a
kind (定性), and its last two cells are a weight and a score no greater than it, the empty cell is
the unit's: an empty cell is put there.
"""

from __future__ import annotations

from functools import lru_cache

import patterns
from extractor.read.recover.late import is_operator, weight_figure
from extractor.read.recover.model import Block, Piece, Row, header_block
from extractor.read.recover.vocabulary import compacted

TAIL = ["col:unit", "col:actual", "col:weight", "col:score"]


@lru_cache(maxsize=1)
def _kinds() -> frozenset[str]:
    return frozenset(patterns.load("tables")["indicator"]["nature"])


def unit_gaps(rows: list[Row]) -> list[Row]:
    out = []
    block = Block()
    for row in rows:
        if row.header:
            block = header_block(row.cells)
        elif block.kind == "indicator" and row.slots is None and _gap(row, block):
            at = row.cells[-3]
            blank = Piece("", at.start, at.start, at.line, at.line)
            row = Row([*row.cells[:-3], blank, *row.cells[-3:]], row.start, whole=row.whole)
        out.append(row)
    return out


def _gap(row: Row, block: Block) -> bool:
    roles, start = block.roles, row.start or 0
    if row.start is None or roles[-4:] != TAIL or start + len(row.cells) != len(roles) - 1:
        return False
    if "col:op" not in roles or roles.index("col:op") - start < 0:
        return False
    op = compacted(row.cells[roles.index("col:op") - start].text)
    if not (is_operator(op) or op in _kinds()) or not row.cells[-4].text:
        return False
    weight, score = weight_figure(row.cells[-2].text), weight_figure(row.cells[-1].text)
    return weight is not None and score is not None and score <= weight
