"""Scanned reports read by OCR (extractor/read/ocr.py) and the rule ocr.low_confidence.

The scans are made at test time by fixtures/make_scans.py from the committed PDFs (200 dpi,
rotated 0.3-0.8 degrees, noise, blur, grey, JPEG 75, image-only PDF); d06s.pdf is a real
scanned submission from the dev corpus. Each scan is OCRed once per session.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from extractor import extract
from extractor.errors import InputError
from extractor.flat import flatten
from extractor.models import NumberKind, OcrRun, Report, SourceInfo, Span, Value
from extractor.read import read
from extractor.read.ocr import Box, reading_lines
from extractor.read.scan_pages import ocr_pages
from extractor.validate.ocr_confidence import LOW_CONFIDENCE, low_confidence

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "fixtures" / "documents"
SEED_TEXT = ROOT / "fixtures" / "corpus" / "xj-street-2024.txt"
TABLE_REPORTS = ("proj-entrusted-2022", "proj-nutrition-2022")
# keys read from the prose (the rest of a table report's keys come from its table grid,
# which the template mapper reads; until it lands they are compared and reported, not asserted)
PROSE_ROOTS = ("report.", "staff.", "org.")


def _make_scans():
    spec = importlib.util.spec_from_file_location("make_scans", ROOT / "fixtures" / "make_scans.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def scans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("scans")
    return {p.stem: p for p in _make_scans().main([], out)}


class _Reports(dict):
    """Each scan extracted once, when a test first asks for it."""

    def __init__(self, scans: dict[str, Path]) -> None:
        super().__init__()
        self.scans = scans

    def __missing__(self, name: str) -> Report:
        self[name] = extract(self.scans[name])
        return self[name]


@pytest.fixture(scope="session")
def scanned_reports(scans: dict[str, Path]) -> dict[str, Report]:
    return _Reports(scans)


# OCR cannot tell a half-width bracket from a full-width one: compared folded
BRACKETS = str.maketrans("（）", "()")


def _folded(value: object) -> object:
    return value.translate(BRACKETS) if isinstance(value, str) else value


def _differences(want: dict, got: dict) -> dict[str, tuple]:
    keys = {k for k in want.keys() | got.keys() if not k.startswith("findings.")}
    return {k: (want.get(k), got.get(k)) for k in sorted(keys) if _folded(want.get(k)) != _folded(got.get(k))}


def _flagged(report: Report) -> set[str]:
    return {f.facts[0].key for f in report.findings if f.rule == "ocr.low_confidence"}


def test_scans_are_image_only(scans: dict[str, Path]) -> None:
    assert sorted(scans) == sorted(("xj-street-2024", *TABLE_REPORTS))
    for path in scans.values():
        assert ocr_pages(str(path)) >= 2  # every page needs OCR
        assert ocr_pages(str(path), "off") == 0
        with pytest.raises(InputError, match="needs OCR"):
            read(path, ocr="off")


def test_seed_scan_reads_as_its_text(scanned_reports: dict[str, Report]) -> None:
    report = scanned_reports["xj-street-2024"]
    want = flatten(extract(SEED_TEXT))
    got = flatten(report)
    assert report.source.format == "pdf" and report.source.pages == 7
    assert _folded(got["report.unit_name"]) == _folded(want["report.unit_name"])
    assert got["budget.executed"] == want["budget.executed"]
    unflagged = {k: v for k, v in _differences(want, got).items() if k not in _flagged(report)}
    assert not unflagged, f"differ without an ocr.low_confidence finding (text, scan): {unflagged}"


@pytest.mark.parametrize("name", TABLE_REPORTS)
def test_table_scan_prose_fields_read_as_from_text(name: str, scanned_reports: dict[str, Report]) -> None:
    report = scanned_reports[name]
    want = flatten(extract(DOCS / f"{name}.pdf"))
    diff = _differences(want, flatten(report))
    prose = {k: v for k, v in diff.items() if k.startswith(PROSE_ROOTS) and k not in _flagged(report)}
    assert want["report.project_name"] and not prose, prose


def test_scanned_table_is_an_ocr_grid(scans: dict[str, Path]) -> None:
    doc = read(scans["proj-entrusted-2022"])
    (table,) = [t for t in doc.tables if t.page == 1]
    assert table.source == "ocr" and table.n_cols == 9 and table.n_rows >= 15
    name = next(c for c in table.cells if c.text == "项目名称")
    value = next(c for c in table.cells if c.row == name.row and c.col > name.col)
    assert value.text == "委托业务项目" and value.colspan > 1
    assert doc.text[value.start : value.end] == "委托业务项目"
    x0, top, x1, bottom = value.bbox
    assert 0 < x0 < x1 < 595 and 0 < top < bottom < 842  # A4 points
    assert 0.5 < value.confidence <= 1
    assert any(r.start == value.start and r.end == value.end for r in doc.ocr_runs)


def test_real_scan_d06s_gold_values() -> None:
    gold = json.loads((DOCS / "scanned" / "d06s.gold.json").read_text(encoding="utf-8"), parse_float=Decimal)
    flat = flatten(extract(DOCS / "scanned" / "d06s.pdf"))
    wrong = {k: (flat.get(k), v) for k, v in gold.items() if flat.get(k) != v}
    assert not wrong, wrong


def test_images_and_multipage_tif(tmp_path: Path, scans: dict[str, Path]) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(scans["proj-entrusted-2022"])
    frames = [page.render(scale=150 / 72, grayscale=True).to_pil() for page in pdf]
    pdf.close()
    png, tif = tmp_path / "page1.png", tmp_path / "all.tif"
    frames[0].save(png, dpi=(150, 150))
    frames[0].save(tif, save_all=True, append_images=frames[1:], dpi=(150, 150))
    one, both = read(png), read(tif)
    assert one.format == "image" and len(one.page_starts) == 1 and "委托业务项目" in one.text
    assert len(both.page_starts) == 2 and "绩效自评情况说明" in both.text[both.page_starts[1] :]
    assert ocr_pages(str(tif)) == 2
    with pytest.raises(InputError, match="needs OCR"):
        read(png, ocr="off")


def test_blank_scan_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no legible text"):
        read(DOCS / "bad-image-only.pdf")


def test_text_pdf_is_not_ocred_unless_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    import extractor.read.ocr as ocr

    monkeypatch.setattr(ocr, "read_scanned_pdf", lambda *a: pytest.fail("OCR on a text PDF"))
    assert read(DOCS / "proj-entrusted-2022.pdf").format == "pdf"
    assert ocr_pages(str(DOCS / "proj-entrusted-2022.pdf")) == 0
    assert ocr_pages(str(DOCS / "proj-entrusted-2022.pdf"), "force") == 2


# --------------------------------------------------------------------------- without OCR runs


def _box(text: str, x0: float, top: float, x1: float) -> Box:
    return Box(text, 0.99, x0, top, x1, top + 12)


def test_two_columns_read_column_by_column() -> None:
    title = _box("标题横跨两栏的一行文字标题横跨两栏", 50, 10, 540)
    left = [_box(f"左{i}", 50, 40 + 20 * i, 280) for i in range(5)]
    right = [_box(f"右{i}", 310, 40 + 20 * i, 540) for i in range(5)]
    order = ["".join(b.text for b in line) for line in reading_lines([title, *right, *left])]
    assert order == [title.text] + [f"左{i}" for i in range(5)] + [f"右{i}" for i in range(5)]


def _report_with(value: Value, runs: list[OcrRun]) -> Report:
    report = Report(source=SourceInfo(path="scan.pdf", format="pdf"), low_confidence=runs)
    report.budget.executed = value
    return report


def test_low_confidence_rule_names_the_figure() -> None:
    span = Span(page=2, line=14, start=100, end=110, text="4406.09万元")
    value = Value(value=Decimal("44060900"), raw="4406.09万元", span=span, kind=NumberKind.amount)
    (finding,) = low_confidence(_report_with(value, [OcrRun(start=95, end=104, confidence=0.61, page=2)]))
    assert finding.rule == "ocr.low_confidence" and finding.severity == "warning"
    assert finding.facts[0].key == "budget.executed" and finding.facts[0].span.page == 2
    assert "4406.09万元" in finding.message_zh and "page 2, line 14" in finding.message_en
    assert low_confidence(_report_with(value, [OcrRun(start=110, end=120, confidence=0.5)])) == []
    assert 0.5 < LOW_CONFIDENCE < 1


def test_pipeline_keeps_only_runs_below_the_threshold() -> None:
    from extractor.models import Document
    from extractor.pipeline import extract_document

    text = "2024年度部门整体支出绩效自评报告\n一、基本情况\n全年执行数90.00万元。\n"
    runs = [OcrRun(start=0, end=10, confidence=0.99), OcrRun(start=30, end=38, confidence=0.4)]
    report = extract_document(Document(path="s.pdf", format="pdf", text=text, ocr_runs=runs))
    assert report.low_confidence == runs[1:]


def test_cli_import_does_not_load_ocr() -> None:
    heavy = "{'rapidocr_onnxruntime', 'cv2', 'onnxruntime'}"
    code = f"import cli, sys; print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy}))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cli_ocr_off_keeps_exit_3_needs_ocr() -> None:
    cmd = [sys.executable, "-m", "cli", "extract", str(DOCS / "bad-image-only.pdf"), "--ocr", "off"]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60)
    (line,) = run.stderr.splitlines()
    assert run.returncode == 3 and "needs OCR" in line and "bad-image-only.pdf" in line


def test_batch_time_limit_scales_with_ocr_pages(scans: dict[str, Path]) -> None:
    from extractor.batch_pool import Pool

    scan = str(scans["xj-street-2024"])
    assert Pool(1, 5.0, "texts", "auto").limit(scan) == 35.0  # 7 pages
    assert Pool(1, 5.0, "texts", "off").limit(scan) == 5.0
    assert Pool(1, 5.0, "texts", "auto").limit(str(SEED_TEXT)) == 5.0


def test_mixed_pdf_keeps_its_text_page_and_ocrs_the_scanned_one(tmp_path: Path, scans: dict) -> None:
    import pypdfium2 as pdfium

    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(DOCS / "proj-entrusted-2022.pdf"), [0])
    mixed.import_pages(pdfium.PdfDocument(scans["proj-entrusted-2022"]), [1])
    path = tmp_path / "mixed.pdf"
    mixed.save(path)
    doc, text_only = read(path), read(DOCS / "proj-entrusted-2022.pdf")
    second = doc.page_starts[1]
    assert len(doc.page_starts) == 2 and ocr_pages(str(path)) == 1
    # the text page reads as from its text layer (its running header may stay: the OCR'd copy
    # on the next page need not match it character for character)
    assert text_only.text[: text_only.page_starts[1]].strip() in doc.text[:second]
    assert "绩效自评情况说明" in doc.text[second:]
    assert doc.ocr_runs and all(r.page == 2 and r.start >= second for r in doc.ocr_runs)


@pytest.mark.parametrize("angle", [90, 270])
def test_page_lying_on_its_side_is_turned(tmp_path: Path, scans: dict[str, Path], angle: int) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(scans["proj-entrusted-2022"])
    page = pdf[0].render(scale=150 / 72, grayscale=True).to_pil()
    pdf.close()
    head = page.crop((0, 0, page.width, page.height // 5)).rotate(angle, expand=True)
    path = tmp_path / "sideways.png"
    head.save(path, dpi=(150, 150))
    assert "项目支出绩效自评表" in read(path).text
