"""The batch OUTDIR: its files, loading what a previous run left, appending, compacting.

Journals: ``reports.jsonl`` (one line per report, the commit point of a report)
and ``errors.csv`` (one row per failed file). ``flat.jsonl`` and ``findings.csv``
are written *before* the report's line, so after a hard kill any of their rows
whose report has no line in ``reports.jsonl`` is dropped when the OUTDIR is
loaded again. Appends are unbuffered ``os.write`` calls per finished file; a failed
append (disk full, I/O error) is cut off again (``ftruncate`` to the size before
it), and a tail torn anyway (power loss, a failed cut) is dropped when read: a line
without its newline, or not UTF-8, is never trusted. Whole-file rewrites go to a
temporary file, fsync and ``os.replace``. Every failed write raises ``MachineError``
(the batch stops; nothing is recorded against the input). ``lock`` keeps a second
run out of the OUTDIR (fcntl). CSV files are UTF-8 with a BOM (Excel) and cells
that a spreadsheet would run as a formula get an apostrophe before them.
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from extractor.errors import MachineError, OutdirBusy
from extractor.flat import dumps

REPORTS, FLAT, FINDINGS, ERRORS = "reports.jsonl", "flat.jsonl", "findings.csv", "errors.csv"
SUMMARY, MANIFEST, TEXTS, LOCK = "summary.json", "manifest.json", "texts", ".lock"
PAGES = "pages"  # page images of PDFs and scans for the review page (extractor/review/pages.py)
IMAGED = ("pdf", "image")  # readers whose reports have page images
BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")  # "'" too, so that reading back is exact
FINDINGS_HEADER = ["file", "sha256", "rule", "severity", "message_zh", "message_en", "values", "locations"]
ERRORS_HEADER = ["file", "sha256", "stage", "kind", "message"]
_REPORT_KEY = ', "report": '


def write_all(fd: int, data: bytes, path: Path) -> None:
    """Write every byte (os.write may write part); an OSError names ``path``. Every OUTDIR write goes here."""
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None


def atomic_write(path: Path, text: str | bytes, sync: bool = True) -> None:
    """Write ``text`` (or bytes) to a temporary file next to ``path`` and move it into place (fsync'd
    if ``sync``).

    On any failure the temporary file is removed and ``MachineError`` raised: ``path`` keeps its old bytes.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            write_all(fd, text.encode("utf-8") if isinstance(text, str) else text, path)
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise MachineError.from_os(exc, str(path)) from None


