"""The interface in another language, one test per script direction: French (left to right) and
Arabic (right to left, which Material lays out mirrored and our components must follow)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Site, language_site
from tests.browser.support import ready

pytestmark = pytest.mark.browser

QUIZ = "check-water"


@pytest.fixture(scope="session")
def site_fr(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The tiny tea course with ``theme.language: fr``."""
    with language_site(tmp_path_factory, "fr", "the French mini course") as served:
        yield served


@pytest.fixture(scope="session")
def site_ar(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The tiny tea course with ``theme.language: ar``."""
    with language_site(tmp_path_factory, "ar", "the Arabic mini course") as served:
        yield served


def _sides(page, selector: str) -> dict[str, float]:
    """The element's start-side marker as laid out: its left and right border widths, and where a
    short line of its text (a question's "Question 1 of 2") sits in its box: from the left, from the right."""
    return page.locator(selector).first.evaluate(
        """(e) => { const s = getComputedStyle(e), box = e.getBoundingClientRect();
            const range = document.createRange(); range.selectNodeContents(e.querySelector('.cg-qnum') ?? e);
            const text = range.getBoundingClientRect();
            return { left: parseFloat(s.borderLeftWidth), right: parseFloat(s.borderRightWidth),
                     fromLeft: text.left - box.left, fromRight: box.right - text.right }; }"""
    )


def _check_the_water_quiz(page) -> None:
    section = ready(page, QUIZ)
    section.locator('fieldset[data-cg-question="green"] input').first.check()
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_be_visible()


def test_left_to_right_french_interface(page, site_fr, axe):
    page.goto(site_fr.url("lessons/water/"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert page.locator("body").get_attribute("dir") == "ltr"
    section = ready(page, QUIZ)
    assert section.evaluate("(e) => getComputedStyle(e).direction") == "ltr"
    expect(section.locator("[data-cg-action=check]")).to_have_text("Vérifier les réponses")
    _check_the_water_quiz(page)
    expect(section.locator("[data-cg-result]")).to_contain_text("Votre score : ")
    expect(section.locator("[data-cg-result]")).to_contain_text(re.compile(r"Points : [\d,]+ sur 2\."))
    question = _sides(page, f'section[data-cg-quiz="{QUIZ}"] fieldset.cg-question')
    assert question["left"] > 0 and question["right"] == 0, question
    assert question["fromLeft"] < question["fromRight"], question  # the prompt starts at the left
    correct = _sides(page, f'section[data-cg-quiz="{QUIZ}"] .cg-correct')
    assert correct["left"] > 0 and correct["right"] == 0, correct
    axe(page, "a French lesson, checked")
    page.goto(site_fr.url(""))
    expect(page.locator(".cg-progress")).to_contain_text(re.compile(r"Leçons terminées : \d sur 2"))


def test_right_to_left_arabic_interface(page, site_ar, axe):
    page.goto(site_ar.url("lessons/water/"))
    # Material writes the direction on <body> (its partials/languages/ar.html: "direction": "rtl").
    expect(page.locator("body")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator(".cg-lesson-meta")).to_have_text("الوحدة 1: Basics · الدرس 1 · نحو 3 دقائق")
    section = ready(page, QUIZ)
    assert section.evaluate("(e) => getComputedStyle(e).direction") == "rtl"
    expect(section.locator("[data-cg-action=check]")).to_have_text("تحقّق من الإجابات")
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-notice]")).to_have_text("أجب عن سؤال واحد على الأقل أولًا.")
    _check_the_water_quiz(page)
    result = section.locator("[data-cg-result]")
    expect(result).to_contain_text("نتيجتك: ")
    # Two points in all: Arabic's dual, "of two points", not "of 2 points".
    expect(result).to_contain_text(re.compile(r"حصلت على [\d.]+ من نقطتين\."))
    expect(section.locator("[data-cg-status]").first).to_have_text(re.compile("^(صحيح|خطأ|صحيح جزئيًا)$"))
    # Our components mirror: the side markers are on the right, the text starts at the right.
    question = _sides(page, f'section[data-cg-quiz="{QUIZ}"] fieldset.cg-question')
    assert question["right"] > 0 and question["left"] == 0, question
    assert question["fromRight"] < question["fromLeft"], question
    correct = _sides(page, f'section[data-cg-quiz="{QUIZ}"] .cg-correct')
    assert correct["right"] > 0 and correct["left"] == 0, correct
    box = _sides(page, f'section[data-cg-quiz="{QUIZ}"] [data-cg-result]')
    assert box["right"] > 0 and box["left"] == 0, box
    # The ✓ mark follows the text, so its gap is on its right (the text's side).
    gap = page.locator(f'section[data-cg-quiz="{QUIZ}"] .cg-mark').first.evaluate(
        "(e) => [parseFloat(getComputedStyle(e).marginLeft), parseFloat(getComputedStyle(e).marginRight)]")
    assert gap[0] == 0 and gap[1] > 0, gap
    axe(page, "an Arabic lesson, checked")
    page.evaluate("scrollTo(0, 0)")  # Material's sticky header stays at the top of the full-page shot
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path="/tmp/rtl-lesson-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.evaluate("scrollTo(0, 0)")
    page.screenshot(path="/tmp/rtl-lesson-390.png", full_page=True)
    # The home page's progress counts with the dual too: "1 of two lessons".
    page.goto(site_ar.url(""))
    expect(page.locator(".cg-progress")).to_contain_text(re.compile(r"أكملت \d من درسين"))
    axe(page, "the Arabic home page")
