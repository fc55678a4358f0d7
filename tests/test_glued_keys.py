"""A form's key cells glued to each other with no separator (a document site's run-on of a Word
form): an organisation's name between its label and the next label is read where it ends as an
organisation's name does, and left out where another label names one of the same kind."""

from __future__ import annotations

from test_prose_unseen import flat_of

BUDGET = (
    "部门预算执行情况(万元)年初预算数全年(调整)预算数全年执行数执行率(%)执行率权重执行率得分(分)"
    "100.0098.0096.0097.96%109.8\n"
)


def test_name_between_two_labels_is_read() -> None:
    text = "2021年度部门整体绩效自评表\n主管部门重庆高新区新闻宣传中心财政处室自评总分(分)97.6联系人王某\n"
    flat = flat_of(text + BUDGET)
    assert flat["report.department"] == "重庆高新区新闻宣传中心"


def test_name_not_ending_as_an_organisation_is_left_out() -> None:
    text = "2021年度部门整体绩效自评表\n主管部门重庆高新区新闻宣传财政处室自评总分(分)97.6部门联系人王某\n"
    assert "report.department" not in flat_of(text + BUDGET)


def test_two_supervising_departments_leave_it_out() -> None:
    text = (
        "2021年度项目支出绩效自评表\n项目名称动物防疫补助中央主管部门农业农村部地方主管部门省农业农村厅"
        "资金使用单位宣城市农业农村局\n"
    )
    assert "report.department" not in flat_of(text + BUDGET)
