"""Indicator rows under an indicator header: levels from the merged cells over them, the name,
target, actual, unit, weight, score and reason from their columns."""

from __future__ import annotations

from decimal import Decimal

import regex

from extractor.fields import cells as cv
from extractor.fields.mapper.base import GridReader, TableResult
from extractor.fields.mapper.vocab import (
    BLOCKS,
    EXECUTION_ROW,
    IMPROVEMENT_LABEL,
    IND_COLS,
    LEVEL1,
    LEVEL2,
    LEVEL2_IN_COLUMN,
    LEVEL_IN_DRAWN,
    LEVEL_NAMES_TOO,
    LEVEL_POINTED,
    LEVEL_WEIGHT,
    LONGEST_CELL_VALUE,
    NAME_CLAUSES,
    NAME_PREFIX,
    NO_REASON,
    REASON_LABEL,
    SENTENCE,
    WORDED_LIST,
)
from extractor.grid import Cell
from extractor.models import Indicator, Level, NumberKind, Value
from extractor.normalize import NormText
from extractor.numbers import alternation
from extractor.validate.interval import rounding_interval

FULL_MARKS = Decimal(100)  # a report's points in all


class IndicatorRows(GridReader):
    """The indicator block of a table."""

    def _indicators(self, h0: int, h1: int, roles: dict[int, str]) -> None:
        """The indicator rows under the header (h0..h1), and under each header after them in the
        table (a form's scoring block, 评价内容 | 分值 | 自评分, then its 一级 | 二级 | 三级 block)."""
        above: Indicator | None = None
        while (at := self._indicator_block(h1, roles, above)) is not None:
            header = self._header_rows(IND_COLS, {"name"}, 3, start=at)
            if header is None or header[0] != at:
                return
            # the same header again (a table continued on the next page): its first rows' empty level
            # cells go on with the last row's levels, whose merged cells the page break cut
            above = self.out.indicators[-1] if header[2] == roles and self.out.indicators else None
            h0, h1, roles = header

    def _indicator_block(self, h1: int, roles: dict[int, str], above: Indicator | None = None) -> int | None:
        """Read the rows from h1 under the columns ``roles``; the row where another header begins,
        if the rows end there (None: the block ended otherwise, or a row was not read). ``above``:
        the row the block's first rows continue under (a header repeated on a new page)."""
        self.columns = roles
        by_role = _columns_by_role(roles)
        op_column = "op" in by_role
        read: list[Indicator] = []
        skipped = False  # a row written like an indicator row and not read
        for r in range(h1, self.table.n_rows):
            if self._total_row(r) or BLOCKS.role(self._row(r)[0].text) == "end_indicators":
                break
            if BLOCKS.role(self._row(r)[0].text) == "indicator_sum":
                self._sum_row(r, by_role)
                break
            if self._header_rows_at(r):
                self.out.indicators.extend(read)
                return None if skipped else r
            ind = self._indicator(r, by_role, op_column)
            if ind is not None and skipped:
                return None  # the rows after one not read cannot be numbered: none is kept
            if ind is not None:
                self._levels_above(r, ind, read[-1] if read else above, by_role)
                read.append(ind)
            skipped = skipped or (ind is None and self._written_like_indicator(r, by_role))
        self.out.indicators.extend(read)
        return None

    def _levels_above(self, r: int, ind: Indicator, above: Indicator | None, by_role: dict[str, int]) -> None:
        """Level cells left empty under the row above (a copy that keeps a merge's covered cells as
        empty ones: tabs, a sheet): the row's levels are the row above's, 二级 only under the same 一级."""
        if above is None or above.level1 is None:
            return  # no group above to belong to (its level cells lost too: a PDF's text)
        if ind.level1 is None and self._blank(r, by_role.get("level1")):
            ind.level1 = above.level1
        same_group = ind.level1 is above.level1 or (
            self._drawn() and ind.level1 is not None and ind.level1.value == above.level1.value
        )  # a drawn table's blank 二级 cell under the same 一级 (a text's blank cells are not sure)
        if same_group and ind.level2 is None and self._blank(r, by_role.get("level2")):
            ind.level2 = above.level2

    def _blank(self, r: int, c: int | None) -> bool:
        """Row r's cell in column c is empty: its own, or an empty one merged down from above (the
        rest of a merge a page break cut, whose text stands on the page before)."""
        cell = self.grid[r][c] if c is not None else None
        return cell is not None and not cell.text.strip()

    def _sum_row(self, r: int, by_role: dict[str, int]) -> None:
        """The 合计 row under the indicators: the figures under 分值 and 得分 are the total weight
        and score (a score above its weight is no such pair); with the 分值 cell left empty (the
        total points stated under a level's own 分值 column), the score alone, up to a full 100."""
        found = [self._figure_at(r, by_role[k]) if k in by_role else None for k in ("weight", "score")]
        if found[1] is None or found[1][1].unit not in ("", "分"):
            return
        (sc, s) = found[1]
        if found[0] is None:
            if "weight" in by_role and self._blank(r, by_role["weight"]) and s.number <= FULL_MARKS:
                score = cv.number(self.norm, sc, s, NumberKind.score)
                self.out.fields.setdefault("evaluation.total_score", score)
                self._claim(self._row(r)[0], sc)
            return
        wc, w = found[0]
        if w.unit not in ("", "分") or s.number > w.number:
            return
        self.out.fields.setdefault("evaluation.total_weight", cv.number(self.norm, wc, w, NumberKind.score))
        self.out.fields.setdefault("evaluation.total_score", cv.number(self.norm, sc, s, NumberKind.score))
        self._claim(self._row(r)[0], wc, sc)

    def _written_like_indicator(self, r: int, by_role: dict[str, int]) -> bool:
        """Row r has its own name cell and a figure or words under a target, actual, weight or score
        column (a placeholder '-' is neither): an indicator row, whether or not it could be read."""
        name = self._own(r, by_role.get("name"))
        if name is None or name.row != r or not name.text.strip():
            return False
        measures = (self._own(r, by_role.get(k)) for k in ("target", "actual", "weight", "score"))
        return any(c is not None and c is not name and c.row == r and _filled(c.text) for c in measures)

    def _header_rows_at(self, r: int) -> bool:
        return sum(1 for cell in self._row(r) if IND_COLS.role(cell.text)) >= 3

    def _total_row(self, r: int) -> bool:
        """Row r holds the 总分 label: in a cell of its own, or opening a cell merged down (a text's
        rows after the table, its sign-off lines, taken as going on under it)."""
        cells = (cell for cell in self._row(r) if cell.rowspan == 1 or cell.row == r)
        return any(BLOCKS.role(cell.text) == "total" for cell in cells)

    def _indicator(self, r: int, by_role: dict[str, int], op_column: bool) -> Indicator | None:
        name_cell = self._own(r, by_role.get("name")) or self._name_over_levels(r, by_role.get("name"))
        if name_cell is None or name_cell.row != r:
            return None
        m = NAME_PREFIX.match(cv.fold(name_cell.text))
        a = m.end() if m else 0
        name = name_cell.text[a:].strip()
        if not name or cv.placeholder(name) or not cv.HAN.search(name) or cv.figure(name) is not None:
            return None
        if cv.OP_FIGURE.search(name):
            return None  # a name run together with its target ('管护面积≥50万平方米'): cells lost
        self._whole = self._whole_row(r, name_cell, by_role)
        if self._shifted_sentence(name, NAME_CLAUSES):
            return None  # a sentence (a reason or a goal shifted into the name column) names nothing
        a = name_cell.text.index(name, a)
        ind = Indicator(name=cv.text(self.norm, name_cell, a=a, b=a + len(name)))
        ind.span = cv.span(self.norm, name_cell)
        f = {role: cell for role in by_role if (cell := self._own(r, by_role[role])) is not None}
        ind.level1 = self._level(f.get("level1"), LEVEL1) or self._level(f.get("level1"), LEVEL2)
        ind.level1 = ind.level1 or self._own_level(f.get("level1"))  # a template's own
        ind.level2 = self._level(f.get("level2"), LEVEL2) or self._own_level(f.get("level2"))
        if ind.level1 is None and "level1" in by_role:
            ind.level1 = self._level(self.grid[r][by_role["level1"]], LEVEL1)
        if ind.level2 is None and "level2" in by_role:
            ind.level2 = self._level(self.grid[r][by_role["level2"]], LEVEL2)
        if not {"level1", "level2"} & by_role.keys():
            ind.level1 = self._pointed_level(r, name_cell)
        self._measures(ind, f, op_column)
        if not any(getattr(ind, k) is not None for k in ("target", "actual", "weight", "score")):
            if not self._unplaced(r, name_cell):
                return None  # a row with nothing under its measure columns: no indicator
            return ind  # its figures are there but not in their columns: the name keeps the numbering
        self._claim(*(cell for cell in self._row(r)))
        return ind

    def _name_over_levels(self, r: int, c: int | None) -> Cell | None:
        """A name merged over the level columns too, in a drawn table (预算执行率 | 100% | 100% | 10 | 10
        under 一级 | 二级 | 三级): a row of no level, named by that cell."""
        cell = self.grid[r][c] if c is not None and self._drawn() else None
        if cell is None or cell.row != r or cell.colspan == 1:
            return None
        roles = {self.columns.get(k) for k in range(cell.col, cell.last_col + 1)}
        return cell if roles <= {"level1", "level2", "name"} and cell.last_col == c else None

    def _unplaced(self, r: int, name: Cell) -> bool:
        """Row r's figures stand in one cell spread over the columns after its name (a row recovered
        from text whose values could not be placed)."""
        return any(
            cell.row == r and cell.col > name.col and cell.colspan > 1 and cv.DIGIT.search(cell.text)
            for cell in self._row(r)
        )

    def _level(self, cell: Cell | None, pattern: regex.Pattern[str]) -> Value | None:
        """A level's name from its cell ('产出指标 (50分)' -> 产出指标); the weight it states is kept
        as a Level of the report."""
        if cell is None:
            return None
        m = pattern.fullmatch(cv.compact(cell.text))
        if not m:
            return None
        a = cv.fold(cell.text).find(m["v"])
        b = a + len(m["v"]) if a >= 0 else None
        name = cv.text(self.norm, cell, value=m["v"], a=max(a, 0), b=b)
        if id(cell) not in self.levels:
            self.levels[id(cell)] = Level(name=name, weight=self._level_weight(cell, b))
        return name

    def _own_level(self, cell: Cell | None) -> Value | None:
        """Any word ending in 指标 in a level column (a template's own level name, ``level2_in_column``),
        or in a table the source drew or the text's tabs cut any short name (``level_in_drawn_column``:
        规划（15分）, 项目决策); never a column's label (一级指标 / 二级指标 left among the rows)."""
        sure = self._sure_columns()
        if cell is None or _column_word(cell.text, sure):
            return None
        return self._level(cell, LEVEL2_IN_COLUMN) or (self._level(cell, LEVEL_IN_DRAWN) if sure else None)

    def _pointed_level(self, r: int, name: Cell) -> Value | None:
        """With no level column named, a drawn table's first filled cell left of the name under no
        column word, when it names a group with its points (项目权重 | 评价内容 | 分值 | 自评分 over
        项目决策 2分 | 决策依据 | 2 | 2): the 一级. Without its points such a cell may be anything."""
        if not self._sure_columns():
            return None
        cells = (self.grid[r][c] for c in range(name.col) if c not in self.columns)
        return self._level(next((c for c in cells if c is not None and c.text.strip()), None), LEVEL_POINTED)

    def _drawn(self) -> bool:
        """Whether the source drew the table (Word, a sheet, a ruled PDF, a web page): its columns and
        blank cells are sure, unlike a grid recovered from text."""
        return self.table.source not in ("text", "text-layout")

    def _sure_columns(self) -> bool:
        """A drawn table, or text rows whose cells the text separates itself (tabs, pipes): a cell's
        column is sure (a blank cell of a text row may still be a merge's covered cell or none)."""
        return self._drawn() or self.table.separated

    def _level_weight(self, cell: Cell, after: int | None) -> Value | None:
        if after is None:
            return None
        note = LEVEL_WEIGHT.search(cv.fold(cell.text), after)
        if note is None:
            return None
        end = note.end("u") if note["u"] else note.end("w")  # the span takes its 分 (70分)
        fig = cv.Figure("", Decimal(note["w"]), "", note.start("w"), note.end("w"), end)
        return cv.number(self.norm, cell, fig, NumberKind.score, "分")

    def _measures(self, ind: Indicator, f: dict[str, Cell], op_column: bool) -> None:
        norm = self.norm
        unit_cell = f.get("unit") if "unit" in f and cv.unit_word(f["unit"].text) else None
        target = None
        if "target" in f:  # a figure, or words around one after an operator word (至少全年完成2次宣传)
            target = cv.figure(f["target"].text) or cv.worded_target(f["target"].text)
        actual = cv.figure(f["actual"].text) if "actual" in f else None
        unit = cv.compact(unit_cell.text) if unit_cell else _fuller_unit(target, actual)
        named = NAME_UNIT.search(cv.fold(f["name"].text)) if "name" in f else None
        if named and unit:
            named = None if named["op"] is None else named  # its operator still counts (≥**平方米)
        elif named and (target is not None or actual is not None):  # 服务外包在岸（万美元） | 20000
            unit = named["u"]
        if target is not None:
            ind.target = cv.number(
                norm, f["target"], target, cv.kind_of(target.unit or unit), target.unit or unit
            )
            ind.target_op = self._op(f, target, op_column, named)
        elif "target" in f and self._words(f["target"]) and unit_cell is None:
            ind.target = cv.text(norm, f["target"])
            ind.target_op = cv.text(norm, f["target"], value="text")
        worded = ind.target_op is not None and ind.target_op.value == "text"
        if actual is not None and not actual.op and not worded:
            ind.actual = cv.number(
                norm, f["actual"], actual, cv.kind_of(actual.unit or unit), actual.unit or unit
            )
        elif "actual" in f and actual is None and self._worded_actual(f["actual"]) and _target_stated(ind, f):
            ind.actual = cv.text(norm, f["actual"])
        if unit and unit not in cv.HIDDEN_UNITS:
            if unit_cell is not None:
                ind.unit = cv.text(norm, unit_cell, value=unit)
            elif named:
                ind.unit = cv.text(norm, f["name"], value=unit, a=named.start("u"), b=named.end("u"))
            else:
                cell, fig = (f["target"], target) if target and target.unit == unit else (f["actual"], actual)
                ind.unit = cv.text(norm, cell, value=unit, a=fig.end, b=fig.unit_end)
        rate = cv.figure(f["completion_rate"].text) if "completion_rate" in f else None
        if rate is not None and not rate.op and rate.unit in ("", "%"):
            ind.completion_rate = cv.number(norm, f["completion_rate"], rate, NumberKind.percent, "%")
        for role in ("weight", "score"):
            fig = cv.figure(f[role].text) if role in f else None
            if fig is not None and not fig.op and fig.unit in ("", "分"):
                setattr(ind, role, cv.number(norm, f[role], fig, NumberKind.score, fig.unit))
        both = cv.score_weight(f["score"].text) if "score" in f else None
        if both is not None and ind.weight is None:
            ind.score = cv.number(norm, f["score"], both[0], NumberKind.score)
            ind.weight = cv.number(norm, f["score"], both[1], NumberKind.score)
        reason = f.get("reason")
        if (
            reason is not None
            and reason.text.strip()
            and not cv.placeholder(reason.text)
            and not _none(reason)
        ):
            if cv.figure(reason.text) is None:
                _read_reason(norm, reason, ind)
        own = f.get("improvement")
        if ind.improvement is None and own is not None and own.text.strip() and not cv.placeholder(own.text):
            ind.improvement = cv.text(norm, own)
        remark = f.get("remark")
        if ind.deviation_reason is None and remark is not None and _lost_points(ind) and self._words(remark):
            ind.deviation_reason = cv.text(norm, remark)

    def _worded_actual(self, cell: Cell) -> bool:
        """An actual in words beside a target read ('建设中' under 1个, '显著' under '有效'), never
        a unit cut off a figure ('米')."""
        return self._words(cell) and not cv.unit_word(cell.text)

    def _shifted_sentence(self, text: str, allowed: regex.Pattern[str]) -> bool:
        """A sentence where a name or a value in words stands may have shifted there from another
        column: in a grid recovered from text lines, unless its row has every cell in its column.
        A grid the source drew (a Word, PDF or sheet cell) keeps its cells in their columns, so
        its sentence is the cell's value."""
        if not SENTENCE.search(text) or allowed.fullmatch(text):
            return False
        return self.table.source == "text" and not self._whole or len(text) > LONGEST_CELL_VALUE

    def _whole_row(self, r: int, name: Cell, by_role: dict[str, int]) -> bool:
        """Row r holds a cell of its own in every column from its name to the table's last (empty
        ones written as such), and figures under 分值 and 得分: nothing of it has shifted."""
        if "weight" not in by_role or "score" not in by_role:
            return False
        cells = [self.grid[r][c] for c in range(name.col, self.table.n_cols)]
        if any(cell is None or cell.row != r or cell.colspan != 1 for cell in cells):
            return False
        return all(cv.figure(self.grid[r][by_role[k]].text) is not None for k in ("weight", "score"))

    def _words(self, cell: Cell) -> bool:
        """A value in words ('显著', '有效'), not a placeholder nor a template's row name ('指标2')."""
        text = cv.compact(cell.text)
        if not text or cv.placeholder(text) or NAME_PREFIX.fullmatch(text):
            return False
        if self._shifted_sentence(text, WORDED_LIST):
            return False  # a sentence (a goal or a reason shifted into the column), not a value
        if (glyph := cv.OP_GLYPH.match(text)) and not cv.date_words(text[glyph.end() :]):
            return False  # '≥50万平方米' that no figure reading fits is a figure misread, not words
            # ('≤2024年11月' is a date: words)
        return cv.HAN.search(text) is not None

    def _op(
        self, f: dict[str, Cell], target: cv.Figure, op_column: bool, named: regex.Match | None = None
    ) -> Value | None:
        cell = f.get("op")
        if cell is not None and cv.compact(cell.text) in cv.OPS:
            return cv.text(self.norm, cell, value=cv.OPS[cv.compact(cell.text)])
        if target.op:
            return cv.text(self.norm, f["target"], value=target.op, b=target.start)
        if named is not None and named["op"]:  # the name's bracket states it (公猪舍（≥**平方米）)
            a, b = named.span("op")
            return cv.text(self.norm, f["name"], value=cv.OPS[named["op"]], a=a, b=b)
        if not op_column or cell is None or not cv.compact(cell.text):  # no operator stated: '='
            return cv.text(self.norm, f["target"], value="=", a=target.start, b=target.unit_end)
        return None


