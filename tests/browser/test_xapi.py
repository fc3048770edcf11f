"""xAPI to a real learning record store: the tea course sends its statements to Ralph.

The course is built with the ``xapi`` option pointing at Ralph on 127.0.0.1 (its write-only
user, the password through ``!ENV``); the test reads the statements back through the LRS's
own API as a reader and checks them against the xAPI rules.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser import lrs as ralph
from tests.browser.conftest import GUARDS, Site, _built_and_served
from tests.browser.support import ROOT, choose, nav_link, ready

QUEUE = "coursegen:xapi:/course/queue"
ACTOR = "coursegen:xapi:/course/actor"
VERBS = "http://adlnet.gov/expapi/verbs/"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
RIGHT = {"green": ["a"], "fresh": ["a", "b"]}
WRONG = {"green": ["b"], "fresh": ["c"]}


def xapi_project(tmp: Path, endpoint: str) -> Path:
    """The tea course with the ``xapi`` option (the password from the environment, as an author should)."""
    project = tmp / "mini"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - course\n", (
        "  - course:\n"
        "      xapi:\n"
        f"        endpoint: {endpoint}\n"
        f"        username: {ralph.WRITER[0]}\n"
        "        password: !ENV COURSE_LRS_PASSWORD\n"
    )))
    return config


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, ralph.LRS]]:
    """The xAPI tea course served at 127.0.0.1/course/ and Ralph, which accepts its origin."""
    port = ralph.free_port()
    config = xapi_project(tmp_path_factory.mktemp("xapi"), f"http://127.0.0.1:{port}/xAPI/")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("COURSE_LRS_PASSWORD", ralph.WRITER[1])
        with _built_and_served(config, tmp_path_factory.mktemp("site-xapi"), "the xAPI tea course") as site, \
                ralph.running(tmp_path_factory.mktemp("ralph"), [site.origin], port) as store:
            yield site, store


def sent(page: Page, timeout: float = 15) -> None:
    """Wait until this browser's queue is empty (every statement acknowledged by the store)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.evaluate(f"JSON.parse(localStorage.getItem({QUEUE!r}) || '[]').length") == 0:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"statements still queued: {page.evaluate(f'localStorage.getItem({QUEUE!r})')}")


def mine(store: ralph.LRS, page: Page) -> list[dict[str, Any]]:
    """The statements of this browser's learner, read back from the LRS."""
    me = page.evaluate(f"localStorage.getItem({ACTOR!r})")
    return [s for s in store.statements() if s["actor"].get("account", {}).get("name") == me]


def check_answers(page: Page, site: Site, answers: dict[str, list[str]]) -> None:
    page.goto(site.url("lessons/water/"))
    section = ready(page, "check-water")
    choose(page, "check-water", answers)
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).not_to_be_empty()


def check_rules(statement: dict[str, Any], site: Site, started: datetime) -> None:
    """What xAPI 1.0.3 asks of a statement, and what the course promises about its ids."""
    assert UUID.match(statement["id"]), statement["id"]
    actor = statement["actor"]
    assert actor["objectType"] == "Agent" and set(actor) <= {"objectType", "account", "name"}
    assert actor["account"]["homePage"] == site.base and UUID.match(actor["account"]["name"])
    assert statement["verb"]["id"].startswith(VERBS) and statement["verb"]["display"]["en-US"]
    obj = statement["object"]
    assert obj["objectType"] == "Activity" and obj["id"].startswith(site.base), obj["id"]
    assert obj["definition"]["type"].startswith("http://adlnet.gov/expapi/activities/")
    stamp = datetime.fromisoformat(statement["timestamp"].replace("Z", "+00:00"))
    assert started.timestamp() - 1 <= stamp.timestamp() <= time.time() + 1
    assert statement["context"]["contextActivities"]["grouping"][0]["id"] == site.base
    assert statement["authority"]  # stored by the LRS as the course's (write-only) user


def test_a_learner_journey_arrives_in_the_record_store(world, make_context, axe, report) -> None:
    site, store = world
    started = datetime.now(UTC)
    page = make_context().new_page()
    page.goto(site.url())
    notice = page.locator("aside.cg-xapi")
    expect(notice).to_contain_text("127.0.0.1")
    axe(page, "the home page with the learning-record notice")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert f"connect-src 'self' http://127.0.0.1:{store.port}" in policy
    notice.get_by_role("button", name="OK").click()
    expect(page.locator(".cg-xapi-toggle")).to_be_focused()
    check_answers(page, site, RIGHT)
    page.evaluate("window.cgSamePage = true")
    nav_link(page, "steeping").click()  # instant navigation: the page is swapped, not loaded
    expect(page).to_have_url(site.url("lessons/steeping/"))
    assert page.evaluate("window.cgSamePage === true")
    expect(page.locator("article .cg-xapi-toggle")).to_have_count(1)  # the notice follows, closed
    page.locator("[data-cg-read]").click()
    page.goto(site.url("quiz/"))
    section = ready(page, "which-tea")
    choose(page, "which-tea", {"taste": "light", "milk": "no"})
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).not_to_be_empty()
    sent(page)

    statements = mine(store, page)
    for statement in statements:
        check_rules(statement, site, started)
    verbs = Counter(s["verb"]["id"].removeprefix(VERBS) for s in statements)
    assert verbs == {"experienced": 2, "answered": 2, "passed": 1, "completed": 1, "responded": 1}, verbs
    assert len({s["id"] for s in statements}) == len(statements)
    by_verb = {s["verb"]["id"].removeprefix(VERBS): s for s in statements}
    passed = by_verb["passed"]
    assert passed["object"]["id"] == site.base + "quizzes/check-water"
    assert passed["result"]["success"] is True
    assert passed["result"]["score"] == {"scaled": 1.0, "raw": 2, "min": 0, "max": 2} or passed["result"]["score"]["scaled"] == 1
    answered = sorted((s for s in statements if s["verb"]["id"].endswith("/answered")), key=lambda s: s["object"]["id"])
    assert [s["object"]["id"] for s in answered] == [site.base + "quizzes/check-water/questions/fresh",
                                                      site.base + "quizzes/check-water/questions/green"]
    assert [s["result"]["success"] for s in answered] == [True, True]
    assert answered[0]["context"]["contextActivities"]["parent"][0]["id"] == site.base + "quizzes/check-water"
    assert {s["object"]["id"] for s in statements if s["verb"]["id"].endswith("/experienced")} == {
        site.base + "lessons/water", site.base + "lessons/steeping"}
    responded = by_verb["responded"]["result"]
    assert responded["response"] == "green"
    assert responded["extensions"][site.base + "xapi/extensions/outcome-title"] == "Green tea"
    assert by_verb["completed"]["object"]["id"] == site.base and by_verb["completed"]["result"]["completion"] is True
    # A finished course says so once, however many pages follow.
    page.goto(site.url("lessons/water/"))
    sent(page)
    assert Counter(s["verb"]["id"] for s in mine(store, page))[VERBS + "completed"] == 1
    report(f"xAPI: {len(statements)} statements for one learner journey (2 lessons, 1 check, 1 diagnostic)")


