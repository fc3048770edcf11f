"""What `mkdocs serve` costs after one lesson is edited: the whole rebuild and the plugin's share.

Usage: python benchmarks/serve_rebuild.py [--lessons 1000] [--edits 3]

It does what `mkdocs serve` does, in one process: the plugin instance lives from one
build to the next (MkDocs keeps plugins that have ``on_startup``), the configuration is
read again for each rebuild, and one lesson file is changed before each. The plugin's
share is the time spent in its event handlers (loading and checking the course,
rendering lessons and quizzes, the tools' pages, the Content-Security-Policy).
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "plugins"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from synthetic import write_yaml_course

EVENTS = ("on_config", "on_files", "on_page_content", "on_env", "on_post_page", "on_post_template", "on_post_build")
"""The plugin's plain handlers; ``on_page_context`` is a combined event, timed handler by handler."""


def timed(spent: dict[str, float], name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    """``method`` adding its time to ``spent[name]`` (keeping its event priority)."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - started

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lessons", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()

    from coursegen.plugin import CoursePlugin
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import CombinedEvent

    spent: dict[str, float] = defaultdict(float)
    for event in EVENTS:
        setattr(CoursePlugin, event, timed(spent, event, getattr(CoursePlugin, event)))
    # The search view's cut before the search plugin and its restoring after: two handlers of one event.
    combined = CoursePlugin.on_page_context
    CoursePlugin.on_page_context = CombinedEvent(*(timed(spent, "on_page_context", m) for m in combined.methods))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "course"
        write_yaml_course(root, args.lessons)
        site = Path(folder) / "site"
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=False)
        started = time.perf_counter()
        build(config, serve_url="http://127.0.0.1:8000/synthetic/")
        first = time.perf_counter() - started
        print(f"{args.lessons:,} lessons: first build {first:.2f} s, of which the plugin {sum(spent.values()):.2f} s")
        lesson = root / "content" / "lessons" / "lesson-00007.yml"
        totals, shares = [], []
        for edit in range(args.edits):
            spent.clear()
            lesson.write_text(lesson.read_text().replace("minutes: 6", f"minutes: {7 + edit % 2}", 1))
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
            started = time.perf_counter()
            build(config, serve_url="http://127.0.0.1:8000/synthetic/")
            totals.append(time.perf_counter() - started)
            shares.append(sum(spent.values()))
            parts = ", ".join(f"{event} {seconds:.3f}" for event, seconds in sorted(spent.items(), key=lambda kv: -kv[1]))
            print(f"  rebuild after editing one lesson: {totals[-1]:.2f} s, plugin {shares[-1]:.3f} s ({parts})")
        print(
            f"Median of {args.edits} rebuilds: {statistics.median(totals):.2f} s in all, "
            f"the plugin's share {statistics.median(shares):.3f} s (target under 0.5 s)"
        )
        config.plugins.on_shutdown()


if __name__ == "__main__":
    main()
