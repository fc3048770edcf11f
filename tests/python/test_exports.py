"""`course export qti|gift`: every file read back by real parsers (the QTI 2.1 and IMS CP schemas, gift-pegjs)."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from coursegen.cli import main
from coursegen.exports.gift import escape
from coursegen.exports.qti_pattern import xsd_pattern
from coursegen.exports.qti_xhtml import qti_xhtml

from tests.conftest import FIXTURES, ROOT

XSD = FIXTURES / "qti-xsd"
QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
GIFT_PARSER = ROOT / "tests" / "js" / "gift-parse.mjs"
PARSER_INSTALLED = (ROOT / "tests" / "browser" / "node_modules" / "gift-pegjs").is_dir() and shutil.which("node")
needs_gift_pegjs = pytest.mark.skipif(
    not PARSER_INSTALLED, reason="gift-pegjs is not installed: cd tests/browser && npm ci (make test does it)"
)
REAL_COURSE_QUESTIONS = 58  # the twelve knowledge checks' questions
REAL_COURSE_DIAGNOSTIC_QUESTIONS = 13  # strategy-fit's
# Moodle's answer grades (question_bank::fraction_options_full), in percent: an import with the
# default "Match grades: error" refuses any other weight; its GIFT reader takes at most two digits.
MOODLE_GRADES = {100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5}


@pytest.fixture(scope="module")
def schemas() -> dict[str, xmlschema.XMLSchema]:
    """The published QTI 2.1 and IMS Content Packaging 1.1 schemas (tests/fixtures/qti-xsd/README.md)."""
    return {
        "qti": xmlschema.XMLSchema(str(XSD / "qtiv2p1" / "imsqti_v2p1.xsd")),
        "cp": xmlschema.XMLSchema(str(XSD / "imscp_v1p1.xsd")),
    }


def invalid_files(package: Path, schemas: dict[str, xmlschema.XMLSchema]) -> dict[str, str]:
    """Each file of the package its schema refuses, with the first reason."""
    found = {}
    with zipfile.ZipFile(package) as archive:
        for name in archive.namelist():
            schema = schemas["cp"] if name == "imsmanifest.xml" else schemas["qti"]
            errors = list(schema.iter_errors(archive.read(name).decode("utf-8"), use_location_hints=False))
            if errors:
                found[name] = f"{errors[0].reason} at {errors[0].path}"
    return found


def export(kind: str, project: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["export", kind, "-f", str(project), "-o", str(out)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def items(package: Path) -> dict[str, ET.Element]:
    with zipfile.ZipFile(package) as archive:
        return {name: ET.fromstring(archive.read(name)) for name in archive.namelist()}


# --------------------------------------------------------------------------- QTI


def test_qti_of_the_real_course_is_valid_against_the_schemas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], schemas: dict[str, xmlschema.XMLSchema]
) -> None:
    out = tmp_path / "questions.zip"
    code, stdout, stderr = export("qti", ROOT, out, capsys)
    assert code == 0, stderr
    assert f"{REAL_COURSE_QUESTIONS} questions from 12 knowledge checks (QTI 2.1)" in stdout
    assert f"{REAL_COURSE_DIAGNOSTIC_QUESTIONS} skipped" in stdout
    files = items(out)
    item_files = [name for name in files if name.startswith("items/")]
    test_files = [name for name in files if name.startswith("tests/")]
    assert (len(item_files), len(test_files)) == (REAL_COURSE_QUESTIONS, 12)
    assert invalid_files(out, schemas) == {}
    # The manifest lists every file, each test depending on its items.
    manifest = files["imsmanifest.xml"]
    cp = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
    resources = {r.get("href"): r for r in manifest.iter(f"{cp}resource")}
    assert set(resources) == set(item_files) | set(test_files)
    test = resources["tests/check-assess-the-balance.xml"]
    assert len(test.findall(f"{cp}dependency")) == 5
    # Each diagnostic question is named, with its file and line.
    skipped = [line for line in stderr.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == REAL_COURSE_DIAGNOSTIC_QUESTIONS
    assert skipped[0].startswith("skipped: quizzes/strategy-fit.yml:")
    assert "question `balance` of self-assessment `strategy-fit` not exported" in skipped[0]


def test_the_schema_check_can_fail(tmp_path: Path, schemas: dict[str, xmlschema.XMLSchema]) -> None:
    """A broken item is refused, so a clean result above means something."""
    broken = tmp_path / "broken.zip"
    item = (
        '<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="x" title="x" adaptive="false" '
        'timeDependent="false"><itemBody><choiceInteraction responseIdentifier="RESPONSE"/></itemBody></assessmentItem>'
    )
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("items/x.xml", item)
    assert "items/x.xml" in invalid_files(broken, schemas)


def test_qti_holds_every_question_type_and_scoring_policy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], schemas: dict[str, xmlschema.XMLSchema]
) -> None:
    out = tmp_path / "types.zip"
    code, stdout, stderr = export("qti", FIXTURES / "types", out, capsys)
    assert code == 0, stderr
    assert "11 questions from 3 knowledge checks" in stdout
    assert invalid_files(out, schemas) == {}
    files = items(out)

    def response(name: str) -> ET.Element:
        found = files[f"items/{name}.xml"].find(f"{QTI}responseDeclaration")
        assert found is not None
        return found

    def values(element: ET.Element) -> list[str]:
        return [value.text or "" for value in element.iter(f"{QTI}value")]

    # Ordering: the right order, per-correct as a share per pair in order (6 pairs of 4 items, 3 points).
    steps = files["items/check-tasting/steps.xml"]
    assert values(response("check-tasting/steps")) == ["look", "smell", "steep", "sip"]
    assert steps.find(f".//{QTI}orderInteraction") is not None
    shares = [v.text for v in steps.iter(f"{QTI}baseValue") if v.get("baseType") == "float" and v.text != "0"]
    assert shares == ["0.5"] * 6
    # Matching: directed pairs, a share per right match.
    assert sorted(values(response("check-tasting/origins"))) == [
        "item-darjeeling answer-darjeeling", "item-keemun answer-keemun", "item-sencha answer-sencha",
    ]
    targets = files["items/check-tasting/origins.xml"].findall(f".//{QTI}simpleMatchSet")[1]
    assert sorted("".join(t.itertext()) for t in targets) == ["China", "India", "Japan", "Kenya"]
    # Numeric: the range 4.5 to 5.5 and the unit after the input.
    grams = files["items/check-tasting/grams.xml"]
    bounds = [v.text for v in grams.iter(f"{QTI}baseValue") if v.get("baseType") == "float" and v.text != "0"]
    assert bounds == ["4.5", "5.5"]
    assert "".join(grams.find(f".//{QTI}textEntryInteraction/..").itertext()).strip() == "g"  # type: ignore[union-attr]
    # Short answer: the accepted answer ignoring case, the pattern widened to both cases.
    name = files["items/check-tasting/name.xml"]
    assert [m.find(f"{QTI}baseValue").text for m in name.iter(f"{QTI}stringMatch")] == ["matcha"]  # type: ignore[union-attr]
    assert [p.get("pattern") for p in name.iter(f"{QTI}patternMatch")] == ["[mM][aA][tT]([cC][hH]|[sS][hH])[aA]"]
    # Penalty: +0.5 for each right option, -0.5 for each wrong one, never below 0; the pinned option stays put.
    kettle = files["items/check-tasting/kettle.xml"]
    mapping = kettle.find(f".//{QTI}mapping")
    assert mapping is not None and mapping.get("lowerBound") == "0"
    assert {e.get("mapKey"): e.get("mappedValue") for e in mapping} == {"cup": "0.5", "spoon": "0.5", "sugar": "-0.5", "all": "-0.5"}
    assert [c.get("identifier") for c in kettle.iter(f"{QTI}simpleChoice") if c.get("fixed")] == ["all"]
    # Per-option feedback and the explanation, shown from FEEDBACK.
    feedback = {f.get("identifier"): "".join(f.itertext()) for f in kettle.iter(f"{QTI}modalFeedback")}
    assert feedback["sugar"] == "No: it hides the taste."
    assert feedback["EXPLANATION"] == "A white cup and a spoon; nothing that changes the taste."
    # Partial: all the points when exactly right, half when any right option is picked.
    fresh = files["items/check-water/fresh.xml"]
    assert fresh.find(f".//{QTI}responseElseIf/{QTI}or") is not None
    assert [v.text for v in fresh.iter(f"{QTI}baseValue") if v.get("baseType") == "float"] == ["0.5", "0"]
    # The pool draws 2 of its 4 questions; the pass mark of 50 % as the course rounds it.
    pool = files["tests/check-pool.xml"]
    selection = pool.find(f".//{QTI}selection")
    assert selection is not None and selection.get("select") == "2"
    assert len(pool.findall(f".//{QTI}assessmentItemRef")) == 4
    assert [v.text for v in pool.iter(f"{QTI}baseValue")] == ["0.495"]
    # What QTI cannot hold is named: the hints of `grams`.
    assert "check-tasting.yml:26:5: questions[2]: question `grams`: its 2 hints" in stderr


def test_a_broken_course_reports_as_validate_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "types"
    shutil.copytree(FIXTURES / "types", project)
    quiz = project / "quizzes" / "check-water.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("correct: true\n        feedback: Yes, hotter", "correct: maybe\n        feedback: Yes, hotter"), encoding="utf-8")
    code, stdout, stderr = export("qti", project, tmp_path / "out.zip", capsys)
    assert code == 1 and stdout == ""
    assert "quizzes/check-water.yml:9:" in stderr and "correct" in stderr
    assert not (tmp_path / "out.zip").exists()
    assert main(["validate", str(project)]) == 1
    assert capsys.readouterr().err == stderr


def test_a_course_without_knowledge_checks_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "types"
    shutil.copytree(FIXTURES / "types", project)
    for name in ("check-pool", "check-tasting", "check-water"):
        (project / "quizzes" / f"{name}.yml").unlink()
    for lesson in (project / "content" / "lessons").glob("*.yml"):
        text = lesson.read_text(encoding="utf-8")
        lesson.write_text("\n".join(line for line in text.splitlines() if not line.startswith("quiz:")) + "\n", encoding="utf-8")
    code, _, stderr = export("gift", project, tmp_path / "out.gift", capsys)
    assert code == 1
    assert "no knowledge checks" in stderr


def test_xhtml_keeps_text_and_drops_what_qti_refuses() -> None:
    html = '<p style="x">It&rsquo;s <mark>new</mark> <a title="t" href="u?a=1&amp;b=2">here</a><br><img src="i.png"></p><details><summary>More</summary><p>in</p></details>'
    assert qti_xhtml(html) == '<p>It’s new <a href="u?a=1&amp;b=2">here</a><br/><img src="i.png" alt=""/></p>More<p>in</p>'


def test_patterns_become_xml_schema_ones_or_none() -> None:
    assert xsd_pattern(r"^\d+ ?km$") == r"\d+ ?[kK][mM]"
    assert xsd_pattern("[a-c]x") == "[a-cA-C][xX]"
    assert xsd_pattern(r"\bword") is None
    assert xsd_pattern("(?:a)b") is None


# --------------------------------------------------------------------------- GIFT


def gift_parse(*files: Path) -> dict[str, list[dict[str, Any]]]:
    """What gift-pegjs reads in each file (a syntax error fails the test with its line)."""
    run = subprocess.run(
        ["node", str(GIFT_PARSER), *map(str, files)], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    parsed: dict[str, list[dict[str, Any]]] = json.loads(run.stdout)
    return parsed


@needs_gift_pegjs
def test_gift_of_the_real_course_parses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "questions.gift"
    code, stdout, stderr = export("gift", ROOT, out, capsys)
    assert code == 0, stderr
    assert f"{REAL_COURSE_QUESTIONS} questions from 12 knowledge checks (GIFT); {REAL_COURSE_DIAGNOSTIC_QUESTIONS} skipped" in stdout
    parsed = gift_parse(out)[str(out)]
    categories = [q for q in parsed if q["type"] == "Category"]
    questions = [q for q in parsed if q["type"] != "Category"]
    assert len(categories) == 12 and len(questions) == REAL_COURSE_QUESTIONS
    assert categories[0]["title"].startswith("$course$/top/Power imbalance in negotiation/")
    for question in questions:
        assert question["stem"]["format"] == "html" and question["stem"]["text"]
        assert question["globalFeedback"]["text"], question["title"]  # the explanation
        if question["type"] == "MC":
            choices = question["choices"]
            assert all(choice["feedback"]["text"] for choice in choices), question["title"]
            weighted = [c["weight"] for c in choices if c["weight"] is not None]
            if weighted:  # several right answers: their weights make 100 %
                assert sum(w for w in weighted if w > 0) == pytest.approx(100, abs=0.01), question["title"]
                assert all(abs(w) in MOODLE_GRADES - {100} or w == 0 for w in weighted), question["title"]
            else:
                assert sum(c["isCorrect"] for c in choices) == 1, question["title"]
    first = questions[0]
    assert first["title"] == "gap-effect"
    right = [c for c in first["choices"] if c["isCorrect"]]
    assert right[0]["text"]["text"] == "It weakens it, though the weaker side can work on the gap."


@needs_gift_pegjs
def test_gift_holds_every_question_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "types.gift"
    code, _, stderr = export("gift", FIXTURES / "types", out, capsys)
    assert code == 0, stderr
    questions = {q["title"]: q for q in gift_parse(out)[str(out)] if q["type"] != "Category"}
    assert {title: q["type"] for title, q in questions.items()} == {
        "green": "MC", "fresh": "MC", "steps": "Matching", "origins": "Matching", "grams": "Numerical",
        "name": "Short", "kettle": "MC", "light": "MC", "heat": "MC", "damp": "MC", "smells": "MC",
    }
    places = {p["subquestion"]["text"]: p["subanswer"] for p in questions["steps"]["matchPairs"]}
    assert places == {"Look at the dry leaves": "1", "Smell the leaves": "2", "Steep the tea": "3", "Sip and breathe in": "4"}
    assert list(places) != ["Look at the dry leaves", "Smell the leaves", "Steep the tea", "Sip and breathe in"]
    assert [(p["subquestion"]["text"], p["subanswer"]) for p in questions["origins"]["matchPairs"]] == [
        ("Darjeeling", "India"), ("Sencha", "Japan"), ("Keemun", "China"), ("", "Kenya"),
    ]
    assert questions["grams"]["choices"] == {"type": "range", "number": 5, "range": 0.5}
    assert questions["grams"]["stem"]["text"].endswith("_____ g")
    assert [c["text"]["text"] for c in questions["name"]["choices"]] == ["matcha"]
    kettle = {c["text"]["text"]: (c["weight"], c["feedback"]["text"]) for c in questions["kettle"]["choices"]}
    assert kettle == {
        "A white cup": (50, "Yes: it shows the colour."), "A spoon": (50, "Yes: to slurp from."),
        "Sugar": (-50, "No: it hides the taste."), "All of these": (-50, "No: not the sugar."),
    }
    notes = [line for line in stderr.splitlines() if line.startswith("note: ")]
    assert any("question `steps`: GIFT has no ordering question" in line for line in notes)
    assert any("check-tasting.yml:35:5: questions[3]: question `name`: its pattern" in line for line in notes)
    assert any("check `check-pool`: set in the Moodle quiz: grade to pass 50 %, 2 random questions" in line for line in notes)


@needs_gift_pegjs
def test_gift_special_characters_survive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "types"
    shutil.copytree(FIXTURES / "types", project)
    quiz = project / "quizzes" / "check-water.yml"
    text = quiz.read_text(encoding="utf-8")
    text = text.replace("Which temperature suits green tea?", '"Ratio {1:2} = #3 ~ right?"')
    text = text.replace("Too hot for green tea.", '"No: {a} = ~b #c \\\\ d"')
    quiz.write_text(text, encoding="utf-8")
    out = tmp_path / "water.gift"
    code, _, stderr = export("gift", project, out, capsys)
    assert code == 0, stderr
    green = next(q for q in gift_parse(out)[str(out)] if q.get("title") == "green")
    assert green["stem"]["text"] == "<p>Ratio {1:2} = #3 ~ right?</p>"
    assert green["choices"][1]["feedback"]["text"] == "No: {a} = ~b #c \\ d"


def test_gift_escaping_keeps_questions_on_their_lines() -> None:
    assert escape("a{b}=c~d#e:f\\g") == "a\\{b\\}\\=c\\~d\\#e\\:f\\\\g"
    assert escape("<p>one\n\ntwo</p>") == "<p>one  two</p>"
    assert escape("<pre><code>x\ny</code></pre>") == "<pre><code>x&\\#10;y</code></pre>"


@needs_gift_pegjs
def test_gift_writes_a_multiple_answer_question_with_one_right_option_as_moodle_reads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Moodle's GIFT reader takes weights of two digits at most: `%100%` would score 0, so the right option is `=`."""
    project = tmp_path / "types"
    shutil.copytree(FIXTURES / "types", project)
    quiz = project / "quizzes" / "check-water.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("  - id: green\n", "  - id: green\n    multiple: true\n"), encoding="utf-8")
    out = tmp_path / "water.gift"
    code, _, stderr = export("gift", project, out, capsys)
    assert code == 0, stderr
    green = next(q for q in gift_parse(out)[str(out)] if q.get("title") == "green")
    assert [(c["isCorrect"], c["weight"]) for c in green["choices"]] == [(True, None), (False, None)]
    assert "question `green`: it has one right option: Moodle shows it with radio buttons" in stderr


