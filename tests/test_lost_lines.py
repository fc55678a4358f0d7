"""A 自评表 copied from a portal's page one cell a paragraph, with no line for an empty cell nor
for a merged cell's covered places (read/recover/typed.py): the indicator rows under a level label
are cut by the kinds of their cells, words after a score being the next row's name when a whole
row follows them and the reason when one follows the cell after them."""

from __future__ import annotations

from decimal import Decimal

from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.recover import recover_tables
from extractor.read.recover.model import Piece, header_block
from extractor.read.recover.typed import typed_rows
from extractor.read.text import text_document

HEAD = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
]
ROWS = [
    ["产出指标（50分）", "数量指标", "新建高标准农田面积", "≥3万亩", "3.2万亩", "10", "10"],
    ["完成造林绿化面积", "≥1.5万亩", "1.52万亩", "10", "10"],
    ["质量指标", "新植苗木成活率", "≥85%", "88%", "30", "30"],
    [
        "效益指标（40分）",
        "社会效益指标",
        "农村自来水普及率",
        "≥95%",
        "93.6%",
        "20",
        "19",
        "部分安置点管网尚在配套建设中",
    ],
    ["农业农村基础设施长效管护机制", "健全", "健全", "10", "10"],
    [
        "生态效益指标",
        "森林覆盖率提高",
        "≥0.2个百分点",
        "0.21个百分点",
        "10",
        "10",
    ],  # a unit units.toml lacked
]


# the form's funds block and goals before its indicators, as the portal's page writes them (the
# 年初 cell of the 其中 rows empty, so no line)
FORM = [
    *[
        "部门（单位）名称",
        "某区农林水务局",
        "年度预算执行情况（万元）",
        "年初预算数",
        "全年预算数",
        "全年执行数",
    ],
    *["分值", "执行率", "得分", "年度资金总额", "6,842.35", "9,005.62", "8,736.18", "10", "97.01%", "9.70"],
    *["其中：基本支出", "1,305.10", "1,301.52", "—", "—", "—"],
    *[
        "年度总体目标",
        "预期目标",
        "实际完成情况",
        "完成新建高标准农田3万亩以上。",
        "新建高标准农田3.2万亩。",
        "绩效指标",
    ],
]


def _text(rows: list[list[str]], after: str = "三、其他说明\n无。\n") -> str:
    cells = [*FORM, *(c for row in [HEAD, *rows] for c in row)]
    text = "某区农林水务局2023年度部门整体支出绩效自评报告\n一、部门概况\n本局负责全区农业农村工作。\n"
    return text + "二、部门整体支出绩效自评表\n\n" + "\n\n".join(f"　　{c}" for c in cells) + "\n\n" + after


def _flat(rows: list[list[str]], after: str = "三、其他说明\n无。\n") -> dict:
    return flatten(extract_document(text_document("t.txt", _text(rows, after))))


def test_rows_without_their_empty_and_covered_cells_are_cut_by_their_kinds() -> None:
    flat = _flat(ROWS)
    names = [flat.get(f"indicators.{n}.name") for n in range(1, 8)]
    assert names == ["新建高标准农田面积", "完成造林绿化面积", "新植苗木成活率", "农村自来水普及率",
                     "农业农村基础设施长效管护机制", "森林覆盖率提高", None]  # fmt: skip
    levels = [flat[f"indicators.{n}.level2"] for n in (1, 2, 3, 4, 5)]
    assert levels == ["数量指标", "数量指标", "质量指标", "社会效益指标", "社会效益指标"]
    assert [flat[f"indicators.{n}.level1"] for n in (2, 3, 5)] == ["产出指标", "产出指标", "效益指标"]
    assert (flat["indicators.2.target"], flat["indicators.2.actual"], flat["indicators.2.unit"]) == (
        Decimal("1.5"),
        Decimal("1.52"),
        "万亩",
    )
    assert flat["indicators.4.deviation_reason"] == "部分安置点管网尚在配套建设中"
    assert "indicators.1.deviation_reason" not in flat and "indicators.5.deviation_reason" not in flat
    assert (flat["indicators.5.target"], flat["indicators.5.score"]) == ("健全", Decimal(10))
    assert (flat["indicators.6.level2"], flat["indicators.6.weight"]) == ("生态效益指标", Decimal(10))
    assert (flat["indicators.6.target"], flat["indicators.6.unit"]) == (Decimal("0.2"), "个百分点")


def test_words_after_a_score_read_both_as_a_reason_and_as_a_name_are_not_cut() -> None:
    """'按期完成' after a score, then a whole row: a reason before '竣工及时率 | 100% …', or a name whose
    values are '竣工及时率' and '100%'? Both hold: the kinds do not settle the stretch."""
    block = header_block([Piece(t, 0, 0, 0, 0) for t in HEAD])
    texts = ["产出指标（50分）", "时效指标", "开工及时率", "100%", "100%", "10", "10", "按期完成"]
    pieces = [Piece(t, 0, 0, 0, 0) for t in [*texts, "竣工及时率", "100%", "100%", "10", "10"]]
    assert typed_rows(pieces, block, 0, 2) is None
    settled = typed_rows([*pieces[:7], *pieces[8:]], block, 0, 2)
    assert settled is not None and [[p.text for p in r.cells] for r in settled][1] == [
        "竣工及时率",
        "100%",
        "100%",
        "10",
        "10",
        "",
    ]


def test_the_signature_after_the_total_row_ends_the_table() -> None:
    """The page ends with the 总分 row, then the unit and the date, each a paragraph: they are the
    report's signature, not cells of the table (the date is the fill date)."""
    rows = [*ROWS[:3], ["总分", "100", "99.5"]]
    after = "　　某区农林水务局\n\n　　2024年5月20日\n"
    flat = _flat(rows, after)
    assert (flat["report.filled_on"], flat["evaluation.total_score"]) == ("2024-05-20", Decimal("99.5"))
    table = next(t for t in recover_tables(_text(rows, after)) if any(c.text == "总分" for c in t.cells))
    assert not any("农林水务局" in c.text or "2024" in c.text for c in table.cells)
