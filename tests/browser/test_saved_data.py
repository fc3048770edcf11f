"""Learners' saved data (README: "Saved data"): what survives an edit, two courses on one
origin, two tabs, a 2,000-lesson progress store, a full storage, old-format keys, share
links as people paste them.

The tea course (tests/fixtures/mini) is built in several versions, all served by one
server at the same address, so a version can replace another under a learner's open
browser exactly as a redeployed site does; the same build is also served at a second
path (``/copy/``): two courses on one origin.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _BUILD
from tests.browser.support import (
    DIAGNOSTIC_PAGE,
    ROOT,
    STORAGE_PREFIX,
    checked_inputs,
    choose,
    payload,
    ready,
    share_link,
    take_diagnostic,
)

pytestmark = pytest.mark.browser

QUIZ = "check-water"
WATER = "lessons/water/"
RESULTS = "my-results/"

ORIGINAL = """\
id: check-water
kind: knowledge
pass_mark: 50
questions:
  - id: green
    prompt: Which temperature suits green tea?
    options:
      - {text: About 80 °C, correct: true, feedback: "Yes, hotter water scorches the leaves."}
      - {text: Boiling, feedback: Too hot for green tea.}
    explanation: Green tea is delicate.
  - id: fresh
    prompt: Which help a good cup?
    options:
      - {text: Fresh water, correct: true, feedback: "Yes, it holds more oxygen."}
      - {text: The right temperature, correct: true, feedback: "Yes."}
      - {text: Reboiled water, feedback: "No, it tastes flat."}
    explanation: Fresh water at the right temperature.
"""
VERSIONS = {
    "original": ORIGINAL,
    # Every text reworded, nothing that scores changed: answers and the best score stay.
    "reworded": ORIGINAL.replace("Which temperature suits green tea?", "How hot should the water be for green tea?")
    .replace("About 80 °C", "Around eighty degrees").replace("Too hot for green tea.", "Far too hot.")
    .replace("Green tea is delicate.", "Green tea leaves are delicate, so cooler water.")
    .replace("Reboiled water", "Water boiled twice"),
    # A question added: every answer stays; the check scores differently, so the best score is an earlier version's.
    "added": ORIGINAL + """\
  - id: cup
    prompt: Should the cup be warmed first?
    options:
      - {text: "Yes", correct: true, feedback: It keeps the tea hot.}
      - {text: "No", feedback: The tea cools fast.}
    explanation: A warm cup keeps the temperature.
""",
    # One question's scoring changed (one more correct option): only its answer goes.
    "rescored": ORIGINAL.replace("{text: Reboiled water, feedback", "{text: Reboiled water, correct: true, feedback"),
    # Options with ids, then reordered: saved answers follow the ids, not the positions.
    "ids": ORIGINAL.replace("{text: Fresh water,", "{id: fresh-water, text: Fresh water,")
    .replace("{text: The right temperature,", "{id: temperature, text: The right temperature,")
    .replace("{text: Reboiled water,", "{id: reboiled, text: Reboiled water,"),
}
VERSIONS["ids-reordered"] = VERSIONS["ids"].replace(
    """      - {id: fresh-water, text: Fresh water, correct: true, feedback: "Yes, it holds more oxygen."}
      - {id: temperature, text: The right temperature, correct: true, feedback: "Yes."}
      - {id: reboiled, text: Reboiled water, feedback: "No, it tastes flat."}
""",
    """      - {id: reboiled, text: Reboiled water, feedback: "No, it tastes flat."}
      - {id: temperature, text: The right temperature, correct: true, feedback: "Yes."}
      - {id: fresh-water, text: Fresh water, correct: true, feedback: "Yes, it holds more oxygen."}
