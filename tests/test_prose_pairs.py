"""Prose read by arithmetic and by its clauses: the unit's executed amount and rate that its budget
gives, where a part's are stated first; an office list ended by the units under the department;
prose indicators whose name runs straight into 目标值为, their words in quotes, and a reason that
goes on to the next step."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx

from extractor import check, extract
from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document


def _flat(text: str) -> dict:
    """The flat view of a text report, with the validator's findings."""
    report = extract_document(text_document("t.txt", text))
    report.findings = check(report)
    return flatten(report)


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


def test_three_counts_of_projects_in_a_sentence_are_counts_of_kinds() -> None:
    text = PARTS_FIRST.replace(
        "执行率63%。",
        "执行率63%。专项资金公交车防护等10个项目预算执行进度100%,5个项目指标结转执行进度0,道路改造等5个项目按进度支付。",
    )
    assert "budget.project.count" not in _flat(text)
    whole = text.replace("专项资金公交车防护等10个项目", "全年共实施项目20个,其中公交车防护等10个项目")
    assert _flat(whole)["budget.project.count"] == 20


def test_an_adjustment_the_sentence_adds_other_money_to_is_not_the_years_change() -> None:
    text = """某某县农村水利管理中心2023年度项目支出绩效自评报告
（二）资金安排情况。项目年初预算420.00万元;年中追加当年财政拨款20.00万元,并统筹其他资金25.50万元,全年预算465.50万元。
"""
    flat = _flat(text)
    assert "budget.adjustment" not in flat
    assert flat["budget.adjusted"] == Decimal(4655000)


ROWS = """某某县文体和旅游局2023年度部门整体支出绩效自评报告
二、绩效目标完成情况
{prose}
三、自评表
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
产出指标\t数量指标\t送戏下乡场次\t≥120场\t126场\t10\t10
产出指标\t时效指标\t项目资金支付及时率\t≥95%\t93%\t10\t9
产出指标\t数量指标\t维修养护农村供水工程\t≥120处\t126处\t10\t10
"""


def _met(prose: str) -> dict[int, bool]:
    flat = _flat(ROWS.format(prose=prose))
    return {int(k.split(".")[1]): v for k, v in flat.items() if k.endswith(".met")}


def test_targets_stated_as_exceeded_fallen_below_or_reached_give_the_rows_met() -> None:
    assert _met("全年组织送戏下乡126场，超额完成年度目标120场。") == {1: True}
    assert _met("全年项目资金支付及时率为93%，低于95%的目标值，主要是部分修缮项目竣工验收滞后。") == {
        2: False
    }
    assert _met("全年维修养护农村供水工程126处，完成年度目标。") == {3: True}
    assert _met("成本不低于95%的目标值。") == {}


def test_a_figure_with_its_noun_after_it_or_a_comparison_before_the_met_words_gives_the_rows_met() -> None:
    """完成126场送戏下乡,达到年度目标: the figure's noun after its unit names the row (its unit the
    row's); 支付及时率93%,较目标值95%低2个百分点,未达到预期目标: a 较 clause between the actual and the
    shortfall words; a noun naming no row, or another clause between, gives nothing."""
    assert _met("全年完成126场送戏下乡，达到年度目标。") == {1: True}
    assert _met("全年完成126场文艺演出，达到年度目标。") == {}
    assert _met("项目资金支付及时率93%，较目标值95%低2个百分点，未达到预期目标。") == {2: False}
    assert _met("项目资金支付及时率93%，部分资金滞后，未达到预期目标。") == {}
    assert _met("项目资金支付及时率93%，较年度目标低2个百分点。") == {2: False}


BUDGET_SPLIT = """某某县文化和旅游局2022年度部门整体支出绩效自评报告
一、部门预算情况
2022年年初预算1,286.40万元，其中基本支出862.30万元、项目支出424.10万元。
表1 预算执行情况（单位：万元）
项目\t年初预算数\t调整后预算数\t实际支出数\t执行率
合计\t1,286.40\t1,432.75\t1,398.32\t97.60%
基本支出\t862.30\t878.15\t870.56\t99.14%
项目支出\t424.10\t554.60\t527.76\t95.16%
"""


def test_a_parts_initial_budget_in_the_prose_beside_the_tables_full_year_one_is_no_disagreement(
    tmp_path: Path,
) -> None:
    doc = docx.Document()
    lines = BUDGET_SPLIT.splitlines()
    rows = [line.split("\t") for line in lines if "\t" in line]
    for line in (line for line in lines if "\t" not in line):
        doc.add_paragraph(line)
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    doc.save(tmp_path / "t.docx")
    flat = flatten(extract(tmp_path / "t.docx"))
    assert flat["budget.basic.budget"] == Decimal(8781500)
    assert flat["budget.project.budget"] == Decimal(5546000)
    assert not [k for k, v in flat.items() if k.endswith(".rule") and v == "cross.mention"]


