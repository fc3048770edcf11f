"""The page's table of contents with the quizzes in it.

MkDocs makes a page's table of contents from its Markdown headings; a quiz is put into the
page after that (its HTML comes from a template), so its heading was missing from the
contents beside the page (a lesson's ended at "Your next step", its check not listed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mkdocs.structure.toc import AnchorLink

_HEADING = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[^"]+)">(?P<title>.*?)</h(?P=level)>', re.DOTALL)


def quiz_headings(html: str, quiz_ids: Iterable[str]) -> list[AnchorLink]:
    """The headings of the quizzes shown in ``html`` (their ids are ``cg-<quiz id>-title``), in page order."""
    found: list[tuple[int, AnchorLink]] = []
    # Each heading's id is looked for, not every heading matched: a lesson page has one quiz
    # and dozens of headings, and matching them all cost a twentieth of a second per 1,000 pages.
    for quiz_id in quiz_ids:
        needle = f' id="cg-{quiz_id}-title">'
        at = html.find(needle)
        while at >= 0:
            match = _HEADING.match(html, at - 3) if at >= 3 else None
            if match is not None:
                found.append((match.start(), AnchorLink(match["title"], match["id"], int(match["level"]))))
                break
            at = html.find(needle, at + 1)
    return [link for _, link in sorted(found, key=lambda item: item[0])]


def add_headings(toc: list[AnchorLink], html: str, headings: list[AnchorLink]) -> None:
    """Put each of ``headings`` into ``toc`` where it stands in ``html``: under the nearest
    heading above it of a higher rank, before the first entry that comes after it."""
    where = {}

    def place(items: Iterable[AnchorLink]) -> None:
        for item in items:
            where[item.id] = html.find(f'id="{item.id}"')
            place(item.children)

    place(toc)
    for heading in headings:
        at = html.find(f'id="{heading.id}"')
        siblings = toc
        while True:
            parent = next(
                (item for item in reversed(siblings) if item.level < heading.level and 0 <= where[item.id] < at), None
            )
            if parent is None:
                break
            siblings = parent.children
        index = next((i for i, item in enumerate(siblings) if where[item.id] > at), len(siblings))
        siblings.insert(index, heading)
        where[heading.id] = at


def page_heading(toc: list[AnchorLink]) -> tuple[str | None, str]:
    """The id and text of the page's own heading (its one top-level ``h1``), if it has one."""
    top = [item for item in toc if item.level == 1]
    if len(top) != 1:
        return None, ""
    return top[0].id, re.sub(r"<[^>]+>", "", top[0].title)
