"""What a saved answer depends on: per-question fingerprints and quiz versions.

The browser keeps each answer with the fingerprint of its question (see the
README, "Saved data"). A fingerprint hashes only what decides how that answer
scores, so rewording a prompt, an option, a feedback or an explanation, or
adding a question, keeps every answer; a change to what an answer means for
scoring drops the answers to that question alone.

* A knowledge-check question: its option ids (as a set: reordering options that
  have ids keeps answers), its correct ids and whether several may be picked.
* A diagnostic question: its options' ids and weights, and every rule that rules
  outcomes out and whose ``when`` names the question (its answers and exclusions:
  a rule's note, and when the note shows, change no result).

A quiz's version is a hash of the scoring-relevant content only. Share links
(``#r=1.<version>.…``), results files' ``quizVersion`` and My results' best
scores carry it. A knowledge check's version ignores the order of questions and
options (nothing positional refers to it); a diagnostic's version covers the
order too, because a share link names answers by question and option position.

Everything is computed from the payload the browser receives, so whatever
scoring data a payload gains is covered without listing it here; only texts
and links to lessons (:data:`TEXT_KEYS`, :data:`NOT_SCORING_KEYS`) are left out.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

from pydantic import BaseModel

from .models import Diagnostic, KnowledgeCheck

Payload = dict[str, Any]

TEXT_KEYS = frozenset(
    {"title", "prompt", "text", "reason", "because", "help", "summary", "explanation", "feedback", "intro"}
)
"""Payload fields that are wording, never scoring: left out of fingerprints and versions when they hold text."""
NOT_SCORING_KEYS = frozenset({"lessons", "closeCall"})
"""Payload fields that change what a result links to or how it is worded (a close call), never which result it is."""
DERIVED_KEYS = frozenset({"fp", "version", "legacy"})
"""Fields this module adds to a payload; never part of what they are computed from."""
FINGERPRINT_LENGTH = 8
VERSION_LENGTH = 12
"""Hex digits; share links and results files expect exactly 12 (``[0-9a-f]{12}``)."""


def _digest(value: Any, length: int) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def scoring_part(value: Any) -> Any:
    """``value`` without its wording, its links to lessons and the fields derived from it."""
    if isinstance(value, dict):
        return {
            key: scoring_part(item)
            for key, item in value.items()
            if key not in DERIVED_KEYS | NOT_SCORING_KEYS
            and not (key in TEXT_KEYS and (item is None or isinstance(item, str)))
        }
    if isinstance(value, list):
        return [scoring_part(item) for item in value]
    return value


HOW_SCORED_KEYS = frozenset({"points", "policy", "hints", "hintCost", "pinned"})
"""Knowledge-question fields that change how many points an answer earns (or how options are
shown), never what the answer means: in the check's version, not in the question's fingerprint."""


def knowledge_fingerprint(question: Payload) -> str:
    """The fingerprint of a knowledge-check payload question: what its answers mean."""
    if question.get("type", "choice") == "choice":
        # Sorted: options reordered (with their ids) mean the same; this is the fingerprint
        # choice questions have had since fingerprints exist.
        meaning: Payload = {
            "options": sorted(question["options"]), "correct": sorted(question["correct"]), "multiple": question["multiple"],
        }
    else:
        meaning = {k: v for k, v in scoring_part(question).items() if k not in HOW_SCORED_KEYS and k != "id"}
    return _digest(meaning, FINGERPRINT_LENGTH)


NOTE_KEYS = frozenset({"note", "outcomes"})
"""Rule fields that decide whether its note shows, never which result it is."""


def diagnostic_fingerprint(question: Payload, rules: list[Payload]) -> str:
    """The fingerprint of a diagnostic payload question, given the payload's rules."""
    options = sorted((scoring_part(option) for option in question["options"]), key=lambda option: option["id"])
    naming = sorted(
        (
            {key: value for key, value in scoring_part(rule).items() if key not in NOTE_KEYS}
            for rule in rules
            if rule.get("exclude") and question["id"] in rule.get("when", {})
        ),
        key=lambda rule: str(rule.get("id")),
    )
    return _digest({"options": options, "rules": naming}, FINGERPRINT_LENGTH)


