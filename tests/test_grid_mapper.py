"""The template mapper (fields/mapper/) on grids recovered from pipe rows: budget blocks whose
execution weight or row label is only implied by the header, and targets in words."""

from __future__ import annotations

from decimal import Decimal

from extractor.fields.mapper import TableResult, read_tables
from extractor.normalize import as_written
from extractor.read.text import text_document


def _read(*rows: str) -> TableResult:
    doc = text_document("t.txt", "项目支出绩效自评表\n" + "\n".join(rows) + "\n")
    return read_tables(doc.tables, as_written(doc))


def _fields(*rows: str) -> dict[str, object]:
    return {k: v.value for k, v in _read(*rows).fields.items()}


def _indicators(*rows: str) -> list[tuple[object, object, object]]:
    return [
        (i.name.value, i.target.value if i.target else None, i.actual.value if i.actual else None)
        for i in _read(*rows).indicators
    ]


def test_the_execution_weight_stated_in_the_header_note():
    fields = _fields(
        "预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |",
        "年度财政资金总额 | 200 | 195.5 | 97.75% | 19.55 |",
    )
    assert fields["budget.execution_weight"] == Decimal("20")
    assert fields["budget.execution_score"] == Decimal("19.55")
    assert fields["budget.executed"] == Decimal("1955000")


def test_a_weight_column_wins_over_no_note():
    fields = _fields(
        "项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
        "年度资金总额 | 100 | 120 | 114 | 10 | 95% | 9.5 |",
    )
    assert fields["budget.execution_weight"] == Decimal("10")


def test_no_weight_from_a_note_when_the_block_scores_nothing():
    fields = _fields(
        "预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) |",
        "年度财政资金总额 | 200 | 195.5 | 97.75% |",
    )
    assert "budget.execution_weight" not in fields
    assert fields["budget.execution_rate"] == Decimal("97.75")


def test_the_one_row_under_a_header_with_no_label_is_the_total():
    fields = _fields(
        "部门预算执行情况(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 执行率(%) | 执行率权重 "
        "| 执行率得分(分) |",
        " | 380 | 400 | 304 | 76% | 10 | 7.6 |",
    )
    assert fields["budget.executed"] == Decimal("3040000")
    assert fields["budget.execution_rate"] == Decimal("76")
    assert fields["budget.execution_score"] == Decimal("7.6")


HEADER = "一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |"


def test_a_target_in_words_listing_short_clauses():
    rows = _indicators(
        HEADER,
        "产出指标 | 数量指标 | 完成宣传片制作 | 完成1部宣传片,2套方案 | 完成1部宣传片,2套方案 | 10 |",
        "产出指标 | 时效指标 | 按期完成 | 6月份完成制作;9月份完成文本 | 完成 | 10 |",
    )
    assert rows == [
        ("完成宣传片制作", "完成1部宣传片,2套方案", "完成1部宣传片,2套方案"),
        ("按期完成", "6月份完成制作;9月份完成文本", "完成"),
    ]


def test_a_sentence_in_the_target_column_is_no_target():
    rows = _indicators(
        HEADER,
        "产出指标 | 数量指标 | 完成宣传片制作 | 今年我们按照计划完成了宣传片的制作工作。 | 完成 | 10 |",
    )
    assert rows == [("完成宣传片制作", None, None)]


HAINAN = (
    "一级指标 | 二级指标 | 三级指标 | 指标性质 | 年度指标值 | 度量单位 | 实际完成值 | 完成率 | 分值 | 得分 |",
    "产出指标 | 数量指标 | 资助困难教师及学生 |  | 52 |  | 10 | 19.23% | 20.00 | 3.85 |",
    "效益指标 | 社会效益指标 | 帮助提高生活水平 | ≥ | 95 | % | 100 | 100.00% | 30.00 | 30 |",
    "合计 |  |  |  |  |  |  |  | 100.00 | 46.35 |",
)


