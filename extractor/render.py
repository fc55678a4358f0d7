"""Human-readable and JSON renderings of findings and of the rule catalog (for the CLI)."""

from __future__ import annotations

import click

from extractor.flat import dumps
from extractor.models import Finding, Report

COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def findings_text(report: Report, color: bool = False) -> str:
    head = f"{report.source.path}: {len(report.findings)} finding(s)"
    lines = [click.style(head, bold=True) if color else head]
    for f in report.findings:
        lines.extend(_finding_lines(f, color))
    return "\n".join(lines)


def _finding_lines(f: Finding, color: bool) -> list[str]:
    tag = f"{f.severity.upper():<7} {f.rule}"
    out = [
        f"  {click.style(tag, fg=COLORS[f.severity]) if color else tag}",
        f"    {f.message_zh}",
        f"    {f.message_en}",
    ]
    for fact in f.facts:
        where = (
            f"line {fact.span.line}, page {fact.span.page}: {fact.span.text!r}" if fact.span else "computed"
        )
        out.append(f"      {fact.key} = {fact.value}  ({where})")
    return out


def findings_json(report: Report) -> str:
    data = {"file": report.source.path, "findings": [f.model_dump(mode="json") for f in report.findings]}
    return dumps(data)


def rules_text() -> str:
    try:
        from extractor.validate import RULES
    except ImportError:
        return "the validator is not installed"
    lines = []
    for r in RULES:
        lines.append(f"{r.id:<28} {r.severity:<8} {r.description_en}")
        lines.append(f"{'':<37} {r.description_zh}")
    return "\n".join(lines)
