"""``course render``: the course as ordinary Markdown and files, for generators without our plugin.

Zensical reads ``mkdocs.yml`` and runs Python-Markdown, but drops plugins it does not know.
So the plugin's work is done here, ahead of it, by the same functions a build runs: the
checks (same file:line errors), the generated lesson and tool pages, the quiz HTML (as raw
HTML blocks, which Python-Markdown passes through untouched), the assets, the strings
modules and the course summary. What a generator needs besides the folder (the outline as
``nav``, the stylesheet and the entry module) goes into a small config that inherits
``mkdocs.yml`` (:func:`host_config`).
"""

from __future__ import annotations

import html as html_lib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from . import record_config
from .assets import ENTRY_SCRIPT, STYLESHEET, asset_files
from .build import CourseSite, course_nav, generated_pages, lesson_link, lesson_url, summary_file, tool_html
from .content_files import scan_docs
from .diagnostics import CourseError, Problem, strict_report
from .headings import same_text
from .markers import COURSE_MARKER, find_markers, real_markers
from .outline import facts_html, outline_html
from .preflight import PageRenderer, check_everything, excluded_by, source_folders_inside
from .project import Project, load_project
from .rendering import QUIZ_MARKER
from .site_config import SiteConfig, setting_problem
from .site_files import UrlOf, is_homepage, page_url
from .theme_fixes import HOST_FIXES
from .zensical_theme import ThemeError, host_settings, overrides

MANIFEST = ".coursegen-rendered"
"""The list of files the last render wrote, so the next one removes those it no longer makes."""
_ATX = re.compile(r"^(#{1,6})[ \t]", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)
PAGE_TITLE_ID = "cg-page-title"
_TITLE = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t#]*$", re.MULTILINE)


@dataclass
class Rendered:
    """What one render did: the files it changed and removed, and what the host's config needs."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    nav: list[Any] = field(default_factory=list)
    extra_css: list[str] = field(default_factory=list)
    extra_javascript: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    theme_folder: bool = False
    """Whether ``OUT`` holds the theme overrides that give Zensical's pages the policy (:mod:`.zensical_theme`)."""


class RenderError(Exception):
    """A failed check, already worded as the build words it (every problem with its file and line)."""


def load(config_file: Path, *, strict: bool | None = None) -> tuple[Project, CourseSite, set[str]]:
    """``mkdocs.yml`` and the course, loaded and checked as ``mkdocs build`` would (no MkDocs needed):
    the project, the course and the stray files to leave out. The course's warnings are in
    ``site.warnings``; under ``strict`` they fail, as the build's do.

    Raise :class:`CourseError` with every problem (file, line, field), as the build reports them.
    """
    project = load_project(config_file, **({"strict": strict} if strict is not None else {}))
    if not project.options.enabled:
        raise CourseError([Problem(str(config_file), 1, 1, "plugins", "the course is switched off (`enabled: false`)")])
    checked = check_everything(project.options, project.site)
    site = checked.site
    site.warnings[:0] = project.option_warnings
    site.warnings += checked.warnings
    if project.site.strict and site.warnings:
        raise RenderError(strict_report(site.warnings))
    return project, site, checked.unpublished


