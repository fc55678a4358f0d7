"""Normalize a Document's text for parsing, keeping a map back to the original.

What changes (vocabulary in ``patterns/normalize.toml``):
- full-width ASCII (０-９, （）, ％, ：…) to half-width, and a few look-alike signs;
- stray spaces: between a number and its unit, between a word and a number,
  inside words that PDF export spaced out; tabular lines keep their cell gaps;
- list bullets (``- ``) at line starts are dropped, and so are page-number lines
  left in text copied out of a PDF (``- 3 -``, ``第 3 页 共 9 页``);
- lines broken mid-sentence (often across blank lines) are joined into one
  logical line; a line ending a sentence, a heading, a ``标签：`` line or a
  table row is not joined to the next, unless the row was wrapped at the page width
  inside a cell (a pipe row, or a one-line table whose label the break cut: 质量指 / 标).

Every character of ``NormText.text`` records the offset of the original
character it came from, so any match can be turned into a ``Span``.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import regex

import patterns
from extractor.models import Document, Span
from extractor.script import HAN

_CFG = patterns.load("normalize")
_HEADINGS = patterns.load("headings")
_CHARS: dict[str, str] = _CFG["chars"]
# every character the normalizer maps: the configured ones first, then full-width to half-width
_CHAR_MAP: dict[str, str] = (
    {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    | dict.fromkeys("\u3000\f\v\r", " ")
    | patterns.load("traditional")["chars"]  # 績效 -> 绩效 (a 繁體 copy of a report)
    | _CHARS
)
_TRANSLATION = str.maketrans(_CHAR_MAP)
_FOLDING = str.maketrans({k: v for k, v in _CHAR_MAP.items() if len(v) == 1})  # fold_char of each
# str.translate raises and clears a KeyError for every character its table leaves alone (most of
# them): a text holding none of the mapped characters is left as it is without it.
_MAPPED = frozenset(_CHAR_MAP)
_FOLDED = frozenset(chr(k) for k in _FOLDING)
_TERMINAL = set(_CFG["terminal"])
_UNITS = sorted(_CFG["spaces"]["after_number"], key=len, reverse=True)
_STARTS = [regex.compile(p) for p in _CFG["starts"].values()]
_TABLE_MARKERS = regex.compile(_CFG["table_markers"])
_CONTINUES = regex.compile(_CFG["continues"])
_PAGE_MARKERS = [regex.compile(p) for p in _CFG["page_markers"]]
_COMPLETE = [regex.compile(p) for p in _CFG["complete"].values()]
_NAME_LABEL, _NAME_REST = regex.compile(_CFG["name_label"]), regex.compile(_CFG["name_rest"])
_ORG_END = regex.compile(_CFG["org_end"])
_HEADING_STARTS = [regex.compile(lv["marker"]) for lv in _HEADINGS["level"]]
_BULLET = regex.compile(_CFG["starts"]["bullet"])
_TITLE_LINE = regex.compile(_CFG["title_line"])

_NUM_UNIT_GAP = regex.compile(r"(?<=\d)[ \t]+(?=(?:" + "|".join(map(regex.escape, _UNITS)) + "))")
_HAN_NUM_GAP = regex.compile(r"(?<=[\p{Han}:),，、])[ \t]+(?=\d)|(?<=\d)[ \t]+(?=[\p{Han}(])")
_NUM_NUM_GAP = regex.compile(r"[\d%][ \t]+[\d.-]")
_HAN_HAN_GAP = regex.compile(r"(?<=[\p{Han}）)》”])[ \t]+(?=[\p{Han}（(《“])")
_SINGLE_SPACED = regex.compile(r"^(?:\p{Han}[ \t]+)+\p{Han}")
_PUNCT_GAP = regex.compile(r"(?<=[:(（【\[])[ \t]+|[ \t]+(?=[)）】\],，。；;:：])")
_SPACED_HEADING = regex.compile(r"^[一二三四五六七八九十]{1,3}([ \t])[ \t]*\p{Han}")
_MULTI_SPACE = regex.compile(r"[ \t]{2,}")
# A gap after a decimal point inside a clause ('预算32. 6万元', '使用率96. 47%': a Word line join in a
# document site's text); after a list's number at a clause's start ('、1. 2023年') none is closed.
_DECIMAL_GAP = regex.compile(r"(?<=\p{Han}\d{1,12}\.)[ \t](?=\d)")
_WS = regex.compile(r"\s+")
_COMMA = regex.compile(r"[,，]")
_PINYIN_NOTE = regex.compile(_CFG["pinyin_note"])
_WRAPPED_PROSE_MARKS = regex.compile(_CFG["wrapped_prose_marks"])


def _any_of(patterns: list[regex.Pattern[str]]) -> regex.Pattern[str]:
    """One pattern that matches where any of ``patterns`` does (none has groups): one call per line
    instead of one per pattern."""
    if any(p.groups for p in patterns):
        raise ValueError("a pattern with groups cannot be joined")
    return regex.compile("|".join(f"(?:{p.pattern})" for p in patterns))


_PAGE_MARKER = _any_of(_PAGE_MARKERS)
_PARAGRAPH_START = _any_of(_STARTS + _HEADING_STARTS)
_COMPLETE_LINE = _any_of(_COMPLETE)
_WRAPPED_PROSE_MIN: int = _CFG["wrapped_prose_min"]
_LABEL_COLON = regex.compile(r"^([\p{Han}]{1,14})[:：]")
_HAN_RUN = regex.compile(r"\p{Han}+")
_CLAUSE_END = frozenset(_CFG["clause_end"])
# What an indicator's actual is often written as in a table (达成预期指标): table words too.
_ACTUAL_WORDS = frozenset(patterns.load("tables")["indicator"]["actual_words"])
_LABEL_REST = 12  # the most characters of a label a page-width wrap puts on the next line
# A line of a wrapped one-line table at least this share of the page's width (the narrowest line
# a label proves wrapped) is wrapped too: character widths are only estimated.
_PAGE_WIDTH_SHARE = 0.95


@dataclass(frozen=True)
class NormText:
    """Normalized text: logical lines joined by '\\n', each char mapped to the original."""

    text: str
    origin: list[int]  # origin[i] = offset in `original` of text[i]; one extra entry at the end
    original: str
    page_starts: list[int] = field(default_factory=lambda: [0])
    line_starts: list[int] = field(default_factory=lambda: [0])
    # where in `text` a line wrapped at the page width inside a one-line table was joined to the next
    wraps: frozenset[int] = frozenset()

    def span(self, start: int, end: int) -> Span:
        """The original location of text[start:end]."""
        if end <= start:
            end = start + 1
        o_start = self.origin[start]
        o_end = self.origin[end - 1] + 1 if end - 1 < len(self.text) else self.origin[-1]
        return self.original_span(o_start, o_end)

    def original_span(self, start: int, end: int) -> Span:
        """The location of original[start:end] (offsets in the original text)."""
        return Span(
            page=bisect.bisect_right(self.page_starts, start),
            line=bisect.bisect_right(self.line_starts, start),
            start=start,
            end=end,
            text=self.original[start:end],
        )

    def source_text(self, start: int, end: int) -> str:
        """Original characters of text[start:end] with whitespace removed (for text values)."""
        return unspaced(self.span(start, end).text) if end > start else ""

    def lines(self) -> list[tuple[int, int]]:
        """(start, end) of each logical line in `text`."""
        return list(self._lines)

    @cached_property
    def _lines(self) -> tuple[tuple[int, int], ...]:
        """lines(), found once: several stages ask for them."""
        out, pos = [], 0
        for part in self.text.split("\n"):
            out.append((pos, pos + len(part)))
            pos += len(part) + 1
        return tuple(out)


def unspaced(text: str) -> str:
    """The text with its whitespace removed."""
    return _WS.sub("", text)


Chars = list[tuple[str, int]]
# A line: its mapped text, the original offset of each of its characters, and (page furniture and
# bullets are looked for there) its text without the outer whitespace.
Line = tuple[str, list[int], str]


def normalize(doc: Document, hidden: list[tuple[int, int]] = ()) -> NormText:
    """Normalize a document's text (see the module docstring). The ``hidden`` ranges of the
    original (table cells already read as a grid) are left out; a table's cells the mapper
    did not read stay, each on a line of its own."""
    original = doc.text
    line_starts = _line_starts(original)
    physical = _physical_lines(_hide(original, hidden, doc) if hidden or doc.tables else original)
    logical: list[list[int]] = []  # the original offsets of each logical line's characters
    texts: list[str] = []  # the text of each logical line
    item = False  # the last logical line is a list item or was joined from two lines
    running = _running_lines(physical)
    wrapped, wraps = _page_wrapped(physical), set()
    last = -1  # the physical line of the last text kept
    in_grid = _grid_test(doc)
    cell = False  # the last logical line is a cell of a grid the source gave
    for k, (line, offsets, stripped) in enumerate(physical):
        if k in running or _PAGE_MARKER.match(stripped):
            continue  # - 3 - / 第 3 页 共 9 页 and the running header beside it: page furniture
        bullet = bool(_BULLET.match(stripped))
        start = offsets[0] if offsets else 0
        text, offsets = _clean_line(line, offsets)
        if not text:
            continue
        page_wrap, last = last == k - 1 and last in wrapped, k
        if page_wrap and logical:
            wraps.add(sum(len(t) + 1 for t in texts) - 1)  # where the line goes on in the text
        was_cell, cell = cell, in_grid(start)
        apart = cell != was_cell or cell and original[start - 1 : start] != "\t"  # another row
        apart |= cell and bool(logical) and _glues_figures(texts[-1], text)  # 100 | 100 is no 100100
        if (
            logical
            and not apart
            and (
                page_wrap
                or not bullet
                and _joins_text(texts[-1], text)
                and not (item and _TITLE_LINE.match(text))
            )
        ):
            logical[-1].extend(offsets)
            texts[-1] += text
            item = True
        else:
            logical.append(offsets)
            texts.append(text)
            item = bullet
    origin: list[int] = []
    for i, offsets in enumerate(logical):
        if i:
            origin.append(offsets[0])
        origin.extend(offsets)
    origin.append(len(original))
    return NormText("\n".join(texts), origin, original, doc.page_starts, line_starts, frozenset(wraps))


def _glues_figures(before: str, after: str) -> bool:
    """Two cells of a row, a figure ending the first and one starting the second: joined they would
    read as one number."""
    return before[-1:].isdigit() and after[:1].isdigit()


def _grid_test(doc: Document):
    """A test on an original offset: does it lie in a table whose grid the source gave (a Word,
    web or sheet table, a ruled PDF table)? Such a table's cells the mapper did not read are lines
    of their own: joined to the cell before them in their row as wrapped text is (人员编制 / 21), never
    to a cell of another row nor to the text before or after the table."""
    ranges = [(t.start, t.end) for t in doc.tables if t.source != "text"]
    return lambda pos: any(a <= pos < b for a, b in ranges)


def as_written(doc: Document) -> NormText:
    """The document's text as it is (no normalization), for stages that read offsets of the
    original (the table mapper): spans with page and line."""
    return NormText(
        doc.text, list(range(len(doc.text) + 1)), doc.text, doc.page_starts, _line_starts(doc.text)
    )


def _hide(text: str, hidden: list[tuple[int, int]], doc: Document) -> str:
    """The text with the hidden ranges blanked and the tabs between a grid's cells made line
    breaks (the offsets stay those of the original)."""
    chars = list(text)
    for a, b in hidden:
        chars[a:b] = " " * (b - a)
    for table in doc.tables:
        if table.source != "text":
            for i in range(table.start, min(table.end, len(chars))):
                if chars[i] == "\t":
                    chars[i] = "\n"
    return "".join(chars)


def fold(text: str) -> str:
    """``fold_char`` of every character (the same length as ``text``)."""
    return text if _FOLDED.isdisjoint(text) else text.translate(_FOLDING)


def fold_char(ch: str) -> str:
    """One character as the normalizer reads it (full-width to half-width), never longer than one."""
    out = _map_char(ch)
    return out if len(out) == 1 else ch


def _line_starts(text: str) -> list[int]:
    """The offset where each physical line of text starts."""
    starts, pos = [0], text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _running_lines(physical: list[Line]) -> set[int]:
    """Running headers and footers of a text copied out of a paged document: a line next to a
    page number ('- 2 -', '第 2 页') whose text stands next to another page number too."""
    marks = [k for k, (_, _, stripped) in enumerate(physical) if stripped and _PAGE_MARKER.match(stripped)]
    if len(marks) < 2:
        return set()
    beside: dict[str, list[int]] = {}
    for k in marks:
        for j in (_next_text(physical, k, -1), _next_text(physical, k, 1)):
            if j is not None and not _PAGE_MARKER.match(physical[j][2]):
                beside.setdefault(physical[j][2], []).append(j)
    return {j for lines in beside.values() if len(set(lines)) >= 2 for j in lines}


def _next_text(physical: list[Line], k: int, step: int) -> int | None:
    """The nearest line with text before (step -1) or after (step 1) line k."""
    j = k + step
    while 0 <= j < len(physical) and not physical[j][2]:
        j += step
    return j if 0 <= j < len(physical) else None


def _physical_lines(text: str) -> list[Line]:
    """Each physical line, its characters mapped (full-width to half-width …)."""
    lines, pos = [], 0
    for raw in text.split("\n"):
        mapped = raw if _MAPPED.isdisjoint(raw) else raw.translate(_TRANSLATION)
        if len(mapped) == len(raw):  # the usual line: no character mapped away
            lines.append((mapped, list(range(pos, pos + len(raw))), mapped.strip()))
        else:
            lines.append(_line_with_dropped_chars(raw, pos))
        pos += len(raw) + 1
    return lines


def _line_with_dropped_chars(raw: str, pos: int) -> Line:
    """A line with zero-width characters or a BOM: they go, but its stripped text (for page
    furniture and bullets) is stripped only up to them, as it always was."""
    chars = [(_map_char(c), pos + i) for i, c in enumerate(raw)]
    stripped = "".join(c for c, _ in _strip(chars))
    kept = [(c, o) for c, o in chars if c]
    return "".join(c for c, _ in kept), [o for _, o in kept], stripped


def _map_char(ch: str) -> str:
    return _CHAR_MAP.get(ch, ch)


def _clean_line(line: str, offsets: list[int]) -> tuple[str, list[int]]:
    """The line's text with its outer whitespace, bullet and stray spaces dropped, and the
    original offsets of the characters kept."""
    line, offsets = _strip_line(line, offsets)
    m = _BULLET.match(line)
    if m:
        line, offsets = _strip_line(line[m.end() :], offsets[m.end() :])
    if " " not in line and "\t" not in line and not ("(" in line and _PINYIN_NOTE.search(line)):
        return line, offsets  # every gap the cleaning drops is of spaces or tabs (or a pinyin note)
    m = _SPACED_HEADING.match(line)
    if m:  # "一 绩效管理…": the gap is the heading's separator; keep it as "、"
        line = line[: m.start(1)] + "、" + line[m.start(1) + 1 :]
    removals = [_NUM_UNIT_GAP, _PUNCT_GAP, _PINYIN_NOTE, _DECIMAL_GAP]
    spaced_out = _letter_spaced(line)
    tabular = is_tabular(line) and not spaced_out
    if not tabular:
        removals.append(_HAN_NUM_GAP)
        han_gaps = _HAN_HAN_GAP.findall(line)
        if len(han_gaps) <= 2 or _SINGLE_SPACED.match(line) or spaced_out or wrapped_prose(line):
            removals.append(_HAN_HAN_GAP)
    drop: set[int] = set()
    for pattern in removals:
        for m in pattern.finditer(line):
            drop.update(range(m.start(), m.end()))
    if spaced_out:
        drop.update(i for i, ch in enumerate(line) if ch in " \t")
    elif not tabular:
        for m in _MULTI_SPACE.finditer(line):
            drop.update(range(m.start() + 1, m.end()))
    if not drop:
        return line, offsets
    keep = [i for i in range(len(line)) if i not in drop]
    return "".join([line[i] for i in keep]), [offsets[i] for i in keep]


def _strip_line(line: str, offsets: list[int]) -> tuple[str, list[int]]:
    start, end = len(line) - len(line.lstrip()), len(line.rstrip())
    return (line[start:end], offsets[start:end]) if end > start else ("", [])


def _letter_spaced(line: str) -> bool:
    """A line PDF export spaced out letter by letter (许 昌 市 … 2022 年 整 体 …), not a table row."""
    tokens = line.split()
    singles = sum(1 for t in tokens if len(t) == 1)
    return sum(1 for t in tokens if HAN.fullmatch(t)) >= 6 and singles >= 0.7 * len(tokens)


def _strip(chars: Chars) -> Chars:
    start, end = 0, len(chars)
    while start < end and chars[start][0].isspace():
        start += 1
    while end > start and chars[end - 1][0].isspace():
        end -= 1
    return chars[start:end]


def _joins_text(prev_text: str, next_text: str) -> bool:
    """Whether the line `next_text` continues the sentence that `prev_text` left unfinished."""
    if _wrapped_pipe_row(prev_text, next_text):
        return True  # '| 产出指标 | 数量指标 | 学生受资助人' / '数 | ≧ | 735 |': a cell cut by the page width
    if wrapped_spaced_row(prev_text, next_text):
        return True  # "… 8 8 质量指" / "标 委托业务报告合格率 …": a one-line table wrapped at the page width
    if is_tabular(prev_text) or is_tabular(next_text):
        return False
    if next_text.startswith(prev_text):
        return False  # a page header over the title that repeats it ('某县水利局' / '某县水利局2019年度…')
    if _CONTINUES.search(prev_text):
        return not _PARAGRAPH_START.match(next_text)
    if prev_text[-1] in _TERMINAL:
        return False
    if _PARAGRAPH_START.match(next_text):
        return _label_cut(prev_text, next_text)
    if _open_bracket(prev_text):
        return True  # 单位名称:…开发区(乌鲁木齐市 / 新市区)… : a bracket left open is unfinished
    if _NAME_LABEL.match(prev_text) and _NAME_REST.match(next_text) and not _ORG_END.search(prev_text):
        return True  # a unit's name wrapped after its label
    if _COMPLETE_LINE.match(prev_text):
        return False
    return not _is_short_heading(prev_text)


def _label_cut(prev_text: str, next_text: str) -> bool:
    """A label cut by the line's end: the line's last sentence is only the start of the next line's
    label (…超出预期效益。偏差 / 原因:年初目标值设置过低): its words and the label make a longer label
    of the tables' vocabulary."""
    label = _LABEL_COLON.match(next_text)
    if not label:
        return False
    word = label.group(1)
    for k in range(1, min(_LABEL_REST, len(prev_text) - 1) + 1):
        head = prev_text[-k:]
        if not _HAN_RUN.fullmatch(head):
            return False
        if prev_text[-k - 1] in _CLAUSE_END and _table_word(head + word):
            return True
    return False


