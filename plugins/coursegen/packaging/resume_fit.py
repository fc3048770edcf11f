"""Whether a learner's resume data can fit a platform's limit (SCORM 1.2: 4,096 characters).

The package's launch page (``assets/resume.js``) sends the platform every value the
course keeps under its namespace: one entry per lesson (``p:<lesson>``), one saved state
per quiz (``q:<quiz>``) and the shuffling seed, as one JSON object, plain when it fits and
else raw-deflated (the browser's ``CompressionStream('deflate-raw')``) and base64-encoded.
The build makes the same object for the worst case (every lesson visited and completed,
every quiz holding its largest state, :func:`storage_limits.largest_state`) and measures it
the same way, so an author learns before uploading that a course cannot resume on a platform.
"""

from __future__ import annotations

import base64
import json
import posixpath
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..runtime_data import quiz_payload
from ..storage_limits import WIDEST_TIME, largest_state

if TYPE_CHECKING:
    from ..loading import Course

PLAIN, PACKED = "j:", "z:"
"""The prefixes ``resume.js`` gives its two encodings."""
SCORM12_LIMIT = 4096
"""Characters of ``cmi.suspend_data`` a SCORM 1.2 platform must keep."""
SCORM2004_LIMIT = 64_000
"""Characters of ``cmi.suspend_data`` a SCORM 2004 (4th edition) platform must keep."""
WIDEST_SEED = 2**31
"""The largest shuffling seed ``arrange.js`` draws."""


@dataclass(frozen=True)
class Fit:
    """The worst case's size: as JSON, and as the browser sends it."""

    plain: int
    sent: int
    limit: int

    @property
    def fits(self) -> bool:
        """Whether the worst case is within the limit."""
        return self.sent <= self.limit


def worst_case(course: Course, lessons_dir: str) -> dict[str, Any]:
    """The largest resume object the course's pages can leave: every lesson visited and
    completed (its path as a package build writes it), every quiz's largest saved state."""
    out: dict[str, Any] = {}
    for lesson_id in course.lessons:
        page = posixpath.normpath(posixpath.join(lessons_dir, f"{lesson_id}.html"))
        out[f"p:{lesson_id}"] = {"p": page, "v": WIDEST_TIME, "c": WIDEST_TIME}
    for quiz_id, sourced in course.quizzes.items():
        out[f"q:{quiz_id}"] = largest_state(sourced.model, quiz_payload(sourced.model))
    out["seed"] = str(WIDEST_SEED)
    return out


def encode(resume: dict[str, Any], limit: int) -> str:
    """The text ``resume.js`` sends: plain JSON when it fits ``limit``, else deflated and base64."""
    text = json.dumps(resume, separators=(",", ":"), ensure_ascii=False)
    if len(PLAIN) + len(text) <= limit:
        return PLAIN + text
    # Raw deflate (no zlib header) at zlib's default level, as Chromium's CompressionStream.
    packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    packed = packer.compress(text.encode("utf-8")) + packer.flush()
    return PACKED + base64.b64encode(packed).decode("ascii")


def measure(course: Course, lessons_dir: str, limit: int) -> Fit:
    """The worst case of ``course`` against ``limit``."""
    resume = worst_case(course, lessons_dir)
    plain = len(json.dumps(resume, separators=(",", ":"), ensure_ascii=False))
    return Fit(plain=plain, sent=len(encode(resume, limit)), limit=limit)


def describe(title: str, fit: Fit, standard: str) -> str:
    """The build's line about the fit (a problem when it does not fit)."""
    if fit.fits:
        return (f"{standard} package of “{title}”: the learner's resume data takes at most {fit.sent:,} of the "
                f"{fit.limit:,} characters of cmi.suspend_data ({fit.plain:,} before compression)")
    return (f"{standard} package of “{title}”: the learner's resume data could take {fit.sent:,} characters "
            f"(compressed; {fit.plain:,} before), more than the {fit.limit:,} of cmi.suspend_data. On the "
            "platform a learner would lose the oldest quiz answers when changing device (nothing is lost in "
            "their own browser); make a SCORM 2004 or cmi5 package instead, or split the course")
