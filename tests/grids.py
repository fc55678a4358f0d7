"""Test helper: a document's grids compared with the pipe-row text version it was made from."""

from __future__ import annotations

from extractor.models import Document


def pipe_cells(line: str) -> list[str]:
    """'a | b |  |' -> ['a', 'b', '']."""
    return [c.strip() for c in line.rstrip().removesuffix("|").split(" | ")]


def grid_rows(doc: Document) -> list[list[str]]:
    """Each grid row as the pipe text writes it: a merged cell repeated down, once across."""
    out = []
    for table in doc.tables:
        for row in table.covering():
            texts, last = [], None
            for cell in row:
                if cell is not None and cell is not last:
                    texts.append(cell.text)
                last = cell
            out.append(texts)
    return out


def assert_grids_match_pipe_text(doc: Document, source: str) -> None:
    lines = [ln for ln in source.split("\n") if ln.strip()]
    want_rows = [pipe_cells(ln) for ln in lines if ln.rstrip().endswith("|")]
    want_prose = [ln for ln in lines if not ln.rstrip().endswith("|")]
    assert grid_rows(doc) == want_rows
    inside = [(t.start, t.end) for t in doc.tables]
    prose, pos = [], 0
    for ln in doc.text.split("\n"):
        if ln.strip() and not any(a <= pos < b for a, b in inside):
            prose.append(ln)
        pos += len(ln) + 1
    assert prose == want_prose
    for table in doc.tables:
        for cell in table.cells:
            assert doc.text[cell.start : cell.end] == cell.text
