"""A form's unit slot (its seal note, a list of units), the signer before the attached form, counts
of kinds of projects, offices listed after a colon, a current row's parts by level, a scoring
sheet whose targets the numbered prose states, and labels whose amounts stand in the next cell."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from extractor import extract
from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document


def _flat(text: str) -> dict:
    return flatten(extract_document(text_document("t.txt", text)))


DEPARTMENT_FORM = """某某县水务局2023年度部门整体支出绩效自评报告
一、部门基本情况
本局内设6个股室：办公室、规划计划股、水资源管理股（县节约用水办公室）、建设与运行管理股、农村水利水电股、财务审计股。
二、自评结论
自评得分95分，等级为优。

部门整体支出绩效自评表
部门（单位）名称\t某某县水务局（盖章）
预算执行情况（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
年度资金总额\t100.00\t120.00\t114.00\t10\t95.00%\t9.5
"""


def test_the_seal_note_after_a_units_name_in_its_slot_is_no_part_of_it() -> None:
    flat = _flat(DEPARTMENT_FORM)
    assert flat["report.unit_name"] == "某某县水务局"
    assert flat["budget.adjusted"] == Decimal(1200000)


def test_offices_listed_after_the_count_and_a_colon_keep_their_printed_brackets() -> None:
    flat = _flat(DEPARTMENT_FORM)
    assert flat["org.offices_count"] == 6
    assert flat["org.offices"] == [
        "办公室",
        "规划计划股",
        "水资源管理股（县节约用水办公室）",
        "建设与运行管理股",
        "农村水利水电股",
        "财务审计股",
    ]


def test_offices_named_after_a_clause_ending_in_yi_ci_wei() -> None:
    text = DEPARTMENT_FORM.replace(
        "本局内设6个股室：办公室、规划计划股、水资源管理股（县节约用水办公室）、建设与运行管理股、农村水利水电股、财务审计股。",
        "本局内设机构3个，各机构规范简称依次为：党群工作科、财务资产科、招商引资科。",
    )
    assert _flat(text)["org.offices"] == ["党群工作科", "财务资产科", "招商引资科"]


TRANSFER = """某某省中央水利救灾资金转移支付2022年度绩效自评报告
一、绩效目标分解下达情况
中央下达我省资金6800万元，分解下达到相关市县，实施安全度汛或水毁修复项目120项、抗旱应急项目45项。
二、绩效目标完成情况分析
目前，资金已执行4132.8万元，预算执行率60.78%。

某某省水利厅
2023年10月27日

附件
中央对地方转移支付区域绩效自评表
转移支付（项目）名称\t中央水利救灾资金
中央主管部门\t水利部
地方主管部门\t某某省水利厅\t资金使用单位\t各相关市县水利部门、省水利厅厅直有关单位
资金情况（万元）\t全年预算数（A）\t全年执行数（B）\t执行率（B/A）
年度资金总额：\t6800\t4132.8\t60.78%
"""


def test_a_unit_slot_listing_several_units_names_none_and_the_signer_before_the_form_is_the_unit() -> None:
    flat = _flat(TRANSFER)
    assert flat["report.unit_name"] == "某某省水利厅"
    assert flat["budget.adjusted"] == Decimal(68000000)


def test_counts_of_two_kinds_of_projects_listed_together_are_not_the_count_of_projects() -> None:
    flat = _flat(TRANSFER)
    assert "budget.project.count" not in flat
    kinds = "实施安全度汛或水毁修复项目120项、抗旱应急项目45项"
    again = TRANSFER.replace(kinds, "实施项目共15个，年中增加8个项目")
    assert _flat(again)["budget.project.count"] == 15


PROJECT_FORM = """某某县农村公路养护工程项目支出绩效自评报告
一、项目概况
项目年初预算500.00万元，全年预算520.00万元，实际支出507.36万元。

项目支出绩效自评表
项目名称\t农村公路养护工程
项目资金（万元）\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率（B/A）\t得分
年度资金总额\t500.00\t520.00\t507.36\t10\t97.57%\t9.76
其中：当年财政拨款\t500.00\t520.00\t507.36\t—\t—\t—
其中：中央资金\t300.00\t300.00\t300.00\t—\t—\t—
省级资金\t120.00\t140.00\t135.20\t—\t—\t—
县级资金\t80.00\t80.00\t72.16\t—\t—\t—
上年结转资金\t0.00\t0.00\t0.00\t—\t—\t—
其他资金\t\t\t\t—\t—\t—
"""


def test_rows_that_add_up_to_the_current_row_are_its_parts_and_the_rows_after_them_are_read() -> None:
    flat = _flat(PROJECT_FORM)
    funds = {k: v for k, v in flat.items() if k.startswith("budget.funds.")}
    assert funds == {
        "budget.funds.current.initial": Decimal(5000000),
        "budget.funds.current.adjusted": Decimal(5200000),
        "budget.funds.current.executed": Decimal(5073600),
        "budget.funds.carryover.initial": Decimal(0),
        "budget.funds.carryover.adjusted": Decimal(0),
        "budget.funds.carryover.executed": Decimal(0),
    }


def test_rows_that_do_not_add_up_to_the_current_row_end_the_block() -> None:
    flat = _flat(PROJECT_FORM.replace("县级资金\t80.00\t80.00\t72.16", "县级资金\t80.00\t80.00\t70.16"))
    assert "budget.funds.carryover.initial" not in flat
    assert flat["budget.funds.current.executed"] == Decimal(5073600)


SCORING_SHEET = """某某中心2023年评价工作经费项目支出绩效自评报告
一、项目概况
2023年年初预算安排项目资金120.00万元，全年预算数138.50万元，项目实际支出131.62万元。
二、绩效指标分析
（一）项目产出情况
1.重点项目绩效评价数量：年度目标值12个，实际完成12个，完成率100%，达到年度目标。
2.评价报告按时提交率：年度目标值100%，实际按时提交11份，按时提交率91.67%，未达到年度目标。
3.被评价单位满意度：年度目标值≥95%，问卷调查满意度93.5%，未达到年度目标。

