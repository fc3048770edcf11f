"""The built site works under a sub-path (as GitHub Pages serves it) and refers to no other host."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tests.python.conftest import SUB_PATH_URL

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src", "form": "action"}


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = LINK_ATTRIBUTES.get(tag)
        for name, value in attrs:
            if name == wanted and value is not None:
                self.links.append((tag, value))


def links_of(page: Path) -> list[tuple[str, str]]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


SUB_PATH = urlsplit(SUB_PATH_URL).path


def resolves(site: Path, page: Path, link: str) -> bool:
    page_url = SUB_PATH + page.relative_to(site).as_posix()
    target = urljoin(page_url, urlsplit(link).path)
    if not target.startswith(SUB_PATH):
        return False
    path = site / unquote(target[len(SUB_PATH):])
    return path.is_file() or (path / "index.html").is_file()


def test_every_internal_link_and_asset_resolves_under_a_sub_path(real_site: Path) -> None:
    broken: list[str] = []
    checked = 0
    for page in sorted(real_site.rglob("*.html")):
        for tag, link in links_of(page):
            if link.startswith(("#", "mailto:", "data:")):
                continue
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # other hosts: see the next test
            # Only the 404 page may use site-absolute links (it is served at any address), and
            # those must stay inside the sub-path.
            if link.startswith("/"):
                assert page.name == "404.html" and link.startswith(SUB_PATH), (
                    f"{page.relative_to(real_site)}: <{tag}> points at the domain root: {link}"
                )
            checked += 1
            if not resolves(real_site, page, link):
                broken.append(f"{page.relative_to(real_site)}: <{tag}> {link}")
    assert checked > 100
    assert not broken, "broken links:\n" + "\n".join(broken)


def test_no_page_refers_to_another_host(real_site: Path) -> None:
    site_host = urlsplit(SUB_PATH_URL)
    outside: list[str] = []
    for page in sorted(real_site.rglob("*.html")):
        for tag, link in links_of(page):
            parts = urlsplit(link)
            if not (parts.scheme in {"http", "https"} or link.startswith("//")):
                continue
            own = parts.netloc == site_host.netloc and parts.path.startswith(site_host.path)
            if not own:
                outside.append(f"{page.relative_to(real_site)}: <{tag}> {link}")
    assert not outside, "references to other hosts:\n" + "\n".join(outside)
    assert not list(real_site.rglob("*.yml")), "YAML sources were published"
