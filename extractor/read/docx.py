"""Word (.docx) reports: paragraphs and tables in document order.

Tables become grids (``grid.Table``, in ``Document.tables``): a cell's
``gridSpan`` is its colspan, a ``vMerge`` continuation adds a row to the cell
above it, an empty cell stays a cell; each table is also written into the text
(``grid.render``) in its place, for spans and display. Rows and cells inside content
controls (w:sdt) or custom XML are the table's; a row deleted as a tracked change is not,
nor is deleted text. A frame table (one cell a row, holding a table: a form drawn inside
a border) is read as its cells' content: paragraphs and tables; so is a text box holding a
table (other text boxes are left out), after the paragraph it stands in. A table Word split
in two (拆分表格: only empty paragraphs between, the same column grid, the second's first row
merged down from the first, or opening with an empty cell) is one grid. Word's automatic
numbering has no digits in the text: the marker is rebuilt from numbering.xml
(format, level text such as '%1、' or '（%2）', start values, counters per list
and level) and put before the paragraph's text, so the section splitter sees
'一、' / '（一）' / '1.' headings. Page breaks (explicit, or where Word last laid
out a page) start a new page for provenance.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from extractor.errors import InputError
from extractor.grid import Cell, Table, build_table, render
from extractor.models import Document
from extractor.script import CJK_WIDE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
SKIPPED = {"txbxContent", "Fallback", "del", "moveFrom", "delText", "instrText", "rPr", "pPr"}
PAGE_BREAK = object()  # marks a page break inside the text pieces of a paragraph


def _not_a_word_package(data: bytes) -> str | None:
    """Why the bytes are not a Word package, in words a user can act on; None when they are."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
    except zipfile.BadZipFile:
        return "not a .docx file: not a zip package (a renamed file, or a truncated download?)"
    if "word/document.xml" not in names:
        shown = ", ".join(names[:3]) + (" …" if len(names) > 3 else "")
        return f"not a Word document: the zip holds no word/document.xml ({shown or 'it is empty'})"
    return None


def read_docx(path: str, data: bytes) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    why = _not_a_word_package(data)
    if why:
        raise InputError(path, why)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"not a readable .docx file ({type(exc).__name__})") from exc
    except Exception as exc:  # noqa: BLE001 - broken XML inside the package
        raise InputError(path, f"not a readable .docx file ({type(exc).__name__})") from exc
    tables: list[Table] = []
    text, starts = _assemble(_blocks(document, Numbering(document)), tables)
    if not text.strip():
        raise InputError(path, "the .docx file has no text")
    return Document(path=path, format="docx", text=text, page_starts=starts, tables=tables)


def _assemble(lines: Iterator[list], tables: list[Table]) -> tuple[str, list[int]]:
    """Text and page starts: a page starts at the first character after a page break.
    A table is written in its place (``grid.render``) and collected in ``tables``."""
    parts: list[str] = []
    length, starts, pending = 0, [0], False
    for pieces in lines:
        if pieces and isinstance(pieces[0], Table):
            table = pieces[0]
            table.page = len(starts)
            for cell in table.cells:
                cell.page = table.page
            text = render(table, length)
            parts.append(text)
            length += len(text)
            tables.append(table)
            continue
        for piece in [*pieces, "\n"]:
            if piece is PAGE_BREAK:
                pending = True
                continue
            if pending and piece.strip():
                start = length + len(piece) - len(piece.lstrip())
                if start > starts[-1]:
                    starts.append(start)
                pending = False
            parts.append(piece)
            length += len(piece)
    return "".join(parts), starts


def _blocks(document, numbering: Numbering, parent=None) -> Iterator[list]:
    """Per line: text pieces, with PAGE_BREAK where a page starts. A frame table (one cell a
    row, holding a table: a form drawn inside a border) is read as the content of its cells, a
    text box holding a table as the content of the box, after the paragraph it stands in; a
    table split in two by Word (拆分表格) is read as one."""
    children = list(_children(document.element.body if parent is None else parent))
    done: set[int] = set()
    for i, child in enumerate(children):
        tag = child.tag.rsplit("}", 1)[-1]
        if i in done:
            continue
        if tag == "p":
            marker = numbering.marker(_num_pr(child, document))
            pieces = paragraph_pieces(child)
            yield ([_with_marker(marker, pieces)] if marker else []) + pieces
            for box in _table_boxes(child):
                yield from _blocks(document, numbering, box)
        elif tag == "tbl" and _is_frame(child):
            for tc in (tc for tr in _children(child, "tr") for tc in _children(tr, "tc")):
                yield from _blocks(document, numbering, tc)
        elif tag == "tbl":
            parts = _split_parts(children, i)
            done.update(range(i, parts[-1] + 1))
            yield [table_grid(*(children[k] for k in parts))]