def execution_rows(result: TableResult) -> None:
    """An indicator row named 预算执行率 is the execution rate's weight and score (the contract keeps
    the execution rate out of the indicators): ``drop_execution_rows`` on one reading's fields."""
    result.indicators = drop_execution_rows(result.indicators, result.fields, result.levels)


def drop_execution_rows(
    indicators: list[Indicator], fields: dict[str, Value], levels: list[Level]
) -> list[Indicator]:
    """The indicators without the rows that score the execution rate, whose weight, score and rate
    go to ``fields`` (the levels over such a row are marked as holding it). A row with a target of
    its own is one only where the budget's executed / adjusted is its actual; where the budget
    block stated the weight and score already, only if it repeats them. Otherwise it stays an
    indicator."""
    keys = {"weight": "budget.execution_weight", "score": "budget.execution_score"}
    kept: list[Indicator] = []
    dropped: list[tuple[Indicator, int]] = []
    for ind in indicators:
        if ind.name is None or not EXECUTION_ROW.fullmatch(ind.name.value):
            kept.append(ind)
            continue
        stated = {r: fields[k] for r, k in keys.items() if k in fields}
        if ind.target is not None and not _budget_gives(fields, ind.actual):
            kept.append(ind)
            continue
        own = {r: v for r in keys if (v := getattr(ind, r)) is not None}
        if stated and any(stated.get(r) is None or stated[r].value != v.value for r, v in own.items()):
            kept.append(ind)
            continue
        for role, value in own.items():
            fields.setdefault(keys[role], value)
        dropped.append((ind, len(kept)))
        if ind.actual is not None and ind.unit is not None and ind.unit.value == "%":
            fields.setdefault("budget.execution_rate", ind.actual)
    for row, at in dropped:
        _mark_execution_levels(row, kept[max(at - 1, 0) : at + 1], levels)
    return kept