def render(config_file: Path, out: Path, *, strict: bool | None = None, serve: bool = False) -> Rendered:
    """Write the course's pages and files into ``out``; return what changed.

    Only files whose content differs are written, so a generator watching ``out``
    rebuilds what changed; files an earlier render wrote and this one does not are removed.
    ``serve``: for a preview server (``--watch`` beside ``zensical serve``), whose live-reload
    script the policy cannot know, so it allows inline scripts, as under ``mkdocs serve``.
    """
    project, site, unpublished = load(config_file, strict=strict)
    config = project.site
    docs = config.docs_dir.resolve()
    target = out.resolve()
    if target == docs or docs in target.parents:
        raise CourseError([Problem(
            str(out), 1, 1, "OUT", f"the output folder must lie outside docs_dir ({config.docs_dir}): "
            "the generator reads it as its own docs_dir")])
    result = Rendered(warnings=list(site.warnings))
    sources = {os.path.abspath(path) for path in site.course.sources} | unpublished
    scan = scan_docs(config.docs_dir, config.root, excluded_by(config), source_folders_inside(site.paths, config.docs_dir))
    pages = sorted((rel for path, rel in scan.pages if os.path.abspath(path) not in sources), key=_walk_order)
    copied = {rel: Path(path) for path, rel in scan.others if os.path.abspath(path) not in sources}
    generated = generated_pages(site, set(pages).__contains__)
    page_uris = [*pages, *(page.uri for page in generated)]
    assets = asset_files(site.strings)
    known = {*page_uris, *copied, *assets}
    url_of: UrlOf = lambda uri: page_url(uri, config.use_directory_urls) if uri in known else None
    summary_uri, summary = summary_file(site, url_of)
    made: dict[str, bytes] = {summary_uri: summary.encode("utf-8")}
    for uri, source in assets.items():
        made[uri] = source.read_bytes() if isinstance(source, Path) else source.encode("utf-8")
    reports = record_config.reports(site.options, None)
    if reports:
        text = record_config.config_text(site.options, None, site, url_of, config.site_url, config.site_name)
        made[record_config.CONFIG_MODULE] = text.encode("utf-8")
    for uri, path in copied.items():
        made[uri] = path.read_bytes()
    renderer = PageRenderer(config)
    texts = {page.uri: page.markdown for page in generated}
    for uri in page_uris:
        source = texts[uri]() if uri in texts else (config.docs_dir / uri).read_text(encoding="utf-8-sig")
        made[uri] = page_markdown(site, uri, source, url_of, config, renderer).encode("utf-8")
    if site.marker_problems:
        raise CourseError(site.marker_problems)
    if site.options.content_security_policy:
        made.update(_theme_overrides(config, config_file, site, serve))
        result.theme_folder = True
    _write(target, made, result)
    result.nav = _plain(course_nav(site, page_uris)) if config.nav is None and site.options.nav else []
    # Only ours: Zensical appends an inheriting config's lists to those of mkdocs.yml (deepmerge),
    # so the site's own would be linked twice. The host fixes are for Zensical's theme.
    result.extra_css = [path for path in (STYLESHEET, HOST_FIXES) if path not in config.extra_css]
    ours = [ENTRY_SCRIPT, *([record_config.RECORD_SCRIPT] if reports else [])]
    listed = {script.path for script in config.extra_javascript}
    result.extra_javascript = [{"path": path, "type": "module"} for path in ours if path not in listed]
    return result


def _theme_overrides(config: SiteConfig, config_file: Path, site: CourseSite, serve: bool) -> dict[str, bytes]:
    """Zensical's theme partials and ``main.html`` that put the policy on every page."""
    custom = config.theme.get("custom_dir")
    connect = (site.options.xapi.origin,) if site.options.xapi else ()
    try:
        return overrides(config.root / str(custom) if custom else None, connect=connect, relaxed=serve)
    except ThemeError as error:
        raise CourseError([setting_problem(config_file, "theme", str(error))]) from None


def _walk_order(uri: str) -> tuple[tuple[int, bool, str], ...]:
    """MkDocs' order of the files of docs_dir: a folder's files (index or README first), then its
    folders, each in name order; the order of the pages the outline does not place."""
    *folders, name = uri.split("/")
    return (*((1, False, folder) for folder in folders), (0, os.path.splitext(name)[0] not in ("index", "README"), name))


