"""The jixiao command line: parses arguments, calls the extractor library, prints.

Exit codes: 0 done; 1 a finding at or above --fail-on; 2 usage error; 3 input unreadable.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from extractor.errors import EXIT_FINDINGS, EXIT_INPUT, InputError

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
OCR_OPTION = click.option(
    "--ocr",
    type=click.Choice(["auto", "off", "force"]),
    default="auto",
    show_default=True,
    help="OCR scanned pages: auto (pages without a text layer, and images), force (every page), off.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jixiao")
def main() -> None:
    """Extract and cross-check Chinese budget-performance self-evaluation reports (绩效自评报告)."""


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--flat", is_flag=True, help="Print the contract's flat key/value view.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of stdout.")
@click.option("--pretty", is_flag=True, help="Indent the JSON.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default="never",
    show_default=True,
    help="Exit 1 when a finding at or above this severity exists.",
)
@click.option(
    "--html",
    "html_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write a review page (HTML) for the report to this file.",
)
@OCR_OPTION
def extract(
    path: Path, flat: bool, output: Path | None, pretty: bool, fail_on: str, html_file: Path | None, ocr: str
) -> None:
    """Extract one report (text, PDF, Word, or a scan: image-only PDF, .png/.jpg/.tif) to JSON."""
    from extractor import extract as run
    from extractor.flat import dumps, flatten

    report = _run(lambda p: run(p, ocr), path)
    for note in report.notes:
        click.echo(f"jixiao: {path}: {note}", err=True)
    if flat:
        text = dumps(flatten(report), pretty=pretty)
    else:
        text = report.model_dump_json(indent=2 if pretty else None, exclude_none=True)
    _write(text, output)
    if html_file:
        from extractor.review import write_review

        write_review(html_file, report=report)
    sys.exit(_exit_for(report.findings, fail_on))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding at or above this severity exists.",
)
@OCR_OPTION
def check(paths: tuple[Path, ...], fmt: str, fail_on: str, ocr: str) -> None:
    """Cross-check reports and list their findings."""
    from extractor import extract as run
    from extractor.render import findings_json, findings_text

    worst, unreadable = 0, False
    for path in paths:
        try:
            report = run(path, ocr)
        except InputError as exc:
            click.echo(f"jixiao: {exc}", err=True)
            unreadable = True
            continue
        if fmt == "json":
            click.echo(findings_json(report))
        else:
            click.echo(findings_text(report, color=sys.stdout.isatty()))
        worst = max(worst, _exit_for(report.findings, fail_on))
    sys.exit(EXIT_INPUT if unreadable else worst)


@main.command()
@click.argument("outdir", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("review.html"),
    show_default=True,
    help="The HTML file to write.",
)
def review(outdir: Path, output: Path) -> None:
    """Write one self-contained HTML page to review a batch output folder."""
    from extractor.review import write_review

    count = _run(lambda d: write_review(output, outdir=d), outdir)
    click.echo(f"{output}: {count} report(s)", err=True)


@main.command()
def rules() -> None:
    """List the validator's rule catalog."""
    from extractor.render import rules_text

    click.echo(rules_text())


@main.command()
def schema() -> None:
    """Print the JSON Schema of the nested report."""
    import json

    from extractor.models import Report

    click.echo(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2))


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--outdir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: number of cores).")
@click.option("--db", help="Also load the results into this SQLite file (path or sqlite:///path).")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default="never",
    show_default=True,
    help="Exit 1 when a report of these inputs has a finding at or above this severity.",
)
@click.option("--force", is_flag=True, help="Redo inputs already in OUTDIR.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help="Seconds per file (per OCR page for a scan).",
)
@OCR_OPTION
def batch(
    inputs: tuple[str, ...],
    outdir: Path,
    jobs: int | None,
    db: str | None,
    fail_on: str,
    force: bool,
    timeout: float,
    ocr: str,
) -> None:
    """Extract many reports (files, folders, globs) into OUTDIR: JSONL, CSV, summary, texts; resumable.

    Exit codes: 0 done; 1 a finding at or above --fail-on; 3 an input failed; 130/143 interrupted.
    """
    from extractor.batch import run_batch
    from extractor.batch_summary import exit_code, summary_text

    summary = run_batch(
        list(inputs), outdir, jobs=jobs, timeout=timeout, force=force, db=db, progress=sys.stderr, ocr=ocr
    )
    click.echo(summary_text(summary), nl=False)
    sys.exit(exit_code(summary, fail_on))


@main.command()
@click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", required=True, help="SQLite path or sqlite:///path, or postgresql://user@host/db.")
def load(outdir: Path, db: str) -> None:
    """Load a batch OUTDIR into SQLite or PostgreSQL (same tables; re-loading replaces)."""
    from extractor.store import load_outdir

    counts = load_outdir(outdir, db)
    click.echo(f"loaded {counts['reports']} reports and {counts['files']} files into {db}")


def _run(fn, path: Path):
    try:
        return fn(path)
    except InputError as exc:
        click.echo(f"jixiao: {exc}", err=True)
        sys.exit(EXIT_INPUT)


def _write(text: str, output: Path | None) -> None:
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)


def _exit_for(findings, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    limit = SEVERITY_RANK[fail_on]
    return EXIT_FINDINGS if any(SEVERITY_RANK[f.severity] >= limit for f in findings) else 0


if __name__ == "__main__":
    main()
