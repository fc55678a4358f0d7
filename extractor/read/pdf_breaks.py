"""Ruled cells a page break left open (跨页断开的表格行), closed at the page's edge.

A browser or a spreadsheet that breaks a table row over two pages draws the row's column
rules down to the bottom of the first page and on from the top of the next, but the row's
bottom border only where the row ends, and its top border only where it began: each page
shows the cut row as columns without a line across their open end, and pdfplumber (which
needs a cell's four sides) finds no cell there; a merged cell still running at the break
(an 一级指标 over many rows) is open on both pages. Where several column rules end together
at the lowest point any vertical rule of the page reaches (or start together at the highest),
no drawn horizontal line runs across them there, and either they are more than a frame's two
sides (merged cells side by side, running on over the break) or text stands between that end
and the last line drawn across them (the cut row's part on this page; a table's frame drawn
on past its last row holds none), the page's edge of the table is taken as a line across them
(``open_ends``), so the cut row's part on each page is a row of cells and the table
continued on the next page shows the columns it goes on with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractor.read.pdf_model import Char

MIN_RULES = 2  # column rules ending together to make an open end
CELLS_SIDE_BY_SIDE = 3  # rules at distinct places (beyond the snap tolerance): more than a frame
AT_END = 1.0  # points: rules ending this close end together
COVERED = 0.9  # share of an end's width a drawn line must run across to close it already


def open_ends(edges: list[dict], chars: list[Char], tolerance: float, min_length: float) -> list[dict]:
    """Horizontal lines (pdfplumber line objects) closing the open ends of a page's column
    rules at its bottom and its top. ``edges`` and ``chars``: the page's; ``tolerance``: how far
    a drawn line may stand from an end and still close it (the table settings' snap)."""
    verticals = [e for e in edges if e["orientation"] == "v" and e["height"] >= min_length]
    horizontals = [e for e in edges if e["orientation"] == "h"]
    if len(verticals) < MIN_RULES:
        return []
    lowest = max(e["bottom"] for e in verticals)
    highest = min(e["top"] for e in verticals)
    out = []
    for y, key in ((lowest, "bottom"), (highest, "top")):
        ending = [e for e in verticals if abs(e[key] - y) <= AT_END]
        line = _across(ending, y)
        if line is None or _closed(line, horizontals, tolerance):
            continue
        beside = _places(ending, tolerance) >= CELLS_SIDE_BY_SIDE
        if beside or _holds_text(_open_band(line, horizontals, key, tolerance), chars):
            out.append(line)
    return out


def _across(rules: list[dict], y: float) -> dict | None:
    """A line at height y from the leftmost to the rightmost of the rules (at distinct places)."""
    places = sorted({round(e["x0"]) for e in rules})
    if len(places) < MIN_RULES:
        return None
    x0, x1 = min(e["x0"] for e in rules), max(e["x1"] for e in rules)
    return {
        "object_type": "line",
        "x0": x0,
        "x1": x1,
        "top": y,
        "bottom": y,
        "width": x1 - x0,
        "height": 0.0,
    }


def _closed(line: dict, horizontals: list[dict], tolerance: float) -> bool:
    """Whether drawn horizontal lines at the line's height already run across most of it."""
    y, x0, x1 = line["top"], line["x0"], line["x1"]
    spans = sorted(
        (max(x0, e["x0"]), min(x1, e["x1"]))
        for e in horizontals
        if abs(e["top"] - y) <= tolerance and e["x1"] > x0 and e["x0"] < x1
    )
    covered, reach = 0.0, x0
    for a, b in spans:
        a = max(a, reach)
        if b > a:
            covered += b - a
            reach = b
    return covered >= COVERED * (x1 - x0)


def _places(rules: list[dict], tolerance: float) -> int:
    """How many distinct places the rules stand at (those within the tolerance are one)."""
    xs = sorted(e["x0"] for e in rules)
    return sum(1 for a, b in zip([None, *xs], xs, strict=False) if a is None or b - a > tolerance)


def _open_band(line: dict, horizontals: list[dict], end: str, tolerance: float) -> tuple[float, ...]:
    """The box between an open end and the nearest line drawn across its width before it."""
    y, x0, x1 = line["top"], line["x0"], line["x1"]
    across = [e["top"] for e in horizontals if e["x0"] < x1 and e["x1"] > x0]
    if end == "bottom":
        return x0, max((t for t in across if t < y - tolerance), default=float("-inf")), x1, y
    return x0, y, x1, min((t for t in across if t > y + tolerance), default=float("inf"))


def _holds_text(box: tuple[float, ...], chars: list[Char]) -> bool:
    x0, top, x1, bottom = box
    return any(x0 <= (c.x0 + c.x1) / 2 <= x1 and top <= c.mid <= bottom for c in chars if c.text.strip())
