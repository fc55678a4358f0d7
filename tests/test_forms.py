"""Wordings and layouts beyond the dev corpus, each in a few lines: a spaced self-evaluation
table under a one-line title with 'label value' key lines, and indicators written as
numbered prose under 产出指标/效益指标 headings."""

from __future__ import annotations

from decimal import Decimal

from extractor import check
from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document

SPACED_TABLE = """2023年度项目支出绩效自评表
项目名称 乡村道路养护项目
主管部门 某某县交通运输局 实施单位 某某县公路段
项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分
年度资金总额 120.00 120.00 110.50 10 92.08% 9.21
其中：当年财政拨款 120.00 120.00 110.50 — — —
上年结转资金 0 0 0 — — —
其他资金 0 0 0 — — —
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标 数量指标 养护道路里程 ≥50公里 52公里 20 20
质量指标 道路优良率 ≥85% 88% 15 15
时效指标 养护完成及时率 100% 95% 15 14 部分路段因天气延误
效益指标 社会效益指标 群众出行条件改善 有效改善 有效改善 20 20
满意度指标 服务对象满意度指标 群众满意度 ≥90% 93% 20 20
总分 100 98.21 优
"""

PROSE_INDICATORS = """某某市教育局2022年度职业技能培训补助资金项目支出绩效自评报告
一、项目概况
该项目年初预算数为200万元，全年预算数为180万元，全年执行数为171万元，预算执行率为95%。
二、绩效目标完成情况
（一）产出指标
1.培训人数：年度指标值≥2000人，实际完成2300人，指标分值15分，得分15分。
2.培训合格率：年度指标值≥90%，实际完成92%，指标分值15分，得分15分。
（二）效益指标
1.就业率：年度指标值≥60%，实际完成55%，指标分值20分，得分18分。偏差原因：受经济形势影响。
三、自评结论
本项目自评得分93分，自评等级为优。
"""

DEPARTMENT_REPORT = """关于某某区卫生健康局2023年度部门整体支出绩效自评情况的报告
一、部门概况
（一）机构设置
我局内设办公室、规划财务科、医政医管科、疾病预防控制科共4个科室。
（二）人员情况
我局核定编制32名，其中行政编制20名，事业编制12名；实有在职人员30人，退休人员8人。
二、部门预算收支情况
2023年部门年初批复预算3,456.78万元，其中：一般公共预算拨款3,000.00万元，其他资金456.78万元。\
年中追加预算543.22万元，调整后预算总额4,000.00万元。全年实际支出3,920.00万元，预算执行率98.00%。
三、绩效自评结果
经综合评价，我局2023年度部门整体支出绩效自评得分为92分，评价等级为“优秀”。
"""


def flat_of(text: str) -> dict:
    report = extract_document(text_document("t.txt", text))
    report.findings = check(report)
    return flatten(report)


def test_spaced_table_with_key_lines() -> None:
    flat = flat_of(SPACED_TABLE)
    assert flat["report.project_name"] == "乡村道路养护项目"
    assert (flat["report.department"], flat["report.unit_name"]) == ("某某县交通运输局", "某某县公路段")
    assert (flat["budget.initial"], flat["budget.executed"]) == (Decimal(1200000), Decimal(1105000))
    assert (flat["budget.execution_rate"], flat["budget.execution_score"]) == (
        Decimal("92.08"),
        Decimal("9.21"),
    )
    assert flat["budget.funds.other.executed"] == 0
    assert [flat[f"indicators.{n}.name"] for n in range(1, 6)] == [
        "养护道路里程", "道路优良率", "养护完成及时率", "群众出行条件改善", "群众满意度",
    ]  # fmt: skip
    assert (flat["indicators.1.target"], flat["indicators.1.unit"], flat["indicators.1.actual"]) == (
        50,
        "公里",
        52,
    )
    assert flat["indicators.3.deviation_reason"] == "部分路段因天气延误"
    assert flat["indicators.5.level1"] == "满意度指标"
    assert (flat["evaluation.total_score"], flat["evaluation.grade"]) == (Decimal("98.21"), "优")
    assert not [k for k in flat if k.endswith(".severity") and flat[k] == "error"]


