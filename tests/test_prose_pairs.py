"""Prose read by arithmetic and by its clauses: the unit's executed amount and rate that its budget
gives, where a part's are stated first; an office list ended by the units under the department;
prose indicators whose name runs straight into 目标值为, their words in quotes, and a reason that
goes on to the next step."""

from __future__ import annotations

from decimal import Decimal

from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document


def _flat(text: str) -> dict:
    return flatten(extract_document(text_document("t.txt", text)))


PARTS_FIRST = """某某县交通运输局2020年项目支出绩效自评报告
一、绩效自评工作开展情况
年初预算4660.9万元,其中专项资金520.38万元,财政拨款资金4140.52万元。专项资金支出316.38万元,预算执行率61%,财政资金支出2419.45万元,预算执行率58%,总支出2939.83万元,执行率63%。
"""


def test_the_executed_amount_and_rate_the_budget_gives_are_the_units() -> None:
    flat = _flat(PARTS_FIRST)
    assert flat["budget.executed"] == Decimal(29398300)
    assert flat["budget.execution_rate"] == 63
    assert not [
        k for k, v in flat.items() if k.endswith(".rule") and v in ("ratio.execution_rate", "cross.mention")
    ]


def test_without_a_pair_the_budget_gives_the_first_statement_stays() -> None:
    flat = _flat(PARTS_FIRST.replace("执行率63%", "执行率65%"))
    assert flat["budget.executed"] == Decimal(3163800)


OFFICES = """某某县文体和旅游局2023年度部门整体支出绩效自评报告
一、部门基本情况
我局内设5个股室，分别为办公室、文化艺术股、文物保护股、旅游发展股、体育股；下属县图书馆、县文化馆、县博物馆3个事业单位。
"""


def test_an_office_list_ends_before_the_units_under_the_department() -> None:
    assert _flat(OFFICES)["org.offices"] == ["办公室", "文化艺术股", "文物保护股", "旅游发展股", "体育股"]


INDICATORS = """某某县自然资源局2023年度部门整体支出绩效自评报告
五、绩效目标实现情况分析
（一）产出指标完成情况
1.数量指标。不动产登记办件量目标值为≥3000件，全年实际办理3412件，完成率113.73%；历史遗留矿山生态修复面积目标值为≥120亩，实际完成修复96亩，完成率80.00%，未达到年度目标，主要原因是部分修复地块涉及林地审批，下一步将提前办理用地审批手续。
（二）效益指标完成情况
1.可持续影响指标。自然资源节约集约利用水平目标值为“持续提升”，完成值为“稳步提升”，达到预期目标。
"""


def test_a_name_running_into_its_target_label_names_the_indicator() -> None:
    flat = _flat(INDICATORS)
    assert flat["indicators.1.name"] == "不动产登记办件量"
    assert (flat["indicators.1.target_op"], flat["indicators.1.target"], flat["indicators.1.unit"]) == (
        ">=",
        3000,
        "件",
    )
    assert flat["indicators.1.actual"] == 3412
    assert flat["indicators.1.completion_rate"] == Decimal("113.73")
    assert flat["indicators.2.level2"] == "数量指标"


def test_a_reason_that_goes_on_to_the_next_step_gives_both() -> None:
    flat = _flat(INDICATORS)
    assert flat["indicators.2.met"] is False
    assert flat["indicators.2.deviation_reason"] == "部分修复地块涉及林地审批"
    assert flat["indicators.2.improvement"] == "提前办理用地审批手续"


def test_words_in_quotes_are_the_target_and_actual_without_them() -> None:
    flat = _flat(INDICATORS)
    assert (flat["indicators.3.target"], flat["indicators.3.actual"]) == ("持续提升", "稳步提升")
    assert flat["indicators.3.met"] is True
