"""Lighthouse's accessibility, best-practices and SEO scores of every page type, light and dark.

    .venv/bin/python scripts/lighthouse.py [--site DIR] [PATH ...]

Builds the course (or takes a built site), serves it on 127.0.0.1 under /course/ as GitHub
Pages would, runs Lighthouse (the exact version in tests/browser/package.json, with Debian's
Chromium, or CHROME_PATH) on the home page, a lesson, the self-assessment, My results and the
team view, each in both palettes, prints the three scores of each and what failed, and exits
with 1 when any score is below 100. Needs `npm ci` in tests/browser; takes about a minute.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "scripts" / "lighthouse_run.mjs"
PAGES = ("", "lessons/why-power-matters/", "self-assessment/", "my-results/", "team/")
PREFIX = "/course/"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The site under /course/, and nothing outside it (as on GitHub Pages' project sites)."""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(PREFIX):
            return "/nonexistent"
        return super().translate_path("/" + path[len(PREFIX):])

    def log_message(self, format: str, *args: object) -> None:
        pass


def build(into: Path) -> None:
    """The course in this repository, built as `make build` does."""
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(into)], cwd=ROOT, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def audit(site: Path, paths: list[str]) -> list[dict[str, object]]:
    """Lighthouse's results for each path, light then dark, from the site served on 127.0.0.1."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    try:
        done = subprocess.run(["node", str(RUNNER), base, *paths], capture_output=True, text=True, check=False)
    finally:
        server.shutdown()
    if done.returncode:
        raise SystemExit(f"Lighthouse did not run:\n{done.stderr.strip()}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def main(argv: list[str] | None = None) -> int:
    """Print each page's scores; 1 when any is below 100."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the course into a temporary folder)")
    parser.add_argument("paths", nargs="*", default=list(PAGES), help="pages, relative to the site (default: one of each type)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            build(site)
        runs = audit(site, args.paths)
    below = 0
    for run in runs:
        scores = run["scores"]
        assert isinstance(scores, dict)
        line = "  ".join(f"{name} {score:3d}" for name, score in scores.items())
        print(f"{'/' + str(run['path']):36} {run['scheme']:5}  {line}")
        if run.get("runtimeError"):
            print(f"    Lighthouse: {run['runtimeError']}")
            below += 1
        if run["scheme"] == "dark" and not run["dark"]:
            print("    the dark palette did not hold through the run")
            below += 1
        for failed in run["failed"]:  # type: ignore[attr-defined]
            print(f"    {failed['id']}: {failed['title']}")
            for item in failed["items"]:
                print(f"      {item}")
        below += any(score < 100 for score in scores.values())
    if len(runs) != 2 * len(args.paths):
        print(f"only {len(runs)} of {2 * len(args.paths)} runs reported")
        return 1
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