def _wrapped_pipe_row(prev_text: str, next_text: str) -> bool:
    """A pipe row broken inside a cell: its line stops short of a closing pipe and the next line
    goes on to one without opening with a pipe."""
    return (
        "|" in prev_text
        and not prev_text.endswith("|")
        and "|" in next_text
        and not next_text.startswith("|")
        and next_text.endswith("|")
    )


def _page_wrapped(physical: list[Line]) -> set[int]:
    """The physical lines of a one-line table wrapped at the page width, each going on in the next
    line: the lines a label of the tables' vocabulary proves cut by the wrap (``wrapped_spaced_row``)
    and, in the same run of lines, every line about as wide as the narrowest of those (the width
    of a page's line), unless it ends with a space (a wrap between two cells)."""
    proven = [
        k
        for k in range(len(physical) - 1)
        if wrapped_spaced_row(physical[k][2], physical[k + 1][2]) and not physical[k][0][-1:].isspace()
    ]
    if not proven:
        return set()
    page = min(_width(physical[k][2]) for k in proven) * _PAGE_WIDTH_SHARE
    out = set(proven)
    for k in proven:
        for step in (-1, 1):
            j = k + step
            while 0 <= j < len(physical) - 1 and _goes_on(physical, j, page):
                out.add(j)
                j += step
    return out


