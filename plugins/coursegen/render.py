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

import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .build import CourseSite, lesson_url
from .diagnostics import CourseError, Problem
from .markers import COURSE_MARKER, find_markers, real_markers
from .outline import facts_html, outline_html
from .preflight import _PageRenderer as PageRenderer
from .rendering import QUIZ_MARKER, LessonLink
from .theme_fixes import HOST_FIXES
from .toc import same_text

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

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


def load(config_file: Path, *, strict: bool | None = None) -> tuple[MkDocsConfig, Any]:
    """``mkdocs.yml`` and the course plugin, loaded and checked as ``mkdocs build`` would.

    Raise :class:`CourseError` with every problem (file, line, field), as the build reports them.
    """
    from mkdocs.exceptions import PluginError

    from .project import load_project

    overrides: dict[str, Any] = {"strict": strict} if strict is not None else {}
    overrides.update(stand_in_theme(config_file))
    config, plugin = load_project(config_file, **overrides)
    plugin.on_startup(command="build", dirty=False)
    try:
        plugin.on_config(config)
    except PluginError as error:
        raise RenderError(str(error)) from None
    if plugin.site is None:
        raise CourseError([Problem(str(config_file), 1, 1, "plugins", "the course is switched off (`enabled: false`)")])
    return config, plugin


def stand_in_theme(config_file: Path) -> dict[str, Any]:
    """MkDocs' own theme in place of one not installed here (Zensical brings its own Material).

    The course reads only the theme's language; the generator renders the pages with its theme.
    """
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils import get_theme_names
    from mkdocs.utils.yaml import yaml_load

    try:
        with config_file.open(encoding="utf-8") as stream:
            raw = yaml_load(stream)
    except (OSError, ConfigurationError, yaml.YAMLError):
        return {}  # load_config reports it, with MkDocs' words
    theme = raw.get("theme") if isinstance(raw, dict) else None
    settings = theme if isinstance(theme, dict) else {"name": theme}
    name = settings.get("name")
    if not isinstance(name, str) or name in get_theme_names():
        return {}
    language = settings.get("language")
    return {"theme": {"name": "mkdocs", **({"language": language} if isinstance(language, str) else {})}}


class RenderError(Exception):
    """A failed check, already worded as the build words it (every problem with its file and line)."""


def render(config_file: Path, out: Path, *, strict: bool | None = None) -> Rendered:
    """Write the course's pages and files into ``out``; return what changed.

    Only files whose content differs are written, so a generator watching ``out``
    rebuilds what changed; files an earlier render wrote and this one does not are removed.
    """
    from mkdocs.structure.files import get_files

    config, plugin = load(config_file, strict=strict)
    docs = Path(config.docs_dir).resolve()
    target = out.resolve()
    if target == docs or docs in target.parents:
        raise CourseError([Problem(
            str(out), 1, 1, "OUT", f"the output folder must lie outside docs_dir ({config.docs_dir}): "
            "the generator reads it as its own docs_dir")])
    # MkDocs names the plugin that made each generated file from this (its event loop sets it).
    config.plugins._current_plugin = "course"
    own_nav = config.nav is not None  # the author's own stays in mkdocs.yml, inherited
    files = plugin.on_files(get_files(config), config=config)
    site: CourseSite = plugin.site
    result = Rendered()
    made: dict[str, bytes] = {}
    renderer = PageRenderer(config)
    for file in files:
        if file.is_documentation_page():
            made[file.src_uri] = page_markdown(site, file, files, config, renderer).encode("utf-8")
        elif not file.src_uri.endswith((".yml", ".yaml")):
            made[file.src_uri] = file.content_bytes
    if site.marker_problems:
        raise CourseError(site.marker_problems)
    _write(target, made, result)
    result.nav = _plain(config.nav) if config.nav is not None and not own_nav else []
    result.extra_css = [str(path) for path in config.extra_css]
    if HOST_FIXES not in result.extra_css:  # Zensical's theme needs them (theme_fixes.HOST_FIXES)
        result.extra_css.insert(1, HOST_FIXES)
    for script in config.extra_javascript:
        kind = getattr(script, "type", None)
        result.extra_javascript.append({"path": str(script), **({"type": kind} if kind else {})})
    return result


def page_markdown(
    site: CourseSite, file: File, files: Files, config: MkDocsConfig, renderer: Callable[[str], str | None]
) -> str:
    """A page's Markdown with its quiz and course markers replaced by their HTML, as raw HTML blocks."""
    from mkdocs.structure.pages import Page

    source = file.content_string
    page = Page(None, file, config)
    if page.is_homepage and site.options.home_progress and not _has_block(source, "progress"):
        source = _after_title(source, "<!-- course: progress -->")
    # A generated lesson page's marker is the template's own; any other page's may be shown in code.
    generated = file.src_uri in site.lesson_pages
    real = _real_markers(source, None if generated else renderer)
    link = partial(_link, site, files, page)
    shown: set[str] = set()
    # The page's heading can label a quiz of the same title only when it can be given an id.
    title = _page_title(source) if "attr_list" in config.markdown_extensions else None

    def quiz(match: re.Match[str]) -> str:
        sourced = site.course.quizzes.get(match["id"])
        if match.start() not in real:
            return match.group(0)  # shown in code, not meant as a marker
        if sourced is None or match["id"] in shown:
            return match.group(0)  # the checks before (preflight) reported it with its line
        shown.add(match["id"])
        model = sourced.model
        # A page about the quiz alone needs no second heading (build.insert_quizzes does the same).
        labelled_by = PAGE_TITLE_ID if title and same_text(title, model.title) else None
        html = site.renderer.quiz_html(model, link, site.quiz_data.get(match["id"]), labelled_by)
        return _block(html, _indent(source, match.start()))

    def tool(match: re.Match[str]) -> str:
        name = match["id"]
        if match.start() not in real_blocks:
            return match.group(0)
        if name in ("results", "team", "progress"):
            return _block(site.renderer.env.get_template(f"{name}.html").render(source=site.summary_uri))
        if name == "outline":
            level = _markdown_level(source[: match.start()])
            return _block(str(outline_html(site.renderer, site.outline, partial(lesson_url, site, files, page), level)))
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


def _link(site: CourseSite, files: Files, page: Any, lesson_id: str) -> LessonLink:
    return LessonLink(lesson_url(site, files, page, lesson_id) or "#", site.titles[lesson_id])


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
    the outline as ``nav`` and our stylesheet and entry module (the rest is the author's)."""
    base = os.path.relpath(config_file.resolve(), host_file.resolve().parent)
    docs = os.path.relpath(out.resolve(), host_file.resolve().parent)
    settings: dict[str, Any] = {"INHERIT": base, "docs_dir": docs}
    if rendered.nav:
        settings["nav"] = rendered.nav
    settings["extra_css"] = rendered.extra_css
    settings["extra_javascript"] = rendered.extra_javascript
    header = (f"# Written by `course render` from {base}: edit that file, not this one.\n"
              "# Generators that load no plugins (Zensical) read the course from docs_dir.\n")
    return header + str(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True))


def watched(config: MkDocsConfig, options: Any) -> list[Path]:
    """The files and folders a render reads: mkdocs.yml, docs_dir, the quizzes and the case libraries."""
    root = Path(config.config_file_path).parent
    return [Path(config.config_file_path), Path(config.docs_dir), root / options.quizzes_dir, root / options.cases_dir]


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


def quiet_mkdocs_logging(stream: Any) -> Callable[[], None]:
    """Show MkDocs' and the plugin's warnings as the build does (``WARNING - …``), nothing below."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    return lambda: logger.removeHandler(handler)

