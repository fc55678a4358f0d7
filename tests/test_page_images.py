"""Page images and value boxes for the review page (extractor/review/pages.py, extractor/boxes.py).

A batch renders each page of a PDF or scan once into OUTDIR/pages/<sha256>-<page>.webp and
lists them in texts/<sha256>.json; a value read from a PDF's prose carries the box of its
characters; a workbook's grids go into its texts/ JSON for the review page's sheet view.
The browser tests of both views are in tests/test_review.py.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
from pathlib import Path

import pytest
from glyphs import glyph_box
from PIL import Image

from extractor import check
from extractor.batch import outdir as batch_outdir
from extractor.batch.run import run_batch
from extractor.errors import MachineError
from extractor.models import Report
from extractor.pipeline import extract_document
from extractor.read import read
from extractor.review.pages import PAGE_DPI, image_name
from extractor.review.payload import build, load_outdir, value_list

ROOT = Path(__file__).resolve().parent.parent
XJ_PDF = ROOT / "fixtures" / "documents" / "xj-street-2024.pdf"
XJ_TXT = ROOT / "fixtures" / "corpus" / "xj-street-2024.txt"
WORKBOOK = ROOT / "fixtures" / "forms" / "p06x.xlsx"
TOLERANCE = 1.5  # points: pdfium's loose character boxes against pdfplumber's


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def texts_json(out: Path, sha: str) -> dict:
    return json.loads((out / "texts" / f"{sha}.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- boxes of prose values


def xj_report() -> Report:
    doc = read(str(XJ_PDF))
    report = extract_document(doc)
    report.findings = check(report)
    return report


def test_prose_values_of_a_pdf_carry_the_box_of_their_glyphs():
    report = xj_report()
    values = dict(value_list(report)) | {"quantities.14": report.quantities[13].value}
    checked = 0
    for key in ("budget.initial", "budget.executed", "budget.execution_rate", "quantities.14"):
        span = values[key].span
        assert span is not None and span.bbox is not None, key
        glyphs = glyph_box(XJ_PDF, span.page, span.text, span.bbox)
        assert glyphs is not None, (key, span.text)
        near = all(abs(a - b) <= TOLERANCE for a, b in zip(span.bbox, glyphs, strict=True))
        assert near, (key, span, glyphs)
        checked += 1
    assert checked == 4
    # the finding's facts point at the same places
    mention = next(f for f in report.findings if f.rule == "cross.mention")
    assert [f.key for f in mention.facts] == ["quantities.14", "indicators.5.actual"]
    assert [f.span.bbox for f in mention.facts] == [
        values["quantities.14"].span.bbox,
        values["indicators.5.actual"].span.bbox,
    ]


def test_a_text_report_has_no_boxes():
    report = extract_document(read(str(XJ_TXT)))
    assert all(v.span is None or v.span.bbox is None for _, v in value_list(report))


# --------------------------------------------------------------------------- batch


@pytest.fixture(scope="module")
def xj_batch(tmp_path_factory):
    out = tmp_path_factory.mktemp("pages") / "out"
    run_batch([str(XJ_PDF), str(XJ_TXT), str(WORKBOOK)], out, jobs=1)
    return out


def test_a_batch_writes_every_page_of_a_pdf_once_named_by_sha_and_page(xj_batch):
    sha = sha256(XJ_PDF)
    data = texts_json(xj_batch, sha)
    n = len(data["page_starts"])
    assert n == 7
    assert [p["image"] for p in data["pages"]] == [f"pages/{image_name(sha, k)}" for k in range(1, n + 1)]
    assert sorted(os.listdir(xj_batch / "pages")) == sorted(image_name(sha, k) for k in range(1, n + 1))
    for page in data["pages"]:
        assert (round(page["width"]), round(page["height"])) == (595, 842)  # A4 in points
        with Image.open(xj_batch / page["image"]) as image:
            assert image.format == "WEBP"
            assert image.size == (round(page["width"] * PAGE_DPI / 72), round(page["height"] * PAGE_DPI / 72))
            assert len(image.convert("L").getcolors()) <= 4  # four greys
    size = sum((xj_batch / p["image"]).stat().st_size for p in data["pages"]) / n
    assert 5_000 < size < 60_000  # bytes per page (README: about 22 KB for this report)


def test_text_and_workbook_inputs_have_no_page_images_and_a_workbook_keeps_its_grid(xj_batch):
    assert "pages" not in texts_json(xj_batch, sha256(XJ_TXT))
    book = texts_json(xj_batch, sha256(WORKBOOK))
    assert "pages" not in book and book["format"] == "xlsx"
    doc = read(str(WORKBOOK))
    assert [t["n_rows"] for t in book["tables"]] == [t.n_rows for t in doc.tables]
    merged = [c for t in book["tables"] for c in t["cells"] if c.get("rowspan", 1) > 1]
    assert merged and {c["address"] for c in merged} == {
        c.address for t in doc.tables for c in t.cells if c.rowspan > 1
    }


def test_review_payload_places_marks_on_page_images_and_sheet_cells(xj_batch, tmp_path):
    entries, _ = load_outdir(xj_batch)
    by_format = {e.format: e for e in entries}
    _, pdf = build(by_format["pdf"], 0)
    assert [p["page"] for p in pdf["pages"]] == list(range(1, 8)) and pdf["grids"] == []
    span = by_format["pdf"].report.quantities[13].value.span
    mark = next(m for m in pdf["marks"] if (m["s"], m["e"]) == (span.start, span.end))
    assert mark["box"] == [span.page, *span.bbox] and mark["box"][0] == 2

    _, book = build(by_format["xlsx"], 1)
    assert book["pages"] == [] and len(book["grids"]) == 1
    grid = book["grids"][0]
    addresses = {c[5] for c in grid["cells"]}
    rate = dict(value_list(by_format["xlsx"].report))["budget.execution_rate"].span
    assert rate.address == "Sheet1!I6" and rate.address in addresses
    assert any(m.get("cell") == "Sheet1!I6" for m in book["marks"])
    a15 = next(c for c in grid["cells"] if c[5] == "Sheet1!A15")
    assert a15[2] > 1  # 产出指标 merged down its rows

    _, text = build(by_format["text"], 2)
    assert text["pages"] == [] and text["grids"] == [] and not any("box" in m for m in text["marks"])


def test_a_page_image_deleted_is_written_again_by_the_next_run(tmp_path):
    out = tmp_path / "out"
    run_batch([str(XJ_PDF)], out, jobs=1)
    sha = sha256(XJ_PDF)
    again = run_batch([str(XJ_PDF)], out, jobs=1)
    assert again["this_run"]["processed"] == 0  # all there: nothing redone
    gone = out / "pages" / image_name(sha, 3)
    before = gone.read_bytes()
    gone.unlink()
    redo = run_batch([str(XJ_PDF)], out, jobs=1)
    assert redo["this_run"]["processed"] == 1 and gone.read_bytes() == before
    assert len((out / "reports.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_a_full_disk_writing_a_page_image_is_the_machines_fault(tmp_path, monkeypatch):
    out = tmp_path / "out"
    real = batch_outdir.write_all
    count = {"n": 0}

    def write_all(fd: int, data: bytes, path: Path) -> None:
        if Path(path).parent.name == "pages":
            count["n"] += 1
            if count["n"] == 2:
                real(fd, data[: len(data) // 2], path)
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(fd, data, path)

    with monkeypatch.context() as m:
        m.setattr(batch_outdir, "write_all", write_all)
        with pytest.raises(MachineError) as info:
            run_batch([str(XJ_PDF)], out, jobs=1)
    assert info.value.exit_code == 4
    assert not (out / "reports.jsonl").read_text(encoding="utf-8")  # nothing recorded against the file
    assert "xj-street" not in (out / "errors.csv").read_text(encoding="utf-8-sig")
    assert not [p for p in (out / "pages").iterdir() if p.name.endswith(".tmp")]  # no torn image left
    summary = run_batch([str(XJ_PDF)], out, jobs=1)
    assert summary["this_run"]["processed"] == 1
    assert len(os.listdir(out / "pages")) == 7
    for name in os.listdir(out / "pages"):
        Image.open(io.BytesIO((out / "pages" / name).read_bytes())).verify()