def _mark_execution_levels(row: Indicator, beside: list[Indicator], levels: list[Level]) -> None:
    """The levels over the execution-rate row (项目管理 (25分) over 预算执行率 | 10 | 9): their weights
    count the row's. A level cell repeated on every row (not merged) is one level per row: the one
    of a kept row beside it under the same name is the level its members are counted under."""
    over = set()
    for depth in ("level1", "level2"):
        own = getattr(row, depth)
        if own is None:
            continue
        same = [v for ind in beside if (v := getattr(ind, depth)) is not None and v.value == own.value]
        over |= {(v.span.start, v.span.end) for v in (own, *same) if v.span is not None}
    for level in levels:
        if level.name.span is not None and (level.name.span.start, level.name.span.end) in over:
            level.execution = True


def _budget_gives(fields: dict[str, Value], actual: Value | None) -> bool:
    """The budget block's executed / adjusted (or initial) x 100 meets the row's actual percent:
    the row scores the budget's own execution rate (a 过程 / 资金管理 row of a 自评表)."""
    budget = fields.get("budget.adjusted") or fields.get("budget.initial")
    executed = fields.get("budget.executed")
    if actual is None or actual.unit != "%" or budget is None or executed is None:
        return False
    quotient = rounding_interval(executed) / rounding_interval(budget)
    return quotient is not None and quotient.scaled(100).meets(rounding_interval(actual))


