"""The entry point: a page's lines with the runs that are unruled tables replaced by grids."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cache

from extractor.read.pdf_cuts import cut, cuts
from extractor.read.pdf_model import Block, Char, Line, TableBlock
from extractor.read.unruled.bands import extend, segments
from extractor.read.unruled.grid import (
    table_from,
)
from extractor.read.unruled.model import UNRULED, UnruledSettings
from extractor.read.unruled.pages import band_mapping


def unruled_blocks(
    lines: Iterable[Line],
    page: int,
    rules: Callable[[], list[float]],
    settings: UnruledSettings = UNRULED,
    above: Block | None = None,
) -> list[Block]:
    """The page's lines with the runs that are unruled tables replaced by their grids.
    ``rules`` gives the heights of the page's horizontal rules (asked only for a candidate);
    ``above`` is the previous page's last block (a table this page may go on with)."""
    lines = list(lines)
    pieces = [segments(line, settings) for line in lines]
    edges = cuts(pieces) if settings.sheet else None  # column edges many lines agree on (pdf_cuts)
    if edges is not None:
        pieces = [cut(line, edges) for line in pieces]
    packed = packed_pieces(lines)
    rules = cache(rules)
    out: list[Block] = []
    i = 0
    while i < len(lines):
        found = continued(lines, pieces, page, rules, above, settings) if i == 0 else None
        found = found or packed_table(lines, packed, i, page, rules)
        if found is None and len(pieces[i]) >= 2:
            end = extend(lines, pieces, i, settings, edges)
            found = table_from(lines[i:end], pieces[i:end], page, rules, settings, edges)
        found = _longer(found, spanned_table(lines, packed, i, page, rules))
        if found is not None:
            out.append(found[0])
            i += found[1]
            continue
        out.append(lines[i])
        i += 1
    return out


Found = tuple[TableBlock, int] | None


def _longer(found: Found, spanned: Found) -> Found:
    """The grid taking more lines, the one with cells spanning columns when they take as many
    (the bands of the other hold a spanning cell's columns as one)."""
    return spanned if spanned is not None and (found is None or spanned[1] >= found[1]) else found


def spanned_table(
    lines: list[Line], packed: list[list[list[Char]]], start: int, page: int, rules: Callable[[], list[float]]
) -> Found:
    """The grid of left-aligned columns with cells spanning several (pdf_spans), from ``start``."""
    from extractor.read.pdf_spans import spanned_table as read

    return read(lines, packed, start, page, rules)


def continued(
    lines: list[Line],
    pieces: list[list[list[Char]]],
    page: int,
    rules: Callable[[], list[float]],
    above: Block | None,
    settings: UnruledSettings,
) -> tuple[TableBlock, int] | None:
    """The rows opening the page of the layout grid that closed the previous page, fewer than a
    grid of its own needs (``min_rows``): a run whose column bands each overlap one of that
    grid's, in order."""
    if not isinstance(above, TableBlock) or above.table.source != "pdf-layout" or len(pieces[0]) < 2:
        return None
    few = replace(settings, min_rows=1)
    found = table_from(lines[: extend(lines, pieces, 0, few)], pieces, page, rules, few)
    return found if found is not None and band_mapping(above, found[0], outside=True) is not None else None


def packed_pieces(lines: list[Line]) -> list[list[list[Char]]]:
    """Each line cut at the left edges of tightly packed, left-aligned columns (pdf_aligned)."""
    from extractor.read.pdf_aligned import packed_segments

    return packed_segments(lines)


def packed_table(
    lines: list[Line], packed: list[list[list[Char]]], start: int, page: int, rules: Callable[[], list[float]]
) -> tuple[TableBlock, int] | None:
    """The grid of left-aligned columns packed tightly from line ``start`` and the lines it takes:
    a run of lines whose every piece starts at a shared edge, its bands parted by any white."""
    from extractor.read.pdf_aligned import PACKED, top_aligned

    if len(packed[start]) < 2:
        return None
    cap = next((j for j in range(start, len(lines)) if not packed[j]), len(lines))
    end = extend(lines[:cap], packed[:cap], start, PACKED)
    found = table_from(lines[start:end], packed[start:end], page, rules, PACKED)
    return found if found is not None and top_aligned(found[0]) else None
