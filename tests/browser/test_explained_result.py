"""The self-assessment explains its result: cases of the library taken in the browser, close calls,
exclusions with the answers behind them, what would change the result, caveats on any outcome and
the lessons the answers point to; axe and keyboard on the fullest result."""

from __future__ import annotations

import pytest
from coursegen.scoring import score_diagnostic
from coursegen.what_if import what_would_change
from playwright.sync_api import expect

from tests.browser.support import DIAGNOSTIC_PAGE, choose, payload, ready

pytestmark = pytest.mark.browser


def words(text: str) -> str:
    return " ".join(text.split())


def take(page, site, diagnostic, answers):
    page.goto(site.url(DIAGNOSTIC_PAGE))
    section = ready(page, diagnostic.id)
    choose(page, diagnostic.id, answers)
    section.locator("[data-cg-action=check]").click()
    result = section.locator("[data-cg-result]")
    expect(result).to_be_visible()
    return section, result


def expect_explained(page, diagnostic, answers, result) -> dict:
    """Everything the result must say, worked out by the build-time twins of the runtime."""
    data = payload(page, diagnostic.id)
    score = score_diagnostic(data, answers)
    questions = {q["id"]: q for q in data["questions"]}
    text = lambda q, o: next(x["text"] for x in questions[q]["options"] if x["id"] == o)
    title = {o["id"]: o["title"] for o in data["outcomes"]}
    expect(result).to_have_attribute("data-cg-outcome", score["outcome"])

    # Close call: said in words, with the runner-up's first steps.
    close = result.locator(".cg-close")
    if score["close"]:
        expect(close).to_be_visible()
        expect(close).to_contain_text(title[score["runnerUp"]])
        expect(close).to_contain_text(f"{score['scores'][score['outcome']]} points")
        expect(close.locator("ol li")).to_have_count(2)
    else:
        expect(close).to_have_count(0)

    # Every ruled-out option, with the answers that ruled it out and the rule's reason.
    excluded = result.locator(".cg-excluded > li")
    expect(excluded).to_have_count(len(score["exclusions"]))
    rules = {rule["id"]: rule for rule in data["rules"]}
    for n, exclusion in enumerate(score["exclusions"]):
        item = excluded.nth(n)
        expect(item.locator("strong")).to_have_text(title[exclusion["outcome"]])
        for firing in exclusion["rules"]:
            if rules[firing["rule"]]["because"]:
                expect(item).to_contain_text(words(rules[firing["rule"]]["because"]))
            for answer in firing["answers"]:
                expect(item).to_contain_text(f"“{text(answer['question'], answer['option'])}”")

    # What would change: every other outcome, with the changes what_if.py finds.
    changes = what_would_change(data, answers)
    items = result.locator(".cg-what-if > li")
    expect(items).to_have_count(len(changes))
    for n, change in enumerate(changes):
        item = items.nth(n)
        expect(item.locator("strong")).to_have_text(title[change["outcome"]])
        if change["answers"] is None:
            expect(item).to_contain_text("no change of up to three answers")
        for move in change["answers"] or []:
            expect(item).to_contain_text(f"“{text(move['question'], move['option'])}” instead of “{text(move['question'], answers[move['question']])}”")

    # Read next: the outcome's lessons, then those the answers point to.
    links = result.locator(".cg-outcome .cg-lesson-links a")
    expect(links).to_have_count(len(score["lessons"]))
    notes = sorted(result.locator("aside.cg-note[data-cg-note]").evaluate_all("(ns) => ns.map((n) => n.dataset.cgNote)"))
    assert notes == sorted(score["notes"])
    return score


def test_a_sample_of_the_case_library_in_the_browser(make_context, site, course, report):
    diagnostic = course.diagnostic()
    cases = diagnostic.scenarios()
    chosen = {}
    for case in cases:  # the first case of each outcome, and the library's first close call
        chosen.setdefault(case.expected, case)
    page = make_context().new_page()
    data = None
    for case in cases:
        if data is None:
            page.goto(site.url(DIAGNOSTIC_PAGE))
            ready(page, diagnostic.id)
            data = payload(page, diagnostic.id)
        if score_diagnostic(data, case.answers)["close"]:
            chosen["close call"] = case
            break
    assert "close call" in chosen, "the case library should hold a close call"
    for case in chosen.values():
        _, result = take(page, site, diagnostic, case.answers)
        expect_explained(page, diagnostic, case.answers, result)
        expect(result).to_be_focused()
    report(f"self-assessment in the browser: {len(chosen)} cases of {len(cases)} taken, each result explained")


def test_the_skill_gap_caveat_shows_whatever_the_result(make_context, site, course):
    diagnostic = course.diagnostic()
    outclassed = [c for c in diagnostic.scenarios() if c.answers.get("skill") == "outclass"]
    outcomes = {c.expected for c in outclassed}
    assert len(outcomes) >= 3, f"outclassed learners of the case library reach only {outcomes}"
    page = make_context().new_page()
    for expected in sorted(outcomes):
        case = next(c for c in outclassed if c.expected == expected)
        _, result = take(page, site, diagnostic, case.answers)
        expect(result.locator('aside.cg-note[data-cg-note="skill-gap"]')).to_be_visible()


def test_answers_point_to_their_lessons(page, site, course):
    """Knowing the other side well points to the lesson on interests and value, whatever the outcome."""
    diagnostic = course.diagnostic()
    case = next(c for c in diagnostic.scenarios() if c.answers.get("information") == "a-lot" and c.expected == "strengthen")
    _, result = take(page, site, diagnostic, case.answers)
    expect(result.locator(".cg-outcome .cg-lesson-links")).to_contain_text("Understand their interests and create value")


@pytest.mark.parametrize("media", ["light", "dark"])
def test_axe_and_keyboard_on_a_close_call(make_context, site, course, axe, media):
    diagnostic = course.diagnostic()
    page = make_context(color_scheme=media).new_page()
    page.goto(site.url(DIAGNOSTIC_PAGE))
    ready(page, diagnostic.id)
    data = payload(page, diagnostic.id)
    case = next(c for c in diagnostic.scenarios() if score_diagnostic(data, c.answers)["close"])
    section = ready(page, diagnostic.id)
    choose(page, diagnostic.id, case.answers)
    section.locator("[data-cg-action=check]").focus()
    page.keyboard.press("Enter")
    result = section.locator("[data-cg-result]")
    expect(result).to_be_focused()
    expect(result.locator(".cg-close")).to_be_visible()
    expect(result.locator(".cg-what-if")).to_be_visible()
    axe(page, f"a close-call result with what would change it ({media})")
    # Keyboard: from the result, Tab reaches the lessons to read next, in order.
    page.keyboard.press("Tab")
    first = result.locator(".cg-outcome .cg-lesson-links a").first
    expect(first).to_be_focused()
