"""Tables flattened into text come back as the same grid, whatever the flattening.

Each grid below is written into every flattening recover_tables reads (pipe rows, tab rows,
wide gaps, one cell a line with and without blank lines, header words broken over lines) by a
small writer, placed between prose paragraphs, and recovered: every position's text, which
positions are covered by a merge, the grid's size and each cell's offsets must come back.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.grid import Table
from extractor.read.recover import recover_tables
from extractor.read.text import read_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# A grid: rows of origin cells (text, rowspan, colspan) from left to right; covered positions
# are filled from the spans.
Spec = list[list[tuple[str, int, int]]]


def c(text: str, rowspan: int = 1, colspan: int = 1) -> tuple[str, int, int]:
    return (text, rowspan, colspan)


PROJECT: Spec = [
    [c("项目名称"), c("老旧校舍改造", 1, 7)],
    [c("主管部门"), c("某县教育局", 1, 7)],
    [c("实施单位"), c("某县第一中学", 1, 7)],
    [
        c("项目资金(万元)", 5),
        c(""),
        c("年初预算数"),
        c("全年预算数"),
        c("全年执行数"),
        c("分值"),
        c("执行率(B/A)"),
        c("得分"),
    ],
    [c("年度资金总额"), c("120.5"), c("130"), c("128.7"), c("10"), c("99%"), c("9.9")],
    [c("其中:当年财政拨款"), c("100"), c("110"), c(""), c("", 1, 3)],
    [c("上年结转资金"), c("20.5"), c("20"), c("18.7"), c("", 1, 3)],
    [c("其他资金"), c(""), c(""), c(""), c("", 1, 3)],
    [c("年度总体目标", 2), c("预期目标"), c("实际完成情况", 1, 6)],
    [c("完成校舍改造"), c("已完成改造", 1, 6)],
    [
        c("一级指标"),
        c("二级指标"),
        c("三级指标"),
        c("年度指标值"),
        c("实际完成值"),
        c("分值"),
        c("得分"),
        c("偏差原因分析及改进措施"),
    ],
    [
        c("产出指标", 3),
        c("数量指标", 2),
        c("改造面积"),
        c("≥500平方米"),
        c("520平方米"),
        c("20"),
        c("20"),
        c(""),
    ],
    [c("设备数量"), c("10台"), c("10台"), c("20"), c("20"), c("")],
    [c("质量指标"), c("验收合格率"), c("100%"), c("100%"), c("20"), c("20"), c("")],
    [
        c("满意度指标"),
        c("服务对象满意度指标"),
        c("师生满意度"),
        c("≥90%"),
        c("92%"),
        c("30"),
        c("28"),
        c("个别反映施工噪音"),
    ],
    [c("总分"), c("100"), c("97.9"), c("优", 1, 5)],
]

DEPARTMENT: Spec = [
    [c("项目"), c("年初预算数"), c("全年预算数"), c("全年执行数"), c("执行率")],
    [c("支出合计"), c("580.50"), c("620.30"), c("600.10"), c("96.74%")],
    [c("基本支出"), c("420.00"), c("430.00"), c("428.60"), c("99.67%")],
    [c("项目支出"), c("160.50"), c("190.30"), c("171.50"), c("90.12%")],
]

# Header words as a Word table cell or a narrow web column breaks them.
BROKEN = {
    "年初预算数": ["年初", "预算数"],
    "全年执行数": ["全年", "执行数"],
    "执行率(B/A)": ["执行率", "(B/A)"],
    "偏差原因分析及改进措施": ["偏差原因", "分析及改进措施"],
    "年度指标值": ["年度", "指标值"],
}

BEFORE = (
    "一、项目基本情况\n"
    "本项目由某县第一中学实施,改造老旧校舍两栋,全年完成全部改造任务并通过验收,资金使用规范,执行进度符合预期。\n"
)
AFTER = "\n三、存在的问题\n个别施工环节噪音较大,今后将合理安排施工时间。\n"


def expected_grid(spec: Spec) -> tuple[list[list[tuple[str, int, int] | None]], int]:
    """Each position's origin cell (text, rowspan, colspan), or None where a merge covers it."""
    n_cols = sum(cs for _, _, cs in spec[0])
    grid: list[list[tuple[str, int, int] | None | bool]] = [[False] * n_cols for _ in spec]
    for r, row in enumerate(spec):
        col = 0
        for cell in row:
            while grid[r][col] is not False:
                col += 1
            _, rs, cs = cell
            for rr in range(r, r + rs):
                for cc in range(col, col + cs):
                    grid[rr][cc] = None
            grid[r][col] = cell
            col += cs
    assert all(x is not False for row in grid for x in row), "spec does not fill its grid"
    return grid, n_cols  # type: ignore[return-value]


