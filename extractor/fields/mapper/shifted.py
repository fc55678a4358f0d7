"""A budget row that lost an empty cell (a web page or a copy collapsing empty cells: '部门整体支出总额
| 864.2 | 100% | 20' under 预算数 | 执行数 | 执行率 | 得分): its figures stand one column early, a rate
under an amount's column. Such a row is placed by the kinds of its figures instead: every reading
that keeps their order and puts each under a column of its kind is made, and a figure is read
only under the column every reading gives it (the 100% under 执行率 and the 20 under 得分; the
864.2 is 预算数's or 执行数's, so it is left out). One entry point, ``placed_by_kind``."""

from __future__ import annotations

from collections.abc import Iterator

from extractor.fields import cells as cv
from extractor.fields.mapper.vocab import BUDGET_KINDS


def fits(role: str, fig: cv.Figure) -> bool:
    """Whether a figure can stand in a column of this role (a rate's %, a score's 分, an amount's
    no %)."""
    kind = BUDGET_KINDS[role]
    if kind == "percent":
        return fig.unit in ("", "%")
    if kind == "score":
        return fig.unit in ("", "分")
    if kind in ("amount", "unread_amount"):
        return fig.unit != "%"
    return False


def placed_by_kind(figures: dict[int, cv.Figure], cols: dict[int, str]) -> dict[int, str]:
    """Column -> role to read each figure of the row with: ``cols`` itself where every figure fits
    its column or the row has a figure in every column; otherwise the roles all kind-true readings
    agree on, by the figure's own column (a figure they disagree on is left out)."""
    if all(fits(cols[c], fig) for c, fig in figures.items()) or len(figures) >= len(cols):
        return cols
    order = sorted(figures)
    roles = [cols[c] for c in sorted(cols)]
    agreed: dict[int, set[str]] = {c: set() for c in order}
    for reading in _readings([figures[c] for c in order], roles, 0):
        for c, role in zip(order, reading, strict=True):
            agreed[c].add(role)
    return {c: next(iter(rs)) for c, rs in agreed.items() if len(rs) == 1}


def _readings(figures: list[cv.Figure], roles: list[str], first: int) -> Iterator[list[str]]:
    """Each way of putting the figures, in order, under roles[first:], each under one of its kind."""
    if not figures:
        yield []
        return
    for j in range(first, len(roles) - len(figures) + 1):
        if fits(roles[j], figures[0]):
            for rest in _readings(figures[1:], roles, j + 1):
                yield [roles[j], *rest]
