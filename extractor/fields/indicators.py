"""Indicator blocks written in prose (the narrative 指标一 / 指标二 … form).

A block is a section titled like 指标一, or else a paragraph that states a
预期指标值. Inside a block, figures are assigned by their label and the
texts (偏差原因, 改进措施) and the met statement by pattern; all in
``patterns/indicators.toml``.
"""

from __future__ import annotations

import bisect

import regex

import patterns
from extractor.fields.mapper.vocab import KEYS as FORM_KEYS
from extractor.fields.mentions import Mention
from extractor.fields.values import number_value, printed_value, text_value
from extractor.models import Indicator, Section, Value
from extractor.normalize import NormText, fold
from extractor.numbers import alternation
from extractor.sections import enclosing, walk

_I = patterns.load("indicators")
BLOCK_TITLE = regex.compile(_I["block_title"])
BLOCK_CUE = regex.compile(_I["block_cue"])
BLOCK_LINE = regex.compile(_I["block_line"], regex.M)
NAME = regex.compile(_I["name"])
NAME_BEFORE_TARGET = regex.compile(_I["name_before_target"])
NAME_AFTER_LEVEL = regex.compile(_I["name_after_level"])
NAME_NUMBER = regex.compile(_I["name_number"])
OPS: dict[str, str] = patterns.load("operators")["ops"]
BOUND = regex.compile(alternation([*OPS, *patterns.load("operators")["op_suffix"]]))  # ≥, 不低于, 以上
LABELS = {k: regex.compile(p) for k, p in _I["labels"].items()}
TEXTS = {k: regex.compile(p) for k, p in _I["text"].items()}
QUALITATIVE = {k: regex.compile(p) for k, p in _I["qualitative"].items()}
_LEVELS = patterns.load("tables")["indicator"]["levels"]  # the level names tables use too
LEVEL1 = regex.compile("(?:" + "|".join(_LEVELS["level1"]) + ")")
LEVEL2 = regex.compile("(?:" + "|".join(_LEVELS["level2"]) + ")")
BARE_SCALES = set(_I["bare_scales"])
LEVEL_WEIGHT = regex.compile(_I["level_weight"])
LEVEL_ANALYSIS = regex.compile(_I["level_analysis"])
MET = [(False, regex.compile(_I["met"]["false"])), (True, regex.compile(_I["met"]["true"]))]


EXCERPT_ACTUAL = regex.compile(_I["excerpt_actual"])
PER_MEASURE = regex.compile(_I["per_measure"])
CLAUSE_SPLIT = regex.compile(_I["clause_split"])
LEVEL_LEAD = regex.compile(_I["level_lead"])
CLAUSE_HEADING = regex.compile(_I["clause_heading"])


def prose_excerpt(norm: NormText) -> bool:
    """Whether the text is a report's excerpt that names no kind: lines of prose indicators, each
    with its target and its actual (``excerpt_lines``); its kind stays 'unknown'."""
    cued = (
        1
        for s, e in norm.lines()
        if BLOCK_CUE.search(norm.text, s, e) and EXCERPT_ACTUAL.search(norm.text, s, e)
    )
    return sum(cued) >= _I["excerpt_lines"]


def indicator_blocks(norm: NormText, sections: list[Section]) -> list[tuple[int, int]]:
    """(start, end) of each block body in the normalized text."""
    blocks = []
    for sec in walk(sections):
        if BLOCK_TITLE.search(sec.title):
            body = norm.text.find("\n", sec.start)
            blocks.append((body + 1 if body != -1 else sec.end, sec.end))
    if blocks:
        return blocks
    lines = [(s, e) for s, e in norm.lines() if BLOCK_CUE.search(norm.text, s, e)]
    cued = [part for s, e in lines for part in _clauses(norm, s, e)]
    return _line_blocks(norm, sections) or cued


def _clauses(norm: NormText, start: int, end: int) -> list[tuple[int, int]]:
    """A cued line as its clauses when each holds a block cue (several indicators a line), else whole."""
    cuts = [m.start() for m in CLAUSE_SPLIT.finditer(norm.text, start, end)]
    bounds = [start, *cuts, end]
    parts = [(a if a == start else a + 1, b) for a, b in zip(bounds, bounds[1:], strict=False)]
    parts = [(a, b) for a, b in parts if norm.text[a:b].strip()]
    if len(parts) < 2 or not all(BLOCK_CUE.search(norm.text, a, b) for a, b in parts):
        return [(start, end)]
    return parts