def pipe_rows(spec: Spec) -> str:
    return "\n".join(" | ".join(t for t, _, _ in row) + " |" for row in spec)


def bar_rows(spec: Spec) -> str:
    return "\n".join("|" + "|".join(t for t, _, _ in row) + "|" for row in spec)


def tab_rows(spec: Spec) -> str:
    return "\n".join("\t".join(t for t, _, _ in row) for row in spec)


def gap_rows(spec: Spec) -> str:
    return "\n".join("   ".join(t for t, _, _ in row) for row in spec)


def full_width_gap_rows(spec: Spec) -> str:
    return "\n".join("\u3000\u3000".join(t for t, _, _ in row) for row in spec)


def cell_lines(spec: Spec, broken: bool = False) -> list[str]:
    out: list[str] = []
    for row in spec:
        for text, _, _ in row:
            out.extend(BROKEN.get(text, [text]) if broken else [text])
    return out


def one_cell_a_line(spec: Spec) -> str:
    return "\n".join(cell_lines(spec))


def one_cell_a_line_broken(spec: Spec) -> str:
    return "\n".join(cell_lines(spec, broken=True))


def blank_line_between(spec: Spec) -> str:
    """A web page copied to text: a blank line after every cell, empty cells as one space."""
    return "\n\n".join(x or " " for x in cell_lines(spec, broken=True))


def word_cells_broken_in_place(spec: Spec) -> str:
    """Blank lines between cells, a broken header word's pieces on consecutive lines."""
    cells = []
    for row in spec:
        for text, _, _ in row:
            cells.append("\n".join(BROKEN.get(text, [text])) or " ")
    return "\n\n".join(cells)


# A long cell wrapped over consecutive lines (a narrow web column, a PDF export's line width).
WRAPPED = {
    "个别反映施工噪音": ["个别反", "映施工", "噪音"],
    "施工噪音较大。今后将合理安排施工时间。": ["施工噪音较大。", "今后将合理安排", "施工时间。"],
}


def _with_page_lines(cells: list[str], marker: str, every: int = 7) -> list[str]:
    """A page-number line after every `every` cells: on odd pages right under the cell's last
    line, on even pages between blank lines like a cell."""
    out: list[str] = []
    for i, cell in enumerate(cells, 1):
        out.append(cell)
        if i % every == 0:
            page = i // every
            if page % 2:
                out[-1] += "\n" + marker.format(page)
            else:
                out.append(marker.format(page))
    return out


def wrapped_cells_page_numbers(spec: Spec, marker: str = "- {} -") -> str:
    """Blank lines between cells, header words broken in place, a long cell wrapped over three
    lines, and page-number lines left in inside the table."""
    cells = []
    for row in spec:
        for text, _, _ in row:
            cells.append("\n".join(WRAPPED.get(text) or BROKEN.get(text, [text])) or " ")
    return "\n\n".join(_with_page_lines(cells, marker))


def one_cell_a_line_page_numbers(spec: Spec) -> str:
    """One cell a line, no blank lines, page-number lines between cells."""
    return "\n".join(_with_page_lines(cell_lines(spec), "第 {} 页 共 9 页"))


WRITERS: dict[str, Callable[[Spec], str]] = {
    "pipe": pipe_rows,
    "bar": bar_rows,
    "tab": tab_rows,
    "one-cell-a-line": one_cell_a_line,
    "one-cell-a-line-broken-headers": one_cell_a_line_broken,
    "blank-line-between": blank_line_between,
    "blank-line-between-pieces-together": word_cells_broken_in_place,
    "blank-line-between-wrapped-page-numbers": wrapped_cells_page_numbers,
    "blank-line-between-wrapped-page-of": lambda spec: wrapped_cells_page_numbers(spec, "第 {} 页 共 9 页"),
    "one-cell-a-line-page-numbers": one_cell_a_line_page_numbers,
}
# Wide gaps cannot show an empty cell: only grids without empty cells are written so.
GAP_WRITERS: dict[str, Callable[[Spec], str]] = {"gap": gap_rows, "full-width-gap": full_width_gap_rows}


