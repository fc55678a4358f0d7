"""read/wrapped.py: one row of a narrow table copied in fragments, cut into its cells by what each
cell can be (a name, a figure, a text), how a wrapped cell fills its lines (its column at least
as wide as its header), where a top-aligned row's cells begin, and the weight/score arithmetic;
a row the readings disagree on is not cut."""

from __future__ import annotations

from extractor.read.wrapped import Atom, ceiling, figure_cells, row_cells, widest

# The columns of gd-road's indicator header from 三级指标 on: '三级指/标', '年度指/标值', '实际完/成值',
# '分值', '得分', '偏差原/因分析/及改进/措施' (half-em: a Chinese character is 2).
GD_ROAD = [6, 6, 6, 4, 4, 6]


def _atoms(text: str) -> list[Atom]:
    return [Atom(a, j == 0) for line in text.split("\n") for j, a in enumerate(line.split(" "))]


def _texts(atoms: list[Atom], spans: list) -> list[str | None]:
    return [None if s is None else "".join(a.text for a in atoms[s[0] : s[1]]) for s in spans]


def _cut(
    text: str,
    floors: list[int] = GD_ROAD,
    top: bool = True,
    reason: bool = True,
    ceilings: list[int] | None = None,
) -> list | None:
    atoms = _atoms(text)
    found = row_cells(atoms, 2, reason, floors, top, ceilings)
    if found is None:
        return None
    return _texts(atoms, [found.name, *found.values, found.weight, found.score, found.reason])


def test_a_header_cell_gives_its_column_s_least_width() -> None:
    assert (widest("偏差原\n因分析\n及改进\n措施"), widest("群众出 行便利 度"), widest("125 公")) == (6, 6, 5)


def test_a_header_cell_wrapped_gives_its_column_s_greatest_width() -> None:
    """'年度指' / '标值': 年度指标 (8) did not fit, so the column is at most 7 wide; a header on one line
    or with a line as wide as that (broken by hand) says nothing."""
    assert (ceiling("年度指\n标值"), ceiling("偏差原因分\n析及改进措\n施"), ceiling("三级指标")) == (7, 11, 0)
    assert ceiling("偏差原因\n分析及改进措施") == 0


def test_a_line_wider_than_its_column_is_two_lines_run_together() -> None:
    """The copy ran '行便利' / '度' and '明显提' / '升' together: in columns at most 7 wide (their
    headers '三级指' / '标', '年度指' / '标值') '明显提升' stands on two lines, so in a top-aligned row the
    next cell may begin on a line of its own."""
    text = "群众出\n行便利度\n明显提升\n明显提升\n30 28 部分路\n段仍待\n改善"
    assert _cut(text) is None
    cut = _cut(text, ceilings=[7, 7, 7, 0, 0, 7])
    assert cut == ["群众出行便利度", "明显提升", "明显提升", "30", "28", "部分路段仍待改善"]


def test_under_a_reason_column_a_row_ends_where_the_next_row_begins() -> None:
    """Two rows of one level (质量指标) in a table centred in its rows: the first row's reason is
    empty, the next row's name on a line of its own ('经费支出合规性' is no reason: '严格执行相' after
    it would open a row beside it, '关制度规定' would leave '达成预期' | '指标' cut)."""
    atoms = _atoms(
        "委托业务报告合\n格率 ≥100% 100% 8 8\n经费支出合规性 严格执行相\n关制度规定\n达成预期\n指标 8 8"
    )
    found = row_cells(atoms, 2, True, [8, 10, 8, 2, 2, 10], False)
    assert found is not None and found.end == 6 and found.reason is None
    assert _texts(atoms, [found.name, *found.values]) == ["委托业务报告合格率", "≥100%", "100%"]


def test_a_unit_stays_with_its_figure() -> None:
    """'≥120' | '公里125公里' and '≤1.7万' | '元1.6万元' would open a text with a unit cut from its figure."""
    assert _cut("养护里\n程\n≥120\n公里\n125 公\n里\n15 15") == [
        "养护里程",
        "≥120公里",
        "125公里",
        "15",
        "15",
        None,
    ]
    assert _cut("每公里\n养护成\n本\n≤1.7 万\n元\n1.6 万元 10 10")[1:3] == ["≤1.7万元", "1.6万元"]


def test_a_cell_ends_where_its_next_line_would_have_fitted() -> None:
    """'前' / '按时完' / '成' is no cell: '按' fits beside '前'; a date is never cut between the name
    and the target ('完成时间2023年' | '12月底前'); and in a top-aligned row the name '完成时' of one
    line would have '间' beside it."""
    cut = _cut("完成时\n间\n2023 年\n12 月底\n前\n按时完\n成\n10 10")
    assert cut == ["完成时间", "2023年12月底前", "按时完成", "10", "10", None]


