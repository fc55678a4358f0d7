"""The Word reader, on the generated fixtures (fixtures/make_documents.py).

Parity: a .docx's flat view equals the flat view of the text it was made from.
Word's automatic numbering comes back as heading markers; tables as grids.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from grids import assert_grids_match_pipe_text

from extractor import extract
from extractor.errors import InputError
from extractor.flat import flatten
from extractor.models import Report
from extractor.read import read
from extractor.read.docx import chinese_counting, format_number

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "fixtures" / "documents"
CORPUS = ROOT / "fixtures" / "corpus"
TABLE_REPORTS = ["proj-nutrition-2022", "proj-entrusted-2022"]
PARITY = [(DOCS / "xj-street-2024.docx", CORPUS / "xj-street-2024.txt")] + [
    (DOCS / f"{name}.docx", DOCS / f"{name}.txt") for name in TABLE_REPORTS
]


@cache
def extracted(path: Path) -> Report:
    return extract(path)


@pytest.mark.parametrize("docx, txt", PARITY, ids=[p.stem for p, _ in PARITY])
def test_flat_view_of_docx_equals_its_text_version(docx: Path, txt: Path) -> None:
    assert flatten(extracted(docx)) == flatten(extracted(txt))


def test_auto_numbered_headings_get_their_markers() -> None:
    lines = read(DOCS / "xj-street-2024.docx").text.split("\n")
    level1 = [ln for ln in lines if ln[:2] in {"一、", "二、", "三、", "四、", "五、", "六、"}]
    assert [ln[:2] for ln in level1] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert "（三）部门单位整体预算规模及安排情况：" in lines
    assert "（一）基本支出和使用情况" in lines  # （一） restarts under 二、
    assert "（五）指标五：" in lines


def test_numbering_formats_and_counters() -> None:
    lines = [ln for ln in read(DOCS / "numbering.docx").text.split("\n") if ln]
    assert lines == [
        "一、基本概况",
        "（一）部门职能",
        "1.主要职能",
        "2.机构设置",
        "（二）年度重点工作",
        "（1）第一项工作",
        "（2）第二项工作",
        "二、绩效分析",
        "（一）指标完成情况",
        "①圆圈编号一",
        "②圆圈编号二",
        "没有编号的段落。",
        "1.标题样式编号",
        "2.第二个标题样式编号",
    ]


@pytest.mark.parametrize(
    "n, fmt, want",
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (23, "chineseCountingThousand", "二十三"),
        (10, "ideographDigital", "一〇"),
        (3, "ideographTraditional", "丙"),
        (3, "decimalEnclosedCircle", "③"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "bb"),
        (7, "decimalZero", "07"),
        (2, "decimal", "2"),
    ],
)
def test_format_number(n: int, fmt: str, want: str) -> None:
    assert format_number(n, fmt) == want


def test_chinese_counting_large() -> None:
    assert chinese_counting(99) == "九十九"
    assert chinese_counting(101) == "一百零一"


@pytest.mark.parametrize("name", TABLE_REPORTS)
def test_docx_tables_are_grids_of_the_text_version(name: str) -> None:
    """Prose lines as the .txt has them; each table a grid whose rows, merged cells repeated
    down and written once across, are the .txt's pipe rows; every cell's span holds its text."""
    doc = read(DOCS / f"{name}.docx")
    assert_grids_match_pipe_text(doc, (DOCS / f"{name}.txt").read_text(encoding="utf-8"))
    assert {t.source for t in doc.tables} == {"docx"}


def test_docx_empty_funds_cell_keeps_its_column() -> None:
    """A blank 全年执行数 cell is an empty Cell in its column, not a gap that shifts the row."""
    doc = read(DOCS / "proj-nutrition-2022.docx")
    rows = doc.tables[0].rows()
    carryover = next(r for r in rows if r[1] is not None and r[1].text == "上年结转资金")
    assert [c.text if c else None for c in carryover] == [None, "上年结转资金", "", "", "", "—", "—", "—"]
    head = doc.tables[0].rows()[2]
    assert head[0].text == "项目资金（元）" and head[0].rowspan == 5


def test_page_break_starts_a_page() -> None:
    doc = read(DOCS / "proj-entrusted-2022.docx")
    assert len(doc.page_starts) == 2
    assert doc.text[doc.page_starts[1] :].startswith("绩效自评情况说明")


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, Decimal)) and isinstance(b, (int, Decimal)) and not isinstance(a, bool):
        return Decimal(a) == Decimal(b)
    return a == b


@pytest.mark.parametrize("name", TABLE_REPORTS)
def test_docx_table_values_equal_gold(name: str) -> None:
    gold = json.loads((DOCS / f"{name}.gold.json").read_text(encoding="utf-8"), parse_float=Decimal)
    flat = flatten(extracted(DOCS / f"{name}.docx"))
    wrong = {k: (flat.get(k), v) for k, v in gold.items() if not _same(flat.get(k), v)}
    assert not wrong, f"{len(wrong)} of {len(gold)} gold keys differ (got, want): {wrong}"


def test_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="not a .docx file: not a zip package"):
        read(path)


def test_legacy_doc_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match="legacy Word"):
        read(path)
