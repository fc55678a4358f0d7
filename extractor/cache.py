"""The cache folder: ``$JIXIAO_CACHE``, else ``$XDG_CACHE_HOME/jixiao``, else ``~/.cache/jixiao``.

Holds files that can be rebuilt at any time (jieba's dictionary store, the compiled patterns)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    if os.environ.get("JIXIAO_CACHE"):
        return Path(os.environ["JIXIAO_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "jixiao"
