"""Regenerate the README's screenshots of the review page and of the Excel workbook.

    .venv/bin/python docs/make_screenshots.py      # needs Debian's chromium, playwright and LibreOffice

Batches the fixtures the README's first command batches (with ``--xlsx``), writes the
review page, and saves:

- docs/review-overview.png: the overview;
- docs/review-report.png: the seed report (text), its cross.mention finding clicked;
- docs/review-pages.png: the seed report's PDF, its original pages with the value boxes, the
  same finding clicked;
- docs/review-sheet.png: a workbook (fixtures/forms/p06x.xlsx) drawn as its grid, its
  ratio.execution_rate finding clicked;
- docs/workbook.png: the first sheet (报告) of the batch's Excel workbook, as LibreOffice
  prints it (``soffice --convert-to pdf``, then pypdfium2).

Every PNG is stored with a palette of 128 colours, to stay small (< 300 KB).
"""

from __future__ import annotations

import glob
import os
import subprocess
import tempfile
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
from PIL import Image, ImageOps
from playwright.sync_api import sync_playwright

from extractor.batch.run import run_batch
from extractor.review import write_review

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CHROMIUM = "/usr/bin/chromium"
INPUTS = [
    "fixtures/corpus/*.txt",
    "fixtures/documents/**/*.pdf",
    "fixtures/documents/**/*.docx",
    "fixtures/forms",
]
COLOURS = 128
WORKBOOK_DPI = 150
WORKBOOK_HEIGHT = 700  # pixels of the printed page kept (its first rows)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="jixiao-shots-") as tmp:
        out = Path(tmp) / "out"
        os.chdir(ROOT)  # file names as the README's command shows them
        assert all(glob.glob(p, recursive=True) for p in INPUTS)
        run_batch(INPUTS, out, jobs=2, xlsx=out / "jixiao.xlsx")
        html = out / "review.html"
        write_review(html, outdir=out)
        review_shots(html)
        workbook_shot(out / "jixiao.xlsx", Path(tmp))
    for name in ("review-overview", "review-report", "review-pages", "review-sheet", "workbook"):
        small_png(DOCS / f"{name}.png")


def review_shots(html: Path) -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(html.as_uri())
        page.wait_for_function("window.jixiaoReview && window.jixiaoReview.ready")
        page.screenshot(path=str(DOCS / "review-overview.png"))
        for name, rule, shot in (
            ("xj-street-2024.txt", "cross.mention", "review-report.png"),
            ("xj-street-2024.pdf", "cross.mention", "review-pages.png"),
            ("p06x.xlsx", "ratio.execution_rate", "review-sheet.png"),
        ):
            page.goto(html.as_uri())
            page.wait_for_function("window.jixiaoReview && window.jixiaoReview.ready")
            page.click(f"#reports-body a:text-is('{name}')")
            page.locator("#overview").wait_for(state="hidden")
            page.locator(f"#report li.finding[data-rule='{rule}']").first.click()
            for _ in range(100):  # the page images in view have loaded (CSP forbids wait_for_function)
                if page.locator("img").evaluate_all("is => is.every(i => i.complete)"):
                    break
                page.wait_for_timeout(100)
            page.screenshot(path=str(DOCS / shot))
        browser.close()


def workbook_shot(xlsx: Path, tmp: Path) -> None:
    """The workbook's first sheet printed on one landscape page width (a copy set up so with
    openpyxl, its SHA-256 column hidden): LibreOffice Calc to PDF, pypdfium2 to an image,
    cropped to its first rows."""
    book = openpyxl.load_workbook(xlsx)
    for sheet in book.worksheets:
        sheet.page_setup.orientation = "landscape"
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        for cell in sheet[1]:
            if cell.value == "SHA-256":  # 64 hex digits would halve the print's scale
                sheet.column_dimensions[cell.column_letter].hidden = True
    xlsx = tmp / "jixiao-print.xlsx"
    book.save(xlsx)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = pdfium.PdfDocument(tmp / f"{xlsx.stem}.pdf")
    image = pdf[0].render(scale=WORKBOOK_DPI / 72).to_pil().convert("RGB")
    image = image.crop((0, 0, image.width, min(image.height, WORKBOOK_HEIGHT)))
    pdf.close()
    box = ImageOps.invert(image.convert("L")).getbbox()  # the printed area, without the blank margin
    if box:
        pad = 12
        box = (max(0, box[0] - pad), max(0, box[1] - pad), min(image.width, box[2] + pad), box[3])
        image = image.crop(box)
    image.save(DOCS / "workbook.png")


def small_png(path: Path) -> None:
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(COLOURS, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


if __name__ == "__main__":
    main()
