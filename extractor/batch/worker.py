"""What one batch worker process does: warm up once, then read, extract and validate files.

Test-only hooks (environment variables read by the worker):
  JIXIAO_TEST_HANG_ON=<text>   a file whose name contains <text> hangs forever (tests --timeout)
  JIXIAO_TEST_DELAY=<seconds>  every file takes at least that long (tests interrupting a batch)
"""

from __future__ import annotations

import ctypes
import importlib
import json
import os
import resource
import signal
import time
import traceback
from collections.abc import Iterable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor import code_store, pattern_store
from extractor.errors import MACHINE_ERRNOS, InputError
from extractor.models import Document, Report

if TYPE_CHECKING:
    from extractor.read import Source
    from extractor.review.pages import PageImage

PR_SET_PDEATHSIG = 1  # prctl(2)
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # mallopt(3)
# glibc's own thresholds rise with the blocks a process frees, up to these (64-bit): set as fixed
# values they give back a process whose thresholds the environment had fixed what glibc would reach.
MMAP_THRESHOLD_MAX, TRIM_THRESHOLD_MAX = 32 * 2**20, 64 * 2**20
# Variables that fix glibc's malloc thresholds at start (and so turn off their rising): dask's nanny
# sets MALLOC_TRIM_THRESHOLD_=65536 for its worker processes (``distributed.nanny.pre-spawn-environ``).
FIXED_MALLOC_ENV = ("MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_")
SHEET_FORMATS = ("xlsx", "xls", "et", "ods")

HANG_ENV, DELAY_ENV = "JIXIAO_TEST_HANG_ON", "JIXIAO_TEST_DELAY"
_WARM_TEXT = (
    "2024年度部门整体支出绩效自评报告\n一、基本情况\n"
    "年初预算数100.00万元，全年执行数90.00万元，预算执行率90.00%。\n"
)
# Modules a worker needs for each input format, imported before the fork (a text report needs none more).
_READERS = {
    ".pdf": ("pypdfium2", "pdfplumber", "extractor.read.pdf"),
    ".docx": ("docx", "extractor.read.docx"),
}


def analyze(path: str | Path) -> tuple[Document, Report]:
    """Read, extract and validate one file, reading it once; the Document's text is what spans point into."""
    doc, report, _ = _analyze(str(path), {})
    return doc, report


def _analyze(
    path: str, where: dict[str, str], ocr: str = "auto", source: Source | None = None
) -> tuple[Document, Report, dict[str, Any]]:
    """The document, its report and the flat view of the report's fields (``flat.field_view``),
    made once for the validator and the result."""
    from extractor import check
    from extractor.flat import field_view
    from extractor.pipeline import extract_document
    from extractor.read import read

    where["stage"] = "read"
    doc = read(path, ocr, source)
    where["stage"] = "extract"
    report = extract_document(doc)
    where["stage"] = "validate"
    fields = field_view(report)
    report.findings = check(report, fields)
    return doc, report, fields


def warm_up(files: Iterable[str] = ()) -> None:
    """Import the pipeline and run it once, and load jieba's dictionary, before the first file;
    and import the readers of the formats among ``files`` (a PDF's: pypdfium2 and pdfplumber).

    For a batch of one file only the imports: its one worker warms up on that file. The patterns an
    earlier process compiled are loaded first (``extractor.pattern_store``), as ``extract`` does."""
    pattern_store.load()
    from extractor import check
    from extractor.pipeline import extract_document
    from extractor.read import text  # noqa: F401 - the text reader, imported before the fork
    from extractor.validate.crossmention import content_words

    files = list(files)
    if len(files) != 1:
        check(extract_document(Document(path="warm-up.txt", format="text", text=_WARM_TEXT)))
        content_words("全民免费体检人数")  # loads jieba's dictionaries (~0.5 s) as the validator does
    suffixes = {Path(f.split("#", 1)[0]).suffix.lower() for f in files}
    for module in {m for suffix in suffixes for m in _READERS.get(suffix, ())}:
        importlib.import_module(module)
    pattern_store.save()  # for the next process (extractor.pattern_store)
    code_store.save()  # likewise the dataclasses' methods (extractor.code_store)


def process(file: str, sha: str, ocr: str = "auto", source: Source | None = None) -> dict[str, Any]:
    """One file to a result dict: ``ok`` with the report JSON, flat view and text, or the error.

    ``source``: the file's bytes read by the supervisor (a cluster worker has no shared disk).

    Nothing is written here: the supervisor writes OUTDIR. An I/O fault of the machine (EIO, ENOSPC,
    ENOMEM while reading) is a result with ``machine`` set: the batch stops and records nothing.
    """
    _test_hooks(file)
    where = {"stage": "read"}
    try:
        doc, report, fields = _analyze(file, where, ocr, source)
        where["stage"] = "write"
        return _ok(file, sha, doc, report, fields, source)
    except InputError as exc:
        return error(file, sha, exc.stage, "unreadable", exc.reason)
    except OSError as exc:
        if exc.errno in MACHINE_ERRNOS:
            return error(file, sha, where["stage"], "machine", str(exc)) | {"machine": True}
        return error(file, sha, where["stage"], "unreadable", str(exc))
    except Exception as exc:  # noqa: BLE001 - any bug in one file must not stop the batch
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        at = f" at {Path(frame.filename).name}:{frame.lineno}"
        return error(file, sha, where["stage"], "crash", f"{type(exc).__name__}: {exc}{at}")


