"""A table cell's text on one line: its lines joined, whitespace runs collapsed.

Two pieces are joined without a space when both sides are CJK (a header typed
'年初\\n预算数' is '年初预算数'), with one space otherwise ('全年执行数 (B)').
"""

from __future__ import annotations

from extractor.script import CJK_WIDE


def cell_text(text: str) -> str:
    out = ""
    for piece in text.split():
        tight = not out or (CJK_WIDE.match(out[-1]) and CJK_WIDE.match(piece[0]))
        out += ("" if tight else " ") + piece
    return out
