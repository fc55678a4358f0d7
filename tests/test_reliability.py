"""Nothing lost, nothing overwritten: faults of the machine, torn files, concurrent runs, loads,
hostile files (issue 14). Each test reproduces one way it broke."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from extractor.batch import outdir as batch_outdir
from extractor.batch.outdir import ERRORS_HEADER, FINDINGS_HEADER, lock
from extractor.batch.run import run_batch
from extractor.batch.summary import exit_code
from extractor.errors import InputError, MachineError, OutdirBusy
from extractor.read import limits as read_limits
from extractor.read import read
from extractor.store import load_outdir, mask_url
from extractor.store.sqlite import SqliteStore

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fixtures" / "corpus"
JSONL = ("reports.jsonl", "flat.jsonl")
CSVS = {"findings.csv": FINDINGS_HEADER, "errors.csv": ERRORS_HEADER}


def jixiao(*args: str, cwd: Path = ROOT, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120, **kw
    )


def inputs(folder: Path, n: int = 6) -> Path:
    """n different reports (the corpus texts, numbered) plus an empty file and a duplicate."""
    folder.mkdir(parents=True)
    sources = sorted(CORPUS.glob("*.txt"))
    for i in range(n):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        (folder / f"r{i:02d}.txt").write_text(text + f"\n附件编号：{i}\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    shutil.copy(folder / "r00.txt", folder / "r00-copy.txt")
    return folder


def intact(out: Path) -> dict[str, str]:
    """file -> 'ok' or its error kind, after checking that no file of OUTDIR is torn or doubled."""
    for name in JSONL:
        data = (out / name).read_bytes()
        assert data == b"" or data.endswith(b"\n"), name
        for line in data.decode("utf-8").splitlines():
            json.loads(line)
    rows = {}
    for name, header in CSVS.items():
        data = (out / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\n"), name
        reader = csv.reader(io.StringIO(data.decode("utf-8-sig")), strict=True)
        table = list(reader)
        assert table[0] == header and all(len(r) == len(header) for r in table), name
        rows[name] = table[1:]
    reports = [json.loads(x) for x in (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len({r["sha256"] for r in reports}) == len(reports)
    assert len(rows["findings.csv"]) == sum(len(r["report"]["findings"]) for r in reports)
    for r in reports:
        text = json.loads((out / "texts" / f"{r['sha256']}.json").read_text(encoding="utf-8"))
        assert text["format"] == "text" and text["text"]
    seen: dict[str, str] = {}
    names = [f for r in reports for f in r["files"]]
    flat = [json.loads(x)["file"] for x in (out / "flat.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(flat) == sorted(names)
    for f in names:
        assert f not in seen, f
        seen[f] = "ok"
    for row in rows["errors.csv"]:
        assert row[0] not in seen, row[0]
        seen[row[0]] = row[3]
    return seen


def claims_complete(out: Path) -> bool:
    path = out / "manifest.json"
    return path.is_file() and json.loads(path.read_text(encoding="utf-8"))["complete"] is True


def expected(src: Path) -> dict[str, str]:
    return {str(p): ("unreadable" if p.name == "empty.txt" else "ok") for p in sorted(src.iterdir())}


# --------------------------------------------------------------------------- faults of the machine

WRITES = {  # kind -> does this path belong to it
    "reports": lambda p: p.name == "reports.jsonl",
    "flat": lambda p: p.name == "flat.jsonl",
    "findings": lambda p: p.name == "findings.csv",
    "errors": lambda p: p.name == "errors.csv",
    "texts": lambda p: p.parent.name == "texts",
    "manifest": lambda p: p.name == "manifest.json",
}


def disk_full_at(monkeypatch: pytest.MonkeyPatch, kind: str, nth: int, code: int = errno.ENOSPC) -> None:
    """The nth write of this kind writes half its bytes, then fails with ``code`` (as a full disk does)."""
    real = batch_outdir.write_all
    count = {"n": 0}

    def write_all(fd: int, data: bytes, path: Path) -> None:
        if WRITES[kind](Path(path)):
            count["n"] += 1
            if count["n"] == nth:
                real(fd, data[: len(data) // 2 + 1], path)  # a cut inside a UTF-8 character, likely
                raise OSError(code, os.strerror(code), str(path))
        real(fd, data, path)

    monkeypatch.setattr(batch_outdir, "write_all", write_all)


def sqlite_full_at(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite runs out of space after a chunk's report rows are in (the transaction must roll back)."""
    real = SqliteStore._insert

    def insert(self, table: str, rows: list[tuple]) -> None:
        real(self, table, rows)
        if table == "budget":
            raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(SqliteStore, "_insert", insert)


