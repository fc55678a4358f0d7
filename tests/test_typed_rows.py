"""Indicator rows run together with every column of their header (a document site's text of a
Word form), read by the columns' types at least cost (extractor/fields/stream/typed.py)."""

from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.fields.stream.align import SKIP_COST
from extractor.fields.stream.cutting import _glued_rows_line
from extractor.fields.stream.pieces import IND_COLS
from extractor.fields.stream.typed import typed_rows

COLS = ["unit", "op", "target", "target_adjusted", "actual", "ratio", "weight", "score", "flag"]


def _read(text: str) -> tuple[list[dict[str, str]], int]:
    rows, reached = typed_rows(text, COLS, SKIP_COST)
    return [{k: text[a:b] for k, (a, b) in row.items()} for row in rows], reached


def test_weight_and_score_glued_are_told_apart_by_the_coefficient() -> None:
    rows, reached = _read("路灯完好率%定量指标100%96%100%1010是投诉处理次数次≤5次3次100%55否")
    assert reached == len("路灯完好率%定量指标100%96%100%1010是投诉处理次数次≤5次3次100%55否")
    assert rows == [
        {"name": "路灯完好率", "unit": "%", "op": "定量指标", "target": "100%", "actual": "96%"}
        | {"ratio": "100%", "weight": "10", "score": "10", "flag": "是"},
        {"name": "投诉处理次数", "unit": "次", "op": "≤", "target": "5次", "actual": "3次", "ratio": "100%"}
        | {"weight": "5", "score": "5", "flag": "否"},
    ]  # (the header's 指标性质 column holds an operator in other forms: ≤ is read there)


def test_blank_cells_and_words_doubled() -> None:
    rows, _ = _read("“三公”经费变动率%100%22否制度执行性性标定指好好100%33否")
    blank = {"name": "“三公”经费变动率", "unit": "%", "ratio": "100%", "weight": "2", "score": "2"}
    blank["flag"] = "否"
    assert rows[0] == blank
    assert (rows[1]["name"], rows[1]["target"], rows[1]["actual"]) == ("制度执行性", "好", "好")
    assert rows[1]["op"] == "性标定指"  # the vertical 定性指标, read across its lines


def test_reading_stops_where_no_row_agrees() -> None:
    text = "设备完好率%定量指标95%97%100%44否绩效指标"
    rows, reached = _read(text)
    assert [r["name"] for r in rows] == ["设备完好率"]
    assert text[reached:] == "绩效指标"
    # 50% x 10 = 5: the glued 105 is weight 10 and score 5, not weight 1 and score 05
    rows, _ = _read("群众满意度%定量指标90%85%50%105否")
    assert (rows[0]["weight"], rows[0]["score"], rows[0]["ratio"]) == ("10", "5", "50%")
    # 得分系数 is printed with every score: a row without it is not read
    assert _read("设备完好率%定量指标95%97%44否") == ([], 0)


def test_a_page_number_before_the_name_is_not_read_as_a_figure() -> None:
    rows, _ = _read("3、资产利用率%定量指标90%100%100%22否")
    assert rows[0]["name"] == "3、资产利用率"  # the mapper's name_prefix drops '3、'
    assert (rows[0]["target"], rows[0]["actual"]) == ("90%", "100%")


def test_scrambled_header_word() -> None:
    assert IND_COLS.role("年成值全完值") == "actual"  # 全年完成值 read across its lines, one 值 twice
    assert IND_COLS.role("完成值全年") == "actual"
    assert IND_COLS.role("指标一级") is None  # four characters: two broken pieces, never a word


def test_a_line_of_glued_rows_is_no_sentence() -> None:
    assert _glued_rows_line("3、信息公开性高高100%11否资产安全性好好100%22否资产利用率%定量指标90%")
    assert not _glued_rows_line("完成投资100万元，建成道路3公里，培训5次，覆盖2个乡镇。")


FORM = (
    "2023年度部门整体支出绩效自评表\n"
    "主管部门某县城市管理局自评总分(分)95\n"
    "指标名称计量单位指标性质年初指标值调整指标值全年完成值得分系数(%)指标权重(分)指标得分(分)是否核心指标"
    "路灯完好率%定量指标98%99%100%1010是垃圾清运量吨≥3000吨3120吨100%2020是\n"
    "2、绿地养护面积万平方米≥12万平方米12.5万平方米100%3030否群众满意度%定量指标90%85%50%105否\n"
)


def test_a_glued_form_reads_its_rows(tmp_path) -> None:
    path = tmp_path / "form.txt"
    path.write_text(FORM, encoding="utf-8")
    report = extract(path, "off")
    rows = [(i.name.value, i.weight.value, i.score.value) for i in report.indicators]
    assert rows == [
        ("路灯完好率", Decimal("10"), Decimal("10")),
        ("垃圾清运量", Decimal("20"), Decimal("20")),
        ("绿地养护面积", Decimal("30"), Decimal("30")),
        ("群众满意度", Decimal("10"), Decimal("5")),  # 50% x 10 = 5
    ]
    assert report.indicators[2].actual.value == Decimal("12.5")
