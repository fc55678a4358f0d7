"""The closing lists of a report: problems, their causes, improvement measures, suggestions.

Each comes from the section whose title names it (patterns/lists.toml, [conclusions]);
its items are the section's lines, enumerations dropped, each with its place.
"""

from __future__ import annotations

import regex

import patterns
from extractor.fields.values import text_value
from extractor.models import Section, Value
from extractor.normalize import NormText, is_table_row
from extractor.script import HAN
from extractor.sections import walk

_C = dict(patterns.load("lists")["conclusions"])
ITEM_MARK = regex.compile(_C.pop("item_mark"))
ITEM_STOP = regex.compile(_C.pop("item_stop"))
LISTS = {name: regex.compile(p) for name, p in _C.items()}


def conclusion_lists(norm: NormText, sections: list[Section]) -> dict[str, list[Value]]:
    """Items of each closing list, by list name (problems, causes, measures, suggestions)."""
    out: dict[str, list[Value]] = {}
    for sec in walk(sections):
        names = _names(sec.title)
        if not names or any(_names(child.title) for child in walk(sec.children)):
            continue  # not a closing list, or its sub-sections say which list is which
        out.setdefault(names[0], []).extend(_items(norm, sec))
    return out


def _names(title: str) -> list[str]:
    """The lists a title names, in the order it names them."""
    found = [(m.start(), name) for name, p in LISTS.items() if (m := p.search(title))]
    return [name for _, name in sorted(found)]


def _items(norm: NormText, sec: Section) -> list[Value]:
    """The section's lines after its heading line (a heading with inline body text is one item),
    up to an attachment or a table."""
    heading_end = norm.text.find("\n", sec.start, sec.end)
    inline = _inline_body(norm, sec, heading_end if heading_end != -1 else sec.end)
    items = [inline] if inline else []
    pos = heading_end + 1 if heading_end != -1 else sec.end
    while pos < sec.end:
        stop = norm.text.find("\n", pos, sec.end)
        stop = sec.end if stop == -1 else stop
        line = norm.text[pos:stop]
        if ITEM_STOP.search(line) or is_table_row(line):
            break  # an attachment or a table after the last list
        mark = ITEM_MARK.match(norm.text, pos, stop)
        start = mark.end() if mark else pos
        if HAN.search(norm.text, start, stop):
            items.append(text_value(norm, start, stop))
        pos = stop + 1
    return items


def _inline_body(norm: NormText, sec: Section, line_end: int) -> Value | None:
    """'1、问题一：内容…' as a heading: its text after the title, when there is any."""
    at = norm.text.find(sec.title, sec.start, line_end)
    start = at + len(sec.title) if at != -1 else line_end
    while start < line_end and norm.text[start] in "：:。 ":
        start += 1
    return text_value(norm, start, line_end) if start < line_end else None
