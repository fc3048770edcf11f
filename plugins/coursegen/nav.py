"""The navigation built from the course outline."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from .models import Outline

NavItem = str | dict[str, Any]


def lesson_uri(lessons_dir: str, lesson_id: str) -> str:
    """The docs-relative path of a lesson's generated page."""
    return str(PurePosixPath(lessons_dir) / f"{lesson_id}.md")


def outline_nav(outline: Outline, lessons_dir: str, markdown_pages: list[str]) -> list[NavItem]:
    """Pages before, one section per module (lessons in order), pages after, then every other page.

    ``index.md`` leads unless the outline places it; pages the outline does not
    mention follow in file order, so no page silently drops out of the site.
    """
    listed = set(outline.pages_before) | set(outline.pages_after)
    before = list(outline.pages_before)
    if "index.md" in markdown_pages and "index.md" not in listed:
        before.insert(0, "index.md")
    rest = [page for page in markdown_pages if page not in listed and page not in before]
    modules: list[NavItem] = [
        {module.title: [lesson_uri(lessons_dir, lesson_id) for lesson_id in module.lessons]}
        for module in outline.modules
    ]
    return [*before, *modules, *outline.pages_after, *rest]
