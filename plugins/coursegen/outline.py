"""The course outline as page content: ``<!-- course: outline -->`` (modules and lessons) and
``<!-- course: facts -->`` (the course's totals in a sentence).

Both come from ``course.yml`` and the lessons, so a page that uses them never goes
stale when a lesson is added or moved. The facts are taken once per build, when the
course is loaded: by the time a page asks, a lesson's model may have been let go.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from .i18n import Strings
from .models import Lesson, Outline
from .rendering import Renderer


@dataclass(frozen=True)
class LessonEntry:
    """What the outline shows of one lesson."""

    id: str
    title: str
    summary: str
    minutes: int


@dataclass(frozen=True)
class ModuleEntry:
    """One module of the outline, numbered from 1 as the navigation and the lesson pages count."""

    number: int
    id: str
    title: str
    summary: str | None
    lessons: tuple[LessonEntry, ...]

    @property
    def minutes(self) -> int:
        """The module's estimated minutes, its lessons' added up."""
        return sum(lesson.minutes for lesson in self.lessons)


@dataclass(frozen=True)
class CourseOutline:
    """The modules and lessons in course order."""

    modules: tuple[ModuleEntry, ...] = ()

    @property
    def lessons(self) -> list[LessonEntry]:
        """Every lesson, in course order."""
        return [lesson for module in self.modules for lesson in module.lessons]

    @property
    def minutes(self) -> int:
        """The course's estimated minutes."""
        return sum(module.minutes for module in self.modules)


def course_outline(outline: Outline, lessons: Mapping[str, Lesson]) -> CourseOutline:
    """The outline's modules with what each of their ``lessons`` (by id) shows."""
    return CourseOutline(tuple(
        ModuleEntry(
            number, module.id, module.title, module.summary,
            tuple(LessonEntry(i, lessons[i].title, lessons[i].summary, lessons[i].minutes) for i in module.lessons),
        )
        for number, module in enumerate(outline.modules, start=1)
    ))


def facts_text(strings: Strings, outline: CourseOutline) -> str:
    """The course's totals in a sentence: "12 lessons in 4 modules, 4 to 6 minutes each: about 60 minutes in all."."""
    minutes = [lesson.minutes for lesson in outline.lessons]
    shortest, longest = min(minutes), max(minutes)
    each = strings("minutes_range", shortest=shortest, longest=longest) if shortest != longest else strings("minute_count", n=shortest)
    return strings(
        "course_facts",
        lessons=strings("lesson_count", n=len(minutes)),
        modules=strings("module_count", n=len(outline.modules)),
        each=each,
        minutes=outline.minutes,
        n=outline.minutes,  # picks the plural form of "minutes in all"
    )


_HEADING = re.compile(r"<h([1-6])[\s>]")
_OWN_LINE = re.compile(r"(?:^|\n)[ \t]*\Z")


def heading_level(html_before: str) -> int:
    """The level for module titles: one below the last heading before the block (h2 when none),
    so the page's headings never skip a level; h6 at most."""
    levels = _HEADING.findall(html_before)
    return min(int(levels[-1]) + 1 if levels else 2, 6)


def on_own_line(html: str, start: int, end: int) -> bool:
    """Whether the marker at ``html[start:end]`` is a block of its own (Markdown left it outside a paragraph)."""
    return bool(_OWN_LINE.search(html, 0, start)) and (end == len(html) or html[end] == "\n")


def outline_html(renderer: Renderer, outline: CourseOutline, url: Callable[[str], str | None], level: int) -> Markup:
    """The outline block (``templates/outline.html``); ``url`` gives a lesson's link from the page, None without one."""
    template = renderer.env.get_template("outline.html")
    counts = {module.id: renderer.strings("lesson_count", n=len(module.lessons)) for module in outline.modules}
    return Markup(template.render(modules=outline.modules, counts=counts, url=url, level=level))


def facts_html(renderer: Renderer, outline: CourseOutline, *, block: bool) -> Markup:
    """The totals sentence (``templates/facts.html``): a paragraph, or a span inside the author's own."""
    template = renderer.env.get_template("facts.html")
    return Markup(template.render(text=facts_text(renderer.strings, outline), block=block))
