"""A report saved as a web page by an office suite (LibreOffice's HTML export of a .docx): the
page header it writes as a ``<div title="header">`` is page furniture, as the header of the .docx
is, and the title under it is read once."""

from __future__ import annotations

from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.html import read_html

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title></title></head>
<body lang="en-US" dir="ltr">
<div title="header"><p align="right"><font face="宋体"><font size="2">永兴县水利局</font></font></p>
</div><p align="center"><font size="6">永兴县水利局</font><font size="6">2019</font><font size="6">年度九山河
治理工程监理费专项资金绩效评价报告</font></p>
<ol><li><h1 class="western">专项资金基本情况</h1></ol>
<p class="western">纳入2019年度专项资金绩效评价的资金共计85.98万元。</p>
<ol start="2"><li><h1 class="western">存在的问题</h1></ol>
<p class="western">无。</p>
<div title="footer"><p align="center">第 <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield> 页</p>
</div></body></html>"""


def test_the_page_header_and_footer_are_not_text() -> None:
    doc = read_html("report.html", PAGE.encode())
    lines = doc.text.splitlines()
    assert lines[0] == "永兴县水利局2019年度九山河 治理工程监理费专项资金绩效评价报告"
    assert "第 1 页" not in doc.text
    assert lines.count("永兴县水利局") == 0


def test_the_unit_is_read_once_from_the_title() -> None:
    flat = flatten(extract_document(read_html("report.html", PAGE.encode())))
    assert flat["report.unit_name"] == "永兴县水利局"
    assert flat["report.fiscal_year"] == 2019


def test_a_line_repeated_at_the_start_of_the_next_is_not_joined_to_it() -> None:
    """Without the header markup (a page copied as text) the running header line stays a line of
    its own: joining it to the title under it would double the unit's name."""
    from extractor.read.text import text_document

    text = (
        "永兴县水利局\n永兴县水利局2019年度九山河治理工程监理费专项资金绩效评价报告\n"
        "一、专项资金基本情况\n无。\n"
    )
    flat = flatten(extract_document(text_document("report.txt", text)))
    assert flat["report.unit_name"] == "永兴县水利局"


def _rows(rows: list[list[str]]) -> str:
    return "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)


HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
FIRST = [["产出指标", "质量指标", "工程验收合格率", "100%", "100%", "5", "5"]]


def _split_page(second: list[list[str]]) -> bytes:
    title = "<p>某县背街小巷改造项目2023年度项目支出绩效自评表</p>"
    tables = f"<table>{_rows([HEAD, *FIRST])}</table><p>&nbsp;</p><table>{_rows(second)}</table>"
    return f"<html><body>{title}{tables}<p>填报日期：2024年1月10日</p></body></html>".encode()


def test_a_table_word_split_is_one_grid() -> None:
    """A Word table split in two (拆分表格) saved as a web page: two tables with an empty paragraph
    between, the second opening with an empty cell where the part above's merged cells go on, or
    with its first two labels written again; one grid, its rows all the indicators."""
    for second in (
        [["", "", "路面平整度达标率", "≥95%", "96.4%", "5", "5"]],
        [["产出指标", "质量指标", "路面平整度达标率", "≥95%", "96.4%", "5", "5"]],
    ):
        doc = read_html("form.html", _split_page(second))
        assert len(doc.tables) == 1 and doc.tables[0].n_rows == 3
        flat = flatten(extract_document(doc))
        assert [flat[f"indicators.{n}.name"] for n in (1, 2)] == ["工程验收合格率", "路面平整度达标率"]
    other = read_html(
        "form.html",
        _split_page([["项目", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"]]),
    )
    assert len(other.tables) == 2  # a table of its own under the first
