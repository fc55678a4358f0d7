"""A table written one cell a line made pieces: one entry point, ``flat_pieces(text, lines)``
(then ``join_words``, the pieces of one header or label word broken over lines joined).

With blank lines between cells, consecutive lines are one cell (a long text wrapped), unless
a sentence ends or a word of the vocabulary begins; without, each line is a cell.
"""

from __future__ import annotations

from collections import Counter

import regex

from extractor.read import wrapped
from extractor.read.recover.lines import is_prose
from extractor.read.recover.model import Line, Piece, clean, joined_text
from extractor.read.recover.vocabulary import (
    FIGURE,
    compacted,
    corner_words,
    exact_role,
    is_column,
    is_corner,
    role,
    role_prefix,
)

# Pieces longer than this are never joined into a header or label word.
PIECE_CHARS = 12
JOIN_MAX = 4
SENTENCE_END = regex.compile(r"[。；;！？]\s*$")


def flat_pieces(text: str, lines: list[Line]) -> list[Piece]:
    separated = _blank_separated(lines)
    sep = _separator(lines) if separated else 1
    out: list[Piece] = []
    group: list[Line] = []
    for n, line in enumerate(lines):
        stripped = line.text.strip()
        if is_prose(line):
            _flush(text, group, out)
            group = []
            out.append(Piece("", line.start, line.end, line.start, line.start, prose=True))
        elif not stripped:
            if separated:
                _flush(text, group, out)
                group = []
                # a line of one space, or an empty cell among a run of separators: an empty cell
                if line.text or _empty_between_separators(lines, n, sep):
                    out.append(Piece("", line.start, line.start, line.start, line.start))
            else:
                out.append(Piece("", line.start, line.start, line.start, line.start))
        elif separated:
            if group and (
                _starts_after_sentence(group[-1], line)
                or _corner_before_columns(lines, n)
                or _word_after_cell(group, line)
            ):
                _flush(text, group, out)
                group = []
            group.append(line)
        else:
            _flush(text, [line], out)
    _flush(text, group, out)
    return out


def _separator(lines: list[Line]) -> int:
    """How many blank lines part two cells most often (1: a blank line after every cell)."""
    runs: Counter[int] = Counter()
    k = 0
    for line in lines:
        if line.text:
            runs[k] += bool(k)
            k = 0
        else:
            k += 1
    return max(runs, key=lambda n: (runs[n], -n)) if runs else 1


def _empty_between_separators(lines: list[Line], n: int, sep: int) -> bool:
    """Blank line n is an empty cell with its own separator after it: in a run of blank lines
    longer than the document's separator (cell, separator, empty cell, separator, cell), the line
    after each separator is an empty cell (a web page copied with a blank line after every cell,
    its empty cells too)."""
    first = n
    while first > 0 and not lines[first - 1].text:
        first -= 1
    last = n
    while last + 1 < len(lines) and not lines[last + 1].text:
        last += 1
    empties = (last - first + 1 - sep) // (sep + 1)
    at = n - first - sep
    return 0 <= at < empties * (sep + 1) and at % (sep + 1) == 0


SEPARATED_SHARE = 0.7  # of the lines with text followed by a blank line: blank lines part the cells
SHORT_RUN = 3  # lines: a cell wrapped over a few lines at most
SHORT_RUNS_SHARE = 0.85  # of the lines with text in runs of SHORT_RUN lines or fewer


def _blank_separated(lines: list[Line]) -> bool:
    """Whether blank lines part the cells (a web page copied, pdftotext's text): most lines with
    text are followed by a blank line, or nearly all stand in runs of a few lines (cells wrapped
    over two or three lines, as pdftotext writes a narrow column's cells)."""
    runs: list[int] = []
    n = 0
    for line in lines:
        if line.text.strip():
            n += 1
        elif n:
            runs.append(n)
            n = 0
    runs += [n] if n else []
    content = sum(runs)
    followed = sum(1 for a, b in zip(lines, lines[1:], strict=False) if a.text.strip() and not b.text)
    short = sum(r for r in runs if r <= SHORT_RUN)
    return bool(content) and (followed >= SEPARATED_SHARE * content or short >= SHORT_RUNS_SHARE * content)


