"""Prose indicators written as task counts, several a line under a level name ('数量指标。A年初任务数
101974人,全年完成值103119人;B年初任务数…'): each clause one indicator, the line's level its 二级."""

from __future__ import annotations

from decimal import Decimal

from tests.test_prose_unseen import flat_of

REPORT = (
    "某盟城乡居民基本养老保险补助资金2022年度绩效自评报告\n"
    "二、绩效情况分析\n"
    "1.产出指标。\n"
    "数量指标。养老金领取人数年初任务数101974人,全年完成值103119人;全年缴费人数年初任务数216786人,全年完成值201201人。\n"
    "2.效益指标。\n"
    "可持续影响指标。基金运行年初任务数安全平稳,全年完成值安全平稳。\n"
)


def test_task_counts_two_a_line():
    flat = flat_of(REPORT)
    assert flat["report.kind"] == "project"
    names = [flat[f"indicators.{n}.name"] for n in (1, 2, 3)]
    assert names == ["养老金领取人数", "全年缴费人数", "基金运行"]
    assert (flat["indicators.2.target"], flat["indicators.2.actual"]) == (Decimal(216786), Decimal(201201))
    assert (flat["indicators.1.level2"], flat["indicators.2.level2"]) == ("数量指标", "数量指标")
    assert (flat["indicators.3.target"], flat["indicators.3.actual"]) == ("安全平稳", "安全平稳")


def test_a_line_whose_clauses_are_not_all_indicators_is_one():
    flat = flat_of(REPORT.replace(";全年缴费人数年初任务数216786人,全年完成值201201人", ";缴费人数有所下降"))
    assert flat["indicators.1.name"] == "养老金领取人数" and flat["indicators.2.name"] == "基金运行"
