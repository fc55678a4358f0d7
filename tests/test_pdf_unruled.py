"""Tables drawn without ruling lines, found among a page's text lines (extractor/read/unruled/):
columns from white gaps through every line, cells from the line pitch against the cell padding."""

from __future__ import annotations

from layout import grid, page_blocks, table_chars, text_chars

from extractor.read.pdf_lines import build_lines
from extractor.read.pdf_model import Char, Line, TableBlock
from extractor.read.unruled import UNRULED, unruled_blocks
from extractor.read.unruled.bands import segments
from extractor.read.unruled.pages import shared_bands

SIZE = 10.0
PITCH = 13.0  # a cell's wrapped lines, top to top
PADDING = 9.0  # added between rows


def _text(text: str, x: float, top: float, size: float = SIZE) -> list[Char]:
    return text_chars(text, x, top, size)


def _table(rows: list[list[str]], xs: list[float], top: float = 100.0, padding: float = PADDING) -> list:
    return table_chars(rows, xs, top, SIZE, PITCH, padding)


_blocks, _grid = page_blocks, grid


XS = [50.0, 120.0, 190.0, 260.0]
ROWS = [
    ["一级指标", "三级指标", "指标值", "得分"],
    ["产出", "管护面积", "50万平\n方米", "20"],
    ["", "绿化覆盖\n率", "40%", "30"],
    ["效益", "满意度", "90%", "10"],
]


def test_a_borderless_table_is_one_grid_with_its_wrapped_cells_joined() -> None:
    note = _text("以上为自评结果说明文字" * 3, 50.0, 260.0)
    chars = _text("绩效自评表", 50.0, 70.0) + _table(ROWS, XS) + note
    blocks = _blocks(chars)
    assert [type(b).__name__ for b in blocks] == ["Line", "TableBlock", "Line"]
    table = blocks[1].table
    assert (table.source, table.n_rows, table.n_cols) == ("pdf-layout", 4, 4)
    assert _grid(blocks[1]) == [
        ["一级指标", "三级指标", "指标值", "得分"],
        ["产出", "管护面积", "50万平方米", "20"],
        ["-", "绿化覆盖率", "40%", "30"],
        ["效益", "满意度", "90%", "10"],
    ]
    assert blocks[1].columns == (50.0, 120.0, 190.0, 260.0)


def test_a_leading_label_covers_the_rows_under_it_and_a_blank_further_right_stays_empty() -> None:
    rows = [*ROWS[:3], ["效益", "满意度", "", "10"]]
    table = _blocks(_table(rows, XS))[0].table
    label = next(c for c in table.cells if c.text == "产出")
    assert (label.row, label.rowspan) == (1, 2)
    blank = table.rows()[3][2]
    assert blank is not None and blank.text == "" and blank.rowspan == 1


def test_a_cell_whose_lines_run_past_the_next_row_top_spans_it() -> None:
    rows = [["一级指标", "三级指标", "得分"], ["产出指\n标（50\n分）", "面积", "20"], ["", "长度", "10"]]
    second = 100.0 + PITCH + PADDING  # the label's third line stands below the next row's top
    chars = _table(rows[:1], XS) + _table(rows[1:], XS, top=second, padding=PADDING - 2 * PITCH)
    chars += _table([["效益", "人数", "5"]], XS, top=100.0 + 3 * (PITCH + PADDING))
    table = _blocks(chars)[0].table
    label = next(c for c in table.cells if c.text == "产出指标（50分）")
    assert (label.row, label.rowspan, table.n_rows) == (1, 2, 4)
    assert table.rows()[2][0] is None  # covered


def test_prose_and_lines_whose_gaps_do_not_line_up_stay_text() -> None:
    prose = [_text("本项目年度绩效目标已基本完成，资金使用规范", 50.0, 100.0 + k * PITCH) for k in range(4)]
    assert all(isinstance(b, Line) for b in _blocks([c for line in prose for c in line]))
    shifted = _table([["甲", "乙", "丙"]], [50.0, 120.0, 190.0])
    shifted += _table([["甲甲甲甲甲甲甲甲", "乙", "丙"]], [50.0, 140.0, 190.0], top=122.0)
    shifted += _table([["甲", "乙", "丙"]], [50.0, 120.0, 190.0], top=144.0)
    assert all(isinstance(b, Line) for b in _blocks(shifted))


def test_two_columns_or_two_rows_are_no_table() -> None:
    assert all(isinstance(b, Line) for b in _blocks(_table([r[:2] for r in ROWS], XS)))
    assert all(isinstance(b, Line) for b in _blocks(_table(ROWS[:2], XS)))


