"""Plain-text reports in any Chinese encoding.

Strict UTF-8 (with or without BOM) and UTF-16 with BOM are tried first; then
GB18030, which decodes GBK text exactly; charset-normalizer only decides the
rest, since alone it misreads short GB18030 files as big5.
"""

from __future__ import annotations

import codecs

from extractor.errors import InputError
from extractor.models import Document
from extractor.read.recover import recover_tables

CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}


def read_text(path: str, data: bytes) -> Document:
    if not data.strip():
        raise InputError(path, "empty file")
    text, encoding = decode(path, data)
    if looks_binary(text):
        raise InputError(path, "binary data, not text (is it a renamed file?)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\f"]
    return Document(
        path=path, format="text", encoding=encoding, text=text, page_starts=pages, tables=recover_tables(text)
    )


def decode(path: str, data: bytes) -> tuple[str, str]:
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(path, f"declares {name} but does not decode ({exc.reason})") from exc
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary data, not text (NUL bytes)")
    for name in ("utf-8", "gb18030"):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "not decodable as text in any known encoding")
    return str(best), best.encoding


def looks_binary(text: str) -> bool:
    sample = text[:8192]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in CONTROL_OK) or ch == "\ufffd")
    return bad > max(3, len(sample) // 100)
