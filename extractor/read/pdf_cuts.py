"""Column edges a page's lines agree on (列边界), and cells centred in their rows, for tables
drawn without ruling lines as a spreadsheet prints them.

A spreadsheet printed without borders sets each cell's text against its column's edge: a
left-aligned cell starts at the column's left edge, on every row alike. A number right-aligned
in one column and a text in the next stand only the two cells' padding apart (a point or
two), closer than the white gap ``read/unruled`` parts cells at, and so read as one piece
('3.85接拨付到…', '508' for a 50 and an 8). A left edge where pieces of several lines start
(``MIN_STARTS``) is a cut: a piece is cut before a glyph standing at it after a gap (the glyphs
of one word abut), and no column band reaches over it. A sheet centres its cells in their rows
(``row_key``): a wrapped cell's lines stand above and below its row's one-line cells; it sets
figures against their column's right edge, its header's text against the left (``under_headers``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import regex

from extractor.read.pdf_model import Char

if TYPE_CHECKING:
    from extractor.read.unruled.model import Bands, Fragment

MIN_STARTS = 2  # lines whose pieces start at one left edge to make it a cut (a header and a cell)
AT_CUT = 0.5  # points: a glyph's left this close to a cut stands at it
GAP = 0.05  # font sizes: white space before a glyph at a cut, more than the glyphs of a word leave
CENTRED = 0.15  # font sizes: a wrapped cell's middle this close to a one-line cell's is centred with it
_FIGURE = regex.compile(r"[-+]?[\d.,]+%?")  # a figure as a sheet right-aligns it

TOP_OFF = 0.3  # font sizes: a wrapped cell's top this far from every one-line cell's is not top-aligned


def cuts(segs: list[list[list[Char]]]) -> list[float]:
    """The left edges where text of at least ``MIN_STARTS`` lines starts (within ``AT_CUT``): a
    piece, or a glyph inside one after a gap (``_breaks``)."""
    starts = sorted((x, n) for n, line in enumerate(segs) for seg in line for x in _starts(seg))
    out: list[float] = []
    i = 0
    while i < len(starts):
        j = i
        while j < len(starts) and starts[j][0] - starts[i][0] <= AT_CUT:
            j += 1
        if len({n for _, n in starts[i:j]}) >= MIN_STARTS:
            out.append(starts[i][0])
        i = j
    return out


def _starts(seg: list[Char]) -> list[float]:
    return [seg[0].x0] + [seg[k].x0 for k in _breaks(seg)]


def _breaks(seg: list[Char]) -> list[int]:
    """Where a glyph of the piece follows a gap wider than the piece's usual one (a justified
    line spreads its glyphs evenly) by ``GAP`` of its size."""
    gaps = [b.x0 - a.x1 for a, b in zip(seg, seg[1:], strict=False)]
    usual = max(0.0, sorted(gaps)[(len(gaps) - 1) // 2]) if gaps else 0.0
    return [k + 1 for k, g in enumerate(gaps) if g - usual > GAP * seg[k + 1].size]


def cut(line: list[list[Char]], edges: list[float]) -> list[list[Char]]:
    """The line's pieces cut before every glyph that stands at a cut after a gap."""
    if not edges:
        return line
    out: list[list[Char]] = []
    for seg in line:
        at = [0, *(k for k in _breaks(seg) if _at(seg[k].x0, edges)), len(seg)]
        out += [seg[a:b] for a, b in zip(at, at[1:], strict=False)]
    return out


def _at(x: float, edges: list[float]) -> bool:
    return any(abs(x - e) <= AT_CUT for e in edges)


def apart(seg: list[Char], a: float, b: float, edges: Sequence[float]) -> bool:
    """Whether the piece ``seg`` and the band a–b stand apart though close: white space between
    them (``GAP``; cells that touch are no sheet's) and a cut there, or the piece a figure left
    of the band (a figure set against its column's right edge)."""
    x0, x1 = seg[0].x0, seg[-1].x1
    space = GAP * seg[0].size
    if x0 - b > space:  # the piece right of the band
        return any(b <= e + AT_CUT and x0 >= e - AT_CUT for e in edges)
    if a - x1 > space:  # the piece left of the band
        return bool(_FIGURE.fullmatch("".join(c.text for c in seg))) or any(
            x1 <= e + AT_CUT and a >= e - AT_CUT for e in edges
        )
    return False


def row_key(frags: list[Fragment], size: float) -> Callable[[Fragment], float]:
    """What places a cell in its row: its top, or its middle in a sheet whose cells are centred
    in their rows (a wrapped cell's middle stands at a one-line cell's middle, within
    ``CENTRED`` of a size, and its top at no one-line cell's top): there a wrapped cell rises
    above its row by half its extra lines, a pitch for three lines. A sheet may centre some
    wrapped cells and set others at their row's top (a long note): then each centred one is
    placed by its middle and every other cell by its first line's middle."""
    single = [f for f in frags if len(f.pieces) == 1]
    wrapped = [f for f in frags if len(f.pieces) > 1]

    def near(f: Fragment, at: Callable[[Fragment], float], within: float) -> bool:
        return any(abs(at(f) - at(s)) <= within * size for s in single if s.col != f.col)

    centred = {id(f) for f in wrapped if near(f, _middle, CENTRED) and not near(f, _top, TOP_OFF)}
    if not centred:
        return _top
    if all(near(f, _middle, CENTRED) for f in wrapped):
        return _middle

    def at(f: Fragment) -> float:
        return _middle(f) if id(f) in centred else _first_middle(f)

    return at


def _top(f: Fragment) -> float:
    return f.top


def _middle(f: Fragment) -> float:
    return (f.top + f.pieces[-1].bottom) / 2


def _first_middle(f: Fragment) -> float:
    return (f.top + f.pieces[0].bottom) / 2


def under_headers(bands: Bands, segs: list[list[list[Char]]]) -> Bands:
    """The bands with each band of figures alone joined to the band on its left when no line
    has pieces in both: a sheet sets its header's text against a column's left edge and the
    figures under it against its right edge, too far apart for one band."""
    out = [list(b) for b in bands]
    k = 1
    while k < len(out):
        if _figures_only(out[k], segs) and not _shared(out[k - 1], out[k], segs):
            out[k - 1][1] = out[k][1]
            del out[k]
        else:
            k += 1
    return out


def _pieces_in(band: list[float], segs: list[list[list[Char]]]) -> list[list[list[Char]]]:
    return [[s for s in line if s[0].x0 >= band[0] - 0.01 and s[-1].x1 <= band[1] + 0.01] for line in segs]


def _figures_only(band: list[float], segs: list[list[list[Char]]]) -> bool:
    pieces = [s for line in _pieces_in(band, segs) for s in line]
    return bool(pieces) and all(_FIGURE.fullmatch("".join(c.text for c in s)) for s in pieces)


def _shared(left: list[float], right: list[float], segs: list[list[list[Char]]]) -> bool:
    return any(a and b for a, b in zip(_pieces_in(left, segs), _pieces_in(right, segs), strict=True))
