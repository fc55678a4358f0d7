"""The extract stage (pipeline.extract_document): a normalized text and its sections in, a Report out.

Each area has its own small module in ``fields/``; this module only runs them
in order and puts their values at their contract keys. Values read from a
self-evaluation table take precedence over the same keys read from prose
(the order of the sources is declared in ``patterns/sources.toml``).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

import regex

import patterns
from extractor.boxes import place_boxes
from extractor.fields import (
    defined,
    indicators,
    levels,
    narrative,
    notes,
    ocr_ops,
    prose_budget,
    sources,
    title,
    unit_form,
)
from extractor.fields.conclusions import conclusion_lists
from extractor.fields.mapper import TableResult as GridResult
from extractor.fields.mapper import drop_execution_rows, read_tables
from extractor.fields.mentions import GROUP_TOTAL, Mention, find_mentions
from extractor.fields.signature import signed_unit
from extractor.fields.stream import extract_tables, table_excerpt
from extractor.fields.units_listed import listed_units
from extractor.fields.values import list_value, text_value
from extractor.models import (
    Breakdown,
    Document,
    NumberKind,
    Quantity,
    Report,
    Section,
    SourceInfo,
    Span,
    Value,
)
from extractor.normalize import NormText, as_written, normalize
from extractor.numbers import unreadable
from extractor.sections import enclosing, parallel, split_sections
from extractor.spans import RangeSet
from extractor.validate.ocr_confidence import LOW_CONFIDENCE

_LISTS = patterns.load("lists")
OFFICES = regex.compile(_LISTS["offices"])
LIST_SPLIT = regex.compile(_LISTS["split"])
LIST_OPEN = regex.compile(_LISTS["list_open"])
ITEM_NUMBER = regex.compile(_LISTS["item_number"])
LIST_END = regex.compile(_LISTS["list_end"])
QUANTITY_LABEL_TRIM = regex.compile(_LISTS["quantity_label_trim"])
QUANTITY_NOUN_AFTER = regex.compile(_LISTS["quantity_noun_after"])
QUANTITY_PLANNED = regex.compile(_LISTS["quantity_planned"])
APPROX_BEFORE = regex.compile("(?:" + "|".join(patterns.load("operators")["approx"]) + ")$")
COUNT_KEYS = {k["count"] for k in patterns.load("budget")["keys"].values() if "count" in k}
NOT_A_COUNT = ("bound", "comparison")  # roles of a count that states no quantity (fields/mentions.py)


def extract_document(doc: Document) -> Report:
    """Read every field the report states; findings are added by the validate stage. Values read
    from a PDF's prose get the box of their characters on the page (``boxes.place_boxes``)."""
    report = _extract(doc)
    place_boxes(report, doc)
    return report


def _extract(doc: Document) -> Report:
    grids = read_tables(doc.tables, as_written(doc))
    norm = normalize(doc, [(c.start, c.end) for c in grids.hidden])
    sections = split_sections(norm)
    report = Report(source=_source(doc), sections=sections)
    report.low_confidence = [r for r in doc.ocr_runs if r.confidence < LOW_CONFIDENCE]
    end = title.head_end(norm, sections)
    title_span = title.title_line(norm, end)
    kind = title.report_kind(norm, title_span)
    report.report.kind = Value(value=kind)
    if title_span:
        report.title = text_value(norm, *title_span)
    excerpt = title_span is None and (table_excerpt(norm) or indicators.prose_excerpt(norm))
    if kind == "unknown" and not excerpt:
        report.notes.append("not a performance self-evaluation report: nothing extracted")
        return report
    report.report.fiscal_year = title.fiscal_year(norm, title_span)
    mentions = find_mentions(norm, sections)
    _fill(report, norm, sections, mentions, (end, title.another_document(norm, title_span)), kind, grids)
    ocr_ops.settle(report, doc)
    return report


