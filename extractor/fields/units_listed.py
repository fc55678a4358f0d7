"""A department's units counted and named in prose (直属事业单位10个，即A、B、…。), for count.list:
the count, and the units listed when every item is a unit's name (patterns/lists.toml units)."""

from __future__ import annotations

import regex

import patterns
from extractor.fields.values import list_value, text_value
from extractor.models import NumberKind, Value
from extractor.normalize import NormText
from extractor.numbers import chinese_count

_L = patterns.load("lists")
UNITS = regex.compile(_L["units"])
UNIT_SUFFIX = regex.compile(_L["unit_suffix"])
UNIT_AND = regex.compile(_L["unit_and"])
SPLIT = regex.compile(_L["split"])
OPEN = regex.compile(_L["list_open"])


def listed_units(norm: NormText) -> tuple[Value, Value] | None:
    """(the stated count, the units named) of the first such statement whose items are all units."""
    for m in UNITS.finditer(norm.text):
        names = _names(m["v"])
        if names is None:
            continue
        numeral = m["n"]
        count = int(numeral) if numeral.isdigit() else chinese_count(numeral)
        stated = text_value(norm, m.start("n"), m.end("n"), value=count)
        stated.kind = NumberKind.count
        return stated, list_value(norm, m.start("v"), m.end("v"), names)
    return None


def _names(listed: str) -> list[str] | None:
    items = [OPEN.sub("", x).strip() for x in SPLIT.split(listed.rstrip("；;,， "))]
    names = [n for item in items for n in UNIT_AND.split(item) if n]
    if len(names) < 2 or not all(UNIT_SUFFIX.search(n) for n in names):
        return None  # a list of places or tasks, not of units
    return list(dict.fromkeys(names))
