"""Bytes and milliseconds per page of the review page's page images (extractor/review/pages.py).

    .venv/bin/python bench/page_images.py [PDF ...]     # default: the committed text-layer PDFs

Renders every page as the batch does (PAGE_DPI, GREY_LEVELS, lossless WebP) and prints
KB per page, ms per page, and what 1000 reports of 8 pages would take.
"""

from __future__ import annotations

import glob
import sys
import time
from pathlib import Path

from extractor.models import Document
from extractor.review.pages import GREY_LEVELS, PAGE_DPI, render_pages

ROOT = Path(__file__).resolve().parent.parent


def main(files: list[str]) -> None:
    files = files or sorted(
        f for f in glob.glob(str(ROOT / "fixtures/documents/**/*.pdf"), recursive=True) if "bad-" not in f
    )
    pages = size = 0
    started = time.perf_counter()
    for f in files:
        images = render_pages(Document(path=f, format="pdf", text=""), Path(f).read_bytes(), "x")
        pages += len(images)
        size += sum(len(i.data) for i in images)
    seconds = time.perf_counter() - started
    kb = size / max(pages, 1) / 1024
    print(f"{len(files)} files, {pages} pages at {PAGE_DPI} dpi, {GREY_LEVELS} greys, lossless WebP")
    print(f"{kb:.1f} KB/page, {seconds * 1000 / max(pages, 1):.0f} ms/page")
    print(f"1000 reports x 8 pages: {kb * 8000 / 1024:.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
