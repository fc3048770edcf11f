"""The search plugin is handed pages without their ``data-search-exclude`` parts: same index, page unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from coursegen.search_view import SearchCut, SearchView, cut_excluded
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Element, Parser

from tests.python.conftest import build_real_course


def _same_element(self: Element, other: object) -> bool:
    # Material compares its elements by tag alone, so inside a marked <div> the first inner
    # </div> ends the exclusion and the rest of the marked element is indexed. The cut page
    # does not have that flaw; the reference parse does not either.
    return self is other if isinstance(other, Element) else bool(self.tag == other)


def sections(html: str, *, as_documented: bool = False) -> list[tuple[str | None, str, str]]:
    """What Material's search makes of ``html``: each section's anchor, title and text
    (``as_documented``: with its exclusion working as its documentation says)."""
    stock = Element.__eq__
    if as_documented:
        Element.__eq__ = _same_element
    try:
        parser = Parser()
        parser.feed(html)
        parser.close()
    finally:
        Element.__eq__ = stock
    return [
        (section.id, "".join(section.title), "".join(section.text))
        for section in parser.data
        if not section.is_excluded()
    ]


def test_materials_own_exclusion_ends_at_a_nested_element_of_the_same_tag() -> None:
    # Why the reference is Material's parse "as documented": its own lets hidden text through.
    html = '<p>Question</p><div data-search-exclude><div>Feedback</div>The answer</div>'
    assert "The answer" in sections(html)[0][2]
    assert "The answer" not in sections(html, as_documented=True)[0][2]
    assert sections(cut_excluded(html).searched) == sections(html, as_documented=True)


def test_marked_elements_are_cut_with_everything_inside() -> None:
    html = (
        '<h2 id="q">Question</h2><p>Kept <strong data-search-exclude hidden>mark</strong> text.</p>'
        '<div class="cg-feedback" data-search-exclude><div><p>Feedback</p></div><div>more</div></div>'
        '<input data-search-exclude type="radio"><p>After</p>'
    )
    cut = cut_excluded(html)
    assert "mark" not in cut.searched and "Feedback" not in cut.searched and "more" not in cut.searched
    assert "<input" not in cut.searched and "<p>After</p>" in cut.searched
    assert len(cut.cuts) == 3
    assert cut.restore(cut.searched) == html


def test_an_attribute_that_only_starts_like_the_mark_is_no_mark() -> None:
    html = '<p data-search-excluded="no">Stays</p><p data-search-exclude="">Goes</p>'
    cut = cut_excluded(html)
    assert "Stays" in cut.searched and "Goes" not in cut.searched


def test_an_unclosed_marked_element_leaves_the_rest_to_the_search_plugin() -> None:
    html = '<p data-search-exclude>closed</p><div data-search-exclude><p>never closed</p>'
    cut = cut_excluded(html)
    assert cut.searched.endswith('<div data-search-exclude><p>never closed</p>')
    assert cut.restore(cut.searched) == html


def test_a_page_that_already_holds_a_placeholder_is_not_cut() -> None:
    html = "<p>About <code>&lt;cg-cut-0&gt;</code></p><p data-search-exclude>x</p>"
    assert cut_excluded(html) == SearchCut(html)


def test_a_lost_placeholder_is_noticed() -> None:
    cut = cut_excluded('<p>a</p><p data-search-exclude>b</p><p>c</p><p data-search-exclude>d</p>')
    assert cut.restore(cut.searched.replace("<cg-cut-1></cg-cut-1>", "")) is None
    # What the plugins in between changed elsewhere stays.
    assert cut.restore(cut.searched.replace("<p>c</p>", "<p>C</p>")) == "<p>a</p><p data-search-exclude>b</p><p>C</p><p data-search-exclude>d</p>"


TEXT = st.text(alphabet="ab &<>\n", min_size=0, max_size=6).map(
    lambda text: text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
)


MARKS = st.sampled_from(["", " data-search-exclude", ' class="x" data-search-exclude hidden', ' data-search-exclude=""'])


def _wrapped(tags: list[str], children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(lambda tag, mark, inner: f"<{tag}{mark}>{inner}</{tag}>", st.sampled_from(tags), MARKS, children)


INLINE = st.recursive(
    TEXT | st.sampled_from(["<br>", '<input type="radio" data-search-exclude>', '<img alt="">']),
    lambda children: _wrapped(["span", "strong", "label", "code"], st.lists(children, max_size=3).map("".join)),
    max_leaves=8,
)
BLOCK = st.recursive(
    _wrapped(["p"], st.lists(INLINE, max_size=3).map("".join)),
    lambda children: _wrapped(["div", "details", "template", "section"], st.lists(children | INLINE, max_size=3).map("".join)),
    max_leaves=8,
)


@st.composite
def pages(draw: st.DrawFn) -> str:
    """Valid HTML as Markdown and our templates write it: headings at the top level, marked
    elements anywhere else, nested, beside void elements."""
    heading = st.builds(lambda n, text: f'<h2 id="h{n}">{text}</h2>', st.integers(0, 9), TEXT)
    return "\n".join(draw(st.lists(BLOCK | heading | INLINE, max_size=8)))


@settings(max_examples=200, deadline=None)
@given(pages())
def test_the_search_plugin_finds_the_same_sections_in_the_cut_page(html: str) -> None:
    cut = cut_excluded(html)
    assert sections(cut.searched) == sections(html, as_documented=True)
    assert cut.restore(cut.searched) == html


def test_the_real_course_gets_the_same_pages_and_search_index_either_way(
    real_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SearchView, "cut", lambda self, page, html: SearchCut(html))  # hand the search plugin whole pages
    monkeypatch.setattr(Element, "__eq__", _same_element)
    whole = build_real_course(tmp_path)
    built = sorted(path.relative_to(real_site) for path in real_site.rglob("*.html"))
    assert built == sorted(path.relative_to(whole) for path in whole.rglob("*.html"))
    for page in built:
        assert (real_site / page).read_bytes() == (whole / page).read_bytes(), page
    index = "search/search_index.json"
    assert (real_site / index).read_text(encoding="utf-8") == (whole / index).read_text(encoding="utf-8")


PAGE = '<h2 id="q">Q</h2><p>Kept</p><div data-search-exclude><p>Feedback</p></div><input data-search-exclude><p>End</p>'


def test_an_untouched_searched_text_gives_back_the_page_itself() -> None:
    cut = cut_excluded(PAGE)
    assert cut.restore(cut.searched) is cut.page
    assert cut.page == PAGE


def test_under_serve_an_unchanged_page_is_cut_where_it_was_without_searching_it_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from coursegen import search_view

    changed = PAGE.replace("Kept", "Kelp")
    expected, expected_changed = cut_excluded(PAGE), cut_excluded(changed)
    searched: list[str] = []
    original = search_view.marked_spans
    monkeypatch.setattr(search_view, "marked_spans", lambda html: searched.append(html) or original(html))
    view = SearchView(remember=True)
    assert view.cut("a.md", PAGE) == expected
    searched.clear()
    rebuilt = "".join(list(PAGE))  # the next rebuild's page: equal text, another string
    assert rebuilt is not PAGE
    assert view.cut("a.md", rebuilt) == expected and searched == []
    # Changed, even to the same length, or another page: searched again.
    assert view.cut("a.md", changed) == expected_changed and searched == [changed]
    assert view.cut("b.md", PAGE) == expected and searched == [changed, PAGE]
    # A one-off build keeps nothing.
    once = SearchView(remember=False)
    once.cut("a.md", PAGE)
    once.cut("a.md", PAGE)
    assert searched[-2:] == [PAGE, PAGE]
