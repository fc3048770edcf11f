"""What the plugin does during one build, as plain functions the event handlers call."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .assets import SITE_DIR
from .config import CourseConfig
from .diagnostic_checks import DiagnosticChecks, check_diagnostics
from .diagnostics import CourseError, Problem, display_path
from .generated_files import LessonFile
from .i18n import Strings, theme_language
from .loading import Course, CoursePaths, FileCache, load_course
from .markers import BLOCK_FIELD, COURSE_MARKER, DUPLICATE, FIELD, position, unknown_block_message, unknown_message
from .models import Diagnostic, KnowledgeCheck, Module
from .nav import lesson_uri, outline_nav
from .outline import CourseOutline, course_outline, facts_html, heading_level, on_own_line, outline_html
from .rebuild_cache import RebuildCache
from .rendering import QUIZ_MARKER, LessonLink, Renderer
from .runtime_data import Payload, embedded_json, quiz_payload
from .storage_limits import check_quizzes
from .toc import add_headings, page_heading, quiz_headings, same_text


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


def course_paths(options: CourseConfig, config: MkDocsConfig) -> CoursePaths:
    """Where the course's files are, from the plugin options and ``mkdocs.yml``'s folder."""
    root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
    docs = Path(config.docs_dir)
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
    options: CourseConfig, config: MkDocsConfig, cache: FileCache | None = None, rebuilds: RebuildCache | None = None
) -> CourseSite:
    """Load and check the course; raise :class:`CourseError` with every problem found.

    With a ``cache`` (`mkdocs serve`), unchanged files come from the previous build and
    every model stays loaded; without one, models are released as their pages are done.
    ``rebuilds`` (also `mkdocs serve`) keeps what is made from unchanged files: payloads,
    quiz HTML, diagnostic analyses.
    """
    paths = course_paths(options, config)
    course = load_course(paths, cache)
    strings = Strings.for_language(theme_language(config)).overridden(options.strings)
    renderer = Renderer(list(config.markdown_extensions), dict(config.mdx_configs), strings)
    rebuilds = rebuilds or RebuildCache(keep=False)
    # What quiz HTML depends on besides the quiz: the language, its strings and the Markdown set-up.
    rebuilds.settings(repr((strings.language, strings.table, config.markdown_extensions, config.mdx_configs)))
    titles = {lesson_id: sourced.model.title for lesson_id, sourced in course.lessons.items()}
    site = CourseSite(course, paths, options, renderer, strings, titles=titles, release=cache is None, rebuilds=rebuilds)
    site.outline = course_outline(course.outline.model, {lesson_id: s.model for lesson_id, s in course.lessons.items()})
    # Made once here, for the checks, the tools' data and the pages (site.quiz_data).
    payloads = {
        quiz_id: rebuilds.get(("payload", quiz_id), sourced, partial(quiz_payload, sourced.model))
        for quiz_id, sourced in course.quizzes.items()
    }
    saved_data = check_quizzes(course, payloads)  # what the browser saves must fit (storage_limits)
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
    site.quiz_data = {quiz_id: embedded_json(payload) for quiz_id, payload in payloads.items()}
    return site


def add_pages(site: CourseSite, files: Files, config: MkDocsConfig) -> None:
    """Add a generated page per lesson, drop the YAML sources, and set the nav from the outline."""
    # Both sides come from docs_dir as MkDocs spells it, so absolute paths suffice; resolving
    # symlinks (a few system calls per path) took a second and a half at 5,000 lessons.
    sources = {os.path.abspath(path) for path in site.course.sources}
    for file in list(files):
        if file.abs_src_path and os.path.abspath(file.abs_src_path) in sources:
            files.remove(file)
    outline = site.course.outline.model
    for module_number, module in enumerate(outline.modules, start=1):
        for lesson_number, lesson_id in enumerate(module.lessons, start=1):
            uri = lesson_uri(site.options.lessons_dir, lesson_id)
            if files.get_file_from_path(uri) is not None:
                continue  # a real page in content/ wins over the generated one
            render = partial(_lesson_markdown, site, lesson_id, module, (module_number, lesson_number))
            files.append(LessonFile.lazy(config, uri, render))
            site.lesson_pages[uri] = lesson_id
    tools = tool_pages(site.options)
    for uri, tool in tools.items():
        if files.get_file_from_path(uri) is None:  # a real page wins
            markdown = f"# {site.strings(f'{tool}_title')}\n\n{site.strings(f'{tool}_intro')}\n\n<!-- course: {tool} -->\n"
            files.append(File.generated(config, uri, content=markdown))
    if config.nav is None and site.options.nav:
        lesson_uris = {lesson_uri(site.options.lessons_dir, lesson_id) for m in outline.modules for lesson_id in m.lessons}
        pages = [f.src_uri for f in files.documentation_pages() if f.src_uri not in lesson_uris]
        uris = list(tools)
        nav = outline_nav(outline, site.options.lessons_dir, pages, after_modules=uris[:1], last=uris[1:])
        # The home page under a short name: its title is the site's, shown just above it.
        config.nav = [{site.strings("nav_home"): item} if item == "index.md" else item for item in nav]
    add_summary_file(site, files, config)


def add_summary_file(site: CourseSite, files: Files, config: MkDocsConfig) -> None:
    """Write :func:`course_summary` once, as ``assets/coursegen/course-<hash>.json``.

    The home page, My results and the team view load it; embedded in each, it grew with the
    course (128 KB of home page at 5,000 lessons) and was fetched again with every page.
    Its name changes with its content, so a browser may keep it as long as it likes. Lesson
    URLs in it are relative to the site's root (the scripts resolve them against it).
    """
    lessons = []
    for lesson in site.summary["lessons"]:
        target = files.get_file_from_path(lesson_uri(site.options.lessons_dir, lesson["id"]))
        lessons.append({**lesson, "url": target.url if target else None})
    text = json.dumps({**site.summary, "lessons": lessons}, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    site.summary_uri = f"{SITE_DIR}/course-{digest}.json"
    if files.get_file_from_path(site.summary_uri) is None:
        files.append(File.generated(config, site.summary_uri, content=text))


def _lesson_markdown(site: CourseSite, lesson_id: str, module: Module, position: tuple[int, int]) -> str:
    # The lesson is looked up when MkDocs reads the page, not held by the page until then.
    return site.renderer.lesson_markdown(site.course.lessons[lesson_id].model, module, position)


def release_rendered(site: CourseSite, page: Page) -> None:
    """Drop a generated lesson page's lesson and check once its HTML is made.

    In a one-off build nothing needs them again, and a 1,000-lesson course would
    otherwise hold about 20 MB of models beside the pages made from them. Should
    another page ask for them after all, they are read again from their files.
    """
    lesson_id = site.lesson_pages.get(page.file.src_uri)
    if not site.release or lesson_id is None:
        return
    sourced = site.course.lessons[lesson_id]
    quiz_id = sourced.model.quiz
    sourced.release()
    if quiz_id:
        site.course.quizzes[quiz_id].release()
        site.quiz_data.pop(quiz_id, None)


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


def lesson_url(site: CourseSite, files: Files, page: Page, lesson_id: str) -> str | None:
    """The URL of a lesson's page relative to ``page``; None when the lesson has no page."""
    target = files.get_file_from_path(lesson_uri(site.options.lessons_dir, lesson_id))
    return get_relative_url(target.url, page.url) if target else None


