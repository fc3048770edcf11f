"""Shared helpers for every test folder."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

# Material prints a long notice about MkDocs 2 on every build.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
