"""Short-answer questions: a few words, compared with the accepted answers after normalising.

Both the accepted answers (at build time) and the learner's (in the browser) are
normalised the same way: lower case, accents dropped, runs of spaces made one,
ends trimmed. An optional regular expression, checked at build time, may accept
more; it is matched against the whole normalised answer, in Python and in
JavaScript alike, so only the syntax the two share is allowed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from ..model_base import Text
from .knowledge import Check, KnowledgeQuestionBase

MAX_LENGTH = 200
"""Characters of an answer the browser keeps; longer input is cut there."""
_COMBINING = re.compile("[\u0300-\u036f]")
# Spaces spelled out, the same in scoring.js: Python's and JavaScript's own ideas of white space differ.
SPACES = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_SPACES = re.compile(f"[{SPACES}]+")
# Python-only syntax, or syntax that means something else in JavaScript.
_NOT_SHARED = re.compile(r"\(\?P|\(\?#|\(\?>|[*+?}]\+|\\[AZz]|\(\?[aiLmsux-]+[):]|\[\[:|\\[NpP]")


def normalise(text: str) -> str:
    """An answer as it is compared: lower case, no accents, single spaces, trimmed (as ``scoring.js``)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return _SPACES.sub(" ", _COMBINING.sub("", decomposed)).strip(" ")


class ShortAnswerQuestion(KnowledgeQuestionBase):
    """A short typed answer (``type: short-answer``)."""

    template: ClassVar[str] = "questions/short-answer.html"
    key_template: ClassVar[str] = "questions/short-answer-key.html"
    script: ClassVar[str | None] = "short-answer.js"

    type: Literal["short-answer"]
    accepted: list[Text] = Field(
        default_factory=list, max_length=20, description="Answers accepted as right; the first is shown as the answer."
    )
    pattern: str | None = Field(
        None,
        description="A regular expression a right answer matches as a whole (after normalising: lower case, no accents).",
    )

    @model_validator(mode="after")
    def _something_to_accept(self) -> ShortAnswerQuestion:
        if not self.accepted:
            raise ValueError("give `accepted` answers (the first is shown as the answer)")
        return self

    def checks(self) -> Iterator[Check]:
        yield from super().checks()
        if self.pattern is None:
            return
        try:
            re.compile(self.pattern)
        except re.error as error:
            yield ("pattern",), f"not a valid regular expression: {error}"
            return
        if _NOT_SHARED.search(self.pattern):
            yield ("pattern",), (
                "uses syntax JavaScript reads differently (named groups `(?P…)`, `\\A`, `\\Z`, inline flags, "
                "POSIX classes); answers are already lower case, so flags are not needed"
            )
        elif (letters := re.sub(r"\\.", "", self.pattern)) != letters.lower():  # escapes such as \S are not letters
            yield ("pattern",), "has capital letters, but answers are compared in lower case: write it in lower case"

    def scoring_data(self) -> dict[str, Any]:
        return {"accepted": list(dict.fromkeys(normalise(text) for text in self.accepted)), "pattern": self.pattern}

    @staticmethod
    def answer_tokens(question: dict[str, Any], answer: Any) -> set[str] | None:
        text = normalise(answer[:MAX_LENGTH]) if isinstance(answer, str) else ""
        if not text:
            return None
        pattern = question["pattern"]
        right = text in question["accepted"] or (pattern is not None and re.fullmatch(pattern, text) is not None)
        return {"ok"} if right else {"no"}

    def largest_answer(self) -> Any:
        return "\u00e9" * MAX_LENGTH  # stored as JSON text: non-ASCII stays as it is