def test_numbered_prose_indicators_under_level_headings() -> None:
    flat = flat_of(PROSE_INDICATORS)
    assert flat["report.project_name"] == "职业技能培训补助资金"
    assert flat["report.unit_name"] == "某某市教育局"
    assert [(flat[f"indicators.{n}.name"], flat[f"indicators.{n}.level1"]) for n in (1, 2, 3)] == [
        ("培训人数", "产出指标"), ("培训合格率", "产出指标"), ("就业率", "效益指标"),
    ]  # fmt: skip
    assert [flat[f"indicators.3.{k}"] for k in ("target_op", "target", "actual", "weight", "score")] == [
        ">=", 60, 55, 20, 18,
    ]  # fmt: skip
    assert flat["evaluation.total_score"] == 93


def test_a_project_name_label_beats_the_title() -> None:
    flat = flat_of(PROSE_INDICATORS.replace("一、项目概况\n", "一、项目概况\n项目名称：技能提升行动\n"))
    assert flat["report.project_name"] == "技能提升行动"


def test_department_report_titled_as_a_report_on_the_self_evaluation() -> None:
    flat = flat_of(DEPARTMENT_REPORT)
    assert flat["report.kind"] == "department_overall"
    assert flat["report.unit_name"] == "某某区卫生健康局"  # without 关于
    assert flat["org.offices"] == ["办公室", "规划财务科", "医政医管科", "疾病预防控制科"]
    assert flat["org.offices_count"] == 4
    assert [flat[f"staff.{k}"] for k in ("authorized", "administrative", "institutional", "retired")] == [
        32, 20, 12, 8,
    ]  # fmt: skip
    assert [flat[f"budget.{k}"] for k in ("initial", "adjustment", "adjusted", "executed")] == [
        Decimal("34567800"), Decimal("5432200"), Decimal("40000000"), Decimal("39200000"),
    ]  # fmt: skip
    assert (flat["budget.execution_rate"], flat["evaluation.total_score"]) == (Decimal("98.00"), 92)
    assert flat["evaluation.grade"] == "优"
    assert not [k for k in flat if k.endswith(".rule")]


STAFF_AFTER_A_SEMICOLON = """某某县自然资源局2023年度部门整体支出绩效自评报告
一、部门概况
本部门核定编制28人，其中：行政编制18人，事业编制10人；实有人数26人，退休人员12人。
"""


def test_a_semicolon_ends_a_breakdown_whose_parts_are_separated_by_commas() -> None:
    flat = flat_of(STAFF_AFTER_A_SEMICOLON)
    keys = ("authorized", "administrative", "institutional", "actual", "retired")
    assert [flat[f"staff.{k}"] for k in keys] == [28, 18, 10, 26, 12]
    rules = {flat[k] for k in flat if k.endswith(".rule")}
    assert rules == {"missing.required"}  # no count.list: 26 and 12 are not parts of the 28 posts


DEPARTMENT_WORDING = """2023年某某市市场监督管理局整体支出绩效自评报告
一、部门基本情况
我局属于国家行政单位，设9个内设机构。编制人数86人，实有人员82人。
二、部门整体支出情况
2023年度年初预算数为4,236.17万元，其中：基本支出3,105.42万元，项目支出1,130.75万元。\
全年预算数为4,512.33万元，决算支出数为4,401.96万元，预算执行率为97.55%。
三、自评结论
按照部门整体支出绩效评价指标体系，我局自评得分95分，评价等级为优。
"""

