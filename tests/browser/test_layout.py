"""On a 360 px wide phone the quizzes fit the screen: nothing scrolls sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.support import (
    DIAGNOSTIC_PAGE,
    RESULTS_PAGE,
    TEAM_PAGE,
    choose,
    pass_check,
    quiz_section,
    ready,
    share_link,
    take_diagnostic,
)

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


PHONE_390 = {"width": 390, "height": 844}


def assert_page_fits(page, state: str) -> None:
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE_390["width"], f"{state}: the page is {width}px wide on a {PHONE_390['width']}px screen"


def assert_columns_line_up(table, state: str) -> None:
    """Each header starts where its column's cells start, and no two cells of a row touch."""
    columns = table.evaluate("""(t) => [...t.rows].map((r) => [...r.cells].map((c) => {
        const box = c.getBoundingClientRect(), style = getComputedStyle(c);
        return [box.left, box.right, parseFloat(style.paddingInlineStart), style.textAlign];
    }))""")
    head, *rows = columns
    for row in rows:
        assert [round(c[0]) for c in row] == [round(c[0]) for c in head], f"{state}: a header is not over its column"
        assert all(c[2] >= 8 for c in row), f"{state}: cells without padding run together: {row}"
    assert [c[3] for c in head] == [c[3] for c in rows[0]], f"{state}: headers aligned unlike their cells"


def test_tools_read_on_a_phone(make_context, site, course):
    """My results, the team view and the home page's next step at 390 px: tables in Material's
    look with their columns apart, wide ones scrolling under a first column that stays."""
    page = make_context(viewport=PHONE_390, is_mobile=True, has_touch=True).new_page()
    pass_check(page, site, course)
    take_diagnostic(page, site, course)
    link = share_link(page)

    page.goto(site.url(""))
    card = page.locator(".cg-progress")
    button, title = card.locator("[data-cg-continue]"), card.locator(".cg-next-title")
    expect(title).to_be_visible()
    b, t, c = button.bounding_box(), title.bounding_box(), card.bounding_box()
    assert b and t and c and t["y"] >= b["y"] + b["height"], f"the next lesson's title is not under its button: {b} {t}"
    assert c["x"] <= b["x"] and b["x"] + b["width"] <= c["x"] + c["width"], "the button sticks out of its card"
    expect(button).to_have_accessible_description(title.inner_text())
    assert_page_fits(page, "home")

    page.goto(site.url(RESULTS_PAGE))
    table = page.locator(".cg-results.cg-js .md-typeset__scrollwrap .md-typeset__table > table:not([class])")
    expect(table).to_be_visible()
    assert table.evaluate("(t) => getComputedStyle(t).borderTopStyle") == "solid", "not Material's table look"
    assert_columns_line_up(table, "My results")
    expect(table.locator("tbody tr").nth(1).locator("td")).to_have_text(["Not started", "Not taken"])
    assert_page_fits(page, "My results")

    page.goto(site.url(TEAM_PAGE))
    tool = page.locator(".cg-team.cg-js")
    tool.locator("textarea").fill(link)
    tool.get_by_role("button", name="Show the summary").click()
    wide = tool.locator("table").last
    expect(wide).to_be_visible()
    assert_page_fits(page, "the team view")
    for table in tool.locator("table").all():
        assert_columns_line_up(table, "the team view")
    wrap = wide.locator("xpath=../..")
    first = wide.locator("tbody tr").first.locator("th")
    first.scroll_into_view_if_needed()
    before = first.bounding_box()
    scrolled = wrap.evaluate("(w) => { w.scrollLeft = w.scrollWidth; return w.scrollLeft; }")
    assert scrolled > 0, "the widest table does not scroll on a phone"
    after = first.bounding_box()
    # It stays at the screen's edge (the scrolling box reaches it, as Material's does) ...
    assert before and after and 0 <= after["x"] <= before["x"] and after["x"] + after["width"] > 0.25 * PHONE_390["width"], (
        f"the first column scrolled away: {before} → {after}")
    # ... and hides the cells that pass under it.
    on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y)?.closest('th, td')?.tagName", [after["x"] + after["width"] - 4, after["y"] + 10])
    assert on_top == "TH", f"a cell shows through the first column ({on_top})"
