"""Tables without ruling lines whose cells span columns (extractor/read/pdf_spans.py): the columns
are the left edges the cells start at, a text past the next column's edge spans that column."""

from __future__ import annotations

from layout import page_blocks, table_chars

from extractor.read.pdf_model import TableBlock

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