def _fill(
    report: Report,
    norm: NormText,
    sections: list[Section],
    mentions: list[Mention],
    head: tuple[int, bool],
    kind: str,
    grids: GridResult,
) -> None:
    """Every source's values set on the report. `head`: where the title block ends, and whether the
    text is another document holding the form (a 部门决算 page: its prose's money is the unit's)."""
    head_end, hosted = head
    used: set[int] = set()
    text_fields = narrative.text_fields(norm, subjects=parallel(sections))
    if "report.filled_on" in text_fields:
        text_fields["report.filled_on"] = title.as_date(text_fields["report.filled_on"])
    found = {"text_field": text_fields, "title": _title_fields(norm, head_end, kind)}
    found["form_label"] = narrative.text_fields(norm, "form_label")
    found["labelled"] = narrative.labelled_fields(norm, mentions, used)
    prose = prose_budget.budget_fields(norm, mentions, used, kind, sections)
    found["prose"], restated_in_prose, yielding = prose
    if hosted:
        found["prose"], restated_in_prose, yielding = {}, [], set()
    _leave_counts_in_cells(found["prose"], grids)
    offices = _offices(norm)
    if offices:
        found["prose"]["org.offices"] = offices
    if units := listed_units(norm):
        found["prose"]["org.units_count"], found["prose"]["org.units"] = units
    if unit := defined.defined_unit(norm, head_end):
        found["prose"]["report.unit_name"] = unit
    found["signature"] = {"report.unit_name": unit} if (unit := signed_unit(norm)) else {}
    _unsure_title_unit(norm, found)
    report.indicators = indicators.narrative_indicators(norm, sections, mentions)
    values, levels_read, cells = _apply_tables(report, norm, found, grids, kind, yielding)
    report.restated += restated_in_prose
    report.restated = [r for r in report.restated if not _in_cells(r.other.span, cells)]
    report.levels = levels_read if levels_read is not None else levels.stated_levels(norm, report.indicators)
    notes.shortfalls(norm, report.indicators)
    if unit := values.get("report.unit_name"):
        values["report.unit_name"] = unit_form.own_form(norm, unit)
    for key, value in values.items():
        set_key(report, key, value)
    blocks = [(i.span.start, i.span.end) for i in report.indicators if i.span] + cells
    report.quantities = _quantities(norm, sections, mentions, used, blocks)
    report.breakdowns = _breakdowns(norm, mentions)
    report.unreadable = [  # a table cell's figure is read through its OCR letters (fields/cells.py)
        text_value(norm, a, b) for a, b in unreadable(norm.text) if not _in_cells(norm.span(a, b), cells)
    ]
    for name, items in conclusion_lists(norm, sections).items():
        setattr(report, name, items)


def _leave_counts_in_cells(prose: dict[str, Value], grids: GridResult) -> None:
    """A count of projects the prose reads inside a table's cell (a form's 实际完成情况: 全年完成审计项目17个)
    counts the work done: a form states its count of projects in a cell of its own, which the
    table reading reads."""
    inside = RangeSet([(c.start, c.end) for c in grids.cells if c.end > c.start])
    for key in COUNT_KEYS & prose.keys():
        span = prose[key].span
        if span is not None and span.start in inside:
            del prose[key]


def _unsure_title_unit(norm: NormText, found: dict[str, dict[str, Value]]) -> None:
    """A title's unit running on into the project's words (…垃圾转运站提升改造项目) is left out where
    another organisation signs the report: it is what the project builds, not who reports."""
    titled = found["title"].get("report.unit_name")
    signed = found["signature"].get("report.unit_name")
    if titled and signed and titled.value != signed.value and title.glued_to_project(norm, titled):
        del found["title"]["report.unit_name"]


def _implementer_only(*readings: GridResult) -> bool:
    """Whether every table reading that names the unit names it by a 实施单位 cell: the unit that
    carries the project out, where the form's own 单位名称 line names the unit that reports."""
    naming = [r for r in readings if "report.unit_name" in r.fields]
    return all(r.implementer for r in naming)


