"""The site's Content-Security-Policy: everything works under it, and nothing is refused.

Every page carries the policy as a ``<meta>`` tag. Each test opens the built course in a
context that reports every ``securitypolicyviolation`` event of every document to Python,
drives one kind of page through what a learner does there, and fails on any violation
(the guard fails it too on the console error Chromium logs for each refusal). One test
runs with a ``localStorage`` that throws, as when a browser refuses storage.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.support import DIAGNOSTIC_PAGE, choose, quiz_section, ready, share_link, take_diagnostic

pytestmark = pytest.mark.browser

LISTEN = """
document.addEventListener('securitypolicyviolation', (event) => {
    window.__cgCspReport({
        page: location.href, directive: event.effectiveDirective, blocked: event.blockedURI,
        sample: event.sample, source: event.sourceFile, line: event.lineNumber,
    });
}, true);
"""

STORAGE_REFUSED = """
Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
});
"""

_cases: list[str] = []


class Violations:
    """Every violation any document of one context reports."""

    def __init__(self, context: BrowserContext) -> None:
        self.seen: list[dict[str, Any]] = []
        context.expose_function("__cgCspReport", lambda seen: self.seen.append(seen))
        context.add_init_script(LISTEN)

    def none(self, case: str) -> None:
        _cases.append(case)
        assert not self.seen, f"{case}: the Content-Security-Policy refused:\n  " + "\n  ".join(map(str, self.seen))


@pytest.fixture
def watched(make_context: Callable[..., BrowserContext]) -> Callable[..., tuple[Page, Violations]]:
    def open_(*, storage_refused: bool = False) -> tuple[Page, Violations]:
        context = make_context()
        violations = Violations(context)
        if storage_refused:
            context.add_init_script(STORAGE_REFUSED)
        return context.new_page(), violations

    return open_


def policy_of(page: Page) -> str:
    meta = page.locator('meta[http-equiv="Content-Security-Policy"]')
    expect(meta).to_have_count(1)
    return meta.get_attribute("content") or ""


def follow_nav_link(page: Page, site: Any, path: str) -> None:
    link = page.locator(f'.md-sidebar--primary a.md-nav__link[href$="{path}"]').first
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(lambda url: url.split("#", 1)[0] == site.url(path), wait_until="commit")


def test_the_policy_is_strict_and_the_same_on_every_page(watched, site, course):
    page, violations = watched()
    policies = set()
    for path in ("", f"lessons/{course.lessons[0][0]}/", DIAGNOSTIC_PAGE, "my-results/", "team/", "404.html"):
        page.goto(site.url(path))
        policies.add(policy_of(page))
    [policy] = policies
    script_src = re.search(r"script-src ([^;]+)", policy)
    assert script_src and "'unsafe-inline'" not in script_src[1] and "'self'" in script_src[1]
    for directive in ("object-src 'none'", "base-uri 'self'", "form-action 'self'", "default-src 'self'"):
        assert directive in policy
    violations.none("home, lesson, self-assessment, My results, team view and the 404 page, loaded")


def test_home_page(watched, site):
    page, violations = watched()
    page.goto(site.url(""))
    expect(page.locator(".cg-progress progress")).to_be_visible()
    violations.none("home page")


def test_lesson_and_its_knowledge_check(watched, site, course):
    lesson_id, quiz = course.quiz_lesson()
    page, violations = watched()
    page.goto(site.url(f"lessons/{lesson_id}/"))
    section = ready(page, quiz.id)
    choose(page, quiz.id, quiz.right_answers())
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")
    section.locator("[data-cg-action=retry]").click()
    violations.none("lesson page, knowledge check taken and cleared")


def test_self_assessment_and_share_link(watched, site, course):
    page, violations = watched()
    take_diagnostic(page, site, course)
    link = share_link(page)
    page.goto(link)
    expect(page.locator(".cg-shared")).to_be_visible()
    violations.none("self-assessment taken, its share link opened")


def test_my_results_and_team_view(watched, site, course):
    page, violations = watched()
    take_diagnostic(page, site, course)
    link = share_link(page)
    page.goto(site.url("my-results/"))
    expect(page.locator(".cg-results.cg-js table")).to_be_visible()
    with page.expect_download():
        page.get_by_role("button", name="Download my results (JSON)").click()
    violations.none("My results, results downloaded")
    page.goto(site.url("team/"))
    tool = page.locator(".cg-team.cg-js")
    tool.locator("textarea").fill(link)
    tool.get_by_role("button", name="Show the summary").click()
    expect(tool.locator("[data-cg-notice]")).to_be_visible()
    violations.none("team view, a summary shown")


def test_instant_navigation_search_and_palette(watched, site, course):
    lesson_id, quiz = course.quiz_lesson()
    page, violations = watched()
    page.goto(site.url(""))
    page.evaluate("window.__cgMarker = 'same document'")

    follow_nav_link(page, site, f"lessons/{lesson_id}/")
    assert page.evaluate("window.__cgMarker") == "same document", "the page was fully reloaded, not swapped"
    section = ready(page, quiz.id)
    choose(page, quiz.id, quiz.right_answers())
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")
    follow_nav_link(page, site, DIAGNOSTIC_PAGE)
    ready(page, course.diagnostic().id)
    assert page.evaluate("window.__cgMarker") == "same document"
    violations.none("pages reached by instant navigation, their quizzes taken")

    page.locator("input.md-search__input").click()
    page.keyboard.type("power")  # Material searches on key events, not on fill()
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("Escape")
    violations.none("search used")

    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("label.md-header__button[for^=__palette]:visible").first.click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme or "")
    page.reload()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme or "")
    violations.none("palette toggled, kept after a reload")


def test_refused_storage_throws_nothing(watched, site, course):
    """Material's own storage helpers no longer throw on every page when storage is refused
    (the guard fails the test on any uncaught error); the quizzes still work."""
    lesson_id, quiz = course.quiz_lesson()
    page, violations = watched(storage_refused=True)
    page.goto(site.url(""))
    assert page.evaluate("(() => { try { localStorage; return false } catch { return true } })()")
    follow_nav_link(page, site, f"lessons/{lesson_id}/")
    section = ready(page, quiz.id)
    choose(page, quiz.id, quiz.right_answers())
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")
    page.locator("label.md-header__button[for^=__palette]:visible").first.click()
    page.goto(site.url(DIAGNOSTIC_PAGE))
    ready(page, course.diagnostic().id)
    expect(quiz_section(page, course.diagnostic().id)).to_be_visible()
    violations.none("storage refused: home, lesson by instant navigation, palette, self-assessment")


def test_every_page_state_was_checked(report):
    """Last in the file (pytest-xdist keeps a file on one worker, in order): the count, for the summary."""
    assert _cases, "no page state was checked for the policy"
    report(f"Content-Security-Policy: {len(_cases)} page states checked, no violation")
