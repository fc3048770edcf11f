"""What an option of the course is: a default and a check, declared on the options class.

The course's own, not MkDocs' ``BaseConfigOption``: the core reads ``mkdocs.yml`` without
MkDocs (for Zensical, which has none), and the MkDocs plugin checks its options with the same
classes.
"""

from __future__ import annotations

import copy
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class OptionError(ValueError):
    """A value an option refuses; ``within``: the keys inside the value leading to the fault,
    so the message can name that line rather than the option's."""

    def __init__(self, message: str, within: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.within = within


class Option(Generic[T]):
    """An option's default and its check (:meth:`validate`); on an instance of the options
    class it reads as the checked value."""

    def __init__(self, default: T) -> None:
        self._default = default

    @property
    def default(self) -> T:
        """A fresh copy of the default, so no two configurations share a list."""
        return copy.deepcopy(self._default)

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> Option[T]: ...

    @overload
    def __get__(self, instance: object, owner: type[Any]) -> T: ...

    def __get__(self, instance: object | None, owner: type[Any]) -> Option[T] | T:
        # Reached only for an option the instance holds no value of (values live in its __dict__).
        return self if instance is None else self.default

    def validate(self, value: object) -> T:
        """The value checked (and normalised); raise :class:`OptionError` saying what was expected."""
        raise NotImplementedError
