"""The team view at scale: 2,000 entries, identical ones counted (unless the facilitator counts
them once), what could not be read listed with its reason, earlier versions shown apart."""

from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.support import TEAM_PAGE, team_tool

pytestmark = pytest.mark.browser

AT = "2025-03-01T10:00:00.000Z"


def course_data(page) -> dict[str, Any]:
    """The course data the team view itself reads (the build's own summary file, named from the
    site's root: the team page is one level below it)."""
    return page.locator(".cg-team").evaluate("async (box) => (await fetch(new URL(box.dataset.cgSrc, new URL('../', location)))).json()")


def link(diagnostic: dict[str, Any], rng: random.Random) -> str:
    codes = "".join("-" if rng.random() < 0.05 else "0123456789abcdefghijklmnopqrstuvwxyz"[rng.randrange(len(q["options"]))]
                    for q in diagnostic["questions"])
    return f"https://example.org/course/self-assessment/#r=1.{diagnostic['version']}.{codes}"


def results_file(course: dict[str, Any], rng: random.Random, *, diagnostic_version: str | None = None,
                 check_version: str | None = None) -> str:
    d, lesson = course["diagnostics"][0], course["lessons"][0]
    answers = {q["id"]: rng.choice(q["options"])["id"] for q in d["questions"]}
    return json.dumps({
        "format": "coursegen-results", "version": 1, "course": course["title"], "exported": AT,
        "lessons": {lesson["id"]: {"visited": AT, "completed": AT}},
        "checks": {lesson["quiz"]: {"quizVersion": check_version or lesson["version"], "best": rng.randrange(0, 101, 25),
                                    "passed": True, "date": AT}},
        "diagnostics": {d["id"]: {"quizVersion": diagnostic_version or d["version"], "answers": answers,
                                  "outcome": d["order"][0], "date": AT}},
    })


def people(table) -> int:
    return sum(int(n) for n in table.locator("tbody tr td:nth-child(2)").all_inner_texts())


def test_two_thousand_entries_duplicates_and_what_was_not_read(make_context, site, axe, report):
    page = make_context(bypass_csp=True, accept_downloads=True).new_page()  # bypass: axe-core's inline script
    page.goto(site.url(TEAM_PAGE))
    tool = team_tool(page)
    expect(tool).to_have_count(1)
    course = course_data(page)
    diagnostic = course["diagnostics"][0]
    rng = random.Random(20250301)

    # 1,000 links, 10 of them twice; 1,000 files, 20 of them twice: 2,000 entries, 30 identical pairs.
    links: list[str] = []
    while len(links) < 990:
        candidate = link(diagnostic, rng)
        if candidate not in links and "-" * len(diagnostic["questions"]) not in candidate:
            links.append(candidate)
    links += links[:10]
    files = [(f"learner-{n:04d}.json", results_file(course, rng)) for n in range(980)]
    files += [(f"copy-of-{name}", text) for name, text in files[:20]]
    # Not read, each for its own reason, and results of earlier versions, shown apart.
    earlier_check = results_file(course, rng, check_version="000000000000")
    earlier_diagnostic = results_file(course, rng, diagnostic_version="000000000000")
    files += [
        ("earlier-check.json", earlier_check),
        ("earlier-diagnostic.json", earlier_diagnostic),
        ("damaged.json", files[0][1][:100]),
        ("big.json", " " * 300_000),
        ("future.json", files[0][1].replace('"version": 1', '"version": 2', 1)),
        ("other-course.json", files[0][1].replace(f'"{diagnostic["id"]}"', '"someone-elses-diagnostic"')),
    ]
    old_link = f"https://example.org/course/self-assessment/#r=1.000000000000.{'0' * len(diagnostic['questions'])}"
    tool.locator("textarea").fill("\n".join([*links, old_link]))
    tool.locator("input[type=file]").set_input_files(
        [{"name": name, "mimeType": "application/json", "buffer": text.encode()} for name, text in files]
    )
    started = time.monotonic()
    tool.get_by_role("button", name="Show the summary").click()
    notice, report_box = tool.locator("[data-cg-notice]"), tool.locator("[data-cg-report]")
    expect(notice).to_contain_text("2,002 results read.", timeout=30_000)
    took = time.monotonic() - started
    expect(notice).to_contain_text("5 entries could not be read")
    expect(notice).to_contain_text("each one is counted")
    for reason in ("Ignored: damaged.json: damaged", "Ignored: big.json: larger than 200 KB",
                   "Ignored: future.json: a kind of results file this course does not know",
                   "Ignored: other-course.json: results of another course",
                   "Ignored: Link 1001: a link to another version of the self-assessment"):
        expect(report_box).to_contain_text(reason)

    # Every entry counts: 2,000 self-assessments (the earlier-version one apart).
    outcomes = tool.locator("table").first
    assert people(outcomes) == 2001, "the current-version self-assessments in the summary"
    earlier = tool.locator(".cg-earlier")
    expect(earlier).to_contain_text("Results from earlier versions")
    assert people(earlier.locator("table").first) == 1
    expect(earlier.locator("table").nth(1).locator("tbody tr")).to_have_count(1)  # the lesson with the earlier check
    expect(earlier.locator("table").nth(1)).to_contain_text("1")

    # The identical pairs are flagged; the facilitator may count each once, with the keyboard.
    groups = report_box.locator(".cg-dupes input[type=checkbox]")
    expect(groups).to_have_count(30)
    expect(report_box.locator(".cg-dupes")).to_contain_text("learner-0000.json, copy-of-learner-0000.json")
    groups.first.focus()
    page.keyboard.press("Space")
    expect(notice).to_contain_text("1 identical entry left out")
    expect(notice).to_contain_text("2,001 results read.")
    assert people(tool.locator("table").first) == 2000
    for box in groups.all()[1:]:
        box.check()
    expect(notice).to_contain_text("1,972 results read.")
    assert people(tool.locator("table").first) == 1971
    axe(page, "the team view with 2,000 entries, duplicates and unread files")

    with page.expect_download() as info:
        tool.get_by_role("button", name="Download the summary (CSV)").click()
    csv = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert csv[0] == "section,id,title,people,taken,passed,average,version"
    assert any(row.endswith(",earlier") and row.startswith("lesson,") for row in csv), csv[-5:]
    report(f"team view: 2,008 entries (2,002 read, 5 not read, 30 identical pairs) summed up in {took:.1f} s")