def _title_fields(norm: NormText, head_end: int, kind: str) -> dict[str, Value]:
    """The unit and (for a project report) the project named in the title."""
    out = {}
    if unit := title.unit_from_title(norm, head_end):
        out["report.unit_name"] = unit
    if kind == "project" and (project := title.project_from_title(norm, title.title_line(norm, head_end))):
        out["report.project_name"] = project
    return out


def _apply_tables(
    report: Report,
    norm: NormText,
    found: dict[str, dict[str, Value]],
    grids: GridResult,
    kind: str,
    yielding: set[str],
) -> tuple[dict[str, Value], list | None, list[tuple[int, int]]]:
    """The values of every source merged by their declared order (``fields/sources.py``), the
    levels of the table whose indicator rows are kept (None: no table gave indicators), and where
    the cells either reading of the tables took stand (a figure there is no narrative's). A
    text report's tables are recovered both ways (grids from its lines, ``read/recover/``, and
    from its cell stream, ``fields/stream/``): of the two lists of indicator rows, the one with
    more rows read whole (target, actual, weight and score), then with more rows with a measure,
    then with more rows, is kept; the line grid's on a tie, or where it read every row whole and
    the stream no more rows whole. `yielding`: the prose's keys that yield to a table's without
    disagreeing (``prose_budget.budget_fields``)."""
    stream = own_form(extract_tables(norm), kind)
    grids = own_form(grids, kind)
    _leave_other_forms(report, found, (grids, stream))
    found["table_lines"] = stream.fields
    found["grid"] = grids.fields
    if not _implementer_only(grids, stream):  # the form's 单位名称: line outranks a 实施单位 cell only
        found["form_label"] = {}
    cells = [(c.start, c.end) for c in (*grids.claimed, *stream.claimed) if c.end > c.start]
    found["prose"] = {k: v for k, v in found["prose"].items() if not _in_cells(v.span, cells)}
    values, report.restated = sources.merge(found, yielding)
    ours, theirs = _read_rows(grids.indicators), _read_rows(stream.indicators)
    better = theirs > ours and not (ours[0] == ours[2] >= theirs[0])  # every line grid's row read whole
    chosen = stream if not grids.indicators or grids.recovered and better else grids
    if not chosen.indicators:
        return values, None, cells
    prose = report.indicators
    report.indicators = drop_execution_rows(chosen.indicators, values, chosen.levels)  # either reading's
    indicators.fill_from_prose(report.indicators, prose)
    return values, chosen.levels, cells


def _leave_other_forms(
    report: Report, found: dict[str, dict[str, Value]], tables: tuple[GridResult, ...]
) -> None:
    """What the text states inside another form's cells (实施单位 / its unit, a line of its own in a
    text) is that form's: left out of every other source. The report notes the forms not read."""
    if not any(t.other_forms for t in tables):
        return
    names = "、".join(dict.fromkeys(n or "(项目名称 not read)" for t in tables for n in t.other_forms))
    report.notes.append("self-evaluation forms of other projects not read: " + names)
    inside = RangeSet([(c.start, c.end) for t in tables for c in t.other_cells if c.end > c.start])
    for name, values in found.items():
        found[name] = {k: v for k, v in values.items() if v.span is None or v.span.start not in inside}


def own_form(tables: GridResult, kind: str) -> GridResult:
    """The tables' values where they are the report's own form: in a department's report, a form
    with a project form's keys (项目名称 holding no report's own name, 实施单位) is a
    project's, and nothing of it is the department's (its cells stay claimed)."""
    name = tables.fields.get("report.project_name")
    if kind != "department_overall" or not tables.project_form:
        return tables
    if name is not None and narrative.names_a_report(str(name.value)):
        return tables
    others = [str(name.value) if name is not None else "", *tables.other_forms]
    cells = tables.claimed
    return replace(tables, fields={}, indicators=[], levels=[], other_forms=others, other_cells=cells)


