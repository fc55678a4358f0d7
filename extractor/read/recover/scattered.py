"""An indicator header whose words pdftotext scattered among its first row's cells: one entry
point, ``gathered(pieces)``.

pdftotext (without -layout) writes a page's text blocks in its reading order, so the words of a
header over two rows (一级指标 … 年度指标值 over 指标性质 / 指标值 / 度量单位) can come out in
several runs with the cells of the first row between them, and the level column's merged cells
right after its header word::

    一级指标 / 效益指标 / 满意度指标 / 年度指标值 / 二级指标 / 三级指标 / 经济效益指标 / 减轻… /
    指标性质 / 指标值 / 定性 / 有效 / 度量单位 / 实际完成值 / 分值 / 得分 / 有效 / 10 / 10 / …

The header's words are moved before those cells, which keep their order: one header row, then the
rows. It is done only where the words, read in order, are a header left to right (一级 before 二级
before 三级 before the measures, 分值 and 得分 last) and the cells between them are fewer than one
row's (a page whose header is written after whole rows is ``late.py``'s); the header opens a
table of its own (the rows before it are another block's). A word over other words
(年度指标值 before 指标值) takes no column. Level names written one after another before the first
row's own level are the level column's merged cells away from their rows: which rows each covers
is not known, so they are left out (a level missing, not a wrong one). Only the text's first
indicator header is gathered: after another one, rows written before it may be its table's rows
left unread, and the rows after them could not be numbered. A header written late whose rows are
all read (``late.py``) is no such header: the next one is still gathered.
"""

from __future__ import annotations

from dataclasses import replace

from extractor.read.recover.headorder import ordered_columns
from extractor.read.recover.late import late_header
from extractor.read.recover.model import Piece
from extractor.read.recover.parents import level1_before
from extractor.read.recover.vocabulary import LEVEL1, LEVEL2, role

MAX_RUN = 4  # cells of the first row written together between two runs of header words
INDICATOR_WORDS = {"col:level1", "col:level2", "col:name"}
STOPS = {"key", "label", "funds", "group"}


def gathered(pieces: list[Piece]) -> list[Piece]:
    """`pieces` with each scattered indicator header's words moved before its first row's cells."""
    out: list[Piece] = []
    seen = False  # an indicator header word before i
    i = 0
    while i < len(pieces):
        if not seen and (late := late_header(pieces, i)) is not None:
            out.extend(late[0])  # a whole table: the headers after it may be gathered
            i = late[1]
            continue
        found = None if seen else _scattered(pieces, i)
        if found is None:
            seen = seen or _indicator_word(pieces[i])
            out.append(pieces[i])
            i += 1
            continue
        header, cells, end, away = found
        header[0] = replace(header[0], opens=True)
        before = level1_before(away, cells + pieces[end:])
        for piece in header + cells:
            out.extend(before.pop(id(piece), []))
            out.append(piece)
        i = end
        while i < len(pieces) and before:
            seen = seen or _indicator_word(pieces[i])
            out.extend(before.pop(id(pieces[i]), []))
            out.append(pieces[i])
            i += 1
    return out


def _indicator_word(piece: Piece) -> bool:
    return role(piece.text) in INDICATOR_WORDS


def _scattered(pieces: list[Piece], i: int) -> tuple[list[Piece], list[Piece], int, list[Piece]] | None:
    """The header words, the cells between them, where the stretch ends and the level names
    written before the first row's own 二级 name (left out of the cells), for a header whose first
    word (一级指标) is at i and whose words are parted by cells; None if it is not so."""
    if role(pieces[i].text) != "col:level1":
        return None
    words, between = [pieces[i]], []
    run, last = 0, i
    for k in range(i + 1, len(pieces)):
        piece = pieces[k]
        if piece.prose:
            break
        if piece.blank:
            continue
        found = role(piece.text)
        if found is not None and found.startswith("col:"):
            words.append(piece)
            between.extend(pieces[last + 1 : k])
            run, last = 0, k
            continue
        run += 1
        if found in STOPS or run > MAX_RUN:
            break
    cells = [p for p in between if not p.blank]
    words = ordered_columns(words)
    if words is None or not cells or len(cells) >= len(words):
        return None
    own = _own_levels(cells)
    away = cells[: len(cells) - len(own)] if own and role(own[0].text) == LEVEL2 else []
    return words, own, last + 1, away


def _own_levels(cells: list[Piece]) -> list[Piece]:
    """The cells without the level names written one after another before the first row's own:
    of a run of three or more, only the last, a 二级 name, is its row's."""
    run = 0
    while run < len(cells) and role(cells[run].text) in (LEVEL1, LEVEL2):
        run += 1
    if run < 3 or role(cells[run - 1].text) != LEVEL2:
        return cells if run < 3 else cells[run:]
    return cells[run - 1 :]
