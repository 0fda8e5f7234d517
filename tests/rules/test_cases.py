"""Run every rule's case file: tests/rules/cases/HFnnn.yml.

A case file::

    rule: HF101
    cases:
      - name: parts add up
        docs:                      # one text per document (a plain string is one document)
          - "The zone comprises a 3.02 km² park in Shenzhen and a 0.87 km² park in Hong Kong."
          - "The zone covers 3.89 km²."
        date: 2023-09-05           # optional document date
        format: markdown           # optional: text (default) or markdown
        expect: pass               # pass | warn | fail | none (no failing or warning check)
        message: "3.89"            # optional fragment of the check's message
        plain: "3.89 km² would"    # optional fragment of the message an editor reads
        fix: "3.89"                # optional: a check offers to write this figure instead
                                   # (null: no check offers a fix)

A case with ``fix`` also applies the fix to its text and runs the rule again: the figure
it rewrote must then be in no failing or warning check of the rule. Every rule whose
cases produce a fix has at least one case with ``fix`` (`test_fixes_have_cases`).

`fail` means at least one failing check of the rule; `pass` at least one passing check
and no failing one; `warn` at least one warning and no failure; `none` neither a warning
nor a failure of the rule.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from hetao_facts.documents import document_from_text
from hetao_facts.engine import run
from hetao_facts.report._shared import editor_message
from hetao_facts.rules.registry import get_rule

CASES = Path(__file__).parent / "cases"


def _load() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for f in sorted(CASES.glob("HF*.yml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for i, case in enumerate(data["cases"]):
            out.append((data["rule"], {"file": f.name, "index": i, **case}))
    return out


ALL = _load()


def _texts(case: dict[str, Any]) -> list[str]:
    docs = case["docs"]
    return [docs] if isinstance(docs, str) else list(docs)


def run_case(code: str, case: dict[str, Any], docs: list[str] | None = None) -> list[Any]:
    docs = _texts(case) if docs is None else docs
    date = case.get("date")
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    fmt = case.get("format", "text")
    ext = "md" if fmt == "markdown" else "txt"
    documents = [
        document_from_text(t, id=f"doc{i + 1}.{ext}", date=date, format=fmt)
        for i, t in enumerate(docs)
    ]
    rule = get_rule(code)()
    report = run(documents, rules=[rule], facts=case.get("facts_path"))
    assert not report.problems, report.problems
    return [c for c in report.checks if c.rule == code]


@pytest.mark.parametrize(("code", "case"), ALL, ids=[f"{c}-{k['name']}" for c, k in ALL])
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    checks = run_case(code, case)
    statuses = [c.status.value for c in checks]
    expect = case["expect"]
    detail = "\n".join(f"  {c.status.value}: {c.message}" for c in checks) or "  (no checks)"
    if expect == "fail":
        assert "fail" in statuses, f"expected a failure:\n{detail}"
    elif expect == "pass":
        assert "pass" in statuses and "fail" not in statuses, f"expected a pass:\n{detail}"
    elif expect == "warn":
        assert "warn" in statuses and "fail" not in statuses, f"expected a warning:\n{detail}"
    elif expect == "none":
        assert "fail" not in statuses and "warn" not in statuses, f"expected nothing:\n{detail}"
    else:  # pragma: no cover
        raise AssertionError(f"unknown expect {expect!r}")
    frag = case.get("message")
    if frag:
        wanted = [c for c in checks if c.status.value == expect] or checks
        assert any(frag in c.message for c in wanted), f"no message contains {frag!r}:\n{detail}"
    frag = case.get("plain")
    if frag:
        wanted = [c for c in checks if c.status.value == expect] or checks
        assert any(frag in editor_message(c) for c in wanted), (
            f"no plain message contains {frag!r}:\n"
            + "\n".join(f"  {c.status.value}: {editor_message(c)}" for c in checks)
        )
    if "fix" in case:
        _check_fix(code, case, checks)


def _check_fix(code: str, case: dict[str, Any], checks: list[Any]) -> None:
    """The case's fix is offered, and the text with it applied no longer disagrees there."""
    offered = [c.fix for c in checks if c.fix is not None]
    if case["fix"] is None:  # `fix: null`: rewriting one figure would not be safe here
        assert not offered, f"unexpected fixes: {[f.description for f in offered]}"
        return
    fixes = [f for f in offered if f.replacement == str(case["fix"])]
    assert fixes, f"no fix writes {case['fix']!r}; offered: {[f.replacement for f in offered]}"
    fix = fixes[0]
    texts = _texts(case)
    i = int(fix.document.split(".")[0].removeprefix("doc")) - 1
    assert texts[i][fix.start : fix.end] == fix.text
    texts[i] = texts[i][: fix.start] + fix.replacement + texts[i][fix.end :]
    after = run_case(code, case, texts)
    still = [
        c
        for c in after
        if c.status.value in ("fail", "warn")
        and any(loc.document == fix.document and loc.start == fix.start for loc in c.locations)
    ]
    assert not still, f"after the fix {texts[i]!r} still: {[c.message for c in still]}"


def test_fixes_have_cases() -> None:
    """A rule that offers fixes shows one in its case file (and the case applies it)."""
    with_fix_case = {code for code, case in ALL if case.get("fix") is not None}
    offering = {
        code
        for code, case in ALL
        if case["expect"] in ("fail", "warn") and any(c.fix for c in run_case(code, case))
    }
    assert offering, "no rule offers a fix"
    assert offering <= with_fix_case, (
        f"rules offering fixes without a fix case: {offering - with_fix_case}"
    )
