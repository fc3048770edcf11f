"""With JavaScript off, the lesson and its questions are still there to read, with a note saying why nothing happens."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import DIAGNOSTIC_PAGE, JS_READY, input_id, quiz_section

pytestmark = pytest.mark.browser


def expect_readable_questions(page, quiz_id: str, questions: list[tuple[str, list[str]]]) -> None:
    section = quiz_section(page, quiz_id)
    expect(section).to_be_visible()
    expect(section).not_to_have_class(JS_READY)
    note = section.locator("p.cg-nojs")
    expect(note).to_be_visible()
    expect(note).to_contain_text("JavaScript")
    for question_id, options in questions:
        fieldset = section.locator(f'fieldset[data-cg-question="{question_id}"]')
        expect(fieldset.locator("legend")).to_be_visible()
        for option in options:
            expect(page.locator(f'label[for="{input_id(quiz_id, question_id, option)}"]')).to_be_visible()
    # Nothing pretends to work: no button that does nothing, no result, no feedback giving answers away.
    expect(section.locator("[data-cg-result]")).to_be_hidden()
    expect(section.locator("button:visible")).to_have_count(0)
    expect(section.locator(".cg-feedback:visible")).to_have_count(0)


def test_lesson_without_javascript(make_context, site, course):
    lesson_id, quiz = course.quiz_lesson()
    page = make_context(java_script_enabled=False).new_page()
    page.goto(site.url(f"lessons/{lesson_id}/"))
    article = page.locator("article.md-content__inner")
    expect(article.locator("h1")).to_be_visible()
    headings = article.locator("h2")
    assert headings.count() >= 2, "the lesson's sections are missing"
    expect(article.locator("p").first).to_be_visible()
    expect_readable_questions(page, quiz.id, [(q.id, list(q.options)) for q in quiz.questions])
    # Every question offers its answer and explanation, closed until asked for.
    section = quiz_section(page, quiz.id)
    reveals = section.locator("details.cg-reveal")
    expect(reveals).to_have_count(len(quiz.questions))
    for n, question in enumerate(quiz.questions):
        reveal = reveals.nth(n)
        right = [page.locator(f'label[for="{input_id(quiz.id, question.id, key)}"]').inner_text() for key in sorted(question.correct)]
        expect(reveal.locator(".cg-reveal-why")).to_be_hidden()
        reveal.locator("summary").click()
        expect(reveal.locator("li")).to_have_count(len(right))
        for text in right:
            expect(reveal.locator("li", has_text=text.strip())).to_be_visible()
        expect(reveal.locator(".cg-reveal-why")).to_be_visible()
        expect(reveal.locator(".cg-reveal-why")).not_to_be_empty()


def test_with_javascript_the_runtime_replaces_the_answer_boxes(page, site, course):
    lesson_id, quiz = course.quiz_lesson()
    page.goto(site.url(f"lessons/{lesson_id}/"))
    section = quiz_section(page, quiz.id)
    expect(section).to_have_class(JS_READY)
    expect(section.locator("details.cg-reveal:visible")).to_have_count(0)
    expect(section.locator("[data-cg-action=check]")).to_be_visible()


def test_self_assessment_without_javascript(make_context, site, course):
    diagnostic = course.diagnostic()
    page = make_context(java_script_enabled=False).new_page()
    page.goto(site.url(DIAGNOSTIC_PAGE))
    questions = [(q["id"], [o["id"] for o in diagnostic.answers_of(q)]) for q in diagnostic.data["questions"]]
    expect_readable_questions(page, diagnostic.id, questions)
    # Every possible result can still be read.
    section = quiz_section(page, diagnostic.id)
    section.locator("details.cg-outcomes > summary").click()
    expect(section.locator(".cg-how")).to_be_visible()
    for outcome in diagnostic.data["outcomes"]:
        expect(section.locator(f'[data-cg-outcome="{outcome["id"]}"]')).to_contain_text(outcome["title"])
    # How it decides: under each outcome, the reasons the course's own rules rule it out.
    for rule in diagnostic.data["rules"]:
        for outcome in rule.get("exclude", []):
            listed = section.locator(f'[data-cg-outcome="{outcome}"] .cg-ruled-out li', has_text=rule["because"])
            expect(listed).to_have_count(1)
