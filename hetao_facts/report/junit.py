"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure, CircleCI...).

Every check is a ``<testcase>`` (classname ``hetao-facts.HF101``, name
``path:line:col: message``, the arithmetic, so names stay stable; ``file`` and ``line``
attributes), grouped in one ``<testsuite>`` per rule; inputs that could not be read are
``<error>`` test cases of a last ``problems`` suite.

A test case fails (``<failure>``) exactly when its check fails the run at ``fail_on``, so
the report is red when the exit code is 1: with the default ``--fail-on error``, a failing
check of severity error is a ``<failure type="error">``, and warnings (warn status, or
severity warning/info) pass with the message in ``<system-out>`` prefixed "warning:";
with ``--fail-on warning`` they are ``<failure type="warning">``. Passing checks are plain
test cases with their arithmetic in ``<system-out>``; suppressed ones are ``<skipped>``. A
failure's ``message`` is the plain-words message with its fix, its text adds the arithmetic.
Advisory problems (unused suppression comment HF920, stale baseline entry HF921) are
passing test cases with a warning in ``<system-out>``.

The XML is UTF-8 and always well formed: markup characters are escaped, and characters
XML 1.0 cannot hold (control characters) are written as ``\\x1b``-style escapes. No
timestamps or durations.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from typing import Any

from hetao_facts.model import Check, Problem, Report
from hetao_facts.report._shared import (
    counts_as_failure,
    editor_message,
    is_blocking,
    level_of,
    strip_controls,
)

__all__ = ["iter_render", "render"]


def _x(text: object) -> str:
    return strip_controls(str(text))


def _where(check: Check) -> tuple[str, int, int]:
    if not check.locations:
        return ("", 0, 0)
    loc = check.locations[0]
    return (loc.path or loc.document, loc.line, loc.column)


def _details(check: Check) -> str:
    said = editor_message(check)
    lines = [said] if said == check.message else [said, f"arithmetic: {check.message}"]
    for loc in check.locations:
        lines.append(f"  {loc.path or loc.document}:{loc.line}:{loc.column}: {loc.text!r}")
    lines.append(
        f"check {check.id}, severity {check.severity.value}, fingerprint {check.fingerprint}"
    )
    return "\n".join(lines)


