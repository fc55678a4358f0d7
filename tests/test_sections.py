"""extractor.sections: heading markers, titles and the section tree."""

from __future__ import annotations

import pytest

from extractor.models import Document
from extractor.normalize import normalize
from extractor.read import read
from extractor.sections import enclosing, heading_at, split_sections, walk


def tree(text: str):
    n = normalize(Document(path="t.txt", format="text", text=text))
    return n, split_sections(n)


def heading(line: str):
    """heading_at on the normalized line (patterns run on normalized text)."""
    n, _ = tree(line)
    return heading_at(n.text)


# --------------------------------------------------------------------------- single lines


@pytest.mark.parametrize(
    "line, marker, depth, title",
    [
        ("一、基本概况", "一、", 1, "基本概况"),
        ("一、基本概况：", "一、", 1, "基本概况"),
        ("一、基本概况:", "一、", 1, "基本概况"),
        ("十一、其他事项", "十一、", 1, "其他事项"),
        ("（一）部门单位基本情况", "(一)", 2, "部门单位基本情况"),
        ("（一）部门单位基本情况：", "(一)", 2, "部门单位基本情况"),
        ("(一) 部门单位基本情况:", "(一)", 2, "部门单位基本情况"),
        ("(一)部门单位基本情况", "(一)", 2, "部门单位基本情况"),
        ("（十二）其他", "(十二)", 2, "其他"),
        ("1.部门主要职能", "1.", 3, "部门主要职能"),
        ("1. 部门主要职能", "1.", 3, "部门主要职能"),
        ("1、赓续初心学思践悟", "1、", 3, "赓续初心学思践悟"),
        ("12、其他：", "12、", 3, "其他"),
        ("（1）管理制度健全性", "(1)", 4, "管理制度健全性"),
        ("(1)管理制度健全性", "(1)", 4, "管理制度健全性"),
        ("（2）资金使用合规性和安全性：", "(2)", 4, "资金使用合规性和安全性"),
        ("①宣讲活动", "①", 5, "宣讲活动"),
        ("⑩宣讲活动：", "⑩", 5, "宣讲活动"),
    ],
)
def test_heading_levels(line, marker, depth, title):
    assert heading(line) == (marker, depth, title)


def test_raw_heading_at_on_normalized_ascii():
    assert heading_at("(一)基本情况") == ("(一)", 2, "基本情况")
    assert heading_at("(1)管理制度") == ("(1)", 4, "管理制度")


def test_title_ends_at_the_first_full_stop():
    line = "1、赓续初心学思践悟。制定理论学习计划，面向基层、面向群众开展宣讲19场"
    assert heading(line) == ("1、", 3, "赓续初心学思践悟")


@pytest.mark.parametrize(
    "line",
    [
        "2024年本单位共有6个项目，项目总金额为1468.01万元",
        "2024 年本单位基本支出全年预算总额 2938.08 万元",
        "12345 热线事件办结率：该指标预期指标值为等于 100%",
        "12345热线事件办结率",
        "1.5亿元的预算",
        "100、",
        "本单位从预算收支管理",
        "一级指标",
    ],
)
def test_not_headings(line):
    assert heading(line) is None


# --------------------------------------------------------------------------- trees


def test_nested_tree_with_both_bracket_widths():
    text = (
        "一、总体情况：\n"
        "（一）基本情况\n"
        "1.部门职能\n"
        "（1）管理制度\n"
        "①制度一\n"
        "②制度二\n"
        "(2)资金使用\n"
        "2、人员构成\n"
        "(二) 重点工作：\n"
        "二、评价结论\n"
    )
    _, roots = tree(text)
    got = [(s.level, s.number, s.title, s.path) for s in walk(roots)]
    assert got == [
        (1, "一、", "总体情况", "一、"),
        (2, "(一)", "基本情况", "一、/(一)"),
        (3, "1.", "部门职能", "一、/(一)/1."),
        (4, "(1)", "管理制度", "一、/(一)/1./(1)"),
        (5, "①", "制度一", "一、/(一)/1./(1)/①"),
        (5, "②", "制度二", "一、/(一)/1./(1)/②"),
        (4, "(2)", "资金使用", "一、/(一)/1./(2)"),
        (3, "2、", "人员构成", "一、/(一)/2、"),
        (2, "(二)", "重点工作", "一、/(二)"),
        (1, "二、", "评价结论", "二、"),
    ]
    assert [s.title for s in roots] == ["总体情况", "评价结论"]