@pytest.mark.parametrize(
    "kind,nth,code",
    [
        ("reports", 3, errno.ENOSPC),
        ("flat", 2, errno.EIO),
        ("findings", 4, errno.ENOSPC),
        ("errors", 2, errno.EACCES),
        ("texts", 2, errno.ENOSPC),
        ("texts", 1, errno.EACCES),
        ("manifest", 1, errno.EIO),
    ],
)
def test_a_failed_write_stops_the_batch_and_a_rerun_ends_every_input_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, nth: int, code: int
) -> None:
    src, out, db = inputs(tmp_path / "in"), tmp_path / "out", tmp_path / "out.sqlite"
    with monkeypatch.context() as m:
        disk_full_at(m, kind, nth, code)
        with pytest.raises(MachineError) as info:
            run_batch([str(src)], out, jobs=1, db=str(db))
    assert f"cannot write ({os.strerror(code)})" in str(info.value) and info.value.exit_code == 4
    done = intact(out)  # nothing torn after the fault …
    assert all(v == "ok" or Path(f).name == "empty.txt" for f, v in done.items())  # … nor blamed on an input
    assert not claims_complete(out)

    summary = run_batch([str(src)], out, jobs=1, db=str(db))
    assert intact(out) == expected(src)
    assert summary["totals"]["records"] == 7 and summary["totals"]["reports"] == 6
    assert claims_complete(out)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 6
    assert con.execute("SELECT count(*) FROM files").fetchone()[0] == 8


def test_a_failed_database_write_rolls_back_and_the_rerun_loads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out, db = inputs(tmp_path / "in"), tmp_path / "out", tmp_path / "out.sqlite"
    with monkeypatch.context() as m:
        sqlite_full_at(m)
        with pytest.raises(MachineError, match="database or disk is full"):
            run_batch([str(src)], out, jobs=1, db=str(db))
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 0  # the chunk rolled back
    assert intact(out) == expected(src)  # the OUTDIR itself was finished …
    assert not claims_complete(out)  # … not the db
    summary = run_batch([str(src)], out, jobs=1, db=str(db))
    assert summary["this_run"]["reused"] == 8 and summary["this_run"]["db"]["reports"] == 6
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 6
    assert con.execute("SELECT count(*) FROM budget").fetchone()[0] == 6


def test_a_disk_error_reading_an_input_is_not_the_inputs_fault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extractor.batch import worker as batch_worker

    path = tmp_path / "r.txt"
    shutil.copy(CORPUS / "a01.txt", path)

    def eio(self: Path) -> bytes:
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(self))

    monkeypatch.setattr(Path, "read_bytes", eio)
    result = batch_worker.process(str(path), "f" * 64)
    assert result["machine"] is True and result["ok"] is False
    assert "Input/output error" in result["error"]["message"]


def _mount_tmpfs(where: Path, size: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    where.mkdir()
    cmd = ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)]
    r = subprocess.run(cmd, capture_output=True)
    return r.returncode == 0


def test_disk_full_on_a_real_small_tmpfs(tmp_path: Path) -> None:
    """The same as the fault injections, on a real full disk (needs root to mount a tmpfs)."""
    small = tmp_path / "small"
    if not _mount_tmpfs(small, "400k"):
        pytest.skip("cannot mount a tmpfs here; the fault-injection tests above cover every write")
    try:
        src = inputs(tmp_path / "in", 40)
        out = small / "out"
        r = jixiao("batch", str(src), "-o", str(out), "-j", "2")
        assert r.returncode == 4, r.stderr
        last = r.stderr.strip().splitlines()[-1]
        assert last.startswith("jixiao: ") and "No space left on device" in last
        assert "Traceback" not in r.stderr
        subprocess.run(["mount", "-o", "remount,size=50m", str(small)], check=True)
        r = jixiao("batch", str(src), "-o", str(out), "-j", "2")
        assert r.returncode == 3, r.stderr  # empty.txt
        assert intact(out) == expected(src)
    finally:
        subprocess.run(["umount", "-l", str(small)], capture_output=True)


# --------------------------------------------------------------------------- torn files of older runs


