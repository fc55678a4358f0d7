"""Report -> the contract's flat view (canonical keys to values) and its JSON text.

The nested models mirror the flat keys, so flattening is a walk: a ``Value``
leaf at ``budget.basic.personnel`` becomes that key. Absent values are left out.
Decimals are written as JSON numbers without passing through float.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from functools import cache
from typing import Any

from pydantic import BaseModel

from extractor.models import Report, Value

_string = json.encoder.encode_basestring  # json.dumps of a str with ensure_ascii=False
FLAT_ROOTS = ("report", "staff", "org", "budget", "indicators", "evaluation")
FINDING_KEYS = ("rule", "severity", "message_zh", "message_en")
_CONSTANTS = {None: "null", True: "true", False: "false"}  # json.dumps' text of each


def flatten(report: Report, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    """The flat view; ``fields``: ``field_view(report)`` when it was made already (a batch worker
    makes it once for the validator and for its result), the findings are added to a copy."""
    out = field_view(report) if fields is None else dict(fields)
    for i, f in enumerate(report.findings, 1):
        for k in FINDING_KEYS:
            out[f"findings.{i}.{k}"] = getattr(f, k)
    return out


def field_view(report: Report) -> dict[str, Any]:
    """The flat view of the report's fields, without its findings."""
    out: dict[str, Any] = {}
    for root in FLAT_ROOTS:
        _walk(getattr(report, root), root, out)
    return out


def _walk(node: Any, prefix: str, out: dict[str, Any]) -> None:
    if node is None:
        return
    if isinstance(node, Value):
        out[prefix] = plain(node.value)
    elif isinstance(node, list):
        for i, item in enumerate(node, 1):
            _walk(item, f"{prefix}.{i}", out)
    elif isinstance(node, BaseModel):
        fields = node.__dict__  # a model's field values (getattr's, without its look-up)
        for name in _field_names(type(node)):
            child = fields[name]
            if isinstance(child, (Value, BaseModel, list)):
                _walk(child, f"{prefix}.{name}", out)


@cache
def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """The model's fields in their order (``model_fields`` is slow to ask of the class each time)."""
    return tuple(model.model_fields)


def plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return decimal_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def decimal_number(d: Decimal) -> Decimal | int:
    """An integral Decimal as int; otherwise the Decimal without trailing zeros."""
    if d == d.to_integral_value():
        return int(d)
    return d.normalize()


def dumps(data: Any, pretty: bool = False, indent: str = "  ") -> str:
    """JSON text in which Decimals are written as exact numbers; ``pretty``: one item a line, each
    level ``indent`` further in (what ``json.dumps(indent=len(indent))`` lays out)."""
    return _dump(data, indent if pretty else None)


def _dump(v: Any, indent: str | None, level: int = 0) -> str:
    if isinstance(v, Decimal):
        return format(v, "f")
    if type(v) is str:
        return _string(v)  # what json.dumps(v, ensure_ascii=False) writes, without its encoder set-up
    if type(v) is int:
        return int.__repr__(v)  # json.dumps' text of an int, without a JSONEncoder made per call
    if v is None or type(v) is bool:
        return _CONSTANTS[v]
    if isinstance(v, dict):
        items = [f"{_string(str(k))}: {_dump(x, indent, level + 1)}" for k, x in v.items()]
        return _join("{", "}", items, indent, level)
    if isinstance(v, (list, tuple)):
        return _join("[", "]", [_dump(x, indent, level + 1) for x in v], indent, level)
    if isinstance(v, dt.date):
        return json.dumps(v.isoformat())
    return json.dumps(v, ensure_ascii=False)


def _join(open_: str, close: str, items: list[str], indent: str | None, level: int) -> str:
    if not items:
        return open_ + close
    if indent is None:
        return open_ + ", ".join(items) + close
    pad = indent * (level + 1)
    return open_ + "\n" + ",\n".join(pad + i for i in items) + "\n" + indent * level + close
