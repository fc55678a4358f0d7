"""A department indicator table whose blank cells the flattening lost (a PDF viewer's copy, a web
page collapsing runs of spaces): every row placed by the types of its cells, the arithmetic of
its ratio column and the pairs that are filled together, so it reads as its spaced twin does.

The table is the 重庆 部门整体 template of the dev corpus (a06): 指标名称 计量单位 指标性质
年初指标值 调整指标值 全年完成值 得分系数(%) 指标权重(分) 指标得分(分) 是否核心指标, 调整指标值
always blank, two rows with no target and no actual, OCR-garbled cells ('到0次', '第O份') and a
指标性质 cell read across its vertical characters ('性标定指')."""

from __future__ import annotations

import pytest

from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document

TITLE = (
    "某区融媒体中心2021年度部门整体支出绩效自评报告\n一、部门概况\n本中心负责全区新闻宣传工作。\n"
    "二、绩效自评表\n"
)
HEADER = ["指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "得分系数(%)",
          "指标权重(分)", "指标得分(分)", "是否核心指标"]  # fmt: skip
ROWS = [
    ["财政供养人员控制率", "%", "定量指标", "100%", "", "92%", "100%", "2", "2", "否"],
    ["三公经费变动率", "%", "", "", "", "", "100%", "2", "2", "否"],
    ["预算完成率", "%", "", "70%", "", "76%", "100%", "2", "2", "是"],
    ["管理制度健全性", "", "性标定指", "高", "", "高", "100%", "3", "3", "否"],
    ["组织宣传活动次数", "次", "", "到0次", "", "43次", "100%", "10", "10", "是"],
    ["制作宣传品数量", "份", "", "第O份", "", "20份", "100%", "5", "5", "否"],
    ["业务保障能力提升", "%", "", "90%", "", "95%", "100%", "10", "9", "否"],
]
AFTER = "三、存在的问题\n宣传形式较为单一。\n"

EXPECTED = {
    "indicators.1.name": "财政供养人员控制率",
    "indicators.1.target": 100,
    "indicators.1.actual": 92,
    "indicators.1.weight": 2,
    "indicators.2.name": "三公经费变动率",
    "indicators.2.weight": 2,
    "indicators.2.score": 2,
    "indicators.3.target": 70,
    "indicators.3.actual": 76,
    "indicators.4.name": "管理制度健全性",
    "indicators.4.target": "高",
    "indicators.4.actual": "高",
    "indicators.4.score": 3,
    "indicators.5.name": "组织宣传活动次数",
    "indicators.5.actual": 43,
    "indicators.5.weight": 10,
    "indicators.6.name": "制作宣传品数量",
    "indicators.6.actual": 20,
    "indicators.6.score": 5,
    "indicators.7.name": "业务保障能力提升",
    "indicators.7.target": 90,
    "indicators.7.actual": 95,
    "indicators.7.weight": 10,
    "indicators.7.score": 9,
}


def spaced(rows: list[list[str]]) -> str:
    """Blank cells kept as runs of spaces."""
    return "\n".join("  ".join(row) for row in rows)


def single_spaced(rows: list[list[str]]) -> str:
    """Runs of spaces collapsed: the blank cells are gone."""
    return "\n".join(" ".join(c for c in row if c) for row in rows)


def _flat(writer) -> dict:
    text = TITLE + writer([HEADER, *ROWS]) + "\n" + AFTER
    return flatten(extract_document(text_document("dept.txt", text)))


@pytest.mark.parametrize("writer", [spaced, single_spaced], ids=lambda w: w.__name__)
def test_rows_whose_blank_cells_were_lost_keep_their_columns(writer) -> None:
    flat = _flat(writer)
    assert {k: flat.get(k) for k in EXPECTED} == EXPECTED
    assert sum(1 for k in flat if k.startswith("indicators.") and k.endswith(".name")) == len(ROWS)


def test_unreadable_and_empty_cells_give_no_value() -> None:
    """The 100% of 得分系数 is never the target or actual of a row that has neither; a garbled
    target ('到0次') takes its column and is not output; nothing lands in 调整指标值."""
    flat = _flat(single_spaced)
    for k in ("indicators.2.target", "indicators.2.actual", "indicators.5.target", "indicators.6.target"):
        assert k not in flat
    assert not any(k.endswith(".target_adjusted") for k in flat)


# A one-line flattening (every cell cut by one space) whose separators were lost where a PDF's
# lines wrapped: two header labels run together, a zero run into the next zero, an actual in
# words run into its weight.
ONE_LINE = (
    "项目支出绩效自评表(2022年度) 项目名称 委托业务项目 主管部门 某镇人民政府 实施单位 某镇财政所 "
    "项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
    "年度资金总额: 90 90 89.974 10 99.97% 10 "
    "其中:本年财政拨款 90 90 89.974 上年结转资金 00 0 其他资金 "
    "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分偏差原因分析及改进措施 "
    "产出指标 数量指标 委托业务项目数量 ≥50个 50 8 8 "
    "质量指标 经费支出合规性 严格执行相关制度规定 达成预期指标8 8 "
    "时效指标 提交报告及时性 在计划时间内完成 达成预期指标 8 7 报告提交略有延迟 "
    "总分 100 97 优\n"
)


def test_separators_lost_at_line_wraps_are_found_again() -> None:
    flat = flatten(extract_document(text_document("one.txt", ONE_LINE)))
    expected = {
        "budget.initial": 900000,
        "budget.executed": 899740,
        "budget.execution_weight": 10,
        "budget.execution_score": 10,
        "budget.funds.carryover.initial": 0,
        "budget.funds.carryover.adjusted": 0,
        "indicators.1.name": "委托业务项目数量",
        "indicators.1.target": 50,
        "indicators.1.score": 8,
        "indicators.2.name": "经费支出合规性",
        "indicators.2.actual": "达成预期指标",
        "indicators.2.weight": 8,
        "indicators.2.score": 8,
        "indicators.3.name": "提交报告及时性",
        "indicators.3.score": 7,
        "indicators.3.deviation_reason": "报告提交略有延迟",
    }
    assert {k: flat.get(k) for k in expected} == expected
