"""A corpus of broken files: each must fail the build with a message naming file, line and field."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.python.conftest import Project

BROKEN = FIXTURES / "broken"
EXPECT = re.compile(r"^# expect: (?:(?P<line>\d+):(?P<column>\d+))? ?(?P<field>\S+)? ?\| (?P<fragment>.+)$")


def place(project: Project, source: Path) -> str:
    """Put a broken file where its kind belongs; return its path in the project."""
    kind = source.name.split("-", 1)[0]
    target = {"lesson": f"content/lessons/{source.name}", "quiz": f"quizzes/{source.name}", "course": "content/course.yml"}[kind]
    (project.root / target).write_bytes(source.read_bytes())
    return target


def expectation(source: Path) -> tuple[str, str, str]:
    """(location, field, fragment) from the file's first line; an empty file expects the empty message."""
    first = source.read_text(encoding="utf-8").partition("\n")[0]
    match = EXPECT.match(first)
    if not match:
        return "1:1", "", "the file is empty"
    location = f"{match['line']}:{match['column']}" if match["line"] else ""
    return location, match["field"] or "", match["fragment"]


@pytest.mark.parametrize("source", sorted(BROKEN.glob("*.yml")), ids=lambda p: p.stem)
def test_broken_file_fails_the_build_with_a_located_message(
    mini: Project, build_fails: Callable[..., str], source: Path
) -> None:
    target = place(mini, source)
    location, field, fragment = expectation(source)
    message = build_fails(mini)
    assert "Traceback" not in message
    lines = [line.strip() for line in message.splitlines() if line.strip().startswith(target)]
    assert lines, f"no problem names {target}:\n{message}"
    prefix = f"{target}:{location}:" if location else f"{target}:"
    wanted = [line for line in lines if line.startswith(prefix) and fragment in line and (not field or f" {field}:" in line)]
    assert wanted, f"expected {prefix} {field}: …{fragment}… in:\n{message}"


def test_corpus_is_large_enough() -> None:
    assert len(list(BROKEN.glob("*.yml"))) >= 40


def test_non_utf8_file_names_the_line(mini: Project, build_fails: Callable[..., str]) -> None:
    mini.write("content/lessons/latin1.yml", "")
    (mini.root / "content/lessons/latin1.yml").write_bytes(b"id: latin\ntitle: caf\xe9\n")
    message = build_fails(mini)
    assert "content/lessons/latin1.yml:2:11: the file is not UTF-8 (byte 0xe9)" in message


def test_huge_file_is_refused(mini: Project, build_fails: Callable[..., str]) -> None:
    (mini.root / "quizzes/huge.yml").write_bytes(b"id: huge\n" + b"# padding padding padding\n" * 400_000)
    message = build_fails(mini)
    assert "quizzes/huge.yml:1:1:" in message and "at most 1,048,576" in message


def test_deep_nesting_is_refused(mini: Project, build_fails: Callable[..., str]) -> None:
    mini.write("quizzes/deep.yml", "id: deep\nkind: knowledge\nquestions: " + "[" * 2000 + "]" * 2000 + "\n")
    message = build_fails(mini)
    assert "quizzes/deep.yml:" in message and "nested too deeply" in message


def test_every_broken_file_is_reported_at_once(mini: Project, build_fails: Callable[..., str]) -> None:
    names = ["lesson-wrong-type-minutes.yml", "lesson-unknown-field.yml", "quiz-no-correct.yml", "quiz-bad-kind.yml"]
    targets = [place(mini, BROKEN / name) for name in names]
    message = build_fails(mini)
    for target in targets:
        assert target in message
    assert "The course has 4 problems" in message
