"""Indicator rows from the cell stream: pieces assigned to the header's columns by their type at
least cost (a small dynamic program), a level label opening the rows under it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

from extractor.fields.cells import NUMBER as NUMBER_CELL
from extractor.fields.cells import (
    OPS,
    score_weight,
)
from extractor.fields.stream.glued import _MAX_GLUED, _MAX_SOLUTIONS, _num_tokens
from extractor.fields.stream.pieces import (
    ACTUAL_WORDS,
    DATE_VALUE,
    DIGITS,
    FLAGS,
    HAN,
    IND_COLS,
    NATURE,
    NATURE_ANAGRAMS,
    OWN_LEVEL1,
    VALUE_START,
    Num,
    Piece,
    _digits,
    _is_label,
    _is_placeholder,
    _is_value,
    _level,
    _name_cell,
    _number,
    _role,
    _text,
    _unit_word,
    _unreadable,
    short_level,
)
from extractor.fields.stream.typed import typed_rows

_SKIP_CELL = 3.0


_WRAPPED_CELL = 6  # a text cell this long, cut at a line break, may go on on the next line


ROW_LABELS = ("level1", "level2", "name")


UNREAD = ("ignore", "ratio", "flag")  # columns that take a place in the row but are not read


VALUE_COLUMNS = ("op", "target", "unit", "actual", "weight", "score")


SUB_COLUMNS = ("op", "target", "unit")


# 调整指标值 is most often blank: skipping it costs less than skipping a filled column we ignore
SKIP_COST = {
    "op": 0.3, "unit": 0.3, "reason": 0.1, "ignore": 0.3, "ratio": 0.3, "completion_rate": 0.3, "flag": 0.3,
    "target_adjusted": 0.2,
}  # fmt: skip


NAME_RUN = regex.compile(r"[^\d" + regex.escape("≥≤=<>") + r"]+")


TEXT_RUN = NAME_RUN


GLUED_COLUMNS = ("weight", "target", "actual", "score")  # the columns a glued row is split into


JUNK_TAIL = regex.compile(r"[…\.。·\s]+$")


_MAX_STEPS = 20000


TRAILING = 0.5  # columns left empty after a row's last cell cost less than gaps inside it


PAIRED = (("target", "actual"), ("weight", "score"))  # columns filled together in a row


UNPAIRED = 1.0  # one of a pair filled without the other


AGREES = 0.5  # the row's ratio, weight and score agree


OVER_WEIGHT = 2.0  # a score above its weight: costlier than any gap, cheaper than dropping a cell


Assignment = dict[str, Piece]


Fits = dict[Piece, list[bool]]  # cell -> which columns accept it (one parse, one list of columns)


def _ind_columns(cells: list[Piece]) -> tuple[list[str], list[str]]:
    """(row-label roles, data roles) in row order, from the header cells.

    A two-row header flattened to one run ('年度指标值 实际完成值 … 三级指标 指标性质 指标值 度量单位')
    puts the sub-columns of its group header after the row labels: they take the group's place."""
    order = [r for c in cells if (r := _role(c, IND_COLS)) and r != "group"]
    front = list(dict.fromkeys(r for r in order if r in ROW_LABELS))
    last = max((i for i, r in enumerate(order) if r in ROW_LABELS), default=-1)
    before = [r for i, r in enumerate(order) if i < last and r not in ROW_LABELS]
    after = [r for i, r in enumerate(order) if i > last]
    sub = [r for r in after if r in SUB_COLUMNS]
    if set(before) <= set(after):
        data = after  # the second row repeats the whole header with its sub-columns: it alone counts
    elif sub and "target" in before:
        k = before.index("target")
        data = before[:k] + sub + before[k + 1 :] + [r for r in after if r not in SUB_COLUMNS]
    else:
        data = before + after
    return front, data