def assert_grid(text: str, table: Table, spec: Spec) -> None:
    grid, n_cols = expected_grid(spec)
    assert (table.n_rows, table.n_cols) == (len(spec), n_cols)
    assert table.source == "text"
    got = table.rows()
    for r in range(len(spec)):
        for col in range(n_cols):
            want = grid[r][col]
            cell = got[r][col]
            if want is None:
                assert cell is None, (r, col, cell)
                continue
            assert cell is not None, (r, col, want)
            assert (cell.text, cell.rowspan, cell.colspan) == want, (r, col)
    for cell in table.cells:
        assert text[cell.start : cell.end].replace("\n", "") == cell.text
    assert text[table.start : table.end].strip()


def recover_one(text: str) -> Table:
    tables = recover_tables(text)
    assert len(tables) == 1, [t.n_rows for t in tables]
    return tables[0]


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("name", ["project", "department"])
def test_every_flattening_gives_the_same_grid(name: str, writer: str) -> None:
    spec = PROJECT if name == "project" else DEPARTMENT
    body = WRITERS[writer](spec)
    text = BEFORE + body + AFTER
    table = recover_one(text)
    assert_grid(text, table, spec)
    # the prose around the table stays prose
    assert table.start == len(BEFORE)
    assert table.end == len(BEFORE) + len(body)


@pytest.mark.parametrize("writer", sorted(GAP_WRITERS))
def test_wide_gap_rows(writer: str) -> None:
    body = GAP_WRITERS[writer](DEPARTMENT)
    text = BEFORE + body + AFTER
    table = recover_one(text)
    assert_grid(text, table, DEPARTMENT)


def test_empty_executed_cell_keeps_its_column() -> None:
    text = blank_line_between(PROJECT)
    table = recover_one(text)
    row = table.rows()[5]
    assert [x.text if x else None for x in row] == [
        None,
        "其中:当年财政拨款",
        "100",
        "110",
        "",
        "",
        None,
        None,
    ]
    assert row[4] is not None and row[4].colspan == 1


def test_wrapped_cell_with_a_sentence_end_is_one_cell() -> None:
    """A reason cell of two sentences wrapped after the first (b02): one cell, its span from the
    first piece to the last, the page-number line inside the table neither a cell nor its end."""
    reason = "施工噪音较大。今后将合理安排施工时间。"
    spec = [list(row) for row in PROJECT]
    spec[-2] = spec[-2][:-1] + [c(reason)]
    body = wrapped_cells_page_numbers(spec)
    text = BEFORE + body + AFTER
    table = recover_one(text)
    assert_grid(text, table, spec)
    cell = table.rows()[-2][-1]
    assert cell is not None and cell.text == reason
    assert text[cell.start : cell.end] == "施工噪音较大。\n今后将合理安排\n施工时间。"
    assert not any("页" in x.text or x.text.startswith("-") for x in table.cells)


def test_page_number_lines_are_no_cells() -> None:
    body = wrapped_cells_page_numbers(PROJECT)
    assert body.count("- ") >= 10  # the writer did put page-number lines into the table
    table = recover_one(BEFORE + body + AFTER)
    assert [x.text for x in table.cells if x.text.startswith("- ")] == []


def test_prose_is_not_a_table() -> None:
    prose = "\n".join([BEFORE.strip(), "年初预算数为120万元,全年执行数为118万元。", AFTER.strip()])
    assert recover_tables(prose) == []
    assert recover_tables("分值\n得分\n") == []


def test_page_from_form_feed() -> None:
    text = "封面\n\f" + pipe_rows(DEPARTMENT)
    table = recover_one(text)
    assert table.page == 2
    assert {c.page for c in table.cells} == {2}


def test_read_text_adds_tables_and_keeps_text() -> None:
    data = (BEFORE + tab_rows(DEPARTMENT) + AFTER).encode("utf-8")
    doc = read_text("t.txt", data)
    assert doc.text == data.decode("utf-8")
    assert len(doc.tables) == 1
    assert doc.tables[0].rows()[1][3].text == "600.10"


def _row_texts(table: Table, label: str) -> list[str]:
    for row in table.rows():
        texts = [x.text for x in row if x is not None]
        if label in texts:
            return texts[texts.index(label) :]
    raise AssertionError(f"no row {label}")


