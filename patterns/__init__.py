"""Vocabulary as data: heading schemes, label synonyms, units, required fields.

``load(name)`` reads ``NAME.toml`` from this folder once and caches it.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    return tomllib.loads(files(__name__).joinpath(f"{name}.toml").read_text(encoding="utf-8"))


def path(name: str) -> str:
    return str(files(__name__).joinpath(name))
