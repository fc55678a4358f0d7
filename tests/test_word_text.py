"""Word reports saved as plain text (fixtures/make_word_text.py): one cell per line, empty cells
as empty lines, header cells broken over two lines, short level names opening their rows. Every
value read is the gold's; what is not read yet is listed with the mechanism it lacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gold import wrong_values

from extractor import extract
from extractor.flat import flatten

WORDTEXT = Path(__file__).resolve().parent.parent / "fixtures" / "documents" / "wordtext"
NAMES = sorted(p.stem for p in WORDTEXT.glob("*.txt"))
NOT_YET_READ: dict[str, tuple[str, ...]] = {}  # name: the keys it does not read yet


@pytest.mark.parametrize("name", NAMES)
def test_a_word_table_saved_as_text_reads_its_gold_values(name: str) -> None:
    gold = json.loads((WORDTEXT / f"{name}.gold.json").read_text(encoding="utf-8"))
    flat = flatten(extract(WORDTEXT / f"{name}.txt"))
    later = {k for k in gold if k.startswith(NOT_YET_READ.get(name, ("-",)))}
    wrong = wrong_values(flat, gold)
    assert wrong == {}
    missing = {k for k in gold if k not in flat} - later
    assert missing == set()
    assert not later & set(flat), "now read: drop from NOT_YET_READ"


def test_targets_in_sentences_stand_in_rows_whose_cells_are_all_in_place() -> None:
    """A recovered row with a cell in every column (its empty reason as an empty line) and figures
    under 分值 and 得分: a target with commas is the target, not a sentence shifted from elsewhere."""
    flat = flatten(extract(WORDTEXT / "ah-yuan-heritage-fraction.txt"))
    assert flat["indicators.8.name"] == "项目成本控制在预算内"
    assert flat["indicators.8.target"] == "本着节约的原则，控制在预算中。"
    assert flat["indicators.9.name"] == "文物本体安全、体现文物价值，提升知名度"
    assert (flat["indicators.9.weight"], flat["indicators.9.score"]) == (15, 15)


def test_the_short_level_names_open_their_rows() -> None:
    flat = flatten(extract(WORDTEXT / "zj-greening.txt"))
    first = {k.removeprefix("indicators.1."): flat[k] for k in flat if k.startswith("indicators.1.")}
    assert first == {
        "name": "管护面积",
        "level1": "产出",
        "level2": "数量",
        "target_op": ">=",
        "target": 50,
        "unit": "万平方米",
        "actual": 52,
        "weight": 20,
        "score": 20,
    }
    assert (flat["indicators.2.level1"], flat["indicators.2.level2"]) == ("效益", "生态效益")


def test_merged_cells_written_as_empty_lines_and_a_cell_of_two_paragraphs() -> None:
    """p03w: the export writes each covered position of a merge over rows as an empty line and the
    得分计算方法 cell's two paragraphs on two lines; every indicator row stands in its columns."""
    flat = flatten(extract(WORDTEXT / "p03w.txt"))
    fifth = [flat[f"indicators.5.{k}"] for k in ("name", "level1", "level2", "target", "actual", "score")]
    assert fifth == ["承担重要公益服务项目、助推民生事业发展", "效益指标", "经济效益指标", 100, 100, 10]
    assert (flat["indicators.4.target"], flat["indicators.4.unit"]) == (45, "万")
    assert "indicators.6.name" not in flat


def test_a_unit_statement_is_no_value_of_the_key_before_it() -> None:
    """'主管部门(盖章):        单位:万元' above the form: the 主管部门 is the form's own cell."""
    flat = flatten(extract(WORDTEXT / "p03w.txt"))
    assert flat["report.department"] == "济南市历城区文化和旅游局"


def test_budget_header_notes_and_a_text_column_keep_the_rows() -> None:
    """'年初预算数' / '(A)' is one column; the 得分计算方法 column's sentence after the total's figures
    is that row's text, neither a row of its own nor cut at the labels it names (执行率, 分值)."""
    flat = flatten(extract(WORDTEXT / "p03w.txt"))
    budget = {k: v for k, v in flat.items() if k.startswith("budget.")}
    assert budget == {
        "budget.initial": 450000,
        "budget.executed": 450000,
        "budget.execution_weight": 10,
        "budget.execution_rate": 100,
        "budget.execution_score": 10,
        "budget.funds.current.initial": 450000,
        "budget.funds.current.executed": 450000,
    }
