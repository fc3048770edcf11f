"""Learning-platform packages: `course package`, the `packages` option, the resume data's fit.

Every manifest is validated against the published schemas (ADL's SCORM 1.2 and SCORM 2004
4th edition XSDs, with IMS content packaging and simple sequencing, in
tests/fixtures/scorm-schemas/, taken from SCORM packages that ship them) with xmlschema.
"""

from __future__ import annotations

import random
import string
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import xmlschema
from coursegen.packaging import PackageError, make_package
from coursegen.packaging.resume_fit import SCORM12_LIMIT, encode, measure, worst_case

from tests.conftest import FIXTURES, ROOT
from tests.python.conftest import Project

SCHEMAS = FIXTURES / "scorm-schemas"
# IMS's copy of the XML namespace schema binds the default namespace to it, which XML
# parsers refuse; the W3C's own (xml.xsd, beside the 2004 schemas) is the same schema.
_XML = (SCHEMAS / "2004-4th" / "xml.xsd").as_uri()


def _uri(uri: str) -> str:
    return _XML if uri.endswith("ims_xml.xsd") else uri


def _schema(kind: str) -> xmlschema.XMLSchema10:
    if kind == "scorm12":
        folder = SCHEMAS / "1.2"
        return xmlschema.XMLSchema10(str(folder / "imscp_rootv1p1p2.xsd"), uri_mapper=_uri, locations=[
            ("http://www.adlnet.org/xsd/adlcp_rootv1p2", str(folder / "adlcp_rootv1p2.xsd"))])
    folder = SCHEMAS / "2004-4th"
    return xmlschema.XMLSchema10(str(folder / "imscp_v1p1.xsd"), uri_mapper=_uri, locations=[
        ("http://www.adlnet.org/xsd/adlcp_v1p3", str(folder / "adlcp_v1p3.xsd")),
        ("http://www.adlnet.org/xsd/adlseq_v1p3", str(folder / "adlseq_v1p3.xsd")),
        ("http://www.adlnet.org/xsd/adlnav_v1p3", str(folder / "adlnav_v1p3.xsd")),
        ("http://www.imsglobal.org/xsd/imsss", str(folder / "imsss_v1p0.xsd")),
    ])


