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


def write_atomic(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all (a temp file beside it, renamed); OSError passes up."""
    import tempfile  # here: a start-up that writes nothing imports neither it nor shutil

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