PROJECT_LABEL_LINES = """某某县农业农村局2023年度耕地地力保护补贴项目支出绩效自评报告
一、项目基本情况
项目名称：耕地地力保护补贴
主管部门：某某县农业农村局
项目实施单位：某某县农业技术推广中心
二、项目资金使用情况
该项目全年预算数2,400.00万元，全年执行2,376.00万元，预算执行率99.00%。
"""


def test_department_wording_offices_parts_of_the_initial_budget_and_our_score() -> None:
    flat = flat_of(DEPARTMENT_WORDING)
    assert (flat["org.offices_count"], flat["staff.authorized"], flat["staff.actual"]) == (9, 86, 82)
    keys = ("initial", "basic.budget", "project.budget", "adjusted", "executed")
    assert [flat[f"budget.{k}"] for k in keys] == [
        Decimal(42361700), Decimal(31054200), Decimal(11307500), Decimal(45123300), Decimal(44019600),
    ]  # fmt: skip
    assert (flat["evaluation.total_score"], flat["evaluation.grade"]) == (95, "优")
    assert not [k for k in flat if k.endswith(".rule")]
    offices_after = "某某局2023年度部门整体支出绩效自评报告\n本部门为市政府工作部门，内设机构7个。\n"
    assert flat_of(offices_after)["org.offices_count"] == 7


def test_project_label_lines_and_executed_without_a_noun() -> None:
    flat = flat_of(PROJECT_LABEL_LINES)
    assert (flat["report.unit_name"], flat["report.department"]) == (
        "某某县农业技术推广中心",
        "某某县农业农村局",
    )
    assert (flat["budget.adjusted"], flat["budget.executed"]) == (Decimal("24000000"), Decimal("23760000"))
    assert flat["budget.execution_rate"] == Decimal("99.00")
    table_head = (
        "2023年度部门整体支出绩效评价自评表\n单位：某某县司法局\n序号 | 一级指标 | 二级指标 | 三级指标 |\n"
    )
    assert flat_of(table_head)["report.unit_name"] == "某某县司法局"
    assert "report.unit_name" not in flat_of(table_head.replace("某某县司法局", "万元"))


QUALITATIVE_PROSE = """某某县农业农村局2023年度耕地地力保护补贴项目支出绩效自评报告
一、绩效目标完成情况
（一）产出指标
1.补贴面积：年度目标值≥60万亩，实际完成61.2万亩，分值40分，得分40分。
（二）效益指标
1.农民种粮积极性：年度目标值有效提升，实际完成有效提升，分值30分，得分30分。
2.耕地质量：年度目标值：稳中有升，实际完成情况：基本稳定，分值20分，得分18分。
二、自评结论
项目预算执行率得分9.9分，总得分97.9分，评价等级为优。
"""


def test_prose_indicators_with_targets_in_words() -> None:
    flat = flat_of(QUALITATIVE_PROSE)
    assert [flat[f"indicators.2.{k}"] for k in ("name", "target_op", "target", "actual", "score")] == [
        "农民种粮积极性", "text", "有效提升", "有效提升", 30,
    ]  # fmt: skip
    assert [flat[f"indicators.3.{k}"] for k in ("target", "actual")] == ["稳中有升", "基本稳定"]
    # ≥60万亩 as printed, its magnitude in the unit (as a table cell of it is read)
    keys = ("target", "target_op", "unit", "actual")
    assert [flat[f"indicators.1.{k}"] for k in keys] == [60, ">=", "万亩", Decimal("61.2")]
    assert "sum.scores" not in {flat[k] for k in flat if k.endswith(".rule")}  # 9.9 + 40 + 30 + 18 = 97.9


