"""The title block: title line, fiscal year, report kind, unit name from the title, fill date."""

from __future__ import annotations

from collections.abc import Iterator

import regex

import patterns
from extractor.fields.values import text_value
from extractor.models import Section, Value
from extractor.normalize import NormText
from extractor.numbers import parse_date, years

_R = patterns.load("report")
TITLE = regex.compile(_R["title"])
SUFFIX = _R["org_suffix"]
LEAD = _R["title_lead"]
TITLE_METADATA = regex.compile(_R["title_metadata"])
NAME_METADATA = regex.compile(_R["title_metadata_name"])
GLUED_PLACE = regex.compile(_R["glued_place"])
ORG_SUFFIX = regex.compile(SUFFIX)
PROJECT_IN_TITLE = regex.compile(_R["project_in_title"])
PROJECT_LABEL = regex.compile(_R["project_label"])
FORM_TITLE_CHARS = _R["form_title_chars"]
KINDS = {name: regex.compile(p) for name, p in _R["kinds"].items()}
_NOT = _R["not_a_report"]
NEEDS = [regex.compile(_NOT["needs"]), regex.compile(_NOT["needs_any"])]
OTHER_DOCUMENT = regex.compile(_NOT["first_lines"])
MIN_HAN_SHARE = float(_NOT["min_han_share"])
HAN_RUN, LATIN_RUN = regex.compile(r"\p{Han}+"), regex.compile(r"[A-Za-z]+")  # counted by their runs
CITED = regex.compile(r"《[^》\n]*》")
_NOT_INSIDE = "绩效|自评|报告|年度|年|" + _R["org_not_inside"]
_OPEN = r"(?:(?<!\p{Han})|(?<=" + _R["title_metadata"] + r"))"  # a name's start: no Han before it
ORG = r"(?!" + LEAD + r")(?:(?!" + _NOT_INSIDE + r")[\p{Han}()]){2,30}?(?:" + SUFFIX + ")"
_FUNDS_AFTER = _R["title_funds_after"]
UNIT_IN_TITLE = [
    regex.compile(
        r"(?:" + _OPEN + r"|(?<=自评表|评价表|报告))(?:" + LEAD + r")?"
        r"(?P<v>" + ORG + r")\s*(?:(?:19|20)\d{2})年"
    ),
    regex.compile(r"(?:19|20)\d{2}年度?(?P<v>" + ORG + r")(?=部门|单位|整体|项目)"),
    regex.compile(_OPEN + r"(?P<v>" + ORG + r")(?=" + _FUNDS_AFTER + ")"),
    # a title without its year: 某某县林业局部门整体支出绩效自评报告
    regex.compile(
        _OPEN + r"(?:" + LEAD + r")?(?P<v>" + ORG + r")(?=" + _R["kinds"]["department_overall"] + ")"
    ),
    # the title restated in the opening sentence: 现将2022年某某局财政衔接资金项目绩效自评总结报告如下
    regex.compile(
        r"(?<=" + _R["title_in_prose"] + r")(?:19|20)\d{2}年度?(?P<v>" + ORG + r")"
        r"(?=" + _FUNDS_AFTER + "|" + _R["kinds"]["department_overall"] + ")"
    ),
]
PROJECT_WORDS_AFTER = regex.compile(_FUNDS_AFTER)
FISCAL_YEAR = regex.compile(r"(?P<y>(?:19|20)\d{2})\s*年度")
YEAR_LABEL = regex.compile(_R["year_label"])
DATED = regex.compile(r"\s*(?:年\s*\d{1,2}\s*月|[-/.]\d{1,2}[-/.]\d{1,2})")


def head_end(norm: NormText, sections: list[Section]) -> int:
    """Where the title block ends: at the first level-1 section, or after 1500 characters."""
    first = next((s.start for s in sections if s.level == 1), None)
    return min(first if first is not None else len(norm.text), 1500)


def title_line(norm: NormText, end: int) -> tuple[int, int] | None:
    for start, stop in norm.lines():
        if start >= end:
            break
        if TITLE.search(norm.text, start, stop):
            return start, stop
    return None


def fiscal_year(norm: NormText, title: tuple[int, int] | None) -> Value | None:
    """The year the title names (2024年度 first), else a cover's year field (评价年度:2022), else the
    first 'YYYY年度' of the text, else its first year that is not part of a date (a fill or
    publication date, 2024年3月5日, is no fiscal year)."""
    text = norm.text
    for candidates in _year_candidates(text, title):  # the first found is taken: the rest is not sought
        if candidates:
            start, end, year = candidates[0]
            return text_value(norm, start, end, value=year)
    return None


def _year_candidates(text: str, title: tuple[int, int] | None) -> Iterator[list[tuple[int, int, int]]]:
    """(start, end, year) of each kind of year fiscal_year looks for, in its order."""
    if title:
        yield _labelled_years(FISCAL_YEAR, text, *title)
        yield years(text, *title)
    yield _labelled_years(YEAR_LABEL, text)
    yield _labelled_years(FISCAL_YEAR, text)
    yield [y for y in years(text) if not DATED.match(text, y[1])]


def _labelled_years(pattern: regex.Pattern[str], text: str, *bounds: int) -> list[tuple[int, int, int]]:
    return [(m.start("y"), m.end("y"), int(m["y"])) for m in pattern.finditer(text, *bounds)]


