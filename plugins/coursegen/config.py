"""The plugin's options, as written under ``plugins: - course:`` in ``mkdocs.yml``."""

from __future__ import annotations

import math
import posixpath
from pathlib import PurePosixPath, PureWindowsPath

from mkdocs.config.base import BaseConfigOption, Config, ValidationError

from .validation import describe


class RelativePath(BaseConfigOption[str]):
    """A path relative to a base folder that must stay inside it.

    The plugin reads what these name and quotes their lines in error messages, so a
    path that leads elsewhere (``/etc/passwd``, ``../../secrets.yml``) is refused
    before anything is read.
    """

    def __init__(self, default: str, base: str, *, folder: bool) -> None:
        super().__init__()
        self.default = default
        self.base = base
        self.folder = folder

    def run_validation(self, value: object) -> str:
        what = "a folder" if self.folder else "a file"
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"expected {what} relative to {self.base}, got {describe(value)}")
        if PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute() or PureWindowsPath(value).drive:
            raise ValidationError(
                f"expected {what} relative to {self.base}, got the absolute path {value!r}; "
                "the course's files must stay inside the project"
            )
        normal = posixpath.normpath(value.replace("\\", "/"))
        if normal == ".." or normal.startswith("../"):
            raise ValidationError(
                f"{value!r} leads out of {self.base} (`..`); the course's files must stay inside the project"
            )
        if normal == ".":
            raise ValidationError(f"expected {what} inside {self.base}, not {self.base} itself")
        return value


class Share(BaseConfigOption[float]):
    """A share of all answer combinations, from 0 to 1 inclusive."""

    def __init__(self, default: float) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> float:
        # bool is an int in Python, and `true` is surely not meant as 100 %.
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or not 0 <= value <= 1:
            raise ValidationError(f"expected a share from 0 to 1 (0.6 means 60%), got {describe(value)}")
        return float(value)


class Flag(BaseConfigOption[bool]):
    """``true`` or ``false``."""

    def __init__(self, default: bool) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise ValidationError(f"expected true or false, got {describe(value)}")
        return value


class CourseConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__
    """Options of the ``course`` plugin. Every one has a default that suits the usual layout."""

    outline = RelativePath("course.yml", "docs_dir", folder=False)
    """The course outline, relative to ``docs_dir``."""

    lessons_dir = RelativePath("lessons", "docs_dir", folder=True)
    """Folder of lesson YAML files, relative to ``docs_dir``. Their pages are published under the same folder."""

    quizzes_dir = RelativePath("quizzes", "the folder of mkdocs.yml", folder=True)
    """Folder of quiz YAML files, relative to the folder that holds ``mkdocs.yml``."""

    cases_dir = RelativePath("cases", "the folder of mkdocs.yml", folder=True)
    """Folder of the diagnostics' case libraries, relative to the folder that holds ``mkdocs.yml``.

    Every build runs every case; one that does not hold is a warning."""

    nav = Flag(True)
    """Build the navigation from the outline when ``mkdocs.yml`` has no ``nav``."""

    max_outcome_share = Share(0.6)
    """Warn when one diagnostic outcome wins more than this share of all answer combinations."""

    results_page = Flag(True)
    """Generate the My results page (``my-results.md``) unless ``docs_dir`` has one; placed after the modules."""

    team_page = Flag(True)
    """Generate the team view page (``team.md``) unless ``docs_dir`` has one; placed last in the navigation."""

    home_progress = Flag(True)
    """Show the course progress and a "Continue where you left off" link under the home page's title."""

    content_security_policy = Flag(True)
    """Give every page a strict Content-Security-Policy (a ``<meta>`` tag; see the README)."""