def test_an_empty_operator_cell_before_a_bare_target_is_equal():
    first, second = _read(*HAINAN).indicators
    assert first.target_op.value == "=" and first.target.value == 52
    assert second.target_op.value == ">="


def test_the_completion_rate_column_is_read():
    first, second = _read(*HAINAN).indicators
    assert first.completion_rate.value == Decimal("19.23")
    assert second.completion_rate.value == Decimal("100.00")


def test_the_sum_row_under_the_indicators_gives_total_weight_and_score():
    fields = _fields(*HAINAN)
    assert fields["evaluation.total_weight"] == Decimal("100.00")
    assert fields["evaluation.total_score"] == Decimal("46.35")


def test_a_sum_row_with_a_score_above_its_weight_gives_nothing():
    fields = _fields(*HAINAN[:-1], "合计 |  |  |  |  |  |  |  | 46.35 | 100.00 |")
    assert "evaluation.total_weight" not in fields and "evaluation.total_score" not in fields


def _drawn(rows: list[list[str]], source: str = "docx") -> TableResult:
    """A grid as a Word table gives it (each string a cell of its own column)."""
    from extractor.grid import Cell, build_table
    from extractor.normalize import NormText

    cells = [[Cell(row=r, col=c, text=t) for c, t in enumerate(row)] for r, row in enumerate(rows)]
    text = "x"
    return read_tables([build_table(cells, source)], NormText(text, [0, 1], text, [0], [0]))


