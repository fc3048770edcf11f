"""Every check that can fail the build, run before MkDocs empties ``site/``.

MkDocs cleans ``site/`` right after the ``config`` and ``pre_build`` events, and
only then walks ``docs_dir``, reads the pages and copies files. Whatever could stop
it later is looked for here first, so a failed build leaves the last good site
exactly as it was: links that loop or lead nowhere, unreadable or non-UTF-8 pages,
quiz markers naming no quiz or one quiz twice, course markers naming no block, and (as warnings, which ``--strict``
makes failures) stray files in the course's folders and script the site's
Content-Security-Policy would block.

It costs one walk of ``docs_dir`` and one read of each Markdown page; only a page
whose raw text has a suspect marker or script is rendered to confirm it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import markdown
import pathspec

from . import csp, markers
from .build import CourseSite, course_paths, load_site
from .config import CourseConfig
from .content_files import SOURCE_SUFFIXES, other_files, scan_docs, shown_path
from .diagnostics import CourseError, Problem
from .loading import CoursePaths, FileCache, Sourced
from .markers import Marker
from .nav import lesson_uri
from .page_meta import page_body
from .placeholders import MARKER, placeholder_warnings
from .rebuild_cache import RebuildCache
from .rendering import LessonLink
from .site_config import SiteConfig

# MkDocs 1.5+ always leaves these out (mkdocs.structure.files._default_exclude, private).
_DEFAULT_EXCLUDE = pathspec.gitignore.GitIgnoreSpec.from_lines([".*", "/templates/"])
_SCRIPT_TAG = re.compile(r"(?i)<script")


def _maybe_blocked(text: str) -> bool:
    """Whether raw text may render to something the policy blocks (confirmed by rendering).

    Three cheap searches, not one case-blind regex with alternatives: on 5,000 pages
    that regex took 0.4 s, these take 0.05 s (each can skip ahead to a literal).
    """
    return bool(
        _SCRIPT_TAG.search(text) or "cript:" in text or "CRIPT:" in text or csp.EVENT_ATTRIBUTE.search(text)
    )


@dataclass
class _Page:
    """A page worth a second look; its text is read again then (kept, 5,000 pages would hold 40 MB)."""

    path: str
    shown: str
    markers: list[markers.Marker]
    maybe_blocked: bool
    blocks: list[Marker] = field(default_factory=list)
    """Course markers naming no known block (``<!-- course: outlines -->``), real or not."""


@dataclass
class Survey:
    """What the walk of ``docs_dir`` found; the pages worth a second look are kept."""

    problems: list[Problem] = field(default_factory=list)
    suspects: list[_Page] = field(default_factory=list)
    page_uris: set[str] = field(default_factory=set)
    in_source_folders: list[str] = field(default_factory=list)


@dataclass
class Checked:
    """The loaded course and what the checks found beyond its own warnings."""

    site: CourseSite
    warnings: list[str] = field(default_factory=list)
    unpublished: set[str] = field(default_factory=set)
    """Absolute paths of stray files in the course's folders, to leave out of the site."""


def check_everything(
    options: CourseConfig,
    config: SiteConfig,
    cache: FileCache | None = None,
    *,
    serve: bool = False,
    rebuilds: RebuildCache | None = None,
) -> Checked:
    """Load the course and run every check; raise :class:`CourseError` listing every problem.

    ``serve`` checks draft pages too, since `mkdocs serve` renders them.
    """
    paths = course_paths(options, config)
    survey = survey_docs(config, paths, serve=serve)
    try:
        site = load_site(options, config, cache, rebuilds)
    except CourseError as error:
        raise CourseError([*error.problems, *survey.problems]) from None
    checked = Checked(site)
    render = PageRenderer(config)
    scans = _scans(site)
    problems = survey.problems + _page_problems(site, survey, render, checked.warnings)
    problems += _lesson_problems(site, survey, render, checked.warnings, scans)
    if options.content_security_policy:
        checked.warnings += _quiz_warnings(site, scans) + _outside_resources(config)
    if problems:
        raise CourseError(problems)
    _stray_files(site, survey, config, checked)
    checked.warnings += placeholder_warnings(sourced for sourced, scan in scans.items() if scan.placeholder)
    return checked


