"""Checks that span fields or files: unique ids and references that must resolve."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import FieldPath, Problem, format_path
from .models import Diagnostic, KnowledgeCheck
from .yaml_source import Source

if TYPE_CHECKING:
    from .loading import Course


def check_references(course: Course, pages_dir: Path, generated_pages: Iterable[str] = ()) -> list[Problem]:
    """Every problem of ids and references across the whole course.

    The outline may place Markdown pages of ``pages_dir`` and the ``generated_pages``.
    """
    problems = list(_outline_problems(course, pages_dir, frozenset(generated_pages)))
    for sourced in course.lessons.values():
        lesson, document = sourced.model, sourced.document
        if lesson.quiz is None:
            continue
        linked = course.quizzes.get(lesson.quiz)
        if linked is None:
            problems.append(document.problem(("quiz",), f"no quiz has the id `{lesson.quiz}`{_known(course.quizzes)}"))
        elif not isinstance(linked.model, KnowledgeCheck):
            problems.append(document.problem(("quiz",), f"`{lesson.quiz}` is a {linked.model.kind}; a lesson takes a knowledge check"))
    for quiz_source in course.quizzes.values():
        quiz = quiz_source.model
        if isinstance(quiz, KnowledgeCheck):
            problems += _duplicates(quiz_source.document, ("questions",), [q.id for q in quiz.questions], "question")
            problems += [quiz_source.document.problem(path, message) for path, message in quiz.checks()]
        else:
            problems += _diagnostic_problems(quiz, quiz_source.document, course)
    return problems


def _known(ids: Iterable[str]) -> str:
    names = sorted(ids)
    if not names:
        return ""
    shown = ", ".join(f"`{name}`" for name in names[:12])
    return f"; known: {shown}{' …' if len(names) > 12 else ''}"


def _duplicates(document: Source, base: FieldPath, ids: list[str], noun: str, field: str = "id") -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, item_id in enumerate(ids):
        if item_id in seen:
            yield document.problem((*base, index, field), f"{noun} id `{item_id}` is used twice (also at item {seen[item_id]})")
        else:
            seen[item_id] = index


def _outline_problems(course: Course, pages_dir: Path, generated_pages: frozenset[str]) -> Iterator[Problem]:
    outline, document = course.outline.model, course.outline.document
    yield from _duplicates(document, ("modules",), [module.id for module in outline.modules], "module")
    placed: dict[str, FieldPath] = {}
    for m, module in enumerate(outline.modules):
        for n, lesson_id in enumerate(module.lessons):
            path: FieldPath = ("modules", m, "lessons", n)
            if lesson_id not in course.lessons:
                yield document.problem(path, f"no lesson has the id `{lesson_id}`{_known(course.lessons)}")
            elif lesson_id in placed:
                yield document.problem(path, f"lesson `{lesson_id}` is already placed in the outline")
            placed[lesson_id] = path
    for lesson_id, sourced in course.lessons.items():
        if lesson_id not in placed:
            yield sourced.document.problem(
                ("id",), f"lesson `{lesson_id}` is not in the course outline ({document.file}); add it to a module"
            )
    for field in ("pages_before", "pages_after"):
        for index, page in enumerate(getattr(outline, field)):
            if page in generated_pages:
                continue
            if not page.endswith(".md") or not (pages_dir / page).is_file():
                also = f" or one the plugin adds ({', '.join(sorted(generated_pages))})" if generated_pages else ""
                yield document.problem(
                    (field, index), f"expected a Markdown page in the docs folder{also}, `{page}` is not one"
                )


def _diagnostic_problems(quiz: Diagnostic, document: Source, course: Course) -> Iterator[Problem]:
    outcome_ids = [outcome.id for outcome in quiz.outcomes]
    outcomes = set(outcome_ids)
    yield from _duplicates(document, ("outcomes",), outcome_ids, "outcome")
    yield from _duplicates(document, ("questions",), [q.id for q in quiz.questions], "question")

    def unknown_outcome(path: FieldPath, outcome_id: str) -> Problem:
        return document.problem(path, f"no outcome has the id `{outcome_id}`{_known(outcomes)}")

    for index, outcome_id in enumerate(quiz.order):
        if outcome_id not in outcomes:
            yield unknown_outcome(("order", index), outcome_id)
    if sorted(quiz.order) != sorted(outcomes) and all(o in outcomes for o in quiz.order):
        missing = sorted(outcomes - set(quiz.order))
        twice = sorted({o for o in quiz.order if quiz.order.count(o) > 1})
        detail = "; ".join(
            part for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"listed twice: {', '.join(twice)}" if twice else "",
            ) if part
        )
        yield document.problem(("order",), f"`order` must list every outcome exactly once ({detail})")
    for o, outcome in enumerate(quiz.outcomes):
        for n, lesson_id in enumerate(outcome.lessons):
            if lesson_id not in course.lessons:
                yield document.problem(("outcomes", o, "lessons", n), f"no lesson has the id `{lesson_id}`{_known(course.lessons)}")
    options_of: dict[str, list[str]] = {}
    for q, question in enumerate(quiz.questions):
        fields = question.answer_fields
        option_ids = [option.id for _, option in fields]
        options_of[question.id] = option_ids
        seen: dict[str, FieldPath] = {}
        for where, option in fields:
            at: FieldPath = ("questions", q, *where)
            if option.id in seen:
                yield document.problem((*at, "id"), f"option id `{option.id}` is used twice (also at {format_path(seen[option.id])})")
            seen.setdefault(option.id, at)
            for k, lesson_id in enumerate(option.lessons):
                if lesson_id not in course.lessons:
                    yield document.problem((*at, "lessons", k), f"no lesson has the id `{lesson_id}`{_known(course.lessons)}")
            for outcome_id in option.weights:
                if outcome_id not in outcomes:
                    yield document.problem(
                        (*at, "weights", outcome_id), f"no outcome has the id `{outcome_id}`{_known(outcomes)}", key=True
                    )
    yield from _duplicates(document, ("rules",), [rule.id for rule in quiz.rules], "rule")
    for r, rule in enumerate(quiz.rules):
        for question_id, chosen in rule.when.items():
            if question_id not in options_of:
                yield document.problem(("rules", r, "when", question_id), f"no question has the id `{question_id}`{_known(options_of)}")
                continue
            for n, option_id in enumerate(chosen):
                if option_id not in options_of[question_id]:
                    yield document.problem(
                        ("rules", r, "when", question_id, n),
                        f"question `{question_id}` has no option `{option_id}`{_known(options_of[question_id])}",
                    )
        for field in ("exclude", "outcomes"):
            for n, outcome_id in enumerate(getattr(rule, field)):
                if outcome_id not in outcomes:
                    yield unknown_outcome(("rules", r, field, n), outcome_id)
