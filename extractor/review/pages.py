"""Page images for the review page: each page of a PDF or scan rendered once, at batch time.

    from extractor.review.pages import render_pages
    images = render_pages(doc, data, sha)      # [PageImage], [] for text, Word, sheets …

A page is rendered with pypdfium2 (an image file's frames with Pillow) at ``PAGE_DPI``,
in ``GREY_LEVELS`` greys, as lossless WebP (measured: README "Review page"); the batch writes
each beside its text as ``pages/<sha256>-<page>.webp`` and its size in points goes into
``texts/<sha256>.json`` (``pages``), so the page can draw a value's box (points) on it at
any zoom. A page that cannot be rendered is left out (the text view still shows it):
an image is never a reason to fail an input.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from extractor.models import Document
from extractor.read.scan_pages import IMAGE_FORMATS  # Document.format of the inputs whose pages are rendered

PAGE_DPI = 96  # a screen's 100%: 10.5 pt text is 14 px high
GREY_LEVELS = 4  # text stays legible with 4 greys; lossless WebP of them is a third of lossy q40's size
_LEVEL = 255 / (GREY_LEVELS - 1)
POSTERIZE = [round(round(v / _LEVEL) * _LEVEL) for v in range(256)]
PAGES_DIR = "pages"
MAX_PIXELS = 4_000_000  # a huge page (a poster, a 200 dpi scan frame) is scaled down to this


@dataclass(frozen=True)
class PageImage:
    """One rendered page: its file name under OUTDIR/pages, its size in points and its bytes."""

    name: str
    page: int
    width: float
    height: float
    data: bytes

    def entry(self) -> dict[str, Any]:
        """What texts/<sha>.json keeps of it."""
        image = f"{PAGES_DIR}/{self.name}"
        return {"page": self.page, "image": image, "width": self.width, "height": self.height}


def image_name(sha: str, page: int) -> str:
    """The file name of a page's image: the SHA-256 of the input and the 1-based page number."""
    return f"{sha}-{page}.webp"


def render_pages(doc: Document, data: bytes, sha: str) -> list[PageImage]:
    """Every page of a PDF (text layer or scan) or image file as a WebP; [] for other formats."""
    try:
        if doc.format not in IMAGE_FORMATS:
            return []
        if doc.format == "pdf":
            return list(_pdf_pages(data, sha))
        return list(_image_pages(data, sha))
    except Exception:  # noqa: BLE001 - pdfium/Pillow raise many types; the page keeps its text view
        return []


def _pdf_pages(data: bytes, sha: str):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                width, height = page.get_width(), page.get_height()
                scale = _scale(width, height, PAGE_DPI / 72)
                image = page.render(scale=scale, grayscale=True).to_pil()
            except pdfium.PdfiumError:
                continue
            finally:
                page.close()
            yield PageImage(image_name(sha, index + 1), index + 1, width, height, _webp(image))
    finally:
        pdf.close()


def _image_pages(data: bytes, sha: str):
    """Frames of an image file; a frame's size in points is what the OCR reader takes it to be
    (its dpi, else ``IMAGE_DPI``), so OCR boxes land on it."""
    from PIL import Image, ImageSequence

    from extractor.read.ocr import IMAGE_DPI

    with Image.open(io.BytesIO(data)) as image:
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            dpi = float(frame.info.get("dpi", (IMAGE_DPI, IMAGE_DPI))[0] or IMAGE_DPI)
            width, height = frame.width * 72 / dpi, frame.height * 72 / dpi
            scale = _scale(width, height, PAGE_DPI / 72)
            size = (max(1, round(width * scale)), max(1, round(height * scale)))
            grey = frame.convert("L").resize(size)
            yield PageImage(image_name(sha, index + 1), index + 1, width, height, _webp(grey))


def _scale(width: float, height: float, scale: float) -> float:
    """Pixels per point: ``scale``, less for a page that would exceed MAX_PIXELS."""
    pixels = width * height * scale * scale
    return scale if pixels <= MAX_PIXELS else scale * (MAX_PIXELS / pixels) ** 0.5


def _webp(image) -> bytes:
    out = io.BytesIO()
    image.convert("L").point(POSTERIZE).save(out, "WEBP", lossless=True, method=4)
    return out.getvalue()
