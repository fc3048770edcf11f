"""The MkDocs plugin: thin event handlers over the course modules."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from . import assets, build
from .config import CourseConfig
from .diagnostics import CourseError
from .loading import FileCache

if TYPE_CHECKING:
    # Only `mkdocs serve` loads the live-reload server (3.5 MB); a build need not.
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)


class CoursePlugin(BasePlugin[CourseConfig]):
    """Compiles YAML lessons and quizzes into Material pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: build.CourseSite | None = None
        self.cache: FileCache | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # MkDocs keeps a plugin that has this method from one `mkdocs serve` rebuild to
        # the next; only there do unchanged files earn their place in memory.
        self.cache = {} if command == "serve" else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Load and check everything here, before MkDocs cleans site/: a broken course
        # fails the build while the last good site stays in place.
        try:
            self.site = build.load_site(self.config, config, self.cache)
        except CourseError as error:
            raise PluginError(error.report()) from None
        for warning in self.site.warnings:
            if config.strict:
                raise PluginError(f"{warning} (a warning; --strict makes it fail the build)")
            log.warning(warning)
        assets.register(config)
        return config

    # Late, so files other plugins add are already there when we decide what a real page overrides.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None
        build.add_pages(self.site, files, config)
        assets.add_files(files, config, self.site.strings)
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None
        html = build.insert_quizzes(self.site, html, page, files)
        html = build.insert_tools(self.site, html, page, files)
        build.release_rendered(self.site, page)
        return html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # After every page is read and before anything is written: report all bad markers at once.
        assert self.site is not None
        if self.site.marker_problems:
            raise PluginError(CourseError(self.site.marker_problems).report())
        return env

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # docs_dir is watched already; the quizzes live beside it.
        server.watch(str(Path(config.config_file_path).parent / self.config.quizzes_dir))
        return server
