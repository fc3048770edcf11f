"""Answers survive closing and reopening the browser, and a second tab on the same course."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import STORAGE_PREFIX, KnowledgeQuiz, checked_inputs, choose, pass_check, ready

pytestmark = pytest.mark.browser


def test_answers_survive_closing_and_reopening_the_browser(open_profile, site, course):
    browser = open_profile()
    page = browser.pages[0] if browser.pages else browser.new_page()
    lesson_id, quiz = pass_check(page, site, course)
    # A second check, answered but not checked yet: kept as well.
    other_lesson, other_path = [(lid, path) for lid, path in course.lessons if path][1]
    other = KnowledgeQuiz.load(other_path)
    started = {other.questions[0].id: [other.questions[0].options[0]]}
    page.goto(site.url(f"lessons/{other_lesson}/"))
    ready(page, other.id)
    choose(page, other.id, started)
    browser.close()

    browser = open_profile()
    page = browser.pages[0] if browser.pages else browser.new_page()
    page.goto(site.url(f"lessons/{lesson_id}/"))
    section = ready(page, quiz.id)
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")
    assert checked_inputs(page, quiz.id) == {k: sorted(v) for k, v in quiz.right_answers().items()}
    page.goto(site.url(f"lessons/{other_lesson}/"))
    ready(page, other.id)
    assert checked_inputs(page, other.id) == started
    browser.close()


def test_a_second_tab_sees_and_keeps_the_same_answers(context, site, course):
    one = context.new_page()
    lesson_id, quiz = pass_check(one, site, course)
    two = context.new_page()
    two.goto(site.url(f"lessons/{lesson_id}/"))
    section = ready(two, quiz.id)
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")

    # Different answers in the second tab are what the first finds on its next visit.
    wrong = quiz.wrong_answers()
    section.locator("[data-cg-action=retry]").click()
    choose(two, quiz.id, wrong)
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_be_visible()
    one.reload()
    ready(one, quiz.id)
    assert checked_inputs(one, quiz.id) == {k: sorted(v) for k, v in wrong.items()}
    saved = one.evaluate("(k) => JSON.parse(localStorage.getItem(k))", STORAGE_PREFIX + quiz.id)
    assert saved["b"]["p"] == 100, saved  # the best score the first tab earned is kept
