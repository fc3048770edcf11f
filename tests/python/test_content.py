"""The course itself: its shape, the article coverage map, and that it is our own writing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT, load_script

LESSONS = ROOT / "content" / "lessons"
QUIZZES = ROOT / "quizzes"


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def words(text: str) -> int:
    return len(re.findall(r"\b[\w'’-]+\b", text))


def question_type(question: dict[str, Any]) -> str:
    """A question's `type`, `choice` when it is left out (as the build reads it)."""
    return question.get("type", "choice")


@pytest.fixture(scope="module")
def outline() -> dict[str, Any]:
    return load(ROOT / "content" / "course.yml")


def test_course_shape(outline: dict[str, Any]) -> None:
    lessons = [lesson for module in outline["modules"] for lesson in module["lessons"]]
    assert 3 <= len(outline["modules"]) <= 4
    assert 8 <= len(lessons) <= 12


@pytest.mark.parametrize("path", sorted(LESSONS.glob("*.yml")), ids=lambda p: p.stem)
def test_each_lesson_is_complete(path: Path) -> None:
    lesson = load(path)
    prose = " ".join([lesson["summary"], *(s["body"] for s in lesson["sections"]), lesson["case"]["body"]])
    assert 400 <= words(prose) <= 900, f"{path.name}: {words(prose)} words"
    assert lesson["objectives"] and lesson["takeaways"] and lesson["reflection"] and lesson["next_step"]
    assert lesson["case"]["setting"]
    quiz = load(QUIZZES / f"{lesson['quiz']}.yml")
    assert quiz["kind"] == "knowledge" and 3 <= len(quiz["questions"]) <= 6
    for question in quiz["questions"]:
        assert question["explanation"]
        if question_type(question) == "choice":
            assert all(option["feedback"] for option in question["options"])


def test_knowledge_checks_mix_single_and_multiple_answers() -> None:
    counts = [len(correct_positions(q)) for _, q in knowledge_questions() if question_type(q) == "choice"]
    assert 1 in counts and any(count > 1 for count in counts)


def test_self_assessment_shape() -> None:
    diagnostic = load(QUIZZES / "strategy-fit.yml")
    assert 8 <= len(diagnostic["questions"]) <= 14
    assert [o["id"] for o in diagnostic["outcomes"]] == ["strengthen", "postpone", "distributive", "integrative"]
    assert diagnostic["order"][:3] == ["strengthen", "postpone", "distributive"]  # the article's order of preference
    # The article checks the skill gap first, and whoever is outclassed needs the warning whatever the result.
    skill_rules = [rule for rule in diagnostic["rules"] if rule.get("kind") == "caveat" and "skill" in rule["when"]]
    assert skill_rules and all(not rule.get("outcomes") for rule in skill_rules), "the skill-gap caveat shows with every result"


def test_coverage_map_covers_every_point_with_things_that_exist() -> None:
    points = load(ROOT / "coverage" / "coverage.yml")["points"]
    assert sorted(point["id"] for point in points) == list(range(1, 10))
    lessons = {path.stem for path in LESSONS.glob("*.yml")}
    questions = {f"{load(path)['id']}/{q['id']}" for path in QUIZZES.glob("*.yml") for q in load(path)["questions"]}
    for point in points:
        assert point["lessons"], f"point {point['id']} is taught by no lesson"
        assert point["questions"], f"point {point['id']} is checked by no question"
        assert set(point["lessons"]) <= lessons, f"point {point['id']}: unknown lessons {set(point['lessons']) - lessons}"
        refs = set(point["questions"]) | set(point.get("diagnostic") or [])
        assert refs <= questions, f"point {point['id']}: unknown questions {refs - questions}"


def knowledge_questions() -> list[tuple[str, dict[str, Any]]]:
    """(quiz id, question) for every question of every knowledge check, in file order."""
    quizzes = [load(path) for path in sorted(QUIZZES.glob("*.yml"))]
    return [(quiz["id"], q) for quiz in quizzes if quiz["kind"] == "knowledge" for q in quiz["questions"]]


def correct_positions(question: dict[str, Any]) -> list[int]:
    """Where a choice question's correct options sit (1 = first). Other types have no option
    positions: ordering items are shown mixed, matching answers are mixed in every select, and
    numeric and short answers are typed."""
    if question_type(question) != "choice":
        return []
    return [index for index, option in enumerate(question["options"], start=1) if option.get("correct")]


def test_correct_answers_are_spread_over_positions() -> None:
    """Where the right answer sits must not give it away: no position holds over 40 % of them."""
    choice = [question for _, question in knowledge_questions() if question_type(question) == "choice"]
    positions = [position for question in choice for position in correct_positions(question)]
    # Counted over choice questions only; with too few of them the share would say nothing.
    assert len(choice) >= 20, f"only {len(choice)} choice questions: too few for the position spread to mean anything"
    counts = {position: positions.count(position) for position in sorted(set(positions))}
    for position, count in counts.items():
        assert count <= 0.4 * len(positions), (
            f"option {position} holds {count} of {len(positions)} correct answers: {counts}"
        )


def test_multiple_answer_questions_do_not_always_end_with_a_wrong_option() -> None:
    multiple = [(quiz, q) for quiz, q in knowledge_questions() if len(correct_positions(q)) > 1]
    assert multiple
    ending_right = [f"{quiz}/{q['id']}" for quiz, q in multiple if q["options"][-1].get("correct")]
    assert len(ending_right) >= len(multiple) / 4, (
        f"only {len(ending_right)} of {len(multiple)} multiple-answer questions end with a correct option: "
        "a learner could skip the last option unread"
    )


