"""The repository as a whole: the package ships every file it needs, and the code is lint-clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "plugins" / "coursegen"


def tracked_package_files() -> set[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "plugins/coursegen"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()
    return {name.removeprefix("plugins/") for name in listed if "__pycache__" not in name}


def test_the_wheel_holds_every_file_of_the_package(tmp_path: Path) -> None:
    """A non-editable install (as on GitHub Actions) must carry templates, starters, assets and languages."""
    # From a copy: a build/ or *.egg-info left in the checkout would hide a missing file.
    source = tmp_path / "source"
    shutil.copytree(ROOT / "plugins", source / "plugins", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(source)],
        capture_output=True, text=True, check=False, timeout=300,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = tmp_path.glob("coursegen-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name for name in archive.namelist() if name.startswith("coursegen/")}
    # The readable sources of the scripts stay in the repository: sites get dist/, their minified form.
    sources = {name for name in tracked_package_files() if name.startswith("coursegen/assets/")}
    missing = sorted(tracked_package_files() - sources - shipped)
    assert not missing, f"files of the package missing from the wheel: {missing}"
    assert not sources & shipped, f"readable sources in the wheel: {sorted(sources & shipped)[:5]}"
    assert any(name.startswith("coursegen/dist/questions/") for name in shipped), "no question type's module in the wheel"


def test_mypy_finds_nothing() -> None:
    """The package's type hints hold (strict, with pydantic's plugin; settings in pyproject.toml)."""
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental"], cwd=ROOT, capture_output=True, text=True, check=False, timeout=300,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_ruff_finds_nothing() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=120,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
