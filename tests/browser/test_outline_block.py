"""The home page's outline block (`<!-- course: outline -->`): every lesson linked, progress marks, axe, no JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import nav_link, pass_check

pytestmark = pytest.mark.browser

SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme → Material's data-md-color-scheme


def _block_link(page, lesson_id: str):
    return page.locator(f'.cg-outline [data-cg-outline-lesson="{lesson_id}"] > a')


def test_the_block_links_every_lesson_to_its_page(page, site, course):
    page.goto(site.url(""))
    items = page.locator(".cg-outline [data-cg-outline-lesson]")
    expect(items).to_have_count(len(course.lessons))
    assert items.evaluate_all("(els) => els.map((el) => el.dataset.cgOutlineLesson)") == [lid for lid, _ in course.lessons]
    for lesson_id, _ in course.lessons:
        # Resolved by the browser: relative links that work under the sub-path.
        assert _block_link(page, lesson_id).evaluate("(a) => a.href") == site.url(f"lessons/{lesson_id}/")
    # The titles are the sidebar's.
    for lesson_id, _ in course.lessons:
        expect(_block_link(page, lesson_id)).to_have_text(nav_link(page, lesson_id).inner_text().strip())
    # And a link leads there (by instant navigation).
    last = course.lessons[-1][0]
    title = _block_link(page, last).inner_text()
    _block_link(page, last).click()
    # (Material's navigation.tracking may still write the home page's section into the new
    # address as it leaves: "…/lessons/x/#how-the-course-is-organised". Its race, not a link's.)
    page.wait_for_url(re.compile(f"lessons/{last}/(#[^/]*)?$"))
    expect(page.locator("h1")).to_have_text(re.compile(f"^{re.escape(title)}"))  # and its permalink


def test_a_completed_lesson_is_marked_in_the_block(page, site, course):
    lesson_id, _ = pass_check(page, site, course)
    other = next(lid for lid, _ in course.lessons if lid != lesson_id)
    # Reached by instant navigation, then loaded afresh.
    page.locator(".md-header__button.md-logo").click()
    # (navigation.tracking may carry the lesson's last section into the new address.)
    page.wait_for_url(re.compile(re.escape(site.url("")) + "(#[^/]*)?$"))
    for _ in range(2):
        expect(_block_link(page, lesson_id).locator(".cg-tick")).to_have_count(1)
        expect(_block_link(page, lesson_id)).to_contain_text("completed")  # in words, for screen readers
        expect(_block_link(page, other).locator(".cg-tick")).to_have_count(0)
        page.reload()


@pytest.mark.parametrize("media", list(SCHEMES))
def test_axe_on_the_block_with_a_mark(make_context, site, course, axe, media):
    page = make_context(color_scheme=media).new_page()
    lesson_id, _ = pass_check(page, site, course)
    page.goto(site.url(""))
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[media])
    expect(_block_link(page, lesson_id).locator(".cg-tick")).to_have_count(1)
    # Module titles are headings under the section's, numbered as the lesson pages number them.
    expect(page.locator(".cg-outline > .cg-module > h3").first).to_have_text(re.compile(r"^Module 1: "))
    tags = page.locator(".cg-outline > .cg-module").evaluate_all("(all) => all.map((m) => m.tagName)")
    assert tags and set(tags) == {"SECTION"}
    assert page.locator(".cg-outline ol").first.evaluate("(ol) => getComputedStyle(ol).listStyleType") == "decimal"
    axe(page, f"the home page's outline block with a completed lesson ({media})")


def test_without_javascript_the_block_is_a_plain_list(make_context, site, course):
    page = make_context(java_script_enabled=False).new_page()
    page.goto(site.url(""))
    block = page.locator(".cg-outline")
    expect(block.locator("[data-cg-outline-lesson] > a")).to_have_count(len(course.lessons))
    expect(block.locator("button, input, select, .cg-tick")).to_have_count(0)
    expect(page.locator(".cg-facts")).to_have_text(re.compile(rf"^{len(course.lessons)} lessons in \d+ modules, "))