""",
)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves ``roots[prefix]`` under ``/<prefix>/``, never from the cache (a redeployed site)."""

    roots: dict[str, Path]

    def send_head(self) -> Any:
        prefix, slash, _ = self.path.lstrip("/").partition("/")
        if not slash or prefix not in self.roots:
            self.send_error(404)
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        prefix, _, rest = path.lstrip("/").partition("/")
        self.directory = str(self.roots[prefix])  # one handler per request: safe to set here
        return super().translate_path("/" + rest)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Sites:
    """The tea course's builds and the one server that serves them."""

    origin: str
    builds: dict[str, Path]
    roots: dict[str, Path] = field(default_factory=dict)

    def serve(self, version: str, at: str = "course") -> None:
        """Serve the build of ``version`` at ``/<at>/`` from now on."""
        self.roots[at] = self.builds[version]

    def url(self, path: str = "", at: str = "course") -> str:
        return f"{self.origin}/{at}/{path}"


@pytest.fixture(scope="module")
def tea(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    roots: dict[str, Path] = {}
    handler = type("Handler", (_Handler,), {"roots": roots})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    origin = f"http://127.0.0.1:{server.server_port}"
    builds: dict[str, Path] = {}
    for version, quiz in [*VERSIONS.items(), ("diagnostic-rescored", ORIGINAL)]:
        project = tmp_path_factory.mktemp(f"tea-{version}") / "mini"
        shutil.copytree(ROOT / "tests" / "fixtures" / "mini", project)
        (project / "quizzes" / "check-water.yml").write_text(quiz, encoding="utf-8")
        if version == "diagnostic-rescored":  # "No" to milk now weighs more: only that question's answer goes
            diagnostic = project / "quizzes" / "which-tea.yml"
            diagnostic.write_text(diagnostic.read_text(encoding="utf-8").replace("weights: {green: 1}", "weights: {green: 2}"), encoding="utf-8")
        site = project.parent / "site"
        done = subprocess.run(
            [sys.executable, "-c", _BUILD, str(project / "mkdocs.yml"), f"{origin}/course/", str(site)],
            check=False, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True, text=True, timeout=300,
        )
        if done.returncode:
            server.server_close()
            pytest.fail(f"building the {version} tea course failed:\n{done.stderr[-4000:]}")
        builds[version] = site
    sites = Sites(origin, builds, roots)
    sites.serve("original")
    sites.serve("original", at="copy")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield sites
    server.shutdown()
    server.server_close()


def axe_on(page, selector: str, label: str) -> None:
    """axe-core on our part of the page only: the tea course has no theme override, and Material's
    own search dialog and footer fail two rules there (README: "What learners get")."""
    from tests.browser.conftest import AXE, _format_violations

    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    violations = page.evaluate("(s) => axe.run(s, {resultTypes: ['violations']}).then((r) => r.violations)", selector)
    assert not violations, f"axe-core on {label}:\n{_format_violations(violations)}"


def key(at: str, kind: str, item: str) -> str:
    return f"coursegen:v2:/{at}/{kind}:{item}"


def stored(page, name: str) -> Any:
    raw = page.evaluate("(k) => localStorage.getItem(k)", name)
    return None if raw is None else json.loads(raw)


def ours(page) -> list[str]:
    return sorted(page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('coursegen:'))"))


def answer_and_check(page, answers: dict[str, list[str]]):
    section = ready(page, QUIZ)
    choose(page, QUIZ, answers)
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_be_visible()
    return section


RIGHT = {"green": ["a"], "fresh": ["a", "b"]}


# --------------------------------------------------------------------------- edits


def test_a_reworded_quiz_keeps_answers_result_and_best_score(page, tea):
    tea.serve("original")
    page.goto(tea.url(WATER))
    answer_and_check(page, RIGHT)
    before = payload(page, QUIZ)
    tea.serve("reworded")
    try:
        page.reload()
        section = ready(page, QUIZ)
        expect(section.locator("legend").first).to_contain_text("How hot should the water be")
        after = payload(page, QUIZ)
        assert after["version"] == before["version"], "a rewording changed the quiz's scoring version"
        assert checked_inputs(page, QUIZ) == RIGHT
        expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")
        expect(section.locator(".cg-changed")).to_have_count(0)
        expect(section.locator("[data-cg-notice]")).to_be_hidden()
        page.goto(tea.url(RESULTS))
        expect(page.locator(".cg-results.cg-js tbody tr").first).to_contain_text("100%")
        expect(page.locator(".cg-results")).not_to_contain_text("earlier version")
    finally:
        tea.serve("original")


def test_an_added_question_keeps_every_answer_and_marks_the_best_score_as_earlier(page, tea):
    tea.serve("original")
    page.goto(tea.url(WATER))
    answer_and_check(page, RIGHT)
    tea.serve("added")
    try:
        page.reload()
        section = ready(page, QUIZ)
        expect(section.locator("fieldset")).to_have_count(3)
        assert checked_inputs(page, QUIZ) == RIGHT
        expect(section.locator(".cg-changed")).to_have_count(0)
        # Still checked: the new question counts as unanswered.
        expect(section.locator('fieldset[data-cg-question="cup"]')).to_have_attribute("data-cg-state", "unanswered")
        page.goto(tea.url(RESULTS))
        expect(page.locator(".cg-results.cg-js tbody tr").first).to_contain_text("100% (on an earlier version of the check)")
    finally:
        tea.serve("original")


def test_a_scoring_change_drops_exactly_that_question_and_says_so_until_answered(make_context, tea):
    page = make_context(bypass_csp=True).new_page()  # for axe-core's inline script
    tea.serve("original")
    page.goto(tea.url(WATER))
    answer_and_check(page, RIGHT)
    tea.serve("rescored")
    try:
        for visit in range(2):  # the notice stays across visits until the question is answered
            page.goto(tea.url(WATER) + f"?visit={visit}")
            section = ready(page, QUIZ)
            assert checked_inputs(page, QUIZ) == {"green": ["a"]}, "the unchanged question lost its answer"
            fresh = section.locator('fieldset[data-cg-question="fresh"]')
            expect(fresh.locator(".cg-changed")).to_contain_text("Changed since your last visit")
            expect(section.locator('fieldset[data-cg-question="green"] .cg-changed')).to_have_count(0)
            expect(section.locator("[data-cg-notice]")).to_contain_text("changed since your last visit")
        axe_on(page, ".cg-quiz", "a quiz with an answer dropped by a scoring change")
        page.goto(tea.url(RESULTS))
        changed = page.locator(".cg-results.cg-js .cg-changed-list")
        expect(changed).to_contain_text("1 answer cleared because its question changed")
        expect(changed.locator("a")).to_have_attribute("href", re.compile("lessons/water/"))
        axe_on(page, ".cg-results", "My results with a changed check")

        page.goto(tea.url(WATER))
        section = ready(page, QUIZ)
        choose(page, QUIZ, {"fresh": ["a", "b", "c"]})
        expect(section.locator(".cg-changed")).to_have_count(0)
        expect(section.locator("[data-cg-notice]")).to_be_hidden()
        page.goto(tea.url(RESULTS))
        expect(page.locator(".cg-results.cg-js")).to_be_visible()
        expect(page.locator(".cg-changed-list")).to_have_count(0)
    finally:
        tea.serve("original")


def test_option_ids_keep_answers_when_options_are_reordered(page, tea):
    tea.serve("ids")
    try:
        page.goto(tea.url(WATER))
        answer_and_check(page, {"green": ["a"], "fresh": ["fresh-water", "temperature"]})
        tea.serve("ids-reordered")
        page.reload()
        section = ready(page, QUIZ)
        assert checked_inputs(page, QUIZ) == {"green": ["a"], "fresh": ["fresh-water", "temperature"]}
        labels = section.locator('fieldset[data-cg-question="fresh"] input:checked + label').all_inner_texts()
        assert sorted(label.replace("Correct answer", "") for label in labels) == ["Fresh water", "The right temperature"]
        expect(section.locator(".cg-changed")).to_have_count(0)
        expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")
    finally:
        tea.serve("original")


def test_a_diagnostic_weight_change_drops_only_that_questions_answer(page, tea):
    tea.serve("original")
    page.goto(tea.url("quiz/"))
    section = ready(page, "which-tea")
    choose(page, "which-tea", {"taste": "strong", "milk": "yes"})
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-outcome", "black")
    tea.serve("diagnostic-rescored")
    try:
        page.reload()
        section = ready(page, "which-tea")
        assert checked_inputs(page, "which-tea") == {"taste": ["strong"]}
        expect(section.locator('fieldset[data-cg-question="milk"] .cg-changed')).to_be_visible()
        expect(section.locator('fieldset[data-cg-question="taste"] .cg-changed')).to_have_count(0)
        # The result stands on the answer kept, and names the question left to answer.
        expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-outcome", "black")
        page.goto(tea.url(RESULTS))
        expect(page.locator(".cg-results.cg-js")).to_contain_text("Your answer to 1 question was cleared")
    finally:
        tea.serve("original")


# --------------------------------------------------------------------------- two courses on one origin


def test_two_courses_on_one_origin_never_meet(page, tea):
    """The same site at /course/ and /copy/: one quiz id, two namespaces; Reset clears one."""
    tea.serve("original")
    page.goto(tea.url(WATER))
    answer_and_check(page, RIGHT)
    page.goto(tea.url(WATER, at="copy"))
    section = ready(page, QUIZ)
    expect(section.locator("input:checked")).to_have_count(0)
    expect(section.locator("[data-cg-result]")).to_be_hidden()
    answer_and_check(page, {"green": ["b"]})
    assert stored(page, key("course", "q", QUIZ))["q"]["green"]["a"] == ["a"]
    assert stored(page, key("copy", "q", QUIZ))["q"]["green"]["a"] == ["b"]
    # Each course's navigation ticks its own progress only.
    page.goto(tea.url("lessons/steeping/", at="copy"))
    page.locator("[data-cg-read]").click()
    page.goto(tea.url("lessons/steeping/"))
    expect(page.locator("[data-cg-read]")).to_be_visible()

    page.goto(tea.url(RESULTS, at="copy"))
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset everything").click()
    expect(page.locator(".cg-results [data-cg-notice]")).to_be_visible()
    left = ours(page)
    assert left and all(k.startswith("coursegen:v2:/course/") for k in left), left
    page.goto(tea.url(WATER))
    ready(page, QUIZ)
    assert checked_inputs(page, QUIZ) == RIGHT


def test_a_course_below_another_is_not_cleared_by_its_reset(page, tea):
    """A course at /course/ must not take the keys of one published at /course/sub/ for its own."""
    tea.serve("original")
    page.goto(tea.url(RESULTS))
    ready_tool = page.locator(".cg-results.cg-js")
    expect(ready_tool).to_be_visible()
    nested = "coursegen:v2:/course/sub/q:check-water"
    page.evaluate("(k) => localStorage.setItem(k, '{\"v\":2,\"q\":{}}')", nested)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset everything").click()
    expect(page.locator(".cg-results [data-cg-notice]")).to_be_visible()
    assert ours(page) == [nested]


# --------------------------------------------------------------------------- two tabs


def test_two_tabs_merge_per_question_and_follow_each_other(context, tea):
    tea.serve("original")
    one, two = context.new_page(), context.new_page()
    one.goto(tea.url(WATER))
    ready(one, QUIZ)
    choose(one, QUIZ, {"green": ["a"]})
    two.goto(tea.url(WATER))
    ready(two, QUIZ)
    assert checked_inputs(two, QUIZ) == {"green": ["a"]}

    # Each tab answers a different question: the other shows it at once, and keeps its own.
    one.evaluate("document.activeElement.blur()")
    choose(two, QUIZ, {"fresh": ["a", "b"]})
    expect(one.locator(f'#cg-{QUIZ}-fresh-b')).to_be_checked()
    assert checked_inputs(one, QUIZ) == RIGHT
    two.evaluate("document.activeElement.blur()")
    choose(one, QUIZ, {"green": ["b"]})
    expect(two.locator(f'#cg-{QUIZ}-green-b')).to_be_checked()
    assert checked_inputs(two, QUIZ) == {"green": ["b"], "fresh": ["a", "b"]}

    # Checked in one tab, the other shows the result; Try again in one clears both.
    one.evaluate("document.activeElement.blur()")
    two.locator("[data-cg-action=check]").click()
    expect(one.locator("[data-cg-result]")).to_be_visible()
    two.evaluate("document.activeElement.blur()")
    one.locator("[data-cg-action=retry]").click()
    expect(two.locator("[data-cg-result]")).to_be_hidden()
    expect(two.locator(f"section[data-cg-quiz={QUIZ}] input:checked")).to_have_count(0)
    assert not any("a" in e for e in stored(one, STORAGE_PREFIX + QUIZ)["q"].values())


def test_a_save_merges_what_another_tab_wrote_unseen(page, tea):
    """No storage event in between (as when a tab was asleep): the save merges, per question, the newer answer winning."""
    tea.serve("original")
    page.goto(tea.url(WATER))
    ready(page, QUIZ)
    choose(page, QUIZ, {"green": ["a"]})
    fingerprints = {q["id"]: q["fp"] for q in payload(page, QUIZ)["questions"]}
    now = page.evaluate("Date.now()")
    # The other tab changed `green` after this one, and answered `fresh` before it.
    other = {"v": 2, "q": {"green": {"a": ["b"], "f": fingerprints["green"], "t": now + 1},
                           "fresh": {"a": ["c"], "f": fingerprints["fresh"], "t": now - 60_000}}, "c": [False, now + 1]}
    # Written from this very page: no storage event reaches it.
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [STORAGE_PREFIX + QUIZ, other])
    choose(page, QUIZ, {"fresh": ["b"]})
    expect(page.locator(f"#cg-{QUIZ}-green-b")).to_be_checked()  # the page shows the merge
    saved = stored(page, STORAGE_PREFIX + QUIZ)
    assert saved["q"]["green"]["a"] == ["b"], "the other tab's newer answer was overwritten"
    assert saved["q"]["fresh"]["a"] == ["b"], "an older answer of the other tab overwrote a newer one here"
    assert checked_inputs(page, QUIZ) == {"green": ["b"], "fresh": ["b"]}


