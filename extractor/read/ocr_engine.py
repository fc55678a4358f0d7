"""The recognizer of scanned pages: RapidOCR (PP-OCRv4 models inside the rapidocr-onnxruntime
wheel), offline, loaded once per process. ``recognize`` gives a page image's text boxes (``Box``,
pixels) with each character's centre; ``corrected`` puts right the misreadings patterns/ocr.toml
lists; ``ink_of`` is the page's inked pixels that the ruling and the cell checks look at.
rapidocr, onnxruntime and OpenCV are imported only when a page is OCRed."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import patterns

MIN_TEXT_SCORE = 0.0  # keep every recognized box; low confidence is flagged, not dropped
_P = patterns.load("ocr")
LONE_SYMBOLS: dict[str, str] = _P["lone_symbols"]
BRACKETS: dict[str, str] = _P["brackets"]
CLOSING = set(BRACKETS.values())


@dataclass(slots=True)
class Box:
    """One recognized text box on a page, in PDF points (top-down)."""

    text: str
    confidence: float
    x0: float
    top: float
    x1: float
    bottom: float
    centres: tuple[tuple[float, float], ...] = ()  # (x, y) of each character, where the recognizer gives them

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


@lru_cache(maxsize=1)
def engine():
    """The OCR engine, loaded once per process (models from the installed wheel)."""
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def recognize(pixels) -> tuple[list[Box], list[list[list[float]]]]:
    """The page's text boxes (pixels) and their quadrilaterals; each box with the centre of each
    of its characters (the recognizer's column for it: ``return_word_box``)."""
    import numpy as np

    rgb = np.stack([pixels] * 3, axis=-1)
    result, _ = engine()(rgb, use_cls=False, text_score=MIN_TEXT_SCORE, return_word_box=True)
    boxes, quads = [], []
    for quad, text, score, *chars in result or []:
        xs, ys = [p[0] for p in quad], [p[1] for p in quad]
        if text.strip():
            box = Box(text.strip(), float(score), min(xs), min(ys), max(xs), max(ys))
            box.centres = _centres(text, chars)
            boxes.append(box)
            quads.append(quad)
    return boxes, quads


def _centres(text: str, chars: list) -> tuple[tuple[float, float], ...]:
    """The (x, y) centre of each character of the stripped text, from the recognizer's character
    boxes; none when they do not match the text one for one."""
    if len(chars) < 2 or len(chars[0]) != len(text) or list(chars[1]) != list(text):
        return ()
    lead = len(text) - len(text.lstrip())
    quads = chars[0][lead : lead + len(text.strip())]
    return tuple((sum(p[0] for p in q) / 4, sum(p[1] for p in q) / 4) for q in quads)


def corrected(text: str) -> str:
    """A cell's recognized text with the misreadings of patterns/ocr.toml put right: a lone
    symbol read as its look-alike, a closing bracket lost at the cell's edge."""
    text = LONE_SYMBOLS.get(text, text)
    opened = [c for c in text if c in BRACKETS or c in CLOSING]
    unclosed = sum(c in BRACKETS for c in opened) - sum(c in CLOSING for c in opened)
    if unclosed > 0 and not text.endswith(tuple(BRACKETS)):  # OCR mixes the widths: （30分) is closed
        last_open = next(c for c in reversed(opened) if c in BRACKETS)
        text += BRACKETS[last_open]
    return text


def ink_of(pixels):
    import cv2

    return cv2.adaptiveThreshold(pixels, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)


def kernel(width: int, height: int):
    import cv2

    return cv2.getStructuringElement(cv2.MORPH_RECT, (width, height))