def test_a_torn_utf8_tail_is_dropped_by_batch_review_and_load(tmp_path: Path) -> None:
    src, out = inputs(tmp_path / "in", 2), tmp_path / "out"
    run_batch([str(src)], out, jobs=1)
    whole = {n: (out / n).read_bytes() for n in (*JSONL, *CSVS)}
    cut = "半".encode()[:2]  # half of a Chinese character: not UTF-8
    for name in (*JSONL, *CSVS):
        with (out / name).open("ab") as fh:
            fh.write(b'{"sha256": "' + b"e" * 64 + b'", "files": ["x' + cut)

    from extractor.review.payload import load_outdir as review_outdir

    entries, errors = review_outdir(out)
    assert len(entries) == 2 and [e["file"] for e in errors] == [str(src / "empty.txt")]
    assert load_outdir(out, str(tmp_path / "db.sqlite"))["reports"] == 2
    summary = run_batch([str(src)], out, jobs=1)
    assert summary["this_run"]["reused"] == 4 and summary["this_run"]["processed"] == 0
    assert {n: (out / n).read_bytes() for n in (*JSONL, *CSVS)} == whole  # rewritten clean


# --------------------------------------------------------------------------- concurrent runs


def test_a_second_batch_into_a_busy_outdir_is_refused(tmp_path: Path) -> None:
    src, out = inputs(tmp_path / "in", 1), tmp_path / "out"
    out.mkdir()
    with lock(out):
        with pytest.raises(OutdirBusy, match="another jixiao batch"):
            run_batch([str(src)], out, jobs=1)
        r = jixiao("batch", str(src), "-o", str(out), "-j", "1")
        assert r.returncode == 5, r.stderr
        assert r.stderr.strip() == (
            f"jixiao: {out}: another jixiao batch (pid {os.getpid()}) is writing to this folder: "
            "wait for it to end"
        )
        r = jixiao("load", str(out), "--db", str(tmp_path / "db.sqlite"))
        assert r.returncode == 5 and "another jixiao batch" in r.stderr
    assert run_batch([str(src)], out, jobs=1)["this_run"]["processed"] == 1  # free again


def test_a_process_forked_under_the_lock_does_not_keep_it(tmp_path: Path) -> None:
    """A Dask nanny's worker or a pool process forked while a batch held OUTDIR's lock shares its
    open file description: the batch unlocks it when it ends, so the next batch may start while
    that process is still exiting."""
    with lock(tmp_path):
        child = os.fork()
        if child == 0:
            time.sleep(3)
            os._exit(0)
    try:
        with lock(tmp_path):
            pass
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)


# --------------------------------------------------------------------------- load


@pytest.fixture(scope="module")
def two_outdirs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("two")
    a, b = base / "a", base / "b"
    a.mkdir()
    b.mkdir()
    for name in ("a01", "b01"):
        shutil.copy(CORPUS / f"{name}.txt", a / f"{name}.txt")
    shutil.copy(CORPUS / "a06.txt", b / "a06.txt")
    run_batch([str(a)], base / "out-a", jobs=1)
    run_batch([str(b)], base / "out-b", jobs=1)
    return base / "out-a", base / "out-b"


def test_load_adds_and_deletes_only_with_replace(two_outdirs: tuple[Path, Path], tmp_path: Path) -> None:
    out_a, out_b = two_outdirs
    db = tmp_path / "db.sqlite"
    count = lambda: sqlite3.connect(db).execute("SELECT count(*) FROM reports").fetchone()[0]  # noqa: E731
    assert jixiao("load", str(out_a), "--db", str(db)).returncode == 0
    r = jixiao("load", str(out_b), "--db", str(db))
    assert (r.returncode, r.stdout.strip(), count()) == (0, f"loaded 1 reports and 1 files into {db}", 3)
    r = jixiao("load", str(out_b), "--db", str(db), "--replace")
    assert r.returncode == 0 and f"deleted 2 reports not in {out_b}" in r.stdout
    assert count() == 1


def test_load_of_an_empty_or_other_folder_is_an_error_and_deletes_nothing(
    two_outdirs: tuple[Path, Path], tmp_path: Path
) -> None:
    db = tmp_path / "db.sqlite"
    load_outdir(two_outdirs[0], str(db))
    (tmp_path / "empty").mkdir()
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(CORPUS / "a01.txt", other / "a01.txt")
    for folder in (tmp_path / "empty", other):
        for extra in ([], ["--replace"]):
            r = jixiao("load", str(folder), "--db", str(db), *extra)
            assert r.returncode == 3, r.stderr
            why = "not a batch output folder (no reports.jsonl): nothing loaded"
            assert r.stderr == f"jixiao: {folder}: {why}\n"
    assert sqlite3.connect(db).execute("SELECT count(*) FROM reports").fetchone()[0] == 2


