"""Keyboard only: reach the knowledge check with Tab, answer with Space and arrows, check with Enter."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_visible_focus, input_id, quiz_section, ready, share_link, take_diagnostic

pytestmark = pytest.mark.browser

MAX_TABS = 400


def active_id(page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.id : ''")


def tab_to(page, wanted: str, limit: int) -> None:
    """Press Tab until the element with id `wanted` has focus."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        current = active_id(page)
        if current == wanted:
            return
        seen.append(current or page.evaluate("document.activeElement?.outerHTML.slice(0, 80)"))
    raise AssertionError(f"{limit} presses of Tab did not reach #{wanted}; focus went through {seen[-12:]}")


def test_keyboard_only_from_first_question_to_result(page, site, course):
    lesson_id, quiz = course.quiz_lesson()
    page.goto(site.url(f"lessons/{lesson_id}/"))
    section = ready(page, quiz.id)
    answers = quiz.right_answers()

    # From the top of the page, as a keyboard user arrives.
    first = quiz.questions[0]
    tab_to(page, input_id(quiz.id, first.id, first.options[0]), MAX_TABS)

    for number, q in enumerate(quiz.questions):
        if number:
            tab_to(page, input_id(quiz.id, q.id, q.options[0]), 10)
        wanted = answers[q.id]
        if q.multiple:
            for index, option in enumerate(q.options):
                if index:
                    tab_to(page, input_id(quiz.id, q.id, option), 3)
                assert_visible_focus(page.locator(f"#{input_id(quiz.id, q.id, option)}"))
                if option in wanted:
                    page.keyboard.press("Space")
        else:
            # Focus enters an unticked radio group on its first option: Space ticks it, arrows move the tick.
            assert_visible_focus(page.locator(f"#{input_id(quiz.id, q.id, q.options[0])}"))
            page.keyboard.press("Space")
            for _ in range(q.options.index(wanted[0])):
                page.keyboard.press("ArrowDown")
            target = page.locator(f"#{input_id(quiz.id, q.id, wanted[0])}")
            expect(target).to_be_focused()
            assert_visible_focus(target)
        picked = section.locator(f'fieldset[data-cg-question="{q.id}"] input:checked')
        assert sorted(picked.evaluate_all("(ns) => ns.map((n) => n.value)")) == sorted(wanted)

    check = section.locator("[data-cg-action=check]")
    check.evaluate("(el) => { if (!el.id) el.id = 'cg-test-check'; }")
    tab_to(page, check.get_attribute("id"), 10)
    assert_visible_focus(check)
    page.keyboard.press("Enter")

    result = quiz_section(page, quiz.id).locator("[data-cg-result]")
    expect(result).to_be_visible()
    expect(result).to_have_attribute("data-cg-passed", "true")
    expect(result).to_be_focused()
    assert_visible_focus(result)


def focus_by_tab(page, locator, limit: int = MAX_TABS) -> None:
    """Tab until ``locator`` has focus (giving it an id first if it has none)."""
    locator.evaluate("(el) => { if (!el.id) el.id = 'cg-test-target'; }")
    tab_to(page, locator.get_attribute("id"), limit)
    assert_visible_focus(locator)


def test_keyboard_only_team_view_and_my_results(page, site, course):
    diagnostic, learner, _ = take_diagnostic(page, site, course)
    link = share_link(page)

    # Team view: Tab into the links field, type, Tab to the button, Enter.
    page.goto(site.url("team/"))
    tool = page.locator(".cg-team.cg-js")
    focus_by_tab(page, tool.locator("textarea"))
    page.keyboard.insert_text(link)
    focus_by_tab(page, tool.get_by_role("button", name="Show the summary"), 10)
    page.keyboard.press("Enter")
    expect(tool.locator("[data-cg-notice]")).to_contain_text("1 result read.")
    expect(tool.locator("table").first).to_contain_text(diagnostic.outcome_title(learner.expected))

    # My results: reach the reset button and confirm it with the keyboard.
    page.goto(site.url("my-results/"))
    tool = page.locator(".cg-results.cg-js")
    expect(tool.locator(f'[data-cg-outcome="{learner.expected}"]')).to_be_visible()
    focus_by_tab(page, tool.get_by_role("button", name="Reset everything"))
    page.once("dialog", lambda dialog: dialog.accept())
    page.keyboard.press("Enter")
    expect(tool.locator("[data-cg-notice]")).to_be_visible()
    expect(tool.locator(f'[data-cg-outcome="{learner.expected}"]')).to_have_count(0)
