"""Pattern files refer to each other's lists, so that each word is defined once (issue 11, point 6)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import regex

import patterns
from patterns import PatternError, _resolve

PATTERNS = Path(patterns.__file__).parent


def _raw_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in PATTERNS.glob("*.toml")}


def test_a_whole_reference_is_the_value_and_a_list_item_is_spliced():
    got = _resolve({"a": "@grades.aliases", "b": ["@operators.op_suffix", "x"]}, ("t",))
    assert got["a"]["优秀"] == "优" and got["a"]["不合格"] == "差"
    assert got["b"] == ["以上", "及以上", "或以上", "以下", "及以下", "以内", "x"]


def test_an_inline_reference_is_an_escaped_alternation_longest_first():
    got = _resolve("(?P<v>{{operators.op_suffix}})", ("t",))
    assert got == "(?P<v>及以上|或以上|及以下|以上|以下|以内)"
    assert _resolve("x{{pages.page_dash}}", ("t",)) == r"x[-—–]\s*\d{1,4}\s*[-—–]"


def test_a_missing_reference_names_the_file_and_the_reference():
    with pytest.raises(PatternError, match=r"patterns/t\.toml: no value 'grades\.nothing'"):
        _resolve("@grades.nothing", ("t",))


def test_a_reference_cycle_is_refused():
    with pytest.raises(PatternError, match="cycle"):
        _resolve("@headings.numeral", ("t", "headings.numeral"))


def test_no_pattern_file_is_left_with_a_reference():
    for name in _raw_texts():
        text = repr(patterns.load(name))
        assert "{{" not in text and "'@" not in text, name


@pytest.mark.parametrize(
    ("word", "home"),
    [
        ('"不低于"', "operators"),  # operators
        ('"以内"', "operators"),
        ('"不合格"', "grades"),  # grades
        ("共\\s*\\d{1,4}\\s*页", "pages"),  # page numbers
        ("零?[一二三四五六七八九]百", "headings"),  # heading numerals
        ("医院", "report"),  # organisation suffixes
    ],
)
def test_each_vocabulary_is_written_in_one_file(word, home):
    files = [name for name, text in _raw_texts().items() if word in text]
    assert files == [home]


def test_referring_files_see_the_defined_words():
    grade = next(f for f in patterns.load("text_fields")["field"] if f["key"] == "evaluation.grade")
    assert regex.search(grade["pattern"], "评价等级为不合格")["v"] == "不合格"
    mark = regex.compile(patterns.load("tables")["page_mark"])
    assert mark.fullmatch("共 9 页，第 3 页") and mark.fullmatch("第3页/共9页")
    end = regex.compile(patterns.load("tables")["indicator"]["end_heading"])
    assert end.match("一百零一、存在问题") and end.match("(十二)改进") and not end.match("产出指标")
    assert tomllib.loads((PATTERNS / "operators.toml").read_text(encoding="utf-8"))["ops"]["超过"] == ">"


def test_the_declared_order_decides_which_source_wins_and_tables_restate_the_text():
    from decimal import Decimal

    from extractor.fields.sources import merge
    from extractor.models import Span, Value

    def v(x, start):
        return Value(value=Decimal(x), raw=x, span=Span(line=1, start=start, end=start + len(x), text=x))

    prose, labelled, grid = v("120", 0), v("121", 10), v("120.5", 20)
    kept, restated = merge({"prose": {"budget.initial": prose}, "labelled": {"budget.initial": labelled}})
    assert kept["budget.initial"] is labelled and restated == []
    kept, restated = merge({"labelled": {"budget.initial": labelled}, "grid": {"budget.initial": grid}})
    assert kept["budget.initial"] is grid
    assert [(r.key, r.kept.value, r.other.value) for r in restated] == [
        ("budget.initial", Decimal("120.5"), Decimal("121"))
    ]
    with pytest.raises(ValueError, match="sources not in patterns/sources.toml"):
        merge({"guess": {}})
