"""Every question type in a real browser: answered by keyboard and pointer, scored as scoring.py
scores it, kept across a reload and instant navigation, carried to My results, the results file,
the team view and print, readable without JavaScript, axe-clean in light and dark; hints,
shuffled options, a question pool and a diagnostic scale; and what each type adds to a page."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from coursegen.scoring import score_knowledge
from playwright.sync_api import expect

from tests.browser.support import payload, ready, team_tool

pytestmark = pytest.mark.browser

TASTING, POOL = "lessons/tasting/", "lessons/pool/"
QUIZ = "check-tasting"
BUDGET, PER_TYPE = 6144, 1536  # gzip -9 bytes: a page with a choice check; what each further type may add


def field(page, question: str):
    return page.locator(f'section.cg-quiz[data-cg-quiz="{QUIZ}"] fieldset[data-cg-question="{question}"]')


def order(page) -> list[str]:
    return field(page, "steps").locator("[data-cg-item]").evaluate_all("(els) => els.map((e) => e.dataset.cgItem)")


def saved(page, quiz: str) -> dict:
    raw = page.evaluate("(id) => Object.entries(localStorage).find(([k]) => k.endsWith('q:' + id))?.[1]", quiz)
    return json.loads(raw) if raw else {}


def test_ordering_by_keyboard_alone(page, site_types):
    """Up/Down buttons and the position select, with the focus kept and each move announced (WCAG 2.5.7)."""
    page.goto(site_types.url(TASTING))
    ready(page, QUIZ)
    start = order(page)
    assert start != ["look", "smell", "steep", "sip"], "the items must not start in the right order"
    box = field(page, "steps")
    # Each item to its place, from the top, with the Up button only.
    for target, item in enumerate(["look", "smell", "steep", "sip"]):
        while order(page).index(item) > target:
            box.locator(f'[data-cg-item="{item}"] [data-cg-step="-1"]').focus()
            page.keyboard.press("Enter")
            expect(box.locator("[data-cg-live]")).to_contain_text("now in position")
            assert page.evaluate("document.activeElement.closest('[data-cg-item]')?.dataset.cgItem") == item
    assert order(page) == ["look", "smell", "steep", "sip"]
    # At the top, Up keeps the focus and does nothing: a key held down does not move it back.
    box.locator('[data-cg-item="look"] [data-cg-step="-1"]').focus()
    for _ in range(3):
        page.keyboard.press("Enter")
    assert order(page) == ["look", "smell", "steep", "sip"]
    assert page.evaluate("document.activeElement.dataset.cgStep") == "-1"
    # The select moves too: the first item to the last place, then back.
    select = box.locator('[data-cg-item="look"] select')
    select.focus()
    select.select_option("4")
    assert order(page)[-1] == "look"
    expect(box.locator('[data-cg-item="look"] [data-cg-step="1"]')).to_have_attribute("aria-disabled", "true")
    box.locator('[data-cg-item="look"] select').select_option("1")
    assert saved(page, QUIZ)["q"]["steps"]["a"] == ["look", "smell", "steep", "sip"]
    page.locator("[data-cg-action=check]").focus()
    page.keyboard.press("Enter")
    expect(box).to_have_attribute("data-cg-state", "right")
    expect(box.locator(".cg-mark")).to_have_count(4)


def test_every_type_scores_as_the_build_does_and_survives_a_reload(page, site_types):
    page.goto(site_types.url(TASTING))
    ready(page, QUIZ)
    data = payload(page, QUIZ)
    for n, item in enumerate(["smell", "look", "steep", "sip"], start=1):  # one pair swapped
        field(page, "steps").locator(f'[data-cg-item="{item}"] select').select_option(str(n))
    field(page, "origins").locator("select").nth(0).select_option(label="India")
    field(page, "origins").locator("select").nth(1).select_option(label="Kenya")
    field(page, "grams").locator("input").fill("5.4")
    field(page, "name").locator("input").fill("  MÀTSHA ")
    field(page, "kettle").locator("label", has_text="A white cup").click()
    field(page, "kettle").locator("label", has_text="Sugar").click()
    page.locator("[data-cg-action=check]").click()
    result = page.locator(f'section.cg-quiz[data-cg-quiz="{QUIZ}"] [data-cg-result]')
    expect(result).to_be_visible()
    answers = {k: v["a"] for k, v in saved(page, QUIZ)["q"].items() if "a" in v}
    assert answers["grams"] == 5.4 and answers["name"] == "MÀTSHA"
    expected = score_knowledge(data, answers)
    expect(result.locator(".cg-score")).to_have_text(f"Your score: {expected['percent']}%")
    for question in expected["questions"]:
        expect(field(page, question["id"])).to_have_attribute("data-cg-state", question["status"])
    assert [q["status"] for q in expected["questions"]] == ["partial", "partial", "right", "right", "wrong"]
    # The right answers are shown, in words.
    expect(field(page, "origins")).to_contain_text("Right answer: Japan")
    expect(field(page, "grams")).to_contain_text("Right answer: 5 ± 0.5 g")
    expect(page.locator("[data-cg-action=check]")).to_be_hidden()

    page.reload()
    ready(page, QUIZ)
    expect(result).to_be_visible()
    expect(result.locator(".cg-score")).to_have_text(f"Your score: {expected['percent']}%")
    assert order(page) == ["smell", "look", "steep", "sip"]
    expect(field(page, "grams").locator("input")).to_have_value("5.4")
    expect(field(page, "name").locator("input")).to_have_value("MÀTSHA")
    expect(field(page, "origins").locator("select").nth(1)).to_have_value("x1")


def test_a_check_of_every_type_reaches_my_results_the_results_file_the_team_view_and_print(make_context, site_types):
    page = make_context().new_page()
    page.goto(site_types.url(TASTING))
    ready(page, QUIZ)
    data = payload(page, QUIZ)
    for n, item in enumerate(["look", "smell", "steep", "sip"], start=1):
        field(page, "steps").locator(f'[data-cg-item="{item}"] select').select_option(str(n))
    field(page, "origins").locator("select").nth(0).select_option(label="India")
    field(page, "grams").locator("input").fill("5")
    field(page, "name").locator("input").fill("matcha")
    page.locator("[data-cg-action=check]").click()
    answers = {k: v["a"] for k, v in saved(page, QUIZ)["q"].items() if "a" in v}
    expected = score_knowledge(data, answers)
    expect(page.locator(f'section.cg-quiz[data-cg-quiz="{QUIZ}"] .cg-score')).to_have_text(f"Your score: {expected['percent']}%")

    # Instant navigation to My results and back: no reload, the check's answers and result stay.
    page.evaluate("window.cgMark = 1")
    page.locator('a[href$="my-results/"]').first.click()
    results = page.locator(".cg-results.cg-js")
    expect(results.locator("tbody tr", has_text="Tasting")).to_contain_text(f"{expected['percent']}%")
    assert page.evaluate("window.cgMark") == 1, "the page was reloaded, not swapped by instant navigation"
    page.go_back()
    ready(page, QUIZ)
    expect(page.locator(f'section.cg-quiz[data-cg-quiz="{QUIZ}"] .cg-score')).to_have_text(f"Your score: {expected['percent']}%")
    assert order(page) == ["look", "smell", "steep", "sip"]
    expect(field(page, "grams").locator("input")).to_have_value("5")

    # Print: the answers are readable, the controls are not printed.
    page.emulate_media(media="print")
    expect(field(page, "steps").locator("[data-cg-step]").first).to_be_hidden()
    expect(field(page, "steps").locator(".cg-item-text").first).to_be_visible()
    expect(field(page, "grams").locator("[data-cg-answer]")).to_be_visible()
    page.emulate_media(media="screen")

    # The results file carries the check's best score, and the team view reads it.
    page.goto(site_types.url("my-results/"))
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my results (JSON)").click()
    file = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert file["checks"][QUIZ]["best"] == expected["percent"]
    team = make_context().new_page()
    team.goto(site_types.url("team/"))
    tool = team_tool(team)
    tool.locator("input[type=file]").set_input_files([{"name": "me.json", "mimeType": "application/json", "buffer": json.dumps(file).encode()}])
    tool.get_by_role("button", name="Show the summary").click()
    expect(tool.locator("[data-cg-notice]")).to_contain_text("1 result read.")
    expect(tool.locator("tr", has_text="Tasting")).to_contain_text(f"{expected['percent']}%")


def test_a_number_is_read_as_the_language_writes_it(page, site_types_de):
    page.goto(site_types_de.url(TASTING))
    ready(page, QUIZ)
    field(page, "grams").locator("input").fill("5,2")
    page.locator("[data-cg-action=check]").click()
    expect(field(page, "grams")).to_have_attribute("data-cg-state", "right")
    expect(field(page, "grams")).to_contain_text("Richtige Antwort: 5 ± 0,5 g")
    assert saved(page, QUIZ)["q"]["grams"]["a"] == 5.2
    # What cannot be read as a number is said so, not scored as wrong.
    page.locator("[data-cg-action=retry]").click()
    field(page, "grams").locator("input").fill("fünf")
    expect(field(page, "grams").locator(".cg-not-number")).to_contain_text("1.234,5")
    expect(field(page, "grams").locator("input")).to_have_attribute("aria-invalid", "true")
    field(page, "name").locator("input").fill("matcha")
    page.locator("[data-cg-action=check]").click()
    expect(field(page, "grams")).to_have_attribute("data-cg-state", "unanswered")
    # Currency signs, spaces and the question's own unit are not part of the number; another unit is.
    page.locator("[data-cg-action=retry]").click()
    field(page, "grams").locator("input").fill("5 kg")
    expect(field(page, "grams").locator(".cg-not-number")).not_to_be_empty()
    field(page, "grams").locator("input").fill("€ 5")
    expect(field(page, "grams").locator(".cg-not-number")).to_be_empty()
    field(page, "grams").locator("input").fill("5,1 g")
    expect(field(page, "grams").locator(".cg-not-number")).to_be_empty()
    page.locator("[data-cg-action=check]").click()
    expect(field(page, "grams")).to_have_attribute("data-cg-state", "right")
    expect(field(page, "grams").locator("input")).to_have_value("5,1 g")


def test_hints_one_at_a_time_cost_points_and_are_kept(page, site_types):
    page.goto(site_types.url(TASTING))
    ready(page, QUIZ)
    hints = field(page, "grams").locator("details[data-cg-hint]")
    expect(hints.nth(0)).to_be_visible()
    expect(hints.nth(1)).to_be_hidden()
    hints.nth(0).locator("summary").focus()
    page.keyboard.press("Enter")
    expect(hints.nth(1)).to_be_visible()
    field(page, "grams").locator("input").fill("5")
    page.locator("[data-cg-action=check]").click()
    data = payload(page, QUIZ)
    expected = score_knowledge(data, {"grams": 5}, {"grams": 1})
    assert expected["points"] == 0.5
    expect(page.locator(f'section.cg-quiz[data-cg-quiz="{QUIZ}"] [data-cg-result]')).to_contain_text("Points: 0.5 of 7.")
    page.reload()
    ready(page, QUIZ)
    expect(hints.nth(0)).to_have_attribute("open", "")
    assert saved(page, QUIZ)["h"] == {"grams": 1}
    # Another try starts without hints, and the hints seen are closed again.
    page.locator("[data-cg-action=retry]").click()
    assert saved(page, QUIZ)["h"] == {}
    expect(hints.nth(0)).not_to_have_attribute("open", "")
    expect(hints.nth(1)).to_be_hidden()


def test_shuffled_options_are_the_learners_own_and_stay(make_context, site_types):
    orders = []
    for _ in range(4):
        page = make_context().new_page()
        page.goto(site_types.url(TASTING))
        ready(page, QUIZ)
        options = field(page, "kettle").locator(".cg-option")
        shown = options.evaluate_all("(els) => els.map((e) => e.dataset.cgOption)")
        assert shown[-1] == "all", "the pinned option keeps its place"
        page.reload()
        ready(page, QUIZ)
        assert options.evaluate_all("(els) => els.map((e) => e.dataset.cgOption)") == shown, "the same order at every visit"
        orders.append(tuple(shown))
    assert len(set(orders)) > 1, f"four learners all got {orders[0]}: the options are not shuffled"


def test_a_pool_draws_its_questions_for_each_attempt(page, site_types):
    page.goto(site_types.url(POOL))
    section = ready(page, "check-pool")
    shown = lambda: section.locator("fieldset:not([hidden])").evaluate_all("(els) => els.map((e) => e.dataset.cgQuestion)")
    first = shown()
    assert len(first) == 2
    expect(section.locator("fieldset:not([hidden]) .cg-qnum").first).to_have_text("Question 1 of 2")
    for question in first:
        section.locator(f'label[for="cg-check-pool-{question}-a"]').click()
    section.locator("[data-cg-action=check]").click()
    expect(section.locator(".cg-score")).to_have_text("Your score: 100%")
    page.reload()
    section = ready(page, "check-pool")
    assert shown() == first, "a reload keeps the attempt's questions"
    draws = {tuple(first)}
    for _ in range(5):
        section.locator("[data-cg-action=retry]").click()
        draws.add(tuple(shown()))
        assert len(shown()) == 2
        for question in shown():  # answered wrong this time: the best score must stay
            section.locator(f'label[for="cg-check-pool-{question}-b"]').click()
        section.locator("[data-cg-action=check]").click()
        expect(section.locator(".cg-score")).to_have_text("Your score: 0%")
    assert len(draws) > 1, "every attempt drew the same questions"
    assert saved(page, "check-pool")["b"]["p"] == 100, "the best score stays across attempts"


def test_the_scale_is_one_labelled_radio_group(page, site_types):
    page.goto(site_types.url("quiz/"))
    section = ready(page, "which-tea")
    scale = section.locator('fieldset[data-cg-question="sweet"] .cg-scale')
    expect(scale.locator("input[type=radio]")).to_have_count(3)
    expect(section.locator('fieldset[data-cg-question="sweet"] .cg-not-sure input')).to_have_count(1)
    scale.locator("input").first.focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.value") == "little"
    expect(scale.locator("input:checked")).to_have_value("little")


@pytest.mark.parametrize("media", ["light", "dark"])
def test_axe_on_every_type_unanswered_and_checked(make_context, site_types, axe, media):
    page = make_context(color_scheme=media).new_page()
    page.goto(site_types.url(TASTING))
    ready(page, QUIZ)
    field(page, "grams").locator("summary").first.click()
    axe(page, f"every question type, unanswered ({media})")
    field(page, "origins").locator("select").nth(0).select_option(label="China")
    field(page, "steps").locator('[data-cg-item="sip"] select').select_option("1")
    field(page, "grams").locator("input").fill("nine")
    page.locator("[data-cg-action=check]").click()
    expect(page.locator(f'section.cg-quiz[data-cg-quiz="{QUIZ}"] [data-cg-result]')).to_be_visible()
    axe(page, f"every question type, checked ({media})")
    page.goto(site_types.url("quiz/"))
    ready(page, "which-tea")
    axe(page, f"a diagnostic with a scale ({media})")


def test_without_javascript_every_type_reads_and_offers_no_dead_control(make_context, site_types):
    page = make_context(java_script_enabled=False).new_page()
    page.goto(site_types.url(TASTING))
    steps = page.locator('fieldset[data-cg-question="steps"]')
    expect(steps.locator("li.cg-item")).to_have_count(4)
    expect(steps.locator(".cg-move").first).to_be_hidden()  # buttons that would do nothing
    expect(page.locator('fieldset[data-cg-question="grams"] details.cg-hint-item summary').first).to_be_visible()  # hints still open
    expect(page.locator("[data-cg-action]:visible")).to_have_count(0)  # no Check answers that would do nothing
    # Each question's answer is one click away, written out for its type, never shown unasked.
    keys = {"steps": "The right order:", "grams": "Right answer:"}
    for question, words in keys.items():
        reveal = page.locator(f'fieldset[data-cg-question="{question}"] details.cg-reveal')
        expect(reveal).not_to_have_attribute("open", "")
        expect(reveal.locator("p").first).to_be_hidden()
        reveal.locator("summary").click()
        expect(reveal).to_contain_text(words)
    # Enter in a text field submits the form: it must not reload the page with the answer in its address.
    value = page.locator('fieldset[data-cg-question="grams"] input[data-cg-value]')
    value.fill("3")
    value.press("Enter")
    page.wait_for_timeout(300)
    assert "?" not in page.url, page.url


def test_what_each_type_adds_to_a_page(page, site_types, report):
    """A page with a choice check stays within the lesson budget; each further type adds at most 1.5 KB."""
    prefix = site_types.url("assets/coursegen/")

    def weight(path: str, quiz: str) -> dict[str, int]:
        urls: list[str] = []

        def seen(request) -> None:
            if request.url.startswith(prefix) and request.url not in urls:
                urls.append(request.url)

        page.on("request", seen)
        page.goto(site_types.url(path), wait_until="networkidle")
        ready(page, quiz)
        page.remove_listener("request", seen)
        out = {}
        for url in urls:
            name = urlsplit(url).path.split("/assets/coursegen/", 1)[1]
            out[name] = len(gzip.compress((site_types.root / "assets/coursegen" / name).read_bytes(), compresslevel=9, mtime=0))
        return out

    choice = weight("lessons/water/", "check-water")
    assert sum(choice.values()) <= BUDGET, choice
    every = weight(TASTING, QUIZ)
    extra = {name: size for name, size in every.items() if name not in choice}
    shared = sum(size for name, size in extra.items() if name == "strings-questions.js")
    per_type = {}
    for kind in ("ordering", "matching", "numeric", "short-answer"):
        own = sum(size for name, size in extra.items() if name.startswith(f"questions/{kind}."))
        per_type[kind] = own
        assert own + shared <= PER_TYPE, f"{kind} adds {own + shared} bytes (with the shared strings), over {PER_TYPE}"
    report(f"page weight: choice check {sum(choice.values())} B gzip (budget {BUDGET}); each further type "
           f"(+{shared} B of shared strings): " + ", ".join(f"{k} {v}" for k, v in per_type.items()))