def _goes_on(physical: list[Line], j: int, page: float) -> bool:
    line, _, stripped = physical[j]
    after = physical[j + 1][2]
    return bool(stripped and after) and not line[-1:].isspace() and _width(stripped) >= page


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrapped_spaced_row(prev_text: str, next_text: str) -> bool:
    """A table written on one line with single spaces, wrapped at the page width inside a cell:
    the line or the next is a table row, and the last word of the line with the start of the next
    makes a label of the tables' vocabulary (质量指 / 标, 年度总体 / 目标, 达成 / 预期指标) that
    neither half is."""
    if not prev_text or not next_text or prev_text[-1].isspace() or next_text[0].isspace():
        return False
    if not (is_table_row(prev_text) or is_table_row(next_text)):
        return False
    tail = prev_text.rsplit(None, 1)[-1]
    if _table_word(tail):
        return False
    for k in range(1, min(_LABEL_REST, len(next_text)) + 1):
        if next_text[k - 1].isspace():
            return False
        if _table_word(tail + next_text[:k]):
            return not _table_word(next_text[:k])
    return False


@lru_cache(maxsize=4096)
def _table_word(text: str) -> bool:
    from extractor.read.recover.vocabulary import role

    return role(text) is not None or text in _ACTUAL_WORDS


def _open_bracket(line: str) -> bool:
    return line.count("(") > line.count(")")


