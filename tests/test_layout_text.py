"""PDF reports as poppler's `pdftotext -layout` writes them (fixtures/make_layout_text.py): a table
row spread over several lines, cells wrapped in their columns and centred in their rows (or at
their tops), level cells spanning rows, the form's keys wrapped beside their values
(extractor/read/layout.py). No value read is wrong."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from gold import load_gold, wrong_values

from extractor import extract
from extractor.flat import flatten
from extractor.read.layout import layout_tables

LAYOUT = Path(__file__).resolve().parent.parent / "fixtures" / "documents" / "layouttext"
NAMES = sorted(p.stem for p in LAYOUT.glob("*.txt"))


def _flat(name: str) -> dict:
    return flatten(extract(LAYOUT / f"{name}.txt"))


def _grid(name: str, n: int) -> list[list[str | None]]:
    table = layout_tables((LAYOUT / f"{name}.txt").read_text(encoding="utf-8"))[n]
    return [[c.text if c else None for c in row] for row in table.rows()]


@pytest.mark.parametrize("name", NAMES)
def test_a_layout_text_reads_no_wrong_value(name: str) -> None:
    assert wrong_values(_flat(name), load_gold(LAYOUT / f"{name}.gold.json")) == {}


def test_cells_centred_in_their_rows_are_joined_around_the_row_s_figures() -> None:
    """'基建工程委托业' / '数量指标  ≥50个  50个  8  8' / '务项目数量': the name's halves stand
    above and below the line of the figures; '在项目计划' / '完成时间内' / '完成' with a line of
    another column between each."""
    flat = _flat("proj-entrusted-2022")
    assert flat["indicators.1.name"] == "基建工程委托业务项目数量"
    assert (flat["indicators.1.target_op"], flat["indicators.1.target"], flat["indicators.1.unit"]) == (
        ">=",
        50,
        "个",
    )
    assert flat["indicators.4.target"] == "在项目计划完成时间内完成"
    assert (flat["indicators.4.weight"], flat["indicators.4.score"]) == (8, 7)
    assert flat["budget.execution_rate"] == Decimal("99.97")  # '99.' / '97' / '%'
    assert flat["budget.initial"] == 900000  # 万元 from '项目' / '资金' / '（万' / '元）'


def test_a_level_cell_spans_the_rows_whose_weights_make_its_own() -> None:
    grid = _grid("proj-entrusted-2022", 3)
    assert grid[1][1] == "产出指标（50分）"
    assert [row[1] for row in grid[2:7]] == [None] * 5  # covered: 8 + 8 + 8 + 8 + 8 + 10 = 50
    assert grid[7][1] == "效益指标（30分）" and grid[10][1] == "满意度指标（10分）"
    flat = _flat("proj-entrusted-2022")
    assert [flat[f"indicators.{n}.level2"] for n in (2, 3, 5, 6)] == [
        "质量指标",
        "质量指标",
        "成本指标",
        "成本指标",
    ]


def test_cells_at_the_tops_of_their_rows_take_the_lines_below() -> None:
    flat = _flat("gd-road-maintenance")
    assert (flat["budget.initial"], flat["budget.adjusted"], flat["budget.executed"]) == (
        2000000,
        2100000,
        1995000,
    )
    assert flat["budget.funds.current.initial"] == 2000000  # '其中：' / '本年财' / '政拨款'


def test_keys_wrapped_beside_their_values_are_whole() -> None:
    """'主管部    某县交 … 实施单      某县公' / '门      通运输 … 位        路事务' / '局  中心'."""
    flat = _flat("gd-road-maintenance")
    assert (flat["report.unit_name"], flat["report.department"]) == ("某县公路事务中心", "某县交通运输局")
    assert flat["report.project_name"] == "乡村道路养护"
    assert _flat("proj-entrusted-2022")["report.unit_name"] == "219001-池州市贵池区棠溪镇人民政府"


def test_a_row_after_a_blank_line_is_centred_on_its_figures() -> None:
    flat = _flat("proj-nutrition-2022")
    assert flat["indicators.3.name"] == "营养改善计划覆盖率"
    assert flat["indicators.4.name"] == "食品安全事故发生次数"
    assert (flat["indicators.4.target_op"], flat["indicators.4.target"], flat["indicators.4.unit"]) == (
        "=",
        0,
        "次",
    )


def test_a_row_written_narrower_than_its_header_takes_the_columns_in_order() -> None:
    """'效益指    社会效   群众出   明显提    明显提   30    28     部分路': poppler wrote the row
    narrower than its header (its 30 under no column); its segments take the header's columns in
    order, the lines below it the columns of the segments they stand under."""
    flat = _flat("gd-road-maintenance")
    assert flat["indicators.1.name"] == "养护里程"  # '养护里' / '程'
    assert (flat["indicators.4.target"], flat["indicators.4.unit"]) == (Decimal("1.7"), "万元")
    assert flat["indicators.4.level1"] == "产出指标"  # '产出指' / '标（50' / '分）' from its first row down
    assert (flat["indicators.5.name"], flat["indicators.5.weight"], flat["indicators.5.score"]) == (
        "群众出行便利度",
        30,
        28,
    )
    assert flat["indicators.5.deviation_reason"] == "部分路段仍待改善"
    assert (flat["indicators.6.level1"], flat["indicators.6.level2"]) == ("满意度指标", "服务对象满意度指标")


def test_a_table_stops_before_a_row_not_placed_for_sure() -> None:
    def line(*cells: str) -> str:  # poppler's grid: every character one position
        return "".join(c.ljust(10) for c in cells).rstrip() + "\n"

    text = (
        line("一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分")
        + "\n"
        + line("产出指标", "数量指标", "培训人次", "≥10", "12", "50", "50")
        + line("效益指标", "社会效益", "群众满意", "提升", "已提升", "30", "30", "另加")
        + line("", "指标", "度")
    )
    [table] = layout_tables(text)
    rows = [[c.text if c else None for c in row] for row in table.rows()]
    assert rows[1:] == [
        ["产出指标", "数量指标", "培训人次", "≥10", "12", "50", "50", ""]
    ]  # '另加': a column of its own


def test_rows_without_weights_are_anchored_by_their_values_when_at_their_tops() -> None:
    flat = _flat("ah-huoshan-transfer-landscape")
    assert (flat["indicators.1.name"], flat["indicators.1.actual"]) == ("享受医疗救助人次", 110406)
    assert flat["indicators.1.level1"] == "产出指标"  # '产' / '出' / '指' / '标'
