"""Tables flattened to text, recovered from their cell stream (extractor/fields/stream/)."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.fields.mapper import TableResult
from extractor.fields.stream import extract_tables
from extractor.models import Document, Indicator, Value
from extractor.normalize import NormText, normalize
from extractor.read import read

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"
TABLES = ["b01", "b03", "b05", "b06", "b08", "a06"]
PROSE = ["xj-street-2024", "a02", "a09"]
OWN_KEYS = ("report.project_name", "report.department", "report.unit_name")
OWN_ROOTS = ("budget.", "evaluation.", "indicators.")
TABLE_CHARS = (
    "一级二三指标产出效益满意度数量质量时效成本年初全预算执行率分值得总额"
    "项目名称主管部门实施单位:|()%≥≤= 0123456789.\n"
)


def _norm(name: str) -> NormText:
    return normalize(read(str(CORPUS / f"{name}.txt")))


def _flat(result: TableResult) -> dict[str, Any]:
    """The result as contract keys to plain values (a small stand-in for extractor.flat)."""
    out = {key: value.value for key, value in result.fields.items()}
    for i, ind in enumerate(result.indicators, 1):
        for name in Indicator.model_fields:
            value = getattr(ind, name)
            if isinstance(value, Value):
                out[f"indicators.{i}.{name}"] = value.value
    return out


def _same(got: Any, want: Any) -> bool:
    numbers = (int, float, Decimal)
    if isinstance(want, numbers) and not isinstance(want, bool):
        return isinstance(got, numbers) and Decimal(str(got)) == Decimal(str(want))
    return got == want


def _own(key: str) -> bool:
    return key in OWN_KEYS or key.startswith(OWN_ROOTS)


@pytest.fixture(scope="module")
def results() -> dict[str, TableResult]:
    return {name: extract_tables(_norm(name)) for name in TABLES}


@pytest.mark.parametrize("name", TABLES)
def test_gold_recall_and_no_wrong_values(name: str, results: dict[str, TableResult]) -> None:
    gold = json.loads((CORPUS / f"{name}.gold.json").read_text(encoding="utf-8"), parse_float=Decimal)
    got = _flat(results[name])
    keys = [k for k in gold if _own(k)]
    wrong = {k: (got[k], gold[k]) for k in keys if k in got and not _same(got[k], gold[k])}
    found = [k for k in keys if k in got and _same(got[k], gold[k])]
    assert not wrong, wrong
    assert len(found) >= 0.95 * len(keys), sorted(set(keys) - set(found))


@pytest.mark.parametrize("name", TABLES)
def test_every_value_has_its_span(name: str, results: dict[str, TableResult]) -> None:
    result = results[name]
    values = list(result.fields.values())
    for ind in result.indicators:
        values.extend(v for k in Indicator.model_fields if isinstance(v := getattr(ind, k), Value))
    for value in values:
        assert value.span is not None and value.span.text


def test_direct_values(results: dict[str, TableResult]) -> None:
    b01, b05, b06 = results["b01"], results["b05"], results["b06"]
    assert b06.indicators[2].score is not None and b06.indicators[2].score.value == 7
    first = b01.indicators[0]
    assert first.target is not None and first.target.value == 50
    assert first.target_op is not None and first.target_op.value == ">="
    assert b05.indicators[2].name is not None and b05.indicators[2].name.value == "项目(工程)验收合格率"


def test_span_points_into_the_original(results: dict[str, TableResult]) -> None:
    norm = _norm("b06")
    value = results["b06"].fields["budget.adjusted"]
    assert value.value == Decimal("387664.62") and value.span is not None
    assert value.span.text == "387664.62"
    assert norm.original[value.span.start : value.span.end] == "387664.62"


def test_amounts_keep_their_scale(results: dict[str, TableResult]) -> None:
    current = results["b01"].fields["budget.funds.current.adjusted"]
    assert current.value == Decimal("899740") and current.scale == 10000 and current.unit == "万元"
    assert current.decimals == 3


def test_glued_rows_are_segmented(results: dict[str, TableResult]) -> None:
    fields = results["b05"].fields
    assert fields["budget.execution_rate"].value == Decimal("100.00")
    assert fields["budget.funds.current.executed"].value == 200000
    assert fields["evaluation.total_score"].value == 100
    assert results["b05"].indicators[0].actual is None  # '≥266米' repeats the operator


@pytest.mark.parametrize("name", PROSE)
def test_prose_reports_have_no_table(name: str) -> None:
    norm = _norm(name)
    start = time.perf_counter()
    result = extract_tables(norm)
    assert time.perf_counter() - start < 1.0
    assert not result.fields and not result.indicators


def _run(text: str) -> TableResult:
    start = time.perf_counter()
    result = extract_tables(normalize(Document(path="fuzz.txt", format="text", text=text)))
    assert time.perf_counter() - start < 5.0
    return result


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_random_text_never_raises(text: str) -> None:
    _run(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=TABLE_CHARS, max_size=1500))
def test_table_like_text_never_raises(text: str) -> None:
    _run(text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(TABLES),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=200),
)
def test_cut_and_spliced_tables_never_raise(name: str, at: int, length: int) -> None:
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    at %= max(1, len(text))
    _run(text[:at] + text[at + length :] + text[at : at + length])


def test_a_header_role_found_only_on_its_second_row_never_raises() -> None:
    """b03 with two characters moved to its end (a case the test above found): the header row
    has no cell at a column whose role only the row below gives."""
    text = (CORPUS / "b03.txt").read_text(encoding="utf-8")
    _run(text[:343] + text[345:] + text[343:345])


def test_long_glued_digits_are_quick() -> None:
    header = "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分产出指标数量指标"
    _run("年初预算数全年预算数全年执行数年度资金总额:" + "1" * 79 + "%1" + header + "名称1010101010%10" * 300)


# --------------------------------------------------------------------------- wider templates

PROJECT_HEAD = "项目支出绩效自评表\n"
IND_HEADER = "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施".split()


def _flat_of(text: str) -> dict[str, Any]:
    """Flat values, numbers as plain strings without trailing zeros ('12500000.00' -> '12500000')."""
    flat = _flat(_run(text))
    return {k: (format(v.normalize(), "f") if isinstance(v, Decimal) else v) for k, v in flat.items()}


def test_tab_separated_rows_with_merged_cells() -> None:
    rows = [
        ["项目名称", "社区卫生服务补助资金"],
        ["主管部门", "某区卫生健康局", "实施单位", "某区疾控中心"],
        ["项目资金(万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "1,250.00", "1,180.50", "1,152.36", "10", "97.62%", "9.76"],
        ["", "其中:当年财政拨款", "1,250.00", "1,180.50", "1,152.36", "—", "—", "—"],
        ["", "上年结转资金", "", "", "", "—", "—", "—"],
        ["绩效指标", *IND_HEADER],
        ["", "产出指标", "数量指标", "接种人数", "≥8500人", "8120人", "10", "9.5", "失访较多"],
        ["", "", "", "资金拨付及时率", "100%", "100%", "5", "5", ""],
        ["总分", "", "", "", "", "", "100", "98.26", ""],
    ]
    flat = _flat_of(PROJECT_HEAD + "\n".join("\t".join(r) for r in rows) + "\n")
    assert flat["report.project_name"] == "社区卫生服务补助资金"
    assert flat["report.unit_name"] == "某区疾控中心"
    assert flat["budget.initial"] == "12500000" and flat["budget.executed"] == "11523600"
    assert flat["budget.execution_rate"] == "97.62" and flat["budget.execution_score"] == "9.76"
    assert flat["budget.funds.current.adjusted"] == "11805000"
    assert "budget.funds.carryover.initial" not in flat
    assert flat["indicators.1.name"] == "接种人数" and flat["indicators.1.level2"] == "数量指标"
    assert flat["indicators.1.target"] == "8500" and flat["indicators.1.actual"] == "8120"
    assert flat["indicators.1.score"] == "9.5" and flat["indicators.1.deviation_reason"] == "失访较多"
    assert flat["indicators.2.level1"] == "产出指标" and flat["indicators.2.weight"] == "5"
    assert flat["evaluation.total_score"] == "98.26"


def test_one_cell_per_line() -> None:
    cells = [
        "项目名称", "城乡居民医保补助资金", "主管部门", "某区医疗保障局",
        "项目资金", "(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
        "年度资金总额", "3,600.00", "3,650.00", "3,577.00", "10", "98.00%", "9.8",
        "其中:当年财政拨款", "3,600.00", "3,650.00", "3,577.00", "—", "—", "—",
        "绩效指标", *IND_HEADER,
        "产出指标", "数量指标", "参保人数", "≥52万人", "53.6万人", "15", "15",
        "效益指标", "社会效益指标", "就医负担", "有效减轻", "有效减轻", "20", "18", "自付费用仍然较高",
        "总分", "100", "97.8",
    ]  # fmt: skip
    flat = _flat_of(PROJECT_HEAD + "\n".join(cells) + "\n")
    assert flat["report.project_name"] == "城乡居民医保补助资金"
    assert flat["budget.adjusted"] == "36500000" and flat["budget.execution_score"] == "9.8"
    assert flat["budget.funds.current.executed"] == "35770000"
    assert flat["indicators.1.name"] == "参保人数" and flat["indicators.1.unit"] == "万人"
    assert flat["indicators.1.target_op"] == ">=" and flat["indicators.1.target"] == "52"
    assert flat["indicators.1.actual"] == "53.6" and flat["indicators.1.weight"] == "15"
    assert flat["indicators.2.target"] == "有效减轻" and flat["indicators.2.score"] == "18"
    assert flat["indicators.2.deviation_reason"] == "自付费用仍然较高"
    assert flat["evaluation.total_score"] == "97.8"


def test_units_not_listed_and_ratio_units() -> None:
    head = " ".join(IND_HEADER)
    rows = [
        "产出指标 数量指标 疫苗接种剂次 ≥120000剂次 126000剂次 10 10",
        "成本指标 单位面积改造成本 ≤520元/平方米 498元/平方米 10 10",
        "时效指标 完工时间 12月底 12月底 5 5",
    ]
    flat = _flat_of(PROJECT_HEAD + head + "\n" + "\n".join(rows) + "\n")
    assert flat["indicators.1.name"] == "疫苗接种剂次" and flat["indicators.1.unit"] == "剂次"
    assert flat["indicators.1.target"] == "120000" and flat["indicators.1.actual"] == "126000"
    assert flat["indicators.2.name"] == "单位面积改造成本" and flat["indicators.2.unit"] == "元/平方米"
    assert flat["indicators.2.target_op"] == "<=" and flat["indicators.2.target"] == "520"
    assert flat["indicators.2.actual"] == "498" and flat["indicators.2.score"] == "10"
    assert flat["indicators.3.target_op"] == "text" and flat["indicators.3.target"] == "12月底"


def test_grade_cell_and_department_unit_label() -> None:
    text = (
        "2023年度部门整体支出绩效自评表\n"
        "| 部门（单位）名称 | 某市自然资源和规划局 | | |\n"
        "| 绩效指标 | " + " | ".join(IND_HEADER) + " |\n"
        "| | 产出指标 | 数量指标 | 不动产登记办件量 | ≥18000件 | 19650件 | 90 | 85 | |\n"
        "| 总分 | | | | | | 100 | 95 | |\n"
        "| 自评等级 | 优 | | |\n"
    )
    flat = _flat_of(text)
    assert flat["report.unit_name"] == "某市自然资源和规划局"
    assert flat["evaluation.grade"] == "优" and flat["evaluation.total_score"] == "95"
    assert flat["indicators.1.target"] == "18000" and flat["indicators.1.unit"] == "件"
    assert _flat_of(text.replace("| 优 |", "| 优秀 |"))["evaluation.grade"] == "优"


def test_department_scoring_table_one_row_per_line() -> None:
    text = (
        "2023年度部门整体支出绩效自评表\n"
        "一级指标 二级指标 三级指标 指标解释 评分标准 分值 得分 扣分原因\n"
        "投入（15分） 预算编制 预算编制科学性 预算编制是否符合本部门职责。 编制科学得5分。 5 5\n"
        "重点支出安排率 重点项目支出占项目总支出的比重。 ≥90%得5分,每低1%扣0.5分。 5 4 部分资金安排不足\n"
        "过程（35分） 预算执行 预算执行率 部门预算实际支出与全年预算数的比率。 执行率×分值 10 9.7\n"
        "预算调整率 预算调整数与预算数的比率。 调整率≤5%得5分。 5 3 年中追加较多\n"
        "预算管理 管理制度健全性 是否制定相应的预算资金管理办法。 健全得5分。 5 5\n"
        "总分 100 94.7\n"
    )
    flat = _flat_of(text)
    assert flat["budget.execution_weight"] == "10" and flat["budget.execution_score"] == "9.7"
    names = [flat.get(f"indicators.{i}.name") for i in range(1, 6)]
    assert names == ["预算编制科学性", "重点支出安排率", "预算调整率", "管理制度健全性", None]
    assert flat["indicators.2.weight"] == "5" and flat["indicators.2.score"] == "4"
    assert flat["indicators.2.deviation_reason"] == "部分资金安排不足"
    # '3 年中追加较多' is glued by the normalizer ('3年中追加较多') and cut again where the source had a space
    assert flat["indicators.3.weight"] == "5" and flat["indicators.3.score"] == "3"
    assert flat["indicators.3.deviation_reason"] == "年中追加较多"
    assert "indicators.1.level1" not in flat  # 投入 is not a level name we know
    assert flat["evaluation.total_score"] == "94.7"


def test_execution_row_repeating_the_budget_block_is_dropped() -> None:
    text = (
        "项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
        "年度资金总额 100 100 97 10 97% 9.7\n"
        "三级指标 指标解释 分值 得分\n"
        "预算执行率 实际支出与预算数的比率 10 9.7\n"
        "预算执行率 实际支出与预算数的比率 10 8\n"
        "重点工作完成率 完成数与计划数的比率 20 19\n"
    )
    flat = _flat_of(text)
    assert flat["budget.execution_score"] == "9.7"
    assert flat["indicators.1.name"] == "预算执行率" and flat["indicators.1.score"] == "8"
    assert flat["indicators.2.name"] == "重点工作完成率" and "indicators.3.name" not in flat


def test_unreadable_line_keeps_its_name_and_the_numbering() -> None:
    head = "一级指标 二级指标 三级指标 指标性质 指标值 度量单位 实际完成值 分值 得分 偏差原因分析及改进措施"
    rows = [
        "效益指标 社会效益指标 受益人口 ≥ 1.8 万人口径 1.86 10 10",  # OCR noise in the unit cell
        "受益村数量 ≥ 12 个 12 10 10",
        "满意度指标 服务对象满意度指标 受益群众满意度 ≥ 90 % 94 10 10",
    ]
    flat = _flat_of(PROJECT_HEAD + head + "\n" + "\n".join(rows) + "\n")
    assert flat["indicators.1.name"] == "受益人口"
    assert not any(
        k.startswith("indicators.1.") and k != "indicators.1.name" for k in flat if "level" not in k
    )
    assert flat["indicators.2.name"] == "受益村数量" and flat["indicators.2.target"] == "12"
    assert flat["indicators.2.unit"] == "个" and flat["indicators.2.level2"] == "社会效益指标"
    assert flat["indicators.3.name"] == "受益群众满意度" and flat["indicators.3.actual"] == "94"


def test_unit_cells_with_a_magnitude() -> None:
    head = "三级指标 指标性质 指标值 度量单位 实际完成值 分值 得分"
    flat = _flat_of(PROJECT_HEAD + head + "\n受益人口\t≥\t1.8\t万人\t1.86\t10\t10\n")
    assert flat["indicators.1.name"] == "受益人口" and flat["indicators.1.unit"] == "万人"
    assert flat["indicators.1.target"] == "1.8" and flat["indicators.1.actual"] == "1.86"


def test_operator_after_the_value() -> None:
    head = "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    rows = (
        "| 满意度指标 | 服务对象满意度指标 | 受益农户满意度 | 90%以上 | 95% | 10 | 10 |\n"
        "| 产出指标 | 时效指标 | 办结时限 | 3天以内 | 2天 | 10 | 10 |\n"
        "| 产出指标 | 质量指标 | 合格率 | ≥90%以上 | 95% | 10 | 10 |\n"
    )
    flat = _flat_of(PROJECT_HEAD + head + rows)
    assert flat["indicators.1.name"] == "受益农户满意度" and flat["indicators.1.target_op"] == ">="
    assert flat["indicators.1.target"] == "90" and flat["indicators.1.actual"] == "95"
    assert flat["indicators.2.target_op"] == "<=" and flat["indicators.2.target"] == "3"
    assert flat["indicators.2.unit"] == "天" and flat["indicators.2.score"] == "10"
    # two operators: the target is left out, and the cell is never taken for a name
    assert flat["indicators.3.name"] == "合格率" and "indicators.3.target" not in flat
    assert flat["indicators.3.actual"] == "95"


def test_cell_per_line_with_wrapped_name_and_reason() -> None:
    cells = [
        "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
        "基本医保政策范围内住院", "费用支付比例", "≥60%", "61.5%", "15", "15",
        "参保群众就医负担", "有效减轻", "有效减轻", "20", "18", "部分大病患者自付", "费用仍然较高",
        "医保基金运行", "平稳可持续", "平稳可持续", "10", "10",
    ]  # fmt: skip
    flat = _flat_of(PROJECT_HEAD + "\n".join(cells) + "\n")
    assert flat["indicators.1.name"] == "基本医保政策范围内住院费用支付比例"
    assert flat["indicators.1.target"] == "60" and flat["indicators.1.score"] == "15"
    assert flat["indicators.2.deviation_reason"] == "部分大病患者自付费用仍然较高"
    assert flat["indicators.3.name"] == "医保基金运行" and flat["indicators.3.weight"] == "10"
    assert "indicators.4.name" not in flat


def test_spaced_rows_the_normalizer_reshaped() -> None:
    text = (
        "项目资金（万元）    年初预算数  全年预算数  全年执行数  分值  执行率  得分\n"
        "年度资金总额    800  800  768.5  10  96.06%  9.61\n"
        "其中：本年财政拨款    800  800  768.5  —  —  —\n"
        "上年结转资金    —  —  —  —  —  —\n"
        "其他资金    —  —  —  —  —  —\n"
        "年度总体目标  预期目标  实际完成情况\n"
        "三级指标  年度指标值  实际完成值  权重（分）  得分（分）  未完成原因分析\n"
        "受益脱贫户满意度  ≥95%  93%  10  9  个别农户对分红时间有意见。\n"
        "带动脱贫户数量  ≥120户  126户  10  10 第 1 页 共 2 页\n"
    )
    flat = _flat_of(text)
    assert flat["budget.funds.current.executed"] == "7685000"  # the 上年结转/其他 rows of dashes are read
    assert flat["indicators.1.weight"] == "10" and flat["indicators.1.score"] == "9"  # '9 个别…' cut
    assert flat["indicators.1.deviation_reason"] == "个别农户对分红时间有意见。"
    assert flat["indicators.2.score"] == "10" and "indicators.3.name" not in flat  # 第 1 页 dropped


def test_number_glued_to_words_in_the_source_is_left_out() -> None:
    head = "三级指标 指标解释 分值 得分 扣分原因\n"
    flat = _flat_of(PROJECT_HEAD + head + "预算调整率 预算调整数与预算数的比率。 5 3年中追加较多\n")
    assert flat["indicators.1.name"] == "预算调整率" and flat["indicators.1.weight"] == "5"
    assert "indicators.1.score" not in flat and "indicators.1.deviation_reason" not in flat


def test_spaced_labels_and_rows_begun_on_an_earlier_line() -> None:
    head = "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t实际完成值\t分值\t得分\n"
    rows = (
        "产 出 指 标\n"  # a merged level cell spaced out letter by letter, alone on its line
        "数量指标\t学生受资助人数\t≥\t735\t人次\t735\t10\t10\n"
        "效益指标\t经济效益 指标\t减轻贫困学生家庭经济负担\n"  # the row goes on over the next lines
        "有效\n"
        "有效\t10\t10\n"
        "社会效益 指标\t政策知晓率\t=\t100\t%\t98%\t10\t9\n"
    )
    flat = _flat_of(PROJECT_HEAD + head + rows)
    assert flat["indicators.1.level1"] == "产出指标" and flat["indicators.1.target"] == "735"
    assert flat["indicators.2.name"] == "减轻贫困学生家庭经济负担"
    assert flat["indicators.2.level2"] == "经济效益指标" and flat["indicators.2.target"] == "有效"
    assert flat["indicators.2.actual"] == "有效" and flat["indicators.2.score"] == "10"
    assert flat["indicators.3.name"] == "政策知晓率" and flat["indicators.3.level2"] == "社会效益指标"
    assert flat["indicators.3.actual"] == "98" and flat["indicators.3.score"] == "9"
    spaced = _flat_of(
        PROJECT_HEAD + head.replace("\t", " ") + "效益指标 经济效益 指标 就业人数 ≥ 5 人 6 10 10\n"
    )
    assert spaced["indicators.1.level2"] == "经济效益指标" and spaced["indicators.1.name"] == "就业人数"


def test_wide_gaps_the_normalizer_closed() -> None:
    text = (
        "资金投入情况(万元)  全年预算数(A)  全年执行数(B)  预算执行率(B/A×100%)\n"
        "年度资金总额:  3359.62万  3359.62万  100%\n"
        "一级指标  二级指标  三级指标  指标值  全年实际完成值\n"
        "产出指标  数量指标  享受医疗救助人次  ≥50000人次  110406\n"
    )
    flat = _flat_of(PROJECT_HEAD + text)
    assert flat["budget.adjusted"] == "33596200" and flat["budget.execution_rate"] == "100"
    assert flat["indicators.1.name"] == "享受医疗救助人次" and flat["indicators.1.target"] == "50000"
    assert flat["indicators.1.target_op"] == ">=" and flat["indicators.1.actual"] == "110406"


def test_score_with_its_weight_in_brackets() -> None:
    text = (
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 得分（分值） |\n"
        "| 产出指标 | 数量指标 | 培训人次 | ≥500人次 | 620人次 | 9.5（10） |\n"
        "| 效益指标 | 社会效益指标 | 政策知晓率 | ≥90% | 92% | 20（20分） |\n"
        "| 总分 | 95.5（100） |\n"
    )
    flat = _flat_of(PROJECT_HEAD + text)
    assert flat["indicators.1.score"] == "9.5" and flat["indicators.1.weight"] == "10"
    assert flat["indicators.1.actual"] == "620" and flat["indicators.2.weight"] == "20"
    assert flat["indicators.2.score"] == "20"
    assert flat["evaluation.total_score"] == "95.5" and flat["evaluation.total_weight"] == "100"
    # a bracket below the score is no weight
    bad = _flat_of(PROJECT_HEAD + text.replace("9.5（10）", "9.5（5）"))
    assert "indicators.1.score" not in bad and "indicators.1.weight" not in bad


def test_blank_adjusted_target_column_is_skipped_before_the_coefficient() -> None:
    cols = "指标名称 计量单位 指标性质 年初指标值 调整指标值 全年完成值 得分系数(%) 指标权重(分) 指标得分(分)"
    head = "| " + " | ".join(cols.split()) + " |\n"
    rows = (
        "| 统计执法检查单位数 | 家 | 定量指标 | 60家 | | 52家 | 87% | 10 | 8.7 |\n"
        "| 统计调查任务完成率 | % | 定量指标 | 100% | | 100% | 100% | 20 | 20 |\n"
    )
    flat = _flat_of("部门整体绩效自评表\n" + head + rows)
    assert flat["indicators.1.target"] == "60" and flat["indicators.1.actual"] == "52"
    assert flat["indicators.1.unit"] == "家" and flat["indicators.1.score"] == "8.7"
    assert "indicators.1.completion_rate" not in flat  # 得分系数 is no completion rate
    assert flat["indicators.2.target"] == "100" and flat["indicators.2.actual"] == "100"


def test_budget_column_that_does_not_say_which() -> None:
    head = "项目支出绩效自评表\n| 项目资金(万元) | 预算数 | 执行数 | 执行率 | 分值 | 得分 |\n"
    flat = _flat_of(
        head + "| 年度资金总额 | 100 | 97 | 97% | 10 | 9.7 |\n| 其中：当年财政拨款 | 100 | 97 | — | — | — |\n"
    )
    assert "budget.adjusted" not in flat and "budget.initial" not in flat
    assert flat["budget.executed"] == "970000" and flat["budget.execution_score"] == "9.7"
    assert flat["budget.funds.current.executed"] == "970000" and len(flat) == 5
    both = head.replace("| 预算数 |", "| 年初预算数 | 预算数 |")
    flat = _flat_of(both + "| 年度资金总额 | 100 | 120 | 97 | 80.83% | 10 | 8.08 |\n")
    assert flat["budget.initial"] == "1000000" and flat["budget.adjusted"] == "1200000"
    assert flat["budget.execution_rate"] == "80.83"


def test_level_two_with_its_weight() -> None:
    text = (
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
        "| 产出指标（50分） | 数量指标（20分） | 培训人数 | ≥500人 | 620人 | 20 | 20 |\n"
        "| | 质量指标(30分) | 合格率 | ≥95% | 98% | 30 | 30 |\n"
    )
    flat = _flat_of(PROJECT_HEAD + text)
    assert flat["indicators.1.level1"] == "产出指标" and flat["indicators.1.level2"] == "数量指标"
    assert flat["indicators.2.level2"] == "质量指标" and flat["indicators.2.weight"] == "30"


def test_header_synonyms() -> None:
    text = (
        "| 项目资金(万元) | 年初预算数 | 调整预算数 | 实际支出数 | 分值 | 执行率 | 得分 |\n"
        "| 年度资金总额 | 50 | 60 | 57 | 10 | 95% | 9.5 |\n"
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |"
        " 未完成原因分析及改进措施 |\n"
        "| 产出指标 | 数量指标 | 培训人数 | ≥500人 | 450人 | 10 | 9 | 部分学员未到 |\n"
    )
    flat = _flat_of(PROJECT_HEAD + text)
    assert flat["budget.adjusted"] == "600000" and flat["budget.executed"] == "570000"
    assert flat["indicators.1.deviation_reason"] == "部分学员未到" and flat["indicators.1.score"] == "9"


def test_target_in_words_takes_no_figure_as_actual() -> None:
    head = "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    rows = "| 效益指标 | 经济效益指标 | 减轻家庭经济负担 | 有效 | 10 | 10 |\n"  # the actual cell lost
    flat = _flat_of(PROJECT_HEAD + head + rows)
    assert flat["indicators.1.weight"] == "10" and flat["indicators.1.score"] == "10"
    assert "indicators.1.actual" not in flat  # not the weight's 10
    assert "indicators.1.target" not in flat  # '有效' may be the target or the actual


def test_short_prose_lines_after_a_table_are_no_rows() -> None:
    head = "| 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n| 培训人数 | ≥500人 | 620人 | 10 | 10 |\n"
    prose = "三、存在的问题\n资金拨付偏慢\n宣传力度不够\n四、改进措施\n加快资金拨付\n加大宣传力度\n"
    flat = _flat_of(PROJECT_HEAD + head + prose)
    assert flat["indicators.1.name"] == "培训人数" and "indicators.2.name" not in flat


def test_wide_gaps_in_a_sentence_are_no_cells() -> None:
    text = (
        "| 项目名称 | 乡村道路养护 |\n| 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
        "| 养护里程 | ≥20公里 | 21公里 | 10 | 10 |\n"
        "实施单位  按计划完成养护,共  21公里\n"
    )
    flat = _flat_of(PROJECT_HEAD + text)
    assert "report.unit_name" not in flat and flat["indicators.1.actual"] == "21"


_DEPT = "某某市城市管理局2023年度部门整体支出绩效自评报告\n二、部门整体支出情况\n"
_SPENDING = "项目 年初预算数 全年执行数 执行率\n合计 12.50 10.20 81.60%\n"


def _budget_of(title: str) -> dict[str, tuple[Decimal, str]]:
    norm = normalize(Document(path="t.txt", format="text", text=f"{_DEPT}{title}\n{_SPENDING}"))
    fields = extract_tables(norm).fields
    return {k: (v.value, v.unit) for k, v in fields.items() if k.startswith("budget.")}


def test_the_unit_stated_in_the_title_above_the_table() -> None:
    assert _budget_of("（三）部门支出情况（单位：万元）") == {
        "budget.initial": (Decimal("125000.00"), "万元"),
        "budget.executed": (Decimal("102000.00"), "万元"),
        "budget.execution_rate": (Decimal("81.60"), "%"),
    }


def test_amounts_with_no_stated_unit_are_not_read_as_yuan() -> None:
    assert _budget_of("（三）部门支出情况") == {"budget.execution_rate": (Decimal("81.60"), "%")}


def test_a_table_of_one_kind_of_spending_gives_no_budget() -> None:
    assert _budget_of("（三）“三公”经费支出情况（单位：万元）") == {}


# --------------------------------------------------------------------------- glued digests

DIGEST_HEAD = (
    "信息名称 | 某县动物防疫补助项目绩效目标自评表 | 内容概述 | 某县转移支付(项目)绩效目标自评表(2023年度)"
)
DIGEST_BUDGET = "资金投入情况(万元)全年预算数(A)全年执行数(B)预算执行率(B/A×100%)年度资金总额:"


def test_a_digest_cell_is_cut_at_its_labels_and_split_by_its_parts() -> None:
    """A drawn row's cell holding the whole form run together: '1484631.00%' reads 1|48|4631.00%,
    148|46|31.00% (46/148 = 31.08%, which 31.00% meets at the figures' printed places), 14846|31.0|0%
    and 148463|1.0|0%; only 148|46 is a total its parts (102|0|0%, 46|46|100%) add up to."""
    cell = DIGEST_BUDGET + "1484631.00%其中:中央财政资金10200%地方资金4646100%其他资金资金管理情况"
    flat = _flat_of(f"{PROJECT_HEAD}{DIGEST_HEAD}{cell} |\n")
    assert (flat["budget.adjusted"], flat["budget.executed"], flat["budget.execution_rate"]) == (
        "1480000",
        "460000",
        "31",
    )


def test_a_digest_whose_parts_do_not_add_up_is_left_out() -> None:
    """The same total with parts that confirm no reading of it (50 + 46 is no total's 148): the
    parts decide nothing, and the readings of the total disagree on every column: unread."""
    cell = DIGEST_BUDGET + "1484631.00%其中:中央财政资金5000%地方资金4646100%其他资金资金管理情况"
    flat = _flat_of(f"{PROJECT_HEAD}{DIGEST_HEAD}{cell} |\n")
    assert not {"budget.adjusted", "budget.executed", "budget.execution_rate"} & flat.keys()


# ------------------------------------------------------------- a Word table saved without its grid

# A .doc whose table the office suite's export lost: every cell of a row run together (the header's
# '执行率' and '得分' too), the funds rows ending in placeholders, reasons glued to the scores.
GLUED_FORM = (
    "某县公路事务中心2023年度乡村道路养护项目支出绩效自评表\n"
    "项目名称乡村道路养护主管部门某县交通运输局实施单位某县公路事务中心项目资金（万元）\n"
    "年初预算数全年预算数全年执行数分值执行率得分年度资金总额：200210199.51095%9.5"
    "其中：本年财政拨款200210199.5———上年结转资金000———其他资金———"
    "一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施产出指标（50分）\n"
    "数量指标养护里程≥120公里125公里1515质量指标路面优良率≥85%82%1514雨季水毁"
    "时效指标完成时间2023年12月底前按时完成1010成本指标每公里养护成本≤1.7万元1.6万元1010"
    "效益指标（30分）社会效益指标群众出行便利度明显提升明显提升3028部分路段仍待改善总分\n10096.5优\n"
)


def test_a_glued_form_reads_its_budget_by_arithmetic_and_its_parts() -> None:
    """'执行率得分' is a label and also 执行率 | 得分: only the cut reads the total row; of its
    readings (200|210|199.5|10|95%|9.5 and 200210|1|9|9.5|1095%|9.5: 9/1 meets 1095% at integer
    precision) only the first is a total that '200210199.5———' and '000———' add up to."""
    flat = _flat_of(GLUED_FORM)
    budget = {k: v for k, v in flat.items() if k.startswith("budget.") and ".funds." not in k}
    assert budget == {
        "budget.initial": "2000000",
        "budget.adjusted": "2100000",
        "budget.executed": "1995000",
        "budget.execution_weight": "10",
        "budget.execution_rate": "95",
        "budget.execution_score": "9.5",
    }
    assert flat["budget.funds.current.executed"] == "1995000"


def test_glued_rows_with_reasons_dates_and_targets_met_as_written() -> None:
    """Words after a row's score are its reason; '2023年12月底前' is one target; '明显提升明显提升'
    is a target and its actual after the name. Every row is read, so the numbering holds."""
    flat = _flat_of(GLUED_FORM)
    names = [flat[f"indicators.{i}.name"] for i in range(1, 6)]
    assert names == ["养护里程", "路面优良率", "完成时间", "每公里养护成本", "群众出行便利度"]
    assert (flat["indicators.2.actual"], flat["indicators.2.score"]) == ("82", "14")
    assert flat["indicators.2.deviation_reason"] == "雨季水毁"
    assert (flat["indicators.3.target"], flat["indicators.3.actual"]) == ("2023年12月底前", "按时完成")
    assert (flat["indicators.5.target"], flat["indicators.5.actual"]) == ("明显提升", "明显提升")
    assert flat["indicators.5.deviation_reason"] == "部分路段仍待改善"


def test_a_glued_rate_without_its_sign_under_a_percent_header() -> None:
    """'执行率（%）' over a glued '80.0076.8096.00109.6': the rate is 96.00 (76.80 / 80.00 under the
    预算数 column, which is not read but still divides)."""
    text = (
        "某区园林绿化中心2023年城区绿化管护项目绩效自评表\n"
        "项目名称城区绿化管护预算执行情况（万元）预算数执行数执行率（%）权重（分）得分合计80.0076.8096.00109.6"
        "一级指标二级指标三级指标指标值实际值权重自评得分\n"
    )
    flat = _flat_of(text)
    assert (flat["budget.executed"], flat["budget.execution_rate"]) == ("768000", "96")
    assert (flat["budget.execution_weight"], flat["budget.execution_score"]) == ("10", "9.6")


def test_rows_after_a_glued_row_read_by_no_reading_are_not_numbered() -> None:
    """'路面优良率≥85%82%' has no weight and score to split: it holds one row or more, so the rows
    after it cannot be numbered; those before it keep theirs."""
    flat = _flat_of(GLUED_FORM.replace("路面优良率≥85%82%1514雨季水毁", "路面优良率≥85%82%"))
    assert flat["indicators.1.name"] == "养护里程"
    assert not any(k.startswith("indicators.2.") for k in flat)


def test_a_glued_total_under_a_header_read_two_ways_keeps_what_both_agree_on() -> None:
    """'分值执行率得分' is 分值 | 执行率得分 (0|0|0|100|0) or 分值 | 执行率 | 得分 (0|0|0|10|0|0, the rate
    a bare 0): the amounts agree, the weight does not, so it is left out."""
    text = (
        "项目支出绩效自评表(2022年度)项目名称委托业务项目主管部门某镇人民政府项目资金(万元)"
        "年初预算数全年预算数全年执行数分值执行率得分年度资金总额:0001000"
        "一级指标二级指标三级指标年度指标值实际完成值分值得分\n"
    )
    flat = _flat_of(text)
    assert (flat["budget.initial"], flat["budget.adjusted"], flat["budget.executed"]) == ("0", "0", "0")
    assert "budget.execution_weight" not in flat


def test_budget_header_cells_broken_over_two_lines_are_one_column() -> None:
    """A web table copied one cell per line with its header cells broken (年初 / 预算数) and its
    blank cells lost: the columns are the joined words, so 43.2 is no weight and 37.24 no rate."""
    cells = ["项目资金(万元)", "年初", "预算数", "全年", "预算数", "全年", "执行数", "分值", "执行率", "得分"]
    cells += ["年度资金总额", "43.2", "43.2", "37.24", "10", "86%", "9"]
    cells += ["其中:当年财政拨款", "43.2", "43.2", "37.24", "上年结转资金", "其他资金"]
    flat = _flat_of("项目支出绩效自评表\n\n" + "\n\n".join(cells) + "\n")
    assert flat["budget.initial"] == "432000" and flat["budget.adjusted"] == "432000"
    assert flat["budget.executed"] == "372400" and flat["budget.execution_weight"] == "10"
    assert flat["budget.execution_rate"] == "86" and flat["budget.execution_score"] == "9"


HEADLESS = (
    "产出指标数量指标养护里程≥120公里 30 路面修补次数≤8次 20 时效指标按时完工率=100% 25 "
    "效益指标社会效益指标群众满意度≥95% 15 合计100 评价结论良好\n"
)


def test_a_headerless_run_on_block_is_cut_at_level_names_and_operators() -> None:
    """No header, no separators inside a row: the level names and the operator of the target cut
    each run-on cell; a lone bare figure after the target is its weight (30+20+25+15 <= 合计 100)."""
    flat = _flat_of(HEADLESS)
    assert flat["indicators.1.name"] == "养护里程" and flat["indicators.1.level2"] == "数量指标"
    assert (flat["indicators.1.target_op"], flat["indicators.1.target"], flat["indicators.1.unit"]) == (
        ">=",
        "120",
        "公里",
    )
    assert flat["indicators.2.name"] == "路面修补次数" and flat["indicators.2.level1"] == "产出指标"
    assert flat["indicators.2.level2"] == "数量指标" and flat["indicators.2.target_op"] == "<="
    assert flat["indicators.3.level2"] == "时效指标" and flat["indicators.3.target"] == "100"
    assert flat["indicators.4.level1"] == "效益指标" and flat["indicators.4.name"] == "群众满意度"
    assert [flat[f"indicators.{i}.weight"] for i in range(1, 5)] == ["30", "20", "25", "15"]
    assert not any(k.endswith(".score") or k.endswith(".actual") for k in flat)
    assert "indicators.5.name" not in flat


def test_headerless_weights_over_the_stated_sum_are_no_weights() -> None:
    """Weights adding up to more than the 合计 that ends the block (110 > 100) are not weights."""
    flat = _flat_of(HEADLESS.replace("15 合计100", "35 合计100"))
    assert flat["indicators.4.name"] == "群众满意度" and flat["indicators.1.target"] == "120"
    assert not any(k.endswith(".weight") for k in flat)


def test_a_headerless_row_with_two_bare_figures_keeps_only_its_target() -> None:
    """'30 28' after a target is weight | score or actual | weight: unsettled, so neither is read."""
    flat = _flat_of(HEADLESS.replace("≥120公里 30", "≥120公里 30 28"))
    assert flat["indicators.1.target"] == "120" and "indicators.1.weight" not in flat
    assert flat["indicators.2.weight"] == "20"


def test_a_headerless_table_excerpt_is_read_though_it_names_no_kind(tmp_path: Path) -> None:
    """A page excerpt starting inside the indicator block has no title: it is read, kind unknown."""
    from extractor import extract
    from extractor.flat import flatten

    path = tmp_path / "excerpt.txt"
    path.write_text(HEADLESS, encoding="utf-8")
    flat = flatten(extract(path))
    assert flat["report.kind"] == "unknown" and flat["indicators.3.name"] == "按时完工率"
    assert flat["indicators.4.weight"] == 15


OCR_FORM = (
    "项目自评表项目名称渔船补贴主管部门某区农业局预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)"
    "得分(20分*执行率)年度财政资金总额1.561.56120度效标O0B年绩目1分EB二级指标三级指标年初目标值(A)"
    "实际完成值(B)得分出标产指数量指标补贴渔船数6620质量指标渔船补贴发放率100%100%10\n"
)


def test_an_ocr_budget_row_run_on_into_junk_is_split_and_its_ratio_rate_not_read() -> None:
    """'1.561.56120度效标…': the figures before the junk are the row; only 1.56 | 1.56 | 1 | 20 fits
    (the rate a ratio: 1.56 / 1.56 = 1, i.e. 100%, and 20 = 100% x 20), so the rate is left out."""
    flat = _flat_of(OCR_FORM)
    assert flat["budget.executed"] == "15600" and flat["budget.execution_score"] == "20"
    assert flat["budget.execution_weight"] == "20" and "budget.execution_rate" not in flat


def test_a_glued_row_no_reading_settles_keeps_its_name_and_the_numbering() -> None:
    """'补贴渔船数6620' reads as 6|6|20, 6|62|0 or 66|2|0: no figure is read, but the row is
    indicator 1, so the next row stays indicator 2."""
    flat = _flat_of(OCR_FORM)
    assert flat["indicators.1.name"] == "补贴渔船数" and flat["indicators.1.level2"] == "数量指标"
    assert not any(k.startswith("indicators.1.") and k.endswith(("target", "actual", "score")) for k in flat)
    assert flat["indicators.2.name"] == "渔船补贴发放率" and flat["indicators.2.score"] == "10"
    assert flat["indicators.2.target"] == "100" and flat["indicators.2.actual"] == "100"


def test_a_total_glued_to_the_words_after_it_and_the_form_note_on_its_budget_column() -> None:
    """'总分 | 100偏差大或目标…' (a run-on cut at its labels): 100 is the total; the form's note
    '预算数为调整后财政资金总额' makes its 预算数 column the adjusted budget."""
    text = OCR_FORM.rstrip("\n") + "满意度90%290%40总分100偏差大或目标未完成原因分析无"
    text += " 备注:1 .预算执行情况口径:"
    flat = _flat_of(text + "预算数为调整后财政资金总额。\n")
    assert flat["evaluation.total_score"] == "100" and flat["budget.adjusted"] == "15600"
    assert "budget.adjusted" not in _flat_of(text + "预算数为年初批复数。\n")


def test_a_budget_label_and_its_figures_run_together_between_spaces() -> None:
    """'年度资金总额80.0080.0076.001095.00%9.5': the label, then a glued run split by the row's
    arithmetic (76.00 / 80.00 = 95.00%, 95% x 10 = 9.5)."""
    text = (
        "2023年度项目支出绩效自评表\n项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
        "年度资金总额80.0080.0076.001095.00%9.5\n"
    )
    flat = _flat_of(text)
    assert (flat["budget.initial"], flat["budget.adjusted"], flat["budget.executed"]) == ("800000",) * 2 + (
        "760000",
    )
    assert flat["budget.execution_rate"] == "95" and flat["budget.execution_score"] == "9.5"


@pytest.mark.parametrize(
    "head",
    [
        "年初预算数全年(调整)预算数全年执行数执行率(%)执行率权重执行率得分(分)",
        "年初预算数全年预算数全年执行数执行率分值得分",
    ],
)
def test_a_glued_total_with_its_amounts_left_blank_is_read_right_aligned(head: str) -> None:
    """'76%107.6' under six columns whose amounts were left blank: 76% | 10 | 7.6, the score the
    rate times the weight; where no right-aligned reading holds (the score above the weight), none."""
    line = f"部门整体绩效自评表主管部门某某中心自评总分(分)97.6部门预算执行情况(万元){head}"
    flat = _flat(_run(f"{line}76%107.6当年绩效目标\n"))
    row = [flat.get(f"budget.execution_{k}") for k in ("rate", "weight", "score")]
    assert row == [76, 10, Decimal("7.6")]
    assert "budget.executed" not in flat and "budget.adjusted" not in flat
    flat = _flat(_run(f"{line}76%1017.6当年绩效目标\n"))
    assert "budget.execution_weight" not in flat and "budget.execution_score" not in flat
