"""Level weights: the 分值 a level label states for itself (产出指标(50分), 效益指标（30分）).

``stated_levels(norm, indicators)`` looks right after each level label the
indicators carry (their ``level1``/``level2`` Values, one span per label cell or
heading) for the weight note; the table and prose readers keep the label and drop
the note. The pattern is ``level_weight`` of ``patterns/indicators.toml``.
"""

from __future__ import annotations

import bisect
from decimal import Decimal

import regex

import patterns
from extractor.fields.values import plain_value
from extractor.models import Indicator, Level, NumberKind, Value
from extractor.normalize import NormText

WEIGHT_NOTE = regex.compile(patterns.load("indicators")["level_weight"].removesuffix("$"))
NUMBER = regex.compile(r"\d+(?:\.\d+)?")


def stated_levels(norm: NormText, indicators: list[Indicator]) -> list[Level]:
    """Each level label above the indicators that states its weight, in document order."""
    out: dict[tuple[int, int], Level] = {}
    for ind in indicators:
        for label in (ind.level1, ind.level2):
            if label is None or label.span is None:
                continue
            place = (label.span.start, label.span.end)
            if place not in out:
                weight = _weight_after(norm, label.span.end)
                if weight is not None:
                    out[place] = Level(name=label, weight=weight)
    return [out[k] for k in sorted(out)]


def _weight_after(norm: NormText, original_end: int) -> Value | None:
    """The weight note right after the label ending at this original offset ('(50分)' -> 50)."""
    at = bisect.bisect_left(norm.origin, original_end)
    note = WEIGHT_NOTE.match(norm.text, at)
    if note is None:
        return None
    num = NUMBER.search(norm.text, note.start(), note.end())
    if num is None:
        return None
    end = num.end() + 1 if norm.text.startswith("分", num.end()) else num.end()
    return plain_value(norm, num.start(), end, Decimal(num.group()), NumberKind.score, "分")
