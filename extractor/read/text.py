"""Plain-text reports in any Chinese encoding.

Strict UTF-8 (with or without BOM) and UTF-16 with BOM are tried first; NUL
bytes mean UTF-16 without BOM (little or big endian, whichever decodes to
Chinese text) or binary data; then GB18030, which decodes GBK text exactly;
charset-normalizer only decides the rest, since alone it misreads short GB18030 files as big5.
"""

from __future__ import annotations

import codecs

from extractor.errors import InputError
from extractor.models import Document
from extractor.read.recover import recover_tables

CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}
# What a report's characters are: ASCII, CJK ideographs, CJK and full-width punctuation.
_TEXT_RANGES = ((0x20, 0x7E), (0x4E00, 0x9FFF), (0x3000, 0x303F), (0xFF00, 0xFFEF), (0x2010, 0x203F))
# control characters text does not hold, and the replacement character of a failed decode
_BAD_CHARS = [chr(i) for i in range(32) if chr(i) not in CONTROL_OK] + ["\ufffd"]
UTF16_SHARE = 0.9  # at least this share of such characters: the bytes are UTF-16 text


def read_text(path: str, data: bytes) -> Document:
    if not data.strip():
        raise InputError(path, "empty file")
    text, encoding = decode(path, data)
    if looks_binary(text):
        raise InputError(path, "binary data, not text (is it a renamed file?)")
    return text_document(path, text, encoding)


def text_document(path: str, text: str, encoding: str | None = None) -> Document:
    """The Document of a decoded text: line ends made '\n', pages at form feeds, tables
    recovered from its lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages, at = [0], text.find("\f")
    while at >= 0:
        pages.append(at + 1)
        at = text.find("\f", at + 1)
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
        name = utf16_without_bom(data)
        if name is None:
            raise InputError(path, "binary data, not text (NUL bytes)")
        return data.decode(name), name
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


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes decode to report-like text that way, else None."""
    if len(data) % 2:
        return None
    best, share = None, UTF16_SHARE
    for name in ("utf-16-le", "utf-16-be"):
        try:
            sample = data[:8192].decode(name)
            data.decode(name)
        except UnicodeDecodeError:
            continue
        got = _text_share(sample)
        if got >= share:
            best, share = name, got
    return best


def _text_share(text: str) -> float:
    ok = sum(1 for ch in text if ch in CONTROL_OK or any(a <= ord(ch) <= b for a, b in _TEXT_RANGES))
    return ok / max(len(text), 1)


def looks_binary(text: str) -> bool:
    sample = text[:8192]
    bad = sum(map(sample.count, _BAD_CHARS))
    return bad > max(3, len(sample) // 100)
