"""A figure the narrative states as a threshold (执行率低于90%的应写明原因, 未达到90%, 90%以上) is
a bound, never the measure's own value: the instruction notes left in a budget system's form say
so, and a wrong rate is worse than none (patterns/operators.toml [bounds])."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document

HEAD = "部门预算项目支出绩效自评表(2023年度)\n项目名称\t工资性支出\n"


def _flat(body: str) -> dict:
    return flatten(extract_document(text_document("t.txt", HEAD + body)))


@pytest.mark.parametrize(
    "note",
    [
        "1.预算执行率按预算执行数除以调整后预算数计算,执行率低于90%的应写明原因(100字以内)。",
        "预算执行率未达到90%的需说明原因。",
        "预算执行率不足90%的,应说明理由。",
        "预算执行率在90%以上的得满分。",
    ],
)
def test_a_threshold_is_no_execution_rate(note: str) -> None:
    assert "budget.execution_rate" not in _flat(note + "\n")


def test_a_stated_rate_beside_a_threshold_is_read() -> None:
    flat = _flat("本项目预算执行率为96.5%,执行率低于90%的应写明原因。\n")
    assert flat["budget.execution_rate"] == Decimal("96.5")


def test_an_amount_below_a_bound_is_no_executed_amount() -> None:
    flat = _flat("本项目全年预算数20万元,执行数不足10万元。\n")
    assert flat["budget.adjusted"] == Decimal(200000) and "budget.executed" not in flat