def test_a_date_target_in_a_table_is_a_value_in_words_not_a_name() -> None:
    table = SPACED_TABLE.replace(
        "时效指标 养护完成及时率 100% 95% 15 14 部分路段因天气延误",
        "时效指标 养护完成时间 2023年11月底前 2023年11月 15 14",
    )
    flat = flat_of(table)
    keys = ("name", "level2", "target_op", "target", "actual", "weight", "score")
    assert [flat[f"indicators.3.{k}"] for k in keys] == [
        "养护完成时间", "时效指标", "text", "2023年11月底前", "2023年11月", 15, 14,
    ]  # fmt: skip
    assert flat["indicators.4.name"] == "群众出行条件改善"
    assert not [k for k in flat if k.endswith(".severity") and flat[k] == "error"]


SCORE_ON_ITS_OWN_LINE = """某某市档案馆2023年度部门整体支出绩效自评报告
一、部门基本情况
本单位核定事业编制32名，实有在编人员30名，离退休人员21名。
二、绩效自评结果
自评得分：96.2分
自评等级：优
"""

INDICATOR_LINES = """某某县教育局2023年度学生资助项目支出绩效自评报告
指标一：资助学生人数
分值：30分
自评得分：30分
指标二：资助资金发放及时率
分值：60分
自评得分：60分
"""


def test_a_score_line_of_its_own_is_the_total_only_where_it_is_the_only_one() -> None:
    flat = flat_of(SCORE_ON_ITS_OWN_LINE)
    assert [flat[f"staff.{k}"] for k in ("institutional", "actual", "retired")] == [32, 30, 21]
    assert (flat["evaluation.total_score"], flat["evaluation.grade"]) == (Decimal("96.2"), "优")
    assert "evaluation.total_score" not in flat_of(
        INDICATOR_LINES
    )  # each indicator's 自评得分, not the total
    assert flat_of(INDICATOR_LINES + "本项目自评得分90分。\n")["evaluation.total_score"] == 90


def test_project_department_label_and_evaluation_score() -> None:
    text = """某某县2023年度城乡居民医疗救助资金项目支出绩效自评报告
项目名称：城乡居民医疗救助资金
项目主管部门：某某县医疗保障局
2023年该项目年初预算资金1,856,000.00元，年中追加资金144,000.00元，调整后预算2,000,000.00元，\
全年实际支出1,982,300.50元，预算执行率99.12%。
经综合评价，该项目绩效评价得分为94.5分，评价等级为“优”。
"""
    flat = flat_of(text)
    assert flat["report.department"] == "某某县医疗保障局"
    assert [flat[f"budget.{k}"] for k in ("initial", "adjustment", "adjusted", "executed")] == [
        1856000, 144000, 2000000, Decimal("1982300.50"),
    ]  # fmt: skip
    assert (flat["evaluation.total_score"], flat["evaluation.grade"]) == (Decimal("94.5"), "优")
    assert not [k for k in flat if k.endswith(".severity") and flat[k] == "error"]


REDUCED_BUDGET = """某某县卫生健康局2023年度部门整体支出绩效自评报告
一、基本情况
县卫生健康局内设办公室、医政医管股、公共卫生股、计划财务股、综合监督股等5个股室。\
全局核定编制40人，其中行政编制15人、事业编制25人，实有人数38人；离退休人员17人。
二、预算执行情况
2023年年初预算数2,680.50万元，年中调减预算80.50万元，调整后预算数2,600.00万元，\
全年执行数2,548.00万元，预算执行率98.00%，预算调整率-3.00%。
基本支出预算1,900.00万元，执行1,880.00万元，执行率98.95%；项目支出预算700.00万元，执行668.00万元。
"""


def test_a_reduction_is_a_negative_adjustment_and_parts_end_at_a_stronger_break() -> None:
    flat = flat_of(REDUCED_BUDGET)
    assert (flat["org.offices_count"], len(flat["org.offices"])) == (5, 5)
    assert [flat[f"staff.{k}"] for k in ("authorized", "administrative", "institutional", "actual")] == [
        40, 15, 25, 38,
    ]  # fmt: skip
    assert [flat[f"budget.{k}"] for k in ("initial", "adjustment", "adjusted", "adjustment_rate")] == [
        Decimal(26805000), Decimal(-805000), Decimal(26000000), Decimal("-3.00"),
    ]  # fmt: skip
    keys = ("basic.budget", "basic.executed", "project.budget", "project.executed")
    assert [flat[f"budget.{k}"] for k in keys] == [19000000, 18800000, 7000000, 6680000]
    assert not [k for k in flat if k.endswith(".rule")]  # no ratio.adjustment, no count.list over 38


