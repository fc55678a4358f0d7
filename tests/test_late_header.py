"""pdftotext (without -layout) texts of an indicator table cut into a left and a right text block:
the header's right words, the rows' right cells, then the header's left words and the first
rows' left cells (extractor/read/recover/late.py). Constructed flattenings, one cell a line with
a blank line after each, read to their real values."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import extract
from extractor.flat import flatten
from extractor.read.recover.late import late_header
from extractor.read.recover.model import Piece

TITLE = ("2022年度项目支出绩效自评表", "项目名称", "学生营养改善项目")
RIGHT = (
    *("一级指标", "年度指标值", "二级指标", "数量指标", "质量指标", "产出指标"),
    *("度量单位", "实际完成值", "分值", "得分"),
    *("800", "人次", "812", "10", "10"),  # row 1 without its name and operator
    *("＝", "2", "所", "2", "5", "5"),  # row 2 without its name
    *("供餐覆盖率", "≥", "100", "%", "100%", "10", "9"),
)
LEFT = (
    *("三级指标", "指标性质", "指标值"),
    *("受助学生人次", "≥", "受助学校数量"),
    *("时效指标", "补助到位及时率", "≥", "100", "%", "95%", "10", "8"),
)
NEXT_PAGE = (  # the next page's header scattered among its first row
    *("一级指标", "效益指标", "满意度指标", "年度指标值", "二级指标", "三级指标"),
    *("社会效益指标", "政策知晓率", "指标性质", "指标值", "＝", "100"),
    *("度量单位", "实际完成值", "分值", "得分", "%", "98%", "10", "9"),
    *("服务对象满意度指标", "家长满意度", "≥", "95", "%", "97%", "10", "10"),
)


def _flat(tmp_path: Path, cells: tuple[str, ...]) -> dict:
    path = tmp_path / "late.txt"
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    return flatten(extract(path))


def _row(flat: dict, n: int) -> tuple:
    keys = ("name", "target_op", "target", "unit", "actual", "weight", "score")
    return tuple(flat.get(f"indicators.{n}.{k}") for k in keys)


def test_rows_before_a_header_written_late_take_their_left_cells_after_it(tmp_path: Path) -> None:
    flat = _flat(tmp_path, TITLE + RIGHT + LEFT)
    assert _row(flat, 1) == ("受助学生人次", ">=", 800, "人次", 812, 10, 10)
    assert _row(flat, 2) == ("受助学校数量", "=", 2, "所", 2, 5, 5)
    assert _row(flat, 3) == ("供餐覆盖率", ">=", 100, "%", 100, 10, 9)
    assert _row(flat, 4) == ("补助到位及时率", ">=", 100, "%", 95, 10, 8)
    assert flat["indicators.4.level2"] == "时效指标"
    assert "indicators.1.level2" not in flat  # 数量指标 / 质量指标: which rows each covers is not known
    assert [flat[f"indicators.{n}.level1"] for n in range(1, 5)] == ["产出指标"] * 4  # all 产出's 二级


def test_the_next_page_s_scattered_header_is_gathered_after_a_late_one(tmp_path: Path) -> None:
    flat = _flat(tmp_path, TITLE + RIGHT + LEFT + NEXT_PAGE)
    assert _row(flat, 4)[0] == "补助到位及时率"
    assert _row(flat, 5) == ("政策知晓率", "=", 100, "%", 98, 10, 9)
    assert _row(flat, 6) == ("家长满意度", ">=", 95, "%", 97, 10, 10)
    assert flat["indicators.6.level2"] == "服务对象满意度指标"
    assert (flat["indicators.5.level1"], flat["indicators.6.level1"]) == ("效益指标", "满意度指标")


def test_level_names_not_over_their_rows_level2_names_place_no_level1(tmp_path: Path) -> None:
    """A row's 二级 name under another 一级 than the one written (社会效益指标, not 产出指标's), and
    the next page's 一级 names in another order than their rows' 二级 names: no 一级 is placed."""
    left = tuple("社会效益指标" if c == "时效指标" else c for c in LEFT)
    page = tuple({"效益指标": "满意度指标", "满意度指标": "效益指标"}.get(c, c) for c in NEXT_PAGE)
    flat = _flat(tmp_path, TITLE + RIGHT + left + page)
    assert _row(flat, 4)[0] == "补助到位及时率" and _row(flat, 6)[0] == "家长满意度"
    assert not any(k.endswith("level1") for k in flat)
    assert "indicators.1.level2" not in flat  # the 二级指标 label left among the cells is no level


def _pieces(cells: tuple[str, ...]) -> list[Piece]:
    return [Piece(text, 3 * n, 3 * n + len(text), n, n) for n, text in enumerate(cells)]


@pytest.mark.parametrize(
    ("at", "new"),
    [
        (("受助学生人次", 1), "较好"),  # no operator under 指标性质
        (("812", 2), "12"),  # a score above its weight
        (("受助学校数量", 0), "2"),  # a figure for a name
    ],
)
def test_left_cells_that_do_not_fit_the_rows_are_no_late_header(at: tuple[str, int], new: str) -> None:
    cells = list(RIGHT + LEFT)
    cells[cells.index(at[0]) + at[1]] = new
    assert late_header(_pieces(tuple(cells)), 0) is None
    found = late_header(_pieces(RIGHT + LEFT), 0)
    assert found is not None and [p.text for p in found[0][9:11]] == ["产出指标", ""]  # over all the rows
    assert [p.text for p in found[0][11:18]] == list(("受助学生人次", "≥", "800", "人次", "812", "10", "10"))


def test_fewer_left_cells_than_the_rows_lack_are_no_late_header() -> None:
    cells = RIGHT + ("三级指标", "指标性质", "指标值", "受助学生人次")
    assert late_header(_pieces(cells), 0) is None
