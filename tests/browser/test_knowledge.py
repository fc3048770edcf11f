"""A lesson's knowledge check: passing, failing with feedback, trying again, saved answers."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import (
    NON_EMPTY,
    STORAGE_PREFIX,
    checked_inputs,
    choose,
    expect_knowledge_checked,
    expect_knowledge_cleared,
    payload,
    quiz_section,
    ready,
    saved,
)

pytestmark = pytest.mark.browser


def test_right_answers_pass(page, site, course):
    lesson_id, quiz = course.quiz_lesson()
    page.goto(site.url(f"lessons/{lesson_id}/"))
    section = ready(page, quiz.id)
    expect(section.locator("[data-cg-result]")).to_be_hidden()
    expect(section.locator("[data-cg-action=retry]")).to_be_hidden()
    expect(section.locator(".cg-feedback:visible")).to_have_count(0)

    answers = quiz.right_answers()
    choose(page, quiz.id, answers)
    assert checked_inputs(page, quiz.id) == answers
    section.locator("[data-cg-action=check]").click()

    expect_knowledge_checked(page, quiz, answers)
    result = section.locator("[data-cg-result]")
    expect(result).to_have_attribute("data-cg-passed", "true")
    expect(result).to_be_focused()
    expect(section.locator("[data-cg-action=retry]")).to_be_visible()


def test_wrong_answers_fail_with_feedback_and_retry_clears(page, site, course):
    lesson_id, quiz = course.quiz_lesson()
    page.goto(site.url(f"lessons/{lesson_id}/"))
    section = ready(page, quiz.id)

    answers = quiz.wrong_answers()
    choose(page, quiz.id, answers)
    section.locator("[data-cg-action=check]").click()

    expect_knowledge_checked(page, quiz, answers)  # states, status, chosen feedback, explanations
    result = section.locator("[data-cg-result]")
    expect(result).to_have_attribute("data-cg-passed", "false")
    expect(result).to_be_focused()

    section.locator("[data-cg-action=retry]").click()
    expect_knowledge_cleared(page, quiz)
    entry = saved(page, quiz.id)
    assert entry is None or (not entry["c"][0] and not any("a" in e for e in entry["q"].values())), (
        f"`Try again` left the old answers saved: {entry}"
    )

    # The cleared quiz works again: right answers now pass.
    right = quiz.right_answers()
    choose(page, quiz.id, right)
    section.locator("[data-cg-action=check]").click()
    expect_knowledge_checked(page, quiz, right)


def test_reload_keeps_answers_and_result(page, site, course):
    lesson_id, quiz = course.quiz_lesson()
    page.goto(site.url(f"lessons/{lesson_id}/"))
    section = ready(page, quiz.id)
    version = payload(page, quiz.id)["version"]

    # Chosen but not checked yet: the choices survive a reload, no result appears.
    answers = quiz.wrong_answers()
    choose(page, quiz.id, answers)
    page.reload()
    section = ready(page, quiz.id)
    assert checked_inputs(page, quiz.id) == answers, "chosen answers were lost on reload"
    expect(section.locator("[data-cg-result]")).to_be_hidden()

    section.locator("[data-cg-action=check]").click()
    expect_knowledge_checked(page, quiz, answers)
    shown = section.locator("[data-cg-result]").text_content()

    entry = saved(page, quiz.id)
    assert entry is not None, f"nothing saved under {STORAGE_PREFIX}{quiz.id}"
    assert {"v", "q", "c", "b"} <= set(entry), f"saved entry lacks fields: {entry}"
    assert entry["v"] == 2 and entry["c"][0] is True and entry["b"]["s"] == version, entry
    fingerprints = {q["id"]: q["fp"] for q in payload(page, quiz.id)["questions"]}
    kept = {qid: e["a"] for qid, e in entry["q"].items() if "a" in e}
    assert kept == answers, f"saved answers {kept} ≠ chosen {answers}"
    assert all(entry["q"][qid]["f"] == fingerprints[qid] for qid in kept), entry

    page.reload()
    section = ready(page, quiz.id)
    assert checked_inputs(page, quiz.id) == answers, "checked answers were lost on reload"
    expect_knowledge_checked(page, quiz, answers)
    expect(section.locator("[data-cg-result]")).to_have_text(shown)


def test_stale_saved_answers_are_dropped_with_a_notice(page, site, course):
    """Answers of the format before fingerprints, saved for other content, cannot be trusted: dropped, and said so."""
    lesson_id, quiz = course.quiz_lesson()
    page.goto(site.url(f"lessons/{lesson_id}/"))
    ready(page, quiz.id)
    stale = {"version": "stale-0000", "answers": quiz.right_answers(), "checked": True, "savedAt": 1}
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, JSON.stringify(value))", ["coursegen:v1:" + quiz.id, stale]
    )
    # Another quiz's answers, of the current version, must outlive this quiz's stale ones.
    other_key = STORAGE_PREFIX + "another-quiz"
    page.evaluate("(k) => localStorage.setItem(k, '{\"version\":\"current\",\"answers\":{}}')", other_key)

    page.reload()
    section = ready(page, quiz.id)
    expect(section.locator("input:checked")).to_have_count(0)
    expect(section.locator("[data-cg-result]")).to_be_hidden()
    notice = section.locator("[data-cg-notice]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("changed since your last visit")
    assert page.evaluate("(k) => localStorage.getItem(k)", other_key) == '{"version":"current","answers":{}}'
    entry = saved(page, quiz.id)
    assert not any("a" in e for e in entry["q"].values()), f"stale answers were kept: {entry}"
    assert page.evaluate("(k) => localStorage.getItem(k)", "coursegen:v1:" + quiz.id) is None, "the old entry is still there"
    expect(section.locator(".cg-changed")).to_have_count(len(quiz.right_answers()))


def test_works_without_storage_and_says_so(make_context, site, course):
    lesson_id, quiz = course.quiz_lesson()
    context = make_context()
    # As in private modes that refuse writes: every setItem throws.
    context.add_init_script(
        "Storage.prototype.setItem = function () {"
        " throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };"
    )
    page = context.new_page()
    page.goto(site.url(f"lessons/{lesson_id}/"))
    section = ready(page, quiz.id)

    answers = quiz.right_answers()
    choose(page, quiz.id, answers)
    section.locator("[data-cg-action=check]").click()
    expect_knowledge_checked(page, quiz, answers)
    notice = quiz_section(page, quiz.id).locator("[data-cg-notice]")
    expect(notice).to_be_visible()
    expect(notice).to_have_text(NON_EMPTY)
