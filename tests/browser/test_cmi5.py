"""A cmi5 package launched as a platform launches it, its statements stored by Ralph.

The tea course is packaged by ``course package cmi5``, unzipped and served on 127.0.0.1.
A test platform (a small handler on another port) plays the LMS's part of a launch: its
fetch URL hands out the session's token once (the course's write-only Ralph user), it
keeps the xAPI State API (LMS.LaunchData, which it writes before the launch, and the
course's resume data: Ralph 5.1 has no State API) and forwards every statement to Ralph,
as the credentials the course sent, so Ralph's own scopes decide. The test reads the
statements back from Ralph and checks them against cmi5's rules.
"""

from __future__ import annotations

import base64
import http.server
import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Frame, Page, expect

from tests.browser import lrs as ralph
from tests.browser.conftest import Site, _mini_course, serving
from tests.browser.support import choose, ready

CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
VERBS = "http://adlnet.gov/expapi/verbs/"
PUBLISHER = "https://lms.example.org/publisher/tea"
RIGHT = {"green": ["a"], "fresh": ["a", "b"]}
NS = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}


@dataclass
class Platform:
    """The LMS's side of cmi5 launches, at http://127.0.0.1:PORT/."""

    lrs: ralph.LRS
    origin: str = ""
    state: dict[tuple[str, str], bytes] = field(default_factory=dict)
    tokens: dict[str, bool] = field(default_factory=dict)
    """Each fetch URL's token, and whether it was fetched already (cmi5: once only)."""
    sessions: dict[str, str] = field(default_factory=dict)

    def launch(self, au: str, registration: str, actor: dict[str, Any], mastery: float) -> dict[str, str]:
        """Write LMS.LaunchData and return the launch parameters of a new session."""
        session = str(uuid.uuid4())
        self.sessions[registration] = session
        self.state[(registration, "LMS.LaunchData")] = json.dumps({
            "contextTemplate": {"contextActivities": {"grouping": [{"id": PUBLISHER}]}, "extensions": {SESSION: session}},
            "launchMode": "Normal", "masteryScore": mastery, "moveOn": "CompletedAndPassed",
        }).encode()
        token = uuid.uuid4().hex
        self.tokens[token] = False
        return {"endpoint": f"{self.origin}/xAPI/", "fetch": f"{self.origin}/fetch/{token}", "actor": json.dumps(actor),
                "registration": registration, "activityId": au}


def _handler(platform: Platform) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _send(self, status: int, body: bytes = b"", kind: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
            self.send_header("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Experience-API-Version")
            self.send_header("Access-Control-Allow-Methods", "GET, PUT, POST, OPTIONS")
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_OPTIONS(self) -> None:
            self._send(204)

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def do_POST(self) -> None:
            parts = urlsplit(self.path)
            token = parts.path.removeprefix("/fetch/")
            self._body()
            if token not in platform.tokens:
                return self._send(404)
            if platform.tokens[token]:
                return self._send(200, json.dumps({"error-code": "1", "error-text": "already fetched"}).encode())
            platform.tokens[token] = True
            secret = base64.b64encode(f"{ralph.WRITER[0]}:{ralph.WRITER[1]}".encode()).decode()
            return self._send(200, json.dumps({"auth-token": secret}).encode())

        def do_GET(self) -> None:
            self._state("GET")

        def do_PUT(self) -> None:
            parts = urlsplit(self.path)
            if parts.path == "/xAPI/statements":
                body = self._body()
                call = urllib.request.Request(platform.lrs.endpoint + "statements?" + parts.query, data=body, method="PUT",
                                              headers={k: self.headers[k] for k in ("Authorization", "Content-Type",
                                                                                      "X-Experience-API-Version")})
                try:
                    with urllib.request.urlopen(call, timeout=10) as response:
                        return self._send(response.status, response.read())
                except urllib.error.HTTPError as error:
                    return self._send(error.code, error.read())
            self._state("PUT")

        def _state(self, method: str) -> None:
            parts = urlsplit(self.path)
            if parts.path != "/xAPI/activities/state":
                return self._send(404)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            if method == "GET" and "stateId" not in query:  # the list of the registration's state ids
                ids = [state for registration, state in platform.state if registration == query.get("registration")]
                return self._send(200, json.dumps(ids).encode())
            key = (query.get("registration", ""), query.get("stateId", ""))
            if method == "PUT":
                platform.state[key] = self._body()
                return self._send(204)
            return self._send(200, platform.state[key]) if key in platform.state else self._send(404)

    return Handler


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, Platform, dict[str, str]]]:
    """The tea course's cmi5 packages served (one AU for the course at the root, one AU per
    lesson under per-lesson/), the test platform and Ralph behind it; and each cmi5.xml."""
    root = tmp_path_factory.mktemp("cmi5-site")
    manifests: dict[str, str] = {}

    def build(base: str) -> None:
        for name, folder, extra in (("course", root, ""), ("per-lesson", root / "per-lesson", "      cmi5_per_lesson: true\n")):
            config = _mini_course(tmp_path_factory, None)
            config.write_text(config.read_text().replace(
                "  - course\n", '  - course:\n      cmi5_lrs_origins: ["http://127.0.0.1:*"]\n' + extra))
            zip_path = root.parent / f"tea-cmi5-{name}.zip"
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "coursegen.cli", "package", "cmi5", "-f", str(config), "-o", str(zip_path)],
                capture_output=True, text=True, check=False, timeout=300)
            assert done.returncode == 0, done.stderr
            print(f"cmi5 package ({name}) in {time.perf_counter() - started:.1f} s")
            with zipfile.ZipFile(zip_path) as archive:
                archive.extractall(folder)
                manifests[name] = archive.read("cmi5.xml").decode()

    with serving(root, "the cmi5 package", build) as site, \
            ralph.running(tmp_path_factory.mktemp("ralph-cmi5"), [site.origin]) as store:
        platform = Platform(store)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(platform))
        server.daemon_threads = True
        platform.origin = f"http://127.0.0.1:{server.server_port}"
        thread = threading.Thread(target=server.serve_forever, name="cmi5 platform", daemon=True)
        thread.start()
        try:
            yield site, platform, manifests
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)