def test_section_bounds_and_spans():
    text = "一、概况\n正文甲。\n（一）基本情况\n正文乙。\n二、结论\n正文丙。"
    n, roots = tree(text)
    first, second = roots
    assert n.text[first.start : first.end] == "一、概况\n正文甲。\n(一)基本情况\n正文乙。\n"
    assert first.end == second.start
    assert second.end == len(n.text)
    child = first.children[0]
    assert n.text[child.start : child.end] == "(一)基本情况\n正文乙。\n"
    assert child.span.text == "（一）基本情况"
    assert child.span.line == 3
    assert second.span.line == 5
    assert [s.title for s in enclosing(roots, n.text.index("正文乙"))] == ["概况", "基本情况"]
    assert [s.title for s in enclosing(roots, n.text.index("正文丙"))] == ["结论"]


def test_year_sentence_does_not_open_a_section():
    _, roots = tree("二、项目情况\n2024年本单位共有6个项目。\n（1）上级资金项目\n")
    assert [(s.title, [c.title for c in s.children]) for s in roots] == [("项目情况", ["上级资金项目"])]


# --------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed_tree(seed_path):
    n = normalize(read(seed_path))
    return n, split_sections(n)


def test_seed_top_level_titles(seed_tree):
    _, roots = seed_tree
    assert [(s.number, s.title) for s in roots] == [
        ("一、", "基本概况"),
        ("二、", "部门单位整体支出管理及使用情况"),
        ("三、", "部门单位整体支出绩效分析"),
        ("四、", "评价结论"),
        ("五、", "存在的主要问题及原因分析"),
        ("六、", "改进措施和建议"),
    ]


def test_seed_indicator_sections(seed_tree):
    _, roots = seed_tree
    three = roots[2]
    assert [(s.number, s.title) for s in three.children] == [
        ("(一)", "指标一"),
        ("(二)", "指标二"),
        ("(三)", "指标三"),
        ("(四)", "指标四"),
        ("(五)", "指标五"),
    ]
    assert [s.span.line for s in three.children] == [113, 119, 123, 129, 133]
    assert all(s.span.text.startswith("（") for s in three.children)


def test_seed_first_section_details(seed_tree):
    n, roots = seed_tree
    one = roots[0]
    assert [(s.number, s.title) for s in one.children] == [
        ("(一)", "部门单位基本情况"),
        ("(二)", "部门单位年度重点工作"),
        ("(三)", "部门单位整体预算规模及安排情况"),
    ]
    assert [c.title for c in one.children[1].children] == [
        "赓续初心学思践悟",
        "社会保障有力有效",
        "持续化解矛盾纠纷",
    ]
    assert [c.number for c in one.children[1].children] == ["1、", "2、", "3、"]
    assert [c.title for c in one.children[2].children] == [
        "年初预算安排情况",
        "预算调整情况",
        "全年预算执行情况",
        "资金使用主要内容及范围",
    ]
    assert one.span.line == 13
    assert one.span.text.startswith("一、基本概况")


def test_seed_paren_level_four(seed_tree):
    _, roots = seed_tree
    two = roots[1]
    projects = two.children[1]
    assert projects.title == "项目管理和使用情况"
    assert [(c.title, [g.title for g in c.children]) for c in projects.children] == [
        ("项目管理情况", ["管理制度健全性", "资金使用合规性和安全性"]),
        ("项目使用情况", ["上级资金项目", "本级财力项目"]),
    ]


def test_seed_sections_cover_the_text_in_order(seed_tree):
    n, roots = seed_tree
    starts = [s.start for s in walk(roots)]
    assert starts == sorted(starts)
    for parent in walk(roots):
        for child in parent.children:
            assert parent.start < child.start and child.end <= parent.end
    assert roots[-1].end == len(n.text)
