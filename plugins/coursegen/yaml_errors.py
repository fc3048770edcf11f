"""Explain a YAML syntax error in an author's words, at the place the mistake was made.

PyYAML (and libyaml) report where the parser gave up, in parser terms: "mapping
values are not allowed here", "did not find expected key". The mistake is often
elsewhere: a quote opened lines earlier, a bracket never closed, a field one space
off. This module reads the file's text around the error's marks and says what the
usual cause is and how to fix it, keeping a line and column an editor can jump to.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml
from yaml.tokens import ScalarToken

_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
#: A line that looks like a field: ``name: value`` or ``- name: value`` (indentation kept).
_FIELD_LINE = re.compile(r"^(?P<indent>\s*)(?P<dash>-\s+)?(?P<key>[^\s:#'\"\[\]{}][^:#]*?):(?:\s|$)")
_CLOSE = {"[": "]", "{": "}"}
_QUOTE_ADVICE = "text containing `: ` or ` #` must be in quotes"


@dataclass(frozen=True)
class Explained:
    """Where a syntax error's cause stands (1-based) and what to tell the author.

    Unknown errors keep PyYAML's own words, so ``message`` is never empty."""

    line: int
    column: int
    message: str


def explain(error: yaml.MarkedYAMLError, text: str) -> Explained:
    """The likely cause of ``error`` in ``text`` (the file it was raised for), in plain words."""
    return _Explainer(error, text).explain()


def quoted(value: str) -> str:
    """``value`` as a quoted YAML scalar an author can paste: single quotes unless it has one."""
    if "'" not in value:
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


