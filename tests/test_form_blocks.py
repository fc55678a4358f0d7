"""A form's grid with two indicator blocks (a scoring block 评价内容 | 分值 | 自评分, then the 一级 |
二级 | 三级 block with its own header), level cells with their points unbracketed ('产出指标40分'),
and a Word table split in two whose second part writes the merged labels of the first again."""

from __future__ import annotations

from decimal import Decimal

import docx

from extractor import extract
from extractor.flat import flatten
from tests.word_forms import word_form

TITLE = "某市财政预算支出项目绩效目标自评表（2021年度）"
ROWS = [
    ["项目名称", "乡村道路养护项目", "", "", "", ""],
    ["项目权重", "评价内容", "分值", "自评分", "复核分", "评价标准及依据"],
    ["项目决策2分", "决策依据", "2", "2", "", "有计划得2分"],
    ["项目管理8分", "财务制度", "8", "7", "", "制度健全得8分"],
    ["一级指标", "二级指标", "指标名称", "年终完成值", "自评分", "年初指标值"],
    ["产出指标40分", "数量指标40分", "养护里程", "300公里", "40", "300公里"],
    ["效益指标50分", "社会效益指标50分", "出行条件改善", "明显改善", "48", "明显改善"],
]


def test_two_blocks_of_one_grid_are_read_in_turn(tmp_path):
    flat = flatten(extract(word_form(tmp_path / "form.docx", [TITLE], ROWS)))
    names = [flat.get(f"indicators.{n}.name") for n in range(1, 5)]
    assert names == ["决策依据", "财务制度", "养护里程", "出行条件改善"]
    assert (flat["indicators.2.weight"], flat["indicators.2.score"]) == (Decimal(8), Decimal(7))
    assert (flat["indicators.3.level1"], flat["indicators.3.level2"]) == ("产出指标", "数量指标")
    assert (flat["indicators.3.actual"], flat["indicators.3.unit"]) == (Decimal(300), "公里")  # 年终完成值
    assert flat["indicators.4.level2"] == "社会效益指标"


def test_a_split_word_table_repeating_its_labels_is_one_table(tmp_path):
    head = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    first = [head, ["效益指标", "社会效益指标", "出行条件改善", "明显改善", "明显改善", "20", "20"]]
    second = [["效益指标", "社会效益指标", "群众满意度", "≥90%", "95%", "10", "9"]]
    document = docx.Document()
    document.add_paragraph("某县交通运输局2021年度乡村道路养护项目支出绩效自评表")
    for rows in (first, second):
        table = document.add_table(rows=len(rows), cols=len(head))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        document.add_paragraph("")
    path = tmp_path / "split.docx"
    document.save(str(path))
    flat = flatten(extract(path))
    assert (flat["indicators.2.name"], flat["indicators.2.actual"]) == ("群众满意度", Decimal(95))
    assert flat["indicators.2.level2"] == "社会效益指标"


def test_funds_by_source_under_a_label_merged_down(tmp_path):
    rows = [
        ["项目名称", "乡村道路养护项目", "", "", "", ""],
        ["项目资金来源", "中央（万元）", "本级（万元）", "合计（万元）", "执行数（万元）", "执行率"],
        ["", "", "309", "309", "309", "100%"],
    ]
    path = word_form(tmp_path / "funds.docx", [TITLE], rows)
    document = docx.Document(str(path))
    table = document.tables[0]
    table.cell(1, 0).merge(table.cell(2, 0)).text = "项目资金来源"
    document.save(str(path))
    flat = flatten(extract(path))
    assert (flat["budget.executed"], flat["budget.execution_rate"]) == (Decimal(3090000), Decimal(100))
    assert "budget.adjusted" not in flat  # 合计 of the sources is no column this reader knows


def _sheet_book(tmp_path, sheet_name: str):
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet_name
    ws.append(["某市财政预算支出项目绩效目标自评表"])
    ws.append(["填报日期：2022年8月10日"])
    for row in ROWS[4:]:
        ws.append(row)
    path = tmp_path / "book.xlsx"
    book.save(str(path))
    return flatten(extract(path))


def test_the_year_only_in_the_sheets_name(tmp_path):
    assert _sheet_book(tmp_path, "2021年度乡村道路项目自评表")["report.fiscal_year"] == 2021
    assert "report.fiscal_year" not in _sheet_book(tmp_path, "Sheet1")  # never the fill date's year


def test_a_tab_separated_text_table_reads_its_own_level_names():
    from tests.test_prose_unseen import flat_of

    text = (
        "某县市场监督管理局2020年度专项资金项目支出绩效自评报告\n"
        "一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值\t得分\n"
        "项目决策\t数量指标\t宣传次数\t≥2次\t3次\t50\t50\n"
        "项目效益\t社会效益指标\t维权意识\t不断提升\t明显提升\t50\t45\n"
    )
    flat = flat_of(text)
    assert (flat["indicators.1.level1"], flat["indicators.2.level1"]) == ("项目决策", "项目效益")
    spaced = flat_of(text.replace("\t", "  "))  # cut at gaps of spaces: only the level words count
    assert "indicators.1.level1" not in spaced and spaced["indicators.1.level2"] == "数量指标"


