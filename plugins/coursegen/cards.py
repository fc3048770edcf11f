"""The worked case of a lesson as a card: Material's "example" admonition around its section.

The lesson template marks the section with two HTML comments, so its heading stays Markdown
(in the page's table of contents, with its permalink) whichever extensions a course enables:
a ``<div markdown>`` would need ``md_in_html``. The box's look is Material's own, no CSS of ours.
"""

from __future__ import annotations

import re

CASE_START = "<!-- cg:case -->"
CASE_END = "<!-- /cg:case -->"
_OPEN = '<div class="admonition example cg-case">'
_CLOSE = "</div>"


def wrap_cases(html: str) -> str:
    """``html`` with each marked worked case inside its card, its heading the card's title bar
    (a page without one is returned as it is)."""
    if CASE_START not in html:
        return html
    html = re.sub(re.escape(CASE_START) + r"\s*<h2 ", _OPEN + '\n<h2 class="admonition-title" ', html)
    return html.replace(CASE_START, _OPEN).replace(CASE_END, _CLOSE)
