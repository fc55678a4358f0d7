"""extractor.normalize: what the normalizer changes, and the map back to the original text."""

from __future__ import annotations

import unicodedata

import pytest
import regex

from extractor.models import Document
from extractor.normalize import is_tabular, normalize
from extractor.read import read


def norm(text: str):
    return normalize(Document(path="t.txt", format="text", text=text))


def assert_maps_back(n) -> None:
    """Every character of the normalized text comes from its original character
    (the same, or its full-width / compatibility form); a joining newline points
    at the first character of the line it starts."""
    assert len(n.origin) == len(n.text) + 1
    for i, ch in enumerate(n.text):
        span = n.span(i, i + 1)
        assert span.end == span.start + 1
        assert span.text == n.original[span.start : span.end]
        if ch == "\n":
            assert span.start == n.origin[i + 1]
            continue
        assert span.text == ch or unicodedata.normalize("NFKC", span.text) == ch, (i, ch, span)


# --------------------------------------------------------------------------- characters


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("９６.４１％", "96.41%"),
        ("完成率９６．４１％", "完成率96.41%"),
        ("４４０６.０９万元（调整后）", "4406.09万元(调整后)"),
        ("２０２５年０３月０５日", "2025年03月05日"),
        ("指标值：≧６件", "指标值:≥6件"),
        ("指标性质：﹦ 100", "指标性质:= 100"),
        ("⩾95% ⩽3天 ﹥1 ﹤9", "≥95% ≤3天 >1 <9"),
    ],
)
def test_full_width_to_ascii(raw, expected):
    assert norm(raw).text == expected


def test_zero_width_and_bom_are_dropped():
    n = norm("\ufeff执行\u200b数4248.11万元")
    assert n.text == "执行数4248.11万元"
    assert_maps_back(n)


# --------------------------------------------------------------------------- spaces


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("4406.09 万元", "4406.09万元"),
        ("执行金额为4406.09 万元", "执行金额为4406.09万元"),
        ("预算执行率 96.41 %", "预算执行率96.41%"),
        ("宣讲 19 场，覆盖 531 人次", "宣讲19场,覆盖531人次"),
        ("填报时间：2025 年 03 月 05 日", "填报时间:2025年03月05日"),
        ("部门单位整体支出绩效 自评报告", "部门单位整体支出绩效自评报告"),
        # a title PDF export spaced out letter by letter is one title, not a table row
        ("许 昌 市 河 湖 水 系 2022 年 整 体 绩 效 自 评 报 告", "许昌市河湖水系2022年整体绩效自评报告"),
    ],
)
def test_stray_spaces_removed(raw, expected):
    assert norm(raw).text == expected


def test_pipe_table_rows_keep_their_gaps():
    raw = "项目 | 预算数 | 执行数 |\n合计 | 100 | 90 |"
    assert norm(raw).text == raw


def test_single_character_cells_of_a_table_row_keep_their_gaps():
    raw = "指标名称 年度指标值 实际完成值 是 否 达标"
    assert norm(raw).text == raw


def test_number_space_number_rows_keep_their_gaps():
    raw = "人员经费 2851.15 2851.15 100%\n公用经费 86.93 86.93 100%"
    n = norm(raw)
    assert n.text == raw
    assert is_tabular(n.text.split("\n")[0])


# --------------------------------------------------------------------------- lines


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("执行金额119.39\n\n万元", "执行金额119.39万元"),
        ("执行金额119.39\n\n万元。主要用于", "执行金额119.39万元。主要用于"),
        ("年中监控实\n\n际完成值", "年中监控实际完成值"),
        ("年中监控实\n\n际完成值为 94.57%", "年中监控实际完成值为94.57%"),
        ("失业人员 310\n\n人，解决就业问题", "失业人员310人,解决就业问题"),
        # a 'label: value' line is complete, unless a bracket is left open at its end
        ("单位名称：某某开发区(某某市\n新市区)管理委员会", "单位名称:某某开发区(某某市新市区)管理委员会"),
        # a colon after 其中 / 具体为 … announces the parts: the next line goes on
        ("预算收入69.06万元，其中：\n年初预算57.28万元", "预算收入69.06万元,其中:年初预算57.28万元"),
    ],
)
def test_lines_broken_mid_sentence_are_joined(raw, expected):
    assert norm(raw).text == expected


