"""Breakdowns found in prose: a whole with its parts (其中 …) and a counted total with its groups."""

from __future__ import annotations

from decimal import Decimal

from extractor import check
from extractor.models import Report
from extractor.pipeline import extract_document
from extractor.read.text import text_document

HEAD = "2024年度项目支出绩效自评报告\n一、基本情况\n"


def extracted(body: str) -> Report:
    report = extract_document(text_document("t.txt", HEAD + body + "\n"))
    report.findings = check(report)
    return report


def shape(report: Report) -> list[tuple[Decimal, list[Decimal], str]]:
    return [(b.whole.value, [p.value for p in b.parts], b.cue) for b in report.breakdowns]


def test_a_total_and_its_groups_later_in_the_paragraph() -> None:
    r = extracted(
        "本单位共实施项目15个(其中转列项目5个)。年初批复预算项目8个、金额985万元(其中结转项目1个);"
        "年中新增项目8个(其中转列项目5个)。"
    )
    assert shape(r) == [(Decimal(15), [Decimal(8), Decimal(8)], "共")]
    (f,) = [f for f in r.findings if f.rule == "count.list"]
    assert f.severity == "error"
    assert [(fact.key, fact.value) for fact in f.facts] == [
        ("breakdowns.1.parts.1", "8"),
        ("breakdowns.1.parts.2", "8"),
        ("breakdowns.1.whole", "15"),
    ]
    assert [(fact.span.line, fact.span.text) for fact in f.facts if fact.span] == [
        (3, "8个"),
        (3, "8个"),
        (3, "15个"),
    ]


def test_groups_that_fit_the_total_are_not_a_finding() -> None:
    r = extracted("本单位共实施项目15个。年初批复预算项目8个;年中新增项目7个。")
    assert shape(r) == [(Decimal(15), [Decimal(8), Decimal(7)], "共")]
    assert not [f for f in r.findings if f.rule == "count.list"]


def test_no_groups_without_a_total_word_two_groups_or_the_same_paragraph() -> None:
    assert shape(extracted("本单位实施项目15个。年初批复项目8个;年中新增项目8个。")) == []
    assert shape(extracted("本单位共实施项目15个。年初批复项目8个。")) == []
    assert shape(extracted("本单位共实施项目15个。\n年初批复项目8个;年中新增项目8个。")) == []
    # groups inside parentheses are details of another figure, and other nouns are not projects
    assert shape(extracted("本单位共实施项目15个(年初批复项目8个;年中新增项目8个)。")) == []
    assert shape(extracted("本单位共有职工15人。年初批复项目8个;年中新增项目8个。")) == []


def test_the_levels_of_an_indicator_tree_are_no_parts() -> None:
    report = extracted("该项目共编制12个绩效目标指标，其中一级指标3个，二级指标9个，三级指标12个。")
    assert shape(report) == []
    assert not [f for f in report.findings if f.rule == "count.list"]
