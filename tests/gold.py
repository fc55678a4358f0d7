"""Comparing a flat view with a gold file: values as plain numbers and strings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def plain(value: Any) -> Any:
    """Numbers as floats (a Decimal, an int and a float of one value compare equal), others as they are."""
    return float(value) if isinstance(value, int | float) or hasattr(value, "as_tuple") else value


def load_gold(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def wrong_values(flat: dict[str, Any], gold: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """(read, gold) of every key read with a value other than the gold's."""
    return {k: (flat[k], gold[k]) for k in flat if k in gold and plain(flat[k]) != plain(gold[k])}