@dataclass(frozen=True)
class _Scan:
    """What one search of a lesson's or quiz's texts tells the checks: whether they hold
    a marker, something the policy may block, or a starter's placeholder."""

    marker: bool
    maybe_blocked: bool
    placeholder: bool


def _scan(sourced: Sourced[Any]) -> _Scan:
    dumped = sourced.model.model_dump_json()
    return _Scan("<!--" in dumped, _maybe_blocked(dumped), MARKER in dumped)


def _scans(site: CourseSite) -> dict[Sourced[Any], _Scan]:
    """Every lesson's and quiz's :class:`_Scan`: each model dumped once for the three checks
    that search its texts, and under `mkdocs serve` only when its file changed."""
    course = site.course
    return {
        sourced: site.rebuilds.get(("scan", sourced.kind.__name__, key), sourced, partial(_scan, sourced))
        for key, sourced in [*course.lessons.items(), *course.quizzes.items()]
    }


def excluded_by(config: SiteConfig, serve: bool = False) -> Callable[[str, bool], bool]:
    """MkDocs' rule for what it leaves out of the site, for a path relative to ``docs_dir``."""
    exclude = config.exclude_docs
    spec = _DEFAULT_EXCLUDE + exclude if exclude else _DEFAULT_EXCLUDE
    drafts = None if serve else config.draft_docs

    def excluded(relative: str, folder: bool) -> bool:
        probe = relative + "/" if folder else relative
        return bool(spec.match_file(probe) or (drafts and drafts.match_file(probe)))

    return excluded


def _inside(path: str | Path, folder: Path) -> bool:
    return os.path.abspath(path).startswith(os.path.abspath(folder) + os.sep)


def source_folders_inside(paths: CoursePaths, docs: Path) -> list[Path]:
    """The course's folders (lessons, quizzes, cases) that lie inside ``docs``."""
    folders = (paths.lessons_dir, paths.quizzes_dir, paths.cases_dir)
    return [folder for folder in folders if folder is not None and _inside(folder, docs)]


def survey_docs(config: SiteConfig, paths: CoursePaths, *, serve: bool = False) -> Survey:
    """Walk ``docs_dir`` and read every Markdown page once, before anything is cleaned."""
    docs = Path(config.docs_dir)
    scan = scan_docs(docs, paths.root, excluded_by(config, serve), source_folders_inside(paths, docs))
    survey = Survey(problems=scan.problems, in_source_folders=scan.in_source_folders)
    docs_shown = shown_path(docs, paths.root)
    for path, relative in scan.pages:
        survey.page_uris.add(relative)
        shown = f"{docs_shown}/{relative}" if docs_shown not in ("", ".") else relative
        text = _read_page(path, shown, survey.problems)
        if text is None:
            continue
        found = markers.find_markers(text)
        maybe_blocked = _maybe_blocked(text)
        blocks = markers.unknown_blocks(text)
        if found or maybe_blocked or blocks:
            survey.suspects.append(_Page(path, shown, found, maybe_blocked, blocks))
    return survey


def _read_page(path: str | Path, shown: str, problems: list[Problem]) -> str | None:
    """A page's text as MkDocs will read it (UTF-8, BOM allowed); None and a problem if it cannot be."""
    try:
        with open(path, "rb") as file:
            raw = file.read()
    except OSError as error:
        message = f"cannot read the page: {error.strerror}; make it readable or exclude it (`exclude_docs`)"
        problems.append(Problem(shown, 1, 1, "", message))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = f"the page is not UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8"
        problems.append(Problem(shown, line, column, "", message))
        return None


