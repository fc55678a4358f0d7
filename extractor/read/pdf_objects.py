"""A page's text and path objects (页面对象), listed once from pdfium's raw API.

pypdfium2's ``PdfPage.get_objects`` wraps every object of the page (a Python object with a
finalizer each) to hand back those of the types asked for, and the reader asked three times a
page (the clip test, the ruling test, the rules). ``page_objects`` walks the page once, in the
same order (an object, then the objects of a form it is, to the same depth), keeping the raw
handles of its text and path objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_DEPTH = 15  # forms nested this deep are not entered (pypdfium2's get_objects default)


@dataclass(slots=True)
class PageObjects:
    """The raw handles of a page's text objects and path objects, in drawing order."""

    texts: list = field(default_factory=list)
    paths: list = field(default_factory=list)
    # the matrix of the forms each path is drawn in (page space), paths[i]'s at outer[i]
    outer: list = field(default_factory=list)


def page_objects(page) -> PageObjects:
    """The text and path objects of a pypdfium2 page, forms entered."""
    import pypdfium2.raw as c

    from extractor.read.pdf_edges import IDENTITY

    found = PageObjects()
    _walk(c, page.raw, None, 0, found, IDENTITY)
    return found


def _walk(c, page, form, level: int, found: PageObjects, outer: tuple) -> None:
    from pypdfium2 import PdfiumError

    from extractor.read.pdf_edges import compose, object_matrix

    count, get = (c.FPDFFormObj_CountObjects, c.FPDFFormObj_GetObject) if form else (None, None)
    n = count(form) if form else c.FPDFPage_CountObjects(page)
    if n < 0:
        raise PdfiumError("Failed to get number of pageobjects.")
    kinds = {c.FPDF_PAGEOBJ_TEXT: found.texts, c.FPDF_PAGEOBJ_PATH: found.paths}
    for i in range(n):
        obj = get(form, i) if form else c.FPDFPage_GetObject(page, i)
        if not obj:
            raise PdfiumError("Failed to get pageobject.")
        kind = c.FPDFPageObj_GetType(obj)
        if kind in kinds:
            kinds[kind].append(obj)
            if kind == c.FPDF_PAGEOBJ_PATH:
                found.outer.append(outer)
        elif kind == c.FPDF_PAGEOBJ_FORM and level < MAX_DEPTH - 1:
            _walk(c, page, obj, level + 1, found, compose(object_matrix(obj), outer))
