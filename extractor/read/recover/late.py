"""An indicator header that pdftotext wrote in two runs with whole rows between them: one entry
point, ``late_header(pieces, i)``.

pdftotext (without -layout) writes a page's text blocks in its reading order. Where a page's
table is cut into a left block (三级指标, 指标性质, 指标值 and the first rows' names) and a right
one (度量单位 … 得分 and the rows' right cells), the text reads::

    一级指标 / 年度指标值 / 二级指标 / [level names] / 度量单位 / 实际完成值 / 分值 / 得分 /
    735 / 人次 / 735 / 10 / 10 / ＝ / 1 / 所 / 1 / 5 / 5 / 营养改善… / ≥ / 100 / % / 100% / 10 / 10 /
    三级指标 / 指标性质 / 指标值 / 学生受资助人数 / ≥ / 受资助学校数量 / 时效指标 / 资金到位… / …

The header is the first run's level words, the second run, then the first run's other words (a
word over others, 年度指标值 over 指标值, takes no column). A row ends with its last run of two
figures or more (实际完成值 / 分值 / 得分); the rows before the second run stand at the right of
the header's columns, and the cells their left lacks (学生受资助人数 / ≥, then 受资助学校数量) are
the first after the second run, in order; the rows after them are whole (a 二级 name may open
them). Every row must read so: an operator under 指标性质, no figure under 度量单位 or 三级指标,
figures under 分值 and 得分 with the score at most the weight. The level names of the first run
are left out (which rows each covers is not known). Anything else is left as it is.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import patterns
from extractor.read.recover.headorder import ordered_columns, uncovered
from extractor.read.recover.model import Piece
from extractor.read.recover.parents import firsts, starts
from extractor.read.recover.vocabulary import LEVEL1, LEVEL2, compacted, is_column, is_figure, role

LEAD = ("col:level1", "col:level2")
ROW_ROLES = {"col:name", "col:op", "col:target", "col:unit", "col:actual", "col:weight", "col:score"}
STOPS = {"key", "label", "funds", "group"}


def late_header(pieces: list[Piece], i: int) -> tuple[list[Piece], int] | None:
    """The header and its rows, one cell after another, and where the stretch from i ends; None if
    the pieces from i are not such a header."""
    if role(pieces[i].text) != "col:level1":
        return None
    first, levels, k = _words(pieces, i, True)
    right, k = _cells(pieces, k)
    second, _, k = _words(pieces, k, False)
    left, end = _cells(pieces, k)
    if not right or not left or not second or role(second[0].text) != "col:name":
        return None
    kept = uncovered(first + second)  # in the order written: 年度指标值 before 指标值
    lead = [w for w in kept if role(w.text) in LEAD and w in first]
    rest = [w for w in kept if w in first and w not in lead]
    header = ordered_columns(lead + [w for w in kept if w in second] + rest)
    if header is None or lead != header[: len(lead)]:
        return None
    roles = [role(w.text) or "" for w in header]
    name = roles.index("col:name")
    if set(roles[name:]) - ROW_ROLES:
        return None
    rows = _rows(right, left, roles[name:])
    if rows is None:
        return None
    header = [replace(header[0], opens=True), *header[1:]]
    return header + _level1(levels, rows, len(roles) - name) + [c for row in rows for c in row], end


def _level1(levels: list[Piece], rows: list[list[Piece]], width: int) -> list[Piece]:
    """The one 一级 name written among the header's words, with an empty 二级 cell where the first
    row has none, to go over all the rows: when every 二级 name written there or opening a row
    stands under it. Else nothing (the levels are missing)."""
    level1 = firsts(levels)
    level2 = [p for p in levels if p not in level1] + [row[0] for row in rows if len(row) > width]
    if len(level1) != 1 or starts(level1, level2) != [0]:
        return []
    if len(rows[0]) > width:
        return level1
    at = rows[0][0]
    return [*level1, Piece("", at.start, at.start, at.line, at.line)]


def _words(pieces: list[Piece], k: int, levels_too: bool) -> tuple[list[Piece], list[Piece], int]:
    """The header words from k, the level names among them where `levels_too` (the level columns'
    cells written away from their rows), and where they end."""
    words: list[Piece] = []
    levels: list[Piece] = []
    while k < len(pieces) and (
        pieces[k].blank or is_column(pieces[k].text) or levels_too and _level(pieces[k])
    ):
        if is_column(pieces[k].text):
            words.append(pieces[k])
        elif not pieces[k].blank:
            levels.append(pieces[k])
        k += 1
    return words, levels, k


def _level(piece: Piece) -> bool:
    return role(piece.text) in (LEVEL1, LEVEL2)


def _cells(pieces: list[Piece], k: int) -> tuple[list[Piece], int]:
    """The cells from k up to the next header word, prose or a row label of another kind."""
    out: list[Piece] = []
    while k < len(pieces) and not pieces[k].prose and not is_column(pieces[k].text):
        if role(pieces[k].text) in STOPS:
            break
        if not pieces[k].blank:
            out.append(pieces[k])
        k += 1
    return out, k


def _chunks(cells: list[Piece]) -> list[list[Piece]] | None:
    """The cells cut into rows, each ending with its last run of two figures or more."""
    out: list[list[Piece]] = []
    row: list[Piece] = []
    for n, cell in enumerate(cells):
        row.append(cell)
        following = n + 1 < len(cells) and is_figure(cells[n + 1].text)
        if not following and len(row) >= 2 and is_figure(row[-1].text) and is_figure(row[-2].text):
            out.append(row)
            row = []
    return None if row else out


def _rows(right: list[Piece], left: list[Piece], roles: list[str]) -> list[list[Piece]] | None:
    width = len(roles)
    before = _chunks(right)
    if before is None or any(len(r) > width for r in before):
        return None
    wanted = sum(width - len(r) for r in before)
    after = _chunks(left[wanted:])
    if after is None or wanted > len(left):
        return None
    rows: list[list[Piece]] = []
    k = 0
    for row in before:
        lack = width - len(row)
        rows.append(left[k : k + lack] + row)
        k += lack
    for row in after:
        if len(row) == width + 1 and role(row[0].text) == LEVEL2:
            rows.append(row)
        elif len(row) == width:
            rows.append(row)
        else:
            return None
    if not all(_fits(row[-width:], roles) for row in rows):
        return None
    return rows


def _fits(cells: list[Piece], roles: list[str]) -> bool:
    """Whether the cells read as an indicator row under the columns' roles."""
    by_role = {r: compacted(c.text) for r, c in zip(roles, cells, strict=True)}
    name, op = by_role.get("col:name", ""), by_role.get("col:op")
    if not name or is_figure(name) or role(name) is not None or is_operator(name):
        return False
    if op is not None and not is_operator(op):
        return False
    if is_figure(by_role.get("col:unit", "")):
        return False
    weight, score = weight_figure(by_role.get("col:weight", "")), weight_figure(by_role.get("col:score", ""))
    return weight is not None and score is not None and score <= weight


def weight_figure(text: str) -> Decimal | None:
    """A weight's or score's figure (no percent), else None."""
    if "%" in text or not is_figure(text):
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


@lru_cache(maxsize=1)
def _operators() -> frozenset[str]:
    """The comparison signs and words of patterns/operators.toml, and the forms
    patterns/normalize.toml [chars] folds to them (＝, ≧)."""
    ops = set(patterns.load("operators")["ops"])
    chars = patterns.load("normalize")["chars"]
    return frozenset(ops | {k for k, v in chars.items() if v in ops})


def is_operator(text: str) -> bool:
    """A comparison sign or word (≥, ＝, 不低于)."""
    return text in _operators()
