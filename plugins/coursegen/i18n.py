"""The interface strings, one table per language in ``i18n/<language>.yml``.

Every table has the same keys (a test holds them to it), in three groups:
``pages`` for the generated pages and quiz markup, ``runtime`` for what every
lesson page's scripts say, ``tools`` for the scripts of the self-assessment,
My results and team view pages, ``questions`` for the scripts of the question
types beyond choice and of hints, shuffling and pools (only pages with them). The course content itself is not translated.

A string that counts something is a mapping of CLDR plural categories (``{one: "{n} result
read.", other: "{n} results read."}``), with exactly the categories of its language's rules
(:data:`PLURAL_RULES`); the count that picks the form is the value ``n`` (given as well when
the number shows under another name, ``points=…, n=…``). The scripts pick the same form with
``Intl.PluralRules`` (``fmt`` in ``assets/course.js``); a test holds the two to agree.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

import yaml

I18N_DIR = Path(str(package_files("coursegen") / "i18n"))
DEFAULT = "en"
GROUPS = ("pages", "runtime", "tools", "questions")


Text = str | dict[str, str]
"""A table's value: a string, or a string per plural category (``{"one": …, "other": …}``)."""
Table = dict[str, dict[str, Text]]

CATEGORIES = ("zero", "one", "two", "few", "many", "other")
"""CLDR's plural categories, in CLDR's order."""

Operands = tuple[Decimal, int, int]
"""CLDR's plural operands: n (the absolute value), i (its integer digits), v (how many fraction digits show)."""


def _operands(value: float) -> Operands:
    # As JavaScript sees a number: 1.0 is 1 (v = 0), 1.5 shows one fraction digit.
    number = abs(Decimal(str(int(value)) if float(value).is_integer() else repr(float(value))))
    exponent = number.as_tuple().exponent
    return number, int(number), -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _one_if_i1_v0(n: Decimal, i: int, v: int) -> str:  # en, de, nl, sv
    return "one" if i == 1 and v == 0 else "other"


def _millions(i: int, v: int) -> bool:
    # fr, es, it, pt's "many": a whole million or more ("1 000 000 de questions"); CLDR's
    # compact exponent (e) is always 0 for the numbers the interface writes.
    return v == 0 and i != 0 and i % 1_000_000 == 0


def _slavic(i: int, v: int, one: bool) -> str:
    # pl and uk: few for 2-4 (not 12-14), many for the other whole numbers, other for fractions.
    if v:
        return "other"
    if one:
        return "one"
    if i % 10 in (2, 3, 4) and i % 100 not in (12, 13, 14):
        return "few"
    return "many"


def _arabic(n: Decimal, i: int, v: int) -> str:
    whole = n == i  # CLDR's ranges (3..10) hold whole numbers only
    hundred = i % 100 if whole else -1
    if n in (0, 1, 2):
        return ("zero", "one", "two")[int(n)]
    return "few" if 3 <= hundred <= 10 else "many" if 11 <= hundred <= 99 else "other"


PLURAL_RULES: dict[str, tuple[tuple[str, ...], Callable[[Decimal, int, int], str]]] = {
    # CLDR 44's cardinal rules (what Intl.PluralRules applies), with each language's categories.
    "en": (("one", "other"), _one_if_i1_v0),
    "de": (("one", "other"), _one_if_i1_v0),
    "nl": (("one", "other"), _one_if_i1_v0),
    "sv": (("one", "other"), _one_if_i1_v0),
    "it": (("one", "many", "other"), lambda n, i, v: "one" if i == 1 and v == 0 else "many" if _millions(i, v) else "other"),
    "es": (("one", "many", "other"), lambda n, i, v: "one" if n == 1 else "many" if _millions(i, v) else "other"),
    "pt": (("one", "many", "other"), lambda n, i, v: "one" if i in (0, 1) else "many" if _millions(i, v) else "other"),
    "fr": (("one", "many", "other"), lambda n, i, v: "one" if i in (0, 1) else "many" if _millions(i, v) else "other"),
    "tr": (("one", "other"), lambda n, i, v: "one" if n == 1 else "other"),
    "pl": (("one", "few", "many", "other"), lambda n, i, v: _slavic(i, v, i == 1)),
    "uk": (("one", "few", "many", "other"), lambda n, i, v: _slavic(i, v, i % 10 == 1 and i % 100 != 11)),
    "ar": (("zero", "one", "two", "few", "many", "other"), _arabic),
    "ja": (("other",), lambda n, i, v: "other"),
    "zh": (("other",), lambda n, i, v: "other"),
}


