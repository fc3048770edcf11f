"""The interface strings, one table per language in ``i18n/<language>.yml``.

Every table has the same keys (a test holds them to it), in three groups:
``pages`` for the generated pages and quiz markup, ``runtime`` for what every
lesson page's scripts say, ``tools`` for the scripts of the self-assessment,
My results and team view pages, ``questions`` for the scripts of the question
types beyond choice and of hints, shuffling and pools (only pages with them). The course content itself is not translated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

import yaml

I18N_DIR = Path(str(package_files("coursegen") / "i18n"))
DEFAULT = "en"
GROUPS = ("pages", "runtime", "tools", "questions")


def available() -> list[str]:
    """The languages that have a table."""
    return sorted(path.stem for path in I18N_DIR.glob("*.yml"))


@lru_cache(maxsize=8)
def _load(language: str) -> dict[str, dict[str, str]]:
    data = yaml.safe_load((I18N_DIR / f"{language}.yml").read_text(encoding="utf-8"))
    return {group: {str(k): str(v) for k, v in data[group].items()} for group in GROUPS}


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
    table: dict[str, dict[str, str]]

    @classmethod
    def for_language(cls, language: str | None) -> Strings:
        chosen = resolve(language)
        return cls(chosen, _load(chosen))

    def __call__(self, key: str, **values: Any) -> str:
        """A ``pages`` string with its ``{placeholders}`` filled in."""
        text = self.table["pages"][key]
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def number(self, value: float) -> str:
        """A number as the language writes it in running text: ``0.5``, ``0,5``; whole numbers bare."""
        text = f"{value:g}" if not float(value).is_integer() else str(int(value))
        return text.replace(".", self.table["pages"]["decimal_separator"])

    def module(self, group: str) -> str:
        """An ES module exporting the group's strings (``assets/coursegen/strings*.js``)."""
        return "export default " + json.dumps(self.table[group], ensure_ascii=False, separators=(",", ":")) + ";\n"


def theme_language(config: Any) -> str | None:
    """``theme.language`` from the MkDocs configuration, if set."""
    theme = config.theme
    try:
        language = theme["language"]
    except (KeyError, TypeError):
        language = getattr(theme, "language", None)
    return language if isinstance(language, str) else None
