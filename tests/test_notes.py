"""A note after the table naming an indicator that fell short (fields/notes.py): its met, deviation
reason and improvement."""

from __future__ import annotations

from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document

TABLE = (
    "某县某项目2022年度项目支出绩效自评表\n"
    "一级指标\t二级指标\t三级指标\t年初目标值\t实际完成值\t得分\n"
    "产出指标\t数量指标\t种母猪（头）\t20\t20\t20\n"
    "效益指标\t经济效益指标\t年出栏商品猪（≥**头）\t300\t120\t4\n"
)


def _flat(text: str) -> dict:
    return flatten(extract_document(text_document("r.txt", text)))


def test_a_note_naming_an_indicator_gives_its_reason_and_next_step() -> None:
    flat = _flat(
        TABLE + "说明：年出栏商品猪未达到年初目标，主要原因是养殖场2022年10月方建成投产，存栏猪只尚未达到"
        "出栏周期；下一步将督促合作社扩大存栏规模，确保2023年达到设计出栏量。\n"
    )
    assert flat["indicators.2.met"] is False
    assert flat["indicators.2.deviation_reason"] == "养殖场2022年10月方建成投产，存栏猪只尚未达到出栏周期"
    assert flat["indicators.2.improvement"] == "督促合作社扩大存栏规模，确保2023年达到设计出栏量"
    assert "indicators.1.met" not in flat


def test_a_note_naming_no_indicator_of_the_table_gives_nothing() -> None:
    flat = _flat(TABLE + "说明：年出栏肉牛未达到年初目标，主要原因是饲料价格上涨。\n")
    assert not any(k.endswith(("met", "deviation_reason")) for k in flat)
