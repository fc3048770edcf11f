"""The course's assets in an MkDocs build: linked from every page, added to MkDocs' files."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from . import theme_fixes
from .assets import ENTRY_SCRIPT, STYLESHEET, asset_files
from .i18n import Strings


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


def add_files(files: Files, config: MkDocsConfig, strings: Strings) -> None:
    """Add every asset as a generated file, so other plugins (minifiers, offline) see them."""
    for uri, source in asset_files(strings).items():
        if files.get_file_from_path(uri) is not None:
            continue
        if isinstance(source, Path):
            files.append(File.generated(config, uri, abs_src_path=str(source)))
        else:
            files.append(File.generated(config, uri, content=source))