def _chunks(
    stream: list[Piece], spaced: dict[int, list[Piece]], start: int, end: int, ncols: int
) -> Iterator[tuple[str, list[Piece]]]:
    """Lines whose cells (blank ones included) match the header one to one are positional rows;
    other spaced or tab-separated lines of no more cells than the header are single rows ("line");
    the remaining cells run together into streams."""
    run: list[Piece] = []
    done: set[int] = set()
    by_line: dict[int, list[Piece]] = {}
    for cell in stream[start:end]:
        by_line.setdefault(cell.line, []).append(cell)
    for cell in stream[start:end]:
        line = spaced.get(cell.line)
        if not line or line[0].start < stream[start].start:
            run.append(cell)
            continue
        own = by_line[cell.line]
        if len(line) != ncols and len(own) > ncols:
            run.append(cell)
            continue
        if cell.line not in done and (_dangling(run) or not any(_is_value(c) for c in own)):
            done.add(cell.line)  # a row begun on an earlier line goes on here, or this one goes on later
            run.extend(own)
            continue
        if cell.line in done and run and run[-1].line == cell.line:
            continue
        if run:
            yield "stream", run
            run = []
        if cell.line not in done:
            done.add(cell.line)
            yield ("row", line) if len(line) == ncols else ("line", own)
    if run:
        yield "stream", run


def _dangling(run: list[Piece]) -> bool:
    """The cells run so far end in a row name whose values have not come yet."""
    last = max((i for i, c in enumerate(run) if _is_value(c)), default=-1)
    return any(_name_cell(c) for c in run[last + 1 :])


def _line_items(cells: list[Piece], front: list[str], data: list[str]) -> list[_Item] | None:
    """One row written on its own line: its leading cells are the row labels, right-aligned (a merged
    一级/二级 cell is written only on the row where it starts), the rest fill the data columns by type.
    None when no split, or more than one at the same cost, fits."""
    options: list[tuple[float, int, Assignment]] = []
    memo: Fits = {}
    for k in range(1, min(len(front), len(cells) - 1) + 1):
        if not _name_cell(cells[k - 1]) or any(_is_label(c) and not _level(c, None) for c in cells[: k - 1]):
            continue
        aligned = _align(cells[k:], data, memo)
        if aligned is not None and _fills_number(aligned[1]):
            options.append((aligned[0], k, aligned[1]))
    if not options:
        return None
    best = min(o[0] for o in options)
    tied = [o for o in options if o[0] <= best + 1e-9]
    if len(tied) > 1:
        return None
    _, k, fields = tied[0]
    roles = front[:-1][len(front) - k :] if k > 1 else []
    items = [_Item(role, c) for role, c in zip(roles, cells[: k - 1], strict=True)]
    return [*items, _Item("row", cells[k - 1], fields)]


def _line_fallback(cells: list[Piece], front: list[str], data: list[str]) -> list[_Item]:
    """A line no right-aligned reading fits: the stream reading, if the row it finds is named by one of
    the line's leading cells; else the row's name alone, so that the rows after it keep their numbers."""
    items = _parse_stream(cells, data)
    lead = {id(c) for c in cells[: len(front)]}
    if any(it.kind == "row" for it in items) and all(id(it.cell) in lead for it in items if it.kind == "row"):
        return items
    first = next((i for i, c in enumerate(cells) if _is_value(c) or c.compact in OPS), None)
    if first is None or not 0 < first <= len(front) or not data or data[0] not in VALUE_COLUMNS:
        return []
    name, labels = cells[first - 1], cells[: first - 1]
    if not _name_cell(name) or len(labels) >= len(front):
        return []
    roles = front[:-1][len(front) - 1 - len(labels) :]
    rest = Piece(cells[first].start, cells[-1].end, "", cells[first].line)
    return [*(_Item(r, c) for r, c in zip(roles, labels, strict=True)), _Item("row", name, {}, rest)]


def _fills_number(fields: Assignment) -> bool:
    return any(
        _number(c) is not None for r, c in fields.items() if r in ("target", "actual", "weight", "score")
    )


@dataclass
class _Item:
    kind: str  # "level1", "level2" or "row"
    cell: Piece  # the level label or the indicator name
    fields: Assignment = field(default_factory=dict)
    unread: Piece | None = None  # a row's values not placed in their columns: the name keeps the numbering


def own_top_level(items: list[_Item]) -> list[_Item]:
    """A template's own 一级 name over the national 一级 names ('实施效果指标' / '产出指标' / rows /
    '效益指标' / rows: a 中央预算内投资 form): a row of a name alone ending in 指标 (``own_level1``)
    right before a 一级 name is the 一级, and the 一级 names after it are its 二级."""
    out: list[_Item] = []
    own = False
    for k, item in enumerate(items):
        nxt = items[k + 1] if k + 1 < len(items) else None
        if item.kind == "row" and not item.fields and nxt is not None and nxt.kind == "level1":
            if OWN_LEVEL1.fullmatch(item.cell.compact) and not _is_label(item.cell):
                out.append(_Item("level1", item.cell))
                own = True
                continue
        out.append(_Item("level2", item.cell) if own and item.kind == "level1" else item)
    return out


