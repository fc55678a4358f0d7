"""一级 cells pdftotext wrote away from their rows, placed by the rows' 二级 names: the 一级 name
each 二级 name stands under is patterns/tables.toml [indicator.levels.parents].

Used by ``scattered`` and ``late``: the level names written together after the header's 一级指标
(效益指标 / 满意度指标) are placed only where the rows' 二级 names, read in order, run under
exactly those 一级 names in that order (经济效益, 社会效益, 可持续影响 under 效益指标, then 服务对象
满意度 under 满意度指标); anything else places none (a level missing, not a wrong one).
"""

from __future__ import annotations

from functools import lru_cache

import regex

import patterns
from extractor.read.recover.model import Piece
from extractor.read.recover.vocabulary import LEVEL1, LEVEL2, compacted, role

STOPS = {"key", "label", "funds", "group"}  # the end of a table's rows


@lru_cache(maxsize=1)
def _parents() -> dict[str, str]:
    """Each 二级 name's 一级 name."""
    tree = patterns.load("tables")["indicator"]["levels"]["parents"]
    return {child: parent for parent, children in tree.items() for child in children}


@lru_cache(maxsize=1)
def _decoration() -> regex.Pattern[str]:
    levels = patterns.load("tables")["indicator"]["levels"]
    return regex.compile(f"(?:{levels['weight_note']})?(?:{levels['level2_tail']})$")


def level_name(text: str) -> str:
    """A level cell's name without its weight note or tail (产出指标（50分） -> 产出指标)."""
    return _decoration().sub("", compacted(text))


def parent_of(text: str) -> str | None:
    return _parents().get(level_name(text))


def firsts(names: list[Piece]) -> list[Piece]:
    """Of level names written together, the 一级 ones: a 一级 name that is no 二级 name under
    another one written (成本指标 under 产出指标 is a 二级 name)."""
    parents = set(_parents().values())
    written = {level_name(p.text) for p in names}
    out = []
    for piece in names:
        name = level_name(piece.text)
        over = parent_of(name)
        if name in parents and not (over in written and over != name):
            out.append(piece)
    return out


def starts(level1: list[Piece], level2: list[Piece]) -> list[int] | None:
    """Where each 一级 name's rows start among the rows' 二级 names (indexes into `level2`), when
    the 二级 names' 一级 names, in order, are the `level1` names in order; else None."""
    runs: list[int] = []
    last = None
    for n, piece in enumerate(level2):
        parent = parent_of(piece.text)
        if parent is None:
            return None
        if parent != last:
            runs.append(n)
            last = parent
    names = [parent_of(level2[n].text) for n in runs]
    if not level1 or names != [level_name(p.text) for p in level1]:
        return None
    return runs


def level1_before(away: list[Piece], rows: list[Piece]) -> dict[int, list[Piece]]:
    """The 一级 names of `away` (level names written before the first row's own 二级 name), each
    to go before the 二级 name (by id) that opens its first row among `rows` (the first row's cells
    on, to the end of the table: prose, a label, a key or the next header); empty where they
    cannot be placed so, or a row opens with a 一级 name of its own."""
    level1 = firsts(away)
    if not level1:
        return {}
    level2: list[Piece] = []
    for piece in rows:
        found = role(piece.text)
        if piece.prose or found in STOPS or found == "col:level1":
            break
        if found == LEVEL1:
            return {}
        if found == LEVEL2:
            level2.append(piece)
    runs = starts(level1, level2)
    if runs is None:
        return {}
    return {id(level2[n]): [level1[m]] for m, n in enumerate(runs)}
