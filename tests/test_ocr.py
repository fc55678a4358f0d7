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
from extractor.batch.worker import analyze
from extractor.errors import InputError
from extractor.flat import flatten
from extractor.models import Document, Indicator, NumberKind, OcrRun, Report, SourceInfo, Span, Value
from extractor.read import read
from extractor.read.ocr import rule_skew
from extractor.read.ocr_engine import Box, corrected
from extractor.read.ocr_lines import reading_lines
from extractor.read.scan_pages import ocr_pages
from extractor.validate.ocr_confidence import LOW_CONFIDENCE, low_confidence

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "fixtures" / "documents"
SEED_TEXT = ROOT / "fixtures" / "corpus" / "xj-street-2024.txt"
TABLE_REPORTS = ("proj-entrusted-2022", "proj-nutrition-2022")


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
    """Each scan read and extracted once, when a test first asks for it: (Document, Report)."""

    def __init__(self, scans: dict[str, Path]) -> None:
        super().__init__()
        self.scans = scans

    def __missing__(self, name: str) -> tuple[Document, Report]:
        self[name] = analyze(self.scans[name])
        return self[name]


@pytest.fixture(scope="session")
def scanned(scans: dict[str, Path]) -> dict[str, tuple[Document, Report]]:
    return _Reports(scans)


# OCR cannot tell a half-width bracket from a full-width one: compared folded
BRACKETS = str.maketrans("（）", "()")


def _folded(value: object) -> object:
    return value.translate(BRACKETS) if isinstance(value, str) else value


LONE_SYMBOLS = {"—", "≥", "≤", "＝", "%"}


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


def test_seed_scan_reads_as_its_text(scanned: dict[str, tuple[Document, Report]]) -> None:
    _, report = scanned["xj-street-2024"]
    want = flatten(extract(SEED_TEXT))
    got = flatten(report)
    assert report.source.format == "pdf" and report.source.pages == 7
    assert _folded(got["report.unit_name"]) == _folded(want["report.unit_name"])
    assert got["budget.executed"] == want["budget.executed"]
    unflagged = {k: v for k, v in _differences(want, got).items() if k not in _flagged(report)}
    assert not unflagged, f"differ without an ocr.low_confidence finding (text, scan): {unflagged}"


@pytest.mark.parametrize("name", TABLE_REPORTS)
def test_table_scan_reads_as_its_text(name: str, scanned: dict[str, tuple[Document, Report]]) -> None:
    """The whole flat view (prose and the mapper's reading of the OCR grids) as from the text;
    what differs was read with low confidence (flagged): nothing lost or changed silently (a lone
    ＝ the detector missed or boxed by one stroke is read again from the cell's ink)."""
    _, report = scanned[name]
    want = flatten(extract(DOCS / f"{name}.txt"))
    assert want["report.project_name"] and want["budget.funds.current.executed"] is not None
    diff = _differences(want, flatten(report))
    unflagged = {k: v for k, v in diff.items() if k not in _flagged(report)}
    assert not unflagged, unflagged
    assert len(diff) <= 4, diff  # lone ≥/≤ cells: the recognizer's poorest reading, flagged
    ops = [v for k, v in flatten(report).items() if k.endswith(".target_op")]
    assert len(ops) == len([v for k, v in want.items() if k.endswith(".target_op")])


@pytest.mark.parametrize("name", TABLE_REPORTS)
def test_scanned_grids_have_the_text_layer_shape(
    name: str, scanned: dict[str, tuple[Document, Report]]
) -> None:
    """Same tables, sizes, pages and merged cells as the text-layer PDF's grids (a table continued
    on the next page joined into one grid, its repeated header dropped), and most cell texts."""
    doc, _ = scanned[name]
    text_layer = read(DOCS / f"{name}.pdf")
    assert [(t.page, t.n_rows, t.n_cols) for t in doc.tables] == [
        (t.page, t.n_rows, t.n_cols) for t in text_layer.tables
    ]
    for ocr_table, table in zip(doc.tables, text_layer.tables, strict=True):
        assert ocr_table.source == "ocr" and table.source == "pdf-ruling"
        shape = [(c.row, c.col, c.rowspan, c.colspan) for c in table.cells]
        assert [(c.row, c.col, c.rowspan, c.colspan) for c in ocr_table.cells] == shape
        pairs = [(a.text, b.text) for a, b in zip(ocr_table.cells, table.cells, strict=True)]
        worded = [(a, b) for a, b in pairs if b not in LONE_SYMBOLS]  # a lone —/≥/＝ is often unread
        assert sum(a == b for a, b in worded) >= 0.9 * len(worded)
        assert doc.text[ocr_table.start : ocr_table.end].count("\n") == ocr_table.n_rows - 1
        assert all(doc.text[c.start : c.end] == c.text for c in ocr_table.cells)