def _course_frame(page: Page) -> Frame:
    expect(page.locator("[data-cg-lms-frame]")).to_be_visible()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        frames = [f for f in page.frames if f.parent_frame is page.main_frame]
        if frames and frames[0].url.endswith(".html"):
            frames[0].wait_for_load_state("networkidle")
            return frames[0]
        page.wait_for_timeout(50)
    raise AssertionError("the launch page framed no course page")


def leave(page: Page) -> None:
    """The learner leaves: pagehide ends the session (cmi5.js sends terminated as the page goes).

    (Playwright drops a keepalive request made while a page unloads whenever the context
    routes requests, so no test of this file routes any.)"""
    page.goto("about:blank")


def _statements(platform: Platform, registration: str) -> list[dict[str, Any]]:
    found = [s for s in platform.lrs.statements() if s.get("context", {}).get("registration") == registration]
    return sorted(found, key=lambda s: s["timestamp"])


def test_a_launch_reports_initialized_completed_passed_terminated_and_resumes(world, make_context, report) -> None:
    site, platform, manifests = world
    au = ET.fromstring(manifests["course"]).find(".//c:au", NS)
    activity, mastery = au.get("id"), float(au.get("masteryScore"))
    registration = str(uuid.uuid4())
    actor = {"objectType": "Agent", "account": {"homePage": "https://lms.example.org", "name": "learner-7"}, "name": "Ada"}
    page = make_context().new_page()
    started = time.perf_counter()
    page.goto(site.url("lms.html") + "?" + urlencode(platform.launch(activity, registration, actor, mastery)))
    frame = _course_frame(page)
    frame.goto(site.url("lessons/water.html"))
    section = ready(frame, "check-water")
    choose(frame, "check-water", RIGHT)
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")
    frame.goto(site.url("lessons/steeping.html"))
    frame.locator("[data-cg-read]").click()
    expect(frame.locator("[data-cg-read-done]")).to_be_visible()
    page.wait_for_timeout(600)  # the launch page saves a quarter of a second after the last event
    leave(page)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not any(s["verb"]["id"].endswith("/terminated") for s in _statements(platform, registration)):
        time.sleep(0.2)
    statements = _statements(platform, registration)
    verbs = [s["verb"]["id"].removeprefix(VERBS) for s in statements]
    assert verbs[0] == "initialized" and verbs[-1] == "terminated", verbs
    assert sorted(verbs) == ["completed", "initialized", "passed", "terminated"], verbs
    session = platform.sessions[registration]
    for s in statements:
        assert s["actor"] == actor
        assert s["object"]["id"] == activity
        assert s["context"]["registration"] == registration
        assert s["context"]["extensions"][SESSION] == session
        assert {"id": PUBLISHER} in s["context"]["contextActivities"]["grouping"]
        categories = [c["id"] for c in s["context"]["contextActivities"]["category"]]
        assert CMI5 in categories
        assert (MOVEON in categories) == (s["verb"]["id"].removeprefix(VERBS) in {"completed", "passed"})
    by_verb = {s["verb"]["id"].removeprefix(VERBS): s for s in statements}
    assert by_verb["passed"]["result"]["success"] is True and by_verb["passed"]["result"]["score"]["scaled"] == 1
    assert by_verb["completed"]["result"]["completion"] is True
    assert by_verb["terminated"]["result"]["duration"].startswith("PT")
    report(f"cmi5: {len(statements)} statements for one session (pass the check, finish the course), "
           f"{time.perf_counter() - started:.1f} s")

    # The resume data is in the State API, under the registration; another browser gets it back.
    kept = json.loads(platform.state[(registration, "https://coursegen.invalid/state/resume")])
    assert kept["resume"] and kept["sent"] == {"completed": True, "passed": True}
    again = make_context().new_page()
    again.goto(site.url("lms.html") + "?" + urlencode(platform.launch(activity, registration, actor, mastery)))
    frame = _course_frame(again)
    assert frame.url.endswith("/lessons/steeping.html"), frame.url  # where the learner left
    frame.goto(site.url("lessons/water.html"))
    ready(frame, "check-water")
    expect(frame.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")
    again.wait_for_timeout(600)
    leave(again)
    time.sleep(1)
    second = [s for s in _statements(platform, registration) if s["context"]["extensions"][SESSION] != session]
    # A second session of a passed, completed registration: only initialized and terminated.
    assert sorted(s["verb"]["id"].removeprefix(VERBS) for s in second) == ["initialized", "terminated"]


def test_a_fetch_url_gives_its_token_once(world) -> None:
    _, platform, _ = world
    params = platform.launch("https://example.org/tea/au", str(uuid.uuid4()), {"mbox": "mailto:a@example.org"}, 0.5)
    for expected in ("auth-token", "error-code"):
        with urllib.request.urlopen(urllib.request.Request(params["fetch"], data=b"", method="POST")) as response:
            assert expected in json.loads(response.read())


def test_a_lesson_of_its_own_reports_for_that_lesson(world, make_context) -> None:
    site, platform, manifests = world
    units = {au.findtext("c:url", namespaces=NS): au for au in ET.fromstring(manifests["per-lesson"]).iter(f"{{{NS['c']}}}au")}
    water = units["lms.html?lesson=water"]
    registration = str(uuid.uuid4())
    actor = {"objectType": "Agent", "account": {"homePage": "https://lms.example.org", "name": "learner-8"}}
    params = platform.launch(water.get("id"), registration, actor, float(water.get("masteryScore")))
    page = make_context().new_page()
    page.goto(site.url("per-lesson/lms.html?lesson=water") + "&" + urlencode(params))
    frame = _course_frame(page)
    assert frame.url.endswith("/per-lesson/lessons/water.html"), frame.url  # the AU opens at its lesson
    section = ready(frame, "check-water")
    choose(frame, "check-water", RIGHT)
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_have_attribute("data-cg-passed", "true")
    page.wait_for_timeout(600)
    leave(page)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(_statements(platform, registration)) < 4:
        time.sleep(0.2)
    statements = _statements(platform, registration)
    # Its one lesson completed and its one check passed: the AU is done, though steeping is not.
    assert sorted(s["verb"]["id"].removeprefix(VERBS) for s in statements) == ["completed", "initialized", "passed", "terminated"]
    assert {s["object"]["id"] for s in statements} == {water.get("id")}


def test_the_self_assessments_result_is_a_statement_the_platform_can_show(world, make_context) -> None:
    """cmi5 allows other statements in a session: the recommendation goes as "responded", with the
    outcome as the result's response, never with the cmi5 category (it is no cmi5-defined statement)."""
    site, platform, manifests = world
    au = ET.fromstring(manifests["course"]).find(".//c:au", NS)
    activity, mastery = au.get("id"), float(au.get("masteryScore"))
    registration = str(uuid.uuid4())
    actor = {"objectType": "Agent", "account": {"homePage": "https://lms.example.org", "name": "learner-9"}}
    page = make_context().new_page()
    page.goto(site.url("lms.html") + "?" + urlencode(platform.launch(activity, registration, actor, mastery)))
    frame = _course_frame(page)
    frame.goto(site.url("quiz.html"))
    section = ready(frame, "which-tea")
    choose(frame, "which-tea", {"taste": ["light"], "milk": ["no"]})
    section.locator("[data-cg-action=check]").click()
    result = section.locator("[data-cg-result]")
    expect(result).to_be_visible()
    outcome = result.locator("[data-cg-outcome]").first.get_attribute("data-cg-outcome") or result.get_attribute("data-cg-outcome")
    assert outcome, "the result names no outcome"
    page.wait_for_timeout(600)
    leave(page)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not any(s["verb"]["id"].endswith("/terminated") for s in _statements(platform, registration)):
        time.sleep(0.2)
    [responded] = [s for s in _statements(platform, registration) if s["verb"]["id"] == VERBS + "responded"]
    assert responded["actor"] == actor
    assert responded["result"]["response"] == outcome
    assert responded["object"]["id"] == f"{activity}/which-tea"
    assert responded["context"]["registration"] == registration
    assert CMI5 not in [c["id"] for c in responded["context"].get("contextActivities", {}).get("category", [])]
