"""CPU time per text report in one process: what a batch worker spends on a file (read, extract,
validate, the result it sends), without start-up, pool or OUTDIR. Less disturbed by other load
than wall time; compare two versions by running this in each, back to back, several times.

    .venv/bin/python bench/cpu.py                 # fixtures/corpus/*.txt, 3 passes a round
    .venv/bin/python bench/cpu.py --cold          # also the probes, caches cleared
    .venv/bin/python bench/cpu.py --cold --dir ../shared/corpus/dev   # and the texts of that folder
    .venv/bin/python bench/cpu.py --passes 0      # start-up only (for instruction counts, below)

Printed: the least and the median of ``--rounds`` rounds, in ms of process time per report.
``--warm`` (the default) repeats the same 25 files, as the bench corpus of ``bench/run.py`` does
(its copies differ in a few digits), so the per-process caches (label roles, figures) are warm;
``--cold`` reads each distinct text once per round with every ``functools.lru_cache`` cleared first,
as a worker meets new documents. On a machine shared with other work, count instructions instead
(deterministic): with ``--measured`` the timed rounds run inside ``functools.reduce`` (which the
pipeline never calls), so callgrind can count them alone, start-up and the first pass left out:

    PYTHONHASHSEED=0 valgrind --tool=callgrind --collect-atstart=no --toggle-collect=functools_reduce \
        --callgrind-out-file=/dev/null .venv/bin/python bench/cpu.py --measured --passes 1 --rounds 1

The ``Collected`` instructions over (files x passes x rounds) are the instructions per report
(25 fixtures: 47.36 M at 3b40f69, 45.40 M after the fifth pass of issue 17).

``--pdf`` times the PDF reader instead (``extractor.read.read`` of each committed text-layer PDF,
those of ``bench/run.py``'s PDF figure), printed per page; under callgrind the ``Collected``
instructions over (pages x passes x rounds) are the instructions per page (``--sample 4``: a
quarter of the files, for a count in minutes).
"""

from __future__ import annotations

import argparse
import functools
import gc
import hashlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor import pattern_store  # noqa: E402

CORPUS = ROOT / "fixtures" / "corpus"
PROBES = ROOT / "fixtures" / "probes"


def texts(cold: bool, more: list[Path]) -> list[Path]:
    """The text reports: the fixtures; with ``cold`` also the probes' and ``more``, each text once."""
    folders = [CORPUS, *([PROBES, *more] if cold else [])]
    seen: set[str] = set()
    out = []
    for path in sorted(p for folder in folders if folder.is_dir() for p in folder.glob("*.txt")):
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        if sha not in seen:
            seen.add(sha)
            out.append(path)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cold", action="store_true", help="distinct texts, caches cleared each pass")
    ap.add_argument("--dir", type=Path, action="append", default=[], help="with --cold: more texts")
    ap.add_argument("--passes", type=int, default=3, help="passes over the files a round")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--measured", action="store_true", help="rounds inside functools.reduce (callgrind)")
    ap.add_argument("--pdf", action="store_true", help="the PDF reader on the committed text-layer PDFs")
    ap.add_argument("--sample", type=int, default=1, help="with --pdf: every SAMPLE-th of those PDFs")
    args = ap.parse_args()
    pattern_store.load()
    from extractor.batch.worker import process, warm_up

    warm_up()
    files = [str(p) for p in texts(args.cold, args.dir)]
    units, kind = len(files), "warm" if not args.cold else "cold"
    if args.pdf:
        process, files, units, kind = _pdf_reader(args.sample)
    caches = [o for o in gc.get_objects() if isinstance(o, functools._lru_cache_wrapper)]

    def one_pass() -> None:
        if args.cold:
            for cache in caches:
                cache.cache_clear()
        for f in files:
            process(f, "0" * 64)

    if args.passes == 0:
        print(f"{len(files)} files, start-up only")
        return
    one_pass()  # the first pass compiles what is compiled on first use
    rounds: list[float] = []

    def one_round(_: object = None, __: object = None) -> None:
        t = time.process_time()
        for _ in range(args.passes):
            one_pass()
        rounds.append((time.process_time() - t) / (args.passes * units) * 1000)

    if args.measured:  # callgrind --toggle-collect=functools_reduce counts these calls only
        functools.reduce(one_round, range(args.rounds + 1))
    else:
        for _ in range(args.rounds):
            one_round()
    per = "page" if args.pdf else "report"
    print(
        f"{len(files)} files, {units} {per}s ({kind}): CPU {min(rounds):.2f} ms/{per} least, "
        f"{statistics.median(rounds):.2f} median of {len(rounds)} rounds"
    )


def _pdf_reader(sample: int) -> tuple[Callable[[str, str], object], list[str], int, str]:
    """``process`` reading a PDF (the reader only), the committed text-layer PDFs (every
    ``sample``-th), their pages."""
    import logging

    sys.path.insert(0, str(ROOT / "bench"))
    from run import text_layer_pdfs

    from extractor.read import read

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    import pypdfium2

    files = [str(p) for p in text_layer_pdfs(sample)]
    pages = sum(len(pypdfium2.PdfDocument(f)) for f in files)
    return lambda f, _: read(f), files, pages, "pdf"


if __name__ == "__main__":
    main()