SENTENCES = [
    ["二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["成本指标", "项目成本控制在预算内", "本着节约的原则，控制在预算中。", "100%", "5", "5"],
    ["社会效益指标", "河道安全、防洪达标，群众受益", "减少汛期险情，保障沿岸安全", "效果明显", "15", "15"],
]


def test_sentences_in_the_cells_of_a_drawn_grid_are_its_values():
    first, second = _drawn(SENTENCES).indicators
    assert first.target.value == "本着节约的原则，控制在预算中。" and first.target_op.value == "text"
    assert second.name.value == "河道安全、防洪达标，群众受益"
    assert (second.target.value, second.actual.value, second.score.value) == (
        "减少汛期险情，保障沿岸安全", "效果明显", 15,
    )  # fmt: skip


def test_sentences_in_a_recovered_row_with_every_cell_in_place_are_its_values():
    first, second = _drawn(SENTENCES, source="text").indicators
    assert first.target.value == "本着节约的原则，控制在预算中。"
    assert second.name.value == "河道安全、防洪达标，群众受益"
    assert second.target.value == "减少汛期险情，保障沿岸安全"


def test_sentences_in_a_recovered_row_short_of_a_cell_may_have_shifted_and_are_left_out():
    short = [SENTENCES[0], SENTENCES[1][:-1], SENTENCES[2][:-1]]  # no 得分 cell: a blank one lost
    result = _drawn(short, source="text")
    assert [i.name.value for i in result.indicators] == ["项目成本控制在预算内"]
    assert result.indicators[0].target is None


def test_a_key_value_stands_beside_its_label_and_is_no_label_itself():
    """资金使用单位 over two rows (a grid recovered from a text whose cells were out of order): the
    cell beside it is a column header (全年执行数(B)), the one in its second row beside the label's
    merge only; neither is the unit. 实施单位 beside its value in its own row is read."""
    from extractor.grid import Cell, build_table
    from extractor.normalize import NormText

    cells = [
        [Cell(row=0, col=0, rowspan=2, text="资金使用单位"), Cell(row=0, col=1, text="全年执行数(B)")],
        [Cell(row=1, col=1, text="未完成原因和改进措施")],
        [Cell(row=2, col=0, text="实施单位"), Cell(row=2, col=1, text="某县第一中学")],
    ]
    text = "x"
    result = read_tables([build_table(cells, "text")], NormText(text, [0, 1], text, [0], [0]))
    assert result.fields["report.unit_name"].value == "某县第一中学"
    cells[2] = [Cell(row=2, col=0, text="项目名称"), Cell(row=2, col=1, text="医疗救助")]
    result = read_tables([build_table(cells, "text")], NormText(text, [0, 1], text, [0], [0]))
    assert "report.unit_name" not in result.fields


def test_a_recovered_score_spread_over_an_empty_reason_column_is_the_score():
    """A gap-cut row ending with its score (its 偏差原因 left empty) spreads the score over the
    reason column: a figure there is the score's; a reason stays words."""
    gap = "  "
    result = _read(
        gap.join(
            ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分", "偏差原因"]
        ),
        gap.join(["产出指标", "数量指标", "抽检批次", "15", "≥1200批次", "1236批次", "15"]),
        gap.join(["满意度指标", "满意度指标", "群众满意度", "10", "≥90%", "88%", "9", "宣传不足。"]),
    )
    assert [(i.weight.value, i.score.value) for i in result.indicators] == [
        (Decimal(15), Decimal(15)),
        (10, 9),
    ]
    assert result.indicators[1].deviation_reason.value == "宣传不足。"


def test_level_cells_left_empty_under_a_group_take_its_levels():
    """A tab copy keeps a merge's covered cells as empty ones (hlj-daoli): an empty 一级 cell is the
    group's above; an empty 二级 too, but only under the same 一级; a 填报人 line ends the rows."""
    tab = "\t"
    result = _read(
        tab.join(["一级指标", "二级指标", "三级指标", "分值", "实际完成值", "年度指标值", "得分"]),
        tab.join(["产出指标", "数量指标", "新建农田面积", "15", "1.25万亩", "≥1.2万亩", "15"]),
        tab.join(["", "", "免疫密度", "10", "100%", "≥90%", "10"]),
        tab.join(["", "质量指标", "验收合格率", "10", "100%", "100%", "10"]),
        tab.join(["效益指标", "社会效益指标", "受益农户数", "10", "3,260户", "≥3000户", "10"]),
        "",
        "填报人：王丽\t\t联系电话：0451-84610000",
    )
    levels = [(i.name.value, i.level1.value, i.level2.value) for i in result.indicators]
    assert levels == [
        ("新建农田面积", "产出指标", "数量指标"),
        ("免疫密度", "产出指标", "数量指标"),
        ("验收合格率", "产出指标", "质量指标"),
        ("受益农户数", "效益指标", "社会效益指标"),
    ]
    assert result.indicators[1].target.value == 90 and result.indicators[1].actual.value == 100


SIDEWAYS = [
    ["资金情况（万元）", "年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"],
    ["年初预算数", "100", "80", "10", "10"],
    ["全年预算数", "120", "95", "15", "10"],
    ["全年执行数", "114", "90", "15", "9"],
    ["执行率", "95%", "94.74%", "100%", "90%"],
]


def test_a_budget_block_written_sideways_reads_as_its_rows():
    fields = {k: v.value for k, v in _drawn(SIDEWAYS).fields.items()}
    assert fields["budget.initial"] == Decimal("1000000")
    assert fields["budget.adjusted"] == Decimal("1200000")
    assert fields["budget.executed"] == Decimal("1140000")
    assert fields["budget.execution_rate"] == Decimal("95")
    assert fields["budget.funds.current.adjusted"] == Decimal("950000")
    assert fields["budget.funds.carryover.executed"] == Decimal("150000")
    assert fields["budget.funds.other.initial"] == Decimal("100000")


def test_a_sideways_block_in_markdown_drops_its_delimiter_rows():
    fields = _fields(
        "| 资金情况（万元） | 年度资金总额 | 财政资金 | 其他资金 |",
        "|:---|---:|---:|---:|",
        "| 年初预算数 | 850.00 | 800.00 | 50.00 |",
        "| 全年预算数 | 920.00 | 870.00 | 50.00 |",
        "| 全年执行数 | 883.20 | 833.20 | 50.00 |",
    )
    assert fields["budget.adjusted"] == Decimal("9200000")
    assert fields["budget.funds.current.executed"] == Decimal("8332000")
    assert fields["budget.funds.other.executed"] == Decimal("500000")


FISCAL = [
    "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 |",
    "年度资金总额 | 850 | 920 | 883.2 |",
    "财政资金 | {fiscal} | 870 | 833.2 |",
    "其他资金 | 50 | 50 | 50 |",
]


def test_a_fiscal_row_is_the_current_row_when_the_rows_add_up_to_the_total():
    fields = _fields(*(row.format(fiscal="800") for row in FISCAL))
    assert fields["budget.funds.current.initial"] == Decimal("8000000")
    assert fields["budget.funds.other.adjusted"] == Decimal("500000")


def test_a_fiscal_row_that_leaves_part_of_the_total_unstated_leaves_every_fund_unread():
    fields = _fields(*(row.format(fiscal="790") for row in FISCAL))  # 790 + 50 is not 850
    assert fields["budget.initial"] == Decimal("8500000")
    assert not [k for k in fields if k.startswith("budget.funds.")]


def test_sources_rows_are_not_funds_rows():
    fields = _fields(
        "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 |",
        "年度资金总额 | 850 | 920 | 883.2 |",
        "中央财政资金 | 800 | 870 | 833.2 |",
        "其他资金 | 50 | 50 | 50 |",
    )
    assert fields["budget.adjusted"] == Decimal("9200000")
    assert not [k for k in fields if k.startswith("budget.funds.")]


def test_an_actual_in_words_beside_a_numeric_target_is_read_as_written():
    rows = [
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["新建全民健身中心数量", "1个", "建设中", "10", "6"],
        ["健身步道长度", "3公里", "米", "10", "10"],  # a unit fragment is no actual
    ]
    first, second = _drawn(rows).indicators
    assert (first.target.value, first.actual.value) == (Decimal("1"), "建设中")
    assert second.target.value == Decimal("3") and second.actual is None


FRAGMENTS = [
    "项目",
    "资金",
    "（万",
    "元）",
    "",
    "{between}",
    "| | 年初预算数 | 全年预算数 | 全年执行数 |",
    "| 年度资金总额 | 90 | 90 | 89.974 |",
]


def test_the_unit_of_a_cell_wrapped_a_fragment_a_line_above_the_table():
    fields = _fields(*(line.format(between="") for line in FRAGMENTS))
    assert (fields["budget.initial"], fields["budget.executed"]) == (Decimal("900000"), Decimal("899740"))


def test_no_unit_from_fragments_parted_from_the_table_by_a_longer_line():
    fields = _fields(*(line.format(between="年度总体目标：完成委托业务") for line in FRAGMENTS))
    assert "budget.initial" not in fields


def test_funds_rows_under_a_grouping_phrase_are_read_by_the_label_after_it():
    """部门整体 tables break the money down twice, 按收入性质分：财政拨款 / 其他资金 and
    按支出性质分：基本支出 / 项目支出: each row is read by the label after the phrase."""
    fields = _fields(
        "年度预算执行情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
        "年度资金总额 | 1498.2 | 1545.5 | 1519 | 10 | 98.29% | 9.83 |",
        "按收入性质分：财政拨款 | 1486.2 | 1533.5 | 1507 | | | |",
        "其他资金 | 12 | 12 | 12 | | | |",
        "按支出性质分：基本支出 | 1093.8 | 1105.3 | 1104.6 | | | |",
        "项目支出 | 404.4 | 440.2 | 414.4 | | | |",
    )
    assert fields["budget.funds.current.adjusted"] == Decimal("15335000")
    assert fields["budget.funds.other.executed"] == Decimal("120000")
    assert fields["budget.basic.budget"] == Decimal("11053000")
    assert fields["budget.project.executed"] == Decimal("4144000")
