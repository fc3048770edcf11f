"""On a 360 px wide phone the quizzes fit the screen: nothing scrolls sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import DIAGNOSTIC_PAGE, choose, quiz_section, ready

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def assert_no_horizontal_overflow(page, quiz_id: str, state: str) -> None:
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"], f"{state}: the page is {width}px wide on a {PHONE['width']}px screen"
    box = quiz_section(page, quiz_id).bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"{state}: the quiz sticks out: {box}"
    wide = page.evaluate(
        """([quiz, limit]) => [...document.querySelectorAll(`section.cg-quiz[data-cg-quiz="${quiz}"] *`)]
            .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > limit + 0.5)
            .map((el) => el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' right=' + el.getBoundingClientRect().right)
            .slice(0, 5)""",
        [quiz_id, PHONE["width"]],
    )
    assert not wide, f"{state}: elements of the quiz reach past the screen's edge: {wide}"


def test_knowledge_check_fits_a_phone(make_context, site, course):
    lesson_id, quiz = course.quiz_lesson()
    page = make_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(site.url(f"lessons/{lesson_id}/"))
    section = ready(page, quiz.id)
    assert_no_horizontal_overflow(page, quiz.id, "unanswered")
    choose(page, quiz.id, quiz.wrong_answers())
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_be_visible()
    assert_no_horizontal_overflow(page, quiz.id, "checked, with feedback")


def test_self_assessment_fits_a_phone(make_context, site, course):
    diagnostic = course.diagnostic()
    page = make_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(site.url(DIAGNOSTIC_PAGE))
    section = ready(page, diagnostic.id)
    learner = max(diagnostic.two_learners(), key=lambda s: len(s.caveats))
    choose(page, diagnostic.id, learner.answers)
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_be_visible()
    section.locator("details").evaluate_all("(ds) => ds.forEach((d) => { d.open = true; })")
    assert_no_horizontal_overflow(page, diagnostic.id, "with its result and every possible result")