def test_scanned_table_is_an_ocr_grid(scanned: dict[str, tuple[Document, Report]]) -> None:
    doc, _ = scanned["proj-entrusted-2022"]
    (table,) = [t for t in doc.tables if t.page == 1]
    assert table.source == "ocr" and table.n_cols == 9 and table.n_rows == 21
    name = next(c for c in table.cells if c.text == "项目名称")
    value = next(c for c in table.cells if c.row == name.row and c.col > name.col)
    assert value.text == "委托业务项目" and value.colspan > 1
    assert doc.text[value.start : value.end] == "委托业务项目"
    x0, top, x1, bottom = value.bbox
    assert 0 < x0 < x1 < 595 and 0 < top < bottom < 842  # A4 points
    assert 0.5 < value.confidence <= 1
    assert any(r.start == value.start and r.end == value.end for r in doc.ocr_runs)
    total = next(c for c in table.cells if c.text == "总分")
    assert total.colspan == 6 and [c.text for c in table.cells if c.row == total.row][1:] == [
        "100",
        "97",
        "优",
    ]


def test_skew_is_measured_on_the_ruling_lines() -> None:
    import numpy as np
    from PIL import Image, ImageDraw

    image = Image.new("L", (1200, 1600), 255)
    draw = ImageDraw.Draw(image)
    for y in range(300, 1300, 100):
        draw.line((100, y, 1100, y), fill=0, width=2)
    draw.text((150, 200), "title", fill=0)
    for angle in (0.45, -0.65):
        turned = image.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
        assert rule_skew(np.asarray(turned)) == pytest.approx(angle, abs=0.05)
    assert rule_skew(np.full((800, 600), 255, dtype=np.uint8)) is None


def test_cell_text_corrections() -> None:
    assert corrected("》") == "≥" and corrected("《") == "≤"
    assert corrected("》100") == "》100"  # only a lone symbol
    assert corrected("项目资金（万元") == "项目资金（万元）" and corrected("资金(万元") == "资金(万元)"
    assert corrected("项目资金（万元）") == "项目资金（万元）" and corrected("（") == "（"


def test_real_scan_d06s_gold_values() -> None:
    gold = json.loads((DOCS / "scanned" / "d06s.gold.json").read_text(encoding="utf-8"), parse_float=Decimal)
    report = extract(DOCS / "scanned" / "d06s.pdf")
    flat = flatten(report)
    wrong = {k: (flat.get(k), v) for k, v in gold.items() if flat.get(k) != v}
    assert not wrong, wrong
    # values read from the OCR'd prose carry their box on the page (the review page draws it):
    # the unit's name and the year of the title line stand side by side on the first page
    unit, year = report.report.unit_name.span, report.report.fiscal_year.span
    assert unit.page == year.page == 1 and unit.bbox is not None and year.bbox is not None
    assert unit.bbox[2] <= year.bbox[0] + 1 and abs(unit.bbox[1] - year.bbox[1]) < 1
    assert all(isinstance(x, float) and 0 <= x <= 842 for x in unit.bbox)
    assert unit.bbox[2] - unit.bbox[0] > 2 * (year.bbox[2] - year.bbox[0])  # 6 CJK against 4 digits


