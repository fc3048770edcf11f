"""Shared helpers for every test folder."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

# Material prints a long notice about MkDocs 2 on every build.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def load_script(name: str) -> ModuleType:
    """One of `scripts/`, which is not a package, loaded as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
