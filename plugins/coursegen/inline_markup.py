"""A shortcut for quiz texts whose only Markdown is simple inline markup.

About one quiz text in five carries a word in bold or emphasis, a bit of code or a
link, and nothing else. Python-Markdown's full run over such a sentence costs far
more than the rest of the text's page work; its output is known in advance when the
markup is one of a few unambiguous forms. Anything else (nesting, intraword markup,
underscores, titles, escapes) returns None and takes the full run. A property test
(tests/python/test_inline_markup.py) holds the shortcut equal to Markdown's output
for every extension it trusts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from .plain_text import SAFE_EXTENSIONS, extension_name, plain_paragraph

# Extensions that change how inline markup reads (other emphasis rules, highlighted inline
# code, `~~`, `^^`) are not trusted here, though they leave plain sentences alone.
INLINE_SAFE_EXTENSIONS = SAFE_EXTENSIONS - {"pymdownx.betterem", "pymdownx.inlinehilite", "pymdownx.tilde", "pymdownx.caret"}

# Text no Markdown rule reacts to (the plain-text shortcut's characters, spaces inside).
_WORDS = r"[\w,.;:?!'\"()\u2018\u2019\u201c\u201d\u2013\u2014%/€£$=+ -]"
_INNER = rf"[^\s*`\[\]_\\<&]{_WORDS}*?(?<=[^\s*`\[\]_\\<&])|[^\s*`\[\]_\\<&]"
_SPAN = re.compile(
    rf"\*\*(?P<strong>{_INNER})\*\*"
    rf"|\*(?P<em>{_INNER})\*"
    r"|`(?P<code>[^`\s](?:[^`\n]*[^`\s])?)`"
    rf"|\[(?P<label>{_INNER})\]\((?P<url>[A-Za-z0-9./:#?=%+-]+)\)"
)
# A span must stand apart from its neighbours: intraword markup follows rules of its own.
_BEFORE = frozenset(" (\"'\u2018\u201c")
_AFTER = frozenset(" ),.;:?!\"'\u2019\u201d")


def extensions_keep_inline_markup(extensions: Iterable[object], configs: Mapping[str, Any] | None = None) -> bool:
    """Whether every configured extension leaves simple inline markup as Python-Markdown core does."""
    names = {extension_name(ext) for ext in extensions}
    appended = ((configs or {}).get("pymdownx.snippets") or {}).get("auto_append")
    return names <= INLINE_SAFE_EXTENSIONS and not appended


def _span_html(match: re.Match[str]) -> str:
    if match["strong"] is not None:
        return f"<strong>{escape(match['strong'], quote=False)}</strong>"
    if match["em"] is not None:
        return f"<em>{escape(match['em'], quote=False)}</em>"
    if match["code"] is not None:
        return f"<code>{escape(match['code'], quote=False)}</code>"
    return f'<a href="{match["url"]}">{escape(match["label"], quote=False)}</a>'


def inline_paragraph(text: str) -> str | None:
    """``<p>…</p>`` as Markdown makes it, if ``text`` is one line of plain words and simple spans; else None."""
    if "*" not in text and "`" not in text and "[" not in text:
        return plain_paragraph(text)
    pieces, last = [], 0
    for match in _SPAN.finditer(text):
        start, end = match.span()
        if (start and text[start - 1] not in _BEFORE) or (end < len(text) and text[end] not in _AFTER):
            return None
        pieces += [text[last:start], "\0" * (end - start)]
        last = end
    pieces.append(text[last:])
    # The text with every span blanked out must itself be plain: no stray `*`, `` ` `` or `[`.
    rest = "".join(pieces).replace("\0", "x")
    around = plain_paragraph(rest)
    if around is None:
        return None
    html, last = [], 0
    for match in _SPAN.finditer(text):
        html += [escape(text[last : match.start()], quote=False), _span_html(match)]
        last = match.end()
    html.append(escape(text[last:], quote=False))
    return "<p>" + "".join(html) + "</p>"