def test_a_row_step_neither_the_pitch_nor_a_padding_more_leaves_the_lines_as_text() -> None:
    unclear = 0.25 * SIZE  # between same_cell (0.15) and padding (0.4) font sizes beyond the pitch
    assert UNRULED.same_cell * SIZE < unclear < UNRULED.padding * SIZE
    assert all(isinstance(b, Line) for b in _blocks(_table(ROWS, XS, padding=unclear)))


def test_without_wrapped_cells_each_line_is_a_row() -> None:
    rows = [["名称", "目标", "得分"], ["面积", "50", "20"], ["长度", "30", "10"], ["人数", "90", "5"]]
    block = _blocks(_table(rows, XS, padding=PADDING + 2))[0]
    assert _grid(block) == rows


def test_rules_between_lines_at_the_pitch_separate_rows() -> None:
    rows = [["名称", "目标", "得分"], ["面积", "50", "20"], ["长度\n宽度", "30", "10"]]
    chars = _table(rows, XS, padding=0.0)
    assert all(isinstance(b, Line) for b in _blocks(chars))  # one cell per column: rows unknown
    block = _blocks(chars, rules=[100.0 + PITCH - 1, 100.0 + 2 * PITCH - 1])[0]
    assert _grid(block) == [["名称", "目标", "得分"], ["面积", "50", "20"], ["长度宽度", "30", "10"]]


def test_a_note_row_of_one_cell_under_the_table_stays_text() -> None:
    chars = _table([*ROWS, ["注：单位万元", "", "", ""]], XS)
    blocks = _blocks(chars)
    assert [type(b).__name__ for b in blocks] == ["TableBlock", "Line"]
    assert blocks[0].table.n_rows == 4 and blocks[1].text == "注：单位万元"


def test_segments_cut_at_wide_gaps_only() -> None:
    chars = _text("预算数", 50.0, 100.0) + _text("执行数", 85.0, 100.0) + _text("10", 150.0, 100.0)
    line = next(build_lines(chars))
    assert ["".join(c.text for c in seg) for seg in segments(line)] == ["预算数执行数", "10"]


def test_a_continued_part_with_centred_columns_is_placed_on_the_first_part_columns() -> None:
    first = _blocks(_table(ROWS, XS))[0]
    centred = [["效益", "人数", "5"], ["满意度", "满意度", "9"], ["合计", "总数", "100"]]
    second = _blocks(_table(centred, [52.0, 122.0, 262.0]))[0]
    assert shared_bands(first, second) == first.columns
    assert second.table.n_cols == 4
    assert [[c.text for c in row] for row in second.table.rows()][0] == ["效益", "人数", "", "5"]
    elsewhere = _blocks(_table(centred, [300.0, 370.0, 440.0]))[0]
    assert shared_bands(first, elsewhere) is None


def test_cells_too_close_to_part_with_their_lines_interleaved_stay_text() -> None:
    """A web page's cells centred in height beside each other, no gap between them: one band holds
    lines of two cells at half a pitch apart, which no cell's wrapped lines can be."""
    chars: list[Char] = []
    for r in range(3):
        top = 100.0 + r * 40.0
        chars += _text("资金投", 50.0, top) + _text("入情况", 50.0, top + PITCH)
        chars += _text("年度资金", 80.0, top + PITCH / 2)
        chars += _text("2000", 190.0, top + PITCH / 2) + _text("57.89%", 260.0, top + PITCH / 2)
    assert all(isinstance(b, Line) for b in _blocks(chars))


def test_two_rows_opening_a_page_on_the_bands_of_the_grid_above_continue_it() -> None:
    """Too few rows for a grid of their own (min_rows 3), but the page opens with them on the
    columns of the layout grid that closed the previous page."""
    above = _blocks(_table(ROWS, XS))[0]
    rows = [["满意度", "人数", "90%", "10"], ["总分", "", "", "100"]]
    lines = list(build_lines(_table(rows, XS, top=60.0)))
    assert all(isinstance(b, Line) for b in unruled_blocks(lines, 2, lambda: []))
    opening = unruled_blocks(lines, 2, lambda: [], above=above)
    assert isinstance(opening[0], TableBlock) and _grid(opening[0]) == rows
    elsewhere = list(build_lines(_table(rows, [x + 400.0 for x in XS], top=60.0)))
    assert all(isinstance(b, Line) for b in unruled_blocks(elsewhere, 2, lambda: [], above=above))