class Journal:
    """An append-only OUTDIR file: each record is written whole, or cut off again."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as exc:
            raise MachineError.from_os(exc, str(path)) from None

    def size(self) -> int:
        return os.fstat(self.fd).st_size

    def append(self, text: str) -> None:
        if text:
            write_all(self.fd, text.encode("utf-8"), self.path)

    def cut(self, size: int) -> None:
        """Drop what a failed append left after ``size`` (if this fails too, the reader drops it)."""
        try:
            os.ftruncate(self.fd, size)
        except OSError:
            pass

    def close(self) -> None:
        os.close(self.fd)


@contextmanager
def lock(outdir: Path, shared: bool = False) -> Iterator[None]:
    """Hold OUTDIR's lock: exclusive for a batch, shared for a reader (load); ``OutdirBusy`` if taken."""
    path = outdir / LOCK
    if shared and not path.is_file():
        yield  # no batch ever ran here, so none is running
        return
    try:
        fd = os.open(path, os.O_RDONLY if shared else os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise MachineError.from_os(exc, str(path)) from None
    try:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
            why = f"another jixiao batch (pid {holder}) is writing to this folder: wait for it to end"
            raise OutdirBusy(str(outdir), why) from None
        if not shared:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        # unlocked, not only closed: a process forked while the lock was held (a Dask nanny's
        # worker, a pool process) shares its open file description and would keep it locked
        # until it exits, so the next batch on this OUTDIR would find it busy
        with suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def report_line(sha: str, files: list[str], report_json: str) -> str:
    head = f'{{"sha256": {json.dumps(sha)}, "files": {json.dumps(files, ensure_ascii=False)}'
    return f"{head}{_REPORT_KEY}{report_json}}}\n"


def relabel_line(line: str, sha: str, files: list[str]) -> str:
    """The same reports.jsonl line with another list of file names (the report text untouched)."""
    return report_line(sha, files, line[line.index(_REPORT_KEY) + len(_REPORT_KEY) : -2])


def flat_line(file: str, sha: str, flat: dict[str, Any]) -> str:
    return dumps({"file": file, "sha256": sha, **flat}) + "\n"


def csv_text(rows: list[list[Any]]) -> str:
    """CSV lines, each cell a spreadsheet shows as text (see ``safe_cell``)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([[safe_cell(c) for c in r] for r in rows])
    return buf.getvalue()


def safe_cell(value: Any) -> str:
    """A cell Excel will not run as a formula: an apostrophe before = + - @ tab CR (and before ')."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def unsafe_cell(text: str) -> str:
    """The value ``safe_cell`` was given."""
    return text[1:] if text.startswith("'") else text


def finding_rows(file: str, sha: str, report: dict[str, Any]) -> list[list[str]]:
    """findings.csv rows of one report (from its JSON form)."""
    out = []
    for f in report.get("findings") or []:
        facts = f.get("facts") or []
        values = "; ".join(f"{x.get('key')}={x.get('value')}" for x in facts)
        locations = "; ".join(_where(x["span"]) for x in facts if x.get("span"))
        out.append([file, sha, f["rule"], f["severity"], f["message_zh"], f["message_en"], values, locations])
    return out


def _where(span: dict[str, Any]) -> str:
    return f"p{span.get('page')} l{span.get('line')} [{span.get('start')}:{span.get('end')}]"


# --------------------------------------------------------------------------- reading


def complete_lines(path: Path) -> Iterator[str | None]:
    """Every newline-ended line of a JSONL file, decoded; None for a line that is not UTF-8.

    A torn tail (no newline: a write cut short) is dropped, never decoded.
    """
    if not path.is_file():
        return
    with path.open("rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                return
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                yield None


def iter_report_lines(outdir: Path) -> Iterator[tuple[str, list[str], dict[str, Any], str]]:
    """(sha256, files, report JSON, raw line) for every complete, parseable line of reports.jsonl."""
    for line in complete_lines(outdir / REPORTS):
        if line is not None:
            obj = _json_line(line)
            if obj and isinstance(obj.get("sha256"), str) and isinstance(obj.get("report"), dict):
                yield obj["sha256"], [str(f) for f in obj.get("files") or []], obj["report"], line


def iter_flat(outdir: Path) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(file, sha256, flat view) for every complete line of flat.jsonl; decimals stay Decimal."""
    for line in complete_lines(outdir / FLAT):
        if line is not None:
            obj = _json_line(line)
            if obj and isinstance(obj.get("file"), str) and isinstance(obj.get("sha256"), str):
                file, sha = obj.pop("file"), obj.pop("sha256")
                yield file, sha, obj


def read_csv(path: Path, header: list[str]) -> tuple[list[dict[str, str]], bool]:
    """The complete rows of a CSV file (cells as written), and whether it was clean.

    Not clean: a torn tail (dropped), a row not UTF-8 or of the wrong width (dropped), no BOM
    (an older OUTDIR: rewritten with one).
    """
    if not path.is_file():
        return [], True
    data = path.read_bytes()
    end = data.rfind(b"\n") + 1
    clean = end == len(data) and (not data or data.startswith(BOM.encode()))
    try:
        text = data[:end].decode("utf-8-sig")
    except UnicodeDecodeError:
        text, clean = data[:end].decode("utf-8-sig", errors="replace"), False
    rows, whole = _csv_rows(text)
    if not rows or rows[0] != header:
        return [], whole and not text
    clean = clean and whole
    body = rows[1:]
    good = [
        dict(zip(header, (unsafe_cell(c) for c in r), strict=True))
        for r in body
        if len(r) == len(header) and not any("\ufffd" in c for c in r)
    ]
    return good, clean and len(good) == len(body)


def _csv_rows(text: str) -> tuple[list[list[str]], bool]:
    """Rows up to the first malformed one, and whether there was none."""
    rows: list[list[str]] = []
    try:
        rows.extend(csv.reader(io.StringIO(text), strict=True))
    except csv.Error:
        return rows, False
    return rows, True


def _json_line(line: str) -> dict[str, Any] | None:
    if not line.endswith("\n"):
        return None
    try:
        obj = json.loads(line, parse_float=Decimal)
    except ValueError:
        return None
    return obj if isinstance(obj, dict) else None


# --------------------------------------------------------------------------- state


@dataclass
class State:
    """What an OUTDIR already holds, keyed by SHA-256 of the input bytes."""

    files: dict[str, list[str]] = field(default_factory=dict)  # report sha -> file names
    kinds: dict[str, str] = field(default_factory=dict)  # report sha -> report.kind
    formats: dict[str, str] = field(default_factory=dict)  # report sha -> the reader that read it
    flat: dict[str, dict[str, Any]] = field(default_factory=dict)  # report sha -> flat view
    errors: dict[str, dict[str, str]] = field(default_factory=dict)  # file -> errors.csv row
    dirty: bool = False  # a previous run was killed mid-write: rewrite before appending

    def names(self) -> dict[str, str]:
        """file -> report sha for every file read into a report."""
        return {f: sha for sha, files in self.files.items() for f in files}


def load_state(outdir: Path) -> State:
    """Load OUTDIR's journals; ``dirty`` when something must be dropped or rebuilt."""
    st = State()
    counts: dict[str, int] = {}
    lines = 0
    for sha, files, report, _ in iter_report_lines(outdir):
        lines += 1
        if sha not in st.files:
            st.files[sha] = list(dict.fromkeys(files))
            st.formats[sha] = str((report.get("source") or {}).get("format") or "")
            counts[sha] = len(report.get("findings") or [])
    st.dirty = lines != _count_lines(outdir / REPORTS)
    _load_flat(outdir, st)
    _check_findings(outdir, st, counts)
    _load_errors(outdir, st)
    return st


def _count_lines(path: Path) -> int:
    if not path.is_file():
        return 0
    with path.open("rb") as fh:
        return sum(1 for _ in fh)


def _load_flat(outdir: Path, st: State) -> None:
    seen: set[tuple[str, str]] = set()
    for file, sha, flat in iter_flat(outdir):
        if sha not in st.files or file not in st.files[sha] or (file, sha) in seen:
            st.dirty = True
            continue
        seen.add((file, sha))
        st.flat.setdefault(sha, flat)
        st.kinds.setdefault(sha, str(flat.get("report.kind", "unknown")))
    expected = {(f, sha) for sha, files in st.files.items() for f in files}
    if seen != expected or _count_lines(outdir / FLAT) != len(seen):
        st.dirty = True


def _check_findings(outdir: Path, st: State, counts: dict[str, int]) -> None:
    rows, clean = read_csv(outdir / FINDINGS, FINDINGS_HEADER)
    got: dict[str, int] = {}
    for r in rows:
        got[r["sha256"]] = got.get(r["sha256"], 0) + 1
    if not clean or got != {s: n for s, n in counts.items() if n}:
        st.dirty = True


def _load_errors(outdir: Path, st: State) -> None:
    rows, clean = read_csv(outdir / ERRORS, ERRORS_HEADER)
    names = st.names()
    for r in rows:
        if r["file"] in names or r["file"] in st.errors:
            clean = False
            continue
        st.errors[r["file"]] = r
    st.dirty = st.dirty or not clean


# --------------------------------------------------------------------------- writing


class Writer:
    """Appends finished files to OUTDIR; ``close`` rewrites reports.jsonl if names were added.

    Every write failure raises ``MachineError`` with nothing of that file recorded.
    """

    def __init__(self, outdir: Path, state: State) -> None:
        self.outdir, self.state = outdir, state
        try:
            (outdir / TEXTS).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise MachineError.from_os(exc, str(outdir / TEXTS)) from None
        if state.dirty or not (outdir / REPORTS).is_file():
            rewrite(outdir, state)
        self.relabel = False
        self._journals: list[Journal] = []
        for name in (REPORTS, FLAT, FINDINGS, ERRORS):
            self._journals.append(Journal(outdir / name))
        self._reports, self._flat, self._findings, self._errors = self._journals

    def report(
        self,
        sha: str,
        files: list[str],
        report_json: str,
        flat: dict[str, Any],
        findings: list[list[str]],
        text: str = "",
        reader: str = "",
        pages: list[tuple[str, bytes]] | None = None,
    ) -> None:
        """Commit one report read from ``files`` by ``reader`` (text, pdf, docx): its page images
        (``pages``: name and bytes), its text (the JSON of texts/<sha>.json), findings and flat rows,
        the report line last."""
        if pages:
            _mkdir(self.outdir / PAGES)
        for name, data in pages or ():
            atomic_write(self.outdir / PAGES / name, data, sync=False)
        if text:
            atomic_write(self.outdir / TEXTS / f"{sha}.json", text, sync=False)
        self._commit(
            (self._findings, csv_text(findings)),
            (self._flat, "".join(flat_line(f, sha, flat) for f in files)),
            (self._reports, report_line(sha, files, report_json)),
        )
        self.state.files[sha], self.state.flat[sha] = list(files), flat
        self.state.kinds[sha] = str(flat.get("report.kind", "unknown"))
        self.state.formats[sha] = reader

    def alias(self, sha: str, file: str) -> None:
        """Record another file name for a report already in OUTDIR."""
        self._commit((self._flat, flat_line(file, sha, self.state.flat[sha])))
        self.state.files[sha].append(file)
        self.relabel = True

    def error(self, row: dict[str, str]) -> None:
        self._commit((self._errors, csv_text([[row.get(k, "") for k in ERRORS_HEADER]])))
        self.state.errors[row["file"]] = row

    def _commit(self, *parts: tuple[Journal, str]) -> None:
        """Append every part or none: on a failure each journal is cut back to its size before."""
        try:
            sizes = [j.size() for j, _ in parts]
        except OSError as exc:
            raise MachineError.from_os(exc, str(parts[0][0].path)) from None
        try:
            for journal, text in parts:
                journal.append(text)
        except OSError as exc:
            for (journal, _), size in zip(parts, sizes, strict=True):
                journal.cut(size)
            raise MachineError.from_os(exc) from None

    def close(self, relabel: bool = True) -> None:
        """Close the journals; rewrite reports.jsonl with the names added (not after a fault)."""
        for journal in self._journals:
            journal.close()
        if self.relabel and relabel:
            _rewrite_reports(self.outdir, self.state)


def _mkdir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MachineError.from_os(exc, str(path)) from None


def pages_missing(outdir: Path, state: State, shas: set[str]) -> set[str]:
    """The reports among ``shas`` read from a PDF or scan whose page images are not all in
    OUTDIR/pages (deleted, or an OUTDIR written before there were page images): to be redone."""
    present = set(os.listdir(outdir / PAGES)) if (outdir / PAGES).is_dir() else set()
    out = set()
    for sha in shas & state.files.keys():
        if state.formats.get(sha) not in IMAGED:
            continue
        try:
            listed = json.loads((outdir / TEXTS / f"{sha}.json").read_text(encoding="utf-8")).get("pages")
        except (OSError, ValueError, AttributeError):
            continue  # no text: the review page says so; not a reason to read the file again
        if listed is None or any(Path(p.get("image", "")).name not in present for p in listed):
            out.add(sha)
    return out


def forget(state: State, shas: set[str], files: set[str]) -> None:
    """Drop reports and error rows (for --force, or files whose bytes changed); rewrite needed."""
    for sha in shas & state.files.keys():
        del state.files[sha]
    for sha, names in list(state.files.items()):
        kept = [f for f in names if f not in files]
        if kept:
            state.files[sha] = kept
        else:
            del state.files[sha]
    for key in [f for f, r in state.errors.items() if f in files or r.get("sha256") in shas]:
        del state.errors[key]
    state.dirty = True


def rewrite(outdir: Path, state: State) -> None:
    """Rewrite every file from ``state``: drops partial rows and rows of forgotten reports."""
    outdir.mkdir(parents=True, exist_ok=True)
    finds: list[list[str]] = [FINDINGS_HEADER]
    for sha, _, report, _ in iter_report_lines(outdir):
        if sha in state.files:
            finds += finding_rows(state.files[sha][0], sha, report)
    _rewrite_reports(outdir, state)
    flat = "".join(flat_line(f, sha, state.flat.get(sha, {})) for sha, fs in state.files.items() for f in fs)
    atomic_write(outdir / FLAT, flat)
    atomic_write(outdir / FINDINGS, BOM + csv_text(finds))
    errors = [ERRORS_HEADER] + [[r.get(k, "") for k in ERRORS_HEADER] for r in state.errors.values()]
    atomic_write(outdir / ERRORS, BOM + csv_text(errors))
    state.dirty = False


def _rewrite_reports(outdir: Path, state: State) -> None:
    out, done = [], set()
    for sha, _, _, line in iter_report_lines(outdir):
        if sha in state.files and sha not in done:
            done.add(sha)
            out.append(relabel_line(line, sha, state.files[sha]))
    atomic_write(outdir / REPORTS, "".join(out))