def test_the_question_the_learner_is_on_is_not_changed_under_them(context, tea):
    tea.serve("original")
    one, two = context.new_page(), context.new_page()
    one.goto(tea.url(WATER))
    ready(one, QUIZ)
    two.goto(tea.url(WATER))
    ready(two, QUIZ)
    one.locator(f"#cg-{QUIZ}-fresh-a").focus()  # on the question, nothing picked yet
    choose(two, QUIZ, {"fresh": ["c"], "green": ["a"]})
    expect(one.locator(f"#cg-{QUIZ}-green-a")).to_be_checked()  # another question follows at once
    expect(one.locator(f"#cg-{QUIZ}-fresh-c")).not_to_be_checked()
    one.keyboard.press("Shift+Tab")  # leaves the question: now it shows the other tab's answer
    one.locator(f"#cg-{QUIZ}-green-a").focus()
    expect(one.locator(f"#cg-{QUIZ}-fresh-c")).to_be_checked()


# --------------------------------------------------------------------------- size and quota


def test_a_2000_lesson_progress_store_is_kept_whole(page, site, course, report):
    """Progress of 2,000 lessons in the old single key (about 250,000 characters, five times what
    the old reader dropped whole) moves into this course's per-lesson keys; another course's stays."""
    lessons = [lesson_id for lesson_id, _ in course.lessons]
    at = "2025-03-01T10:00:00.000Z"
    data: dict[str, Any] = {lid: {"p": f"/course/lessons/{lid}/", "v": at, "c": at} for lid in lessons[:3]}
    for n in range(2000 - len(data)):
        data[f"archived-lesson-{n:04d}"] = {"p": f"/course/archive/archived-lesson-{n:04d}/", "v": at, "c": None}
    theirs = {f"their-lesson-{n}": {"p": f"/other-course/lessons/their-lesson-{n}/", "v": at, "c": at} for n in range(300)}
    raw = json.dumps({"lessons": {**data, **theirs}})
    assert len(raw) > 200_000
    page.goto(site.url(""))
    page.evaluate("(v) => localStorage.setItem('coursegen:v1:progress', v)", raw)
    started = time.monotonic()
    page.goto(site.url(f"lessons/{lessons[4]}/"))
    expect(page.locator(".md-sidebar--primary .cg-tick")).to_have_count(3)
    page.wait_for_function("Object.keys(localStorage).filter((k) => k.startsWith('coursegen:v2:/course/p:')).length >= 2001")
    moved = time.monotonic() - started
    keys = [k for k in ours(page) if k.startswith("coursegen:v2:/course/p:")]
    assert len(keys) == 2001, len(keys)  # 2,000 moved, plus this visit
    left = json.loads(page.evaluate("localStorage.getItem('coursegen:v1:progress')"))["lessons"]
    assert set(left) == set(theirs)
    # Every page reads all 2,000 from then on: still quick, nothing dropped.
    timings = []
    for lesson_id in lessons[5:8]:
        page.goto(site.url(f"lessons/{lesson_id}/"))
        expect(page.locator(".md-sidebar--primary .cg-tick")).to_have_count(3)
        timings.append(page.evaluate("(() => { const t = performance.now(); for (let i = 0; i < 10; i++) Object.keys(localStorage).forEach((k) => localStorage.getItem(k)); return (performance.now() - t) / 10; })()"))
    page.goto(site.url(RESULTS))
    expect(page.locator(".cg-results.cg-js")).to_contain_text(f"3 of {len(lessons)} lessons completed")
    assert len([k for k in ours(page) if k.startswith("coursegen:v2:/course/p:")]) == 2004
    report(f"2,000-lesson progress store: moved in {moved:.1f} s (page load included); reading every key takes {max(timings):.1f} ms")