def _table_boxes(p) -> Iterator:
    """The text boxes of a paragraph that hold a table: the box Word draws (mc:Choice, or a VML
    box alone), not its VML copy in mc:Fallback, nor a box inside another box."""
    for box in p.iter(f"{W}txbxContent"):
        outer = {a.tag for a in box.iterancestors()}
        if not outer & {f"{MC}Fallback", f"{W}txbxContent"} and box.find(f".//{W}tbl") is not None:
            yield box


def _split_parts(children: list, i: int) -> list[int]:
    """The indexes of the table at ``i`` and of the tables continuing it: after nothing but empty
    paragraphs, a table on the same column grid whose first row opens with cells merged down
    from above (vMerge continuations: the rest of a table Word split)."""
    parts = [i]
    k = i + 1
    while k < len(children):
        child = children[k]
        if child.tag == f"{W}p" and not _text_of(child).strip():
            k += 1
            continue
        if child.tag != f"{W}tbl" or not _continues(children[parts[-1]], child):
            break
        parts.append(k)
        k += 1
    return parts


def _text_of(p) -> str:
    return "".join(piece for piece in paragraph_pieces(p) if isinstance(piece, str))


def _continues(first, second) -> bool:
    """Whether ``second`` is the rest of ``first``: the same column grid, and a first row that
    opens with cells merged down from above (vMerge continuations), or, as a split table comes
    back from a .doc, with an empty first cell (the continued 绩效指标 / 一级指标 cells), or with
    the merged labels of the last row above written again (绩效指标 | 效益指标 | …, the same cells)."""
    widths = [[g.get(f"{W}w") for g in t.iterfind(f"{W}tblGrid/{W}gridCol")] for t in (first, second)]
    top = next(_children(second, "tr"), None)
    if top is None or widths[0] != widths[1]:
        return False
    cells = list(_children(top, "tc"))
    merged = any(
        (m := tc.find(f"{W}tcPr/{W}vMerge")) is not None and m.get(f"{W}val", "continue") == "continue"
        for tc in cells
    )
    return merged or bool(cells) and (not _cell_text(cells[0]) or _repeats_labels(first, cells))


def _repeats_labels(first, cells: list) -> bool:
    """The first two cells of a row are those that close ``first``'s first two columns again (a
    cell merged down is its first row's), on a row of as many cells."""
    rows = [list(_children(tr, "tc")) for tr in _children(first, "tr")]
    if len(cells) < 3 or not rows or len(rows[-1]) != len(cells):
        return False
    for k in (0, 1):
        above = next((t for row in reversed(rows) if len(row) > k and (t := _cell_text(row[k]))), "")
        if not above or above != _cell_text(cells[k]):
            return False
    return True


WRAPPERS = {f"{W}sdt", f"{W}customXml"}  # content controls and custom XML: their content is in place


def _children(parent, tag: str | None = None) -> Iterator:
    """The element's children, those inside content controls (w:sdt) and custom XML in their
    place; with ``tag``, only those (rows of a table, cells of a row). A row deleted as a tracked
    change (w:trPr/w:del) is left out: the document as accepted has no such row."""
    for child in parent.iterchildren():
        if child.tag in WRAPPERS:
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                yield from _children(content, tag)
        elif tag is None or child.tag == f"{W}{tag}":
            if not (tag == "tr" and child.find(f"{W}trPr/{W}del") is not None):
                yield child


def _is_frame(tbl) -> bool:
    """A table of one cell a row that holds a table of its own."""
    rows = list(_children(tbl, "tr"))
    one_cell = all(len(list(_children(tr, "tc"))) == 1 for tr in rows)
    return bool(rows) and one_cell and tbl.find(f".//{W}tc/{W}tbl") is not None


