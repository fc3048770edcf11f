"""Course data read from the YAML sources, and helpers that drive the quiz DOM.

Everything the browser tests expect (which lesson has which knowledge check,
which options are right, which answers lead to which diagnostic outcome) is
read from the course's own files, so the tests stay right when the content
changes. The quiz helpers follow the runtime's DOM contract:

* quiz: ``section.cg-quiz[data-cg-quiz=ID]``, one ``fieldset[data-cg-question=QID]``
  per question, inputs ``#cg-<quiz>-<question>-<option>`` with ``<label for>``;
* ``[data-cg-action=check]`` / ``[data-cg-action=retry]``, ``[data-cg-result]``,
  ``[data-cg-notice]``, ``[data-cg-status]``, ``.cg-feedback``, ``.cg-explanation``;
* saved answers under ``localStorage["coursegen:v2:/course/q:<quiz>"]`` (README: "Saved data").
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
QUIZZES = ROOT / "quizzes"
CASES = ROOT / "cases"
DIAGNOSTIC_PAGE = "self-assessment/"
RESULTS_PAGE = "my-results/"
TEAM_PAGE = "team/"
# Every test site is served under /course/ (conftest.SUB_PATH), the course's namespace.
STORAGE_PREFIX = "coursegen:v2:/course/q:"
QUIZ_MARKER = re.compile(r"<!--\s*quiz:\s*(?P<id>[^\s>]+)\s*-->")
STATES = ("right", "partial", "wrong", "unanswered")


def _load(path: Path) -> Any:
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def option_key(index: int) -> str:
    """Knowledge-check options are keyed a, b, c… by position."""
    return "abcdefgh"[index]


# --------------------------------------------------------------------------- knowledge checks


@dataclass(frozen=True)
class KnowledgeQuestion:
    """One question of a check as the tests answer it: choice questions by option ids, the other
    types by an answer in the runtime's shape (an order of item ids, item → choice, a number, text)."""

    id: str
    multiple: bool
    options: tuple[str, ...]
    correct: frozenset[str]
    kind: str = "choice"
    points: int = 1
    right: Any = None
    mistaken: Any = None

    @property
    def wrong(self) -> tuple[str, ...]:
        return tuple(option for option in self.options if option not in self.correct)

    @classmethod
    def load(cls, question: dict[str, Any]) -> KnowledgeQuestion:
        kind, points = question.get("type", "choice"), int(question.get("points", 1))
        if kind == "choice":
            ids = tuple(o.get("id") or option_key(i) for i, o in enumerate(question["options"]))
            correct = frozenset(k for k, o in zip(ids, question["options"], strict=True) if o.get("correct") is True)
            multiple = question.get("multiple")
            return cls(question["id"], bool(len(correct) > 1 if multiple is None else multiple), ids, correct, kind, points)
        if kind == "ordering":
            items = [i.get("id") or option_key(n) for n, i in enumerate(question["items"])]
            return cls(question["id"], False, (), frozenset(), kind, points, items, items[::-1])
        if kind == "matching":
            pairs = [p.get("id") or option_key(n) for n, p in enumerate(question["pairs"])]
            return cls(question["id"], False, (), frozenset(), kind, points, {p: p for p in pairs},
                       {p: pairs[(n + 1) % len(pairs)] for n, p in enumerate(pairs)})
        if kind == "numeric":
            answer, far = float(question["answer"]), 10 * (abs(float(question["answer"])) + 1)
            return cls(question["id"], False, (), frozenset(), kind, points, question["answer"], answer + far)
        return cls(question["id"], False, (), frozenset(), kind, points, question["accepted"][0], "nothing like it")


