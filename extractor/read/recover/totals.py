"""The 总分 row written figures first: one entry point, ``total_first(pieces)``.

pdftotext (without -layout) writes a label cell centred in a taller row after the row's other
cells, and after level cells merged over the rows above (written where the page drew them)::

    … 10 / 10 / 100 / 97 / 质量指标 / 产出指标（50分） / … / 总分

Its two figures are moved after the 总分 label, so they are read as its row's (with the grade
written after the label, moved right after them) and the level cells stay after the last
indicator row. It is done only where
the label has no figure of its own after it, the two figures before it (blank lines, level names
and the indicator group word 绩效指标 between them skipped) are a weight and a score no greater,
and a figure (the last indicator row's score) stands before them.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import regex

import patterns
from extractor.fields.cells import grade
from extractor.read.recover.model import Piece
from extractor.read.recover.vocabulary import LEVEL1, LEVEL2, compacted, is_figure, role

GRADE_NEAR = 3  # cells after the 总分 figures a grade may stand past (偏差原因分析… / its text / 优)
POINTS = regex.compile(r"(\d{1,4}(?:\.\d+)?)分?")


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str]]:
    """The 总分 labels and the words over the indicator columns (绩效指标), compacted."""
    tables = patterns.load("tables")
    totals = frozenset(compacted(w) for w in tables["blocks"]["total"])
    groups = frozenset(compacted(w) for w in tables["indicator"]["columns"]["group"])
    return totals, groups


def total_first(pieces: list[Piece]) -> list[Piece]:
    """`pieces` with the figures of a 总分 label written after them moved after it."""
    out = list(pieces)
    for k, piece in enumerate(pieces):
        if is_total(piece.text) and not _figure_after(pieces, k):
            at = _figures_before(out, k)
            if at is not None:
                pair = [p for p in out[at:k] if not p.blank][:2]
                rest = [p for p in out[at:k] if all(p is not q for q in pair)]
                out[at : k + 1] = [*rest, piece, *pair]
                _grade_after(out, k)
    return out


def _grade_after(pieces: list[Piece], k: int) -> None:
    """A grade (优) among the next few cells after the 总分 figures ending at k moved right after
    them: the row keeps its grade within the table's width."""
    near = [n for n in range(k + 1, len(pieces)) if not pieces[n].blank][:GRADE_NEAR]
    found = next((n for n in near if grade(pieces[n].text) is not None), None)
    if found is not None:
        pieces.insert(k + 1, pieces.pop(found))


def is_total(text: str) -> bool:
    """A 总分 label (patterns/tables.toml [blocks] total)."""
    return compacted(text) in _words()[0]


def _figure_after(pieces: list[Piece], k: int) -> bool:
    nxt = next((p for p in pieces[k + 1 :] if not p.blank), None)
    return nxt is not None and is_figure(nxt.text)


def _figures_before(pieces: list[Piece], k: int) -> int | None:
    """Where the weight before the label at k stands, if the label is the 总分 row's written last."""
    _, groups = _words()
    j = k - 1
    while j >= 0 and (pieces[j].blank or _aside(pieces[j].text, groups)):
        j -= 1
    seen = [n for n in range(j, -1, -1) if not pieces[n].blank][:3]
    figures = [f for n in seen if (f := points(pieces[n].text)) is not None]
    if len(figures) < 3:  # the score, the weight and the last indicator row's figure before them
        return None
    return seen[1] if figures[0] <= figures[1] else None


def points(text: str) -> Decimal | None:
    """A weight or score as written (15, 96.5, 15分), else None."""
    found = POINTS.fullmatch(compacted(text))
    return Decimal(found.group(1)) if found else None


def _aside(text: str, groups: frozenset[str]) -> bool:
    """A level name or the indicator group word: a cell merged over rows, written after them."""
    return role(text) in (LEVEL1, LEVEL2) or compacted(text) in groups
