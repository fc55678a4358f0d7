"""Tables without ruling lines whose cells span columns (extractor/read/pdf_spans.py): the columns
are the left edges the cells start at, a text past the next column's edge spans that column."""

from __future__ import annotations

from layout import page_blocks, table_chars, text_chars

from extractor.read.pdf_model import Char, TableBlock

SIZE = 10.0
XS = [50.0, 100.0, 150.0, 200.0, 250.0]
ROWS = [
    ["项目名称", "某某局某某局某某", "", "单位", "某某局"],
    ["一级指", "二级指", "三级指", "分值", "得分"],
    ["产出指", "数量指", "面积", "7", "7"],
    ["", "质量指", "合格率", "6", "5"],
]


def _cells(rows: list[list[str]]) -> dict[str, tuple[int, int, int, int]]:
    (block,) = page_blocks(table_chars(rows, XS, 100.0, SIZE, 13.0, 9.0))
    assert isinstance(block, TableBlock)
    return {c.text: (c.row, c.col, c.rowspan, c.colspan) for c in block.table.cells if c.text}


def test_a_cell_whose_text_runs_past_the_next_left_edge_spans_that_column() -> None:
    cells = _cells(ROWS)
    assert cells["某某局某某局某某"] == (0, 1, 1, 2)
    assert cells["单位"] == (0, 3, 1, 1) and cells["某某局"] == (0, 4, 1, 1)
    assert cells["二级指"] == (1, 1, 1, 1) and cells["三级指"] == (1, 2, 1, 1)
    assert cells["产出指"] == (2, 0, 2, 1)  # the leading label over the empty position under it


def test_a_spanning_cell_over_a_cell_of_its_own_row_leaves_the_lines_as_text() -> None:
    """Text past the next edge while that column holds a cell of the same row: not a grid."""
    rows = [["项目名称", "某某局某某局某某\n某某", "\n某", "单位", "某某局"], *ROWS[1:]]
    blocks = page_blocks(table_chars(rows, XS, 100.0, SIZE, 13.0, 9.0))
    assert not any(isinstance(b, TableBlock) and b.table.n_cols == 5 for b in blocks)


def _flattened(lines: list[list[str]], top: float = 100.0) -> list[Char]:
    """Lines of a table flattened to text: each line's pieces from x 90, a white of 0.3 font sizes
    before each piece after the first (wider than the characters' own spacing, narrower than a
    cell's gap), the lines 20 apart."""
    chars: list[Char] = []
    for line in lines:
        x = 90.0
        for piece in line:
            chars += text_chars(piece, x, top, 8.0)
            x += len(piece) * 8.0 + 2.4
        top += 20.0
    return chars


def test_edges_where_row_labels_of_two_lengths_end_are_no_columns() -> None:
    """A Word table exported flattened (LibreOffice): the pieces start where the 5- and 7-character
    labels end, so two left edges stand less than a character apart and every piece starting at
    the first passes the second. No cell stands in that column alone: not a grid of spans (it
    took the six lines, the 7-character labels over three columns)."""
    lines = [
        ["基础信息完善", "%100%100%100%11否"],
        ["预算完成率", "%", "70%76%100%", "22是"],
        ["预算调整率", "%", "3%0100%22否"],
        ["结转结余率", "%", "2%0100%22是"],
        ["公用经费控制率", "%100%97%", "100%22是"],
        ["政府采购执行率", "%100%72.74%100%22是"],
        ["资产管理安全性", "%", "好好100%22否"],
        ["党性教育培训次数", "次", "26次12次100%55是"],
    ]
    blocks = page_blocks(_flattened(lines))
    cells = [c for b in blocks if isinstance(b, TableBlock) for c in b.table.cells]
    assert cells and not any(c.colspan > 1 for c in cells)  # the packed columns' grid of three rows
    assert [b.text for b in blocks if not isinstance(b, TableBlock)][1:4] == [
        "公用经费控制率 %100%97% 100%22是",
        "政府采购执行率 %100%72.74%100%22是",
        "资产管理安全性 % 好好100%22否",
    ]
