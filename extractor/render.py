"""Human-readable and JSON renderings of findings and of the rule catalog (for the CLI)."""

from __future__ import annotations

import click

import patterns
from extractor.flat import dumps
from extractor.models import Finding, Report

COLORS = {"error": "red", "warning": "yellow", "info": "blue"}
_UI = patterns.load("interface")


def findings_text(report: Report, color: bool = False, lang: str = "en") -> str:
    """The report's findings, each with its message in ``lang`` (zh or en) and the values it read."""
    words = _UI["findings"]
    head = words["head"][lang].format(path=report.source.path, count=len(report.findings))
    lines = [click.style(head, bold=True) if color else head]
    for f in report.findings:
        lines.extend(_finding_lines(f, color, lang))
    return "\n".join(lines)


def _finding_lines(f: Finding, color: bool, lang: str) -> list[str]:
    words = _UI["findings"]
    severity = f.severity.upper() if lang == "en" else _UI["severities"][f.severity]["zh"]
    tag = f"{severity:<7} {f.rule}"
    message = f.message_zh if lang == "zh" else f.message_en
    out = [f"  {click.style(tag, fg=COLORS[f.severity]) if color else tag}", f"    {message}"]
    for fact in f.facts:
        s = fact.span
        where = words["where"][lang].format(line=s.line, page=s.page, text=repr(s.text)) if s else None
        out.append(f"      {fact.key} = {fact.value}  ({where or words['computed'][lang]})")
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
