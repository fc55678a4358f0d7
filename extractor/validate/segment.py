"""jieba's search-mode word cut (分词) without loading its whole dictionary into memory.

    from extractor.validate.segment import cut_for_search
    cut_for_search("全民免费体检人数")   # ['全民', '免费', '体检', '免费体检', '人数']

jieba reads its 500 000-word dictionary (plus ``patterns/jieba_user.txt``) into a dict
before the first cut: half a second of every ``jixiao extract``. The cut itself only
ever looks up substrings of the text it cuts, so here the dictionary jieba builds is
written once to an SQLite file (the cache folder: ``$JIXIAO_CACHE``, else
``$XDG_CACHE_HOME/jixiao``, else ``~/.cache/jixiao``) and each word is looked up there
when the cut asks for it (and kept). The words, frequencies and total are jieba's own,
so every cut is the one jieba gives. Where no cache can be written, jieba is used as
it is (its dictionary in memory).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import patterns
from extractor.cache import cache_dir

USER_WORDS = "jieba_user.txt"  # domain words: 低保户, 信访案件 …
SCHEMA_VERSION = "1"


def cut_for_search(text: str) -> list[str]:
    """jieba's ``cut_for_search`` of text (HMM on), with the domain words of patterns/jieba_user.txt."""
    return list(_tokenizer().cut_for_search(text))


def cut(text: str) -> list[str]:
    """jieba's precise cut of text, dictionary words only (HMM off: no word it guesses)."""
    return list(_tokenizer().cut(text, HMM=False))


def splits_word(left: str, right: str, reach: int = 4) -> bool:
    """Whether ``left`` + ``right`` puts a dictionary word across the point between them (执行相 |
    关制度: 相关), cutting the last ``reach`` characters of one and the first of the other."""
    head, tail = left[-reach:], right[:reach]
    at = 0
    for word in cut(head + tail):
        if at < len(head) < at + len(word):
            return True
        at += len(word)
    return False


def _import_jieba() -> Any:
    """jieba, imported without pkg_resources (its fallback reads the same files; 70 ms less)."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    saved = sys.modules.get("pkg_resources", False)
    if saved is False:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import fails: jieba opens files
    try:
        import jieba
    finally:
        if saved is False:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(60)
    return jieba


def _full_tokenizer() -> Any:
    """jieba's default tokenizer, its whole dictionary loaded, with the domain words."""
    jieba = _import_jieba()
    jieba.initialize()
    jieba.load_userdict(patterns.path(USER_WORDS))
    return jieba.dt


@cache
def _tokenizer() -> Any:
    jieba = _import_jieba()
    store = _store()
    if store is None:
        return _full_tokenizer()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = words = _Words(store)
    tokenizer.total = int(words.db().execute("SELECT value FROM meta WHERE key = 'total'").fetchone()[0])
    tokenizer.initialized = True
    return tokenizer


class _Words:
    """jieba's FREQ (word or word prefix -> frequency) read from the SQLite store as asked, kept.

    A process forked after the first cut (a batch worker) opens its own connection: SQLite's
    connections must not be carried across fork()."""

    def __init__(self, store: Path) -> None:
        self._store = store
        self._pid = -1
        self._db: sqlite3.Connection | None = None
        self._known: dict[str, int | None] = {}

    def db(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():
            self._db = sqlite3.connect(f"file:{self._store}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._db

    def _lookup(self, word: str) -> int | None:
        try:
            return self._known[word]
        except KeyError:
            row = self.db().execute("SELECT f FROM freq WHERE w = ?", (word,)).fetchone()
            self._known[word] = freq = None if row is None else row[0]
            return freq

    def __contains__(self, word: str) -> bool:
        return self._lookup(word) is not None

    def __getitem__(self, word: str) -> int:
        freq = self._lookup(word)
        if freq is None:
            raise KeyError(word)
        return freq

    def get(self, word: str, default: int | None = None) -> int | None:
        freq = self._lookup(word)
        return default if freq is None else freq


def _store_key() -> str:
    """Changes when jieba, its dictionary or the domain words change."""
    jieba = _import_jieba()
    dictionary = Path(jieba.__file__).with_name("dict.txt")
    stat = dictionary.stat()
    user = Path(patterns.path(USER_WORDS)).read_bytes()
    parts = [SCHEMA_VERSION, jieba.__version__, str(stat.st_size), str(stat.st_mtime_ns)]
    return hashlib.sha256("\0".join(parts).encode() + b"\0" + user).hexdigest()[:16]


def _store() -> Path | None:
    """The SQLite copy of jieba's dictionary, made now if missing; None when none can be made."""
    try:
        path = cache_dir() / f"jieba-{_store_key()}.sqlite"
        if not path.is_file():
            _write_store(path)
        return path
    except (OSError, sqlite3.Error):
        return None


def _write_store(path: Path) -> None:
    """jieba's dictionary as jieba builds it (domain words added), written atomically."""
    tokenizer = _full_tokenizer()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        with db:
            db.execute("CREATE TABLE freq (w TEXT PRIMARY KEY, f INTEGER NOT NULL) WITHOUT ROWID")
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.executemany("INSERT INTO freq VALUES (?, ?)", tokenizer.FREQ.items())
            db.execute("INSERT INTO meta VALUES ('total', ?)", (str(tokenizer.total),))
        db.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
