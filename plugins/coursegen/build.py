"""The course of one build, as plain functions over the course folder and :class:`SiteConfig`.

No MkDocs here: the MkDocs plugin (:mod:`.mkdocs_pages`), ``course render`` and the
Markdown extension all start from :func:`load_site` and the pages it plans.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from .assets import SITE_DIR
from .config import CourseConfig
from .diagnostic_checks import DiagnosticChecks, check_diagnostics
from .diagnostics import CourseError, Problem
from .i18n import Strings
from .loading import Course, CoursePaths, FileCache, load_course
from .models import Diagnostic, Module
from .nav import lesson_uri, outline_nav
from .outline import CourseOutline, course_outline
from .rebuild_cache import RebuildCache
from .rendering import LessonLink, Renderer
from .runtime_data import Payload, embedded_json, quiz_payload
from .site_config import SiteConfig
from .site_files import UrlOf, relative_url
from .storage_limits import check_quizzes, largest_state_length


@dataclass
class CourseSite:
    """The loaded course and the per-build state of rendering it."""

    course: Course
    paths: CoursePaths
    options: CourseConfig
    renderer: Renderer
    strings: Strings
    warnings: list[str] = field(default_factory=list)
    marker_problems: list[Problem] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    """The tools' course data (see :func:`course_summary`), made once per build."""
    summary_uri: str = ""
    """Where the build writes it (:func:`add_summary_file`): one cacheable file, not a copy per page."""
    titles: dict[str, str] = field(default_factory=dict)
    """Lesson titles by id, for links, without holding on to the lessons."""
    release: bool = False
    """Drop each lesson's models once its page is rendered (a one-off build, not `mkdocs serve`)."""
    lesson_pages: dict[str, str] = field(default_factory=dict)
    """Generated lesson pages' source paths → lesson ids."""
    checks: DiagnosticChecks = field(default_factory=DiagnosticChecks)
    """Every diagnostic's outcome spread, stability and case library results."""
    quiz_data: dict[str, str] = field(default_factory=dict)
    """Each quiz's browser data as the page embeds it, made once with the checks (a payload is
    the costly part of a quiz's HTML); a check's entry goes when its lesson page is done."""
    rebuilds: RebuildCache = field(default_factory=lambda: RebuildCache(keep=False))
    """What `mkdocs serve` keeps from one rebuild to the next (nothing in a one-off build)."""
    outline: CourseOutline = field(default_factory=CourseOutline)
    """What the outline and facts blocks show, taken while every lesson is loaded."""


def course_paths(options: CourseConfig, config: SiteConfig) -> CoursePaths:
    """Where the course's files are, from the plugin options and ``mkdocs.yml``'s folder."""
    root = config.root
    docs = config.docs_dir
    return CoursePaths(
        root=root,
        outline=docs / options.outline,
        lessons_dir=docs / options.lessons_dir,
        quizzes_dir=root / options.quizzes_dir,
        pages_dir=docs,
        cases_dir=root / options.cases_dir,
        generated_pages=frozenset(tool_pages(options)),
    )


