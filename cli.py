"""The jixiao command line: parses arguments, calls the extractor library, prints.

Exit codes: 0 done; 1 a finding at or above --fail-on; 2 usage error; 3 input unreadable;
4 the machine failed (disk full, I/O error, permission, database unreachable); 5 OUTDIR in use
by another run; 130/143 interrupted.
Help texts (Chinese and English) are in patterns/help.toml.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

import patterns
from extractor.errors import EXIT_FINDINGS, EXIT_INPUT, InputError, MachineError
from extractor.help_format import WideHelpFormatter

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
HELP = patterns.load("help")


class _Context(click.Context):
    formatter_class = WideHelpFormatter


class _Command(click.Command):
    context_class = _Context


class _Group(click.Group):
    context_class = _Context
    command_class = _Command


def _doc(name: str) -> dict[str, str]:
    """help= and short_help= of a command: its text, then its exit codes."""
    h = HELP[name]
    return {"help": f"{h['text'].strip()}\n\n退出码 Exit codes: {h['exit']}", "short_help": h["short"]}


def _opt(command: str, option: str) -> str:
    return HELP[command]["options"][option]


def default_lang() -> str:
    """zh when the locale (LC_ALL, then LANG) is Chinese, else en."""
    locale = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "zh" if locale.lower().startswith("zh") else "en"


def _lang_option(fn):
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default=default_lang,
        show_default="from LANG / LC_ALL",
        help=HELP["main"]["lang"],
    )(fn)


OCR_OPTION = click.option(
    "--ocr",
    type=click.Choice(["auto", "off", "force"]),
    default="auto",
    show_default=True,
    help=HELP["main"]["ocr"],
)


@click.group(
    cls=_Group,
    help=HELP["main"]["text"].strip(),
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="jixiao")
def main() -> None:
    pass


@main.command(**_doc("extract"))
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--flat", is_flag=True, help=_opt("extract", "flat"))
@click.option("-o", "--output", type=click.Path(path_type=Path), help=_opt("extract", "output"))
@click.option("--pretty", is_flag=True, help=_opt("extract", "pretty"))
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default="never",
    show_default=True,
    help=_opt("extract", "fail_on"),
)
@click.option(
    "--html",
    "html_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help=_opt("extract", "html"),
)
@OCR_OPTION
def extract(
    path: Path, flat: bool, output: Path | None, pretty: bool, fail_on: str, html_file: Path | None, ocr: str
) -> None:
    from extractor import extract as run  # loads the pattern store itself, after checking the path

    report = _run(lambda p: run(p, ocr), path)
    from extractor.flat import dumps, flatten

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


@main.command(**_doc("check"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help=_opt("check", "format"),
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default="error",
    show_default=True,
    help=_opt("check", "fail_on"),
)
@OCR_OPTION
@_lang_option
def check(paths: tuple[Path, ...], fmt: str, fail_on: str, ocr: str, lang: str) -> None:
    _load_patterns()
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
            click.echo(findings_text(report, color=sys.stdout.isatty(), lang=lang))
        worst = max(worst, _exit_for(report.findings, fail_on))
    sys.exit(EXIT_INPUT if unreadable else worst)


@main.command(**_doc("review"))
@click.argument("outdir", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("review.html"),
    show_default=True,
    help=_opt("review", "output"),
)
def review(outdir: Path, output: Path) -> None:
    from extractor.review import write_review

    count = _run(lambda d: write_review(output, outdir=d), outdir)
    click.echo(f"{output}: {count} report(s)", err=True)


@main.command(**_doc("rules"))
def rules() -> None:
    from extractor.render import rules_text

    click.echo(rules_text())


@main.command(**_doc("schema"))
def schema() -> None:
    import json

    from extractor.models import Report

    click.echo(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2))


@main.command(**_doc("batch"))
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--outdir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help=_opt("batch", "outdir"),
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), help=_opt("batch", "jobs"))
@click.option("--db", help=_opt("batch", "db"))
@click.option("--xlsx", type=click.Path(dir_okay=False, path_type=Path), help=_opt("batch", "xlsx"))
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default="never",
    show_default=True,
    help=_opt("batch", "fail_on"),
)
@click.option("--force", is_flag=True, help=_opt("batch", "force"))
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help=_opt("batch", "timeout"),
)
@OCR_OPTION
@click.option("--cluster", metavar="ADDRESS", help=_opt("batch", "cluster"))
@_lang_option
def batch(
    inputs: tuple[str, ...],
    outdir: Path,
    jobs: int | None,
    db: str | None,
    xlsx: Path | None,
    fail_on: str,
    force: bool,
    timeout: float,
    ocr: str,
    cluster: str | None,
    lang: str,
) -> None:
    _load_patterns()
    from extractor.batch.cluster import ClusterError
    from extractor.batch.run import run_batch
    from extractor.batch.summary import exit_code, summary_text

    if cluster:
        _check_cluster(cluster)
    try:
        summary = run_batch(
            list(inputs),
            outdir,
            jobs=jobs,
            timeout=timeout,
            force=force,
            db=db,
            xlsx=xlsx,
            progress=sys.stderr,
            ocr=ocr,
            cluster=cluster,
        )
    except MachineError as exc:
        click.echo(f"jixiao: {exc}", err=True)
        sys.exit(exc.exit_code)
    except ClusterError as exc:
        click.echo(f"jixiao: {exc}", err=True)
        sys.exit(2)
    click.echo(summary_text(summary, lang=lang), nl=False)
    sys.exit(exit_code(summary, fail_on))


def _check_cluster(address: str) -> None:
    """--cluster: dask importable and the address well formed, before any work (else exit 2)."""
    from extractor.batch.cluster import ClusterError, check_address

    try:
        check_address(address)
    except ClusterError as exc:
        click.echo(f"jixiao: {exc}", err=True)
        sys.exit(2)


@main.command(**_doc("export"))
@click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--xlsx", required=True, type=click.Path(dir_okay=False, path_type=Path), help=_opt("export", "xlsx")
)
def export(outdir: Path, xlsx: Path) -> None:
    from extractor.batch.outdir import REPORTS
    from extractor.store.xlsx import write_workbook

    if not (outdir / REPORTS).is_file():
        click.echo(f"jixiao: {outdir}: not a batch output folder (no {REPORTS})", err=True)
        sys.exit(EXIT_INPUT)
    counts = write_workbook(outdir, xlsx)
    click.echo(
        f"{xlsx}: {counts['reports']} 报告 reports, {counts['indicators']} 指标 indicators, "
        f"{counts['findings']} 问题 findings, {counts['errors']} 失败 failed files",
        err=True,
    )


@main.command(**_doc("load"))
@click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", required=True, help=_opt("load", "db"))
@click.option("--replace", is_flag=True, help=_opt("load", "replace"))
def load(outdir: Path, db: str, replace: bool) -> None:
    from extractor.batch.outdir import lock
    from extractor.store import load_outdir, mask_url

    try:
        with lock(outdir, shared=True):
            counts = load_outdir(outdir, db, replace=replace)
    except (InputError, MachineError) as exc:
        click.echo(f"jixiao: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo(f"jixiao: load into {mask_url(db)} interrupted: run it again to finish", err=True)
        sys.exit(130)
    deleted = f", deleted {counts['deleted']} reports not in {outdir}" if replace else ""
    click.echo(f"loaded {counts['reports']} reports and {counts['files']} files into {mask_url(db)}{deleted}")


def _load_patterns() -> None:
    """The patterns an earlier process compiled (extractor.pattern_store), before a module compiles them."""
    from extractor import pattern_store

    pattern_store.load()


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
