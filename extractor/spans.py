"""Which positions fall inside a set of character ranges, in logarithmic time per lookup.

Used wherever a long report would otherwise compare every figure with every block.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable


class RangeSet:
    """Half-open ranges [start, end); ``pos in ranges`` says whether any covers pos."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self._starts = [a for a, _ in ordered]
        self._ends = list(itertools.accumulate((b for _, b in ordered), max))  # furthest end so far

    def __contains__(self, pos: int) -> bool:
        k = bisect.bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self._ends[k]
