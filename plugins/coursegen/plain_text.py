"""A shortcut for quiz texts that hold no Markdown at all.

Most quiz texts are plain sentences. Running each through Python-Markdown costs
more than the rest of the page; for a sentence without any Markdown syntax the
result is known in advance: the escaped text in a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

# Letters, digits, spaces and punctuation that no Markdown rule reacts to in the middle of a line.
# (`_` is a word character but marks emphasis: plain_paragraph turns it away before this runs.)
_PLAIN = re.compile(r"[\w ,.;:?!'\"()\u2018\u2019\u201c\u201d\u2013\u2014%/€£$=+-]*")
# What may not open a line: list markers, numbered lists, headings, quotes, indented code.
_BLOCK_START = re.compile(r"^(?:[-+*#>]|\d+[.)]|\s)")
# Extensions that leave plain sentences alone; any other (smarty, smartsymbols…) may change them.
# (MkDocs itself always adds toc, tables and fenced_code; quiz texts never see toc or meta.)
SAFE_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "codehilite", "def_list", "fenced_code", "footnotes", "md_in_html",
    "nl2br", "sane_lists", "tables", "toc", "pymdownx.betterem", "pymdownx.caret", "pymdownx.details",
    "pymdownx.emoji", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.snippets",
    "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde",
})
# pymdownx.emoji turns `:name:` into a picture.
_EMOJI = re.compile(r":[^\s:]+:")


def extension_name(extension: object) -> str:
    """``toc`` for "toc", "markdown.extensions.toc" and an instance of TocExtension alike."""
    if isinstance(extension, str):
        return extension.removeprefix("markdown.extensions.")
    return type(extension).__module__.removeprefix("markdown.extensions.")


def extensions_keep_plain_text(extensions: Iterable[object], configs: Mapping[str, Any] | None = None) -> bool:
    """Whether every configured extension leaves a plain sentence as Python-Markdown core does."""
    names = {extension_name(ext) for ext in extensions}
    # Snippets can append text (abbreviations, links) to every document it converts.
    appended = ((configs or {}).get("pymdownx.snippets") or {}).get("auto_append")
    return names <= SAFE_EXTENSIONS and not appended


def plain_paragraph(text: str) -> str | None:
    """``<p>text</p>`` with HTML escaped, if ``text`` is a single line without Markdown; else None."""
    if "\n" in text or "  " in text or "_" in text or _BLOCK_START.match(text) or not _PLAIN.fullmatch(text):
        return None
    if ":" in text and _EMOJI.search(text):
        return None
    # Python-Markdown escapes only these three characters in text.
    return f"<p>{escape(text, quote=False)}</p>"