def test_line_ending_a_sentence_is_not_joined():
    assert norm("执行率为96.41%。\n\n部门单位在预算安排执行过程中").text == (
        "执行率为96.41%。\n部门单位在预算安排执行过程中"
    )


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1. 部门主要职能\n\n坚持党的全面领导", "1. 部门主要职能\n坚持党的全面领导"),
        ("一、基本概况：\n\n(一) 部门单位基本情况：", "一、基本概况:\n(一)部门单位基本情况:"),
        ("（1）管理制度健全性\n\n本单位从预算收支管理", "(1)管理制度健全性\n本单位从预算收支管理"),
        ("2. 预算调整情况\n\n我单位年初批复预算数", "2. 预算调整情况\n我单位年初批复预算数"),
        ("支出情况，其中：\n1.基本支出76.36万元", "支出情况,其中:\n1.基本支出76.36万元"),
    ],
)
def test_heading_line_is_not_joined_to_the_next(raw, expected):
    assert norm(raw).text == expected


def test_a_label_cut_by_the_line_end_is_joined() -> None:
    # 偏差 / 原因: the line's last words start the next line's label (偏差原因), which is read then
    assert norm("效益。偏差\n原因：目标值过低").text == "效益。偏差原因:目标值过低"
    # a label of its own after a finished sentence stays a line of its own
    assert norm("效益。\n原因：目标值过低").text == "效益。\n原因:目标值过低"
    assert norm("效益。主要\n原因：目标值过低").text == "效益。主要\n原因:目标值过低"


def test_line_before_a_heading_is_not_joined_to_it():
    assert norm("具体内容如下\n\n1.年初预算安排情况").text == "具体内容如下\n1.年初预算安排情况"


def test_bullets_are_dropped_and_each_starts_a_line():
    n = norm("- 1、民生领域的各类涉民津补贴\n- 2、各项指标的设置")
    assert n.text == "1、民生领域的各类涉民津补贴\n2、各项指标的设置"
    assert n.span(0, 1).text == "1"
    assert n.span(0, 1).start == 2


def test_table_rows_are_not_joined():
    raw = "项目 | 预算数 |\n\n合计 | 100 |"
    assert norm(raw).text == "项目 | 预算数 |\n合计 | 100 |"


@pytest.mark.parametrize(
    "marker", ["- 3 -", "— 12 —", "第 3 页 共 9 页", "第3页", "共 9 页 第 3 页", "Page 3 of 9"]
)
def test_page_number_lines_are_dropped_and_the_sentence_joined(marker):
    n = norm(f"全年执行数为4248.11\n{marker}\n万元，执行率96.41%。")
    assert n.text == "全年执行数为4248.11万元,执行率96.41%。"


def test_a_bare_number_line_is_kept():  # a table cell or a form's value, not only a page number
    text = norm("实有人数\n21\n退休人数\n4").text
    assert regex.sub(r"\s", "", text) == "实有人数21退休人数4"


def test_blank_lines_disappear():
    assert norm("\n\n附件 4:\n\n\n").text == "附件4:"


# --------------------------------------------------------------------------- the map back


@pytest.mark.parametrize(
    "raw",
    [
        "９６.４１％",
        "４４０６.０９ 万元（调整后）：合计",
        "执行金额119.39\n\n万元。主要用于",
        "年中监控实\n\n际完成值为 94.57%",
        "- 1、民生领域\n- 2、各项指标",
        "人员经费 2851.15 2851.15 100%\n公用经费 86.93 86.93 100%",
        "\r\n  填报时间：２０２５ 年 03 月 05 日  \n",
    ],
)
def test_every_normalized_char_maps_to_its_original(raw):
    assert_maps_back(norm(raw))


def test_span_of_a_joined_number_covers_the_break():
    raw = "执行金额119.39\n\n万元。"
    n = norm(raw)
    start = n.text.index("119.39")
    end = start + len("119.39万元")
    span = n.span(start, end)
    assert span.text == "119.39\n\n万元"
    assert (span.start, span.end) == (raw.index("119"), raw.index("元") + 1)
    assert span.line == 1


def test_span_of_a_spaced_amount_gives_original_text_and_line():
    raw = "第一行。\n我单位年初预算数为 4406.09 万元。"
    n = norm(raw)
    i = n.text.index("4406.09万元")
    span = n.span(i, i + len("4406.09万元"))
    assert span.text == "4406.09 万元"
    assert raw[span.start : span.end] == span.text
    assert span.line == 2
    assert span.page == 1


def test_pages_from_form_feeds():
    raw = "第一页内容。\f第二页内容。"
    doc = Document(path="t.txt", format="text", text=raw, page_starts=[0, raw.index("\f") + 1])
    n = normalize(doc)
    i = n.text.index("第二页")
    assert n.span(i, i + 3).page == 2
    assert n.span(0, 1).page == 1


