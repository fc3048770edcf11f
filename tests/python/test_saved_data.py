"""What saved answers depend on (fingerprints, versions) and the build's guarantee that they fit.

The rules (README: "Saved data"): rewording anything, or adding a question, keeps every
fingerprint; a change to what an answer means for scoring changes exactly its question's.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from coursegen.fingerprints import legacy_version
from coursegen.models import Diagnostic, KnowledgeCheck
from coursegen.runtime_data import quiz_payload
from coursegen.storage_limits import MAX_VALUE, largest_state, largest_state_length

from tests.conftest import ROOT
from tests.python.conftest import Project

KNOWLEDGE: dict[str, Any] = {
    "id": "check", "kind": "knowledge", "pass_mark": 50,
    "questions": [
        {"id": "one", "prompt": "One?", "explanation": "Because.", "options": [
            {"text": "A", "correct": True, "feedback": "Yes."}, {"text": "B", "feedback": "No."}, {"text": "C", "feedback": "No."}]},
        {"id": "two", "prompt": "Two?", "explanation": "Because.", "options": [
            {"text": "A", "correct": True, "feedback": "Yes."}, {"text": "B", "correct": True, "feedback": "Yes."},
            {"text": "C", "feedback": "No."}]},
    ],
}
DIAGNOSTIC: dict[str, Any] = {
    "id": "fit", "kind": "diagnostic", "title": "Fit?", "order": ["p", "q"],
    "outcomes": [{"id": "p", "title": "P", "summary": "P.", "actions": ["Do p."]},
                 {"id": "q", "title": "Q", "summary": "Q.", "actions": ["Do q."]}],
    "questions": [
        {"id": "a", "prompt": "A?", "options": [{"id": "x", "text": "X", "weights": {"p": 2}}, {"id": "y", "text": "Y", "weights": {"q": 2}}]},
        {"id": "b", "prompt": "B?", "options": [{"id": "x", "text": "X", "weights": {"p": 1}}, {"id": "y", "text": "Y", "weights": {"q": 1}}]},
        {"id": "c", "prompt": "C?", "options": [{"id": "x", "text": "X", "weights": {"q": 1}}, {"id": "y", "text": "Y", "weights": {"p": 1}}]},
    ],
    "rules": [{"id": "r", "when": {"a": ["x"], "b": ["y"]}, "exclude": ["q"]}],
}


def model_of(data: dict[str, Any]) -> KnowledgeCheck | Diagnostic:
    return KnowledgeCheck.model_validate(data) if data["kind"] == "knowledge" else Diagnostic.model_validate(data)


def payload_of(data: dict[str, Any]) -> dict[str, Any]:
    return quiz_payload(model_of(data))


def fingerprints(data: dict[str, Any]) -> dict[str, str]:
    return {q["id"]: q["fp"] for q in payload_of(data)["questions"]}


def edited(data: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    copy = json.loads(json.dumps(data))
    change(copy)
    return copy


KNOWLEDGE_WORDING = {
    "prompt": lambda d: d["questions"][0].update(prompt="Reworded?"),
    "option text": lambda d: d["questions"][0]["options"][1].update(text="Reworded"),
    "feedback": lambda d: d["questions"][1]["options"][2].update(feedback="Reworded."),
    "explanation": lambda d: d["questions"][1].update(explanation="Reworded."),
    "title and intro": lambda d: d.update(title="Reworded", intro="New intro."),
    "questions reordered": lambda d: d["questions"].reverse(),
}
KNOWLEDGE_SCORING = {
    "correctness": ("one", lambda d: d["questions"][0]["options"][2].update(correct=True)),
    "an option added": ("two", lambda d: d["questions"][1]["options"].append({"text": "D", "feedback": "No."})),
    "an option removed": ("one", lambda d: d["questions"][0]["options"].pop()),
    "options re-keyed by moving the correct one": ("one", lambda d: d["questions"][0]["options"].reverse()),
    "multiple": ("one", lambda d: d["questions"][0].update(multiple=True)),
    "an option given another id": ("two", lambda d: d["questions"][1]["options"][2].update(id="other")),
}


@pytest.mark.parametrize("edit", KNOWLEDGE_WORDING)
def test_knowledge_wording_edits_keep_every_fingerprint_and_the_version(edit: str) -> None:
    before, after = payload_of(KNOWLEDGE), payload_of(edited(KNOWLEDGE, KNOWLEDGE_WORDING[edit]))
    assert fingerprints(KNOWLEDGE) == {q["id"]: q["fp"] for q in after["questions"]}
    assert after["version"] == before["version"]


@pytest.mark.parametrize("edit", KNOWLEDGE_SCORING)
def test_knowledge_scoring_edits_change_exactly_that_question(edit: str) -> None:
    question, change = KNOWLEDGE_SCORING[edit]
    before, after = fingerprints(KNOWLEDGE), fingerprints(edited(KNOWLEDGE, change))
    assert {q for q in before if before[q] != after[q]} == {question}
    assert payload_of(edited(KNOWLEDGE, change))["version"] != payload_of(KNOWLEDGE)["version"]


def test_an_added_question_keeps_the_others_and_changes_the_version() -> None:
    more = edited(KNOWLEDGE, lambda d: d["questions"].append({**d["questions"][0], "id": "three"}))
    after = fingerprints(more)
    assert {q: after[q] for q in ("one", "two")} == fingerprints(KNOWLEDGE)
    assert payload_of(more)["version"] != payload_of(KNOWLEDGE)["version"]


def test_option_ids_survive_reordering_and_default_to_position_letters() -> None:
    with_ids = edited(KNOWLEDGE, lambda d: [o.update(id=f"opt-{i}") for i, o in enumerate(d["questions"][1]["options"])])
    payload = payload_of(with_ids)
    assert payload["questions"][1]["options"] == ["opt-0", "opt-1", "opt-2"]
    assert payload["questions"][0]["options"] == ["a", "b", "c"]
    reordered = edited(with_ids, lambda d: d["questions"][1]["options"].reverse())
    assert fingerprints(reordered) == fingerprints(with_ids)
    assert payload_of(reordered)["version"] == payload["version"]


DIAGNOSTIC_WORDING = {
    "prompt": lambda d: d["questions"][0].update(prompt="Reworded?"),
    "option text": lambda d: d["questions"][1]["options"][0].update(text="Reworded"),
    "help and reason": lambda d: (d["questions"][2].update(help="Means this."), d["questions"][2]["options"][0].update(reason="Why.")),
    "outcome texts": lambda d: d["outcomes"][0].update(title="Reworded", summary="Reworded."),
    "a note's text": lambda d: d["rules"][0].update(kind="caveat", title="Mind", text="Careful."),
    "a rule that only adds a note": lambda d: d["rules"].append(
        {"id": "n", "when": {"c": ["x"]}, "kind": "lever", "title": "Use it", "text": "You can.", "outcomes": ["q"]}),
}
DIAGNOSTIC_SCORING = {
    "a weight": ({"c"}, lambda d: d["questions"][2]["options"][0]["weights"].update(q=3)),
    "an option added": ({"c"}, lambda d: d["questions"][2]["options"].append({"id": "z", "text": "Z"})),
    "a rule's answers": ({"a", "b"}, lambda d: d["rules"][0]["when"].update(a=["y"])),
    "a rule's exclusion": ({"a", "b"}, lambda d: d["rules"][0].update(exclude=["p"])),
    "a rule now naming another question": ({"a", "b", "c"}, lambda d: d["rules"][0]["when"].update(c=["x"])),
    "a rule that only notes now rules out": ({"c"}, lambda d: d["rules"].append({"id": "n", "when": {"c": ["x"]}, "exclude": ["p"]})),
}


@pytest.mark.parametrize("edit", DIAGNOSTIC_WORDING)
def test_diagnostic_wording_edits_keep_every_fingerprint(edit: str) -> None:
    changed = edited(DIAGNOSTIC, DIAGNOSTIC_WORDING[edit])
    assert fingerprints(changed) == fingerprints(DIAGNOSTIC)
    if "note" not in edit:  # a note changes the result's notes, hence the version (share links show them)
        assert payload_of(changed)["version"] == payload_of(DIAGNOSTIC)["version"]


@pytest.mark.parametrize("edit", DIAGNOSTIC_SCORING)
def test_diagnostic_scoring_edits_change_the_questions_they_touch(edit: str) -> None:
    touched, change = DIAGNOSTIC_SCORING[edit]
    before, after = fingerprints(DIAGNOSTIC), fingerprints(edited(DIAGNOSTIC, change))
    assert {q for q in before if before[q] != after[q]} == touched
    assert payload_of(edited(DIAGNOSTIC, change))["version"] != payload_of(DIAGNOSTIC)["version"]


def test_a_diagnostics_version_covers_positions_which_share_links_use() -> None:
    reordered = edited(DIAGNOSTIC, lambda d: d["questions"][0]["options"].reverse())
    assert fingerprints(reordered) == fingerprints(DIAGNOSTIC), "ids, not positions, are what answers keep"
    assert payload_of(reordered)["version"] != payload_of(DIAGNOSTIC)["version"], "a share link says positions"


def test_the_legacy_version_is_the_old_whole_content_hash() -> None:
    """Answers saved before fingerprints are taken over only when it matches (assets/migrate.js).

    The expected hashes are what the release before fingerprints gave these very quizzes
    (its whole-content hash, run on them); fields added since leave them as they were.
    """
    assert legacy_version(KnowledgeCheck.model_validate(KNOWLEDGE)) == "63c36e7f1152"
    assert legacy_version(Diagnostic.model_validate(DIAGNOSTIC)) == "75fa93bb11e7"  # new fields at their defaults
    # A quiz using a field added since cannot be what anything was saved for.
    with_ids = edited(KNOWLEDGE, lambda d: d["questions"][0]["options"][0].update(id="x"))
    assert legacy_version(KnowledgeCheck.model_validate(with_ids)) is None


# --------------------------------------------------------------------------- sizes


def test_the_browser_writes_no_more_than_the_build_computes() -> None:
    """storage.js's own encoding of the largest state, beside storage_limits' count of it."""
    models = [model_of(KNOWLEDGE), model_of(DIAGNOSTIC)]

    def longest_ids(data: dict[str, Any]) -> None:
        for number, question in enumerate(data["questions"]):
            question["id"] = "q" * 63 + str(number)
            for index, option in enumerate(question["options"]):
                option["id"] = "o" * 63 + str(index)

    models.append(model_of(edited(KNOWLEDGE, longest_ids)))
    payloads = [quiz_payload(model) for model in models]
    script = """
