"""SCORM packages in a real LMS runtime: scorm-again (npm) frames the packaged course in Chromium.

The tea course is packaged by the real command (``course package scorm12|scorm2004``),
unzipped and served on 127.0.0.1 beside a test platform page that loads scorm-again's
``Scorm12API`` / ``Scorm2004API`` as ``window.API`` / ``window.API_1484_11``. A learner
passes the knowledge check, marks the other lesson read, takes the self-assessment and
leaves; the test reads what scorm-again kept, then reopens the course in a fresh browser
(nothing in its storage) with that data and finds the answers back on the page.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Frame, Page, expect

from tests.browser.conftest import HERE, Site, _mini_course, serving
from tests.browser.support import ROOT, checked_inputs, choose, ready

pytestmark = pytest.mark.browser

KINDS = ("scorm12", "scorm2004")
PACKAGES: list[str] = []
"""What `course package` said while the fixture made the packages (for the report)."""
SCORM_AGAIN = HERE / "node_modules" / "scorm-again" / "dist"
PLAYER = HERE / "scorm_player"
RIGHT = {"green": ["a"], "fresh": ["a", "b"]}  # check-water's right answers (options keyed a, b, c)
DIAGNOSTIC = {"taste": "light", "milk": "no"}  # which-tea: green tea


@pytest.fixture(scope="session")
def scorm_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The tea course as both packages (made by `course package`), unzipped beside the test platform."""
    config = _mini_course(tmp_path_factory, None)
    root = tmp_path_factory.mktemp("scorm-site")
    assert (SCORM_AGAIN / "scorm12.min.js").is_file(), "run `cd tests/browser && npm ci` to install scorm-again"

    def build(base: str) -> None:
        shutil.copytree(PLAYER, root, dirs_exist_ok=True)
        (root / "scorm-again").mkdir()
        for name in ("scorm12.min.js", "scorm2004.min.js"):
            shutil.copy(SCORM_AGAIN / name, root / "scorm-again" / name)
        # The tea course in two modules, for one SCO per module.
        modules = _mini_course(tmp_path_factory, None)
        outline = modules.parent / "content" / "course.yml"
        outline.write_text(outline.read_text().replace(
            "    lessons: [water, steeping]", "    lessons: [water]\n  - id: more\n    title: More\n    lessons: [steeping]"))
        packages = [*((k, config, k, ()) for k in KINDS), ("real", ROOT / "mkdocs.yml", "scorm12", ()),
                    ("modules", modules, "scorm2004", ("--per-module",))]
        for kind, course_config, standard, options in packages:
            zip_path = root / f"{kind}.zip"
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "coursegen.cli", "package", standard, *options,
                 "-f", str(course_config), "-o", str(zip_path)],
                capture_output=True, text=True, check=False, timeout=300,
            )
            assert done.returncode == 0, done.stderr
            PACKAGES.append(f"{kind}: {done.stdout.strip()} in {time.perf_counter() - started:.1f} s")
            with zipfile.ZipFile(zip_path) as archive:
                archive.extractall(root / kind)

    with serving(root, "the SCORM test platform", build) as served:
        yield served


def _launch(
    page: Page, site: Site, kind: str, saved: dict[str, Any] | None, folder: str | None = None, query: str = "",
) -> Frame:
    """Open the test platform with ``saved`` data and return the course's frame once it shows a page."""
    page.goto(site.url("player.html"))
    page.evaluate("([kind, saved, href]) => launch(kind, saved, href)", [kind, saved, f"{folder or kind}/lms.html{query}"])
    lms = page.frame_locator("#sco")
    expect(lms.locator("[data-cg-lms-frame]")).to_be_visible()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        frames = [f for f in page.frames if f.parent_frame and "/lms.html" in f.parent_frame.url]
        if frames and frames[0].url.endswith(".html"):
            # Settled (the home page fetches the course summary), so leaving it aborts nothing.
            frames[0].wait_for_load_state("networkidle")
            return frames[0]
        page.wait_for_timeout(50)
    raise AssertionError(f"the launch page framed no course page: {[(f.url, f.parent_frame and f.parent_frame.url) for f in page.frames]}")


def _leave(page: Page, kind: str) -> dict[str, Any]:
    """The learner leaves; return the data model scorm-again kept once the session ended."""
    page.evaluate("leave()")
    page.wait_for_function("window.finished === true")
    kept: dict[str, Any] = page.evaluate("(kind) => kept(kind)", kind)
    return kept


def _go(frame: Frame, site: Site, kind: str, path: str) -> None:
    frame.goto(site.url(f"{kind}/{path}"))


def _interactions(cmi: dict[str, Any]) -> list[dict[str, Any]]:
    # scorm-again keeps them as {"0": {...}, "1": {...}}.
    found = cmi["interactions"]
    return [found[key] for key in sorted(found, key=int)] if isinstance(found, dict) else list(found)