def load_site(
    options: CourseConfig, config: SiteConfig, cache: FileCache | None = None, rebuilds: RebuildCache | None = None
) -> CourseSite:
    """Load and check the course; raise :class:`CourseError` with every problem found.

    With a ``cache`` (`mkdocs serve`), unchanged files come from the previous build and
    every model stays loaded; without one, models are released as their pages are done.
    ``rebuilds`` (also `mkdocs serve`) keeps what is made from unchanged files: payloads,
    quiz HTML, diagnostic analyses.
    """
    paths = course_paths(options, config)
    course = load_course(paths, cache)
    strings = Strings.for_language(config.language).overridden(options.strings)
    rebuilds = rebuilds or RebuildCache(keep=False)
    # What quiz HTML depends on besides the quiz: the language, its strings and the Markdown set-up.
    rebuilds.settings(repr((strings.language, strings.table, config.markdown_extensions, config.mdx_configs)))
    # Made from those settings alone, so kept while they hold: its templates and Markdown
    # set-up are made once per `mkdocs serve`, not at every rebuild.
    renderer = rebuilds.get(
        ("renderer",), None, lambda: Renderer(list(config.markdown_extensions), dict(config.mdx_configs), strings)
    )
    titles = {lesson_id: sourced.model.title for lesson_id, sourced in course.lessons.items()}
    site = CourseSite(course, paths, options, renderer, strings, titles=titles, release=cache is None, rebuilds=rebuilds)
    site.outline = course_outline(course.outline.model, {lesson_id: s.model for lesson_id, s in course.lessons.items()})
    # Made once here, for the checks, the tools' data and the pages (site.quiz_data).
    payloads = {
        quiz_id: rebuilds.get(("payload", quiz_id), sourced, partial(quiz_payload, sourced.model))
        for quiz_id, sourced in course.quizzes.items()
    }
    lengths = {
        quiz_id: rebuilds.get(("saved length", quiz_id), sourced, partial(largest_state_length, sourced.model, payloads[quiz_id]))
        for quiz_id, sourced in course.quizzes.items()
    }
    saved_data = check_quizzes(course, lengths)  # what the browser saves must fit (storage_limits)
    if saved_data:
        raise CourseError(saved_data)
    diagnostics = {
        quiz_id: (sourced.model, sourced.document, payloads[quiz_id])
        for quiz_id, sourced in course.quizzes.items()
        if isinstance(sourced.model, Diagnostic)
    }
    site.checks = check_diagnostics(diagnostics, paths.cases_dir, paths.root, options.max_outcome_share, rebuilds)
    if site.checks.problems:
        raise CourseError(site.checks.problems)
    site.warnings += site.checks.warnings
    site.summary = course_summary(course, payloads)
    site.quiz_data = {
        quiz_id: rebuilds.get(("data", quiz_id), course.quizzes[quiz_id], partial(embedded_json, payload))
        for quiz_id, payload in payloads.items()
    }
    return site


@dataclass
class GeneratedPage:
    """A page the course adds to ``docs_dir``: where, and its Markdown (made when asked, for a lesson)."""

    uri: str
    markdown: Callable[[], str]
    lesson_id: str | None = None


def generated_pages(site: CourseSite, exists: Callable[[str], bool]) -> list[GeneratedPage]:
    """A page per lesson of the outline and the tools' pages, but where ``docs_dir`` has a real
    page of the same path (``exists``), which wins; records the lessons' in ``site.lesson_pages``."""
    pages = []
    for module_number, module in enumerate(site.course.outline.model.modules, start=1):
        for lesson_number, lesson_id in enumerate(module.lessons, start=1):
            uri = lesson_uri(site.options.lessons_dir, lesson_id)
            if exists(uri):
                continue
            render = partial(_lesson_markdown, site, lesson_id, module, (module_number, lesson_number))
            pages.append(GeneratedPage(uri, render, lesson_id))
            site.lesson_pages[uri] = lesson_id
    for uri, tool in tool_pages(site.options).items():
        if not exists(uri):
            text = f"# {site.strings(f'{tool}_title')}\n\n{site.strings(f'{tool}_intro')}\n\n<!-- course: {tool} -->\n"
            pages.append(GeneratedPage(uri, partial(str, text)))
    return pages


def course_nav(site: CourseSite, page_uris: list[str]) -> list[Any]:
    """The navigation from the outline: the home page, the other pages of ``docs_dir``
    (``page_uris``, in order), the modules, My results after them and the team view last."""
    outline = site.course.outline.model
    lesson_uris = {lesson_uri(site.options.lessons_dir, lesson_id) for m in outline.modules for lesson_id in m.lessons}
    pages = [uri for uri in page_uris if uri not in lesson_uris]
    uris = list(tool_pages(site.options))
    nav = outline_nav(outline, site.options.lessons_dir, pages, after_modules=uris[:1], last=uris[1:])
    # The home page under a short name: its title is the site's, shown just above it.
    return [{site.strings("nav_home"): item} if item == "index.md" else item for item in nav]


