"""The interface strings: one table per language, the same keys in each, chosen by theme.language."""

from __future__ import annotations

import re

import yaml
from coursegen.assets import SOURCE_DIR, STRING_MODULES
from coursegen.i18n import GROUPS, I18N_DIR, Strings, available, resolve

from tests.python.conftest import Project


def _keys(language: str) -> dict[str, set[str]]:
    data = yaml.safe_load((I18N_DIR / f"{language}.yml").read_text(encoding="utf-8"))
    return {group: set(data[group]) for group in GROUPS}


def test_every_table_has_the_same_keys_as_english() -> None:
    english = _keys("en")
    assert {"en", "de"} <= set(available())
    for language in available():
        keys = _keys(language)
        for group in GROUPS:
            missing, extra = english[group] - keys[group], keys[group] - english[group]
            assert not missing and not extra, f"{language}.yml {group}: missing {sorted(missing)}, extra {sorted(extra)}"


def test_placeholders_match_english() -> None:
    english = Strings.for_language("en").table
    for language in available():
        table = Strings.for_language(language).table
        for group in GROUPS:
            for key, text in english[group].items():
                assert set(re.findall(r"\{\w+\}", table[group][key])) == set(re.findall(r"\{\w+\}", text)), (language, key)


def test_unknown_languages_fall_back_to_english() -> None:
    assert resolve("de") == "de" and resolve("de-CH") == "de" and resolve("de_AT") == "de"
    assert resolve("xx") == "en" and resolve(None) == "en" and resolve("../../etc/passwd") == "en"


def test_shipped_english_string_modules_are_fresh() -> None:
    """assets/strings*.js (English) let the JS tests run; the build writes the language's own."""
    english = Strings.for_language("en")
    for group, name in STRING_MODULES.items():
        assert (SOURCE_DIR / name).read_text(encoding="utf-8") == english.module(group), f"regenerate assets/{name}"


def test_the_mini_course_in_german(mini: Project) -> None:
    config = mini.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  language: de\n"))
    site = mini.build(strict=True)
    water = mini.html("lessons/water")
    for german in ("Was Sie lernen", "Das Wichtigste", "Frage 1 von", "Antworten prüfen", "Etwa"):
        assert german in water, german
    for english in ("What you will learn", "Key takeaways", "Question 1 of", "Check answers", "min</p>"):
        assert english not in water, english
    assert "Meine Ergebnisse" in mini.html("my-results") and "Teamansicht" in mini.html("team")
    assert "Beantworten Sie zuerst" in (site / "assets/coursegen/strings.js").read_text(encoding="utf-8")


def test_results_and_team_pages_are_generated_placed_and_optional(mini: Project) -> None:
    mini.build(strict=True)
    home = mini.html("")
    assert "data-cg-tool=\"progress\"" in home
    nav = re.findall(r'<a href="([^"]+)" class="md-nav__link', home)
    assert nav.index("my-results/") > nav.index("lessons/steeping/") and nav[-1] == "team/"
    assert 'data-cg-tool="results"' in mini.html("my-results") and 'data-cg-tool="team"' in mini.html("team")
    mini.write("content/my-results.md", "# Mine\n\nHand-written.\n")
    mini.build(strict=True)
    assert "Hand-written." in mini.html("my-results")
    config = mini.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - course\n", "  - course:\n      team_page: false\n      home_progress: false\n"))
    site = mini.build(strict=True)
    assert not (site / "team").exists() and 'data-cg-tool="progress"' not in mini.html("")