def _line_blocks(norm: NormText, sections: list[Section]) -> list[tuple[int, int]]:
    """Blocks opened by a line of their own (指标一：名称), each running to the next such line or
    the end of the innermost section holding it."""
    starts = [m.start() for m in BLOCK_LINE.finditer(norm.text)]
    blocks = []
    for i, start in enumerate(starts):
        chain = enclosing(sections, start)
        end = min(s.end for s in chain) if chain else len(norm.text)
        if i + 1 < len(starts):
            end = min(end, starts[i + 1])
        blocks.append((start, end))
    return blocks


def narrative_indicators(norm: NormText, sections: list[Section], mentions: list[Mention]) -> list[Indicator]:
    out = []
    ordered = sorted(mentions, key=lambda m: m.fig.start)
    starts = [m.fig.start for m in ordered]
    before: tuple[int, Value | None, Value | None] = (-1, None, None)  # line, levels of the clause before
    blocks = indicator_blocks(norm, sections)
    lost = _unread_level_lines(norm, blocks)
    for start, end in blocks:
        if any(at < start for at in lost):
            return out  # an indicator's line not read before it: the ones after it cannot be numbered
        inside = ordered[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
        lead = _leading_level(norm, start)
        at = lead.end() if lead and lead.start() == start else start
        heading = _clause_heading(norm, at, end)
        ind = _indicator(norm, heading.end() if heading else at, end, inside)
        level1, level2 = _levels(norm, enclosing(sections, start))
        if heading:  # the clause's own level before its line's (数量指标方面，…。质量指标方面，…)
            field = _heading_level(heading["v"], level1)
            if getattr(ind, field) is None:
                setattr(ind, field, text_value(norm, heading.start("v"), heading.end("v")))
        if lead and LEVEL2.fullmatch(lead["v"]) and ind.level2 is None:
            ind.level2 = text_value(norm, lead.start("v"), lead.end("v"))
        line = norm.text.rfind("\n", 0, start) + 1
        if before[0] == line and ind.level1 is None:  # a clause after another of its line
            ind.level1, ind.level2 = before[1], ind.level2 or before[2]
        ind.level1 = ind.level1 or level1
        ind.level2 = ind.level2 or level2
        before = (line, ind.level1, ind.level2)
        if ind.name is not None and (ind.target is not None or ind.actual is not None):
            out.append(ind)
        elif ind.name is not None and EXCERPT_ACTUAL.search(norm.text, start, end):
            out.append(ind)  # written as one (its target and actual named, not read): keeps the numbering
        elif ind.name is not None and BLOCK_CUE.search(norm.text, start, end):
            out.append(ind)  # a target named and not read (目标值为2023年12月31日前完成): keeps the numbering
    return out


def _unread_level_lines(norm: NormText, blocks: list[tuple[int, int]]) -> list[int]:
    """Where a line opening with a level's name and stating an actual (数量指标：全年计划完成…1200批次，
    实际完成1260批次…) holds no block read: an indicator written in words no cue knows."""
    if not blocks:
        return []
    out = []
    for s, e in norm.lines():
        lead = LEVEL_LEAD.match(norm.text, s, e)
        if lead is None or not (LEVEL1.fullmatch(lead["v"]) or LEVEL2.fullmatch(lead["v"])):
            continue
        if EXCERPT_ACTUAL.search(norm.text, s, e) and not any(s <= a < e for a, _ in blocks):
            out.append(s)
    return out


def _heading_level(word: str, section_level1: Value | None) -> str:
    """The level a clause's heading names: a word of both lists (成本指标, 满意度指标) is the 二级
    under a section naming another 一级 (成本指标方面 under 产出指标完成情况), else the 一级."""
    if not LEVEL1.fullmatch(word):
        return "level2"
    under_other = section_level1 is not None and section_level1.value != word
    return "level2" if LEVEL2.fullmatch(word) and under_other else "level1"


def _clause_heading(norm: NormText, start: int, end: int) -> regex.Match | None:
    """A level's heading opening the clause ('1.产出指标。'), a level's name."""
    m = CLAUSE_HEADING.match(norm.text, start, end)
    return m if m and (LEVEL1.fullmatch(m["v"]) or LEVEL2.fullmatch(m["v"])) else None


def _leading_level(norm: NormText, start: int) -> regex.Match | None:
    """A level name opening the line of the block at ``start`` ('数量指标。A年初任务数…;B…')."""
    line = norm.text.rfind("\n", 0, start) + 1
    return LEVEL_LEAD.match(norm.text, line)


def _levels(norm: NormText, chain: list[Section]) -> tuple[Value | None, Value | None]:
    """一级/二级指标 from the section titles above a block ((一)产出指标 / 1.数量指标)."""
    found: list[Value] = []
    for sec in chain:
        title = LEVEL_WEIGHT.sub("", sec.title.strip().rstrip(":。"))
        title = LEVEL_ANALYSIS.sub("", title) if LEVEL1.match(title) or LEVEL2.match(title) else title
        one, two = LEVEL1.fullmatch(title), LEVEL2.fullmatch(title)
        if (one and not found) or (two and len(found) == 1):
            at = norm.text.find(title, sec.start)
            found.append(text_value(norm, at, at + len(title)))
    return (found + [None, None])[0], (found + [None, None])[1]


def _indicator(norm: NormText, start: int, end: int, mentions: list[Mention]) -> Indicator:
    ind = Indicator(span=norm.span(start, end))
    _name(norm, ind, start, end)
    target: Mention | None = None
    for mention in mentions:
        for field, pattern in LABELS.items():
            hit = pattern.search(mention.label)
            if hit and getattr(ind, field) is None:
                bare = mention.fig.unit in BARE_SCALES  # 200万 with no unit: the magnitude multiplied in
                setattr(ind, field, (number_value if bare else printed_value)(norm, mention.fig))
                if field == "target":
                    _set_target(norm, ind, mention, hit)
                    target = mention
                break
    if ind.target is None:
        _qualitative(norm, ind, start, end)
    elif ind.actual is None and target is not None:
        _actual_in_target_unit(norm, ind, mentions, target)
    for field, pattern in TEXTS.items():
        t = pattern.search(norm.text, start, end)
        if t:
            setattr(ind, field, text_value(norm, t.start("v"), t.end("v")))
    ind.met = _met(norm, start, end)
    return ind


def _actual_in_target_unit(norm: NormText, ind: Indicator, mentions: list[Mention], target: Mention) -> None:
    """The actual no label names: the first figure after the target, in the target's unit, that no
    label gives another part and that is no bound nor change (年度目标值100%，实际按时提交11份，按时
    提交率91.67%: 91.67%; 年度目标值360名，实际选派360名: 360)."""
    if not target.fig.unit or target.fig.unit in BARE_SCALES:
        return
    for m in mentions:
        if m.fig.start <= target.fig.start or m.role == "comparison" or m.fig.unit != target.fig.unit:
            continue
        if any(p.search(m.label) for p in LABELS.values()) or _bounded(m):
            continue
        ind.actual = printed_value(norm, m.fig)
        return


def _bounded(m: Mention) -> bool:
    """A bound stands right before the figure (不低于90%) or right after it (90%以上)."""
    before = BOUND.search(m.label[-4:])
    return bool(before and before.end() == len(m.label[-4:]) or BOUND.match(m.after))


def _name(norm: NormText, ind: Indicator, start: int, end: int) -> None:
    """The text before the block's first colon (or before its target); a level name there
    (数量指标：职业技能培训人数，…) is the level, and the name follows it."""
    line = BLOCK_LINE.match(norm.text, start, end)
    if line:
        if not (LEVEL1.fullmatch(line["v"]) or LEVEL2.fullmatch(line["v"])):  # 指标一：数量指标 names none
            ind.name = text_value(norm, line.start("v"), line.end("v"))
        return
    m = NAME.match(norm.text, start, end)
    if m is None or NAME_NUMBER.match(m["v"].strip()):  # 指标1：名称。年度目标值…: no colon after the name
        m = NAME_BEFORE_TARGET.match(norm.text, start, end) or m
    if not m:
        return
    level = m["v"].strip()
    if BLOCK_CUE.search(level) or NAME_NUMBER.match(level):
        return  # 指标2：年度目标值≥60场，… states no name
    if "。" in level:
        return  # a sentence's end inside: a heading and its first words (产出指标完成情况。数量指标), no name
    if FORM_KEYS.role(level) is not None:
        return  # a form's own label (单位名称：…, the form read as one paragraph): no indicator's name
    if not (LEVEL1.fullmatch(level) or LEVEL2.fullmatch(level)):
        ind.name = text_value(norm, m.start("v"), m.end("v"))
        return
    own = NAME_AFTER_LEVEL.match(norm.text, m.end(), end)
    if own is None or BLOCK_CUE.match(own["v"]):
        return
    ind.name = text_value(norm, own.start("v"), own.end("v"))
    field = "level2" if LEVEL2.fullmatch(level) else "level1"
    setattr(ind, field, text_value(norm, m.start("v"), m.end("v")))


def _qualitative(norm: NormText, ind: Indicator, start: int, end: int) -> None:
    """A target in words (有效提升) and, beside it, an actual in words."""
    t = QUALITATIVE["target"].search(norm.text, start, end)
    if not t:
        return
    ind.target = text_value(norm, t.start("v"), t.end("v"))
    ind.target_op = text_value(norm, t.start("v"), t.end("v"), value="text")
    a = QUALITATIVE["actual"].search(norm.text, start, end)
    if a and ind.actual is None:
        ind.actual = text_value(norm, a.start("v"), a.end("v"))


def _set_target(norm: NormText, ind: Indicator, mention: Mention, hit: regex.Match) -> None:
    op = OPS.get(hit["op"] or "", "=")
    label_start = mention.fig.start - len(mention.label)
    if hit["op"]:
        ind.target_op = text_value(norm, label_start + hit.start("op"), label_start + hit.end("op"), value=op)
    else:
        ind.target_op = Value(value="=", raw="", span=ind.target.span if ind.target else None)
    unit = mention.fig.unit
    if unit in BARE_SCALES:
        return  # 200万斤 with a measure word we do not know: 万 is a scale, not the unit
    per = PER_MEASURE.match(norm.text, mention.fig.end)
    if per:
        unit += per.group()  # 8万元/处: a ratio per one measure
    if unit and ind.target and ind.target.span:
        ind.unit = Value(value=unit, raw=unit, span=ind.target.span)


PROSE_MEASURES = ("target_op", "target", "unit", "midyear", "actual", "completion_rate", "met")


def fill_from_prose(rows: list[Indicator], prose: list[Indicator]) -> None:
    """A table row that lacks its target or actual (a 评分表 of names, weights and scores) takes them
    from the one prose block of its name (1.重点项目绩效评价数量：年度目标值12个，实际完成12个…), where
    every measure both state agrees; what the row states stays."""
    named: dict[str, list[Indicator]] = {}
    for ind in prose:
        if key := _name_key(ind):
            named.setdefault(key, []).append(ind)
    for row in rows:
        blocks = named.get(_name_key(row) or "", [])
        if len(blocks) != 1 or any(_differ(getattr(row, f), getattr(blocks[0], f)) for f in PROSE_MEASURES):
            continue
        for f in PROSE_MEASURES:
            if getattr(row, f) is None:
                setattr(row, f, getattr(blocks[0], f))


def _name_key(ind: Indicator) -> str | None:
    name = ind.name.value if ind.name is not None else None
    return "".join(fold(name).split()) or None if isinstance(name, str) else None


def _differ(a: Value | None, b: Value | None) -> bool:
    return a is not None and b is not None and (type(a.value) is not type(b.value) or a.value != b.value)


def _met(norm: NormText, start: int, end: int) -> Value | None:
    for value, pattern in MET:
        m = pattern.search(norm.text, start, end)
        if m:
            return text_value(norm, m.start(), m.end(), value=value)
    return None
