"""Fixes of Material for MkDocs itself that every course gets, whatever its own ``custom_dir``.

Material's search dialog has no accessible name, its storage helpers throw on every page
when the browser refuses ``localStorage``, and its first script differs from page to page
(which a strict Content-Security-Policy cannot allow with one hash). The partials in
``theme/`` replace Material's; contrast fixes are at the end of ``assets/course.css``.
They ship in the package so that a course made outside this repository has them too.
"""

from __future__ import annotations

from importlib.resources import files as package_files
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the fixes themselves are MkDocs' (HOST_FIXES is for any host)
    from mkdocs.config.defaults import MkDocsConfig

TEMPLATE_DIR = Path(str(package_files("coursegen") / "theme"))
"""Our versions of Material's partials, looked up after the course's ``custom_dir``."""
TEMPLATE_DIRS = {
    "material": TEMPLATE_DIR,
    # MaterialX (ProperDocs' Material fork) names its theme `materialx`; its partials differ
    # from Material's (icons, search providers), so the fixes are made from its own copies.
    "materialx": Path(str(package_files("coursegen") / "theme_materialx")),
}
"""Each theme's fixed partials (keep in step with the installed theme on upgrades)."""
THEMES = frozenset(TEMPLATE_DIRS)
"""The themes whose partials these are."""
HOST_FIXES = "assets/coursegen/host-fixes.css"
"""Fixes of the other hosts' themes (MaterialX, Zensical's), linked only from their pages."""
NEEDS_HOST_FIXES = frozenset({"materialx"})


def applies(config: MkDocsConfig) -> bool:
    """Whether the site's theme is one whose templates the fixes were written for."""
    return config.theme.name in THEMES


def add_templates(config: MkDocsConfig) -> None:
    """Put our partials between the course's ``custom_dir`` and the theme's own templates.

    The course's own overrides stay first, so an author can still replace any of them.
    """
    if config.theme.name in NEEDS_HOST_FIXES and HOST_FIXES not in config.extra_css:
        config.extra_css.insert(1, HOST_FIXES)  # after course.css, before the site's own
    dirs = config.theme.dirs
    fixes = str(TEMPLATE_DIRS.get(config.theme.name or "", TEMPLATE_DIR))
    if fixes in dirs:
        return
    custom = config.theme.custom_dir
    at = 1 if custom and dirs and dirs[0] == custom else 0
    dirs.insert(at, fixes)