def insert_tools(site: CourseSite, html: str, page: Page, files: Files) -> str:
    """Replace course markers with My results, the team view, the progress box, the outline
    or its facts, and record unknown ones; put the progress box under the home page's title."""

    # From the site's root, not the page: the script may start after instant navigation has
    # moved on to another page, and resolves it against the root (summary.js).
    source = site.summary_uri

    def render(tool: str) -> str:
        return site.renderer.env.get_template(f"{tool}.html").render(source=source)

    def replace(match: re.Match[str]) -> str:
        name = match["id"]
        if name in TOOLS:
            return render(name)
        if name == "outline":
            url = partial(lesson_url, site, files, page)
            return outline_html(site.renderer, site.outline, url, heading_level(html[: match.start()]))
        if name == "facts":
            return facts_html(site.renderer, site.outline, block=on_own_line(html, match.start(), match.end()))
        # The checks before the build find these in the course's files; this catches the rest.
        shown, line, column = _marker_place(site, page, match.group(0))
        site.marker_problems.append(Problem(shown, line, column, BLOCK_FIELD, unknown_block_message(name)))
        return match.group(0)

    html = COURSE_MARKER.sub(replace, html)
    if page.is_homepage and site.options.home_progress and 'data-cg-tool="progress"' not in html:
        end = html.find("</h1>")
        at = end + len("</h1>") if end >= 0 else 0
        html = html[:at] + "\n" + render("progress") + html[at:]
    return html


