"""Fingerprint the source article: hashes of every run of 8 consecutive words.

The course must never reuse the article's sentences. Keeping only these hashes
in the repository lets the test check that anywhere, without storing the
article's text. Usage: python scripts/article_fingerprint.py ARTICLE.txt
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

RUN = 8
OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "article-8word-runs.txt"


def words(text: str) -> list[str]:
    """Lowercase words, apostrophes dropped, so punctuation and case never hide a copied run."""
    text = text.lower().replace("\u2019", "").replace("'", "")
    return re.findall(r"[a-z0-9]+", text)


def runs(text: str, length: int = RUN) -> set[str]:
    """Hashes of every run of ``length`` consecutive words."""
    items = words(text)
    return {
        hashlib.sha256(" ".join(items[i : i + length]).encode()).hexdigest()[:16]
        for i in range(len(items) - length + 1)
    }


def main() -> None:
    article = Path(sys.argv[1]).read_text(encoding="utf-8")
    hashes = sorted(runs(article))
    OUT.write_text("# sha256[:16] of each run of 8 words of the source article (see scripts/article_fingerprint.py)\n" + "\n".join(hashes) + "\n")
    print(f"wrote {len(hashes)} hashes to {OUT}")


if __name__ == "__main__":
    main()
