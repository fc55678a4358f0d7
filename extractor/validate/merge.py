"""Several failures of one rule about one table or row, told as one finding."""

from __future__ import annotations

from extractor.models import Finding

RANK = {"info": 0, "warning": 1, "error": 2}


def merge(findings: list[Finding]) -> Finding | None:
    """One finding: messages joined, facts combined, the gravest severity, the first intervals."""
    if len(findings) <= 1:
        return findings[0] if findings else None
    first = findings[0]
    facts, seen = [], set()
    for f in findings:
        for fact in f.facts:
            if fact.key not in seen:
                seen.add(fact.key)
                facts.append(fact)
    return first.model_copy(
        update={
            "severity": max((f.severity for f in findings), key=RANK.__getitem__),
            "message_zh": "；".join(f.message_zh.rstrip("。") for f in findings) + "。",
            "message_en": "; ".join(f.message_en.rstrip(".") for f in findings) + ".",
            "facts": facts,
        }
    )