def test_web_page_table_b02() -> None:
    text = (FIXTURES / "corpus" / "b02.txt").read_text(encoding="utf-8")
    table = recover_one(text)
    assert table.n_cols == 8
    assert _row_texts(table, "年度资金总额") == ["年度资金总额", "43.2", "43.2", "37.24", "10", "86%", "9"]
    assert _row_texts(table, "其中:当年财政拨款") == ["其中:当年财政拨款", "43.2", "43.2", "37.24", ""]
    header = [x.text for x in table.rows()[3] if x is not None]
    assert header == [
        "项目资金(万元)",
        "",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ]
    grid = table.rows()
    first = next(r for r, row in enumerate(grid) if row[0] is not None and row[0].text == "产出指标")
    assert grid[first][0].rowspan == 12 and grid[first][1].text == "数量指标"
    assert [x.text if x else None for x in grid[first + 1]] == [None, None, "指标2", "", "", "", "", ""]
    for cell in table.cells:
        assert text[cell.start : cell.end].replace("\n", "") == cell.text


def test_word_saved_as_text_p06t() -> None:
    text = (FIXTURES / "forms" / "p06t.txt").read_text(encoding="utf-8")
    table = recover_one(text)
    assert _row_texts(table, "年度资金总额") == [
        "年度资金总额",
        "4753.66万元",
        "4753.66万元",
        "3824.26万元",
        "10",
        "100%",
        "10",
    ]
    grid = table.rows()
    names = [row[2].text for row in grid if row[2] is not None]
    assert "偏差原因分析及改进措施" in [x.text for row in grid for x in row if x is not None]
    assert names[names.index("三级指标") + 1 : names.index("三级指标") + 4] == [
        "造林面积",
        "病虫害防治面积",
        "森林经营面积",
    ]
    levels = [row[1].text for row in grid if row[1] is not None and row[1].rowspan > 1]
    assert levels[:2] == ["数量指标", "质量指标"]
    goal = next(r for r, row in enumerate(grid) if row[0] is not None and row[0].text == "年度总体目标")
    assert grid[goal][0].rowspan == 2
    assert [x.text for x in grid[goal + 1] if x is not None] == [
        "目标1:造林1.2万亩,目标2森林经营16.3万亩目标3:病虫害防治3.45万亩"
    ] * 2


def test_pipe_rows_of_a_corpus_table_b03() -> None:
    text = (FIXTURES / "corpus" / "b03.txt").read_text(encoding="utf-8")
    tables = recover_tables(text)
    assert len(tables) == 1
    table = tables[0]
    assert _row_texts(table, "其中:财政资金")[:5] == ["其中:财政资金", "0.00", "3.36", "3.36", "100.00%"]
    budget = [x.text for x in table.rows()[6] if x is not None]
    assert budget[:3] == ["预算执行情况(10分)", "年度预算数(万元)", "年初预算"]
    assert table.rows()[7][0] is None  # covered by 预算执行情况(10分)


# --------------------------------------------------------------------------- values, not only grids

PROJECT_TITLE = "某县第一中学2023年度老旧校舍改造项目支出绩效自评报告\n"
PROJECT_VALUES = {
    "report.project_name": "老旧校舍改造",
    "report.department": "某县教育局",
    "report.unit_name": "某县第一中学",
    "budget.initial": 1205000,
    "budget.adjusted": 1300000,
    "budget.executed": 1287000,
    "budget.execution_weight": 10,
    "budget.execution_rate": 99,
    "budget.execution_score": Decimal("9.9"),
    "budget.funds.current.initial": 1000000,
    "budget.funds.current.adjusted": 1100000,
    "budget.funds.carryover.initial": 205000,
    "budget.funds.carryover.adjusted": 200000,
    "budget.funds.carryover.executed": 187000,
    "indicators.1.name": "改造面积",
    "indicators.1.level1": "产出指标",
    "indicators.1.level2": "数量指标",
    "indicators.1.target_op": ">=",
    "indicators.1.target": 500,
    "indicators.1.unit": "平方米",
    "indicators.1.actual": 520,
    "indicators.1.weight": 20,
    "indicators.1.score": 20,
    "indicators.2.name": "设备数量",
    "indicators.2.level2": "数量指标",
    "indicators.2.target": 10,
    "indicators.2.unit": "台",
    "indicators.3.name": "验收合格率",
    "indicators.3.level2": "质量指标",
    "indicators.4.name": "师生满意度",
    "indicators.4.level1": "满意度指标",
    "indicators.4.target_op": ">=",
    "indicators.4.target": 90,
    "indicators.4.actual": 92,
    "indicators.4.score": 28,
    "indicators.4.deviation_reason": "个别反映施工噪音",
    "evaluation.total_score": Decimal("97.9"),
    "evaluation.grade": "优",
}


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_every_flattening_gives_the_same_values(writer: str) -> None:
    """Recovered grids read by the template mapper: each flattening of one table gives the same
    amounts (万元 from the 项目资金(万元) header, in 元), funds rows (the blank 全年执行数 of the
    当年财政拨款 row stays blank, nothing shifted into it), indicator rows, total and grade."""
    from extractor.flat import flatten
    from extractor.pipeline import extract_document
    from extractor.read.text import text_document

    text = PROJECT_TITLE + BEFORE + WRITERS[writer](PROJECT) + AFTER
    flat = flatten(extract_document(text_document("t.txt", text)))
    assert {k: flat.get(k) for k in PROJECT_VALUES} == PROJECT_VALUES
    assert "budget.funds.current.executed" not in flat
    assert sum(1 for k in flat if k.endswith(".name") and k.startswith("indicators.")) == 4


