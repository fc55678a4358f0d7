"""A date target after an operator (issue 11, round-9 丰台 probe: 整治任务完成时间 | ≤2024年11月 |
2024年11月): a target in words with its actual in words, not a figure misread."""

from __future__ import annotations

import pytest

from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document

FORM = (
    "某街道2024年度背街小巷整治项目绩效自评表\n"
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    "| 产出指标 | 时效指标 | 整治任务完成时间 | {target} | {actual} | 10 | 10 |\n"
)


def flat_of(target: str, actual: str) -> dict:
    return flatten(extract_document(text_document("t.txt", FORM.format(target=target, actual=actual))))


@pytest.mark.parametrize(("target", "actual"), [("≤2024年11月", "2024年11月"), ("≤11月底前", "10月底")])
def test_a_date_after_an_operator_is_a_target_in_words(target: str, actual: str) -> None:
    flat = flat_of(target, actual)
    assert (flat["indicators.1.target_op"], flat["indicators.1.target"]) == ("text", target)
    assert flat["indicators.1.actual"] == actual


def test_a_figure_after_an_operator_is_still_a_figure() -> None:
    flat = flat_of("≤30天", "28天")
    assert (flat["indicators.1.target_op"], flat["indicators.1.target"], flat["indicators.1.unit"]) == (
        "<=",
        30,
        "天",
    )
