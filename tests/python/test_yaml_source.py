"""Reading YAML with positions, and the traps PyYAML leaves open."""

from __future__ import annotations

import pytest
from coursegen.models import KnowledgeCheck, Lesson
from coursegen.validation import validate
from coursegen.yaml_source import YamlProblem, parse_document

LESSON = """id: sample
title: Sample
summary: A summary.
minutes: 4
objectives: [Do a thing.]
sections:
  - heading: One
    body: Body text.
takeaways: [Take this.]
"""


def test_positions_of_values_and_keys() -> None:
    document = parse_document(LESSON.encode(), "lesson.yml")
    assert document.values[("sections", 0, "body")] == (8, 11)
    assert document.keys[("sections", 0, "body")] == (8, 5)
    assert document.position(("sections", 0, "nope")) == (7, 5)  # nearest known ancestor


@pytest.mark.parametrize(
    "raw",
    [
        LESSON.encode("utf-8-sig"),  # byte order mark
        LESSON.replace("\n", "\r\n").encode(),  # Windows line endings
    ],
    ids=["bom", "crlf"],
)
def test_unusual_but_valid_encodings(raw: bytes) -> None:
    lesson, problems = validate(parse_document(raw, "lesson.yml"), Lesson)
    assert problems == [] and lesson is not None
    assert lesson.sections[0].body == "Body text."


def test_non_latin_scripts_and_emoji_are_kept() -> None:
    text = LESSON.replace("title: Sample", "title: \"Переговоры 交渉 مفاوضات 🤝\"")
    lesson, problems = validate(parse_document(text.encode(), "lesson.yml"), Lesson)
    assert problems == [] and lesson is not None and lesson.title == "Переговоры 交渉 مفاوضات 🤝"


def test_quoted_yaml11_words_are_text() -> None:
    text = LESSON.replace("title: Sample", 'title: "no"')
    lesson, problems = validate(parse_document(text.encode(), "lesson.yml"), Lesson)
    assert problems == [] and lesson is not None and lesson.title == "no"


def test_true_and_false_are_fine_where_a_boolean_is_expected() -> None:
    quiz = """id: q
kind: knowledge
questions:
  - id: one
    prompt: P
    explanation: E
    options:
      - {text: A, correct: true, feedback: F}
      - {text: B, correct: false, feedback: F}
"""
    check, problems = validate(parse_document(quiz.encode(), "q.yml"), KnowledgeCheck)
    assert problems == [] and check is not None and check.questions[0].is_multiple is False


def test_several_problems_in_one_file_are_all_reported() -> None:
    text = LESSON.replace("minutes: 4", "minutes: four").replace("title: Sample", "title: yes\ntitel: x")
    _, problems = validate(parse_document(text.encode(), "lesson.yml"), Lesson)
    assert [(p.line, p.field) for p in problems] == [(2, "title"), (3, "titel"), (5, "minutes")]


def test_alias_bomb_stops_early() -> None:
    rows = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    rows += [f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 9)]
    with pytest.raises(YamlProblem) as caught:
        parse_document("\n".join(rows).encode(), "bomb.yml")
    assert "alias bomb" in str(caught.value)
