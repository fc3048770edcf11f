"""Quiz markers (``<!-- quiz: id -->``) and course markers (``<!-- course: outline -->``) in course
text: which are real, and what is wrong with them.

A marker is real when it survives Markdown as an HTML comment; one shown in a code
block comes out escaped and is left alone. Finding that out needs the page rendered,
so the raw text is searched first (a marker-shaped comment is rare) and only a page
with a suspect marker (an unknown quiz, or one quiz twice) is rendered to confirm.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from .diagnostics import Problem
from .rendering import QUIZ_MARKER

FIELD = "quiz marker"
BLOCK_FIELD = "course marker"
COURSE_MARKER = re.compile(r"<!--\s*course:\s*(?P<id>[^\s>]+)\s*-->")
"""Where a page shows something of the course's own: the outline, its facts, or a tool."""
BLOCKS = ("facts", "outline", "progress", "results", "team")
"""What a course marker may name (build.insert_tools shows each)."""
_TAG = "cg-marker-"
"""Stands in for a marker's id while a page is rendered to see which markers are real."""


@dataclass(frozen=True)
class Marker:
    """A marker in a text, where it starts and which quiz (or, for a course marker, which block) it names."""

    quiz_id: str
    start: int


def find_markers(text: str, pattern: re.Pattern[str] = QUIZ_MARKER) -> list[Marker]:
    """Every marker-shaped comment in ``text``, real or not (cheap: no Markdown); quiz
    markers unless ``pattern`` is :data:`COURSE_MARKER`."""
    if "<!--" not in text:
        return []
    return [Marker(match["id"], match.start()) for match in pattern.finditer(text)]


def suspect(markers: list[Marker], known: Collection[str], shown_already: Iterable[str] = ()) -> bool:
    """Whether any marker names an unknown quiz or a quiz the page shows already."""
    seen = set(shown_already)
    for marker in markers:
        if marker.quiz_id not in known or marker.quiz_id in seen:
            return True
        seen.add(marker.quiz_id)
    return False


def real_markers(
    text: str, markers: list[Marker], to_html: Callable[[str], str | None], pattern: re.Pattern[str] = QUIZ_MARKER
) -> list[Marker] | None:
    """The markers of ``text`` (found with ``pattern``) that Markdown keeps as comments
    (``to_html`` renders a text); None when the text could not be rendered."""
    pieces, last = [], 0
    for index, marker in enumerate(markers):
        match = pattern.match(text, marker.start)
        assert match is not None
        pieces += [text[last : match.start("id")], f"{_TAG}{index}"]
        last = match.end("id")
    html = to_html("".join([*pieces, text[last:]]))
    if html is None:
        return None
    found = []
    for match in pattern.finditer(html):
        tag = match["id"]
        if tag.startswith(_TAG) and tag[len(_TAG) :].isdigit() and int(tag[len(_TAG) :]) < len(markers):
            found.append(markers[int(tag[len(_TAG) :])])
    return sorted(set(found), key=lambda marker: marker.start)


def position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def unknown_message(quiz_id: str, known: Iterable[str]) -> str:
    """What to say about a marker naming no quiz."""
    return f"no quiz has the id `{quiz_id}`; known: " + ", ".join(f"`{q}`" for q in sorted(known))


def unknown_block_message(name: str) -> str:
    """What to say about a course marker naming nothing the plugin shows."""
    return f"no course block is called `{name}`; known: " + ", ".join(f"`{block}`" for block in BLOCKS)


def unknown_blocks(text: str) -> list[Marker]:
    """The course markers of ``text`` that name nothing known, real or not (cheap: no Markdown)."""
    return [marker for marker in find_markers(text, COURSE_MARKER) if marker.quiz_id not in BLOCKS]


def block_problems(file: str, text: str, real: list[Marker], placed_in: str | None = None) -> list[Problem]:
    """Problems with the real course markers of a page: names the plugin does not know. A
    generated lesson page's are placed at the marker in its YAML source ``placed_in``."""
    problems = []
    for marker in real:
        if marker.quiz_id in BLOCKS:
            continue
        if placed_in is None:
            line, column = position(text, marker.start)
        else:
            written = [m.start for m in find_markers(placed_in, COURSE_MARKER) if m.quiz_id == marker.quiz_id]
            line, column = position(placed_in, written[0]) if written else (1, 1)
        problems.append(Problem(file, line, column, BLOCK_FIELD, unknown_block_message(marker.quiz_id)))
    return problems


DUPLICATE = (
    "a quiz can appear only once on a page (a second copy would share its HTML ids: its labels "
    "would tick the first copy's answers); remove one marker"
)


def page_problems(file: str, text: str, markers: list[Marker], known: Collection[str]) -> list[Problem]:
    """Problems with the real ``markers`` of one Markdown page: unknown quizzes, a quiz twice."""
    problems = []
    first: dict[str, int] = {}
    for marker in markers:
        line, column = position(text, marker.start)
        if marker.quiz_id not in known:
            problems.append(Problem(file, line, column, FIELD, unknown_message(marker.quiz_id, known)))
        elif marker.quiz_id in first:
            message = f"quiz `{marker.quiz_id}` is already shown on this page (line {first[marker.quiz_id]}); {DUPLICATE}"
            problems.append(Problem(file, line, column, FIELD, message))
        else:
            first[marker.quiz_id] = line
    return problems


def lesson_problems(
    file: str, source: str, real: list[str], own_quiz: str | None, known: Collection[str]
) -> list[Problem]:
    """Problems with the real markers (ids in page order, the lesson's own check included) of
    a lesson's page, placed at the marker in the lesson's YAML ``source`` where it can be found."""
    written: dict[str, list[int]] = {}
    for marker in find_markers(source):
        written.setdefault(marker.quiz_id, []).append(marker.start)
    problems = []
    counts: dict[str, int] = {}
    for quiz_id in real:
        counts[quiz_id] = counts.get(quiz_id, 0) + 1
    for quiz_id, count in counts.items():
        starts = written.get(quiz_id, [])
        if quiz_id not in known:
            message = unknown_message(quiz_id, known)
            at = starts[0] if starts else None
        elif count > 1 and quiz_id == own_quiz:
            message = f"quiz `{quiz_id}` is this lesson's own check (`quiz: {quiz_id}`), shown at the end of the page; {DUPLICATE}"
            at = starts[0] if starts else None
        elif count > 1:
            message = f"quiz `{quiz_id}` is shown twice in this lesson; {DUPLICATE}"
            at = starts[1] if len(starts) > 1 else (starts[0] if starts else None)
        else:
            continue
        line, column = position(source, at) if at is not None else (1, 1)
        problems.append(Problem(file, line, column, FIELD, message))
    return problems