def test_two_people_with_the_same_answers_count_twice(page, site):
    page.goto(site.url(TEAM_PAGE))
    tool = team_tool(page)
    expect(tool).to_have_count(1)
    diagnostic = course_data(page)["diagnostics"][0]
    same = link(diagnostic, random.Random(7))
    tool.locator("textarea").fill(f"{same}\n{same}")
    tool.get_by_role("button", name="Show the summary").click()
    expect(tool.locator("[data-cg-notice]")).to_contain_text("2 results read.")
    assert people(tool.locator("table").first) == 2
    expect(tool.locator("[data-cg-report] label")).to_have_text(re.compile(r"Count these 2 identical entries once: Link 1, Link 2"))


def test_drop_zone_with_the_keyboard_and_by_dropping(make_context, site, axe):
    """The file picker opens from a button reached with Tab; picked and dropped files add up in a list."""
    page = make_context(bypass_csp=True).new_page()  # bypass: axe-core's inline script
    page.goto(site.url(TEAM_PAGE))
    tool = team_tool(page)
    expect(tool).to_have_count(1)
    zone, chosen = tool.locator(".cg-drop"), tool.locator(".cg-drop-files")
    expect(zone).to_have_accessible_name("Result files (.json)")
    expect(tool.locator("input[type=file]")).to_be_hidden()
    expect(zone.get_by_role("button", name="Clear the files")).to_be_hidden()
    # Playwright starts intercepting file pickers when a listener is added, asynchronously: added
    # only around the key press, a loaded machine lets the picker open before (no event, a timeout).
    page.on("filechooser", lambda _: None)
    tool.locator("textarea").focus()
    page.keyboard.press("Tab")
    pick = zone.get_by_role("button", name="Choose files")
    expect(pick).to_be_focused()
    # Focus shows: the focused button looks different from the same button unfocused.
    look = "(b) => ['outlineStyle', 'outlineColor', 'backgroundColor', 'color', 'boxShadow'].map((k) => getComputedStyle(b)[k]).join()"
    focused = pick.evaluate(look)
    pick.evaluate("(b) => b.blur()")
    assert pick.evaluate(look) != focused, "no visible focus on the Choose files button"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(pick).to_be_focused()
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    assert chooser.value.is_multiple()
    chooser.value.set_files([{"name": f"learner-{n}.json", "mimeType": "application/json", "buffer": b"{}"} for n in range(10)])
    expect(chosen).to_have_text("10 files chosen: learner-0.json, learner-1.json, learner-2.json, learner-3.json, "
                                "learner-4.json, learner-5.json, learner-6.json, learner-7.json and 2 more")
    # A file dropped on the zone joins them (a drop event with the browser's own DataTransfer).
    page.evaluate("""(zone) => {
        const data = new DataTransfer();
        data.items.add(new File(['{}'], 'dropped.json', { type: 'application/json' }));
        for (const type of ['dragenter', 'dragover']) zone.dispatchEvent(new DragEvent(type, { bubbles: true, dataTransfer: data }));
        zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
    }""", zone.element_handle())
    expect(chosen).to_contain_text("11 files chosen:")
    expect(zone).not_to_have_class(re.compile(r"\bcg-over\b"))
    axe(page, "the team view with 11 files chosen")
    tool.get_by_role("button", name="Show the summary").click()
    expect(tool.locator("[data-cg-notice]")).to_contain_text("11 entries could not be read")
    expect(tool.locator("[data-cg-report]")).to_contain_text("Ignored: dropped.json")
    clear = zone.get_by_role("button", name="Clear the files")
    clear.focus()
    page.keyboard.press("Enter")
    expect(chosen).to_be_empty()
    expect(clear).to_be_hidden()
    expect(pick).to_be_focused()


def test_team_view_without_javascript_has_no_dead_controls(make_context, site):
    page = make_context(java_script_enabled=False).new_page()
    page.goto(site.url(TEAM_PAGE))
    tool = page.locator(".cg-team")
    expect(tool.locator("p.cg-nojs")).to_be_visible()
    expect(tool.locator("p.cg-nojs")).to_contain_text("sums up the share links and result files")
    expect(tool.locator("form")).to_be_hidden()
    assert tool.locator("textarea, input, button, select").evaluate_all("(els) => els.filter((e) => e.checkVisibility()).length") == 0