class _Explainer:
    def __init__(self, error: yaml.MarkedYAMLError, text: str) -> None:
        self.context = error.context or ""
        self.problem = error.problem or ""
        mark = error.problem_mark or error.context_mark
        self.at = (mark.line, mark.column) if mark else (0, 0)
        self.opened = (error.context_mark.line, error.context_mark.column) if error.context_mark else self.at
        self.lines = _LINE_BREAK.split(text)
        self.text = text

    def line(self, number: int) -> str:
        """The 0-based line ``number`` ('' past the end)."""
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def char(self, place: tuple[int, int]) -> str:
        line = self.line(place[0])
        return line[place[1]] if place[1] < len(line) else ""

    def result(self, place: tuple[int, int], message: str) -> Explained:
        return Explained(place[0] + 1, place[1] + 1, message)

    def explain(self) -> Explained:
        swallowed = self._quote_swallowing_lines()
        if swallowed is not None:
            return swallowed
        context, problem = self.context, self.problem
        if "quoted scalar" in context:
            if "escape" in problem:
                return self._bad_escape()
            quote = self.char(self.opened) or '"'
            inside = "`\\\"`" if quote == '"' else "`''` (two single quotes)"
            return self.result(
                self.opened,
                f"the quote {quote} opened here is never closed; end the text with {quote} "
                f"(a {quote} inside the text is written {inside})",
            )
        if "flow sequence" in context or "flow mapping" in context:
            return self._flow()
        if "mapping values are not allowed" in problem:
            return self._colon()
        if "cannot start any token" in problem:
            return self._reserved_start()
        if "simple key" in context:
            return self._key_without_colon()
        if "alias" in context:
            value = self.line(self.opened[0])[self.opened[1] :].strip()
            return self.result(
                self.opened,
                "a value starting with `*` is read as an alias (a reference to an `&anchor`); "
                f"put the text in quotes: {quoted(value)}",
            )
        if "block scalar" in context:
            indicator = self.char(self.opened)
            return self.result(
                self.opened,
                f"`{indicator}` starts a block of text whose lines go below it, indented; "
                f"to write text starting with `{indicator}`, put it in quotes",
            )
        if "sequence entries are not allowed" in problem:
            return self._dash_after_colon()
        if "mapping keys are not allowed" in problem:
            return self.result(
                self.at, "a value starting with `? ` is read as a complex key; put the text in quotes"
            )
        if "another document" in problem:
            return self.result(
                self.at, "a second YAML document starts here (`---`); a course file holds one: remove the line"
            )
        if "expected key" in problem or "block end" in problem or "'-' indicator" in problem:
            return self._structure()
        what = " ".join(part for part in (context, problem) if part) or "invalid YAML"
        return self.result(self.at, what)

    # --- quotes ---------------------------------------------------------------------

    def _scalars_before_error(self) -> list[ScalarToken]:
        """The scalars the pure-Python scanner reads before the error (it keeps their quote style)."""
        found: list[ScalarToken] = []
        try:
            for token in yaml.scan(self.text, Loader=yaml.SafeLoader):
                if (token.start_mark.line, token.start_mark.column) >= self.at:
                    break
                if isinstance(token, ScalarToken):
                    found.append(token)
        except yaml.YAMLError:
            pass  # the tokens up to the error are all this needs
        return found

    def _quote_swallowing_lines(self) -> Explained | None:
        """A quote left open on its line ends at the next quote, lines later, taking the fields
        between as text; the parser then fails further on, far from the missing quote."""
        for token in reversed(self._scalars_before_error()):
            start, end = token.start_mark, token.end_mark
            if token.style not in ('"', "'") or start.line == end.line:
                continue
            if any(_FIELD_LINE.match(self.line(n)) for n in range(start.line + 1, end.line + 1)):
                quote = token.style
                return self.result(
                    (start.line, start.column),
                    f"the quote {quote} opened here is not closed on this line, so YAML reads on to the "
                    f"next {quote} (line {end.line + 1}, column {end.column}) and takes the lines between "
                    f"as text; close the quote on line {start.line + 1}",
                )
        return None

    def _bad_escape(self) -> Explained:
        line = self.line(self.at[0])
        start = line.rfind("\\", 0, self.at[1] + 1)
        sequence = line[start : start + 2] if start >= 0 else "\\"
        place = (self.at[0], start) if start >= 0 else self.at
        return self.result(
            place,
            f"`{sequence}` is not an escape YAML knows inside double quotes; write `\\\\` for a backslash, "
            "or use single quotes, in which a backslash is plain text",
        )

    # --- plain text that needs quotes -------------------------------------------------

    def _value_of(self, line: str) -> tuple[str, str]:
        """A ``name: value`` or ``- value`` line split into its lead (``name: ``) and its value."""
        match = _FIELD_LINE.match(line)
        if match:
            return line[: match.end()].strip(), line[match.end() :].strip()
        stripped = line.strip()
        if stripped.startswith("- "):
            return "-", stripped[2:].strip()
        return "", stripped

    def _colon(self) -> Explained:
        number, column = self.at
        line = self.line(number)
        match = _FIELD_LINE.match(line)
        if match and match.end("key") == column:
            # The colon is the line's own `name:`: the line is a field YAML could not place,
            # which happens when it stands deeper than the field before it.
            return self._deeper_field(number, match)
        lead, value = self._value_of(line)
        fix = f"{lead} {quoted(value)}".strip()
        return self.result(
            self.at,
            f"the text contains `: ` (a colon and a space), which YAML reads as the start of a field; "
            f"{_QUOTE_ADVICE}: {fix}",
        )

    def _deeper_field(self, number: int, match: re.Match[str]) -> Explained:
        key, column = match["key"], _content_column(match)
        above = self._nearest_field_above(number, below_column=column)
        place = (number, column)
        if above is None:
            return self.result(place, f"the field `{key}` is indented too deep; {_QUOTE_ADVICE}")
        above_number, above_key, above_column = above
        return self.result(
            place,
            f"`{key}` is indented deeper than the field above it: expected it at the indentation of "
            f"`{above_key}` (line {above_number + 1}, column {above_column + 1}); as it is, YAML reads it "
            f"as more of `{above_key}`'s text. If the colon belongs to that text, put the text in quotes",
        )

    def _reserved_start(self) -> Explained:
        character = self.char(self.at)
        if character == "\t":
            return self.result(
                self.at,
                f"a tab (line {self.at[0] + 1}, column {self.at[1] + 1}) where YAML allows only spaces; "
                "replace it with spaces",
            )
        lead, value = self._value_of(self.line(self.at[0]))
        named = "a backtick" if character == "`" else f"`{character}`"
        why = " (it starts a YAML directive)" if character == "%" else " (YAML reserves it)"
        fix = f"{lead} {quoted(value)}".strip()
        return self.result(self.at, f"a value cannot start with {named}{why}; put the text in quotes: {fix}")

    def _dash_after_colon(self) -> Explained:
        lead, value = self._value_of(self.line(self.at[0]))
        name = lead.rstrip(":").lstrip("- ") or "the field"
        return self.result(
            self.at,
            f"a list item (`- `) cannot follow `{name}:` on the same line; put each item on its own line "
            f"below it, indented (`  - …`), or, if the text starts with a dash, put it in quotes: "
            f"{lead} {quoted(value)}",
        )

    def _key_without_colon(self) -> Explained:
        number = self.opened[0]
        words = self.line(number).strip()
        return self.result(
            self.opened,
            f"`{words}` has no `:` after it; write a field as `name: value`, or, if this line continues "
            "the text above, indent it further than that field's name",
        )

    # --- brackets ---------------------------------------------------------------------

    def _flow(self) -> Explained:
        opening = self.char(self.opened)
        closing = _CLOSE.get(opening, "]")
        kind = "list" if opening == "[" else "mapping"
        line = self.line(self.opened[0])
        rest = line[self.opened[1] :]
        comment = " #" in rest
        if self.at[0] != self.opened[0] or comment or not _closes_on_its_line(rest):
            hidden = (
                f" (` #` starts a comment, which hides the rest of line {self.opened[0] + 1}: "
                "put text containing `#` in quotes)" if comment else ""
            )
            return self.result(
                self.opened,
                f"the `{opening}` opened here is never closed; end the {kind} with `{closing}`{hidden}",
            )
        return self.result(
            self.at,
            f"expected `,` or `{closing}` here, inside the `{opening}…{closing}` opened at column "
            f"{self.opened[1] + 1}; an item containing `: `, `,`, `[`, `]`, `{{`, `}}` or ` #` must be in quotes",
        )

    # --- indentation ------------------------------------------------------------------

    def _structure(self) -> Explained:
        number, column = self.at
        line = self.line(number)
        content = line[column:] if column < len(line) else ""
        if content.startswith(":"):
            return self.result(self.at, "a line starts with `:`; write the field's name before it (`name: value`)")
        quote = self._closed_quote_before(number, column)
        if quote is not None:
            return quote
        if "block collection" in self.context and not content.startswith("-"):
            return self.result(
                self.at,
                f"expected a list item (`- `) here, like the one on line {self.opened[0] + 1}: a list's items "
                "and a mapping's fields cannot stand at one indentation",
            )
        if content.startswith("-") and content[1:2] in ("", " "):
            return self._misplaced_item(number, column)
        match = _FIELD_LINE.match(line)
        if match and _content_column(match) == column:
            return self._misplaced_field(number, match)
        return self.result(self.at, "expected a field (`name: value`) here; check this line's indentation")

    def _closed_quote_before(self, number: int, column: int) -> Explained | None:
        """Text right after a closing quote (``title: "Yes" and more``)."""
        scalars = self._scalars_before_error()
        if not scalars:
            return None
        last = scalars[-1]
        if last.style not in ('"', "'") or last.end_mark.line != number or last.end_mark.column > column:
            return None
        lead, value = self._value_of(self.line(number))
        if len(value) > 1 and value[0] == value[-1] == last.style:
            value = value[1:-1]  # `'Don't do it'`: the quotes were meant to enclose it all
        fix = f"{lead} {quoted(value)}".strip()
        return self.result(
            (number, column),
            f"text follows the closing quote {last.style} of the value; a quote may only enclose the whole "
            f"value, so put all of it in quotes: {fix}",
        )

    def _misplaced_item(self, number: int, column: int) -> Explained:
        for above in range(number - 1, -1, -1):
            line = self.line(above)
            stripped = line.lstrip()
            if not stripped or stripped.startswith("#"):
                continue
            other = len(line) - len(stripped)
            if stripped.startswith("- ") or stripped == "-":
                if other == column:
                    break
                return self.result(
                    (number, column),
                    f"this list item (`- `) is at column {column + 1}: expected it at the indentation of "
                    f"the `- ` on line {above + 1} (column {other + 1})",
                )
            if other < column:
                break  # the item's parent field, with no list item above it
        return self.result(
            (number, column),
            "a list item (`- `) where a field (`name: value`) was expected; list items go below their "
            "field's `name:` line, indented",
        )

    def _misplaced_field(self, number: int, match: re.Match[str]) -> Explained:
        key, column = match["key"], _content_column(match)
        deeper = self._nearest_field_above(number, above_column=column)
        shallower = self._nearest_field_above(number, below_column=column)
        places = [
            f"`{found[1]}` (line {found[0] + 1}, column {found[2] + 1})" for found in (deeper, shallower) if found
        ]
        expected = f": expected it at the indentation of {' or of '.join(places)}" if places else ""
        return self.result(
            (number, column), f"the field `{key}` is at column {column + 1}, which lines up with no field above it{expected}"
        )

    def _nearest_field_above(
        self, number: int, *, below_column: int | None = None, above_column: int | None = None
    ) -> tuple[int, str, int] | None:
        """The nearest field before line ``number`` that stands left of ``below_column`` (a parent),
        or the leftmost one right of ``above_column`` before the parent (a sibling's indentation)."""
        best: tuple[int, str, int] | None = None
        for above in range(number - 1, -1, -1):
            match = _FIELD_LINE.match(self.line(above))
            if match is None:
                continue
            column = _content_column(match)
            if below_column is not None and column < below_column:
                return above, match["key"], column
            if above_column is not None:
                if column < above_column:
                    break
                if column > above_column and (best is None or column < best[2]):
                    best = (above, match["key"], column)
        return best


def _closes_on_its_line(text: str) -> bool:
    """Whether the bracket ``text`` starts with is closed by its own partner on this line.

    A closer of the other kind while it is open (``{a: 1]``) means it never was.
    """
    stack: list[str] = []
    quote = ""
    for index, character in enumerate(text):
        if quote:
            quote = "" if character == quote else quote
        elif character in "'\"" and (index == 0 or text[index - 1] in "[{, "):
            quote = character
        elif character in _CLOSE:
            stack.append(_CLOSE[character])
        elif character in "]}":
            if not stack or stack.pop() != character:
                return False
            if not stack:
                return True
    return False


def _content_column(match: re.Match[str]) -> int:
    """The 0-based column of a field line's name (after any `- `)."""
    return len(match["indent"]) + len(match["dash"] or "")
