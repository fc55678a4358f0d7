"""Running headers, footers and page numbers removed: one entry point, ``strip_furniture(pages)``
(``patterns/pages.toml``; on a one-page document, by size, distance and a ruled border).
"""

from __future__ import annotations

from collections import Counter

import regex

import patterns
from extractor.read.pdf_model import Line, Page

_P = patterns.load("pages")
FURNITURE = [regex.compile(p) for p in _P["page_furniture"]]
REPEATED_SHARE = float(_P["repeated_share"])
EDGE_Y = 4.0  # points: furniture on different pages stands at the same height
APART = 2.0  # a lone page's header or footer stands this far (in font sizes) from the body
_DIGITS = regex.compile(r"\d+")
_WORDED = regex.compile(r"[\p{L}\p{N}]")  # a letter, a Han character or a digit


def strip_furniture(pages: list[Page]) -> None:
    """Drop page numbers and running headers/footers: lines at a page's top or bottom
    that stand at the same height with the same text (digits aside) on many pages.
    A page number is the outermost number-like line at either end of a page, standing
    at the same height as one on another page (a lone '21' in the body is kept).
    A document of one page has no repetition to go by: there a first or last line set
    well apart from the body, smaller than it or ruled off from it, is its header or footer."""
    edges = [
        (i, line, _DIGITS.sub("#", line.text)) for i, page in enumerate(pages) for line in _edge_lines(page)
    ]
    limit = max(2, int(len(pages) * REPEATED_SHARE + 0.999)) if len(pages) > 1 else 10**9
    by_text: dict[str, list[tuple[int, float]]] = {}
    for i, line, key in edges:
        by_text.setdefault(key, []).append((i, line.top))
    outer = {id(line) for page in pages for line in _outer_numbers(page)}
    numbers = [(i, line.top) for i, line, _ in edges if id(line) in outer]
    drop = set()
    for _, line, key in edges:
        numbered = id(line) in outer and (len(pages) == 1 or _pages_at(numbers, line.top) >= 2)
        if numbered or _pages_at(by_text[key], line.top) >= limit:
            drop.add(id(line))
    if len(pages) == 1:
        drop.update(id(line) for line in _lone_page_furniture(pages[0]))
    for page in pages:
        page.blocks = [b for b in page.blocks if id(b) not in drop]


def _outer_numbers(page: Page) -> list[Line]:
    """The page-number-like lines at the top and bottom that no other such line stands outside of."""
    ends = (page.blocks[:2], page.blocks[max(2, len(page.blocks) - 2) :][::-1])
    found = []
    for end in ends:
        line = next((b for b in end if isinstance(b, Line) and _is_page_number(b.text)), None)
        if line is not None:
            found.append(line)
    return found


def _lone_page_furniture(page: Page) -> list[Line]:
    """The first and last line of a lone page when they are set well apart from the
    body and either smaller than it or ruled off from it (a header's bottom border)."""
    blocks = page.blocks
    sizes: Counter[float] = Counter()
    for b in blocks:
        if isinstance(b, Line):
            sizes[round(b.size, 1)] += len(b.text)
    if len(blocks) < 3 or not sizes:
        return []
    body = sizes.most_common(1)[0][0]
    out = []
    for line, near in ((blocks[0], blocks[1]), (blocks[-1], blocks[-2])):
        if not isinstance(line, Line):
            continue
        above = line.top < near.top
        low, high = (line.bottom, near.top) if above else (near.bottom, line.top)
        ruled = any(low < y < high - 1 for y in page.rules)
        if high - low >= APART * min(body, line.size) and (line.size < body - 0.5 or ruled):
            out.append(line)
    return out


def _pages_at(found: list[tuple[int, float]], top: float) -> int:
    """On how many pages one of the found lines stands at this height."""
    return len({i for i, t in found if abs(t - top) <= EDGE_Y})


def _edge_lines(page: Page) -> list[Line]:
    """The lines at the page's top and bottom that may be its furniture: a line of no word nor
    figure ('|', an empty cell of a table written one cell a line) repeats on many pages as a
    table's cells do, and is none."""
    blocks = page.blocks
    ends = blocks[:2] + blocks[max(2, len(blocks) - 2) :]
    return [b for b in ends if isinstance(b, Line) and _WORDED.search(b.text)]


def _is_page_number(text: str) -> bool:
    return any(p.match(text) for p in FURNITURE)
