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


def test_docx_funds_row_with_an_empty_cell_keeps_its_columns(tmp_path: Path) -> None:
    """The 全年执行数 cell of the 年度资金总额 row is blank: 年初 and 全年 stay in their columns
    (120 is not taken for the 年初 figure), nothing is executed, and no ratio is checked."""
    import docx

    document = docx.Document()
    document.add_paragraph("某县教育局2023年度校舍维修项目支出绩效自评报告")
    rows = [
        ["项目名称", "校舍维修", "", "", "", "", "", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "100", "120", "", "10", "", ""],
        ["", "其中：当年财政拨款", "100", "120", "", "—", "—", "—"],
    ]
    table = document.add_table(rows=len(rows), cols=8)
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            table.cell(r, k).text = text
    table.cell(1, 0).merge(table.cell(3, 0))
    path = tmp_path / "blank.docx"
    document.save(str(path))
    report = extract(path)
    flat = flatten(report)
    assert flat["budget.initial"] == 1000000 and flat["budget.adjusted"] == 1200000
    assert "budget.executed" not in flat and "budget.execution_rate" not in flat
    assert flat["budget.funds.current.adjusted"] == 1200000
    assert flat["budget.execution_weight"] == 10
    assert report.budget.adjusted.span.text == "120"
    assert "ratio.execution_rate" not in {f.rule for f in report.findings}


def _form_docx(rows: list[list[str]]):
    import docx

    document = docx.Document()
    document.add_paragraph("某县住建局2023年度排水管网清淤项目支出绩效自评报告")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            table.cell(r, k).text = text
    return document, table._tbl


def _wrapped(elements: list, tag: str = "sdt"):
    """The elements moved into one content control (or w:customXml) in their place."""
    from docx.oxml import OxmlElement

    wrapper = OxmlElement(f"w:{tag}")
    content = OxmlElement("w:sdtContent") if tag == "sdt" else wrapper
    if tag == "sdt":
        wrapper.append(OxmlElement("w:sdtPr"))
        wrapper.append(content)
    elements[0].addprevious(wrapper)
    for el in elements:
        content.append(el)


FORM_ROWS = [
    ["项目名称", "排水管网清淤", "", ""],
    ["三级指标", "年度指标值", "实际完成值", "分值"],
    ["清淤管网长度", "≥120公里", "126.5公里", "20"],
    ["管网检测长度", "≥50公里", "45公里", "10"],
    ["检查井清理数量", "≥3000座", "3216座", "10"],
]


def test_docx_rows_and_cells_in_content_controls_are_the_tables_and_a_deleted_row_is_not(
    tmp_path: Path,
) -> None:
    """Rows inside a repeating-section content control (w:sdt around w:tr), a cell inside one (w:sdt
    around w:tc) and rows in w:customXml stay the table's; a row deleted as a tracked change
    (w:trPr/w:del) is not read."""
    from docx.oxml import OxmlElement

    document, tbl = _form_docx(FORM_ROWS)
    rows = list(tbl.tr_lst)
    deleted = rows[3].get_or_add_trPr()
    deleted.append(OxmlElement("w:del"))
    _wrapped(rows[2:4])
    _wrapped(rows[4:5], "customXml")
    _wrapped(list(rows[0].tc_lst)[1:2])
    path = tmp_path / "controls.docx"
    document.save(str(path))
    (table,) = read(path).tables
    texts = [[c.text for c in table.cells if c.row == r] for r in range(table.n_rows)]
    assert texts[0][:2] == ["项目名称", "排水管网清淤"]
    assert [row[0] for row in texts] == ["项目名称", "三级指标", "清淤管网长度", "检查井清理数量"]


def test_docx_form_nested_in_a_frame_table_is_read_as_a_table(tmp_path: Path) -> None:
    """A one-column frame table (title row, the form nested in the middle cell, a signature row)
    is read as its cells' content: the lines, then the nested form as a table of its own."""
    import copy

    import docx

    inner_doc, inner = _form_docx(FORM_ROWS)
    document = docx.Document()
    frame = document.add_table(rows=3, cols=1)
    frame.cell(0, 0).text = "某县住建局2023年度项目支出绩效自评表"
    frame.cell(2, 0).text = "填报日期：2024年2月20日"
    middle = frame.cell(1, 0)._tc
    middle.insert(0, copy.deepcopy(inner))
    path = tmp_path / "frame.docx"
    document.save(str(path))
    doc = read(path)
    (table,) = doc.tables
    assert (table.n_rows, table.n_cols) == (5, 4)
    assert doc.text.startswith("某县住建局2023年度项目支出绩效自评表\n")
    assert doc.text.rstrip().endswith("填报日期：2024年2月20日")
    assert next(c.text for c in table.cells if (c.row, c.col) == (2, 2)) == "126.5公里"


