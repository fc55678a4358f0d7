"""PDF reports converted to text by pdftotext without -layout (fixtures/make_pdf_text.py): cells
parted by blank lines, a cell's wrapped lines together, corner and merged level cells written
away from their rows. No value read is wrong; what can be placed is read."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from gold import load_gold, wrong_values

from extractor import extract
from extractor.flat import flatten

PDFTEXT = Path(__file__).resolve().parent.parent / "fixtures" / "documents" / "pdftext"
NAMES = sorted(p.stem for p in PDFTEXT.glob("*.txt"))


def _flat(name: str) -> dict:
    return flatten(extract(PDFTEXT / f"{name}.txt"))


@pytest.mark.parametrize("name", NAMES)
def test_a_pdftotext_text_reads_no_wrong_value(name: str) -> None:
    assert wrong_values(_flat(name), load_gold(PDFTEXT / f"{name}.gold.json")) == {}


def test_cells_parted_by_blank_lines_with_wrapped_lines_and_short_level_names() -> None:
    """zj-greening: '≥50 万平' / '方米' one cell, 产出 / 数量 and 效益 / 生态效益 open their rows."""
    flat = _flat("zj-greening")
    assert set(load_gold(PDFTEXT / "zj-greening.gold.json")) - set(flat) == set()
    assert (flat["indicators.1.target"], flat["indicators.1.unit"]) == (50, "万平方米")
    assert (flat["indicators.2.name"], flat["indicators.2.level2"]) == ("绿化覆盖率", "生态效益")


def test_level_cells_written_after_the_rows_cover_no_row() -> None:
    """proj-entrusted: 质量指标, 时效指标, 成本指标 stand after the indicator rows, so 数量指标 above
    is not taken to cover the rows after its own: those rows have no 二级 level, their measures
    are read."""
    flat = _flat("proj-entrusted-2022")
    assert flat["indicators.1.level2"] == "数量指标"
    assert "indicators.2.level2" not in flat
    assert (flat["indicators.5.name"], flat["indicators.5.target"], flat["indicators.5.actual"]) == (
        "项目总成本",
        90,
        Decimal("89.974"),
    )


def test_a_key_value_ends_before_the_budget_corner_written_after_it() -> None:
    """gd-road: 主管部门 / 某县交通运输局 / 项目资金（万元） / 实施单位 run together by the normalizer:
    the department ends before the corner (it was read '某县交通运输局项目资金（万元）')."""
    assert _flat("gd-road-maintenance")["report.department"] == "某县交通运输局"
