"""The cell stream of a table whose cells pdftotext wrote out of their rows (fields/stream/): a
header word written a character a line, the corner cell and a row label standing among the
header's cells, the next block's text after the funds rows."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from extractor.fields.stream import extract_tables
from extractor.models import Document
from extractor.normalize import normalize

HEAD = "2022年度项目支出绩效自评表\n"
KEYS = ["项目名称", "义务教育营养改善计划专项资金", "主管部门", "某县教育体育局"]


def _fields(cells: list[str]) -> dict[str, Any]:
    text = HEAD + "\n\n".join(cells) + "\n"
    result = extract_tables(normalize(Document(path="stream.txt", format="text", text=text)))
    return {key: value.value for key, value in result.fields.items()}


def test_a_corner_and_labels_among_the_header_cells() -> None:
    """项目 / 资金 / (元) and 年 / 初 / 预 / 算 / 数 are words broken a character or two a line; the
    corner stands before 年度资金总额 and 实施单位, the 年初 column before the row label 其中:当年财政拨款,
    and the total's figures run on into the next row's (its label written before the header). The
    department is not cut short by the corner after it."""
    cells = [
        *KEYS, "项目", "资金", "(元)", "年度资金总额", "实施单位",
        "年", "初", "预", "算", "数", "其中:当年财政", "拨款",
        "全年预算数", "全年执行数", "分值", "执", "行", "率", "得", "分",
        "387664.62", "387664.62", "10", "100%", "10", "387664.62", "387664.62", "—", "—", "—",
        "上年结转资金", "其他资金",
    ]  # fmt: skip
    flat = _fields(cells)
    assert flat["report.department"] == "某县教育体育局"
    assert flat["budget.adjusted"] == flat["budget.executed"] == Decimal("387664.62")
    assert "budget.initial" not in flat  # the 年初 cell is empty: the five figures stand right-aligned
    assert (flat["budget.execution_rate"], flat["budget.execution_score"]) == (Decimal(100), Decimal(10))


def test_a_run_on_total_is_read_only_where_its_rate_agrees() -> None:
    """Without its first column the run-on total must still satisfy executed / adjusted = rate."""
    cells = [
        *KEYS, "项目资金(元)", "年度资金总额", "实施单位", "年初预算数", "其中:当年财政拨款",
        "全年预算数", "全年执行数", "分值", "执行率", "得分",
        "387664.62", "300000.00", "10", "100%", "10", "387664.62", "387664.62", "—", "—", "—",
    ]  # fmt: skip
    flat = _fields(cells)
    assert "budget.adjusted" not in flat and "budget.executed" not in flat


def test_the_next_blocks_text_after_the_funds_rows_ends_the_block() -> None:
    """预期目标 / 实际完成情况 after 其他资金 (the block's 年度总体目标 label written before the
    header): the funds rows are read, not taken for rows of other sources."""
    cells = [
        *KEYS, "项目资金(元)", "年度总体目标", "实施单位", "某县明朗中学",
        "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
        "年度资金总额", "387664.62", "387664.62", "387664.62", "10", "100%", "10",
        "其中:当年财政拨款", "387664.62", "387664.62", "387664.62", "—", "—", "—",
        "上年结转资金", "—", "—", "—", "其他资金", "—", "—", "—", "预期目标", "实际完成情况",
    ]  # fmt: skip
    flat = _fields(cells)
    assert flat["budget.initial"] == Decimal("387664.62")
    funds = (flat["budget.funds.current.initial"], flat["budget.funds.current.executed"])
    assert funds == (Decimal("387664.62"),) * 2
