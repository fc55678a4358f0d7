"""Layout texts (poppler's ``pdftotext -layout``) of tables with a header over two rows and rows
going on over a page break in the next page's own grid (extractor/read/layout/continued.py):
constructed flattenings, each read to its real values."""

from __future__ import annotations

from extractor.read.layout import layout_tables


def _line(*cells: tuple[int, str]) -> str:
    """Cells at character positions (poppler's grid: every character one position)."""
    out = ""
    for x, text in cells:
        out = out.ljust(x) + text
    return out + "\n"


HEADER = (
    _line((0, "年度"), (6, "预期目标"), (42, "实际完成情况"))
    + _line((0, "总体"))
    + _line((0, "目标"), (6, "学生都享受到政策福利"), (42, "学生均已享受到政策福利"))
    + _line((0, "绩效指标"), (24, "年度指标值"), (42, "实际"), (50, "分值"), (56, "得分"), (62, "偏"))
    + _line((42, "完成"), (62, "差"))
    + _line(
        (0, "一级"),
        (6, "二级"),
        (12, "三级指标"),
        (22, "指标性质"),
        (28, "指标值"),
        (34, "度量单位"),
        (42, "值"),
        (62, "原"),
    )
    + _line((0, "指标"), (6, "指标"), (62, "因"))
)
FIRST_PAGE = _line(
    (0, "产出"),
    (6, "数量"),
    (12, "受资助人数"),
    (22, "≥"),
    (28, "735"),
    (34, "人次"),
    (42, "735"),
    (50, "50"),
    (56, "50"),
) + _line((0, "指标"), (6, "指标"))


def _rows(text: str) -> list[list[str | None]]:
    [table] = [t for t in layout_tables(text) if t.n_cols > 6]
    return [[c.text if c else None for c in row] for row in table.rows()]


def test_a_header_over_two_rows_takes_the_columns_of_its_second_row() -> None:
    """绩效指标 over 一级 / 二级 / 三级指标 and 年度指标值 over 指标性质 / 指标值: cells spanning the
    columns below them, no column of their own; the band from the goal lines above has fewer
    column words and is not the header."""
    rows = _rows("\n" + HEADER + FIRST_PAGE)
    assert rows[0] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因",
    ]
    assert rows[1] == ["产出指标", "数量指标", "受资助人数", "≥", "735", "人次", "735", "50", "50", ""]


def test_rows_going_on_in_the_next_page_s_grid_take_the_header_s_columns_in_order() -> None:
    """The next page lays the rows out narrower, its columns parted by single spaces: they are the
    header's columns in order (the reason column left empty); a name's last line at the top of the
    page ends the row above; a level cell on five lines is one word over its rows."""
    page = (
        "\f"
        + _line((7, "率"))
        + _line(
            (0, "效益 社会 政策知晓"), (14, "═"), (18, "100"), (24, "%"), (28, "98%"), (35, "30"), (41, "27")
        )
        + _line((0, "指标 效益 率"))
        + _line((3, "指标"))
        + _line(
            (0, "满意 服务 学生满意"), (14, "≧"), (18, "95"), (24, "%"), (28, "100%"), (35, "20"), (41, "20")
        )
        + _line((0, "度指 对象 度"))
        + _line((0, "标"), (3, "满意"))
        + _line((7, "家长满意"), (14, "≧"), (18, "95"), (24, "%"), (28, "100%"), (35, "10"), (41, "9"))
        + _line((3, "度指"))
        + _line((7, "度"))
        + _line((3, "标等"))
    )
    first = FIRST_PAGE.replace("受资助人数", "受资助人员比")
    rows = _rows("\n" + HEADER + first + page + "\n\n其他需要说明事项  无\n")
    assert rows[1][2] == "受资助人员比率"
    assert rows[2] == ["效益指标", "社会效益指标", "政策知晓率", "═", "100", "%", "98%", "30", "27", ""]
    assert rows[3] == [
        "满意度指标",
        "服务对象满意度指标等",
        "学生满意度",
        "≧",
        "95",
        "%",
        "100%",
        "20",
        "20",
        "",
    ]
    assert rows[4][1:] == [None, "家长满意度", "≧", "95", "%", "100%", "10", "9", ""]
