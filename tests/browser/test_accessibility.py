"""axe-core finds no violation on the course's pages, in every quiz state, in light and dark."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import DIAGNOSTIC_PAGE, choose, pass_check, ready, share_link, take_diagnostic, team_tool

pytestmark = pytest.mark.browser

SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme → Material's data-md-color-scheme


def expect_scheme(page, scheme: str) -> None:
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)


@pytest.mark.parametrize("media", list(SCHEMES))
def test_axe_home(make_context, site, axe, media):
    page = make_context(color_scheme=media).new_page()
    page.goto(site.url(""))
    expect_scheme(page, SCHEMES[media])
    axe(page, f"the home page ({media})")


@pytest.mark.parametrize("media", list(SCHEMES))
def test_axe_lesson_unanswered_answered_checked(make_context, site, course, axe, media):
    lesson_id, quiz = course.quiz_lesson()
    page = make_context(color_scheme=media).new_page()
    page.goto(site.url(f"lessons/{lesson_id}/"))
    section = ready(page, quiz.id)
    expect_scheme(page, SCHEMES[media])
    axe(page, f"a lesson, unanswered ({media})")

    answers = quiz.wrong_answers()
    choose(page, quiz.id, answers)
    axe(page, f"a lesson, answered, not checked ({media})")

    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_be_visible()
    expect(section.locator(".cg-feedback:visible").first).to_be_visible()
    axe(page, f"a lesson with its result, feedback and explanations shown ({media})")


@pytest.mark.parametrize("media", list(SCHEMES))
def test_axe_self_assessment_with_result(make_context, site, course, axe, media):
    diagnostic = course.diagnostic()
    page = make_context(color_scheme=media).new_page()
    page.goto(site.url(DIAGNOSTIC_PAGE))
    section = ready(page, diagnostic.id)
    expect_scheme(page, SCHEMES[media])
    axe(page, f"the self-assessment, unanswered ({media})")
    # The learner whose result carries notes, if any does: the fullest result.
    learner = max(diagnostic.two_learners(), key=lambda s: len(s.caveats))
    choose(page, diagnostic.id, learner.answers)
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-outcome", learner.expected)
    section.locator("details").evaluate_all("(ds) => ds.forEach((d) => { d.open = true; })")  # all results too
    axe(page, f"the self-assessment with its result shown ({media})")


def test_dark_mode_toggle(page, site, course, axe):
    lesson_id, quiz = course.quiz_lesson()
    page.goto(site.url(f"lessons/{lesson_id}/"))
    expect_scheme(page, "default")
    page.locator('label[title="Switch to dark mode"]:visible').click()
    expect_scheme(page, "slate")

    # The choice is kept (Material stores it), and the quiz is readable in it.
    page.reload()
    expect_scheme(page, "slate")
    section = ready(page, quiz.id)
    choose(page, quiz.id, quiz.wrong_answers())
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_be_visible()
    axe(page, "a lesson with its result, after switching to dark mode")


@pytest.mark.parametrize("media", list(SCHEMES))
def test_axe_journey_pages_with_data(make_context, site, course, axe, media):
    """Home with progress, My results, a shared result and the team view, each filled in."""
    page = make_context(color_scheme=media).new_page()
    pass_check(page, site, course)
    take_diagnostic(page, site, course)
    link = share_link(page)

    page.goto(site.url(""))
    expect(page.locator(".cg-progress progress")).to_have_attribute("value", "1")
    expect_scheme(page, SCHEMES[media])
    axe(page, f"the home page with progress ({media})")
    page.goto(site.url("my-results/"))
    expect(page.locator(".cg-results.cg-js table")).to_be_visible()
    axe(page, f"My results with a score and a recommendation ({media})")

    other = make_context(color_scheme=media).new_page()
    other.goto(link)
    expect(other.locator(".cg-shared .cg-result")).to_be_visible()
    axe(other, f"a shared result ({media})")
    other.goto(site.url("team/"))
    tool = team_tool(other)
    tool.locator("textarea").fill(link)
    tool.locator("input[type=file]").set_input_files([{"name": "empty.json", "mimeType": "application/json", "buffer": b"{}"}])
    expect(tool.locator(".cg-drop-files")).to_contain_text("1 file chosen: empty.json")
    tool.get_by_role("button", name="Show the summary").click()
    expect(tool.locator("table").first).to_be_visible()
    axe(other, f"the team view with a summary and a chosen file ({media})")
