"""Material's instant navigation swaps the page body without a reload; the quizzes must survive it."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.support import (
    DIAGNOSTIC_PAGE,
    checked_inputs,
    choose,
    expect_knowledge_checked,
    quiz_section,
    ready,
)

pytestmark = pytest.mark.browser

COUNT_WRITES = """() => {
    if (window.__cgWrites) return;
    window.__cgWrites = [];
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
        if (String(key).startsWith('coursegen:')) window.__cgWrites.push(String(key));
        return original.call(this, key, value);
    };
}"""


class Listeners:
    """Event listeners attached to the document, the window and the quiz, read through the DevTools protocol."""

    def __init__(self, page) -> None:
        self.cdp = page.context.new_cdp_session(page)

    def on(self, expression: str) -> Counter[str]:
        handle = self.cdp.send("Runtime.evaluate", {"expression": expression})["result"]
        assert "objectId" in handle, f"{expression} is not an object"
        listeners = self.cdp.send("DOMDebugger.getEventListeners", {"objectId": handle["objectId"], "depth": 0})
        return Counter(entry["type"] for entry in listeners["listeners"])

    def snapshot(self, quiz_id: str) -> dict[str, Counter[str]]:
        section = f"document.querySelector('section.cg-quiz[data-cg-quiz=\"{quiz_id}\"]')"
        return {
            "window": self.on("window"),
            "document": self.on("document"),
            "section": self.on(section),
            "form": self.on(f"{section}.querySelector('form')"),
            "check button": self.on(f"{section}.querySelector('[data-cg-action=check]')"),
            "retry button": self.on(f"{section}.querySelector('[data-cg-action=retry]')"),
        }


def follow_nav_link(page, site, path: str) -> None:
    """Click the primary navigation's link to `path` and wait for the new page."""
    link = page.locator(f'.md-sidebar--primary a.md-nav__link[href$="{path}"]').first
    expect(link).to_be_visible()
    link.click()
    target = site.url(path)
    # navigation.tracking may add the heading in view as a #fragment.
    page.wait_for_url(lambda url: url.split("#", 1)[0] == target, wait_until="commit")


def test_quiz_survives_instant_navigation(page, site, course):
    lesson_id, quiz = course.quiz_lesson()
    lesson = f"lessons/{lesson_id}/"
    other = course.other_page_than(lesson_id)
    page.goto(site.url(lesson))
    section = ready(page, quiz.id)
    page.evaluate("window.__cgMarker = 'same document'")
    page.evaluate(COUNT_WRITES)
    listeners = Listeners(page)

    answers = quiz.wrong_answers()
    choose(page, quiz.id, answers)
    before = listeners.snapshot(quiz.id)
    writes = page.evaluate("window.__cgWrites.length")
    section.locator("[data-cg-action=check]").click()
    expect_knowledge_checked(page, quiz, answers)
    writes_per_check = page.evaluate("window.__cgWrites.length") - writes
    assert writes_per_check == 1, f"one check saved the answers {writes_per_check} times"
    first_result = section.locator("[data-cg-result]").inner_html()

    # Away through the navigation, and back the same way: no reload in between.
    follow_nav_link(page, site, other)
    if other == DIAGNOSTIC_PAGE:
        ready(page, course.diagnostic().id)
    follow_nav_link(page, site, lesson)
    assert page.evaluate("window.__cgMarker") == "same document", "the page was fully reloaded, not swapped"
    navigation = page.evaluate("performance.getEntriesByType('navigation').map((e) => e.name)")
    assert navigation == [site.url(lesson)], f"a new document was loaded: {navigation}"

    # The swapped-in quiz is live and restored from storage.
    section = ready(page, quiz.id)
    assert checked_inputs(page, quiz.id) == answers, "answers were lost on instant navigation"
    expect_knowledge_checked(page, quiz, answers)
    assert section.locator("[data-cg-result]").inner_html() == first_result

    # Handlers are set up once per page, not once per visit.
    after = listeners.snapshot(quiz.id)
    changed = {k: (dict(before[k]), dict(after[k])) for k in before if before[k] != after[k]}
    assert not changed, f"event listeners differ between the first visit and the return (before, after): {changed}"
    assert page.locator("section.cg-quiz[data-cg-quiz] [data-cg-result]:visible").count() == 1

    # A checked result stands until an answer changes: "Try again" takes the place of "Check answers".
    expect(section.locator("[data-cg-action=check]")).to_be_hidden()
    expect(section.locator("[data-cg-action=retry]")).to_be_visible()
    # An answer unticked and ticked again, then checked: one result, written once, as on the first visit.
    box = next(q for q in quiz.questions if q.multiple and answers.get(q.id))
    choose(page, quiz.id, {box.id: answers[box.id][:1]})
    expect(section.locator("[data-cg-action=check]")).to_be_visible()
    choose(page, quiz.id, {box.id: answers[box.id][:1]})
    writes = page.evaluate("window.__cgWrites.length")
    section.locator("[data-cg-action=check]").click()
    expect_knowledge_checked(page, quiz, answers)
    assert page.evaluate("window.__cgWrites.length") - writes == writes_per_check, "one check saved more than once"
    assert section.locator("[data-cg-result]").inner_html() == first_result
    expect(section.locator("[data-cg-result]")).to_be_focused()

    # And the quiz still responds to new answers.
    section.locator("[data-cg-action=retry]").click()
    right = quiz.right_answers()
    choose(page, quiz.id, right)
    section.locator("[data-cg-action=check]").click()
    expect_knowledge_checked(page, quiz, right)


def test_diagnostic_works_after_instant_navigation(page, site, course):
    lesson_id, _ = course.quiz_lesson()
    diagnostic = course.diagnostic()
    learner = diagnostic.two_learners()[0]
    page.goto(site.url(f"lessons/{lesson_id}/"))
    page.evaluate("window.__cgMarker = 'same document'")
    follow_nav_link(page, site, DIAGNOSTIC_PAGE)
    assert page.evaluate("window.__cgMarker") == "same document", "the page was fully reloaded, not swapped"

    section = ready(page, diagnostic.id)
    choose(page, diagnostic.id, learner.answers)
    section.locator("[data-cg-action=check]").click()
    result = quiz_section(page, diagnostic.id).locator("[data-cg-result]")
    expect(result).to_be_visible()
    expect(result).to_have_attribute("data-cg-outcome", learner.expected)
    expect(result).to_be_focused()


def test_a_tool_started_after_the_page_changed_still_finds_the_course_summary(page, site, course):
    """Instant navigation may show another page before a tool's module has loaded: the summary's
    address is the site root's, not the page's, so it is found from wherever the tool starts."""
    page.goto(site.url(""))
    source = page.locator(".cg-progress").get_attribute("data-cg-src")
    lesson_id, _ = course.lessons[1]
    page.goto(site.url(f"lessons/{lesson_id}/"))
    lessons = page.evaluate(
        """async ([module, source]) => {
            const { withSummary } = await import(module);
            const box = document.createElement('div');
            box.dataset.cgSrc = source;
            return await new Promise((done, fail) => {
                withSummary((_, data) => done(data.lessons.map((l) => l.url)))(box);
                setTimeout(() => fail(new Error('the summary never came')), 5000);
            });
        }""",
        [site.url("assets/coursegen/summary.js"), source],
    )
    assert len(lessons) == len(course.lessons)
    assert lessons[0] == urlsplit(site.url(f"lessons/{course.lessons[0][0]}/")).path