def _read_reason(norm: NormText, reason: Cell, ind: Indicator) -> None:
    """The reason cell as the deviation reason; a cell of two labelled parts (偏差原因：…。改进措施：…)
    as the deviation reason and the improvement, each without its label."""
    first = REASON_LABEL.match(reason.text)
    second = IMPROVEMENT_LABEL.search(reason.text, first.end()) if first else None
    if not (first and second and second.start() > first.end() and second.end() < len(reason.text.rstrip())):
        ind.deviation_reason = cv.text(norm, reason)
        return
    cut = second.start() + (reason.text[second.start()] in "。")  # the full stop ends the reason
    ind.deviation_reason = cv.text(norm, reason, a=first.end(), b=cut)
    ind.improvement = cv.text(norm, reason, a=second.end(), b=len(reason.text.rstrip()))


def _none(reason: Cell) -> bool:
    """A reason cell saying there is none ('无')."""
    return cv.compact(reason.text) in NO_REASON


def _fuller_unit(target: cv.Figure | None, actual: cv.Figure | None) -> str:
    """The indicator's unit from its figures: the target's, or the actual's where that only spells
    the target's out (200万 against 195.5万元: 万元)."""
    units = [n.unit for n in (target, actual) if n is not None and n.unit]
    if len(units) == 2 and units[1].startswith(units[0]):
        return units[1]
    return units[0] if units else ""


