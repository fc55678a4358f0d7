"""Where a figure's glyphs stand on a PDF page, by pdfplumber (independent of jixiao's pdfium reader)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber


def glyph_box(pdf: Path, page: int, text: str, near: tuple[float, float, float, float]):
    """The box (x0, top, x1, bottom) of the run of pdfplumber characters spelling ``text`` (spaces
    left out) nearest ``near``, or None."""
    wanted = "".join(text.split())
    with pdfplumber.open(pdf) as doc:
        chars = [c for c in doc.pages[page - 1].chars if c["text"].strip()]
    best = None
    for i in range(len(chars) - len(wanted) + 1):
        run = chars[i : i + len(wanted)]
        if "".join(c["text"] for c in run) != wanted:
            continue
        box = (
            min(c["x0"] for c in run),
            min(c["top"] for c in run),
            max(c["x1"] for c in run),
            max(c["bottom"] for c in run),
        )
        distance = sum(abs(a - b) for a, b in zip(box, near, strict=True))
        if best is None or distance < best[0]:
            best = (distance, box)
    return best[1] if best else None