def paragraph_pieces(p) -> list:
    """The paragraph's text in reading order; PAGE_BREAK where a page break stands.

    Deleted (tracked) text, field codes and text boxes are left out."""
    out: list = []

    def walk(el) -> None:
        for child in el.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if tag in SKIPPED:
                continue
            if tag == "t":
                out.append(child.text or "")
            elif tag == "tab":
                out.append("\t")
            elif tag == "br" and child.get(f"{W}type") == "page" or tag == "lastRenderedPageBreak":
                out.append(PAGE_BREAK)
            elif tag in ("br", "cr"):
                out.append("\n")
            elif tag == "noBreakHyphen":
                out.append("-")
            else:
                walk(child)

    walk(p)
    return out


def _with_marker(marker: str, pieces: list) -> str:
    first = next((p for p in pieces if isinstance(p, str) and p.strip()), "")
    tight = marker[-1] in "、）)．" or not first or not first.lstrip()[:1].isdigit()
    return marker if tight else marker + " "


def table_grid(*tbls) -> Table:
    """A Word table (or the parts of one Word split, in order) as a grid: a cell's ``gridSpan``
    is its colspan, ``gridBefore`` skips columns, and a ``vMerge`` continuation cell adds a row
    to the cell above it instead of being a cell of its own. Empty cells stay cells."""
    cells: list[Cell] = []
    open_cells: dict[int, Cell] = {}  # column -> the origin cell a vMerge continuation extends
    rows = (tr for tbl in tbls for tr in _children(tbl, "tr"))
    for r, tr in enumerate(rows):
        col = _int(_val(tr, f"{W}trPr/{W}gridBefore"))
        for tc in _children(tr, "tc"):
            span = max(1, _int(_val(tc, f"{W}tcPr/{W}gridSpan"), 1))
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            above = open_cells.get(col)
            if merge is not None and merge.get(f"{W}val", "continue") == "continue" and above is not None:
                above.rowspan = r - above.row + 1
            else:
                cell = Cell(row=r, col=col, colspan=span, text=_cell_text(tc))
                cells.append(cell)
                for c in range(col, col + span):
                    open_cells[c] = cell
            col += span
    return build_table([cells], "docx")


def _val(el, path: str) -> str | None:
    found = el.find(path)
    return None if found is None else found.get(f"{W}val")


def _cell_text(tc) -> str:
    """A cell's paragraphs joined, spaces collapsed: no space left between CJK characters."""
    lines = (_text_of(par) for par in _paragraphs(tc))
    text = "\n".join(lines)
    out = ""
    for piece in text.split():
        out += ("" if not out or (CJK_WIDE.match(out[-1]) and CJK_WIDE.match(piece[0])) else " ") + piece
    return out


def _paragraphs(tc) -> Iterator:
    """The cell's paragraphs, those of a table nested in it included, in order."""
    for child in _children(tc):
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield child
        elif tag == "tbl":
            for inner in child.iter(f"{W}tc"):
                yield from _paragraphs(inner)


# --------------------------------------------------------------------------- numbering


def _num_pr(p, document) -> tuple[int, int] | None:
    """(numId, ilvl) of a paragraph: its own numPr, else its style's (through based-on styles)."""
    ppr = p.find(f"{W}pPr")
    found = _read_num_pr(ppr)
    if found is not None:
        return found
    style = ppr.find(f"{W}pStyle") if ppr is not None else None
    return _style_num_pr(document, style.get(f"{W}val") if style is not None else None)


def _read_num_pr(ppr) -> tuple[int, int] | None:
    num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
    if num_pr is None:
        return None
    num_id, ilvl = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
    if num_id is None:
        return None
    return _int(num_id.get(f"{W}val")), _int(ilvl.get(f"{W}val")) if ilvl is not None else 0


def _style_num_pr(document, style_id: str | None) -> tuple[int, int] | None:
    styles = document.styles.element
    seen = set()
    while style_id and style_id not in seen:
        seen.add(style_id)
        style = next((s for s in styles.iterchildren(f"{W}style") if s.get(f"{W}styleId") == style_id), None)
        if style is None:
            return None
        found = _read_num_pr(style.find(f"{W}pPr"))
        if found is not None:
            return found
        based = style.find(f"{W}basedOn")
        style_id = based.get(f"{W}val") if based is not None else None
    return None


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 never
    legal: bool = False  # w:isLgl: every placeholder in decimal


@dataclass
class Num:
    abstract: int
    levels: dict[int, Level] = field(default_factory=dict)  # lvlOverride/lvl
    starts: dict[int, int] = field(default_factory=dict)  # lvlOverride/startOverride