def test_prose_indicators_with_colons_after_their_labels() -> None:
    text = """某某市人社局2023年度就业补助资金项目支出绩效自评报告
一、项目资金情况
该项目全年预算数为300万元，全年执行数为294万元，预算执行率为98%。
二、绩效目标完成情况
（一）产出指标
1.培训合格率：年度指标值：≥90%，实际完成值：88%，分值：20分，得分：19.5分。
三、自评结论
（一）部门预算执行率：权重10分，得分9.8分。
"""
    flat = flat_of(text)
    keys = ("name", "level1", "target_op", "target", "unit", "actual", "weight", "score")
    assert [flat[f"indicators.1.{k}"] for k in keys] == [
        "培训合格率",
        "产出指标",
        ">=",
        90,
        "%",
        88,
        20,
        Decimal("19.5"),
    ]
    assert (flat["budget.execution_weight"], flat["budget.execution_score"]) == (10, Decimal("9.8"))


INDICATOR_BLOCK_LINES = """某某县2023年度农村供水项目支出绩效自评报告
一、项目资金情况
项目全年预算520万元，全年执行数507.5万元，预算执行率97.60%。
二、绩效目标完成情况
指标一：新建改造供水管网长度
目标值：≥30公里
完成值：32公里
分值：20分
得分：20分
指标二：受益群众满意度
目标值：≥90%
完成值：88%
分值：20分
得分：18分
偏差原因：部分村庄施工期间临时停水。
三、自评结论
本项目自评总分90分。
"""


def test_an_indicator_line_opens_a_block_of_label_lines() -> None:
    flat = flat_of(INDICATOR_BLOCK_LINES)
    keys = ("name", "target_op", "target", "unit", "actual", "weight", "score")
    assert [flat[f"indicators.1.{k}"] for k in keys] == ["新建改造供水管网长度", ">=", 30, "公里", 32, 20, 20]
    assert [flat[f"indicators.2.{k}"] for k in keys] == ["受益群众满意度", ">=", 90, "%", 88, 20, 18]
    assert flat["indicators.2.deviation_reason"] == "部分村庄施工期间临时停水。"
    assert "indicators.3.name" not in flat  # the 自评结论 section is no block


def test_a_target_in_words_followed_by_its_actual_is_a_block() -> None:
    text = """某某区2023年度老旧小区整治项目绩效自评报告
一、绩效指标完成情况
（1）质量指标：竣工验收合格率，目标值100%，实际完成100%，分值20分，得分20分。
（2）社会效益指标：居民居住环境改善，目标值明显改善，实际完成明显改善，分值20分，得分20分。
（3）服务对象满意度指标：居民满意度，目标值≥90%，实际完成92.3%，分值20分，得分20分。
"""
    flat = flat_of(text)
    keys = ("name", "level2", "target_op", "target", "actual", "score")
    assert [flat[f"indicators.2.{k}"] for k in keys] == [
        "居民居住环境改善", "社会效益指标", "text", "明显改善", "明显改善", 20,
    ]  # fmt: skip
    assert (flat["indicators.3.name"], flat["indicators.3.actual"]) == ("居民满意度", Decimal("92.3"))


WEIGHTS_IN_BRACKETS = """某某县2023年度高标准农田建设项目支出绩效自评报告
一、绩效目标完成情况
（一）产出指标（50分）
1.新建高标准农田面积：目标值2万亩，实际完成2.1万亩，得分20分（权重20分）。
（二）效益指标（30分）
1.新增粮食产能：目标值≥200万斤，实际完成210万斤，得分30分（权重30分）。
二、自评结论
预算执行率得分9.5分（权重10分），项目综合得分59.5分。
"""