def _starts_after_sentence(before: Line, line: Line) -> bool:
    """A line that can begin a table (a word of the vocabulary such as 项目名称, or a short corner
    cell such as 项目) after a finished sentence: the prose ends there. Any other line after a
    non-blank one continues its cell (a long cell wrapped over lines)."""
    if not SENTENCE_END.search(before.text):
        return False
    text = clean(line.text)
    corner = is_corner(text)
    return role(text) is not None or (corner and not SENTENCE_END.search(text))


def _word_after_cell(group: list[Line], line: Line) -> bool:
    """A line that is a word of the vocabulary or the start of one (项目资金（万元）, '一级指' of
    '一级指' / '标') right under a cell's text with no blank line between, and no word together with
    it: a cell of its own where the text before it is one too (a word, a figure, a placeholder) or
    the line is a whole word."""
    before = joined_text([ln.text for ln in group])
    if exact_role(joined_text([before, line.text])) is not None:
        return False
    if exact_role(line.text) is not None:
        return True
    compact = compacted(before)
    whole = exact_role(before) is not None or FIGURE.match(compact) or compact in wrapped.placeholders()
    return bool(whole) and role_prefix(line.text)


def _corner_before_columns(lines: list[Line], n: int) -> bool:
    """Line n is a corner word (项目, 科目: tables.toml [recover] corners) and the next non-empty
    line a column header: the header row starts there, whatever the line before it."""
    if compacted(lines[n].text) not in corner_words():
        return False
    after = next((ln for ln in lines[n + 1 :] if ln.text.strip()), None)
    return after is not None and is_column(after.text)


def _flush(text: str, group: list[Line], out: list[Piece]) -> None:
    if not group:
        return
    first, last = group[0], group[-1]
    s = first.start + (len(first.text) - len(first.text.lstrip()))
    e = last.start + len(last.text.rstrip())
    out.append(Piece(joined_text([ln.text for ln in group]), s, e, first.start, last.start))


def join_words(pieces: list[Piece], most: int = JOIN_MAX) -> list[Piece]:
    """Pieces of one header or label word broken over lines (年初 / 预算数) joined into one cell,
    `most` pieces at the most."""
    short = [_short(p) for p in pieces]
    out: list[Piece] = []
    i = 0
    while i < len(pieces):
        taken = 1
        for k in range(_short_run(short, i, most), 1, -1):
            group = pieces[i : i + k]
            if _joins(group):
                taken = k
                break
        group = pieces[i : i + taken]
        if taken > 1:
            out.append(
                Piece(
                    joined_text([p.text for p in group]),
                    group[0].start,
                    group[-1].end,
                    group[0].line,
                    group[-1].last_line,
                )
            )
        else:
            out.append(group[0])
        i += taken
    return out


def _short(piece: Piece) -> bool:
    return bool(piece.text) and len(piece.text) <= PIECE_CHARS


def _short_run(short: list[bool], i: int, most: int) -> int:
    """How many pieces from i on, `most` at the most, are short: no longer group can join."""
    n = 0
    while n < most and i + n < len(short) and short[i + n]:
        n += 1
    return n


def _joins(group: list[Piece]) -> bool:
    """Short pieces that together are one word, and not each a word of their own (执行率 / 得分), as
    written (实际完成, one character from 实际完成值, is no word of its own before 指标值(B)), nor a
    word's fragments followed by a word of its own ('执' / '行' / '率' / '得分': 执行率 and 得分, as
    when each stands whole); ``join_words`` passes short pieces only."""
    whole_words = all(_whole(p.text) for p in group)
    if whole_words or exact_role(joined_text([p.text for p in group])) is None:
        return False
    return not (len(group) > 2 and _joins(group[:-1]) and _whole(group[-1].text))


def _whole(text: str) -> bool:
    return exact_role(text) not in (None, "col:budget_table")
