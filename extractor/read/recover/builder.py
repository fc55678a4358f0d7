"""Rows of a table written one cell a line, cut where the header and the labels say: one entry
point, ``Builder(pieces, fragments).build(i)``.
"""

from __future__ import annotations

import regex

import patterns
from extractor.numbers import alternation
from extractor.read import wrapped
from extractor.read.recover.complete import complete_readings
from extractor.read.recover.fragments import FIGURE_KINDS, is_level, top_aligned, value_columns
from extractor.read.recover.lines import MAX_COLUMNS
from extractor.read.recover.model import Block, Piece, Row, header_block, merge
from extractor.read.recover.typed import typed_rows
from extractor.read.recover.vocabulary import (
    DIGIT,
    LEVEL1,
    LEVEL2,
    STARTERS,
    compacted,
    is_column,
    is_corner,
    is_total,
    names_group,
    role,
    short_levels,
    signs,
)

ROWS_CHECKED = 2  # rows after a header whose first cells tell where the header ends
# a cell opening with its figure (100%, ≥30个, 15), its operator a glyph of patterns/operators.toml
_GLYPHS = alternation(op for op in patterns.load("operators")["ops"] if not regex.search(r"\p{Han}", op))
FIGURE_FIRST = regex.compile(rf"\s*(?:{_GLYPHS})?\s*\d")


def after_blanks(pieces: list[Piece], k: int) -> int:
    while k < len(pieces) and pieces[k].blank:
        k += 1
    return k


def header_end(pieces: list[Piece], i: int) -> int | None:
    """Where a header row starting at i ends: [group] [empty corner] column header × 2 or more."""
    j = i
    if j < len(pieces) and _named_by_group(pieces, j):
        return _columns_end(pieces, j + 1)
    if j < len(pieces) and role(pieces[j].text) == "group":
        j += 1
        if j < len(pieces) and pieces[j].blank:
            j += 1
    elif j < len(pieces) and is_corner(pieces[j].text):
        j += 1
    k = j
    while k < len(pieces) and k - j < MAX_COLUMNS and is_column(pieces[k].text):
        k += 1
    if j > i and not is_column(pieces[i].text) and role(pieces[i].text) != "group" and k - j < 3:
        return None
    if k - j >= 3 and _opens_the_first_row(pieces, k, k - i):
        k -= 1
    return k if k - j >= 2 else None


def _opens_the_first_row(pieces: list[Piece], k: int, width: int) -> bool:
    """Whether the last column word before k opens the first row instead (指标名称 | 年度指标值 |
    实际完成值 | 分值 | 得分, then 预算执行率 / 100% / 79.11% / 10 / 7.91): one column fewer, the rows
    open with words; with it, they would open with figures."""

    def opens(start: int, w: int, word: bool) -> bool:
        heads = [start + r * w for r in range(ROWS_CHECKED)]
        if heads[-1] >= len(pieces):
            return False
        return all(not pieces[h].blank and (not FIGURE_FIRST.match(pieces[h].text)) == word for h in heads)

    return opens(k - 1, width - 1, word=True) and opens(k, width, word=False)


def _columns_end(pieces: list[Piece], k: int) -> int:
    start = k
    while k < len(pieces) and k - start < MAX_COLUMNS and is_column(pieces[k].text):
        k += 1
    return k


def _named_by_group(pieces: list[Piece], i: int) -> bool:
    """The group word at i heads the name column of the two or more value columns after it."""
    end = _columns_end(pieces, i + 1)
    return end - i - 1 >= 2 and names_group(pieces[i].text, [p.text for p in pieces[i + 1 : end]])


