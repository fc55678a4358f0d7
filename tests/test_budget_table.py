"""A department's expenditure table (部门整体支出情况表), however its cells are written."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document
from extractor.validate import validate

HEAD = "某某市城市管理局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本单位编制人数21人。\n"
ROWS = [
    ["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"],
    ["支出合计", "580.50", "620.30", "600.10", "96.74%"],
    ["基本支出", "420.00", "430.00", "428.60", "99.67%"],
    ["项目支出", "160.50", "190.30", "171.50", "90.12%"],
]
EXPECTED = {
    "budget.initial": Decimal("5805000"),
    "budget.adjusted": Decimal("6203000"),
    "budget.executed": Decimal("6001000"),
    "budget.execution_rate": Decimal("96.74"),
    "budget.basic.budget": Decimal("4300000"),  # the 全年 column, not the 年初 one
    "budget.basic.executed": Decimal("4286000"),
    "budget.basic.execution_rate": Decimal("99.67"),
    "budget.project.budget": Decimal("1903000"),
    "budget.project.executed": Decimal("1715000"),
}
WRITINGS = {
    "spaced": lambda rows: "\n".join("  ".join(r) for r in rows),
    "tabs": lambda rows: "\n".join("\t".join(r) for r in rows),
    "pipes": lambda rows: "\n".join("| " + " | ".join(r) + " |" for r in rows),
    "cell-per-line": lambda rows: "\n\n".join(c for r in rows for c in r),
}


def _report(table: str, unit_line: str = "单位：万元"):
    text = f"{HEAD}二、部门整体支出情况\n{unit_line}\n{table}\n三、自评结论\n自评得分92分。\n"
    return extract_document(text_document("t.txt", text))


def _budget(report) -> dict:
    return {k: v for k, v in flatten(report).items() if k.startswith("budget.")}


@pytest.mark.parametrize("writing", sorted(WRITINGS))
def test_every_writing_gives_every_figure(writing: str) -> None:
    report = _report(WRITINGS[writing](ROWS))
    assert _budget(report) == EXPECTED
    assert [f.rule for f in validate(report) if f.severity == "error"] == []


def test_a_figure_points_at_its_cell() -> None:
    report = _report(WRITINGS["spaced"](ROWS))
    span = report.budget.executed.span
    assert (span.text, span.line) == ("600.10", 7)
    assert report.budget.executed.raw == "600.10"


def test_without_a_stated_unit_no_amount_is_read() -> None:
    """Only the rates, which need no unit, are read."""
    budget = _budget(_report(WRITINGS["spaced"](ROWS), unit_line=""))
    assert budget == {
        "budget.execution_rate": Decimal("96.74"),
        "budget.basic.execution_rate": Decimal("99.67"),
    }


def test_a_row_with_a_blank_cell_is_left_out_rather_than_shifted() -> None:
    """Spaces cannot show which cell of '基本支出 420.00 428.60 99.67%' is blank: none of its
    figures is read (428.60 is not the 全年 budget); the rows around it are."""
    rows = [*ROWS[:2], ["基本支出", "420.00", "428.60", "99.67%"], ROWS[3]]
    budget = _budget(_report(WRITINGS["spaced"](rows)))
    assert budget == {k: v for k, v in EXPECTED.items() if not k.startswith("budget.basic.")}


def test_a_unit_in_the_headers_and_of_which_cells() -> None:
    rows = [
        ["科目", "年初预算数（万元）", "全年执行数（万元）", "执行率"],
        ["合计", "1,200.00", "1,150.00", "95.83%"],
        ["其中：", "人员经费", "800.00", "790.00", "98.75%"],
    ]
    budget = _budget(_report(WRITINGS["spaced"](rows), unit_line=""))
    assert budget == {
        "budget.initial": Decimal("12000000"),
        "budget.executed": Decimal("11500000"),
        "budget.execution_rate": Decimal("95.83"),
        "budget.basic.personnel": Decimal("7900000"),
    }


def test_a_forms_label_cells_each_followed_by_its_figure() -> None:
    form = "\n\n".join(
        ["年初预算数", "580.50", "全年预算数", "620.30", "全年执行数", "600.10", "预算执行率", "96.74%"]
    )
    report = _report(form, unit_line="二、部门(单位)整体支出情况(单位:万元)")
    assert _budget(report) == {k: v for k, v in EXPECTED.items() if k.count(".") == 1}


def test_a_single_label_and_figure_is_no_form() -> None:
    assert _budget(_report("全年执行数\n600.10\n")) == {}


def test_funds_arrived_beside_funds_used_make_a_form_but_are_not_read() -> None:
    """海南 项目自评表: 计划投资额 | 570 | 实际到位资金 | 398.88 | 实际使用情况 | 395.86 (万元): the
    money used is the executed amount; the money arrived is not spent, and no key reads it."""
    cells = ["计划投资额（万元）", "570", "实际到位资金（万元）", "398.88", "实际使用情况（万元）", "395.86"]
    assert _budget(_report("\n\n".join(cells))) == {"budget.executed": Decimal("3958600")}
    assert _budget(_report("\n\n".join(cells[:4]))) == {}


def test_a_table_of_one_kind_of_spending_is_not_the_departments() -> None:
    table = "\n".join(["项目 年初预算数 全年执行数 执行率", "支出合计 12.50 10.20 81.60%"])
    departments = {
        "budget.initial": Decimal("125000"),
        "budget.executed": Decimal("102000"),
        "budget.execution_rate": Decimal("81.60"),
    }
    for title, expected in [
        ("（三）“三公”经费支出情况（单位：万元）", {}),
        ("（三）部门支出情况（单位：万元）", departments),
    ]:
        report = extract_document(text_document("t.txt", f"{HEAD}{title}\n{table}\n"))
        assert _budget(report) == expected, title


@pytest.mark.parametrize("spent", ["全年支出数", "全年实际支出数", "1-9月执行数"])
def test_the_years_spending_column_is_the_executed_one(spent: str) -> None:
    """浙江's tables head the executed column 全年支出数 (beside 年初预算 | 调整预算), a report on
    part of the year 1-9月执行数."""
    rows = [["项目", "年初预算", "调整预算", spent, "预算执行率"], *ROWS[1:]]
    assert _budget(_report(WRITINGS["tabs"](rows))) == EXPECTED


def test_figures_filled_in_yuan_under_a_wan_label_are_read_in_yuan(tmp_path) -> None:
    """上海 九亭's form: 项目资金(万元) over 145000000.00 — 1.45万亿元 read by the label, no project's
    money: figures of 8 digits and more under a 万元 label are 元 (tables.toml budget.unit yuan_from);
    a block of plausible figures keeps its label's 万元."""
    from extractor import extract
    from tests.word_forms import word_form

    head = ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]

    def funds(total: list[str], other: list[str]) -> dict:
        rows = [
            head,
            ["", "年度资金总额", *total, "10", "99.31%", "9.93"],
            ["", "其他资金", *other, "-", "-", "-"],
        ]
        title = "某镇城镇建设管理项目2020年度项目支出绩效自评表"
        return _budget(extract(word_form(tmp_path / "form.docx", [title], rows)))

    yuan = funds(["145000000.00", "145000000.00", "144000000.00"], ["500000.00", "500000.00", "500000.00"])
    assert (yuan["budget.adjusted"], yuan["budget.executed"]) == (Decimal("145000000"), Decimal("144000000"))
    assert yuan["budget.funds.other.adjusted"] == Decimal("500000")
    wan = funds(["14500.00", "14500.00", "14400.00"], ["50.00", "50.00", "50.00"])
    assert (wan["budget.adjusted"], wan["budget.funds.other.adjusted"]) == (
        Decimal("145000000"),
        Decimal("500000"),
    )


def test_a_paragraph_above_the_table_naming_project_funds_is_no_title() -> None:
    """The lines above a budget table name its kind only as a short title line (表1 专项资金使用情况
    表: one project's or fund's table, not the unit's money): the paragraph before it, which
    mentions 项目资金 in passing, does not."""
    rows = "\n".join("\t".join(r) for r in ROWS)
    prose = "截至2023年12月31日，项目资金已全部支付，各项支出符合资金管理办法的规定。资金使用情况见下表："
    report = _report(rows, unit_line=f"{prose}\n表1 资金使用情况表\n单位：万元")
    assert _budget(report) == EXPECTED
    titled = _report(rows, unit_line="表1 专项资金使用情况表\n单位：万元")
    assert "budget.adjusted" not in _budget(titled)