@dataclass(frozen=True)
class KnowledgeQuiz:
    id: str
    pass_mark: int
    questions: tuple[KnowledgeQuestion, ...]

    @classmethod
    def load(cls, quiz_id: str) -> KnowledgeQuiz:
        data = _load(QUIZZES / f"{quiz_id}.yml")
        assert data.get("kind") == "knowledge", f"quizzes/{quiz_id}.yml is not a knowledge check"
        questions = tuple(KnowledgeQuestion.load(question) for question in data["questions"])
        return cls(quiz_id, int(data.get("pass_mark", 75)), questions)

    def right_answers(self) -> dict[str, Any]:
        """Exactly the right answer to every question."""
        return {q.id: sorted(q.correct) if q.kind == "choice" else q.right for q in self.questions}

    def wrong_answers(self) -> dict[str, Any]:
        """An answer set that fails: a wrong answer everywhere, partly right on multiple-answer questions."""
        answers: dict[str, Any] = {}
        for index, q in enumerate(self.questions):
            if q.kind != "choice":
                answers[q.id] = q.mistaken
            elif not q.wrong:
                continue  # every option is right: leave it unanswered
            elif index > 0 and q.multiple and q.correct:
                answers[q.id] = [min(q.correct), q.wrong[0]]  # partly right
            else:
                answers[q.id] = [q.wrong[0]]
        if self.score(answers)[2]:  # partial credit passed: drop it
            answers = {q.id: [q.wrong[0]] if q.kind == "choice" else q.mistaken for q in self.questions if q.wrong or q.kind != "choice"}
        assert not self.score(answers)[2], f"{self.id}: no answer set fails this check"
        return answers

    def score(self, answers: dict[str, Any]) -> tuple[dict[str, str], int, bool]:
        """(state per question, percent, passed): an oracle written from the spec, not from the runtime.

        Choice questions score as the classic rule (multiple answers: half for a partly right
        set); the other types are answered here only wholly right or wholly wrong.
        """
        states: dict[str, str] = {}
        points = 0.0
        for q in self.questions:
            given = answers.get(q.id)
            if q.kind != "choice":
                if given is None:
                    states[q.id] = "unanswered"
                elif given == q.right:
                    states[q.id], points = "right", points + q.points
                else:
                    states[q.id] = "wrong"
                continue
            picked = set(given or [])
            if not picked:
                states[q.id] = "unanswered"
            elif picked == q.correct:
                states[q.id], points = "right", points + q.points
            elif q.multiple and picked & q.correct:
                states[q.id], points = "partial", points + 0.5 * q.points
            else:
                states[q.id] = "wrong"
        percent = math.floor(100 * points / sum(q.points for q in self.questions) + 0.5)
        return states, percent, percent >= self.pass_mark


# --------------------------------------------------------------------------- diagnostic


@dataclass(frozen=True)
class Scenario:
    id: str
    answers: dict[str, str]
    expected: str
    caveats: tuple[str, ...]


