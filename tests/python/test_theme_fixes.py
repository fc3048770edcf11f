"""Every course gets the plugin's fixes of Material, and its own custom_dir still wins."""

from __future__ import annotations

import re

from tests.python.conftest import Project

SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog" aria-label="[^"]+">')


def stylesheets(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)


def test_a_course_without_custom_dir_gets_the_fixes(mini: Project) -> None:
    assert "custom_dir" not in (mini.root / "mkdocs.yml").read_text()
    html = mini.build(strict=True).joinpath("index.html").read_text(encoding="utf-8")
    assert SEARCH_DIALOG.search(html), "the search dialog has no accessible name"
    # Material's storage helpers, reading inside their try and the site's address from an attribute.
    assert '<script data-md-scope="' in html and "try{return JSON.parse" in html
    sheets = stylesheets(html)
    ours = [sheet for sheet in sheets if "assets/coursegen/" in sheet]
    assert [sheet.split("/")[-1] for sheet in ours] == ["course.css"]
    # After Material's own stylesheets, so the fixes win over the rules they correct.
    assert sheets.index(ours[0]) > max(i for i, sheet in enumerate(sheets) if "stylesheets/main" in sheet)
    # Links in running text are underlined, not marked by colour alone (axe: link-in-text-block).
    css = (mini.root / "site/assets/coursegen/course.css").read_text()
    assert ":is(p,li,dd,td,th,blockquote)>a:not(" in css and "text-decoration:underline;text-underline-offset" in css


def test_the_courses_own_overrides_come_first(mini: Project) -> None:
    config = (mini.root / "mkdocs.yml").read_text()
    mini.write("mkdocs.yml", config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"))
    mini.write(
        "overrides/partials/search.html",
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Our own search"></div>\n',
    )
    html = mini.build(strict=True).joinpath("index.html").read_text(encoding="utf-8")
    assert 'aria-label="Our own search"' in html
    # The partials the course does not override still come from the plugin.
    assert '<script data-md-scope="' in html


def test_an_extra_stylesheet_of_the_course_comes_after_ours(mini: Project) -> None:
    config = (mini.root / "mkdocs.yml").read_text()
    mini.write("mkdocs.yml", config + "extra_css: [house.css]\n")
    mini.write("content/house.css", ".md-typeset a { color: teal; }\n")
    sheets = stylesheets(mini.build(strict=True).joinpath("index.html").read_text(encoding="utf-8"))
    names = [sheet.split("/")[-1] for sheet in sheets]
    assert names.index("course.css") < names.index("house.css")


def test_the_footer_line_of_the_generator_takes_the_readable_colour(mini: Project) -> None:
    """Material's "Made with" line is 4.47:1 in the footer's lighter colour; ours takes the copyright's."""
    config = (mini.root / "mkdocs.yml").read_text()
    mini.write("mkdocs.yml", config + "copyright: © The tea team\n")
    html = mini.build(strict=True).joinpath("index.html").read_text(encoding="utf-8")
    footer = html[html.index('<div class="md-copyright">') :]
    lines = re.findall(r'<div class="md-copyright__highlight">\s*(.*?)\s*</div>', footer, re.DOTALL)
    assert lines[0] == "© The tea team" and lines[1].startswith("Made with")
