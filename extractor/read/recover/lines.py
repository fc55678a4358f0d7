"""The lines of a text as recovery reads them: one entry point, ``text_lines(text)``.

Each line's explicit cells (pipes, tabs, wide gaps, single spaces between words of the
vocabulary) are found, a line of one cell closed by a pipe is read as that cell alone, a level
name cut off from its pipe row is joined to it, and page-number lines are left out.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

import patterns
from extractor.read.recover.model import Line
from extractor.read.recover.vocabulary import FIGURE, LEVEL1, LEVEL2, corner_words, role

# A line longer than this is prose, never a cell of a table written one cell a line.
PROSE_CHARS = 80

# A header row never has more columns than this (a longer run of header words is cut into rows).
MAX_COLUMNS = 40
PIPE = regex.compile(r"[|｜]")
PIPES = ("|", "｜")

# A line that is one cell closed by a pipe ('年初预算 |', '| 100 |'), or a lone pipe (an empty cell):
# a table written one cell a line by a page that ends every cell with a separator.
ONE_CELL = regex.compile(r"^[ \u3000]*[|｜]?[ \u3000]*(?P<cell>[^|｜]*?)[ \u3000]*[|｜][ \u3000]*$")
GAP = regex.compile(r"(?: {2,}|\u3000+|\t)")
SPACE = regex.compile(r"(?<=\S) (?=\S)")
# A Markdown table's alignment row ('| :--- | ---: |'): no row of the table, which goes on below it.
ALIGNMENT = regex.compile(patterns.load("tables")["recover"]["alignment_cell"])


def text_lines(text: str) -> list[Line]:
    """The text's lines, page-number lines left out (a table goes on across them)."""
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        line = _one_cell(raw, pos) or Line(pos, pos + len(raw), raw, _explicit_cells(raw, pos))
        if _is_page_number(line) or _is_rule_row(line):
            pass
        elif out and _continues_row(out[-1], line):
            out[-1] = Line(out[-1].start, line.end, text[out[-1].start : line.end], _row_cells(out[-1], line))
        else:
            out.append(line)
        pos += len(raw) + 1
    return out


def _is_rule_row(line: Line) -> bool:
    at = line.start
    return bool(line.cells) and all(
        ALIGNMENT.match(line.text[s - at : e - at].strip()) for s, e in line.cells
    )


def _continues_row(before: Line, line: Line) -> bool:
    """A level name alone on its line ('成本指标') and a row that opens with a pipe on the next one
    ('| 宣传片制作费 | 200万 | …'): one row whose first cell was cut off by a line break."""
    if before.cells or not line.cells or not PIPE.match(line.text.lstrip()):
        return False
    return role(before.text) in (LEVEL1, LEVEL2)


def _row_cells(before: Line, line: Line) -> list[tuple[int, int]]:
    lead = len(before.text) - len(before.text.lstrip())
    return [(before.start + lead, before.start + len(before.text.rstrip())), *line.cells]


def _one_cell(raw: str, pos: int) -> Line | None:
    """A line of one cell and its closing pipe, as the line of the cell's text alone (so that it is
    read like a table written one cell a line); a lone pipe is an empty cell. A line that does not
    end with a pipe (before spaces) cannot match, and is ruled out without the pattern (whose lazy
    cell costs a step a character)."""
    if raw.rstrip(" \u3000")[-1:] not in PIPES:
        return None
    m = ONE_CELL.match(raw)
    if m is None:
        return None
    s, e = m.span("cell")
    return Line(pos + s, pos + e, raw[s:e] or " ")  # an empty cell: a line of one space


def _explicit_cells(raw: str, offset: int) -> list[tuple[int, int]]:
    """Offsets of the cells of a line written as a row (pipes, tabs, wide gaps); [] if it is not one."""
    if len(raw) > 20000:
        return []
    stripped = raw.strip(" \u3000\f\v")
    if not stripped:
        return []
    lead = offset + raw.index(stripped[0])
    if PIPE.search(stripped):
        cuts = [m.span() for m in PIPE.finditer(stripped)]
        bounds = _between(stripped, cuts)
        if stripped[0] in "|｜":
            bounds = bounds[1:]
        if stripped[-1] in "|｜":
            bounds = bounds[:-1]
    else:
        bounds = _between(stripped, [m.span() for m in GAP.finditer(stripped)])
        if _spaced_word(stripped, bounds):
            return []  # '项  目', '合  计': one word spaced out, a cell of its own
        if len(bounds) < 2:
            bounds = _single_spaced(stripped)
    if len(bounds) < 2:
        return []
    return [_trimmed(stripped, s, e, lead) for s, e in bounds]


def _spaced_word(text: str, bounds: list[tuple[int, int]]) -> bool:
    """Whether the line's pieces are single characters that together are a label or corner word of
    the vocabulary ('项  目', '合  计', as Word writes a short label spaced out to its cell's width)."""
    pieces = [text[s:e].strip() for s, e in bounds]
    if len(pieces) < 2 or any(len(p) != 1 for p in pieces):
        return False
    word = "".join(pieces)
    return role(word) is not None or word in corner_words()


def _single_spaced(text: str) -> list[tuple[int, int]]:
    """Cells cut by single spaces ('支出合计 12.50 10.20 81.60%'), only when every cell is a word of
    the vocabulary, a corner word or a figure, and one at least a word; [] otherwise."""
    cuts = [m.span() for m in SPACE.finditer(text)]
    if not cuts or len(cuts) >= MAX_COLUMNS:
        return []
    bounds = _between(text, cuts)
    words = [text[s:e] for s, e in bounds]
    known = [role(w) is not None for w in words]
    if not any(known):
        return []
    ok = all(k or w in corner_words() or FIGURE.match(w) for w, k in zip(words, known, strict=True))
    return bounds if ok else []


def _between(text: str, cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for s, e in cuts:
        out.append((pos, s))
        pos = e
    out.append((pos, len(text)))
    return out


def _trimmed(text: str, s: int, e: int, lead: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s == e:
        return lead + s, lead + s
    return lead + s, lead + e


@lru_cache(maxsize=1)
def _page_marker() -> regex.Pattern[str]:
    """The page-number forms as one pattern (none has groups): one match a line, not one a form."""
    return regex.compile("|".join(f"(?:{p})" for p in patterns.load("normalize")["page_markers"]))


def _is_page_number(line: Line) -> bool:
    """A page-number line (``- 3 -``, ``第 3 页 共 9 页``) left in by a PDF export: no cell, no break."""
    stripped = unicodedata.normalize("NFKC", line.text).strip()
    return bool(stripped) and _page_marker().match(stripped) is not None


def is_prose(line: Line) -> bool:
    text = line.text.strip()
    return len(text) > PROSE_CHARS or bool(_heading().match(text))


@lru_cache(maxsize=1)
def _heading() -> regex.Pattern[str]:
    return regex.compile(patterns.load("tables")["indicator"]["end_heading"])
