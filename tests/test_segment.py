"""jieba's cut from the SQLite store is the cut of jieba with its whole dictionary in memory."""

from __future__ import annotations

import os
import sys

import pytest

from extractor.validate import segment

TEXTS = [
    "全民免费体检人数",
    "低保户救助人数",
    "信访案件办结率",
    "就业困难人员就业人数",
    "受资助学生满意度",
    "道路优良率",
    "新增城镇就业人数（人）",
    "完成老旧小区改造12个",
    "abc123 混合 text，标点；",
    "",
]


@pytest.fixture()
def fresh(tmp_path, monkeypatch):
    """A segment module with an empty cache folder and no tokenizer yet."""
    monkeypatch.setenv("JIXIAO_CACHE", str(tmp_path / "cache"))
    segment._tokenizer.cache_clear()
    yield tmp_path / "cache"
    segment._tokenizer.cache_clear()


def _jieba_cuts(texts: list[str]) -> list[list[str]]:
    tokenizer = segment._full_tokenizer()
    return [list(tokenizer.cut_for_search(t)) for t in texts]


def _seed_lines(seed_text: str) -> list[str]:
    return [line.strip() for line in seed_text.splitlines() if 0 < len(line.strip()) <= 60][:300]


def test_store_cuts_as_jieba_does(fresh, seed_text):
    texts = TEXTS + _seed_lines(seed_text)
    ours = [segment.cut_for_search(t) for t in texts]
    assert list(fresh.glob("jieba-*.sqlite")), "the store was written"
    assert ours == _jieba_cuts(texts)
    assert "免费体检" in segment.cut_for_search("全民免费体检人数")  # a domain word of jieba_user.txt


def test_a_second_process_reads_the_store_without_loading_the_dictionary(fresh):
    segment.cut_for_search("全民免费体检人数")  # writes the store
    segment._tokenizer.cache_clear()
    tokenizer = segment._tokenizer()
    assert isinstance(tokenizer.FREQ, segment._Words)
    assert segment.cut_for_search("信访案件办结率") == _jieba_cuts(["信访案件办结率"])[0]


def test_no_writable_cache_falls_back_to_jieba_in_memory(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("JIXIAO_CACHE", str(blocked / "cache"))
    segment._tokenizer.cache_clear()
    try:
        tokenizer = segment._tokenizer()
        assert isinstance(tokenizer.FREQ, dict)
        assert segment.cut_for_search("低保户救助人数") == _jieba_cuts(["低保户救助人数"])[0]
    finally:
        segment._tokenizer.cache_clear()


def test_cli_import_loads_no_heavy_module():
    import subprocess

    code = (
        "import sys, cli; heavy = ('pydantic', 'cn2an', 'jieba', 'pdfplumber', 'openpyxl', 'lxml');"
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
    helped = code.replace(
        "print(", "sys.argv = ['jixiao', '--help']\ntry: cli.main()\nexcept SystemExit: pass\nprint("
    )
    out = subprocess.run([sys.executable, "-c", helped], capture_output=True, text=True, check=True)
    assert "Usage" in out.stdout and out.stdout.strip().splitlines()[-1] != "pydantic"
    assert not any(m in out.stdout.strip().splitlines()[-1] for m in ("pydantic", "jieba", "cn2an"))


def test_a_forked_process_cuts_with_its_own_connection(fresh):
    """A batch worker forked after the supervisor's first cut opens its own SQLite connection
    (none is carried across fork) and cuts what the parent cuts."""
    import multiprocessing as mp

    assert segment.cut_for_search(TEXTS[0]) == _jieba_cuts(TEXTS[:1])[0]
    words = segment._tokenizer().FREQ
    parent_db = words.db()
    ctx = mp.get_context("fork")
    with ctx.Pool(1) as pool:
        cuts, opened_for, child_pid = pool.apply(_cuts_and_connection, (TEXTS,))
    assert cuts == _jieba_cuts(TEXTS)
    assert opened_for == child_pid != os.getpid()
    assert words.db() is parent_db  # the parent keeps its own


def _cuts_and_connection(texts: list[str]) -> tuple[list[list[str]], int, int]:
    """In the child: the cuts, the pid the store's connection was opened in, and the child's pid."""
    cuts = [segment.cut_for_search(t) for t in texts]
    return cuts, segment._tokenizer().FREQ._pid, os.getpid()
