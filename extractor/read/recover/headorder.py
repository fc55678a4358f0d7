"""The words of an indicator header read out of order, put in order: one entry point,
``ordered_columns(words)`` (shared by ``scattered`` and ``late``)."""

from __future__ import annotations

from extractor.read.recover.model import Piece
from extractor.read.recover.vocabulary import role

# A header's columns left to right: a word's role comes after every role of a lower rank.
RANK = {
    "col:level1": 0,
    "col:level2": 1,
    "col:name": 2,
    "col:weight": 4,
    "col:score": 5,
    "col:reason": 6,
}
MEASURE_RANK = 3  # 指标性质, 指标值, 度量单位, 实际完成值 … in any order between name and weight
MIN_WORDS = 5


def ordered_columns(words: list[Piece]) -> list[Piece] | None:
    """The header's words without those over others, if they read left to right as a header."""
    kept = uncovered(words)
    ranks = [RANK.get(role(w.text) or "", MEASURE_RANK) for w in kept]
    names = {role(w.text) for w in kept}
    if len(kept) < MIN_WORDS or ranks != sorted(ranks) or not {"col:name", "col:score"} <= names:
        return None
    if len(names) != len(kept):
        return None
    return kept


def uncovered(words: list[Piece]) -> list[Piece]:
    """The words in their order, without those over others."""
    return [w for n, w in enumerate(words) if not _over_others(w, words[n + 1 :])]


def _over_others(word: Piece, after: list[Piece]) -> bool:
    """A measure word (年度指标值) whose role a later word of the header has (指标值): it stands
    over the words after it and takes no column."""
    mine = role(word.text)
    return mine not in RANK and any(role(w.text) == mine for w in after)