def _positional(cells: list[Piece], cols: list[str]) -> list[_Item]:
    by_role = {role: c for role, c in zip(cols, cells, strict=False) if c.compact and role not in UNREAD}
    items = [_Item(r, by_role[r]) for r in ("level1", "level2") if r in by_role]
    name = by_role.get("name")
    if name is not None and _name_cell(name):
        fields = {r: c for r, c in by_role.items() if r not in ROW_LABELS and _accepts(r, c)}
        items.append(_Item("row", name, fields))
    return items


def _fits(cell: Piece, cols: list[str], memo: Fits | None) -> list[bool]:
    """Which of the columns accept the cell; ``memo`` is kept for one list of columns."""
    if memo is None:
        return [_accepts(col, cell) for col in cols]
    if (hit := memo.get(cell)) is None:
        hit = memo[cell] = [_accepts(col, cell) for col in cols]
    return hit


def _accepts(role: str, cell: Piece) -> bool:
    if _is_placeholder(cell):
        return role != "name"
    num = _number(cell)
    if role == "op":
        return cell.compact in OPS or cell.compact in NATURE or NATURE_ANAGRAMS.word(cell.text) is not None
    if role == "unit":
        return _unit_word(cell) or _unreadable(cell)
    if role in ("target", "actual", "target_adjusted"):
        # a value we cannot read ('≥90%以上', '到0次') still takes its column; it is not output
        return (
            num is not None
            or _text(cell)
            or (bool(VALUE_START.match(cell.compact)) and _digits(cell))
            or _unreadable(cell)
        )
    if role == "score" and score_weight(cell.text) is not None:
        return True
    if role in ("weight", "score"):
        return num is not None and not num.op and num.unit in ("", "分") and 0 <= num.number <= 100
    if role == "reason":
        return num is None and bool(HAN.search(cell.text))
    if role in ("ratio", "completion_rate"):
        return num is not None and not num.op and num.unit == "%"
    if role == "flag":
        return cell.compact in FLAGS
    return role == "ignore"


def _parse_stream(cells: list[Piece], cols: list[str]) -> list[_Item]:
    """Cut a run of cells into level labels and rows, at least cost (skipped columns and cells)."""
    n = len(cells)
    cost = [0.0] * (n + 1)
    pick: list[tuple[int, list[_Item]]] = [(1, [])] * (n + 1)
    memo: Fits = {}
    for i in range(n - 1, -1, -1):
        options = [(_SKIP_CELL + cost[i + 1], 1, [])]
        options.extend(_options(cells, i, cols, cost, memo))
        best = min(options, key=lambda o: (o[0], -o[1]))
        cost[i], pick[i] = best[0], (best[1], best[2])
    items, i = [], 0
    while i < n:
        step, found = pick[i]
        if not found and _unread_rows(cells[i]):
            break  # rows glued past reading: how many is unknown, so the rows after it go unnumbered
        if all(item.kind == "row" and not item.fields for item in found) and _unplaced_words(cells, i):
            break  # likewise words that are no row of their own before a row's name
        items.extend(found)
        i += step
    return items


def _unplaced_words(cells: list[Piece], i: int) -> bool:
    """Words no reading gives a column, one space before the next row's name ('支持服务贸易、服务外' before
    '包企业数量 3 3 10': a name broken by a line break written as a space, or cells out of row
    order): the rows from here on are not sure."""
    cell, nxt = cells[i], cells[i + 1] if i + 1 < len(cells) else None
    return (
        nxt is not None
        and nxt.start - cell.end == 1
        and _name_cell(cell)
        and _name_cell(nxt)
        and not _level(cell, nxt)
        and not _is_label(cell)
    )


def _unread_rows(cell: Piece) -> bool:
    """A glued cell opening with a name and holding figures, that no reading splits into rows (it
    holds one row or more)."""
    return cell.glued and _digits(cell) and bool(HAN.match(cell.compact)) and _name_cell(cell)


