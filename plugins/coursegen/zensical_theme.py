"""Zensical's pages with the site's Content-Security-Policy, from theme overrides ``course render`` writes.

Zensical loads no plugin, so nothing of ours sees its pages as they are written; the policy
has to be in its templates. That works because the policy is known before the build: every
inline script a Zensical page runs comes from the theme's ``partials/javascripts/``, and
those are replaced here by copies whose text is the same on every page (Zensical's first
script and its "outdated version" banner had the page's ``base_url`` in their text; here
it is an attribute, as :mod:`theme_fixes` does for Material), so their hashes are the
policy's. ``main.html`` puts the ``<meta>`` in the head's first block, before any script.

The files go into a dot-folder of the rendered docs folder (:data:`THEME_DIR`), which
Zensical reads as ``theme.custom_dir`` and leaves out of the site. A course's own
``custom_dir`` is copied in beneath ours (its ``main.html`` kept and extended), since
Zensical takes one custom folder only.

The copies are Zensical 0.0.73's (MIT licence, (c) Zensical and contributors);
``tests/python/test_hosts.py`` fails when the installed Zensical's differ.
"""

from __future__ import annotations

import html as html_lib
import os
from importlib.resources import files as package_files
from pathlib import Path
from string import Template

from .csp import SCRIPT, inline_scripts, policy

THEME_DIR = ".coursegen-theme"
"""The theme folder inside ``course render``'s output (a dot-folder: Zensical copies none into the site)."""
COURSE_MAIN = "coursegen-course-main.html"
"""Where a course's own ``main.html`` goes, so that ours can extend it."""
JINJA = ("{{", "{%", "{#")

TEMPLATE_DIR = Path(str(package_files("coursegen") / "theme_zensical"))
"""Our copies of Zensical's script partials and our ``main.html`` (a :class:`string.Template`)."""
PARTIALS: dict[str, str] = {
    path.stem: path.read_text(encoding="utf-8") for path in sorted((TEMPLATE_DIR / "partials/javascripts").glob("*.html"))
}
"""Zensical's ``partials/javascripts/*.html`` by name, without their header comment; the
scripts' text holds no template syntax, so it is what the browser hashes. ``base`` and
``outdated`` take the page's address from an attribute instead of their text."""
MAIN = Template((TEMPLATE_DIR / "main.html").read_text(encoding="utf-8"))
"""Our ``main.html``: the parent's head, then the policy, before every stylesheet and script."""


class ThemeError(ValueError):
    """A course's own ``custom_dir`` that cannot be read (the message names the folder or file)."""


def script_hashes(templates: dict[str, str]) -> set[str]:
    """The hashes of the literal inline scripts in template sources (those whose text holds
    template syntax cannot be known before the build, and are left to the policy to block)."""
    return {
        found
        for text in templates.values()
        for match in SCRIPT.finditer(text)
        if not any(mark in match["body"] for mark in JINJA)
        for found in inline_scripts(match[0])  # none for a script with src or a data block
    }


def _course_templates(custom_dir: Path) -> dict[str, bytes]:
    if not custom_dir.is_dir():
        raise ThemeError(f"{custom_dir}: theme.custom_dir is not a folder")
    found: dict[str, bytes] = {}
    for path in sorted(custom_dir.rglob("*")):
        if path.is_file():
            found[path.relative_to(custom_dir).as_posix()] = path.read_bytes()
    return found


def overrides(
    custom_dir: Path | None = None, *, connect: tuple[str, ...] = (), relaxed: bool = False,
) -> dict[str, bytes]:
    """The theme folder's files, by path relative to ``course render``'s output.

    ``custom_dir``: the course's own ``theme.custom_dir`` (absolute, or relative to the
    current folder), copied in first; our partials win over its copies of them, and its
    ``main.html`` is extended by ours. ``connect``: the origins besides the site's own the
    pages may send to (the ``xapi`` option's record store). ``relaxed``: allow every inline
    script, for ``course render --watch`` beside ``zensical serve``, whose live-reload
    script differs on every page (it holds the page's path), as ``mkdocs serve`` does.
    """
    files: dict[str, bytes] = {}
    parent = "base.html"
    if custom_dir is not None:
        for rel, content in _course_templates(custom_dir).items():
            if rel == "main.html":
                rel, parent = COURSE_MAIN, COURSE_MAIN
            files[rel] = content
    ours = {f"partials/javascripts/{name}.html": text for name, text in PARTIALS.items()}
    # The course's literal inline scripts in its templates are theme scripts too (the
    # plugin hashes them on MkDocs); its text-with-syntax ones are blocked, as there.
    theirs = {rel: content.decode("utf-8", "replace") for rel, content in files.items()
              if rel.endswith(".html") and rel not in ours}
    text = policy(None if relaxed else script_hashes({**ours, **theirs}), connect)
    files.update({rel: content.encode("utf-8") for rel, content in ours.items()})
    files["main.html"] = MAIN.substitute(parent=parent, policy=html_lib.escape(text, quote=False)).encode("utf-8")
    return {f"{THEME_DIR}/{rel}": content for rel, content in files.items()}


def host_settings(out: Path, host_file: Path) -> dict[str, dict[str, str]]:
    """The keys the host's config needs for the theme folder: ``theme.custom_dir``, relative
    to the config file as Zensical reads it (it merges the key into ``mkdocs.yml``'s ``theme``)."""
    folder = os.path.relpath((out / THEME_DIR).resolve(), host_file.resolve().parent)
    return {"theme": {"custom_dir": Path(folder).as_posix()}}