class PageRenderer:
    """Markdown as MkDocs renders a page (the site's extensions, front matter dropped), made on first use."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.md: markdown.Markdown | None = None

    def __call__(self, text: str) -> str | None:
        try:
            if self.md is None:
                self.md = markdown.Markdown(
                    extensions=list(self.config.markdown_extensions), extension_configs=dict(self.config.mdx_configs)
                )
            return str(self.md.reset().convert(page_body(text)))
        except Exception:  # noqa: BLE001 - any extension may fail its own way; MkDocs reports it when it renders the page
            return None


def _first_line(source: str, what: str) -> int:
    """The line of ``source`` where what :func:`csp.blocked_by_policy` described first appears (1 if unknown)."""
    if "<script>" in what:
        probe = csp.SCRIPT
    elif "event handler" in what:
        probe = csp.EVENT_ATTRIBUTE
    else:
        probe = csp.JAVASCRIPT_URL
    match = probe.search(source)
    return markers.position(source, match.start())[0] if match else 1


def _blocked_warnings(shown: str, source: str, html: str, where: str) -> list[str]:
    """Warnings for what the policy blocks in ``html``, placed at its first line in ``source``."""
    return [
        f"{shown}:{_first_line(source, what)}: {what} in {where}: the site's Content-Security-Policy blocks it; "
        "move the script into a .js file listed under `extra_javascript` (or set the plugin's "
        "`content_security_policy: false`)"
        for what in csp.blocked_by_policy(html)
    ]


def _page_problems(site: CourseSite, survey: Survey, render: PageRenderer, warnings: list[str]) -> list[Problem]:
    """Markers of the Markdown pages (unknown quizzes, one quiz twice) and what the policy blocks there."""
    known = site.course.quizzes
    problems: list[Problem] = []
    for page in survey.suspects:
        marked = bool(page.markers) and markers.suspect(page.markers, known)
        blocked = page.maybe_blocked and site.options.content_security_policy
        text = _read_page(page.path, page.shown, problems) if marked or blocked or page.blocks else None
        if text is None:
            continue
        if marked and markers.find_markers(text) == page.markers:  # unless it changed meanwhile
            real = markers.real_markers(text, page.markers, render)
            if real is not None:
                problems += markers.page_problems(page.shown, text, real, known)
        if page.blocks and markers.unknown_blocks(text) == page.blocks:
            real = markers.real_markers(text, page.blocks, render, markers.COURSE_MARKER)
            if real is not None:
                problems += markers.block_problems(page.shown, text, real)
        if blocked:
            html = render(text)
            if html is not None:
                warnings += _blocked_warnings(page.shown, text, html, "the page")
    return problems


def _lesson_problems(
    site: CourseSite, survey: Survey, render: PageRenderer, warnings: list[str], scans: dict[Sourced[Any], _Scan]
) -> list[Problem]:
    """The same for every generated lesson page, whose text comes from the lesson's YAML.

    The lesson's own check is a marker at the end of its page; another marker in its text
    naming the same quiz would show it twice.
    """
    known = site.course.quizzes
    problems: list[Problem] = []
    for module_number, module in enumerate(site.course.outline.model.modules, start=1):
        for lesson_number, lesson_id in enumerate(module.lessons, start=1):
            if lesson_uri(site.options.lessons_dir, lesson_id) in survey.page_uris:
                continue  # a real page replaces the lesson's: checked with the pages
            sourced = site.course.lessons[lesson_id]
            scan = scans[sourced]
            has_marker = scan.marker
            maybe_blocked = site.options.content_security_policy and scan.maybe_blocked
            if not has_marker and not maybe_blocked:
                continue
            lesson = sourced.model
            page = site.renderer.lesson_markdown(lesson, module, (module_number, lesson_number))
            source = _read_source(sourced.document.path)
            if has_marker:
                found = markers.find_markers(page)
                real = markers.real_markers(page, found, render) if markers.suspect(found, known) else None
                if real is not None:
                    ids = [marker.quiz_id for marker in real]
                    problems += markers.lesson_problems(sourced.document.file, source, ids, lesson.quiz, known)
                odd = markers.unknown_blocks(page)
                real = markers.real_markers(page, odd, render, markers.COURSE_MARKER) if odd else None
                if real:
                    problems += markers.block_problems(sourced.document.file, page, real, placed_in=source)
            if maybe_blocked:
                html = render(page)
                if html is not None:
                    warnings += _blocked_warnings(sourced.document.file, source, html, "the lesson's text")
    return problems


def _read_source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""  # it was read a moment ago; without it, problems are placed at line 1


def _quiz_warnings(site: CourseSite, scans: dict[Sourced[Any], _Scan]) -> list[str]:
    """What the policy blocks in a quiz's texts (rendered only when its raw texts look suspect)."""
    warnings = []
    for sourced in site.course.quizzes.values():
        if not scans[sourced].maybe_blocked:
            continue
        quiz = sourced.model
        html = site.renderer.quiz_html(quiz, lambda lesson_id: LessonLink("#", site.titles.get(lesson_id, lesson_id)))
        warnings += _blocked_warnings(sourced.document.file, _read_source(sourced.document.path), html, "the quiz's text")
    return warnings


