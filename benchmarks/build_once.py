"""Build one site in this process and print wall time, CPU time and peak memory as JSON.

Run as a child of ``run.py`` so that each build starts cold and its peak
memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def peak_kb() -> int:
    """This process's peak resident memory.

    Not ru_maxrss: Linux carries it across exec, so a child would report its
    parent's peak when that is higher. VmHWM belongs to this address space alone.
    """
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    config_file = sys.argv[1]
    started, cpu_started = time.perf_counter(), time.process_time()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    build(load_config(config_file))
    print(json.dumps({
        "wall": time.perf_counter() - started,
        "cpu": time.process_time() - cpu_started,
        "peak_kb": peak_kb(),
    }))


if __name__ == "__main__":
    main()
