"""The unit's own form of its name, where a table's fallback label gave it with a prefix.

A 公开 table's header (部门:临沧市永德县明朗中学) names the budget unit as registered, its city
before it; the form's 实施单位 cell names it as itself (永德县明朗中学). When a text lost that
cell's label (pdftotext wrote the cell far from it), the unit is read from the header: the report
still states the unit's own form, standing alone between table cells. See patterns/report.toml
(region_prefix, own_form) and tables.toml (key.unit_fallback).
"""

from __future__ import annotations

import regex

import patterns
from extractor.fields.values import text_value
from extractor.models import Value
from extractor.normalize import NormText
from extractor.script import HAN

_R = patterns.load("report")
_T = patterns.load("tables")
REGION_PREFIX = regex.compile(_R["region_prefix"])
OWN_FORM = regex.compile(_R["own_form"])
FALLBACK_LABEL = regex.compile(r"(?:" + "|".join(_T["key"]["unit_fallback"]) + r")[ \t]*$")


def own_form(norm: NormText, unit: Value) -> Value:
    """The unit's name without the region prefix a fallback label gave it, where the report
    states that form alone (no Han character on either side); else the unit as read."""
    if unit.span is None or not isinstance(unit.value, str):
        return unit
    original = norm.original
    line_start = original.rfind("\n", 0, unit.span.start) + 1
    if not FALLBACK_LABEL.search(original, line_start, unit.span.start):
        return unit
    name = unit.value
    for cut in range(2, len(name) - 3):
        rest = name[cut:]
        if not REGION_PREFIX.fullmatch(name, 0, cut) or not OWN_FORM.match(rest):
            continue
        if (at := _alone(norm.text, rest)) is not None:
            return text_value(norm, at, at + len(rest))
    return unit


def _alone(text: str, name: str) -> int | None:
    """Where `name` first stands with no Han character on either side (no pattern compiled for
    it: the pattern store keeps only the vocabulary's patterns)."""
    at = text.find(name)
    while at != -1:
        end = at + len(name)
        if not (at and HAN.match(text, at - 1)) and not HAN.match(text, end):
            return at
        at = text.find(name, at + 1)
    return None
