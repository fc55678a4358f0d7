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


ROWS = (
    "某县农村供水工程2023年度项目支出绩效自评表\n"
    "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
    "产出指标\t数量指标\t新建建筑面积\t≥20万㎡\t18.6万㎡\t10\t9.3\n"
    "产出指标\t时效指标\t年度建设任务完成率\t≥95%\t93%\t10\t9\n"
    "满意度指标\t服务对象满意度指标\t受益群众满意度\t≥90%\t88%\t10\t9\n"
    "满意度指标\t服务对象满意度指标\t入驻单位满意度\t≥90%\t92%\t10\t10\n"
)


def test_the_prose_stating_a_rows_actual_and_its_shortfall_gives_its_met() -> None:
    flat = _flat(
        ROWS + "三、绩效分析\n2022年度新建建筑面积18.6万㎡，未达到年度指标值20万㎡；年度建设任务完成率93%，"
        "未达到95%的目标。经对受益群众发放问卷调查，满意度为88%，未达到90%的预期目标。\n"
    )
    assert [flat.get(f"indicators.{n}.met") for n in (1, 2, 3, 4)] == [False, False, False, None]


def test_a_shortfall_stated_with_another_figure_or_fitting_two_rows_gives_nothing() -> None:
    other = _flat(
        ROWS + "三、绩效分析\n受益群众满意度为85%，未达到90%的目标。新建建筑面积18.6万m，未达到目标。\n"
    )
    assert not any(k.endswith(".met") for k in other)
    both = ROWS.replace("入驻单位满意度\t≥90%\t92%", "入驻单位满意度\t≥90%\t88%")
    assert not any(k.endswith(".met") for k in _flat(both + "三、绩效分析\n满意度为88%，未达到90%的目标。\n"))
    named = _flat(both + "三、绩效分析\n受益群众满意度为88%，未达到90%的目标。\n")
    assert named["indicators.3.met"] is False and "indicators.4.met" not in named


def test_a_shortfall_naming_the_row_in_other_words_gives_its_met() -> None:
    """改造农村公厕27座 for the row 农村公厕改造数量 (its content words, as cross.mention links them),
    with the row's actual and unit; another figure names no row."""
    rows = (
        "某县农村人居环境整治项目2023年度项目支出绩效自评表\n"
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
        "产出指标\t数量指标\t农村公厕改造数量\t≥30座\t27座\t10\t9\n"
        "产出指标\t质量指标\t工程验收合格率\t100%\t100%\t10\t10\n"
    )
    flat = _flat(rows + "三、绩效分析\n改造农村公厕27座，未达到30座的年度目标。\n")
    assert flat["indicators.1.met"] is False and "indicators.2.met" not in flat
    other = _flat(rows + "三、绩效分析\n改造农村公厕25座，未达到30座的年度目标。\n")
    assert "indicators.1.met" not in other


def test_a_shortfall_stated_with_the_rows_target_gives_its_met() -> None:
    """村集体经济收益未达到240万元的年度目标: the row's target after the shortfall words, its actual
    stated in the table only; a figure that is not the row's target names no row."""
    rows = (
        "某县仓储基地建设项目2023年度项目支出绩效自评表\n"
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
        "效益指标\t经济效益指标\t村集体经济年收益\t≥240万元\t216万元\t8\t7\n"
        "满意度指标\t服务对象满意度指标\t受益群众满意度\t≥90%\t95%\t10\t10\n"
    )
    flat = _flat(rows + "三、绩效分析\n因仓储基地11月方建成投用，村集体经济收益未达到240万元的年度目标。\n")
    assert flat["indicators.1.met"] is False and "indicators.2.met" not in flat
    other = _flat(rows + "三、绩效分析\n村集体经济收益未达到250万元的年度目标。\n")
    assert "indicators.1.met" not in other
