"""pydantic's plugin discovery skipped (extractor.pydantic_plugins) unless PYDANTIC_DISABLE_PLUGINS is set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "corpus" / "xj-street-2024.txt"

_CHILD = """
import json, sys
from extractor import extract
from extractor.flat import flatten
flat = flatten(extract(sys.argv[1]))
loader = sys.modules["pydantic.plugin._loader"]
print(json.dumps({"metadata": "importlib.metadata" in sys.modules, "plugins": list(loader.get_plugins()),
                  "year": flat["report.fiscal_year"], "keys": len(flat)}))
"""


def _child(tmp_path: Path, **env: str) -> dict:
    environ = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    environ.update(JIXIAO_CACHE=str(tmp_path / "cache"), **env)
    argv = [sys.executable, "-c", _CHILD, str(SEED)]
    out = subprocess.run(argv, cwd=ROOT, env=environ, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_models_are_built_without_reading_the_installed_packages(tmp_path):
    skipped = _child(tmp_path)
    assert skipped["metadata"] is False  # importlib.metadata never imported
    assert skipped["plugins"] == []
    assert skipped["year"] == 2024


def test_a_user_setting_pydantic_disable_plugins_gets_pydantics_own_loader(tmp_path):
    own = _child(tmp_path, PYDANTIC_DISABLE_PLUGINS="")
    assert own["metadata"] is True  # pydantic's loader read the entry points
    assert own["plugins"] == []  # none installed here
    assert own == {**_child(tmp_path), "metadata": True}  # the same report