@dataclass(frozen=True)
class Diagnostic:
    id: str
    data: dict[str, Any]

    @classmethod
    def load(cls, quiz_id: str) -> Diagnostic:
        data = _load(QUIZZES / f"{quiz_id}.yml")
        assert data.get("kind") == "diagnostic", f"quizzes/{quiz_id}.yml is not a diagnostic"
        return cls(quiz_id, data)

    def outcome_title(self, outcome_id: str) -> str:
        for outcome in self.data["outcomes"]:
            if outcome["id"] == outcome_id:
                return str(outcome["title"])
        raise AssertionError(f"{self.id} has no outcome {outcome_id!r}")

    def question_ids(self) -> list[str]:
        return [q["id"] for q in self.data["questions"]]

    @staticmethod
    def answers_of(question: dict[str, Any]) -> list[dict[str, Any]]:
        """A diagnostic question's answers as written: a choice's options, a scale's points and its "not sure"."""
        if "options" in question:
            return list(question["options"])
        return [*question["points"], *([question["not_sure"]] if question.get("not_sure") else [])]

    def scenarios(self) -> list[Scenario]:
        """The learners of this diagnostic's case library (cases/*.yml)."""
        found = []
        for path in sorted(CASES.glob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if data.get("diagnostic") != self.id:
                continue
            for case in data["cases"]:
                found.append(
                    Scenario(
                        id=str(case["id"]),
                        answers={str(k): str(v) for k, v in case["answers"].items()},
                        expected=str(case["expected"]),
                        caveats=tuple(str(c) for c in case.get("notes") or ()),
                    )
                )
        assert found, f"no case library in {CASES.relative_to(ROOT)}/ is for {self.id}"
        return found

    def two_learners(self) -> tuple[Scenario, Scenario]:
        """Two scenarios with different expected outcomes (the first two that differ)."""
        cases = self.scenarios()
        first = cases[0]
        for other in cases[1:]:
            if other.expected != first.expected:
                return first, other
        raise AssertionError(f"every case of {self.id} expects {first.expected!r}; need two outcomes")


# --------------------------------------------------------------------------- the course


@dataclass
class Course:
    lessons: list[tuple[str, str | None]] = field(default_factory=list)  # (lesson id, quiz id), outline order
    diagnostic_id: str | None = None

    @classmethod
    def load(cls) -> Course:
        outline = _load(CONTENT / "course.yml")
        course = cls()
        for module in outline["modules"]:
            for lesson_id in module["lessons"]:
                lesson = _load(CONTENT / "lessons" / f"{lesson_id}.yml")
                course.lessons.append((lesson_id, lesson.get("quiz")))
        page = CONTENT / "self-assessment.md"
        if page.is_file():
            match = QUIZ_MARKER.search(page.read_text(encoding="utf-8"))
            course.diagnostic_id = match["id"] if match else None
        return course

    def quiz_lesson(self) -> tuple[str, KnowledgeQuiz]:
        """The first lesson (in outline order) that ends with a knowledge check."""
        for lesson_id, quiz_id in self.lessons:
            if quiz_id:
                return lesson_id, KnowledgeQuiz.load(quiz_id)
        raise AssertionError("no lesson in content/course.yml has a knowledge check (`quiz:`)")

    def other_page_than(self, lesson_id: str) -> str:
        """Another lesson if there is one, else the self-assessment."""
        for other, _ in self.lessons:
            if other != lesson_id:
                return f"lessons/{other}/"
        return DIAGNOSTIC_PAGE

    def diagnostic(self) -> Diagnostic:
        assert self.diagnostic_id, "content/self-assessment.md has no <!-- quiz: … --> marker"
        return Diagnostic.load(self.diagnostic_id)


# --------------------------------------------------------------------------- the quiz in a page


def input_id(quiz_id: str, question_id: str, option_id: str) -> str:
    return f"cg-{quiz_id}-{question_id}-{option_id}"


def nav_link(page, lesson_id: str):
    """The lesson's link in the primary sidebar."""
    return page.locator(f'.md-sidebar--primary a.md-nav__link[href$="{lesson_id}/"]').first


def quiz_section(page, quiz_id: str):
    return page.locator(f'section.cg-quiz[data-cg-quiz="{quiz_id}"]')


def choose(page, quiz_id: str, answers: dict[str, Any]) -> None:
    """Answer the way a person does: click the labels of options; choose each item's position
    (ordering) or match (matching); type a number or a short answer."""
    for question_id, value in answers.items():
        fieldset = quiz_section(page, quiz_id).locator(f'fieldset[data-cg-question="{question_id}"]')
        kind = fieldset.get_attribute("data-cg-type") or "choice"
        if kind == "ordering":
            for position, item in enumerate(value, start=1):
                fieldset.locator(f'[data-cg-item="{item}"] select').select_option(str(position))
        elif kind == "matching":
            for item, choice in value.items():
                fieldset.locator(f'select[data-cg-item="{item}"]').select_option(choice)
        elif kind in ("numeric", "short-answer"):
            fieldset.locator("input[data-cg-value]").fill(str(value))
        else:
            for option_id in [value] if isinstance(value, str) else value:
                page.locator(f'label[for="{input_id(quiz_id, question_id, option_id)}"]').click()


def checked_inputs(page, quiz_id: str) -> dict[str, list[str]]:
    """Question id → checked option values, read from the DOM."""
    return page.evaluate(
        """(quiz) => {
            const out = {};
            for (const fs of document.querySelectorAll(`section.cg-quiz[data-cg-quiz="${quiz}"] fieldset[data-cg-question]`)) {
                const picked = [...fs.querySelectorAll('input:checked')].map((i) => i.value);
                if (picked.length) out[fs.dataset.cgQuestion] = picked.sort();
            }
            return out;
        }""",
        quiz_id,
    )


def payload(page, quiz_id: str) -> dict[str, Any]:
    """The quiz's JSON data as embedded in the page."""
    text = quiz_section(page, quiz_id).locator(".cg-data").evaluate("(el) => (el.content || el).textContent")
    return json.loads(text or "null")


def saved(page, quiz_id: str) -> Any:
    """The parsed localStorage entry of a quiz, or None."""
    raw = page.evaluate("(key) => localStorage.getItem(key)", STORAGE_PREFIX + quiz_id)
    return None if raw is None else json.loads(raw)


VISIBLE_FOCUS_JS = """(el) => {
    const style = (node) => {
        const s = getComputedStyle(node);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
        const shadow = s.boxShadow && s.boxShadow !== 'none';
        return {shown: outline || shadow, outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, shadow: s.boxShadow};
    };
    const own = style(el);
    const box = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    // A visually hidden input (custom radio/checkbox) shows its focus on its label instead.
    const hidden = box.width <= 1 || box.height <= 1 || parseFloat(s.opacity) === 0 || s.clipPath !== 'none' && s.clipPath !== '';
    let label = null;
    if (hidden && el.id) {
        const node = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
        if (node) label = style(node);
    }
    return {
        focusVisible: el.matches(':focus-visible'),
        shown: hidden ? Boolean(label && label.shown) : own.shown,
        own, label, hidden,
        what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).split(' ').join('.') : ''),
    };
}"""


def assert_visible_focus(locator) -> None:
    """The focused element matches :focus-visible and draws an outline or a box-shadow."""
    info = locator.evaluate(VISIBLE_FOCUS_JS)
    assert info["focusVisible"], f"{info['what']} has focus but does not match :focus-visible"
    assert info["shown"], f"no visible focus indicator on {info['what']}: {info}"


# --------------------------------------------------------------------------- knowledge-check expectations

NON_EMPTY = re.compile(r"\S")
JS_READY = re.compile(r"(^|\s)cg-js(\s|$)")


def ready(page, quiz_id: str):
    """Wait until the runtime has taken over the quiz (it adds class cg-js); return the section."""
    from playwright.sync_api import expect

    section = quiz_section(page, quiz_id)
    expect(section).to_have_count(1)
    expect(section).to_have_class(JS_READY)
    expect(section.locator("p.cg-nojs")).to_be_hidden()
    return section


def expect_knowledge_checked(page, quiz: KnowledgeQuiz, answers: dict[str, list[str]]) -> None:
    """After `Check answers`: states, status texts, feedback of the chosen options, explanations, the result."""
    from playwright.sync_api import expect

    states, _, passed = quiz.score(answers)
    section = quiz_section(page, quiz.id)
    result = section.locator("[data-cg-result]")
    expect(result).to_be_visible()
    expect(result).to_have_attribute("data-cg-passed", "true" if passed else "false")
    expect(result).to_have_text(NON_EMPTY)
    for q in quiz.questions:
        fieldset = section.locator(f'fieldset[data-cg-question="{q.id}"]')
        expect(fieldset).to_have_attribute("data-cg-state", states[q.id])
        status = fieldset.locator("[data-cg-status]")
        expect(status).to_be_visible()
        expect(status).to_have_text(NON_EMPTY)
        for option in q.options:
            feedback = fieldset.locator(f"#{input_id(quiz.id, q.id, option)}-feedback")
            label = fieldset.locator(f'label[for="{input_id(quiz.id, q.id, option)}"]')
            picked = option in answers.get(q.id, [])
            if picked:
                expect(feedback).to_be_visible()
            else:
                expect(feedback).to_be_hidden()
            # In words, not colour alone: every right option says so, and so does a wrong pick.
            expect(label.locator(".cg-mark:visible")).to_have_count(1 if option in q.correct or picked else 0)
            if picked and option not in q.correct:
                expect(label.locator(".cg-mark")).to_have_text(re.compile("Your answer"))
        if q.id in answers:
            expect(fieldset.locator(".cg-explanation")).to_be_visible()


def expect_knowledge_cleared(page, quiz: KnowledgeQuiz) -> None:
    """Nothing chosen, nothing marked, no feedback, no result."""
    from playwright.sync_api import expect

    section = quiz_section(page, quiz.id)
    expect(section.locator("input:checked")).to_have_count(0)
    expect(section.locator("[data-cg-result]")).to_be_hidden()
    for q in quiz.questions:
        fieldset = section.locator(f'fieldset[data-cg-question="{q.id}"]')
        state = fieldset.get_attribute("data-cg-state")
        assert state in (None, ""), f"question {q.id} still has data-cg-state={state!r} after `Try again`"
        expect(fieldset.locator("[data-cg-status]")).to_be_hidden()
        expect(fieldset.locator(".cg-feedback:visible")).to_have_count(0)
        expect(fieldset.locator(".cg-explanation")).to_be_hidden()
        expect(fieldset.locator(".cg-mark:visible")).to_have_count(0)


# --------------------------------------------------------------------------- taking the quizzes


def take_diagnostic(page, site, course, learner_index: int = 0):
    """Answer the self-assessment as one of its scenario learners; return (diagnostic, learner, section)."""
    from playwright.sync_api import expect

    diagnostic = course.diagnostic()
    learner = diagnostic.two_learners()[learner_index]
    page.goto(site.url(DIAGNOSTIC_PAGE))
    section = ready(page, diagnostic.id)
    choose(page, diagnostic.id, learner.answers)
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-outcome", learner.expected)
    return diagnostic, learner, section


def share_link(page) -> str:
    """The share link under the self-assessment result on the page."""
    from playwright.sync_api import expect

    field = page.locator(".cg-share input")
    expect(field).to_be_visible()
    return field.input_value()


def pass_check(page, site, course, index: int = 0) -> tuple[str, KnowledgeQuiz]:
    """Open the index-th lesson that has a knowledge check and pass it; return (lesson id, quiz)."""
    from playwright.sync_api import expect

    lesson_id, path = [(lesson_id, quiz) for lesson_id, quiz in course.lessons if quiz][index]
    quiz = KnowledgeQuiz.load(path)
    page.goto(site.url(f"lessons/{lesson_id}/"))
    section = ready(page, quiz.id)
    choose(page, quiz.id, quiz.right_answers())
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")
    return lesson_id, quiz


def team_tool(page):
    """The team view's tool once it takes files: its form is shown (team.js) only when the course
    summary has loaded and the drop zone listens; a file set before that would go unseen."""
    from playwright.sync_api import expect

    tool = page.locator(".cg-team.cg-js")
    expect(tool.locator("form")).to_be_visible()
    return tool
