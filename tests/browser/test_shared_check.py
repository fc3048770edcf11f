"""Two lessons that name one knowledge check: each page shows it once, and they share its answers.

The build allows it (tests/python/test_publishing.py). In the browser the check's saved
answers belong to the quiz, not to the page: passing it on one lesson's page completes
that lesson, and opening the other lesson shows the passed check and completes it too.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Site, _built_and_served, _mini_course
from tests.browser.support import choose, nav_link, ready

pytestmark = pytest.mark.browser

RIGHT = {"green": ["a"], "fresh": ["a", "b"]}


@pytest.fixture(scope="module")
def site_shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    config = _mini_course(tmp_path_factory, None)
    lesson = config.parent / "content/lessons/steeping.yml"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "quiz: check-water\n", encoding="utf-8")
    with _built_and_served(config, tmp_path_factory.mktemp("site-shared"), "the mini course with a shared check") as served:
        yield served


def test_passing_a_shared_check_completes_each_lesson_where_it_is_seen(page, site_shared):
    page.goto(site_shared.url("lessons/water/"))
    section = ready(page, "check-water")
    choose(page, "check-water", RIGHT)
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")
    expect(nav_link(page, "water").locator(".cg-tick")).to_have_count(1)
    expect(nav_link(page, "steeping").locator(".cg-tick")).to_have_count(0)

    page.goto(site_shared.url("lessons/steeping/"))
    section = ready(page, "check-water")
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")
    expect(nav_link(page, "steeping").locator(".cg-tick")).to_have_count(1)
    assert page.locator("section.cg-quiz").count() == 1