def one_line(spec: Spec) -> str:
    """A Word table saved as text by some converters: every cell on one line, single spaces
    between them, empty cells gone."""
    return " ".join(text for row in spec for text, _, _ in row if text)


def rows_single_spaced(spec: Spec) -> str:
    """A row a line, its cells cut by single spaces, empty cells gone."""
    return "\n".join(" ".join(text for text, _, _ in row if text) for row in spec)


def glued(spec: Spec) -> str:
    """A scraped page with no separators at all: every cell run together."""
    return "".join(text for row in spec for text, _, _ in row if text)


@pytest.mark.parametrize("writer", [one_line, rows_single_spaced], ids=lambda w: w.__name__)
def test_flattenings_without_rows_give_the_same_values(writer: Callable[[Spec], str]) -> None:
    """Flattenings whose empty cells (and rows) are gone: the grid recovered from the cell stream
    (fields/stream/) gives the same values, the blank 全年执行数 of 当年财政拨款 still blank."""
    from extractor.flat import flatten
    from extractor.pipeline import extract_document
    from extractor.read.text import text_document

    text = PROJECT_TITLE + BEFORE + writer(PROJECT) + AFTER
    flat = flatten(extract_document(text_document("t.txt", text)))
    assert {k: flat.get(k) for k in PROJECT_VALUES} == PROJECT_VALUES
    assert "budget.funds.current.executed" not in flat


def test_glued_cells_give_no_wrong_value() -> None:
    """All cells glued: what the arithmetic settles is read (the total row's execution figures,
    the rows whose readings all agree); what it leaves open is left out, nothing is guessed."""
    from extractor.flat import flatten
    from extractor.pipeline import extract_document
    from extractor.read.text import text_document

    text = PROJECT_TITLE + BEFORE + glued(PROJECT) + AFTER
    flat = flatten(extract_document(text_document("t.txt", text)))
    read = {k: flat[k] for k in PROJECT_VALUES if k in flat}
    assert read == {k: v for k, v in PROJECT_VALUES.items() if k in read}
    assert flat["budget.executed"] == 1287000
    assert flat["budget.execution_rate"] == 99
    assert flat["indicators.3.name"] == "验收合格率"
    assert flat["indicators.1.target"] == 500
    # 120.5130 glued: 120.5 | 130, not 120.513 | 0 (nothing to spend cannot give 128.7 spent, 99%)
    assert (flat["budget.initial"], flat["budget.adjusted"]) == (1205000, 1300000)


def _texts(table: Table) -> list[list[str | None]]:
    return [[x.text if x else None for x in row] for row in table.rows()]


def test_a_corner_word_after_a_unit_line_starts_the_header() -> None:
    """项目 written right under 单位：万元 (no blank line between), cells then one a line: 项目 is the
    header's first cell, so the rows stand under their columns."""
    rows = [
        ["项目", "年初预算数", "全年执行数", "执行率"],
        ["支出合计", "580.50", "600.10", "96.74%"],
        ["基本支出", "420.00", "428.60", "99.67%"],
    ]
    text = "二、部门整体支出情况\n单位：万元\n" + "\n\n".join(c for r in rows for c in r) + "\n"
    table = recover_one(text)
    assert _texts(table) == rows
    assert [text[c.start : c.end] for c in table.cells][:2] == ["项目", "年初预算数"]