def test_seed_maps_back_char_by_char(seed_path):
    n = normalize(read(seed_path))
    assert_maps_back(n)
    lines = n.original.split("\n")
    for i in range(0, len(n.text), 7):
        span = n.span(i, i + 1)
        line_start = sum(len(line) + 1 for line in lines[: span.line - 1])
        assert lines[span.line - 1][span.start - line_start] == span.text


def _norm(text: str) -> str:
    return normalize(Document(path="t.txt", format="text", text=text)).text


def test_a_running_header_beside_the_page_numbers_of_a_copied_pdf_is_dropped() -> None:
    """Text copied out of a PDF viewer: each page break leaves the running header and the page
    number between the halves of a sentence ('综合执' / header / '- 2 -' / '法办公室')."""
    text = (
        "某某街道2024年度部门整体支出绩效自评报告\n下设8个处室，分别是：综合协调办公室、综合执\n"
        "某某街道办事处\n- 2 -\n法办公室、社区。年初预算数为\n某某街道办事处\n- 3 -\n4344.18万元。\n"
    )
    assert _norm(text).splitlines()[1:] == [
        "下设8个处室,分别是:综合协调办公室、综合执法办公室、社区。年初预算数为4344.18万元。"
    ]


def test_a_header_beside_one_page_number_only_is_text() -> None:
    text = "一、基本情况\n某某街道办事处\n- 2 -\n年初预算数为100万元。\n"
    assert "某某街道办事处" in _norm(text)


def test_a_units_name_wrapped_after_its_label_is_joined() -> None:
    lines = _norm(
        "部门单位名称（公章）：某某高新技术产业开发区(某某市新市区)石\n油新村片区管理委员会\n"
    ).splitlines()
    assert lines == ["部门单位名称(公章):某某高新技术产业开发区(某某市新市区)石油新村片区管理委员会"]
    assert _norm("时效性：有效\n某某县水利局\n").splitlines() == ["时效性:有效", "某某县水利局"]


# A one-line table wrapped at the page width (pdfium's copy of b01): the wrap cuts 质量指 / 标 and
# 效果明 / 显; the first is a label of the vocabulary, so the page's width is that line's, and the
# second line, as wide, is wrapped too. A line ending with a space was cut between two cells.
WRAPPED_TABLE = (
    "产出指标(50分) 数量指标 基建工程委托业务项目数量 ≥50个 50 8 8 质量指\n"
    "标 委托业务报告合格率 ≥100百分比 100 8 8 经费支出合规性 严格执行 效果明\n"
    "显 达成预期指标 10 10"
)


def test_a_one_line_table_wrapped_at_the_page_width_is_one_line_again() -> None:
    n = norm(WRAPPED_TABLE)
    assert n.text == WRAPPED_TABLE.replace("\n", "")
    assert sorted(n.wraps) == [n.text.index("标 委托"), n.text.index("显 达成")]
    assert_maps_back(n)


def test_a_wrapped_table_line_ending_between_cells_is_not_joined() -> None:
    n = norm(WRAPPED_TABLE.replace("效果明\n显 达成", "效果明显 \n达成"))
    assert n.text.count("\n") == 1 and n.text.endswith("效果明显\n达成预期指标 10 10")


def test_a_narrower_line_after_a_wrapped_one_is_not_joined() -> None:
    n = norm(WRAPPED_TABLE.replace("严格执行 效果明", "效果明"))
    assert n.text.endswith("效果明\n显 达成预期指标 10 10")


def test_a_gap_after_a_decimal_point_in_a_clause_is_closed() -> None:
    # a document site's text of a Word report: '32. 6万元' is 32.6万元, never 32 and 6万元
    assert norm("预算32. 6万元,使用率96. 47%。").text == "预算32.6万元,使用率96.47%。"
    # a list's number at a clause's start keeps its gap
    assert norm("主要工作如下:1. 2023年完成改造").text == "主要工作如下:1. 2023年完成改造"


def test_one_gap_between_figures_in_a_paragraph_on_one_line_is_no_table_row() -> None:
    from extractor.normalize import is_tabular

    paragraph = (
        "根据市财政局关于开展2022年度单位自评工作的通知(浔财绩2023 1号)要求,对我处项目支出绩效进 行了自评,"
        "现将情况报告如下:一、本部门项目绩效目标情况,我处2022年度共有5个项目,预算1280万元,"
        "全年实际支付1280万元,使用率100%。"
    )
    assert not is_tabular(paragraph)
    assert is_tabular(paragraph.replace("1280万元,全年", "1280 1280万元,全年"))  # two gaps: a row
    assert is_tabular("支出合计 12.50 10.20")
