"""The course's own CSS and JavaScript, shipped from the package into every site."""

from __future__ import annotations

from importlib.resources import files as package_files
from pathlib import Path

from .i18n import Strings

SOURCE_DIR = Path(str(package_files("coursegen") / "assets"))
"""The readable sources (in the repository, not in the wheel); ``make assets`` minifies them into :data:`ASSET_DIR`."""
ASSET_DIR = Path(str(package_files("coursegen") / "dist"))
"""The minified scripts and stylesheets the sites get."""
SITE_DIR = "assets/coursegen"
STYLESHEET = f"{SITE_DIR}/course.css"
ENTRY_SCRIPT = f"{SITE_DIR}/course.js"
STRING_MODULES = {"runtime": "strings.js", "tools": "strings-tools.js", "questions": "strings-questions.js"}
"""The interface strings the scripts import, generated from the language's table."""


def asset_files(strings: Strings) -> dict[str, str | Path]:
    """Every asset a site gets, by its path in the site: the strings modules' text, the
    scripts' and stylesheets' files."""
    assets: dict[str, str | Path] = {f"{SITE_DIR}/{name}": strings.module(group) for group, name in STRING_MODULES.items()}
    for path in sorted(ASSET_DIR.rglob("*")):
        if path.suffix in {".js", ".css"}:
            assets.setdefault(f"{SITE_DIR}/{path.relative_to(ASSET_DIR).as_posix()}", path)
    return assets
