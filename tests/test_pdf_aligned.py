"""Tables without ruling lines packed tightly, left-aligned columns a point or two apart
(extractor/read/pdf_aligned.py), as a browser prints a web page's table without borders."""

from __future__ import annotations

from layout import grid, page_blocks, table_chars, text_chars

from extractor.read.pdf_aligned import aligned_segments, shared_edges
from extractor.read.pdf_lines import build_lines
from extractor.read.pdf_model import Char, Line, TableBlock

SIZE = 10.0
PITCH = 13.0
PADDING = 9.0
GAP = 1.5  # white between a full cell's text and the next column: 0.15 font sizes


def _text(text: str, x: float, top: float, spacing: float = 0.0) -> list[Char]:
    return text_chars(text, x, top, SIZE, spacing)


def _table(rows: list[list[str]], xs: list[float], top: float = 100.0) -> list[Char]:
    return table_chars(rows, xs, top, SIZE, PITCH, PADDING)


_blocks, _grid = page_blocks, grid


# four columns five characters wide: a full cell ends GAP before the next column
XS = [50.0, 50.0 + 5 * SIZE + GAP, 50.0 + 10 * SIZE + 2 * GAP, 50.0 + 15 * SIZE + 3 * GAP]
HEAD = "一级指标|三级指标|指标值|自评得分"
ROWS = [row.split("|") for row in (HEAD, "产出|绿化覆盖率|≥5万平方\n米|20", "效益|管护面积|≥40%|30")]
ROWS.append(["满意度指标", "群众满意度", "≥90%", "10"])


def test_left_aligned_columns_a_point_and_a_half_apart_are_one_grid() -> None:
    blocks = _blocks(_text("绩效自评表", 50.0, 70.0) + _table(ROWS, XS))
    assert [type(b).__name__ for b in blocks] == ["Line", "TableBlock"]
    assert _grid(blocks[1]) == [
        ["一级指标", "三级指标", "指标值", "自评得分"],
        ["产出", "绿化覆盖率", "≥5万平方米", "20"],
        ["效益", "管护面积", "≥40%", "30"],
        ["满意度指标", "群众满意度", "≥90%", "10"],
    ]
    assert blocks[1].columns == tuple(XS)


def test_a_line_is_cut_only_where_an_unusual_white_leads_to_a_shared_edge() -> None:
    lines = list(build_lines(_table(ROWS, XS)))
    edges = shared_edges(lines)
    assert [["".join(c.text for c in p) for p in aligned_segments(ln, edges)] for ln in lines[1:3]] == [
        ["产出", "绿化覆盖率", "≥5万平方", "20"],
        ["米"],
    ]
    spaced = next(build_lines(_text("产出绿化", 50.0, 400.0) + _text("覆盖率", 50.0 + 4 * SIZE + GAP, 400.0)))
    assert ["".join(c.text for c in p) for p in aligned_segments(spaced, edges)] == ["产出绿化覆盖率"]
    off = next(build_lines(_text("产出", 50.0, 400.0) + _text("覆盖率", 50.0 + 2 * SIZE + 9.0, 400.0)))
    assert aligned_segments(off, edges) == []  # a piece past a wide white starts off every shared edge


def test_evenly_spread_prose_stays_text() -> None:
    prose = [
        _text("本项目年度绩效目标已基本完成资金使用规范", 50.0, 100.0 + k * PITCH, 2.0) for k in range(5)
    ]
    assert all(isinstance(b, Line) for b in _blocks([c for line in prose for c in line]))


def test_a_centred_cell_off_the_left_edges_leaves_the_run_to_the_spaced_reading() -> None:
    rows = [list(r) for r in ROWS]
    chars = _table(rows, XS)
    moved = [c for c in chars if c.text == "管" or c.text == "护" or c.text == "面" or c.text == "积"]
    for c in moved:  # 管护面积 centred in its cell: it starts half a character right of its column
        c.x0, c.x1 = c.x0 + SIZE / 2, c.x1 + SIZE / 2
    blocks = _blocks(chars)
    assert not any(isinstance(b, TableBlock) and len(b.columns) == 4 for b in blocks)


def test_a_cell_ending_just_before_the_next_column_does_not_join_the_columns() -> None:
    """Pieces on other lines 0.2 point apart are still two bands (read/unruled joins pieces a
    segment_gap apart): a full cell of a narrow column ends right before the next column."""
    width = (XS[2] - XS[1] - 0.2) / 5
    full = [
        Char(ch, XS[1] + i * width, XS[1] + (i + 1) * width, 100.0, 110.0, SIZE)
        for i, ch in enumerate("某县公路事")
    ]
    head = _text("实施单位", XS[0], 100.0) + full
    table = _blocks(head + _table(ROWS, XS, top=100.0 + PITCH + PADDING))[0]
    assert isinstance(table, TableBlock)
    assert table.columns == tuple(XS)
    assert _grid(table)[0] == ["实施单位", "某县公路事", "", ""]
