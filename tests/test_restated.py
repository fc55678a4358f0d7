"""A key a table states and the prose states again: the table's value is kept, and where the two
cannot agree at their printed precision, cross.mention says so with both places."""

from __future__ import annotations

from decimal import Decimal

from test_recover import AFTER, PROJECT, PROJECT_TITLE, WRITERS

from extractor.pipeline import extract_document
from extractor.read.text import text_document
from extractor.validate import validate


def _report(sentence: str):
    text = PROJECT_TITLE + "一、项目基本情况\n" + sentence + "\n" + WRITERS["pipe"](PROJECT) + AFTER
    return extract_document(text_document("t.txt", text))


def test_prose_figure_unlike_the_tables_is_reported_and_the_table_kept() -> None:
    report = _report("本项目全年预算130万元，全年执行数120.00万元。")
    assert report.budget.executed.value == Decimal("1287000")  # the table's 128.7万元
    found = [f for f in validate(report) if f.rule == "cross.mention"]
    assert len(found) == 1
    assert sorted(Decimal(x.value) for x in found[0].facts) == [Decimal("1200000"), Decimal("1287000")]
    assert {x.span.text for x in found[0].facts} == {"120.00万元", "128.7"}


def test_prose_figure_that_rounds_to_the_tables_is_no_finding() -> None:
    report = _report("本项目全年执行数128.70万元。")
    assert [f for f in validate(report) if f.rule == "cross.mention"] == []
    assert [r.key for r in report.restated] == ["budget.executed"]


_PROSE_TITLE = "某县2021年农村饮水工程维修养护项目绩效自评报告\n一、项目基本情况\n"


def _prose(body: str):
    return extract_document(text_document("t.txt", _PROSE_TITLE + body + "\n"))


def test_prose_stating_a_key_again_with_another_figure_is_reported() -> None:
    report = _prose(
        "下达中央财政资金30.9万元，另有县财政资金30.9万元。\n2021年度中央下达资金61.8万元，已全部拨付。"
    )
    assert report.budget.source.superior.value == Decimal("309000")  # the first statement is kept
    found = [f for f in validate(report) if f.rule == "cross.mention"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert [x.span.text for x in found[0].facts] == ["61.8万元", "30.9万元"]
    assert [r.where for r in report.restated] == ["prose"]


def test_a_sentence_listing_several_amounts_of_a_key_is_no_restatement() -> None:
    report = _prose(
        "下达中央财政资金30.9万元。\n①中央下达资金21万元用于水源维修；②中央下达资金16万元用于管网维修。"
    )
    assert report.budget.source.superior.value == Decimal("309000")
    assert [f for f in validate(report) if f.rule == "cross.mention"] == []


def test_a_table_written_one_cell_a_line_restates_nothing() -> None:
    """The prose reads on through a table written one cell a line ('总分 / 100 / 98.6' joined as
    总分10098.6): a figure inside a cell the table reading took is no restatement, nor a narrative
    quantity to set against an indicator (≥3000人, its own target)."""
    rows = [
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "受益学生人数",
        "≥3000人",
        "3,215人",
        "15",
    ]
    rows += ["15", "总分", "100", "98.6"]
    text = PROJECT_TITLE + "".join(f"{x}\n\n" for x in rows) + AFTER
    report = extract_document(text_document("t.txt", text))
    assert report.evaluation.total_score.value == Decimal("98.6")
    assert report.indicators[0].actual.value == 3215
    assert [f for f in validate(report) if f.rule == "cross.mention"] == []
