"""Counts of projects: one stated in a form's cell of results, or under a section of the
indicators' results (产出情况), counts the work done, never the budget's projects."""

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


AUDIT = """某某县审计局2023年度部门整体支出绩效自评报告
一、部门基本情况
2023年年初预算486.52万元，全年实际支出512.87万元。
二、自评结论
自评得分97分，等级为优。

部门整体支出绩效自评表
部门（单位）名称\t某某县审计局
年度总体目标\t完成年度审计计划\t实际完成情况\t{cell}
"""

DONE = "全年完成审计项目17个，审计覆盖预算单位12个。"


def _docx(tmp_path: Path, text: str) -> dict:
    """The report as a .docx: its tab rows a Word table, the rest paragraphs."""
    doc = docx.Document()
    lines = text.splitlines()
    rows = [line.split("\t") for line in lines if "\t" in line]
    for line in (line for line in lines if "\t" not in line):
        doc.add_paragraph(line)
    table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    path = tmp_path / "t.docx"
    doc.save(path)
    return flatten(extract(path))


def test_a_count_in_a_forms_cell_of_results_is_no_count_of_projects(tmp_path: Path) -> None:
    flat = _docx(tmp_path, AUDIT.format(cell=DONE))
    assert "budget.project.count" not in flat
    assert flat["budget.executed"] == Decimal(5128700)
    assert flat_count(AUDIT.format(cell=DONE)) is None  # the text's tab row: a cell too


def test_the_same_count_in_the_prose_is_the_count_of_projects() -> None:
    text = AUDIT.format(cell="完成").replace("二、自评结论", DONE + "\n二、自评结论")
    assert flat_count(text) == 17


def test_a_count_under_a_section_of_the_outputs_is_no_count_of_projects() -> None:
    outputs = "二、绩效目标完成情况\n（一）产出情况\n" + DONE + "\n三、自评结论"
    text = AUDIT.format(cell="完成").replace("二、自评结论", outputs)
    assert "budget.project.count" not in _flat(text)


def flat_count(text: str) -> int | None:
    return _flat(text).get("budget.project.count")