项目支出绩效评价指标体系及评分表
一级指标\t二级指标\t三级指标\t分值\t评分标准\t得分\t扣分原因
产出（40分）\t产出数量\t重点项目绩效评价数量\t20\t完成率×20分\t20\t
产出时效\t评价报告按时提交率\t20\t每延期1份扣2分\t18\t1份报告延期提交
效益（10分）\t满意度\t被评价单位满意度\t10\t每低1个百分点扣1分\t8\t
合计\t50\t\t46\t
"""


def test_a_scoring_sheet_row_takes_its_target_and_actual_from_the_numbered_paragraph_of_its_name() -> None:
    flat = _flat(SCORING_SHEET)
    first = {k[len("indicators.1.") :]: v for k, v in flat.items() if k.startswith("indicators.1.")}
    assert first == {
        "name": "重点项目绩效评价数量",
        "level1": "产出",
        "level2": "产出数量",
        "target_op": "=",
        "target": Decimal(12),
        "unit": "个",
        "actual": Decimal(12),
        "completion_rate": Decimal(100),
        "weight": Decimal(20),
        "score": Decimal(20),
        "met": True,
    }


def test_the_actual_no_label_names_is_the_first_figure_in_the_targets_unit() -> None:
    flat = _flat(SCORING_SHEET)
    assert (flat["indicators.2.actual"], flat["indicators.2.unit"], flat["indicators.2.met"]) == (
        Decimal("91.67"),
        "%",
        False,
    )
    assert (flat["indicators.3.target_op"], flat["indicators.3.actual"]) == (">=", Decimal("93.5"))


TARGETS_ONLY = """某某中心2023年评价工作经费项目支出绩效自评报告
一、绩效指标分析
1.重点项目绩效评价数量：年度目标值12个，实际完成12个，达到年度目标。

项目支出绩效自评表
一级指标\t二级指标\t三级指标\t年度指标值\t分值\t得分
产出指标\t数量指标\t重点项目绩效评价数量\t{target}\t20\t20
满意度指标\t满意度指标\t服务对象满意度\t≥90%\t10\t10
"""


def test_a_paragraph_stating_another_target_than_the_row_gives_the_row_nothing() -> None:
    agreed = _flat(TARGETS_ONLY.format(target="12个"))
    assert (agreed["indicators.1.target"], agreed["indicators.1.actual"]) == (Decimal(12), Decimal(12))
    other = _flat(TARGETS_ONLY.format(target="15个"))
    assert other["indicators.1.target"] == Decimal(15)
    assert "indicators.1.actual" not in other and "indicators.1.met" not in other


def _split_form(tmp_path: Path, basic: str) -> dict:
    from tests.word_forms import word_form

    rows = [
        ["部门（单位）名称", "某某区农业农村局", "", "", "", "", "", ""],
        ["年度预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "2,356.80", "2,918.45", "2,764.31", "10", "94.72%", "9.47"],
        ["", "按收入性质分", "", "", "按支出性质分", "", "", ""],
        ["", "其中：一般公共预算：", "2,464.31", "", "其中：基本支出：", basic, "", ""],
        ["", "政府性基金拨款：", "300.00", "", "项目支出：", "1,678.04", "", ""],
    ]
    path = word_form(tmp_path / "f.docx", ["某某区农业农村局2023年度部门整体支出绩效自评报告"], rows)
    return flatten(extract(path))


def test_a_label_cell_ending_in_its_colon_gives_the_next_cells_amount_executed_where_they_add_up_so(
    tmp_path: Path,
) -> None:
    flat = _split_form(tmp_path, "1,086.27")  # 1086.27 + 1678.04 = 2764.31, the 全年执行数
    assert (flat["budget.basic.executed"], flat["budget.project.executed"]) == (
        Decimal(10862700),
        Decimal(16780400),
    )
    assert "budget.basic.budget" not in flat and "budget.project.budget" not in flat
    flat = _split_form(tmp_path, "1,240.41")  # 1240.41 + 1678.04 = 2918.45, the 全年预算数
    assert (flat["budget.basic.budget"], flat["budget.project.budget"]) == (
        Decimal(12404100),
        Decimal(16780400),
    )
    assert "budget.basic.executed" not in flat