def fill_storage(page) -> int:
    """Fill localStorage to the last character with keys of no course; return how many were written."""
    return page.evaluate("""() => {
        let n = 0, size = 1 << 20;
        while (size >= 1) {
            try { localStorage.setItem('filler:' + n, 'x'.repeat(size)); n += 1; } catch { size >>= 1; }
        }
        return n;
    }""")


def test_a_full_storage_is_said_and_nothing_is_lost(make_context, tea):
    page = make_context(bypass_csp=True).new_page()  # for axe-core's inline script
    tea.serve("original")
    page.goto(tea.url(WATER))
    section = ready(page, QUIZ)
    choose(page, QUIZ, {"green": ["a"]})
    fillers = fill_storage(page)
    assert fillers > 1
    choose(page, QUIZ, {"fresh": ["a"]})
    notice = section.locator("[data-cg-notice]")
    expect(notice).to_contain_text("Storage is full")
    assert checked_inputs(page, QUIZ) == {"green": ["a"], "fresh": ["a"]}  # kept on the page
    assert stored(page, STORAGE_PREFIX + QUIZ)["q"].get("fresh", {}).get("a") is None
    axe_on(page, ".cg-quiz", "a quiz whose answers could not be saved (storage full)")
    # Marking a lesson as read with no room: said, and the button stays to try again.
    page.goto(tea.url("lessons/steeping/"))
    page.locator("[data-cg-read]").click()
    expect(page.locator("[data-cg-read-done]")).to_contain_text("Storage is full")
    expect(page.locator("[data-cg-read]")).to_be_visible()
    # Room again: the next save works, and the notice goes.
    page.evaluate("(n) => { for (let i = 0; i < n; i++) localStorage.removeItem('filler:' + i); }", fillers)
    page.locator("[data-cg-read]").click()
    expect(page.locator("[data-cg-read-done]")).to_have_text("Marked as read.")
    page.goto(tea.url(WATER))
    section = ready(page, QUIZ)
    choose(page, QUIZ, {"fresh": ["b"]})
    expect(section.locator("[data-cg-notice]")).to_be_hidden()
    page.reload()
    ready(page, QUIZ)
    assert checked_inputs(page, QUIZ) == {"green": ["a"], "fresh": ["b"]}


