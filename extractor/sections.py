"""Split normalized text into a tree of numbered sections (一、 / (一) / 1. / (1) / ①).

The heading schemes live in ``patterns/headings.toml``. A heading is a logical
line that starts with a marker; its title runs to the first full stop or colon
(``1、赓续初心学思践悟。制定…`` has the title 赓续初心学思践悟 and inline body
text). A number that is not followed by 、 or a lone '.' (``2024年…``) is not a
marker. A "heading" whose title is a long sentence is kept as a list item.
"""

from __future__ import annotations

import bisect

import regex

import patterns
from extractor.models import Section
from extractor.normalize import NormText

_H = patterns.load("headings")
_LEVELS = [(regex.compile(lv["marker"]), int(lv["depth"])) for lv in _H["level"]]
# Any level's marker (each opens with ^): a line that is no heading is ruled out with one match.
_ANY_MARKER = regex.compile("|".join(f"(?:{p.pattern})" for p, _ in _LEVELS))
_TITLE_END = regex.compile("[" + regex.escape(_H["title_end"]) + "]")
MAX_TITLE = int(_H["max_title"])
TOC_MIN_RUN = int(_H["toc_min_run"])
TOC_LINE = regex.compile(_H["toc_line"])
TOC_LEADER = regex.compile(_H["toc_leader"])


def heading_at(line: str) -> tuple[str, int, str] | None:
    """(marker, depth, title) when the line starts with a heading marker."""
    if not _ANY_MARKER.match(line):
        return None
    for pattern, depth in _LEVELS:
        m = pattern.match(line)
        if m:
            rest = line[m.end() :].lstrip()
            end = _TITLE_END.search(rest)
            title = rest[: end.start()] if end else rest
            return m.group().strip(), depth, title
    return None


def split_sections(norm: NormText) -> list[Section]:
    """The heading tree of a normalized text.

    A section ends where the next one at its depth or above starts."""
    roots: list[Section] = []
    stack: list[Section] = []
    lines = norm.lines()
    found_at = [heading_at(norm.text[a:b]) for a, b in lines]
    contents = _table_of_contents(norm, lines, found_at)
    for i, (start, end) in enumerate(lines):
        found = found_at[i]
        if not found or not found[2] or i in contents:
            continue
        marker, depth, title = found
        while stack and stack[-1].level >= depth:
            stack.pop().end = start
        parent = stack[-1] if stack else None
        node = Section(
            number=marker,
            level=depth,
            title=title[:MAX_TITLE],
            path=(parent.path + "/" if parent else "") + marker,
            start=start,
            end=len(norm.text),
            span=norm.span(start, min(end, start + len(marker) + len(title))),
        )
        (parent.children if parent else roots).append(node)
        stack.append(node)
    return roots


def _table_of_contents(
    norm: NormText, lines: list[tuple[int, int]], found_at: list[tuple[str, int, str] | None]
) -> set[int]:
    """Line numbers of a table of contents (目录): runs of heading lines only, after a 目录 line
    or whose first entry is a heading again later in the body."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        j = i
        first = _entry(found_at[i]) if found_at[i] and found_at[i][2] else None
        while j < len(lines) and found_at[j] and found_at[j][2] and (j == i or _entry(found_at[j]) != first):
            j += 1  # a run of headings only, up to where the body repeats its first entry
        if j - i >= TOC_MIN_RUN:
            after_toc_line = i > 0 and bool(TOC_LINE.search(norm.text[slice(*lines[i - 1])]))
            again = any(f and f[2] and _entry(f) == first for f in found_at[j:])
            if after_toc_line or again:
                out.update(range(i, j))
        i = max(j, i + 1)
    return out


def _entry(found: tuple[str, int, str]) -> tuple[str, str]:
    """A heading as a TOC entry and the body both print it: marker and title, leaders dropped."""
    return found[0], TOC_LEADER.sub("", found[2])


def walk(sections: list[Section]):
    """Every section in document order (depth first)."""
    for s in sections:
        yield s
        yield from walk(s.children)


def enclosing(sections: list[Section], pos: int) -> list[Section]:
    """The chain of sections containing offset `pos`, outermost first."""
    chain: list[Section] = []
    level = sections
    while True:
        i = bisect.bisect_right(level, pos, key=lambda s: s.start) - 1
        inner = level[i] if i >= 0 and level[i].start <= pos < level[i].end else None
        if inner is None:
            return chain
        chain.append(inner)
        level = inner.children


# children's titles in common that make two sibling sections parallel: each one subject's
_PARALLEL_TITLES = int(_H["parallel_titles"])


def parallel(sections: list[Section]) -> list[Section]:
    """The outermost sibling sections built alike, each with `parallel_titles` child titles or more
    in common with a sibling (一、特色小镇建设项目 （一）项目概况 （二）…自评价情况 / 二、现代服务业…项目
    （一）项目概况 …): one subject each, a project of a page of several, and a figure stated in one
    is not the others' nor the page's."""
    out: list[Section] = []
    titles = [{s.title.strip() for s in sibling.children} for sibling in sections]
    for i, sibling in enumerate(sections):
        alike = (len(titles[i] & other) >= _PARALLEL_TITLES for j, other in enumerate(titles) if j != i)
        out.extend([sibling] if any(alike) else parallel(sibling.children))
    return out


def subject_of(subjects: list[Section], pos: int) -> int | None:
    """The index of the parallel section (see `parallel`) that holds offset `pos`, if any."""
    return next((i for i, s in enumerate(subjects) if s.start <= pos < s.end), None)
