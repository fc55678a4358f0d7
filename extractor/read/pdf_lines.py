"""Characters grouped into lines of text: one entry point, ``build_lines(chars)``.

Characters are grouped by height and sorted left to right; spaces are added for gaps between
Latin letters and digits, never between CJK characters; a run of spaces keeps its length
(measured from its width, since pdfium reports a run as one character). ``cell_text`` joins a
table cell's lines.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator

import regex

from extractor.read.pdf_model import Char, Line

# Layout tolerances, in multiples of the font size.
SAME_LINE = 0.4  # vertical centres this close: one line
WORD_GAP = 0.25  # gap between Latin letters or digits that is a space
COLUMN_GAP = 1.5  # gap wide enough to be a space between any characters
CJK_GAP = 0.3  # gap beyond a line's usual spacing that is a space beside a CJK character
RUN_SLACK = 0.25  # a run of spaces is as wide as a whole number of spaces, within this share of one
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff00-\uffef]")
LATIN_END = regex.compile(r"[A-Za-z]$")
LATIN_START = regex.compile(r"^[A-Za-z]")


def build_lines(chars: list[Char]) -> Iterator[Line]:
    """Group characters into lines (top to bottom), each sorted left to right."""
    rows: list[list[Char]] = []
    head_mid = head_size = 0.0  # the middle and size of the current row's first character
    by_mid = sorted([((ch.top + ch.bottom) / 2, ch.x0, i) for i, ch in enumerate(chars)])  # stable
    for mid, _, i in by_mid:
        ch = chars[i]
        if rows and abs(mid - head_mid) <= SAME_LINE * min(ch.size, head_size):
            rows[-1].append(ch)
        else:
            rows.append([ch])
            head_mid, head_size = mid, ch.size
    for row in rows:
        row.sort(key=lambda ch: ch.x0)
        glyphs: list[Char | None] = []
        text = line_text(row, glyphs)
        if text:
            ink = [ch for ch in row if ch.text.strip()]
            size = Counter(round(ch.size, 1) for ch in ink).most_common(1)[0][0]
            top, bottom = min(ch.top for ch in ink), max(ch.bottom for ch in ink)
            yield Line(text, ink[0].x0, ink[-1].x1, top, bottom, size, _lead(ink), glyphs)


def _lead(ink: list[Char]) -> float:
    """Width of the line's first piece that a line break cannot split."""
    end = 1
    if not _is_cjk(ink[0].text):
        while end < len(ink) and not _is_cjk(ink[end].text) and ink[end].x0 - ink[end - 1].x1 < 0.5:
            end += 1
    return ink[end - 1].x1 - ink[0].x0


@functools.lru_cache(maxsize=8192)
def _is_cjk(text: str) -> bool:
    """Whether a character's text starts with a CJK character (asked per character of every line)."""
    return _CJK.match(text) is not None


def line_text(row: list[Char], glyphs: list[Char | None] | None = None) -> str:
    """The text of one line: real spaces kept, a run of them as long as it is wide (pdfium
    reports a run of spaces as one character), spaces added for wide gaps (not between CJK).
    ``glyphs``, if given, receives the character each character of the text was read from
    (None for a space: its box says nothing about a value's)."""
    glyphs = [] if glyphs is None else glyphs
    out: list[str] = []
    prev: Char | None = None
    spacing = _char_spacing(row)
    k = 0
    while k < len(row):
        ch = row[k]
        if ch.text.isspace():
            end = k + 1
            while end < len(row) and row[end].text.isspace():
                end += 1
            if prev is not None and end < len(row):
                n = _run_length(row[k:end], row[end], spacing)
                out.append(" " * n)
                glyphs += [None] * n
            prev, k = None, end
            continue
        if prev is not None and _needs_space(prev, ch, spacing):
            out.append(" ")
            glyphs.append(None)
        out.append(ch.text)
        glyphs += [ch] * len(ch.text)
        prev, k = ch, k + 1
    return "".join(out)


def _char_spacing(row: list[Char]) -> float:
    """The extra space between characters of a line (justified lines set it): the median gap."""
    gaps = []
    prev: Char | None = None  # the previous character, if ink
    for ch in row:
        if ch.text.strip():
            if prev is not None:
                gaps.append(ch.x0 - prev.x1)
            prev = ch
        else:
            prev = None
    gaps.sort()
    return max(0.0, gaps[len(gaps) // 2]) if gaps else 0.0


def _run_length(spaces: list[Char], following: Char, spacing: float) -> int:
    """How many spaces a run stands for: its width over one space's, when that is a whole number."""
    pitch = spaces[0].x1 - spaces[0].x0 + spacing
    if pitch <= 0:
        return len(spaces)
    n = (following.x0 - spaces[0].x0) / pitch
    return max(len(spaces), round(n)) if abs(n - round(n)) <= RUN_SLACK else len(spaces)


def _needs_space(prev: Char, ch: Char, spacing: float) -> bool:
    """A space the PDF draws as a gap, not as a glyph (LibreOffice writes none): between Latin
    letters or digits a quarter of the font size; between CJK characters, whose lines a
    justification may spread evenly, that much beyond the line's usual spacing."""
    gap = ch.x0 - prev.x1
    size = max(prev.size, ch.size)
    if gap > COLUMN_GAP * size:
        return True
    if _is_cjk(prev.text) or _is_cjk(ch.text):
        return gap - spacing > CJK_GAP * size
    return gap > WORD_GAP * size


def cell_text(chars: list[Char]) -> str:
    """A cell's lines joined: no break inside CJK text, a space between Latin words. A function of
    the characters' values alone, so kept for the characters as they are while a page is read
    (``forget_cells``): the unruled reader places the same pieces in the candidate grids of every
    line of a run (``unruled.grid.place``)."""
    return _cell_text(tuple((c.text, c.x0, c.x1, c.top, c.bottom, c.size) for c in chars))


def forget_cells() -> None:
    """Drop the cells' texts kept while a page was read (a page's own, never another file's)."""
    _cell_text.cache_clear()


@functools.lru_cache(maxsize=4096)
def _cell_text(values: tuple[tuple[str, float, float, float, float, float], ...]) -> str:
    out = ""
    for line in build_lines([Char(*v) for v in values]):
        text = " ".join(line.text.split())
        out = join_text(out, text) if out else text
    return out


def join_text(a: str, b: str) -> str:
    return a + (" " if LATIN_END.search(a) and LATIN_START.match(b) else "") + b
