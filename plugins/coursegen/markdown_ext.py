"""Quizzes as a Python-Markdown extension: any page of any generator that runs Python-Markdown
(MkDocs without our plugin, Zensical, a script of one's own) can show a knowledge check or
the diagnostic by its id, with the marker the plugin reads::

    <!-- quiz: strategy-fit -->

or the block form (the same, easier to spot in a long page)::

    /// quiz | strategy-fit
    ///

Set up in ``mkdocs.yml`` (or the generator's own config)::

    markdown_extensions:
      - coursegen:
          config_file: mkdocs.yml    # the course's, whose quizzes_dir and cases_dir it reads

The course is read and checked as a build reads it (every problem with its file and line).
A marker naming no quiz stops the conversion with the marker's line and the known ids. The
quizzes' scripts and styles are the course's assets: ``course render`` writes them (README:
"Hosts"), or list ``assets/coursegen/course.css`` and ``course.js`` from a built site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import markdown
from click import ClickException
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .build import CourseSite
from .diagnostics import CourseError
from .markers import unknown_message
from .nav import lesson_uri
from .rendering import QUIZ_MARKER, LessonLink
from .site_files import page_url

BLOCK = re.compile(r"^[ \t]*///[ \t]*quiz[ \t]*\|[ \t]*(?P<id>[^\s|]+)[ \t]*\n[ \t]*///[ \t]*$", re.MULTILINE)
"""The block form of a marker: ``/// quiz | id`` and a closing ``///`` on the next line."""
_LINE = re.compile(rf"^(?P<indent>[ \t]*){QUIZ_MARKER.pattern}[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")


@dataclass
class _Loaded:
    site: CourseSite
    base: str
    """The site's path (from ``site_url``): lesson links start there, the page being unknown here."""
    directory_urls: bool
    watched: list[Path]
    state: dict[str, tuple[float, int]]


_loaded: dict[str, _Loaded] = {}
"""Courses by config file, so each page does not read the course again while its files stay unchanged."""


class QuizMarkerError(ClickException):
    """A marker naming no quiz, or one quiz twice on a page (the message names its file and line).

    A click error: MkDocs and Zensical are click programs, which print it without a traceback."""


def course_site(config_file: str) -> _Loaded:
    """The course of ``config_file``, loaded and checked once while its files stay unchanged."""
    from .render import RenderError, load, snapshot, watched

    path = str(Path(config_file).resolve())
    known = _loaded.get(path)
    if known is not None and snapshot(known.watched) == known.state:
        return known
    try:
        project, site, _ = load(Path(path))
    except (CourseError, RenderError) as error:
        raise QuizMarkerError(error.report() if isinstance(error, CourseError) else str(error)) from None
    config = project.site
    paths = watched(project)
    _loaded[path] = _Loaded(site, urlsplit(config.site_url or "/").path or "/", config.use_directory_urls, paths, snapshot(paths))
    return _loaded[path]


class QuizPreprocessor(Preprocessor):
    """Replaces each marker on a line of its own with the quiz's HTML (stashed, so Markdown leaves it be)."""

    def __init__(self, md: markdown.Markdown, extension: CourseExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        # The block's two lines become a marker and an empty line, so line numbers stay the page's.
        text = BLOCK.sub(lambda m: f"<!-- quiz: {m['id']} -->\n", "\n".join(lines))
        if "<!--" not in text:
            return lines
        loaded = course_site(self.extension.getConfig("config_file"))
        site = loaded.site
        shown: set[str] = set()
        out = []
        fence = ""
        for number, line in enumerate(text.split("\n"), start=1):
            # Run before fenced code is set aside (so the lines are still the page's): a marker
            # inside a fence is shown as code, as in the build.
            opening = _FENCE.match(line)
            if opening and (not fence or opening["fence"].startswith(fence)):
                fence = "" if fence else opening["fence"]
            match = None if fence else _LINE.match(line)
            if match is None:
                out.append(line)
                continue
            quiz_id = match["id"]
            sourced = site.course.quizzes.get(quiz_id)
            where = f"{self._page()}:{number}:{len(match['indent']) + 1}: quiz marker"
            if sourced is None:
                raise QuizMarkerError(f"{where}: {unknown_message(quiz_id, site.course.quizzes)}")
            if quiz_id in shown:
                raise QuizMarkerError(f"{where}: quiz `{quiz_id}` is shown twice on this page")
            shown.add(quiz_id)

            def link(lesson_id: str) -> LessonLink:
                page = page_url(lesson_uri(site.options.lessons_dir, lesson_id), loaded.directory_urls)
                url = loaded.base.rstrip("/") + "/" + page
                return LessonLink(url, site.titles.get(lesson_id, lesson_id))

            html = site.renderer.quiz_html(sourced.model, link, site.quiz_data.get(quiz_id))
            out.append(match["indent"] + self.md.htmlStash.store(html))
        return out

    def _page(self) -> str:
        """The page being converted where the generator tells (Zensical's page context), else "page"."""
        for holder in [*self.md.registeredExtensions, *self.md.preprocessors]:
            page = getattr(holder, "page", None) or getattr(holder, "_kwargs", {}).get("page")
            path = getattr(page, "path", None)
            if isinstance(path, str) and path:
                return path
        return "page"


class CourseExtension(Extension):
    """The ``coursegen`` Markdown extension (see the module's docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"config_file": ["mkdocs.yml", "The course's mkdocs.yml (its course plugin options are read)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        """Register the marker preprocessor first after whitespace is normalised (30), before fenced
        code (25) changes the lines' numbers and raw HTML (20) takes the comments."""
        md.preprocessors.register(QuizPreprocessor(md, self), "coursegen_quiz", 29)


def makeExtension(**kwargs: Any) -> CourseExtension:
    """Python-Markdown's entry point when the extension is named by its module (``coursegen.markdown_ext``)."""
    return CourseExtension(**kwargs)