@lru_cache(maxsize=8192)  # a line is asked about when cleaned and as each side of a join
def is_tabular(line: str) -> bool:
    """A table row flattened to text: cells separated by '|' or spaces between numbers, unless the
    line is a paragraph run on one line (``wrapped_prose``) that has one such gap only (a document
    number that lost its brackets: '浔财绩2023 1号')."""
    if "|" in line:
        return True
    gap = _NUM_NUM_GAP.search(line)
    if gap and (_NUM_NUM_GAP.search(line, gap.end()) or not wrapped_prose(line)):
        return True
    return len(_HAN_HAN_GAP.findall(line)) > 2 and not wrapped_prose(line)


def wrapped_prose(line: str) -> bool:
    """A PDF paragraph on one line, its line breaks turned into spaces (see wrapped_prose_marks in
    patterns/normalize.toml): clause marks at least as many as the gaps between Han characters."""
    if len(line) < _WRAPPED_PROSE_MIN:
        return False
    return len(_WRAPPED_PROSE_MARKS.findall(line)) >= len(_HAN_HAN_GAP.findall(line))


@lru_cache(maxsize=8192)  # find_mentions asks once per sentence of the line
def is_table_row(line: str) -> bool:
    """A table flattened to text, spaced or glued (see table_markers in patterns/normalize.toml)."""
    return is_tabular(line) or bool(_TABLE_MARKERS.search(line))


def _is_short_heading(line: str) -> bool:
    for p in _HEADING_STARTS:
        m = p.match(line)
        if m:
            return len(line) - m.end() <= 20 and not _COMMA.search(line)
    return False