def report_kind(norm: NormText, title: tuple[int, int] | None) -> str:
    head = norm.text[:2000]
    if not all(p.search(norm.text) for p in NEEDS) or not written_in_chinese(norm.text):
        return "unknown"
    forms = list(_form_titles(norm))
    if another_document(norm, title) and not forms:
        return "unknown"  # a 部门决算 page, unless it holds a self-evaluation form
    for scope in [*([norm.text[slice(*title)]] if title else []), head, *forms]:
        for name, pattern in KINDS.items():
            if pattern.search(scope):
                return name
    return "unknown"


def another_document(norm: NormText, title: tuple[int, int] | None) -> bool:
    """Whether the text is another document (its first lines say 部门决算, 的通知 …, and it has no
    report's title): a self-evaluation form it holds is the report, its prose is that document's."""
    first_lines = "\n".join(norm.text[a:b] for a, b in norm.lines()[:3])
    opening = CITED.sub("", first_lines)  # cited documents are not this one
    return title is None and bool(OTHER_DOCUMENT.search(opening))


def _form_titles(norm: NormText) -> Iterator[str]:
    """The title lines of the self-evaluation forms a text holds (项目支出绩效自评表 in a 部门决算 page)."""
    for a, b in norm.lines():
        line = norm.text[a:b].strip()
        if len(line) <= FORM_TITLE_CHARS and TITLE.search(line):
            yield line


def written_in_chinese(text: str) -> bool:
    """Do Han characters make at least MIN_HAN_SHARE of the letters (Han plus Latin)?"""
    han = sum(map(len, HAN_RUN.findall(text)))
    latin = sum(map(len, LATIN_RUN.findall(text)))
    return han > 0 and han >= MIN_HAN_SHARE * (han + latin)


def unit_from_title(norm: NormText, end: int) -> Value | None:
    """The unit's name as the title states it (…局2024年度…自评报告), looked for next to the title words."""
    for start, stop in norm.lines():
        if start >= end:
            break
        t = TITLE.search(norm.text, start, stop)
        if not t:
            continue
        lo, named = _after_metadata(norm.text, max(start, t.start() - 50), t.start())
        span = _unit_span(norm.text, lo, min(stop, t.end() + 40))
        if span and named:
            span = _after_name_field(norm.text, lo, span)
        if span:
            return text_value(norm, *span)
    return None


def glued_to_project(norm: NormText, unit: Value) -> bool:
    """Whether the title's unit runs on into the project's words with no year between them
    (…滨河家园垃圾转运站提升改造项目绩效自评报告): it may be what the project builds, not who reports."""
    return unit.span is not None and PROJECT_WORDS_AFTER.match(norm.original, unit.span.end) is not None


def _unit_span(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Where the title names the unit, looked for in text[lo:hi] as if it started the line."""
    part = text[lo:hi]
    for pattern in UNIT_IN_TITLE:
        m = pattern.search(part)
        if m and m["v"].count("(") == m["v"].count(")"):  # '…区域(全民健身中心' is cut out of a note
            return lo + m.start("v"), lo + m.end("v")
    return None


def _after_metadata(text: str, start: int, end: int) -> tuple[int, bool]:
    """Where the title's own words start: after the last page-metadata field glued before them
    (时效性有效开远市…, 发布日期：2023-05-06某某县…), else at start; and whether that last field's value
    is a name (发布机构：某某县财政局某某县水利局…), glued to the unit's."""
    after = max((m.end() for m in TITLE_METADATA.finditer(text, start, end)), default=start)
    named = max((m.end() for m in NAME_METADATA.finditer(text, start, end)), default=-1)
    return (named, True) if named >= after else (after, False)


def _after_name_field(text: str, lo: int, span: tuple[int, int]) -> tuple[int, int] | None:
    """The unit's part of a name field's value glued to it: a name set apart by a space before it is
    whole when it splits nowhere itself; a run glued from the field on is split in its one place."""
    a, b = span
    splits = _splits(text[a:b])
    if text[lo:a].strip(" \t:："):  # the field's value ends at a space before the unit's name
        return span if not splits else None
    return (a + splits[0], b) if len(splits) == 1 else None


def _splits(run: str) -> list[int]:
    """Offsets where a run of names may split: after an organisation's suffix, before a place
    whose words hold no suffix (某某县财政局|某某县水利局; not 某某县人民政府|办公室某某县…)."""
    out = []
    words = [(m.start(), m.end()) for m in ORG_SUFFIX.finditer(run)]
    for p in range(2, len(run) - 1):
        if not any(b == p for _, b in words) or any(a < p < b for a, b in words):
            continue  # no suffix ends here, or one runs on across it (人民政府办|公室)
        place = GLUED_PLACE.match(run[p:])
        if place and not ORG_SUFFIX.search(place.group()):
            out.append(p)
    return out


def project_from_title(norm: NormText, title: tuple[int, int] | None) -> Value | None:
    """The project's name as the title states it, or its subtitle in brackets on the next line,
    when they name one."""
    if title is None or PROJECT_LABEL.search(norm.text):
        return None
    start, end = title
    after = norm.text.find("\n", end + 1)
    if norm.text[end + 1 : end + 2] == "(":  # the title's subtitle: （某某大学科技园项目）
        end = after if after >= 0 else len(norm.text)
    m = PROJECT_IN_TITLE.search(norm.text, start, end)
    if not m or KINDS["project"].fullmatch(m["v"]) or KINDS["department_overall"].search(m["v"]):
        return None
    return text_value(norm, m.start("v"), m.end("v"))


def as_date(v: Value) -> Value:
    d = parse_date(v.raw.replace(" ", ""))
    return v.model_copy(update={"value": d}) if d else v
