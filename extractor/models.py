"""Plain data passed between the stages: pydantic models that document themselves.

The nested report mirrors the contract's flat keys: ``Report.report.unit_name``
flattens to ``report.unit_name``, ``Report.budget.basic.personnel`` to
``budget.basic.personnel``, and so on (see ``flat.py``). Every extracted value is
a ``Value`` carrying the text it was read from and where (``Span``).
"""

# Annotations are objects, not strings (no ``from __future__ import annotations``): pydantic reads
# them when each class is made, and strings would be parsed and evaluated first at every start-up.
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from extractor.grid import Table, new_list  # noqa: TC001 - a field type

SCHEMA_VERSION = "1.0"


class Model(BaseModel):
    """Built when the class is made, not on first use (no ``defer_build``): each model's schema then
    reuses the finished schemas of the models it holds, defined above it, where a deferred build
    generated every nested model's schema again inside each of its holders (250 model schemas for
    23 models at the first report of a process)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)


# --------------------------------------------------------------------------- reading


class OcrRun(Model):
    """A stretch of Document.text read by OCR (one recognized box or table cell) and its confidence."""

    start: int = Field(description="Offset of the first character in Document.text.")
    end: int = Field(description="Offset one past the last character.")
    confidence: float = Field(description="Recognition confidence, 0-1 (识别置信度).")
    page: int = Field(1, description="1-based page the text was read on.")


class GlyphLine(Model):
    """One line of a PDF's text layer: where it stands in Document.text and where each of its
    characters stands on the page (字符位置), for the boxes of values read from prose."""

    start: int = Field(description="Offset of the line's first character in Document.text.")
    page: int = Field(description="1-based page.")
    boxes: list[tuple[float, float, float, float] | None] = Field(
        description="Per character of the line: x0, top, x1, bottom in points; None for a space."
    )


class Document(Model):
    """What a reader returns: the decoded text of a file and where its pages start."""

    path: str = Field(description="The file as given on the command line.")
    format: Literal["text", "pdf", "docx", "doc", "wps", "xlsx", "xls", "et", "ods", "html", "image"] = Field(
        description="The format the file was read as."
    )
    encoding: str | None = Field(None, description="Detected text encoding (text files only).")
    text: str = Field(description="The whole decoded text; every span's offsets point into it.")
    page_starts: list[int] = Field(
        default_factory=lambda: [0], description="Offset in `text` where each page begins (page 1 first)."
    )
    sha256: str = Field("", description="SHA-256 of the file's bytes.")
    tables: list[Table] = Field(
        default_factory=new_list,
        description="Tables as grids, in document order; each is also written into `text` "
        "(between its start and end) for spans and display, and never parsed back from there.",
    )
    ocr_runs: list[OcrRun] = Field(
        default_factory=new_list,
        description="The text read by OCR, run by run with its confidence (scans only).",
    )
    glyph_lines: list[GlyphLine] = Field(
        default_factory=new_list, description="Character boxes of the text lines (PDF text layer only)."
    )


class Span(Model):
    """Where a value was read: 1-based page and line, and character offsets in `Document.text`."""

    page: int = Field(1, description="1-based page number (text files are one page).")
    line: int = Field(description="1-based line number in the original text.")
    start: int = Field(description="Offset of the first character in the original text.")
    end: int = Field(description="Offset one past the last character in the original text.")
    text: str = Field(description="The original characters between start and end.")
    bbox: tuple[float, float, float, float] | None = Field(
        None, description="Box on the page (x0, top, x1, bottom, points) of the table cell read, if known."
    )
    address: str = Field("", description="Spreadsheet cell read ('Sheet1!C7'), if any.")


# --------------------------------------------------------------------------- values


class NumberKind(StrEnum):
    amount = "amount"  # 金额: value in yuan
    percent = "percent"  # 百分比: value in percent (96.41 for 96.41%)
    count = "count"  # 数量 with a measure word (人, 件, 个 …)
    score = "score"  # 分值 / 得分
    number = "number"  # any other figure


class Value(Model):
    """One value read from the report, with its source location."""

    value: Any = Field(description="The value: Decimal for numbers, str, int, bool or date.")
    raw: str = Field("", description="The report's own text for the value (e.g. '4406.09 万元').")
    span: Span | None = Field(None, description="Where the value was read.")
    kind: NumberKind | None = Field(None, description="For numbers: what the figure measures.")
    unit: str = Field("", description="Unit as printed (万元, %, 人 …); amounts are converted to 元.")
    decimals: int = Field(0, description="Decimal places as printed (precision of the figure).")
    scale: Decimal = Field(
        Decimal(1), description="Multiplier from the printed number to `value` (10000 for 万元)."
    )


class Quantity(Model):
    """A number met in the narrative with what it counts (宣讲 19 场 -> label 宣讲, unit 场)."""

    label: str = Field(description="Short label of what is counted, from the words before the number.")
    value: Value
    section: str = Field("", description="Number path of the section it was read in (e.g. '一.(二).2').")
    noun: str = Field(
        "", description="The noun right after its measure word, what it counts (1个事业单位 -> 事业单位)."
    )


class Breakdown(Model):
    """An amount stated together with parts that the text presents as its whole (其中/具体为 …)."""

    whole: Value
    parts: list[Value]
    cue: str = Field(
        description="The word that introduced the parts (其中, 具体为, 分别 …), or the total word (共) "
        "of a count followed by its disjoint groups (年初批复项目8个 … 年中新增项目8个)."
    )


# --------------------------------------------------------------------------- report areas


class ReportInfo(Model):
    kind: Value | None = Field(None, description="department_overall | project | unknown.")
    fiscal_year: Value | None = Field(None, description="Year evaluated (2024年度).")
    unit_name: Value | None = Field(None, description="部门/单位名称, without 公章 markers.")
    department: Value | None = Field(None, description="主管部门, where stated separately.")
    project_name: Value | None = Field(None, description="项目名称 (project reports).")
    filled_on: Value | None = Field(None, description="填报时间 / 报告日期.")


class Staff(Model):
    authorized: Value | None = Field(None, description="编制数.")
    actual: Value | None = Field(None, description="实有人数 / 实有在编人数.")
    administrative: Value | None = Field(None, description="行政编制.")
    institutional: Value | None = Field(None, description="事业编制.")
    worker: Value | None = Field(None, description="工勤编制 / 工勤人员 (posts beside 行政 and 事业).")
    on_duty: Value | None = Field(None, description="在职人员.")
    retired: Value | None = Field(None, description="退休人员.")


class Org(Model):
    offices_count: Value | None = Field(None, description="Stated number of internal offices (下设N个处室).")
    offices: Value | None = Field(None, description="The offices listed (value is a list of names).")
    units_count: Value | None = Field(
        None, description="Stated number of the department's units (直属事业单位10个, 预算单位有3个)."
    )
    units: Value | None = Field(None, description="The units named after their count (即/分别为 A、B …).")


class SourceSplit(Model):
    superior: Value | None = Field(None, description="上级资金 in the initial budget.")
    own: Value | None = Field(None, description="本级资金 in the initial budget.")
    other: Value | None = Field(None, description="其他资金 in the initial budget.")


class FundsRow(Model):
    initial: Value | None = Field(None, description="年初预算数 column.")
    adjusted: Value | None = Field(None, description="全年预算数 column.")
    executed: Value | None = Field(None, description="全年执行数 column.")


class Funds(Model):
    """The 项目资金 rows of a self-evaluation table (年度资金总额 is the budget.* total)."""

    current: FundsRow = Field(default_factory=FundsRow, description="其中：本年财政拨款.")
    carryover: FundsRow = Field(default_factory=FundsRow, description="上年结转资金.")
    other: FundsRow = Field(default_factory=FundsRow, description="其他资金.")


class Fiscal(Model):
    initial: Value | None = Field(None, description="财政资金预算部分 年初预算数.")
    annual: Value | None = Field(None, description="财政资金预算部分 全年预算数.")
    final: Value | None = Field(None, description="财政资金预算部分 决算数.")


class Basic(Model):
    budget: Value | None = Field(None, description="基本支出 budget.")
    executed: Value | None = Field(None, description="基本支出 executed.")
    execution_rate: Value | None = Field(None, description="基本支出预算执行率.")
    personnel: Value | None = Field(None, description="人员经费.")
    public: Value | None = Field(None, description="公用经费.")


class ProjectGroup(Model):
    count: Value | None = Field(None, description="Number of projects.")
    budget: Value | None = Field(None, description="Budget of the projects.")
    executed: Value | None = Field(None, description="Executed amount of the projects.")


class ProjectSpending(ProjectGroup):
    superior: ProjectGroup = Field(default_factory=ProjectGroup, description="上级资金项目.")
    own: ProjectGroup = Field(default_factory=ProjectGroup, description="本级财力项目.")


class Budget(Model):
    initial: Value | None = Field(None, description="年初预算数.")
    adjusted: Value | None = Field(None, description="调整后预算数 / 全年预算数.")
    executed: Value | None = Field(None, description="执行数 / 全年执行数 / 实际支出.")
    execution_rate: Value | None = Field(None, description="预算执行率 (percent).")
    adjustment: Value | None = Field(None, description="调整数 (调增 positive, 调减 negative).")
    adjustment_rate: Value | None = Field(None, description="预算调整率 (percent).")
    execution_weight: Value | None = Field(None, description="分值 of the execution rate.")
    execution_score: Value | None = Field(None, description="得分 of the execution rate.")
    source: SourceSplit = Field(default_factory=SourceSplit)
    funds: Funds = Field(default_factory=Funds)
    fiscal: Fiscal = Field(default_factory=Fiscal)
    basic: Basic = Field(default_factory=Basic)
    project: ProjectSpending = Field(default_factory=ProjectSpending)


class Indicator(Model):
    """One performance indicator (绩效指标), from a narrative block or a table row."""

    name: Value | None = Field(None, description="指标名称 (三级指标 in tables).")
    level1: Value | None = Field(None, description="一级指标 (产出指标 / 效益指标 / 满意度指标).")
    level2: Value | None = Field(None, description="二级指标 (数量指标 / 质量指标 …).")
    target_op: Value | None = Field(None, description="'=', '>=', '<=', '>', '<' or 'text'.")
    target: Value | None = Field(None, description="预期指标值 / 年度指标值.")
    unit: Value | None = Field(None, description="Unit of target and actual (%, 人, 件 …).")
    midyear: Value | None = Field(None, description="年中监控实际完成值.")
    actual: Value | None = Field(None, description="实际完成值.")
    completion_rate: Value | None = Field(None, description="完成率 (percent).")
    weight: Value | None = Field(None, description="权重 / 分值.")
    score: Value | None = Field(None, description="自评得分 / 得分.")
    met: Value | None = Field(None, description="达到/超出预期 (true) or 未达到 (false).")
    deviation_reason: Value | None = Field(None, description="偏差原因.")
    improvement: Value | None = Field(None, description="改进措施.")
    span: Span | None = Field(None, description="The whole indicator block or row.")


class Level(Model):
    """A level of the indicator tree (一级/二级指标) that states its own weight: 产出指标(50分)."""

    name: Value = Field(description="The level's name as its indicators carry it (same span).")
    weight: Value | None = Field(None, description="分值 stated with the level (产出指标(50分) -> 50).")
    score: Value | None = Field(None, description="得分 stated for the level, where the table gives one.")
    execution: bool = Field(
        False,
        description="The level holds the row scoring the execution rate (预算执行率), read as "
        "budget.execution_weight / budget.execution_score and not as an indicator.",
    )


class Restated(Model):
    """A key the report states twice with values that may differ: in a table and in the prose, or
    twice in the prose. The table's value, else the prose's first, is the one kept (tables take
    precedence); ``cross.mention`` compares them."""

    key: str = Field(description="The flat key (budget.executed …).")
    kept: Value = Field(description="The value kept: read from a table, or stated first in the prose.")
    other: Value = Field(description="The value the prose states (again) for the same key.")
    where: Literal["table", "prose"] = Field(
        "table", description="Where the kept value was read: a table (表格) or the prose (正文) before."
    )


class Evaluation(Model):
    total_score: Value | None = Field(None, description="综合得分 / 自评总分.")
    grade: Value | None = Field(None, description="优 / 良 / 中 / 差.")
    total_weight: Value | None = Field(None, description="Weight column of the 总分 row, where printed.")


class Section(Model):
    """A numbered heading and what it holds."""

    number: str = Field(description="The heading's marker as printed (一、 / （一） / 1. / ①).")
    level: int = Field(description="Depth in the tree, 1 for 一、.")
    title: str = Field(description="Heading text after the marker (up to the first full stop).")
    path: str = Field(description="Markers from the root, joined by '/'.")
    start: int = Field(description="Offset of the heading in the normalized text.")
    end: int = Field(description="Offset where the section ends in the normalized text.")
    span: Span
    children: list["Section"] = Field(default_factory=new_list)


# --------------------------------------------------------------------------- findings


class FactRef(Model):
    """A value a finding used, with its reported precision and location (Arelle-style)."""

    key: str = Field(description="Flat key or a short description of the value.")
    value: str = Field(description="The value as a decimal string.")
    interval: tuple[str, str] | None = Field(None, description="The interval the printed figure stands for.")
    span: Span | None = None


class Finding(Model):
    rule: str = Field(description="Rule id from the catalog (ratio.execution_rate …).")
    severity: Literal["error", "warning", "info"]
    message_zh: str
    message_en: str
    facts: list[FactRef] = Field(
        default_factory=new_list, description="Values used and where they were read."
    )
    computed: tuple[str, str] | None = Field(
        None, description="Interval computed from the inputs (low, high), as decimal strings."
    )
    reported: tuple[str, str] | None = Field(None, description="Interval of the reported figure.")


class SourceInfo(Model):
    path: str
    format: str
    encoding: str | None = None
    sha256: str = ""
    pages: int = 1


class Report(Model):
    """Everything jixiao read from one report, and what the validator found."""

    schema_version: str = SCHEMA_VERSION
    source: SourceInfo
    title: Value | None = Field(None, description="The report's title line(s).")
    report: ReportInfo = Field(default_factory=ReportInfo)
    staff: Staff = Field(default_factory=Staff)
    org: Org = Field(default_factory=Org)
    budget: Budget = Field(default_factory=Budget)
    indicators: list[Indicator] = Field(default_factory=new_list)
    levels: list[Level] = Field(
        default_factory=new_list, description="Indicator levels that state a weight (产出指标(50分))."
    )
    evaluation: Evaluation = Field(default_factory=Evaluation)
    problems: list[Value] = Field(default_factory=new_list, description="存在的主要问题.")
    causes: list[Value] = Field(default_factory=new_list, description="原因分析.")
    measures: list[Value] = Field(default_factory=new_list, description="改进措施.")
    suggestions: list[Value] = Field(default_factory=new_list, description="建议.")
    quantities: list[Quantity] = Field(
        default_factory=new_list, description="Other numbers in the narrative."
    )
    restated: list[Restated] = Field(
        default_factory=new_list,
        description="Keys stated both in a table and in the prose (the table's kept).",
    )
    breakdowns: list[Breakdown] = Field(default_factory=new_list, description="Amounts stated with parts.")
    sections: list[Section] = Field(default_factory=new_list, description="The heading tree.")
    findings: list[Finding] = Field(default_factory=new_list)
    unreadable: list[Value] = Field(
        default_factory=new_list,
        description="Figures left unread because they look corrupted (4406.O9, 44O6.09万元, 4406..09), "
        "with where they stand.",
    )
    notes: list[str] = Field(default_factory=new_list, description="What the reader or extractor noticed.")
    low_confidence: list[OcrRun] = Field(
        default_factory=new_list,
        description="Text read by OCR with a confidence below the threshold (offsets in the source text).",
    )
