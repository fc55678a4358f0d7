"""A Word file of paragraphs and one table, written for a test (python-docx)."""

from __future__ import annotations

from pathlib import Path

import docx


def word_form(path: Path, paragraphs: list[str], rows: list[list[str]]) -> Path:
    """``paragraphs`` then a table of ``rows`` (one text a cell), saved at ``path``."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(path))
    return path
