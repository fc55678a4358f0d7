"""The methods ``dataclasses`` generates and ``typing``'s forward references, kept compiled between
processes (数据类方法的编译缓存).

``@dataclass`` writes the source of each class's ``__init__``, ``__repr__``, ``__eq__`` (and
``__hash__``, ``__setattr__`` …) and compiles it with ``exec`` when the class is made: about 1 ms a
class, 74 classes in a ``jixiao extract`` (24 of jixiao's, the rest pydantic's and
annotated_types'), 60 ms of every start-up, most of it in the compiler. ``install()`` gives the
``dataclasses`` module an ``exec`` that looks the source text up among the code objects an earlier
process compiled (``marshal``, as Python's own ``__pycache__`` holds code) and compiles only what it
does not hold; ``save()`` writes the store when this process compiled new ones. Likewise ``typing``'s
``compile``: each string annotation made a ``ForwardRef`` is compiled when it is made, 760 of them
(pydantic_core's schema TypedDicts, their annotations strings), about 15 ms. And the standard
``re`` module's compiler (jieba's patterns with wide character classes, a long alternation of
labels, textwrap's and logging's patterns: about 15 ms): the program ``re`` makes of a pattern (a
list of numbers, what its pure-Python parser and compiler produce for ``_sre.compile``) is stored,
and a stored pattern is made by ``_sre.compile`` alone; only on Python 3.11, whose compiler this
repeats (``_sre_args``), elsewhere ``re`` is left as it is. The same text
compiled gives the same code, so the classes are the ones ``dataclasses`` makes without it. The file
name carries the Python version (a code object is read only by the interpreter that wrote it); a
file that cannot be read is ignored and every method is compiled as before. The store lives in the
cache folder (``extractor.cache``), like the pattern store: whoever can write there can put code in
it, as with the ``__pycache__`` folders of the installed packages.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import builtins
import dataclasses
import marshal
import re
import sys
import typing
from pathlib import Path
from types import CodeType
from typing import Any

FORMAT = "3"
MAX_ENTRIES = 2000  # far more than the classes of any run: a store that grows without end is not kept
_codes: dict[str, CodeType] = {}  # dataclasses' exec: source -> code
_forward: dict[str, CodeType] = {}  # typing's compile of a ForwardRef: expression -> code
_programs: dict[tuple[str, int], tuple[Any, ...]] = {}  # re: (pattern, flags) -> _sre.compile's arguments
_RE_COMPILE = re._compiler.compile  # type: ignore[attr-defined]
_state = {"installed": False, "new": 0}


def store_path() -> Path:
    from extractor.cache import cache_dir

    return cache_dir() / f"code-{FORMAT}-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal"


def install() -> None:
    """Load the store (once per process) and give ``dataclasses`` the caching ``exec``."""
    if _state["installed"]:
        return
    _state["installed"] = True
    stored = _read()
    _codes.update(stored.get("exec", {}))
    _forward.update(stored.get("eval", {}))
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # shadows the builtin in that module only
    typing.compile = _compile  # type: ignore[attr-defined]  # likewise: ForwardRef's one call
    if sys.version_info[:2] == (3, 11):
        _programs.update(stored.get("re", {}))
        re._compiler.compile = _re_compile  # type: ignore[attr-defined]  # what re._compile calls


def save() -> bool:
    """Write the store when this process compiled methods it does not hold; True if written."""
    if not _state["new"] or len(_codes) + len(_forward) + len(_programs) > MAX_ENTRIES:
        return False
    from extractor.cache import write_atomic

    try:
        stored = {"exec": dict(sorted(_codes.items())), "eval": dict(sorted(_forward.items()))}
        stored["re"] = dict(sorted(_programs.items()))
        write_atomic(store_path(), marshal.dumps(stored))
    except (OSError, ValueError):
        return False  # the store is only a shortcut
    _state["new"] = 0
    return True


def _read() -> dict[str, dict[Any, Any]]:
    try:
        data = marshal.loads(store_path().read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(data, dict):
        return {}
    stored = {
        mode: {k: v for k, v in codes.items() if isinstance(k, str) and isinstance(v, CodeType)}
        for mode, codes in data.items()
        if mode in ("exec", "eval") and isinstance(codes, dict)
    }
    programs = data.get("re")
    if isinstance(programs, dict):
        stored["re"] = {k: v for k, v in programs.items() if _is_program(k, v)}
    return stored


def _is_program(key: Any, args: Any) -> bool:
    return (
        isinstance(key, tuple)
        and len(key) == 2
        and isinstance(key[0], str)
        and isinstance(key[1], int)
        and isinstance(args, tuple)
        and len(args) == 5
    )


def _exec(source: Any, namespace: dict[str, Any] | None = None, local_ns: Any = None) -> None:
    """``exec`` as ``dataclasses`` calls it, a source text answered by its stored code."""
    if namespace is None:  # the caller's globals, as the builtin takes them: the dataclasses module's
        namespace = vars(dataclasses)
    if isinstance(source, str):
        source = _compiled(_codes, source, "exec")
    builtins.exec(source, namespace, local_ns)


def _compile(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
    """``compile`` as ``typing.ForwardRef`` calls it (an expression), answered from the store."""
    if isinstance(source, str) and filename == "<string>" and mode == "eval" and not args and not kwargs:
        return _compiled(_forward, source, "eval")
    return builtins.compile(source, filename, mode, *args, **kwargs)


def _compiled(codes: dict[str, CodeType], source: str, mode: str) -> CodeType:
    code = codes.get(source)
    if code is None:
        # dont_inherit: no future flag of this module (``annotations``) in the code, as the builtin
        # called from dataclasses.py or typing.py (which have none) compiles it
        code = codes[source] = builtins.compile(source, "<string>", mode, dont_inherit=True)
        _state["new"] += 1
    return code


def _re_compile(p: Any, flags: int = 0) -> Any:
    """``re._compiler.compile`` of a pattern string: its stored program given to ``_sre.compile``."""
    if not isinstance(p, str) or flags & re.DEBUG:
        return _RE_COMPILE(p, flags)
    args = _programs.get((p, flags))
    if args is not None:
        try:
            return _sre.compile(p, *args)
        except (TypeError, ValueError, RuntimeError, OverflowError):
            del _programs[p, flags]  # not a program this interpreter takes: made as before
    args = _programs[p, flags] = _sre_args(p, flags)
    _state["new"] += 1
    return _sre.compile(p, *args)


def _sre_args(pattern: str, flags: int) -> tuple[Any, ...]:
    """What Python 3.11's ``re._compiler.compile`` gives ``_sre.compile`` after the pattern."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    p = _parser.parse(pattern, flags)
    code = list(map(int, _compiler._code(p, flags)))  # its opcodes are an int subclass marshal refuses
    groupindex = p.state.groupdict
    indexgroup = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return int(flags | p.state.flags), code, p.state.groups - 1, dict(groupindex), tuple(indexgroup)
