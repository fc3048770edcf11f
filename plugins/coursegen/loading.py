"""Find the course's YAML files, parse and validate each once, and assemble the course.

Every file is checked before anything fails, so authors see all problems in one run.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from .content_files import source_files
from .diagnostics import CourseError, Problem, display_path
from .models import Diagnostic, KnowledgeCheck, Lesson, Outline
from .references import check_references
from .validation import describe, validate
from .yaml_source import Document, Source, YamlProblem, read_document

M = TypeVar("M", bound=BaseModel)


class Sourced(Generic[M]):
    """A validated model and the file it came from (for locating later problems).

    A build may :meth:`release` a model once its page is rendered, so that a large
    course does not keep every lesson in memory beside the pages made from it. A
    released model asked for again is read and validated anew from its file.
    """

    __slots__ = ("_model", "document", "kind")

    def __init__(self, model: M, document: Source) -> None:
        self._model: M | None = model
        self.document = document
        self.kind: type[M] = type(model)

    @property
    def model(self) -> M:
        """The validated model (read again if it was released)."""
        if self._model is None:
            self._model = reload(self.document, self.kind)
        return self._model

    def release(self) -> None:
        """Drop the model until it is asked for again."""
        self._model = None


def reload(source: Source, kind: type[M]) -> M:
    """``source``'s file read and validated again; :class:`CourseError` if it no longer is valid."""
    try:
        document = read_document(source.path, source.file)
    except YamlProblem as error:
        raise CourseError([error.problem]) from None
    model, problems = validate(document, kind)
    if model is None or problems:
        raise CourseError(problems)
    return model


@dataclass
class Course:
    """Everything the plugin renders: the outline, the lessons and the quizzes, all valid."""

    outline: Sourced[Outline]
    lessons: dict[str, Sourced[Lesson]] = field(default_factory=dict)
    quizzes: dict[str, Sourced[KnowledgeCheck] | Sourced[Diagnostic]] = field(default_factory=dict)
    sources: list[Path] = field(default_factory=list)

    def lessons_in_order(self) -> list[Lesson]:
        """Lessons in the order the outline gives."""
        return [self.lessons[lesson_id].model for module in self.outline.model.modules for lesson_id in module.lessons]

    def quiz(self, quiz_id: str) -> KnowledgeCheck | Diagnostic:
        """The quiz with ``quiz_id`` (which the reference checks guarantee exists)."""
        return self.quizzes[quiz_id].model


@dataclass(frozen=True)
class CoursePaths:
    """Where a course's sources live."""

    root: Path
    """The project folder; messages show paths relative to it."""
    outline: Path
    lessons_dir: Path
    quizzes_dir: Path
    pages_dir: Path
    """The Markdown pages' folder (MkDocs' docs_dir), for checking the outline's page lists."""
    generated_pages: frozenset[str] = frozenset()
    """Pages the plugin adds (My results, the team view), which the outline may place too."""
    cases_dir: Path | None = None
    """The diagnostics' case libraries (``cases/``), run by every build."""

    @classmethod
    def standard(cls, root: Path) -> CoursePaths:
        """The default layout under ``root``: ``content/course.yml``, ``content/lessons/``, ``quizzes/``."""
        return cls(
            root, root / "content/course.yml", root / "content/lessons", root / "quizzes", root / "content",
            cases_dir=root / "cases",
        )


def yaml_files(folder: Path, root: Path | None = None, option: str = "") -> tuple[list[Path], list[Problem]]:
    """The YAML files directly in ``folder``, sorted for a stable order, and what stops one
    being read (an unreadable folder, a broken link): see :func:`content_files.source_files`."""
    return source_files(folder, root if root is not None else folder.parent, option)


FileCache = dict[str, tuple[tuple[int, int, str, str], Sourced[Any] | None, tuple[Problem, ...]]]
"""Per file: (modification stamp, result, problems) of its last load.

`mkdocs serve` rebuilds in the same process after every edit and keeps one of
these, so only the files that changed are parsed and validated again. A one-off
build keeps none: it would hold every model for the whole build.
"""


