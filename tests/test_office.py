"""Spreadsheets, legacy Word/WPS and web pages read into grids (fixtures/make_office.py makes them)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.errors import EXIT_INPUT, InputError
from extractor.grid import Table
from extractor.models import Document
from extractor.read import read, read_documents, sniff
from extractor.read.celltext import cell_text
from extractor.read.numfmt import display

ROOT = Path(__file__).resolve().parent.parent
OFFICE = ROOT / "fixtures" / "documents" / "office"
CORPUS = ROOT / "fixtures" / "forms"


def cells(table: Table) -> dict[str, str]:
    return {c.address: c.text for c in table.cells}


def spans_hold(doc: Document) -> None:
    for table in doc.tables:
        assert doc.text[table.start : table.end].count("\n") == table.n_rows
        for c in table.cells:
            assert doc.text[c.start : c.end] == c.text, c


# --------------------------------------------------------------------------- number formats


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (0.862, "0%", "86%"),
        (0.862, "0.00%", "86.20%"),
        (43.2, "General", "43.2"),
        (37.24, "0.00", "37.24"),
        (0.1 + 0.2, "General", "0.3"),
        (45.0, "General", "45"),
        (2.675, "0.00", "2.68"),
        (1234567.891, "#,##0.00", "1,234,567.89"),
        (37.24, '0.00"万元"', "37.24万元"),
        (-5, "0.00;[Red]-0.00", "-5.00"),
        (0, '0.00;-0.00;"-"', "-"),
        (12345.678, "0.00E+00", "1.23E+04"),
        ("≥95%", "@", "≥95%"),
        (True, "General", "TRUE"),
    ],
)
def test_number_shown_as_its_format_shows_it(value, fmt, shown):
    assert display(value, fmt) == shown


def test_dates_as_their_format_shows_them():
    import datetime as dt

    day = dt.datetime(2025, 1, 10)
    assert display(day, 'yyyy"年"m"月"d"日"') == "2025年1月10日"
    assert display(day, "mm-dd-yy") == "2025/1/10"  # built-in short date, zh-CN
    assert display(dt.datetime(2025, 1, 10, 9, 5), "yyyy-mm-dd hh:mm") == "2025-01-10 09:05"


def test_cell_lines_joined_without_space_between_cjk():
    assert cell_text("年初\n预算数") == "年初预算数"
    assert cell_text("全年执行数\n(B)") == "全年执行数 (B)"
    assert cell_text("  其他资金 ") == "其他资金"


# --------------------------------------------------------------------------- workbooks


def test_workbook_with_two_report_sheets_is_two_documents_and_skips_the_empty_one():
    docs = read_documents(OFFICE / "book.xlsx")
    assert [d.path for d in docs] == [f"{OFFICE}/book.xlsx#项目一", f"{OFFICE}/book.xlsx#项目二"]
    assert len({d.sha256 for d in docs}) == 2
    assert all(d.format == "xlsx" and len(d.tables) == 1 for d in docs)
    assert [d.tables[0].sheet for d in docs] == ["项目一", "项目二"]


def test_workbook_sheet_grid_cells_addresses_and_merges():
    doc = read(f"{OFFICE}/book.xlsx#项目一")
    (table,) = doc.tables
    assert table.source == "xlsx" and (table.n_rows, table.n_cols) == (7, 6)
    got = cells(table)
    assert got["项目一!D5"] == "43.2"  # General
    assert got["项目一!E5"] == "37.24"  # 0.00
    assert got["项目一!E6"] == "86%"  # 0% on 0.862
    assert got["项目一!E7"] == "86.20%"  # 0.00% on 0.862
    assert got["项目一!D6"] == "≥95%"  # text as typed
    assert got["项目一!D9"] == "88.5"  # formula: its cached value
    assert got["项目一!E9"] == ""  # an empty cell stays in its column
    merged = next(c for c in table.cells if c.address == "项目一!A5")
    assert (merged.text, merged.row, merged.col, merged.rowspan, merged.colspan) == ("产出指标", 2, 0, 3, 1)
    assert "项目一!A6" not in got and "项目一!A7" not in got  # covered by the merge
    name = next(c for c in table.cells if c.address == "项目一!B3")
    assert (name.text, name.colspan) == ("社区养老服务补助", 5)
    spans_hold(doc)


def test_prose_rows_above_and_below_the_table_are_lines():
    doc = read(f"{OFFICE}/book.xlsx#项目一")
    lines = doc.text.split("\n")
    assert lines[:2] == ["项目支出绩效自评表", "（2024年度）"]
    assert lines[-2] == "填报人：张某某 填报日期：2025年1月10日"
    assert doc.text.index("项目名称\t社区养老服务补助") == doc.tables[0].start


def test_second_sheet_formula_without_cached_value_is_empty_and_rates_differ():
    got = cells(read(f"{OFFICE}/book.xlsx#项目二").tables[0])
    assert got["项目二!E6"] == "98%"  # 0% on 0.975 (rounded half up)
    assert got["项目二!E7"] == "97.50%"
    assert got["项目二!D9"] == ""  # never calculated: nothing shown


def _book_with_hidden_code_column(tmp_path: Path, schedule: bool) -> Path:
    """A form sheet whose column B (科目编码) is hidden, a merge over B:C, and maybe a schedule sheet."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "自评表"
    ws.append(["项目支出绩效自评表"])
    ws.append(["项目名称", "科目编码", "校舍维修改造"])
    ws.append(["年度资金总额", 2050299, 356.8])
    ws.append(["合计", "B5", None])
    ws.merge_cells("B4:C4")
    ws.column_dimensions["B"].hidden = True
    if schedule:
        book.create_sheet("资金明细").append(["学校名称", "金额（万元）"])
    out = tmp_path / "book.xlsx"
    book.save(out)
    return out


