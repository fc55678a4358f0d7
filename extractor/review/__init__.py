"""The review page: one self-contained HTML file to check what jixiao extracted.

    from extractor.review import write_review
    write_review("review.html", outdir="out/")        # a batch OUTDIR
    write_review("a.html", report=report)             # one report (its source is read again)

The page needs no server and no network: CSS and JavaScript are inline. The
overview is built from one small JSON block; each report's text, values and
findings sit in their own ``<script type="application/json">`` block and are
turned into DOM (``textContent`` only) when the report is opened. JSON is
embedded with ``<``, ``>`` and ``&`` escaped, so report text cannot end the block.
"""

from __future__ import annotations

import html
import json
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from extractor.models import Document, Report

__all__ = ["write_review"]


def write_review(
    output: str | Path,
    *,
    outdir: str | Path | None = None,
    report: Report | None = None,
    document: Document | None = None,
) -> int:
    """Write the review page for a batch OUTDIR, or for one report; returns the number of reports.

    For one report, ``document`` is the Document it was extracted from; when it is
    omitted the report's source file is read again.
    """
    from extractor.review import payload

    if (outdir is None) == (report is None):
        raise ValueError("give either outdir or report")
    out = Path(output)
    if outdir is not None:
        entries, errors = payload.load_outdir(Path(outdir))
        title = f"jixiao review: {Path(outdir).name or outdir}"
        for entry in entries:
            _link_pages(entry.pages, Path(outdir), out.parent)
    else:
        entries, errors = [payload.single_entry(report, document)], []
        title = f"jixiao: {Path(report.source.path).name}"
        entries[0].pages = _render_beside(report, document, out.parent)
    rows, blocks = [], []
    for i, entry in enumerate(entries):
        row, data = payload.build(entry, i)
        rows.append(row)
        blocks.append(f'<script type="application/json" id="report-{i}">{_json(data)}</script>')
    overview = {
        "title": title,
        "single": report is not None,
        "rows": rows,
        "errors": errors,
        "rules": payload.rule_catalog(),
    }
    page = _fill(
        _asset("template.html"),
        {
            "title": html.escape(title),
            "css": _asset("review.css"),
            "js": _asset("review.js"),
            "data": f'<script type="application/json" id="overview-data">{_json(overview)}</script>\n'
            + "\n".join(blocks),
        },
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8", errors="replace")
    return len(entries)


def _link_pages(pages: list[dict[str, Any]], outdir: Path, html_dir: Path) -> None:
    """Point each page image (``pages/…`` under OUTDIR) at its place relative to the HTML file."""
    for page in pages:
        target = Path(os.path.abspath(outdir / str(page.get("image", ""))))
        rel = os.path.relpath(target, os.path.abspath(html_dir or "."))
        page["src"] = quote(Path(rel).as_posix())


def _render_beside(report: Report, document: Document | None, html_dir: Path) -> list[dict[str, Any]]:
    """One report's page view (``extract --html``): its pages rendered into pages/ beside the HTML
    file. Nothing is rendered when the source cannot be read again or is not a PDF or scan."""
    from extractor.review.pages import IMAGE_FORMATS, PAGES_DIR, render_pages

    fmt = document.format if document is not None else report.source.format
    if fmt not in IMAGE_FORMATS:
        return []
    try:
        data = Path(report.source.path).read_bytes()
        doc = document or Document(path=report.source.path, format=fmt, text="")
        images = render_pages(doc, data, report.source.sha256 or "page")
        if images:
            (html_dir / PAGES_DIR).mkdir(parents=True, exist_ok=True)
        for image in images:
            (html_dir / PAGES_DIR / image.name).write_bytes(image.data)
    except OSError:
        return []
    return [image.entry() | {"src": quote(image.entry()["image"])} for image in images]


def _json(data: Any) -> str:
    """JSON safe inside a <script> element: no '<' (so no '</script>' or '<!--'), '>' or '&'."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _asset(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def _fill(template: str, values: dict[str, str]) -> str:
    """Replace {{name}} placeholders in one pass (inserted text is never scanned again)."""
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], template)