def _short(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _testcase(parent: ET.Element, check: Check, fail_on: str) -> tuple[int, int]:
    """Add one test case; return (failures, skipped) it counts."""
    path, line, col = _where(check)
    attrs = {
        "classname": f"hetao-facts.{check.rule}",
        "name": _x(
            f"{path}:{line}:{col}: {_short(check.message)}" if path else _short(check.message)
        ),
    }
    if path:
        attrs["file"] = _x(path)
        attrs["line"] = str(line)
    case = ET.SubElement(parent, "testcase", attrs)
    if check.suppressed:
        ET.SubElement(case, "skipped", {"message": "suppressed (inline comment or baseline)"})
        ET.SubElement(case, "system-out").text = _x(_details(check))
        return (0, 1)
    if counts_as_failure(check, fail_on):
        level = level_of(check) or "error"
        failure = ET.SubElement(
            case,
            "failure",
            {
                "type": level,
                "message": _x(f"{check.rule} {check.name}: {_short(editor_message(check), 300)}"),
            },
        )
        failure.text = _x(_details(check))
        return (1, 0)
    prefix = f"{level_of(check)}: " if level_of(check) else ""
    ET.SubElement(case, "system-out").text = _x(prefix + _details(check))
    return (0, 0)


def _suite(parent: ET.Element, name: str, attrs: dict[str, str]) -> ET.Element:
    return ET.SubElement(parent, "testsuite", {"name": _x(name), **attrs})


def _problem_case(parent: ET.Element, problem: Problem) -> int:
    where = problem.path or ""
    if where and problem.line:
        where += f":{problem.line}"
    case = ET.SubElement(
        parent,
        "testcase",
        {"classname": f"hetao-facts.{problem.code}", "name": _x(where or problem.code)},
    )
    if is_blocking(problem):
        err = ET.SubElement(case, "error", {"type": problem.code, "message": _x(problem.message)})
        err.text = _x(f"{where}: {problem.message}" if where else problem.message)
        return 1
    ET.SubElement(case, "system-out").text = _x(
        f"warning: {where}: {problem.message} [{problem.code}]"
    )
    return 0


def _set_counts(el: ET.Element, tests: int, failures: int, errors: int, skipped: int) -> None:
    el.set("tests", str(tests))
    el.set("failures", str(failures))
    el.set("errors", str(errors))
    el.set("skipped", str(skipped))


def render(report: Report, *, fail_on: str = "error", **_: Any) -> str:
    """The report as a JUnit XML document (see the module docstring)."""
    root = ET.Element("testsuites", {"name": "hetao-facts"})
    by_rule: dict[str, list[Check]] = {}
    names: dict[str, str] = {}
    for c in report.checks:
        by_rule.setdefault(c.rule, []).append(c)
        names.setdefault(c.rule, c.name)
    total = [0, 0, 0, 0]
    for code in sorted(by_rule):
        suite = _suite(root, f"{code} {names[code]}", {})
        fails = skips = 0
        for c in _ordered(by_rule[code]):
            f, s = _testcase(suite, c, fail_on)
            fails += f
            skips += s
        n = len(by_rule[code])
        _set_counts(suite, n, fails, 0, skips)
        total = [total[0] + n, total[1] + fails, total[2], total[3] + skips]
    if report.problems:
        suite = _suite(root, "problems", {})
        errors = sum(_problem_case(suite, p) for p in report.problems)
        _set_counts(suite, len(report.problems), 0, errors, 0)
        total = [total[0] + len(report.problems), total[1], total[2] + errors, total[3]]
    _set_counts(root, *total)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _counts(check: Check, fail_on: str) -> tuple[int, int]:
    """(failures, skipped) a check's test case counts, as `_testcase` returns them."""
    if check.suppressed:
        return (0, 1)
    return (1, 0) if counts_as_failure(check, fail_on) else (0, 0)


def iter_render(report: Report, *, fail_on: str = "error", **_: Any) -> Iterator[str]:
    """The text of :func:`render` in pieces, one test suite (rule) at a time: the totals
    are counted first, then each suite is built, written and dropped."""
    by_rule: dict[str, list[Check]] = {}
    names: dict[str, str] = {}
    for c in report.checks:
        by_rule.setdefault(c.rule, []).append(c)
        names.setdefault(c.rule, c.name)
    if not by_rule and not report.problems:
        yield render(report, fail_on=fail_on)
        return
    total = [0, 0, 0, 0]
    for c in report.checks:
        f, sk = _counts(c, fail_on)
        total = [total[0] + 1, total[1] + f, total[2], total[3] + sk]
    if report.problems:
        errors = sum(is_blocking(p) for p in report.problems)
        total = [total[0] + len(report.problems), total[1], total[2] + errors, total[3]]
    root = ET.Element("testsuites", {"name": "hetao-facts"})
    _set_counts(root, *total)
    empty = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    yield '<?xml version="1.0" encoding="UTF-8"?>\n' + empty[: -len(" />")] + ">\n  "
    codes = sorted(by_rule)
    for i, code in enumerate(codes):
        suite = ET.Element("testsuite", {"name": _x(f"{code} {names[code]}")})
        fails = skips = 0
        for c in _ordered(by_rule[code]):
            f, sk = _testcase(suite, c, fail_on)
            fails += f
            skips += sk
        _set_counts(suite, len(by_rule[code]), fails, 0, skips)
        last = i == len(codes) - 1 and not report.problems
        yield _indented(suite, last)
    if report.problems:
        suite = ET.Element("testsuite", {"name": "problems"})
        errors = sum(_problem_case(suite, p) for p in report.problems)
        _set_counts(suite, len(report.problems), 0, errors, 0)
        yield _indented(suite, True)
    yield "</testsuites>"


def _indented(suite: ET.Element, last: bool) -> str:
    """A suite as `ET.indent` on the whole tree lays it out (level 1, then its tail)."""
    ET.indent(suite, space="  ", level=1)
    suite.tail = "\n" if last else "\n  "
    return ET.tostring(suite, encoding="unicode", short_empty_elements=True)


def _ordered(checks: Iterable[Check]) -> list[Check]:
    return sorted(checks, key=lambda c: (*_where(c), c.id))