def page_markdown(
    site: CourseSite, uri: str, source: str, url_of: UrlOf, config: SiteConfig, renderer: Callable[[str], str | None]
) -> str:
    """A page's Markdown with its quiz and course markers replaced by their HTML, as raw HTML blocks."""
    if is_homepage(uri) and site.options.home_progress and not _has_block(source, "progress"):
        source = _after_title(source, "<!-- course: progress -->")
    # A generated lesson page's marker is the template's own; any other page's may be shown in code.
    generated = uri in site.lesson_pages
    real = _real_markers(source, None if generated else renderer)
    here = page_url(uri, config.use_directory_urls)
    link = partial(lesson_link, site, url_of, here)
    shown: set[str] = set()
    # The page's heading can label a quiz of the same title only when it can be given an id.
    title = _page_title(source) if "attr_list" in config.markdown_extensions else None
    # And a quiz's own heading reaches the page's table of contents only as Markdown (md_in_html).
    headings = {"attr_list", "md_in_html"} <= set(config.markdown_extensions)

    def quiz(match: re.Match[str]) -> str:
        sourced = site.course.quizzes.get(match["id"])
        if match.start() not in real:
            return match.group(0)  # shown in code, not meant as a marker
        if sourced is None or match["id"] in shown:
            return match.group(0)  # the checks before (preflight) reported it with its line
        shown.add(match["id"])
        model = sourced.model
        # A page about the quiz alone needs no second heading (mkdocs_pages.insert_quizzes does the same).
        labelled_by = PAGE_TITLE_ID if title and same_text(title, model.title) else None
        html = site.renderer.quiz_html(model, link, site.quiz_data.get(match["id"]), labelled_by)
        if headings and labelled_by is None:
            html = heading_as_markdown(html)
        return _block(html, _indent(source, match.start()))

    def tool(match: re.Match[str]) -> str:
        name = match["id"]
        if match.start() not in real_blocks:
            return match.group(0)
        if name in ("results", "team", "progress"):
            return _block(tool_html(site, name))
        if name == "outline":
            level = _markdown_level(source[: match.start()])
            return _block(str(outline_html(site.renderer, site.outline, partial(lesson_url, site, url_of, here), level)))
        if name == "facts":
            before = source[source.rfind("\n", 0, match.start()) + 1 : match.start()]
            own_line = not before.strip()  # a block of its own, not a sentence's part
            html = str(facts_html(site.renderer, site.outline, block=own_line))
            return _block(html) if own_line else html
        return match.group(0)

    source = QUIZ_MARKER.sub(quiz, source)
    if title and 'aria-labelledby="cg-page-title"' in source:
        source = _TITLE.sub(lambda m: f"# {m['title']} {{ #{PAGE_TITLE_ID} }}", source, count=1)
    real_blocks = _real_markers(source, renderer, COURSE_MARKER)
    return COURSE_MARKER.sub(tool, source)


_QUIZ_HEADING = re.compile(r'\A(?P<open><section\b[^>]*)>\s*<h2 id="(?P<id>[^"]+)">(?P<title>[^<]*)</h2>\s*', re.DOTALL)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!])")
"""What Python-Markdown reads as markup unless escaped with a backslash (its ``ESCAPED_CHARS``)."""


def heading_as_markdown(html: str) -> str:
    """A quiz's HTML with its heading as a Markdown heading inside the section (``md_in_html``).

    A generator lists only Markdown's headings in a page's table of contents, not those of raw
    HTML (the MkDocs plugin adds them itself, mkdocs_toc.add_headings); the rest stays HTML.
    """
    match = _QUIZ_HEADING.match(html.strip())
    rest = html.strip()[match.end():] if match else ""
    if match is None or not rest.endswith("</section>"):
        return html
    body = rest.removesuffix("</section>").rstrip()
    # The template's text, escaped for Markdown instead of HTML (an entity's `#` must not be escaped).
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", html_lib.unescape(match["title"]))
    title = text.replace("&", "&amp;").replace("<", "&lt;")
    return f'{match["open"]} markdown="1">\n\n## {title} {{ #{match["id"]} }}\n\n{body}\n\n</section>'


def _real_markers(
    source: str, renderer: Callable[[str], str | None] | None, pattern: re.Pattern[str] = QUIZ_MARKER
) -> set[int]:
    """Where the markers Markdown keeps as comments start (not those shown in code), as the build
    sees them; every marker when there is no ``renderer`` to ask."""
    found = find_markers(source, pattern)
    if not found or renderer is None:
        return {marker.start for marker in found}
    real = real_markers(source, found, renderer, pattern)
    return {marker.start for marker in (found if real is None else real)}


def _block(html: str, indent: str = "") -> str:
    """HTML as a Markdown raw block, blank lines around, indented as the marker was (a marker
    inside an admonition or a list item stays inside it)."""
    lines = html.strip().split("\n")
    return "\n\n" + "\n".join(indent + line if line.strip() else "" for line in lines) + "\n\n"


