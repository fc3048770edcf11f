"""A short answer's ``pattern`` as QTI's ``patternMatch`` reads it: XML Schema's regular expressions.

The course matches the pattern against the whole answer in lower case; QTI matches
an XML Schema expression (always against the whole answer, so ``^`` and ``$`` are
plain characters there) case-sensitively. Letters are widened to both cases
(``a`` becomes ``[aA]``); syntax XML Schema does not have makes the pattern
unusable, and the caller says so.
"""

from __future__ import annotations

import re

_ESCAPES = set("dDsSwW.\\|()[]{}?*+-^$/nrt")
_LAZY = re.compile(r"(?<!\\)[*+?}]\?")


def xsd_pattern(pattern: str) -> str | None:
    """``pattern`` as a case-insensitive XML Schema expression, or None when it has no such twin."""
    text = pattern
    text = text.removeprefix("^")
    if text.endswith("$") and not text.endswith("\\$"):
        text = text[:-1]
    if "(?" in text or _LAZY.search(text):
        return None  # groups with options, lookarounds, lazy quantifiers
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            following = text[index + 1 : index + 2]
            if following not in _ESCAPES:
                return None  # \b, back-references, \A… have no XML Schema form
            # XML Schema has no `\/` or `\$`, and needs neither: both are plain characters there.
            out.append(following if following in "/$" else char + following)
            index += 2
            continue
        if char == "^" and not in_class:
            out.append("\\^")  # an anchor in mid-pattern; XML Schema reads both `^` and `$` as text
        elif char == "[":
            in_class = True
            out.append(char)
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        elif in_class and char.isalpha() and char.isascii():
            upper = char.upper()
            if text[index + 1 : index + 2] == "-" and text[index + 2 : index + 3].isalpha():
                end = text[index + 2]
                out.append(f"{char}-{end}{upper}-{end.upper()}")
                index += 3
                continue
            out.append(char + upper)
        elif not in_class and char.isalpha() and char.lower() != char.upper():
            out.append(f"[{char}{char.upper()}]")
        else:
            out.append(char)
        index += 1
    return "".join(out) if not in_class else None