def course(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "coursegen.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False)


def _manifest(zip_path: Path) -> ElementTree.Element:
    return ElementTree.fromstring(zipfile.ZipFile(zip_path).read("imsmanifest.xml"))


@pytest.mark.parametrize("kind", ["scorm12", "scorm2004"])
def test_the_command_packages_the_course_with_a_valid_manifest(mini: Project, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"tea-{kind}.zip"
    result = course("package", kind, "-f", "mkdocs.yml", "-o", str(out), cwd=mini.root)
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stdout
    archive = zipfile.ZipFile(out)
    names = set(archive.namelist())
    assert {"imsmanifest.xml", "lms.html", "index.html", "lessons/water.html", "quiz.html",
            "assets/coursegen/record.js", "assets/coursegen/record-config.js", "assets/coursegen/lms.js",
            "assets/coursegen/scorm.js"} <= names
    assert not names & {"sitemap.xml", "sitemap.xml.gz", "404.html"}
    lesson = archive.read("lessons/water.html").decode()
    assert 'src="../assets/coursegen/record.js"' in lesson
    assert 'href="steeping.html"' in lesson  # files, not folders: a platform serves no folder's index.html
    # record-config.js names it as the course's identifier (xAPI activity ids), which is never fetched.
    for name in names - {"imsmanifest.xml", "assets/coursegen/record-config.js"}:
        if name.endswith((".html", ".js", ".css")) and not name.startswith("assets/javascripts/"):
            assert "example.org/tea" not in archive.read(name).decode(), f"{name} names the site's address"
    launch = archive.read("lms.html").decode()
    assert '<script type="module" src="assets/coursegen/lms.js"></script>' in launch
    assert "script-src 'self';" in launch and "<script>" not in launch
    # The schema: every package's manifest, and every file it lists is in the zip.
    text = archive.read("imsmanifest.xml").decode()
    _schema(kind).validate(text)
    listed = {element.get("href") for element in _manifest(out).iter() if element.tag.endswith("}file")}
    assert listed == names - {"imsmanifest.xml"}


def test_the_schemas_catch_a_broken_manifest(mini: Project, tmp_path: Path) -> None:
    # The validation can fail: a wrong SCO type is refused by ADL's schema.
    out = tmp_path / "tea.zip"
    make_package(mini.root / "mkdocs.yml", "scorm12", out=out)
    text = zipfile.ZipFile(out).read("imsmanifest.xml").decode().replace('adlcp:scormtype="sco"', 'adlcp:scormtype="page"')
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        _schema("scorm12").validate(text)


def test_scorm2004_makes_one_sco_per_module_on_request(tmp_path: Path, mini: Project) -> None:
    outline = (mini.root / "content/course.yml").read_text()
    mini.write("content/course.yml", outline.replace("    lessons: [water, steeping]",
                                                      "    lessons: [water]\n  - id: more\n    title: More\n    lessons: [steeping]"))
    out = tmp_path / "tea.zip"
    made = make_package(mini.root / "mkdocs.yml", "scorm2004", per_module=True, out=out)
    assert made.path == out and made.size == out.stat().st_size
    _schema("scorm2004").validate(zipfile.ZipFile(out).read("imsmanifest.xml").decode())
    items = [e for e in _manifest(out).iter() if e.tag.endswith("}item")]
    assert [(i.get("identifier"), i.get("parameters")) for i in items] == [
        ("cg-item-basics", "?module=basics"), ("cg-item-more", "?module=more")]
    config = zipfile.ZipFile(out).read("assets/coursegen/record-config.js").decode()
    assert '"more":{"title":"More","lessons":["steeping"],"checks":[],"start":"lessons/steeping.html"}' in config


def test_the_zip_goes_beside_the_site_unless_told(mini: Project) -> None:
    result = course("package", "scorm2004", cwd=mini.root)
    assert result.returncode == 0, result.stderr
    assert (mini.root / "brewing-tea-scorm2004.zip").is_file()


def test_the_plugin_option_makes_the_packages_on_build(mini: Project) -> None:
    config = (mini.root / "mkdocs.yml").read_text()
    mini.write("mkdocs.yml", config.replace("  - course\n", "  - course:\n      packages: [scorm12, scorm2004]\n"))
    site = mini.build(strict=True)
    for kind in ("scorm12", "scorm2004"):
        package = site.parent / f"brewing-tea-{kind}.zip"
        assert package.is_file(), kind
        assert kind in zipfile.ZipFile(package).read("assets/coursegen/record-config.js").decode()
    # The site itself reports too (it has a destination), with its own links.
    assert "assets/coursegen/record.js" in (site / "lessons/water/index.html").read_text()


def test_a_plain_site_has_no_record_script(mini: Project) -> None:
    site = mini.build()
    assert "record.js" not in (site / "lessons/water/index.html").read_text()
    assert not (site / "assets/coursegen/record-config.js").exists()


def test_an_unknown_package_in_the_option_is_named(mini: Project, build_fails) -> None:  # type: ignore[no-untyped-def]
    config = (mini.root / "mkdocs.yml").read_text()
    mini.write("mkdocs.yml", config.replace("  - course\n", "  - course:\n      packages: [scorm13]\n"))
    message = build_fails(mini)
    assert "unknown package 'scorm13'" in message or "unknown package `scorm13`" in message or "scorm13" in message
    assert "did you mean `scorm12`?" in message


def test_unknown_kinds_and_options_are_refused(mini: Project, tmp_path: Path) -> None:
    result = course("package", "scorm3000", cwd=mini.root)
    assert result.returncode == 2 and "invalid choice: 'scorm3000'" in result.stderr
    with pytest.raises(PackageError, match="unknown package `qti`"):
        make_package(mini.root / "mkdocs.yml", "qti")
    result = course("package", "scorm12", "--per-module", cwd=mini.root)
    assert result.returncode == 1 and "SCORM 2004 package only" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_failed_build_leaves_the_earlier_zip_and_no_half_one(mini: Project, tmp_path: Path) -> None:
    out = tmp_path / "tea.zip"
    out.write_bytes(b"the earlier package")
    # A theme template that breaks only when pages are rendered: the checks pass, the build does not.
    mini.write("overrides/main.html", '{% extends "base.html" %}{% block content %}{{ no_such_thing.at_all() }}{% endblock %}')
    config = (mini.root / "mkdocs.yml").read_text()
    mini.write("mkdocs.yml", config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"))
    result = course("package", "scorm12", "-o", str(out), cwd=mini.root)
    assert result.returncode == 1, result.stdout
    assert "course package: SCORM 1.2 package: the course's build failed" in result.stderr
    assert "no_such_thing" in result.stderr and "Traceback" not in result.stderr.split("failed:")[0]
    assert out.read_bytes() == b"the earlier package"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["tea.zip"]


def test_a_page_loading_from_elsewhere_is_refused(mini: Project, tmp_path: Path) -> None:
    index = (mini.root / "content/index.md").read_text()
    mini.write("content/index.md", index + '\n<img src="https://example.com/kettle.png" alt="A kettle">\n')
    with pytest.raises(PackageError, match=r"index.html: loads https://example.com/kettle.png"):
        make_package(mini.root / "mkdocs.yml", "scorm2004", out=tmp_path / "tea.zip")
    assert not (tmp_path / "tea.zip").exists()


def _too_large_check(mini: Project) -> None:
    """A check whose saved answers cannot compress into SCORM 1.2's limit: many long, random ids."""
    rng = random.Random(19)
    lines = ["id: check-water", "kind: knowledge", "pass_mark: 50", "questions:"]
    for _ in range(90):
        question = "q-" + "".join(rng.choices(string.ascii_lowercase, k=40))
        lines += [f"  - id: {question}", "    prompt: Which?", "    explanation: Because.", "    options:"]
        lines += [f"      - text: {text}\n        feedback: So.{correct}" for text, correct in
                  (("One", "\n        correct: true"), ("Two", ""), ("Three", "\n        correct: true"))]
    mini.write("quizzes/check-water.yml", "\n".join(lines) + "\n")


def test_a_course_that_cannot_fit_scorm12_is_told_with_the_figure(mini: Project, tmp_path: Path, build_fails) -> None:  # type: ignore[no-untyped-def]
    _too_large_check(mini)
    result = course("package", "scorm12", "-o", str(tmp_path / "tea.zip"), cwd=mini.root)
    assert result.returncode == 0, result.stderr
    warning = next(line for line in result.stderr.splitlines() if line.startswith("warning: SCORM 1.2 package"))
    assert "“Brewing tea”" in warning and "more than the 4,096 of cmi.suspend_data" in warning
    figure = int(warning.split("could take ")[1].split(" characters")[0].replace(",", ""))
    assert figure > SCORM12_LIMIT
    # The same course as the option: under --strict the build stops before site/ is replaced.
    config = (mini.root / "mkdocs.yml").read_text()
    mini.write("mkdocs.yml", config.replace("  - course\n", "  - course:\n      packages: [scorm12]\n"))
    assert "more than the 4,096 of cmi.suspend_data" in build_fails(mini, strict=True)
    assert not (mini.root / "brewing-tea-scorm12.zip").exists()


def test_the_fit_check_measures_what_the_browser_sends(mini: Project) -> None:
    from coursegen.preflight import check_everything
    from coursegen.project import load_project

    project = load_project(mini.root / "mkdocs.yml")
    site = check_everything(project.options, project.site).site
    resume = worst_case(site.course, "lessons")
    assert set(resume) == {"p:water", "p:steeping", "q:check-water", "q:which-tea", "seed"}
    assert resume["p:water"]["p"] == "lessons/water.html"
    fit = measure(site.course, "lessons", SCORM12_LIMIT)
    assert fit.fits and fit.sent == len(encode(resume, SCORM12_LIMIT))
    assert encode(resume, 100).startswith("z:") and encode(resume, 100_000).startswith("j:")


def test_our_course_fits_scorm12() -> None:
    from coursegen.preflight import check_everything
    from coursegen.project import load_project

    project = load_project(ROOT / "mkdocs.yml")
    site = check_everything(project.options, project.site).site
    fit = measure(site.course, "lessons", SCORM12_LIMIT)
    print(f"worst-case SCORM 1.2 suspend_data of our course: {fit.sent:,} of {SCORM12_LIMIT:,} characters "
                f"({fit.plain:,} before compression)")
    assert fit.fits, fit


def test_the_launch_page_speaks_the_courses_language(mini: Project) -> None:
    config = (mini.root / "mkdocs.yml").read_text()
    mini.write("mkdocs.yml", config.replace("  font: false\n", "  font: false\n  language: de\n"))
    out = mini.root / "de.zip"
    result = course("package", "scorm12", "-o", str(out), cwd=mini.root)
    assert result.returncode == 0, result.stderr
    launch = zipfile.ZipFile(out).read("lms.html").decode()
    assert '<html lang="de">' in launch
    assert "In diesem Browser geht nichts verloren" in launch  # the over-limit notice, from the German table