import { encode, parseSaved } from './plugins/coursegen/assets/storage.js';
const cases = JSON.parse(process.argv[1]);
console.log(JSON.stringify(cases.map(([payload, state]) => {
  const text = encode(state), read = parseSaved(text, payload, 1);
  return [text.length, read.bad, Object.keys(read.state.q).length];
})));
"""
    cases = [[p, {k: v for k, v in largest_state(m).items() if k != "v"}] for p, m in zip(payloads, models, strict=True)]
    done = subprocess.run(["node", "--input-type=module", "-e", script, json.dumps(cases)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    for payload, model, (length, bad, kept) in zip(payloads, models, json.loads(done.stdout), strict=True):
        assert length == largest_state_length(model), payload["id"]
        assert not bad and kept == len(payload["questions"]), "the largest state must be read back whole"


def _big_quiz(questions: int) -> str:
    return yaml.safe_dump({
        "id": "check-water", "kind": "knowledge",
        "questions": [
            {"id": f"question-{n:03d}-" + "x" * 40, "prompt": "Which?", "explanation": "Because.",
             "multiple": True,
             "options": [{"id": f"option-{m}-" + "y" * 50, "text": f"O{m}", "correct": m == 0, "feedback": "F."} for m in range(8)]}
            for n in range(questions)
        ],
    }, sort_keys=False)


def test_a_quiz_whose_state_could_not_be_stored_fails_the_build_with_its_file_and_line(
    mini: Project, build_fails: Callable[..., str]
) -> None:
    text = _big_quiz(200)
    mini.write("quizzes/check-water.yml", text)
    report = build_fails(mini)
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.startswith("- id: question-000"))
    assert f"quizzes/check-water.yml:{line}:" in report, report
    assert f"more than the {MAX_VALUE:,}" in report, report


def test_a_quiz_just_under_the_limit_builds(mini: Project) -> None:
    def fits(n: int) -> bool:
        return largest_state_length(KnowledgeCheck.model_validate(yaml.safe_load(_big_quiz(n)))) <= MAX_VALUE

    # The largest quiz that fits, by halving (the saved state grows with the questions): a
    # count down from 200 read 50 quizzes of 200 KB each, over a minute of the suite.
    low, high = 1, 200
    assert fits(low) and not fits(high)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    n = low
    mini.write("quizzes/check-water.yml", _big_quiz(n))
    site = mini.build(strict=True)
    assert (site / "lessons/water/index.html").is_file()


def test_option_ids_that_clash_are_refused_where_they_are(mini: Project, build_fails: Callable[..., str]) -> None:
    text = (ROOT / "tests/fixtures/mini/quizzes/check-water.yml").read_text(encoding="utf-8")
    # The second option of `green` takes the id the first has by default (its position letter).
    text = text.replace("      - text: Boiling\n", "      - id: a\n        text: Boiling\n", 1)
    mini.write("quizzes/check-water.yml", text)
    report = build_fails(mini)
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.strip() == "- id: a")
    assert f"quizzes/check-water.yml:{line}:" in report, report
    assert "option id `a` is used twice" in report, report


def test_knowledge_options_with_ids_render_under_them(mini: Project) -> None:
    text = (ROOT / "tests/fixtures/mini/quizzes/check-water.yml").read_text(encoding="utf-8")
    mini.write("quizzes/check-water.yml", text.replace("      - text: Boiling\n", "      - id: boiling\n        text: Boiling\n", 1))
    mini.build(strict=True)
    html = mini.html("lessons/water")
    assert 'id="cg-check-water-green-boiling" value="boiling"' in html
    assert 'data-cg-option="a"' in html


def test_the_tools_share_one_cacheable_summary_with_the_checks_fingerprints(mini: Project) -> None:
    """My results, the team view and the home page's progress load one file, named by its content."""
    site = mini.build(strict=True)
    sources = {page: re.findall(r'data-cg-src="([^"]+)"', mini.html(page)) for page in ("my-results", "team", "")}
    # From the site's root on every page (the script may start after instant navigation moved on).
    [[source]] = {tuple(found) for found in sources.values()}
    name = source.removeprefix("assets/coursegen/")
    summary = (site / "assets/coursegen" / name).read_text(encoding="utf-8")
    assert name == f"course-{hashlib.sha256(summary.encode()).hexdigest()[:12]}.json"
    data = json.loads(summary)
    assert set(data["checks"]["check-water"]["fp"]) == {"green", "fresh"}
    assert data["checks"]["check-water"]["legacy"]
    # Lesson URLs are the site's own (the scripts resolve them against its root), not a page's.
    assert data["lessons"][0]["url"] == "lessons/water/"
    assert "cg-course" not in mini.html("") and '"checks"' not in mini.html("my-results")



def test_largest_state_grows_with_what_can_be_saved() -> None:
    small, big = model_of(KNOWLEDGE), model_of(edited(KNOWLEDGE, lambda d: d["questions"].append({**d["questions"][1], "id": "three"})))
    assert 0 < largest_state_length(small) < largest_state_length(big) < MAX_VALUE

