"""Hostile share links and stored values: nothing runs, nothing breaks, a notice shows, nothing of the learner's is lost.

Every case loads the page afresh with traps on ``alert``/``confirm``/``prompt`` and on any
script the payloads would run (``window.__pwned``); the context's guard fails the test on
any console error, uncaught page error or request to another host.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browser.support import (
    DIAGNOSTIC_PAGE,
    STORAGE_PREFIX,
    pass_check,
    payload,
    ready,
    share_link,
    take_diagnostic,
)

pytestmark = pytest.mark.browser

TRAPS = """
window.__trapped = [];
for (const name of ['alert', 'confirm', 'prompt']) window[name] = (...args) => { window.__trapped.push([name, String(args[0])]); };
"""
XSS = [
    "<img src=x onerror=window.__pwned=1>",
    "<script>window.__pwned=1</script>",
    "javascript:window.__pwned=1",
    '"><svg onload=window.__pwned=1>',
    "</template><script>window.__pwned=1</script>",
    "{{7*7}}",
    "${window.__pwned=1}",
]


def link_corpus(version: str, answers: str) -> dict[str, str]:
    """Share-link fragments, each one wrong in its own way; ``version`` and ``answers`` are a real link's."""
    n = len(answers)
    cases = {
        "another quiz version": f"r=1.000000000000.{answers}",
        "future format": f"r=2.{version}.{answers}",
        "format zero": f"r=0.{version}.{answers}",
        "no format": f"r=.{version}.{answers}",
        "no version": f"r=1..{answers}",
        "no answers": f"r=1.{version}.",
        "only the prefix": "r=",
        "one answer short": f"r=1.{version}.{answers[:-1]}",
        "one answer too many": f"r=1.{version}.{answers}0",
        "every answer missing": f"r=1.{version}.{'-' * n}",
        "option out of range": f"r=1.{version}.{'z' * n}",
        "capital letters": f"r=1.{version}.{'A' * n}",
        "oversized": f"r=1.{version}." + "0" * 5000,
        "huge": "r=" + "1" * 100_000,
        "extra field": f"r=1.{version}.{answers}.x",
        "spaces": f"r=1.{version}. {answers[1:]}",
        "percent-encoded nul": f"r=1.{version}.%00{answers[1:]}",
        "unicode digits": f"r=1.{version}.{'١' * n}",
        "emoji": f"r=1.{version}.{'😀' * n}",
        "__proto__ as quiz version": f"r=1.__proto__.{answers}",
        "constructor as answers": f"r=1.{version}.constructor",
        "prototype-pollution query": f"r=1.{version}.{answers}&__proto__[polluted]=1",
        "json instead": "r=" + quote(json.dumps({"__proto__": {"polluted": 1}})),
        "negative": f"r=-1.{version}.{answers}",
        "float format": f"r=1.5.{version}.{answers}",
        "double prefix": f"r=r=1.{version}.{answers}",
    }
    if version.upper() != version:
        cases["version in capitals"] = f"r=1.{version.upper()}.{answers}"
    for number, attack in enumerate(XSS):
        cases[f"script payload {number} as answers"] = f"r=1.{version}.{quote(attack)}"
        cases[f"script payload {number} as version"] = f"r=1.{quote(attack)}.{answers}"
    return cases