def test_an_of_which_cell_joins_the_row_label() -> None:
    text = "科目  年初预算数  全年执行数\n合计  1,200.00  1,150.00\n其中：  人员经费  800.00  790.00\n"
    table = recover_one(text)
    assert table.n_cols == 3
    assert _texts(table)[2] == ["其中：人员经费", "800.00", "790.00"]
    label = table.rows()[2][0]
    assert label is not None and text[label.start : label.end] == "其中：  人员经费"


def test_a_form_of_labels_and_figures_is_a_two_column_grid() -> None:
    cells = ["年初预算数", "580.50", "全年执行数", "600.10", "预算执行率", "96.74%"]
    table = recover_one("单位：万元。\n\n" + "\n\n".join(cells) + "\n")
    assert _texts(table) == [["年初预算数", "580.50"], ["全年执行数", "600.10"], ["预算执行率", "96.74%"]]


def test_one_label_and_figure_is_no_form() -> None:
    assert recover_tables("全年执行数\n\n600.10\n") == []


def test_single_spaced_rows_of_vocabulary_words_and_figures() -> None:
    text = "项目 年初预算数 全年执行数 执行率\n支出合计 12.50 10.20 81.60%\n本年 支出 增长 较快\n"
    table = recover_one(text)
    assert _texts(table) == [
        ["项目", "年初预算数", "全年执行数", "执行率"],
        ["支出合计", "12.50", "10.20", "81.60%"],
    ]


def test_one_cell_a_line_closed_by_pipes_keeps_its_empty_cells():
    """A page that ends every cell with ' |' and writes an empty cell as a lone '|' line (Sichuan
    tables copied from the web): the blank 完成值 stays in its column, so 60 is the weight."""
    header = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分"]
    row = ["产出指标", "数量指标", "发放覆盖率", "=", "100", "%", "", "60", ""]
    text = "".join(f"{c} |\n" if c else "|\n" for c in header + row)
    (table,) = recover_tables(text)
    cells = {(c.row, c.col): c.text for c in table.cells}
    assert [cells[(1, k)] for k in range(9)] == row
    weight = next(c for c in table.cells if c.row == 1 and c.col == 7)
    assert text[weight.start : weight.end] == "60"


def test_a_level_name_alone_on_its_line_opens_the_pipe_row_after_it():
    """'成本指标' cut off by a line break before '| 宣传片制作费 | 200万 | …' (湖北's pipe tables)."""
    text = (
        "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 得分 |\n"
        "产出指标 | 数量指标 | 宣传片数量 | 1部 | 1部 | 40 |\n"
        "成本指标\n"
        "| 宣传片制作费 | 200万 | 195.5万元 | 10 |\n"
    )
    (table,) = recover_tables(text)
    rows = [[c.text for c in table.cells if c.row == r] for r in range(table.n_rows)]
    assert rows[2] == ["成本指标", "宣传片制作费", "200万", "195.5万元", "10"]
    first = next(c for c in table.cells if c.row == 2)
    assert text[first.start : first.end] == "成本指标" and (first.col, table.n_rows) == (1, 3)


def every_position_a_line(spec: Spec, paragraphs: dict[str, list[str]] | None = None) -> str:
    """Word's and LibreOffice's text export: every cell on its own line, a position covered by the
    cell above it (a merge over rows) as an empty line, a cell of several paragraphs on several
    lines; a cell merged over columns is one line."""
    grid, n_cols = expected_grid(spec)
    out: list[str] = []
    for r in range(len(spec)):
        col = 0
        while col < n_cols:
            cell = grid[r][col]
            if cell is None:
                out.append("")
                col += 1
                continue
            out.extend((paragraphs or {}).get(cell[0], [cell[0]]))
            col += cell[2]
    return "\n".join(out)


def _origins(table: Table, rows: range) -> list[list[tuple[str, int, int] | None]]:
    return [[x and (x.text, x.rowspan, x.colspan) for x in table.rows()[r]] for r in rows]


def test_covered_positions_as_empty_lines_keep_the_indicator_rows() -> None:
    """The indicator rows of a table written with its covered positions as empty lines, the
    deviation reason in two paragraphs: the rows divide into the header's width once the two
    lines of text are one cell, so each row stands in its columns and the merged level cells
    cover the rows under them (as in the grid written)."""
    paragraphs = {"个别反映施工噪音": ["个别反映", "施工噪音"]}
    text = BEFORE + every_position_a_line(PROJECT, paragraphs) + AFTER
    table = recover_one(text)
    grid, _ = expected_grid(PROJECT)
    indicator_rows = range(10, 15)
    assert _origins(table, indicator_rows) == [grid[r] for r in indicator_rows]
    reason = table.rows()[14][7]
    assert reason is not None and text[reason.start : reason.end] == "个别反映\n施工噪音"


