"""The course in MkDocs' files and pages: what the plugin's event handlers do, over :mod:`.build`."""

from __future__ import annotations

import os
import re
from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .build import CourseSite, course_nav, generated_pages, lesson_link, lesson_url, summary_file, tool_html
from .diagnostics import Problem, display_path
from .headings import same_text
from .markers import BLOCK_FIELD, COURSE_MARKER, DUPLICATE, FIELD, position, unknown_block_message, unknown_message
from .mkdocs_files import LessonFile
from .mkdocs_site import url_of
from .mkdocs_toc import add_headings, page_heading, quiz_headings
from .models import KnowledgeCheck
from .outline import facts_html, heading_level, on_own_line, outline_html
from .rendering import QUIZ_MARKER

TOOLS = ("results", "team", "progress")
"""Course markers (markers.COURSE_MARKER) that show My results, the team view or the course progress."""


def add_pages(site: CourseSite, files: Files, config: MkDocsConfig) -> None:
    """Add a generated page per lesson, drop the YAML sources, and set the nav from the outline."""
    # Both sides come from docs_dir as MkDocs spells it, so absolute paths suffice; resolving
    # symlinks (a few system calls per path) took a second and a half at 5,000 lessons.
    sources = {os.path.abspath(path) for path in site.course.sources}
    for file in list(files):
        if file.abs_src_path and os.path.abspath(file.abs_src_path) in sources:
            files.remove(file)
    for page in generated_pages(site, lambda uri: files.get_file_from_path(uri) is not None):
        if page.lesson_id is not None:
            files.append(LessonFile.lazy(config, page.uri, page.markdown))
        else:
            files.append(File.generated(config, page.uri, content=page.markdown()))
    if config.nav is None and site.options.nav:
        config.nav = course_nav(site, [file.src_uri for file in files.documentation_pages()])
    uri, text = summary_file(site, url_of(files))
    if files.get_file_from_path(uri) is None:
        files.append(File.generated(config, uri, content=text))


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


def insert_tools(site: CourseSite, html: str, page: Page, files: Files) -> str:
    """Replace course markers with My results, the team view, the progress box, the outline
    or its facts, and record unknown ones; put the progress box under the home page's title."""

    def replace(match: re.Match[str]) -> str:
        name = match["id"]
        if name in TOOLS:
            return tool_html(site, name)
        if name == "outline":
            url = partial(lesson_url, site, url_of(files), page.url)
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
        html = html[:at] + "\n" + tool_html(site, "progress") + html[at:]
    return html


def insert_quizzes(site: CourseSite, html: str, page: Page, files: Files) -> str:
    """Replace each quiz marker in a page's HTML with the quiz, and list its heading in the
    page's table of contents; record unknown ids."""
    link = partial(lesson_link, site, url_of(files), page.url)
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


def leave_out(files: Files, unpublished: set[str]) -> None:
    """Drop the stray files of the course's folders from what MkDocs publishes."""
    if not unpublished:
        return
    for file in list(files):
        if file.abs_src_path and os.path.abspath(file.abs_src_path) in unpublished:
            files.remove(file)
