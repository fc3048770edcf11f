"""Problems found in a course, and how they are reported to authors.

Every problem carries the file, line, column and field path, so an author can
jump straight to it; the build collects them all before failing once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

FieldPath = tuple[str | int, ...]


def format_path(path: FieldPath) -> str:
    """Render a field path the way authors read it: ``questions[2].options[0].text``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"

    def as_dict(self) -> dict[str, str | int]:
        """The problem as plain data, for ``--format json``."""
        return asdict(self)


class CourseError(Exception):
    """The course cannot be built; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        """A human-readable list of every problem, one per line."""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"The course has {count} {noun}:"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


def display_path(path: Path, root: Path) -> str:
    """A path relative to the project root when possible, for short messages.

    Every file read gets one, shown or not: the usual case (a path made from the root)
    is answered from the names alone; only other paths touch the file system.
    """
    if ".." not in path.parts:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def strict_report(warnings: list[str]) -> str:
    """Every warning, then how many, for a build that ``--strict`` stops on them."""
    count = f"{len(warnings)} warning{'s' if len(warnings) > 1 else ''}"
    return "\n".join([*warnings, f"({count}; --strict makes them fail the build)"])
