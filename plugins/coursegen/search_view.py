"""What the site's search plugin reads of a page: the page without its ``data-search-exclude`` elements.

Material's search plugin parses every page's whole HTML with Python's ``html.parser`` and
only then drops what is marked ``data-search-exclude``. A quiz is mostly such parts (each
option's feedback, the explanations, the written-out answers, its data), so that parse cost
a lesson page more than the rest of the page. Cutting the marked elements out first,
for the parse alone, gives the index the same entries for a fraction of the work; the page
gets every cut back, byte for byte, before anything else sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

MARK = "data-search-exclude"

_MARKED_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*?\s" + MARK + r"(?=[\s=/>])[^<>]*>")
"""An opening tag carrying the mark (quoted attribute values hold no `<` or `>` in the HTML
Markdown and our templates write)."""

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})

_PLACEHOLDERS = re.compile(r"<cg-cut-([0-9]+)></cg-cut-\1>|<!--cg-cut-([0-9]+)-->")
"""Where a cut was. An element of no content is what the search plugin makes of a marked one
(it opens a section before the first heading and counts in its nesting); a marked void
element it ignores, as it does a comment."""


@cache
def _same_tag(name: str) -> re.Pattern[str]:
    """Opening and closing tags of one element name."""
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^<>]*>", re.IGNORECASE)


def _element_end(html: str, name: str, after: int) -> int:
    """Where the element whose opening tag ends at ``after`` closes (-1 if it never does)."""
    depth = 1
    for tag in _same_tag(name).finditer(html, after):
        if tag[1]:
            depth -= 1
            if depth == 0:
                return tag.end()
        elif not tag[0].endswith("/>"):
            depth += 1
    return -1


Span = tuple[int, int, bool]
"""Where a marked element starts and ends in a page, and whether it is a void element."""


@dataclass
class SearchCut:
    """A page's HTML with its marked elements cut out, and the cuts to put back."""

    searched: str
    cuts: list[str] = field(default_factory=list)
    page: str | None = None
    """The page before the cut: what :meth:`restore` gives back when nothing changed the searched text."""

    def restore(self, html: str) -> str | None:
        """``html`` (the searched text, as the plugins in between left it) with every cut put
        back; None if a placeholder is gone (then the original page must be used)."""
        if not self.cuts:
            return html
        if self.page is not None and html == self.searched:
            return self.page  # the search plugin only reads: no need to put the page together again
        out: list[str] = []
        position = 0
        for index, placeholder in enumerate(_PLACEHOLDERS.finditer(html)):
            if index >= len(self.cuts) or int(placeholder[1] or placeholder[2]) != index:
                return None
            out += [html[position : placeholder.start()], self.cuts[index]]
            position = placeholder.end()
        if len(out) != 2 * len(self.cuts):
            return None
        out.append(html[position:])
        return "".join(out)


def _next_marked(html: str, position: int) -> re.Match[str] | None:
    """The first opening tag from ``position`` on that carries the mark.

    What ``_MARKED_START.search`` finds, without trying the pattern at every tag: the mark's
    text is found first, and only the tag it stands in is matched (a page has thousands of
    tags and a few dozen marks).
    """
    found = position
    while True:
        at = html.find(MARK, found)
        if at < 0:
            return None
        opening = html.rfind("<", position, at)
        if opening >= 0:
            tag = _MARKED_START.match(html, opening)
            if tag is not None:
                return tag
        found = at + len(MARK)


def marked_spans(html: str) -> tuple[Span, ...]:
    """Where each element that carries ``data-search-exclude`` is in ``html`` (outermost ones
    only, in order); none in a page that already holds a placeholder."""
    if MARK not in html or "cg-cut-" in html:
        return ()
    spans: list[Span] = []
    position = 0
    while True:
        start = _next_marked(html, position)
        if start is None:
            break
        name = start[1].lower()
        void = name in VOID
        end = start.end() if void or start[0].endswith("/>") else _element_end(html, name, start.end())
        if end < 0:
            break  # unbalanced: the rest goes to the search plugin as it is
        spans.append((start.start(), end, void))
        position = end
    return tuple(spans)


def cut_at(html: str, spans: tuple[Span, ...]) -> SearchCut:
    """``html`` with the elements at ``spans`` cut out, each left as a numbered placeholder the
    search plugin makes the same of."""
    if not spans:
        return SearchCut(html)
    kept: list[str] = []
    cuts: list[str] = []
    position = 0
    for number, (start, end, void) in enumerate(spans):
        placeholder = f"<!--cg-cut-{number}-->" if void else f"<cg-cut-{number}></cg-cut-{number}>"
        kept += [html[position:start], placeholder]
        cuts.append(html[start:end])
        position = end
    kept.append(html[position:])
    return SearchCut("".join(kept), cuts, html)


def cut_excluded(html: str) -> SearchCut:
    """``html`` without the elements that carry ``data-search-exclude`` (each with everything in
    it), each left as a numbered placeholder the search plugin makes the same of."""
    return cut_at(html, marked_spans(html))


class SearchView:
    """Cuts each page for the search plugin; under `mkdocs serve`, remembers where a page's cuts
    were, so an unchanged page is cut without being searched again.

    Only the page's length, hash and spans are kept (a few hundred bytes a page), not its text.
    """

    def __init__(self, *, remember: bool) -> None:
        self.remember = remember
        self._spans: dict[str, tuple[int, int, tuple[Span, ...]]] = {}

    def cut(self, page: str, html: str) -> SearchCut:
        """``html``, the content of the page at ``page``, cut for the search plugin."""
        if not self.remember:
            return cut_excluded(html)
        known = self._spans.get(page)
        if known is not None and known[0] == len(html) and known[1] == hash(html):
            return cut_at(html, known[2])
        spans = marked_spans(html)
        self._spans[page] = (len(html), hash(html), spans)
        return cut_at(html, spans)