def test_without_the_alignment_the_word_cut_settles_the_row() -> None:
    """Cells centred in their rows: by the widths, '完成时' | '间2023年12月底前' is as good a reading;
    it cuts the word 时间, so the row is read the other way."""
    assert _cut("完成时\n间\n2023 年\n12 月底\n前\n按时完\n成\n10 10", top=False) == [
        "完成时间",
        "2023年12月底前",
        "按时完成",
        "10",
        "10",
        None,
    ]


def test_spaces_between_chinese_fragments_are_line_breaks() -> None:
    cut = _cut("群众出 行便利 度\n明显提 升\n明显提 升\n30 28 部分路\n段仍待\n改善")
    assert cut == ["群众出行便利度", "明显提升", "明显提升", "30", "28", "部分路段仍待改善"]


def test_the_header_width_settles_a_short_last_line() -> None:
    """'性' as the target would leave '及时' / '及时' as the actual, but '及' fits beside '及时' in a
    column as wide as '实际/完成值' (its header): the name is 费用结算及时性, even unaligned."""
    cut = _cut("费用结\n算及时\n性\n及时 及时 20 20", floors=[6, 6, 6, 4, 4, 12], top=False)
    assert cut == ["费用结算及时性", "及时", "及时", "20", "20", None]
    # without the header's widths, '性' as the target cuts the word 及时性: the same row
    assert _cut("费用结\n算及时\n性\n及时 及时 20 20", floors=[], top=False) == cut


def test_without_a_reason_column_the_row_ends_at_its_score() -> None:
    atoms = _atoms("管护面积 ≥50 万平\n方米\n52 万平方\n米\n20 20\n效益 生态效益 绿化覆盖\n率\n≥40% 41% 30")
    found = row_cells(atoms, 2, False, [8, 6, 6, 4, 8], True)
    assert found is not None and found.end == 9 and found.reason is None
    assert _texts(atoms, found.values) == ["≥50万平方米", "52万平方米"]


def test_a_score_above_its_weight_is_no_pair() -> None:
    assert _cut("养护里\n程\n≥120\n公里\n125 公\n里\n15 16") is None


def test_readings_that_disagree_on_the_name_cut_nothing() -> None:
    """Four texts before the figures make three cells more than one way (the name 鑫淼 or 鑫淼焱),
    and no cut of either goes through a word of the dictionary (each character is a word alone)."""
    assert _cut("鑫淼 焱 垚犇 骉鱻 10 10", floors=[], top=False, reason=False) is None
    assert _cut("甲乙 丙丁 戊己 10 10", floors=[], top=False, reason=False) == [
        "甲乙",
        "丙丁",
        "戊己",
        "10",
        "10",
        None,
    ]


def test_a_cut_through_a_word_breaks_the_tie_between_readings() -> None:
    """The name 经费支出合规性 or 经费支出合规性严格执行相 (a PDF viewer's copy of proj-entrusted's
    table): the second cuts 相关 between the name and the target, so the first is the row."""
    row = "经费支出合规性 严格执行相\n关制度规定\n达成预期\n指标 8 8"
    assert _cut(row, floors=[8, 10, 8, 2, 2, 10], top=False) == [
        "经费支出合规性",
        "严格执行相关制度规定",
        "达成预期指标",
        "8",
        "8",
        None,
    ]
    # where no reading cuts a word, the tie stands and the row is not cut
    row = "提交报告及时性\n在项目计划\n完成时间内\n完成\n达成预期\n指标 8 7"
    assert _cut(row, floors=[8, 10, 8, 2, 2, 10], top=False) is None


BUDGET = ["amount", "amount", "amount", "score", "percent", "score"]


def _figures(text: str) -> list | None:
    atoms = _atoms(text)
    atoms[0] = Atom(atoms[0].text, False)  # beside its row's label
    found = figure_cells(atoms, BUDGET, [10, 10, 10, 4, 6, 4], True)
    return None if found is None else _texts(atoms, found)


def test_wrapped_amounts_are_joined_and_figures_side_by_side_are_not() -> None:
    """sh-putuo: '25000' / '0.00' is 250000.00, '86.19' / '%' the rate; '0 0' two cells."""
    assert _figures("25000\n0.00\n25000\n0.00\n215,4\n57.6\n10 86.19\n%\n8.62") == [
        "250000.00",
        "250000.00",
        "215,457.6",
        "10",
        "86.19%",
        "8.62",
    ]
    assert _figures("0 0 0 — — —") == ["0", "0", "0", "—", "—", "—"]


def test_a_dash_merged_over_the_columns_after_the_amounts_is_one_cell() -> None:
    assert _figures("25000\n0.00\n25000\n0.00\n21545\n7.6\n—") == ["250000.00", "250000.00", "215457.6", "—"]
    assert _figures("0 0 —") is None  # an amount missing: where the two stand is not known
