"""Tables without ruling lines whose columns are packed tightly (紧排无框线表格): a web page printed
by a browser, its cells' text left-aligned and filling the cell, a column's text a point or
two from the next column's.

The white gap between two such columns is narrower than ``UnruledSettings.segment_gap``, so
read/unruled's pieces run across them. What tells a column apart here is that its cells all
start at one left edge, line after line, and that the gap before it breaks the line's own
spacing (characters of one cell abut, or stand evenly spread). A line is cut

- where the white before a character exceeds the line's usual spacing (the median gap between
  its characters) by ``tight_gap`` font sizes, and
- that character starts at a left edge shared with ``min_rows`` lines of the page (an edge a
  line or a cut piece starts at), or where the white is a ``segment_gap`` as in read/unruled.

A run of lines is taken for a table only when every piece of it starts at a shared edge (every
cell left-aligned on its column), when read/unruled's own checks of bands, pitch and rows hold,
its column bands told apart by any white between them (a wide cell's text may end right before
the next column), and when every row's cells start at one height (``same_top``: cells centred
in height beside taller ones interleave their lines with the neighbours', and their rows cannot
be told). Anything else stays text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import median

from extractor.read.pdf_model import Char, Line, TableBlock
from extractor.read.unruled.model import UNRULED, UnruledSettings


@dataclass(frozen=True, slots=True)
class AlignedSettings:
    """Tolerances for tightly packed left-aligned columns (font sizes unless said otherwise)."""

    tight_gap: float = 0.1  # white this much beyond the line's usual spacing may part two columns
    edge: float = 0.5  # points: left edges this close are one edge
    min_lines: int = 3  # an edge is shared when this many lines start a piece at it
    same_top: float = 0.3  # a row's cells start this close in height (cells aligned at the top)


ALIGNED = AlignedSettings()
# bands told apart by any white between them (read/unruled joins pieces within a segment_gap)
PACKED = UnruledSettings(segment_gap=0.0)


def ink(line: Line) -> list[Char]:
    """The line's visible characters, left to right, each once."""
    out: list[Char] = []
    for ch in line.glyphs:
        if ch is not None and ch.text.strip() and (not out or out[-1] is not ch):
            out.append(ch)
    return out


def _key(x: float, settings: AlignedSettings) -> int:
    return round(x / settings.edge)


def _cut_candidates(chars: list[Char], settings: AlignedSettings) -> list[tuple[int, bool]]:
    """The characters (index, and whether the white is a ``segment_gap`` wide) the white before
    which may part two columns."""
    gaps = [b.x0 - a.x1 for a, b in zip(chars, chars[1:], strict=False)]
    if not gaps:
        return []
    usual = median(gaps)
    out = []
    for k, gap in enumerate(gaps, start=1):
        size = max(chars[k].size, chars[k - 1].size)
        wide = gap > UNRULED.segment_gap * size
        if wide or gap - usual >= settings.tight_gap * size:
            out.append((k, wide))
    return out


Cuts = tuple[list[Char], list[tuple[int, bool]]]  # a line's visible characters and its cut candidates


def _line_cuts(line: Line, settings: AlignedSettings) -> Cuts:
    chars = ink(line)
    return chars, _cut_candidates(chars, settings)


def shared_edges(lines: list[Line], settings: AlignedSettings = ALIGNED) -> set[int]:
    """The page's left edges (keys) where ``min_lines`` lines start a line or a cut piece."""
    return _edges([_line_cuts(line, settings) for line in lines], settings)


def _edges(lines: list[Cuts], settings: AlignedSettings) -> set[int]:
    count: Counter[int] = Counter()
    for chars, candidates in lines:
        if not chars:
            continue
        starts = {_key(chars[0].x0, settings)}
        starts |= {_key(chars[k].x0, settings) for k, _ in candidates}
        count.update(starts)
    return {k for k, n in count.items() if n >= settings.min_lines}


def _at_edge(ch: Char, edges: set[int], settings: AlignedSettings) -> bool:
    k = _key(ch.x0, settings)
    return k in edges or k - 1 in edges or k + 1 in edges


def aligned_segments(line: Line, edges: set[int], settings: AlignedSettings = ALIGNED) -> list[list[Char]]:
    """The line cut before the characters that start a shared edge after an unusual white (or
    after a white of ``segment_gap``); [] when a piece starts off every shared edge."""
    return _segments(_line_cuts(line, settings), edges, settings)


def packed_segments(lines: list[Line], settings: AlignedSettings = ALIGNED) -> list[list[list[Char]]]:
    """``aligned_segments`` of every line at the page's ``shared_edges`` (each line's cut
    candidates found once for both)."""
    cuts = [_line_cuts(line, settings) for line in lines]
    edges = _edges(cuts, settings)
    return [_segments(line, edges, settings) for line in cuts]


def _segments(line: Cuts, edges: set[int], settings: AlignedSettings) -> list[list[Char]]:
    chars, candidates = line
    if not chars:
        return []
    cuts = [k for k, wide in candidates if wide or _at_edge(chars[k], edges, settings)]
    bounds = [0, *cuts, len(chars)]
    pieces = [chars[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    if not all(_at_edge(piece[0], edges, settings) for piece in pieces):
        return []
    return pieces


def top_aligned(block: TableBlock, settings: AlignedSettings = ALIGNED) -> bool:
    """Do the cells of each row of the grid start at one height?"""
    tops: dict[int, list[float]] = {}
    sizes: list[float] = []
    for cell in block.table.cells:
        if cell.text and cell.bbox is not None:
            tops.setdefault(cell.row, []).append(cell.bbox[1])
            sizes.append(cell.bbox[3] - cell.bbox[1])
    tolerance = settings.same_top * min(sizes, default=0.0)
    return all(max(row) - min(row) <= tolerance for row in tops.values())