def test_the_right_answer_is_not_systematically_the_longest() -> None:
    single = [(quiz, q) for quiz, q in knowledge_questions() if len(correct_positions(q)) == 1]
    longest = []
    for quiz, question in single:
        lengths = [len(option["text"]) for option in question["options"]]
        right = lengths[correct_positions(question)[0] - 1]
        if right == max(lengths) and lengths.count(right) == 1:
            longest.append(f"{quiz}/{question['id']}")
    assert len(longest) <= len(single) / 2, (
        f"the right answer is the longest option in {len(longest)} of {len(single)}: {longest}"
    )


def test_a_third_of_the_questions_are_scenarios_that_exist() -> None:
    """`scenario_questions` in the coverage map: questions that ask the learner to apply a lesson to a new case."""
    listed = load(ROOT / "coverage" / "coverage.yml").get("scenario_questions") or []
    questions = {f"{quiz}/{q['id']}": q for quiz, q in knowledge_questions()}
    assert len(listed) == len(set(listed)), "a scenario question is listed twice"
    assert set(listed) <= set(questions), f"unknown scenario questions: {set(listed) - set(questions)}"
    assert len(listed) >= len(questions) / 3, (
        f"{len(listed)} of {len(questions)} questions are scenarios; at least a third should be"
    )
    for ref in listed:
        assert words(questions[ref]["prompt"]) >= 25, f"{ref}: a scenario sets out a situation, not a one-line question"


def test_every_question_the_coverage_map_names_exists() -> None:
    """Renamed or dropped questions leave no stale entries in the map; every check question maps to a point."""
    coverage = load(ROOT / "coverage" / "coverage.yml")
    quizzes = [load(path) for path in QUIZZES.glob("*.yml")]
    ids = {
        kind: {f"{quiz['id']}/{q['id']}" for quiz in quizzes if quiz["kind"] == kind for q in quiz["questions"]}
        for kind in ("knowledge", "diagnostic")
    }
    named = {ref for point in coverage["points"] for ref in point["questions"]}
    stale = named - ids["knowledge"]
    stale |= {ref for point in coverage["points"] for ref in point.get("diagnostic") or []} - ids["diagnostic"]
    stale |= set(coverage.get("scenario_questions") or []) - ids["knowledge"]
    assert not stale, f"the coverage map names questions that do not exist: {sorted(stale)}"
    assert not ids["knowledge"] - named, f"questions checking no article point: {sorted(ids['knowledge'] - named)}"


def test_knowledge_checks_use_at_least_three_types_besides_choice() -> None:
    used: dict[str, list[str]] = {}
    for quiz, question in knowledge_questions():
        used.setdefault(question_type(question), []).append(f"{quiz}/{question['id']}")
    others = sorted(set(used) - {"choice"})
    assert len(others) >= 3, f"the knowledge checks use only {others or 'no types'} besides choice: {used}"
    assert any(question.get("hints") for _, question in knowledge_questions()), "no question offers a hint"


def test_ordering_questions_do_not_start_close_to_their_answer() -> None:
    """The order shown before the learner moves anything must earn less than a random order does on
    average (half the pairs in order): checking it untouched should not pay."""
    from coursegen.questions import OrderingQuestion

    for quiz, question in knowledge_questions():
        if question_type(question) != "ordering":
            continue
        shown = OrderingQuestion.model_validate(question).shown_order  # item indexes, in the order shown
        pairs = [(i, j) for i in range(len(shown)) for j in range(i + 1, len(shown))]
        in_order = sum(shown.index(i) < shown.index(j) for i, j in pairs)
        assert in_order < len(pairs) / 2, (
            f"{quiz}/{question['id']}: {in_order} of {len(pairs)} pairs are already in the right order as shown"
        )


def test_numeric_questions_give_a_unit_and_a_narrow_tolerance() -> None:
    for quiz, question in knowledge_questions():
        if question_type(question) != "numeric":
            continue
        ref = f"{quiz}/{question['id']}"
        assert question.get("unit"), f"{ref}: say what the number counts"
        margin = question.get("tolerance") or abs(question["answer"]) * (question.get("tolerance_percent") or 0) / 100
        assert margin <= 0.05 * abs(question["answer"]), f"{ref}: a tolerance over 5% accepts a guess"


def test_the_self_assessment_has_a_scale_question() -> None:
    diagnostic = load(QUIZZES / "strategy-fit.yml")
    scales = [q for q in diagnostic["questions"] if question_type(q) == "scale"]
    assert scales, "no question of the self-assessment is a scale"
    # The overall view of the balance is the scale that reads most naturally; its "can't tell" stays off the scale.
    balance = next(q for q in diagnostic["questions"] if q["id"] == "balance")
    assert question_type(balance) == "scale" and balance["not_sure"]["id"] == "unsure"


def test_no_run_of_eight_words_from_the_article() -> None:
    fingerprint = load_script("article_fingerprint")
    article = {line for line in (FIXTURES / "article-8word-runs.txt").read_text().splitlines() if not line.startswith("#")}
    assert len(article) > 300
    sources = [*LESSONS.glob("*.yml"), *QUIZZES.glob("*.yml"), *(ROOT / "cases").glob("*.yml"), ROOT / "content" / "course.yml", *(ROOT / "content").glob("*.md")]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        prose = "\n".join(strings(yaml.safe_load(text))) if path.suffix == ".yml" else text
        copied = fingerprint.runs(prose) & article
        assert not copied, f"{path.relative_to(ROOT)} repeats {len(copied)} run(s) of 8 words from the article"


def test_the_overlap_check_can_fail() -> None:
    fingerprint = load_script("article_fingerprint")
    article = {line for line in (FIXTURES / "article-8word-runs.txt").read_text().splitlines() if not line.startswith("#")}
    sample = "Remember, power is both real and perceived. So work at the power game"
    assert fingerprint.runs(sample) & article