# --------------------------------------------------------------------------- the format before namespaces


def test_old_format_keys_move_once_to_the_first_course_that_owns_them(page, tea):
    tea.serve("original")
    page.goto(tea.url(WATER))
    data = payload(page, QUIZ)
    page.evaluate("localStorage.clear()")
    at = "2025-03-01T10:00:00.000Z"
    old_quiz = {"version": data["legacy"], "answers": {"green": ["a"], "fresh": ["a", "b"]}, "checked": True,
                "savedAt": at, "best": {"percent": 100, "passed": True, "at": at}}
    old_progress = {"lessons": {
        "water": {"p": "/course/lessons/water/", "v": at, "c": at},
        "steeping": {"p": "/copy/lessons/steeping/", "v": at, "c": at},
    }}
    page.evaluate("([q, p]) => { localStorage.setItem('coursegen:v1:check-water', q); localStorage.setItem('coursegen:v1:progress', p); }",
                  [json.dumps(old_quiz), json.dumps(old_progress)])
    page.goto(tea.url(WATER) + "?first")
    section = ready(page, QUIZ)
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")
    assert checked_inputs(page, QUIZ) == RIGHT
    expect(section.locator("[data-cg-notice]")).to_be_hidden()
    assert page.evaluate("localStorage.getItem('coursegen:v1:check-water')") is None
    assert set(json.loads(page.evaluate("localStorage.getItem('coursegen:v1:progress')"))["lessons"]) == {"steeping"}
    assert stored(page, key("course", "p", "water"))["c"] > 0
    page.goto(tea.url(RESULTS))
    expect(page.locator(".cg-results.cg-js tbody tr").first).to_contain_text("100%")
    # The copy finds the quiz taken already (first to open, first to take), and its own progress.
    page.goto(tea.url(WATER, at="copy"))
    section = ready(page, QUIZ)
    expect(section.locator("input:checked")).to_have_count(0)
    page.wait_for_function("localStorage.getItem('coursegen:v1:progress') === null")
    assert stored(page, key("copy", "p", "steeping"))["c"] > 0