def test_covered_positions_as_empty_lines_give_the_same_values() -> None:
    from extractor.flat import flatten
    from extractor.pipeline import extract_document
    from extractor.read.text import text_document

    paragraphs = {"个别反映施工噪音": ["个别反映", "施工噪音"]}
    text = PROJECT_TITLE + BEFORE + every_position_a_line(PROJECT, paragraphs) + AFTER
    flat = flatten(extract_document(text_document("t.txt", text)))
    assert {k: flat.get(k) for k in PROJECT_VALUES} == PROJECT_VALUES
    assert "budget.funds.current.executed" not in flat


def test_lines_of_one_cell_are_joined_only_where_one_way_fits() -> None:
    """One line too many among lines of text (群众 / 知晓情况 / 好 / 较好): three joins fit the
    width, so the text does not settle which and the rows are cut by their labels instead;
    with figures for target and actual only the name's two lines can be joined."""
    from extractor.read.recover.complete import complete_readings
    from extractor.read.recover.model import Block, Piece

    roles = ["col:level1", "col:level2", "col:name", "col:target", "col:actual", "col:weight", "col:score"]
    block = Block(kind="indicator", width=7, roles=roles)

    def pieces(*words: str) -> list[Piece]:
        return [Piece(w, k, k + len(w), k, k) for k, w in enumerate(words)]

    open_ = pieces("产出指标", "数量指标", "群众", "知晓情况", "好", "较好", "20", "18")
    assert len(complete_readings(open_, 0, 0, block)) == 3
    settled = pieces("产出指标", "数量指标", "群众", "知晓情况", "≥90%", "92%", "20", "18")
    (rows,) = complete_readings(settled, 0, 0, block)
    first = [p.text for p in rows[0].cells]
    assert first == ["产出指标", "数量指标", "群众知晓情况", "≥90%", "92%", "20", "18"]


NATIONAL: Spec = [
    [
        c("一级指标", 2),
        c("二级指标", 2),
        c("三级指标", 2),
        c("年度指标值", 1, 3),
        c("实际完成值", 2),
        c("分值", 2),
        c("得分", 2),
    ],
    [c("指标性质"), c("指标值"), c("度量单位")],
    [c("产出指标", 2), c("数量指标", 2), c("受资助人数"), c("≥"), c("735"), c("人次")]
    + [c("735"), c("10"), c("10")],
    [c("受资助学校数量"), c("＝"), c("1"), c("所"), c("1"), c("5"), c("4")],
]


def test_a_second_header_row_with_covered_positions_as_empty_lines() -> None:
    """The national template's 年度指标值 over 指标性质 / 指标值 / 度量单位, the header's other
    cells over both rows, written with every covered position as an empty line: the header cell
    spans its sub-columns, the rows under it have a cell in each of the ten columns."""
    text = BEFORE + every_position_a_line(NATIONAL) + AFTER
    table = recover_one(text)
    grid, _ = expected_grid(NATIONAL)
    assert _origins(table, range(len(NATIONAL))) == grid


def test_a_funds_header_without_its_corner_stands_over_the_figures() -> None:
    """pdftotext writes a table's corner cell (项目资金（元）) elsewhere in the text: the header's
    first cell is a column, the rows under it start with their labels. The header gets an empty
    corner, so 年初预算数 stands over the first figure and not over the label."""
    cells = ["年初预算数", "全年执行数", "执行率", "年度资金总额", "100", "90", "90%"]
    cells += ["其中：财政拨款", "100", "90", "90%"]
    table = recover_one("二、项目资金使用情况\n\n" + "\n\n".join(cells) + "\n")
    assert _texts(table) == [
        ["", "年初预算数", "全年执行数", "执行率"],
        ["年度资金总额", "100", "90", "90%"],
        ["其中：财政拨款", "100", "90", "90%"],
    ]


