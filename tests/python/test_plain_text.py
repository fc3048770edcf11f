"""The plain-text shortcut gives exactly what Python-Markdown would."""

from __future__ import annotations

import markdown
from coursegen.plain_text import SAFE_EXTENSIONS, extensions_keep_plain_text, plain_paragraph
from hypothesis import given, settings
from hypothesis import strategies as st

# Every extension the shortcut trusts, at once: each must leave a plain sentence alone.
EXTENSIONS = sorted(SAFE_EXTENSIONS)
MD = markdown.Markdown(extensions=EXTENSIONS)
ALPHABET = "abcXYZ019 ,.;:?!'\"()’“”–—%/€£$=+-*_`[]<>&#\\|~^{}\n\té"


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=40) | st.sampled_from([
    "Make it plain.", "1. Not a list?", "- dash", "a -- b", "Q&A time", "x < y", "50% off (today)", "He said: “yes”.",
    "Time:smile:now", "a ++b++ c", "x == y", "Cost: $5 + $6",
]))
def test_shortcut_matches_markdown(text: str) -> None:
    shortcut = plain_paragraph(text)
    if shortcut is not None and text.strip():
        assert shortcut == MD.reset().convert(text), text


def test_only_known_extensions_allow_the_shortcut() -> None:
    assert extensions_keep_plain_text(EXTENSIONS)
    assert not extensions_keep_plain_text([*EXTENSIONS, "smarty"])
    assert not extensions_keep_plain_text(EXTENSIONS, {"pymdownx.snippets": {"auto_append": ["abbreviations.md"]}})
    assert plain_paragraph("A plain sentence, with punctuation (and 50%).") == "<p>A plain sentence, with punctuation (and 50%).</p>"
    assert plain_paragraph("Some *emphasis*") is None


def test_quiz_text_that_looks_like_metadata_is_kept() -> None:
    from coursegen.rendering import Renderer

    renderer = Renderer(["meta", "markdown.extensions.toc", "tables"], {})
    assert str(renderer.markdown("Note: keep *me*.")) == "<p>Note: keep <em>me</em>.</p>"
