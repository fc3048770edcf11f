"""Headings compared as a reader sees them, whatever the generator."""

from __future__ import annotations

import html as html_lib


def same_text(heading: str, title: str) -> bool:
    """Whether a heading (HTML text) says the same as a plain title, case and spacing aside."""

    def norm(text: str) -> str:
        return " ".join(html_lib.unescape(text).split()).casefold()

    return norm(heading) == norm(title)
