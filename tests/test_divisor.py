"""An amount with no role word taken as the budget an execution rate divides by, when it alone
gives the stated rate at the validator's rounding (extractor/fields/divisor.py; issue 11, point 7)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_prose_unseen import TITLE, flat_of


def _project_budget(paragraphs: str) -> dict:
    flat = flat_of(f"某某县交通运输局2022年度项目支出绩效自评报告\n一、资金执行情况\n{paragraphs}\n")
    return {k: v for k, v in flat.items() if k.startswith("budget.")}


def _budget(paragraphs: str) -> dict:
    flat = flat_of(f"{TITLE}\n一、预算执行\n{paragraphs}\n")
    return {k: v for k, v in flat.items() if k.startswith("budget.")}


@pytest.mark.parametrize(
    ("sentence", "adjusted", "executed"),
    [
        ("项目预算资金3,120,000元，实际支出3,000,000元，预算执行率96.15%。", 3120000, 3000000),
        ("安排资金312万元，实际支出300万元，执行率96.15%。", 3120000, 3000000),
        ("到位资金312万元，全年支出300万元，执行率为96.15%。", 3120000, 3000000),
        ("项目预算资金3,120,000元，实际支出300万元，预算执行率96.15%。", 3120000, 3000000),  # 元 beside 万元
        ("安排资金312.5万元，实际支出300.00万元，执行率96%。", 3125000, 3000000),
        ("安排资金312万元，到位资金320万元，实际支出300万元，执行率96.15%。", 3120000, 3000000),
    ],
)
def test_the_one_amount_that_gives_the_rate_is_the_budget(
    sentence: str, adjusted: int, executed: int
) -> None:
    got = _budget(sentence)
    assert (got["budget.adjusted"], got["budget.executed"]) == (adjusted, executed)
    assert got["budget.execution_rate"] == Decimal(sentence.split("率")[-1].strip("为%。"))


@pytest.mark.parametrize(
    "sentence",
    [
        "安排资金312万元，到位资金312.01万元，实际支出300万元，执行率96.15%。",  # two amounts give it
        "安排资金400万元，到位资金350万元，实际支出300万元，执行率96.15%。",  # none gives it
        "项目预算资金312元，实际支出300万元，预算执行率96.15%。",  # 元, not 万元: no
        "项目预算资金3,117,000元，实际支出3,000,000元，执行率96.24%。",  # 96.2464 only truncated to it
        "安排资金312万元，实际支出300万元。",  # no rate stated
    ],
)
def test_no_amount_or_two_give_the_rate_nothing_is_taken(sentence: str) -> None:
    got = _budget(sentence)
    assert "budget.adjusted" not in got and "budget.initial" not in got
    assert got["budget.executed"] == 3000000


def test_an_amount_of_another_section_is_the_divisor_when_it_alone_gives_the_rate() -> None:
    got = _budget("安排资金312万元。\n二、执行情况\n实际支出300万元，执行率96.15%。")
    assert (got["budget.adjusted"], got["budget.executed"]) == (3120000, 3000000)
    assert got["budget.execution_rate"] == Decimal("96.15")


def test_two_amounts_of_other_sections_that_give_the_rate_leave_it_out() -> None:
    got = _budget(
        "安排资金312万元。\n二、执行情况\n实际支出300万元，执行率96.15%。\n三、其他\n项目预算资金312.01万元。"
    )
    assert "budget.adjusted" not in got and got["budget.executed"] == 3000000


def test_the_nearest_reach_settles_it_before_a_wider_one() -> None:
    # the rate's own paragraph has one amount that gives it; another section's other one is not asked
    got = _budget("到位资金312.01万元。\n二、执行情况\n安排资金312万元，实际支出300万元，执行率96.15%。")
    assert got["budget.adjusted"] == 3120000
    # the section holding both comes before the whole report
    got = _budget(
        "项目预算资金312.01万元。\n二、执行情况\n（一）资金\n安排资金312万元。\n（二）支出\n实际支出300万元，执行率96.15%。"
    )
    assert got["budget.adjusted"] == 3120000


def test_an_amount_of_another_section_that_does_not_give_the_rate_is_not_taken() -> None:
    got = _budget("安排资金320万元。\n二、执行情况\n实际支出300万元，执行率96.15%。")
    assert "budget.adjusted" not in got


def test_a_stated_budget_is_kept_beside_an_amount_that_would_give_the_rate() -> None:
    got = _budget("全年预算数320万元，安排资金312万元，实际支出300万元，执行率96.15%。")
    assert got["budget.adjusted"] == 3200000


@pytest.mark.parametrize(
    "stated",
    ["上级下达给本县的保护恢复资金为312万元", "按计划应到位312万元", "到位资金312万元"],
)
def test_from_another_paragraph_only_an_amount_said_to_be_budgeted_or_arranged_is_taken(stated: str) -> None:
    # a transfer passed down or money due to arrive gives the rate, but its words do not say it is the
    # budget: taken in the rate's own paragraph, left out from afar
    assert _budget(f"{stated}，实际支出300万元，执行率96.15%。")["budget.adjusted"] == 3120000
    got = _budget(f"{stated}。\n二、执行情况\n实际支出300万元，执行率96.15%。")
    assert "budget.adjusted" not in got and got["budget.executed"] == 3000000


@pytest.mark.parametrize(
    ("sentence", "adjusted", "executed"),
    [
        ("项目资金共2179万元，截止2022年12月8日，已完成拨付2113.63万元，执行率97%。", 21790000, 21136300),
        ("项目资金共500万元，已完成拨付450万元，执行率90%。", 5000000, 4500000),
    ],
)
def test_the_one_pair_that_gives_the_rate_is_budget_and_executed(
    sentence: str, adjusted: int, executed: int
) -> None:
    """Neither amount named by its words (拨付 says no 执行数): the pair whose quotient is the rate."""
    got = _project_budget(sentence)
    assert (got["budget.adjusted"], got["budget.executed"]) == (adjusted, executed)


@pytest.mark.parametrize(
    "sentence",
    [
        "项目资金共500万元，已完成拨付450万元，已拨付450.2万元，执行率90%。",  # two pairs give it
        "项目资金共500万元，已完成拨付400万元，执行率90%。",  # no pair gives it
    ],
)
def test_no_pair_or_two_pairs_leave_both_out(sentence: str) -> None:
    got = _project_budget(sentence)
    assert "budget.adjusted" not in got and "budget.executed" not in got
