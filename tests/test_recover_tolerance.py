"""Labels of the text recovery matched with one character wrong, missing or extra
(read/recover/vocabulary.py, as fields/labels.py matches a grid's labels)."""

from __future__ import annotations

from extractor.fields.stream.pieces import Piece, _is_label
from extractor.read.recover.model import Piece as Cell
from extractor.read.recover.pieces import join_words
from extractor.read.recover.vocabulary import exact_role, role


def test_a_label_one_character_wrong_has_its_role() -> None:
    assert role("年初预箅数") == "col:initial"
    assert role("三级指杯") == "col:name"
    assert role("实际完戍值(B)") == "col:actual"
    assert role("年度资金总頟:") == "funds"
    assert role("项目名祢") == "key"


def test_no_tolerance_for_short_words_figures_levels_or_joins() -> None:
    assert role("执衍数") is None  # three characters: as written only
    assert role("2023年初预算数") is None  # a digit: never a label
    assert role("质量达标") is None  # a value one character from the level name 质量指标
    assert exact_role("年初预箅数") is None  # pieces are joined into a word as written only
    assert exact_role("偏差原因分析及改进措施优") is None


def test_a_stream_piece_one_character_from_a_label_is_a_label() -> None:
    assert _is_label(Piece(0, 5, "全年执衍数", 0))
    assert not _is_label(Piece(0, 4, "按时完成", 0))


def test_pieces_are_joined_by_the_words_as_written() -> None:
    """实际完成 is one character from 实际完成值, yet no word of its own when pieces are joined:
    实际完成 / 指标值(B) is one header cell (the 得分 column stood one column off so)."""
    cells = [Cell(t, k * 10, k * 10 + len(t), k, k) for k, t in enumerate(["实际完成", "指标值(B)", "分值"])]
    assert [c.text for c in join_words(cells)] == ["实际完成指标值(B)", "分值"]


def test_a_glued_line_is_cut_at_labels_written_one_character_wrong() -> None:
    """An OCR run-on (a document site's text of a scanned 自评表): the labels written one character
    wrong inside the stretches between its exact labels are cells of their own, and a misread note
    (',A、' for '(A)') is dropped, so the budget header is one run of column labels."""
    from extractor.fields.stream import build
    from extractor.fields.stream.cutting import table_lines
    from extractor.models import Document
    from extractor.normalize import normalize

    def lines(text: str) -> list:
        norm = normalize(Document(path="t.txt", format="text", text=text))
        return [c for _, cells, _ in table_lines(norm) for c in cells]

    text = (
        "项目名称初中公用经费主管部门银川市教育局实施第位自评得分98年度资金总额"
        "年初预匏数调整预算将,A、全年执行数(B)执行率(B/A)64.864.864.8100%\n"
    )
    stream = lines(text)
    texts = [c.text for c in stream]
    assert texts[3:6] == ["银川市教育局", "实施第位", "自评得分"]
    assert texts[8:13] == ["年初预匏数", "调整预算将", "全年执行数(B)", "执行率(B/A)", "64.864.864.8100%"]
    assert build._header(stream, build.BUDGET_COLS, {"initial", "adjusted", "executed", "rate"}) == (8, 12)
    # a stretch holding no label one character wrong stays whole
    plain = "项目名称初中公用经费主管部门银川市教育局\n"
    assert [c.text for c in lines(plain)][-1] == "银川市教育局"