class Builder:
    """Rows of a table written one cell a line, cut where the header and the labels say. Given the
    text (a copy in fragments), an indicator row's pieces are cut into its cells by
    ``read/wrapped.py``."""

    def __init__(self, pieces: list[Piece], fragments: str | None = None) -> None:
        self.pieces = pieces
        self.text = fragments
        self.top = fragments is not None and top_aligned(pieces, fragments)
        self.uncut = False  # an indicator row of the block could not be cut: the rest are not read
        self.block = Block()
        self.rows: list[Row] = []
        self.width = 0

    def build(self, i: int) -> tuple[list[Row], int]:
        while i < len(self.pieces):
            piece = self.pieces[i]
            if piece.prose or (piece.opens and any(row.header for row in self.rows)):
                break
            h = header_end(self.pieces, i)
            if h is not None:
                self._header(self.pieces[i:h], h)
                i = self._sub_header(h)
                continue
            if piece.blank:
                i += 1
                continue
            if self.rows and is_total(self.rows[-1].cells[0].text) and self._signs(i):
                break  # the report's signature after its 总分 row ends the table
            nxt = self._row(i)
            if nxt is None:
                break
            i = nxt
        return self.rows, i

    def _header(self, cells: list[Piece], end: int) -> None:
        """A header row; a funds header whose first cell is already a column (no corner cell over
        the row labels: the corner stands elsewhere in the text) followed by a row label gets an
        empty corner cell, so its columns stand over the figures and not over the labels."""
        after = after_blanks(self.pieces, end)
        labelled = after < len(self.pieces) and role(self.pieces[after].text) == "funds"
        if header_block(cells).kind == "funds" and is_column(cells[0].text) and labelled:
            first = cells[0]
            cells = [Piece("", first.start, first.start, first.line, first.line), *cells]  # the corner
        self.block = header_block(cells)
        self.uncut = False
        if self.text is not None:
            self.block.widths = [wrapped.widest(self.text[c.start : c.end]) for c in cells]
            self.block.ceilings = [wrapped.ceiling(self.text[c.start : c.end]) for c in cells]
        self.width = max(self.width, len(cells))
        self.rows.append(Row(cells, 0, header=True, whole=self.text is not None))

    def _sub_header(self, i: int) -> int:
        """A second header row under the one just read, written with its covered positions as empty
        lines (指标性质 / 指标值 / 度量单位 under 年度指标值): `lead` empty lines, the sub-column
        words, then an empty line for each header cell after their parent. The parent spans the
        sub-columns, the header's other cells span both rows, and the block takes the sub-columns'
        roles. Where the pieces after the header are not so, nothing is read and i is returned."""
        lead = after_blanks(self.pieces, i) - i
        k = i + lead
        while k < len(self.pieces) and is_column(self.pieces[k].text):
            k += 1
        subs = self.pieces[i + lead : k]
        trail = after_blanks(self.pieces, k) - k
        top = self.rows[-1]
        if len(subs) < 2 or not lead or lead + 1 + trail != len(top.cells):
            return i
        width = len(top.cells) + len(subs) - 1
        top.slots = [(c, 1) for c in range(lead)] + [(lead, len(subs))]
        top.slots += [(c, 1) for c in range(lead + len(subs), width)]
        self.rows.append(Row(subs, lead, header=True, slots=[(lead + n, 1) for n in range(len(subs))]))
        self.block = header_block(top.cells[:lead] + subs + top.cells[lead + 1 :])
        self.width = max(self.width, width)
        return k + trail

    def _row(self, i: int) -> int | None:
        first = self._role_at(i)
        block = self.block
        width = block.width or 2
        if self.text is not None and block.kind == "indicator" and first not in ("key", "label"):
            return self._wrapped_row(i)
        if block.kind == "indicator" and first in (LEVEL1, LEVEL2):
            col = self._level_col(i)
            complete = self._complete_rows(i, col)
            if complete is None and self.text is None:
                complete = self._typed_rows(i, col)
            if complete is not None:
                return complete
            return self._take(i, col, width - col, level=col == block.level1_col)
        if first == "funds" and block.kind == "funds":
            if self.text is not None:
                return self._wrapped_funds(i)
            return self._take(i, block.label_col, width - block.label_col)
        if first == "key" and self.text is not None:
            return self._wrapped_key(i)
        if first in ("key", "label"):
            return self._take(i, 0, width if self.width else 2, label=True)
        if block.kind == "indicator":
            return self._take(i, block.name_col, width - block.name_col)
        if self.rows and any(role(c.text) == "goal" for c in self.rows[-1].cells):
            return self._goal_values(i)
        if block.kind == "funds":
            return self._take(i, block.label_col, width - block.label_col)
        return None

    def _wrapped_row(self, i: int) -> int:
        """An indicator row of a copy in fragments: its level labels, then its name, values, weight,
        score and reason cut by ``wrapped.row_cells``. A row that cannot be cut keeps its level
        labels only, and ends the rows read (left out, it would renumber the indicators after it)."""
        levels = self._levels(i)
        k = i + len(levels)
        end = self._end(k)
        columns = value_columns(self.block)
        found = None
        if self.uncut:
            return max(end, i + 1)
        if columns is not None and end > k:
            floors = self.block.widths[self.block.name_col :]
            ceilings = self.block.ceilings[self.block.name_col :]
            found = wrapped.row_cells(self._atoms(k, end), *columns, floors, self.top, ceilings)
        col = self._levels_col(levels)
        if found is None:
            self.uncut = True
            if levels:
                self.rows.append(Row(levels, col))
            return max(end, i + 1)
        spans = [found.name, *found.values, found.weight, found.score]
        cells = [*levels, *self._cells(k, [*spans, found.reason] if columns[1] else spans)]
        self.rows.append(Row(cells, col, whole=True))
        return k + found.end

    def _wrapped_key(self, i: int) -> int:
        """A key label of a copy in fragments and its value: the pieces up to the next word of the
        vocabulary, one cell if they can be one (``wrapped.one_cell``), else left out."""
        end = i + 1
        while end < len(self.pieces) and role(self.pieces[end].text) is None and not self._stops(end, True):
            end += 1
        value = self._cells(i + 1, [(0, end - i - 1)]) if wrapped.one_cell(self._atoms(i + 1, end)) else []
        self.rows.append(Row([self.pieces[i], *value], 0, whole=True))
        return end

    def _wrapped_funds(self, i: int) -> int:
        """A budget row of a copy in fragments: its label and its figures, each possibly wrapped
        ('25000' / '0.00'), cut by ``wrapped.figure_cells``, each in its column (a '—' merged over
        the columns after the amounts in the first of them); a row that cannot be cut keeps its
        label only."""
        end = self._end(i + 1)
        kinds = [FIGURE_KINDS.get(r, "") for r in self.block.roles[self.block.label_col + 1 :]]
        floors = self.block.widths[self.block.label_col + 1 :]
        atoms = self._atoms(i + 1, end)
        found = wrapped.figure_cells(atoms, kinds, floors, self.top) if end > i + 1 else None
        cells = [self.pieces[i], *(self._cells(i + 1, found or []))]
        self.rows.append(Row(cells, self.block.label_col, whole=found is not None))
        return end

    def _end(self, k: int) -> int:
        """Where the row whose cells go on from k ends: at the next row's label, a header, prose."""
        while k < len(self.pieces) and not self._stops(k, False):
            k += 1
        return k

    def _levels(self, i: int) -> list[Piece]:
        """The level labels opening the row at i: 一级 and 二级, or 二级 alone (a word of the levels'
        vocabulary, or its short form where the header has level columns)."""
        out: list[Piece] = []
        for kind in (LEVEL1, LEVEL2):
            k = i + len(out)
            if k < len(self.pieces) and is_level(self.pieces[k].text, kind, self.block):
                out.append(self.pieces[k])
        return out

    def _levels_col(self, levels: list[Piece]) -> int:
        """The column a copy's row starts at: its first level's, or the name's with no level."""
        block = self.block
        if not levels:
            return block.name_col
        if len(levels) == 2 or role(levels[0].text) == LEVEL1:
            return block.level1_col
        return block.level2_col

    def _atoms(self, k: int, end: int) -> list[wrapped.Atom]:
        text = self.text or ""
        out = []
        for n in range(k, end):
            piece = self.pieces[n]
            before = self.pieces[n - 1].end if n else 0
            out.append(wrapped.Atom(piece.text, "\n" in text[before : piece.start]))
        return out

    def _cells(self, k: int, spans: list[tuple[int, int] | None]) -> list[Piece]:
        """The pieces from k cut at the atom ranges `spans` (None: an empty cell)."""
        out: list[Piece] = []
        for span in spans:
            if span is None:
                at = out[-1].end if out else self.pieces[k].start
                out.append(Piece("", at, at, at, at))
            else:
                group = self.pieces[k + span[0] : k + span[1]]
                merged = merge(group)
                merged.text = "".join(p.text for p in group)  # a wrapped cell's lines, run on
                out.append(merged)
        return out

    def _next_role(self, i: int) -> str | None:
        return self._role_at(i + 1) if i + 1 < len(self.pieces) else None

    def _role_at(self, k: int) -> str | None:
        """The role of piece k; in an indicator block a level name written without 指标 ('产出'
        before '数量', '数量' before a name: tables.toml level1_short/level2_short) is a level."""
        text = self.pieces[k].text
        found = role(text)
        if found is not None or self.block.kind != "indicator" or k + 1 >= len(self.pieces):
            return found
        after = compacted(self.pieces[k + 1].text)
        short = short_levels()
        one, two = short[LEVEL1], short[LEVEL2]
        nxt = role(after)
        if compacted(text) in one and (after in two or nxt == LEVEL2):
            return LEVEL1
        if compacted(text) in two and after and after not in two and nxt is None and not DIGIT.search(after):
            return LEVEL2
        return None

    def _level_col(self, i: int) -> int:
        """The column of the level word at i: 一级 (or a 二级 word followed by another) or 二级."""
        first, block = self._role_at(i), self.block
        return block.level1_col if first == LEVEL1 or self._next_role(i) == LEVEL2 else block.level2_col

    def _complete_rows(self, i: int, col: int) -> int | None:
        """The indicator rows from the level word at i to the next row's label, when the text holds
        every cell of every row, a cell merged over rows as a blank line where it is covered (Word's
        and LibreOffice's text export): the pieces then fill whole rows of the header's width, the
        next label standing after the blanks of its own covered columns. A cell of several
        paragraphs is written on several lines: where the count is off, lines of text next to each
        other are joined, and only a single way of joining them that gives rows whose score and
        weight columns hold figures is taken. None when no such reading is found."""
        j = i + 2 if col == self.block.level1_col and self._next_role(i) == LEVEL2 else i + 1
        while j < len(self.pieces) and not self._stops(j, False):
            j += 1
        nxt = self._role_at(j) if j < len(self.pieces) else None
        covered = self._level_col(j) if nxt in (LEVEL1, LEVEL2) else 0
        segment = self.pieces[i:j]
        readings = complete_readings(segment, col, covered, self.block)
        if len(readings) != 1:
            return None
        self.rows.extend(readings[0])
        return j

    def _typed_rows(self, i: int, col: int) -> int | None:
        """The indicator rows from the level word(s) at i to the next label, when the copy wrote no
        line for an empty cell nor for a merged cell's covered places: cut by the kinds of their
        cells (``typed``); None where that does not settle them."""
        levels = 2 if col == self.block.level1_col and self._next_role(i) == LEVEL2 else 1
        if levels == 1 and col != self.block.level2_col:
            return None
        j = i + levels
        while j < len(self.pieces) and not self._stops(j, False):
            j += 1
        rows = typed_rows(self.pieces[i:j], self.block, col, levels)
        if rows is None:
            return None
        self.rows.extend(rows)
        return j

    def _signs(self, k: int) -> bool:
        """Whether piece k opens the report's signature (``signs``)."""
        after = self.pieces[k + 1].text if k + 1 < len(self.pieces) else None
        return signs(self.pieces[k].text, after)

    def _stops(self, k: int, label: bool) -> bool:
        piece = self.pieces[k]
        if piece.prose or header_end(self.pieces, k) is not None:
            return True
        r = self._role_at(k)
        return r in STARTERS and not (label and r == "goal")

    def _take(self, i: int, col: int, width: int, label: bool = False, level: bool = False) -> int:
        """A row of at most `width` cells from i, ended early by the next row's label; a label row
        with goal columns (年度总体目标 | 预期目标 | 实际完成情况) ends after them."""
        cells = [self.pieces[i]]
        k = i + 1
        total = label and is_total(cells[0].text)
        while k < len(self.pieces) and len(cells) < max(width, 1):
            r = self._role_at(k)
            after_level = level and len(cells) == 1 and r == LEVEL2
            if not after_level and self._stops(k, label):
                break
            if total and signs(
                self.pieces[k].text, self.pieces[k + 1].text if k + 1 < len(self.pieces) else None
            ):
                break  # the report's signature after its 总分 row (某某局 / 2024年5月20日)
            if label and r != "goal" and any(role(c.text) == "goal" for c in cells):
                break
            cells.append(self.pieces[k])
            k += 1
        while len(cells) > 1 and cells[-1].blank and label:
            cells.pop()
            k -= 1
        self.rows.append(Row(cells, col, whole=self.text is not None and len(cells) == width))
        return k

    def _goal_values(self, i: int) -> int:
        """The row under 年度总体目标 | 预期目标 | 实际完成情况: one cell per goal column, a cell
        written on several lines when the lines divide evenly among the columns."""
        above = self.rows[-1]
        want = len(above.cells) - 1
        k = i
        while k < len(self.pieces) and not self._stops(k, False):
            k += 1
        cells = [p for p in self.pieces[i:k] if not p.blank]
        if want > 0 and len(cells) > want and len(cells) % want == 0:
            n = len(cells) // want
            cells = [merge(cells[g * n : (g + 1) * n]) for g in range(want)]
        self.rows.append(Row(cells, (above.start or 0) + 1))
        return k