def summary_file(site: CourseSite, url_of: UrlOf) -> tuple[str, str]:
    """:func:`course_summary` as one file, ``assets/coursegen/course-<hash>.json``: its path and text.

    The home page, My results and the team view load it; embedded in each, it grew with the
    course (128 KB of home page at 5,000 lessons) and was fetched again with every page.
    Its name changes with its content, so a browser may keep it as long as it likes. Lesson
    URLs in it are relative to the site's root (the scripts resolve them against it).
    Sets ``site.summary_uri``.
    """
    lessons = [
        {**lesson, "url": url_of(lesson_uri(site.options.lessons_dir, lesson["id"]))} for lesson in site.summary["lessons"]
    ]
    text = json.dumps({**site.summary, "lessons": lessons}, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    site.summary_uri = f"{SITE_DIR}/course-{digest}.json"
    return site.summary_uri, text


def _lesson_markdown(site: CourseSite, lesson_id: str, module: Module, position: tuple[int, int]) -> str:
    # The lesson is looked up when the page is read, not held by the page until then; in
    # `mkdocs serve`, an unchanged lesson in the same place keeps its Markdown.
    sourced = site.course.lessons[lesson_id]
    return site.rebuilds.get(
        ("lesson", lesson_id, module.title, position),
        sourced,
        lambda: site.renderer.lesson_markdown(sourced.model, module, position),
    )


def lesson_url(site: CourseSite, url_of: UrlOf, page_url: str, lesson_id: str) -> str | None:
    """The URL of a lesson's page relative to the page at ``page_url``; None when the lesson has no page."""
    target = url_of(lesson_uri(site.options.lessons_dir, lesson_id))
    return relative_url(target, page_url) if target is not None else None


def lesson_link(site: CourseSite, url_of: UrlOf, page_url: str, lesson_id: str) -> LessonLink:
    """A link to a lesson from the page at ``page_url`` (``#`` when the lesson has no page)."""
    return LessonLink(lesson_url(site, url_of, page_url, lesson_id) or "#", site.titles[lesson_id])


def tool_html(site: CourseSite, tool: str) -> str:
    """My results, the team view or the progress box (``tool``), loading the course summary."""
    # From the site's root, not the page: the script may start after instant navigation has
    # moved on to another page, and resolves it against the root (summary.js).
    return site.renderer.env.get_template(f"{tool}.html").render(source=site.summary_uri)


RESULTS_PAGE = "my-results.md"
TEAM_PAGE = "team.md"
TOOLS = ("results", "team", "progress")
"""Course markers (markers.COURSE_MARKER) that show My results, the team view or the course progress."""


def tool_pages(options: CourseConfig) -> dict[str, str]:
    """The pages the plugin adds for its tools, as the options ask: path → tool."""
    return {uri: tool for uri, tool, wanted in (
        (RESULTS_PAGE, "results", options.results_page),
        (TEAM_PAGE, "team", options.team_page),
    ) if wanted}


def course_summary(course: Course, payloads: dict[str, Payload]) -> dict[str, Any]:
    """What the progress, My results and team view scripts need, the same on every page:
    lessons in order with their checks, and every diagnostic's scoring data (``payloads``:
    every quiz's, by id)."""
    lessons = []
    checks: dict[str, dict[str, Any]] = {}
    for module in course.outline.model.modules:
        for lesson_id in module.lessons:
            lesson = course.lessons[lesson_id].model
            payload = payloads[lesson.quiz] if lesson.quiz else None
            lessons.append({
                "id": lesson_id,
                "title": lesson.title,
                "quiz": lesson.quiz,
                "version": payload["version"] if payload else None,
            })
            if payload:
                # My results tells which saved answers a changed check drops (README: "Saved data").
                fingerprints = {question["id"]: question["fp"] for question in payload["questions"]}
                checks[payload["id"]] = {"legacy": payload.get("legacy"), "fp": fingerprints}
    diagnostics = [
        {**payloads[quiz_id], "title": q.model.title} for quiz_id, q in course.quizzes.items() if isinstance(q.model, Diagnostic)
    ]
    return {"title": course.outline.model.title, "lessons": lessons, "diagnostics": diagnostics, "checks": checks}


