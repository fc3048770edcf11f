"""The learner's journey: progress and resume, My results, reset, print, download, share links, the team view, German."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.support import (
    DIAGNOSTIC_PAGE,
    RESULTS_PAGE,
    STORAGE_PREFIX,
    TEAM_PAGE,
    choose,
    nav_link,
    pass_check,
    ready,
    share_link,
    take_diagnostic,
    team_tool,
)

pytestmark = pytest.mark.browser


def test_progress_marks_after_completing_a_lesson(page, site, course):
    lesson_id, _ = pass_check(page, site, course)
    # At once on this page, after instant navigation, and after a reload.
    expect(nav_link(page, lesson_id).locator(".cg-tick")).to_have_count(1)
    expect(nav_link(page, lesson_id)).to_contain_text("completed")
    other = next(lid for lid, _ in course.lessons if lid != lesson_id)
    nav_link(page, other).click()
    page.wait_for_url(re.compile(f"{other}/"))
    expect(nav_link(page, lesson_id).locator(".cg-tick")).to_have_count(1)
    expect(nav_link(page, other).locator(".cg-tick")).to_have_count(0)
    page.reload()
    expect(nav_link(page, lesson_id).locator(".cg-tick")).to_have_count(1)
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1


def test_lesson_without_check_is_completed_by_marking_it_read(page, site_mini):
    # The tea course's "steeping" lesson has no knowledge check (every lesson of ours has one).
    page.goto(site_mini.url("lessons/steeping/"))
    expect(nav_link(page, "steeping").locator(".cg-tick")).to_have_count(0)
    page.locator("[data-cg-read]").click()
    expect(page.locator("[data-cg-read-done]")).to_be_visible()
    expect(nav_link(page, "steeping").locator(".cg-tick")).to_have_count(1)
    page.reload()
    expect(nav_link(page, "steeping").locator(".cg-tick")).to_have_count(1)
    page.goto(site_mini.url(""))
    expect(page.locator(".cg-progress progress")).to_have_attribute("value", "1")


def test_resume_link_on_the_home_page(page, site, course):
    page.goto(site.url(""))
    progress = page.locator(".cg-progress")
    expect(progress.locator("progress")).to_have_attribute("value", "0")
    first = course.lessons[0][0]
    expect(progress.locator("[data-cg-continue]")).to_have_attribute("data-cg-continue", first)
    _lesson_id, _ = pass_check(page, site, course, 0)
    second = course.lessons[1][0]
    page.goto(site.url(f"lessons/{second}/"))  # opened, not finished
    page.goto(site.url(""))
    expect(progress.locator("progress")).to_have_attribute("value", "1")
    expect(progress).to_contain_text(f"1 of {len(course.lessons)} lessons completed")
    link = progress.locator("[data-cg-continue]")
    expect(link).to_have_attribute("data-cg-continue", second)
    link.click()
    page.wait_for_url(re.compile(f"lessons/{second}/"))


def test_my_results_lists_scores_and_the_diagnostic(page, site, course, axe):
    _lesson_id, _quiz = pass_check(page, site, course)
    diagnostic, learner, _ = take_diagnostic(page, site, course)
    page.goto(site.url(RESULTS_PAGE))
    tool = page.locator(".cg-results.cg-js")
    row = tool.locator("tbody tr").first
    expect(row).to_contain_text("Completed")
    expect(row).to_contain_text("100%")
    expect(tool.locator("tbody tr").nth(1)).to_contain_text("Not taken")
    expect(tool.locator(f'[data-cg-outcome="{learner.expected}"]')).to_contain_text(diagnostic.outcome_title(learner.expected))
    expect(tool).to_contain_text("Taken on")
    axe(page, "My results (light)")


def test_reset_clears_everything_after_confirmation(page, site, course):
    lesson_id, _ = pass_check(page, site, course)
    page.goto(site.url(RESULTS_PAGE))
    tool = page.locator(".cg-results.cg-js")
    # Declined: nothing changes.
    page.once("dialog", lambda dialog: dialog.dismiss())
    tool.get_by_role("button", name="Reset everything").click()
    expect(tool.locator("tbody tr").first).to_contain_text("Completed")
    page.once("dialog", lambda dialog: dialog.accept())
    tool.get_by_role("button", name="Reset everything").click()
    expect(tool.locator("[data-cg-notice]")).to_be_visible()
    expect(tool.locator("tbody tr").first).to_contain_text("Not started")
    keys = page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('coursegen:'))")
    assert keys == [], keys
    expect(nav_link(page, lesson_id).locator(".cg-tick")).to_have_count(0)


def test_print_hides_the_chrome_and_a_result_fits_one_page(page, site, course):
    take_diagnostic(page, site, course)
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", "[data-cg-action=check]", ".cg-diagnostic form"):
        expect(page.locator(selector).first).to_be_hidden()
    expect(page.locator(".cg-diagnostic [data-cg-result]")).to_be_visible()
    for size in ("A4", "Letter"):
        pdf = page.pdf(format=size)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages == 1, f"the printed result takes {pages} {size} pages"
    page.emulate_media(media="print")
    page.goto(site.url(RESULTS_PAGE))
    expect(page.locator(".cg-results.cg-js table")).to_be_visible()
    expect(page.locator(".cg-results button").first).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()


def download_results(page, site) -> dict:
    page.goto(site.url(RESULTS_PAGE))
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my results (JSON)").click()
    return json.loads(Path(info.value.path()).read_text(encoding="utf-8"))


def team_read(page, site, links: list[str] = (), files: list[tuple[str, str]] = ()):
    page.goto(site.url(TEAM_PAGE))
    tool = team_tool(page)
    expect(tool).to_have_count(1)
    tool.locator("textarea").fill("\n".join(links))
    tool.locator("input[type=file]").set_input_files(
        [{"name": name, "mimeType": "application/json", "buffer": text.encode()} for name, text in files]
    )
    tool.get_by_role("button", name="Show the summary").click()
    expect(tool.locator("[data-cg-notice]")).to_be_visible()
    return tool


def test_json_download_and_its_validation_on_re_import(page, site, course):
    lesson_id, quiz = pass_check(page, site, course)
    diagnostic, learner, _ = take_diagnostic(page, site, course)
    data = download_results(page, site)
    assert data["format"] == "coursegen-results" and data["version"] == 1
    assert data["checks"][quiz.id]["best"] == 100 and data["checks"][quiz.id]["passed"] is True
    assert data["lessons"][lesson_id]["completed"]
    assert data["diagnostics"][diagnostic.id]["outcome"] == learner.expected
    good = json.dumps(data)
    future = json.dumps({**data, "version": 2})
    foreign = json.dumps({**data, "checks": {"someone-elses-quiz": data["checks"][quiz.id]}})
    polluted = good.replace('"lessons": {', '"lessons": {"__proto__": {"visited": "2025-01-01"}, ', 1)
    tampered = json.dumps({**data, "checks": {quiz.id: {**data["checks"][quiz.id], "best": 1000}}})
    tool = team_read(page, site, files=[("good.json", good), ("future.json", future), ("foreign.json", foreign),
                                        ("polluted.json", polluted), ("tampered.json", tampered),
                                        ("truncated.json", good[: len(good) // 2]), ("big.json", " " * 300_000)])
    notice, report = tool.locator("[data-cg-notice]"), tool.locator("[data-cg-report]")
    expect(notice).to_contain_text("1 result read.")
    expect(notice).to_contain_text("6 entries could not be read")
    for name in ("future.json", "foreign.json", "polluted.json", "tampered.json", "truncated.json", "big.json"):
        expect(report).to_contain_text(f"Ignored: {name}")
    assert page.evaluate("({}).visited") is None


def test_share_link_round_trip(make_context, site, course, axe):
    me = make_context().new_page()
    diagnostic, learner, _ = take_diagnostic(me, site, course)
    link = share_link(me)
    fragment = link.split("#", 1)[1]
    assert re.fullmatch(r"r=1\.[0-9a-f]{12}\.[0-9a-z-]+", fragment), fragment

    # Someone else, whose own answers differ and must survive.
    other = make_context().new_page()
    second = diagnostic.two_learners()[1]
    other.goto(site.url(DIAGNOSTIC_PAGE))
    section = ready(other, diagnostic.id)
    choose(other, diagnostic.id, second.answers)
    section.locator("[data-cg-action=check]").click()
    own_before = other.evaluate("(k) => localStorage.getItem(k)", STORAGE_PREFIX + diagnostic.id)
    other.goto(link)
    shared = other.locator(".cg-shared")
    expect(shared).to_be_visible()
    expect(shared.locator(".cg-result")).to_have_attribute("data-cg-outcome", learner.expected)
    expect(section.locator("form")).to_be_hidden()
    axe(other, "a shared result (light)")
    assert other.evaluate("(k) => localStorage.getItem(k)", STORAGE_PREFIX + diagnostic.id) == own_before
    shared.get_by_role("button", name="Take the self-assessment yourself").click()
    expect(shared).to_have_count(0)
    expect(section.locator("form")).to_be_visible()
    assert "#" not in other.url
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-outcome", second.expected)


@pytest.mark.parametrize("fragment", [
    "r=1.000000000000.0000000000",  # another version of the quiz
    "r=2.{version}.{answers}",  # a future format
    "r=1.{version}.{short}",  # truncated
    "r=1.{version}.{bad}",  # an option that does not exist
    "r=1.{version}.<img src=x onerror=alert(1)>",
    "r=1.{version}." + "0" * 5000,  # oversized
])
def test_tampered_share_links_are_ignored_with_a_notice(page, site, course, fragment):
    diagnostic, learner, _ = take_diagnostic(page, site, course)
    link = share_link(page)
    version, answers = link.split("#r=1.", 1)[1].split(".")
    own = page.evaluate("(k) => localStorage.getItem(k)", STORAGE_PREFIX + diagnostic.id)
    page.goto(site.url(DIAGNOSTIC_PAGE) + "#" + fragment.format(version=version, answers=answers, short=answers[:-1], bad="z" * len(answers)))
    section = ready(page, diagnostic.id)
    expect(section.locator(".cg-notice[role=alert]")).to_be_visible()
    expect(page.locator(".cg-shared")).to_have_count(0)
    expect(section.locator("form")).to_be_visible()
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-outcome", learner.expected)
    assert page.evaluate("(k) => localStorage.getItem(k)", STORAGE_PREFIX + diagnostic.id) == own
    assert page.locator("img[src=x]").count() == 0


def test_team_view_with_three_results(make_context, site, course, axe):
    diagnostic = course.diagnostic()
    learners = diagnostic.two_learners()
    links, files = [], []
    for index, learner in enumerate([learners[0], learners[1], learners[0]]):
        page = make_context().new_page()
        page.goto(site.url(DIAGNOSTIC_PAGE))
        section = ready(page, diagnostic.id)
        choose(page, diagnostic.id, learner.answers)
        section.locator("[data-cg-action=check]").click()
        if index < 2:
            links.append(share_link(page))
        else:
            pass_check(page, site, course)
            files.append(("third.json", json.dumps(download_results(page, site))))
    page = make_context().new_page()
    tool = team_read(page, site, links=links, files=files)
    expect(tool.locator("[data-cg-notice]")).to_contain_text("3 results read.")
    table = tool.locator("table").first
    first_title = diagnostic.outcome_title(learners[0].expected)
    expect(table.locator("tr", has_text=first_title)).to_contain_text("2")
    expect(table.locator("tr", has_text=diagnostic.outcome_title(learners[1].expected))).to_contain_text("1")
    expect(tool.locator(".cg-chart li")).to_have_count(len(diagnostic.data["outcomes"]))
    scores = tool.locator("table").nth(1)
    expect(scores.locator("tbody tr").first).to_contain_text("100%")
    axe(page, "the team view with a summary (light)")
    with page.expect_download() as info:
        tool.get_by_role("button", name="Download the summary (CSV)").click()
    csv = Path(info.value.path()).read_text(encoding="utf-8")
    assert csv.startswith("section,id,title,people,taken,passed,average")
    assert f",{learners[0].expected}," in csv


def test_german_interface(page, site_de):
    page.goto(site_de.url("lessons/water/"))
    section = ready(page, "check-water")
    expect(section.locator("[data-cg-action=check]")).to_have_text("Antworten prüfen")
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-notice]")).to_have_text("Beantworten Sie zuerst mindestens eine Frage.")
    section.locator("fieldset input").first.check()
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_contain_text("Ihr Ergebnis")
    expect(section.locator("[data-cg-status]").first).to_have_text(re.compile("Richtig|Falsch|Teilweise richtig"))
    page.goto(site_de.url("my-results/"))
    expect(page.locator("h1")).to_have_text("Meine Ergebnisse")
    expect(page.locator(".cg-results.cg-js")).to_contain_text("Lektionen abgeschlossen")
    page.goto(site_de.url(""))
    expect(page.locator(".cg-progress")).to_contain_text("von 2 Lektionen abgeschlossen")


def test_a_share_link_opened_on_the_page_already_open(page, site, course):
    """Only the fragment changes (no reload, no instant navigation): the shared result still shows."""
    diagnostic = course.diagnostic()
    first, second = diagnostic.two_learners()
    page.goto(site.url(DIAGNOSTIC_PAGE))
    section = ready(page, diagnostic.id)
    choose(page, diagnostic.id, first.answers)
    section.locator("[data-cg-action=check]").click()
    choose(page, diagnostic.id, second.answers)
    section.locator("[data-cg-action=check]").click()
    link = share_link(page)  # the second learner's link
    choose(page, diagnostic.id, first.answers)
    section.locator("[data-cg-action=check]").click()
    page.evaluate("window.__same_document = true")
    page.evaluate("(hash) => { location.hash = hash; }", link.split("#", 1)[1])
    expect(page.locator(".cg-shared .cg-result")).to_have_attribute("data-cg-outcome", second.expected)
    expect(page.locator(".cg-shared")).to_have_count(1)
    page.evaluate("() => { location.hash = 'r=1.nonsense'; }")
    expect(section.locator(".cg-bad-link")).to_have_count(1)
    expect(page.locator(".cg-shared")).to_have_count(0)
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-outcome", first.expected)
    assert page.evaluate("window.__same_document") is True


def test_copy_link_puts_the_share_link_on_the_clipboard(make_context, site, course):
    context = make_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    take_diagnostic(page, site, course)
    link = share_link(page)
    page.locator(".cg-share").get_by_role("button", name="Copy link").click()
    expect(page.locator(".cg-share .cg-copied")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == link


def test_my_results_without_javascript_says_where_results_are(make_context, site):
    page = make_context(java_script_enabled=False).new_page()
    page.goto(site.url(RESULTS_PAGE))
    note = page.locator(".cg-results p.cg-nojs")
    expect(note).to_have_text(re.compile(r"^Your results are kept in this browser and shown here when JavaScript is on\."))
    assert page.locator(".cg-results button, .cg-results table").count() == 0