GOALS = """某某县市场监督管理局2023年度部门整体支出绩效自评报告
一、年度目标完成情况
全年新增市场主体2357户，投诉举报按时办结率99.1%。
二、自评表
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
产出指标\t数量指标\t“双随机、一公开”抽查市场主体户数\t≥850户\t862户\t8\t8
效益指标\t社会效益指标\t新增市场主体户数\t≥2000户\t{new}户\t8\t8
"""


def test_a_narrative_figure_is_checked_against_the_indicator_its_words_name_best() -> None:
    assert not [k for k, v in _flat(GOALS.format(new=2357)).items() if v == "cross.mention"]
    flagged = _flat(GOALS.format(new=2350))
    assert [v for k, v in flagged.items() if v == "cross.mention"] == ["cross.mention"]
    assert "新增市场主体户数" in next(v for k, v in flagged.items() if k.endswith(".message_zh"))


AUDIT_PROSE = """某某市审计局2019年度部门整体支出绩效自评报告
一、部门基本情况
本局内设7个股室，下设某某市投资审计中心1个事业单位。
二、预算执行情况
全年预算715.18万元，实际支出565.75万元，预算执行率79.11%。项目支出预算177.80万元，实际支出143.35万元，主要用于委托社会中介机构参与政府投资审计141.88万元及其他审计事务支出1.47万元。
三、绩效目标完成情况
2019年我局年初计划完成审计项目30个，实际完成32个，超额完成年度计划。
四、自评表
指标名称\t年度指标值\t实际完成值\t分值\t得分
审计项目完成数\t≥30个\t32个\t20\t20
"""


def test_uses_of_the_money_plans_and_counts_of_another_noun_are_checked_against_nothing() -> None:
    flat = _flat(AUDIT_PROSE)
    assert flat["budget.project.executed"] == Decimal(1433500)
    assert flat["indicators.1.met"] is True
    assert not [k for k, v in flat.items() if v == "cross.mention"]


NUMBERED = """某某县林业局2022年度部门整体支出绩效自评报告
一、部门预算情况
2022年年初预算1836.42万元。按资金来源分，上级专项资金620.00万元，县级财力安排1216.42万元。
二、绩效指标完成情况
1.生态护林员选聘人数，目标值860人，实际完成860人，达到目标值，权重10分，得分10分。
2.完成森林抚育面积，目标值≥20000亩，实际完成18600亩，未达到目标值，权重15分，得分13.95分。
"""


def test_numbered_results_stating_the_target_value_reached_or_not_give_met() -> None:
    flat = _flat(NUMBERED)
    assert (flat["indicators.1.met"], flat["indicators.2.met"]) == (True, False)


def test_the_countys_own_revenue_is_its_own_money() -> None:
    assert _flat(NUMBERED)["budget.source.own"] == Decimal(12164200)


def test_a_forms_own_label_before_a_colon_names_no_indicator() -> None:
    glued = (
        "某某县林业和草原局2022年度项目支出绩效自评报告\n附件\n"
        "单位名称：某某县林业和草原局　填报日期：2023年3月28日项目名称森林防火经费"
        "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分\n"
    )
    assert not [v for k, v in _flat(glued).items() if k.endswith(".name")]


def test_the_autonomous_regions_money_is_no_own_money_of_a_district() -> None:
    text = """某某旗农牧局2023年项目支出绩效自评报告
一、项目概况
项目年初预算480.00万元，其中中央财政资金320.00万元、自治区财政资金120.00万元、旗级配套资金40.00万元。
"""
    flat = _flat(text)
    assert flat["budget.source.own"] == Decimal(400000)
    assert flat["budget.source.superior"] == Decimal(4400000)


def test_the_items_score_right_after_the_execution_rate_is_its_score() -> None:
    text = """某某县林业局2022年度部门整体支出绩效自评报告
三、部门整体支出绩效情况
（一）预算执行情况（权重10分）
2022年调整后预算2215.30万元，实际支出2098.75万元，预算执行率94.74%，该项得分9.47分。
"""
    assert _flat(text)["budget.execution_score"] == Decimal("9.47")


def test_an_actual_said_to_exceed_the_years_target_gives_its_rows_met() -> None:
    assert _met("对服务对象开展问卷调查，送戏下乡126场，超过年度目标。") == {1: True}
