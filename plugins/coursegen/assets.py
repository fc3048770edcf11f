"""The plugin's own CSS and JavaScript, shipped from the package into every site."""

from __future__ import annotations

import re
from importlib.resources import files as package_files
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from .i18n import Strings

ASSET_DIR = Path(str(package_files("coursegen") / "assets"))
SITE_DIR = "assets/coursegen"
STYLESHEET = f"{SITE_DIR}/course.css"
ENTRY_SCRIPT = f"{SITE_DIR}/course.js"


def register(config: MkDocsConfig) -> None:
    """Link the stylesheet and the entry module from every page (once, however often called)."""
    if STYLESHEET not in config.extra_css:
        # First, so a site's own extra_css can override any rule of ours.
        config.extra_css.insert(0, STYLESHEET)
    if not any(str(script) == ENTRY_SCRIPT for script in config.extra_javascript):
        script = ExtraScriptValue(ENTRY_SCRIPT)
        script.type = "module"
        config.extra_javascript.append(script)


STRING_MODULES = {"runtime": "strings.js", "tools": "strings-tools.js"}
"""The interface strings the scripts import, generated from the language's table."""


def add_files(files: Files, config: MkDocsConfig, strings: Strings) -> None:
    """Add every asset as a generated file, so other plugins (minifiers, offline) see them."""
    for group, name in STRING_MODULES.items():
        uri = f"{SITE_DIR}/{name}"
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content=strings.module(group)))
    for path in sorted(ASSET_DIR.iterdir()):
        if path.suffix in {".js", ".css"}:
            uri = f"{SITE_DIR}/{path.name}"
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=compact(path.read_text(encoding="utf-8"), path.suffix)))


def compact(text: str, suffix: str) -> str:
    """The shipped form of an asset: comments and indentation dropped (nothing else changes).

    Deliberately simple and safe for how our files are written: only whole-line
    ``//`` comments go (never a ``//`` inside a line, which may be in a string),
    and CSS ``/* */`` comments, which our stylesheet never puts inside strings.
    """
    if suffix == ".css":
        return re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL).strip() + "\n"
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"
