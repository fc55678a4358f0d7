"""Build ``Value`` objects (value + source span) from matches in normalized text."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import regex

from extractor.models import NumberKind, Value
from extractor.normalize import NormText, fold, unspaced
from extractor.numbers import Figure, printed_decimals


def number_value(norm: NormText, fig: Figure) -> Value:
    """A Value for a figure: amounts in 元, rates in percent, counts and scores as printed."""
    span = norm.span(fig.start, fig.end)
    return Value(
        value=fig.value,
        raw=span.text,
        span=span,
        kind=fig.kind,
        unit=fig.unit,
        decimals=fig.decimals,
        scale=fig.scale,
    )


def printed_value(norm: NormText, fig: Figure) -> Value:
    """A Value for an indicator's figure: the number as printed beside its unit (≤100万元 -> 100
    万元, as a table's cell is read), its magnitude kept in the unit, not multiplied in."""
    v = number_value(norm, fig)
    v.value, v.scale = fig.number, Decimal(1)
    return v


def count_value(norm: NormText, fig: Figure) -> Value:
    """A Value for a count (an integer)."""
    v = number_value(norm, fig)
    if v.value == v.value.to_integral_value():
        v.value = int(v.value)
    return v


def text_value(norm: NormText, start: int, end: int, value: Any = None) -> Value:
    """A Value for text[start:end]; the value is the original text without whitespace unless given."""
    span = norm.span(start, end)
    if value is None:
        value = unspaced(span.text) if end > start else ""  # norm.source_text(start, end)
    return Value(value=value, raw=span.text, span=span)


def list_value(norm: NormText, start: int, end: int, names: list[str]) -> Value:
    """A Value for a list read from text[start:end]: each name as the original prints it (its
    full-width brackets kept, a line break inside it dropped), where the original holds it."""
    original = norm.span(start, end).text
    printed = fold(original)  # same length: a name's place in it is its place in the original
    out, at = [], 0
    for name in names:
        m = regex.compile(r"\s*".join(map(regex.escape, name))).search(printed, at) if name else None
        out.append(unspaced(original[m.start() : m.end()]) if m else name)
        at = m.end() if m else at
    return text_value(norm, start, end, value=out)


def plain_value(
    norm: NormText,
    start: int,
    end: int,
    number: Decimal,
    kind: NumberKind,
    unit: str = "",
    scale: Decimal = Decimal(1),
) -> Value:
    """A Value for a number whose unit is not beside it.

    A table cell under a '(万元)' header has scale 10000."""
    decimals = printed_decimals(number)
    span = norm.span(start, end)
    return Value(
        value=number * scale, raw=span.text, span=span, kind=kind, unit=unit, decimals=decimals, scale=scale
    )
