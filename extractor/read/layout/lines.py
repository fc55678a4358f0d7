"""Lines of a layout text cut into segments at their gaps, and the header band over a table's columns
(steps 1 and 2 of ``extractor.read.layout``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

import patterns
from extractor.grid import Cell
from extractor.read.recover.vocabulary import compacted, role, score_like

GAP = regex.compile(r" {2,}|\u3000+")  # (a tab cuts explicit cells: recover/explicit.py, not a layout)
WEIGHT_NOTE = regex.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
DIGIT_END = regex.compile(r"[\d.,]$")
DIGIT_START = regex.compile(r"^[\d.,%]")
LATIN_END = regex.compile(r"[A-Za-z]$")
LATIN_START = regex.compile(r"^[A-Za-z]")
SOFT_GAP = regex.compile(r" ")
FIGURE_PIECE = regex.compile(r"^[-+]?[\d.,]+%?$")  # a figure or a piece of one wrapped in its cell (215,4)
HEADER_LINES = 16  # a header band is at most this many lines (a vertical 偏差原因分析及改进措施)
MIN_COLUMNS = 3  # column words a header needs
ANCHOR_ROLES = ("col:weight", "col:score")
BUDGET_ROLES = ("col:initial", "col:adjusted", "col:executed")
VALUE_ROLES = ("col:target", "col:actual")  # anchor a row where no 分值/得分 column is, rows at their tops
KEY_PIECES = 4  # a key is written on at most this many lines


@dataclass(frozen=True)
class Seg:
    """A gap-separated piece of a line: its text, character columns [x0, x1) and offsets."""

    line: int
    x0: int
    x1: int
    text: str
    start: int
    end: int


@dataclass
class Column:
    x0: int
    x1: int
    header: list[Seg] = field(default_factory=list)
    role: str | None = None
    loose: bool = False  # under no header segment

    def overlap(self, seg: Seg) -> int:
        return min(self.x1, seg.x1) - max(self.x0, seg.x0)


@dataclass
class Header:
    first: int  # first line of the band
    end: int  # one past its last line
    columns: list[Column]
    kind: str  # "budget" | "indicator"


def line_segments(text: str) -> list[list[Seg]]:
    out: list[list[Seg]] = []
    pos = 0
    for no, raw in enumerate(text.split("\n")):
        lead = len(raw) - len(raw.lstrip("\f"))
        body = raw[lead:]
        segs: list[Seg] = []
        at = 0
        for m in [*GAP.finditer(body), None]:
            cut = m.start() if m else len(body)
            piece = body[at:cut]
            if piece.strip():
                s = at + len(piece) - len(piece.lstrip())
                e = at + len(piece.rstrip())
                segs.append(Seg(no, s, e, body[s:e], pos + lead + s, pos + lead + e))
            if m:
                at = m.end()
        out.append(segs)
        pos += len(raw) + 1
    return out


@lru_cache(maxsize=1)
def _value() -> regex.Pattern[str]:
    """A target or actual starting with its figure, after at most two comparison signs: those of
    patterns/operators.toml (≥, <, = …) and the forms patterns/normalize.toml [chars] folds to them
    (≧, ﹦ …: the layout text is read before that folding)."""
    signs = {ch for op in patterns.load("operators")["ops"] if not op.isalnum() for ch in op}
    signs |= {k for k, v in patterns.load("normalize")["chars"].items() if v in signs}
    return regex.compile(f"^[{regex.escape(''.join(sorted(signs)))}]{{0,2}}\\d")


def is_value(text: str) -> bool:
    return _value().match(compacted(text)) is not None


def join_parts(parts: list[str]) -> str:
    """The parts with their whitespace runs as one space, joined; a space between two Latin letters.
    (A joined part holds no line break, so LATIN_END's ``$`` is the last character: looked at alone.)"""
    out = ""
    for part in (" ".join(p.split()) for p in parts):
        if out and LATIN_END.match(out, len(out) - 1) and LATIN_START.match(part):
            out += " "
        out += part
    return out


def clusters(segs: list[Seg]) -> list[list[Seg]]:
    """Segments grouped where their x-ranges overlap (a column gap is where none crosses)."""
    out: list[list[Seg]] = []
    right = -1
    for seg in sorted(segs, key=lambda s: s.x0):
        if out and seg.x0 < right:
            out[-1].append(seg)
            right = max(right, seg.x1)
        else:
            out.append([seg])
            right = seg.x1
    return out


def tokens(seg: Seg) -> list[Seg]:
    """A segment cut at its single spaces (poppler's gap between two columns can be one space)."""
    out: list[Seg] = []
    at = 0
    for m in [*SOFT_GAP.finditer(seg.text), None]:
        cut = m.start() if m else len(seg.text)
        if cut > at:
            piece = seg.text[at:cut]
            out.append(Seg(seg.line, seg.x0 + at, seg.x0 + cut, piece, seg.start + at, seg.start + cut))
        if m:
            at = m.end()
    return out


def _header_clusters(segs: list[Seg]) -> list[list[Seg]]:
    """The header's column groups; a group holding segments with single spaces is cut at those
    spaces where every group that makes is a column word of its own role (全年执 分值 / 行数:
    全年执行数 and 分值; 执行率 得分: 执行率 and 得分)."""
    out: list[list[Seg]] = []
    for group in clusters(segs):
        if not any(" " in s.text for s in group):
            out.extend(_under_group(group))  # no single space to cut at: one token a segment
            continue
        parts = clusters([t for s in group for t in tokens(s)])
        out.extend(parts if _column_words(parts) else [group])
    return out


def _column_words(parts: list[list[Seg]]) -> bool:
    """Whether each part, joined down, is a column word of its own role."""
    roles = [_group_role(g) for g in parts]
    return all(r and r.startswith("col:") for r in roles) and len(set(roles)) == len(roles)


def _group_role(group: list[Seg]) -> str | None:
    return role(join_parts([s.text for s in sorted(group, key=lambda s: (s.line, s.x0))]))


def _under_group(group: list[Seg]) -> list[list[Seg]]:
    """A two-row header's column group: a word of the vocabulary on the group's first line over
    the column words of the row below (绩效指标 over 一级 / 指标; 年度指标值 over 指标性质 and
    指标值) is a cell spanning them, left out, and they are the columns; any other group as it is."""
    top = min(s.line for s in group)
    heads = [s for s in group if s.line == top]
    rest = [s for s in group if s.line > top]
    role_of = _group_role(group)
    if not rest or (role_of and role_of.startswith("col:")) or not all(role(s.text) for s in heads):
        return [group]
    parts = clusters(rest)
    return parts if _column_words(parts) else [group]


def _band_end(lines: list[list[Seg]], i: int) -> int:
    j = i
    while j < len(lines) and j - i < HEADER_LINES and lines[j]:
        if j > i and any(score_like(s.text) for s in lines[j]):
            break
        j += 1
    return j


def _any_cut(lines: list[list[Seg]], i: int) -> bool:
    """Whether a line of the longest band that can start at line i (its non-empty lines,
    HEADER_LINES at the most) is cut by a gap: without one, no band from i is a header."""
    for ln in lines[i : i + HEADER_LINES]:
        if not ln:
            return False
        if len(ln) > 1:
            return True
    return False


def header_from(lines: list[list[Seg]], i: int) -> Header | None:
    if not lines[i] or not _any_cut(lines, i):
        return None
    end = _band_end(lines, i)
    if all(len(ln) < 2 for ln in lines[i:end]):
        return None  # no line of the band is cut by a gap: prose, no header
    columns = []
    for group in _header_clusters([s for ln in lines[i:end] for s in ln]):
        group.sort(key=lambda s: (s.line, s.x0))
        col = Column(min(s.x0 for s in group), max(s.x1 for s in group), group)
        col.role = role(join_parts([s.text for s in group]))
        columns.append(col)
    roles = [c.role for c in columns if c.role and c.role.startswith("col:")]
    if len(roles) < MIN_COLUMNS or not any(r in roles for r in (*ANCHOR_ROLES, *VALUE_ROLES)):
        return None
    kind = "budget" if any(r in roles for r in BUDGET_ROLES) else "indicator"
    return Header(i, end, columns, kind)


def header_at(lines: list[list[Seg]], i: int) -> Header | None:
    """The best header band starting at line i or a little after it: ending where the first does
    with as many column words, or with more (the band from i holding lines above the header)."""
    first = header_from(lines, i)
    if first is None:
        return None
    best = first
    for k in range(i + 1, first.end):
        other = header_from(lines, k)
        if other is None:
            continue
        if _words(other) > _words(best) or (other.end == best.end and _words(other) == _words(best)):
            best = other
    return best


def _words(header: Header) -> int:
    return sum(1 for c in header.columns if c.role and c.role.startswith("col:"))


def starts_of_lines(text: str) -> list[int]:
    out = [0]
    at = text.find("\n")
    while at >= 0:
        out.append(at + 1)
        at = text.find("\n", at + 1)
    return out


def make_cell(row: int, col: int, segs: list[Seg], rowspan: int) -> Cell:
    parts = [s.text for s in segs]
    text = ""
    for part in parts:
        if text and DIGIT_END.search(text) and DIGIT_START.search(part):
            text += part
        else:
            text = join_parts([text, part]) if text else " ".join(part.split())
    return Cell(row=row, col=col, rowspan=rowspan, text=text, start=segs[0].start, end=segs[-1].end)
