"""The navigation built from the course outline."""

from __future__ import annotations

import posixpath
from typing import Any

from .models import Outline

NavItem = str | dict[str, Any]


def lesson_uri(lessons_dir: str, lesson_id: str) -> str:
    """The docs-relative path of a lesson's generated page."""
    return posixpath.normpath(posixpath.join(lessons_dir, f"{lesson_id}.md"))


def outline_nav(
    outline: Outline,
    lessons_dir: str,
    markdown_pages: list[str],
    *,
    after_modules: list[str] = [],  # noqa: B006 (never mutated)
    last: list[str] = [],  # noqa: B006
) -> list[NavItem]:
    """Pages before, one section per module (lessons in order), ``after_modules``, pages after,
    every other page, then ``last``.

    ``index.md`` leads unless the outline places it; pages the outline does not
    mention follow in file order, so no page silently drops out of the site.
    ``after_modules`` and ``last`` place the generated My results and team view pages
    where the outline does not.
    """
    placed = set(outline.pages_before) | set(outline.pages_after)
    after_modules = [p for p in after_modules if p in markdown_pages and p not in placed]
    last = [p for p in last if p in markdown_pages and p not in placed]
    listed = placed | set(after_modules) | set(last)
    before = list(outline.pages_before)
    if "index.md" in markdown_pages and "index.md" not in listed:
        before.insert(0, "index.md")
    rest = [page for page in markdown_pages if page not in listed and page not in before]
    modules: list[NavItem] = [
        {module.title: [lesson_uri(lessons_dir, lesson_id) for lesson_id in module.lessons]}
        for module in outline.modules
    ]
    return [*before, *modules, *after_modules, *outline.pages_after, *rest, *last]
