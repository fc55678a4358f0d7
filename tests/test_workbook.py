"""The Excel workbook (batch --xlsx, export --xlsx), the bilingual help, folder walks that skip
sidecar files, and documents that merely talk about reports (kind 'unknown')."""

from __future__ import annotations

import json
import shutil
import unicodedata
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cli import main
from extractor import extract
from extractor.batch.run import run_batch
from extractor.store.xlsx import SHEETS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fixtures" / "corpus"


def _headers(key: str) -> list[str]:
    return [c[1] for c in SHEETS[key]["columns"]]


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory) -> tuple[Path, Path, dict]:
    """A batch over two reports (one renamed to an '=' name), sidecars and one broken file."""
    src = tmp_path_factory.mktemp("src")
    shutil.copy(CORPUS / "a01.txt", src / "a01.txt")
    shutil.copy(CORPUS / "b01.txt", src / "=HYPERLINK(1).txt")
    (src / "a01.meta.json").write_text("{}", encoding="utf-8")
    (src / "notes.md").write_text("# notes\n", encoding="utf-8")
    (src / "page.png").write_bytes(b"\x89PNG\r\n")
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    out = tmp_path_factory.mktemp("out")
    xlsx = out / "jixiao.xlsx"
    summary = run_batch([str(src)], out / "o", jobs=1, xlsx=xlsx)
    return out / "o", xlsx, summary


def test_workbook_sheets_headers_and_rows(batch_out):
    outdir, xlsx, _ = batch_out
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["报告", "指标", "问题", "失败"]
    reports = [json.loads(line)["report"] for line in (outdir / "reports.jsonl").open(encoding="utf-8")]
    n_ind = sum(len(r.get("indicators") or []) for r in reports)
    n_find = sum(len(r.get("findings") or []) for r in reports)
    for key, ws in zip(SHEETS, wb.worksheets, strict=True):
        assert [c.value for c in ws[1]] == _headers(key)
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    assert wb["报告"].max_row == 1 + len(reports) == 3
    assert wb["指标"].max_row == 1 + n_ind and n_ind > 0
    assert wb["问题"].max_row == 1 + n_find and n_find > 0
    failed = [r for r in wb["失败"].iter_rows(min_row=2, values_only=True)]
    assert [Path(r[0]).name for r in failed] == ["broken.pdf"]


def test_workbook_amounts_in_wan_rates_as_percent(batch_out):
    outdir, xlsx, _ = batch_out
    ws = openpyxl.load_workbook(xlsx)["报告"]
    head = [c.value for c in ws[1]]
    flats = {}
    for line in (outdir / "flat.jsonl").open(encoding="utf-8"):
        obj = json.loads(line, parse_float=Decimal)
        flats[obj["file"]] = obj
    checked = 0
    for row in ws.iter_rows(min_row=2):
        flat = flats[row[0].value]
        for col, key in (("执行数（万元）", "budget.executed"), ("年初预算（万元）", "budget.initial")):
            cell = row[head.index(col)]
            if key in flat:
                assert cell.value == float(Decimal(flat[key]) / Decimal(10000))
                assert cell.number_format == "#,##0.00"
                checked += 1
        comp = row[head.index("完整度")]
        assert comp.number_format == "0.00%" and 0 < comp.value <= 1
    assert checked >= 2
    # b01 states 预算执行率 as a percentage: stored as a fraction, shown as a percentage
    b01 = next(r for r in ws.iter_rows(min_row=2) if "HYPERLINK" in r[0].value)
    rate = flats[b01[0].value].get("budget.execution_rate")
    cell = b01[head.index("执行率")]
    if rate is not None:
        assert cell.value == float(Decimal(rate) / 100) and cell.number_format == "0.00%"


def test_workbook_equals_name_stays_text(batch_out):
    _, xlsx, _ = batch_out
    wb = openpyxl.load_workbook(xlsx)
    for name in ("报告", "问题"):
        cells = [r[0] for r in wb[name].iter_rows(min_row=2) if "HYPERLINK" in str(r[0].value)]
        assert cells, name
        for cell in cells:
            assert cell.data_type == "s" and cell.value.endswith("=HYPERLINK(1).txt")


def test_walk_skips_sidecars_not_failed(batch_out):
    _, _, summary = batch_out
    run = summary["this_run"]
    assert sorted(Path(f).name for f in run["skipped"]) == ["a01.meta.json", "notes.md", "page.png"]
    assert [Path(r["file"]).name for r in run["failed_files"]] == ["broken.pdf"]
    assert summary["totals"]["errors"] == 1 and summary["totals"]["reports"] == 2
    assert set(summary["outputs"]) >= {"reports", "errors", "xlsx"}


