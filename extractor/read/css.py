"""The CSS ``display`` of a web page's elements, as far as a table drawn without ``<table>`` needs it.

Some sites draw a table with ``<div>`` rows and cells styled ``display: table-row`` /
``display: table-cell`` (in a ``<style>`` block by class, or inline). A browser lays those out as a
grid, so the reader does too. Only what decides that is read: simple selectors (``.tr``,
``div.tr``, ``tr``), the last declaration winning, an inline ``style`` above them all; anything
more (combinators, media queries) is left to the element's own tag.
"""

from __future__ import annotations

import regex

_RULE = regex.compile(r"([^{}]+)\{([^{}]*)\}")
_DISPLAY = regex.compile(r"(?:^|;)\s*display\s*:\s*([-\w]+)", regex.IGNORECASE)
_SIMPLE = regex.compile(r"^([a-z][a-z0-9]*)?(?:\.([-\w]+))?$", regex.IGNORECASE)
_COMMENT = regex.compile(r"/\*.*?\*/", regex.DOTALL)
_MEDIA = regex.compile(r"@[^{]+\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}")
TAG_DISPLAY = {
    "table": "table",
    "thead": "table-header-group",
    "tbody": "table-row-group",
    "tfoot": "table-footer-group",
    "tr": "table-row",
    "td": "table-cell",
    "th": "table-cell",
}
ROW_GROUPS = {"table-row-group", "table-header-group", "table-footer-group"}


class Display:
    """``display(el)``: the element's display by its inline style, its class or tag rules, its tag."""

    def __init__(self, root) -> None:
        self.by_class: dict[str, tuple[int, str]] = {}  # name: (the rule's place, display)
        self.by_tag: dict[str, str] = {}
        for style in root.iter("style"):
            self._rules(style.text_content() or "")

    def _rules(self, css: str) -> None:
        css = _MEDIA.sub("", _COMMENT.sub("", css))
        for selectors, body in _RULE.findall(css):
            place = len(self.by_class) + len(self.by_tag)
            found = _DISPLAY.findall(body)
            if not found:
                continue
            for selector in selectors.split(","):
                m = _SIMPLE.match(selector.strip())
                if m and m.group(2):
                    self.by_class[m.group(2)] = (place, found[-1].lower())
                elif m and m.group(1):
                    self.by_tag[m.group(1).lower()] = found[-1].lower()

    def __call__(self, el) -> str:
        if not isinstance(el.tag, str):
            return ""
        inline = _DISPLAY.findall(el.get("style") or "")
        if inline:
            return inline[-1].lower()
        by_class = [self.by_class[n] for n in (el.get("class") or "").split() if n in self.by_class]
        if by_class:
            return max(by_class)[1]  # the later rule wins
        tag = el.tag.lower()
        return self.by_tag.get(tag) or TAG_DISPLAY.get(tag, "")
