"""Benchmarks: build time and memory against plain MkDocs and the leading quiz plugin, page weight, diagnostic analysis.

Usage: python benchmarks/run.py [--sizes 100 1000 5000] [--runs 3] [--prune both|on|off]

For each size it builds the same synthetic lessons three ways: with coursegen from
YAML (ours), as plain Markdown pages with MkDocs and Material alone (the floor:
what an author would write without a quiz tool), and with mkdocs-quiz in its own
syntax (the peer; left out when it is not installed: `pip install -e '.[bench]'`).
The three builds alternate, so all see the same machine load; it prints medians,
and each ratio to the floor as the median of the rounds' ratios (a round's builds run
back to back, so they share the machine's speed of the moment), with every round's.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import posixpath
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "plugins"))

from synthetic import write_peer_course, write_plain_course, write_yaml_course


def build(config: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(HERE / "build_once.py"), str(config)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


SIDES = ("ours", "plain", "peer")


def has_peer() -> bool:
    """Whether mkdocs-quiz is installed (the benchmark's ``bench`` extra)."""
    import importlib.util

    return importlib.util.find_spec("mkdocs_quiz") is not None


def compare(size: int, runs: int, prune: bool, work: Path, peer: bool) -> dict[str, Any]:
    """Build the three sides ``runs`` times each, alternating; medians of wall, CPU and peak memory."""
    roots = {side: work / f"{side}-{size}-{prune}" for side in SIDES}
    write_yaml_course(roots["ours"], size, prune=prune)
    write_plain_course(roots["ours"], roots["plain"], prune=prune)
    sides = ["ours", "plain"]
    if peer:
        write_peer_course(roots["ours"], roots["peer"], prune=prune)
        sides.append("peer")
    results: dict[str, list[dict[str, float]]] = {side: [] for side in sides}
    for _ in range(runs):
        for side in sides:
            results[side].append(build(roots[side] / "mkdocs.yml"))
    summary: dict[str, Any] = {"lessons": size, "prune": prune, "runs": runs}
    for side in sides:
        summary[side] = {
            "wall": statistics.median(r["wall"] for r in results[side]),
            "cpu": statistics.median(r["cpu"] for r in results[side]),
            "peak_mb": statistics.median(r["peak_kb"] for r in results[side]) / 1024,
            "site": roots[side] / "site",
            # Each round's side over the floor's build of the same round: the machine's speed
            # drifts by tens of percent over minutes, and a pair of neighbouring builds shares it.
            "rounds": [
                {key: mine[key] / floor[key] for key in ("cpu", "wall", "peak_kb")}
                for mine, floor in zip(results[side], results["plain"], strict=True)
            ],
        }
    return summary


def paired(x: dict[str, Any], key: str) -> float:
    """The median over rounds of a side's ``key`` over the floor's in the same round."""
    return statistics.median(r[key] for r in x["rounds"])


def row(r: dict[str, Any]) -> str:
    """One line of the table: each side's figures and its ratios to the floor."""
    plain = r["plain"]
    cells = [f"{r['lessons']:>7,} {'on' if r['prune'] else 'off':>5}"]
    for side in ("ours", "peer"):
        if side not in r:
            cells.append(f"{'(not installed)':>44}")
            continue
        x = r[side]
        cells.append(
            f"{x['cpu']:>7.2f}s {paired(x, 'cpu'):>5.2f} {paired(x, 'wall'):>5.2f} "
            f"{x['peak_mb']:>5.0f} MB {paired(x, 'peak_kb'):>5.2f}"
        )
    cells.append(f"{plain['cpu']:>7.2f}s {plain['wall']:>7.2f}s {plain['peak_mb']:>5.0f} MB")
    return "  ".join(cells)


def rounds(r: dict[str, Any]) -> str:
    """Every round's CPU ratio of each side, to show how far the machine let them spread."""
    sides = [side for side in ("ours", "peer") if side in r]
    return "    CPU / floor by round: " + "; ".join(
        f"{side} " + " ".join(f"{x['cpu']:.2f}" for x in r[side]["rounds"]) for side in sides
    )


HEADER = (
    f"{'lessons':>7} {'prune':>5}  {'ours: cpu':>8} {'/cpu':>5} {'/wall':>5} {'peak':>8} {'/mem':>5}"
    f"  {'peer: cpu':>8} {'/cpu':>5} {'/wall':>5} {'peak':>8} {'/mem':>5}  {'plain: cpu':>8} {'wall':>8} {'peak':>8}"
)


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


PAGE_TYPES = {
    "lesson with quiz": "lessons/lesson-00000/index.html",
    "plain page": "about/index.html",
    "home (diagnostic, progress)": "index.html",
    "My results": "my-results/index.html",
    "team view": "team/index.html",
}
# Static imports only: modules a page imports with import() load only when needed (a second
# tab, old saved data), so they do not count as loaded.
IMPORT = re.compile(r"""(?:^|[;}])\s*import\s*(?:[^'"();]*?from\s*)?['"](\.\.?/[\w./-]+\.js)['"]""", re.MULTILINE)
LOADS_CSS = re.compile(r"""new URL\(['"](\.\.?/[\w.-]+\.css)['"]""")
TOOL = re.compile(r'data-cg-tool="(\w+)"|class="cg-quiz cg-(diagnostic)"')
CHOICE_PAGE = ("course.css", "course.js", "strings.js")
DATA = re.compile(r'<template class="cg-data" data-search-exclude>(.*?)</template>', re.DOTALL)


def _quiz_modules(html: str) -> list[str]:
    """What course.js's start() fetches for the knowledge checks of a page: the question types'
    modules, hints.js and arrange.js where they are used."""
    wanted: list[str] = []
    for raw in DATA.findall(html):
        data = json.loads(raw)
        if data.get("kind") != "knowledge":
            continue
        wanted += [f"questions/{q['type']}.js" for q in data["questions"] if q.get("type", "choice") != "choice"]
        wanted += ["hints.js"] * any(q.get("hints") for q in data["questions"])
        wanted += ["arrange.js"] * bool(data.get("shuffle") or data.get("shuffleQuestions") or data.get("draw"))
    return wanted


def closure(wanted: list[str], assets: Path) -> list[str]:
    """These assets and every one they import or load, transitively, in loading order."""
    wanted, seen = list(wanted), []
    while wanted:
        name = wanted.pop(0)
        if name in seen or not (assets / name).is_file():
            continue
        seen.append(name)
        if name.endswith(".js"):
            code = (assets / name).read_text(encoding="utf-8")
            folder = posixpath.dirname(name)
            wanted += [posixpath.normpath(posixpath.join(folder, found)) for found in IMPORT.findall(code) + LOADS_CSS.findall(code)]
    return seen


def loaded_assets(html: str, assets: Path) -> list[str]:
    """Our files a page loads: what it links, what its quizzes and tools need, transitively."""
    # What it links, and (data-cg-src: src= matches it too) the course summary its tools fetch.
    wanted = re.findall(r'(?:src|href)="[^"]*assets/coursegen/([\w.-]+)"', html)
    wanted += [f"{tool or quiz}.js" for tool, quiz in TOOL.findall(html)] + _quiz_modules(html)
    return closure(wanted, assets)


def _gzip_sum(files: list[str], sizes: dict[str, tuple[int, int]]) -> tuple[int, int]:
    return sum(sizes[f][0] for f in files), sum(sizes[f][1] for f in files)


def _asset_sizes(assets: Path) -> dict[str, tuple[int, int]]:
    """Raw and gzip -9 bytes of each of our assets, by path under assets/coursegen/."""
    return {p.relative_to(assets).as_posix(): (p.stat().st_size, gz(p)) for p in sorted(assets.rglob("*.*"))}


def page_weight(site_a: Path, site_b: Path) -> list[str]:
    """Bytes of every asset the plugin adds, per page type, and the search index with and without it."""
    assets = site_a / "assets" / "coursegen"
    sizes = _asset_sizes(assets)
    lines = ["Assets of the plugin (raw / gzip -9):"]
    lines += [f"  {name:<26} {raw:>7,} B  {packed:>6,} B" for name, (raw, packed) in sizes.items()]
    lines.append("What each page type loads of ours:")
    for name, page in PAGE_TYPES.items():
        files = loaded_assets((site_a / page).read_text(encoding="utf-8"), assets)
        raw, packed = _gzip_sum(files, sizes)
        lines.append(f"  {name:<28} {raw:>7,} B raw  {packed:>6,} B gzip  ({', '.join(files)})")
    # What one more question type costs a lesson page that already has a choice check: its module
    # and everything it pulls in that the page does not load already.
    base = loaded_assets((site_a / PAGE_TYPES["lesson with quiz"]).read_text(encoding="utf-8"), assets)
    lines.append("Each further question type on that lesson page (gzip, what it adds):")
    for module in sorted(name for name in sizes if name.startswith("questions/") and name.endswith(".js")):
        extra = [f for f in closure([module], assets) if f not in base]
        lines.append(f"  {module.removeprefix('questions/').removesuffix('.js'):<14} {_gzip_sum(extra, sizes)[1]:>6,} B  ({', '.join(extra)})")
    index_a, index_b = site_a / "search" / "search_index.json", site_b / "search" / "search_index.json"
    lines.append(f"Search index: with plugin {index_a.stat().st_size:,} B, plain pages {index_b.stat().st_size:,} B")
    return lines


def real_course_weight(work: Path) -> list[str]:
    """What the pages of our own course load of ours, heaviest first: realistic mixes of types."""
    site = work / "real-site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assets = site / "assets" / "coursegen"
    sizes = _asset_sizes(assets)
    pages = []
    for page in sorted((site / "lessons").glob("*/index.html")):
        files = loaded_assets(page.read_text(encoding="utf-8"), assets)
        pages.append((_gzip_sum(files, sizes)[1], page.parent.name, [f for f in files if f not in CHOICE_PAGE]))
    lines = [f"Lesson pages of our own course ({len(pages)}), gzip of what each loads of ours:"]
    lines += [f"  {name:<30} {packed:>6,} B  {'+ ' + ', '.join(more) if more else '(choice only)'}" for packed, name, more in sorted(pages, reverse=True)]
    return lines


def analysis_time() -> str:
    from coursegen.analysis import analyze_diagnostic
    from coursegen.loading import CoursePaths, load_course
    from coursegen.models import Diagnostic
    from coursegen.runtime_data import diagnostic_payload

    course = load_course(CoursePaths.standard(ROOT))
    lines = []
    for quiz_id, sourced in course.quizzes.items():
        if isinstance(sourced.model, Diagnostic):
            payload = diagnostic_payload(sourced.model)
            timings = []
            for _ in range(5):
                started = time.perf_counter()
                analysis = analyze_diagnostic(payload)
                timings.append(time.perf_counter() - started)
            lines.append(
                f"Diagnostic analysis of `{quiz_id}`: {analysis.total:,} combinations, "
                f"{'exact' if analysis.exact else 'estimated'}, median {statistics.median(timings) * 1000:.0f} ms"
            )
    return "\n".join(lines)


def growth(results: list[dict[str, Any]]) -> list[str]:
    """How CPU time grows from one size to the next on each side (target: ours no faster than plain)."""
    lines = []
    for prune in (False, True):
        sized = sorted((r for r in results if r["prune"] == prune), key=lambda r: r["lessons"])
        for small, large in itertools.pairwise(sized):
            sides = [side for side in SIDES if side in small and side in large]
            factors = ", ".join(f"{side} ×{large[side]['cpu'] / small[side]['cpu']:.2f}" for side in sides)
            lines.append(f"CPU growth {small['lessons']:,} → {large['lessons']:,} lessons (prune {'on' if prune else 'off'}): {factors}")
    return lines


HTML_PAGES = {"home": "index.html", "My results": "my-results/index.html", "team view": "team/index.html"}


def html_weight(results: list[dict[str, Any]]) -> list[str]:
    """Gzip of the HTML of the pages that show the whole course, ours against the same page plain."""
    lines = ["HTML of the pages that show the course (gzip -9; ours, plain, difference):"]
    for r in results:
        cells = []
        for name, page in HTML_PAGES.items():
            ours, plain = gz(r["ours"]["site"] / page), gz(r["plain"]["site"] / page)
            cells.append(f"{name} {ours:,} / {plain:,} ({ours - plain:+,} B)")
        lines.append(f"  {r['lessons']:>6,} lessons, prune {'on' if r['prune'] else 'off'}: " + "; ".join(cells))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--prune", choices=("both", "on", "off"), default="both")
    args = parser.parse_args()
    prunes = {"both": [False, True], "on": [True], "off": [False]}[args.prune]
    print(analysis_time())
    peer = has_peer()
    if not peer:
        print("mkdocs-quiz is not installed: the peer is left out (pip install -e '.[bench]')")
    with tempfile.TemporaryDirectory() as folder:
        results: list[dict[str, Any]] = []
        print(f"Medians of {args.runs} alternating runs; a ratio is the median of each round's ratio to the floor.")
        print(HEADER)
        for size in args.sizes:
            for prune in prunes:
                r = compare(size, args.runs, prune, Path(folder), peer)
                results.append(r)
                print(row(r), rounds(r), sep="\n", flush=True)
        print("\n".join(growth(results)))
        if results:
            print("\n".join(html_weight(results)))
            print("\n".join(page_weight(results[-1]["ours"]["site"], results[-1]["plain"]["site"])))
        print("\n".join(real_course_weight(Path(folder))))


if __name__ == "__main__":
    main()
