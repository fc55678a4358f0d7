"""A reason cell holding both parts under their own labels (issue 11, round-9 泗洪 probe:
'偏差原因：…。改进措施：…'): the deviation reason and the improvement, each without its label; a
cell of one part keeps its whole text."""

from __future__ import annotations

import pytest

from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document

FORM = (
    "泗洪县2023年度高标准农田建设项目绩效自评表\n"
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n"
    "| 产出指标 | 数量指标 | 新建硬质渠道 | ≥36.5公里 | 34.8公里 | 4 | 3.5 | {reason} |\n"
)


def flat_of(reason: str) -> dict:
    return flatten(extract_document(text_document("t.txt", FORM.format(reason=reason))))


@pytest.mark.parametrize(
    ("cell", "reason", "improvement"),
    [
        (
            "偏差原因：部分标段因降雨无法施工。改进措施：合理安排施工时序。",
            "部分标段因降雨无法施工。",
            "合理安排施工时序。",
        ),
        ("原因分析：受连续降雨影响；整改措施：按月调度工程进度", "受连续降雨影响", "按月调度工程进度"),
        # 措施 alone after a stop (原因：…；措施：…)
        (
            "原因：受连续降雨影响，工期顺延20天；措施：按月调度工程进度。",
            "受连续降雨影响，工期顺延20天",
            "按月调度工程进度。",
        ),
    ],
)
def test_a_labelled_reason_and_improvement_are_read_apart(cell: str, reason: str, improvement: str) -> None:
    flat = flat_of(cell)
    assert (flat["indicators.1.deviation_reason"], flat["indicators.1.improvement"]) == (reason, improvement)


@pytest.mark.parametrize(
    "cell",
    [
        "部分标段因降雨无法施工，改进措施：合理安排施工时序。",
        "偏差原因：部分标段因降雨无法施工。",
        "原因：安全措施：未到位",  # 措施 after no stop: part of the reason
    ],
)
def test_a_cell_not_of_two_labelled_parts_is_the_reason_whole(cell: str) -> None:
    flat = flat_of(cell)
    assert flat["indicators.1.deviation_reason"] == cell
    assert "indicators.1.improvement" not in flat