def test_weights_in_brackets_after_scores_and_level_headings() -> None:
    flat = flat_of(WEIGHTS_IN_BRACKETS)
    assert (flat["budget.execution_score"], flat["budget.execution_weight"]) == (Decimal("9.5"), 10)
    keys = ("name", "level1", "target", "unit", "actual", "weight", "score")
    assert [flat[f"indicators.1.{k}"] for k in keys] == [
        "新建高标准农田面积", "产出指标", 2, "万亩", Decimal("2.1"), 20, 20,  # as printed
    ]  # fmt: skip
    assert [flat[f"indicators.2.{k}"] for k in ("level1", "target", "actual", "weight")] == [
        "效益指标", 200, 210, 30,
    ]  # fmt: skip
    assert flat["indicators.2.unit"] == "万斤"  # as printed: 200 万斤, its magnitude in the unit
    assert flat["evaluation.total_score"] == Decimal("59.5")


OFFICES_AND_SIGNATURE = """某某县林业局2022年度部门整体支出绩效自评报告
一、部门基本情况
局机关内设办公室、森林资源管理股、计划财务股3个股室。核定编制25名，实有在编人员23人。
二、部门整体支出情况
2022年度部门年初预算1,056.80万元，年中调整预算增加213.20万元，调整后预算1,270.00万元。\
全年支出1,201.42万元，预算执行率为94.6%。

某某县林业局
2023年3月15日
"""


def test_offices_counted_right_after_the_list_a_raise_and_the_signature_date() -> None:
    flat = flat_of(OFFICES_AND_SIGNATURE)
    assert (flat["org.offices"], flat["org.offices_count"]) == (["办公室", "森林资源管理股", "计划财务股"], 3)
    keys = ("initial", "adjustment", "adjusted")
    assert [flat[f"budget.{k}"] for k in keys] == [10568000, 2132000, 12700000]
    assert flat["report.filled_on"] == "2023-03-15"
    cut = OFFICES_AND_SIGNATURE.replace("增加213.20", "减少13.20").replace("1,270.00", "1,043.60")
    assert flat_of(cut)["budget.adjustment"] == -132000
    assert "report.filled_on" not in flat_of(OFFICES_AND_SIGNATURE + "附件：自评表\n")  # not the last line


def test_a_form_label_line_followed_by_its_value_line() -> None:
    text = """某某市2023年度部门整体支出绩效自评报告
部门（单位）名称：
某某市民政局
填报日期：
2024年4月10日
一、部门基本情况
编制人数
52
"""
    flat = flat_of(text)
    assert (flat["report.unit_name"], flat["report.filled_on"]) == ("某某市民政局", "2024-04-10")
    assert "report.unit_name" not in flat_of(text.replace("某某市民政局\n", ""))  # 填报日期： is no name


def test_a_spending_budget_is_no_spending_and_three_public_expenses_are_no_budget() -> None:
    text = """某某市司法局2023年度部门整体支出绩效自评报告
一、部门概况
机关行政编制38名，实有人数36人。下设3个职能处室，分别为：办公室、政治部、立法处。
二、部门财政资金收支情况
2023年“三公”经费预算12.00万元，实际支出9.86万元。
部门收入预算2,865.42万元，全年支出预算2,865.42万元，实际支出2,790.13万元，预算执行率97.37%。
"""
    flat = flat_of(text)
    assert (flat["budget.executed"], flat["budget.execution_rate"]) == (27901300, Decimal("97.37"))
    assert (flat["org.offices_count"], len(flat["org.offices"])) == (3, 3)


