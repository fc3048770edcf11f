"""Edits of the course outline and of lessons for `course new`, keeping every comment and the layout.

ruamel.yaml reads the file with the position of every node; the edit is then an insertion
of text at the right place, and nothing else of the file changes. (Dumping ruamel's
round-trip tree instead moves a comment that follows the last item of a list below the
item appended after it, and re-spaces some flow collections.) Each edit is read back and
checked before the caller writes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .starters import yaml_scalar

# A top-level `id:` line, as `course new` and every starter write it (`id: x`, `id: "no"`).
_TOP_LEVEL_ID = re.compile(r"""^id:[ \t]*(["']?)(?P<id>[^"'#\s]+)\1[ \t]*(?:#.*)?$""", re.MULTILINE)


class EditError(ValueError):
    """The file cannot be edited as asked: which file, which line (0 when none applies) and why."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}{f':{line}' if line else ''}: {message}")
        self.path, self.line, self.message = path, line, message

    def shown(self, root: Path) -> str:
        """The message with the path relative to ``root``."""
        where = Place(self.path, self.line).shown(root)
        return f"{where if self.line else where.rsplit(':', 1)[0]}: {self.message}"


@dataclass(frozen=True)
class Place:
    """A line of a file (1-based), as messages show it."""

    path: Path
    line: int

    def shown(self, root: Path) -> str:
        """``path:line``, the path relative to ``root`` when it is inside it."""
        try:
            path = self.path.relative_to(root)
        except ValueError:
            path = self.path
        return f"{path.as_posix()}:{self.line}"


@dataclass(frozen=True)
class _Document:
    path: Path
    text: str
    root: MappingNode


def _read(path: Path) -> _Document:
    """The file's text and its top-level mapping, or an error with the line YAML stopped at."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise EditError(path, 0, f"cannot be read ({error})") from None
    return _parse(path, text)


def _parse(path: Path, text: str) -> _Document:
    try:
        node = YAML(typ="rt").compose(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise EditError(path, line, f"not valid YAML ({error.problem or error.context}); fix it first") from None
    except YAMLError as error:
        raise EditError(path, 0, f"not valid YAML ({error}); fix it first") from None
    if not isinstance(node, MappingNode):
        raise EditError(path, 1, "expected a mapping of fields (`id:`, `title:`…), found none")
    return _Document(path, text, node)


def _field(mapping: MappingNode, name: str) -> tuple[ScalarNode, Node] | None:
    for key, value in mapping.value:
        if isinstance(key, ScalarNode) and key.value == name:
            return key, value
    return None


def _modules(document: _Document) -> SequenceNode:
    found = _field(document.root, "modules")
    if found is None or not isinstance(found[1], SequenceNode):
        line = found[0].start_mark.line + 1 if found else 1
        raise EditError(document.path, line, "expected `modules:` followed by a list of modules")
    return found[1]


def _module_ids(document: _Document) -> dict[str, tuple[MappingNode, int]]:
    """Each module's id → (the module, the line of its `id:`), in outline order; the first of a repeated id."""
    ids: dict[str, tuple[MappingNode, int]] = {}
    for module in _modules(document).value:
        if isinstance(module, MappingNode):
            found = _field(module, "id")
            if found is not None and isinstance(found[1], ScalarNode):
                ids.setdefault(str(found[1].value), (module, found[1].start_mark.line + 1))
    return ids


def module_places(outline: Path) -> dict[str, Place]:
    """The outline's modules: id → the line of its `id:`."""
    return {module_id: Place(outline, line) for module_id, (_, line) in _module_ids(_read(outline)).items()}


def _listed(document: _Document, lesson_id: str) -> Place | None:
    for module in _modules(document).value:
        found = _field(module, "lessons") if isinstance(module, MappingNode) else None
        if found is not None and isinstance(found[1], SequenceNode):
            for item in found[1].value:
                if isinstance(item, ScalarNode) and item.value == lesson_id:
                    return Place(document.path, item.start_mark.line + 1)
    return None


def lesson_in_outline(outline: Path, lesson_id: str) -> Place | None:
    """Where a module of the outline lists ``lesson_id``, if one does."""
    return _listed(_read(outline), lesson_id)


def find_by_id(folder: Path, item_id: str) -> Place | None:
    """The YAML file of ``folder`` whose top-level ``id`` is ``item_id`` (or that is named after it)."""
    if not folder.is_dir():
        return None
    named = None
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".yml", ".yaml") or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the build reports it; here it only cannot hold the id
        for match in _TOP_LEVEL_ID.finditer(text):
            if match["id"] == item_id:
                return Place(path, text.count("\n", 0, match.start()) + 1)
        if path.stem == item_id:
            named = Place(path, 1)
    return named


def _line_end(text: str, index: int, column: int) -> int:
    """Where a new line goes after a node that ends at ``index``: the start of the next line."""
    if column == 0:  # a block scalar ends at the start of the line after it
        return index
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _content_end(node: Node) -> tuple[int, int]:
    """(index, column) of the end of ``node``'s own text; a block collection's end mark lies past
    the comments that follow it, so it ends where its last item does."""
    if isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return _content_end(last[1] if isinstance(node, MappingNode) else last)
    return node.end_mark.index, node.end_mark.column


def _insert(text: str, index: int, addition: str) -> str:
    if index == len(text) and text and not text.endswith("\n"):
        addition = "\n" + addition
    return text[:index] + addition + text[index:]


def _dash_column(text: str, item: Node) -> int:
    """The column of the `-` that introduces ``item`` in a block sequence."""
    line_start = text.rfind("\n", 0, item.start_mark.index) + 1
    before = text[line_start : item.start_mark.index].rstrip()
    return max(len(before) - 1, 0)


def add_lesson(outline: Path, module_id: str, lesson_id: str) -> str:
    """The outline's text with ``lesson_id`` appended to the lessons of module ``module_id``."""
    document = _read(outline)
    ids = _module_ids(document)
    if module_id not in ids:
        known = ", ".join(ids) or "none"
        raise EditError(outline, 0, f"there is no module `{module_id}`; the modules are: {known}")
    module = ids[module_id][0]
    text, scalar = document.text, yaml_scalar(lesson_id)
    found = _field(module, "lessons")
    if found is None:  # a module without lessons yet: give it the list
        index, column = _content_end(module)
        key_column = module.start_mark.column
        new = _insert(text, _line_end(text, index, column), f"{' ' * key_column}lessons: [{scalar}]\n")
    elif not isinstance(found[1], SequenceNode):
        raise EditError(outline, found[0].start_mark.line + 1, "expected `lessons:` to be a list of lesson ids")
    elif found[1].flow_style:
        lessons = found[1]
        if lessons.value:
            new = _insert(text, lessons.value[-1].end_mark.index, f", {scalar}")
        else:  # `[]`: the opening bracket is where the node starts
            new = _insert(text, lessons.start_mark.index + 1, scalar)
    elif not found[1].value:
        raise EditError(outline, found[0].start_mark.line + 1, "expected `lessons:` to be a list of lesson ids")
    else:
        last = found[1].value[-1]
        index, column = _content_end(last)
        new = _insert(text, _line_end(text, index, column), f"{' ' * _dash_column(text, last)}- {scalar}\n")
    _check(outline, new, lambda document: _listed(document, lesson_id) is not None)
    return new


def add_module(outline: Path, module_id: str, title: str) -> str:
    """The outline's text with a module ``module_id`` appended after the last one (with no lessons yet)."""
    document = _read(outline)
    modules = _modules(document)
    if modules.flow_style or not modules.value:
        line = modules.start_mark.line + 1
        raise EditError(outline, line, "expected `modules:` as a list of `- id: …` entries, one per line")
    last = modules.value[-1]
    index, column = _content_end(last)
    dash, key = " " * _dash_column(document.text, last), " " * last.start_mark.column
    entry = f"{dash}- id: {yaml_scalar(module_id)}\n{key}title: {yaml_scalar(title)}\n{key}lessons: []\n"
    new = _insert(document.text, _line_end(document.text, index, column), entry)
    _check(outline, new, lambda document: module_id in _module_ids(document))
    return new


def _quiz(document: _Document) -> tuple[str, Place] | None:
    found = _field(document.root, "quiz")
    if found is None or not isinstance(found[1], ScalarNode) or found[1].value in ("", "~", "null"):
        return None
    return str(found[1].value), Place(document.path, found[0].start_mark.line + 1)


def quiz_of(lesson_file: Path) -> tuple[str, Place] | None:
    """The lesson's `quiz:` and its line, if it has one."""
    return _quiz(_read(lesson_file))


def set_quiz(lesson_file: Path, quiz_id: str) -> str:
    """The lesson's text with ``quiz: quiz_id`` added as its last field."""
    document = _read(lesson_file)
    existing = _field(document.root, "quiz")
    if existing is not None:
        raise EditError(lesson_file, existing[0].start_mark.line + 1, "the lesson has a `quiz:` already")
    if document.root.flow_style:
        raise EditError(lesson_file, 1, "expected the lesson's fields one per line, not in braces")
    # Top-level fields start in column 0, so the end of the file is always a place for one more.
    text = document.text
    new = _insert(text, len(text), f"quiz: {yaml_scalar(quiz_id)}\n")
    _check(lesson_file, new, lambda document: (_quiz(document) or ("",))[0] == quiz_id)
    return new


def _check(path: Path, text: str, holds: Callable[[_Document], bool]) -> None:
    """Read the edited text back and make sure it says what was meant before anything is written."""
    try:
        ok = holds(_parse(path, text))
    except EditError:
        ok = False
    if not ok:
        raise EditError(path, 0, "could not be edited safely (the result did not read back as intended); edit it by hand")