class _Loader:
    """Reads files one by one, collecting every problem instead of stopping at the first."""

    def __init__(self, root: Path, cache: FileCache | None) -> None:
        self.root = root
        self.cache = cache
        self.problems: list[Problem] = []

    def read(self, path: Path) -> Document | None:
        try:
            document = read_document(path, display_path(path, self.root))
        except YamlProblem as error:
            self.problems.append(error.problem)
            return None
        if not isinstance(document.data, dict):
            self.problems.append(
                document.problem((), f"expected a mapping of fields (`name: value` lines), got {describe(document.data)}")
            )
            return None
        return document

    def validated(self, path: Path, document: Document | None, model: type[M]) -> Sourced[M] | None:
        if document is None:
            return None
        result, found = validate(document, model)
        self.problems.extend(found)
        # The positions and the raw data go now; the model holds everything that is rendered.
        return Sourced(result, Source(path, document.file)) if result is not None else None

    def load(self, path: Path, model: type[M]) -> Sourced[M] | None:
        return self.cached(path, model.__name__, lambda: self.validated(path, self.read(path), model))

    def cached(self, path: Path, kind: str, load: Callable[[], Sourced[Any] | None]) -> Sourced[Any] | None:
        """``load()``, or its result from an earlier load when the file has not changed since."""
        if self.cache is None:
            return load()
        try:
            stat = path.stat()
        except OSError:
            return load()
        stamp = (stat.st_mtime_ns, stat.st_size, kind, str(self.root))
        key = os.path.abspath(path)
        hit = self.cache.get(key)
        if hit is not None and hit[0] == stamp:
            self.problems.extend(hit[2])
            return hit[1]
        before = len(self.problems)
        result = load()
        self.cache[key] = (stamp, result, tuple(self.problems[before:]))
        return result

    def load_quiz(self, path: Path) -> Sourced[KnowledgeCheck] | Sourced[Diagnostic] | None:
        return self.cached(path, "quiz", lambda: self._load_quiz(path))

    def _load_quiz(self, path: Path) -> Sourced[KnowledgeCheck] | Sourced[Diagnostic] | None:
        # The kind is read first so that errors speak of the right model's fields.
        document = self.read(path)
        if document is None:
            return None
        kind = document.data.get("kind")
        if kind == "knowledge":
            return self.validated(path, document, KnowledgeCheck)
        if kind == "diagnostic":
            return self.validated(path, document, Diagnostic)
        if "kind" in document.data:
            message = f"expected `kind: knowledge` or `kind: diagnostic`, got {describe(kind)}"
            self.problems.append(document.problem(("kind",), message))
        else:
            message = "missing required field `kind` (knowledge or diagnostic)"
            self.problems.append(document.problem(("kind",), message, located_at=()))
        return None

    def unique(self, items: list[Sourced[Any] | None], noun: str) -> dict[str, Sourced[Any]]:
        """Index models by id; an id used by several files is reported in each of them."""
        groups: dict[str, list[Sourced[Any]]] = {}
        for item in items:
            if item is not None:
                groups.setdefault(item.model.id, []).append(item)
        for item_id, group in groups.items():
            for item in group if len(group) > 1 else ():
                others = ", ".join(other.document.file for other in group if other is not item)
                self.problems.append(item.document.problem(("id",), f"{noun} id `{item_id}` is also used by {others}"))
        return {item_id: group[0] for item_id, group in groups.items()}


def load_course(paths: CoursePaths, cache: FileCache | None = None) -> Course:
    """Load and check the whole course; raise :class:`CourseError` listing every problem.

    ``cache`` carries the files that have not changed over from an earlier load.
    """
    if not paths.outline.is_file():
        shown = display_path(paths.outline, paths.root)
        message = "the course outline is missing; create it or set the plugin's `outline` option"
        raise CourseError([Problem(shown, 1, 1, "", message)])
    loader = _Loader(paths.root, cache)
    lesson_files, listing = yaml_files(paths.lessons_dir, paths.root, "lessons_dir")
    quiz_files, quiz_listing = yaml_files(paths.quizzes_dir, paths.root, "quizzes_dir")
    loader.problems += listing + quiz_listing
    outline = loader.load(paths.outline, Outline)
    lessons = loader.unique([loader.load(path, Lesson) for path in lesson_files], "lesson")
    quizzes = loader.unique([loader.load_quiz(path) for path in quiz_files], "quiz")
    if outline is None or loader.problems:
        raise CourseError(loader.problems)
    course = Course(outline, lessons, quizzes, sources=[paths.outline, *lesson_files, *quiz_files])
    problems = check_references(course, paths.pages_dir, paths.generated_pages)
    if problems:
        raise CourseError(problems)
    return course