def add_fingerprints(payload: Payload) -> Payload:
    """Give every question of a payload its ``fp`` and the payload its scoring ``version``; returns it."""
    if payload["kind"] == "knowledge":
        for question in payload["questions"]:
            question["fp"] = knowledge_fingerprint(question)
        # Sorted: the order of questions changes no score, and nothing refers to a knowledge question by position.
        scoring = {
            "kind": "knowledge",
            "passMark": payload["passMark"],
            "passPoints": payload.get("passPoints"),
            "draw": payload.get("draw"),
            "questions": sorted(
                [question["id"], question["fp"], *(question.get(key) for key in sorted(HOW_SCORED_KEYS - {"pinned"}))]
                for question in payload["questions"]
            ),
        }
    else:
        rules = payload.get("rules", [])
        for question in payload["questions"]:
            question["fp"] = diagnostic_fingerprint(question, rules)
        scoring = scoring_part(payload)
    payload["version"] = _digest(scoring, VERSION_LENGTH)
    return payload


V1_FIELDS: dict[str, tuple[str, ...]] = {
    "KnowledgeCheck": ("id", "kind", "title", "intro", "pass_mark", "questions"),
    "ChoiceQuestion": ("id", "prompt", "multiple", "options", "explanation"),
    "ChoiceOption": ("text", "correct", "feedback"),
    "Diagnostic": ("id", "kind", "title", "intro", "outcomes", "order", "questions", "rules"),
    "Outcome": ("id", "title", "summary", "actions", "lessons"),
    "DiagnosticChoiceQuestion": ("id", "prompt", "help", "options"),
    "DiagnosticOption": ("id", "text", "weights", "reason"),
    "Rule": ("id", "when", "exclude", "kind", "title", "text", "outcomes"),
}
"""The quiz models' fields when answers were saved under a hash of the whole content, in
order: frozen, as that hash is. A field added since counts only when it is set."""


@cache
def _added_since(kind: type[BaseModel]) -> dict[str, Any] | None:
    """The fields ``kind`` gained since, with their defaults; None when it is new or lost a field.

    Once per model class: pydantic works a default factory's signature out on every call.
    """
    fields, known = V1_FIELDS.get(kind.__name__), kind.model_fields
    if fields is None or any(name not in known for name in fields):
        return None
    return {name: info.get_default(call_default_factory=True) for name, info in known.items() if name not in fields}


def _v1_dump(model: BaseModel, dumped: dict[str, Any]) -> dict[str, Any] | None:
    """``model`` (whose whole dump is ``dumped``) as it dumped then, or None when it uses a
    field added since (or lost one).

    The quiz is dumped once and each nested model's part of that dump picked out: a dump per
    nested model cost more than everything else a payload needs.
    """
    added = _added_since(type(model))
    if added is None or any(getattr(model, name) != default for name, default in added.items()):
        return None
    fields = V1_FIELDS[type(model).__name__]
    out: dict[str, Any] = {}
    for name in fields:
        items = getattr(model, name)
        if isinstance(items, list) and items and isinstance(items[0], BaseModel):
            nested = [_v1_dump(item, part) for item, part in zip(items, dumped[name], strict=True)]
            if any(item is None for item in nested):
                return None
            out[name] = nested
        else:
            out[name] = dumped[name]
    return out


def legacy_version(quiz: KnowledgeCheck | Diagnostic) -> str | None:
    """The version saved answers carried before fingerprints: a hash of the quiz's whole content.

    The browser moves answers saved under it (``coursegen:v1:<quiz>``) into the new
    format once; they are kept only when this matches. A quiz that uses a field added
    since (an option's ``id``, say) has none: no answer saved then can be for it.
    """
    dumped = _v1_dump(quiz, quiz.model_dump(mode="json"))
    if dumped is None:
        return None
    # As pydantic's model_dump_json wrote it: compact, UTF-8.
    text = json.dumps(dumped, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:VERSION_LENGTH]
