"""Batch throughput: generated corpora of text reports and of PDFs, batched with 1 and 2 jobs.

    .venv/bin/python bench/run.py                 # 1000 text reports and 100 PDFs, jobs 1 and 2
    .venv/bin/python bench/run.py -n 200 --pdfs 20 --jobs 1 --jobs 4
    .venv/bin/python bench/run.py --profile       # also a pyinstrument profile of one process
    .venv/bin/python bench/run.py --cluster local:2   # also the same corpora on a Dask LocalCluster

The corpus copies fixtures/corpus/*.txt, changing a few digits in each copy (so
every file has other bytes and other figures); the year and title lines are left
alone. The PDF corpus copies the committed PDFs of fixtures/documents (not the
bad-*.pdf ones), each copy with a distinct trailing comment so its SHA-256 differs.
Each run starts with an empty OUTDIR. Printed per run: reports per second (wall
time of the whole batch, worker start-up included), seconds per PDF page, peak RSS
of one worker, and the speed-up over the first run. With ``--cluster ADDRESS`` each
corpus is also run on that Dask cluster (``extractor.batch_cluster``; cluster start-up
included for local:N) and its overhead printed: cluster seconds / local-pool seconds
at the same number of workers (local:N: jobs N; a tcp:// scheduler: the last --jobs).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.batch import run_batch  # noqa: E402

CORPUS = ROOT / "fixtures" / "corpus"
DOCUMENTS = ROOT / "fixtures" / "documents"


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

    sources = sorted(p for p in DOCUMENTS.rglob("*.pdf") if not p.name.startswith("bad-"))
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


def bench(corpus: Path, jobs: int, work: Path, cluster: str | None = None) -> dict:
    out = work / f"out-{corpus.name}-j{jobs}{'-cluster' if cluster else ''}"
    start = time.perf_counter()
    summary = run_batch([str(corpus)], out, jobs=jobs, timeout=60, cluster=cluster)
    seconds = time.perf_counter() - start
    run = summary["this_run"]
    return {
        "jobs": jobs,
        "seconds": seconds,
        "reports": run["processed"],
        "failed": run["failed"],
        "rate": run["processed"] / seconds,
        "rss_mb": run["worker_peak_rss_mb"],
    }


def profile(files: list[Path]) -> None:
    from pyinstrument import Profiler

    from extractor.batch_worker import analyze, warm_up

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
        f"{'s/page':>6}  {'peak RSS/worker':>15}  {'speed-up':>8}"
    )
    for r in results:
        per_page = f"{r['seconds'] / pages:.3f}" if pages else "-"
        print(
            f"{r['jobs']:>4}  {r['reports']:>7}  {r['failed']:>6}  {r['seconds']:>7.2f}  "
            f"{r['rate']:>9.1f}  {per_page:>6}  {r['rss_mb']:>12.1f} MB  {r['rate'] / base:>7.2f}x"
        )


def _cluster_line(corpus: Path, cluster: str, local: list[dict], work: Path) -> None:
    workers = int(cluster.removeprefix("local:")) if cluster.startswith("local:") else local[-1]["jobs"]
    base = next((r for r in local if r["jobs"] == workers), None) or bench(corpus, workers, work)
    r = bench(corpus, workers, work, cluster)
    print(
        f"cluster {cluster}: {r['reports']} reports, {r['failed']} failed, {r['seconds']:.2f} s, "
        f"{r['rate']:.1f} reports/s; overhead {r['seconds'] / base['seconds']:.2f}x "
        f"the local pool at {workers} jobs ({base['seconds']:.2f} s)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=1000, help="reports to generate (default 1000)")
    ap.add_argument("--pdfs", type=int, default=100, help="PDFs to generate (default 100; 0: none)")
    ap.add_argument("--jobs", type=int, action="append", help="worker counts to run (default: 1 and 2)")
    ap.add_argument("--profile", action="store_true", help="print a pyinstrument profile of 100 files")
    ap.add_argument("--cluster", help="also run on this Dask cluster (tcp://HOST:8786 or local:N)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        work = Path(tmp)
        files = make_corpus(work / "texts", args.n)
        _, pages = make_pdfs(work / "pdfs", args.pdfs)
        jobs = args.jobs or [1, 2]
        print(f"text corpus: {args.n} reports from {len(list(CORPUS.glob('*.txt')))} fixtures")
        local = [bench(work / "texts", j, work) for j in jobs]
        _table(local)
        if args.cluster:
            _cluster_line(work / "texts", args.cluster, local, work)
        if args.pdfs:
            print(f"PDF corpus: {args.pdfs} PDFs, {pages} pages, from fixtures/documents")
            local = [bench(work / "pdfs", j, work) for j in jobs]
            _table(local, pages)
            if args.cluster:
                _cluster_line(work / "pdfs", args.cluster, local, work)
        if args.profile:
            profile(files[:100])


if __name__ == "__main__":
    main()