def test_every_load_failure_is_one_line_with_its_exit_code_and_no_password(
    two_outdirs: tuple[Path, Path], tmp_path: Path
) -> None:
    out = str(two_outdirs[0])
    cases = [
        ("mysql://u:s3cret-pw@host/db", 2, "mysql://u:***@host/db: not a database URL jixiao knows"),
        ("postgresql://u:s3cret-pw@127.0.0.1:1/db", 4, "postgresql://u:***@127.0.0.1:1/db: cannot connect"),
        ("postgresql://u:s3cret-pw@host:notaport/db", 2, "postgresql://u:***@host:notaport/db: not a usable"),
        ("postgresql://u:s3cret-pw@[bad/db", 2, "postgresql://u:***@[bad/db: not a usable PostgreSQL URL"),
        (str(tmp_path / "no" / "such" / "db.sqlite"), 4, "cannot open the SQLite database"),
    ]
    for url, code, text in cases:
        r = jixiao("load", out, "--db", url)
        assert (r.returncode, len(r.stderr.splitlines())) == (code, 1), (url, r.stderr)
        assert text in r.stderr and "s3cret" not in r.stderr + r.stdout, (url, r.stderr)
    no_psycopg = (
        "import sys; sys.modules['psycopg'] = None; sys.argv = ['jixiao'] + sys.argv[1:];"
        " import cli; cli.main()"
    )
    r = subprocess.run(
        [sys.executable, "-c", no_psycopg, "load", out, "--db", "postgresql://u:s3cret-pw@h/db"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 4 and r.stderr == (
        "jixiao: postgresql://u:***@h/db: PostgreSQL needs psycopg: pip install 'jixiao[postgres]'\n"
    )
    r = jixiao("batch", str(CORPUS / "a01.txt"), "-o", str(tmp_path / "o"), "--db", "mysql://u:pw@h/d")
    assert r.returncode == 2 and not (tmp_path / "o" / "reports.jsonl").exists()  # refused before the work


def test_mask_url() -> None:
    assert mask_url("postgresql://me:p%40ss@h:5432/db") == "postgresql://me:***@h:5432/db"
    assert mask_url("postgresql://me@h/db") == "postgresql://me@h/db"
    assert mask_url("out.sqlite") == "out.sqlite"


def test_ctrl_c_during_the_database_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, out, db = inputs(tmp_path / "in", 3), tmp_path / "out", tmp_path / "out.sqlite"
    real = SqliteStore._insert

    def insert(self, table: str, rows: list[tuple]) -> None:
        real(self, table, rows)
        if table == "budget":
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C in the middle of a chunk

    with monkeypatch.context() as m:
        m.setattr(SqliteStore, "_insert", insert)
        summary = run_batch([str(src)], out, jobs=1, db=str(db))
    assert summary["this_run"]["interrupted"] == "SIGINT" and exit_code(summary, "never") == 130
    assert not claims_complete(out)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM reports").fetchone()[0] == 0  # rolled back
    summary = run_batch([str(src)], out, jobs=1, db=str(db))
    assert exit_code(summary, "never") == 3 and summary["this_run"]["db"]["reports"] == 3  # 3: empty.txt
    assert claims_complete(out)


# --------------------------------------------------------------------------- hostile files


def test_same_bytes_as_pdf_and_txt_are_each_read_by_their_own_format(tmp_path: Path) -> None:
    """Text bytes named .pdf go to the PDF reader (which says why they are not a PDF), named .txt
    to the text reader: two readings of one SHA-256, neither given the other's result. (A text
    named .docx is read as text by what its bytes are: tests/test_office.py.)"""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(CORPUS / "a01.txt", src / "x.pdf")
    run_batch([str(src / "x.pdf")], out, jobs=1)  # first the .pdf alone: an error row
    shutil.copy(CORPUS / "a01.txt", src / "y.txt")
    summary = run_batch([str(src)], out, jobs=1)
    assert summary["this_run"]["processed"] == 1  # y.txt was read, not given x.pdf's error
    seen = intact(out)
    assert seen == {str(src / "x.pdf"): "unreadable", str(src / "y.txt"): "ok"}
    rows = batch_outdir.read_csv(out / "errors.csv", ERRORS_HEADER)[0]
    assert "PDF" in rows[0]["message"]

    both = tmp_path / "out2"
    run_batch([str(src)], both, jobs=1)  # both names in one run
    assert intact(both) == seen
    assert run_batch([str(src)], both, jobs=1)["this_run"]["reused"] == 2


def _bomb(size: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as fh:
            block = b" " * (1 << 20)
            for _ in range(size >> 20):
                fh.write(block)
    return buf.getvalue()


def test_a_docx_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(_bomb(64 << 20))
    assert path.stat().st_size < 200_000
    with pytest.raises(InputError, match=r"word/document.xml in the \.docx inflates [\d,]+-fold"):
        read(path)


def test_a_docx_that_inflates_beyond_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    docx = ROOT / "fixtures" / "documents" / "proj-entrusted-2022.docx"
    assert read(docx).text
    monkeypatch.setattr(read_limits, "MAX_DOCX_INFLATED", 1000)
    with pytest.raises(InputError, match=r"too large for one report \(the \.docx inflates to"):
        read(docx)


def test_a_pdf_with_too_many_pages_is_refused_before_reading(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(10_000):
        pdf.new_page(100, 100)
    path = tmp_path / "long.pdf"
    pdf.save(str(path))
    pdf.close()
    with pytest.raises(InputError) as info:
        read(path)
    assert str(info.value) == f"{path}: too large for one report (10,000 pages; at most 2,000)"


def test_csv_cells_that_excel_would_run_are_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CORPUS / "a02.txt", src / "=HYPERLINK(1).txt")
    (src / '=HYPERLINK("x","y").txt').write_bytes(b"")
    (src / "@SUM(1).pdf").write_bytes(b"not a pdf")
    (src / "-1+1.txt").write_bytes(b"")
    monkeypatch.chdir(src)
    summary = run_batch(["."], tmp_path / "out", jobs=1)
    out = tmp_path / "out"
    raw = (out / "errors.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    cells = [r[0] for r in csv.reader(io.StringIO(raw.decode("utf-8-sig")))][1:]
    assert sorted(cells) == ["'-1+1.txt", '\'=HYPERLINK("x","y").txt', "'@SUM(1).pdf"]
    findings = list(csv.reader(io.StringIO((out / "findings.csv").read_text(encoding="utf-8-sig"))))[1:]
    assert findings and {r[0] for r in findings} == {"'=HYPERLINK(1).txt"}
    assert summary["totals"]["findings"] == len(findings)
    rerun = run_batch(["."], tmp_path / "out", jobs=1)  # read back exactly: nothing is stale
    assert (rerun["this_run"]["reused"], rerun["this_run"]["processed"]) == (4, 0)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(tmp_path: Path, encoding: str) -> None:
    text = (CORPUS / "xj-street-2024.txt").read_text(encoding="utf-8")
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode(encoding))
    doc = read(path)
    assert doc.encoding == encoding and doc.text == read(CORPUS / "xj-street-2024.txt").text


def test_cli_batch_into_an_unwritable_outdir_is_one_line_and_exit_4(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    out = tmp_path / "a-file" / "out"
    r = jixiao("batch", str(CORPUS / "a01.txt"), "-o", str(out), "-j", "1")
    assert (r.returncode, r.stderr) == (4, f"jixiao: {out}: cannot write (Not a directory)\n")


CTRL_C_IN_LOAD = """
import os, signal, sys
from extractor.store.sqlite import SqliteStore
real = SqliteStore._insert
def insert(self, table, rows):
    real(self, table, rows)
    if table == "budget":
        os.kill(os.getpid(), signal.SIGINT)
SqliteStore._insert = insert
sys.argv = ["jixiao"] + sys.argv[1:]
import cli
cli.main()
"""


def test_cli_load_interrupted_exits_130_and_keeps_no_partial_chunk(
    two_outdirs: tuple[Path, Path], tmp_path: Path
) -> None:
    db = tmp_path / "db.sqlite"
    cmd = [sys.executable, "-c", CTRL_C_IN_LOAD, "load", str(two_outdirs[0]), "--db", str(db)]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (r.returncode, r.stderr) == (130, f"jixiao: load into {db} interrupted: run it again to finish\n")
    assert sqlite3.connect(db).execute("SELECT count(*) FROM reports").fetchone()[0] == 0
