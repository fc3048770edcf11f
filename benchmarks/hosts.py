"""Build time of the same course on each host: MkDocs + Material, ProperDocs + MaterialX, Zensical.

Usage: python benchmarks/hosts.py [--lessons 1000] [--runs 3]   (after `make hosts`)

For the real course and a synthetic course of ``--lessons`` lessons (benchmarks/synthetic.py,
the one run.py builds), it times each host's whole command, start-up included, as a user
runs it, and prints the medians of wall time. Zensical is timed in two steps, `course render`
(our checks and pages: the plugin's work, done ahead) and `zensical build --clean` (a clean
build; Zensical also keeps a cache between builds, timed as "again"). The hosts take turns,
so all see the same machine load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from synthetic import write_yaml_course

from tests.hosts import PROPERDOCS_CONFIG, copy_course, host_bin

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed(command: list[str], cwd: Path) -> float:
    """Wall seconds of one run of ``command`` (which must succeed)."""
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, check=True, capture_output=True, text=True)
    return time.perf_counter() - started


def steps(project: Path) -> dict[str, list[list[str]]]:
    """Each host's commands for ``project``."""
    (project / "properdocs.yml").write_text(PROPERDOCS_CONFIG, encoding="utf-8")
    zensical = str(host_bin("zensical", "zensical"))
    return {
        "MkDocs 1.6.1 + Material": [[str(ROOT / ".venv/bin/mkdocs"), "build", "-d", "site-mkdocs"]],
        "ProperDocs + MaterialX": [
            [str(host_bin("properdocs", "properdocs")), "build", "-f", "properdocs.yml", "-d", "site-properdocs"]
        ],
        "Zensical: course render": [[str(host_bin("zensical", "course")), "render", "build/docs", "--config-out", "zensical.yml"]],
        "Zensical: zensical build --clean": [[zensical, "build", "--clean", "-f", "zensical.yml"]],
        "Zensical: zensical build, again": [[zensical, "build", "-f", "zensical.yml"]],
    }


def measure(project: Path, runs: int) -> dict[str, float]:
    """Median wall time of each step over ``runs`` rounds (hosts in turn)."""
    plan = steps(project)
    times: dict[str, list[float]] = {name: [] for name in plan}
    for _ in range(runs):
        for name, commands in plan.items():
            times[name].append(sum(timed(command, project) for command in commands))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lessons", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        real = copy_course(ROOT, Path(work) / "real")
        synthetic = Path(work) / f"synthetic-{args.lessons}"
        write_yaml_course(synthetic, args.lessons)
        columns = {"the real course": measure(real, args.runs), f"{args.lessons:,} lessons": measure(synthetic, args.runs)}
    print(f"| host (median of {args.runs}, wall, start-up included) | " + " | ".join(columns) + " |")
    print("| --- | " + " | ".join("---:" for _ in columns) + " |")
    for name in next(iter(columns.values())):
        print(f"| {name} | " + " | ".join(f"{column[name]:.2f} s" for column in columns.values()) + " |")


if __name__ == "__main__":
    main()