def _lost_points(ind: Indicator) -> bool:
    """The row scored below its weight (2.5 of 3)."""
    w, s = (v.value if v is not None else None for v in (ind.weight, ind.score))
    return isinstance(w, Decimal) and isinstance(s, Decimal) and s < w


def _target_stated(ind: Indicator, f: dict[str, Cell]) -> bool:
    """A target was read, or the row's target cell is a placeholder ('—': a scoring sheet's rows
    state what was done against no figure): an actual in words beside it is the row's."""
    return ind.target is not None or "target" in f and cv.placeholder(f["target"].text)


def _filled(text: str) -> bool:
    return bool(text.strip()) and not cv.placeholder(text)


# A known unit in brackets ending an indicator's name, when its figures carry none, with the
# operator and masked figure of a template before it (公猪舍（≥**平方米）, 保育栏（≥套）)
NAME_UNIT = regex.compile(
    r"\((?P<op>" + alternation(cv.OPS) + r")?\s*(?:" + cv.MASKED_FIGURE + r")?\s*"
    r"(?P<u>" + cv.MAGNITUDE_UNIT + r")\)$"
)


def _columns_by_role(roles: dict[int, str]) -> dict[str, int]:
    """Each role's column, the first of its role; but a role the header names again after the name
    column is the indicator's there (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分: the
    分值 columns before the name are the levels')."""
    name = min((c for c, role in roles.items() if role == "name"), default=None)
    by_role: dict[str, int] = {}
    for c, role in sorted(roles.items()):
        later = name is not None and c < name and any(r == role and k > name for k, r in roles.items())
        if not later:
            by_role.setdefault(role, c)
    return by_role


def _column_word(text: str, sure: bool) -> bool:
    """A column's label left among the rows (as written, in a table whose columns are sure), but
    for a label that is also a level's name (tables.toml level_names_too: 绩效目标)."""
    found = IND_COLS.exact(text) if sure else IND_COLS.role(text) is not None
    return found and not LEVEL_NAMES_TOO.exact(text)
