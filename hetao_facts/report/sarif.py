"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run whose ``tool.driver.rules`` documents every rule that may appear (id, kebab-case
name, the docstring's summary as ``shortDescription``, its "What it checks" section as
``fullDescription``, the whole docstring as ``help``), sorted by code.

SARIF results are problems, so only failing and warning checks become results; passing
checks (the JSON, JUnit and HTML reports list them) are left out. Suppressed checks stay,
with ``suppressions: [{"kind": "inSource"}]`` (an inline comment) or ``"external"`` (a
baseline), so code scanning shows them as dismissed instead of losing them. A rule's
``helpUri`` is its page under ``docs/rules/`` when the package metadata names a
``Repository`` URL. A result's ``level`` comes from the check's status and severity:
fail+error is ``error``, fail+warning and warn are ``warning``, info is ``note``. Its first
claim is the primary location and the check's other claims are ``relatedLocations``.
``partialFingerprints["hetaoFacts/v1"]`` is the check's fingerprint (stable across edits
elsewhere in the file), so code scanning tracks an alert across commits.

Paths are relative to the repository root (the working directory, or ``root``) with
``uriBaseId`` ``%SRCROOT%``, as code scanning expects; a file outside the root gets an
absolute ``file://`` URI. Columns count Unicode code points (``columnKind``), and
``endColumn`` is the column after the last character. Inputs that could not be read
(HF9xx) are ``toolExecutionNotifications`` of the invocation, which is then not
``executionSuccessful``. A result's ``message`` is the plain-words message (what
disagrees, what would make it agree); ``properties.arithmetic`` keeps the interval
notation. When one figure rewritten makes the check agree, the result has ``fixes[]``:
one replacement of that figure's characters. No timestamps: the same report always gives
the same bytes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import quote

from hetao_facts import __version__
from hetao_facts.model import Check, Fix, Location, Problem, Report, Severity
from hetao_facts.report._jsontext import iter_json
from hetao_facts.report._shared import (
    editor_message,
    is_blocking,
    level_of,
    problem_level,
    relative_path,
    safe_data,
)
from hetao_facts.rules.base import Rule

__all__ = ["SARIF_SCHEMA", "SARIF_VERSION", "iter_render", "render", "to_sarif"]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "hetaoFacts/v1"
_SEVERITY_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str, root: str | None) -> dict[str, Any]:
    rel = relative_path(path, root)
    if rel.startswith("/") or (len(rel) > 1 and rel[1] == ":"):
        full = rel if rel.startswith("/") else "/" + rel
        return {"uri": "file://" + quote(os.fsencode(full), safe="/:")}
    return {"uri": quote(os.fsencode(rel), safe="/"), "uriBaseId": "%SRCROOT%"}


def _physical(loc: Location, root: str | None) -> dict[str, Any] | None:
    if not loc.path:
        return None
    return {
        "artifactLocation": _uri(loc.path, root),
        "region": {
            "startLine": loc.line,
            "startColumn": loc.column,
            "endLine": loc.end_line,
            "endColumn": max(loc.end_column, loc.column + 1)
            if loc.end_line == loc.line
            else loc.end_column,
            "snippet": {"text": loc.text},
        },
    }


def _markdown_help(cls: type[Rule]) -> str:
    lines = [f"**{cls.code} {cls.name}**: {cls.summary()}", ""]
    for heading in ("What it checks", "Why it matters", "Flagged", "Consistent"):
        body = cls.section(heading)
        if body:
            if heading in ("Flagged", "Consistent"):
                body = "\n".join(f"    {line}" for line in body.splitlines())
            lines += [f"### {heading}", "", body, ""]
    return "\n".join(lines).strip()


def rules_url() -> str | None:
    """Where the rule pages are published: ``<Repository URL>/blob/main/docs/rules/``, from
    the installed package's metadata (None when it names no repository)."""
    try:
        from importlib.metadata import metadata

        urls: list[str] = list(metadata("hetao_facts").get_all("Project-URL") or [])
    except Exception:  # not installed as a distribution
        return None
    for entry in urls:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() == "repository" and url.strip().startswith("https://"):
            return str(url).strip().rstrip("/") + "/blob/main/docs/rules/"
    return None


def _rule_entry(cls: type[Rule]) -> dict[str, Any]:
    base = rules_url()
    extra = {"helpUri": f"{base}{cls.code}.md"} if base else {}
    return {
        **extra,
        "id": cls.code,
        "name": cls.name,
        "shortDescription": {"text": cls.summary()},
        "fullDescription": {
            "text": " ".join((cls.section("What it checks") or cls.summary()).split())
        },
        "help": {"text": cls.documentation(), "markdown": _markdown_help(cls)},
        "defaultConfiguration": {"level": _SEVERITY_LEVEL[cls.severity]},
        "properties": {"tags": ["hetao-facts", cls.code[:3] + "xx"]},
    }


def _rules(report: Report, rules: Iterable[type[Rule] | Rule] | None) -> list[dict[str, Any]]:
    if rules is None:
        from hetao_facts.rules.registry import all_rules

        classes: list[type[Rule]] = list(all_rules())
    else:
        classes = [r if isinstance(r, type) else type(r) for r in rules]
    entries = {cls.code: _rule_entry(cls) for cls in classes}
    for c in report.checks:  # a rule run without being registered
        if c.rule not in entries:
            entries[c.rule] = {
                "id": c.rule,
                "name": c.name,
                "shortDescription": {"text": c.explanation or c.name},
                "fullDescription": {"text": c.explanation or c.name},
                "help": {"text": c.explanation or c.name},
            }
    return [entries[k] for k in sorted(entries)]