def _indent(source: str, at: int) -> str:
    """The whitespace before ``at`` on its line (none when other text precedes it)."""
    before = source[source.rfind("\n", 0, at) + 1: at]
    return before if not before.strip() else ""


def _has_block(source: str, name: str) -> bool:
    return any(match["id"] == name for match in COURSE_MARKER.finditer(source))


def _after_title(source: str, text: str) -> str:
    """``text`` as a block after the page's first top-level heading (at the top when it has none)."""
    match = _TITLE.search(source)
    if match is None:
        front = _FRONT_MATTER.match(source)
        at = front.end() if front else 0
        return source[:at] + text + "\n\n" + source[at:]
    return source[: match.end()] + "\n\n" + text + "\n" + source[match.end():]


def _page_title(source: str) -> str | None:
    match = _TITLE.search(source)
    return match["title"].strip() if match else None


def _markdown_level(before: str) -> int:
    """One below the last Markdown heading before a block (h2 when none); h6 at most (as the build)."""
    levels = [len(hashes) for hashes in _ATX.findall(before)]
    return min(levels[-1] + 1 if levels else 2, 6)


def _plain(value: Any) -> Any:
    """MkDocs' nav as plain lists, mappings and strings (for YAML)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return str(value)


def _write(target: Path, made: dict[str, bytes], result: Rendered) -> None:
    target.mkdir(parents=True, exist_ok=True)
    manifest = target / MANIFEST
    before = set(manifest.read_text(encoding="utf-8").split("\n")) - {""} if manifest.is_file() else set()
    for uri, content in made.items():
        path = target / uri
        if path.is_file() and path.read_bytes() == content:
            result.unchanged += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        result.written.append(uri)
    for uri in sorted(before - set(made)):
        path = target / uri
        if path.is_file():
            path.unlink()
            result.removed.append(uri)
    manifest.write_text("\n".join(sorted(made)) + "\n", encoding="utf-8")


def host_config(config_file: Path, out: Path, rendered: Rendered, host_file: Path) -> str:
    """A config for the generator: ``mkdocs.yml`` inherited, ``docs_dir`` the rendered folder,
    the outline as ``nav`` and our stylesheets and entry module, which Zensical adds after the
    site's own ``extra_css`` and ``extra_javascript`` (the rest is the author's)."""
    base = os.path.relpath(config_file.resolve(), host_file.resolve().parent)
    docs = os.path.relpath(out.resolve(), host_file.resolve().parent)
    settings: dict[str, Any] = {"INHERIT": base, "docs_dir": docs}
    if rendered.nav:
        settings["nav"] = rendered.nav
    settings["extra_css"] = rendered.extra_css
    settings["extra_javascript"] = rendered.extra_javascript
    if rendered.theme_folder:
        settings.update(host_settings(out, host_file))
    header = (f"# Written by `course render` from {base}: edit that file, not this one.\n"
              "# Generators that load no plugins (Zensical) read the course from docs_dir.\n")
    return header + str(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True))


def watched(project: Project) -> list[Path]:
    """The files and folders a render reads: mkdocs.yml, docs_dir, the quizzes and the case libraries."""
    config, options = project.site, project.options
    files = [config.config_file] if config.config_file else []
    return [*files, config.docs_dir, config.root / options.quizzes_dir, config.root / options.cases_dir]


def snapshot(paths: list[Path]) -> dict[str, tuple[float, int]]:
    """Every file's modification time and size under ``paths`` (polled by ``--watch``)."""
    seen: dict[str, tuple[float, int]] = {}
    for path in paths:
        if path.is_file():
            stat = path.stat()
            seen[str(path)] = (stat.st_mtime, stat.st_size)
        elif path.is_dir():
            for folder, dirs, names in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in names:
                    full = os.path.join(folder, name)
                    try:
                        stat = os.stat(full)
                    except OSError:
                        continue  # removed while walking
                    seen[full] = (stat.st_mtime, stat.st_size)
    return seen