def test_my_results_reads_old_format_keys_before_any_lesson_moved_them_and_reset_removes_them(page, tea):
    tea.serve("original")
    page.goto(tea.url(WATER))
    data = payload(page, QUIZ)
    page.evaluate("localStorage.clear()")
    at = "2025-03-01T10:00:00.000Z"
    old = {"version": data["legacy"], "answers": {"green": ["a"]}, "checked": True, "savedAt": at,
           "best": {"percent": 50, "passed": True, "at": at}}
    progress = {"lessons": {"water": {"p": "/course/lessons/water/", "v": at, "c": at},
                            "steeping": {"p": "/copy/lessons/steeping/", "v": at, "c": None}}}
    page.evaluate("([q, p]) => { localStorage.setItem('coursegen:v1:check-water', q); localStorage.setItem('coursegen:v1:progress', p); }",
                  [json.dumps(old), json.dumps(progress)])
    page.goto(tea.url(RESULTS))
    tool = page.locator(".cg-results.cg-js")
    expect(tool.locator("tbody tr").first).to_contain_text("50%")
    expect(tool.locator("tbody tr").first).to_contain_text("Completed")
    assert page.evaluate("localStorage.getItem('coursegen:v1:check-water')") is not None, "My results only reads"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset everything").click()
    expect(tool.locator("tbody tr").first).to_contain_text("Not started")
    assert page.evaluate("localStorage.getItem('coursegen:v1:check-water')") is None
    # The copy's old progress is the copy's: still there for it to take.
    assert set(json.loads(page.evaluate("localStorage.getItem('coursegen:v1:progress')"))["lessons"]) == {"steeping"}


# --------------------------------------------------------------------------- share links as pasted


@pytest.mark.parametrize("form", ["percent-encoded", "doubled", "both"])
def test_share_links_pasted_encoded_or_doubled_are_read(make_context, site, course, form):
    me = make_context().new_page()
    _, learner, _ = take_diagnostic(me, site, course)
    fragment = share_link(me).split("#", 1)[1]
    written = {
        "percent-encoded": fragment.replace("=", "%3D", 1),
        "doubled": "#" + fragment,
        "both": "%23" + fragment.replace("=", "%3D", 1),
    }[form]
    other = make_context().new_page()
    other.goto(f"{site.url(DIAGNOSTIC_PAGE)}?pasted#{written}")
    shared = other.locator(".cg-shared .cg-result")
    expect(shared).to_have_attribute("data-cg-outcome", learner.expected)
    expect(other.locator(".cg-bad-link")).to_have_count(0)

