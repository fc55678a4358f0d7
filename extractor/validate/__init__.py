"""The validate stage: cross-check a Report's arithmetic and statements.

``validate(report)`` runs every rule of ``RULES`` (the contract's catalog, see
``rules.py``) and returns their findings in catalog order. Figures are compared
as the intervals their printed precision allows (``interval.py``): a check fails
only when the computed interval cannot meet the reported one.
"""

from __future__ import annotations

from typing import Any

from extractor.models import Finding, Report
from extractor.validate.check import one_run
from extractor.validate.rules import BY_ID, RULES, Rule
from extractor.validate.statements import missing_keys, required_keys

__all__ = ["BY_ID", "RULES", "Rule", "missing_keys", "required_keys", "validate"]


# Fallback rules on figures without a contract key: silent when a keyed rule already reports the
# same figures (其中 parts that are also 基本支出/项目支出 are checked by sum.budget_composition).
FALLBACK_RULES = {"sum.breakdown"}


def validate(report: Report, fields: dict[str, Any] | None = None) -> list[Finding]:
    """Every rule's findings, in catalog order, each inconsistency told once. ``fields``: the flat
    view of the report's fields (``flat.field_view``), when the caller made it already."""
    findings: list[Finding] = []
    with one_run(report, fields):
        for rule in RULES:
            findings.extend(rule.check(report))
    return [f for f in findings if not _told_elsewhere(f, findings)]


def _told_elsewhere(f: Finding, findings: list[Finding]) -> bool:
    if f.rule not in FALLBACK_RULES:
        return False
    mine = _places(f)
    return bool(mine) and any(g.rule not in FALLBACK_RULES and mine <= _places(g) for g in findings)


def _places(f: Finding) -> set[tuple[int, int]]:
    return {(x.span.start, x.span.end) for x in f.facts if x.span is not None}
