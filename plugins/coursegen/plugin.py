"""The MkDocs plugin: thin event handlers over the course modules."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from . import build, cards, mkdocs_assets, mkdocs_pages, preflight
from .config import CourseConfig
from .csp import SitePolicy
from .diagnostic_checks import summary_lines
from .diagnostics import CourseError, strict_report
from .loading import FileCache
from .mkdocs_site import site_config
from .option_positions import located_option_problems
from .packaging import hooks as packaging_hooks
from .rebuild_cache import RebuildCache
from .search_view import SearchCut, SearchView

if TYPE_CHECKING:
    # Only `mkdocs serve` loads the live-reload server (3.5 MB); a build need not.
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)
PLUGIN_NAME = "course"
"""The plugin's name in `mkdocs.yml` (its entry point)."""


class CoursePlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]  # options: the core's CourseConfig
    """Compiles YAML lessons and quizzes into Material pages."""

    supports_multiple_instances = False
    # MkDocs reads only the names here: with `enabled` among them, it passes that option to us.
    config_scheme = tuple((name, None) for name in CourseConfig.options())  # type: ignore[misc]
    config: CourseConfig

    def __init__(self) -> None:
        self.site: build.CourseSite | None = None
        self.cache: FileCache | None = None
        self.rebuilds: RebuildCache | None = None
        self.serving = False
        self.unpublished: set[str] = set()
        self.policy: SitePolicy | None = None
        self.option_warnings: list[str] = []
        """Warnings about the options, shown with the course's own (see :meth:`on_config`)."""
        self.package_kind: str | None = None
        """Set by a package's own build (packaging/site_build.py): the package this site goes into."""
        self.course_iri: str | None = None
        """The course's address in such a build, which has no ``site_url`` of its own."""
        self.searched = False
        """Whether a search plugin reads the pages (then it is handed them without their excluded parts)."""
        self.search_cut: tuple[Page, SearchCut] | None = None
        """The page the search plugin is reading now, and what was cut from it for the search."""
        self.search_view = SearchView(remember=False)
        """What cuts the pages for the search plugin (remembering where, under `mkdocs serve`)."""

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> tuple[Any, Any]:
        """The core's check of the options (:meth:`CourseConfig.load`), each problem placed where
        ``mkdocs.yml`` sets it."""
        self.config, errors, unknown = CourseConfig.load(options)
        if not config_file_path:
            return [(key, str(error)) for key, error in errors], [(key, "unknown option") for key in unknown]
        located_errors, self.option_warnings = located_option_problems(Path(config_file_path), PLUGIN_NAME, errors, unknown)
        # The warnings are held back from MkDocs: under --strict it would abort on the first of
        # them before the course is read, and the author would meet the course's only in the next run.
        return [(key, str(problem)) for key, problem in located_errors], []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # MkDocs keeps a plugin that has this method from one `mkdocs serve` rebuild to
        # the next; only there do unchanged files earn their place in memory.
        self.cache = {} if command == "serve" else None
        self.serving = command == "serve"
        self.rebuilds = RebuildCache() if self.serving else None
        self.search_view = SearchView(remember=self.serving)

    def on_shutdown(self) -> None:
        # MkDocs keeps this instance for the rest of the process (its plugin cache): a build
        # after `mkdocs serve` has ended in the same process is a one-off build again.
        self.cache, self.serving, self.rebuilds = None, False, None
        self.search_view = SearchView(remember=False)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.site, self.policy = None, None
        if not self.config.enabled:
            self._warn(config, self.option_warnings)
            return config  # switched off: every other handler sees no site and does nothing
        # Load and check everything here, before MkDocs cleans site/: a broken course
        # fails the build while the last good site stays in place.
        try:
            checked = preflight.check_everything(
                self.config, site_config(config), self.cache, serve=self.serving, rebuilds=self.rebuilds
            )
        except CourseError as error:
            for warning in self.option_warnings:
                log.warning(warning)
            raise PluginError(error.report()) from None
        self.site = checked.site
        self.searched = any(name.rpartition("/")[2] == "search" for name in config.plugins)
        self.unpublished = checked.unpublished
        for line in summary_lines(self.site.checks):
            log.info(line)
        self._warn(config, [*self.option_warnings, *self.site.warnings, *checked.warnings])
        connect = (self.config.xapi.origin,) if self.config.xapi else ()
        self.policy = SitePolicy(relaxed=self.serving, connect=connect) if self.config.content_security_policy else None
        mkdocs_assets.register(config)
        notes = packaging_hooks.configure(self.config, self.package_kind, config, self.site)
        for line in notes:
            if not line.startswith("warning: "):
                log.info(line)
        self._warn(config, [line.removeprefix("warning: ") for line in notes if line.startswith("warning: ")])
        return config

    @staticmethod
    def _warn(config: MkDocsConfig, warnings: list[str]) -> None:
        """Log every warning; under --strict fail with all of them, now, not at the end of the
        build: by then MkDocs would have replaced site/."""
        if config.strict and warnings:
            raise PluginError(strict_report(warnings))
        for warning in warnings:
            log.warning(warning)

    # Late, so files other plugins add are already there when we decide what a real page overrides.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.site is None:  # the course is switched off (`enabled: false`)
            return files
        mkdocs_pages.leave_out(files, self.unpublished)
        mkdocs_pages.add_pages(self.site, files, config)
        mkdocs_assets.add_files(files, config, self.site.strings)
        packaging_hooks.add_files(self.config, self.package_kind, self.course_iri, config, self.site, files)
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.site is None:
            return html
        html = cards.wrap_cases(html)
        html = mkdocs_pages.insert_quizzes(self.site, html, page, files)
        html = mkdocs_pages.insert_tools(self.site, html, page, files)
        mkdocs_pages.release_rendered(self.site, page)
        return html

    # Around the search plugin's own handler (priority 0), which parses the page's HTML.
    @event_priority(10)
    def _before_search(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if self.site is not None and self.searched and page.content:
            cut = self.search_view.cut(page.file.src_uri, page.content)
            if cut.cuts:
                self.search_cut = (page, cut)
                page.content = cut.searched
        return context

    @event_priority(-10)
    def _after_search(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if self.search_cut is not None and self.search_cut[0] is page:
            _, cut = self.search_cut
            self.search_cut = None
            restored = cut.restore(page.content or "")
            # A plugin in between that dropped a placeholder loses its change, not our page's parts.
            page.content = restored if restored is not None else cut.restore(cut.searched)
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # After every page is read and before anything is written: report all bad markers at once.
        # The checks before the build find these in the course's own files; this catches
        # markers that reach a page some other way (another plugin's pages, for instance).
        if self.site is not None and self.site.marker_problems:
            raise PluginError(CourseError(self.site.marker_problems).report())
        return env

    # Last, so the policy sees every script other plugins add to the page.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.policy is None:
            return output
        return self.policy.page(output, page.file.abs_dest_path, page.content)

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # The theme's own pages (404.html) carry the policy too; sitemap.xml is no page.
        if self.policy is None or not template_name.endswith(".html"):
            return output_content
        return self.policy.page(output_content, os.path.join(config.site_dir, template_name))

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.policy is not None:
            rewritten = self.policy.finish()
            if rewritten:
                log.debug(f"Content-Security-Policy: {rewritten} pages written before a later page's script were updated")
        # Not under `mkdocs serve`: every rebuild would build each package again.
        if self.site is not None and self.package_kind is None and self.config.packages and not self.serving:
            for line in packaging_hooks.make_packages(self.config, config):
                log.info(line)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # docs_dir is watched already; the quizzes and the case libraries live beside it.
        if not self.config.enabled:
            return server
        root = Path(config.config_file_path).parent
        server.watch(str(root / self.config.quizzes_dir))
        if (root / self.config.cases_dir).is_dir():
            server.watch(str(root / self.config.cases_dir))
        return server