def insert_quizzes(site: CourseSite, html: str, page: Page, files: Files) -> str:
    """Replace each quiz marker in a page's HTML with the quiz, and list its heading in the
    page's table of contents; record unknown ids."""

    def link(lesson_id: str) -> LessonLink:
        return LessonLink(lesson_url(site, files, page, lesson_id) or "#", site.titles[lesson_id])

    shown: set[str] = set()
    title_id, title = page_heading(page.toc.items)

    def replace(match: re.Match[str]) -> str:
        quiz_id = match["id"]
        sourced = site.course.quizzes.get(quiz_id)
        if sourced is None or quiz_id in shown:
            # The checks before the build find these in the course's files; this catches the rest.
            site.marker_problems.append(_marker_problem(site, page, match.group(0), quiz_id, repeated=sourced is not None))
            return match.group(0)
        shown.add(quiz_id)
        quiz = sourced.model
        # A page about the quiz alone (its title the page's) needs no second heading for it.
        labelled_by = title_id if title_id and same_text(title, quiz.title) else None
        # A knowledge check's HTML is the same on every page; a diagnostic's links are the page's.
        key = ("html", quiz_id, labelled_by) if isinstance(quiz, KnowledgeCheck) else ("html", quiz_id, page.url)
        make = partial(site.renderer.quiz_html, quiz, link, site.quiz_data.get(quiz_id), labelled_by)
        return site.rebuilds.get(key, sourced, make)

    html = QUIZ_MARKER.sub(replace, html)
    if shown:
        add_headings(page.toc.items, html, quiz_headings(html, shown))
    return html


def _marker_place(site: CourseSite, page: Page, marker: str, *, repeated: bool = False) -> tuple[str, int, int]:
    """The file, line and column of ``marker`` in a page's Markdown (its second copy when ``repeated``)."""
    source = page.markdown or ""
    offset = source.find(marker)
    if repeated and offset >= 0:
        offset = source.find(marker, offset + 1)  # the second copy is the one at fault
    line, column = position(source, offset) if offset >= 0 else (1, 1)
    if page.file.abs_src_path:
        shown = display_path(Path(page.file.abs_src_path), site.paths.root)
    else:
        shown = page.file.src_uri
    return shown, line, column


def _marker_problem(site: CourseSite, page: Page, marker: str, quiz_id: str, *, repeated: bool = False) -> Problem:
    shown, line, column = _marker_place(site, page, marker, repeated=repeated)
    if repeated:
        return Problem(shown, line, column, FIELD, f"quiz `{quiz_id}` is shown twice on this page; {DUPLICATE}")
    return Problem(shown, line, column, FIELD, unknown_message(quiz_id, site.course.quizzes))
