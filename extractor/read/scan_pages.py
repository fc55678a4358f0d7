"""How many pages of a file OCR would read (for the batch's per-file time limit); cheap, never raises."""

from __future__ import annotations

from pathlib import Path

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}
# Document.format of the inputs whose pages the review page shows as images (extractor/review/pages.py);
# here, where a batch worker asks it of every file without importing the review package
IMAGE_FORMATS = ("pdf", "image")


def ocr_pages(file: str, ocr: str = "auto") -> int:
    """Pages without a text layer (every page with ``force``; 0 with ``off``); image frames."""
    if ocr == "off":
        return 0
    suffix = Path(file).suffix.lower()
    try:
        if suffix in IMAGE_SUFFIXES:
            from PIL import Image

            with Image.open(file) as image:
                return getattr(image, "n_frames", 1)
        if suffix == ".pdf":
            return _pdf_pages(file, ocr)
    except Exception:  # noqa: BLE001 - the reader itself reports an unreadable file
        return 0
    return 0


def _pdf_pages(file: str, ocr: str) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(file)
    try:
        if ocr == "force":
            return len(pdf)
        count = 0
        for page in pdf:
            text = page.get_textpage()
            count += text.count_chars() == 0
            text.close()
            page.close()
        return count
    finally:
        pdf.close()
