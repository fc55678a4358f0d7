"""A pdfplumber page's objects with only the keys the ruled-table reader reads: ``lean_objects(page)``
stands in for ``Page.objects`` (pdfplumber's ``parse_objects``), before anything asks for them.

pdfplumber turns every pdfminer layout object into a dict of all its attributes, each passed through
``resolve_all`` (colours, colour spaces, marked-content tags, each curve's path mapped point by point):
about a fifth of the reading of a table page. The ruled reader reads the characters' text, box, size,
``upright`` and ``fontname`` (``dedupe_chars``) and the lines', rectangles' and curves' boxes (and a
curve's points) to make edges (``find_tables``, ``pdf_breaks``); those keys are computed here as
pdfplumber computes them (the same values, the MediaBox shift included), the others left out.
"""

from __future__ import annotations

from typing import Any

# pdfminer's layout classes whose objects the reader uses, and pdfplumber's object_type for each
_KINDS = {"LTChar": "char", "LTRect": "rect", "LTLine": "line", "LTCurve": "curve"}
_BOX = ("x0", "y0", "x1", "y1", "width", "height")


def lean_objects(page: Any) -> dict[str, list[dict[str, Any]]]:
    """``page.objects`` (pdfplumber) restricted to characters, lines, rectangles and curves, each
    with the keys the ruled reader uses, equal to pdfplumber's values for them."""
    from pdfminer.layout import LTContainer

    objects: dict[str, list[dict[str, Any]]] = {}
    shift = _Shift(page)
    stack = [iter(page.layout._objs)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTContainer):  # pdfplumber without laparams: its children only
                stack.append(iter(obj._objs))
                break
            kind = _KINDS.get(type(obj).__name__)
            if kind is not None:
                objects.setdefault(kind, []).append(shift.placed(obj, kind))
        else:
            stack.pop()
    return objects


class _Shift:
    """pdfplumber's page coordinates: from the bottom to the top (height, MediaBox top), x by the
    MediaBox's left edge, doctop from the page's place in the document."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.height, self.doctop = page.height, page.initial_doctop
        self.left, self.top = page.mediabox[:2]
        self.number = page.page_number

    def placed(self, obj: Any, kind: str) -> dict[str, Any]:
        values = obj.__dict__
        attr = {k: values[k] for k in _BOX}
        attr["object_type"], attr["page_number"] = kind, self.number
        if kind == "char":
            attr["text"], attr["size"], attr["upright"] = obj.get_text(), values["size"], values["upright"]
            attr["fontname"] = _fontname(values["fontname"])
        elif kind == "curve":  # its points make its edges (a line's and a rectangle's: their box)
            attr["pts"] = [self.page.point2coord(pt) for pt in values["pts"]]
        attr["top"] = (self.height - attr["y1"]) + self.top
        attr["bottom"] = (self.height - attr["y0"]) + self.top
        attr["doctop"] = self.doctop + attr["top"]
        if self.left != 0:
            attr["x0"], attr["x1"] = attr["x0"] + self.left, attr["x1"] + self.left
        return attr


def _fontname(name: Any) -> Any:
    """pdfplumber's fontname: a byte-encoded one decoded as its ``fix_fontname_bytes`` does."""
    if isinstance(name, bytes):
        from pdfplumber.utils.pdfinternals import fix_fontname_bytes

        return fix_fontname_bytes(name)
    return name