def _split(document, tbl, at: int) -> None:
    """The table split before row ``at`` as Word's 拆分表格 leaves it: an empty paragraph between."""
    import copy

    from docx.oxml import OxmlElement

    second = OxmlElement("w:tbl")
    second.append(copy.deepcopy(tbl.tblPr))
    second.append(copy.deepcopy(tbl.tblGrid))
    for tr in list(tbl.tr_lst)[at:]:
        second.append(tr)
    gap = OxmlElement("w:p")
    tbl.addnext(gap)
    gap.addnext(second)


def test_docx_table_split_inside_a_merged_block_is_one_grid(tmp_path: Path) -> None:
    """Split by Word under a merged 一级 cell, the second table opening with its continuation:
    one grid, the 一级 cell over the rows of both; so with an empty first cell; a second table
    opening with a cell of text stays a table of its own."""
    rows = [["一级指标", "三级指标", "分值"], ["产出指标", "清淤管网长度", "20"]]
    rows += [["", "管网检测长度", "10"], ["", "检查井清理数量", "10"], ["效益指标", "积水点减少数", "10"]]
    document, tbl = _form_docx(rows)
    document.tables[0].cell(1, 0).merge(document.tables[0].cell(3, 0)).text = "产出指标"
    _split(document, tbl, 3)
    path = tmp_path / "split.docx"
    document.save(str(path))
    (table,) = read(path).tables
    level = next(c for c in table.cells if c.text == "产出指标")
    assert (table.n_rows, level.row, level.rowspan) == (5, 1, 3)
    document, tbl = _form_docx(rows)
    _split(document, tbl, 3)  # its continuation a plain empty cell, as a .doc gives it back: one grid
    document.save(str(path))
    assert [t.n_rows for t in read(path).tables] == [5]
    document, tbl = _form_docx([*rows[:3], ["产出指标", "检查井清理数量", "10"], rows[4]])
    _split(document, tbl, 3)
    document.save(str(path))
    assert [t.n_rows for t in read(path).tables] == [3, 2]


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = {
    "w": W_NS,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}
# A paragraph holding an inline text box as Word 2010+ writes it: the box in mc:Choice, its
# VML copy in mc:Fallback (each box's content an empty paragraph, for the test to fill).
TEXT_BOX = (
    "<w:p " + " ".join(f'xmlns:{k}="{v}"' for k, v in NAMESPACES.items()) + ">"
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline>'
    '<wp:extent cx="5760000" cy="2000000"/><wp:docPr id="1" name="box"/><a:graphic>'
    f'<a:graphicData uri="{NAMESPACES["wps"]}"><wps:wsp><wps:cNvSpPr txBox="1"/>'
    "<wps:txbx><w:txbxContent><w:p/></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
    "</a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict>"
    "<v:shape><v:textbox><w:txbxContent><w:p/></w:txbxContent></v:textbox></v:shape></w:pict>"
    "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
)


def test_docx_text_box_holding_a_table_is_read_once(tmp_path: Path) -> None:
    """A table in a text box (mc:Choice's wps:txbx, its VML copy in mc:Fallback) is read once,
    after the paragraph the box stands in; a text box of words only is left out."""
    import copy

    from docx.oxml import parse_xml

    document, tbl = _form_docx(FORM_ROWS)
    holder = parse_xml(TEXT_BOX)
    for box in holder.iter(f"{{{W_NS}}}txbxContent"):
        box.insert(0, copy.deepcopy(tbl))
    tbl.addprevious(holder)
    tbl.getparent().remove(tbl)
    stamp = parse_xml(TEXT_BOX.replace("<w:p/>", "<w:p><w:r><w:t>盖章</w:t></w:r></w:p>"))
    holder.addnext(stamp)  # a text box of words only
    path = tmp_path / "box.docx"
    document.save(str(path))
    doc = read(path)
    (table,) = doc.tables
    assert (table.n_rows, table.n_cols) == (5, 4)
    assert doc.text.count("清淤管网长度") == 1
    assert "盖章" not in doc.text