def _options(
    cells: list[Piece], i: int, cols: list[str], cost: list[float], memo: Fits
) -> list[tuple[float, int, list[_Item]]]:
    cell = cells[i]
    nxt = cells[i + 1] if i + 1 < len(cells) else None
    level = _level(cell, nxt)
    if level:
        return [(cost[i + 1], 1, [_Item(level, cell)])]
    short: list[tuple[float, int, list[_Item]]] = []
    if level := short_level(cell, nxt):
        short = [(cost[i + 1], 1, [_Item(level, cell)])]
    if cell.glued and _digits(cell):
        rows = _glued_rows(cell, [c for c in cols if c in GLUED_COLUMNS], "reason" in cols)
        return [(cost[i + 1], 1, rows)] if rows else _typed_run(cells, i, cols, cost)
    if not _name_cell(cell):
        return short
    out = short + _row_options(cells, i, 1, cell, cols, cost, memo)
    if i + 1 < len(cells) and _wraps(cell, cells[i + 1]):  # a name wrapped onto the next line
        out.extend(_row_options(cells, i, 2, _joined(cell, cells[i + 1]), cols, cost, memo))
    return out


def _typed_run(
    cells: list[Piece], i: int, cols: list[str], cost: list[float]
) -> list[tuple[float, int, list[_Item]]]:
    """Rows run together with every column of the header (``typed``): the glued cell and the cells
    right after it with nothing between them (labels cut out of the run: 预算 | 完成率 | %70%…), read
    as one run; the option takes the cells up to the last row read that ends where a cell does."""
    j = i
    while j + 1 < len(cells) and cells[j + 1].start == cells[j].end and cells[j + 1].glued:
        j += 1
    start = cells[i].start
    text = "".join(c.text for c in cells[i : j + 1])
    if len(text) != cells[j].end - start:
        return []
    rows, reached = typed_rows(text, cols, SKIP_COST)
    ends = [k for k in range(i, j + 1) if cells[k].end - start == reached]
    if not rows or not ends:
        return []
    run = Piece(start, cells[j].end, text, cells[i].line, glued=True)
    items = []
    for row in rows:
        a, b = row.pop("name")
        values = {r: _sub(run, x, y) for r, (x, y) in row.items() if r not in UNREAD}
        items.append(_Item("row", _sub(run, a, b), values))
    return [(cost[ends[0] + 1], ends[0] + 1 - i, items)]


def _row_options(
    cells: list[Piece], i: int, used: int, name: Piece, cols: list[str], cost: list[float], memo: Fits
) -> list[tuple[float, int, list[_Item]]]:
    """Rows named `name` (taking `used` cells from i) with k cells after it; a last text cell wrapped
    onto the next line (a long reason) may take that line too."""
    out = []
    first = i + used
    for k in range(0, min(len(cols), len(cells) - first) + 1):
        if k and (_is_label(cells[first + k - 1]) or _level(cells[first + k - 1], None)):
            break
        window = cells[first : first + k]
        tries = [(window, k)]
        if k and first + k < len(cells) and _wraps(window[-1], cells[first + k]):
            tries.append(([*window[:-1], _joined(window[-1], cells[first + k])], k + 1))
        for win, took in tries:
            aligned = _align(win, cols, memo)
            if aligned is not None:
                out.append((aligned[0] + cost[first + took], used + took, [_Item("row", name, aligned[1])]))
    return out


def _wraps(a: Piece, b: Piece) -> bool:
    """b continues a: a text cell cut at a line break (no separator between them), a filling its line."""
    return (
        a.end == b.start
        and not a.glued
        and len(a.compact) >= _WRAPPED_CELL
        and all(_name_cell(c) and not _level(c, None) for c in (a, b))
    )


def _joined(a: Piece, b: Piece) -> Piece:
    return Piece(a.start, b.end, a.text + b.text, a.line)


