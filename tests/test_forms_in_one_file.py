"""Several self-evaluation forms in one file (附件 tables of several projects, a department's
report with a project's form attached): only the report's own form is read
(fields/mapper/tables.read_tables, pipeline.own_form)."""

from __future__ import annotations

from decimal import Decimal

from test_prose_unseen import flat_of

from extractor.fields.mapper import read_tables
from extractor.grid import Cell, Table, build_table
from extractor.normalize import NormText

HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]


def _table(rows: list[list[str]]) -> Table:
    cells = [[Cell(row=r, col=c, text=t) for c, t in enumerate(row)] for r, row in enumerate(rows)]
    return build_table(cells, "docx")


def _form(project: str | None, *names: str) -> Table:
    keys = [["项目名称", project, "", "", "", "", ""]] if project else []
    rows = [["产出指标", "数量指标", n, "≥10个", "12个", "10", "10"] for n in names]
    return _table([*keys, HEADER, *rows])


NORM = NormText("x", [0, 1], "x", [0], [0])


def test_a_form_going_on_in_a_second_table_is_read_whole() -> None:
    result = read_tables([_form("甲项目", "指标一", "指标二"), _form(None, "指标三")], NORM)
    assert [i.name.value for i in result.indicators] == ["指标一", "指标二", "指标三"]
    assert result.other_forms == []


def test_a_second_project_form_and_the_table_it_goes_on_in_are_not_read() -> None:
    tables = [_form("甲项目", "指标一"), _form("乙项目", "指标二"), _form(None, "指标三")]
    result = read_tables(tables, NORM)
    assert [i.name.value for i in result.indicators] == ["指标一"]
    assert result.fields["report.project_name"].value == "甲项目"
    assert result.other_forms == ["乙项目"]
    assert len(result.claimed) > 3  # the other form's cells are claimed: no prose reads them


def test_a_project_form_after_a_form_naming_no_project_is_another_form() -> None:
    result = read_tables([_form(None, "部门指标"), _form("甲项目", "项目指标")], NORM)
    assert [i.name.value for i in result.indicators] == ["部门指标"]
    assert result.other_forms == ["甲项目"]


def test_the_report_naming_its_project_again_goes_back_to_its_form() -> None:
    tables = [_form("甲项目", "指标一"), _form("乙项目", "指标二"), _form("甲项目", "指标三")]
    assert [i.name.value for i in read_tables(tables, NORM).indicators] == ["指标一", "指标三"]


FORM = """项目支出绩效自评表
| 项目名称 | {name} | | | | | |
| 主管部门 | 某某县农业农村局 | | | 实施单位 | {unit} | |
| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
| 年度资金总额 | 500 | 500 | 480 | 10 | 96% | 9.6 |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | {indicator} | ≥1万亩 | 1.02万亩 | 90 | 88 |
| 总分 | | | | | 100 | 97.6 |
"""


def test_a_file_of_two_project_forms_reads_the_first_and_notes_the_second() -> None:
    first = FORM.format(name="高标准农田建设项目", unit="某某县农田建设服务中心", indicator="新建农田面积")
    second = FORM.format(name="农机购置补贴项目", unit="某某县农机服务站", indicator="补贴机具数量")
    text = "某某县农业农村局2023年度项目支出绩效自评情况\n附件1\n" + first + "附件2\n" + second
    flat = flat_of(text)
    assert flat["report.project_name"] == "高标准农田建设项目"
    assert [v for k, v in flat.items() if k.endswith(".name") and k.startswith("indicators.")] == [
        "新建农田面积"
    ]
    assert flat["evaluation.total_score"] == Decimal("97.6")
    assert not [k for k, v in flat.items() if k.endswith(".rule") and v.startswith("sum.")]


def test_a_department_report_reads_nothing_of_an_attached_project_form() -> None:
    head = (
        "某某县农业农村局2023年度部门整体支出绩效自评报告\n一、部门概况\n"
        "本部门2023年年初预算数1200万元，全年执行数1150万元。\n二、附件\n"
    )
    form = FORM.format(name="高标准农田建设项目", unit="某某县农田建设服务中心", indicator="新建农田面积")
    flat = flat_of(head + form)
    assert flat["report.unit_name"] == "某某县农业农村局"
    assert (flat["budget.initial"], flat["budget.executed"]) == (12000000, 11500000)
    assert "report.project_name" not in flat and "indicators.1.name" not in flat


def test_an_attached_form_written_one_cell_a_line_gives_no_unit_to_the_department() -> None:
    head = "某某县水务局2023年度部门整体支出绩效自评报告\n一、部门概况\n本部门全年执行数3528.51万元。\n附件\n"
    cells = FORM.format(name="农村供水保障工程", unit="某某县农村供水管理站", indicator="新建管网长度")
    lines = [c.strip() for row in cells.split("\n") for c in row.strip("| ").split(" | ")]
    flat = flat_of(head + "\n".join(lines) + "\n")
    assert flat["report.unit_name"] == "某某县水务局"
    assert flat["budget.executed"] == 35285100
    assert "report.department" not in flat and "budget.initial" not in flat
