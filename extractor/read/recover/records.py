"""Records written as ``label：value`` lines (a table shown as cards on a mobile page, then
copied): one entry point, ``record_rows(lines)``.

A card is a run of lines, each a column label of the vocabulary (年初预算数, 三级指标, 得分 …), a
colon and the cell's value ('三级指标：生活垃圾清运量'); blank lines may stand between them, and a
card ends where its first label comes again (the next card) or at a line of another kind. The
cards of one run that give the same labels, in the same order, are one table: the labels are its
header row and every card a row under it, as the page's table had them. A group header on the
line just before the run (项目资金（万元）) is the header row's first cell, over an empty one.
"""

from __future__ import annotations

import regex

from extractor.read.recover.model import Line, Piece, Row
from extractor.read.recover.vocabulary import is_column, role

RECORD_LINE = regex.compile(r"^\s*(?P<l>[^:：\s]{2,16})\s*[:：]\s*(?P<v>\S.*?)?\s*$")
LEAST_COLUMNS = 2  # labels of the vocabulary a card gives at least


def record_rows(lines: list[Line]) -> list[list[Row]]:
    """The rows of every table of cards in the lines."""
    out = []
    i = 0
    while i < len(lines):
        cards, j = _cards(lines, i)
        if cards:
            out += _tables(cards, _group_before(lines, i))
            i = j
        else:
            i += 1
    return out


def _pair(line: Line) -> tuple[Piece, Piece] | None:
    if ":" not in line.text and "：" not in line.text:
        return None  # no record line (RECORD_LINE needs its colon): ruled out without the pattern
    m = RECORD_LINE.match(line.text)
    if m is None or not is_column(m["l"]):
        return None
    base = line.start
    label = Piece(m["l"], base + m.start("l"), base + m.end("l"), line.start, line.start)
    if m["v"] is None:
        at = base + m.end("l")
        return label, Piece("", at, at, line.start, line.start)
    return label, Piece(m["v"], base + m.start("v"), base + m.end("v"), line.start, line.start)


def _cards(lines: list[Line], i: int) -> tuple[list[list[tuple[Piece, Piece]]], int]:
    """The cards of the run of record lines from line i, and the line after the run."""
    cards: list[list[tuple[Piece, Piece]]] = []
    j = i
    while j < len(lines):
        if not lines[j].text.strip():
            j += 1
            continue
        pair = _pair(lines[j])
        if pair is None:
            break
        if not cards or pair[0].text in {p[0].text for p in cards[-1]}:
            cards.append([])
        cards[-1].append(pair)
        j += 1
    cards = [c for c in cards if len(c) >= LEAST_COLUMNS]
    return cards, j


def _group_before(lines: list[Line], i: int) -> Piece | None:
    """The group header on the line before line i (项目资金（万元）), if it is one."""
    k = i - 1
    while k >= 0 and not lines[k].text.strip():
        k -= 1
    if k < 0 or role(lines[k].text) != "group":
        return None
    line = lines[k]
    text = line.text.strip()
    at = line.start + line.text.index(text)
    return Piece(text, at, at + len(text), line.start, line.start)


def _tables(cards: list[list[tuple[Piece, Piece]]], group_cell: Piece | None) -> list[list[Row]]:
    """Consecutive cards with the same labels, each group one table (header row, a row a card);
    the group header before the run heads the first."""
    out = []
    group: list[list[tuple[Piece, Piece]]] = []
    for card in cards:
        if group and [p[0].text for p in card] != [p[0].text for p in group[0]]:
            out.append(_rows(group, None if out else group_cell))
            group = []
        group.append(card)
    if group:
        out.append(_rows(group, None if out else group_cell))
    return out


def _rows(group: list[list[tuple[Piece, Piece]]], group_cell: Piece | None) -> list[Row]:
    lead = [group_cell] if group_cell is not None else []
    header = Row([*lead, *(label for label, _ in group[0])], 0, header=True)
    rows = [header]
    for card in group:
        blank = (
            [Piece("", card[0][1].start, card[0][1].start, card[0][1].line, card[0][1].line)] if lead else []
        )
        rows.append(Row([*blank, *(value for _, value in card)], 0, whole=True))
    return rows