def plural_categories(language: str) -> tuple[str, ...]:
    """The plural categories a table's counting strings have (English's for a language without rules)."""
    return PLURAL_RULES.get(language, PLURAL_RULES[DEFAULT])[0]


def plural(language: str, count: float) -> str:
    """The CLDR plural category of ``count`` in ``language``: what ``Intl.PluralRules(language).select`` gives."""
    return PLURAL_RULES.get(language, PLURAL_RULES[DEFAULT])[1](*_operands(count))


def available() -> list[str]:
    """The languages that have a table."""
    return sorted(path.stem for path in I18N_DIR.glob("*.yml"))


def _text(value: object) -> Text:
    if isinstance(value, dict):
        return {str(category): str(text) for category, text in value.items()}
    return str(value)


@lru_cache(maxsize=8)
def _load(language: str) -> Table:
    # libyaml's loader when there is one: the Python one took 40 ms of every build for one table.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load((I18N_DIR / f"{language}.yml").read_text(encoding="utf-8"), Loader=loader)
    return {group: {str(k): _text(v) for k, v in data[group].items()} for group in GROUPS}


def english_keys() -> dict[str, dict[str, Text]]:
    """English's table: every key a string override may name, with its text (for its placeholders)."""
    return _load(DEFAULT)


def resolve(language: str | None) -> str:
    """The table for ``theme.language``: exact, then the base language (``de-CH`` → ``de``), then English."""
    code = (language or DEFAULT).replace("_", "-")
    for candidate in (code, code.split("-")[0].lower()):
        if (I18N_DIR / f"{candidate}.yml").is_file():
            return candidate
    return DEFAULT


@dataclass(frozen=True)
class Strings:
    """One language's table."""

    language: str
    table: Table

    @classmethod
    def for_language(cls, language: str | None) -> Strings:
        chosen = resolve(language)
        return cls(chosen, _load(chosen))

    def overridden(self, overrides: Mapping[str, Mapping[str, Text]]) -> Strings:
        """This table with the author's strings (the ``strings`` option, already checked) in place of its own."""
        if not any(overrides.values()):
            return self
        table = {group: {**texts, **overrides.get(group, {})} for group, texts in self.table.items()}
        return replace(self, table=table)

    def text(self, group: str, key: str, count: float | None = None) -> str:
        """The string, in the form for ``count`` when it is a mapping of plural categories."""
        value = self.table[group][key]
        if isinstance(value, str):
            return value
        # An author's override may leave categories out; "other" is always there.
        return value.get(plural(self.language, count) if count is not None else "other", value["other"])

    def __call__(self, key: str, **values: Any) -> str:
        """A ``pages`` string with its ``{placeholders}`` filled in (the form for ``n``, if it counts)."""
        count = values.get("n")
        text = self.text("pages", key, count if isinstance(count, int | float) else None)
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def number(self, value: float) -> str:
        """A number as the language writes it in running text: ``0.5``, ``0,5``; whole numbers bare."""
        text = f"{value:g}" if not float(value).is_integer() else str(int(value))
        return text.replace(".", self.text("pages", "decimal_separator"))

    def module(self, group: str) -> str:
        """An ES module exporting the group's strings (``assets/coursegen/strings*.js``)."""
        return "export default " + json.dumps(self.table[group], ensure_ascii=False, separators=(",", ":")) + ";\n"