RICH_PROMPT = '''    prompt: |
      Which temperature suits *green* tea? Note `80 °C` {not} = #1:

      - a list item
      - another with <mark>HTML</mark>

      | a | b |
      |---|---|
      | 1 | 2 |

      ```
      code {x} = 1
      line two
      ```

      ![a cup](cup.png)

      > A quote <br> with a break
'''


def rich_course(tmp_path: Path) -> Path:
    """The tea course with lists, a table, code, a picture, raw HTML and a check's intro in its Markdown."""
    project = tmp_path / "rich"
    shutil.copytree(FIXTURES / "types", project)
    quiz = project / "quizzes" / "check-water.yml"
    text = quiz.read_text(encoding="utf-8")
    text = text.replace("pass_mark: 50\n", "pass_mark: 50\nintro: Read **each** question; see [the guide](https://example.org/g).\n", 1)
    text = text.replace("    prompt: Which temperature suits green tea?\n", RICH_PROMPT, 1)
    text = text.replace(
        "        feedback: Too hot for green tea.",
        "        feedback: |\n          Too **hot**.\n\n          More in <details><summary>x</summary>y</details>", 1,
    )
    quiz.write_text(text, encoding="utf-8")
    return project


def test_rich_markdown_stays_valid_qti(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], schemas: dict[str, xmlschema.XMLSchema]
) -> None:
    out = tmp_path / "rich.zip"
    code, _, stderr = export("qti", rich_course(tmp_path), out, capsys)
    assert code == 0, stderr
    assert invalid_files(out, schemas) == {}
    green = items(out)["items/check-water/green.xml"]
    prompt = green.find(f".//{QTI}itemBody/{QTI}div")
    assert prompt is not None
    assert [child.tag.removeprefix(QTI) for child in prompt] == ["p", "ul", "table", "pre", "p", "blockquote"]
    assert "code {x} = 1\nline two" in "".join(prompt.itertext())
    assert "question `green`: its pictures (`cup.png`) are not in the package" in stderr
    rubric = items(out)["tests/check-water.xml"].find(f".//{QTI}rubricBlock")
    assert rubric is not None and "".join(rubric.itertext()) == "Read each question; see the guide."


@needs_gift_pegjs
def test_rich_markdown_stays_one_gift_question(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "rich.gift"
    code, _, stderr = export("gift", rich_course(tmp_path), out, capsys)
    assert code == 0, stderr
    questions = [q for q in gift_parse(out)[str(out)] if q["type"] != "Category"]
    assert len(questions) == 11  # the blank lines of the Markdown did not split the question
    green = next(q for q in questions if q["title"] == "green")
    assert "Note <code>80 °C</code> {not} = #1:</p>" in green["stem"]["text"]
    assert "<pre><code>code {x} = 1&#10;line two&#10;</code></pre>" in green["stem"]["text"]
    assert green["choices"][1]["feedback"]["text"].startswith("<p>Too <strong>hot</strong>.</p> <p>More in")
