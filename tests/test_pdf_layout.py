"""PDF layouts an office suite writes (LibreOffice's export of a Word report): spaces drawn as gaps,
a table continued on the next page on fewer column edges than its first page draws, a row the
page break cut, and value cells spanning two grid columns under one header cell."""

from __future__ import annotations

from extractor.fields.mapper import read_tables
from extractor.grid import Cell, build_table
from extractor.normalize import NormText
from extractor.read.pdf_continued import join_continued_tables
from extractor.read.pdf_lines import line_text
from extractor.read.pdf_model import Char, Page
from extractor.read.pdf_ruled import grid


def _chars(text: str, x: float, size: float = 8.0, gaps: dict[int, float] | None = None) -> list[Char]:
    """Characters of one line, each `size` wide, a gap before the characters named in `gaps`."""
    out = []
    for i, ch in enumerate(text):
        x += (gaps or {}).get(i, 0.0)
        out.append(Char(ch, x, x + size, 100.0, 100.0 + size, size))
        x += size
    return out


def test_a_space_drawn_as_a_gap_between_cjk_words_is_read() -> None:
    row = _chars("计量单位指标性质", 100.0, gaps={4: 2.6})  # no space glyph, a third of a character
    assert line_text(row) == "计量单位 指标性质"


def test_an_evenly_spread_cjk_line_gets_no_spaces() -> None:
    row = _chars("纳入年度专项资金", 100.0, gaps={i: 2.6 for i in range(1, 8)})  # justified: every gap
    assert line_text(row) == "纳入年度专项资金"


def _box_grid(cells: list[tuple[float, float, float, float, str]], page: int):
    """A ruled table block from (x0, top, x1, bottom, text) cells, each text drawn inside its box."""
    chars = [ch for x0, top, _, _, text in cells for ch in _chars(text, x0 + 1, 4.0) if text]
    for ch, (_, top, _, _, _) in zip(chars, [c for c in cells for _ in c[4]], strict=True):
        ch.top, ch.bottom = top + 2, top + 6
    return grid([c[:4] for c in cells], chars, page)


def test_a_table_continued_on_fewer_column_edges_joins_its_first_part() -> None:
    """Page 1 draws 指标值 | 度量单位 under 年度指标值 (edges 0, 40, 60, 80, 100, 120); page 2 draws
    the same table without the sub-column edge at 60 only in the row it cuts; the part below is placed
    on all edges, and the row the break cut ('学生受资助人' / '数') is one row again."""
    first = _box_grid(
        [
            (0, 0, 40, 10, "三级指标"), (40, 0, 80, 10, "年度指标值"), (80, 0, 100, 20, "分值"),
            (100, 0, 120, 20, "得分"), (0, 10, 40, 20, ""), (40, 10, 60, 20, "指标值"),
            (60, 10, 80, 20, "度量单位"), (0, 20, 40, 30, "学生受资助人"), (40, 20, 60, 30, "735"),
            (60, 20, 80, 30, "人次"), (80, 20, 100, 30, "10"), (100, 20, 120, 30, "10"),
        ],
        page=1,
    )  # fmt: skip
    second = _box_grid(
        [
            (0, 0, 40, 10, "数"), (40, 0, 80, 10, ""), (80, 0, 100, 10, ""), (100, 0, 120, 10, ""),
            (0, 10, 40, 20, "受资助学校数量"), (40, 10, 80, 20, "1所"), (80, 10, 100, 20, "5"),
            (100, 10, 120, 20, "5"),
        ],
        page=2,
    )  # fmt: skip
    join_continued_tables([Page([first], True), Page([second], True)])
    assert second.table is first.table
    rows = [[c.text if c else None for c in r] for r in first.table.rows()]
    assert rows[2] == ["学生受资助人数", "735", "人次", "10", "10"]
    assert rows[3] == ["受资助学校数量", "1所", None, "5", "5"]
    assert first.table.n_rows == 4 and first.table.n_cols == 5


def test_two_tables_of_other_widths_are_not_joined() -> None:
    first = _box_grid([(0, 0, 40, 10, "项目名称"), (40, 0, 120, 10, "某项目")], page=1)
    second = _box_grid([(0, 0, 40, 10, "一级指标"), (40, 0, 100, 10, "二级指标")], page=2)
    join_continued_tables([Page([first], True), Page([second], True)])
    assert second.table is not first.table


def _cell(r: int, c: int, text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(row=r, col=c, text=text, colspan=colspan, rowspan=rowspan)


def test_value_cells_spanning_two_columns_under_one_header_are_read() -> None:
    """A PDF's ruling gives the budget block two grid columns a header cell (the indicator block
    below draws more edges): a figure spanning both columns of one header is that column's."""
    rows = [
        [_cell(0, 0, "项目资金(元)", 2), _cell(0, 2, "年初预算数", 2), _cell(0, 4, "全年预算数", 2),
         _cell(0, 6, "全年执行数", 2), _cell(0, 8, "执行率", 2)],
        [_cell(1, 0, "年度资金总额", 2), _cell(1, 2, "1000", 2), _cell(1, 4, "1200", 2),
         _cell(1, 6, "1140", 2), _cell(1, 8, "95%", 2)],
        [_cell(2, 0, "三级指标", 2), _cell(2, 2, "指标值"), _cell(2, 3, "度量单位"),
         _cell(2, 4, "实际完成值", 2), _cell(2, 6, "分值", 2), _cell(2, 8, "得分", 2)],
        [_cell(3, 0, "受助学生人数", 2), _cell(3, 2, "735"), _cell(3, 3, "人次"), _cell(3, 4, "735", 2),
         _cell(3, 6, "10", 2), _cell(3, 8, "10", 2)],
        [_cell(4, 0, "分值跨列", 2), _cell(4, 2, "9", 4), _cell(4, 6, "10", 2), _cell(4, 8, "9", 2)],
    ]  # fmt: skip
    table = build_table(rows, "pdf-ruling")
    text = "x" * 10
    result = read_tables([table], NormText(text, list(range(len(text) + 1)), text, [0], [0]))
    assert result.fields["budget.initial"].value == 1000
    assert result.fields["budget.executed"].value == 1140
    assert result.fields["budget.execution_rate"].value == 95
    first = result.indicators[0]
    assert (first.name.value, first.target.value, first.actual.value, first.score.value) == (
        "受助学生人数", 735, 735, 10,
    )  # fmt: skip
    second = result.indicators[1]
    assert second.target is None and second.actual is None  # '9' spans 指标值, 度量单位 and 实际完成值
