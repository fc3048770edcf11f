"""Where a page of the site is published and how pages link to each other, by MkDocs' rules.

The same rules as MkDocs 1.6 (``File.url``, ``get_relative_url``), written here so that
``course render`` and the Markdown extension need no MkDocs; tests/python/test_site_files.py
holds them against MkDocs' own over generated paths.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from urllib.parse import quote

UrlOf = Callable[[str], str | None]
"""A file's URL relative to the site's root by its path in ``docs_dir`` (None: no such file)."""

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""What MkDocs reads as a page (``mkdocs.utils.markdown_extensions``)."""


def is_page(name: str) -> bool:
    """Whether a file of this name is a Markdown page."""
    return name.endswith(MARKDOWN_SUFFIXES)  # as MkDocs, case and all


def dest_uri(src_uri: str, use_directory_urls: bool) -> str:
    """Where a file of ``docs_dir`` is written in the site (``foo.md`` → ``foo/index.html``)."""
    if not is_page(src_uri):
        return src_uri
    parent, filename = posixpath.split(src_uri)
    stem = posixpath.splitext(filename)[0]
    stem = "index" if stem == "README" else stem
    if not use_directory_urls or stem == "index":
        return posixpath.join(parent, stem + ".html")
    return posixpath.join(parent, stem, "index.html")


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """A file's URL relative to the site's root, as MkDocs gives it (``foo/``, ``./`` for the home page)."""
    url = dest_uri(src_uri, use_directory_urls)
    dirname, filename = posixpath.split(url)
    if use_directory_urls and filename == "index.html":
        url = (dirname or ".") + "/"
    return quote(url)


def _parts(path: str) -> list[str]:
    if not path.startswith("/"):
        path = "/" + path
    path = posixpath.normpath(path)[1:]
    return path.split("/") if path else []


def relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other`` (both relative to the site's root)."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    other_parts, dest_parts = _parts(other), _parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


def is_homepage(src_uri: str) -> bool:
    """Whether the page is the site's home page (``index.md`` or ``README.md`` at the top)."""
    return "/" not in src_uri and is_page(src_uri) and posixpath.splitext(src_uri)[0] in ("index", "README")
