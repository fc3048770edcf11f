"""HTML from the course's Markdown as the XHTML subset QTI 2.1 allows inside items.

The site's Markdown may give HTML5 elements (``details``, ``mark``, ``input``),
attributes (``style``, ``title``) and named entities that QTI's schema or an XML
parser refuses. Each element QTI knows is kept with the attributes QTI allows it;
any other element gives way to its content, so no text is lost.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

_COMMON = frozenset({"class"})
# QTI 2.1's XHTML elements (imsqti_v2p1.xsd) and the attributes each may carry besides `class`.
ALLOWED: dict[str, frozenset[str]] = {
    **{name: frozenset() for name in (
        "abbr", "acronym", "address", "b", "big", "blockquote", "br", "caption", "cite", "code", "dd", "dfn", "div",
        "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "ol", "p", "pre", "samp",
        "small", "span", "strong", "sub", "sup", "tbody", "tfoot", "thead", "tr", "tt", "ul", "var",
    )},
    "a": frozenset({"href", "type"}),
    "img": frozenset({"src", "alt", "longdesc", "height", "width"}),
    "q": frozenset({"cite"}),
    "table": frozenset({"summary"}),
    "td": frozenset({"headers", "scope", "abbr", "axis", "rowspan", "colspan"}),
    "th": frozenset({"headers", "scope", "abbr", "axis", "rowspan", "colspan"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
}
ALLOWED["blockquote"] = frozenset({"cite"})
VOID = frozenset({"br", "hr", "img", "col"})
REQUIRED = {"a": ("href",), "img": ("src",)}
"""An element without these cannot stand in QTI; its content stands in its place."""
# Text QTI's schema refuses directly inside these (they hold only elements).
NO_TEXT = frozenset({"ul", "ol", "dl", "table", "tbody", "thead", "tfoot", "tr", "colgroup"})


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []
        """Each open HTML element, and whether it is written (else only its content is kept)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = self._kept(tag, attrs)
        if tag in VOID:
            if kept is not None:
                self.out.append(f"<{tag}{kept}/>")
            return
        self.open.append((tag, kept is not None))
        if kept is not None:
            self.out.append(f"<{tag}{kept}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.handle_starttag(tag, attrs)
        else:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        # Close up to the matching start (HTML lets some end tags be left out); a stray end tag goes.
        if tag not in (name for name, _ in self.open):
            return
        while self.open:
            name, written = self.open.pop()
            if written:
                self.out.append(f"</{name}>")
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        shown = [name for name, written in self.open if written]
        if shown and shown[-1] in NO_TEXT and not data.strip():
            return
        self.out.append(escape(data, quote=False))

    def _kept(self, tag: str, attrs: list[tuple[str, str | None]]) -> str | None:
        """The attributes to write for ``tag`` (``""`` for none), or None when the element is dropped."""
        allowed = ALLOWED.get(tag)
        if allowed is None:
            return None
        values = {name: value or "" for name, value in attrs if name in allowed or name in _COMMON}
        if any(not values.get(name) for name in REQUIRED.get(tag, ())):
            return None
        if tag == "img":
            values.setdefault("alt", "")
        return "".join(f' {name}="{escape(value)}"' for name, value in values.items())

    def result(self) -> str:
        while self.open:
            name, written = self.open.pop()
            if written:
                self.out.append(f"</{name}>")
        return "".join(self.out)


def qti_xhtml(html: str) -> str:
    """``html`` as well-formed XHTML of QTI's subset (text kept, everything else QTI refuses dropped)."""
    converter = _Converter()
    converter.feed(html)
    converter.close()
    return converter.result()
