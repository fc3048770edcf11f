"""A strict Content-Security-Policy for every page, as a ``<meta>`` tag.

GitHub Pages cannot send headers, so the policy travels in each page. Scripts may
come only from the site itself, or be inline scripts of the theme allowed by their
SHA-256. Material's instant navigation keeps the first page's policy for the whole
visit while it runs the inline scripts of every page it swaps in, so every page gets
one site-wide policy: the hashes of the inline scripts of all pages together.

Inline scripts in the course's own text (a page's or lesson's Markdown, a quiz) are
not hashed: the policy blocks them, and the build warns about them beforehand
(:func:`blocked_by_policy`), with event handler attributes and ``javascript:`` links.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_SRC = re.compile(r"""\bsrc\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))""", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?\s*(?P<type>[^"'\s>]+)""", re.IGNORECASE)
_JS_TYPES = frozenset({
    "", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript",
    "text/jscript", "text/livescript", "application/x-javascript", "application/x-ecmascript",
})
"""Script types a browser runs; anything else (``application/json``…) is a data block."""

EVENT_ATTRIBUTE = re.compile(r"<[a-zA-Z][^<>]*?\s(?P<name>[oO][nN][a-zA-Z]+)\s*=", re.DOTALL)
JAVASCRIPT_URL = re.compile(r"""\b(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
OTHER_HOST = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
"""A URL with a scheme or a host: not a file of the site (``'self'``)."""

META_NAME = 'http-equiv="Content-Security-Policy"'
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="(?P<policy>[^"]*)">')
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)

FIXED_DIRECTIVES = (
    "default-src 'self'",
    # Material's search runs in a worker loaded from the site; said outright, not left to fallbacks.
    "worker-src 'self'",
    # Material and our scripts set element.style from script, which CSP allows; inline
    # style attributes and the theme's <style> need 'unsafe-inline' (see the README).
    "style-src 'self' 'unsafe-inline'",
    # Material's stylesheets draw icons as data: SVG images.
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def script_hash(body: str) -> str:
    """The CSP source for an inline script: ``'sha256-…'`` of its text as the browser sees it."""
    # The HTML parser turns CRLF and CR into LF before the script's text is hashed.
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _runs(attrs: str) -> bool:
    """Whether a ``<script>`` with these attributes and no ``src`` is run as JavaScript."""
    match = _TYPE.search(attrs)
    return match is None or match["type"].lower() in _JS_TYPES


def inline_scripts(html: str) -> Counter[str]:
    """The hashes of the inline scripts in ``html`` a browser would run, with how often each occurs."""
    return Counter(
        script_hash(match["body"])
        for match in SCRIPT.finditer(html)
        if not _SRC.search(match["attrs"]) and _runs(match["attrs"])
    )


def inline_script_hashes(html: str, left_out: str | None = None) -> set[str]:
    """The hashes of the inline scripts in ``html`` a browser would run, but those of the
    part ``left_out`` (the page's own text).

    Counting, not cutting ``left_out`` out of ``html``: finding a 20 KB text in the page
    cost more than reading the page's scripts twice.
    """
    found = inline_scripts(html)
    if left_out:
        found -= inline_scripts(left_out)  # keeps a theme script that is also in the text
    return set(found)


def policy(hashes: set[str] | frozenset[str] | None, connect: tuple[str, ...] = ()) -> str:
    """The policy text: inline scripts only by the given hashes; ``None`` allows every
    inline script (``mkdocs serve``, whose live-reload script changes on every request).
    ``connect``: origins the pages may send to besides their own (the ``xapi`` option's record
    store, and only it); without any, ``default-src 'self'`` governs connections."""
    inline = ["'unsafe-inline'"] if hashes is None else sorted(hashes)
    extra = [" ".join(["connect-src 'self'", *connect])] if connect else []
    return "; ".join([FIXED_DIRECTIVES[0], " ".join(["script-src 'self'", *inline]), *extra, *FIXED_DIRECTIVES[1:]])


def with_policy(html: str, text: str) -> str:
    """``html`` with the policy as the first thing its ``<head>`` applies to (after the charset)."""
    meta = f"<meta {META_NAME} content=\"{html_lib.escape(text, quote=False)}\">"
    # Only the head is searched, and the page is copied once: a page of a big course is
    # mostly its navigation (370 KB at 1,000 lessons), and slicing it up cost five times more.
    end = html.find("</head>")
    limit = len(html) if end < 0 else end
    if html.find(META_NAME, 0, limit) >= 0:
        found = _META.search(html, 0, limit)
        return html if found is None else html[: found.start()] + meta + html[found.end() :]
    anchor = _CHARSET.search(html, 0, limit) or _HEAD.search(html, 0, limit)
    if anchor is None:
        return html  # not a page (a fragment another plugin writes): nothing to govern
    # The anchor's text first occurs where it was found: an earlier copy would have matched first.
    return html.replace(anchor[0], anchor[0] + meta, 1)


@dataclass
class SitePolicy:
    """Collects every page's inline scripts as the pages are written, then makes every
    page carry the policy for all of them.

    Each page gets the hashes known when it is written; a page written before a later
    page brought a new script is rewritten at the end. The theme's scripts are the same
    on every page (:mod:`theme_fixes` keeps even Material's first script free of the page's
    depth), so that is rare: every page is written once.
    """

    relaxed: bool = False
    connect: tuple[str, ...] = ()
    """Origins the pages may connect to besides their own (see :func:`policy`)."""
    hashes: frozenset[str] = frozenset()
    written: dict[str, frozenset[str]] = field(default_factory=dict)
    """Each page written so far and the hashes its policy allows (one shared set while none is new)."""
    _text: str = ""

    def page(self, html: str, dest: str, content: str | None = None) -> str:
        """``html`` (to be written at ``dest``) with the policy; ``content`` is the page's
        own text, whose inline scripts are left out of the policy, so it blocks them."""
        if self.relaxed:
            return with_policy(html, policy(None, self.connect))
        found = inline_script_hashes(html, content)
        if not found <= self.hashes or not self._text:
            self.hashes = self.hashes | found
            self._text = policy(self.hashes, self.connect)
        self.written[dest] = self.hashes
        return with_policy(html, self._text)

    def finish(self) -> int:
        """Give the final policy to the pages written with an earlier one; how many there were."""
        final, text = self.hashes, policy(self.hashes, self.connect)
        rewritten = 0
        for dest, known in self.written.items():
            if known is final:
                continue
            path = Path(dest)
            try:
                page = path.read_text(encoding="utf-8")
            except OSError:
                continue  # another plugin moved or dropped it: nothing of ours to fix
            path.write_text(with_policy(page, text), encoding="utf-8")
            rewritten += 1
        self.written.clear()
        return rewritten


def blocked_by_policy(html: str) -> list[str]:
    """What in a piece of course HTML the policy blocks, described for an author (at most one of each)."""
    found: list[str] = []
    for match in SCRIPT.finditer(html):
        src = _SRC.search(match["attrs"])
        if src is None:
            # Even a data block: instant navigation re-inserts a swapped page's scripts
            # without their type, and then the browser runs (and the policy blocks) it.
            found.append("an inline <script>")
            continue
        url = src["dq"] or src["sq"] or src["bare"] or ""
        if OTHER_HOST.match(url):
            found.append(f"a <script> from another host ({url})")
    event = EVENT_ATTRIBUTE.search(html)
    if event:
        found.append(f"an event handler attribute ({event['name']}=)")
    if JAVASCRIPT_URL.search(html):
        found.append("a javascript: link")
    return list(dict.fromkeys(found))
