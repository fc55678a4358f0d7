"""Web pages (.html/.htm, and .mhtml as a browser saves it; also the "Excel" files budget systems
write as HTML): paragraphs in document order and ``<table>`` elements as grids.

Parsed with lxml.html. The declared charset (``<meta charset>`` or ``http-equiv``;
the MIME part's charset in .mhtml) is honoured, GB2312/GBK read as their superset
GB18030; without one, or when it does not decode, the text reader's decoder
decides. Scripts, styles and navigation are dropped (``patterns/html.toml``), and
so is the page's metadata block (索引号, 发布机构, 发布日期 …): it is the page's,
not the report's.

Block elements (p, div, h1-h6, li, br …) end a line. A table is a grid
(rowspan/colspan placed as a browser places them; a short row is padded with
empty cells) unless it is a layout table: one holding another table, or with one
column only; a layout table is read as flowing content. A table is what the
browser lays out as one: a ``<table>``, or ``<div>`` rows and cells that the page's
CSS displays as table rows and cells (``read/css.py``).
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from extractor.errors import InputError
from extractor.grid import Cell, Table, build_table, goes_on_below, render
from extractor.models import Document
from extractor.read.celltext import cell_text
from extractor.read.css import ROW_GROUPS, Display

BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
    "article", "blockquote", "pre", "address", "header", "footer", "main", "aside", "center", "hr",
    "form", "fieldset", "figure", "figcaption", "caption", "body", "tr", "td", "th", "table",
}  # fmt: skip
_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", regex.IGNORECASE)
_XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*\?>")
_CLASS_SEPARATOR = regex.compile(r"[\s\-_]+")
_NOT_DIGITS = regex.compile(r"\D.*")
_METADATA_PUNCT = regex.compile(r"[\s【】\[\]:：|｜/]+")
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "csgb2312", "euc-cn"}


@dataclass
class _Vocabulary:
    dropped_tags: frozenset[str]
    class_words: frozenset[str]
    titles: frozenset[str]
    labels: tuple[str, ...]
    tools: frozenset[str]
    max_chars: int
    labelled: tuple[regex.Pattern[str], ...] = ()  # each label followed by a colon


def _vocabulary() -> _Vocabulary:
    from patterns import load

    words = load("html")
    return _Vocabulary(
        frozenset(words["dropped_tags"]),
        frozenset(words["dropped_class_words"]),
        frozenset(words["dropped_titles"]),
        tuple(sorted(words["metadata_labels"], key=len, reverse=True)),
        frozenset(words["page_tools"]),
        int(words["metadata_max_chars"]),
        tuple(regex.compile(regex.escape(w) + r"\s*[:：]") for w in words["metadata_labels"]),
    )


def read_html(path: str, data: bytes, charset: str | None = None) -> Document:
    import lxml.html

    text, encoding = decode_page(path, data, charset)
    text = _XML_DECLARATION.sub("", text)
    if not text.strip():
        raise InputError(path, "empty web page")
    try:
        root = lxml.html.document_fromstring(text)
    except Exception as exc:  # noqa: BLE001 - lxml's ParserError and friends
        raise InputError(path, f"not a readable web page ({type(exc).__name__})") from exc
    words = _vocabulary()
    out = _Writer(words, Display(root))
    out.walk(root)
    out.flush()
    if not out.text.strip():
        raise InputError(path, "the web page has no text")
    return Document(path=path, format="html", encoding=encoding, text=out.text, tables=out.tables)


def read_mhtml(path: str, data: bytes) -> Document:
    """A page saved as one .mhtml file: its first text/html part."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            return read_html(path, payload, part.get_content_charset())
    raise InputError(path, "the .mhtml file holds no web page (no text/html part)")


def decode_page(path: str, data: bytes, charset: str | None) -> tuple[str, str]:
    """The page's text and the encoding it was read in: the declared charset, else the text decoder."""
    from extractor.read.text import decode

    declared = charset or _declared(data)
    if declared:
        name = "gb18030" if declared.lower() in _GB else declared
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(path, data)


def _declared(data: bytes) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


