"""Batch throughput: generated corpora of text reports and of PDFs, batched with 1 and 2 jobs.

    .venv/bin/python bench/run.py                 # 1000 text reports and 100 PDFs, jobs 1 and 2
    .venv/bin/python bench/run.py -n 200 --pdfs 20 --jobs 1 --jobs 4
    .venv/bin/python bench/run.py --profile       # also a pyinstrument profile of one process
    .venv/bin/python bench/run.py --repeat 3      # each figure the median of 3 runs
    .venv/bin/python bench/run.py -n 0 --pdfs 0 --scans 4   # OCR only: 4 scanned PDFs
    .venv/bin/python bench/run.py --cluster local:2   # also the same corpora on a Dask LocalCluster

The corpus copies fixtures/corpus/*.txt, changing a few digits in each copy (so
every file has other bytes and other figures); the year and title lines are left
alone. The PDF corpus copies the committed PDFs of fixtures/documents (not the
bad-*.pdf ones), each copy with a distinct trailing comment so its SHA-256 differs.
Each run starts with an empty OUTDIR. Printed first: the CPU time of a fixed pure-Python loop,
the machine's speed that day (hosts vary it), and the Python running the bench (a CPython
built with PGO and LTO and libpython linked in, as Debian's, runs jixiao faster than a
default build with a shared libpython, as pyenv's). Printed per run: reports per second (wall
time of the whole batch, worker start-up included), seconds per PDF page, peak RSS
of one worker, the speed-up over the first run, and the CPU milliseconds per report
of all the batch's processes (supervisor and workers, start-up included: what two
jobs on two cores divide, and less disturbed than wall time by other load). Then, each a median of
``--repeat`` fresh processes: a batch of one text file (the fixed cost: start-up,
worker warm-up, OUTDIR), a ``jixiao extract --flat`` of the seed (the project's bytecode
compiled first, and the cache folder's stores written by one untimed run); and, in one
process, milliseconds per PDF page of jixiao's reader beside pdfplumber's
extract_text + extract_tables and pypdfium2's text alone, on the same files. The scan
corpus (--scans) copies the scans fixtures/make_scans.py makes (image-only PDFs, read by
OCR): printed the same way, with pages per second. With ``--cluster ADDRESS`` each
corpus is also run on that Dask cluster (``extractor.batch.cluster``) and its overhead
printed: cluster seconds / local-pool seconds at the same number of workers (local:N:
jobs N; a tcp:// scheduler: the last --jobs). With ``--cluster local:N`` two figures:
the batch with ``local:N`` (the LocalCluster's start-up included), and the batch on a
cluster already running, as in production: ``dask scheduler`` and ``dask worker
--nworkers N --nthreads 1`` processes started by the bench before it (the time they
take to be ready, runners warm, is printed too). Each overhead is the median of
``--repeat`` rounds, each round the local pool and the cluster runs back to back.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.batch.run import run_batch  # noqa: E402

CORPUS = ROOT / "fixtures" / "corpus"
DOCUMENTS = ROOT / "fixtures" / "documents"
SEED = CORPUS / "xj-street-2024.txt"
CLUSTER_CPU: dict[str, Callable[[], float]] = {}  # address of a running cluster -> its CPU seconds
CLI = ROOT / "cli.py"


def make_corpus(folder: Path, n: int, seed: int = 5) -> list[Path]:
    """``n`` text reports made from the fixtures by changing a few digits after the title."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        text = list(sources[i % len(sources)])
        digits = [j for j, c in enumerate(text) if c.isdigit() and j > 200]
        for j in rng.sample(digits, min(6, len(digits))):
            text[j] = rng.choice("0123456789")
        path = folder / f"r{i:05d}.txt"
        path.write_text("".join(text) + f"\n附件编号：{i}\n", encoding="utf-8")
        out.append(path)
    return out


def make_pdfs(folder: Path, n: int) -> tuple[list[Path], int]:
    """``n`` PDFs copied from the fixtures (distinct bytes each); and their total page count."""
    import pypdfium2

    sources = text_layer_pdfs()
    pages = {p: len(pypdfium2.PdfDocument(p)) for p in sources}
    folder.mkdir(parents=True, exist_ok=True)
    out, total = [], 0
    for i in range(n):
        src = sources[i % len(sources)]
        path = folder / f"p{i:05d}.pdf"
        path.write_bytes(src.read_bytes() + f"\n% copy {i}\n".encode())
        out.append(path)
        total += pages[src]
    return out, total