def _outside_resources(config: SiteConfig) -> list[str]:
    """Scripts, stylesheets and fonts from other hosts, which the policy blocks."""
    shown = config.config_file.name if config.config_file else "mkdocs.yml"
    advice = "copy it into docs_dir (or set the plugin's `content_security_policy: false`)"
    warnings = []
    for option, values in (("extra_javascript", config.extra_javascript), ("extra_css", config.extra_css)):
        for value in values:
            if csp.OTHER_HOST.match(str(value)):
                warnings.append(f"{shown}: {option}: `{value}` is on another host, which the site's Content-Security-Policy blocks; {advice}")
    if config.theme_name == "material" and config.theme.get("font") is not False:
        warnings.append(
            f"{shown}: theme.font: Material loads Google Fonts unless `font: false`, and the site's "
            "Content-Security-Policy blocks them; set `font: false`"
        )
    return warnings


def _stray_files(site: CourseSite, survey: Survey, config: SiteConfig, checked: Checked) -> None:
    """Warn about every file in the course's folders that is not a course file; leave those in
    ``docs_dir`` out of the site (a backup of a quiz would publish its answers)."""
    root = site.paths.root
    docs = config.docs_dir
    sources = {os.path.abspath(path) for path in site.course.sources}
    roles = [
        (site.paths.lessons_dir, "lesson", True),
        (site.paths.quizzes_dir, "quiz", False),
        (site.paths.cases_dir, "case", False),
    ]
    for folder, noun, pages_allowed in roles:
        if folder is None:
            continue
        folder_shown = shown_path(folder, root)
        published = _inside(folder, docs)
        if published:
            prefix = os.path.abspath(folder) + os.sep
            candidates = [path for path in survey.in_source_folders if os.path.abspath(path).startswith(prefix)]
        else:
            candidates = [str(path) for path in other_files(folder) if path.is_file()]
        for name in sorted(candidates):
            absolute, path = os.path.abspath(name), Path(name)
            if absolute in sources or (path.parent == folder and path.suffix in SOURCE_SUFFIXES):
                continue  # a course file: read, never published as it is
            if published:
                checked.unpublished.add(absolute)
            checked.warnings.append(_stray_message(shown_path(path, root), folder_shown, noun, pages_allowed, published))


def _stray_message(shown: str, folder: str, noun: str, pages_allowed: bool, published: bool) -> str:
    left_out = " and left out of the site" if published else ""
    name = shown[len(folder) + 1 :]
    if Path(name).suffix.lower() in SOURCE_SUFFIXES:
        if "/" in name:
            return (
                f"{shown}: not read as a {noun}{left_out}: only the files directly in {folder}/ are read; "
                f"move it up into {folder}/, or out of it"
            )
        return (
            f"{shown}: not read as a {noun}{left_out}: {noun} files end in `.yml` or `.yaml`, in lowercase; "
            f"rename it, or move it out of {folder}/"
        )
    belongs = f"{noun} files (`.yml`, `.yaml`)" + (" and Markdown pages" if pages_allowed else "")
    return f"{shown}: not a {noun} file{left_out}: only {belongs} belong in {folder}/; delete it or move it out"
