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


def test_a_budget_header_scattered_among_its_labels() -> None:
    """yn-yongde: the corner 项目资金 / (元) before 年度资金总额 and 实施单位, 年初预算数 a character a
    line and apart from its header, the total's figures running on into the next row's."""
    flat = _flat("yn-yongde-two-row-head")
    assert flat["report.department"] == "永德县教育体育局"
    assert flat["budget.adjusted"] == flat["budget.executed"] == Decimal("387664.62")
    assert "budget.initial" not in flat


def test_funds_rows_end_at_the_next_blocks_text() -> None:
    """proj-nutrition: 预期目标 / 实际完成情况 after 其他资金 end the budget block (its 年度总体目标
    label stands before the header), so the 本年财政拨款 row is read."""
    flat = _flat("proj-nutrition-2022")
    assert flat["budget.funds.current.adjusted"] == Decimal("387664.62")
    assert flat["budget.initial"] == Decimal("387664.62")


# one character of each label wrong, as an OCR'd or retyped copy has it
MISTYPED = {
    "年初预算数": "年初预箅数", "全年预算数": "全年预箅数", "全年执行数": "全年执衍数",
    "三级指标": "三级指杯", "年度指标值": "年度指杯值", "实际完成值": "实际完戍值",
    "一级指标": "一级指杯", "二级指标": "二级指杯",
    "偏差原因分析及改进措施": "偏差原因分析及改进措旅",
}  # fmt: skip


@pytest.mark.parametrize("name", ["proj-entrusted-2022", "zj-greening", "yn-yongde-two-row-head"])
def test_labels_one_character_wrong_read_as_written(name: str, tmp_path: Path) -> None:
    """Header labels of four characters or more with one character wrong (年初预箅数, 三级指杯) are
    matched to their words where a cell is one label: the text reads as it does with them written
    right (zj-greening read 9 wrong values so, proj-entrusted 7 of 100); the findings may differ."""
    text = (PDFTEXT / f"{name}.txt").read_text(encoding="utf-8")
    for word, typo in MISTYPED.items():
        text = text.replace(word, typo)
    assert text != (PDFTEXT / f"{name}.txt").read_text(encoding="utf-8")
    (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    fields = {
        k: v for k, v in flatten(extract(tmp_path / f"{name}.txt")).items() if not k.startswith("findings.")
    }
    assert fields == {k: v for k, v in _flat(name).items() if not k.startswith("findings.")}


SCATTERED_HEADER = """2023年度项目支出绩效自评表

项目名称

农田水利项目

一级指标

效益指标

满意度指标

年度指标值
二级指标

三级指标

经济效益指标

带动农户增收

指标性质

指标值

≥

500

度量单位

实际完成值

分值

得分

元

520

10

10

社会效益指标

群众知晓率

≥

90

%

95%

10

9

服务对象满意度
指标

群众满意度

≥

90

%

92%

10

10
"""


def test_an_indicator_header_scattered_among_its_first_row(tmp_path: Path) -> None:
    """The header's words written in runs with the first row's cells between them (pdftotext's
    reading order), the level column's merged cells right after 一级指标: the header is gathered,
    the rows read; the 一级 names written away from their rows go over the rows whose 二级 names
    stand under them (patterns/tables.toml [indicator.levels.parents])."""
    path = tmp_path / "scattered.txt"
    path.write_text(SCATTERED_HEADER, encoding="utf-8")
    flat = flatten(extract(path))
    assert (flat["indicators.1.name"], flat["indicators.1.level2"]) == ("带动农户增收", "经济效益指标")
    assert (flat["indicators.1.target"], flat["indicators.1.unit"], flat["indicators.1.actual"]) == (
        500,
        "元",
        520,
    )
    assert (flat["indicators.2.name"], flat["indicators.2.actual"], flat["indicators.2.score"]) == (
        "群众知晓率",
        95,
        9,
    )
    assert flat["indicators.3.level2"] == "服务对象满意度指标"
    assert [flat[f"indicators.{n}.level1"] for n in (1, 2, 3)] == ["效益指标", "效益指标", "满意度指标"]


def test_the_total_row_written_after_its_figures_and_the_level_cells() -> None:
    """gd-road: 100 / 96.5 / 总分 (the label centred in its row, written after its figures), and
    proj-entrusted: 100 / 97, then the level cells, then 总分 / … / 优."""
    gd = _flat("gd-road-maintenance")
    assert (gd["evaluation.total_weight"], gd["evaluation.total_score"]) == (100, Decimal("96.5"))
    entrusted = _flat("proj-entrusted-2022")
    assert (entrusted["evaluation.total_score"], entrusted["evaluation.grade"]) == (97, "优")
    assert "indicators.2.level2" not in entrusted


WEIGHTED_LEVELS = [
    *("2023年度项目支出绩效自评表", "项目名称", "道路养护项目"),
    *("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
    *("数量指标", "道路养护里程", "≥100公里", "120公里", "20", "20"),
    *("质量指标", "路面合格率", "≥90%", "95%", "30", "28"),
    *("社会效益指标", "群众出行便利度", "明显提升", "明显提升", "40", "38"),
    *("服务对象满意度指标", "群众满意度", "≥90%", "93%", "10", "10"),
    *("100", "96", "产出指标（50分）", "效益指标（40分）", "满意度指标（10分）", "总分"),
]


@pytest.mark.parametrize(
    ("note", "levels"),
    [("产出指标（50分）", ["产出指标", "产出指标", "效益指标", "满意度指标"]), ("产出指标（60分）", [])],
)
def test_level_cells_written_after_the_rows_placed_by_their_weights(
    tmp_path: Path, note: str, levels: list[str]
) -> None:
    """The 一级 cells written after the rows, each with its weight: 20 + 30 = 50, 40, 10 place
    them over the rows they cover; weights that do not add up to the notes place none. The 总分
    row's figures, written before the level cells, are its own."""
    path = tmp_path / "weighted.txt"
    cells = [note if c == "产出指标（50分）" else c for c in WEIGHTED_LEVELS]
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    flat = flatten(extract(path))
    assert [flat[f"indicators.{n}.level1"] for n in range(1, 5) if f"indicators.{n}.level1" in flat] == levels
    assert [flat[f"indicators.{n}.level2"] for n in (1, 3, 4)] == [
        "数量指标",
        "社会效益指标",
        "服务对象满意度指标",
    ]
    assert (flat["indicators.2.name"], flat["indicators.2.score"]) == ("路面合格率", 28)
    assert (flat["evaluation.total_weight"], flat["evaluation.total_score"]) == (100, 96)
