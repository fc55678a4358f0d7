"""read/wrapped.py: one row of a narrow table copied in fragments, cut into its cells by what each
cell can be (a name, a figure, a text), how a wrapped cell fills its lines, and the weight/score
arithmetic; a row the readings disagree on is not cut."""

from __future__ import annotations

from extractor.read.wrapped import Atom, row_cells


def _atoms(text: str) -> list[Atom]:
    return [Atom(a, j == 0) for line in text.split("\n") for j, a in enumerate(line.split(" "))]


def _cut(text: str, values: int = 2, reason: bool = True) -> list[str | None] | None:
    atoms = _atoms(text)
    found = row_cells(atoms, values, reason)
    if found is None:
        return None
    spans = [found.name, *found.values, found.weight, found.score, found.reason]
    return [None if s is None else "".join(a.text for a in atoms[s[0] : s[1]]) for s in spans]


def test_a_unit_stays_with_its_figure() -> None:
    """'≥120' | '公里125公里' would be a text opening with a unit cut from its figure."""
    cut = _cut("养护里\n程\n≥120\n公里\n125 公\n里\n15 15")
    assert cut == ["养护里程", "≥120公里", "125公里", "15", "15", None]


def test_a_cell_ends_where_its_next_line_would_have_fitted() -> None:
    """'前' / '按时完' / '成' is no cell: '按' fits beside '前'; so the target ends at '前'."""
    cut = _cut("完成时\n间\n2023 年\n12 月底\n前\n按时完\n成\n10 10")
    assert cut == ["完成时间", "2023年12月底前", "按时完成", "10", "10", None]


def test_spaces_between_chinese_fragments_are_line_breaks() -> None:
    cut = _cut("群众出 行便利 度\n明显提 升\n明显提 升\n30 28 部分路\n段仍待\n改善")
    assert cut == ["群众出行便利度", "明显提升", "明显提升", "30", "28", "部分路段仍待改善"]


def test_a_cell_of_one_line_has_the_next_beside_it() -> None:
    """'性' alone as the target would have '及时' on its line: the name is 费用结算及时性."""
    assert _cut("费用结\n算及时\n性\n及时 及时 20 20") == ["费用结算及时性", "及时", "及时", "20", "20", None]


def test_without_a_reason_column_the_row_ends_at_its_score() -> None:
    atoms = _atoms("管护面积 ≥50 万平\n方米\n52 万平方\n米\n20 20\n效益 生态效益 绿化覆盖\n率\n≥40% 41% 30")
    found = row_cells(atoms, 2, False)
    assert found is not None and found.end == 9 and found.reason is None
    assert "".join(a.text for a in atoms[slice(*found.values[0])]) == "≥50万平方米"


def test_a_score_above_its_weight_is_no_pair() -> None:
    assert _cut("养护里\n程\n≥120\n公里\n125 公\n里\n15 16") is None


def test_readings_that_disagree_on_the_name_cut_nothing() -> None:
    """Four texts before the figures make three cells more than one way (the name 甲乙 or 甲乙丙丁):
    the row is not cut; three make them one way."""
    assert _cut("甲乙 丙丁 戊己 庚辛 10 10", reason=False) is None
    assert _cut("甲乙 丙丁 戊己 10 10", reason=False) == ["甲乙", "丙丁", "戊己", "10", "10", None]
