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
    assert _unit(BODY + "芦山县水利局\n20xx年3月10日\n") == "芦山县水利局"  # a copy's masked year


def test_a_third_party_or_a_sentence_at_the_end_is_no_signer() -> None:
    assert _unit(BODY + "某某会计师事务所\n2023年4月27日\n") is None
    assert _unit(BODY + "下一步将加强资金管理。\n2023年4月27日\n") is None


def test_the_title_names_the_unit_before_the_signer() -> None:
    titled = "某某县人社局2022年度" + BODY
    assert _unit(titled + "锡林郭勒盟人力资源和社会保障局\n2023年4月27日\n") == "某某县人社局"


FOOTER = (
    "\n【打印本页】 【关闭窗口】\n\n扫一扫在手机打开当前页\n\n网站声明 | 联系我们 | 网站地图\n"
    "主办：某市某区人民政府办公室　　宁ICP备05001234号\n"
)


def test_a_web_pages_footer_after_the_signature_hides_neither_it_nor_the_date() -> None:
    flat = flatten(
        extract_document(text_document("r.txt", BODY + "兴庆区住房和城乡建设局\n2022年10月20日\n" + FOOTER))
    )
    assert (flat["report.unit_name"], flat["report.filled_on"]) == ("兴庆区住房和城乡建设局", "2022-10-20")


def test_a_title_unit_running_on_into_the_project_gives_way_to_the_signer() -> None:
    """'…滨河家园垃圾转运站提升改造项目绩效自评报告': the 转运站 is what the project builds; the
    organisation signing the report is the unit. With a year between them the title's unit stands."""
    body = BODY.split("\n", 1)[1]
    glued = "银川市兴庆区月牙湖乡滨河家园垃圾转运站提升改造项目绩效自评报告\n" + body
    assert _unit(glued + "兴庆区住房和城乡建设局\n2022年10月20日\n") == "兴庆区住房和城乡建设局"
    assert _unit(glued) == "银川市兴庆区月牙湖乡滨河家园垃圾转运站"
    dated = "某某县水利局2022年度河道治理项目绩效自评报告\n" + body
    assert _unit(dated + "兴庆区住房和城乡建设局\n2022年10月20日\n") == "某某县水利局"
