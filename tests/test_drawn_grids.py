"""Tables a page draws without <table> (CSS display), cells of a grid kept apart from other rows, and
level cells left empty where a grid draws no merges (issue 11: tables stay a grid)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from extractor import extract
from extractor.flat import flatten
from extractor.normalize import normalize
from extractor.read import read

STYLE = "<style>.tb{display:table}.tr{display:table-row}.td{display:table-cell}</style>"


def _row(*cells: str, cls: str = "tr", cell: str = "td") -> str:
    return f'<div class="{cls}">' + "".join(f'<div class="{cell}">{c}</div>' for c in cells) + "</div>"


def _page(tmp_path: Path, body: str, style: str = STYLE) -> Path:
    path = tmp_path / "page.html"
    html = f'<html><head><meta charset="utf-8">{style}</head><body>{body}</body></html>'
    path.write_text(html, encoding="utf-8")
    return path


def test_div_rows_and_cells_displayed_as_a_table_are_a_grid(tmp_path):
    body = '<div class="tb">' + _row("项目名称", "某项目") + _row("分值", "得分", "执行率") + "</div>"
    (table,) = read(_page(tmp_path, body)).tables
    assert table.source == "html" and (table.n_rows, table.n_cols) == (2, 3)
    rows = table.rows()
    assert [c.text for c in rows[1]] == ["分值", "得分", "执行率"]
    assert rows[0][1].text == "某项目" and rows[0][2].text == ""  # a short row padded, as a browser does


def test_inline_display_and_the_later_rule_decide(tmp_path):
    style = "<style>.a{display:table-cell} .b{display:block} .a2{display:table-cell}</style>"
    cells = '<div class="a">甲</div><div class="a b">乙</div><div class="b a2">丙</div>'
    row = f'<div style="display: table-row">{cells}</div>'
    body = f'<div style="display:table">{row}{row}</div>'
    (table,) = read(_page(tmp_path, body, style)).tables
    # .b comes after .a, so 乙 is a block inside the row, not a cell; .a2 comes after .b
    assert [c.text for c in table.rows()[0]] == ["甲", "丙"]


def test_divs_without_table_display_stay_lines(tmp_path):
    body = '<div class="tb">' + _row("项目名称", "某项目") + "</div>"
    doc = read(_page(tmp_path, body, style=""))
    assert doc.tables == [] and "项目名称\n某项目" in doc.text


ROWS = [
    ("项目名称", "某县培训补助项目"),
    ("主管部门", "某县人力资源和社会保障局", "实施单位", "某县职业技能鉴定中心"),
    ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
    ("产出指标", "数量指标", "培训人数", "≥800人次", "846人次", "20", "20"),
    ("", "", "培训工种数", "≥6个", "7个", "20", "20"),
    ("", "质量指标", "培训合格率", "≥90%", "94.8%", "20", "20"),
    ("效益指标", "社会效益指标", "就业技能提升", "有效提升", "有效提升", "30", "30"),
    ("", "", "取得证书比例", "≥60%", "55%", "10", "9"),
]
LEVELS = [
    ("产出指标", "数量指标"),
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("效益指标", "社会效益指标"),
    ("效益指标", "社会效益指标"),
]


def _levels(flat: dict) -> list[tuple[object, object]]:
    return [(flat.get(f"indicators.{n}.level1"), flat.get(f"indicators.{n}.level2")) for n in range(1, 6)]


def test_an_empty_level_cell_of_a_drawn_grid_is_the_level_above(tmp_path):
    head = "<h1>某县培训补助项目绩效自评表</h1>"
    page = _page(tmp_path, head + '<div class="tb">' + "".join(_row(*r) for r in ROWS) + "</div>")
    assert [t.source for t in read(page).tables] == ["html"]  # read as the grid, not as lines
    flat = flatten(extract(page))
    assert _levels(flat) == LEVELS
    assert (flat["indicators.2.name"], flat["indicators.2.actual"]) == ("培训工种数", Decimal(7))
    assert flat["indicators.5.score"] == 9


@pytest.mark.parametrize(
    "row", [lambda r: "\t".join(r), lambda r: "| " + " | ".join(r) + " |"], ids=["tabs", "pipes"]
)
def test_empty_cells_opening_a_text_row_under_the_levels_are_the_levels_above(tmp_path, row):
    # the positions a merged level covers, written empty (a Word table saved as text, typed so)
    path = tmp_path / "table.txt"
    path.write_text("\n".join(["某县培训补助项目绩效自评表", *map(row, ROWS)]) + "\n", encoding="utf-8")
    flat = flatten(extract(path))
    assert _levels(flat) == LEVELS
    assert (flat["indicators.2.name"], flat["indicators.2.actual"]) == ("培训工种数", Decimal(7))


def test_an_empty_level_cell_after_a_stated_one_stays_empty_in_text(tmp_path):
    rows = [*ROWS[:4], ("产出指标", "", "培训工种数", "≥6个", "7个", "20", "20")]
    path = tmp_path / "table.txt"
    path.write_text(
        "\n".join(["某县培训补助项目绩效自评表", *("\t".join(r) for r in rows)]) + "\n", encoding="utf-8"
    )
    flat = flatten(extract(path))
    assert (flat["indicators.2.name"], flat["indicators.2.level1"]) == ("培训工种数", "产出指标")
    assert "indicators.2.level2" not in flat


def test_unread_cells_of_other_rows_are_not_one_sentence(tmp_path):
    # the goal row's cells and the corner above it are not read by the mapper: joined as one
    # sentence they made '项目资金(万元)…完成12个' a count of projects
    rows = [
        ("项目资金（万元）", "年初预算数", "全年预算数", "全年执行数"),
        ("年度资金总额", "100.00", "120.00", "110.00"),
        ("年度总体目标", "预期目标", "实际完成情况"),
        ("", "完成12个老旧小区改造", "完成12个老旧小区改造"),
    ]
    body = "<h1>某区2023年老旧小区改造项目绩效自评表</h1><p>（2023年度）</p><table>"
    body += "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"
    flat = flatten(extract(_page(tmp_path, body, style="")))
    assert flat["budget.adjusted"] == 1200000 and flat["budget.executed"] == 1100000
    assert "budget.project.count" not in flat


def test_label_and_value_cells_of_one_row_still_read_together(tmp_path):
    rows = [("人员编制", "21", "实有人数", "19"), ("职能职责概述", "承担全市数字化城市管理的监督。")]
    body = "<h1>某市2018年度部门整体支出绩效评价自评报告</h1>"
    body += "<p>部门（单位）名称：某市城市管理监督指挥中心</p><table>"
    body += "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"
    flat = flatten(extract(_page(tmp_path, body, style="")))
    assert (flat["staff.authorized"], flat["staff.actual"]) == (21, 19)


@pytest.mark.parametrize(
    ("section", "counted"),
    [("（一）产出指标完成情况\n1.数量指标", False), ("（一）项目支出情况", True)],
)
def test_a_count_of_projects_under_an_indicator_heading_is_an_output(tmp_path, section, counted):
    text = (
        "某县统计局2023年度部门整体支出绩效自评报告\n一、部门预算执行情况\n"
        "全年预算数200万元，实际支出190万元，预算执行率95%。\n"
        f"二、绩效目标实现情况\n{section}\n全年完成国家、省、市统计调查项目43项，按时上报率100%。\n"
    )
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    flat = flatten(extract(path))
    assert flat["budget.executed"] == 1900000
    assert flat.get("budget.project.count") == (43 if counted else None)


def test_a_bound_is_no_count_to_compare_with_an_indicator(tmp_path):
    text = (
        "某县人社局2023年职工培训补助项目支出绩效自评报告\n一、项目概况\n"
        "项目年度目标为组织职工开展职业技能培训800人次以上。\n"
        "二、绩效指标完成情况\n"
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
        "产出指标\t数量指标\t培训职工人数\t≥800人次\t846人次\t50\t50\n"
    )
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    report = extract(path)
    assert flatten(report)["indicators.1.actual"] == 846
    assert [f.rule for f in report.findings if f.rule == "cross.mention"] == []
    assert all(q.value.value != 800 for q in report.quantities)


def test_two_figure_cells_of_a_row_the_mapper_left_stay_two_figures(tmp_path):
    """'评价得分 | 100 | 95' that no block reads: its cells, lines of the text joined as a wrapped cell
    is, never glue two figures into one (评价得分10095, a labelled total of 10095)."""
    rows = [("项目名称", "某某项目"), ("评价得分", "100", "95")]
    body = "<h1>某县2023年某某项目绩效自评表</h1><table>"
    body += "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"
    lines = normalize(read(_page(tmp_path, body, style=""))).text.split("\n")
    assert "评价得分100" in lines and "95" in lines
    assert flatten(extract(_page(tmp_path, body, style=""))).get("evaluation.total_score") != 10095


def test_a_name_merged_over_the_level_columns_is_a_row_of_no_level(tmp_path):
    """预算执行率 merged over 一级 | 二级 | 三级, then 100% | 100% | 10 | 10: the execution rate's row
    (its weight and score the budget's), as a 专项资金 form writes it; a level cell never reads it."""
    body = (
        "<h1>某县水利局2019年度河道治理项目绩效目标自评表</h1><table border='1'>"
        "<tr><td>专项名称</td><td colspan='6'>某某治理工程专项资金</td></tr>"
        "<tr><td colspan='2' rowspan='3'>资金情况（万元）</td><td></td><td>全年预算数</td><td>全年执行数</td>"
        "<td colspan='2'>执行率</td></tr>"
        "<tr><td>年度资金总额</td><td>85.98</td><td>85.98</td><td colspan='2'>100%</td></tr>"
        "<tr><td>其中：财政拨款</td><td>85.98</td><td>85.98</td><td colspan='2'>100%</td></tr>"
        "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td>"
        "<td>分值</td><td>得分</td></tr>"
        "<tr><td>产出指标</td><td>数量指标</td><td>治理河道长度</td><td>8.43公里</td><td>8.43公里</td>"
        "<td>90</td><td>90</td></tr>"
        "<tr><td colspan='3'>预算执行率</td><td>100%</td><td>100%</td><td>10</td><td>10</td></tr></table>"
    )
    flat = flatten(extract(_page(tmp_path, body, style="")))
    assert (flat["budget.execution_weight"], flat["budget.execution_score"]) == (10, 10)
    assert flat["report.project_name"] == "某某治理工程专项资金"
    assert (flat["budget.adjusted"], flat["budget.executed"]) == (859800, 859800)
    assert "indicators.2.name" not in flat and flat["indicators.1.level1"] == "产出指标"
