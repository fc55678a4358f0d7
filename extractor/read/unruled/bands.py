"""A line's pieces (runs between white gaps) and the column bands a run of lines forms."""

from __future__ import annotations

from collections.abc import Sequence

from extractor.read.pdf_cuts import apart, under_headers
from extractor.read.pdf_model import Char, Line
from extractor.read.unruled.model import UNRULED, Bands, UnruledSettings


def segments(line: Line, settings: UnruledSettings = UNRULED) -> list[list[Char]]:
    """The line's characters cut at white gaps wider than ``segment_gap`` font sizes."""
    ink: list[Char] = []
    for ch in line.glyphs:
        if ch is not None and ch.text.strip() and (not ink or ink[-1] is not ch):
            ink.append(ch)
    out: list[list[Char]] = []
    for ch in ink:
        if out and ch.x0 - out[-1][-1].x1 <= settings.segment_gap * max(ch.size, out[-1][-1].size):
            out[-1].append(ch)
        else:
            out.append([ch])
    return out


def extend(
    lines: list[Line],
    pieces: list[list[list[Char]]],
    start: int,
    settings: UnruledSettings,
    edges: list[float] | None = None,
) -> int:
    """One past the last line of the run from ``start`` whose pieces keep the column bands apart.
    On a sheet (``edges``) a piece running over a column's header band and its band of figures
    (a 社会效益指标 as wide as its column) keeps them apart once they are one (``under_headers``)."""
    bands: Bands = []
    end = start
    while end < len(lines):
        if end > start and not _close(lines[end - 1], lines[end], settings):
            break
        gap = settings.segment_gap * lines[end].size
        grown = add_pieces(bands, pieces[end], gap, edges)
        if grown is None and edges is not None:
            grown = add_pieces(under_headers(bands, pieces[start:end]), pieces[end], gap, edges)
        if grown is None and edges is not None:
            grown = add_pieces(bands, narrow(bands, pieces[end], gap, edges), gap, edges)
        if grown is None:
            break
        bands, end = grown, end + 1
    return end


def _close(a: Line, b: Line, settings: UnruledSettings) -> bool:
    return b.top - a.bottom <= settings.line_gap * max(a.size, b.size)


def add_pieces(
    bands: Bands, segs: list[list[Char]], gap: float, edges: Sequence[float] | None = None
) -> Bands | None:
    """The bands with a line's pieces added, or None when a piece would join two bands (one
    within ``gap`` of a band joins it). On a sheet (``edges``, ``pdf_cuts``) a piece joins the
    band it overlaps, and one overlapping none a band within ``gap`` unless they stand apart (a
    cell filled to its column's edge is closer than ``gap`` to the next column's text)."""
    out = [list(b) for b in bands]
    for seg in segs:
        x0, x1 = seg[0].x0, seg[-1].x1
        hit = [k for k, (a, b) in enumerate(out) if x0 < b and x1 > a] if edges is not None else []
        if edges is None:
            hit = [k for k, (a, b) in enumerate(out) if x0 < b + gap and x1 > a - gap]
        elif not hit:
            hit = [
                k
                for k, (a, b) in enumerate(out)
                if x0 < b + gap and x1 > a - gap and not apart(seg, a, b, edges)
            ]
        if len(hit) > 1:
            return None
        if hit:
            band = out[hit[0]]
            band[0], band[1] = min(band[0], x0), max(band[1], x1)
        else:
            out.append([x0, x1])
            out.sort()
    return out


def narrow(bands: Bands, segs: list[list[Char]], gap: float, edges: Sequence[float]) -> list[list[Char]]:
    """On a sheet, a row's pieces but those that alone would join two bands and start at a column
    edge (a merged cell over several columns: ``spanning``), when the line holds another piece."""
    if len(segs) < 2:
        return segs
    return [s for s in segs if not (_at_edge(s, edges) and add_pieces(bands, [s], gap, edges) is None)]


def _at_edge(seg: list[Char], edges: Sequence[float]) -> bool:
    return any(abs(seg[0].x0 - e) <= 0.5 for e in edges)


def spanning(segs: list[list[list[Char]]], edges: Sequence[float]) -> set[int]:
    """On a sheet, the pieces (ids) set over several columns (a merged cell): starting at a
    column edge and over two pieces of one other line."""
    out: set[int] = set()
    for n, line in enumerate(segs):
        for seg in line:
            x0, x1 = seg[0].x0, seg[-1].x1
            if not _at_edge(seg, edges):
                continue
            under = (
                sum(1 for q in other if q[0].x0 < x1 and q[-1].x1 > x0)
                for m, other in enumerate(segs)
                if m != n
            )
            if any(k >= 2 for k in under):
                out.add(id(seg))
    return out
