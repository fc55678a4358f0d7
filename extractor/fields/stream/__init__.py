"""Tables whose rows the flattening lost, recovered as one grid (``grid.Table``, source "text")
from the text's cell stream; the template mapper (``fields/mapper/``) reads it like any grid.

``read/recover.py`` recovers a table written a row a line (or a cell a line). Some texts keep no
rows: the whole table on one line with single spaces, cells glued with no separator at all,
rows cut across lines as a web page was scraped, empty cells dropped. Here every table-like line
is cut into *pieces* (text with offsets in the normalized text; a glued line is cut at the
table's own labels), and the pieces of the whole text run as one stream:

- key labels (项目名称, 主管部门, 实施单位 …) and the piece after them become rows of two cells;
- the budget header (年初预算数 全年预算数 …) gives the columns of the 年度资金总额 row and the
  funds rows under it, figures right-aligned where an empty cell was dropped;
- the indicator header (一级指标 二级指标 三级指标 …) gives the data columns; a small dynamic
  program assigns the pieces after it to rows and columns by their type (operator, number,
  unit, text); a 一级/二级 label spans down to the next label of its level;
- glued runs ('202010100.00%10', '安装坡面水标尺10≥266米≥266米10…') are split by enumerating the
  typed readings that satisfy the table's arithmetic, kept only where every reading agrees.

A row whose figures cannot be placed keeps its name and one cell spread over the value columns
(so that the rows after it keep their numbers). Vocabulary: ``patterns/tables.toml``. Where a
reading is ambiguous the piece is left out rather than guessed.
"""

from extractor.fields.stream.build import extract_tables, stream_tables, table_excerpt

__all__ = ["extract_tables", "stream_tables", "table_excerpt"]
