"""A page's characters and rules from pdfium: one entry point, ``pdfium_chars(textpage, height,
hidden)`` (generated spaces and line breaks left out, clipped characters set aside); ``dedupe``
drops characters drawn twice (simulated bold), ``has_rules`` and ``page_rules`` tell the paths
that may rule a table or part a header from the body.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Iterator

from extractor.read.pdf_model import Char

CANDIDATE_SEGMENTS = 8  # path segments a page must draw before pdfplumber looks for tables
RULE_THICKNESS = 2.0  # points: a path this flat and a third of the page wide is a rule
RULE_SHARE = 1 / 3
_NOT_TEXT = frozenset(
    (0, 0xFFFE, 0xFFFF, ord("\r"), ord("\n"))
)  # pdfium codes that are no character of the text


def pdfium_chars(textpage, height: float, hidden: list[Char] | None) -> Iterator[Char]:
    """The page's characters from pdfium, without generated spaces and line breaks (not deduplicated);
    those clipped away (``pdf_clip``) go to ``hidden`` (None: the page clips no text)."""
    import pypdfium2.raw as c

    from extractor.read.pdf_clip import ClipBoxes

    unicode, generated = c.FPDFText_GetUnicode, c.FPDFText_IsGenerated  # local names: called per character
    char_box, font_size = c.FPDFText_GetLooseCharBox, c.FPDFText_GetFontSize
    matrix_of, matrix = c.FPDFText_GetMatrix, c.FS_MATRIX()
    raw, rect = textpage.raw, c.FS_RECTF()
    clips = ClipBoxes(raw, hidden) if hidden is not None else None
    sqrt = math.sqrt
    for i in range(c.FPDFText_CountChars(raw)):
        code = unicode(raw, i)
        if code in _NOT_TEXT or 0xD800 <= code < 0xE000 or generated(raw, i) == 1:
            continue
        char_box(raw, i, rect)
        left, right, top, bottom = rect.left, rect.right, rect.top, rect.bottom
        # the character's matrix (text matrix and page transform) scales its font size: a browser's
        # print draws 16-unit text scaled to the page (pdfium gives the unscaled size)
        size = font_size(raw, i)
        if matrix_of(raw, i, matrix):
            size *= sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        ch = Char(chr(code), left, right, height - top, height - bottom, size or abs(top - bottom))
        if clips is None or clips.shows(i, ch, (left + right) / 2, (top + bottom) / 2):
            yield ch


def dedupe(chars: list[Char], tolerance: float = 1.0) -> list[Char]:
    """Drop characters drawn again at (almost) the same place, less than half their width
    apart: simulated bold (a run of narrow characters such as '|||' is kept)."""
    seen: dict[tuple[str, int, int], list[Char]] = {}
    rows: set[tuple[str, int]] = set()  # (text, ky) of the characters seen: none near, none overdrawn
    out = []
    for ch in chars:
        text = ch.text
        kx, ky = round(ch.x0 / tolerance), round(ch.top / tolerance)
        near = (text, ky) in rows or (text, ky - 1) in rows or (text, ky + 1) in rows
        if near and text.strip() and _overdraws(ch, seen, kx, ky, tolerance):
            continue
        seen.setdefault((text, kx, ky), []).append(ch)
        rows.add((text, ky))
        out.append(ch)
    return out


def _overdraws(
    ch: Char, seen: dict[tuple[str, int, int], list[Char]], kx: int, ky: int, tolerance: float
) -> bool:
    """Is ``ch`` drawn over a character already seen in its own or a neighbouring cell of the key grid?"""
    text = ch.text
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for other in seen.get((text, kx + dx, ky + dy), ()):
                if _overdrawn(ch, other, tolerance):
                    return True
    return False


def _overdrawn(ch: Char, other: Char, tolerance: float) -> bool:
    dx = abs(ch.x0 - other.x0)
    return dx <= tolerance and dx < (other.x1 - other.x0) / 2 and abs(ch.top - other.top) <= tolerance


def has_rules(paths: list) -> bool:
    """Cheap test whether a page may hold a ruled table: its path objects draw enough segments."""
    import pypdfium2.raw as c

    segments = 0
    for obj in paths:
        segments += max(1, c.FPDFPath_CountSegments(obj))
        if segments >= CANDIDATE_SEGMENTS:
            return True
    return False


def page_rules(page, paths: list) -> list[float]:
    """Heights (from the top) of the horizontal rules drawn across a good part of the page
    (``paths``: its path objects, ``pdf_objects``)."""
    import pypdfium2.raw as c

    height, width = page.get_height(), page.get_width()
    box = [ctypes.c_float() for _ in range(4)]
    out = []
    for obj in paths:
        if not c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in box)):
            continue
        left, bottom, right, top = (v.value for v in box)
        if top - bottom <= RULE_THICKNESS and right - left >= RULE_SHARE * width:
            out.append(height - (top + bottom) / 2)
    return out
