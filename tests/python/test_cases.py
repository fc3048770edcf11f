"""Case libraries and stability limits: every build runs them; what does not hold is a located warning."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.python.conftest import Project

HEADER = "# yaml-language-server: $schema=../schemas/cases.schema.json\ndiagnostic: which-tea\ncases:\n"
LIGHT = """  - id: likes-it-light
    situation: Someone who drinks everything weak and without milk.
    answers: {taste: light, milk: "no"}
    expected: green
"""
MILKY = """  - id: light-with-milk
    situation: Likes light drinks but always adds milk.
    answers: {taste: light, milk: "yes"}
    expected: green
    notes: [milk-green]
"""


def course(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "coursegen.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def test_cases_that_hold_pass_strict_and_are_listed_by_analyze(mini: Project) -> None:
    mini.write("cases/which-tea.yml", HEADER + LIGHT + MILKY)
    mini.build(strict=True)
    result = course("analyze", "which-tea", cwd=mini.root)
    assert result.returncode == 0, result.stderr
    assert "cases/which-tea.yml: 2 of 2 cases hold" in result.stdout
    assert "stability of results (exact" in result.stdout


def test_a_case_that_does_not_hold_is_a_warning_at_its_line(mini: Project, build_fails: Callable[..., str]) -> None:
    wrong = LIGHT.replace("expected: green", "expected: black")
    mini.write("cases/which-tea.yml", HEADER + MILKY + wrong)
    mini.build()  # a warning only
    message = build_fails(mini, strict=True)
    assert (
        "cases/which-tea.yml:12:15: cases[1].expected: case `likes-it-light` expects `black`; "
        "the diagnostic gives `green` (points: green 3, black 0)"
    ) in message
    validate = course("validate", cwd=mini.root)
    assert validate.returncode == 0 and "cases/which-tea.yml:12:15" in validate.stderr
    # An acceptable alternative makes it hold.
    mini.write("cases/which-tea.yml", HEADER + MILKY + wrong + "    acceptable: [green]\n")
    mini.build(strict=True)


def test_a_note_that_does_not_show_is_a_warning(mini: Project, build_fails: Callable[..., str]) -> None:
    mini.write("cases/which-tea.yml", HEADER + LIGHT + "    notes: [milk-green]\n")
    assert "case `likes-it-light`: the notes `milk-green` are not shown (shown: none)" in build_fails(mini, strict=True)


def test_broken_case_files_are_problems_with_file_line_and_field(mini: Project, build_fails: Callable[..., str]) -> None:
    mini.write("cases/which-tea.yml", HEADER + """  - id: typo
    situation: Misspelt everything.
    answers: {tast: light, milk: maybe}
    expected: oolong
    acceptable: [green]
    notes: [no-such-note]
    expectd: green
""")
    mini.write("cases/other.yml", "diagnostic: check-water\ncases: []\n")
    message = build_fails(mini)
    for expected in (
        "cases/which-tea.yml:10:5: cases[0].expectd: unknown field `expectd` (did you mean `expected`?)",
        "cases/other.yml:2:8: cases: needs at least 1 item",
    ):
        assert expected in message
    mini.write("cases/which-tea.yml", HEADER + """  - id: typo
    situation: Misspelt everything.
    answers: {tast: light, milk: maybe}
    expected: oolong
    notes: [no-such-note]
""")
    mini.write("cases/other.yml", "diagnostic: check-water\ncases:\n  - {id: a, situation: b, answers: {x: y}, expected: z}\n")
    message = build_fails(mini)
    for expected in (
        "cases/which-tea.yml:6:15: cases[0].answers.tast: no question has the id `tast`; known: `taste`, `milk`",
        "cases/which-tea.yml:6:34: cases[0].answers.milk: question `milk` has no option `maybe`; known: `yes`, `no`",
        "cases/which-tea.yml:7:15: cases[0].expected: no outcome has the id `oolong`; known: `green`, `black`",
        "cases/which-tea.yml:8:13: cases[0].notes[0]: no rule with a note has the id `no-such-note`; known: `milk-green`",
        "cases/other.yml:1:13: diagnostic: no diagnostic has the id `check-water`; diagnostics: `which-tea`",
    ):
        assert expected in message, message
    assert "Traceback" not in message


def test_stability_limits_are_warnings(mini: Project, build_fails: Callable[..., str]) -> None:
    quiz = (mini.root / "quizzes/which-tea.yml").read_text()
    # Each outcome wins 2 of the 4 answer sets, one of them by a single point: a close call at close_call 1.
    mini.write("quizzes/which-tea.yml", quiz + "close_call: 1\nstability:\n  max_close_share: 0.3\n")
    message = build_fails(mini, strict=True)
    for outcome in ("green", "black"):  # every warning is reported, not only the first
        assert (
            f"quizzes/which-tea.yml: 50% of the answer sets leading to `{outcome}` of `which-tea` are close calls "
            "(more than `stability.max_close_share` 30%; exact)"
        ) in message
    mini.write("quizzes/which-tea.yml", quiz + "close_call: 1\nstability:\n  max_close_share: 0.5\n  max_flip_share: 1\n")
    mini.build(strict=True)
    mini.write("quizzes/which-tea.yml", quiz + "stability:\n  max_tie_share: 1.5\n")
    assert "quizzes/which-tea.yml:44:18: stability.max_tie_share: input should be less than or equal to 1, got the number 1.5" in build_fails(mini)
