"""The real course on the other hosts (ProperDocs with MaterialX; Zensical through `course render`):
a knowledge check scored, answers kept across a reload and instant navigation, the
self-assessment's result, no console error (the guard), axe on a lesson page, light and dark."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Site, serving
from tests.browser.support import (
    ROOT,
    checked_inputs,
    choose,
    expect_knowledge_checked,
    pass_check,
    ready,
    take_diagnostic,
    team_tool,
)
from tests.browser.test_csp import Violations, policy_of
from tests.hosts import build_properdocs, build_zensical, copy_course

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def site_properdocs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real course built by ProperDocs with MaterialX, served under /course/."""
    project = copy_course(ROOT, tmp_path_factory.mktemp("properdocs") / "course")
    root = tmp_path_factory.mktemp("site-properdocs")
    with serving(root, "the course on ProperDocs", lambda base: build_properdocs(project, root, base)) as site:
        yield site


@pytest.fixture(scope="session")
def site_zensical(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real course rendered by `course render` and built by Zensical, served under /course/."""
    project = copy_course(ROOT, tmp_path_factory.mktemp("zensical") / "course")
    # Zensical writes into the project's site/, which must exist to be served from.
    (project / "site").mkdir()
    with serving(project / "site", "the course on Zensical", lambda base: build_zensical(project, base)) as site:
        yield site


@pytest.mark.parametrize("host", ["site_properdocs", "site_zensical"])
def test_course_works_on_host(host, request, page, make_context, course, axe):
    site: Site = request.getfixturevalue(host)
    lesson_id, quiz = course.quiz_lesson()
    lesson = f"lessons/{lesson_id}/"
    page.goto(site.url(lesson))
    section = ready(page, quiz.id)
    axe(page, f"a lesson page on {host}")

    answers = quiz.right_answers()
    choose(page, quiz.id, answers)
    section.locator("[data-cg-action=check]").click()
    expect_knowledge_checked(page, quiz, answers)
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")

    page.reload()
    ready(page, quiz.id)
    assert checked_inputs(page, quiz.id) == answers, "answers were lost on reload"
    expect_knowledge_checked(page, quiz, answers)

    # Instant navigation (both themes have it): away and back without a new document.
    page.evaluate("window.__cgMarker = 'same document'")
    other = course.other_page_than(lesson_id)
    for path in (other, lesson):
        link = page.locator(f'.md-sidebar--primary a.md-nav__link[href$="{path}"]').first
        link.click()
        page.wait_for_url(lambda url, path=path: url.split("#", 1)[0] == site.url(path), wait_until="commit")
    assert page.evaluate("window.__cgMarker") == "same document", "the page was reloaded, not swapped in"
    ready(page, quiz.id)
    assert checked_inputs(page, quiz.id) == answers, "answers were lost on instant navigation"
    expect_knowledge_checked(page, quiz, answers)

    _, learner, section = take_diagnostic(page, site, course)
    result = section.locator("[data-cg-result]")
    expect(result).to_be_visible()
    expect(result).to_have_attribute("data-cg-outcome", learner.expected)

    # The dark palette, for a learner whose system asks for it (the theme remembers a choice, so a new visitor).
    dark = make_context(color_scheme="dark").new_page()
    dark.goto(site.url(lesson))
    ready(dark, quiz.id)
    expect(dark.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    axe(dark, f"a lesson page on {host}, dark")


@pytest.fixture(scope="session")
def site_plain_theme(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The mini course on MkDocs' own theme: no Material, so no `document$` and no instant navigation."""
    from tests.browser.conftest import _built_and_served, _mini_course

    config = _mini_course(tmp_path_factory, None)
    text = config.read_text()
    # highlightjs off: MkDocs' theme fetches highlight.js from a CDN otherwise (the policy would block it).
    config.write_text(text.replace("  name: material\n", "  name: mkdocs\n  highlightjs: false\n").replace("  font: false\n", "")
                      .replace("  features: [navigation.instant]\n", ""))
    with _built_and_served(config, tmp_path_factory.mktemp("site-plain-theme"), "the mini course on MkDocs' theme") as site:
        yield site


def test_the_runtime_falls_back_where_the_theme_has_no_document_observable(page, site_plain_theme):
    """course.js starts on DOMContentLoaded when there is no `document$`: a check scores, its
    answers come back after a reload, and the self-assessment shows a result (the guard fails
    the test on any console error or outside request)."""
    site = site_plain_theme
    page.goto(site.url("lessons/water/"))
    assert page.evaluate("typeof window.document$") == "undefined", "this theme was meant to lack document$"
    section = ready(page, "check-water")
    choose(page, "check-water", {"green": ["a"], "fresh": ["a", "b"]})
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")
    page.reload()
    section = ready(page, "check-water")
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")
    page.goto(site.url("quiz/"))
    section = ready(page, "which-tea")
    choose(page, "which-tea", {"taste": ["light"], "milk": ["no"]})
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_be_visible()
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-outcome", "green")


@pytest.mark.parametrize("host", ["site_properdocs", "site_zensical"])
def test_tool_pages_on_host_under_the_policy(host, request, make_context, course, axe):
    """The home page's progress box, My results listing a check's score, the team view's form:
    axe on each, one strict policy on every page, and no violation of it (the guard fails the
    test on any console error too; Chromium logs each refusal as one)."""
    site: Site = request.getfixturevalue(host)
    context = make_context()
    violations = Violations(context)
    page = context.new_page()
    page.goto(site.url(""))
    expect(page.locator(".cg-progress progress")).to_be_visible()
    axe(page, f"the home page on {host}")
    policies = {policy_of(page)}

    lesson_id, _ = pass_check(page, site, course)
    page.goto(site.url("my-results/"))
    results = page.locator(".cg-results.cg-js")
    row = results.locator("tbody tr").filter(has=page.locator(f'a[href$="lessons/{lesson_id}/"]'))
    expect(row).to_contain_text("100%")
    axe(page, f"My results with a check's score on {host}")
    policies.add(policy_of(page))

    page.goto(site.url("team/"))
    team_tool(page)
    axe(page, f"the team view on {host}")
    policies.add(policy_of(page))
    page.goto(site.url("404.html"))
    policies.add(policy_of(page))
    [policy] = policies
    script_src = re.search(r"script-src ([^;]+)", policy)
    assert script_src and "'unsafe-inline'" not in script_src[1], policy
    violations.none(f"home, a lesson's check, My results, the team view and the 404 page on {host}")


def test_the_zensical_policy_refuses_an_inline_script_it_does_not_know(chromium, site_zensical):
    """What the test above watches for does happen: a script the theme did not bring (added to a
    built page) is refused, and reported. Unguarded: the refusal's console error is the point."""
    lesson = next((site_zensical.root / "lessons").glob("*/index.html"))
    planted = site_zensical.root / "cg-planted/index.html"
    planted.parent.mkdir(exist_ok=True)
    html = lesson.read_text(encoding="utf-8")
    planted.write_text(html.replace("</body>", "<script>document.body.dataset.planted = 'ran'</script></body>"),
                       encoding="utf-8")
    context = chromium.new_context()
    try:
        violations = Violations(context)
        page = context.new_page()
        page.goto(site_zensical.url("cg-planted/"))
        expect(page.locator(".md-content")).to_be_visible()
        page.wait_for_function("() => document.readyState === 'complete'")
        assert page.evaluate("document.body.dataset.planted") is None, "the planted script ran"
        assert [seen["directive"] for seen in violations.seen] == ["script-src-elem"], violations.seen
    finally:
        context.close()
        planted.unlink()
