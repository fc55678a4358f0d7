"""The template mapper: self-evaluation tables as grids (``grid.Table``) to fields.

The mapper never sees how a table was stored (a PDF's ruling, a .docx, a sheet, a page,
a flattened text): it reads

- header rows: cells whose text is a column label (``patterns/tables.toml``
  [budget.columns], [indicator.columns]); a column's role is the label of the lowest
  header cell over it, so a group header (项目资金（万元）) over two rows only gives its unit;
- budget rows by their row label (年度资金总额, 其中：财政拨款, 支出合计, 基本支出 …) under a
  budget header, one figure per role column; amounts only where the table, its header
  or the lines above it state the unit (单位：万元, （万元）, 4753.66万元);
- indicator rows under an indicator header: 一级/二级 from the merged cells over them,
  the name, target, actual, unit, weight, score and reason from their columns;
- the 总分 row (weight and score columns), 自评等级 and key labels (项目名称, 主管部门,
  实施单位 …) followed by their value cell.

Labels are matched with tolerance (``labels.role``). Every cell the mapper reads is
*claimed*: the prose stages never see it; the cells it leaves (a 年度总体目标 text,
其中：基本支出：1768.16万元) stay visible to them as lines of their own.
"""

from extractor.fields.mapper.base import TableResult
from extractor.fields.mapper.indicators import drop_execution_rows
from extractor.fields.mapper.tables import read_tables

__all__ = ["TableResult", "drop_execution_rows", "read_tables"]
