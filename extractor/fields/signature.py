"""The unit that signs the report at its end: one entry point, ``signed_unit(norm)``.

A report often ends with its signer and the date ('锡林郭勒盟人力资源和社会保障局' / '2023年4月27日'):
the last line that is not a date or a seal note, when it is an organisation's whole name, is the
unit. Vocabulary: ``patterns/report.toml`` [signature]; the name is ``title.ORG``.
"""

from __future__ import annotations

import regex

import patterns
from extractor.fields.title import ORG
from extractor.fields.values import text_value
from extractor.models import Value
from extractor.normalize import NormText, fold

_S = patterns.load("report")["signature"]
DATE = regex.compile(_S["date"])
THIRD_PARTY = regex.compile(_S["third_party"])
SEAL = regex.compile(patterns.load("tables")["seal"])
NAME = regex.compile(ORG)
LAST_LINES = int(_S["last_lines"])
ATTACHMENT = regex.compile(_S["attachment"])


def signed_unit(norm: NormText) -> Value | None:
    """The signer's name on the report's last lines (after it only dates and seal notes), or on the
    last lines before its attached form."""
    lines = [(a, b) for a, b in norm.lines() if norm.text[a:b].strip()]
    attached = [i for i, (a, b) in enumerate(lines) if ATTACHMENT.match(norm.text[a:b].strip())]
    ends = [len(lines), *attached[-1:]]
    for end in ends:
        if unit := _signer(norm, lines[max(0, end - LAST_LINES) : end]):
            return unit
    return None


def _signer(norm: NormText, lines: list[tuple[int, int]]) -> Value | None:
    for a, b in reversed(lines):
        line = fold(norm.text[a:b])  # half-width brackets, same length
        if date := DATE.search(line):
            line = line[: date.start()]
        line = SEAL.sub(lambda m: " " * len(m[0]), line).rstrip()
        if not line.strip():
            continue
        start = a + len(line) - len(line.lstrip())
        name = line.strip()
        if NAME.fullmatch(name) and not THIRD_PARTY.search(name):
            return text_value(norm, start, start + len(name))
        return None
    return None
