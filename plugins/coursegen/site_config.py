"""What the course needs of the site's configuration (``mkdocs.yml``), read without MkDocs.

MkDocs 2 drops plugins and Zensical runs none, so the core cannot lean on MkDocs' own
configuration: :func:`read_site_config` reads the settings the course uses (folders, URLs,
Markdown extensions, the theme's language, nav, extra files) as MkDocs would, with its YAML
tags (``!ENV``, ``!relative``, ``!!python/name``) and ``INHERIT``. The MkDocs plugin makes the
same :class:`SiteConfig` from MkDocs' own, already validated configuration
(:func:`coursegen.mkdocs_site.site_config`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pathspec
import yaml

from .diagnostics import CourseError, Problem
from .validation import describe

BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
"""The Markdown extensions MkDocs always loads, before the site's own."""
COURSE_PLUGIN = "course"


@dataclass
class Script:
    """An ``extra_javascript`` entry: its path and, for a module, its ``type``."""

    path: str
    type: str | None = None

    def __str__(self) -> str:
        return self.path


@dataclass
class SiteConfig:
    """The settings of ``mkdocs.yml`` the course reads, with MkDocs' defaults."""

    config_file: Path | None
    docs_dir: Path
    site_dir: Path
    site_name: str = ""
    site_url: str | None = None
    use_directory_urls: bool = True
    strict: bool = False
    markdown_extensions: list[str] = field(default_factory=lambda: list(BUILTIN_EXTENSIONS))
    mdx_configs: dict[str, Any] = field(default_factory=dict)
    theme: dict[str, Any] = field(default_factory=lambda: {"name": "mkdocs"})
    """``name``, ``language``, ``font``, ``features``… as written (a theme given by name alone is ``{name}``)."""
    nav: Any = None
    exclude_docs: pathspec.PathSpec[Any] | None = None
    draft_docs: pathspec.PathSpec[Any] | None = None
    extra_css: list[str] = field(default_factory=list)
    extra_javascript: list[Script] = field(default_factory=list)
    plugins: dict[str, Any] = field(default_factory=dict)
    """Each plugin's options by name, as written (``course``'s are checked by :class:`~coursegen.config.CourseConfig`)."""

    @property
    def root(self) -> Path:
        """The folder of ``mkdocs.yml`` (the working folder when there is no file)."""
        return self.config_file.parent if self.config_file else Path.cwd()

    @property
    def theme_name(self) -> str | None:
        """The theme's name, if set."""
        name = self.theme.get("name")
        return name if isinstance(name, str) else None

    @property
    def language(self) -> str | None:
        """``theme.language``, if set."""
        language = self.theme.get("language")
        return language if isinstance(language, str) else None