def _top_quarter(page):
    """The page with all but its top quarter (where the checked text stands) blanked: less to
    recognize, the page's size (which the ruling-line search scales by) kept."""
    from PIL import Image

    blank = Image.new(page.mode, page.size, 255)
    blank.paste(page.crop((0, 0, page.width, page.height // 4)), (0, 0))
    return blank


def test_images_and_multipage_tif(tmp_path: Path, scans: dict[str, Path]) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(scans["proj-entrusted-2022"])
    pages = [page.render(scale=150 / 72, grayscale=True).to_pil() for page in pdf]
    pdf.close()
    frames = [_top_quarter(p) for p in pages]
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
    op_span = Span(page=2, line=15, start=200, end=201, text=">")
    report = _report_with(value, [OcrRun(start=200, end=201, confidence=0.34, page=2)])
    report.indicators = [
        Indicator(
            name=Value(value="覆盖率", raw="覆盖率"), target_op=Value(value=">=", raw=">", span=op_span)
        )
    ]
    (finding,) = low_confidence(report)
    assert finding.facts[0].key == "indicators.1.target_op"
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
    from extractor.batch.pool import Pool

    scan = str(scans["xj-street-2024"])
    assert Pool(1, 5.0, "auto").limit(scan) == 35.0  # 7 pages
    assert Pool(1, 5.0, "off").limit(scan) == 5.0
    assert Pool(1, 5.0, "auto").limit(str(SEED_TEXT)) == 5.0


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
    # the text page's table is the PDF reader's grid, rendered in its place
    (table,) = doc.tables
    assert table.source == "pdf-ruling" and table.page == 1 and table.end <= second
    assert [c.text for c in table.cells] == [c.text for c in text_only.tables[0].cells]


@pytest.mark.parametrize("angle", [90, 180, 270])
def test_page_lying_on_its_side_is_turned(tmp_path: Path, scans: dict[str, Path], angle: int) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(scans["proj-entrusted-2022"])
    page = pdf[0].render(scale=150 / 72, grayscale=True).to_pil()
    pdf.close()
    head = page.crop((0, 0, page.width, page.height // 5)).rotate(angle, expand=True)
    path = tmp_path / "sideways.png"
    head.save(path, dpi=(150, 150))
    assert "项目支出绩效自评表" in read(path).text


# --------------------------------------------------------------------------- batch progress in pages


def test_progress_line_counts_ocr_pages() -> None:
    import io

    from extractor.batch.summary import Progress, RunStats

    stream = io.StringIO()
    bar = Progress(3, stream, RunStats(inputs=3), every=0.0, pages=10)
    bar.update(1, 0)  # a text report: no OCR pages
    bar.update(1, 4)
    lines = stream.getvalue().splitlines()
    assert lines[-2].startswith("jixiao batch: 1/3 files") and "0/10 OCR pages" in lines[-2]
    assert lines[-1].startswith("jixiao batch: 2/3 files") and "4/10 OCR pages" in lines[-1]
    plain = io.StringIO()
    Progress(1, plain, RunStats(inputs=1), every=0.0).update(1)
    assert "OCR pages" not in plain.getvalue() and "1/1 files" in plain.getvalue()


def test_batch_progress_shows_ocr_pages_done(tmp_path: Path) -> None:
    import io
    import shutil

    from extractor.batch.run import run_batch

    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(DOCS / "bad-image-only.pdf", inputs / "scan.pdf")  # 1 page, OCR finds no text
    shutil.copy(SEED_TEXT, inputs / "seed.txt")
    stream = io.StringIO()
    summary = run_batch([str(inputs)], tmp_path / "out", jobs=1, progress=stream)
    last = stream.getvalue().splitlines()[-1]
    assert last.startswith("jixiao batch: 2/2 files") and "1/1 OCR pages" in last, last
    assert summary["this_run"]["failed"] == 1


# --------------------------------------------------------------------------- tables without ruling lines


@pytest.fixture(scope="session")
def drawn_tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    """The same indicator table scanned drawn without lines and with them (fixtures/make_lineless.py)."""
    spec = importlib.util.spec_from_file_location("make_lineless", ROOT / "fixtures" / "make_lineless.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    paths = module.main(tmp_path_factory.mktemp("lineless"))
    return {p.stem: read(p) for p in paths} | {"rows": module.ROWS}


def test_table_without_lines_is_the_grid_of_its_ruled_twin(drawn_tables: dict) -> None:
    """Columns clustered from the boxes' x extents, rows from the lines: the same Table (shape,
    cell texts, spans in the text) as the ruled drawing gives; a cell read otherwise than drawn
    is one read with low confidence."""
    drawn = drawn_tables["rows"]
    tables = {}
    for name in ("lineless", "ruled"):
        doc = drawn_tables[name]
        (table,) = doc.tables
        assert table.source == "ocr" and (table.n_rows, table.n_cols) == (len(drawn), len(drawn[0]))
        assert all(c.rowspan == c.colspan == 1 and c.bbox for c in table.cells)
        assert all(doc.text[c.start : c.end] == c.text for c in table.cells)
        texts = [[c.text for c in table.cells if c.row == r] for r in range(table.n_rows)]
        unflagged = [
            (c.text, drawn[c.row][c.col])
            for c in table.cells
            if c.text != drawn[c.row][c.col] and c.confidence >= LOW_CONFIDENCE
        ]
        assert not unflagged, (name, unflagged)
        pairs = [p for row, want in zip(texts, drawn, strict=True) for p in zip(row, want, strict=True)]
        assert sum(t == d for t, d in pairs) >= 40
        assert "项目绩效指标完成情况表" in doc.text[: table.start]  # the title stays a line
        tables[name] = table
    lineless, ruled = tables["lineless"], tables["ruled"]
    assert [c.text for c in lineless.cells if c.col != 3] == [c.text for c in ruled.cells if c.col != 3]
    # the columns of the two grids stand at the same places on the page (points)
    for a, b in zip(lineless.cells, ruled.cells, strict=True):
        assert a.bbox[0] < (b.bbox[0] + b.bbox[2]) / 2 < a.bbox[2]
