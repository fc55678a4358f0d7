"""The validate stage: cross-check a Report's arithmetic and statements.

``validate(report)`` runs every rule of ``RULES`` (the contract's catalog, see
``rules.py``) and returns their findings in catalog order. Figures are compared
as the intervals their printed precision allows (``interval.py``): a check fails
only when the computed interval cannot meet the reported one.
"""

from __future__ import annotations

from extractor.models import Finding, Report
from extractor.validate.rules import BY_ID, RULES, Rule

__all__ = ["BY_ID", "RULES", "Rule", "validate"]


def validate(report: Report) -> list[Finding]:
    """Every rule's findings, in catalog order."""
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule.check(report))
    return findings