@pytest.mark.parametrize("kind", KINDS)
def test_a_learner_passes_leaves_and_resumes_on_the_platform(make_context, scorm_site, kind, report):
    started = time.perf_counter()
    page = make_context().new_page()
    frame = _launch(page, scorm_site, kind, None)
    assert frame.url.endswith(f"/{kind}/index.html"), frame.url

    _go(frame, scorm_site, kind, "lessons/water.html")
    section = ready(frame, "check-water")
    for question, options in RIGHT.items():
        for option in options:
            frame.locator(f'label[for="cg-check-water-{question}-{option}"]').click()
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")

    _go(frame, scorm_site, kind, "lessons/steeping.html")
    frame.locator("[data-cg-read]").click()
    expect(frame.locator("[data-cg-read-done]")).to_be_visible()

    _go(frame, scorm_site, kind, "quiz.html")
    diagnostic = ready(frame, "which-tea")
    for question, option in DIAGNOSTIC.items():
        frame.locator(f'label[for="cg-which-tea-{question}-{option}"]').click()
    diagnostic.locator("[data-cg-action=check]").click()
    expect(diagnostic.locator("[data-cg-result]")).to_have_attribute("data-cg-outcome", "green")
    page.wait_for_timeout(400)  # the launch page saves a quarter of a second after the last event

    cmi = _leave(page, kind)
    interactions = _interactions(cmi)
    assert len(interactions) == 1, interactions
    interaction = interactions[0]
    assert interaction["id"] == "diagnostic-which-tea"
    assert interaction["type"] == "choice" and interaction["result"] == "neutral"
    if kind == "scorm12":
        core = cmi["core"]
        assert core["lesson_status"] == "passed"
        assert core["score"] == {"raw": "100", "min": "0", "max": "100"}
        assert core["lesson_location"] == "quiz.html"
        assert core["exit"] == "suspend"
        assert core["session_time"] not in ("", "00:00:00"), core
        assert interaction["student_response"] == "green"
    else:
        assert cmi["completion_status"] == "completed" and cmi["success_status"] == "passed"
        assert float(cmi["score"]["scaled"]) == 1 and cmi["score"]["raw"] == "100"
        assert float(cmi["progress_measure"]) == 1
        assert cmi["location"] == "quiz.html" and cmi["exit"] == "suspend"
        assert cmi["session_time"].startswith("PT"), cmi["session_time"]
        assert interaction["learner_response"] == "green"
        assert interaction["description"].endswith(": Green tea"), interaction["description"]
        assert interaction["timestamp"][:4].isdigit()
    suspend = cmi["suspend_data"]
    assert suspend.startswith(("j:", "z:")) and len(suspend) <= (4096 if kind == "scorm12" else 64000), suspend[:80]

    # Another device: a fresh browser, only what the platform kept.
    page = make_context().new_page()
    frame = _launch(page, scorm_site, kind, cmi)
    assert frame.url.endswith(f"/{kind}/quiz.html"), frame.url  # where the learner left
    diagnostic = ready(frame, "which-tea")
    expect(diagnostic.locator("[data-cg-result]")).to_have_attribute("data-cg-outcome", "green")
    _go(frame, scorm_site, kind, "lessons/water.html")
    section = ready(frame, "check-water")
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")
    assert checked_inputs(frame, "check-water") == RIGHT
    # Both lessons ticked in the navigation: the progress came back too.
    expect(frame.locator(".md-nav__link .cg-tick")).to_have_count(2)
    again = _leave(page, kind)
    assert (again["core"]["lesson_status"] if kind == "scorm12" else again["success_status"]) == "passed"
    report(f"SCORM {kind} round trip in scorm-again: {time.perf_counter() - started:.1f} s, "
           f"suspend_data {len(suspend)} characters")


def test_without_a_platform_the_launch_page_opens_the_course(page, scorm_site):
    page.goto(scorm_site.url("scorm12/lms.html"))
    expect(page).to_have_url(scorm_site.url("scorm12/index.html"))
    # The plain site: the progress block of the home page works without any platform.
    expect(page.locator(".md-content h1")).to_have_text("Brewing tea")
    assert page.evaluate("typeof window.coursegenLMS") == "undefined"


def test_the_build_measures_resume_data_as_the_browser_compresses_it(page, scorm_site, report):
    # The fit check's figure for our course is the browser's own: CompressionStream('deflate-raw').
    from coursegen.packaging.resume_fit import SCORM12_LIMIT, encode, worst_case
    from coursegen.preflight import check_everything
    from coursegen.project import load_project

    project = load_project(ROOT / "mkdocs.yml")
    resume = worst_case(check_everything(project.options, project.site).site.course, "lessons")
    page.goto(scorm_site.url("player.html"))
    browser = page.evaluate("""async (data) => {
        const json = JSON.stringify(data);
        const stream = new Blob([new TextEncoder().encode(json)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
        const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
        return {plain: json.length, sent: 2 + btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join('')).length};
    }""", resume)
    python = encode(resume, SCORM12_LIMIT)
    report(f"worst-case SCORM 1.2 suspend_data of our course: {len(python)} characters (Python), {browser['sent']} (Chromium), "
           f"{browser['plain']} plain; " + "; ".join(PACKAGES))
    assert python.startswith("z:")
    assert abs(browser["sent"] - len(python)) <= 8, (browser, len(python))