def _align(cells: list[Piece], cols: list[str], memo: Fits | None = None) -> tuple[float, Assignment] | None:
    """Least-cost monotone assignment of cells to columns by type; ties keep only what they share.
    ``memo``: which cells each column accepts, kept across the calls of one parse."""
    fits = [_fits(c, cols, memo) for c in cells]
    pairs, skips = _column_costs(tuple(cols))
    best: list[float] = [float("inf")]
    found: list[Assignment] = []

    def skip(a: int, b: int) -> float:
        return skips[a][b]

    def walk(ci: int, ki: int, spent: float, acc: Assignment) -> None:
        if spent - AGREES > best[0] + 1e-9:
            return
        if ci == len(cells):
            total = spent + skip(ki, len(cols)) * TRAILING  # a row cut short leaves its tail empty
            if not _row_ok(acc):
                total += OVER_WEIGHT  # a score above its weight is a reading of last resort (score.bounds)
            total += _shape(acc, pairs)
            if total > best[0] + 1e-9:
                return
            if total < best[0] - 1e-9:
                best[0] = total
                found.clear()
            found.append(dict(acc))
            return
        for kj in range(ki, len(cols)):
            if fits[ci][kj]:
                walk(ci + 1, kj + 1, spent + skip(ki, kj), {**acc, cols[kj]: cells[ci]})

    walk(0, 0, 0.0, {})
    if not found:
        return None
    shared = {k: v for k, v in found[0].items() if all(f.get(k) is v for f in found[1:])}
    return best[0], shared


@lru_cache(maxsize=256)
def _column_costs(cols: tuple[str, ...]) -> tuple[list[tuple[str, str]], list[list[float]]]:
    """The column pairs of ``PAIRED`` among ``cols``, and what skipping cols[a:b] costs ([a][b])."""
    costs = [SKIP_COST.get(c, 1.0) for c in cols]
    skips = [[sum(costs[a:b]) for b in range(len(cols) + 1)] for a in range(len(cols) + 1)]
    return [p for p in PAIRED if set(p) <= set(cols)], skips


def _shape(acc: Assignment, pairs: list[tuple[str, str]]) -> float:
    """What a row's shape costs when its blank cells were lost: a target without its actual (or a
    weight without its score) is less likely than both or neither; a ratio column whose figure
    times the weight gives the score (得分系数 100% x 2 = 2) confirms the reading."""
    cost = sum(UNPAIRED for a, b in pairs if (a in acc) != (b in acc))
    ratio, w, s = (_number(acc[k]) if k in acc else None for k in ("ratio", "weight", "score"))
    if ratio and w and s and ratio.number * w.number == s.number * 100:
        cost -= AGREES
    return cost


def _row_ok(acc: Assignment) -> bool:
    """No score above its weight, and a target in words has an actual in words (and a figure a figure)."""
    w, s = acc.get("weight"), acc.get("score")
    wn, sn = (_number(w) if w else None), (_number(s) if s else None)
    if wn and sn and sn.number > wn.number:
        return False
    t, a = acc.get("target"), acc.get("actual")
    if t is None or a is None or _is_placeholder(t) or _is_placeholder(a):
        return True
    return not ((_number(t) is None and _text(t) and _number(a) is not None) or (_number(t) and _text(a)))


def _glued_rows(cell: Piece, cols: list[str], reason: bool = False) -> list[_Item]:
    """Rows glued into one cell ('安装坡面水标尺10≥266米≥266米10水标尺宽度10…'): every reading of
    name + columns that uses the whole text; values kept where all readings agree. With a `reason`
    column, words ending the cell after a complete row are that row's reason ('…1514雨季水毁')."""
    text = JUNK_TAIL.sub("", cell.text)
    if not cols or len(text) > 40 * _MAX_GLUED:
        return []
    solutions: list[list[dict[str, tuple[int, int]]]] = []
    steps = [0]
    ends: dict[tuple[int, str], list[int]] = {}  # _token_ends of each position and column, found once
    nums: Tokens = {}  # the numbers at each position, with or without an operator, read once

    def row(p: int, rows: list[dict[str, tuple[int, int]]]) -> None:
        if p == len(text):
            solutions.append(rows)
            return
        if reason and rows and "reason" not in rows[-1] and TEXT_RUN.fullmatch(text, p):
            solutions.append([*rows[:-1], {**rows[-1], "reason": (p, len(text))}])
        m = NAME_RUN.match(text, p)
        if m and HAN.search(m.group()) and m.end() < len(text):
            for end in _name_ends(m.group(), p):
                fields(end, 0, {"name": (p, end)}, rows)

    def fields(
        p: int, ci: int, acc: dict[str, tuple[int, int]], rows: list[dict[str, tuple[int, int]]]
    ) -> None:
        steps[0] += 1
        if len(solutions) >= _MAX_SOLUTIONS or steps[0] > _MAX_STEPS:
            return
        if ci == len(cols):
            if _glued_row_ok(text, acc):
                row(p, [*rows, acc])
            return
        key = (p, cols[ci])
        if key not in ends:
            ends[key] = _token_ends(text, p, cols[ci], nums)
        for e in ends[key]:
            fields(e, ci + 1, {**acc, cols[ci]: (p, e)}, rows)

    row(0, [])
    if steps[0] > _MAX_STEPS:
        return []
    return _agreed_rows(cell, solutions)


def _name_ends(run: str, p: int) -> list[int]:
    """Where a row's name may end in the words before its first figure: at the figure, or before a
    doubled word ending the words (群众出行便利度 | 明显提升 | 明显提升: a target in words met as
    written)."""
    ends = [p + len(run)]
    for size in range(2, (len(run) - 1) // 2 + 1):
        if run[-size:] == run[-2 * size : -size]:
            ends.append(p + len(run) - 2 * size)
    return ends


Tokens = dict[tuple[int, bool], list[tuple[int, Num]]]


def _token_ends(s: str, p: int, role: str, nums: Tokens) -> list[int]:
    """Where a value of the column ``role`` starting at s[p] may end; ``nums``: ``_num_tokens`` of
    s by position and operator, kept across the calls of one glued cell (several columns ask)."""
    if role in ("weight", "score"):
        return [e for e, n in _numbers(s, p, False, nums) if n.unit in ("", "分") and n.number <= 100]
    ends = [e for e, _ in _numbers(s, p, True, nums)]
    date = DATE_VALUE.match(s, p) if role in ("target", "actual") else None
    if date and HAN.search(date.group()) and DIGITS.match(s, p):
        ends.append(date.end())  # '2023年12月底前': a date in words is one value
    m = TEXT_RUN.match(s, p)
    if m and HAN.search(m.group()):
        run = m.group()
        ends.append(m.end())
        if role == "target":
            half = len(run) // 2
            if len(run) % 2 == 0 and run[:half] == run[half:]:
                ends.append(p + half)
            ends.extend(m.end() - len(w) for w in ACTUAL_WORDS if run.endswith(w) and len(run) > len(w))
    return ends


def _numbers(s: str, p: int, allow_op: bool, nums: Tokens) -> list[tuple[int, Num]]:
    key = (p, allow_op)
    if key not in nums:
        nums[key] = _num_tokens(s, p, 0, allow_op)
    return nums[key]


def _glued_row_ok(s: str, acc: dict[str, tuple[int, int]]) -> bool:
    def num(role: str) -> Num | None:
        if role not in acc:
            return None
        m = NUMBER_CELL.match(s[acc[role][0] : acc[role][1]])
        return (
            Num(OPS.get(m["op"] or "", ""), Decimal(m["num"].replace(",", "")), m["unit"] or "", 0, 0, 0)
            if m
            else None
        )

    w, sc, t, a = num("weight"), num("score"), num("target"), num("actual")
    if w and sc and sc.number > w.number:
        return False
    if ("target" in acc and "actual" in acc) and ((t is None) != (a is None)):
        return False  # a qualitative target has a qualitative actual
    return not (t and a and t.unit != a.unit)


def _agreed_rows(cell: Piece, solutions: list[list[dict[str, tuple[int, int]]]]) -> list[_Item]:
    if not solutions or len({len(s) for s in solutions}) != 1:
        return []
    items = []
    for k, first in enumerate(solutions[0]):
        shared = {r: span for r, span in first.items() if all(s[k].get(r) == span for s in solutions[1:])}
        if "name" not in shared:
            return []
        sub = {r: _sub(cell, a, b) for r, (a, b) in shared.items()}
        name = sub.pop("name")
        rest = None
        if not sub and len(first) > 1:  # figures that every reading splits differently ('6620')
            rest = _sub(cell, shared["name"][1], max(b for _, b in first.values()))
        items.append(_Item("row", name, sub, rest))
    return items


def _sub(cell: Piece, a: int, b: int) -> Piece:
    return Piece(cell.start + a, cell.start + b, cell.text[a:b], cell.line, glued=True)