def read_site_config(config_file: Path, **overrides: Any) -> SiteConfig:
    """``mkdocs.yml`` (and what it inherits) as :class:`SiteConfig`; ``overrides`` win over the file.

    Raise :class:`CourseError` naming the file and line of what cannot be read.
    """
    config_file = Path(os.path.abspath(config_file))  # as MkDocs holds it: absolute, links not resolved
    relatives: list[_Relative] = []
    raw = {**_load(config_file, relatives), **overrides}
    root = config_file.parent
    problems: list[Problem] = []

    def text(key: str, default: str) -> str:
        value = raw.get(key, default)
        if value is None:
            return default
        if isinstance(value, os.PathLike):
            return str(os.fspath(value))
        if not isinstance(value, str):
            problems.append(setting_problem(config_file, key, f"expected a path, got {describe(value)}"))
            return default
        return value

    def flag(key: str, default: bool) -> bool:
        value = raw.get(key, default)
        if not isinstance(value, bool):
            problems.append(setting_problem(config_file, key, f"expected true or false, got {describe(value)}"))
            return default
        return value

    docs_dir = Path(os.path.abspath(root / text("docs_dir", "docs")))
    site_dir = Path(os.path.abspath(root / text("site_dir", "site")))
    extensions, configs = _extensions(raw.get("markdown_extensions"), config_file, problems)
    theme = raw.get("theme")
    theme_settings = dict(theme) if isinstance(theme, dict) else {"name": theme if isinstance(theme, str) else "mkdocs"}
    site_url = raw.get("site_url")
    site = SiteConfig(
        config_file=config_file,
        docs_dir=docs_dir,
        site_dir=site_dir,
        site_name=str(raw.get("site_name") or ""),
        site_url=site_url if isinstance(site_url, str) and site_url else None,
        use_directory_urls=flag("use_directory_urls", True),
        strict=flag("strict", False),
        markdown_extensions=extensions,
        mdx_configs=configs,
        theme=theme_settings,
        nav=raw.get("nav"),
        exclude_docs=_spec(raw.get("exclude_docs"), "exclude_docs", config_file, problems),
        draft_docs=_spec(raw.get("draft_docs"), "draft_docs", config_file, problems),
        extra_css=[str(item) for item in raw.get("extra_css") or []],
        extra_javascript=[_script(item) for item in raw.get("extra_javascript") or []],
        plugins=_plugins(raw.get("plugins"), config_file, problems),
    )
    for relative in relatives:
        relative.docs_dir = docs_dir
    if problems:
        raise CourseError(problems)
    return site


