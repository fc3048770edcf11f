"""The self-assessment: two learners with different situations get different, explained results."""

from __future__ import annotations

import pytest
from coursegen.scoring import score_diagnostic
from playwright.sync_api import expect

from tests.browser.support import DIAGNOSTIC_PAGE, checked_inputs, choose, payload, ready

pytestmark = pytest.mark.browser


def take(page, diagnostic, scenario):
    """Answer as the scenario's learner, press `Show my result`; return the result locator."""
    section = ready(page, diagnostic.id)
    choose(page, diagnostic.id, scenario.answers)
    section.locator("[data-cg-action=check]").click()
    return section.locator("[data-cg-result]")


def expect_result(page, diagnostic, scenario):
    """The result shown for a scenario: outcome, title, reasons, runner-up, notes, chart, focus."""
    result = page.locator(f'section.cg-quiz[data-cg-quiz="{diagnostic.id}"] [data-cg-result]')
    expect(result).to_be_visible()
    expect(result).to_have_attribute("data-cg-outcome", scenario.expected)
    expect(result).to_contain_text(diagnostic.outcome_title(scenario.expected))

    # The build-time twin of the runtime's scoring says what else the result must explain.
    score = score_diagnostic(payload(page, diagnostic.id), scenario.answers)
    assert score["outcome"] == scenario.expected, (
        f"scenario {scenario.id}: scoring.py gives {score['outcome']}, scenarios.yml expects {scenario.expected}"
    )
    questions = {q["id"]: q for q in diagnostic.data["questions"]}
    for reason in score["reasons"]:
        option = next(o for o in diagnostic.answers_of(questions[reason["question"]]) if o["id"] == reason["option"])
        if option.get("reason"):
            expect(result).to_contain_text(" ".join(str(option["reason"]).split()))
    if score["reasons"]:
        expect(result.locator("ul li, ol li").first).to_be_visible()
    if score["runnerUp"]:
        expect(result.locator(".cg-runner-up")).to_contain_text(diagnostic.outcome_title(score["runnerUp"]))
    chart = result.locator(".cg-chart")
    expect(chart).to_be_visible()
    expect(chart.locator("li")).to_have_count(len(diagnostic.data["outcomes"]))

    notes = sorted(
        result.locator("aside.cg-note[data-cg-note]").evaluate_all("(ns) => ns.map((n) => n.dataset.cgNote)")
    )
    assert notes == sorted(score["notes"]), f"scenario {scenario.id}: notes shown {notes}, expected {score['notes']}"
    missing = set(scenario.caveats) - set(notes)
    assert not missing, f"scenario {scenario.id}: caveats {sorted(missing)} of scenarios.yml not shown (shown: {notes})"
    for note in notes:
        expect(result.locator(f'aside.cg-note[data-cg-note="{note}"]')).to_be_visible()
    expect(result).to_be_focused()


def test_two_learners_get_their_own_outcomes(make_context, site, course):
    diagnostic = course.diagnostic()
    first, second = diagnostic.two_learners()
    assert first.expected != second.expected

    for learner in (first, second):
        page = make_context().new_page()
        page.goto(site.url(DIAGNOSTIC_PAGE))
        take(page, diagnostic, learner)
        expect_result(page, diagnostic, learner)

    # The second learner starts again and answers as the first: the result follows the answers.
    section = page.locator(f'section.cg-quiz[data-cg-quiz="{diagnostic.id}"]')
    section.locator("[data-cg-action=retry]").click()
    expect(section.locator("input:checked")).to_have_count(0)
    expect(section.locator("[data-cg-result]")).to_be_hidden()
    take(page, diagnostic, first)
    expect_result(page, diagnostic, first)


def test_reload_keeps_the_diagnostic_result(page, site, course):
    diagnostic = course.diagnostic()
    learner = diagnostic.two_learners()[1]
    page.goto(site.url(DIAGNOSTIC_PAGE))
    result = take(page, diagnostic, learner)
    expect_result(page, diagnostic, learner)
    shown = result.text_content()

    page.reload()
    section = ready(page, diagnostic.id)
    assert checked_inputs(page, diagnostic.id) == {q: [o] for q, o in learner.answers.items()}
    result = section.locator("[data-cg-result]")
    expect(result).to_be_visible()
    expect(result).to_have_attribute("data-cg-outcome", learner.expected)
    assert result.text_content() == shown