def test_the_packaged_lesson_page_weight(make_context, scorm_site, report):
    import gzip
    from urllib.parse import urlsplit

    from tests.browser.support import Course

    lesson_id, quiz = Course.load().quiz_lesson()
    page = make_context().new_page()
    requested: list[tuple[str, str]] = []
    page.on("request", lambda r: "/assets/coursegen/" in r.url and requested.append((r.frame.url, r.url)))
    # The platform resumes at the lesson: the first page the course frame loads, nothing cached.
    saved = {"core": {"lesson_location": f"lessons/{lesson_id}.html"}}
    frame = _launch(page, scorm_site, "scorm12", saved, "real")
    assert frame.url.endswith(f"/real/lessons/{lesson_id}.html"), frame.url
    ready(frame, quiz.id)
    choose(frame, quiz.id, quiz.wrong_answers())
    frame.locator(f'section[data-cg-quiz="{quiz.id}"] [data-cg-action=check]').click()
    page.wait_for_load_state("networkidle")
    sizes = {}
    launcher = {url for frame_url, url in requested if frame_url.endswith("/lms.html")}
    assert {"lms.js", "scorm.js", "resume.js"} <= {u.rsplit("/", 1)[1] for u in launcher}, launcher
    # What the lesson page uses, cached or not (the launch page fetched course.js and its strings first).
    used = frame.evaluate("performance.getEntriesByType('resource').map((e) => e.name)")
    for url in used:
        if "/assets/coursegen/" not in url:
            continue
        path = scorm_site.root / urlsplit(url).path[len("/course/"):]
        sizes[path.name] = len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
    assert "record.js" in sizes and "record-config.js" in sizes, sizes
    report(f"packaged lesson page (SCORM 1.2, our course): {sum(sizes.values())} bytes gzip -9 under assets/coursegen/: "
           + ", ".join(f"{name} {size}" for name, size in sizes.items()))


def test_over_the_limit_the_platform_gets_the_newest_part_and_the_learner_is_told(make_context, scorm_site, axe):
    page = make_context().new_page()
    page.goto(scorm_site.url("player.html"))
    # Forty quizzes' worth of answers that do not compress (random ids), saved in this browser.
    page.evaluate("""() => {
        const ns = 'coursegen:v2:/course/scorm12/', random = () => Math.random().toString(36).slice(2);
        for (let i = 0; i < 40; i++) {
            const q = {};
            for (let j = 0; j < 6; j++) q[random() + random()] = { a: [random()], f: '0123abcd', t: 1790000000000 + i };
            localStorage.setItem(`${ns}q:big-${i}`, JSON.stringify({ v: 2, q, c: [true, 1790000000000 + i], b: null, d: {}, h: {}, r: 0 }));
        }
    }""")
    frame = _launch(page, scorm_site, "scorm12", None)
    lms = page.frame_locator("#sco")
    expect(lms.locator("[data-cg-lms-over]")).to_be_visible()
    expect(lms.locator("[data-cg-lms-over]")).to_contain_text("Nothing is lost in this browser")
    assert frame.url.endswith("/index.html")
    axe(next(f for f in page.frames if f.url.endswith("/lms.html")), "the launch page with its notice")
    cmi = _leave(page, "scorm12")
    suspend = cmi["suspend_data"]
    assert suspend.startswith("z:") and len(suspend) <= 4096, len(suspend)
    kept = page.evaluate("""async (text) => {
        const bytes = Uint8Array.from(atob(text.slice(2)), (c) => c.charCodeAt(0));
        const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
        return Object.keys(JSON.parse(await new Response(stream).text()));
    }""", suspend)
    quizzes = sorted(int(k.split("-")[1]) for k in kept if k.startswith("q:big-"))
    assert 0 < len(quizzes) < 40 and quizzes == list(range(40 - len(quizzes), 40)), quizzes  # the newest


def test_one_sco_per_module_counts_its_own_lessons(make_context, scorm_site):
    # The second module's SCO (the manifest's ?module=more): one lesson, no check.
    page = make_context().new_page()
    frame = _launch(page, scorm_site, "scorm2004", None, "modules", "?module=more")
    assert frame.url.endswith("/modules/lessons/steeping.html"), frame.url  # the module's first lesson
    frame.locator("[data-cg-read]").click()
    expect(frame.locator("[data-cg-read-done]")).to_be_visible()
    page.wait_for_timeout(400)
    cmi = _leave(page, "scorm2004")
    assert cmi["completion_status"] == "completed" and float(cmi["progress_measure"]) == 1
    assert cmi["success_status"] == "unknown" and cmi["score"]["raw"] == ""  # this module has no check
