"""The plugin's own CSS and JavaScript, shipped from the package into every site."""

from __future__ import annotations

from importlib.resources import files as package_files
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from . import theme_fixes
from .i18n import Strings

SOURCE_DIR = Path(str(package_files("coursegen") / "assets"))
"""The readable sources (in the repository, not in the wheel); ``make assets`` minifies them into :data:`ASSET_DIR`."""
ASSET_DIR = Path(str(package_files("coursegen") / "dist"))
"""The minified scripts and stylesheets the sites get."""
SITE_DIR = "assets/coursegen"
STYLESHEET = f"{SITE_DIR}/course.css"
ENTRY_SCRIPT = f"{SITE_DIR}/course.js"


def register(config: MkDocsConfig) -> None:
    """Link the stylesheet and the entry module from every page (once, however often called),
    and give a Material site our fixes of the theme's templates (:mod:`theme_fixes`)."""
    if STYLESHEET not in config.extra_css:
        # First, so a site's own extra_css can override any rule of ours.
        config.extra_css.insert(0, STYLESHEET)
    if theme_fixes.applies(config):
        theme_fixes.add_templates(config)
    if not any(str(script) == ENTRY_SCRIPT for script in config.extra_javascript):
        script = ExtraScriptValue(ENTRY_SCRIPT)
        script.type = "module"
        config.extra_javascript.append(script)


STRING_MODULES = {"runtime": "strings.js", "tools": "strings-tools.js", "questions": "strings-questions.js"}
"""The interface strings the scripts import, generated from the language's table."""


def add_files(files: Files, config: MkDocsConfig, strings: Strings) -> None:
    """Add every asset as a generated file, so other plugins (minifiers, offline) see them."""
    for group, name in STRING_MODULES.items():
        uri = f"{SITE_DIR}/{name}"
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content=strings.module(group)))
    for path in sorted(ASSET_DIR.rglob("*")):
        if path.suffix in {".js", ".css"}:
            uri = f"{SITE_DIR}/{path.relative_to(ASSET_DIR).as_posix()}"
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(path)))
