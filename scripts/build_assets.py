"""Make the shipped assets (``plugins/coursegen/dist/``) from their readable sources (``assets/``).

esbuild minifies each script and stylesheet on its own (no bundling: every page still
fetches only the modules it imports). The strings modules are left out: the build writes
them for the course's language. ``make assets`` runs this; a test re-runs it into a
temporary folder and fails when the committed files differ from what it makes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from coursegen.assets import STRING_MODULES

SOURCES = ROOT / "plugins" / "coursegen" / "assets"
SHIPPED = ROOT / "plugins" / "coursegen" / "dist"
ESBUILD = ROOT / "tools" / "node_modules" / ".bin" / "esbuild"
GENERATED = frozenset(STRING_MODULES.values())
"""Written by the build from the language's table (``i18n.Strings.module``), never shipped from here."""
TARGET = "es2022"
"""The oldest syntax the scripts may be written down to (logical assignment, class fields): every current browser."""


def sources() -> list[Path]:
    """The scripts and stylesheets to ship, sorted."""
    return sorted(
        path for path in SOURCES.rglob("*") if path.suffix in {".js", ".css"} and path.name not in GENERATED
    )


def build(out: Path) -> list[Path]:
    """Minify every source into ``out`` (emptied first), keeping the folders; return the files written."""
    if not ESBUILD.is_file():
        raise SystemExit(f"{ESBUILD} is missing: run `cd tools && npm ci` (make assets does it)")
    if out.exists():
        shutil.rmtree(out)
    files = [str(path.relative_to(SOURCES)) for path in sources()]
    done = subprocess.run(
        [str(ESBUILD), *files, "--minify", f"--target={TARGET}", "--legal-comments=none", "--log-level=warning",
         f"--outdir={out}", "--outbase=."],
        cwd=SOURCES, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return sorted(out.rglob("*.*"))


def main() -> None:
    for path in build(SHIPPED):
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
