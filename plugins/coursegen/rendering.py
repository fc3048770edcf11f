"""Models to page Markdown and quiz HTML, through the Jinja2 templates in ``templates/``."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
import markdown
from markupsafe import Markup

from .i18n import Strings
from .inline_markup import extensions_keep_inline_markup, inline_paragraph
from .models import Diagnostic, KnowledgeCheck, Lesson, Module
from .plain_text import extension_name, extensions_keep_plain_text, plain_paragraph
from .runtime_data import embedded_json, quiz_payload

QUIZ_MARKER = re.compile(r"<!--\s*quiz:\s*(?P<id>[^\s>]+)\s*-->")
"""How a page asks for a quiz. A comment, so the page still reads well where the plugin is off."""

_PARAGRAPH = re.compile(r"^<p>(?P<inner>.*)</p>$", re.DOTALL)
_DEFERRED = re.compile("\x00([0-9]+)([ib])\x00")
"""A text's stand-in in a quiz's HTML until its Markdown is converted (YAML cannot hold NUL)."""


@dataclass(frozen=True)
class LessonLink:
    """A link to a lesson from the page being rendered."""

    url: str
    title: str


class Renderer:
    """Renders lessons and quizzes; one per build, so templates and Markdown are set up once."""

    def __init__(self, extensions: list[Any], extension_configs: dict[str, Any], strings: Strings | None = None) -> None:
        self.strings = strings or Strings.for_language(None)
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("coursegen", "templates"),
            # HTML templates escape; the Markdown template must not, or authors' `&` and HTML would break.
            autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            # The templates are the package's own: looking for a newer copy on disk at every
            # `{% include %}` (a stat per question) never finds one.
            auto_reload=False,
        )
        self.env.filters["md"] = self.markdown
        self.env.filters["md_inline"] = self.markdown_inline
        self.env.globals["t"] = self._text
        self._fixed: dict[str, str] = {}
        self.env.filters["points"] = self.strings.number
        # Quiz text is short and self-contained: the site's extensions keep it consistent
        # with the page (attr_list, abbreviations…), but a table of contents must not see it,
        # and `meta` would swallow a text that starts like "Note: …" as a metadata line.
        kept = [ext for ext in extensions if extension_name(ext) not in QUIZ_TEXT_SKIPS]
        self.md = markdown.Markdown(extensions=kept, extension_configs=extension_configs)
        self.converted: dict[tuple[str, bool], Markup] = {}
        self.deferred: list[str] | None = None
        """While a quiz renders: the texts that need a Markdown run, converted together at the end."""
        # The HTML of a text known without a Markdown run: plain sentences, and simple inline
        # markup where every extension leaves it alone (proved equal by property tests).
        self.shortcut: Callable[[str], str | None] | None = (
            inline_paragraph if extensions_keep_inline_markup(kept, extension_configs)
            else plain_paragraph if extensions_keep_plain_text(kept, extension_configs)
            else None
        )
        # Footnotes gather at the end of a document, so batched texts would lose theirs.
        self.batching = "footnotes" not in {extension_name(ext) for ext in kept}
        self.lesson_template = self.env.get_template("lesson.md")
        self.knowledge_template = self.env.get_template("knowledge.html")
        self.diagnostic_template = self.env.get_template("diagnostic.html")

    def _text(self, key: str, **values: Any) -> str:
        """The interface string ``key`` (see :meth:`Strings.__call__`); those without placeholders
        are looked up once per build, not once per option of every question."""
        if values:
            return self.strings(key, **values)
        text = self._fixed.get(key)
        if text is None:
            text = self._fixed[key] = self.strings(key)
        return text

    def markdown(self, text: str | None) -> Markup:
        """Block Markdown to HTML (author content is trusted, as in any Markdown page)."""
        return self._html(text, inline=False)

    def markdown_inline(self, text: str | None) -> Markup:
        """Markdown for a single line (labels, legends): the wrapping paragraph is dropped."""
        return self._html(text, inline=True)

    def _html(self, text: str | None, *, inline: bool) -> Markup:
        if not text:
            return Markup("")
        key = (text, inline)
        html = self.converted.get(key)
        if html is None:
            shortcut = self.shortcut(text) if self.shortcut is not None else None
            if shortcut is not None:
                html = Markup(_unwrapped(shortcut) if inline else shortcut)
            elif self.deferred is not None:
                # Inside a quiz: a stand-in now, and one Markdown run for all such texts afterwards.
                html = Markup(f"\x00{len(self.deferred)}{'i' if inline else 'b'}\x00")
                self.deferred.append(text)
            else:
                converted = self.md.reset().convert(text)
                html = Markup(_unwrapped(converted) if inline else converted)
            self.converted[key] = html
        return html

    def _fill_deferred(self, html: str, texts: list[str]) -> str:
        """``html`` with each stand-in of :meth:`_html` replaced by its text's conversion."""
        converted = self._convert_together(texts)

        def fill(match: re.Match[str]) -> str:
            part = converted[int(match[1])]
            return _unwrapped(part) if match[2] == "i" else part

        return _DEFERRED.sub(fill, html)

    def _convert_together(self, texts: list[str]) -> list[str]:
        """The HTML of each text. A quiz has dozens of short texts; one conversion of them all,
        split at comment separators, costs a fraction of one conversion each."""
        if self.batching and len(texts) > 1:
            separator = "<!--cg-split-->"
            parts = self.md.reset().convert(f"\n\n{separator}\n\n".join(texts)).split(separator)
            if len(parts) == len(texts):
                return [part.strip("\n") for part in parts]
            # A text swallowed a separator (an unclosed HTML block): one by one instead.
        return [self.md.reset().convert(text) for text in texts]

    def lesson_markdown(self, lesson: Lesson, module: Module, position: tuple[int, int]) -> str:
        """The Markdown source of a lesson's page; its quiz stays a marker for :meth:`quiz_html`."""
        return self.lesson_template.render(lesson=lesson, module=module, position=position)

    def quiz_html(
        self,
        quiz: KnowledgeCheck | Diagnostic,
        link: Callable[[str], LessonLink],
        data_json: str | None = None,
        labelled_by: str | None = None,
    ) -> str:
        """The accessible HTML of a quiz, with its scoring data embedded as JSON (``data_json``
        when the build has made it already, see :func:`runtime_data.embedded_json`); with
        ``labelled_by`` (the id of the page's heading) it has no heading of its own."""
        data = Markup(data_json if data_json is not None else embedded_json(quiz_payload(quiz)))
        self.deferred = []
        try:
            if isinstance(quiz, KnowledgeCheck):
                html = self.knowledge_template.render(quiz=quiz, data=data, labelled_by=labelled_by)
            else:
                html = self.diagnostic_template.render(quiz=quiz, data=data, link=link, labelled_by=labelled_by)
            return self._fill_deferred(html, self.deferred) if self.deferred else html
        finally:
            self.deferred = None
            # Kept, the HTML of every text of every quiz would stay in memory to the end of the build.
            self.converted.clear()


QUIZ_TEXT_SKIPS = frozenset({"toc", "meta"})


def _unwrapped(html: str) -> str:
    """A single paragraph's content without its ``<p>``; other HTML as it is."""
    match = _PARAGRAPH.match(html)
    return match["inner"] if match and "<p>" not in match["inner"] else html
