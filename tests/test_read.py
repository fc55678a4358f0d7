"""extractor.read: text encodings give the same report; bad inputs are one-line InputErrors."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from extractor import extract
from extractor.errors import EXIT_INPUT, InputError
from extractor.flat import flatten
from extractor.read import read


def spans(report) -> list[tuple[str, int, int, int, str]]:
    """Where the budget and indicator values were read, for comparing encodings."""
    out = []
    for name in ("initial", "adjusted", "executed", "execution_rate"):
        v = getattr(report.budget, name)
        out.append((name, v.span.line, v.span.start, v.span.end, v.span.text))
    for i, ind in enumerate(report.indicators):
        out.append(
            (f"score{i}", ind.score.span.line, ind.score.span.start, ind.score.span.end, ind.score.span.text)
        )
    return out


ENCODINGS = [
    ("gb18030", lambda s: s.encode("gb18030"), "gb18030"),
    ("utf8-bom", lambda s: codecs.BOM_UTF8 + s.encode("utf-8"), "utf-8-sig"),
    ("utf16-le-bom", lambda s: s.encode("utf-16"), "utf-16"),  # Python writes a BOM
    ("utf16-be-bom", lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"), "utf-16"),
    ("utf8-crlf", lambda s: s.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
]


@pytest.mark.parametrize("name, encode, encoding", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_encodings_give_the_same_flat_view(
    tmp_path, seed_path, seed_text, seed_report, seed_flat, name, encode, encoding
):
    path = tmp_path / f"seed-{name}.txt"
    data = encode(seed_text)
    path.write_bytes(data)
    if name.startswith("utf16"):
        assert b"\x00" in data  # really UTF-16, not a lucky ASCII file
    doc = read(path)
    assert doc.encoding == encoding
    assert doc.format == "text"
    assert doc.text == seed_text  # BOM dropped, CRLF made LF
    report = extract(path)
    assert report.source.encoding == encoding
    assert flatten(report) == seed_flat
    assert spans(report) == spans(seed_report)


def test_utf8_original(seed_path, seed_text):
    doc = read(seed_path)
    assert doc.encoding == "utf-8"
    assert doc.text == seed_text
    assert doc.page_starts == [0]
    assert len(doc.sha256) == 64


def test_gbk_subset_is_read_as_gb18030(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("预算执行率96.41%，得9.64分。".encode("gbk"))
    doc = read(path)
    assert doc.encoding == "gb18030"
    assert doc.text == "预算执行率96.41%，得9.64分。"


def test_form_feeds_start_pages(tmp_path):
    path = tmp_path / "pages.txt"
    path.write_text("第一页。\n\f第二页。\n", encoding="utf-8")
    doc = read(path)
    assert doc.page_starts == [0, doc.text.index("\f") + 1]


# --------------------------------------------------------------------------- bad inputs


def _rand(n: int, low: int = 0) -> bytes:
    rng = random.Random(20240305)
    return bytes(rng.randrange(low, 256) for _ in range(n))


BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\t\r\n \n", "empty"),
    "random.txt": (_rand(4000), "binary"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _rand(600), "binary"),
    "nonul.txt": (_rand(4000, low=1), "decodable"),
    "controls.txt": (bytes(range(1, 32)) * 100, "binary"),
    "bad-bom.txt": (codecs.BOM_UTF8 + b"\xff\xfe\xfa" * 50, "utf-8-sig"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_raise_input_error_naming_the_file(tmp_path, name):
    data, reason = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert reason in message
    assert "\n" not in message
    assert info.value.path == str(path)
    assert info.value.exit_code == EXIT_INPUT


def test_extract_raises_the_same_input_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty file"):
        extract(path)


def test_missing_file(tmp_path):
    path = tmp_path / "nope.txt"
    with pytest.raises(InputError) as info:
        read(path)
    assert str(info.value) == f"{path}: no such file"


def test_missing_file_as_string(tmp_path):
    path = str(tmp_path / "sub" / "nope.txt")
    with pytest.raises(InputError, match="no such file") as info:
        read(path)
    assert str(info.value).startswith(path + ": ")


def test_directory(tmp_path):
    with pytest.raises(InputError) as info:
        read(tmp_path)
    message = str(info.value)
    assert message.startswith(f"{tmp_path}: ")
    assert "folder" in message


@pytest.mark.parametrize("name", ["report.doc", "REPORT.DOC"])
def test_broken_legacy_doc_says_libreoffice_could_not_convert_it(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)  # OLE2 header, no streams
    with pytest.raises(InputError) as info:
        read(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert "LibreOffice" in message and ".doc" in message and "convert" in message


def test_broken_wps_says_libreoffice_could_not_convert_it(tmp_path):
    path = tmp_path / "report.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(InputError, match=r"LibreOffice .*\.wps"):
        read(path)


def test_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes(bytes(range(256)) * 4)  # (a .docx that is really text is read as text)
    with pytest.raises(InputError) as info:
        read(path)
    assert str(info.value).startswith(f"{path}: ")
    assert ".docx" in str(info.value)


def test_input_error_message_is_one_line():
    err = InputError("a/b.txt", "empty file")
    assert str(err) == "a/b.txt: empty file"
    assert (err.path, err.reason, err.stage) == ("a/b.txt", "empty file", "read")


def test_text_suffix_does_not_matter(tmp_path, seed_text):
    path = tmp_path / "seed"
    path.write_text(seed_text, encoding="utf-8")
    doc = read(path)
    assert doc.format == "text"
    assert doc.text == seed_text


def test_read_accepts_path_objects_and_strings(seed_path):
    assert read(seed_path).text == read(str(seed_path)).text
    assert read(Path(str(seed_path))).sha256 == read(str(seed_path)).sha256