def stored_corpus(valid: str) -> dict[str, str]:
    """Values found under a quiz's own storage key: damaged, foreign or hostile."""
    good = json.loads(valid)
    qid = json.dumps(next(iter(good["q"])))  # a real question of the quiz, so the damage is under a key it reads
    cases = {
        "not JSON": "{not json",
        "truncated": valid[: len(valid) // 2],
        "empty string": "",
        "null": "null",
        "a number": "42",
        "a string": json.dumps("answers"),
        "an array": json.dumps([good]),
        "no format": json.dumps({k: v for k, v in good.items() if k != "v"}),
        "another format": json.dumps({**good, "v": 1}),
        "answers not a mapping": json.dumps({**good, "q": [good["q"]]}),
        "a damaged answer": json.dumps({**good, "q": {key: {**e, "t": "soon"} for key, e in good["q"].items()}}),
        "the old format": json.dumps({"version": good["b"]["s"], "answers": {}, "checked": True}),
        "oversized": json.dumps({**good, "pad": "x" * 100_000}),  # over storage.js's MAX
        "__proto__ payload": '{"__proto__": {"v": 2, "q": {}, "polluted": 1}}',
        "__proto__ answers": '{"v": 2, "q": {"__proto__": {"polluted": 1}, ' + qid + ': {"t": "1"}}}',
        "constructor payload": json.dumps({"constructor": {"prototype": {"polluted": 1}}}),
    }
    for number, attack in enumerate(XSS[:4]):
        cases[f"script payload {number}"] = (
            '{"v": 2, "q": {' + qid + ": " + json.dumps({"a": [attack], "f": attack, "t": 1}) + "}, "
            + '"c": ' + json.dumps(attack) + ', "b": {"s": ' + json.dumps(attack) + "}}"
        )
        cases[f"script payload {number} as text"] = attack
    return cases


def assert_nothing_ran(page) -> None:
    assert page.evaluate("window.__trapped") == [], page.evaluate("window.__trapped")
    assert page.evaluate("window.__pwned === undefined && ({}).polluted === undefined && Object.prototype.polluted === undefined")
    assert page.locator("img[src=x], svg[onload]").count() == 0


def test_hostile_share_links(page, site, course, report):
    page.add_init_script(TRAPS)
    diagnostic, learner, _ = take_diagnostic(page, site, course)
    version, answers = share_link(page).split("#r=1.", 1)[1].split(".")
    key = STORAGE_PREFIX + diagnostic.id
    own = page.evaluate("(k) => localStorage.getItem(k)", key)
    cases = link_corpus(version, answers)
    for number, (name, fragment) in enumerate(cases.items()):
        # A new query string each time: a real page load, not a fragment change.
        page.goto(f"{site.url(DIAGNOSTIC_PAGE)}?case={number}#{fragment}")
        section = ready(page, diagnostic.id)
        expect(section.locator(".cg-bad-link"), name).to_be_visible()
        expect(page.locator(".cg-shared"), name).to_have_count(0)
        expect(section.locator("[data-cg-result]"), name).to_have_attribute("data-cg-outcome", learner.expected)
        assert page.evaluate("(k) => localStorage.getItem(k)", key) == own, name
        assert_nothing_ran(page)
    report(f"hostile share links: {len(cases)} tried, none ran or broke the page, each gave a notice")
    assert len(cases) >= 40


def test_hostile_stored_values(page, site, course, report):
    page.add_init_script(TRAPS)
    lesson_id, quiz = pass_check(page, site, course)
    diagnostic, _, _ = take_diagnostic(page, site, course)
    quiz_key, other_key = STORAGE_PREFIX + quiz.id, STORAGE_PREFIX + diagnostic.id
    valid = page.evaluate("(k) => localStorage.getItem(k)", quiz_key)
    other = page.evaluate("(k) => localStorage.getItem(k)", other_key)
    cases = stored_corpus(valid)
    for name, value in cases.items():
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [quiz_key, value])
        page.goto(site.url(f"lessons/{lesson_id}/"))
        section = ready(page, quiz.id)
        notice = section.locator("[data-cg-notice]")
        expect(notice, name).to_be_visible()
        expect(notice, name).to_contain_text("could not be read")
        expect(section.locator("input:checked"), name).to_have_count(0)
        expect(section.locator("[data-cg-result]"), name).to_be_hidden()
        # The damaged value is gone (what was sound in it, such as a best score, may stay);
        # the learner's other answers are as they were.
        stored = page.evaluate("(k) => localStorage.getItem(k)", quiz_key)
        assert stored is None or not any("a" in e for e in json.loads(stored)["q"].values()), (name, stored)
        assert page.evaluate("(k) => localStorage.getItem(k)", other_key) == other, name
        assert_nothing_ran(page)
    report(f"hostile stored values: {len(cases)} tried, each dropped with a notice, other answers untouched")
    assert len(cases) >= 15


def test_hostile_quiz_text_keeps_the_page_and_its_data_intact(page, site_hostile):
    """`</script>`, `</template>`, `<!--`, quotes and U+2028 in quiz texts: the embedded data
    still parses to the exact texts, the quiz works, and the runtime shows them as text."""
    from tests.browser.conftest import HOSTILE_TEXT

    page.add_init_script(TRAPS)
    page.goto(site_hostile.url("quiz/"))
    section = ready(page, "which-tea")  # the runtime parsed the embedded data
    milk = payload(page, "which-tea")["questions"][1]
    assert milk["prompt"] == f"Milk? {HOSTILE_TEXT}"
    assert milk["options"][1]["text"] == f"No {HOSTILE_TEXT}"
    expect(section.locator("fieldset")).to_have_count(2)
    section.locator("fieldset").nth(0).locator("input").nth(0).check()
    section.locator("fieldset").nth(1).locator("input").nth(1).check()
    section.locator("[data-cg-action=check]").click()
    result = section.locator("[data-cg-result]")
    expect(result).to_have_attribute("data-cg-outcome", "green")
    # The reason for "No" has no text of its own: the runtime writes prompt and option as text.
    expect(result.locator(".cg-reasons")).to_contain_text("</script><script>window.__pwned=1</script> </template> <!--")
    assert_nothing_ran(page)
    expect(page.locator(".md-footer")).to_have_count(1)  # nothing after the quiz was swallowed