def _result(check: Check, index: dict[str, int], root: str | None) -> dict[str, Any]:
    level = level_of(check) or "none"
    result: dict[str, Any] = {
        "ruleId": check.rule,
        "ruleIndex": index[check.rule],
        "level": level,
        "message": {"text": editor_message(check)},
    }
    locations = [(loc, _physical(loc, root)) for loc in check.locations]
    primary = [p for _, p in locations if p is not None]
    if primary:
        result["locations"] = [{"physicalLocation": primary[0]}]
    related: list[dict[str, Any]] = []
    first = True
    for loc, phys in locations:
        if phys is None:
            continue
        if first:
            first = False
            continue
        related.append(
            {"id": len(related) + 1, "physicalLocation": phys, "message": {"text": loc.text}}
        )
    if related:
        result["relatedLocations"] = related
    result["partialFingerprints"] = {FINGERPRINT_KEY: check.fingerprint or check.id}
    if check.suppressed:
        kind = "external" if check.suppressed_by == "baseline" else "inSource"
        how = "a baseline entry" if kind == "external" else "a hetao-facts: ignore comment"
        result["suppressions"] = [{"kind": kind, "justification": f"suppressed by {how}"}]
    props: dict[str, Any] = {
        "checkId": check.id,
        "status": check.status.value,
        "severity": check.severity.value,
    }
    if check.margin:
        props["margin"] = check.margin
    if check.plain and check.plain != check.message:
        props["arithmetic"] = check.message  # with both intervals, as `-v` prints it
    result["properties"] = props
    if check.fix is not None and check.fix.path:
        result["fixes"] = [_fix(check.fix, root)]
    return result


def _fix(fix: Fix, root: str | None) -> dict[str, Any]:
    """A SARIF ``fix``: one replacement of the figure's characters (code points)."""
    assert fix.path is not None
    return {
        "description": {"text": fix.description},
        "artifactChanges": [
            {
                "artifactLocation": _uri(fix.path, root),
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": fix.line,
                            "startColumn": fix.column,
                            "endLine": fix.end_line,
                            "endColumn": fix.end_column,
                            "snippet": {"text": fix.text},
                        },
                        "insertedContent": {"text": fix.replacement},
                    }
                ],
            }
        ],
    }


def _notification(problem: Problem, root: str | None) -> dict[str, Any]:
    note: dict[str, Any] = {
        "level": {"error": "error", "warning": "warning", "info": "note"}[problem_level(problem)],
        "message": {"text": problem.message},
        "descriptor": {"id": problem.code},
    }
    if problem.path and not problem.path.startswith("<"):
        phys: dict[str, Any] = {"artifactLocation": _uri(problem.path, root)}
        if problem.line:
            phys["region"] = {"startLine": problem.line}
        note["locations"] = [{"physicalLocation": phys}]
    return note


def to_sarif(
    report: Report,
    *,
    root: str | os.PathLike[str] | None = None,
    rules: Iterable[type[Rule] | Rule] | None = None,
    _lazy: bool = False,
) -> dict[str, Any]:
    """The SARIF log as a dict (see the module docstring)."""
    root_s = os.fspath(root) if root is not None else None
    rule_entries = _rules(report, rules)
    index = {r["id"]: i for i, r in enumerate(rule_entries)}
    results: list[dict[str, Any]]
    if _lazy:  # made while written, one at a time (see iter_render)
        shown = [c for c in report.checks if level_of(c) is not None]
        results = _Lazy(lambda: (safe_data(_result(c, index, root_s)) for c in shown), len(shown))
    else:
        results = [_result(c, index, root_s) for c in report.checks if level_of(c) is not None]
    version = report.tool.get("version", __version__)
    invocation: dict[str, Any] = {
        "executionSuccessful": not any(is_blocking(p) for p in report.problems),
    }
    if report.problems:
        invocation["toolExecutionNotifications"] = [
            _notification(p, root_s) for p in report.problems
        ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "hetao-facts",
                        "version": version,
                        "semanticVersion": version,
                        "rules": rule_entries,
                    }
                },
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(
    report: Report,
    *,
    root: str | os.PathLike[str] | None = None,
    rules: Iterable[type[Rule] | Rule] | None = None,
    **_: Any,
) -> str:
    """The SARIF log as JSON text (keys sorted, 2-space indent)."""
    data = safe_data(to_sarif(report, root=root, rules=rules))  # every string UTF-8-safe
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)


class _Lazy(list[dict[str, Any]]):
    """A list the JSON encoder iterates without it being held: each item is made when the
    encoder reaches it (the encoder asks only for truth and iteration)."""

    def __init__(self, make: Callable[[], Iterator[dict[str, Any]]], n: int) -> None:
        super().__init__()
        self._make = make
        self._n = n

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self._make()

    def __len__(self) -> int:
        return self._n

    def __bool__(self) -> bool:
        return self._n > 0


def iter_render(
    report: Report,
    *,
    root: str | os.PathLike[str] | None = None,
    rules: Iterable[type[Rule] | Rule] | None = None,
    **_: Any,
) -> Iterator[str]:
    """The text of :func:`render` in pieces of about 64 KB, each result made as it is
    written: a SARIF log of a large run is never held whole, as text or as dicts."""
    data = to_sarif(report, root=root, rules=rules, _lazy=True)
    run = data["runs"][0]
    results = run.pop("results")
    data = safe_data(data)  # every string UTF-8-safe (the results are made safe one by one)
    data["runs"][0]["results"] = results
    # the text json.dumps(indent=2, sort_keys=True, ensure_ascii=False) gives, in pieces;
    # the results (four levels down) are made and written one by one
    yield from iter_json(data, streamed_depth=4)