def make_scans(folder: Path, n: int) -> int:
    """``n`` scanned PDFs (fixtures/make_scans.py, copies with distinct bytes); their total page count."""
    import importlib.util

    import pypdfium2

    spec = importlib.util.spec_from_file_location("make_scans", ROOT / "fixtures" / "make_scans.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sources = module.main([], folder / "src")
    total = 0
    for i in range(n):
        src = sources[i % len(sources)]
        (folder / f"s{i:05d}.pdf").write_bytes(src.read_bytes() + f"\n% copy {i}\n".encode())
        total += len(pypdfium2.PdfDocument(src))
    for src in sources:
        src.unlink()
    (folder / "src").rmdir()
    return total


def bench(corpus: Path, jobs: int, work: Path, cluster: str | None = None) -> dict:
    out = Path(
        tempfile.mkdtemp(prefix=f"out-{corpus.name}-j{jobs}{'-cluster' if cluster else ''}-", dir=work)
    )
    cpu = _cpu(cluster)
    start = time.perf_counter()
    summary = run_batch([str(corpus)], out, jobs=jobs, timeout=120, cluster=cluster)
    seconds = time.perf_counter() - start
    run = summary["this_run"]
    return {
        "jobs": jobs,
        "seconds": seconds,
        "cpu": _cpu(cluster) - cpu,
        "reports": run["processed"],
        "failed": run["failed"],
        "rate": run["processed"] / seconds,
        "rss_mb": run["worker_peak_rss_mb"],
    }


def _cpu(cluster: str | None) -> float:
    """CPU seconds so far of this process, its reaped children (the local pool's workers) and the
    processes of a running cluster (``CLUSTER_CPU``); less disturbed by other load than wall time."""
    times = os.times()
    own = times.user + times.system + times.children_user + times.children_system
    return own + (CLUSTER_CPU[cluster]() if cluster in CLUSTER_CPU else 0.0)


def _wall(argv: list[str], repeat: int) -> float:
    """Median wall seconds of a fresh ``python cli.py ARGV`` (output discarded)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, str(CLI), *argv],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fixed_costs(work: Path, repeat: int) -> None:
    """A batch of one file and one ``jixiao extract`` of the seed, fresh processes each time: after
    the project's bytecode is compiled (as ``pip install`` does; with PYTHONDONTWRITEBYTECODE set an
    editable install would compile every module again in every process) and one untimed extract
    (which writes the cache folder's jieba and pattern stores, as any first run does)."""
    _compile_bytecode()
    _wall(["extract", str(SEED), "--flat"], 1)
    one = work / "one"
    one.mkdir()
    (one / SEED.name).write_bytes(SEED.read_bytes())
    batch = []
    for i in range(repeat):
        argv = ["batch", str(one), "-o", str(work / f"out-one-{i}"), "-j", "1"]
        batch.append(_wall(argv, 1))
    print(f"batch of one text file (-j 1):   {statistics.median(batch):.3f} s")
    print(f"jixiao extract --flat (seed):    {_wall(['extract', str(SEED), '--flat'], repeat):.3f} s")


def _compile_bytecode() -> None:
    import compileall

    for folder in ("extractor", "patterns"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    compileall.compile_file(CLI, quiet=1)


def _per_page(read_one, files: list[Path], repeat: int) -> float:
    """Median over ``repeat`` passes of milliseconds per page of ``read_one(path) -> pages``."""
    runs = []
    for _ in range(repeat):
        start, pages = time.perf_counter(), 0
        for f in files:
            pages += read_one(f)
        runs.append((time.perf_counter() - start) * 1000 / pages)
    return statistics.median(runs)


def _jixiao_pdf(path: Path) -> int:
    from extractor.read import read

    return max(1, len(read(path).page_starts))


def _pdfplumber_pdf(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
        return len(pdf.pages)


def _pypdfium2_pdf(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        for page in pdf:
            page.get_textpage().get_text_range()
        return len(pdf)
    finally:
        pdf.close()


def text_layer_pdfs(sample: int = 1) -> list[Path]:
    """The committed PDFs with a legible text layer (not the bad-*.pdf ones, not the scans OCR reads,
    not a print the reader refuses as illegible); with ``sample`` every sample-th of them in path order."""
    found = sorted(
        p for p in DOCUMENTS.rglob("*.pdf") if not p.name.startswith("bad-") and p.parent.name != "scanned"
    )
    return [p for p in found[::sample] if _legible(p)]


def _legible(path: Path) -> bool:
    from extractor.errors import InputError
    from extractor.read import read

    try:
        read(path, ocr="off")
    except InputError:
        return False
    return True


def pdf_pages(repeat: int) -> None:
    """ms per page of jixiao's PDF reader, pdfplumber's and pypdfium2's, on the committed text-layer PDFs."""
    files = text_layer_pdfs()
    _jixiao_pdf(files[0])  # imports out of the timing
    mine = _per_page(_jixiao_pdf, files, repeat)
    plumber = _per_page(_pdfplumber_pdf, files, repeat)
    pdfium = _per_page(_pypdfium2_pdf, files, repeat)
    print(f"PDF reading, {len(files)} files, ms per page (one process):")
    print(f"  jixiao      {mine:7.2f}  ({mine / plumber:.2f}x pdfplumber)")
    print(f"  pdfplumber  {plumber:7.2f}  (extract_text + extract_tables)")
    print(f"  pypdfium2   {pdfium:7.2f}  (text only)")


def profile(files: list[Path]) -> None:
    from pyinstrument import Profiler

    from extractor.batch.worker import analyze, warm_up

    warm_up()
    profiler = Profiler()
    profiler.start()
    for f in files:
        analyze(f)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def _table(results: list[dict], pages: int = 0) -> None:
    base = results[0]["rate"]
    print(
        f"{'jobs':>4}  {'reports':>7}  {'failed':>6}  {'seconds':>7}  {'reports/s':>9}  "
        f"{'s/page':>6}  {'peak RSS/worker':>15}  {'speed-up':>8}  {'CPU ms/report':>13}"
    )
    for r in results:
        per_page = f"{r['seconds'] / pages:.3f}" if pages else "-"
        if pages:
            per_page += f" ({pages / r['seconds']:.2f} pages/s)"
        print(
            f"{r['jobs']:>4}  {r['reports']:>7}  {r['failed']:>6}  {r['seconds']:>7.2f}  "
            f"{r['rate']:>9.1f}  {per_page:>6}  {r['rss_mb']:>12.1f} MB  {r['rate'] / base:>7.2f}x  "
            f"{r['cpu'] * 1000 / max(1, r['reports']):>13.2f}"
        )


def _cluster_lines(
    corpus: Path, cluster: str, local: list[dict], work: Path, running: str | None, repeat: int
) -> None:
    """The overhead of the cluster (``cluster``, and the ``running`` one) over the local pool at as
    many jobs as it has workers: medians of ``repeat`` rounds run back to back."""
    workers = int(cluster.removeprefix("local:")) if cluster.startswith("local:") else local[-1]["jobs"]
    clusters = [cluster] + ([running] if running else [])
    rounds: dict[str, list[dict]] = {name: [] for name in ["local", *clusters]}
    for i in range(repeat):
        first = next((r for r in local if r["jobs"] == workers), None) if i == 0 else None
        rounds["local"].append(first or bench(corpus, workers, work))
        for name in clusters:
            rounds[name].append(bench(corpus, workers, work, name))
    base = statistics.median(r["seconds"] for r in rounds["local"])
    base_cpu = statistics.median(r["cpu"] for r in rounds["local"])
    for name in clusters:
        runs = rounds[name]
        seconds = statistics.median(r["seconds"] for r in runs)
        ratio = statistics.median(
            r["seconds"] / b["seconds"] for r, b in zip(runs, rounds["local"], strict=True)
        )
        what = (
            "already running" if name == running else "start-up included" if name.startswith("local:") else ""
        )
        print(
            f"cluster {name} ({what}): {runs[-1]['reports']} reports, {runs[-1]['failed']} failed, "
            f"{seconds:.2f} s, {runs[-1]['reports'] / seconds:.1f} reports/s; overhead {ratio:.2f}x "
            f"the local pool at {workers} jobs ({base:.2f} s; medians of {repeat})"
        )
        if name in CLUSTER_CPU:  # every process of the cluster counted: the CPU figure is whole
            cpu = statistics.median(r["cpu"] for r in runs)
            share = f"{cpu / base_cpu:.2f}x"
            print(
                f"  CPU seconds, all processes: {cpu:.2f} against the local pool's {base_cpu:.2f} ({share})"
            )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tree_cpu(pids: list[int]) -> float:
    """CPU seconds of these processes and all below them (dask nannies, workers, runners)."""
    import psutil

    total = 0.0
    for pid in pids:
        try:
            root = psutil.Process(pid)
            for proc in [root, *root.children(recursive=True)]:
                times = proc.cpu_times()
                total += times.user + times.system
        except psutil.Error:
            continue
    return total


@contextmanager
def running_cluster(workers: int) -> Iterator[str]:
    """A scheduler and ``workers`` dask workers (one thread each, runners warmed up by the preload
    ``extractor.batch.cluster_warm``) as their own processes, ready before it yields their address;
    prints how long they took."""
    import distributed

    from extractor.batch.cluster import environment
    from extractor.batch.cluster_runner import warm_runners

    address = f"tcp://127.0.0.1:{_free_port()}"
    env = {**os.environ, **environment()}  # the settings README's launch lines give
    quiet = {"env": env, "cwd": ROOT, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    python = [sys.executable, "-m"]
    start = time.perf_counter()
    scheduler = subprocess.Popen(
        [
            *python,
            "distributed.cli.dask_scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            address.rsplit(":", 1)[1],
            "--dashboard-address",
            "127.0.0.1:0",
        ],
        **quiet,
    )
    worker = subprocess.Popen(
        [
            *python,
            "distributed.cli.dask_worker",
            address,
            "--nworkers",
            str(workers),
            "--nthreads",
            "1",
            "--no-dashboard",
            "--preload",
            "extractor.batch.cluster_warm",
        ],
        **quiet,
    )
    try:
        with distributed.Client(address, timeout="60s") as client:
            client.wait_for_workers(workers, timeout=120)
            client.run(warm_runners)
        ready = time.perf_counter() - start
        print(f"running cluster {address}: {workers} workers ready, runners warm, in {ready:.2f} s")
        CLUSTER_CPU[address] = lambda: _tree_cpu([scheduler.pid, worker.pid])
        yield address
    finally:
        for proc in (worker, scheduler):
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def interpreter() -> str:
    """The Python running the bench: its version, executable and whether libpython is a shared
    library (a build without PGO and LTO, as pyenv's default, is slower: the README's figures)."""
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        linked = "libpython: unknown"
    else:
        linked = "libpython shared" if "libpython" in maps else "libpython static"
    return f"{sys.version.split()[0]} {sys.executable} ({linked})"


def machine_speed(rounds: int = 5) -> float:
    """CPU ms of a fixed pure-Python loop (the minimum of ``rounds``): printed first, so that runs
    on days when the host gives the machine less speed can be told apart from slower code."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        total = 0
        for i in range(1_000_000):
            total += i
        best = min(best, time.process_time() - start)
    return best * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=1000, help="reports to generate (default 1000)")
    ap.add_argument("--pdfs", type=int, default=100, help="PDFs to generate (default 100; 0: none)")
    ap.add_argument("--jobs", type=int, action="append", help="worker counts to run (default: 1 and 2)")
    ap.add_argument("--scans", type=int, default=0, help="scanned PDFs to OCR (default 0: none)")
    ap.add_argument("--profile", action="store_true", help="print a pyinstrument profile of 100 files")
    ap.add_argument("--repeat", type=int, default=3, help="runs per start-up and PDF figure (median)")
    ap.add_argument("--cluster", help="also run on this Dask cluster (tcp://HOST:8786 or local:N)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp, _running(args.cluster) as running:
        work = Path(tmp)
        files = make_corpus(work / "texts", args.n)
        _, pages = make_pdfs(work / "pdfs", args.pdfs)
        jobs = args.jobs or [1, 2]
        print(f"machine: a reference loop of 1e6 additions takes {machine_speed():.1f} ms of CPU")
        print(f"python: {interpreter()}")
        print(f"text corpus: {args.n} reports from {len(list(CORPUS.glob('*.txt')))} fixtures")
        if args.n:
            local = [bench(work / "texts", j, work) for j in jobs]
            _table(local)
            if args.cluster:
                _cluster_lines(work / "texts", args.cluster, local, work, running, args.repeat)
        if args.pdfs:
            print(f"PDF corpus: {args.pdfs} PDFs, {pages} pages, from fixtures/documents")
            local = [bench(work / "pdfs", j, work) for j in jobs]
            _table(local, pages)
            if args.cluster:
                _cluster_lines(work / "pdfs", args.cluster, local, work, running, args.repeat)
        fixed_costs(work, args.repeat)
        if args.pdfs:
            pdf_pages(args.repeat)
        if args.scans:
            scan_pages = make_scans(work / "scans", args.scans)
            print(f"scan corpus: {args.scans} image-only PDFs, {scan_pages} pages, OCR")
            _table([bench(work / "scans", j, work) for j in jobs], scan_pages)
        if args.profile:
            profile(files[:100])


@contextmanager
def _running(cluster: str | None) -> Iterator[str | None]:
    """With ``--cluster local:N``: a cluster of N workers running beside (``running_cluster``)."""
    if not cluster or not cluster.startswith("local:"):
        yield None
        return
    with running_cluster(int(cluster.removeprefix("local:"))) as address:
        yield address


if __name__ == "__main__":
    main()
