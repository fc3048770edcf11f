"""Where the plugin's options are written in ``mkdocs.yml``, so their errors name the line.

MkDocs validates plugin options from a plain dict and forgets where each came from;
this module finds the option again in the file. ``mkdocs.yml`` often carries tags
(``!ENV``, ``!!python/name:``), so the file is only composed (never constructed):
that keeps every node's position and needs no constructor for the tags.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .config import CourseConfig
from .diagnostics import Problem
from .option_base import OptionError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MAX_INHERIT = 5
"""How many ``INHERIT:`` parents to follow looking for the option (they may chain)."""


def _compose(path: Path) -> Node | None:
    try:
        return yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None  # MkDocs read it already; a position is a nicety, never a new failure


def _get(mapping: Node | None, key: str) -> tuple[ScalarNode, Node] | None:
    if isinstance(mapping, MappingNode):
        for key_node, value_node in mapping.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return key_node, value_node
    return None


def _plugin_entry(root: Node | None, plugin: str) -> tuple[Node, Node | None] | None:
    """The node naming the plugin and the mapping of its options (None when it has none)."""
    found = _get(root, "plugins")
    if found is None:
        return None
    plugins = found[1]
    if isinstance(plugins, SequenceNode):
        for item in plugins.value:
            if isinstance(item, ScalarNode) and item.value == plugin:
                return item, None
            entry = _get(item, plugin)
            if entry is not None:
                return entry
    entry = _get(plugins, plugin)  # the mapping form: `plugins: {course: {...}}`
    return entry if entry is not None else (found[0], None)


def option_position(
    config_file: Path, plugin: str, key: str, *, at_key: bool = False, within: tuple[str, ...] = ()
) -> tuple[Path, int, int]:
    """The file, line and column of the plugin option ``key`` (its value, or its name with
    ``at_key``); the plugin's entry, or the top of ``config_file``, when it is not written out.
    ``within`` are keys inside the option's value (``strings: {runtime: {check: …}}``): the
    deepest of them that is written out is the place, at its name."""
    path, fallback = config_file, (config_file, 1, 1)
    for _ in range(_MAX_INHERIT + 1):
        root = _compose(path)
        entry = _plugin_entry(root, plugin)
        if entry is not None:
            name, options = entry
            if fallback[0] == config_file and fallback[1:] == (1, 1):
                fallback = (path, name.start_mark.line + 1, name.start_mark.column + 1)
            option = _get(options, key)
            if option is not None:
                node = option[0] if at_key else option[1]
                value = option[1]
                for inner in within:
                    found = _get(value, inner)
                    if found is None:
                        break
                    node, value = found
                return path, node.start_mark.line + 1, node.start_mark.column + 1
        parent = _get(root, "INHERIT")
        if parent is None or not isinstance(parent[1], ScalarNode):
            break
        path = (path.parent / parent[1].value).resolve()
    return fallback


def _shown(path: Path, config_file: Path) -> str:
    try:
        return path.relative_to(config_file.parent).as_posix()
    except ValueError:
        return path.as_posix()


def option_problem(
    config_file: Path, plugin: str, key: str, message: str, *, at_key: bool = False, within: tuple[str, ...] = ()
) -> Problem:
    """A problem with the plugin option ``key``, placed where ``mkdocs.yml`` sets it (or the key ``within`` it)."""
    path, line, column = option_position(config_file, plugin, key, at_key=at_key, within=within)
    return Problem(_shown(path, config_file), line, column, f"plugins.{plugin}.{key}", message)


def unknown_option_message(key: str, known: Iterable[str]) -> str:
    """What to say about an option the plugin does not have, with the likely intended one."""
    names = sorted(known)
    close = difflib.get_close_matches(key, names, n=1)
    hint = f" (did you mean `{close[0]}`?)" if close else ""
    return f"unknown option `{key}`{hint}; the options are " + ", ".join(f"`{name}`" for name in names)


def options_shape_problem(config_file: Path, plugin: str) -> Problem | None:
    """A problem when the plugin's options are not a mapping (a list, a text), which MkDocs
    refuses without saying where; None when they are a mapping, empty or not found."""
    entry = _plugin_entry(_compose(config_file), plugin)
    options = entry[1] if entry is not None else None
    if options is None or isinstance(options, MappingNode):
        return None
    if isinstance(options, ScalarNode) and options.value in ("", "~", "null"):
        return None
    got = "a list" if isinstance(options, SequenceNode) else f"the text {options.value!r}"
    mark = options.start_mark
    message = (
        f"expected the options as a mapping (`name: value` lines indented under `{plugin}:`, "
        f"without `- `), got {got}"
    )
    return Problem(_shown(config_file, config_file), mark.line + 1, mark.column + 1, f"plugins.{plugin}", message)


def located_option_problems(
    config_file: Path, plugin: str, errors: list[tuple[str, OptionError]], unknown: list[str]
) -> tuple[list[tuple[str, Problem]], list[str]]:
    """What :meth:`CourseConfig.load` found, each error placed where ``mkdocs.yml`` sets it (a
    problem inside a mapping, one of ``strings``, at its own key), and a warning for each unknown option."""
    known = list(CourseConfig.options())
    located = [(key, option_problem(config_file, plugin, key, str(error), within=error.within)) for key, error in errors]
    warnings = [
        str(option_problem(config_file, plugin, key, unknown_option_message(key, known), at_key=True)) for key in unknown
    ]
    return located, warnings