def test_a_store_that_is_down_gets_every_statement_later_once(world, make_context, request) -> None:
    site, store = world
    context = make_context()
    page = context.new_page()
    page.goto(site.url())
    store.stop()
    try:
        check_answers(page, site, WRONG)
        page.wait_for_timeout(500)
        queued = json.loads(page.evaluate(f"localStorage.getItem({QUEUE!r})"))
        assert [s["verb"]["id"].removeprefix(VERBS) for s in queued] == ["experienced", "answered", "answered", "failed"]
    finally:
        store.start()
    # The store took the first send but its answer was lost: the retry must not make a duplicate.
    lost = {"n": 0}

    def lose_answer(route: Any) -> None:
        if lost["n"] == 0:
            lost["n"] += 1
            route.fetch()  # reaches Ralph, which stores the statements
            route.abort("connectionreset")
        else:
            route.continue_()

    context.route(f"{store.endpoint}statements*", lose_answer)
    page.goto(site.url("lessons/steeping/"))  # the next page sends what waited
    expect(page.locator("aside.cg-xapi")).to_have_count(1)  # xapi.js has had the page's visit
    sent(page, timeout=30)
    statements = mine(store, page)
    assert lost["n"] == 1
    assert len({s["id"] for s in statements}) == len(statements) == 5, [s["verb"]["id"] for s in statements]
    failed = next(s for s in statements if s["verb"]["id"] == VERBS + "failed")
    assert failed["result"]["success"] is False and failed["result"]["score"]["raw"] == 0
    assert {s["id"] for s in queued} <= {s["id"] for s in statements}
    # Chromium logs each failed request to the console; these two were the point of the test.
    expected = re.compile(r"Failed to load resource: net::ERR_CONNECTION_(REFUSED|RESET)$")
    for guard in request.node.stash[GUARDS]:
        guard.problems[:] = [p for p in guard.problems if not expected.search(p)]


def test_turned_off_nothing_is_sent_and_a_given_name_is(world, make_context, axe) -> None:
    site, store = world
    page = make_context(color_scheme="dark").new_page()
    requests: list[str] = []
    page.on("request", lambda r: r.url.startswith(store.endpoint) and requests.append(r.url))
    page.goto(site.url("lessons/steeping/"))
    notice = page.locator("aside.cg-xapi")
    name = notice.get_by_label("Your name")
    name.fill("Ada Lovelace")
    name.press("Enter")
    expect(notice.get_by_role("status")).to_have_text("Name saved.")
    axe(page, "the notice in the dark palette")
    page.goto(site.url("lessons/water/"))
    expect(page.locator("aside.cg-xapi")).to_have_count(1)
    sent(page)
    named = mine(store, page)
    by_lesson = {s["object"]["id"].rsplit("/", 1)[1]: s["actor"].get("name") for s in named}
    assert by_lesson == {"steeping": None, "water": "Ada Lovelace"}  # the first went before the name
    # Turned off by keyboard: nothing more leaves the browser.
    flip = page.locator("[data-cg-xapi-flip]")
    flip.focus()
    page.keyboard.press("Enter")
    expect(page.locator("aside.cg-xapi")).to_have_attribute("data-cg-xapi", "off")
    expect(page.locator("[data-cg-xapi-flip]")).to_be_focused()
    before = len(requests)
    check_answers(page, site, RIGHT)
    page.goto(site.url("lessons/steeping/"))
    page.wait_for_timeout(1500)
    assert len(requests) == before
    assert len(mine(store, page)) == len(named)
    assert page.evaluate(f"localStorage.getItem({QUEUE!r})") is None
    # The next pages say so, and offer to turn it on again.
    expect(page.locator("aside.cg-xapi")).to_contain_text("Turned off: this browser sends nothing.")
    expect(page.locator("[data-cg-xapi-flip]")).to_have_text("Turn on")


def test_statement_ids_are_uuids_of_version_4() -> None:
    assert UUID.match(str(uuid.uuid4()))  # the pattern itself can pass (and check_rules can fail)
    assert not UUID.match("not-a-uuid")
