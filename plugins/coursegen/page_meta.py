"""A page's text without its metadata, as MkDocs reads it (``mkdocs.utils.meta.get_data``).

MkDocs drops YAML front matter (``---`` … ``---`` or ``...``) and, failing that, MultiMarkdown
``key: value`` lines at the top before it renders a page; the checks that render a page to
see whether its markers are real must drop the same, without MkDocs.
"""

from __future__ import annotations

import re

import yaml

_YAML = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")


def page_body(text: str) -> str:
    """``text`` without the metadata MkDocs takes from it."""
    match = _YAML.match(text)
    if match:
        try:
            data = yaml.load(match.group(1), Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            return text
        return text[match.end():].lstrip("\n") if isinstance(data, dict) else text
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    seen_key = False
    while lines:
        line = lines.pop(0)
        if line.strip() == "":
            break
        if _META.match(line):
            seen_key = True
        elif not (seen_key and _META_MORE.match(line)):
            lines.insert(0, line)
            break
    return "\n".join(lines).lstrip("\n")
