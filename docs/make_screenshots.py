"""Regenerate the README's screenshots of the review page from the bundled samples.

    .venv/bin/python docs/make_screenshots.py      # needs Debian's chromium and playwright

Batches the fixtures the README's first command batches, writes the review page,
and saves docs/review-overview.png and docs/review-report.png (the seed report,
its cross.mention finding clicked).
"""

from __future__ import annotations

import glob
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from extractor.batch.run import run_batch
from extractor.review import write_review

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CHROMIUM = "/usr/bin/chromium"
INPUTS = ["fixtures/corpus/*.txt", "fixtures/documents/**/*.pdf", "fixtures/documents/**/*.docx"]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="jixiao-shots-") as tmp:
        out = Path(tmp) / "out"
        inputs = [str(ROOT / p) for p in INPUTS]
        assert all(glob.glob(p, recursive=True) for p in inputs)
        run_batch(inputs, out, jobs=2)
        html = out / "review.html"
        write_review(html, outdir=out)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(html.as_uri())
            page.wait_for_function("window.jixiaoReview && window.jixiaoReview.ready")
            page.screenshot(path=str(DOCS / "review-overview.png"))
            page.click("#reports-body a:text-is('xj-street-2024.txt')")
            page.locator("#overview").wait_for(state="hidden")
            page.locator("#report .finding").first.click()
            page.screenshot(path=str(DOCS / "review-report.png"))
            browser.close()


if __name__ == "__main__":
    main()
