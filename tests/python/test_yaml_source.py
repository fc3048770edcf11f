"""Reading YAML with positions, and the traps PyYAML leaves open."""

from __future__ import annotations

import pytest
from coursegen.models import KnowledgeCheck, Lesson, Outline
from coursegen.validation import validate
from coursegen.yaml_source import YamlProblem, parse_document
from pydantic import BaseModel

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


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        # Text with `: ` in a plain value: say so and show it quoted.
        ("id: x\ntitle: Ratio: one to two\n", 2, 13,
         ("the text contains `: ` (a colon and a space), which YAML reads as the start of a field; "
         "text containing `: ` or ` #` must be in quotes: title: 'Ratio: one to two'")),
        # A quote never closed: where it opens, not where PyYAML reached the end of the file.
        ('id: x\ntitle: "unclosed\nsummary: s\nminutes: 3\n', 2, 8,
         'the quote " opened here is never closed; end the text with "'),
        ("id: x\ntitle: 'unclosed\nsummary: s\n", 2, 8,
         "the quote ' opened here is never closed; end the text with ' (a ' inside the text is written `''`"),
        # A quote closed only by the next line's opening quote.
        ('id: x\ntitle: "unclosed\nsummary: "s"\nminutes: 3\n', 2, 8,
         'the quote " opened here is not closed on this line, so YAML reads on to the next " (line 3, column 10)'),
        # An apostrophe ends a single-quoted value early: the fix quotes it all in double quotes.
        ("id: x\ntitle: 'Don't do it'\n", 2, 13,
         ('text follows the closing quote \' of the value; a quote may only enclose the whole value, '
         'so put all of it in quotes: title: "Don\'t do it"')),
        # Indentation: a list item and fields off by one.
        ("id: x\nobjectives:\n  - a\n - b\n", 4, 2,
         "this list item (`- `) is at column 2: expected it at the indentation of the `- ` on line 3 (column 3)"),
        ("case:\n  title: t\n body: b\n", 3, 2,
         ("the field `body` is at column 2, which lines up with no field above it: "
         "expected it at the indentation of `title` (line 2, column 3) or of `case` (line 1, column 1)")),
        ("sections:\n  - heading: h\n     body: b\n", 3, 6,
         ("`body` is indented deeper than the field above it: expected it at the indentation of `heading` "
         "(line 2, column 5)")),
        ("id: x\n- a\n", 2, 1, "a list item (`- `) where a field (`name: value`) was expected"),
        ("- a\nid: x\n", 2, 1, "expected a list item (`- `) here, like the one on line 1"),
        # Brackets: never closed, hidden by a comment, or an item that needed quotes.
        ("id: x\nobjectives: [a, b\ntitle: t\n", 2, 13, "the `[` opened here is never closed; end the list with `]`"),
        ("id: x\nweights: {a: 1\n", 2, 10, "the `{` opened here is never closed; end the mapping with `}`"),
        ("id: x\nobjectives: [Use C #1, b]\n", 2, 13, "(` #` starts a comment, which hides the rest of line 2"),
        ("id: x\nobjectives: [a: b: c]\n", 2, 18, "expected `,` or `]` here, inside the `[…]` opened at column 13"),
        # Characters YAML reserves at the start of a value.
        ("id: x\ntitle: @handle\n", 2, 8, "a value cannot start with `@` (YAML reserves it); put the text in quotes: title: '@handle'"),
        ("id: x\ntitle: `code` here\n", 2, 8, "a value cannot start with a backtick (YAML reserves it)"),
        ("id: x\ntitle: %50 off\n", 2, 8, "a value cannot start with `%` (it starts a YAML directive)"),
        ("id: x\ntitle: *bold*\n", 2, 8, "a value starting with `*` is read as an alias"),
        ("id: x\nobjectives: - a\n", 2, 13, "a list item (`- `) cannot follow `objectives:` on the same line"),
        # A field without its colon, and a bad escape in double quotes.
        ("id: x\ntitle\nsummary: s\n", 2, 1, "`title` has no `:` after it; write a field as `name: value`"),
        ('id: x\ntitle: "a \\q b"\n', 2, 11, "`\\q` is not an escape YAML knows inside double quotes"),
        ("id: x\n---\nid: y\n", 2, 1, "a second YAML document starts here (`---`)"),
        # Tabs: the line and column of the tab itself.
        ("id: x\nobjectives:\n  \t- a\n", 3, 3, "a tab is used for indentation (line 3, column 3); YAML indents with spaces only"),
    ],
)
def test_syntax_errors_are_explained_at_their_cause(text: str, line: int, column: int, words: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_document(text.encode(), "lesson.yml")
    problem = caught.value.problem
    assert (problem.line, problem.column) == (line, column), str(problem)
    assert words in problem.message
    assert "not allowed in this context" not in problem.message and "did not find expected" not in problem.message


def test_an_unexplained_syntax_error_keeps_pyyaml_words() -> None:
    """A case the explanations do not know still names the place and says what PyYAML found."""
    with pytest.raises(YamlProblem) as caught:
        parse_document(b"id: x\ntitle: !a!b x\n", "lesson.yml")
    problem = caught.value.problem
    assert (problem.line, problem.column, problem.message) == (2, 8, "YAML syntax error: while parsing a node found undefined tag handle")


LESSON_TAKEAWAY = LESSON.replace("takeaways: [Take this.]", "takeaway: [Take this.]")
QUIZ = """id: q
kind: knowledge
questions:
  - id: one
    prompt: P
    explanation: E
    options:
      - {text: A, correct: true, feedback: F}
      - {text: B, feedback: F}
"""
OUTLINE = """title: T
description: D
audience: A
modules:
  - id: m
    title: M
    lessons: [a]
"""


@pytest.mark.parametrize(
    ("model", "text", "expected"),
    [
        (Lesson, LESSON_TAKEAWAY, ["lesson.yml:9:1: takeaway: unknown field `takeaway` (did you mean `takeaways`?)"]),
        (Lesson, LESSON.replace("    body: Body text.", "    bdy: Body text."),
         ["lesson.yml:8:5: sections[0].bdy: unknown field `bdy` (did you mean `body`?)"]),
        (KnowledgeCheck, QUIZ.replace("questions:", "question:"),
         ["lesson.yml:3:1: question: unknown field `question` (did you mean `questions`?)"]),
        (KnowledgeCheck, QUIZ.replace("    prompt: P", "    promt: P"),
         ["lesson.yml:5:5: questions[0].promt: unknown field `promt` in a question of type `choice` (did you mean `prompt`?)"]),
        (Outline, OUTLINE.replace("modules:", "module:"),
         ["lesson.yml:4:1: module: unknown field `module` (did you mean `modules`?)"]),
        (Outline, OUTLINE.replace("    lessons: [a]", "    lesson: [a]"),
         ["lesson.yml:7:5: modules[0].lesson: unknown field `lesson` (did you mean `lessons`?)"]),
    ],
    ids=["lesson", "lesson-section", "quiz", "quiz-question", "outline", "outline-module"],
)
def test_a_misspelt_required_field_is_one_problem(model: type[BaseModel], text: str, expected: list[str]) -> None:
    _, problems = validate(parse_document(text.encode(), "lesson.yml"), model)
    assert [str(problem) for problem in problems] == expected


def test_other_missing_fields_are_still_reported_beside_a_misspelt_one() -> None:
    text = LESSON_TAKEAWAY.replace("summary: A summary.\n", "").replace("minutes: 4", "minutes: 4\nfoo: bar")
    _, problems = validate(parse_document(text.encode(), "lesson.yml"), Lesson)
    messages = [problem.message for problem in problems]
    assert "missing required field `summary`" in messages
    assert "unknown field `takeaway` (did you mean `takeaways`?)" in messages
    assert not any("`takeaways`" in message and "missing" in message for message in messages)
    assert any(message.startswith("unknown field `foo`; expected one of:") for message in messages)


def test_text_with_a_colon_in_a_list_is_explained() -> None:
    """`- Learn this: the basics` is valid YAML (a mapping), so the model reports it; say why."""
    text = LESSON.replace("objectives: [Do a thing.]", "objectives:\n  - Learn this: the basics")
    _, problems = validate(parse_document(text.encode(), "lesson.yml"), Lesson)
    assert [str(problem) for problem in problems] == [
        ("lesson.yml:6:5: objectives[0]: expected text, got a mapping: YAML reads `Learn this: the basics` "
        "as a field because of the `: `; put the text in quotes: 'Learn this: the basics'")
    ]
