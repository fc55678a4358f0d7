"""The pieces a flattened table is read into: ``Piece`` (a cell's text and where it stands),
``Row``, ``Block`` (the header last seen, made by ``header_block``) and ``Line``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractor.read.recover.vocabulary import names_group, role

LATIN_END = regex.compile(r"[A-Za-z0-9]$")
LATIN_START = regex.compile(r"^[A-Za-z0-9]")


@dataclass
class Piece:
    """A cell's text and where it stands in the text (first and last line)."""

    text: str
    start: int
    end: int
    line: int
    last_line: int
    prose: bool = False
    opens: bool = False  # the first word of a header gathered from scattered runs: a table of its own

    @property
    def blank(self) -> bool:
        return not self.text and not self.prose


@dataclass
class Row:
    cells: list[Piece]
    start: int | None = None  # first column, None: under the row above's last cells
    header: bool = False
    slots: list[tuple[int, int]] | None = None  # each cell's (column, colspan) where they are known
    whole: bool = False  # every cell of the row in its column: its last cell is not spread


@dataclass
class Block:
    """The header row last seen: which columns hold the levels and the row labels."""

    kind: str = ""  # "funds" | "indicator"
    width: int = 0
    label_col: int = 0
    level1_col: int = 0
    level2_col: int = 1
    name_col: int = 2
    roles: list[str] = field(default_factory=list)  # each column's header role ("col:weight", "")
    widths: list[int] = field(default_factory=list)  # a copy in fragments: each header cell's widest line
    ceilings: list[int] = field(default_factory=list)  # …and the widest its column can be (0: unknown)


@dataclass
class Line:
    start: int
    end: int
    text: str
    cells: list[tuple[int, int]] = field(default_factory=list)  # explicit cells' offsets


def clean(text: str) -> str:
    return " ".join(text.split())


def header_block(header: list[Piece]) -> Block:
    roles = [role(c.text) or "" for c in header]
    if header and names_group(header[0].text, [c.text for c in header[1:]]):
        roles[0] = "col:name"  # 绩效指标 | 指标值 | 实际完成值 …: the names' column (no levels)
    block = Block(width=len(header), roles=roles)
    if "col:level1" in roles or "col:level2" in roles or "col:name" in roles:
        block.kind = "indicator"
        block.level1_col = roles.index("col:level1") if "col:level1" in roles else 0
        block.level2_col = roles.index("col:level2") if "col:level2" in roles else block.level1_col + 1
        block.name_col = roles.index("col:name") if "col:name" in roles else block.level2_col + 1
    else:
        block.kind = "funds"
        first = next(k for k, r in enumerate(roles) if r.startswith("col:"))
        block.label_col = max(first - 1, 0)
    return block


def joined_text(parts: list[str]) -> str:
    out = ""
    for part in (clean(p) for p in parts):
        if not part:
            continue
        if out and LATIN_END.search(out) and LATIN_START.search(part):
            out += " "
        out += part
    return out


def merge(group: list[Piece]) -> Piece:
    return Piece(
        joined_text([p.text for p in group]),
        group[0].start,
        group[-1].end,
        group[0].line,
        group[-1].last_line,
    )
