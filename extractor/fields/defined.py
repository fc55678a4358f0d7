"""The unit a report names with the short name it goes on to use: one entry point,
``defined_unit(norm, head_end)``.

'承担了九江市浔阳区发展和改革委员会(以下简称“区发改委”)2024年度部门整体支出绩效评价工作': the name
before the definition is the unit when the short name is the report's own (我局, 本单位) or the
title block names the unit by it (2024年九江市浔阳区发改委部门整体支出报告). Vocabulary:
``patterns/report.toml`` [defined_name].
"""

from __future__ import annotations

import regex

import patterns
from extractor.fields.title import ORG
from extractor.fields.values import text_value
from extractor.models import Value
from extractor.normalize import NormText

_D = patterns.load("report")["defined_name"]
DEFINITION = regex.compile(_D["definition"])
SELF = regex.compile(_D["self"])
LEAD = regex.compile(r"(?:" + _D["lead"] + r")")
NAME = regex.compile(ORG)
NAME_CHAR = regex.compile(r"[\p{Han}()]")
LONGEST_NAME = 40


def defined_unit(norm: NormText, head_end: int) -> Value | None:
    """The first name defined with a short name that is the report's own or the title block's."""
    text = norm.text
    head = text[:head_end]
    for m in DEFINITION.finditer(text):
        short = m["s"]
        if not (SELF.fullmatch(short) or short in head):
            continue
        span = _name_before(text, m.start())
        if span is not None:
            return text_value(norm, *span)
    return None


def _name_before(text: str, end: int) -> tuple[int, int] | None:
    """The organisation's name ending at ``end``: the run of name characters before it, less the
    clause's words before the name (承担了, 对 …); None if it is no organisation's name."""
    start = end
    while start > max(0, end - LONGEST_NAME) and NAME_CHAR.match(text, start - 1):
        start -= 1
    while (lead := LEAD.match(text, start, end)) is not None and lead.end() < end:
        start = lead.end()
    return (start, end) if NAME.fullmatch(text, start, end) else None