def test_walk_with_only_sidecars_gives_zero_failed(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(CORPUS / "a01.txt", src / "a01.txt")
    shutil.copy(CORPUS / "a01.gold.json", src / "a01.gold.json")
    (src / "scan.png").write_bytes(b"\x89PNG\r\n")
    result = CliRunner().invoke(
        main, ["batch", str(src), "-o", str(tmp_path / "out"), "-j", "1", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "1 read into 1 reports, 0 failed" in result.output
    assert "skipped 2 files" in result.output
    assert result.output.rstrip().splitlines()[-1].strip().endswith("summary.json")


def test_named_unsupported_file_still_fails(tmp_path):
    side = tmp_path / "a01.gold.json"
    shutil.copy(CORPUS / "a01.gold.json", side)
    result = CliRunner().invoke(main, ["batch", str(side), "-o", str(tmp_path / "out"), "--lang", "en"])
    assert result.exit_code == 3
    assert "failed files (1):" in result.output and "unsupported file type .json" in result.output


def test_summary_names_ten_failed_then_points_at_errors_csv(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for i in range(12):
        (src / f"bad{i:02d}.pdf").write_bytes(b"%PDF-1.4 broken")
    result = CliRunner().invoke(
        main, ["batch", str(src), "-o", str(tmp_path / "out"), "-j", "2", "--lang", "zh"]
    )
    assert result.exit_code == 3
    assert "失败的文件（12 个）：" in result.output
    assert "bad09.pdf" in result.output and "bad10.pdf" not in result.output
    assert f"… 另有 2 个，见 {tmp_path / 'out' / 'errors.csv'}" in result.output


def test_export_writes_the_same_workbook(batch_out, tmp_path):
    outdir, _, _ = batch_out
    target = tmp_path / "again.xlsx"
    result = CliRunner().invoke(main, ["export", str(outdir), "--xlsx", str(target)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(target)
    assert wb["报告"].max_row == 3 and wb["失败"].max_row == 2


def test_export_of_a_folder_that_is_not_an_outdir(tmp_path):
    result = CliRunner().invoke(main, ["export", str(tmp_path), "--xlsx", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 3 and "not a batch output folder" in result.output


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


@pytest.mark.parametrize(
    "command", ["", "extract", "check", "batch", "export", "review", "load", "rules", "schema"]
)
def test_help_is_chinese_and_english_fits_80_columns(command):
    args = [command, "--help"] if command else ["--help"]
    result = CliRunner().invoke(main, args, terminal_width=80)
    assert result.exit_code == 0
    text = result.output
    body = text.split("\n", 1)[1]  # after the usage line (its ARGS... is click's)
    assert "…" not in body and "..." not in body
    assert max(_width(line) for line in text.splitlines()) <= 80
    if command:
        assert "退出码 Exit codes: 0 完成 done" in text
    else:
        assert "抽取并核对预算绩效自评报告" in text and "Extract and cross-check" in text
        assert "export   导出 Excel Write OUTDIR's Excel workbook" in text


def test_lang_defaults_from_locale(monkeypatch):
    from cli import default_lang

    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert default_lang() == "zh"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert default_lang() == "en"


def test_check_lang_zh_prints_chinese_messages():
    path = str(CORPUS / "b01.txt")
    zh = CliRunner().invoke(main, ["check", path, "--lang", "zh", "--fail-on", "never"])
    en = CliRunner().invoke(main, ["check", path, "--lang", "en", "--fail-on", "never"])
    report = extract(path)
    first = report.findings[0]
    assert f"{path}：{len(report.findings)} 个问题" in zh.output and first.message_zh in zh.output
    assert first.message_en not in zh.output
    assert f"{path}: {len(report.findings)} finding(s)" in en.output and first.message_en in en.output


def test_readme_is_not_a_report():
    report = extract(ROOT / "README.md")
    assert report.report.kind.value == "unknown" and report.findings == []


def test_english_text_about_reports_is_unknown(tmp_path):
    doc = tmp_path / "about.md"
    doc.write_text(
        "# A tool for reports\n\nIt reads 部门整体支出绩效自评报告 and 项目支出绩效自评表 files and "
        "checks the budget figures, the indicators and the total score of each report.\n",
        encoding="utf-8",
    )
    assert extract(doc).report.kind.value == "unknown"
