"""A table of targets only (海南 项目绩效目标表: 指标类型 | 绩效指标 | 绩效目标 | 绩效标准 优/良/中/差): its
rows are indicators with their level, name and target; 绩效指标 heads the names (no 三级指标 column),
and 绩效目标, a column word here, stays a level's name in a level column elsewhere."""

from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.flat import flatten
from tests.word_forms import word_form

ROWS = [
    ["指标类型", "绩效指标", "绩效目标", "绩效标准", "绩效标准", "绩效标准", "绩效标准"],
    ["指标类型", "绩效指标", "绩效目标", "优", "良", "中", "差"],
    [
        "产出指标",
        "指标1：物业管理面积",
        "6500平方米",
        "6500平方米以上",
        "5500-6500平方米",
        "4500-5500平方米",
        "4500平方米以下",
    ],
    ["产出指标", "指标2：日常电子设备的维修（护）率", "20%以上", "20%以上", "15%-20%", "10%-15%", "10%以下"],
    [
        "成效指标",
        "指标1：项目成本控制",
        "不超预算",
        "不超预算",
        "超过预算的5%",
        "超过预算的10%",
        "超过预算的15%",
    ],
]


def test_a_table_of_targets_gives_each_rows_level_name_and_target(tmp_path) -> None:
    title = "海南省某展览馆运行维护项目2018年度项目支出绩效自评报告"
    flat = flatten(extract(word_form(tmp_path / "targets.docx", [title], ROWS)))
    assert [flat[f"indicators.{n}.name"] for n in (1, 2, 3)] == [
        "物业管理面积",
        "日常电子设备的维修（护）率",
        "项目成本控制",
    ]
    assert [flat[f"indicators.{n}.level1"] for n in (1, 2, 3)] == ["产出指标", "产出指标", "成效指标"]
    assert (flat["indicators.1.target_op"], flat["indicators.1.target"], flat["indicators.1.unit"]) == (
        "=",
        Decimal(6500),
        "平方米",
    )
    assert (flat["indicators.2.target_op"], flat["indicators.2.target"]) == (">=", Decimal(20))
    assert (flat["indicators.3.target_op"], flat["indicators.3.target"]) == ("text", "不超预算")
    assert "indicators.4.name" not in flat and not any(k.endswith(".actual") for k in flat)


def test_a_level_named_like_a_column_word_stays_a_level(tmp_path) -> None:
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分"],
        ["项目决策", "绩效目标（6分）", "绩效目标明确性", "明确", "明确", "6", "6"],
        ["项目产出", "数量指标", "新建道路长度", "≥10公里", "10.5公里", "10", "10"],
    ]
    flat = flatten(
        extract(word_form(tmp_path / "form.docx", ["某县道路项目2023年度项目支出绩效自评表"], rows))
    )
    assert (flat["indicators.1.level2"], flat["indicators.2.level2"]) == ("绩效目标", "数量指标")
