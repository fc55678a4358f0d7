"""An indicator row written one cell a line without its unit cell (a text target has none, and
the empty cell is not written), under a header pdftotext scattered among its first row: the gap
is the unit's (extractor/read/recover/gaps.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import extract
from extractor.flat import flatten


def _page(score: str) -> tuple[str, ...]:
    return (
        *("2023年度项目支出绩效自评表", "项目名称", "技能培训项目"),
        *("一级指标", "效益指标", "满意度指标", "年度指标值", "二级指标", "三级指标"),
        *("经济效益指标", "减轻家庭负担", "指标性质", "指标值", "定性", "有效"),
        *("度量单位", "实际完成值", "分值", "得分", "有效", "10", score),
        *("服务对象满意度指标", "家长满意度", "≥", "95", "%", "97%", "10", "10"),
    )


def _flat(tmp_path: Path, cells: tuple[str, ...]) -> dict:
    path = tmp_path / "gap.txt"
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    return flatten(extract(path))


def test_a_text_target_s_row_without_its_unit_cell_keeps_its_actual_weight_and_score(tmp_path: Path) -> None:
    flat = _flat(tmp_path, _page("9"))
    assert (flat["indicators.1.target"], flat["indicators.1.actual"]) == ("有效", "有效")
    assert (flat["indicators.1.weight"], flat["indicators.1.score"]) == (10, 9)
    assert "indicators.1.unit" not in flat
    assert (flat["indicators.2.unit"], flat["indicators.2.actual"]) == ("%", 97)


@pytest.mark.parametrize("score", ["12", "95%"])
def test_a_short_row_whose_last_cells_are_no_weight_and_score_gets_no_gap(tmp_path: Path, score: str) -> None:
    flat = _flat(tmp_path, _page(score))
    assert "indicators.1.score" not in flat and "indicators.1.actual" not in flat
    assert flat["indicators.1.target"] == "有效"