def test_execution_weight_in_a_heading_and_a_combined_self_evaluation_score() -> None:
    text = """某某县统计局2023年度部门整体支出绩效自评报告
一、部门整体支出绩效情况
（一）预算执行率（权重10分）：全年预算执行率为96.49%，得分9.65分。
二、自评结论
综合自评得分为91.65分，等级评定为优。
"""
    flat = flat_of(text)
    keys = ("budget.execution_weight", "budget.execution_score", "evaluation.total_score")
    assert [flat[k] for k in keys] == [10, Decimal("9.65"), Decimal("91.65")]


def test_an_indicator_line_naming_only_a_level_is_no_indicator() -> None:
    text = INDICATOR_BLOCK_LINES.replace("指标一：新建改造供水管网长度", "指标一：数量指标")
    flat = flat_of(text)
    assert flat["indicators.1.name"] == "受益群众满意度"
    assert "indicators.2.name" not in flat


def test_posts_of_the_unit_itself_and_a_bare_actual_count() -> None:
    text = """某某县审计局2023年度部门整体支出绩效自评报告
一、部门基本情况
本局编制15人，实有14人，内设机构4个。另有行政编制人员……
"""
    flat = flat_of(text)
    assert (flat["staff.authorized"], flat["staff.actual"], flat["org.offices_count"]) == (15, 14, 4)
    other = flat_of(text.replace("本局编制15人，实有14人", "核定行政编制15人，实有人数14人"))
    assert ("staff.authorized" not in other, other["staff.administrative"]) == (True, 15)


def test_an_expected_target_and_the_years_self_evaluation_score() -> None:
    text = """某某县2023年度农村危房改造补助资金项目支出绩效自评报告
一、绩效目标完成情况
（一）产出指标
1.竣工验收合格率：预期目标100%，实际完成100%，分值20分，得分20分。
二、自评结论
经评价，该项目2023年度绩效自评得分94.5分，评价结果为优。
"""
    flat = flat_of(text)
    keys = ("name", "target_op", "target", "actual", "weight", "score")
    assert [flat[f"indicators.1.{k}"] for k in keys] == ["竣工验收合格率", "=", 100, 100, 20, 20]
    assert (flat["evaluation.total_score"], flat["evaluation.grade"]) == (Decimal("94.5"), "优")


def test_an_indicator_number_before_the_name_is_no_name() -> None:
    text = """某某县文化广电旅游局2023年度部门整体支出绩效自评报告
一、自评情况
指标1：公共文化场馆免费开放率：年度目标值100%，实际完成100%，分值30分，得分30分。
指标2：年度目标值≥60场，实际完成58场，分值30分，得分29分。
"""
    flat = flat_of(text)
    assert (flat["indicators.1.name"], flat["indicators.1.score"]) == ("公共文化场馆免费开放率", 30)
    assert "indicators.2.name" not in flat  # the second states no name: left out, not guessed


GLUED_FORM = """2023年度项目支出绩效自评报告
项目名称
城市道路维护工程
主管部门
某某市城市管理局
实施单位
某某市市政设施维护中心
年初预算数（万元）
860
"""


def test_a_form_of_label_and_value_lines_joined_into_one() -> None:
    flat = flat_of(GLUED_FORM)
    keys = ("report.project_name", "report.department", "report.unit_name")
    assert [flat[k] for k in keys] == ["城市道路维护工程", "某某市城市管理局", "某某市市政设施维护中心"]
    # 维护项目+主管部门 or 维护+项目主管部门 once joined; the form's lines (one cell a line) settle it
    by_lines = flat_of(GLUED_FORM.replace("维护工程", "维护项目"))
    read = (by_lines["report.project_name"], by_lines["report.department"])
    assert read == ("城市道路维护项目", "某某市城市管理局")
    other = flat_of(GLUED_FORM.replace("维护工程\n主管部门", "维护\n项目主管部门"))
    assert (other["report.project_name"], other["report.department"]) == ("城市道路维护", "某某市城市管理局")
