"""A page's ruling as pdfplumber's edges, from the path objects pdfium has already read: one entry
point, ``path_edges(paths, height)``.

pdfplumber makes its edges from pdfminer's layout objects, which pdfminer builds by interpreting the
whole page again (most of the reading of a table page). The same edges come from pdfium's path
objects: each subpath's points, in page space (the object's matrix and those of the forms around it
applied), made what pdfminer makes of them (``PDFLayoutAnalyzer.paint_path``): a subpath of one
segment is a line (pdfplumber's ``line_to_edge``: horizontal when flat, else vertical), any other a
run of points whose consecutive pairs are edges (``curve_to_edges``; a rectangle's four sides are
the pairs of its closed loop, as ``rect_to_edges`` gives them). A Bézier segment counts by its end
point, as pdfminer's ``pts`` do. Coordinates are top-down, as pdfium's characters are read
(``pdf_chars``).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass

Point = tuple[float, float]
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(slots=True)
class Path:
    """A path object's raw handle and the matrix of the forms it is drawn in (page space)."""

    handle: object
    outer: Matrix = IDENTITY


def path_edges(paths: list[Path], height: float) -> list[dict]:
    """pdfplumber's edges (``Container.edges``) of the page's path objects."""
    edges: list[dict] = []
    for path in paths:
        for points, line in _subpaths(path):
            top_down = [(x, height - y) for x, y in points]
            edges += [_line_edge(*top_down[:2])] if line else _curve_edges(top_down)
    return edges


def compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner``, then ``outer`` (PDF's row-vector convention)."""
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def object_matrix(handle: object) -> Matrix:
    """A page object's own matrix (identity when pdfium gives none)."""
    import pypdfium2.raw as c

    m = c.FS_MATRIX()
    if not c.FPDFPageObj_GetMatrix(handle, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _subpaths(path: Path) -> Iterator[tuple[list[Point], bool]]:
    """Each subpath's points in page space (a closed one ends on its start again, as pdfminer's 'h'
    does) and whether pdfminer makes it a line (one segment: its shape 'ml' or 'mlh')."""
    import pypdfium2.raw as c

    if not _painted(path.handle):
        return
    matrix = compose(object_matrix(path.handle), path.outer)
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[Point] = []
    shape = ""
    bezier = 0  # the points of a Bézier segment read so far (its end is the third)
    for i in range(c.FPDFPath_CountSegments(path.handle)):
        segment = c.FPDFPath_GetPathSegment(path.handle, i)
        kind = c.FPDFPathSegment_GetType(segment)
        if kind == c.FPDF_SEGMENT_MOVETO:
            if points:
                yield _finished(points, shape)
            points, shape, bezier = [], "m", 0
        elif kind == c.FPDF_SEGMENT_BEZIERTO:
            bezier = (bezier + 1) % 3
            if bezier:
                continue
            shape += "c"
        elif kind == c.FPDF_SEGMENT_LINETO:
            shape += "l"
        else:
            continue
        c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        points.append(_apply(matrix, x.value, y.value))
        if c.FPDFPathSegment_GetClose(segment):
            points.append(points[0])
            shape += "h"
    if points:
        yield _finished(points, shape)


def _finished(points: list[Point], shape: str) -> tuple[list[Point], bool]:
    """A subpath as pdfminer keeps it: a closing 'l' back to the start before 'h' dropped."""
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        points, shape = points[:-1], shape[:-2] + "h"
    return points, shape in ("ml", "mlh")


def _painted(handle: object) -> bool:
    """Whether the path is filled or stroked (a path neither is draws nothing)."""
    import pypdfium2.raw as c

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not c.FPDFPath_GetDrawMode(handle, ctypes.byref(fill), ctypes.byref(stroke)):
        return True
    return bool(fill.value or stroke.value)


def _apply(m: Matrix, x: float, y: float) -> Point:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def _line_edge(p0: Point, p1: Point) -> dict:
    edge = _edge(p0, p1, "line")
    edge["orientation"] = "h" if edge["top"] == edge["bottom"] else "v"
    return edge


def _curve_edges(points: list[Point]) -> list[dict]:
    out = []
    for p0, p1 in zip(points, points[1:], strict=False):
        edge = _edge(p0, p1, "curve_edge")
        edge["orientation"] = "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)
        out.append(edge)
    return out


def _edge(p0: Point, p1: Point, kind: str) -> dict:
    x0, x1 = min(p0[0], p1[0]), max(p0[0], p1[0])
    top, bottom = min(p0[1], p1[1]), max(p0[1], p1[1])
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }
