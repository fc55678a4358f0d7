"""Which source wins for a key (``patterns/sources.toml``): one merge of the values each source read.

``merge`` takes the values of each source by its name and keeps, for every key, the value of the
first source in the declared order. Where a table's value wins over a figure the text states for
the same key, both are kept as a ``Restated`` pair for the validator's ``cross.mention``.
"""

from __future__ import annotations

from decimal import Decimal

import patterns
from extractor.models import Restated, Value

_S = patterns.load("sources")
ORDER: list[str] = _S["order"]
TABLES: frozenset[str] = frozenset(_S["tables"])
GRID_ROWS: list[str] = _S["grid_rows"]


def merge(
    found: dict[str, dict[str, Value]], yielding: set[str] = frozenset()
) -> tuple[dict[str, Value], list[Restated]]:
    """(the kept value of every key, the table-versus-text pairs of figures); a text's key of
    `yielding` (a part's 年初 budget, where a table's 全年 column states the key) pairs with none."""
    unknown = set(found) - set(ORDER)
    if unknown:
        raise ValueError(f"sources not in patterns/sources.toml: {sorted(unknown)}")
    found = _rows_the_grid_read(found)
    kept: dict[str, Value] = {}
    restated: list[Restated] = []
    for key in _keys(found):
        having = [s for s in ORDER if key in found.get(s, {})]
        winner = found[having[0]][key]
        kept[key] = winner
        other = next((found[s][key] for s in having if s not in TABLES), None)
        if having[0] in TABLES and other is not None and _figures(winner, other) and key not in yielding:
            restated.append(Restated(key=key, kept=winner, other=other))
    return kept, restated


def _rows_the_grid_read(found: dict[str, dict[str, Value]]) -> dict[str, dict[str, Value]]:
    """The sources without the flattened lines' keys of a row the grid read (``grid_rows``)."""
    grid, lines = found.get("grid", {}), found.get("table_lines", {})
    read = [row for row in GRID_ROWS if any(key.startswith(row) for key in grid)]
    if not read or not lines:
        return found
    kept = {k: v for k, v in lines.items() if k in grid or not any(k.startswith(row) for row in read)}
    return found | {"table_lines": kept}


def _keys(found: dict[str, dict[str, Value]]) -> list[str]:
    """Every key once, in the order of the sources as given, then of their values."""
    seen: dict[str, None] = {}
    for values in found.values():
        seen.update(dict.fromkeys(values))
    return list(seen)


def _figures(a: Value, b: Value) -> bool:
    numbers = all(isinstance(v.value, Decimal | int) and not isinstance(v.value, bool) for v in (a, b))
    return a is not b and numbers and a.span is not None and b.span is not None
