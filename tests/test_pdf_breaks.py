"""Ruled cells a page break left open (extractor/read/pdf_breaks.py): the page's edge of the
table closes them when they are a cut row's part or merged cells running on, not a frame."""

from __future__ import annotations

from extractor.read.pdf_breaks import open_ends
from extractor.read.pdf_model import Char


def _v(x: float, top: float, bottom: float) -> dict:
    return {"orientation": "v", "x0": x, "x1": x, "top": top, "bottom": bottom, "height": bottom - top}


def _h(y: float, x0: float, x1: float) -> dict:
    return {"orientation": "h", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0}


def _char(text: str, x: float, y: float) -> Char:
    return Char(text, x, x + 10, y, y + 10, 10.0)


COLUMNS = (100.0, 150.0, 200.0, 250.0)


def test_a_row_cut_at_the_page_foot_is_closed_at_the_lowest_rule_end() -> None:
    edges = [_v(x, 500, 720) for x in COLUMNS] + [_h(500, 100, 250), _h(600, 100, 250)]
    ends = open_ends(edges, [_char("产", 120, 650)], 3.0, 5.0)
    assert [(e["top"], e["x0"], e["x1"]) for e in ends] == [(720, 100.0, 250.0)]


def test_a_row_going_on_from_the_page_head_is_closed_at_the_highest_rule_start() -> None:
    edges = [_v(x, 72, 300) for x in COLUMNS] + [_h(300, 100, 250), _h(200, 100, 250)]
    ends = open_ends(edges, [_char("常", 170, 100)], 3.0, 5.0)
    assert [(e["top"], e["x0"], e["x1"]) for e in ends] == [(72, 100.0, 250.0)]


def test_a_frame_drawn_on_past_the_last_row_is_left_open() -> None:
    """A table's two sides (each drawn twice) reaching the page foot, nothing written below its last row."""
    frame = [_v(95.9, 100, 720), _v(96.7, 100, 720), _v(521.3, 100, 720), _v(522.0, 100, 720)]
    edges = [*frame, _h(100, 96, 522), _h(680, 96, 522)]
    assert open_ends(edges, [_char("总", 120, 660)], 3.0, 5.0) == []


def test_merged_cells_running_on_over_the_page_are_closed_without_text() -> None:
    edges = [_v(x, 72, 720) for x in COLUMNS[:3]] + [_h(72, 100, 200)]
    ends = open_ends(edges, [], 3.0, 5.0)
    assert [(e["top"], e["x0"], e["x1"]) for e in ends] == [(720, 100.0, 200.0)]


def test_ends_a_drawn_line_already_closes_get_none() -> None:
    edges = [_v(x, 72, 300) for x in COLUMNS] + [_h(72, 100, 250), _h(300.5, 100, 250)]
    assert open_ends(edges, [_char("常", 170, 100)], 3.0, 5.0) == []
