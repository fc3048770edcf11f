"""Read one YAML file into plain data, remembering where every value stands.

PyYAML's own loader forgets positions, accepts duplicate keys silently and can
be made to expand an alias bomb. Composing the node tree and converting it
ourselves keeps the line and column of every field for error messages and
turns each of those traps into a clear problem.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from .diagnostics import FieldPath, Problem, format_path
from .yaml_errors import explain as explain_syntax_error

MAX_BYTES = 1024 * 1024
"""A course file above 1 MiB is almost surely a mistake (a pasted binary, a runaway generator)."""
MAX_NODES = 100_000
"""Bounds the work an alias bomb can cause; real course files stay far below it."""
MAX_DEPTH = 40

#: Plain scalars that YAML 1.1 (and so PyYAML) reads as booleans although authors mean words.
YAML11_BOOL_WORDS = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")

Position = tuple[int, int]

# libyaml's parser is about ten times faster and gives the same nodes and marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Document:
    """A parsed YAML file: its data and the position of every field.

    The positions are worked out from the node tree the first time one is asked
    for: a valid file is read, validated and let go without any (a position is
    only ever wanted for a problem), which saves a dictionary entry per value.
    """

    file: str
    data: Any
    bool_words: dict[FieldPath, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """Problems that do not stop reading the rest of the file (duplicate fields)."""
    root: Node | None = field(default=None, repr=False, compare=False)
    """The composed node tree, kept for :attr:`values` and :attr:`keys` until they are first asked for."""
    _positions: tuple[dict[FieldPath, Position], dict[FieldPath, Position]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def values(self) -> dict[FieldPath, Position]:
        """Where each value starts (line, column), by its path."""
        return self._located()[0]

    @property
    def keys(self) -> dict[FieldPath, Position]:
        """Where each mapping key starts (line, column), by the path of its value."""
        return self._located()[1]

    def _located(self) -> tuple[dict[FieldPath, Position], dict[FieldPath, Position]]:
        if self._positions is None:
            values: dict[FieldPath, Position] = {}
            keys: dict[FieldPath, Position] = {}
            if self.root is not None:
                _locate(self.root, (), values, keys)
            self._positions, self.root = (values, keys), None
        return self._positions

    def position(self, path: FieldPath, *, key: bool = False) -> Position:
        """Where ``path`` (or its key) stands; the nearest known ancestor when unknown."""
        probe = tuple(path)
        values, keys = self._located()
        if key and probe in keys:
            return keys[probe]
        while probe not in values and probe:
            probe = probe[:-1]
        return values.get(probe, (1, 1))

    def problem(
        self, path: FieldPath, message: str, *, key: bool = False, located_at: FieldPath | None = None
    ) -> Problem:
        """A problem with the field ``path``, placed at it (or at ``located_at``) in this file."""
        line, column = self.position(path if located_at is None else located_at, key=key)
        return Problem(self.file, line, column, format_path(path) if path else "", message)


def _locate(node: Node, path: FieldPath, values: dict[FieldPath, Position], keys: dict[FieldPath, Position]) -> None:
    """Record where ``node`` and everything under it start, as :class:`_Converter` read them
    (the first of duplicate keys only: the converter keeps the first value)."""
    mark = node.start_mark
    values[path] = (mark.line + 1, mark.column + 1)
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key_path = (*path, str(key_node.value))
            if key_path in keys:
                continue
            keys[key_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _locate(value_node, key_path, values, keys)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _locate(item, (*path, index), values, keys)


@dataclass(frozen=True)
class Source:
    """Where a validated file came from: enough to place a problem found later in it.

    A :class:`Document`'s map of positions costs about 30 KB a lesson, held for the
    whole build; problems found after validation (a dangling reference, a duplicate
    id) are rare, so their position is found by reading the file again.
    """

    path: Path
    file: str

    def problem(
        self, path: FieldPath, message: str, *, key: bool = False, located_at: FieldPath | None = None
    ) -> Problem:
        """A problem with the field ``path``, placed at it (or at ``located_at``) in this file."""
        try:
            document = _reread(self.path, self.file, self.path.stat().st_mtime_ns)
        except (OSError, YamlProblem):  # changed since it was read: the top of the file is all we can say
            document = Document(self.file, None)
        return document.problem(path, message, key=key, located_at=located_at)


@functools.lru_cache(maxsize=4)
def _reread(path: Path, display: str, mtime_ns: int) -> Document:
    """The file read again (once for all the problems found in it); keyed by its time stamp."""
    return read_document(path, display)


class YamlProblem(Exception):
    """The file is not usable YAML; carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def read_document(path: Path, display: str) -> Document:
    """Read and parse ``path``; raise :class:`YamlProblem` with a located message."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise YamlProblem(Problem(display, 1, 1, "", f"cannot read the file: {error.strerror}")) from None
    return parse_document(raw, display)


def parse_document(raw: bytes, display: str) -> Document:
    """Parse YAML bytes (UTF-8, with or without BOM) into a :class:`Document`."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(
            Problem(display, 1, 1, "", f"the file is {len(raw):,} bytes; course files may be at most {MAX_BYTES:,}")
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise YamlProblem(
            Problem(display, line, column, "", f"the file is not UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8")
        ) from None
    if "\t" in text:
        # YAML forbids tabs in indentation, and PyYAML's message for it is cryptic.
        for number, line_text in enumerate(text.splitlines(), start=1):
            indent = len(line_text) - len(line_text.lstrip(" \t"))
            if "\t" in line_text[:indent]:
                column = line_text.index("\t") + 1
                message = (
                    f"a tab is used for indentation (line {number}, column {column}); "
                    "YAML indents with spaces only: replace the tab with spaces"
                )
                raise YamlProblem(Problem(display, number, column, "", message))
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        if "nesting depth" in f"{error.context} {error.problem}":
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            message = f"the YAML is nested too deeply (at most {MAX_DEPTH} levels)"
            raise YamlProblem(Problem(display, line, column, "", message)) from None
        # Placed at the likely cause (an open quote, an unclosed bracket), not where PyYAML gave up.
        explained = explain_syntax_error(error, text)
        message = f"YAML syntax error: {explained.message}"
        raise YamlProblem(Problem(display, explained.line, explained.column, "", message)) from None
    except yaml.YAMLError as error:
        raise YamlProblem(Problem(display, 1, 1, "", f"YAML error: {error}")) from None
    except RecursionError:
        raise YamlProblem(Problem(display, 1, 1, "", f"the YAML is nested too deeply (at most {MAX_DEPTH} levels)")) from None
    if root is None:
        raise YamlProblem(Problem(display, 1, 1, "", "the file is empty; expected a mapping of fields"))
    document = Document(display, None, root=root)
    # A tag needs a `!` in the text: without one, no node can carry an explicit tag.
    document.data = _Converter(document, tags_possible="!" in text).convert(root, ())
    return document


STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
_RESOLVER = Resolver()
"""Stateless for what it is used for here (implicit scalar tags): one for every file."""
_SCALARS = {
    tag: SafeConstructor.yaml_constructors[tag]
    for tag in ("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
}
"""The constructors of the common scalar tags: they only read the node, so they are called without
:meth:`SafeConstructor.construct_object`'s bookkeeping (and one shared constructor)."""
_SHARED_CONSTRUCTOR = SafeConstructor()


class _Converter:
    """Turns a composed node tree into Python data; positions are left to :func:`_locate`."""

    def __init__(self, document: Document, *, tags_possible: bool = True) -> None:
        self.document = document
        self.tags_possible = tags_possible
        self._constructor: SafeConstructor | None = None
        self.nodes = 0

    @property
    def constructor(self) -> SafeConstructor:
        """A constructor of this file's own (it remembers the nodes it built), for the rare tags."""
        if self._constructor is None:
            self._constructor = SafeConstructor()
        return self._constructor

    def _implicit_tag(self, node: Node) -> str:
        """The tag YAML would give ``node`` without any tag written in the file."""
        if isinstance(node, MappingNode):
            return MAP_TAG
        if isinstance(node, SequenceNode):
            return SEQ_TAG
        plain = not node.style
        return str(_RESOLVER.resolve(ScalarNode, node.value, (plain, not plain)))

    def fail(self, node: Node, path: FieldPath, message: str) -> YamlProblem:
        mark = node.start_mark
        return YamlProblem(Problem(self.document.file, mark.line + 1, mark.column + 1, format_path(path), message))

    def convert(self, node: Node, path: FieldPath) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(node, path, f"the document expands to more than {MAX_NODES:,} values (an alias bomb?)")
        if len(path) > MAX_DEPTH:
            raise self.fail(node, path, f"the YAML is nested too deeply (at most {MAX_DEPTH} levels)")
        tag = node.tag
        if self.tags_possible and tag != self._implicit_tag(node):
            # Explicit tags (`!!int`, `!!binary`, `!custom`) have no place in a course file, and
            # PyYAML's constructors fail on bad input with bare Python errors.
            raise self.fail(node, path, f"YAML tags such as `{tag.replace('tag:yaml.org,2002:', '!!')}` are not supported; remove the tag")
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.convert(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if tag == STR_TAG:
            return node.value  # what the constructor would return, without its bookkeeping
        construct = _SCALARS.get(tag)
        try:
            if construct is not None:
                value = construct(_SHARED_CONSTRUCTOR, node)
            else:
                value = self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError, OverflowError) as error:
            raise self.fail(node, path, f"cannot read this value: {getattr(error, 'problem', None) or error}") from None
        # libyaml marks plain scalars with style "", the Python parser with None.
        if isinstance(value, bool) and not node.style and YAML11_BOOL_WORDS.match(node.value):
            self.document.bool_words[path] = node.value
        return value

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise self.fail(key_node, path, "a field name must be plain text")
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, path, "merge keys (`<<`) are not supported; write the fields out")
            key = str(key_node.value)
            key_path = (*path, key)
            if key in first:
                # Keep the first value and read on, so the rest of the file is checked too.
                first_line = first[key].start_mark.line + 1
                message = f"duplicate field `{key}` (first given on line {first_line})"
                self.document.problems.append(self.fail(key_node, key_path, message).problem)
                continue
            first[key] = key_node
            result[key] = self.convert(value_node, key_path)
        return result