def test_each_level_with_its_own_weight_column(tmp_path):
    rows = [
        ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"],
        ["项目决策", "20", "项目目标", "4", "目标内容", "4", "4"],
        ["项目决策", "20", "决策过程", "16", "决策依据", "16", "15"],
        ["合计", "", "", "", "", "20", "19"],
    ]
    flat = flatten(extract(word_form(tmp_path / "levels.docx", ["某省商务厅服务贸易项目绩效自评表"], rows)))
    assert [flat[f"indicators.{n}.weight"] for n in (1, 2)] == [Decimal(4), Decimal(16)]  # not the 一级's 20
    assert flat["indicators.2.score"] == Decimal(15)


def test_a_unit_in_brackets_ending_the_name(tmp_path):
    rows = [
        ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"],
        ["产出指标", "数量指标", "服务外包在岸（万美元）", "20000", "23333.56", "10"],
        ["产出指标", "数量指标", "资金到位率（省级）", "100", "100", "10"],
    ]
    title = "某区服务贸易发展资金项目支出绩效自评表"
    flat = flatten(extract(word_form(tmp_path / "units.docx", [title], rows)))
    assert (flat["indicators.1.unit"], flat["indicators.1.target"]) == ("万美元", Decimal(20000))
    assert "indicators.2.unit" not in flat  # 省级 is no unit


def test_an_operator_and_masked_figure_in_the_name_brackets(tmp_path):
    """A template's unfilled bracket (公猪舍（≥**平方米）) states the operator and unit the bare
    figures lack; a name's bracket without an operator leaves the target's '='."""
    rows = [
        ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"],
        ["产出指标", "数量指标", "公猪舍（≥**平方米）", "22.8", "22.8", "10"],
        ["产出指标", "数量指标", "保育栏（≥套）", "4", "4", "10"],
        ["产出指标", "成本指标", "项目总投资（≤**万元）", "50", "50", "10"],
        ["产出指标", "质量指标", "工程验收合格率（%）", "100", "100", "10"],
    ]
    flat = flatten(
        extract(word_form(tmp_path / "masked.docx", ["某县生猪养殖场建设项目支出绩效自评表"], rows))
    )
    read = [
        tuple(flat.get(f"indicators.{n}.{k}") for k in ("target_op", "target", "unit")) for n in (1, 2, 3, 4)
    ]
    assert read == [
        (">=", Decimal("22.8"), "平方米"),
        (">=", Decimal(4), "套"),
        ("<=", Decimal(50), "万元"),
        ("=", Decimal(100), "%"),
    ]


def test_the_forms_unit_line_outranks_the_implementing_units_cell(tmp_path):
    """单位名称: above a project form names the unit that reports; the form's 项目实施单位 cell the one
    that carries the project out (a cooperative): the first is report.unit_name, the second only
    where no such line stands."""
    head = ["2022年度项目支出绩效自评表", "单位名称：某县供销合作社联合社          填报日期：2023年4月15日"]
    rows = [
        ["项目名称", "生猪养殖场建设项目", "", ""],
        ["主管部门", "某县供销合作社联合社", "项目实施单位", "某县鸿运牧业专业合作社"],
        ["一级指标", "三级指标", "年初目标值", "实际完成值"],
        ["产出指标", "种母猪（头）", "20", "20"],
    ]
    flat = flatten(extract(word_form(tmp_path / "unit.docx", head, rows)))
    assert flat["report.unit_name"] == "某县供销合作社联合社"
    flat = flatten(extract(word_form(tmp_path / "implementer.docx", head[:1], rows)))
    assert flat["report.unit_name"] == "某县鸿运牧业专业合作社"


def test_a_self_evaluation_score_row_is_the_total_row(tmp_path):
    """'自评得分' across the label columns, then 100 | 95 under 分值 | 得分: the table's total weight
    and score (as a 总分 row), not one figure glued of both."""
    rows = [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "治理河道长度", "8.43公里", "8.43公里", "50", "50"],
        ["效益指标", "社会效益指标", "群众满意度", "≥95%", "90%", "50", "45"],
        ["自评得分", "自评得分", "自评得分", "自评得分", "自评得分", "100", "95"],
    ]
    flat = flatten(extract(word_form(tmp_path / "total.docx", ["某县水利局专项资金绩效目标自评表"], rows)))
    assert (flat["evaluation.total_weight"], flat["evaluation.total_score"]) == (Decimal(100), Decimal(95))


def test_beijings_labels_of_the_department_and_the_appropriation(tmp_path):
    """北京's 项目支出绩效自评表: '主管部门及代码' labels the department, '其中：本年一般公共预算拨款' is the
    year's appropriation row of the funds block."""
    rows = [
        ["项目名称", "", "道路清扫保洁外包工作经费", "", "", ""],
        ["主管部门及代码", "", "北京市海淀区某街道办事处", "实施单位:", "某街道城市运行服务中心", ""],
        ["项目资金（万元）", "", "", "年初预算数(A)", "全年执行数(B)", "执行率(B/A)"],
        ["项目资金（万元）", "", "年度资金总额:", "310.2", "154.74", "50%"],
        ["项目资金（万元）", "", "其中：本年一般公共预算拨款", "310.2", "154.74", ""],
    ]
    flat = flatten(extract(word_form(tmp_path / "bj.docx", ["项目支出绩效自评表"], rows)))
    assert flat["report.department"] == "北京市海淀区某街道办事处"
    assert (flat["budget.funds.current.initial"], flat["budget.funds.current.executed"]) == (3102000, 1547400)
