"""The ``xapi`` option (errors at their line in mkdocs.yml), its policy and config module, and cmi5.xml."""

from __future__ import annotations

import base64
import json
import logging
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema
from coursegen.packaging import load
from coursegen.packaging.cmi5 import cmi5_xml
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from tests.python.conftest import Project
from tests.python.test_plugin_options import with_options

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "tests" / "fixtures" / "cmi5-schema" / "CourseStructure.xsd"
NS = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}


def errors_of(project: Project, caplog: pytest.LogCaptureFixture) -> str:
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        load_config(str(project.root / "mkdocs.yml"))
    return "\n".join(record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR)


def line_of(project: Project, text: str) -> int:
    lines = (project.root / "mkdocs.yml").read_text().splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


@pytest.mark.parametrize(("options", "at", "message"), [
    ("xapi:\n  endpoint: http://lrs.example.org/xAPI/\n  username: u\n  password: p", "endpoint:",
     "plain http to another machine"),
    ("xapi:\n  endpoint: ftp://lrs.example.org/\n  auth: Basic eA==", "endpoint:", "expected the record store's xAPI address"),
    ("xapi:\n  endpoint: https://lrs.example.org/xAPI/\n  usrname: u\n  password: p", "usrname:",
     "unknown field `usrname` (did you mean `username`?)"),
    ("xapi:\n  endpoint: https://lrs.example.org/xAPI/\n  username: u\n  password: !ENV NO_SUCH_VARIABLE_HERE", "password:",
     "`password` is empty (an `!ENV` variable that is not set?)"),
    ("xapi:\n  endpoint: https://lrs.example.org/xAPI/\n  username: u\n  password: p\n  auth: Basic eA==", "auth:",
     "give either `auth`"),
    ("xapi:\n  endpoint: https://lrs.example.org/xAPI/\n  auth: Basic eA==\n  ask_name: perhaps", "ask_name:",
     "`ask_name`: expected true or false"),
    ("xapi:\n  endpoint: https://lrs.example.org/xAPI/\n  auth: Basic eA==\n  activity_id: not an iri", "activity_id:",
     "`activity_id`: expected an absolute IRI"),
    ("xapi:\n  endpoint: https://lrs.example.org/xAPI/", "endpoint:", "no credentials"),  # the mapping's line
    ("cmi5_lrs_origins: [http://lrs.example.org]", "cmi5_lrs_origins:", "is not an origin like https://lrs.example.org"),
])
def test_a_bad_xapi_option_names_its_line(mini: Project, caplog: pytest.LogCaptureFixture, options: str, at: str,
                                          message: str) -> None:
    with_options(mini, options)
    errors = errors_of(mini, caplog)
    line = line_of(mini, at)
    assert re.search(rf"mkdocs\.yml:{line}:\d+: plugins\.course\.(xapi|cmi5_lrs_origins): .*{re.escape(message)}", errors), errors


def test_a_good_xapi_option_reads_env_and_makes_basic_auth(mini: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LRS_SECRET", "s3cret")
    with_options(mini, "xapi:\n  endpoint: http://127.0.0.1:8100/xAPI\n  username: course\n  password: !ENV LRS_SECRET\n"
                       "  activity_id: https://example.org/courses/tea/")
    options = load_config(str(mini.root / "mkdocs.yml")).plugins["course"].config
    xapi = options.xapi
    assert options.cmi5_lrs_origins == ["https:"]  # a cmi5 platform's store is known only at launch
    assert xapi.endpoint == "http://127.0.0.1:8100/xAPI/" and xapi.origin == "http://127.0.0.1:8100"
    assert xapi.auth == "Basic " + base64.b64encode(b"course:s3cret").decode()
    assert xapi.browser_part("https://example.org/tea/")["activity"] == "https://example.org/courses/tea/"


_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(sys.argv[1], strict=True)
config.plugins.on_startup(command="build", dirty=False)
build(config)
"""


def test_the_built_site_names_the_store_in_its_policy_and_its_config_module(mini: Project) -> None:
    with_options(mini, "xapi:\n  endpoint: https://lrs.example.org/xAPI/\n  auth: Basic Y291cnNlOndyaXRl")
    done = subprocess.run([sys.executable, "-c", _BUILD, str(mini.root / "mkdocs.yml")], cwd=mini.root,
                          capture_output=True, text=True, check=False, env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})
    assert done.returncode == 0, done.stderr
    page = (mini.root / "site" / "lessons" / "water" / "index.html").read_text()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)[1]
    assert "connect-src 'self' https://lrs.example.org;" in policy
    assert "assets/coursegen/record.js" in page
    module = (mini.root / "site" / "assets" / "coursegen" / "record-config.js").read_text()
    data = json.loads(module.split("export default ", 1)[1].rstrip().rstrip(";"))
    assert data["xapi"] == {"endpoint": "https://lrs.example.org/xAPI/", "auth": "Basic Y291cnNlOndyaXRl",
                            "activity": "https://example.org/tea/", "askName": True, "host": "lrs.example.org"}


def test_a_plain_site_has_no_connect_src_and_no_record_js(mini: Project) -> None:
    done = subprocess.run([sys.executable, "-c", _BUILD, str(mini.root / "mkdocs.yml")], cwd=mini.root,
                          capture_output=True, text=True, check=False, env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})
    assert done.returncode == 0, done.stderr
    page = (mini.root / "site" / "lessons" / "water" / "index.html").read_text()
    assert "connect-src" not in page and "record.js" not in page


@pytest.mark.parametrize("per_lesson", [False, True])
def test_cmi5_xml_is_valid_against_the_published_schema(mini: Project, per_lesson: bool) -> None:
    config, course, options = load(mini.root / "mkdocs.yml")
    text = cmi5_xml(course=course, config=config, options=options, site_dir=None, per_lesson=per_lesson)
    xmlschema.XMLSchema(str(SCHEMA)).validate(text)
    root = ET.fromstring(text)
    assert root.find("c:course", NS).get("id") == "https://example.org/tea/"
    units = root.findall(".//c:au", NS)
    if not per_lesson:
        (au,) = units
        # check-water's pass mark is 50: the course's mastery is the mean of its checks' marks.
        assert (au.get("moveOn"), au.get("masteryScore"), au.findtext("c:url", namespaces=NS)) == (
            "CompletedAndPassed", "0.5", "lms.html")
    else:
        assert [root.find("c:block", NS).get("id")] == ["https://example.org/tea/modules/basics"]
        by_url = {au.findtext("c:url", namespaces=NS): au for au in units}
        assert list(by_url) == ["lms.html?lesson=water", "lms.html?lesson=steeping"]
        assert by_url["lms.html?lesson=water"].get("masteryScore") == "0.5"
        assert by_url["lms.html?lesson=steeping"].get("moveOn") == "Completed"
        assert by_url["lms.html?lesson=steeping"].get("masteryScore") is None


def test_the_schema_check_can_fail() -> None:
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        xmlschema.XMLSchema(str(SCHEMA)).validate(
            '<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"><course id="x"/></courseStructure>')