def test_a_vocabulary_word_under_a_cell_is_a_cell_of_its_own() -> None:
    """Blank lines between cells, but a key's value and the next label on consecutive lines
    (某县交通运输局 / 项目资金（万元）): two cells, the value not run into the label."""
    lines = ["项目名称", "", "乡村道路养护", "", "主管部门", "", "某县交通运输局", "项目资金（万元）", ""]
    lines += ["年初预算数", "", "全年执行数", "", "年度资金总额", "", "200", "", "199.5", ""]
    table = recover_one("\n".join(lines) + "\n")
    texts = [t for row in _texts(table) for t in row if t]
    assert "某县交通运输局" in texts and "项目资金（万元）" in texts


def test_short_level_names_open_their_rows() -> None:
    """Level names written without 指标 (产出 before 数量, 生态效益 before a name) open indicator
    rows as 产出指标 does: each row stands in its columns, a wrapped target ('≥50 万平' / '方米') one
    cell."""
    cells = ["一级指标", "二级指标", "三级指标", "指标值", "实际值", "权重", "自评得分"]
    cells += ["产出", "数量", "管护面积", "≥50 万平\n方米", "52 万平方米", "20", "20"]
    cells += ["效益", "生态效益", "绿化覆盖率", "≥40%", "41%", "30", "30"]
    table = recover_one("二、绩效指标完成情况\n\n" + "\n\n".join(cells) + "\n")
    assert _texts(table)[1:] == [
        ["产出", "数量", "管护面积", "≥50 万平方米", "52 万平方米", "20", "20"],
        ["效益", "生态效益", "绿化覆盖率", "≥40%", "41%", "30", "30"],
    ]


def test_gap_row_opened_by_a_name_starts_under_the_name_column() -> None:
    """Gap-cut indicator rows (sn-chencang): a row that leaves out its merged 一级/二级 cells and ends
    with a reason starts under 三级指标, not under the last cells of the longer row above it."""
    gap = "    "
    rows = [
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "分值",
            "年度指标值",
            "实际完成值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        ["效益指标", "社会效益指标", "食品安全事故发生数", "15", "0起", "0起", "15"],
        ["消费投诉按时办结率", "15", "≥95%", "93.8%", "14", "跨区调查延长办结时间。"],
    ]
    text = BEFORE + "\n".join(gap.join(r) for r in rows) + "\n" + AFTER
    grid = recover_one(text).rows()
    assert [x.text if x else None for x in grid[2]][2:] == rows[2]
    assert grid[2][:2] == [None, None] and grid[1][0].rowspan == grid[1][1].rowspan == 2  # covered


def test_an_empty_cell_between_blank_lines_is_a_cell() -> None:
    """A web page copied with a blank line after every cell, its empty cells too (he-renze): three
    blank lines between two cells are a separator, an empty cell and its separator."""
    cells = ["三级指标", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施"]
    cells += ["改造学校数量", "8所", "8所", "10", "", "新建塑胶运动场", "2块", "2块", "10", ""]
    text = BEFORE + "".join(f"{x}\n\n" for x in cells) + AFTER
    rows = recover_one(text).rows()
    assert [[x.text if x else None for x in row] for row in rows[1:]] == [cells[5:10], cells[10:]]


def test_cards_of_label_value_lines_are_a_table() -> None:
    """A mobile page's cards copied (zj-kaihua): each line a column label, a colon and the value;
    the cards with the same labels are one table, its header the labels, a row a card; the group
    header on the line before heads the first column."""
    cards = [
        ("三级指标", "生活垃圾清运量", "年度指标值", "≥3.6万吨", "得分", "15"),
        ("三级指标", "群众满意度", "年度指标值", "≥90%", "得分", "9"),
    ]
    budget = "项目资金（万元）\n年初预算数：1,380.00\n全年预算数：1,452.60\n全年执行数：1,437.94\n"
    body = "\n".join(
        "\n".join(f"{a}：{b}" for a, b in zip(c[::2], c[1::2], strict=True)) + "\n" for c in cards
    )
    text = BEFORE + budget + "绩效指标\n" + body + AFTER
    first, second = recover_tables(text)
    assert [[x.text for x in row] for row in first.rows()] == [
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数"],
        ["", "1,380.00", "1,452.60", "1,437.94"],
    ]
    assert [[x.text for x in row] for row in second.rows()] == [
        ["三级指标", "年度指标值", "得分"],
        ["生活垃圾清运量", "≥3.6万吨", "15"],
        ["群众满意度", "≥90%", "9"],
    ]
    assert text[second.rows()[2][0].start : second.rows()[2][0].end] == "群众满意度"
