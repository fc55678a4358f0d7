"""Notes after a table that name an indicator which fell short: one entry point, ``shortfalls``.

A self-evaluation form often explains its one missed target below the table, by the indicator's
name ('说明：年出栏商品猪未达到年初目标，主要原因是…；下一步将…。'). The note gives that indicator its
met (false), deviation reason and improvement, where the row itself stated none. Vocabulary:
``patterns/indicators.toml`` [note].
"""

from __future__ import annotations

import regex

import patterns
from extractor.fields.values import text_value
from extractor.models import Indicator, Value
from extractor.normalize import NormText, fold

_N = patterns.load("indicators")["note"]
NAME_BRACKETS = regex.compile(_N["name_brackets"])
NOTE = regex.compile(
    _N["before_name"]
    + "(?P<name>"
    + _N["name"]
    + ")(?P<short>"
    + _N["shortfall"]
    + ")"
    + _N["reason"]
    + _N["improvement"]
)


def shortfalls(norm: NormText, indicators: list[Indicator]) -> None:
    """Fill met / deviation_reason / improvement of each indicator a note names as short."""
    by_name = {name: ind for ind in indicators if (name := _core_name(ind))}
    for m in NOTE.finditer(norm.text) if by_name else ():
        ind = by_name.get(m["name"].strip())
        if ind is None:
            continue
        if ind.met is None:
            ind.met = Value(value=False, raw=m["short"], span=norm.span(m.start("short"), m.end("short")))
        if ind.deviation_reason is None:
            end = m.end("reason") + _closing_stop(norm.text, m.end("reason"))
            ind.deviation_reason = text_value(norm, m.start("reason"), end)
        if ind.improvement is None and m["improvement"]:
            ind.improvement = text_value(norm, m.start("improvement"), m.end("improvement"))


def _core_name(ind: Indicator) -> str | None:
    """The indicator's name folded, without the brackets ending it (年出栏商品猪（≥**头）)."""
    if ind.name is None or not isinstance(ind.name.value, str):
        return None
    return NAME_BRACKETS.sub("", fold(ind.name.value)).strip() or None


def _closing_stop(text: str, at: int) -> int:
    """1 where the reason's sentence ends its line with a full stop (kept, as a reason cell keeps it)."""
    return int(text[at : at + 1] == "。" and text[at + 1 : at + 2] in ("", "\n"))
