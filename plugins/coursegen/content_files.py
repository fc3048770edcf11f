"""What is in the course's folders, found safely before MkDocs touches ``site/``.

MkDocs walks ``docs_dir`` following symbolic links and copies every file it finds
after it has emptied ``site/``: a link that loops, a link to nothing, a named pipe
or an unreadable file there ended the build in a traceback with the old site gone.
This walk finds each of them first and reports it with its path and what to do.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Problem, display_path
from .site_files import is_page

SOURCE_SUFFIXES = (".yml", ".yaml")
"""What the plugin reads as a lesson, quiz or case file (lowercase, as `mkdocs.yml` is)."""


@dataclass
class DocsScan:
    """The docs folder as MkDocs will see it."""

    pages: list[tuple[str, str]] = field(default_factory=list)
    """Markdown pages MkDocs will read (regular files, not excluded): file path, path in ``docs_dir``."""
    in_source_folders: list[str] = field(default_factory=list)
    """Every other file MkDocs would publish from inside a course source folder."""
    others: list[tuple[str, str]] = field(default_factory=list)
    """Every other file MkDocs will copy as it is (images, stylesheets…): file path, path in ``docs_dir``."""
    problems: list[Problem] = field(default_factory=list)


def _shown(relative: str, docs_shown: str) -> str:
    return f"{docs_shown}/{relative}" if docs_shown not in ("", ".") else relative


def shown_path(path: Path, root: Path) -> str:
    """:func:`display_path`, also for a path that is a symbolic link loop (which cannot be resolved)."""
    try:
        return display_path(path, root)
    except (RuntimeError, OSError):  # pathlib raises RuntimeError for a loop
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
        return Path(relative).as_posix() if not relative.startswith("..") else path.as_posix()


def _target(path: str | Path) -> str | None:
    """Where a symbolic link points, as written; None for anything else."""
    try:
        return os.readlink(path)
    except OSError:
        return None


def _link_problem(path: Path, shown: str, error: OSError) -> Problem:
    """An entry MkDocs cannot follow: a link to nothing, a link round in a circle, or one it may not read."""
    target = _target(path)
    link = f"a symbolic link (to `{target}`)" if target is not None else "an entry"
    if error.errno == errno.ELOOP:
        message = f"{link} that leads back to itself; remove it or point it at a real file"
    elif error.errno in (errno.ENOENT, errno.ENOTDIR):
        message = f"{link} whose target does not exist; remove the link or restore its target"
    else:
        message = f"{link} that cannot be read: {error.strerror}; make its target readable or remove it"
    return Problem(shown, 1, 1, "", message)


def _special(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def scan_docs(
    docs_dir: Path, root: Path, excluded: Callable[[str, bool], bool], source_dirs: list[Path]
) -> DocsScan:
    """Walk ``docs_dir`` as MkDocs will (following links), reporting what would break the build.

    ``excluded(relative_path, is_folder)`` says what MkDocs leaves out (hidden files,
    ``exclude_docs``); nothing there is checked, since nothing there is published.
    ``source_dirs`` are the course's folders inside ``docs_dir`` whose other files are listed.
    """
    scan = DocsScan()
    docs_shown = shown_path(docs_dir, root)
    sources = [os.path.abspath(folder) + os.sep for folder in source_dirs]

    def walk(folder: str, relative: str, ancestors: frozenset[tuple[int, int]]) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            if os.path.abspath(folder) + os.sep in sources:
                return  # a course folder: the plugin reports it when it lists the folder's files
            shown = _shown(relative, docs_shown) if relative else docs_shown
            message = f"cannot list the folder: {error.strerror}; make it readable or exclude it (`exclude_docs`)"
            scan.problems.append(Problem(shown, 1, 1, "", message))
            return
        for entry in entries:
            rel = f"{relative}/{entry.name}" if relative else entry.name
            shown = _shown(rel, docs_shown)
            try:
                if entry.is_symlink():
                    info: os.stat_result | None = os.stat(entry.path)  # follows the link, as MkDocs does
                elif entry.is_file(follow_symlinks=False):
                    info = None  # the common case, known from the listing without another system call
                else:
                    info = entry.stat(follow_symlinks=False)
            except OSError as error:
                if not excluded(rel, False):
                    scan.problems.append(_link_problem(Path(entry.path), shown, error))
                continue
            mode = info.st_mode if info is not None else stat.S_IFREG
            if info is not None and stat.S_ISDIR(mode):
                if excluded(rel, True):
                    continue
                key = (info.st_dev, info.st_ino)
                if key in ancestors:
                    message = (
                        f"a symbolic link to `{_target(entry.path) or entry.path}`, a folder that contains the link: MkDocs "
                        "would follow it forever; remove the link"
                    )
                    scan.problems.append(Problem(shown, 1, 1, "", message))
                    continue
                walk(entry.path, rel, ancestors | {key})
                continue
            if excluded(rel, False):
                continue
            if not stat.S_ISREG(mode):
                message = f"{_special(mode)}, not a file: MkDocs cannot publish it; remove it or exclude it (`exclude_docs`)"
                scan.problems.append(Problem(shown, 1, 1, "", message))
            elif is_page(entry.name):
                scan.pages.append((entry.path, rel))
            elif any(os.path.abspath(entry.path).startswith(prefix) for prefix in sources):
                # Never copied as it is: the plugin reads it, or leaves it out with a warning.
                scan.in_source_folders.append(entry.path)
            elif not os.access(entry.path, os.R_OK):
                message = "cannot read the file: Permission denied; make it readable or exclude it (`exclude_docs`)"
                scan.problems.append(Problem(shown, 1, 1, "", message))
            else:
                scan.others.append((entry.path, rel))

    try:
        top = os.stat(docs_dir)
    except OSError:
        return scan  # MkDocs' own check of docs_dir has said so already
    walk(str(docs_dir), "", frozenset({(top.st_dev, top.st_ino)}))
    return scan


def source_files(folder: Path, root: Path, option: str) -> tuple[list[Path], list[Problem]]:
    """The YAML files directly in ``folder``, sorted, and what stops one being read.

    A folder that does not exist holds no files. One that cannot be listed, and a
    ``.yml`` entry that is a broken link, a link loop or not a regular file (a named
    pipe would block the build forever) are problems; ``option`` names the plugin
    option that sets the folder, for the message.
    """
    shown = shown_path(folder, root)
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except FileNotFoundError:
        return [], []
    except NotADirectoryError:
        return [], [Problem(shown, 1, 1, "", f"expected a folder of YAML files, found a file; check the `{option}` option")]
    except OSError as error:
        message = f"cannot list the folder: {error.strerror}; make it readable or set the plugin's `{option}` option"
        return [], [Problem(shown, 1, 1, "", message)]
    files: list[Path] = []
    problems: list[Problem] = []
    for entry in entries:
        if Path(entry.name).suffix not in SOURCE_SUFFIXES:
            continue
        path = Path(entry.path)
        entry_shown = f"{shown}/{entry.name}"
        try:
            mode = os.stat(entry.path).st_mode
        except OSError as error:
            problems.append(_link_problem(path, entry_shown, error))
            continue
        if stat.S_ISREG(mode):
            files.append(path)
        elif not stat.S_ISDIR(mode):  # a folder named like a file is simply not one of ours
            message = f"{_special(mode)}, not a file: it cannot be read; remove it"
            problems.append(Problem(entry_shown, 1, 1, "", message))
    return files, problems


def other_files(folder: Path) -> list[Path]:
    """The entries of ``folder`` that are neither YAML sources nor hidden, sorted (none if unlistable)."""
    try:
        with os.scandir(folder) as listing:
            return sorted(
                Path(entry.path)
                for entry in listing
                if not entry.name.startswith(".") and Path(entry.name).suffix not in SOURCE_SUFFIXES
            )
    except OSError:
        return []
