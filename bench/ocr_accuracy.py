"""OCR resolution and confidence threshold, measured on the scans of fixtures/make_scans.py.

    .venv/bin/python bench/ocr_accuracy.py --dpi 100 --dpi 150 --dpi 200 [NAME ...]

Every OCR run (a recognized box or table cell) of a scan is looked up in the text layer of
the PDF it was scanned from (whitespace removed, bracket widths folded): a run found there
was read right, one not found was misread. Printed per resolution: seconds per page, the
share of runs read right (of those with digits too), and, per confidence threshold, how
many misread runs with digits fall below it (would be flagged) and how many right ones do.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import extractor.read.ocr as ocr  # noqa: E402
from extractor.read import read  # noqa: E402

FOLD = str.maketrans("（）：；，", "():;,")
THRESHOLDS = (0.8, 0.85, 0.9, 0.93, 0.95, 0.97)


def _squash(text: str) -> str:
    return "".join(text.split()).translate(FOLD)


def measure(scans: dict[str, Path], dpi: int) -> list[tuple[bool, bool, float]]:
    """(read right, has digits, confidence) of every run; prints the time per page."""
    ocr.OCR_DPI = dpi
    runs, pages, seconds = [], 0, 0.0
    for name, scan in scans.items():
        truth = _squash(read(ROOT / "fixtures" / "documents" / f"{name}.pdf", ocr="off").text)
        start = time.perf_counter()
        doc = read(scan)
        seconds += time.perf_counter() - start
        pages += len(doc.page_starts)
        for r in doc.ocr_runs:
            text = _squash(doc.text[r.start : r.end])
            runs.append((text in truth, any(c.isdigit() for c in text), r.confidence))
    print(f"dpi {dpi}: {seconds / pages:.2f} s/page over {pages} pages")
    return runs


def report(runs: list[tuple[bool, bool, float]]) -> None:
    right = sum(ok for ok, _, _ in runs)
    digits = [(ok, c) for ok, d, c in runs if d]
    print(f"  runs read right {right}/{len(runs)}; with digits {sum(ok for ok, _ in digits)}/{len(digits)}")
    for t in THRESHOLDS:
        caught = sum(1 for ok, c in digits if not ok and c < t)
        missed = sum(1 for ok, c in digits if not ok and c >= t)
        alarms = sum(1 for ok, c in digits if ok and c < t)
        print(f"  threshold {t}: misread figures flagged {caught}, not {missed}; right ones flagged {alarms}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="fixtures/documents PDFs to scan (default: make_scans.SOURCES)")
    ap.add_argument("--dpi", type=int, action="append", help="resolutions to try (default 150)")
    args = ap.parse_args()
    spec = importlib.util.spec_from_file_location("make_scans", ROOT / "fixtures" / "make_scans.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with tempfile.TemporaryDirectory(prefix="jixiao-ocr-") as tmp:
        scans = {p.stem: p for p in module.main(args.names, Path(tmp))}
        for dpi in args.dpi or [150]:
            report(measure(scans, dpi))


if __name__ == "__main__":
    main()
