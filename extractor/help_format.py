"""Help text that fits the terminal when it mixes Chinese and English (click's wrapper counts characters).

``WideHelpFormatter`` wraps by display width: a Chinese character takes two columns
and a line may break between two of them; English words are kept whole.
"""

from __future__ import annotations

import unicodedata

import click
import regex

_CHUNK = regex.compile(
    r"\s+|[\p{Han}\p{InCJK_Symbols_and_Punctuation}\p{InHalfwidth_and_Fullwidth_Forms}]|[^\s\p{Han}]+"
)


def width(text: str) -> int:
    """Terminal columns of ``text``: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, limit: int) -> list[str]:
    """One paragraph as lines of at most ``limit`` columns (a word longer than that stands alone)."""
    lines: list[str] = []
    line = ""
    for chunk in _CHUNK.findall(_join_lines(text)):
        if chunk.isspace():
            line += " " if line else ""
        elif width(line) + width(chunk) <= limit or not line.strip():
            line += chunk
        else:
            lines.append(line.rstrip())
            line = chunk
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _join_lines(text: str) -> str:
    """A paragraph's lines as one: no space where a line ends in Chinese (a space elsewhere)."""
    joined = regex.sub(r"(?<=[^\x00-\x7f])[ \t]*\n\s*", "", text.strip())
    return " ".join(joined.split())


def _paragraphs(text: str) -> list[str]:
    return [p for p in regex.split(r"\n\s*\n", text.strip()) if p.strip()]


class WideHelpFormatter(click.HelpFormatter):
    """click's formatter, wrapping by display width (see the module docstring)."""

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        limit = max(self.width - self.current_indent, 20)
        for n, para in enumerate(_paragraphs(text)):
            if n:
                self.write("\n")
            for line in wrap(para, limit):
                self.write(f"{indent}{line}\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_width = min(max((width(r[0]) for r in rows), default=0), col_max)
        indent = " " * self.current_indent
        limit = max(self.width - self.current_indent - first_width - col_spacing, 20)
        for first, second in rows:
            lines = [line for para in _paragraphs(second) for line in wrap(para, limit)] if second else []
            if width(first) <= first_width:
                head = f"{indent}{first}{' ' * (first_width - width(first) + col_spacing)}"
            else:
                self.write(f"{indent}{first}\n")
                head = " " * (self.current_indent + first_width + col_spacing)
            pad = " " * (self.current_indent + first_width + col_spacing)
            self.write(f"{head}{lines[0] if lines else ''}".rstrip() + "\n")
            for line in lines[1:]:
                self.write(f"{pad}{line}\n")
