"""The interface strings: one table per language, the same keys in each, chosen by theme.language."""

from __future__ import annotations

import json
import re
import subprocess

import yaml
from coursegen.assets import SOURCE_DIR, STRING_MODULES
from coursegen.i18n import (
    CATEGORIES,
    GROUPS,
    I18N_DIR,
    PLURAL_RULES,
    Strings,
    Text,
    available,
    plural,
    plural_categories,
    resolve,
)

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


def _placeholders(text: Text) -> set[str]:
    return set(re.findall(r"\{\w+\}", " ".join(text.values()) if isinstance(text, dict) else text))


def test_placeholders_match_english() -> None:
    """Every form of a string has only English's placeholders, and the forms together have them all
    (Arabic's "one" and "two" may say "سؤال واحد" without the {n})."""
    english = Strings.for_language("en").table
    for language in available():
        table = Strings.for_language(language).table
        for group in GROUPS:
            for key, text in english[group].items():
                theirs = table[group][key]
                assert _placeholders(theirs) == _placeholders(text), (language, key)
                forms = theirs.values() if isinstance(theirs, dict) else [theirs]
                assert all(_placeholders(form) <= _placeholders(text) for form in forms), (language, key)


def test_the_placeholder_check_can_fail() -> None:
    assert _placeholders({"one": "{n} point", "other": "{n} points of {total}"}) != _placeholders("{n} points")


def test_every_table_has_plural_rules_and_exactly_their_categories() -> None:
    """A string that counts in English counts in every table, with exactly that language's
    categories (ar all six, pl and uk one/few/many/other, ja and zh other); a table may count
    where English need not (Arabic's "points"), with its categories too."""
    english = Strings.for_language("en").table
    assert set(available()) <= set(PLURAL_RULES), "a table without plural rules"
    assert len(available()) >= 14 and "ar" in available()
    assert plural_categories("ar") == CATEGORIES and plural_categories("pl") == ("one", "few", "many", "other")
    assert plural_categories("ja") == ("other",) == plural_categories("zh")
    for language in available():
        table, wanted = Strings.for_language(language).table, set(plural_categories(language))
        for group in GROUPS:
            for key, text in table[group].items():
                if isinstance(english[group][key], dict):
                    assert isinstance(text, dict), f"{language}.yml {group}.{key} counts in English: give its plural forms"
                if isinstance(text, dict):
                    assert set(text) == wanted, f"{language}.yml {group}.{key}: {sorted(text)}, want {sorted(wanted)}"


def test_no_string_leaves_the_count_to_the_reader() -> None:
    """No "(s)" or "(en)"-style plural is left in any table: those strings count."""
    for language in available():
        for group, texts in Strings.for_language(language).table.items():
            for key, text in texts.items():
                for form in text.values() if isinstance(text, dict) else [text]:
                    assert not re.search(r"\w\((s|en|n|se|e)\)", form), (language, group, key, form)


_NODE_PLURALS = (
    "const [languages, numbers] = JSON.parse(process.argv[1]); const out = {};"
    "for (const l of languages) { const r = new Intl.PluralRules(l);"
    " out[l] = { categories: r.resolvedOptions().pluralCategories, forms: numbers.map((n) => r.select(n)) }; }"
    "console.log(JSON.stringify(out));"
)


def test_python_plural_rules_agree_with_intl_plural_rules() -> None:
    """i18n.plural (the pages) picks what Intl.PluralRules (the scripts) picks: 0 to 200, fractions, millions."""
    numbers: list[float] = [*range(201), 0.5, 1.5, 2.5, 3.5, 11.5, 101, 1001, 1_000_000, 2_000_000]
    languages = sorted(PLURAL_RULES)
    done = subprocess.run(["node", "-e", _NODE_PLURALS, json.dumps([languages, numbers])],
                          capture_output=True, text=True, check=True)
    intl = json.loads(done.stdout)
    for language in languages:
        assert set(intl[language]["categories"]) == set(plural_categories(language)), language
        ours = [plural(language, n) for n in numbers]
        wrong = [(n, a, b) for n, a, b in zip(numbers, ours, intl[language]["forms"], strict=True) if a != b]
        assert not wrong, f"{language}: (n, Python, Intl) {wrong[:5]}"


def test_a_string_that_counts_picks_its_form() -> None:
    polish, arabic = Strings.for_language("pl"), Strings.for_language("ar")
    assert [polish.text("tools", "team_count", n) for n in (1, 3, 5, 22, 2.5)] == [
        "Odczytano {n} wynik.", "Odczytano {n} wyniki.", "Odczytano {n} wyników.", "Odczytano {n} wyniki.", "Odczytano {n} wyniku."]
    assert arabic("pass_points", **{"pass": "2"}, n=2) == "درجة النجاح: نقطتان."
    assert arabic("pass_points", **{"pass": "7"}, n=7) == "درجة النجاح: 7 نقاط."
    assert Strings.for_language("en")("worth_points", points="1", n=1) == "This question is worth 1 point."


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
