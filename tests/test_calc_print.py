"""自评表 spreadsheets printed to PDF by LibreOffice Calc (fixtures/make_calc_pdfs.py) read to their
gold: no value read differs from it, and as many are read as stated (the rest missing, never
wrong). Printed without borders or with them, on one page or in strips across pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gold import wrong_values

from extractor import extract
from extractor.flat import flatten
from extractor.read import read

CALC = Path(__file__).resolve().parent.parent / "fixtures" / "documents" / "calcprint"
# name: how many of its gold values are read
FOUND = {
    "hi-nongken-plain": 51,  # three strips joined
    "hi-nongken-ruled": 51,  # three strips with borders joined (the last one a one-column grid)
    "sc-qingshen-plain": 24,  # two strips joined; merged cells over several columns (spanning)
    "p03x-plain": 57,
    "p03x-ruled": 57,
    "p06x-ruled": 99,
}


@pytest.mark.parametrize(("name", "found"), FOUND.items())
def test_a_calc_print_reads_to_its_gold(name: str, found: int) -> None:
    gold = json.loads((CALC / f"{name}.gold.json").read_text(encoding="utf-8"))
    flat = flatten(extract(CALC / f"{name}.pdf"))
    wrong = wrong_values(flat, gold)
    assert wrong == {}
    assert sum(1 for k in gold if k in flat) == found


def test_bordered_strips_of_one_sheet_are_one_grid() -> None:
    """hi-nongken printed with borders over three pages across: each table is one grid of the
    sheet's eleven columns (A–E, F–J, and K alone on the last page), its rows whole."""
    doc = read(CALC / "hi-nongken-ruled.pdf")
    indicators = next(t for t in doc.tables if any(c.text == "一级指标" for c in t.cells))
    assert (indicators.n_rows, indicators.n_cols) == (6, 11)
    first = [c.text for c in indicators.cells if c.row == 1]
    assert first[:2] == ["产出指标", "数量指标"]
    assert first[6:10] == ["10", "19.23%", "20.00", "3.85"]
    assert first[10] == "滋慧计划由中央直接拨付到个人银行账户。"
    assert {c.page for c in indicators.cells} == {1}


def test_text_in_unbordered_cells_of_a_ruled_sheet_is_read_as_cells() -> None:
    """The 项目名称 runs on over three unbordered cells (one cell spanning them); 分值 and 合计
    are written where the sheet draws no box (each in its own cell)."""
    doc = read(CALC / "hi-nongken-ruled.pdf")
    funds, indicators = doc.tables
    cells = {(c.row, c.col): c for c in funds.cells}
    name = cells[0, 1]
    assert (name.text, name.colspan) == ("46000021T000000002749-学生事务补助", 3)
    assert [cells[3, k].text for k in (3, 4, 5, 6)] == ["执行数", "分值", "", "执行率（%）"]
    total = next(c for c in indicators.cells if c.row == 5 and c.col == 0)
    assert (total.text, total.colspan) == ("合计", 1)


def test_a_sheet_centring_some_wrapped_cells_and_not_others_keeps_each_in_its_row() -> None:
    """sc-qingshen centres 足额保障率(参保率) (two lines around its row's one-line cells) and sets a
    long note at its row's top; the wide 社会效益指标 runs over its column's header and figure
    bands. The 效益 row is one row holding its wrapped name, its 权重 30 and its blank 得分."""
    doc = read(CALC / "sc-qingshen-plain.pdf")
    table = next(t for t in doc.tables if any(c.text == "一级指标" for c in t.cells))
    header = next(c.row for c in table.cells if c.text == "一级指标")
    head = {c.text: c for c in table.cells if c.row == header}
    row = next(c.row for c in table.cells if c.text == "社会效益指标")
    texts = {c.col: c.text for c in table.cells if c.row == row}
    assert list(texts.values())[:5] == ["效益指标", "社会效益指标", "足额保障率(参保率)", "=", "100"]
    assert (texts[head["权重"].col], texts[head["得分"].col]) == ("30", "")