class Numbering:
    """numbering.xml: list definitions, and the counters of the lists met so far."""

    def __init__(self, document) -> None:
        self.abstract: dict[int, dict[int, Level]] = {}
        self.nums: dict[int, Num] = {}
        self.counters: dict[int, dict[int, int]] = {}
        self.started: set[int] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for a in root.iterchildren(f"{W}abstractNum"):
            self.abstract[_int(a.get(f"{W}abstractNumId"))] = {
                _int(lvl.get(f"{W}ilvl")): _level(lvl) for lvl in a.iterchildren(f"{W}lvl")
            }
        for n in root.iterchildren(f"{W}num"):
            ref = n.find(f"{W}abstractNumId")
            num = Num(_int(ref.get(f"{W}val")) if ref is not None else -1)
            for o in n.iterchildren(f"{W}lvlOverride"):
                ilvl = _int(o.get(f"{W}ilvl"))
                start, lvl = o.find(f"{W}startOverride"), o.find(f"{W}lvl")
                if start is not None:
                    num.starts[ilvl] = _int(start.get(f"{W}val"), 1)
                if lvl is not None:
                    num.levels[ilvl] = _level(lvl)
            self.nums[_int(n.get(f"{W}numId"))] = num

    def level(self, num: Num, ilvl: int) -> Level | None:
        return num.levels.get(ilvl) or self.abstract.get(num.abstract, {}).get(ilvl)

    def marker(self, num_pr: tuple[int, int] | None) -> str:
        """The marker Word shows before this paragraph ('' for none), advancing the counters."""
        if num_pr is None or num_pr[0] not in self.nums:
            return ""
        num_id, ilvl = num_pr
        num = self.nums[num_id]
        level = self.level(num, ilvl)
        if level is None or level.fmt == "bullet":
            return ""
        counts = self.counters.setdefault(num.abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in num.starts.items():
                counts[lv] = start - 1
        counts[ilvl] = counts.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            restart = self.level(num, deeper)
            if restart is None or restart.restart is None or 0 < restart.restart <= ilvl + 1:
                del counts[deeper]
        return self._text(num, level, counts)

    def _text(self, num: Num, level: Level, counts: dict[int, int]) -> str:
        out = level.text
        for k in range(9):
            if f"%{k + 1}" not in out:
                continue
            lv = self.level(num, k) or Level()
            value = counts.get(k, lv.start)
            fmt = "decimal" if level.legal and k != num_level(level) else lv.fmt
            out = out.replace(f"%{k + 1}", format_number(value, fmt))
        return out.strip()


def num_level(level: Level) -> int:
    """The level a w:lvl's own placeholder refers to (the highest %n in its text)."""
    return max((k for k in range(9) if f"%{k + 1}" in level.text), default=0)


def _level(el) -> Level:
    def val(tag: str) -> str | None:
        child = el.find(f"{W}{tag}")
        return child.get(f"{W}val") if child is not None else None

    restart = val("lvlRestart")
    legal = el.find(f"{W}isLgl")
    return Level(
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") if val("lvlText") is not None else "",
        start=_int(val("start"), 1),
        restart=_int(restart) if restart is not None else None,
        legal=legal is not None and legal.get(f"{W}val", "true") not in ("0", "false"),
    )


# --------------------------------------------------------------------------- number formats

CN_DIGITS = "〇一二三四五六七八九"
CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l")]
ROMAN += [(40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def format_number(n: int, fmt: str) -> str:
    """A list counter in a Word numFmt (w:numFmt values)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return chinese_counting(n)
    if fmt == "chineseLegalSimplified":
        return chinese_counting(n, CN_LEGAL, "拾")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(CN_DIGITS[int(d)] for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.upper() if fmt == "upperRoman" else roman
    table = {
        "ideographTraditional": HEAVENLY,
        "ideographZodiac": ZODIAC,
        "decimalEnclosedCircle": CIRCLED,
        "decimalEnclosedCircleChinese": CIRCLED,
        "decimalEnclosedParen": PAREN,
        "decimalEnclosedFullstop": FULLSTOP,
    }.get(fmt)
    if table is not None and 1 <= n <= len(table):
        return table[n - 1]
    return "" if fmt == "none" else str(n)


def chinese_counting(n: int, digits: str = CN_DIGITS, ten: str = "十") -> str:
    """一 … 十, 十一, 二十, 二十一 … 九十九; larger numbers by cn2an."""
    if n < 0:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (digits[tens] if tens > 1 else "") + ten + (digits[ones] if ones else "")
    import cn2an

    return cn2an.an2cn(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out
