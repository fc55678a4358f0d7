"""Word tables without borders (and as a 三线表) exported to PDF by LibreOffice
(fixtures/make_unruled_pdfs.py) read as their gold says: one grid from the text's column layout,
wrapped cells whole, merged labels over their rows, the table continued on the next page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gold import differences

from extractor import extract
from extractor.flat import flatten
from extractor.read import read

UNRULED = Path(__file__).resolve().parent.parent / "fixtures" / "documents" / "unruled"
NAMES = ("gd-road-maintenance", "zj-greening", "gd-road-threeline")


@pytest.mark.parametrize("name", NAMES)
def test_an_unruled_table_pdf_gives_the_gold_values(name: str) -> None:
    gold = json.loads((UNRULED / f"{name}.gold.json").read_text(encoding="utf-8"))
    flat = flatten(extract(UNRULED / f"{name}.pdf"))
    differ = differences(flat, gold)
    assert differ == {}


@pytest.mark.parametrize("name", ["gd-road-maintenance", "gd-road-threeline"])
def test_the_two_page_table_is_one_grid_with_its_merged_labels(name: str) -> None:
    doc = read(UNRULED / f"{name}.pdf")
    assert [(t.source, t.n_rows, t.n_cols) for t in doc.tables] == [("pdf-layout", 15, 8)]
    cells = {c.text: c for c in doc.tables[0].cells if c.text}
    assert (cells["项目资金（万元）"].row, cells["项目资金（万元）"].rowspan) == (2, 5)
    assert (cells["产出指标（50分）"].row, cells["产出指标（50分）"].rowspan) == (8, 4)
    assert cells["每公里养护成本"].page == 1 and cells["部分路段仍待改善"].page == 2
    assert cells["偏差原因分析及改进措施"].col == cells["部分路段仍待改善"].col == 7


def test_wrapped_cells_are_whole_in_the_text() -> None:
    doc = read(UNRULED / "zj-greening.pdf")
    rows = doc.text.splitlines()
    assert rows[0] == "某区园林绿化中心2023年城区绿化管护项目绩效自评表"
    assert rows[5].split("\t") == ["产出", "数量", "管护面积", "≥50万平方米", "52万平方米", "20", "20"]
