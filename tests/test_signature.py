"""The unit that signs a report on its last lines, read when nothing else names it."""

from __future__ import annotations

from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document

BODY = (
    "城乡居民基本养老保险补助资金2022年度绩效自评报告\n"
    "一、基本情况\n全年缴费人数完成年初任务数的98%。\n"
    "二、绩效自评结果拟应用和公开情况\n自评结果将作为下一年度资金分配的参考。\n\n"
)


def _unit(text: str) -> str | None:
    return flatten(extract_document(text_document("r.txt", text))).get("report.unit_name")


def test_the_signer_before_the_date_is_the_unit() -> None:
    assert _unit(BODY + "锡林郭勒盟人力资源和社会保障局\n2023年4月27日\n") == "锡林郭勒盟人力资源和社会保障局"
    assert _unit(BODY + "某某县水利局（盖章）\n二〇二三年四月\n") == "某某县水利局"
    assert _unit(BODY + "某某县水利局\n") == "某某县水利局"


def test_a_third_party_or_a_sentence_at_the_end_is_no_signer() -> None:
    assert _unit(BODY + "某某会计师事务所\n2023年4月27日\n") is None
    assert _unit(BODY + "下一步将加强资金管理。\n2023年4月27日\n") is None


def test_the_title_names_the_unit_before_the_signer() -> None:
    titled = "某某县人社局2022年度" + BODY
    assert _unit(titled + "锡林郭勒盟人力资源和社会保障局\n2023年4月27日\n") == "某某县人社局"