def _load(config_file: Path, relatives: list[_Relative]) -> dict[str, Any]:
    """The file's settings, its ``INHERIT`` parent's merged under them (as MkDocs merges them)."""
    shown = config_file.name
    try:
        with config_file.open(encoding="utf-8-sig") as stream:
            data = yaml.load(stream, Loader=_loader(config_file, relatives))
    except OSError as error:
        raise CourseError([Problem(shown, 1, 1, "", f"cannot read the configuration: {error.strerror}")]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise CourseError([Problem(shown, line, column, "", f"invalid YAML: {error.problem}")]) from None
    except yaml.YAMLError as error:
        raise CourseError([Problem(shown, 1, 1, "", f"invalid YAML: {error}")]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CourseError([Problem(shown, 1, 1, "", f"expected settings (`name: value` lines), got {describe(data)}")])
    parent = data.pop("INHERIT", None)
    if parent is None:
        return data
    inherited = (config_file.parent / str(parent)).resolve()
    if not inherited.is_file():
        raise CourseError([setting_problem(config_file, "INHERIT", f"the inherited file {parent!r} does not exist ({inherited})")])
    return _merge(_load(inherited, relatives), data)


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """``child`` over ``parent``: mappings merged key by key, everything else replaced (mergedeep's rule)."""
    merged = dict(parent)
    for key, value in child.items():
        below = merged.get(key)
        merged[key] = _merge(below, value) if isinstance(below, dict) and isinstance(value, dict) else value
    return merged


class _Relative(os.PathLike[str]):
    """``!relative $config_dir/…`` or ``$docs_dir/…`` (a bare ``!relative``, the page's folder,
    is taken as docs_dir: no page is being converted when the course reads its settings)."""

    def __init__(self, config_dir: Path | None, suffix: str) -> None:
        self.config_dir, self.suffix = config_dir, suffix
        self.docs_dir = Path("docs")
        """Set once ``docs_dir`` is known (:func:`read_site_config`)."""

    def __fspath__(self) -> str:
        return os.path.join(self.config_dir or self.docs_dir, self.suffix)

    def __str__(self) -> str:
        return self.__fspath__()


def _loader(config_file: Path, relatives: list[_Relative] | None = None) -> type[yaml.Loader]:
    """The loader for ``config_file``; each ``!relative`` it makes goes into ``relatives``, to be
    told ``docs_dir`` once that is known."""
    class Loader(yaml.Loader):  # type: ignore[misc]  # PyYAML has no type hints
        """MkDocs' loader: the full one (``!!python/name`` in extension settings) with its tags."""

    def env(loader: yaml.Loader, node: yaml.Node) -> Any:
        # pyyaml-env-tag's rule: the first variable set, else the last item as the default.
        if isinstance(node, yaml.ScalarNode):
            return os.environ.get(str(loader.construct_scalar(node)))
        items = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
        for name in items[:-1] if len(items) > 1 else items:
            if isinstance(name, str) and name in os.environ:
                return yaml.load(os.environ[name], Loader=yaml.SafeLoader) if os.environ[name] else None
        return items[-1] if len(items) > 1 else None

    def relative(loader: yaml.Loader, node: yaml.Node) -> _Relative:
        value = str(loader.construct_scalar(node) or "") if isinstance(node, yaml.ScalarNode) else ""
        prefix, _, suffix = value.partition("/")
        made = _Relative(config_file.parent if prefix == "$config_dir" else None, suffix if prefix.startswith("$") else value)
        if relatives is not None:
            relatives.append(made)
        return made

    Loader.add_constructor("!ENV", env)
    Loader.add_constructor("!relative", relative)
    return Loader


def _named(value: Any, key: str, what: str, config_file: Path, problems: list[Problem]) -> list[tuple[str, Any]]:
    """A list of ``what`` as MkDocs takes it: names, or one-key mappings of a name to its
    settings (or a mapping of names to settings); each as (name, settings or None)."""
    if value is None:
        return []
    entries = [{name: item} for name, item in value.items()] if isinstance(value, dict) else value
    if not isinstance(entries, list):
        problems.append(setting_problem(config_file, key, f"expected a list of {what}, got {describe(value)}"))
        return []
    named: list[tuple[str, Any]] = []
    for entry in entries:
        if isinstance(entry, str):
            named.append((entry, None))
        elif isinstance(entry, dict) and len(entry) == 1:
            name, settings = next(iter(entry.items()))
            named.append((str(name), settings))
        else:
            problems.append(setting_problem(config_file, key, f"expected a name or `name: settings`, got {describe(entry)}"))
    return named


def _extensions(value: Any, config_file: Path, problems: list[Problem]) -> tuple[list[str], dict[str, Any]]:
    """MkDocs' rule: its built-in extensions, then the site's."""
    names = list(BUILTIN_EXTENSIONS)
    configs: dict[str, Any] = {}
    for name, settings in _named(value, "markdown_extensions", "extensions", config_file, problems):
        if name not in names:
            names.append(name)
        if isinstance(settings, dict):
            configs[name] = settings
    return names, configs


def _spec(value: Any, key: str, config_file: Path, problems: list[Problem]) -> pathspec.PathSpec[Any] | None:
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(setting_problem(config_file, key, f"expected gitignore-style patterns (one a line), got {describe(value)}"))
        return None
    return pathspec.GitIgnoreSpec.from_lines(value.splitlines())


def _script(item: Any) -> Script:
    if isinstance(item, dict):
        kind = item.get("type")
        return Script(str(item.get("path", "")), kind if isinstance(kind, str) else None)
    return Script(str(item))


def _plugins(value: Any, config_file: Path, problems: list[Problem]) -> dict[str, Any]:
    """Each plugin's options by name (a plugin named alone has none; options that are no mapping
    are kept as written, for the reader of the plugin's options to say where)."""
    return {
        name: {} if options is None else options
        for name, options in _named(value, "plugins", "plugins", config_file, problems)
    }


def setting_problem(config_file: Path, key: str, message: str) -> Problem:
    """A problem with a top-level setting, placed at its line (the file's first when it is inherited)."""
    line, column = 1, 1
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=_loader(config_file))
    except (OSError, yaml.YAMLError):
        node = None
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if getattr(key_node, "value", None) == key:
                line, column = value_node.start_mark.line + 1, value_node.start_mark.column + 1
    return Problem(config_file.name, line, column, key, message)