def _in_cells(span: Span | None, cells: list[tuple[int, int]]) -> bool:
    """Whether a figure read from the text stands in a table cell read as such (a table written
    one cell a line that the prose reads on: '总分 / 100 / 98.6' is no restated total)."""
    inside = RangeSet(cells)
    return span is not None and (span.start in inside or span.end - 1 in inside)


def _read_rows(indicators: list) -> tuple[int, int, int]:
    """(rows read whole: target, actual, weight and score; rows with a measure read; rows)."""
    keys = ("target", "actual", "weight", "score")
    measured = [sum(getattr(i, k) is not None for k in keys) for i in indicators]
    return sum(n == len(keys) for n in measured), sum(n > 0 for n in measured), len(indicators)


def set_key(report: Report, key: str, value: Value) -> None:
    """Put a value at its flat key (budget.basic.personnel -> report.budget.basic.personnel)."""
    *path, leaf = key.split(".")
    node = report
    for name in path:
        node = getattr(node, name)
    setattr(node, leaf, value)


def _offices(norm: NormText) -> Value | None:
    m = OFFICES.search(norm.text)
    if not m:
        return None
    items = LIST_SPLIT.split(ITEM_NUMBER.sub("", m["v"]))
    ends = [i for i, item in enumerate(items) if LIST_END.search(item.strip())]
    names = [n for n in (LIST_OPEN.sub("", x).strip() for x in items[: ends[0] if ends else None]) if n]
    names = list(dict.fromkeys(names))  # an office named twice is one office
    return list_value(norm, m.start("v"), m.end("v"), names)


def _quantities(
    norm: NormText,
    sections: list[Section],
    mentions: list[Mention],
    used: set[int],
    blocks: list[tuple[int, int]],
) -> list[Quantity]:
    """Counts of the narrative not taken by a field nor inside an indicator block; a bound (800人次以上,
    不少于12个), a change (比上年增加3个), a figure about (约20万平方米), a target (年度指标值1.2万亩) or a
    plan (年初计划完成…30个) states no count achieved, so it is none."""
    out = []
    in_block = RangeSet(blocks)
    for m in mentions:
        if m.kind != NumberKind.count or m.fig.start in used or m.tabular or m.role in NOT_A_COUNT:
            continue
        if APPROX_BEFORE.search(m.label) or indicators.LABELS["target"].search(m.label):
            continue  # 约20万平方米, 面积年度指标值1.2万亩: a figure about or a target, no count achieved
        if QUANTITY_PLANNED.search(m.label):
            continue  # 年初计划完成审计项目30个: a plan
        if norm.origin[m.fig.start] in in_block:
            continue
        label = QUANTITY_LABEL_TRIM.sub("", m.context)
        noun = QUANTITY_NOUN_AFTER.match(m.after)
        if not label:
            continue
        chain = enclosing(sections, m.fig.start)
        value = narrative.value_of(norm, m)
        section = "/".join(s.number for s in chain)
        out.append(Quantity(label=label, value=value, section=section, noun=noun.group() if noun else ""))
    return out


def _breakdowns(norm: NormText, mentions: list[Mention]) -> list[Breakdown]:
    out = []
    for m in mentions:
        if len(m.parts) >= 2:
            parts = [narrative.value_of(norm, p) for p in m.parts]
            out.append(Breakdown(whole=narrative.value_of(norm, m), parts=parts, cue=m.parts[0].cue))
        if m.groups:
            parts = [narrative.value_of(norm, p) for p in m.groups]
            cue = total.group() if (total := GROUP_TOTAL.search(m.label)) else ""
            out.append(Breakdown(whole=narrative.value_of(norm, m), parts=parts, cue=cue))
    return out


def _source(doc: Document) -> SourceInfo:
    sha = doc.sha256 or hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    return SourceInfo(
        path=doc.path, format=doc.format, encoding=doc.encoding, sha256=sha, pages=len(doc.page_starts)
    )
