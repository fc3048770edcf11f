"""The inline-markup shortcut gives exactly what Python-Markdown would, with every extension it trusts."""

from __future__ import annotations

import markdown
import pytest
from coursegen.inline_markup import INLINE_SAFE_EXTENSIONS, extensions_keep_inline_markup, inline_paragraph
from coursegen.rendering import Renderer
from hypothesis import given, settings
from hypothesis import strategies as st

# Every trusted extension at once, MkDocs' defaults alone, and this course's own list.
CONFIGURATIONS = {
    "all trusted": sorted(INLINE_SAFE_EXTENSIONS),
    "mkdocs defaults": ["toc", "tables", "fenced_code"],
    "this course": ["toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html", "def_list"],
}
MARKDOWN = {name: markdown.Markdown(extensions=extensions) for name, extensions in CONFIGURATIONS.items()}

WORD = st.sampled_from(["power", "deal", "BATNA", "50%", "x", "it's", "“quoted”", "a-b", "2024", "é"])
JUNK = st.sampled_from(["*", "**", "`", "[", "]", "(", ")", "_", "\\", "<", "&", "~", "^", "{", "}", ":", "#", "!", "  "])
URL = st.sampled_from(["https://example.org/x", "../../about/", "#part-2", "a.md", "https://e.org/a?b=1", "x%20y", "u+v"])


@st.composite
def span(draw: st.DrawFn) -> str:
    inner = " ".join(draw(st.lists(WORD, min_size=1, max_size=3)))
    kind = draw(st.sampled_from(["strong", "em", "code", "link", "junk"]))
    if kind == "strong":
        return f"**{inner}**"
    if kind == "em":
        return f"*{inner}*"
    if kind == "code":
        return f"`{draw(st.sampled_from([inner, 'a<b & c', 'x*y', '[z]', ' padded ']))}`"
    if kind == "link":
        return f"[{inner}]({draw(URL)})"
    return draw(JUNK) + inner


@st.composite
def text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(WORD, span()), min_size=1, max_size=8))
    glue = draw(st.lists(st.sampled_from([" ", "", ", ", ". ", " (", ") "]), min_size=len(parts), max_size=len(parts)))
    return "".join(part + sep for part, sep in zip(parts, glue, strict=True)).strip() + draw(st.sampled_from(["", ".", "?"]))


@pytest.mark.parametrize("configuration", list(CONFIGURATIONS))
@settings(max_examples=800, deadline=None)
@given(sample=text())
def test_shortcut_matches_markdown(configuration: str, sample: str) -> None:
    shortcut = inline_paragraph(sample)
    if shortcut is not None:
        assert shortcut == MARKDOWN[configuration].reset().convert(sample), sample


def test_the_shortcut_takes_the_usual_cases() -> None:
    """It must not fall back for the forms it exists for, or it saves nothing."""
    for sample, html in [
        ("Keep your **walk-away point** private.", "<p>Keep your <strong>walk-away point</strong> private.</p>"),
        ("An *anchor* sets the range.", "<p>An <em>anchor</em> sets the range.</p>"),
        ("Write `BATNA` down.", "<p>Write <code>BATNA</code> down.</p>"),
        ("See [the glossary](../../glossary/).", '<p>See <a href="../../glossary/">the glossary</a>.</p>'),
        ("Plain, as before.", "<p>Plain, as before.</p>"),
    ]:
        assert inline_paragraph(sample) == html
    for ambiguous in ["in*tra*word", "*a **b** c*", "snake_case", "[x](u \"title\")", "**a*", "a `b"]:
        assert inline_paragraph(ambiguous) is None, ambiguous


def test_extensions_that_read_inline_markup_otherwise_turn_it_off() -> None:
    assert extensions_keep_inline_markup(CONFIGURATIONS["all trusted"])
    for other in ["pymdownx.betterem", "pymdownx.inlinehilite", "pymdownx.tilde", "smarty"]:
        assert not extensions_keep_inline_markup([*CONFIGURATIONS["this course"], other])
        # …while a plain sentence may still take the plain-text shortcut where that is safe.
    renderer = Renderer([*CONFIGURATIONS["this course"], "pymdownx.betterem"], {})
    assert str(renderer.markdown("Keep **this**.")) == "<p>Keep <strong>this</strong>.</p>"