def error(file: str, sha: str, stage: str, kind: str, message: str) -> dict[str, Any]:
    row = {"file": file, "sha256": sha, "stage": stage, "kind": kind, "message": message}
    return {"ok": False, "file": file, "sha256": sha, "error": row}


def _ok(
    file: str, sha: str, doc: Document, report: Report, fields: dict[str, Any], source: Source | None = None
) -> dict[str, Any]:
    from extractor.batch.outdir import finding_rows
    from extractor.flat import flatten

    payload: dict[str, Any] = {"text": doc.text, "page_starts": list(doc.page_starts), "format": doc.format}
    images = _page_images(file, sha, doc, source)
    if images is not None:  # [] too: rendering was tried (a resume redoes what has no "pages")
        payload["pages"] = [image.entry() for image in images]
    if doc.format in SHEET_FORMATS:  # the review page draws the sheet as a grid
        payload["tables"] = [t.model_dump(mode="json", exclude_defaults=True) for t in doc.tables]
    report_json = report.model_dump_json(exclude_none=True)
    findings = finding_rows(file, sha, report.model_dump(mode="json", include={"findings"}))
    result = {
        "ok": True,
        "file": file,
        "sha256": sha,
        "report_json": report_json,
        "flat": flatten(report, fields),
    }
    text = json.dumps(payload, ensure_ascii=False)
    pages = [(image.name, image.data) for image in images or ()]
    return result | {"findings": findings, "text": text, "reader": doc.format, "pages": pages}


def _page_images(file: str, sha: str, doc: Document, source: Source | None) -> list[PageImage] | None:
    """The pages of a PDF or scan rendered for the review page (``review.pages``): None for other
    formats; [] when the file cannot be read again or rendered (the text view stands)."""
    from extractor.read.scan_pages import IMAGE_FORMATS

    if doc.format not in IMAGE_FORMATS:
        return None  # a text, a Word document …: the review package is not imported for it
    from extractor.review.pages import render_pages

    try:
        data = source[2] if source else Path(file).read_bytes()
    except OSError:
        return []
    return render_pages(doc, data, sha)


def _test_hooks(file: str) -> None:
    hang = os.environ.get(HANG_ENV)
    if hang and hang in Path(file).name:
        while True:
            time.sleep(3600)
    delay = float(os.environ.get(DELAY_ENV) or 0)
    if delay > 0:
        time.sleep(delay)


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when its supervisor dies, even mid-file (kill -9 of a batch).
    Elsewhere a worker ends at its next task, when the closed pipe says the supervisor is gone."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def unfix_malloc() -> bool:
    """A process started with glibc's malloc thresholds fixed by its environment (``FIXED_MALLOC_ENV``,
    as a dask worker is) gets the thresholds a local pool worker's glibc reaches by itself; the
    variables leave its environment, so its children (LibreOffice) start as a pool worker's do.

    With a 64 KiB trim threshold glibc also keeps its mmap threshold at 128 KiB: every larger block
    (a page's bitmap, pdfminer's buffers) is mapped and unmapped again, and the heap's top given
    back and taken again, each time page faults of fresh zeroed memory: 40x the faults and 1.5x the
    CPU per PDF of a pool worker. Whether the thresholds were changed (False: nothing was fixed,
    or not glibc)."""
    if not any(name in os.environ for name in FIXED_MALLOC_ENV):
        return False
    for name in FIXED_MALLOC_ENV:
        os.environ.pop(name, None)
    try:
        libc = ctypes.CDLL(None)
        return bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_MAX)) and bool(
            libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_MAX)
        )
    except (OSError, AttributeError):
        return False


def _close(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


def worker_main(
    conn: Connection, ocr: str = "auto", warm: bool = False, inherited: Iterable[int] = ()
) -> None:
    """A worker process: ignore Ctrl-C (the supervisor stops us), warm up, then serve tasks until None.

    ``warm``: forked from a warmed supervisor; ``inherited``: the supervisor's ends of the other
    workers' pipes, which a forked worker closes (and SIGTERM does what it does by default again)."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for fd in inherited:
        _close(fd)
    if not warm:
        warm_up()
    conn.send(None)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the supervisor is gone
            return
        if task is None:
            return
        file, sha, *source = task  # a cluster task carries the file's bytes (cluster)
        result = process(file, sha, ocr, *source)
        result["rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        conn.send(result)
