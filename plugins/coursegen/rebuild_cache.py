"""What `mkdocs serve` may keep from one rebuild to the next: values made from a course file.

After an author edits one lesson of a large course, every other quiz's payload, HTML and
diagnostic analysis would be made again although nothing they depend on changed. The
loader hands back the very same object for a file that has not changed (see
:data:`loading.FileCache`), so a value stored with that object is current while it is.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class RebuildCache:
    """Values keyed by what they are, valid while their source object is the same one."""

    def __init__(self, *, keep: bool = True) -> None:
        self.keep = keep
        """False for a one-off build: every value is made, none is held."""
        self._entries: dict[Hashable, tuple[object, Any]] = {}
        self._settings: Hashable = None

    def settings(self, settings: Hashable) -> None:
        """Start a build with these settings (language, Markdown extensions…); new ones drop everything."""
        if settings != self._settings:
            self._entries.clear()
            self._settings = settings

    def get(self, key: Hashable, source: object, make: Callable[[], T]) -> T:
        """The value for ``key`` made from ``source``: kept from a build where ``source`` was the same object, else made now.

        ``source`` None: made from the settings alone, so kept for as long as they hold.
        """
        if not self.keep:
            return make()
        hit = self._entries.get(key)
        if hit is not None and hit[0] is source:
            value: T = hit[1]
            return value
        made = make()
        self._entries[key] = (source, made)
        return made

