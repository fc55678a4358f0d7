"""The local pool forks its workers from a warmed supervisor (Linux): one warm-up per batch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractor.batch import pool as pool_module
from extractor.batch import worker
from extractor.batch.pool import FORK, Pool
from extractor.batch.worker import HANG_ENV

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fixtures" / "corpus"

pytestmark = pytest.mark.skipif(
    not FORK, reason="workers are forked only where fork() is the default (Linux)"
)


def test_workers_forked_from_one_warm_up_even_when_one_is_replaced(tmp_path, monkeypatch):
    for name in ("a01", "a02", "b01", "xj-street-2024"):
        shutil.copy(CORPUS / f"{name}.txt", tmp_path / f"{name}.txt")
    shutil.copy(CORPUS / "a01.txt", tmp_path / "hang-me.txt")
    marker = tmp_path / "a worker warmed up itself"
    supervisor_warm_ups: list[list[str]] = []
    real_warm_up = worker.warm_up
    monkeypatch.setattr(
        pool_module, "warm_up", lambda files: supervisor_warm_ups.append(list(files)) or real_warm_up()
    )
    monkeypatch.setattr(worker, "warm_up", lambda *a: marker.write_text("!"))
    monkeypatch.setenv(HANG_ENV, "hang-me")
    files = sorted(str(p) for p in tmp_path.glob("*.txt"))
    results = list(Pool(jobs=2, timeout=1).run([(f, "sha") for f in files]))
    kinds = {Path(r["file"]).name: "ok" if r["ok"] else r["error"]["kind"] for r in results}
    assert kinds == {
        "a01.txt": "ok",
        "a02.txt": "ok",
        "b01.txt": "ok",
        "xj-street-2024.txt": "ok",
        "hang-me.txt": "timeout",
    }
    assert supervisor_warm_ups == [files]
    assert not marker.exists()  # neither the first workers nor the replacement of the killed one


def test_warm_up_imports_the_readers_of_the_formats_to_read(monkeypatch):
    imported: list[str] = []
    monkeypatch.setattr(worker.importlib, "import_module", imported.append)
    worker.warm_up(["a.txt", "b.PDF", "book.xlsx#Sheet2"])
    assert sorted(imported) == ["extractor.read.pdf", "pdfplumber", "pypdfium2"]


def test_warm_up_runs_its_report_unless_the_batch_is_one_file(monkeypatch):
    import extractor.pipeline

    runs: list[str] = []
    real = extractor.pipeline.extract_document
    recorded = lambda doc: runs.append(doc.path) or real(doc)  # noqa: E731
    monkeypatch.setattr(extractor.pipeline, "extract_document", recorded)
    worker.warm_up(["only.txt"])
    assert runs == []  # the one worker warms up on its file: no report run twice
    worker.warm_up(["a.txt", "b.txt"])
    worker.warm_up()
    assert runs == ["warm-up.txt", "warm-up.txt"]
