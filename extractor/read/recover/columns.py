"""A budget block pdftotext wrote column by column: one entry point, ``column_runs(pieces)``.

A landscape form's budget block can come out as its first column's label / amount pairs, and its
other columns each as a run of their amounts far after (where the page's text blocks put them)::

    全年预算数(A) / (万元) / 年度资金总额: / 3359.62 万 / 其中:中央财政资金 / 829.3 万 / … / 其他资金 …
    资金使用单位 / 全年执行数(B) / 医疗保障局 / 3359.62 万 / 829.3 万 / 0 / 2530.32 万 /
    预算执行率(B/A×100%) / 100% / 100% / 100% / 100%

The runs are the block's columns when the executed column (B) and the rate column each hold as
many figures as the block has labels with an amount, and every row's B/A is its rate (two rows
or more with an amount to divide by; a row of zeros says nothing). The block is then written
row by row in place of the pairs (a header of the three column words, a row per label) and the
runs are taken out; a piece standing between a column word and its run (医疗保障局, the value of
the key 资金使用单位 before it) stays where it is. A unit note after the first column word ((万元))
is left out, so each amount must then carry its unit (3359.62 万; a zero needs none). Anything else
is left as it is.
"""

from __future__ import annotations

from decimal import Decimal

import regex

from extractor.read.recover.model import Piece
from extractor.read.recover.vocabulary import compacted, role

AMOUNT = regex.compile(r"^(\d+(?:\.\d+)?)(?:万|亿)?元?$")
RATE = regex.compile(r"^(\d+(?:\.\d+)?)%$")
UNIT_NOTE = regex.compile(r"^[(（][万亿]?元[)）]$")
RATE_TOLERANCE = Decimal("0.5")  # percentage points: a rate rounded to a whole percent
MIN_CHECKED = 2
STRAY = 1  # pieces that may stand between a column word and its run


def column_runs(pieces: list[Piece]) -> list[Piece]:
    for i, piece in enumerate(pieces):
        if role(piece.text) == "col:adjusted":
            found = _block(pieces, i)
            if found is not None:
                return found
    return pieces


def _block(pieces: list[Piece], i: int) -> list[Piece] | None:
    head, k = pieces[i], _next(pieces, i + 1)
    note = k < len(pieces) and UNIT_NOTE.match(compacted(pieces[k].text)) is not None
    if note:
        k = _next(pieces, k + 1)
    pairs, end = _pairs(pieces, k)
    if len(pairs) < MIN_CHECKED or (note and not all(_own_unit(a) for _, a in pairs)):
        return None  # the unit note is left out: each amount must say its own unit
    executed = _run(pieces, end, "col:executed", len(pairs), AMOUNT)
    rate = _run(pieces, executed[1], "col:rate", len(pairs), RATE) if executed else None
    if executed is None or rate is None or (note and not all(_own_unit(b) for b in executed[2])):
        return None
    if not _divides(pairs, executed[2], rate[2]):
        return None
    taken = {id(p) for p in [executed[0], *executed[2], rate[0], *rate[2]]}
    rows = [head, executed[0], rate[0]]
    for (label, amount), b, r in zip(pairs, executed[2], rate[2], strict=True):
        rows += [label, amount, b, r]
    kept = [p for p in pieces[end:] if id(p) not in taken]
    return pieces[:i] + rows + kept


def _own_unit(piece: Piece) -> bool:
    """An amount written with its unit (3359.62 万), or a zero."""
    text = compacted(piece.text)
    return text.endswith(("万", "亿", "元")) or _figure(piece, AMOUNT) == 0


def _next(pieces: list[Piece], k: int) -> int:
    while k < len(pieces) and pieces[k].blank:
        k += 1
    return k


def _pairs(pieces: list[Piece], k: int) -> tuple[list[tuple[Piece, Piece]], int]:
    """The label / amount pairs from k (a last label without an amount ends them)."""
    out: list[tuple[Piece, Piece]] = []
    while k < len(pieces) and role(pieces[k].text) == "funds":
        v = _next(pieces, k + 1)
        if v >= len(pieces) or not AMOUNT.match(compacted(pieces[v].text)):
            break
        out.append((pieces[k], pieces[v]))
        k = _next(pieces, v + 1)
    return out, k


def _run(
    pieces: list[Piece], k: int, word: str, n: int, kind: regex.Pattern[str]
) -> tuple[Piece, int, list[Piece]] | None:
    """The first column word of role `word` from k followed (after at most STRAY other pieces) by n
    figures of `kind` and no more: the word, where the run ends, the figures."""
    at = next((j for j in range(k, len(pieces)) if role(pieces[j].text) == word), None)
    if at is None or pieces[at].prose:
        return None
    j, stray = _next(pieces, at + 1), 0
    while j < len(pieces) and not kind.match(compacted(pieces[j].text)) and stray < STRAY:
        stray += 1
        j = _next(pieces, j + 1)
    run: list[Piece] = []
    while j < len(pieces) and not pieces[j].blank and kind.match(compacted(pieces[j].text)):
        run.append(pieces[j])
        j += 1
    after = _next(pieces, j)
    if len(run) != n or (after < len(pieces) and kind.match(compacted(pieces[after].text))):
        return None
    return pieces[at], j, run


def _figure(piece: Piece, kind: regex.Pattern[str]) -> Decimal:
    found = kind.match(compacted(piece.text))
    return Decimal(found.group(1)) if found else Decimal(-1)


def _divides(pairs: list[tuple[Piece, Piece]], executed: list[Piece], rates: list[Piece]) -> bool:
    """Whether every row's B/A is its rate, two rows or more with an amount A to divide by."""
    checked = 0
    for (_, a_piece), b_piece, r_piece in zip(pairs, executed, rates, strict=True):
        a, b, r = _figure(a_piece, AMOUNT), _figure(b_piece, AMOUNT), _figure(r_piece, RATE)
        if a == 0:
            if b != 0:
                return False
            continue
        if abs(b / a * 100 - r) > RATE_TOLERANCE:
            return False
        checked += 1
    return checked >= MIN_CHECKED