def test_hidden_columns_are_left_out_and_cells_keep_their_addresses(tmp_path):
    (table,) = read(_book_with_hidden_code_column(tmp_path, schedule=False)).tables
    assert cells(table) == {
        "自评表!A2": "项目名称",
        "自评表!C2": "校舍维修改造",
        "自评表!A3": "年度资金总额",
        "自评表!C3": "356.8",
        "自评表!A4": "合计",
        "自评表!C4": "B5",  # the merge's text, from its hidden first cell
    }
    assert table.n_cols == 2


def test_a_sheet_saying_nothing_of_a_report_beside_the_form_is_no_report(tmp_path):
    path = _book_with_hidden_code_column(tmp_path, schedule=True)
    assert [d.path for d in read_documents(path)] == [str(path)]
    assert "学校名称" in read(f"{path}#资金明细").text  # named, it is still read


def test_a_cover_sheet_of_words_only_opens_the_report_of_the_sheet_after_it(tmp_path):
    """A 封面 sheet (title, 填报单位, 填报日期: no cell holding a figure) before the form sheet is
    no report of its own: its rows, one line each, open the form sheet's report."""
    import openpyxl

    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "封面"
    cover["B2"] = "2023年度项目支出绩效自评报告"
    cover["B4"], cover["C4"] = "填报单位（盖章）：", "某县教育局"
    cover["B5"], cover["C5"] = "填报日期：", "2024年2月26日"
    ws = book.create_sheet("自评表")
    ws.append(["项目支出绩效自评表"])
    ws.append(["项目名称", "校舍维修改造"])
    ws.append(["年度资金总额", "2,460,000.00"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    (doc,) = read_documents(path)
    assert doc.path == str(path)
    lines = doc.text.split("\n")
    assert lines[:4] == [
        "2023年度项目支出绩效自评报告",
        "填报单位（盖章）： 某县教育局",
        "填报日期： 2024年2月26日",
        "项目支出绩效自评表",
    ]
    assert cells(doc.tables[0])["自评表!B3"] == "2,460,000.00"
    assert doc.text[doc.tables[0].start :].startswith("项目名称\t校舍维修改造")
    ws["B3"] = "见附表"  # the form sheet without figures either: two reports, as before
    book.save(path)
    assert len(read_documents(path)) == 2


def test_read_of_a_workbook_with_several_reports_names_them():
    with pytest.raises(InputError) as info:
        read(OFFICE / "book.xlsx")
    assert "2 reports" in info.value.reason and "项目一, 项目二" in info.value.reason
    assert "#项目一" in info.value.reason and "\n" not in str(info.value)


@pytest.mark.parametrize(("sheet", "reason"), [("空表", "is empty"), ("无此表", "no sheet named")])
def test_named_sheet_that_is_empty_or_missing(sheet, reason):
    with pytest.raises(InputError, match=reason):
        read(f"{OFFICE}/book.xlsx#{sheet}")


def test_xls_workbook_with_formats():
    doc = read(OFFICE / "one.xls")
    assert doc.format == "xls" and doc.path == str(OFFICE / "one.xls")
    (table,) = doc.tables
    assert table.source == "xls"
    got = cells(table)
    assert (got["自评表!B3"], got["自评表!C3"], got["自评表!D3"]) == ("120.5", "118.26", "98.14%")
    assert got["自评表!D4"] == "" and got["自评表!A4"] == "其中：财政拨款"
    assert doc.text.startswith("部门整体支出绩效自评表\n")
    spans_hold(doc)


def _docx_cell_texts(path: Path) -> Counter:
    """Texts of the origin cells of the .docx tables (a vMerge continuation is no cell of its own)."""
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    out: Counter = Counter()
    for table in docx.Document(str(path)).tables:
        for tc in table._tbl.iter(qn("w:tc")):
            merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            if merge is not None and merge.get(qn("w:val")) != "restart":
                continue
            paragraphs = [Paragraph(p, None).text for p in tc.iter(qn("w:p"))]  # <w:br/> as a line break
            out[cell_text("\n".join(paragraphs))] += 1
    return Counter({k: v for k, v in out.items() if k})


@pytest.mark.parametrize(
    ("sheet", "word"), [("p03x.xlsx", "p03w.docx"), ("p03xl.xls", "p03w.docx"), ("p06x.xlsx", "p06w.docx")]
)
def test_corpus_sheet_grid_holds_the_cells_of_the_docx_table(sheet, word):
    doc = read(CORPUS / sheet)
    (table,) = doc.tables
    got = Counter(c.text for c in table.cells if c.text)
    assert got == _docx_cell_texts(CORPUS / word)
    spans_hold(doc)


def test_corpus_sheet_merges_and_percent():
    table = read(CORPUS / "p03xl.xls").tables[0]
    by = {c.address: c for c in table.cells}
    assert by["自评表!G9"].text == "100%"  # 1 formatted 0%
    assert by["自评表!F13"].text == "12.5"  # 0.0
    assert (by["自评表!A13"].rowspan, by["自评表!I13"].rowspan) == (8, 10)
    assert by["自评表!A13"].text == "产出指标 (50分)"


# --------------------------------------------------------------------------- legacy Word and WPS


@pytest.mark.parametrize(("name", "fmt"), [("report.doc", "doc"), ("report.wps", "wps")])
def test_legacy_word_read_through_libreoffice(name, fmt, tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    doc = read(OFFICE / name)
    assert doc.format == fmt
    lines = doc.text.split("\n")
    assert lines[:3] == [
        "某县农业农村局2024年度部门整体支出绩效自评报告",
        "一、部门基本情况",
        "我局2024年度部门预算收入合计1234.56万元。",
    ]
    for text in ("年初预算数", "798.50", "项目支出合计", "420.10", "二、绩效目标完成情况"):
        assert text in doc.text
    assert list(tmp_path.iterdir()) == []  # the conversion's temporary folder is gone


def test_corpus_doc_reads_as_its_docx():
    doc, word = read(CORPUS / "d02d.doc"), read(CORPUS / "d02w.docx")
    assert doc.format == "doc"
    assert [ln for ln in doc.text.split("\n") if ln.strip()] == [
        ln for ln in word.text.split("\n") if ln.strip()
    ]


def test_without_libreoffice_exit_3_names_the_debian_package(tmp_path):
    shutil.copy(OFFICE / "report.doc", tmp_path / "report.doc")
    code = "import shutil, cli; shutil.which = lambda name, *a, **k: None; cli.main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "extract", str(tmp_path / "report.doc")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == EXIT_INPUT
    (line,) = result.stderr.splitlines()
    assert str(tmp_path / "report.doc") in line and "libreoffice-writer-nogui" in line


def test_broken_doc_is_one_line_exit_3(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    result = subprocess.run(
        [sys.executable, "-c", "import cli; cli.main()", "extract", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == EXIT_INPUT
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"jixiao: {path}: ") and "LibreOffice" in line


# --------------------------------------------------------------------------- web pages


def test_gbk_page_paragraphs_table_and_no_metadata():
    doc = read(OFFICE / "page.html")
    assert doc.format == "html" and doc.encoding == "gb18030"
    lines = doc.text.split("\n")
    assert lines[:3] == [
        "某区民政局2024年度项目支出绩效自评报告",
        "一、项目基本情况",
        "2024年度项目资金总额86.20万元，全年执行数80.00万元。",
    ]
    assert lines[-3:-1] == ["二、绩效自评结论", "自评得分95分，等级为优。"]
    for dropped in (
        "索引号",
        "发布机构",
        "发布日期",
        "发布时间",
        "浏览次数",
        "首页",
        "版权所有",
        "打印",
        "var visits",
    ):
        assert dropped not in doc.text, dropped
    (table,) = doc.tables
    assert table.source == "html" and (table.n_rows, table.n_cols) == (4, 5)
    rows = table.rows()
    assert rows[1][0].text == "产出指标" and rows[1][0].rowspan == 2
    assert rows[2][0] is None and rows[2][1].text == "质量指标"
    assert rows[3][2] is None and (rows[3][1].text, rows[3][1].colspan) == ("服务对象满意度", 2)
    assert rows[3][4].text == "96.5%"
    spans_hold(doc)


def test_xls_that_is_really_html():
    doc = read(OFFICE / "budget.xls")
    assert doc.format == "html"
    rows = doc.tables[0].rows()
    assert [c.text for c in rows[3]] == ["512.30", "498.07", "97.22%"]
    assert rows[0][0].colspan == 3 and rows[0][1] is None


def test_mhtml_page(tmp_path):
    html = (OFFICE / "page.html").read_bytes()
    import base64

    body = base64.encodebytes(html).decode("ascii")
    mhtml = (
        "From: <Saved by Blink>\nMIME-Version: 1.0\n"
        'Content-Type: multipart/related; boundary="B"\n\n--B\n'
        'Content-Type: text/html; charset="gbk"\nContent-Transfer-Encoding: base64\n\n'
        f"{body}\n--B--\n"
    )
    path = tmp_path / "page.mhtml"
    path.write_text(mhtml, encoding="ascii")
    doc = read(path)
    assert doc.text == read(OFFICE / "page.html").text


# --------------------------------------------------------------------------- extension lies


def test_files_are_read_by_what_their_bytes_are(tmp_path, seed_text):
    text_docx = tmp_path / "report.docx"
    text_docx.write_text(seed_text, encoding="utf-8")
    assert read(text_docx).format == "text"
    xls_as_xlsx = tmp_path / "table.xlsx"
    shutil.copy(OFFICE / "one.xls", xls_as_xlsx)
    assert read(xls_as_xlsx).format == "xls"
    xlsx_as_xls = tmp_path / "book.xls"
    shutil.copy(CORPUS / "p03x.xlsx", xlsx_as_xls)
    assert read(xlsx_as_xls).format == "xlsx"
    html_as_docx = tmp_path / "page.docx"
    shutil.copy(OFFICE / "page.html", html_as_docx)
    assert read(html_as_docx).format == "html"


@pytest.mark.parametrize(
    ("head", "suffix", "kind"),
    [
        (b"%PDF-1.7", ".docx", "pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le"), ".doc", "xls"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"), ".xls", "word"),
        (b"  <!DOCTYPE html><html>", ".xls", "html"),
        (b"<table><tr><td>1</td></tr></table>", ".xls", "html"),
        ("一、基本情况".encode(), ".doc", "text"),
    ],
)
def test_sniff(head, suffix, kind):
    assert sniff(head, suffix) == kind


def test_broken_xlsx_is_one_line(tmp_path):
    path = tmp_path / "table.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputError) as info:
        read(path)
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)


def test_workbook_values_are_decimal_exact():
    got = cells(read(f"{OFFICE}/book.xlsx#项目一").tables[0])
    assert Decimal(got["项目一!E5"]) == Decimal("37.24")


# --------------------------------------------------------------------------- batch


def test_batch_reads_each_report_sheet(tmp_path):
    from extractor.batch.inputs import discover

    shutil.copy(OFFICE / "book.xlsx", tmp_path / "book.xlsx")
    shutil.copy(OFFICE / "one.xls", tmp_path / "one.xls")
    items = discover([str(tmp_path)])
    files = sorted(i.file for i in items)
    assert files == [f"{tmp_path}/book.xlsx#项目一", f"{tmp_path}/book.xlsx#项目二", f"{tmp_path}/one.xls"]
    assert len({i.sha256 for i in items}) == 3 and not any(i.skip_kind for i in items)
    sheet = next(i for i in items if i.file.endswith("#项目二"))
    assert read(sheet.file).sha256 == sheet.sha256


def test_cli_help_imports_no_office_library():
    code = (
        "import sys, cli; cli.main(['--help'], standalone_mode=False); "
        "print(sorted(m for m in ('openpyxl', 'xlrd', 'lxml') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("[]"), result.stdout


def _sheet_cells(path: str) -> dict[str, str]:
    return {a: t for doc in read_documents(path) for table in doc.tables for a, t in cells(table).items()}


@pytest.mark.parametrize("suffix", [".et", ".ods"])
def test_et_and_ods_hold_the_xlsx_values(suffix):
    """LibreOffice's BIFF8 (.et as WPS writes it, read by xlrd) and OpenDocument copies of book.xlsx:
    the same cells, except the formula Excel left uncalculated, which LibreOffice calculated."""
    xlsx, other = _sheet_cells(f"{OFFICE}/book.xlsx"), _sheet_cells(f"{OFFICE}/book{suffix}")
    assert (xlsx.pop("项目二!D9"), other.pop("项目二!D9")) == ("", "88.5")
    assert other == xlsx and len(xlsx) > 40
    formats = {d.format for d in read_documents(f"{OFFICE}/book{suffix}")}
    assert formats == {suffix[1:]}


def test_batch_expands_et_and_ods_into_sheets_converting_each_file_once(tmp_path, monkeypatch):
    import json

    from extractor.batch.run import run_batch

    log, bin_dir, src = tmp_path / "soffice.log", tmp_path / "bin", tmp_path / "in"
    bin_dir.mkdir()
    src.mkdir()
    wrapper = bin_dir / "soffice"  # counts LibreOffice runs of every process of the batch
    wrapper.write_text(f'#!/bin/sh\necho run >> "{log}"\nexec "{shutil.which("soffice")}" "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{Path(sys.executable).parent}:/usr/bin:/bin")
    for suffix in (".xlsx", ".et", ".ods"):
        shutil.copy(OFFICE / f"book{suffix}", src / f"book{suffix}")
    summary = run_batch([str(src)], tmp_path / "out", jobs=2, timeout=120)
    assert (summary["this_run"]["processed"], summary["this_run"]["failed"]) == (6, 0)
    flat = {Path(r["file"]).name: r for r in map(json.loads, (tmp_path / "out" / "flat.jsonl").open())}
    sheets = [f"book{s}#{n}" for s in (".xlsx", ".et", ".ods") for n in ("项目一", "项目二")]
    assert sorted(flat) == sorted(sheets)
    assert log.read_text().count("run") == 1  # the .ods once, when its sheets were listed; .et by xlrd
    for name in ("项目一", "项目二"):
        keys = {k: v for k, v in flat[f"book.xlsx#{name}"].items() if k not in ("file", "sha256")}
        for suffix in (".et", ".ods"):
            other = flat[f"book{suffix}#{name}"]
            assert {k: other.get(k) for k in keys} == keys, (suffix, name)
