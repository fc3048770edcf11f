"""What both export formats share: the checks to export, the messages about questions, the texts as HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import Problem
from ..models import Diagnostic, KnowledgeCheck

if TYPE_CHECKING:
    from ..build import CourseSite
    from ..loading import Sourced
    from ..questions import KnowledgeQuestionBase


class Unsupported(Exception):
    """A question the format has no way to hold; the message says why."""


@dataclass
class ExportResult:
    """What an export wrote and what it had to leave out or change."""

    path: Path
    checks: int = 0
    exported: int = 0
    skipped: list[Problem] = field(default_factory=list)
    """Questions not exported at all, each placed in its quiz file."""
    approximated: list[Problem] = field(default_factory=list)
    """Questions exported with something the format cannot hold (hints, a scoring rule…)."""

    def summary(self, format_name: str) -> str:
        """One line for the author: how many questions went out, how many did not."""
        checks = "check" if self.checks == 1 else "checks"
        line = f"wrote {self.path}: {self.exported} questions from {self.checks} knowledge {checks} ({format_name})"
        line += f"; {len(self.skipped)} skipped"
        if self.approximated:
            notes = "note" if len(self.approximated) == 1 else "notes"
            line += f"; {len(self.approximated)} {notes} on what {format_name} cannot hold"
        return line


@dataclass(frozen=True)
class Check:
    """A knowledge check to export, with where it came from (for messages)."""

    model: KnowledgeCheck
    source: Sourced[KnowledgeCheck]

    @property
    def file(self) -> str:
        """The check's file as messages show it (relative to the project)."""
        return self.source.document.file

    def about(self, index: int, message: str) -> Problem:
        """A message about the check's ``index``-th question, placed at it in the file."""
        question = self.model.questions[index]
        return self.source.document.problem(("questions", index), f"question `{question.id}`: {message}")

    def about_check(self, message: str) -> Problem:
        """A message about the check as a whole, placed at its id."""
        return self.source.document.problem(("id",), f"check `{self.model.id}`: {message}")


def knowledge_checks(site: CourseSite) -> list[Check]:
    """The course's knowledge checks: those of lessons in the outline's order, then any other."""
    course = site.course
    linked = [lesson.quiz for lesson in course.lessons_in_order() if lesson.quiz]
    ordered = list(dict.fromkeys([*linked, *sorted(course.quizzes)]))
    checks = []
    for quiz_id in ordered:
        sourced = course.quizzes.get(quiz_id)
        if sourced is not None and isinstance(sourced.model, KnowledgeCheck):
            checks.append(Check(sourced.model, sourced))
    return checks


def skipped_diagnostics(site: CourseSite, format_name: str) -> list[Problem]:
    """One message per self-assessment question: they have no right answer to score, so none is exported."""
    found = []
    for sourced in site.course.quizzes.values():
        diagnostic = sourced.model
        if not isinstance(diagnostic, Diagnostic):
            continue
        for index, question in enumerate(diagnostic.questions):
            message = (
                f"question `{question.id}` of self-assessment `{diagnostic.id}` not exported: its answers point to "
                f"outcomes and have no right or wrong, which {format_name} questions need"
            )
            found.append(sourced.document.problem(("questions", index), message))
    return found


def common_losses(check: Check, index: int) -> list[str]:
    """What neither format holds of a question: its hints and what they cost."""
    question: KnowledgeQuestionBase = check.model.questions[index]
    if not question.hints:
        return []
    cost = f" (and their cost of {question.hint_cost:g} points each)" if question.hint_cost else ""
    return [f"its {len(question.hints)} hints{cost} are left out"]


_TAG = re.compile(r"<[^>]*>")
_PICTURE = re.compile(r"<img\b[^>]*?\bsrc=\"([^\"]*)\"", re.IGNORECASE)


def pictures(html: str) -> list[str]:
    """The addresses of the pictures in ``html`` (neither format carries the files themselves)."""
    return _PICTURE.findall(html)


def pictures_loss(found: list[str], where: str) -> list[str]:
    """What to say when a question shows pictures: their files are not exported."""
    if not found:
        return []
    shown = ", ".join(f"`{src}`" for src in dict.fromkeys(found))
    return [f"its pictures ({shown}) are not {where}: the platform must find them at that address"]


def plain(html: str, limit: int = 80) -> str:
    """HTML as one line of plain text, cut at ``limit`` characters (titles in a question bank)."""
    text = " ".join(unescape(_TAG.sub(" ", html)).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def number(value: float) -> str:
    """A number written out in full, as every parser reads it: ``5``, ``0.000001``, ``-2.5`` (no exponent)."""
    text = format(Decimal(repr(float(value))), "f")
    return text.removesuffix(".0") if text.endswith(".0") else text


def points(value: float) -> str:
    """A score as the formats write numbers: ``1``, ``0.5``, ``0.33333`` (never ``1e-05``)."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
