"""Comparing a flat view with a gold file, values exactly: numbers as Decimals (an int, a float and a
Decimal of one value compare equal), everything else as it is. tests/test_corpus.py and
tests/test_variants.py compare texts without their spaces instead (rewritten reports)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any


def plain(value: Any) -> Any:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value))
    return value


def load_gold(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def wrong_values(flat: dict[str, Any], gold: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """(read, gold) of every key read with a value other than the gold's."""
    return {k: (flat[k], gold[k]) for k in flat if k in gold and plain(flat[k]) != plain(gold[k])}


def differences(flat: dict[str, Any], gold: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """(read or None, gold) of every gold key not read as the gold says."""
    return {k: (flat.get(k), v) for k, v in gold.items() if plain(flat.get(k)) != plain(v)}