class _Writer:
    """Walks the page and writes lines and tables into the document text."""

    def __init__(self, words: _Vocabulary, display: Display, page: bool = True) -> None:
        self.words, self.display, self.page = words, display, page
        self.text = ""
        self.tables: list[Table] = []
        self.line: list[str] = []

    def walk(self, el) -> None:
        for child in el.iterchildren():
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag and not self._dropped(child, tag.lower()):
                self._element(child, tag.lower())
            if child.tail:
                self.line.append(child.tail)

    def _element(self, el, tag: str) -> None:
        if tag == "br":
            self.flush()
            return
        if self.display(el) == "table" and not _layout(el, self.display):
            self.flush()
            self._table(el)
            return
        if tag in BLOCKS:
            self.flush()
        if el.text:
            self.line.append(el.text)
        self.walk(el)
        if tag in BLOCKS:
            self.flush()

    def _dropped(self, el, tag: str) -> bool:
        if tag in self.words.dropped_tags or el.get("role") == "navigation":
            return True
        if (el.get("title") or "").lower() in self.words.titles:
            return True
        if el.get("hidden") is not None or "display:none" in (el.get("style") or "").replace(" ", ""):
            return True
        names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
        return any(w in self.words.class_words for w in _CLASS_SEPARATOR.split(names) if w)

    def flush(self) -> None:
        line = " ".join("".join(self.line).split())
        self.line = []
        if line and not (self.page and _is_metadata(line, self.words)):
            self.text += line + "\n"

    def _table(self, el) -> None:
        rows = list(_grid_rows(el, self))  # (a table of divs has no spans: each cell 1 x 1)
        if not rows:
            return
        table = build_table(rows, "html")
        if _metadata_table(table, self.words) or not any(c.text for c in table.cells):
            return
        _pad(table)
        above = self._split_from()
        if above is not None and _goes_on(above, table):  # the rest of a table Word split (拆分表格)
            shift = above.n_rows
            for cell in table.cells:
                cell.row += shift
            above.cells += table.cells
            above.n_rows += table.n_rows
            self.text += render(above, len(self.text), range(shift, above.n_rows))
            return
        self.text += render(table, len(self.text))
        self.tables.append(table)

    def _split_from(self) -> Table | None:
        """The table written last, when nothing but blank lines (an empty paragraph) stands after it."""
        last = self.tables[-1] if self.tables else None
        return last if last is not None and not self.text[last.end :].strip() else None


def _goes_on(above: Table, below: Table) -> bool:
    """A table right under another, as wide, opening with an empty cell under a filled one, or with
    the labels closing the part above's first two columns written again (绩效指标 | 效益指标 | …): the
    rest of a table Word split, its first columns the merged cells of the part above going on (as
    the .docx reader and ``pdf_continued`` read it)."""
    if above.n_cols != below.n_cols or below.n_cols < 3:
        return False
    last, top = above.covering()[-1], below.covering()[0]
    repeated = all(
        a is not None and b is not None and a.text and a.text == b.text
        for a, b in zip(last[:2], top[:2], strict=False)
    )
    return goes_on_below(above, below) or repeated


def _layout(table, display: Display) -> bool:
    """A table used for page layout: it holds another table, or it has one column."""
    if any(display(el) == "table" for el in table.iterdescendants()):
        return True
    rows = [tr for tr in _own_rows(table, display)]
    return bool(rows) and all(len(list(_own_cells(tr, display))) <= 1 for tr in rows)


def _own_rows(table, display: Display) -> Iterator:
    for child in table.iterchildren():
        shown = display(child)
        if shown == "table-row":
            yield child
        elif shown in ROW_GROUPS:
            yield from (tr for tr in child.iterchildren() if display(tr) == "table-row")


def _own_cells(tr, display: Display) -> Iterator:
    return (td for td in tr.iterchildren() if display(td) == "table-cell")


def _span(td, name: str) -> int:
    try:
        return max(1, min(int(_NOT_DIGITS.sub("", (td.get(name) or "1").strip()) or 1), 1000))
    except ValueError:
        return 1


def _grid_rows(table, writer: _Writer) -> Iterator[list[Cell]]:
    """Origin cells row by row, placed as a browser places them (skipping positions taken by rowspans)."""
    rows = list(_own_rows(table, writer.display))
    taken: set[tuple[int, int]] = set()
    for r, tr in enumerate(rows):
        out, c = [], 0
        for td in _own_cells(tr, writer.display):
            while (r, c) in taken:
                c += 1
            rowspan = min(_span(td, "rowspan"), len(rows) - r)
            colspan = _span(td, "colspan")
            taken.update((rr, cc) for rr in range(r, r + rowspan) for cc in range(c, c + colspan))
            out.append(Cell(row=r, col=c, rowspan=rowspan, colspan=colspan, text=_cell_text(td, writer)))
            c += colspan
        yield out


def _cell_text(td, writer: _Writer) -> str:
    """A cell's text with its block children and <br> as line breaks, then joined on one line."""
    inner = _Writer(writer.words, writer.display, page=False)
    if td.text:
        inner.line.append(td.text)
    inner.walk(td)
    inner.flush()
    return cell_text(inner.text)


def _pad(table: Table) -> None:
    """Empty cells where a short row leaves positions no cell covers."""
    covered = table.covering()
    for r, row in enumerate(covered):
        for c, cell in enumerate(row):
            if cell is None:
                table.cells.append(Cell(row=r, col=c))
    table.cells.sort(key=lambda cell: (cell.row, cell.col))


def _is_metadata(line: str, words: _Vocabulary) -> bool:
    if len(line) > words.max_chars:
        return False
    if any(line.startswith(w) and line[len(w) :].lstrip()[:1] in (":", "：") for w in words.labels):
        return True
    labelled = sum(1 for label in words.labelled if label.search(line))
    if labelled >= 2:
        return True
    rest = _METADATA_PUNCT.sub(" ", line).split()
    return bool(rest) and all(w in words.tools or w in words.labels for w in rest)


def _metadata_table(table: Table, words: _Vocabulary) -> bool:
    texts = [c.text for c in table.cells if c.text]
    hits = sum(1 for t in texts if t.rstrip(":： ") in words.labels or _is_metadata(t, words))
    return bool(texts) and 2 * hits >= len(texts)
